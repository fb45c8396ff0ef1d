"""Every rule a drafter's speech is checked against, read from the data files once: the 提法 registry
(tifa.yml), the fixed formulations (fixed_phrases.yml), masks and web-page junk (import.yml) and the
checker's own settings and wording (draft_check.yml). `make lint`, `make check` (fixed formulations)
and the 检查讲话稿 page (the same rules, emitted as JSON at build time) all start from it.

Each 提法 pattern is compiled here once more in the portable dialect (base/portable.py), since the
browser runs it too; a pattern that the browser would read differently is refused, naming the entry.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..base import Finding, PatternProblem, data_pattern, portable_source
from .draft_rules import DraftRules, load_draft_rules
from .fixed_phrases import FixedPhrase, load_fixed_phrases
from .import_rules import ImportRules, load_import_rules
from .registry import DataFileError, Registry, Tifa


@dataclass(frozen=True)
class PortableTifa:
    tifa: Tifa
    pattern: re.Pattern  # the same pattern in the portable dialect


@dataclass(frozen=True)
class Rulebook:
    registry: Registry
    draft: DraftRules
    fixed: tuple[FixedPhrase, ...]
    imports: ImportRules
    tifa: tuple[PortableTifa, ...]


def _tifa_line(text: str, term: str) -> int:
    m = re.search(rf"^- term:\s*{re.escape(term)}\s*$", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def portable_tifa(registry: Registry) -> tuple[PortableTifa, ...]:
    path = registry.files["tifa"]
    out = []
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    for tifa in registry.tifa:
        try:
            source = portable_source(tifa.pattern.pattern)
        except PatternProblem as exc:
            raise DataFileError(Finding(path, _tifa_line(text, tifa.term), f"提法“{tifa.term}”的 pattern 在浏览器里会有不同的结果：{exc}。",
                                        "改用 Python 和浏览器都认的写法（见 scripts/speechkit/base/portable.py 的说明），或删去 pattern 按原文查找。")) from None
        # checked for shapes that can hang, and time-boxed when it runs (speechkit.base.patterns)
        where = (path, _tifa_line(text, tifa.term), f"提法“{tifa.term}”")
        out.append(PortableTifa(tifa, data_pattern(source, *where, registry.pattern_timeout)))
    return tuple(out)


def load_rulebook(registry: Registry, data_dir: Path | None = None) -> Rulebook:
    """The rules, or DataFileError naming the file, line and entry that cannot be used."""
    data_dir = data_dir or registry.files["tifa"].parent
    return Rulebook(
        registry=registry,
        draft=load_draft_rules(data_dir),
        fixed=load_fixed_phrases(data_dir),
        imports=load_import_rules(registry, data_dir),
        tifa=portable_tifa(registry),
    )
