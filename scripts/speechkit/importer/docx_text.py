"""The text of a .docx, as Word shows it with every tracked change accepted.

A .docx is a zip, and a zip can lie: the sizes in its directory are whatever its maker wrote, so the
body (word/document.xml) is decompressed in chunks and counted as it comes, and refused the moment
it passes the limit, whatever the header said. It is parsed as it streams (expat, no tree), so
memory stays near the size of the text, and a DOCTYPE (the door to entity bombs) is refused.

Tracked changes: inserted and moved-in text (w:ins, w:moveTo) is kept, deleted and moved-away text
(w:del, w:moveFrom) is not, a deleted paragraph mark joins its paragraph to the next, and the report
says all this was done. Hidden text (w:vanish) is set aside and listed in the report, not imported:
the drafter never saw it in Word. What a text box repeats for older readers (mc:Fallback) is skipped.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
BODY = "word/document.xml"
CHUNK = 1 << 16
DROPPED = {"del", "moveFrom"}  # tracked deletions: not part of the accepted text
KEPT = {"ins", "moveTo"}  # tracked insertions: part of it
OLD_PROPERTIES = {"rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange"}  # before a change: not in force
OFF = {"0", "false", "off"}


class DocxProblem(Exception):
    """What is wrong with the file, in Chinese, for ImportRefused."""


@dataclass
class DocxText:
    text: str
    inserted: int = 0  # tracked insertions kept (w:ins, w:moveTo holding text)
    deleted: int = 0  # tracked deletions dropped (w:del, w:moveFrom holding text)
    hidden: list[tuple[int, str]] = field(default_factory=list)  # (line in `text`, hidden words) set aside


class _Body:
    """Expat handlers that build the accepted text paragraph by paragraph."""

    def __init__(self):
        self.stack: list[str] = []  # local names of the open elements (other namespaces as "")
        self.paragraphs: list[str] = []
        self.open: list[list[str]] = []  # the parts of each open paragraph (text boxes nest them)
        self.mark_deleted = False  # this paragraph's mark is a tracked deletion: the next one continues it
        self.carry = ""  # the text of paragraphs whose mark was deleted, waiting for the next one
        self.run: list[str] = []
        self.hidden_run = False
        self.dropping = 0  # open w:del / w:moveFrom
        self.old = 0  # open *PrChange
        self.fallback = 0  # open mc:Fallback
        self.in_text = False
        self.change_had_text: list[bool] = []
        self.result = DocxText("")
        self.lines = 0  # line breaks written so far, for the line of hidden text

    def start(self, name: str, attrs: dict) -> None:
        ns, _, local = name.rpartition("}")
        if ns == MC and local == "Fallback":
            self.fallback += 1
        local = local if ns == W else ""
        parent = self.stack[-1] if self.stack else ""
        grand = self.stack[-2] if len(self.stack) > 1 else ""
        self.stack.append(local)
        if self.fallback or not local:
            return
        if local in OLD_PROPERTIES:
            self.old += 1
        elif self.old:
            return
        elif local == "p":
            self.open.append([])
        elif local in DROPPED | KEPT and parent == "rPr" and grand == "pPr":
            if local == "del":
                self.mark_deleted = True
        elif local in DROPPED | KEPT:
            self.change_had_text.append(False)
            if local in DROPPED:
                self.dropping += 1
        elif local == "r":
            self.run, self.hidden_run = [], False
        elif local == "vanish" and parent == "rPr" and grand == "r":
            self.hidden_run = attrs.get(f"{W}}}val", "true").lower() not in OFF
        elif local in ("t", "delText", "instrText"):
            self.in_text = local == "t"
        elif local == "tab" and parent == "r":
            self.run.append(" ")
        elif local in ("br", "cr") and parent == "r":
            self.run.append("\n")

    def end(self, name: str) -> None:
        ns, _, local = name.rpartition("}")
        self.stack.pop()
        if ns == MC and local == "Fallback":
            self.fallback -= 1
            return
        if ns != W or self.fallback:
            return
        parent = self.stack[-1] if self.stack else ""
        grand = self.stack[-2] if len(self.stack) > 1 else ""
        if local in OLD_PROPERTIES:
            self.old -= 1
        elif self.old:
            return
        elif local in ("t", "delText", "instrText"):
            self.in_text = False
        elif local == "r":
            self._end_run()
        elif local in DROPPED | KEPT and not (parent == "rPr" and grand == "pPr"):
            had_text = self.change_had_text.pop() if self.change_had_text else False
            if local in DROPPED:
                self.dropping -= 1
                self.result.deleted += had_text
            else:
                self.result.inserted += had_text
        elif local == "p" and self.open:
            self._end_paragraph()

    def text(self, data: str) -> None:
        if self.fallback or self.old:
            return
        if self.change_had_text and data.strip() and (self.in_text or self.stack[-1] == "delText"):
            self.change_had_text[-1] = True
        if self.in_text and not self.dropping:
            self.run.append(data)

    def _end_run(self) -> None:
        words = "".join(self.run)
        self.run = []
        if not words or not self.open:
            return
        if self.hidden_run:
            line = self.lines + 1 + sum(part.count("\n") for part in self.open[-1])
            self.result.hidden.append((line, words))
        else:
            self.open[-1].append(words)

    def _end_paragraph(self) -> None:
        text = "".join(self.open.pop())
        if self.mark_deleted:  # accepted, the deletion joins this paragraph to the next
            self.mark_deleted = False
            self.carry += text
            return
        text, self.carry = self.carry + text, ""
        self.paragraphs.append(text)
        self.lines += text.count("\n") + 1


LOCAL_HEADER = struct.Struct("<4s5H3I2H")  # signature … name length, extra length (APPNOTE 4.3.7)
STORED, DEFLATED = 0, 8


def _inflated(raw: bytes, info: zipfile.ZipInfo, limit: int) -> Iterator[bytes]:
    """The member's bytes, decompressed here in bounded steps and counted, its stated size ignored:
    zipfile would trust the directory's size (and stop, or go on, where it says)."""
    signature, *_, name_length, extra_length = LOCAL_HEADER.unpack_from(raw, info.header_offset)
    if signature != b"PK\x03\x04" or info.compress_type not in (STORED, DEFLATED) or info.flag_bits & 0x1:
        raise DocxProblem("这个 .docx 文件已损坏，或者用了不支持的压缩或加密方式。")
    start = info.header_offset + LOCAL_HEADER.size + name_length + extra_length
    data = memoryview(raw)[start : start + info.compress_size]
    inflater = zlib.decompressobj(-zlib.MAX_WBITS) if info.compress_type == DEFLATED else None
    read, crc = 0, 0
    for offset in range(0, len(data), CHUNK):
        pending = bytes(data[offset : offset + CHUNK])
        while pending:
            chunk = inflater.decompress(pending, CHUNK) if inflater else pending
            pending = inflater.unconsumed_tail if inflater else b""
            read += len(chunk)
            if read > limit:
                raise DocxProblem(f"这个 .docx 的正文解压后超过了 {limit:,} 字节的上限（文件里记的大小是 {info.file_size:,} 字节，与实际不符：可能是故意做成的“压缩炸弹”）。")
            crc = zlib.crc32(chunk, crc)
            yield chunk
    if (inflater and not inflater.eof) or crc != info.CRC:
        raise DocxProblem("这个 .docx 文件已损坏（正文不完整，或校验和不对）。")


