"""`make lint FILE=…`: one speech checked from the command line, as the 检查讲话稿 page checks it.

A .txt or .docx (or a saved .html page) is read as the importer reads it and checked by the draft
checker (checking/draft.py), the implementation the page's JavaScript is held to by the conformance
corpus. A template (.md with a YAML header) gets the checks of `make check` instead; any other .md is
checked as a draft. Every line printed is `file:line: message 改法：fix`.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..base import shown_path
from ..checking import check_draft, check_variant
from ..importer import ImportRefused, read_speech
from ..reading import Rulebook, parse_variant, read_source

LOCALITY_MARK = "{区}"  # the level switch's marker in template text reads as 区 (templates/README)


def lint_file(path: Path, rulebook: Rulebook, today: dt.date | None = None) -> tuple[list[str], bool]:
    """What to print, and whether the file fails (a problem, or a file that could not be checked)."""
    name = shown_path(path)
    if not path.is_file():
        return [f"{name}: 找不到这个文件。改法：检查 FILE= 后面的路径；路径里有空格时整个用引号括起来，如 make lint FILE=\"我的 讲话.docx\"。"], True
    if path.suffix.lower() == ".md":
        text, refused = read_source(path, rulebook.registry.limits)
        if text is None:
            return [str(f) for f in refused], True
        if text.startswith("---"):
            return _lint_template(path, text, rulebook)
        text = text.replace(LOCALITY_MARK, "区")
    else:
        try:
            text = read_speech(path, rulebook.imports).text
        except ImportRefused as exc:
            return [f"{name}: {exc.message}改法：{exc.fix_for('检查')}"], True  # its advice, for checking
    result = check_draft(text, rulebook, today)
    severities = rulebook.draft.severities
    if result.refused:
        return [result.refused.shown(name, severities)], True
    out = [finding.shown(name, severities) for finding in result.findings]
    problems = sum(f.severity == "problem" for f in result.findings)
    hints = len(result.findings) - problems
    summary = f"{name}：检查了 {len(result.lines)} 行，{severities['problem']} {problems} 处" + (f"，{severities['hint']} {hints} 处" if hints else "") + "。"
    verdict = "未通过：按每一条的“改法”修改后再检查。" if problems else "通过。"
    return out + [summary + verdict], bool(problems)


def _lint_template(path: Path, text: str, rulebook: Rulebook) -> tuple[list[str], bool]:
    """A template: the checks of `make check` on this one file (strict: warnings fail too)."""
    variant, parsed = parse_variant(path, text, limits=rulebook.registry.limits)
    findings = check_variant(variant, rulebook.registry, parsed, rulebook)
    failed = any(f.is_error or f.is_warning for f in findings)
    summary = f"{shown_path(path)}：这是一篇模板，按 make check 的规则检查，{len(findings)} 处。" + ("未通过。" if failed else "通过。")
    return [str(f) for f in findings] + [summary], failed
