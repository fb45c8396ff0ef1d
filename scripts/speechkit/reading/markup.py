"""What in a piece of prose would be markup: HTML, links, URLs, template and snippet syntax,
entities, Markdown block syntax. Shared by the checks on variants and the check of our own pages.

Every text from a variant is escaped when it is rendered, so none of this can reach a page as
markup; the checks tell the contributor, naming the line, that it would show up as stray symbols.
Each pattern is linear: no two unbounded quantifiers can trade characters (possessive *+ and ++).
"""
from __future__ import annotations

import re

from ..base import ALTERNATIVE_LINK

TAG = re.compile(r"<\s*+(/?)\s*+([A-Za-z][\w:-]*+)([^<>]*+)(>?)")
OTHER_MARKUP_START = re.compile(r"<\s*+[!?]")
AUTOLINK = re.compile(r"<\s*+(?:https?|ftp|mailto|javascript|data|file):", re.I)
AUTOLINK_SCHEMES = {"http", "https", "ftp", "mailto", "javascript", "data", "file"}
URL = re.compile(r"(?<![A-Za-z])(?:(?:https?|ftp|file)://|(?:javascript|vbscript)\s*+:|data:[a-z]++/)|//[\w.-]+\.[a-z]{2,}|www\.[\w-]+\.", re.I)
MD_LINK_TARGET = re.compile(r"\]\(\s*+([^()\s]*+)")
MD_IMAGE = re.compile(r"!\[[^\[\]]*+\]")
TEMPLATE_SYNTAX = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|\{\s*+[:#.]\s*+[\w-]")
# Block syntax at the start of a paragraph: admonitions, tabs, lists, tables, definitions, footnotes.
MARKDOWN_BLOCK = re.compile(r"^(?:!!!|\?\?\?|===|:::|[-*+]\s|\||\[\^|\*\[|\d+\)\s|[-=_*]{3,}$)")
SNIPPET = re.compile(r"-{1,2}8<-{1,2}|;--8<--")
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
DANGEROUS_TAGS = {"script", "iframe", "frame", "object", "embed", "style", "link", "form", "img", "svg", "math", "video", "audio",
                  "meta", "base", "template", "input", "button", "textarea", "select", "details", "marquee", "applet", "noscript"}
NO_MARKUP_FIX = "删去它，只用 docs/contributing/format.md 说明的写法；网站必须离线可用，不加载任何外部内容。"


def markup_problems(text: str, *, alternatives: bool = False) -> list[str]:
    """What is wrong with `text` (one whole value or paragraph, however many lines it was written on)."""
    found: list[str] = []
    external = False
    if "<" in text:
        if AUTOLINK.search(text):
            found.append("写了指向外部地址或脚本的链接（<网址>）")
            external = True
        for m in TAG.finditer(text):
            tag, attrs = m.group(2).lower(), m.group(3)
            if tag in AUTOLINK_SCHEMES and attrs.startswith(":"):
                continue  # an autolink, reported above
            # Lines of a paragraph are joined without a space, so "<svg" + "onload=…" reads "<svgonload=…".
            dangerous = tag if tag in DANGEROUS_TAGS else next((d for d in DANGEROUS_TAGS if tag.startswith(d)), None)
            if dangerous:
                found.append(f"<{dangerous}> 标签会执行脚本或加载外部内容")
            elif re.search(r"\bon[a-z]++\s*+=", attrs, re.I):
                found.append(f"<{tag}> 标签带有 on… 事件属性，会执行脚本")
            elif re.search(r"\b(?:src|href|action|formaction|xlink:href|style)\s*+=", attrs, re.I):
                found.append(f"<{tag}> 标签引用了地址或样式")
            else:
                found.append(f"正文里写了 HTML 标签 <{m.group(1)}{tag}>")
        if OTHER_MARKUP_START.search(text):
            found.append("写了 HTML 注释或声明（<!… 或 <?…）")
    if "(" in text or "[" in text:
        for m in MD_LINK_TARGET.finditer(text):
            if re.match(r"(?:[a-z][a-z0-9+.-]*+:|//)", m.group(1), re.I):
                found.append("链接或图片指向外部地址或脚本")
                external = True
            elif not alternatives:
                found.append("正文里写了链接（[文字](地址)），它不会生效")
            elif not ALTERNATIVE_LINK.search(text):
                found.append("链接只能指向本站的另一篇模板（[标题](文件名.md)）")
        if MD_IMAGE.search(text):
            found.append("插入了图片")
    if not external and URL.search(text):
        found.append("写了网址")
    if TEMPLATE_SYNTAX.search(text):
        found.append("写了模板语法（{{ }}、{% %} 或 {: }）")
    if "8<" in text and SNIPPET.search(text):
        found.append("写了片段引用语法（--8<--），它会把仓库里的文件插进页面")
    if "&" in text and ENTITY.search(text):
        found.append("写了 HTML 字符实体（如 &lt; 或 &#60;）")
    if MARKDOWN_BLOCK.match(text):
        found.append("段首写了 Markdown 语法（!!!、===、- 、| 等）")
    return list(dict.fromkeys(found))




FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
INLINE_CODE = re.compile(r"`[^`\n]*+`")
SCRIPT_SCHEME = re.compile(r"(?<![A-Za-z])(?:javascript|vbscript|data)\s*+:", re.I)


def active_markup(markdown: str) -> list[tuple[int, str]]:
    """(line, problem) for markup in one of our own Markdown pages that would run something: script-like
    tags, on… attributes, javascript:/data: addresses. Code blocks and `code` are quoted text, and
    ordinary links and HTML are allowed there (the sanitiser and the CSP still apply)."""
    out = []
    text = FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), markdown)
    for number, line in enumerate(text.split("\n"), start=1):
        line = INLINE_CODE.sub("", line)
        if "<" in line:
            out += [(number, what) for what in markup_problems(line, alternatives=True) if "执行脚本" in what]
        if ":" in line and SCRIPT_SCHEME.search(line):
            out.append((number, "写了 javascript:、data: 一类会执行脚本的地址"))
    return out
