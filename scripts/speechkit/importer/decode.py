"""Read a raw speech into plain text: .txt/.md in UTF-8, UTF-16 or GB18030, .docx, or a saved .html page.

Every refusal is an ImportRefused with a Chinese message and the fix (how to save the file in
WPS, Word or 记事本); nothing here raises anything else at a contributor.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..reading import ImportRules
from .docx_text import DocxProblem, docx_text
from .junk import Removed

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
DOCX_SUFFIX = ".docx"
SAVE_AS_TEXT = "在 WPS 或 Word 里打开它，选“文件 → 另存为”，保存类型选“纯文本（*.txt）”、编码选 UTF-8，或者直接另存为 .docx；再导入保存好的文件。"
UNSUPPORTED = {
    ".doc": "这是旧版 Word 格式（.doc），不能直接读取。",
    ".wps": "这是 WPS 文字格式（.wps），不能直接读取。",
    ".pdf": "PDF 不能直接读取。",
    ".rtf": "RTF 不能直接读取。",
}


class ImportRefused(Exception):
    """A source the importer cannot read; `message` and `fix` are for the contributor. The fixes say
    what to do before importing again (再导入); `fix_for("检查")` says it for `make lint`, which reads
    files the same way."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message, self.fix = message, fix

    def fix_for(self, verb: str) -> str:
        return self.fix.replace("导入", verb)


@dataclass(frozen=True)
class Source:
    text: str
    encoding: str  # as told to the contributor: UTF-8, GB18030, Word 文档 (.docx), 网页 (.html)
    notes: tuple[str, ...] = ()  # what reading did to the file as a whole (tracked changes accepted…), for the report
    removed: tuple[Removed, ...] = field(default=())  # what was set aside (hidden text), for the report


def read_source(path: Path, rules: ImportRules) -> Source:
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED:
        fix = "打开 PDF，全选复制正文，粘贴到记事本里存为 .txt 再导入。" if suffix == ".pdf" else SAVE_AS_TEXT
        raise ImportRefused(UNSUPPORTED[suffix], fix)
    if suffix not in TEXT_SUFFIXES + HTML_SUFFIXES + (DOCX_SUFFIX,):
        raise ImportRefused(f"不认识“{suffix or '没有扩展名'}”这种文件。", "导入 .txt、.docx 或保存下来的 .html 网页；其他格式先" + SAVE_AS_TEXT)
    try:
        if not path.is_file():
            raise ImportRefused("找不到这个文件。", "检查 SRC= 后面的路径；路径里有空格时整个用引号括起来，如 make import SRC=\"我的 讲话.txt\"。")
        size = path.stat().st_size
        if size > rules.max_file_bytes:
            raise ImportRefused(f"文件有 {size:,} 字节，超过了 {rules.max_file_bytes:,} 字节的上限。", "一次只导入一个页面或一篇文档；太大的文件先拆开。")
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"无法读取这个文件（{exc.strerror}）。", "确认文件存在、没有被其他程序占用，并且有读取权限。") from None
    if suffix == DOCX_SUFFIX:
        return _docx_source(raw, rules)
    text, encoding = decode_bytes(raw)
    if suffix in HTML_SUFFIXES:
        return Source(html_text(text), f"网页（.html，{encoding}）")
    return Source(text, encoding)


def _docx_source(raw: bytes, rules: ImportRules) -> Source:
    try:
        read = docx_text(raw, rules.max_docx_xml_bytes)
    except DocxProblem as exc:
        fix = "一次只导入一篇讲话稿；太大的文档先拆开，或在 Word 里另存为新的 .docx 再导入。" if "上限" in str(exc) else SAVE_AS_TEXT
        raise ImportRefused(str(exc), fix) from None
    notes = []
    if read.inserted or read.deleted:
        notes.append(f"原文档里有修订记录（插入 {read.inserted} 处、删除 {read.deleted} 处）：按“接受所有修订”后的文字导入，"
                     "删除的文字没有导入。在 Word 里打开原文档（审阅 → 修订）确认这些修订都应当接受。")
    if read.hidden:
        notes.append(f"原文档里有 {len(read.hidden)} 处隐藏文字（Word 里设为“隐藏”、平时看不到的文字）：没有导入，列在“删除的内容”里；确实需要的，手工补进草稿。")
    removed = tuple(Removed(line, words[:40] + ("……" if len(words) > 40 else ""), "Word 里的隐藏文字（没有导入）") for line, words in read.hidden)
    return Source(read.text, "Word 文档（.docx）", tuple(notes), removed)


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Text and the name of its encoding; UTF-8 first (it rejects what is not UTF-8), then GB18030."""
    if raw.startswith(b"\xef\xbb\xbf"):
        candidates = [("utf-8-sig", "UTF-8")]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = [("utf-16", "UTF-16")]
    else:
        candidates = [("utf-8", "UTF-8"), ("gb18030", "GB18030")]
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportRefused("这个文件不是文本文件（里面有二进制内容）。", SAVE_AS_TEXT)
    for codec, name in candidates:
        try:
            text = raw.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if name == "GB18030" and _looks_garbled(text):
            break
        return text, name
    raise ImportRefused("认不出这个文件的编码（既不是 UTF-8，也不是 GB18030/GBK）。", SAVE_AS_TEXT)


def _looks_garbled(text: str) -> bool:
    """GB18030 decodes nearly any bytes; real Chinese text is mostly common ideographs and punctuation."""
    if not text:
        return False
    common = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or ch.isascii() or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef")
    return common / len(text) < 0.8


BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote", "dd", "dt", "table", "ul", "ol", "hr"}
SKIPPED_TAGS = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "select", "button", "nav", "footer", "form"}


class _TextOfPage(HTMLParser):
    """The visible text of a saved web page, one line per block element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_text(page: str) -> str:
    parser = _TextOfPage()
    try:
        parser.feed(page)
        parser.close()
    except Exception:  # html.parser is lenient, but a page is arbitrary input: fall back to crude stripping
        return html.unescape(re.sub(r"<[^>]*>", "\n", page))
    return "".join(parser.parts)
