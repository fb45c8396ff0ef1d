"""Checks on one parsed variant. Each check returns findings; none of them raises."""
from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from typing import Callable, Iterator

from ..base import (
    BRACED, CJK, LEVEL_MARK, PENDING, PLACEHOLDER, PLACEHOLDER_NAME, WARNING, Finding, anchor_end, cn_number, find, shown_path,
    to_cn,
)
from ..reading import (
    CLOSING, NO_MARKUP_FIX, OPENING, Registry, Rulebook, Section, Speaker, Variant, fill, markup_problems, restoration, variant_chars,
)
from .numbering import AGENDA_COUNT, LEVEL_NAMES, POINTS, expected_label, sequence_kind, walk_levels

Check = Callable[[Variant, Registry], list[Finding]]


def _texts(variant: Variant, *, notes: bool) -> Iterator[tuple[int, str]]:
    """(line, text) of every heading and paragraph, and of annotations when asked."""
    for section in variant.all_sections():
        yield section.line, section.title
        for block in section.blocks:
            yield block.line, block.text
        if notes:
            for note in section.guide + section.notes + [n for b in section.blocks for n in b.notes]:
                yield note.line, note.text


def _meta_items(variant: Variant) -> Iterator[tuple[str, int, str]]:
    """(key, line, text) of every front-matter value; each list item with its own line."""
    for key, value in variant.meta.items():
        line = variant.meta_lines.get(key, 1)
        if isinstance(value, list):
            item_lines = variant.meta_item_lines.get(key, [])
            for index, item in enumerate(value):
                if isinstance(item, str):
                    yield key, (item_lines[index] if index < len(item_lines) else line), item
        elif isinstance(value, str):
            yield key, line, value


def _meta_texts(variant: Variant) -> Iterator[tuple[int, str]]:
    for _, line, text in _meta_items(variant):
        yield line, text


def _body_texts(variant: Variant) -> Iterator[tuple[int, str]]:
    """Everything of the body that reaches a page: headings, roles, paragraphs, notes and their anchors."""
    yield from _texts(variant, notes=True)
    for section in variant.all_sections():
        if section.role:
            yield section.line, section.role
        for note in section.guide + section.notes + [n for b in section.blocks for n in b.notes]:
            if note.anchor:
                yield note.line, note.anchor


# --- front matter -------------------------------------------------------------------------

