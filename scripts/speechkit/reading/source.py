"""Read a contributor's file as text, within the size limits, or say in Chinese why it cannot be read.

Everything here runs before any parsing, on bounded input: the file is read up to its size limit
plus one byte, so a huge file is refused without being loaded; lines and paragraphs are measured
in one pass, so no later regular expression ever sees an oversized line. The encoding is
detected from the bytes (UTF-8 with or without BOM, UTF-16/32 by BOM or NUL pattern, GB18030/GBK,
known binary formats), and the message names the encoding found and how to save as UTF-8.
"""
from __future__ import annotations

import errno
import re
from dataclasses import dataclass
from pathlib import Path

from ..base import INVISIBLE, Finding, code_point, invisible_name

SAVE_AS_UTF8 = (
    "用 UTF-8 编码重新保存：WPS 或 Word 中选“文件 → 另存为”，文件类型选“纯文本”，编码选“Unicode (UTF-8)”；"
    "Windows 记事本中选“文件 → 另存为”，在“编码”处选“UTF-8”；保存后文件名仍以 .md 结尾。"
)
# Known binary formats, by their first bytes: what the contributor most likely saved by mistake.
SIGNATURES = (
    (b"PK\x03\x04", "Word（.docx）、WPS（.wps/.docx）文档或压缩包"),
    (b"\xd0\xcf\x11\xe0", "旧版 Word（.doc）或 WPS 文档"),
    (b"%PDF", "PDF 文件"),
    (b"{\\rtf", "RTF 文档"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
)
BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16（Word 另存为“Unicode”或记事本另存为“UTF-16 LE”时就是这种编码）"),
    (b"\xfe\xff", "UTF-16 BE"),
)
MAX_FINDINGS_PER_KIND = 5  # a file with thousands of long lines gets five messages, not thousands
OS_REASONS = {errno.ENOENT: "文件不存在", errno.EACCES: "没有读取权限", errno.EISDIR: "这是一个文件夹", errno.ELOOP: "符号链接指向自身"}


@dataclass(frozen=True)
class Limits:
    """Input limits, from data/settings.yml (see registry.load_registry)."""

    max_file_bytes: int
    max_line_chars: int
    max_paragraph_chars: int
    max_value_chars: int
    max_list_items: int
    max_front_matter_lines: int
    max_file_name_chars: int


