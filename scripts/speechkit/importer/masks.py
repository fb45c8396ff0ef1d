"""Masks a site put over names (XX, X, xx, ×××, *, ***, 某某, 某局, blanks, `_` inside a word).

Where the context makes the name clear, the mask becomes the formal wording it hid (***总书记 →
习近平总书记) or a registered 【placeholder】 (刚才，XX同志宣读 → 【宣读人姓名】). Otherwise it becomes a
candidate such as 【待定人名】: not registered, so `make check` lists it until a person picks the right
placeholder. A leader's name under a mask is restored by rules derived from data/fixed_phrases.yml
(rules.py); a doubled word masking left behind (同志同志) is merged when listed, else flagged.
"""
from __future__ import annotations

import re

from ..reading import ImportRules, Registry

CJK = re.compile("[\u3400-\u9fff]")
DOUBLED = re.compile(r"([\u4e00-\u9fff]{2,6})\1+")
CONTEXT = 8  # characters either side quoted in the report


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - CONTEXT) : end + CONTEXT]


def _suggestions(kind: str, registry: Registry) -> str:
    names = [f"【{p.name}】" for p in registry.placeholders.values() if p.type == kind][:5]
    return f"登记过的{kind}类占位符有{'、'.join(names)}等" if names else f"data/placeholders.yml 里还没有{kind}类占位符"


def candidate(kind: str, rules: ImportRules) -> str:
    return f"【{rules.candidate_prefix}{kind}】"


def _candidate_note(original: str, context: str, kind: str, rules: ImportRules, registry: Registry) -> str:
    return (f"遮挡“{original}”（“{context}”）看不出是哪一项，写成了{candidate(kind, rules)}："
            f"改成登记过的占位符（{_suggestions(kind, registry)}），或在 data/placeholders.yml 登记新的占位符，或照正式表述写明")


def _kind_of(text: str, start: int, end: int, rules: ImportRules) -> str:
    after, before = text[end:], text[:start]
    for option in rules.candidate_types:
        if (option.after and option.after.search(after)) or (option.before and option.before.search(before)):
            return option.type
    return "文本"


def resolve_masks(text: str, rules: ImportRules, registry: Registry) -> tuple[str, list[str]]:
    """The text with masks replaced, and one report note per replacement."""
    notes: list[str] = []

    def some_unit(m: re.Match) -> str:
        notes.append(_candidate_note(m.group(0), _context(m.string, m.start(), m.end()), "单位", rules, registry))
        return candidate("单位", rules)

    text = rules.mask_some_unit.sub(some_unit, text)
    for rule in rules.mask_rules:
        def replace(m: re.Match, rule=rule) -> str:
            context = _context(m.string, m.start(), m.end())
            if rule.kind == "restore":
                notes.append(f"“{context}”里的“{m.group(0)}”是网站遮挡的写法，恢复为“{rule.replace}”，请核对")
                return rule.replace
            if rule.kind == "placeholder":
                notes.append(f"“{context}”里的遮挡按上下文换成了{rule.replace}，请核对")
                return rule.replace
            notes.append(_candidate_note(m.group(0), context, rule.type, rules, registry))
            return candidate(rule.type, rules)

        text = rule.pattern.sub(replace, text)

    def leftover(m: re.Match) -> str:
        start, end = m.start(), m.end()
        before, after = m.string[start - 1 : start], m.string[end : end + 1]
        if not (CJK.match(before) or CJK.match(after)):
            return m.group(0)  # not next to Chinese: a multiplication sign, an x in a formula
        kind = _kind_of(m.string, start, end, rules)
        notes.append(_candidate_note(m.group(0), _context(m.string, start, end), kind, rules, registry))
        return candidate(kind, rules)

    text = rules.mask.sub(leftover, text)
    return text, notes


def merge_doubled(text: str, rules: ImportRules) -> tuple[str, list[str]]:
    """同志同志 → 同志 for the words data/import.yml lists (a mask's leftover with only one reading);
    any other doubled word is flagged and left as it is (总书记总书记 is a damaged fixed formulation,
    restored by formulations.py before this runs)."""
    notes: list[str] = []

    def once(m: re.Match) -> str:
        word = m.group(1)
        if word in rules.doubled_merge:
            notes.append(f"“{m.group(0)}”重复，可能是网站遮挡留下的，合并成了“{word}”，请核对")
            return word
        notes.append(f"“{m.group(0)}”重复了，可能是网站遮挡留下的，没有改动：请核对原文")
        return m.group(0)

    return DOUBLED.sub(once, text), notes