def _date_problem(value: str) -> str | None:
    """Why `value` is not a date written as 2026-11-25 (None when it is one)."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return "不是“2026-11-25”这样的日期"
    year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        return f"不是有效的日期（没有 {month} 月）"
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return f"不是有效的日期（{month} 月没有 {day} 日）"
    if date > dt.date.today():
        return "晚于今天"
    if year < 2000:
        return "早于 2000 年"
    return None


def check_front_matter(variant: Variant, registry: Registry) -> list[Finding]:
    out = []
    path, meta = variant.path, variant.meta
    if not meta:
        return out  # the parser already reported a missing, empty or broken header
    for key, spec in registry.fields.items():
        value = meta.get(key)
        line = variant.meta_lines.get(key, 1)
        if value in (None, "", []):
            if spec.required:
                where = variant.meta_lines.get(key) or variant.body_line - 1 or 1
                out.append(Finding(path, where, f"YAML 头部缺少字段 {key}（{spec.label}）。", f"在头部加一行 {key}: ……，写法见 docs/contributing/format.md。"))
            continue
        if spec.type == "list":
            if not isinstance(value, list):
                out.append(Finding(path, line, f"{key}（{spec.label}）应当是列表。", "写成多行，每行以“  - ”开头。"))
            continue
        if not isinstance(value, str):
            out.append(Finding(path, line, f"{key}（{spec.label}）应当是一段文字，不是列表。", "把值写在冒号后面的同一行。"))
            continue
        if spec.type == "date":
            problem = _date_problem(value)
            if problem:
                out.append(Finding(path, line, f"{key}（{spec.label}）“{value}”{problem}。", "写成实际复核的日期，形如 2026-11-25。"))
        if spec.choices and value not in spec.choices:
            where = f"data/{spec.choices_from}.yml" if spec.choices_from else "data/front_matter.yml"
            out.append(Finding(path, line, f"{key}（{spec.label}）的值“{value}”不在可选范围内。", f"改为以下之一：{'、'.join(spec.choices)}；确需新增时在 {where} 登记。"))
    for key in meta:
        if key not in registry.fields:
            out.append(Finding(path, variant.meta_lines.get(key, 1), f"YAML 头部有未登记的字段 {key}。", f"删去它，或改为已登记的字段：{'、'.join(registry.fields)}。"))
    return out


# --- structure and roles ------------------------------------------------------------------

def _speaker(variant: Variant, registry: Registry) -> Speaker | None:
    return registry.speakers.get(str(variant.meta.get("speaker", "")))


def check_structure(variant: Variant, registry: Registry) -> list[Finding]:
    out, path, sections = [], variant.path, variant.sections
    if not sections:
        return [Finding(path, variant.body_line, "正文没有任何 ## 部分。", "按“## 开场 → ## 一、…… → ## 结束语”的顺序写正文。")]
    if not sections[0].is_opening:
        out.append(Finding(path, sections[0].line, "正文的第一部分不是“## 开场”。", "在第一个一级部分之前加“## 开场”，写称呼和开场白。"))
    if not sections[-1].is_closing:
        out.append(Finding(path, sections[-1].line, "正文的最后一部分不是“## 结束语”。", "在最后加“## 结束语”，写收束全文的一段。"))
    speaker = _speaker(variant, registry)
    agenda_form = speaker is not None and speaker.is_agenda
    for section in sections:
        if (section.is_opening and section is not sections[0]) or (section.is_closing and section is not sections[-1]):
            out.append(Finding(path, section.line, f"“## {section.title}”只能出现一次，且开场在最前、结束语在最后。", "合并重复的部分，或调整顺序。"))
        if section.is_opening or section.is_closing:
            pass
        elif agenda_form and not section.is_agenda:
            out.append(Finding(path, section.line, f"主持词的一级部分“{section.title}”没有写成议程标签。", "主持词按议程分部分，标题写成“## 第一项：宣读巡察通知书”“## 第二项：……”（标题不讲出来）。"))
        elif not agenda_form and section.is_agenda:
            out.append(Finding(path, section.line, f"“{section.title}”是主持词的议程标签，但这篇的讲话人是“{speaker.name if speaker else variant.meta.get('speaker', '')}”。", "讲话稿的一级部分写成“## 一、标题”；讲话人是会议主持人时，头部写 speaker: 会议主持人。"))
        elif not agenda_form and (section.marker is None or section.marker.level != 1):
            out.append(Finding(path, section.line, f"一级标题“{section.title}”没有以“一、”“二、”……开头。", "一级部分写成“## 一、标题”；不是讲话内容的部分只有“开场”“结束语”两种。"))
        if not section.heading_is_spoken and section.children:
            out.append(Finding(path, section.children[0].line, f"“{section.title}”之下不应有 ### 小标题。", "开场、结束语和主持词的议程部分直接写段落。"))
        if not section.blocks and not section.children:
            out.append(Finding(path, section.line, f"“{section.title}”下面没有正文。", "补写这一部分的段落，或删去这个标题。"))
        if not any(n.kind == "用途" for n in section.guide):
            out.append(Finding(path, section.line, f"“{section.title}”缺少“用途：”说明。", "在标题下一行写“> 用途：这一部分在讲话里做什么。”"))
    return out


def check_length(variant: Variant, registry: Registry) -> list[Finding]:
    """A finished template whose length is far from what its speaker usually says (drafts are exempt)."""
    speaker = _speaker(variant, registry)
    if speaker is None or variant.is_draft or not variant.sections:
        return []
    total = variant_chars(variant, registry)
    low, high = speaker.chars
    if low <= total <= high:
        return []
    what = "偏短" if total < low else "偏长"
    return [Finding(variant.path, variant.body_line, f"全文约 {total:,} 字，{what}：{speaker.name}的{speaker.form}一般在 {low:,}～{high:,} 字（data/speakers.yml）。",
                    "按“结构一览”增删部分；确需更短的版本，把较长部分标为“> 可删：”，或另写一篇简短版。", WARNING)]


def check_roles(variant: Variant, registry: Registry) -> list[Finding]:
    out, known = [], "、".join(registry.roles)
    for section in variant.all_sections():
        if section.is_opening or section.is_closing:
            implied = OPENING if section.is_opening else CLOSING
            if section.role not in (None, implied):
                out.append(Finding(variant.path, section.line, f"“{section.title}”的作用应为“{implied}”，不能声明为“{section.role}”。", "删去这个 role 注释。"))
            continue
        if section.role is None:
            if section.level == 1:
                out.append(Finding(variant.path, section.line, f"一级部分“{section.title}”没有声明作用。", f"在标题末尾加 <!-- role: 作用 -->，作用从以下选：{known}。"))
            continue
        if section.role not in registry.roles:
            guess = difflib.get_close_matches(section.role, list(registry.roles), n=1, cutoff=0.3)
            hint = f"是不是“{guess[0]}”？" if guess else ""
            out.append(Finding(variant.path, section.line, f"作用“{section.role}”没有登记。{hint}", f"改用已登记的作用：{known}；确需新增时在 data/roles.yml 登记并写明说明。"))
        elif section.role in (OPENING, CLOSING):
            out.append(Finding(variant.path, section.line, f"编号部分不能声明为“{section.role}”。", "开场、结束语各写成单独的“## 开场”“## 结束语”部分。"))
    return out


# --- numbering ------------------------------------------------------------------------------

def _sequence_finding(path, line, raw, level, got, want) -> Finding:
    kind = sequence_kind(got, want)
    what = {"repeat": "重复了", "order": "顺序倒了"}.get(kind) or f"跳号了（漏了“{expected_label(level, want)}”）"
    return Finding(path, line, f"编号“{raw}”{what}。", f"这里应为“{expected_label(level, want)}”，后面的编号依次顺延。")


def check_numbering(variant: Variant, registry: Registry) -> list[Finding]:
    out, path = [], variant.path
    numbered = [s for s in variant.sections if s.marker and s.marker.level == 1]
    for want, section in enumerate(numbered, start=1):
        if section.marker.value != want:
            out.append(_sequence_finding(path, section.line, section.marker.raw, 1, section.marker.value, want))
            break  # one wrong number shifts all the rest; report the first
    agenda = [s for s in variant.sections if s.is_agenda]
    for want, section in enumerate(agenda, start=1):
        if section.agenda_number != want:
            out.append(Finding(path, section.line, f"议程“{section.title}”的序号不对。", f"这里应为“第{to_cn(want)}项”，后面的议程依次顺延。"))
            break
    for top in variant.sections:
        out += _check_levels(variant, top)
        for section in top.walk():
            if section.level == 2 and (section.marker is None or section.marker.level != 2):
                out.append(Finding(path, section.line, f"小标题“{section.title}”没有以“（一）”“（二）”……开头。", "### 小标题写成“### （一）标题”。"))
            out += _check_run_in(variant, section)
    opening = variant.sections[0] if variant.sections and variant.sections[0].is_opening else None
    if opening:
        last_label = numbered[-1].marker if numbered else None
        for block in opening.blocks:
            for m in AGENDA_COUNT.finditer(block.text):
                promised = cn_number(m.group(1))
                if promised is not None and agenda and promised != len(agenda):
                    out.append(Finding(path, block.line, f"开场说“{m.group(0)}”，正文却有 {len(agenda)} 项议程。", f"把项数改为“{'两' if len(agenda) == 2 else to_cn(len(agenda))}”，或增删议程部分使两者一致。"))
            for m in POINTS.finditer(block.text):
                promised = cn_number(m.group(1))
                if promised is None:
                    continue
                if not numbered:
                    out.append(Finding(path, block.line, f"开场说“{m.group(0)}”，正文却没有“一、”“二、”……这样的一级部分。", f"在开场和结束语之间写出 {m.group(1)} 个一级部分（## 一、标题），或删去这句预告。"))
                elif promised != len(numbered):
                    out.append(Finding(path, block.line, f"开场说“{m.group(0)}”，正文却有 {len(numbered)} 个一级部分。", f"把点数改为“{'两' if len(numbered) == 2 else to_cn(len(numbered))}”，或增删一级部分使两者一致。"))
                elif last_label is not None and last_label.value != promised:
                    # as many parts as promised, but the labels repeat or skip (一、二、二、三 for 四点)
                    out.append(Finding(path, block.line, f"开场说“{m.group(0)}”，一级标题的编号却到“{last_label.raw}”为止。", f"把一级标题依次编为“一、”到“{to_cn(promised)}、”。"))
    return out


def _check_levels(variant: Variant, top: Section) -> list[Finding]:
    """（一） → 1. → （1） inside one top-level section, from ### headings and paragraph starts alike
    (the walk is numbering.walk_levels, which the draft checker shares)."""
    items: list[tuple[int, object]] = []
    for section in top.walk():
        if section is not top and section.marker and section.marker.level == 2:
            items.append((section.line, section.marker))
        for block in section.blocks:
            if block.marker and block.marker.level in (1, 2, 3, 4):
                items.append((block.line, block.marker))
    out, numbered = [], []
    for line, marker in sorted(items, key=lambda item: item[0]):
        if marker.level == 1:
            out.append(Finding(variant.path, line, f"段落以“{marker.raw}”开头，但“一、”级编号只用于 ## 一级标题。", "把它写成 ## 标题，或改为下一级编号“（一）”。"))
        else:
            numbered.append((line, marker))
    for slip in walk_levels(numbered, {1}, levels=(2, 3, 4)):
        marker = slip.marker
        if slip.kind == "level":
            parent = LEVEL_NAMES[slip.expected]
            out.append(Finding(variant.path, slip.line, f"编号“{marker.raw}”的层次不对：上面没有“{parent}”级编号。", f"按“一、 → （一） → 1. → （1）”的顺序逐级使用，或改用“{parent}”级编号。"))
        else:
            out.append(_sequence_finding(variant.path, slip.line, marker.raw, marker.level, marker.value, slip.expected))
    return out


def _check_run_in(variant: Variant, section: Section) -> list[Finding]:
    """一是、二是…… (or 一要、二要……) run in order within one section, without mixing 是 and 要."""
    out, expected, suffix = [], 1, ""
    for block in section.blocks:
        marker = block.marker
        if marker is None:
            continue
        if marker.level != 0:
            expected, suffix = 1, ""  # a numbered item starts a new run
            continue
        if marker.value != expected:
            out.append(Finding(variant.path, block.line, f"“{marker.raw}”的顺序不对（这里应为“{to_cn(expected)}{suffix or marker.suffix}”）。", "从“一”起依次编排，不重复、不跳号。"))
        elif suffix and marker.suffix != suffix:
            out.append(Finding(variant.path, block.line, f"“{marker.raw}”与前面的“一{suffix}”混用。", f"同一组统一写成“{to_cn(marker.value)}{suffix}”。"))
        expected, suffix = marker.value + 1, suffix or marker.suffix
    return out


# --- placeholders and masks ------------------------------------------------------------------

MASK_HINT = re.compile(r"[*＊XＸ×某_＿□■]")  # cheap pre-filter: most lines have none of these
# 范文 sites mask names and even single characters of 提法 (从严治_, □□同志): every such mark is a finding.
MASK = re.compile(
    rf"\*{{2,}}|＊{{2,}}|[XＸ]{{2,}}|×{{2,}}|某某|(?<![A-Za-z])[XＸ](?=[年月日届轮个名次条号点同])|第[XＸ]"
    rf"|(?<=[{CJK}])[_＿]+|[_＿]+(?=[{CJK}])|＿+|[□■]+"
)


def check_placeholders(variant: Variant, registry: Registry) -> list[Finding]:
    out, path = [], variant.path
    names = list(registry.placeholders)
    texts = list(_texts(variant, notes=True)) + list(_meta_texts(variant))
    for line, text in texts:
        if "【" not in text and "】" not in text:
            continue
        for m in PLACEHOLDER.finditer(text):
            name = m.group(1)
            if not PLACEHOLDER_NAME.match(name):
                out.append(Finding(path, line, f"占位符“{m.group(0)}”的名称不合规。", "名称只用汉字、字母和数字，例如【被巡察党组织】；【】不作他用。"))
            elif name not in registry.placeholders:
                guess = difflib.get_close_matches(name, names, n=1, cutoff=0.4)
                hint = f"改用已登记的【{guess[0]}】，或" if guess else "改用 data/placeholders.yml 里已登记的占位符，或"
                out.append(Finding(path, line, f"占位符【{name}】没有登记。", f"{hint}在 data/placeholders.yml 登记它的类型、说明和示例。"))
        leftover = PLACEHOLDER.sub("", text)
        if "【" in leftover or "】" in leftover:
            out.append(Finding(path, line, "有不成对的“【”或“】”。", "【】只用于占位符，写成【名称】；其他地方的方括号改用〔〕或删去。"))
    for line, text in list(_texts(variant, notes=False)) + list(_meta_texts(variant)):
        if not MASK_HINT.search(text):
            continue
        for m in MASK.finditer(PLACEHOLDER.sub("", text)):
            out.append(Finding(path, line, f"出现遮挡符号“{m.group(0)}”。", "因单位而异的内容写成登记过的占位符（如【被巡察党组织】）；领导同志的姓名和职务按正式表述写全。"))
    return out


# --- punctuation and HTML ------------------------------------------------------------------------

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。", '"': "“”"}
NEAR_CJK = f"{CJK}【】「」“”"
HALF_WIDTH = re.compile(
    rf"(?<=[{NEAR_CJK}])[,;:?!()]|[,;:?!()](?=[{NEAR_CJK}])|(?<=[{CJK}])\.(?![\d.])|\""
)
ASCII_PUNCT = re.compile(r'[,;:?!()."]')
MD_LINK = re.compile(r"\[([^\[\]]*+)\]\([^()\s]*+\)")


def check_punctuation(variant: Variant, registry: Registry) -> list[Finding]:
    out = []
    for line, text in list(_texts(variant, notes=True)) + list(_meta_texts(variant)):
        if not ASCII_PUNCT.search(text):
            continue
        for m in HALF_WIDTH.finditer(MD_LINK.sub(r"\1", text)):
            start = max(0, m.start() - 4)
            context = text[start : m.end() + 4] if m.end() + 4 <= len(text) else text[start:]
            out.append(Finding(variant.path, line, f"中文行文里用了半角标点“{m.group(0)}”（“{context}”）。", f"改为全角“{FULL_WIDTH[m.group(0)]}”。"))
    return out


def check_markup(variant: Variant, registry: Registry) -> list[Finding]:
    out = []
    texts = [(line, text, key == "alternatives") for key, line, text in _meta_items(variant)]
    texts += [(line, text, False) for line, text in _body_texts(variant)]
    for line, text, is_alternative in texts:
        for what in markup_problems(text, alternatives=is_alternative):
            fix = NO_MARKUP_FIX
            if what.startswith("正文里写了链接"):
                fix = "正文不写链接；要指向其他模板，写在头部 alternatives 里，形如 [模板标题](city-special-linkage.md)。"
            elif what.startswith("链接只能指向"):
                fix = "写成 [模板标题](city-special-linkage.md)，文件名是 docs/speeches/ 下的另一篇模板。"
            elif what == "写了网址":
                fix = "讲话稿里不写网址；举报网站、邮箱等写成登记过的占位符，或写成中文名称。"
            out.append(Finding(variant.path, line, f"{what}，这是不允许的。", fix))
    return out


# --- annotations and 提法 ------------------------------------------------------------------

def check_annotations(variant: Variant, registry: Registry) -> list[Finding]:
    out = []
    for note, text in variant.all_notes():
        if not note.text:
            out.append(Finding(variant.path, note.line, f"“{note.kind}”注释没有内容。", "在冒号后写明说明文字，或删去这一行。"))
        if note.anchor is not None and (not note.anchor or note.anchor not in text):
            out.append(Finding(variant.path, note.line, f"注释所指的原文“{note.anchor}”不在上一段里。", "「」里照抄上一段中的原文（一字不差），或去掉「」改为对整段的注释。"))
        elif note.anchor and anchor_end(text, note.anchor) is None:
            out.append(Finding(variant.path, note.line, f"注释所指的原文“{note.anchor}”只出现在占位符的名称里，注释标记没有地方放。",
                               "「」里照抄占位符之外的原文（可以连同整个【占位符】一起抄），或去掉「」改为对整段的注释。"))
        if note.kind == "提法" and not note.anchor:
            out.append(Finding(variant.path, note.line, "“提法”注释没有标出所指的提法。", "写成“> 提法「提法原文」：含义和现行情况”。"))
    return out


def check_tifa(variant: Variant, registry: Registry) -> list[Finding]:
    out = []
    noted = [note.anchor for note, _ in variant.all_notes() if note.kind == "提法" and note.anchor]
    for tifa in registry.tifa:
        if not tifa.is_dated or not tifa.pattern.search(variant.spoken_text):
            continue  # one search over the whole speech before looking line by line
        if any(tifa.pattern.search(anchor) for anchor in noted):
            continue
        for line, text in _texts(variant, notes=False):
            m = tifa.pattern.search(text)
            if m:
                replacement = f"现行写法可参考“{tifa.replacement}”；" if tifa.replacement else ""
                out.append(Finding(variant.path, line, f"“{m.group(0)}”是已过时的提法：{tifa.why}", f"{tifa.check}{replacement}确需保留时，在该段后加“> 提法「{m.group(0)}」：保留的理由”。", WARNING))
                break
    return out


def check_tifa_expiry(variant: Variant, registry: Registry, today: dt.date | None = None) -> list[Finding]:
    """A time-bound 提法 (data/tifa.yml `expires`) still in the speech after its date. A note does not
    silence it: the date is when someone must look again, and either rewrite or move the date on."""
    today = today or dt.date.today()
    out = []
    for tifa in registry.tifa:
        if not tifa.has_expired(today) or not tifa.pattern.search(variant.spoken_text):
            continue
        for line, text in _texts(variant, notes=False):
            m = tifa.pattern.search(text)
            if m:
                why = f"（{tifa.why}）" if tifa.why else ""
                out.append(Finding(variant.path, line, f"“{m.group(0)}”有时效，data/tifa.yml 定的核对期限 {tifa.expires.isoformat()} 已过{why}。",
                                   f"{tifa.check}按现行表述改写；核实仍然现行的，在 data/tifa.yml 把这一提法的 expires 改为下一个核对日期。", WARNING))
                break
    return out


# --- the locality character (区/县/市/旗) ----------------------------------------------------------

LEVEL_SYNTAX = "docs/contributing/format.md 的“层级用字”"


def check_level_marks(variant: Variant, registry: Registry) -> list[Finding]:
    """A 区（县）级 template writes its own 区 as {区} (区委 → {区}委), so that the page can switch it to
    县, 市 or 旗; other templates do not use {区}; no other {…} is syntax in a variant."""
    levels = registry.levels
    if levels is None or not variant.meta:
        return []
    out, path = [], variant.path
    marking = variant.meta.get("level") == levels.applies_to
    for key, line, text in _meta_items(variant):
        for m in BRACED.finditer(text):
            if m.group(0) == LEVEL_MARK and key == "speech_title" and marking:
                continue
            where = "讲话标题" if key == "speech_title" else f"头部字段 {key}"
            out.append(_brace_finding(variant, line, m.group(0), where, marking and key == "speech_title", levels))
    for line, text in _body_texts(variant):
        for m in BRACED.finditer(text):
            if m.group(0) != LEVEL_MARK or not marking:
                out.append(_brace_finding(variant, line, m.group(0), "正文", marking, levels))
    if not marking:
        return out
    for line, text in variant.spoken_source():
        for _, _, word in levels.bare_words(text):
            marked = word.replace("区", LEVEL_MARK, 1)
            out.append(Finding(path, line, f"“{word}”说的是本级，没有写成“{marked}”：选“县”“市（县级市）”“旗”时它不会跟着换。",
                               f"写成“{marked}”（写法见 {LEVEL_SYNTAX}）；也可以运行 python scripts/speeches.py fix-level {shown_path(path)} 一次改好全文。"))
    return out


def _brace_finding(variant: Variant, line: int, found: str, where: str, marking: bool, levels) -> Finding:
    if found == LEVEL_MARK:
        return Finding(variant.path, line, f"{where}里写了“{LEVEL_MARK}”，但这篇模板的层级不是“{levels.applies_to}”。",
                       f"把“{LEVEL_MARK}”写回本级的字；“{LEVEL_MARK}”只用于{levels.applies_to}模板的讲话正文和讲话标题（见 {LEVEL_SYNTAX}）。")
    allowed = f"唯一允许的是区（县）级模板里标出本地“区”字的 {LEVEL_MARK}" if marking else "花括号不用于讲话稿"
    return Finding(variant.path, line, f"{where}里写了“{found}”：{allowed}。",
                   f"删去花括号（要标本地的“区”字时写成 {LEVEL_MARK}，见 {LEVEL_SYNTAX}）；需要括注的内容改用（）。")


def check_fixed_phrases(variant: Variant, rulebook: Rulebook) -> list[Finding]:
    """A damaged fixed formulation (data/fixed_phrases.yml) in what is spoken, worded as the draft
    checker words it (data/draft_check.yml): the list the 检查讲话稿 page and the importer use too."""
    out = []
    said = rulebook.draft.messages["fixed"]
    for line, text in _texts(variant, notes=False):
        for phrase in rulebook.fixed:
            for pattern in phrase.damaged:
                for m in find(pattern, text):
                    wording = restoration(phrase, m.group(0), text[: m.start()], text[m.end() :])[1]
                    values = {"found": m.group(0), "standard": phrase.standard, "restored": wording, "reason": phrase.why, "source": phrase.source}
                    out.append(Finding(variant.path, line, f"{fill(said.message, values)}（{fill(said.why, values)}）", fill(said.fix, values)))
    return out


# --- unfinished text ---------------------------------------------------------------------------

ELLIPSIS = "……"


def check_unfinished(variant: Variant, registry: Registry) -> list[Finding]:
    """A “……” in what is spoken is a gap left to fill (the skeleton uses it), and so is a header value
    that is nothing but “……”; guidance may quote a pattern with “……”, a template's speech may not."""
    out = []
    unwritten = [(line, text) for line, text in _meta_texts(variant) if ELLIPSIS in text and not text.replace(ELLIPSIS, "").strip(" 。.")]
    for line, text in unwritten + [(line, text) for line, text in _texts(variant, notes=False) if ELLIPSIS in text]:
        out.append(Finding(variant.path, line, f"还有没写完的地方（“{text[:24]}”）。", f"把“{ELLIPSIS}”换成讲话的正文；确实要引用省略的原文时，写明出处后改用“等”。", WARNING))
    return out


