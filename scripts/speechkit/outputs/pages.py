"""Pages generated from the whole corpus: one per shared role, the structure matrix, the placeholder
index, the 提法 page and the template picker. All are built from the same model as the template pages."""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict

from ..base import LEVEL_MARK, at_level, html_text, placeholders_in
from ..checking import Corpus, shared_phrases
from ..reading import Registry, Role, Section, Variant, minutes, section_chars, variant_chars
from .downloads import MeetingDownload, meeting_downloads
from .examples import example_pages, example_uri
from .picker import ask_line, pick_code, picker_form
from .render import (
    attr, escape_text, excerpt_marker, inline, level_switch, meeting_scoped_names, section_anchor, template_scoped_names, variant_link,
    with_description,
)

COMPARE_URI = "compare"


def shared_roles(corpus: Corpus) -> list[Role]:
    """Roles that two or more variants have: each gets a comparison page."""
    found = corpus.by_role
    roles = [r for r in corpus.registry.roles.values() if len({v.slug for v, _ in found.get(r.name, [])}) >= 2]
    return sorted(roles, key=lambda r: r.order)


def role_page_uri(role: Role) -> str:
    return f"{COMPARE_URI}/{role.slug}.md"


def tab_label(variant: Variant) -> str:
    """The title without its trailing （讲话人）, to keep headings short; the speaker is in the table."""
    label = re.sub(r"（[^（）]*）$", "", variant.title) or variant.title
    return f"{label}（草稿）" if variant.is_draft else label


def _part_name(section: Section) -> str:
    """第一项 for a 主持词 agenda part, 第一部分 for 一、, （一） for a sub-part."""
    if section.is_agenda:
        return section.title.split("：")[0]
    if section.marker and section.marker.level == 1:
        return f"第{section.marker.raw.rstrip('、')}部分"
    return section.marker.raw if section.marker else section.title


def version_labels(entries: list[tuple[Variant, Section]]) -> list[str]:
    """One heading per version, unique on the page: short titles where they differ, full titles
    where two templates share one, and the part where a template appears twice."""
    short = [tab_label(variant) for variant, _ in entries]
    templates_by_short: dict[str, set[str]] = defaultdict(set)
    parts_by_slug: dict[str, int] = defaultdict(int)
    for (variant, _), label in zip(entries, short):
        templates_by_short[label].add(variant.slug)
        parts_by_slug[variant.slug] += 1
    labels = []
    for (variant, section), label in zip(entries, short):
        if len(templates_by_short[label]) > 1:
            label = variant.title
        if parts_by_slug[variant.slug] > 1:
            label = f"{label} · {_part_name(section)}"
        labels.append(label)
    return labels


FILTERS = ("meeting", "speaker", "level")  # front-matter fields a comparison page filters by


def role_versions(corpus: Corpus, role: Role) -> list[tuple[Variant, Section]]:
    """A role's versions, grouped as a writer looks for them: by meeting type, speaker, level."""
    fields = corpus.registry.fields

    def rank(variant: Variant) -> tuple:
        key = []
        for name in FILTERS:
            choices, value = list(fields[name].choices or []), str(variant.meta.get(name, ""))
            key.append(choices.index(value) if value in choices else len(choices))
        return tuple(key)

    return sorted(corpus.by_role[role.name], key=lambda entry: rank(entry[0]))


