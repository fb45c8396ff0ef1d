"""Foundation every layer uses: where the project keeps its inputs (paths), the text rules shared by
parser, checks and renderers (text), the one place that escapes (escape), and the Finding every check
reports (findings). Imports nothing else from speechkit.
"""
from .chars import INVISIBLE, code_point, invisible_name, terminal_text
from .escape import html_text, markdown_text
from .findings import PENDING, WARNING, DataFileError, Finding, sort_findings, summarise
from .patterns import DEFAULT_TIMEOUT, DataPattern, PatternTimeout, data_pattern, pattern_problem
from .paths import DATA_DIR, DOCS_DIR, ROOT, SPEECHES_DIR, SPEECHES_URI, case_key, portable_name_problem, shown_path
from .text import (
    ALTERNATIVE_LINK, BRACED, CJK, CN_DIGITS, LEVEL_DEFAULT, LEVEL_MARK, NOT_COUNTED, PLACEHOLDER, PLACEHOLDER_NAME, SALUTATION, SLUG,
    anchor_end, at_level, cn_number, count_chars, fill_examples, placeholders_in, to_cn,
)
from .portable import JS_FLAGS, PatternProblem, compile_portable, find, first, portable_source, remove
