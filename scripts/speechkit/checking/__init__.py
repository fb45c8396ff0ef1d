"""Checking the parsed variants: the checks on one variant, near-duplicates (similarity), 提法 shared
between variants (phrases), the `fix-level` rewrite of bare 区委 (level_fix), and the corpus: every variant loaded once and checked, the model every
consumer (hooks, `make check`, benchmarks) starts from.
"""
from .addresses import address_problem, address_refusal
from .checks import FULL_WIDTH, HALF_WIDTH, check_punctuation, check_tifa_expiry, check_variant
from .level_fix import LevelFix, fix_levels
from .corpus import Corpus, load_corpus, similar_pairs, variant_paths
from .phrases import shared_phrases
