"""New drafts: a 范文 (text, Word or web page) turned into draft variants with a line-by-line review
report (decode, docx_text → junk, spacing, articles and titles, runin, outline, masks, formulations,
punctuation → header and meeting, writer; pipeline runs them, drafts holds the result, report describes
it), or the skeleton filled in (scaffold).
"""
from ..reading import load_import_rules as load_rules  # data/import.yml, read with the other registries
from .decode import ImportRefused
from .decode import read_source as read_speech  # a raw speech (.txt, .docx, .html) as text: make lint reads it so too
from .junk import printable
from .pipeline import check_drafts, convert, draft_files, import_file
from .report import next_steps
from .scaffold import SKELETON_NAME, free_slug, scaffold_text, title_problem, unique_title, write_new