def role_page_uris(corpus: Corpus, role: Role) -> list[str]:
    """Page 1 is compare/<role>.md (in the nav); further pages are compare/<role>/<n>.md."""
    count = len(corpus.by_role[role.name])
    pages = max(1, -(-count // _page_size(corpus)))
    return [role_page_uri(role)] + [f"{COMPARE_URI}/{role.slug}/{n}.md" for n in range(2, pages + 1)]


def pages_outside_nav(corpus: Corpus) -> set[str]:
    """Further pages of long comparisons: reached from their first page, not listed in the nav."""
    return {uri for role in shared_roles(corpus) for uri in role_page_uris(corpus, role)[1:]}


def _page_size(corpus: Corpus) -> int:
    return max(1, int(corpus.registry.settings.get("compare_versions_per_page", 20)))


def _version_anchor(variant: Variant, section: Section) -> str:
    return f"v-{variant.slug}-{section_anchor(variant, section)}"


def _filter_form(corpus: Corpus, versions: list[tuple[Variant, Section]]) -> list[str]:
    """Selects for meeting type, speaker and level (values present on this role), wired by compare.js."""
    fields = corpus.registry.fields
    html_lines = [f'<form class="version-filter" data-page-size="{_page_size(corpus)}">']
    for name in FILTERS:
        counts: dict[str, int] = defaultdict(int)
        for variant, _ in versions:
            counts[str(variant.meta.get(name, ""))] += 1
        options = "".join(f'<option value="{attr(v)}">{escape_text(v)}（{n}）</option>' for v, n in counts.items())
        html_lines.append(
            f'<label>{escape_text(fields[name].label)} <select name="{name}"><option value="">全部</option>{options}</select></label>'
        )
    html_lines.append('<output class="version-filter__status" aria-live="polite"></output></form>')
    return ["".join(html_lines), ""]


def _version_table(corpus: Corpus, role: Role, versions: list[tuple[Variant, Section]], uris: list[str]) -> list[str]:
    """Every version of the role, one row each, linked to its full text (on whichever page holds it)."""
    registry, size = corpus.registry, _page_size(corpus)
    fields = registry.fields
    head = "| 版本 | " + " | ".join(escape_text(fields[name].label) for name in FILTERS) + " | 字数 |"
    lines = ['<div class="version-table" markdown>', "", head, "|---|---|---|---|---:|"]
    for i, ((variant, section), label) in enumerate(zip(versions, version_labels(versions))):
        target = uris[i // size].removeprefix(f"{COMPARE_URI}/")
        cells = " | ".join(escape_text(str(variant.meta.get(name, ""))) for name in FILTERS)
        lines.append(
            f"| [{escape_text(label)}]({target}#{_version_anchor(variant, section)}) | {cells} | {section_chars(section, registry):,} |"
        )
    return lines + ["", "</div>", ""]


def _pager(uris: list[str], current: int, depth: int) -> list[str]:
    if len(uris) < 2:
        return []
    up = "../" * depth
    links = [
        f"**{n}**" if n == current else f"[{n}]({up}{uri})" for n, uri in enumerate(uris, start=1)
    ]
    return [f"分页：{' · '.join(links)}", "{ .version-pager }", ""]


def _marks_level(section: Section) -> bool:
    return any(LEVEL_MARK in s.title or any(LEVEL_MARK in b.text for b in s.blocks) for s in section.walk())


def role_page(corpus: Corpus, role: Role, number: int = 1, versions: list[tuple[Variant, Section]] | None = None) -> str:
    """One page of a role's versions (compare_versions_per_page each), in full, one after another.
    Page 1 also carries the role's description, the filter and the table of all versions."""
    registry = corpus.registry
    versions = versions if versions is not None else role_versions(corpus, role)
    uris = role_page_uris(corpus, role)
    size = _page_size(corpus)
    shown = versions[(number - 1) * size : number * size]
    depth = 1 if number == 1 else 2
    title = f"# 共性段落：{escape_text(role.name)}" + (f"（第 {number} 页）" if number > 1 else "")
    lines = [title, "", f"{escape_text(role.description)}", "{ .variant-summary }", ""]
    if number == 1:
        lines += ['!!! info "这一部分通常写什么"', "", f"    {escape_text(role.contains)}", ""]
        lines += ['!!! tip "写作提醒"', "", f"    {escape_text(role.tips)}", ""]
    if number == 1:
        lines += [f"## 全部 {len(versions):,} 个版本 {{ #versions }}", ""]
        lines += ["按会议类型、讲话人和层级筛选；点击版本名称查看全文。每个版本可以单独复制，在任一模板页填写的信息在这里同样生效。", ""]
        lines += _filter_form(corpus, versions) + _version_table(corpus, role, versions, uris)
    lines += _pager(uris, number, depth)
    # the fill-in panel is built by fill-dock.js: below the table, so that nothing on the first screen moves
    if registry.levels is not None and any(_marks_level(section) for _, section in shown):
        lines += [level_switch(registry.levels), ""]  # excerpts that mark {区} follow the level chosen on any page
    lines += ['<div class="fill-panel" data-fill-panel></div>', ""]
    labels = dict(zip(map(id, versions), version_labels(versions)))
    for entry in shown:
        variant, section = entry
        chars = section_chars(section, registry)
        label = role.name if section.is_opening or section.is_closing else at_level(section.title)
        meta = " · ".join(escape_text(str(variant.meta.get(name, ""))) for name in FILTERS)
        data = " ".join(f'data-{name}="{attr(variant.meta.get(name, ""))}"' for name in FILTERS)
        lines += [
            f'<div class="speech-excerpt" data-source="{attr(variant.slug)}" data-speech-title="{attr(variant.title)}" {data} markdown>',
            "",
            f"## {escape_text(labels[id(entry)])} {{ #{_version_anchor(variant, section)} }}",
            "",
            f"来源：{variant_link(variant, depth=depth, anchor=section_anchor(variant, section))}（{meta}；{escape_text(label)}，约 {chars:,} 字，约 {minutes(chars, registry)} 分钟）",
            "{ .excerpt-source }",
            "",
            excerpt_marker(variant, section),
            "",
            "</div>",
            "",
        ]
    lines += _pager(uris, number, depth)
    return "\n".join(lines)


def matrix_page(corpus: Corpus) -> str:
    registry = corpus.registry
    found = corpus.by_role
    roles = [r for r in registry.roles.values() if found.get(r.name)]
    lines = ["# 结构对照表", "", "每一行是一篇模板，每一列是一种作用；格子里是这篇模板中承担该作用的部分及其字数，点击可跳到原文。", ""]
    lines += ["| 模板 | " + " | ".join(escape_text(r.name) for r in roles) + " | 全文 |", "|---|" + "---|" * len(roles) + "---:|"]
    by_variant: dict[tuple[str, str], list[Section]] = defaultdict(list)
    for role in roles:
        for variant, section in found[role.name]:
            by_variant[(variant.slug, role.name)].append(section)
    for variant in corpus.variants:
        cells = []
        for role in roles:
            parts = by_variant[(variant.slug, role.name)]
            cell = "<br>".join(
                f"[{escape_text(at_level(s.title))}](../{variant.src_uri}#{section_anchor(variant, s)})（{section_chars(s, registry):,} 字）" for s in parts
            )
            cells.append(cell or "—")
        total = variant_chars(variant, registry)
        lines.append(f"| {variant_link(variant)} | " + " | ".join(cells) + f" | {total:,} 字，约 {minutes(total, registry)} 分钟 |")
    lines += ["", "作用的说明见 [共性段落](index.md)。", ""]
    return "\n".join(lines)


def placeholder_page(corpus: Corpus) -> str:
    registry = corpus.registry
    used: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for variant in corpus.variants:
        for line in variant.spoken_lines():
            for name in placeholders_in(line):
                used[name][variant.slug] += 1
    by_slug = corpus.by_slug
    lines = ["# 占位符索引", "", "模板中所有需要替换的内容都写成【名称】。同一个名称在各模板中含义相同：在任一页面填写一次，所有模板都会套用。", ""]
    lines += ["| 占位符 | 类型 | 填什么 | 示例 | 使用于 |", "|---|---|---|---|---|"]
    for name, ph in registry.placeholders.items():
        counts = used.get(name, {})
        where = "、".join(f"{variant_link(by_slug[slug])}（{count} 处）" for slug, count in list(counts.items())[:MAX_LINKS]) or "暂未使用"
        if len(counts) > MAX_LINKS:
            where += f" 等 {len(counts):,} 篇"
        lines.append(f"| {inline('【' + name + '】', registry)} | {escape_text(ph.type)} | {escape_text(ph.description)} | {escape_text(ph.example)} | {where} |")
    lines += ["", "示例中的单位、人名均为虚构。新增占位符的方法见 [变体文件格式](../contributing/format.md#placeholders)。", ""]
    return "\n".join(lines)


MAX_PHRASES = 300  # a longer table helps nobody; the most widely shared come first
MAX_LINKS = 8


def _some_links(variants: list[Variant]) -> str:
    """Links to a few variants; past MAX_LINKS, a count (a phrase may be in hundreds of variants)."""
    shown = "、".join(variant_link(v) for v in variants[:MAX_LINKS])
    return shown if len(variants) <= MAX_LINKS else f"{shown} 等 {len(variants):,} 篇"


def expiry_table(registry: Registry, today: dt.date) -> str:
    """Time-bound 提法 and the day each must be checked again (data/tifa.yml `expires`)."""
    bound = sorted((t for t in registry.tifa if t.expires), key=lambda t: (t.expires, t.term))
    if not bound:
        return "目前没有登记核对期限的提法。\n"
    lines = ["| 提法 | 核对期限 | 为什么有时效 | 到期后怎么办 |", "|---|---|---|---|"]
    for tifa in bound:
        when = tifa.expires.isoformat() + ("（已到期）" if tifa.has_expired(today) else "")
        lines.append(f"| {escape_text(tifa.term)} | {when} | {escape_text(tifa.why or tifa.meaning)} | {escape_text(tifa.check)} |")
    return "\n".join(lines) + "\n"


def tifa_page(corpus: Corpus, today: dt.date | None = None) -> str:
    registry = corpus.registry
    by_slug = corpus.by_slug
    phrases = shared_phrases(corpus.variants, registry)
    lines = ["# 提法", "", "下表是两篇及以上模板共同使用的提法和固定说法，由构建脚本从正文中找出；现行情况来自 `data/tifa.yml`。", ""]
    lines += ["## 各模板共用的提法 { #shared }", "", "| 提法 | 出现于 | 现行情况 |", "|---|---|---|"]
    for phrase in phrases[:MAX_PHRASES]:
        where = _some_links([by_slug[s] for s in phrase.variants])
        status = f"{phrase.tifa.status}：{phrase.tifa.meaning}" if phrase.tifa else "未登记（常用说法）"
        lines.append(f"| {escape_text(phrase.text)} | {where} | {escape_text(status)} |")
    lines += ["", "## 已过时和需要核对的提法 { #dated }", "", "范文网站上常见、但已经过时或需要核对的提法。模板中出现这些提法而没有加注时，检查会报警告。", ""]
    lines += ["| 提法 | 状态 | 为什么 | 怎么写 |", "|---|---|---|---|"]
    for tifa in registry.tifa:
        if tifa.status == "现行":
            continue
        how = tifa.check + (f"现行写法：{tifa.replacement}。" if tifa.replacement else "")
        lines.append(f"| {escape_text(tifa.term)} | {escape_text(tifa.status)} | {escape_text(tifa.why)} | {escape_text(how)} |")
    lines += ["", "## 有时效的提法 { #expiry }", "", "下面的提法和届次、规划期、会议挂钩，到了核对期限，检查会对仍在使用它们的模板报警告，请按现行表述改写或核实后顺延期限。", ""]
    lines += [expiry_table(registry, today or dt.date.today())]
    lines += ["## 现行提法释义 { #current }", "", "| 提法 | 含义 |", "|---|---|"]
    for tifa in registry.tifa:
        if tifa.status == "现行":
            lines.append(f"| {escape_text(tifa.term)} | {escape_text(tifa.meaning)} |")
    lines.append("")
    return "\n".join(lines)


def compare_index(corpus: Corpus) -> str:
    found = corpus.by_role
    lines = ["# 共性段落", "", "各模板按“作用”划分段落。两篇及以上模板都有的作用，各有一页把所有版本并排列出，便于比较、挑选和复制。", ""]
    lines += ["| 作用 | 这一部分做什么 | 版本数 |", "|---|---|---:|"]
    for role in shared_roles(corpus):
        lines.append(f"| [{escape_text(role.name)}]({role.slug}.md) | {escape_text(role.description)} | {len(found[role.name])} |")
    lines += ["", "另见：[结构对照表](matrix.md) · [占位符索引](placeholders.md) · [提法](tifa.md)", ""]
    return "\n".join(lines)


def roles_table(corpus: Corpus) -> str:
    """The role registry as a table, for the format guide (data/roles.yml is the only source)."""
    lines = ["| 作用 | 这一部分做什么 | 通常写什么 | 写作提醒 |", "|---|---|---|---|"]
    for role in corpus.registry.roles.values():
        lines.append(f"| {escape_text(role.name)} | {escape_text(role.description)} | {escape_text(role.contains)} | {escape_text(role.tips)} |")
    return "\n".join(lines) + "\n"


LIMIT_LABELS = {  # what each limit in data/settings.yml bounds, for the format guide
    "max_file_bytes": ("一个文件", "字节"),
    "max_line_chars": ("一行", "字"),
    "max_paragraph_chars": ("一段（连续的几行）", "字"),
    "max_value_chars": ("头部一个字段的值，或列表的一项", "字"),
    "max_list_items": ("头部一个列表", "项"),
    "max_front_matter_lines": ("头部", "行"),
    "max_file_name_chars": ("文件名（不含 .md）", "个字符"),
}


def limits_table(corpus: Corpus) -> str:
    """The input limits of data/settings.yml as a table, for the format guide."""
    limits = corpus.registry.limits
    lines = ["| 对象 | 上限 |", "|---|---:|"]
    for name, (what, unit) in LIMIT_LABELS.items():
        lines.append(f"| {escape_text(what)} | {getattr(limits, name):,} {unit} |")
    return "\n".join(lines) + "\n"


def variant_picker(corpus: Corpus, *, depth: int, repository: str = "") -> str:
    """Templates grouped by meeting type, one row per speaker: the home page's pick-at-a-glance, under
    the picker's form (picker.py) and above the line that asks for a missing template."""
    registry = corpus.registry
    by_meeting: dict[str, list[Variant]] = defaultdict(list)
    for variant in corpus.variants:
        by_meeting[str(variant.meta.get("meeting", ""))].append(variant)
    meetings = list(registry.fields["meeting"].choices)
    speakers = list(registry.fields["speaker"].choices)

    def rank(values: list[str], value: str) -> int:
        return values.index(value) if value in values else len(values)

    def agenda_rank(meeting: str, variant: Variant) -> tuple[int, int]:
        """Speakers in the order they speak at this meeting (data/meetings.yml), then the registry's order."""
        slots = [s.speaker for s in registry.meetings[meeting].agenda] if meeting in registry.meetings else []
        speaker = str(variant.meta.get("speaker"))
        return rank(slots, speaker), rank(speakers, speaker)

    lines = [picker_form(corpus), ""]
    for meeting in sorted(by_meeting, key=lambda m: rank(meetings, m)):
        lines += [f"### {escape_text(meeting)}", "", "| 讲话人 | 模板 | 层级 · 巡察类型 | 简介 | 篇幅 |", "|---|---|---|---|---:|"]
        for variant in sorted(by_meeting[meeting], key=lambda v: (v.is_draft, agenda_rank(meeting, v))):
            meta = variant.meta
            total = variant_chars(variant, registry)
            code = pick_code(variant, corpus)
            link = variant_link(variant, depth=depth) + (f'{{ data-pick="{code}" }}' if code else "")
            lines.append(
                f"| {escape_text(meta.get('speaker', ''))} | **{link}** | "
                f"{escape_text(meta.get('level', ''))} · {escape_text(meta.get('kind', ''))} | {inline(str(meta.get('summary', '')), registry)} | "
                f"约 {total:,} 字<br>约 {minutes(total, registry)} 分钟 |"
            )
        lines.append("")
    lines += [ask_line(repository, depth), ""]
    return "\n".join(lines)


def meeting_download_button(download: MeetingDownload, registry: Registry) -> str:
    """下载整场会议 (meeting-word.js): the meeting's .docx (a site path), its templates in order, the meeting's
    key, the names whose values each template keeps for itself and those the meeting's speeches share
    (filled as on each template's own page), and the head's names in order (a head line of one's own)."""
    def names(values: list[str]) -> str:
        return attr(json.dumps(values, ensure_ascii=False))

    return (f'<button type="button" class="speech-button" data-meeting-docx="{attr(download.uri)}" '
            f'data-meeting-speeches="{attr(json.dumps([v.slug for v in download.variants]))}" '
            f'data-meeting-key="{attr(download.meeting.slug)}" data-template-scoped="{names(template_scoped_names(registry))}" '
            f'data-meeting-scoped="{names(meeting_scoped_names(registry))}" data-meeting-head="{names(list(registry.head))}" '
            f'data-meeting-title="{attr(download.title)}">下载整场会议（{html_text(download.label)}）</button>')


def meeting_flow(corpus: Corpus, *, depth: int) -> str:
    """Each meeting type's usual agenda (data/meetings.yml), with the templates that fit each slot, and
    下载整场会议 under it."""
    registry = corpus.registry
    downloads = defaultdict(list)
    for download in meeting_downloads(corpus):
        downloads[download.meeting.name].append(download)
    lines = ["每类会议的表格下面有“下载整场会议”：一个 Word 文件，按议程先后收入这次会的主持词和各篇讲话稿，"
             "每篇另起一页、有自己的抬头和页码，用各篇模板页上填写的内容填好（没有填写的占位符在 Word 中以黄色标出）。", ""]
    if registry.levels is not None and any(v.has_level_marks for ds in downloads.values() for d in ds for v in d.variants):
        # the {区} words of a meeting's file follow the level chosen here or on any template page
        lines += [f"{escape_text(registry.levels.applies_to)}的会议文件里，本地的“区”字按所选层级写：", "", level_switch(registry.levels), ""]
    for meeting in registry.meetings.values():
        lines += [f"### {escape_text(meeting.name)} {{ #{meeting.slug} }}", "", escape_text(meeting.when), ""]
        lines += ["| 顺序 | 环节 | 讲话人 | 可用模板 | 各地做法不同之处 |", "|---:|---|---|---|---|"]
        for number, slot in enumerate(meeting.agenda, start=1):
            fits = [v for v in corpus.variants if v.meta.get("meeting") == meeting.name and v.meta.get("speaker") == slot.speaker]
            links = "<br>".join(variant_link(v, depth=depth) for v in fits) if fits else ("（不需要讲话稿）" if slot.speaker is None else "暂无")
            lines.append(f"| {number} | {escape_text(slot.item)} | {escape_text(slot.speaker or '—')} | {links} | {escape_text(slot.varies) or '—'} |")
        lines.append("")
        if meeting.note:
            lines += [f"注：{escape_text(meeting.note)}", ""]
        if downloads[meeting.name]:
            buttons = " ".join(meeting_download_button(d, registry) for d in downloads[meeting.name])
            lines += [f'<p class="meeting-downloads">{buttons}</p>', ""]
    return "\n".join(lines)


def speaker_lengths(corpus: Corpus) -> str:
    """Usual length of each speaker's text (data/speakers.yml) and the speaking time it makes."""
    registry = corpus.registry
    rate = int(registry.settings.get("speaking_rate_chars_per_minute", 200))
    lines = [f"本站按每分钟 **{rate}** 字估算讲话时长（`data/settings.yml`）。", ""]
    lines += ["| 讲话人 | 形式 | 常见字数 | 约合时长 | 本站模板 |", "|---|---|---:|---:|---:|"]
    for speaker in registry.speakers.values():
        low, high = speaker.chars
        count = sum(1 for v in corpus.variants if v.meta.get("speaker") == speaker.name)
        lines.append(f"| {escape_text(speaker.name)} | {speaker.form} | {low:,}～{high:,} 字 | {minutes(low, registry)}～{minutes(high, registry)} 分钟 | {count} 篇 |")
    return "\n".join(lines) + "\n"


def nav_titles(corpus: Corpus) -> dict[str, str]:
    """Short nav labels for generated pages (the section is already called 共性段落)."""
    titles = {role_page_uri(role): role.name for role in shared_roles(corpus)}
    titles |= {f"{COMPARE_URI}/matrix.md": "结构对照表", f"{COMPARE_URI}/placeholders.md": "占位符索引", f"{COMPARE_URI}/tifa.md": "提法"}
    titles |= {example_uri(corpus.registry, e): e.meeting for e in corpus.registry.filled_examples}
    return titles


def generated_pages(corpus: Corpus) -> dict[str, str]:
    """src_uri → Markdown for every page that exists only at build time."""
    roles = shared_roles(corpus)
    names = "、".join(r.name for r in roles[:5]) + ("等" if len(roles) > 5 else "")
    pages = {f"{COMPARE_URI}/index.md": with_description(
        f"各模板共有的部分（{names}）逐一并排对照，便于比较、挑选和复制。", compare_index(corpus))}
    for role in roles:
        count = len(corpus.by_role[role.name])
        versions = role_versions(corpus, role)
        for number, uri in enumerate(role_page_uris(corpus, role), start=1):
            page_no = f"（第 {number} 页）" if number > 1 else ""  # each page of a long comparison has its own description
            pages[uri] = with_description(
                f"讲话稿中“{role.name}”部分的 {count} 个版本并排对照{page_no}：{role.description}", role_page(corpus, role, number, versions))
    pages[f"{COMPARE_URI}/matrix.md"] = with_description(
        "每篇模板由哪些部分组成、各部分承担什么作用、有多少字、讲多长时间，一张表对照。", matrix_page(corpus))
    pages[f"{COMPARE_URI}/placeholders.md"] = with_description(
        f"模板中全部 {len(corpus.registry.placeholders)} 个占位符：填什么、示例，以及用在哪些模板里。", placeholder_page(corpus))
    pages[f"{COMPARE_URI}/tifa.md"] = with_description(
        "各模板共用的提法和固定说法、已过时和需要核对的提法，以及现行提法的含义。", tifa_page(corpus))
    return pages | example_pages(corpus)
