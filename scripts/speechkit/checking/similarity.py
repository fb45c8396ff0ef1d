"""Near-duplicate variants, found in close to linear time.

Each variant's spoken text becomes a set of hashed 8-character shingles, taken at content-defined
anchors (positions of common characters such as 的、是、要), so an insertion shifts nothing and only
about a fifth of the positions are hashed. A bottom-k sketch (the k
smallest hashes) stands for the set; variants that share several sketch values become candidate
pairs through an inverted index, and only candidates get an exact Jaccard similarity. Hash values
shared by very many variants (boilerplate such as 全面从严治党) are left out of the index so that
common phrasing cannot make the work quadratic.
"""
from __future__ import annotations

import heapq
import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from ..base import NOT_COUNTED

SHINGLE = 8
ANCHOR = re.compile("[的是要和在对把为以不有中发进党]")
SKETCH = 64
MIN_SHARED = 4  # sketch values two variants must share to be compared exactly


def normalise(text: str) -> str:
    return NOT_COUNTED.sub("", text)


def shingles(text: str) -> frozenset[int]:
    text = normalise(text)
    return frozenset(hash(text[m.start() : m.start() + SHINGLE]) for m in ANCHOR.finditer(text))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


@dataclass(frozen=True)
class SimilarPair:
    first: str
    second: str
    similarity: float


def near_duplicates(texts: dict[str, str], threshold: float) -> list[SimilarPair]:
    """Pairs of keys whose texts have Jaccard similarity >= threshold, most similar first."""
    sets = {key: shingles(text) for key, text in texts.items()}
    index: dict[int, list[str]] = defaultdict(list)
    for key, values in sets.items():
        for value in heapq.nsmallest(SKETCH, values):
            index[value].append(key)
    too_common = max(8, len(sets) // 20)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for keys in index.values():
        if len(keys) > too_common:
            continue
        for pair in combinations(sorted(keys), 2):
            shared[pair] += 1
    pairs = []
    for (a, b), count in shared.items():
        if count >= MIN_SHARED:
            score = jaccard(sets[a], sets[b])
            if score >= threshold:
                pairs.append(SimilarPair(a, b, score))
    return sorted(pairs, key=lambda p: -p.similarity)
