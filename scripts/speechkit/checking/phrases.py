"""提法 that two or more variants share, found by the script.

Candidates are quoted terms (“两个维护”) and short clauses between punctuation marks, which is
where fixed official phrases sit; both are found with one regular-expression pass, so the work
grows linearly. (jieba segmentation was measured at about 250,000 characters a second here:
16 s for 1,000 variants, over the budget on its own.) Registered 提法 from data/tifa.yml are
matched too, and each shared phrase carries its currency note from that file. Transitions that
recur but are no 提法 (同时也要看到) are listed in data/phrase_stoplist.yml.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..base import CJK, PLACEHOLDER
from ..reading import Registry, Tifa, Variant

QUOTED = re.compile(rf"“([{CJK}、·]{{2,16}})”")
CLAUSE = re.compile(r"[，。；：！？、“”（）《》\s]+")
LEADING = re.compile(r"^(?:要|把|将|对|在|和|与|并|是|以|从|为|让|使|更|都|也|就|还|又|而|则|即|切实|坚持|坚决|始终|进一步|认真|努力|全面|深入)+")
CLAUSE_LEN = (6, 14)
CJK_ONLY = re.compile(f"[{CJK}]+")


@dataclass
class SharedPhrase:
    text: str
    variants: list[str] = field(default_factory=list)  # slugs, in corpus order
    tifa: Tifa | None = None


def _candidates(text: str) -> set[str]:
    text = PLACEHOLDER.sub("，", text)
    found = set(QUOTED.findall(text))
    shortest, longest = CLAUSE_LEN
    for clause in CLAUSE.split(text):
        if len(clause) < shortest:
            continue
        clause = LEADING.sub("", clause)
        if shortest <= len(clause) <= longest and CJK_ONLY.fullmatch(clause):
            found.add(clause)
    return found


def shared_phrases(variants: list[Variant], registry: Registry, min_variants: int = 2) -> list[SharedPhrase]:
    where: dict[str, list[str]] = defaultdict(list)
    for variant in variants:
        found = _candidates(variant.spoken_text) | registry.tifa_in(variant.spoken_text)
        for phrase in found:
            where[phrase].append(variant.slug)
    out = []
    for phrase, slugs in where.items():
        if len(slugs) >= min_variants and phrase not in registry.phrase_stoplist:
            tifa = next((t for t in registry.tifa if t.pattern.search(phrase)), None)
            out.append(SharedPhrase(phrase, slugs, tifa))
    return sorted(out, key=lambda p: (-len(p.variants), p.tifa is None, -len(p.text), p.text))
