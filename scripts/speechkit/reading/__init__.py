"""Reading a variant into the one parsed model: the source and its limits, front matter, markup, the
docs/ layout, the data registry (data/*.yml), the model and its parser, and what is derived from the
model alone (the speech head, lengths and speaking time, the cuts for shorter forms). The standard
wordings of fixed formulations (data/fixed_phrases.yml) and the import rules (data/import.yml) load here
too, for the importer and the checks; the rulebook gathers what a drafter's text is checked against
(draft_rules, fixed_phrases, import_rules, rulebook).
"""
from .cuts import Cut, cut_plans, cuttable
from .draft_rules import MESSAGE_FIELDS, DraftRules, Message, fill
from .fixed_phrases import MIN_OVERLAP, FixedPhrase, load_fixed_phrases, restoration
from .frontmatter import parse_front_matter
from .head import HeadLine, agenda_slot, speech_head
from .import_rules import ImportRules, load_import_rules
from .layout import scan_docs
from .levels import Level, Levels
from .markup import MARKDOWN_BLOCK, NO_MARKUP_FIX, markup_problems
from .model import CLOSING, DRAFT, OPENING, Block, Note, Section, Variant
from .parser import MARKERS, parse_variant, read_marker
from .picker_hints import PickerHints, load_picker_hints
from .registry import (
    MAX_DATA_FILE_BYTES, PER_MEETING, PER_TEMPLATE, SCOPE_KEYS, SHARED, DataFileError, FilledExample, HeadField, Meeting, Placeholder,
    Registry, Role, Speaker, Tifa, load_data_text, load_registry, load_yaml,
)
from .rulebook import PortableTifa, Rulebook, load_rulebook
from .search_data import SearchData, load_search_data
from .source import INVISIBLE, check_text, read_source
from .stats import minutes, section_chars, variant_chars
