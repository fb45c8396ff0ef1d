"""Turn the model into Markdown for MkDocs (Material, attr_list, md_in_html, admonitions).

The speech itself (headings, paragraphs, notes, guidance) is written as HTML and put into the page
after Markdown has run (SPEECH_MARKER, EXCERPT_MARKER): Python-Markdown never parses it, so a
site of 1,000 variants builds fast. Everything around it (title, tables, admonitions) is Markdown.

The same functions render a section on its template page and on the comparison pages, so a
paragraph is written in exactly one place: the variant file.

The HTML this module writes is what our page scripts read (placeholders, head, tools, notes, level
words, comparison excerpts): the contract is written once, in overrides/assets/javascripts/README.md,
and tests/browser/test_page_scripts.py holds the two sides to it.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable

from ..base import ALTERNATIVE_LINK, LEVEL_DEFAULT, anchor_end, at_level, html_text, markdown_text
from ..reading import (
    PER_MEETING, PER_TEMPLATE, SCOPE_KEYS, Block, Cut, HeadLine, Levels, Note, Placeholder, Registry, Section, Variant, cut_plans,
    cuttable, minutes, section_chars, speech_head, variant_chars,
)
from .downloads import download_name, large_uri

# Every template page ends by pointing to the 检查讲话稿 page (docs/check.md), for the draft made from it.
CHECK_TIP = ('!!! tip "写好以后"\n\n    把写好的讲话稿粘贴到[检查讲话稿](../check.md)，逐行查过时的提法、遮挡符号、残缺的固定表述、'
             "标点和编号，每一处都给出理由和改法（在浏览器里检查，文字不上传）。")
MARK = "\x00"  # stands in for an annotation marker until the text is escaped (see inline_html)

# The escaping functions live in escape.py; these are their names in the renderers.
attr = html_text
escape_text = markdown_text


def with_description(description: str, markdown: str) -> str:
    """Front matter giving a generated page its own <meta name="description"> (JSON is valid YAML)."""
    return f"---\ndescription: {json.dumps(description, ensure_ascii=False)}\n---\n\n{markdown}"


def placeholder_html(name: str, registry: Registry) -> str:
    ph = registry.placeholders.get(name)
    if ph is None:  # unregistered names never reach a page: the checks stop the build first
        return f"【{html_text(name)}】"
    return _span(ph)


def _scope(scope: str) -> str:
    key = SCOPE_KEYS.get(scope, "")
    return f' data-ph-scope="{key}"' if key else ""


@functools.lru_cache(maxsize=1024)
def _span(ph: Placeholder) -> str:
    scope = _scope(ph.scope)
    return (
        f'<span class="ph" data-ph="{attr(ph.name)}"{scope} data-ph-type="{attr(ph.type)}" '
        f'data-ph-desc="{attr(ph.description)}" data-ph-example="{attr(ph.example)}">【{html_text(ph.name)}】</span>'
    )


def level_html(word: str) -> str:
    """A marked locality word ({区}): one element the scripts rewrite (level.js), holding the word as
    written at 区; data-lv names the whole word only where some level says it differently."""
    return f'<span data-lv="{attr(word)}">{html_text(word)}</span>' if word != LEVEL_DEFAULT else f"<span data-lv>{LEVEL_DEFAULT}</span>"


def _scoped(registry: Registry, scope: str) -> list[str]:
    return [*(f.name for f in registry.head.values() if f.scope == scope), *(p.name for p in registry.placeholders.values() if p.scope == scope)]


def template_scoped_names(registry: Registry) -> list[str]:
    """Names whose value each template keeps for itself (speech-state.js): `scope: 本模板` (讲话标题, 讲话人…)."""
    return _scoped(registry, PER_TEMPLATE)


def meeting_scoped_names(registry: Registry) -> list[str]:
    """Names whose value the speeches of one meeting share (speech-state.js): `scope: 本会议` (日期…)."""
    return _scoped(registry, PER_MEETING)


def _head_span(line: HeadLine) -> str:
    field = line.field
    return (
        f'<span class="ph" data-ph="{attr(field.name)}"{_scope(field.scope)} data-ph-type="文本" '
        f'data-ph-desc="{attr(field.description)}" data-ph-example="{attr(line.example)}">【{html_text(field.name)}】</span>'
    )


def head_html(variant: Variant, registry: Registry) -> str:
    """The speech's head as raw HTML lines: a default's placeholders are spans like the body's; with
    {区} in the speech, the 区/县/市/旗 switch follows the lines."""
    lines = ['<div class="speech-head">']
    for line in speech_head(variant, registry):
        before, value, after = line.parts
        body = inline_html(value, registry) if line.default else _head_span(line)
        lines.append(
            f'<p class="speech-text speech-head-line" data-head="{attr(line.name)}"{_scope(line.field.scope)} '
            f'data-ph-desc="{attr(line.field.description)}" data-ph-example="{attr(line.example)}">{html_text(before)}{body}{html_text(after)}</p>'
        )
    if registry.levels is not None and variant.has_level_marks:
        lines.append(level_switch(registry.levels))
    lines.append("</div>")
    return "\n".join(lines)


def level_switch(levels: Levels) -> str:
    """区 / 县 / 市（县级市）/ 旗: buttons that level.js makes work (the first, as written, is pressed
    until a choice is stored); an exception word list rides on its level's button."""
    buttons = []
    for number, level in enumerate(levels.options):
        words = f' data-level-words="{attr(json.dumps(level.words, ensure_ascii=False))}"' if level.words else ""
        buttons.append(f'<button type="button" class="speech-button" data-level="{attr(level.char)}"{words} '
                       f'aria-pressed="{"true" if number == 0 else "false"}">{html_text(level.label)}</button>')
    return (f'<p class="speech-level" role="group" aria-label="本地的层级" data-level-name="{attr(levels.name)}">'
            f'层级：{"".join(buttons)}</p>')


