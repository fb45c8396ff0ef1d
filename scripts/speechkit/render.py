"""Turn the model into Markdown for MkDocs (Material, attr_list, md_in_html, admonitions).

The same functions render a section on its template page and on the comparison pages, so a
paragraph is written in exactly one place: the variant file.

HTML contract for overrides/assets/javascripts/speech.js (fill-in, copy, print):
- `.speech[data-speech]` wraps a whole speech; `.speech-section[data-role]` wraps each part;
- `.speech-head` holds the speech's own head: one `.speech-text.speech-head-line[data-head]` per line
  (讲话标题, 讲话人, 日期; `data-ph-desc`, `data-ph-example`); a head without a default is a
  placeholder span with `data-ph-scope="template"` (its value is kept per template, never shared);
- `.speech-tools` holds 复制全文 (`button[data-speech-copy="all"]`), 下载 Word (`a[data-speech-docx]`, the
  site's .docx of the template) and 下载已填写的 Word (`button[data-speech-docx-filled]`), rendered here so
  that nothing moves when the script starts;
- every spoken heading or paragraph has the class `speech-text` (in reading order);
- every placeholder is `span.ph[data-ph]` with `data-ph-type`, `data-ph-desc`, `data-ph-example`;
- `.section-meta` holds the role label and length; it and annotations are never copied;
- `.speech-excerpt[data-source]` wraps one variant's version of a section on a comparison page;
- `[data-fill-panel]` is where the fill-in dock goes (fixed to the window, so only its keyboard order depends on it).
"""
from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re

from .downloads import docx_uri, download_name
from .head import speech_head
from .model import Block, Note, Section, Variant
from .paths import SPEECHES_URI
from .registry import HeadField, Placeholder, Registry
from .cuts import Cut, cut_plans, cuttable
from .stats import minutes, section_chars, variant_chars
from .text import PLACEHOLDER

