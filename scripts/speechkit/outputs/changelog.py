"""The 更新记录 page, the last-change line on each template page, and release notes: all written
from the same History (history.py), which is read from the repository, never kept by hand."""
from __future__ import annotations

import re

from ..checking import Corpus
from ..history import Change, History
from ..reading import Variant
from .render import escape_text, with_description

CHANGES_URI = "changes.md"
TIFA_LABEL = "提法变化"
DESCRIPTION = "每篇讲话模板和提法登记表的修改记录：哪天改的、改了哪一部分，提法的变化单独标出。由构建脚本从仓库历史生成。"


MAX_CLAUSES = 4  # a line stays a line: past this many clauses, “另有 N 项”


# What GitHub turns into a live link, a notification or an issue reference in release notes: such a
# piece of text from the history is shown as code there (`@某人`), inert, and everything else escaped.
GITHUB_LIVE = re.compile(r"(?:https?|ftp|file)://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@[\w./-]+|(?<![\w&])#\d+|\b[\w.-]+/[\w.-]+#\d+|:[a-z0-9_+-]+:", re.I)


def _code(text: str) -> str:
    """`text` as a Markdown code span whatever backticks it holds."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"


def github_text(value: str) -> str:
    """Text for GitHub-flavoured Markdown (release notes): escaped like `escape_text`, and every piece
    GitHub would make live (an address, an @mention, #123, :emoji:) shown as code instead."""
    out, last = [], 0
    for m in GITHUB_LIVE.finditer(value):
        out += [escape_text(value[last : m.start()]) if m.start() > last else "", _code(m.group(0))]
        last = m.end()
    out.append(escape_text(value[last:]) if last < len(value) else "")
    return "".join(out)


def _clauses(clauses: list[str], escape=escape_text) -> str:
    shown = clauses[:MAX_CLAUSES] + ([f"另有 {len(clauses) - MAX_CLAUSES} 项"] if len(clauses) > MAX_CLAUSES else [])
    return escape("；".join(shown)) + "。"


def sentence(change: Change, *, source: bool = True, escape=escape_text) -> str:
    """One change in one line of Markdown: what changed, then the 提法 part in bold. `source` names
    the registry a data change was made in (where no column says so already). Every text in a change
    came from the history (any commit, checked or not): `escape` neutralises it for where it goes."""
    lead = f"{escape(change.title)}：" if source and change.kind == "data" else ""
    text = lead + (_clauses(change.parts, escape) if change.parts else "")
    if change.tifa:
        text += ("" if not change.parts else " ") + f"**{TIFA_LABEL}**：" + _clauses(change.tifa, escape)
    return text


def _cell(markdown: str) -> str:
    """A bar that the escaping left alone would split the table cell."""
    return re.sub(r"(?<!\\)\|", r"\\|", markdown)


def _more(hidden: int) -> list[str]:
    return [f"更早的 {hidden} 次修改没有列出，完整的记录在仓库的修改历史里。", ""] if hidden > 0 else []


def changes_page(history: History, corpus: Corpus) -> str:
    limits = history.settings
    lines = ["# 更新记录", ""]
    lines += [
        "本页在每次构建网站时由仓库的修改历史自动生成，列出每篇模板改过什么、哪天改的，一次修改一行；"
        f"涉及提法的修改标为“{TIFA_LABEL}”。用过旧版本的同志，请按日期核对自己稿子里相应的段落和提法。", "",
    ]
    if history.unavailable:
        lines += ['!!! warning "这次构建没有修改历史"', "",
                  f"    {escape_text(history.unavailable)}，所以这里列不出更新记录。"
                  "在线网站上的更新记录是完整的；也可以在完整的仓库里重新构建。", ""]
        return with_description(DESCRIPTION, "\n".join(lines))
    if history.partial:
        lines += ['!!! note "更新记录不完整"', "", f"    {escape_text(history.partial)}。", ""]

    current = {v.slug for v in corpus.variants}
    by_slug = corpus.by_slug
    recent = [c for c in history.changes if c.kind == "data" or c.key in current][: int(limits.get("recent", 20))]
    lines += ["## 最近的更新 { #recent }", ""]
    if recent:
        lines += ["| 日期 | 模板或登记表 | 改了什么 |", "|---|---|---|"]
        for change in recent:
            where = f"[{escape_text(by_slug[change.key].title)}](#{change.key})" if change.kind == "variant" else f"[{escape_text(change.title)}](#data)"
            lines.append(f"| {change.date} | {_cell(where)} | {_cell(sentence(change, source=False))} |")
    else:
        lines.append("还没有修改记录。")
    lines.append("")

    lines += ["## 各模板的修改 { #templates }", ""]
    per_template = int(limits.get("per_template", 15))
    for variant in corpus.variants:
        changes = history.for_variant(variant)
        lines += [f"### {escape_text(variant.title)} {{ #{variant.slug} }}", "", f"[打开模板](speeches/{variant.slug}.md)", ""]
        if not changes:
            lines += ["还没有提交到仓库，没有修改记录。", ""]
            continue
        lines += [f"- {c.date}　{sentence(c)}" for c in changes[:per_template]] + [""]
        lines += _more(len(changes) - per_template)

    data = history.data_changes()
    lines += ["## 提法和登记表 { #data }", "", "登记表的修改影响所有模板；提法登记表的修改同时记在用到这些提法的模板下面。", ""]
    cap = int(limits.get("data", 30))
    lines += [f"- {c.date}　{sentence(c)}" for c in data[:cap]] or ["还没有修改记录。"]
    lines += [""] + _more(len(data) - cap)

    removed = history.removed_variants(current)
    if removed:
        lines += ["## 已删去的模板 { #removed }", ""]
        lines += [f"- {c.date}　删去了“{escape_text(c.title)}”（{escape_text(c.key)}.md）。" for c in removed] + [""]
    return with_description(DESCRIPTION, "\n".join(lines))


def last_change_line(history: History | None, variant: Variant, *, depth: int = 1) -> str:
    """The template page's 最近更新 line with a link to its entry on the 更新记录 page ('' without history)."""
    if history is None or history.unavailable:
        return ""
    link = f"[更新记录]({'../' * depth}{CHANGES_URI}#{variant.slug})"
    changes = history.for_variant(variant)
    if not changes:
        return f"最近更新：还没有提交到仓库。{link}\n{{ .last-change }}\n"
    return f"最近更新：{changes[0].date}，{sentence(changes[0])} {link}\n{{ .last-change }}\n"


def release_notes(history: History, corpus: Corpus, *, previous: str | None, asset: str) -> str:
    """Short Chinese notes for a GitHub release (its title names the tag): what changed in the
    templates and registries since the `previous` tag, and how to use the attached intranet zip."""
    by_slug = corpus.by_slug
    cap = int(history.settings.get("release", 40))
    since = f"自 {previous} 以来" if previous else "本版"
    lines = [f"**内网离线版**：下载附件 `{asset}`，解压后打开其中的 `index.html` 即可使用，不需要联网，也可以放在共享文件夹里。", ""]
    if history.unavailable:
        return "\n".join(lines + [f"（{github_text(history.unavailable)}，无法列出修改。）", ""])
    templates = [c for c in history.changes if c.kind == "variant"]
    lines += [f"## {since}模板的修改", ""]
    for change in templates[:cap]:
        title = by_slug[change.key].title if change.key in by_slug else change.title
        lines.append(f"- {change.date}　**{github_text(title)}**：{sentence(change, escape=github_text)}")
    if not templates:
        lines.append("没有修改。")
    lines.append("")
    data = history.data_changes()
    lines += [f"## {since}提法和登记表的修改", ""]
    lines += [f"- {c.date}　{sentence(c, escape=github_text)}" for c in data[:cap]] or ["没有修改。"]
    lines.append("")
    if history.partial:
        lines += [f"（{github_text(history.partial)}。）", ""]
    return "\n".join(lines)