def speech_tools(variant: Variant, docx_href: str) -> str:
    """The tools above a speech, rendered here so nothing moves when the page scripts start. `docx_href` is
    the template's .docx relative to the page (the hook knows the page's URL style)."""
    copy = f'<button type="button" class="speech-button speech-copy" data-speech-copy="all" aria-label="复制全文：{attr(variant.title)}">复制全文</button>'
    word = (f'<a class="speech-button" href="{attr(docx_href)}" data-speech-docx="{attr(variant.slug)}" '
            f'download="{attr(download_name(variant.title))}">下载 Word</a>')
    filled = '<button type="button" class="speech-button" data-speech-docx-filled>下载已填写的 Word</button>'
    # 大字版: the speaker's own copy, printed or as a filled Word file in data/gongwen.yml's large layout
    large = ('<button type="button" class="speech-button" data-speech-print-large>打印大字版</button> '
             f'<button type="button" class="speech-button" data-speech-docx-large="{attr(large_uri(docx_href))}">下载大字版 Word</button>')
    return f'<p class="speech-tools">{copy} {word} {filled} {large}</p>'


def _with_placeholders(text: str, registry: Registry, escape: Callable[[str], str]) -> str:
    """`escape` the prose between placeholders; each 【名称】 becomes its placeholder span, each {区}
    its level element."""
    if registry.levels is None:
        return escape(at_level(text))
    out = []
    for kind, value in registry.levels.parts(text):
        out.append(escape(value) if kind == "text" else placeholder_html(value, registry) if kind == "ph" else level_html(value))
    return "".join(out)


def inline(text: str, registry: Registry) -> str:
    """Prose for Markdown: escaped, with 【名称】 as placeholder spans."""
    return _with_placeholders(text, registry, escape_text)


# A paragraph must stay a paragraph: characters that open a list, a heading, a quote, a fence, an
# admonition (!!!, ???) or a tab (===) at the start of a block are written so Markdown reads them as text.
BLOCK_OPENERS = {"-": "\\-", "+": "\\+", "#": "\\#", ">": "\\>", "!": "\\!", "?": "&#63;", "=": "&#61;", ":": "&#58;", "~": "&#126;"}


def _block_start(text: str) -> str:
    """Keep a paragraph that starts with 1. or - (or any other block syntax) a plain paragraph."""
    if re.match(r"^\d+\.", text):
        return re.sub(r"^(\d+)\.", r"\1\\.", text)
    return BLOCK_OPENERS[text[0]] + text[1:] if text and text[0] in BLOCK_OPENERS else text


def _with_markers(text: str, notes: list[Note]) -> str:
    """Put annotation markers after the words each note explains (or at the end of the paragraph)."""
    for number, note in enumerate(notes, start=1):
        marker = f"{MARK}{number}{MARK}"
        at = anchor_end(text, note.anchor) if note.anchor else None  # never inside a 【名称】
        text = text + marker if at is None else text[:at] + marker + text[at:]
    return text