ALL_CHECKS: tuple[Check, ...] = (
    check_front_matter, check_structure, check_roles, check_numbering, check_placeholders,
    check_punctuation, check_markup, check_annotations, check_tifa, check_tifa_expiry, check_length, check_unfinished,
    check_level_marks,
)
# In a draft (status: 草稿) these report parts still to be written: they are listed as 待完成 and
# never fail. The rest (HTML and what a page could be harmed by) stay errors in drafts too; check_length
# leaves drafts alone altogether.
UNFINISHED_IN_DRAFTS: frozenset[Check] = frozenset({
    check_front_matter, check_structure, check_roles, check_numbering, check_placeholders,
    check_punctuation, check_annotations, check_tifa, check_tifa_expiry, check_unfinished, check_level_marks,
})


def check_variant(variant: Variant, registry: Registry, parsed: list[Finding] | None = None, rulebook: Rulebook | None = None) -> list[Finding]:
    """The parser's findings on this variant (`parsed`), then every check's, and, given the rulebook,
    the fixed formulations. In a draft, the parser's and the unfinished-part checks' findings are 待完成:
    a draft being written is not a broken file."""
    draft = variant.is_draft
    out = [_pending(f) for f in parsed or []] if draft else list(parsed or [])
    for check in ALL_CHECKS:
        found = check(variant, registry)
        out += [_pending(f) for f in found] if draft and check in UNFINISHED_IN_DRAFTS else found
    if rulebook is not None:
        found = check_fixed_phrases(variant, rulebook)
        out += [_pending(f) for f in found] if draft else found
    return out


def _pending(finding: Finding) -> Finding:
    return dataclasses.replace(finding, severity=PENDING)
