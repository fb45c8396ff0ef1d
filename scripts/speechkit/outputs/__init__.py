"""Everything written from the model: template pages (render), pages built from the whole corpus
(pages, examples), the tables at markers on our own pages (markers), Word files (docx_export,
downloads), the draft checker's rules for the browser (draft_rules_json), the search index
(search_entries, search_ranking, search_index), the findings shown on pages, the 更新记录 page and release notes (changelog), page metadata and links (page_meta,
page_actions, nav, urls), the HTML allow-list (sanitize), the closed blocks of a sanitized page moved
out of its DOM (folds), Material's navigation link text unwrapped (nav_labels), our JS and CSS minified in the built site (minify), and the built pages' text for measuring search (built_text).

The engine seam: `build` holds what a build decides (refusal, history, a template page); the MkDocs
hooks call these functions, and `export` calls the same ones to write the site's additions into a
folder any engine can build (engine_config reads mkdocs.yml for it). `site` holds what one MkDocs
build shares between the hooks.
"""
from . import csp, site
from .build import (
    BuildRefused, address_refusals, build_refusal, draft_check_files, findings_by_page, preview_corpus, read_history, speech_body, template_markdown,
)
from .built_text import page_texts, pages_with, pages_with_phrase, right_pages
from .changelog import CHANGES_URI, changes_page, last_change_line, release_notes
from .docx_export import DRAFT_SAMPLES, draft_docx, meeting_docx, speech_docx
from .downloads import (
    DRAFT_DOCX_URI, VENDORED, MeetingDownload, docx_key, docx_script, docx_uri, download_name, large_uri, meeting_downloads, word_files,
)
from .draft_rules_json import RULES_URI, draft_rules, draft_rules_script
from .engine_config import export_config, load_engine_config, markdown_extensions
from .export import (
    MANIFEST, Export, Exported, ExportedPage, inlined, load_export, render_markdown, split_front_matter, target_problem, write_export,
)
from .markers import MARKERS, excerpts, fill_excerpts, fill_markers
from .nav import generated_nav, site_nav, templates_in_nav, templates_nav
from .page_actions import FEEDBACK_FORM, page_actions
from .page_meta import escaped_meta, escaped_value, template_meta
from .sanitize import html_cleaner, sanitize
from .search_index import PHRASE_INDEX, SearchIndex, index_json, search_links
from .urls import file_url, page_url, relative_url
from .examples import example_page, example_pages, example_values, example_variants
from .findings_page import failing_page, pending_notice
from .folds import fold_hidden
from .meeting_times import meeting_times
from .minify import minify_site
from .nav_labels import plain_nav_labels
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