def _note_label(note: Note) -> str:
    return note.kind if note.kind in ("提法", "可删") else "注"


# One popover per speech shows whichever note is asked for (notes.js fills it from the section's
# notes, kept out of the DOM in the page's one <template>): no element per note on the page at load.
NOTE_POPOVER = "speech-note"


def _note_ref(note: Note, note_id: str, number: int) -> str:
    """The numbered marker: a button that opens the speech's note popover with its note (data-note)."""
    label = _note_label(note)
    return (
        f'<button type="button" class="note-ref" popovertarget="{NOTE_POPOVER}" aria-controls="{NOTE_POPOVER}" '
        f'data-note="{note_id}" aria-label="{label} {number}" data-search-exclude>{number}</button>'
    )


def _note(note: Note, note_id: str, registry: Registry) -> str:
    label = _note_label(note)
    return f'<p class="note" id="{note_id}"><strong>{label}</strong>：{inline_html(note.text, registry)}</p>'


def inline_html(text: str, registry: Registry) -> str:
    """Prose as HTML: escaped, with 【名称】 as placeholder spans."""
    return _with_placeholders(text, registry, html_text)


def block_html(block: Block, registry: Registry, *, note_prefix: str = "", notes_out: list[str] | None = None) -> str:
    """One spoken paragraph as raw HTML (Python-Markdown passes it through untouched: fast at scale).

    Markers are numbered in reading order. With `notes_out` the paragraph gets its markers and the
    notes' HTML is added to `notes_out` (the section keeps them apart, see section_html), so the
    paragraph's text (search index, selection, copy) reads on without them; without, no markers."""
    notes = block.notes if notes_out is not None else []
    body = inline_html(_with_markers(block.text, notes), registry)
    if not notes:
        return f'<p class="speech-text">{body}</p>\n'
    order: list[Note] = []

    def marker(m: re.Match) -> str:
        order.append(notes[int(m.group(1)) - 1])
        return _note_ref(order[-1], f"{note_prefix}-{len(order)}", len(order))

    body = re.sub(f"{MARK}(\\d+){MARK}", marker, body)
    notes_out += [_note(note, f"{note_prefix}-{n}", registry) for n, note in enumerate(order, start=1)]
    return f'<p class="speech-text">{body}</p>\n'


# Blocks a reader opens (guidance, notes, long tables) are rendered closed and marked data-lazy; once
# the page is sanitized, fold_hidden (folds.py) moves their bodies into one <template> at the page's end,
# which is not in the DOM until folds.js or notes.js takes from it. The sanitizer would drop a <template>.
LAZY = "data-lazy"


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


def guide_html(section: Section, registry: Registry, notes: list[str] = ()) -> str:
    """The writer's guidance for a section: its purpose always shown, the rest folded (Material's admonition
    classes), and the section's `notes` (see block_html) folded with it: one body for both."""
    purpose = next((n.text for n in section.guide if n.kind == "用途"), "")
    rest = [n for n in section.guide if n.kind != "用途"] + section.notes
    title = f"用途：{inline_html(purpose, registry)}" if purpose else "本节说明"
    if not rest:
        return f'<div class="admonition abstract"><p class="admonition-title">{title}</p></div>\n' + notes_html(notes)
    items = []
    for note in rest:
        label = f"{note.kind}「{at_level(note.anchor)}」" if note.anchor else note.kind
        items.append(f"<li><strong>{html_text(label)}</strong>：{inline_html(note.text, registry)}</li>")
    folded_notes = f'<div class="speech-notes">{"".join(notes)}</div>' if notes else ""
    return f'<details class="abstract" {LAZY}><summary>{title}</summary><ul>{"".join(items)}</ul>{folded_notes}</details>\n'


def notes_html(notes: list[str]) -> str:
    """A section's notes on their own (no guidance to fold them with): a lazy block of their own."""
    return f'<div class="speech-notes" {LAZY}>{"".join(notes)}</div>\n' if notes else ""


