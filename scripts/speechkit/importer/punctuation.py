"""Half-width punctuation in Chinese prose becomes full-width, by the same rule the checks apply
(checks.HALF_WIDTH / FULL_WIDTH), plus the data file's other substitutions (<<>> → 《》, 【】 → 〔〕…)."""
from __future__ import annotations

from ..checking import FULL_WIDTH, HALF_WIDTH
from ..reading import ImportRules


def _quotes(text: str) -> str:
    """ASCII double quotes, paired in order: “ then ”."""
    out, opening = [], True
    for ch in text:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def full_width(text: str, rules: ImportRules) -> tuple[str, int]:
    """The text with Chinese punctuation, and how many marks changed."""
    changed = 0
    for pattern, replacement in rules.punctuation:
        text, n = pattern.subn(replacement, text)
        changed += n
    if '"' in text:
        changed += text.count('"')
        text = _quotes(text)
    text, n = HALF_WIDTH.subn(lambda m: FULL_WIDTH[m.group(0)], text)
    return text, changed + n
