"""Fixed formulations that a 范文 site damaged while hiding a leader's name (以总书记同志为核心的党中央,
深入学习总书记新时代中国特色社会主义思想, 总书记总书记): restored to the standard wording where
data/fixed_phrases.yml says only one original is possible (`safe`), reported and left as they are
where it does not, and reported where a wording only looks damaged (data/import.yml
suspect_formulations). In a leader's speech a wrong name is the worst error, so every restoration and
every doubt is a line in the report; nothing here changes text silently.
"""
from __future__ import annotations

import re

from ..reading import FixedPhrase, ImportRules, restoration

CONTEXT = 8  # characters either side quoted in the report


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - CONTEXT) : end + CONTEXT]


def restore_formulations(text: str, rules: ImportRules) -> tuple[str, list[str]]:
    """The text with the safe damaged forms restored, and one report note per restoration."""
    notes: list[str] = []
    for phrase in rules.fixed_phrases:
        if not phrase.safe:
            continue
        for pattern in phrase.damaged:
            def restore(m: re.Match, phrase=phrase) -> str:
                new, wording = restoration(phrase, m.group(0), m.string[: m.start()], m.string[m.end() :])
                notes.append(f"“{_context(m.string, m.start(), m.end())}”里的“{m.group(0)}”是残缺的固定表述，"
                             f"按 data/fixed_phrases.yml 恢复为“{wording}”：{phrase.why}请核对")
                return new

            text = pattern.sub(restore, text)
    return text, notes


def doubtful_formulations(text: str, rules: ImportRules) -> list[str]:
    """Report lines for what looks damaged and is not restored: the list's unsafe forms (with their
    standard wording) and the wordings data/import.yml finds suspect. The text is not changed."""
    notes, seen = [], set()
    for phrase in rules.fixed_phrases:
        if phrase.safe:
            continue
        for pattern in phrase.damaged:
            for m in pattern.finditer(text):
                seen.add(m.start())
                notes.append(f"“{_context(text, m.start(), m.end())}”里的“{m.group(0)}”可能是残缺的固定表述（标准写法“{phrase.standard}”）：{phrase.why}"
                             "没有改动：核对原文，是残缺写法时改成标准写法")
    for rule in rules.suspect_formulations:
        for m in rule.pattern.finditer(text):
            if m.start() in seen:
                continue
            seen.add(m.start())
            notes.append(f"“{_context(text, m.start(), m.end())}”里的“{m.group(0)}”看起来像被改动过的固定表述：{rule.reason}。"
                         "data/fixed_phrases.yml 里没有登记这种写法，没有改动：核对原文后改正；确是网站常见的残缺写法时，把它登记到 data/fixed_phrases.yml")
    return notes
