"""Findings shown on pages: a draft's 待完成 list, and under `make serve` the page of a variant that
does not pass, so the preview keeps answering and says what to fix.

Finding texts quote the contributor's own words, so every one is escaped here, where it enters Markdown.
"""
from __future__ import annotations

from ..base import Finding
from .render import escape_text

MAX_LISTED = 50  # a page of 500 findings helps nobody; the terminal has them all


def _items(findings: list[Finding], indent: str) -> list[str]:
    lines = [f"{indent}- 第 {f.line} 行：{escape_text(f.message)}改法：{escape_text(f.fix)}" for f in findings[:MAX_LISTED]]
    if len(findings) > MAX_LISTED:
        lines.append(f"{indent}- 另有 {len(findings) - MAX_LISTED} 条，运行 make check 可以看到全部。")
    return lines


def pending_notice(findings: list[Finding]) -> str:
    """A collapsed admonition on a draft's page listing what is still to be written."""
    if not findings:
        return ""
    lines = [f'??? note "草稿：还有 {len(findings)} 处待完成"', ""]
    lines += ["    这是一篇草稿。下面各处完成后，把头部的 status 改为“可用”。", ""]
    lines += _items(findings, "    ")
    return "\n".join(lines) + "\n"


def failing_page(name: str, findings: list[Finding]) -> str:
    """The whole page of a variant that does not pass the checks (only while previewing)."""
    lines = [f"# 没有通过检查：{escape_text(name)}", ""]
    lines += [f'!!! failure "这篇模板有 {len(findings)} 个问题，改好之前不会生成正式页面"', ""]
    lines += ["    按每一条的改法修改文件并保存，这个页面会自动刷新。`make build` 和合并请求的检查在有错误时不生成网站。", ""]
    lines += _items(findings, "    ")
    return "\n".join(lines) + "\n"
