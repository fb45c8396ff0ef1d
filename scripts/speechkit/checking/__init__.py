"""Checking the parsed variants: the checks on one variant, near-duplicates (similarity), 提法 shared
between variants (phrases), the `fix-level` rewrite of bare 区委 (level_fix), and the corpus: every
variant loaded once and checked, the model every consumer (hooks, `make check`, benchmarks) starts
from. The draft checker (draft) checks a drafter's own text against the same rules, sharing the
numbering walk (numbering) with the checks.
"""
from .addresses import address_problem, address_refusal
from .checks import FULL_WIDTH, HALF_WIDTH, check_punctuation, check_tifa_expiry, check_variant
from .level_fix import LevelFix, fix_levels
from .corpus import Corpus, load_corpus, similar_pairs, variant_paths
from .draft import (
    CODE_PATTERNS, HINT_KINDS, KINDS, MARKER_PATTERNS, QUOTED, DraftFinding, DraftResult, apply_fixes, check_draft, comparable, draft_lines,
    safe_fixes,
)
from .phrases import shared_phrases
