"""A finding is one problem in one file at one line, with the fix, in Chinese."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .chars import terminal_text
from .paths import shown_path

ERROR = "错误"
WARNING = "警告"
PENDING = "待完成"  # an unfinished part of a draft (status: 草稿): listed and shown, never fails a check


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    message: str
    fix: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    @property
    def is_pending(self) -> bool:
        return self.severity == PENDING

    def display_path(self) -> str:
        return shown_path(self.path)

    def __str__(self) -> str:
        """One line for a terminal or CI log: a file name or value that carries control characters
        (ANSI escapes, bidi overrides, a newline and `::`) is printed with them escaped."""
        prefix = "" if self.is_error else f"{self.severity}："
        return terminal_text(f"{self.display_path()}:{self.line}: {prefix}{self.message} 改法：{self.fix}")


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (str(f.path), f.line, f.message))


def summarise(findings: list[Finding]) -> str:
    errors = sum(f.is_error for f in findings)
    warnings = sum(f.is_warning for f in findings)
    pending = sum(f.is_pending for f in findings)
    summary = f"{errors} 个错误，{warnings} 个警告"
    return summary + (f"，草稿中 {pending} 项待完成" if pending else "")


class DataFileError(Exception):
    """A data file (or a pattern or value in it) that cannot be used: its findings say where and why."""

    def __init__(self, finding: Finding, more: list[Finding] | None = None):
        super().__init__(str(finding))
        self.finding = finding
        self.findings = [finding, *(more or [])]
