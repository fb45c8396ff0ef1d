"""Everything written from the model: template pages (render), pages built from the whole corpus
(pages, examples), Word files (docx_export, downloads), the draft checker's rules for the browser
(draft_rules_json), search entries, the findings shown on pages,
the 更新记录 page and release notes (changelog), and the built pages' text for measuring search
(built_text). `site` holds what one build shares between the hooks.
"""
from . import site
from .built_text import page_texts, pages_with, pages_with_phrase, right_pages
from .changelog import CHANGES_URI, changes_page, last_change_line, release_notes
from .docx_export import DRAFT_SAMPLES, draft_docx, meeting_docx, speech_docx
from .downloads import (
    DRAFT_DOCX_URI, VENDORED, MeetingDownload, docx_script, docx_uri, download_name, large_uri, meeting_downloads, word_files,
)
from .draft_rules_json import RULES_URI, draft_rules, draft_rules_script
from .examples import example_page, example_pages, example_values, example_variants
from .findings_page import failing_page, pending_notice
from .meeting_times import meeting_times
from .pages import (
    expiry_table, generated_pages, limits_table, meeting_flow, nav_titles, pages_outside_nav, role_versions, roles_table,
    shared_roles, speaker_lengths, tifa_page, variant_picker, version_labels,
)
from .render import (
    EXCERPT_MARKER, SPEECH_MARKER, level_html, level_switch, placeholder_html, section_anchor, section_html, speech_html, speech_toc, tifa_table,
    variant_page,
)
from .search_entries import entries
from .picker import ask_url
from .search_ranking import PICKER_MARKER, page_kind, page_record, ranking_payload