def read_bytes(path: Path, limits: Limits) -> tuple[bytes | None, list[Finding]]:
    """At most max_file_bytes + 1 bytes of the file: enough to know it is too big."""
    try:
        with path.open("rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)
    except OSError as exc:
        reason = OS_REASONS.get(exc.errno, "系统拒绝读取")
        return None, [Finding(path, 1, f"无法读取文件（{reason}）。", "确认文件存在、是普通文件并且可以读取；不要提交符号链接或文件夹。")]
    if len(data) > limits.max_file_bytes:
        return None, [Finding(path, 1, f"文件太大（超过 {limits.max_file_bytes:,} 字节的上限）。",
                              "一个文件只写一篇讲话稿模板；删去重复或无关的内容，篇幅很长的讲话拆成两篇。")]
    return data, []


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _looks_like_utf16(data: bytes) -> bool:
    """Text saved as UTF-16 without a BOM: it decodes as UTF-16 into printable text without NULs."""
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text and "\x00" not in text and sum(ch.isprintable() or ch in "\n\r\t" for ch in text) >= 0.97 * len(text):
            return True
    return False


def decode(path: Path, data: bytes) -> tuple[str | None, list[Finding]]:
    """The text of `data`, or a finding that names the encoding found and how to save as UTF-8."""
    for signature, what in SIGNATURES:
        if data.startswith(signature):
            return None, [Finding(path, 1, f"这不是文本文件，而是{what}。", "模板必须是纯文本的 Markdown 文件：把讲话稿的文字复制到文本编辑器里，按 docs/contributing/format.md 的格式写，另存为 UTF-8 编码的 .md 文件。")]
    for bom, name in BOMS:
        if data.startswith(bom):
            return None, [Finding(path, 1, f"文件是 {name} 编码，不是 UTF-8。", SAVE_AS_UTF8)]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        at = data.index(b"\x00")
        if _looks_like_utf16(data):
            return None, [Finding(path, 1, "文件像是 UTF-16 编码（没有字节顺序标记），不是 UTF-8。", SAVE_AS_UTF8)]
        return None, [Finding(path, _line_at(data, at), "文件里有空字节（\\0），不是纯文本，可能是二进制文件或已经损坏。", "删去这一处；如果整个文件都是乱码，从原稿重新复制文字，另存为 UTF-8 编码的 .md 文件。")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = _line_at(data, exc.start)
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            return None, [Finding(path, line, "文件不是 UTF-8 编码，从这一行起有无法识别的字节。", SAVE_AS_UTF8)]
        return None, [Finding(path, line, "文件是 GBK/GB18030 编码（中文 Windows 记事本、WPS 的“ANSI”编码），不是 UTF-8；从这一行起的中文会变成乱码。", SAVE_AS_UTF8)]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def invisible_characters(path: Path, text: str) -> list[Finding]:
    out = []
    for m in INVISIBLE.finditer(text):
        char = m.group(0)
        out.append(Finding(path, text.count("\n", 0, m.start()) + 1, f"有看不见的{invisible_name(char)}（{code_point(char)}）。",
                           "删去它：从网页或 Word 复制文字时常会带进来；可以把这一行删掉后重新输入。"))
        if len(out) >= MAX_FINDINGS_PER_KIND:
            break
    return out


def oversized(path: Path, text: str, limits: Limits) -> list[Finding]:
    """Lines and paragraphs (runs of non-blank lines after the front matter) over their limits."""
    long_lines, long_paragraphs = [], []
    lines = text.split("\n")
    header_end = 0  # last line of the front matter, which has its own limits (frontmatter.py)
    if lines[0].strip() == "---":
        header_end = next((n for n, line in enumerate(lines[1:], start=2) if line.strip() == "---"), 0)
        header_end = min(header_end or len(lines), limits.max_front_matter_lines + 2)
    run_start, run_chars = None, 0
    for number, line in enumerate(lines, start=1):
        if len(line) > limits.max_line_chars and len(long_lines) < MAX_FINDINGS_PER_KIND:
            long_lines.append(Finding(path, number, f"这一行太长（{len(line):,} 字，上限 {limits.max_line_chars:,} 字）。",
                                      "在句号处分段，段落之间空一行；正常的讲话稿段落不会这么长。"))
        if number <= header_end or not line.strip():
            run_start = None
            continue
        if run_start is None:
            run_start, run_chars = number, 0
        run_chars += len(line)
        if run_chars > limits.max_paragraph_chars and len(long_paragraphs) < MAX_FINDINGS_PER_KIND:
            long_paragraphs.append(Finding(path, run_start, f"从这一行起的一段太长（超过 {limits.max_paragraph_chars:,} 字的上限）。",
                                           "在句号处分段，段落之间空一行。"))
            run_chars = -len(text)  # one finding per paragraph
    return long_lines + long_paragraphs


def read_source(path: Path, limits: Limits) -> tuple[str | None, list[Finding]]:
    """The file's text within every limit, or None and the findings that say why not."""
    data, findings = read_bytes(path, limits)
    if data is None:
        return None, findings
    return check_text(path, data, limits)


def check_text(path: Path, data: bytes | str, limits: Limits) -> tuple[str | None, list[Finding]]:
    """Decode (if bytes) and bound `data`; text already in memory goes through the same limits."""
    if isinstance(data, bytes):
        text, findings = decode(path, data)
        if text is None:
            return None, findings
    else:
        text = data.replace("\r\n", "\n").replace("\r", "\n")
        if text.startswith("\ufeff"):
            text = text[1:]
        if len(text.encode("utf-8", "surrogatepass")) > limits.max_file_bytes:
            return None, [Finding(path, 1, f"文件太大（超过 {limits.max_file_bytes:,} 字节的上限）。", "一个文件只写一篇讲话稿模板；删去重复或无关的内容，篇幅很长的讲话拆成两篇。")]
    if not text.strip():
        return None, [Finding(path, 1, "文件是空的。", "复制 docs/speeches/_template.md 的内容，按 docs/contributing/format.md 填写；不需要这个文件就删去它。")]
    findings = invisible_characters(path, text) + oversized(path, text, limits)
    return (None, findings) if findings else (text, [])