def docx_text(raw: bytes, max_xml_bytes: int) -> DocxText:
    """The accepted text of the .docx in `raw`; DocxProblem (in Chinese) when it cannot be read."""
    body = _Body()
    parser = expat.ParserCreate(namespace_separator="}")

    def refuse_doctype(*_args) -> None:
        raise DocxProblem("这个 .docx 的正文里有不允许的 XML 声明（DOCTYPE 或实体）。")

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    parser.StartElementHandler = body.start
    parser.EndElementHandler = body.end
    parser.CharacterDataHandler = body.text
    parser.buffer_text = True
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            try:
                info = archive.getinfo(BODY)
            except KeyError:
                raise DocxProblem("这个 .docx 文件里没有正文（word/document.xml）。") from None
            if info.file_size > max_xml_bytes:
                raise DocxProblem(f"这个 .docx 的正文解压后有 {info.file_size:,} 字节，超过了 {max_xml_bytes:,} 字节的上限。")
            for chunk in _inflated(raw, info, max_xml_bytes):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except DocxProblem:
        raise
    except expat.ExpatError:
        raise DocxProblem("这个 .docx 的正文无法读取（XML 格式不对）。") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, NotImplementedError, EOFError, ValueError, zlib.error, struct.error):
        raise DocxProblem("这个 .docx 文件已损坏，或者其实不是 .docx。") from None
    if body.carry:
        body.paragraphs.append(body.carry)
    body.result.text = "\n".join(body.paragraphs)
    return body.result
