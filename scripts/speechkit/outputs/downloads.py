"""Where the Word downloads live in the site and how the page names them; shared by the hook that
writes them, the pages that link them and the tests.

Each template: downloads/<slug>.docx (GB/T 9704) and downloads/<slug>.large.docx (大字版); each meeting
type, per level that has usable templates: downloads/meetings/<meeting slug>-<n>.docx, its 主持词 and
speeches in agenda order. Each file has a .docx.js twin with the same bytes for file:// (see docx_script).
"""
from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..checking import Corpus
from ..reading import Meeting, Variant
from .docx_export import meeting_docx, speech_docx

DOWNLOADS_URI = "downloads"
LARGE_SUFFIX = ".large.docx"
# Front-end files copied from npm by `make vendor` (under overrides/assets/); the build needs them.
VENDORED = ("vendor/fflate.js", "vendor/fflate.LICENSE.txt")
UNSAFE_IN_FILE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
CHAIR = "会议主持人"  # the speaker of a 主持词 (data/speakers.yml)


DRAFT_DOCX_URI = f"{DOWNLOADS_URI}/draft_check.docx"  # the blank document the 检查讲话稿 page sets a draft in (docx_export.draft_docx)


def docx_uri(variant: Variant) -> str:
    return f"{DOWNLOADS_URI}/{variant.slug}.docx"


def large_uri(uri: str) -> str:
    """The 大字版 beside a template's .docx (a site path or a page's relative link to it)."""
    return uri.removesuffix(".docx") + LARGE_SUFFIX


def download_name(title: str) -> str:
    """A file name a Windows user can save: the title without characters Windows refuses."""
    return (UNSAFE_IN_FILE_NAME.sub("", title).strip() or "讲话稿") + ".docx"


def docx_key(uri: str) -> str:
    """What a .docx.js registers its bytes under: the file's name without .docx (docx-fill.js derives it
    from the URL the same way)."""
    return PurePosixPath(uri).name.removesuffix(".docx")


def docx_script(uri: str, data: bytes) -> str:
    """The .docx at `uri` as a script that registers its bytes (base64) under docx_key(uri)."""
    return (f"(window.__speechDocx = window.__speechDocx || {{}})[{json.dumps(docx_key(uri))}] = "
            f"\"{base64.b64encode(data).decode('ascii')}\";\n")


@dataclass(frozen=True)
class MeetingDownload:
    """下载整场会议: one meeting type at one level, its templates in agenda order."""

    meeting: Meeting
    level: str
    variants: tuple[Variant, ...]
    uri: str
    title: str  # the file's title and, with .docx, its name

    @property
    def label(self) -> str:
        kinds = "主持词和讲话稿" if any(v.meta.get("speaker") == CHAIR for v in self.variants) else "讲话稿"
        return f"{self.level}，{len(self.variants)} 篇{kinds}"


def meeting_downloads(corpus: Corpus) -> list[MeetingDownload]:
    """For each meeting type and each level with usable templates (drafts left out): one template per
    agenda slot of that level, the full version before a 简短版 (as the 示例 pages choose), in agenda order.
    Levels are never mixed: a 市级 speech does not belong to a 区（县）级 meeting."""
    levels = list(corpus.registry.fields["level"].choices)
    downloads = []
    for meeting in corpus.registry.meetings.values():
        usable = [v for v in corpus.variants if v.meta.get("meeting") == meeting.name and not v.is_draft]
        present = {str(v.meta.get("level")) for v in usable}
        for level in [lv for lv in levels if lv in present]:
            chosen: list[Variant] = []
            for slot in meeting.agenda:
                fits = sorted((v for v in usable if v.meta.get("level") == level and v.meta.get("speaker") == slot.speaker),
                              key=lambda v: "简短" in v.title)
                if fits and fits[0] not in chosen:
                    chosen.append(fits[0])
            if not chosen:
                continue
            kinds = "主持词和讲话稿" if any(v.meta.get("speaker") == CHAIR for v in chosen) else "讲话稿"
            title = f"{meeting.name}{kinds}" + (f"（{level}）" if len(present) > 1 else "")
            downloads.append(MeetingDownload(meeting=meeting, level=level, variants=tuple(chosen),
                                             uri=f"{DOWNLOADS_URI}/meetings/{meeting.slug}-{levels.index(level) + 1}.docx", title=title))
    return downloads


def word_files(corpus: Corpus) -> dict[str, bytes]:
    """Every Word file of the site by its path: each template in both layouts, each meeting download."""
    registry = corpus.registry
    files = {}
    for variant in corpus.variants:
        files[docx_uri(variant)] = speech_docx(variant, registry)
        files[large_uri(docx_uri(variant))] = speech_docx(variant, registry, large=True)
    for meeting in meeting_downloads(corpus):
        files[meeting.uri] = meeting_docx(meeting.title, meeting.meeting.name, list(meeting.variants), registry)
    return files