MARK = "\x00"  # stands in for an annotation marker until the text is escaped
# HTML-escape and Markdown-escape prose in one pass
NEEDS_ESCAPE = re.compile(r"[&<>\\`*_\[\]{}]")
ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"} | {ch: "\\" + ch for ch in "\\`*_[]{}"})


def attr(value: str) -> str:
    return html.escape(str(value), quote=True)


def with_description(description: str, markdown: str) -> str:
    """Front matter giving a generated page its own <meta name="description"> (JSON is valid YAML)."""
    return f"---\ndescription: {json.dumps(description, ensure_ascii=False)}\n---\n\n{markdown}"


def placeholder_html(name: str, registry: Registry) -> str:
    ph = registry.placeholders.get(name)
    if ph is None:  # unregistered names never reach a page: the checks stop the build first
        return f"【{html.escape(name)}】"
    return _span(ph)


@functools.lru_cache(maxsize=1024)
def _span(ph: Placeholder) -> str:
    scope = ' data-ph-scope="template"' if ph.per_template else ""
    return (
        f'<span class="ph" data-ph="{attr(ph.name)}"{scope} data-ph-type="{attr(ph.type)}" '
        f'data-ph-desc="{attr(ph.description)}" data-ph-example="{attr(ph.example)}">【{html.escape(ph.name)}】</span>'
    )


def _head_span(field: HeadField) -> str:
    return (
        f'<span class="ph" data-ph="{attr(field.name)}" data-ph-scope="template" data-ph-type="文本" '
        f'data-ph-desc="{attr(field.description)}" data-ph-example="{attr(field.example)}">【{html.escape(field.name)}】</span>'
    )


def head_html(variant: Variant, registry: Registry) -> str:
    """The speech's head as raw HTML lines: a default's placeholders are spans like the body's."""
    lines = ['<div class="speech-head">']
    for line in speech_head(variant, registry):
        before, value, after = line.parts
        if line.default:
            out, last = [], 0
            for m in PLACEHOLDER.finditer(value):
                out += [html.escape(value[last : m.start()]), placeholder_html(m.group(1), registry)]
                last = m.end()
            body = "".join(out) + html.escape(value[last:])
        else:
            body = _head_span(line.field)
        lines.append(
            f'<p class="speech-text speech-head-line" data-head="{attr(line.name)}" data-ph-desc="{attr(line.field.description)}" '
            f'data-ph-example="{attr(line.field.example)}">{html.escape(before)}{body}{html.escape(after)}</p>'
        )
    lines.append("</div>")
    return "\n".join(lines)


def speech_tools(variant: Variant) -> str:
    """The tools above a speech. 下载 Word is a Markdown link, so MkDocs checks it and makes it relative
    for either URL style; the buttons work once speech.js runs."""
    depth = SPEECHES_URI.count("/") + 1
    href = "../" * depth + docx_uri(variant)
    copy = f'<button type="button" class="speech-button speech-copy" data-speech-copy="all" aria-label="复制全文：{attr(variant.title)}">复制全文</button>'
    word = f'[下载 Word]({href}){{ .speech-button data-speech-docx="{attr(variant.slug)}" download="{attr(download_name(variant.title))}" }}'
    filled = '<button type="button" class="speech-button" data-speech-docx-filled>下载已填写的 Word</button>'
    return f"{copy} {word} {filled}\n{{ .speech-tools }}"


def inline(text: str, registry: Registry) -> str:
    """Escape prose for Markdown, then turn 【名称】 into placeholder spans and markers into (N)."""
    out, last = [], 0
    for m in PLACEHOLDER.finditer(text):
        out.append(escape_text(text[last : m.start()]))
        out.append(placeholder_html(m.group(1), registry))
        last = m.end()
    out.append(escape_text(text[last:]))
    rendered = "".join(out)
    return re.sub(f"{MARK}(\\d+){MARK}", r"(\1)", rendered)


def escape_text(text: str) -> str:
    return text.translate(ESCAPES) if NEEDS_ESCAPE.search(text) else text  # Chinese prose rarely needs it


def _block_start(text: str) -> str:
    """Keep a paragraph that starts with 1. or - from turning into a Markdown list."""
    return re.sub(r"^(\d+)\.", r"\1\\.", text) if re.match(r"^\d+\.", text) else text


def _with_markers(text: str, notes: list[Note]) -> str:
    """Put annotation markers after the words each note explains (or at the end of the paragraph)."""
    for number, note in enumerate(notes, start=1):
        marker = f"{MARK}{number}{MARK}"
        if note.anchor and note.anchor in text:
            at = text.index(note.anchor) + len(note.anchor)
            text = text[:at] + marker + text[at:]
        else:
            text += marker
    return text


def block_markdown(block: Block, registry: Registry, *, annotations: bool = True) -> str:
    notes = block.notes if annotations else []
    body = _block_start(inline(_with_markers(block.text, notes), registry))
    classes = ".speech-text .annotate" if notes else ".speech-text"
    lines = [body, f"{{ {classes} }}", ""]
    for number, note in enumerate(notes, start=1):
        label = note.kind if note.kind in ("提法", "可删") else "注"
        lines.append(f"{number}.  **{label}**：{inline(note.text, registry)}")
    if notes:
        lines.append("")
    return "\n".join(lines)


DRAFT_LABEL = '<span class="draft-label">草稿</span>'


def variant_link(variant: Variant, depth: int = 1, anchor: str = "") -> str:
    """A link to a variant from a page `depth` folders down; wherever one is listed, a draft says so."""
    up = "../" * depth
    link = f"[{escape_text(variant.title)}]({up}{variant.src_uri}{'#' + anchor if anchor else ''})"
    return f"{link} {DRAFT_LABEL}" if variant.is_draft else link


def section_anchor(variant: Variant, section: Section) -> str:
    if section.is_opening:
        return "opening"
    if section.is_closing:
        return "closing"
    tops = variant.numbered_sections()
    for i, top in enumerate(tops, start=1):
        if top is section:
            return f"item-{i}" if section.is_agenda else f"part-{i}"
        for j, child in enumerate(top.children, start=1):
            if child is section:
                return f"part-{i}-{j}"
    return f"line-{section.line}"


def guide_markdown(section: Section, registry: Registry) -> str:
    purpose = next((n.text for n in section.guide if n.kind == "用途"), "")
    rest = [n for n in section.guide if n.kind != "用途"] + section.notes
    title = f"用途：{purpose}" if purpose else "本节说明"
    if not rest:
        return f'!!! abstract "{attr(title)}"\n'
    items = []
    for note in rest:
        label = f"{note.kind}「{note.anchor}」" if note.anchor else note.kind
        items.append(f"    - **{escape_text(label)}**：{inline(note.text, registry)}")
    return f'??? abstract "{attr(title)}"\n\n' + "\n".join(items) + "\n"


def section_markdown(variant: Variant, section: Section, registry: Registry, *, depth: int = 2, excerpt: bool = False) -> str:
    """One part of a speech. `excerpt` renders headings as plain bold lines (for comparison pages)."""
    role = section.effective_role or ""
    role_slug = registry.roles[role].slug if role in registry.roles else ""
    chars = section_chars(section, registry)
    parts = [f'<section class="speech-section" data-role="{attr(role)}" data-role-slug="{attr(role_slug)}" markdown>', ""]
    title = inline(section.title, registry)
    if excerpt:
        if section.heading_is_spoken:
            parts += [f"**{title}**", "{ .speech-text .speech-heading }", ""]
    else:
        kind = ".speech-text .speech-heading" if section.heading_is_spoken else ".speech-label"
        parts += [f"{'#' * depth} {title} {{ #{section_anchor(variant, section)} {kind} }}", ""]
    meta = f'<span class="role-label">{html.escape(role)}</span>' if role else ""
    meta += f'<span class="section-length">约 {chars:,} 字 · 约 {minutes(chars, registry)} 分钟</span>'
    parts += [f'<div class="section-meta">{meta}</div>', ""]
    if section.guide or section.notes:
        parts += [guide_markdown(section, registry), ""]
    for block in section.blocks:
        parts.append(block_markdown(block, registry, annotations=not excerpt))
    for child in section.children:
        parts += [section_markdown(variant, child, registry, depth=depth + 1, excerpt=excerpt), ""]
    parts += ["</section>", ""]
    return "\n".join(parts)


def _meta_value(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def structure_table(variant: Variant, registry: Registry) -> str:
    rows = ["| 部分 | 作用 | 字数 | 讲话时长 |", "|---|---|---:|---:|"]
    for section in variant.sections:
        chars = section_chars(section, registry)
        name = section.title
        rows.append(f"| [{escape_text(name)}](#{section_anchor(variant, section)}) | {section.effective_role or ''} | {chars:,} | 约 {minutes(chars, registry)} 分钟 |")
        for child in section.children:
            chars = section_chars(child, registry)
            sub_role = child.role or ""
            rows.append(f"| &emsp;[{escape_text(child.title)}](#{section_anchor(variant, child)}) | {sub_role} | {chars:,} | |")
    total = variant_chars(variant, registry)
    rows.append(f"| **全文** | | **{total:,}** | **约 {minutes(total, registry)} 分钟** |")
    return "\n".join(rows)


def cut_label(variant: Variant, cut: Cut) -> str:
    """“二、…… 第2段（“开展巡察，是……”）” or the part's title, linked to the part."""
    link = f"[{escape_text(cut.section.title)}](#{section_anchor(variant, cut.section)})"
    if cut.block is None:
        return link
    number = next(i for i, b in enumerate(cut.section.blocks, start=1) if b is cut.block)
    start = cut.block.text[:12] + ("……" if len(cut.block.text) > 12 else "")
    return f"{link} 第 {number} 段（“{escape_text(start)}”）"


def cuts_markdown(variant: Variant, registry: Registry) -> str:
    """The 控制篇幅 table: for a few target times, which 可删 parts to cut."""
    total = variant_chars(variant, registry)
    head = f"全文约 {total:,} 字，按每分钟 {int(registry.settings.get('speaking_rate_chars_per_minute', 200))} 字约讲 {minutes(total, registry)} 分钟。"
    items = cuttable(variant, registry)
    if not items:
        return head + "本模板没有标出可删的部分。"
    plans = cut_plans(variant, registry)
    if not plans:
        left = total - sum(c.chars for c in items)
        return head + f"标有“可删”的部分共 {len(items)} 处，全部删去后约 {left:,} 字，约 {minutes(left, registry)} 分钟。"
    lines = [head + f"标有“可删”的部分共 {len(items)} 处，时间紧时按下表删减（删去后照各处“可删”注释调整前后衔接）：", ""]
    lines += ["| 目标时长 | 删去 | 删后 |", "|---|---|---:|"]
    for plan in plans:
        what = "；".join(cut_label(variant, c) for c in plan.cuts)
        lines.append(f"| {plan.minutes} 分钟以内 | {what} | 约 {plan.remaining:,} 字，约 {minutes(plan.remaining, registry)} 分钟 |")
    return "\n".join(lines)


def _tifa_status(tifa) -> str:
    """Currency of a registered 提法 as one cell: status, why or meaning, what to check, expiry."""
    if tifa is None:
        return "未登记"
    status = tifa.status if tifa.status == "现行" else f"{tifa.status}：{tifa.why or tifa.meaning}"
    if tifa.check and tifa.status != "现行":
        status += f" {tifa.check}"
    if tifa.expires:
        status += f"（核对期限 {tifa.expires.isoformat()}）"
    return status


def tifa_table(variant: Variant, registry: Registry) -> str:
    """The 提法 of this speech: its own 提法 notes, then every registered 提法 it uses without one,
    explained once in data/tifa.yml (so templates need not define 两个维护 again and again)."""
    rows = ["| 提法 | 含义和说明 | 现行情况 |", "|---|---|---|"]
    seen: list[str] = []
    for note, _ in variant.all_notes():
        if note.kind != "提法" or not note.anchor or note.anchor in seen:
            continue
        seen.append(note.anchor)
        tifa = next((t for t in registry.tifa if t.pattern.search(note.anchor)), None)
        rows.append(f"| {escape_text(note.anchor)} | {inline(note.text, registry)} | {escape_text(_tifa_status(tifa))} |")
    for tifa in registry.tifa:
        if tifa.pattern.search(variant.spoken_text) and not any(tifa.pattern.search(anchor) for anchor in seen):
            rows.append(f"| {escape_text(tifa.term)} | {escape_text(tifa.meaning)} | {escape_text(_tifa_status(tifa))} |")
    if len(rows) == 2:
        return ""
    intro = "本稿用到的提法。含义和现行情况来自提法登记表，各模板共用一份，汇总在[提法](../compare/tifa.md)页。"
    return intro + "\n\n" + "\n".join(rows)


def review_notice(variant: Variant, registry: Registry, today: dt.date) -> str:
    """A visible warning on drafts and on templates past their review date (提法 go stale)."""
    status = str(variant.meta.get("status", ""))
    reviewed = variant.meta.get("last_reviewed")
    if isinstance(reviewed, str):
        try:
            reviewed = dt.date.fromisoformat(reviewed)
        except ValueError:
            reviewed = None
    months = int(registry.settings.get("review_after_months", 12))
    notes = []
    if status != "可用":
        notes.append(f"本模板的状态是“{escape_text(status)}”，还没有经过完整的审核。")
    if isinstance(reviewed, dt.date) and (today - reviewed).days > months * 30.5:
        notes.append(f"本模板最近一次复核是在 {reviewed.isoformat()}，已超过 {months} 个月，其中的提法和引用的文件可能已经更新。")
    if not notes:
        return ""
    body = "".join(notes) + "使用前请对照[提法](../compare/tifa.md)页和本级最新文件核对。"
    return f'!!! warning "请先复核"\n\n    {body}\n'


def variant_page(variant: Variant, registry: Registry, today: dt.date | None = None, pending: str = "", *, last_change: str = "") -> str:
    """The template page; `pending` is the draft's list of unfinished parts (findings_page.pending_notice);
    `last_change` the 最近更新 line (Markdown) from the repository's history, if there is one."""
    meta = variant.meta
    fields = registry.fields
    lines = [f"# {escape_text(variant.title)}", ""]
    # the dock is fixed to the window; here it comes right after the title in keyboard order, so that
    # from Material's skip link (跳转至, which lands on the title) two Tabs reach 填写占位符
    lines += ['<div class="fill-panel" data-fill-panel></div>', ""]
    lines += [f"{inline(str(meta.get('summary', '')), registry)}", "{ .variant-summary }", ""]
    notice = review_notice(variant, registry, today or dt.date.today())
    for part in (notice, pending):
        if part:
            lines += [part, ""]
    keys = ("meeting", "speaker", "level", "kind", "status", "last_reviewed")
    lines += ["| " + " | ".join(fields[k].label for k in keys) + " |", "|" + "---|" * len(keys)]
    lines += ["| " + " | ".join(escape_text(_meta_value(meta.get(k, ""))) for k in keys) + " |", ""]
    if last_change:
        lines += [last_change, ""]
    lines += ['!!! info "适用场合"', "", f"    {inline(str(meta.get('occasion', '')), registry)}", ""]
    alternatives = meta.get("alternatives") or []
    if alternatives:
        lines += ['!!! tip "何时改用其他模板"', ""]
        lines += [f"    - {item}" for item in alternatives] + [""]
    lines += ["## 结构一览 { #structure }", "", structure_table(variant, registry), ""]
    lines += ["## 控制篇幅 { #cuts }", "", cuts_markdown(variant, registry), ""]
    lines += [f'<div class="speech" data-speech="{attr(variant.slug)}" data-speech-title="{attr(variant.title)}" markdown>', ""]
    lines += [speech_tools(variant), ""]
    lines += [head_html(variant, registry), ""]
    for section in variant.sections:
        lines.append(section_markdown(variant, section, registry))
    lines += ["</div>", ""]
    table = tifa_table(variant, registry)
    if table:
        lines += ["## 本稿涉及的提法 { #tifa }", "", table, ""]
    return "\n".join(lines)
