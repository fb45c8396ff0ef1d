"""What in a piece of prose would be markup: HTML, links, URLs, template and snippet syntax,
entities, Markdown block syntax. Shared by the checks on variants and the check of our own pages.

Every text from a variant is escaped when it is rendered, so none of this can reach a page as
markup; the checks tell the contributor, naming the line, that it would show up as stray symbols.
Each pattern is linear: no two unbounded quantifiers can trade characters (possessive *+ and ++).
"""
from __future__ import annotations

import html
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


# Where an address sits in Markdown or HTML: a link, an image, an attribute, a CSS url(). Each is
# checked after its entities are decoded and the spaces and controls a browser ignores are dropped
# (`&#106;avascript:`, `java&#9;script:`), so an encoded scheme is caught like a plain one.
IMAGE_TARGET = re.compile(r"!\[[^\[\]\n]*+\]\(\s*+<?([^()\s>]*+)|\b(?:src|srcset|poster|background)\s*+=\s*+(?:\"([^\"]*+)\"|'([^']*+)'|([^\s>]++))"
                          r"|url\(\s*+['\"]?([^'\")\s]*+)", re.I)
LINK_TARGET = re.compile(r"\]\(\s*+<?([^()\s>]*+)|^\s*+\[[^\]\n]++\]:\s*+<?(\S++)|<((?:[a-z][a-z0-9+.-]*+:|//)[^<>\s]*+)>"
                         r"|\b(?:href|action|formaction|xlink:href|data)\s*+=\s*+(?:\"([^\"]*+)\"|'([^']*+)'|([^\s>]++))", re.I)
IGNORED_IN_ADDRESSES = re.compile(r"[\x00-\x20\x7f]+")
RUNNING_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:")
SAFE_LINK_SCHEMES = ("http:", "https:", "mailto:")


def _address(raw: str) -> str:
    """What a browser makes of an address: entities decoded, ignored characters dropped, lower case."""
    return IGNORED_IN_ADDRESSES.sub("", html.unescape(html.unescape(raw))).lower()


def _targets(pattern: re.Pattern, line: str) -> list[str]:
    return [_address(next(g for g in m.groups() if g is not None)) for m in pattern.finditer(line) if any(g is not None for g in m.groups())]


def address_problems(line: str) -> list[str]:
    """Addresses in one line of our own page that would run script or load from another host."""
    found = []
    for target in _targets(IMAGE_TARGET, line):
        if target.startswith(RUNNING_SCHEMES):
            found.append("写了 javascript:、data: 一类会执行脚本的地址")
        elif re.match(r"[a-z][a-z0-9+.-]*:|//|\\\\", target):
            found.append("图片或样式从其他网站加载（网站必须离线可用，不加载任何外部内容）")
    for target in _targets(LINK_TARGET, line):
        if target.startswith(RUNNING_SCHEMES):
            found.append("写了 javascript:、data: 一类会执行脚本的地址")
        elif re.match(r"[a-z][a-z0-9+.-]*:", target) and not target.startswith(SAFE_LINK_SCHEMES):
            found.append("链接用了 http、https、mailto 以外的协议")
    return found


def active_markup(markdown: str) -> list[tuple[int, str]]:
    """(line, problem) for markup in one of our own Markdown pages that would run something or load
    from another host: script-like tags, on… attributes, javascript:/data: addresses (also entity-
    encoded), remote images. Code blocks and `code` are quoted text, and ordinary links and HTML are
    allowed there (the sanitiser and the CSP still apply)."""
    out = []
    text = FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), markdown)
    for number, line in enumerate(text.split("\n"), start=1):
        line = INLINE_CODE.sub("", line)
        found = []
        if "<" in line:  # (an entity-encoded tag is text on the page; an encoded address is not, see below)
            found += [what for what in markup_problems(line, alternatives=True) if "执行脚本" in what]
        if ":" in line and SCRIPT_SCHEME.search(line):
            found.append("写了 javascript:、data: 一类会执行脚本的地址")
        if any(mark in line for mark in ("](", "=", "url(", "]:", "<")):
            found += address_problems(line)
        out += [(number, what) for what in dict.fromkeys(found)]
    return out