def section_html(variant: Variant, section: Section, registry: Registry, *, depth: int = 2, excerpt: bool = False) -> str:
    """One part of a speech as HTML. `excerpt` renders headings as plain bold lines and leaves
    notes out (for comparison pages). Spoken headings carry no permalink: the TOC and 结构一览 link
    to them, and a ¶ inside the heading would be selected and copied with it."""
    role = section.effective_role or ""
    role_slug = registry.roles[role].slug if role in registry.roles else ""
    chars = section_chars(section, registry)
    anchor = section_anchor(variant, section)
    parts = [f'<section class="speech-section" data-role="{attr(role)}" data-role-slug="{attr(role_slug)}">']
    title = inline_html(section.title, registry)
    if excerpt:
        if section.heading_is_spoken:
            parts.append(f'<p class="speech-text speech-heading"><strong>{title}</strong></p>')
    else:
        kind = "speech-text speech-heading" if section.heading_is_spoken else "speech-label"
        parts.append(f'<h{depth} class="{kind}" id="{anchor}">{title}</h{depth}>')
    meta = f'<span class="role-label">{html_text(role)}</span>' if role else ""
    meta += f"约 {chars:,} 字 · 约 {minutes(chars, registry)} 分钟"
    parts.append(f'<div class="section-meta" data-search-exclude>{meta}</div>')
    notes: list[str] | None = None if excerpt else []
    blocks = [block_html(block, registry, note_prefix=f"note-{anchor}-{number}", notes_out=notes)
              for number, block in enumerate(section.blocks, start=1)]
    if section.guide or section.notes:
        parts.append(guide_html(section, registry, notes or []))
    elif notes:
        parts.append(notes_html(notes))
    parts += blocks
    for child in section.children:
        parts.append(section_html(variant, child, registry, depth=depth + 1, excerpt=excerpt))
    parts.append("</section>")
    return "\n".join(parts)


def speech_html(variant: Variant, registry: Registry, *, docx_href: str | None = None) -> str:
    """The whole speech: its tools (with `docx_href`), its head, its parts; put into the page after
    Markdown (see SPEECH_MARKER)."""
    parts = [speech_tools(variant, docx_href)] if docx_href is not None else []
    parts.append(head_html(variant, registry))
    parts += [section_html(variant, section, registry) for section in variant.sections]
    if any(block.notes for section in variant.all_sections() for block in section.blocks):
        parts.append(f'<div class="note" id="{NOTE_POPOVER}" popover="auto"></div>')
    body = "\n".join(parts)
    meeting = registry.meetings.get(str(variant.meta.get("meeting", "")))
    key = f' data-speech-meeting="{attr(meeting.slug)}"' if meeting else ""
    return f'<div class="speech" data-speech="{attr(variant.slug)}" data-speech-title="{attr(variant.title)}"{key}>\n{body}\n</div>'


def speech_toc(variant: Variant) -> list[tuple[int, str, str]]:
    """(level, id, title) of the speech's headings, for the page's table of contents."""
    out = []
    for section in variant.sections:
        out.append((2, section_anchor(variant, section), at_level(section.title)))
        out += [(3, section_anchor(variant, child), at_level(child.title)) for child in section.children]
    return out


# The speech's HTML is written from the model straight into the page after Markdown has run
# (overrides/hooks/variants.py, generated_pages.py): Python-Markdown never parses it, which was
# most of the build time at 1,000 variants. In Markdown it is one HTML comment.
SPEECH_MARKER = "<!-- speech -->"
EXCERPT_MARKER = re.compile(r"<!-- excerpt ([a-z0-9-]+) ([a-z0-9-]+) -->")


def excerpt_marker(variant: Variant, section: Section) -> str:
    return f"<!-- excerpt {variant.slug} {section_anchor(variant, section)} -->"


