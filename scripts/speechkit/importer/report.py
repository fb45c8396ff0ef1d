"""The import report: what was removed, how the page was split, and for each draft every line a
person must review, then exactly the findings `make check` will list for it. Written in Chinese,
headed 一、（一）1. as the project's own prose; it lives beside the drafts as _<name>-report.md, which
neither the site nor the checks read.
"""
from __future__ import annotations

from ..base import SPEECHES_DIR, shown_path, to_cn
from .drafts import Conversion, Draft

MAX_REMOVED = 60


def next_steps(conversion: Conversion) -> list[str]:
    steps = []
    outside = conversion.drafts and conversion.drafts[0].path.parent.resolve() != SPEECHES_DIR.resolve()
    if outside:
        steps.append("草稿不在 docs/speeches/ 里：核对后把它们移到 docs/speeches/，网站和 make check 才会读到。")
    steps += [
        "打开草稿，按本报告第三部分逐行核对（行号是草稿文件里的行，括号里是原文的行）：导入时的判断都要人看一遍。",
        "把“待完成”的各项写好：补上头部的 summary（一句话简介）和 occasion（适用场合），每部分标题下写“> 用途：”，"
        "把【待定……】换成登记过的占位符，过时的提法改成现行写法；会议类型、讲话人是登记表里还没有的，"
        "按第三部分“头部字段”里的登记方法登记，或改成已登记的。",
        "运行 make check：草稿里没写完的地方列为“待完成”，不算错误；列为错误的必须先改。",
        "运行 make serve，在浏览器里看草稿页面，页面顶部同样列出待完成的各处。",
        "全部完成后把头部的 status 改为“可用”，再运行 make check，通过后提交合并请求。",
    ]
    return steps


def _draft_section(index: int, draft: Draft) -> list[str]:
    lines = [f"### （{to_cn(index)}）{shown_path(draft.path)}：{draft.title}", ""]
    lines += [f"原文第{to_cn(draft.article.number)}篇，从原文第 {draft.article.line} 行开始。", ""]
    lines += ["**1. 头部字段**", ""] + [f"- {note}" for note in draft.header_notes] + [""]
    whole = draft.counts + draft.outline.notes
    if whole:
        lines += ["**2. 整篇的改动**", ""] + [f"- {note}" for note in whole] + [""]
    reviews = [(p.out_line, p.line, note) for p in draft.outline.all_paras() if p.out_line for note in p.notes]
    lines += ["**3. 逐行核对**", ""]
    lines += [f"- 第 {out} 行（原文第 {src} 行）：{note}" for out, src, note in sorted(reviews)] or ["- 没有需要逐行核对的地方。"]
    lines += ["", f"**4. make check 会列出的问题（{len(draft.findings)} 项）**", ""]
    lines += [f"- 第 {f.line} 行，{f.severity}：{f.message}改法：{f.fix}" for f in draft.findings] or ["- 没有。"]
    return lines + [""]


def report_markdown(conversion: Conversion) -> str:
    lines = [f"# 导入报告：{conversion.source_name}", ""]
    lines += [f"- 原文件：{conversion.source_name}（{conversion.encoding}）"]
    lines += [f"- 生成的草稿：{len(conversion.drafts)} 篇" + "".join(f"\n  - {shown_path(d.path)}：{d.title}" for d in conversion.drafts)]
    if conversion.skipped:
        lines += [f"- 没有生成草稿：{len(conversion.skipped)} 篇（见第二部分）"]
    lines += [f"- {note}" for note in conversion.notes]
    lines += ["", "## 接下来怎么做", ""]
    lines += [f"{n}. {step}" for n, step in enumerate(next_steps(conversion), start=1)] + [""]
    lines += [f"## 一、删除的内容（{len(conversion.removed)} 处）", ""]
    shown = sorted(conversion.removed, key=lambda r: r.number)[:MAX_REMOVED]
    lines += [f"- 原文第 {r.number} 行，{r.reason}：{r.text}" for r in shown] or ["- 没有。"]
    if len(conversion.removed) > MAX_REMOVED:
        lines.append(f"- 另有 {len(conversion.removed) - MAX_REMOVED} 处，从略。")
    spacing = conversion.spacing
    fixes = []
    if spacing.joined_words:
        fixes.append(f"去掉了汉字之间多余的空格 {spacing.joined_words} 处（PDF 复制的断字）")
    if spacing.blanks:
        fixes.append(f"{spacing.blanks} 处空白（网站留给人名、单位的空格或下划线）按遮挡处理")
    if spacing.joined_lines:
        fixes.append(f"把按固定宽度断开的行接回段落 {spacing.joined_lines} 处")
    if spacing.broken_lines:
        fixes.append(f"原文有的段落粘成了一行，在句末的“同志们”前断开 {spacing.broken_lines} 处")
    if fixes:
        lines += [""] + [f"- {fix}。" for fix in fixes]
    lines += ["", "## 二、分篇和重复", ""]
    if len(conversion.articles) > 1:
        lines.append(f"- 原文是一页 {len(conversion.articles)} 篇的合集：")
        lines += [f"  - 第{to_cn(a.number)}篇：{a.raw_title or '（没有标题）'}（原文第 {a.line} 行）" for a in conversion.articles]
    else:
        lines.append("- 原文是一篇讲话稿。")
    lines += [f"- {why}" for _, why in conversion.skipped]
    lines += ["", "## 三、各篇草稿", ""]
    for index, draft in enumerate(conversion.drafts, start=1):
        lines += _draft_section(index, draft)
    return "\n".join(lines).rstrip("\n") + "\n"
