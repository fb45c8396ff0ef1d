"""What an import produces before anything is written: one Draft per article and the Conversion
holding them with what was removed, split and skipped. Data only, so the pipeline that fills them and
the report that describes them both import it and not each other.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..base import Finding
from .articles import Article
from .junk import Removed
from .pieces import Outline
from .spacing import SpacingReport


@dataclass
class Draft:
    article: Article
    title: str
    meta: dict
    outline: Outline
    header_notes: list[str]
    counts: list[str]  # whole-article changes, as sentences
    comment: str  # the YAML comment at the top of the draft
    markdown: str = ""
    path: Path | None = None
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Conversion:
    source_name: str
    encoding: str
    removed: list[Removed]
    spacing: SpacingReport
    articles: list[Article]
    drafts: list[Draft]
    skipped: list[tuple[Article, str]]  # (article, why no draft was written)
    report_path: Path | None = None
    notes: list[str] = field(default_factory=list)  # what reading the file did to it as a whole (a .docx's tracked changes…)