def _meta_value(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def structure_table(variant: Variant, registry: Registry) -> str:
    rows = ["| 部分 | 作用 | 字数 | 讲话时长 |", "|---|---|---:|---:|"]
    for section in variant.sections:
        chars = section_chars(section, registry)
        name = at_level(section.title)
        rows.append(f"| [{escape_text(name)}](#{section_anchor(variant, section)}) | {escape_text(section.effective_role or '')} | {chars:,} | 约 {minutes(chars, registry)} 分钟 |")
        for child in section.children:
            chars = section_chars(child, registry)
            sub_role = child.role or ""
            rows.append(f"| &emsp;[{escape_text(at_level(child.title))}](#{section_anchor(variant, child)}) | {escape_text(sub_role)} | {chars:,} | |")
    total = variant_chars(variant, registry)
    rows.append(f"| **全文** | | **{total:,}** | **约 {minutes(total, registry)} 分钟** |")
    return "\n".join(rows)


def cut_label(variant: Variant, cut: Cut) -> str:
    """“二、…… 第2段（“开展巡察，是……”）” or the part's title, linked to the part."""
    link = f"[{escape_text(at_level(cut.section.title))}](#{section_anchor(variant, cut.section)})"
    if cut.block is None:
        return link
    number = next(i for i, b in enumerate(cut.section.blocks, start=1) if b is cut.block)
    text = at_level(cut.block.text)
    start = text[:12] + ("……" if len(text) > 12 else "")
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
        rows.append(f"| {escape_text(at_level(note.anchor))} | {inline(note.text, registry)} | {escape_text(_tifa_status(tifa))} |")
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


def alternative_markdown(item: str) -> str:
    """An `alternatives:` item: escaped text, where only `[文字](other-variant.md)` becomes a link
    (the checks make sure the target is a published variant)."""
    out, last = [], 0
    for m in ALTERNATIVE_LINK.finditer(item):
        out.append(escape_text(item[last : m.start()]))
        out.append(f"[{escape_text(m.group(1))}]({m.group(2)}.md)")
        last = m.end()
    out.append(escape_text(item[last:]))
    return "".join(out)


def variant_page(variant: Variant, registry: Registry, today: dt.date | None = None, pending: str = "", *, last_change: str = "") -> str:
    """The template page; `pending` is the draft's list of unfinished parts (findings_page.pending_notice);
    `last_change` the 最近更新 line (Markdown) from the repository's history, if there is one."""
    meta = variant.meta
    fields = registry.fields
    lines = [f"# {escape_text(variant.title)}", ""]
    # the dock is fixed to the window; here it comes right after the title in keyboard order, so that
    # from Material's skip link (跳转至, which lands on the title) two Tabs reach 填写占位符
    lines += ['<div class="fill-panel" data-fill-panel></div>', ""]
    summary = str(meta.get("summary") or "").strip()
    if summary:  # a draft may not have one yet (its 待完成 list says so); an empty line would print the attribute list
        lines += [_block_start(inline(summary, registry)), "{ .variant-summary }", ""]
    notice = review_notice(variant, registry, today or dt.date.today())
    for part in (notice, pending):
        if part:
            lines += [part, ""]
    keys = ("meeting", "speaker", "level", "kind", "status", "last_reviewed")  # one line: one element, not a table
    lines += [" · ".join(f"{escape_text(fields[k].label)}：{escape_text(_meta_value(meta.get(k, '')))}" for k in keys), "{ .variant-meta }", ""]
    if last_change:
        lines += [last_change, ""]
    lines += ['!!! info "适用场合"', "", "    " + _block_start(inline(str(meta.get('occasion', '')), registry)), ""]
    alternatives = meta.get("alternatives") or []
    if alternatives:
        lines += ['!!! tip "何时改用其他模板"', ""]
        lines += [f"    - {alternative_markdown(str(item))}" for item in alternatives] + [""]
    lines += ["## 结构一览 { #structure }", "", folded(structure_table(variant, registry), "查看各部分的作用、字数和讲话时长"), ""]
    lines += ["## 控制篇幅 { #cuts }", "", folded(cuts_markdown(variant, registry), "查看删减方案（{} 种目标时长）"), ""]
    lines += [SPEECH_MARKER, ""]
    table = tifa_table(variant, registry)
    if table:
        lines += ["## 本稿涉及的提法 { #tifa }", "", folded(table, "查看 {} 个提法的含义和现行情况"), ""]
    lines += [CHECK_TIP, ""]
    return "\n".join(lines)


def folded(markdown: str, summary: str) -> str:
    """`markdown` with its table closed under `summary` ({} is its number of rows), as a lazy details
    (see LAZY): the rows are in the page but not in the DOM until the reader opens them."""
    lines = markdown.split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith("|")), None)
    if start is None:
        return markdown
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    head = [f'<details class="abstract speech-more" {LAZY} markdown="1">', f"<summary>{html_text(summary.format(end - start - 2))}</summary>", ""]
    return "\n".join(lines[:start] + ([""] if start else []) + head + lines[start:end] + ["", "</details>"] + lines[end:])
