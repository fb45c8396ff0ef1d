"""The importer's hostile inputs (issue 23 §8): a .docx zip bomb whose directory lies about sizes,
tracked changes, hidden text, noncharacters in a .txt, a file name carrying NEL or ANSI escapes.
Each gets a clear result: refused in Chinese, or imported with the report saying what was done; the
bomb runs as a contributor would run it, in its own process, under 60 s and 500 MB."""
from __future__ import annotations

import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from speechkit.base import DATA_DIR, ROOT
from speechkit.checking import load_corpus
from speechkit.cli import cli

runner = CliRunner()
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAX_SECONDS = 60
MAX_MEMORY = 500 * 2**20


def document(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'


def para(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def run(text: str, properties: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{properties}</w:rPr>" if properties else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def docx(path: Path, xml: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    return path


def speech(*paragraphs: str) -> list[str]:
    return [para(run("在区委巡察工作动员部署会上的讲话")), para(run("同志们：")), *paragraphs,
            para(run("一、提高政治站位，增强做好巡察工作的责任感")), para(run("开展巡察是全面从严治党的重要举措，各级党组织要高度重视。")),
            para(run("同志们，让我们共同努力，完成好本轮巡察任务。"))]


def import_into(source: Path, out: Path):
    result = runner.invoke(cli.app, ["import", str(source), "--out", str(out)])
    assert "Traceback" not in result.output
    return result


def draft_and_report(out: Path) -> tuple[str, str]:
    [draft] = [p for p in out.glob("*.md") if not p.name.startswith("_")]
    [report] = out.glob("_*-report.md")
    return draft.read_text(encoding="utf-8"), report.read_text(encoding="utf-8")


# --- a zip bomb whose directory lies ------------------------------------------------------------

def lying_zip(path: Path, real_bytes: int, claimed: int) -> Path:
    """A .docx whose word/document.xml inflates to `real_bytes` while its local header and central
    directory both claim `claimed` (CRC of the claimed nothing): written by hand, as no library lies."""
    head = document("<w:p><w:r><w:t>").split("</w:body>")[0].encode()  # opened, never closed: only the size can stop it
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts = [compressor.compress(head)]
    block = b"\xe5\xb7\xa1" * (2**20 // 3)  # 巡 repeated: valid XML text, so only the size stops it
    for _ in range(real_bytes // len(block)):
        parts.append(compressor.compress(block))
    parts.append(compressor.flush())
    data = b"".join(parts)
    name = b"word/document.xml"
    local = struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 8, 0, 0, 0, len(data), claimed, len(name), 0) + name
    central = struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, 0, len(data), claimed, len(name), 0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, 1, 1, len(central), len(local) + len(data), 0)
    path.write_bytes(local + data + central + end)
    return path


def run_import_process(source: Path, out: Path) -> tuple[subprocess.CompletedProcess, int]:
    """`speeches.py import` in its own process, as `make import` runs it: (result, peak memory in bytes)."""
    script = f"""
import resource, subprocess, sys
result = subprocess.run([sys.executable, {str(ROOT / 'scripts' / 'speeches.py')!r}, "import", {str(source)!r}, "--out", {str(out)!r}],
                        capture_output=True, text=True, timeout={MAX_SECONDS})
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.stdout.write(result.stdout + result.stderr)
sys.exit(result.returncode)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=MAX_SECONDS + 10)
    peak_kb, _, output = done.stdout.partition("\n")
    return subprocess.CompletedProcess(done.args, done.returncode, output, done.stderr), int(peak_kb) * 1024


@pytest.mark.parametrize("claimed", [1_000, 1_000_000, 19_999_999])  # all under the 20 MB limit of data/import.yml
def test_a_zip_bomb_with_lying_sizes_is_refused_while_streaming(tmp_path, claimed):
    bomb = lying_zip(tmp_path / "bomb.docx", real_bytes=400 * 2**20, claimed=claimed)
    assert bomb.stat().st_size < 5_000_000  # small enough to pass the file-size limit: only streaming can stop it
    result, peak = run_import_process(bomb, tmp_path / "out")
    assert result.returncode == 1, result.stdout
    assert "改法：" in result.stdout and "Traceback" not in result.stdout + result.stderr and "内部错误" not in result.stdout
    assert "超过了 20,000,000 字节的上限" in result.stdout and "压缩炸弹" in result.stdout
    assert peak < MAX_MEMORY, f"{peak / 2**20:.0f} MB"
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_the_body_is_counted_as_it_inflates_not_by_its_header(tmp_path, monkeypatch):
    """Whatever zipfile does with a lying header, our own count stops at the limit."""
    from speechkit.importer.docx_text import DocxProblem, docx_text

    xml = document(para(run("巡" * 400_000)))
    raw = docx(tmp_path / "big.docx", xml).read_bytes()
    assert len(xml.encode()) > 1_000_000
    with pytest.raises(DocxProblem, match="超过了 1,000,000 字节的上限"):
        docx_text(raw, 1_000_000)
    # the directory now claims a tenth of the truth: under the limit, so only the count can stop it
    monkeypatch.setattr(zipfile.ZipFile, "getinfo", lambda self, name, _get=zipfile.ZipFile.getinfo: _shrunk(_get(self, name)))
    with pytest.raises(DocxProblem, match="与实际不符"):
        docx_text(raw, 1_000_000)


def _shrunk(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    info.file_size //= 10
    return info


def test_a_doctype_in_the_body_is_refused(tmp_path):
    bomb = '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' + document(para(run("&b;")))
    result = import_into(docx(tmp_path / "entities.docx", bomb), tmp_path / "out")
    assert result.exit_code == 1 and "不允许的 XML 声明" in result.output and "改法：" in result.output


# --- tracked changes and hidden text ------------------------------------------------------------

def test_tracked_changes_are_imported_accepted_and_said_so(tmp_path):
    changed = para(
        run("今天召开巡察工作动员部署会，"),
        f'<w:del w:id="1" w:author="a"><w:r><w:delText>对上一轮巡察作出总结，</w:delText></w:r></w:del>',
        f'<w:ins w:id="2" w:author="a">{run("对本轮巡察进行部署，")}</w:ins>',
        f'<w:del w:id="3" w:author="a">{run("这段删掉的字写成了普通文字。")}</w:del>',  # some tools write w:t inside w:del
        f'<w:moveFrom w:id="4" w:author="a">{run("移走的句子。")}</w:moveFrom>',
        run("下面，我讲一点意见。"),
        f'<w:moveTo w:id="5" w:author="a">{run("移来的句子。")}</w:moveTo>',
    )
    # a deleted paragraph mark joins the paragraph to the next one
    joined = ('<w:p><w:pPr><w:rPr><w:del w:id="6" w:author="a"/></w:rPr></w:pPr>' + run("要把巡察监督") + "</w:p>") + para(run("摆在突出位置。"))
    result = import_into(docx(tmp_path / "修订.docx", document("".join(speech(changed, joined)))), tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "原文档里有修订记录（插入 2 处、删除 3 处）" in result.output
    text, report = draft_and_report(tmp_path / "out")
    assert "今天召开巡察工作动员部署会，对本轮巡察进行部署，下面，我讲一点意见。移来的句子。" in text
    assert "要把巡察监督摆在突出位置。" in text
    for gone in ("上一轮", "删掉的字", "移走的句子"):
        assert gone not in text, gone
    assert text.count("对本轮巡察进行部署") == 1
    assert "按“接受所有修订”后的文字导入，删除的文字没有导入" in report


def test_hidden_text_is_left_out_and_listed(tmp_path):
    hidden = para(run("巡察是党内监督的重要方式。"), run("【隐藏】本文由范文网整理，转载请注明出处。", "<w:vanish/>"),
                  run("各级党组织要高度重视。", '<w:vanish w:val="false"/>'))
    result = import_into(docx(tmp_path / "隐藏.docx", document("".join(speech(hidden)))), tmp_path / "out")
    assert result.exit_code == 0, result.output
    text, report = draft_and_report(tmp_path / "out")
    assert "巡察是党内监督的重要方式。各级党组织要高度重视。" in text and "范文网" not in text
    assert "原文档里有 1 处隐藏文字" in report
    assert "，Word 里的隐藏文字（没有导入）：【隐藏】本文由范文网整理" in report


def test_tabs_of_a_paragraph_style_are_not_text_and_text_boxes_are_read_once(tmp_path):
    styled = ('<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>' + run("按照区委统一部署，开展本轮巡察。") + "</w:p>")
    box = ('<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           f'<mc:Choice Requires="wps"><w:drawing><w:txbxContent>{para(run("文本框里的话。"))}</w:txbxContent></w:drawing></mc:Choice>'
           f'<mc:Fallback><w:pict><w:txbxContent>{para(run("文本框里的话。"))}</w:txbxContent></w:pict></mc:Fallback>'
           "</mc:AlternateContent></w:r></w:p>")
    result = import_into(docx(tmp_path / "样式.docx", document("".join(speech(styled, box)))), tmp_path / "out")
    assert result.exit_code == 0, result.output
    text, _ = draft_and_report(tmp_path / "out")
    assert "\n按照区委统一部署，开展本轮巡察。" in text
    assert text.count("文本框里的话") == 1


# --- characters that are not text, names that are not printable -----------------------------------

def test_noncharacters_in_a_text_file_are_removed_and_named(tmp_path):
    lines = (Path(__file__).parent / "fixtures" / "import" / "pdf-copy.txt").read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2].replace("部署会", "部署\uffff会\ufdd0", 1).replace("召开", "召\x85开", 1)
    source = tmp_path / "page.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "speeches"
    result = import_into(source, out)
    assert result.exit_code == 0, result.output
    text, report = draft_and_report(out)
    assert "今天召开市委巡察工作动员部署会" in text
    assert not any(ch in text for ch in "\uffff\ufdd0\x85")
    assert "原文第 3 行，不是文字的字符（非字符、控制字符），已删去：U+0085、U+FFFF、U+FDD0" in report
    assert load_corpus(out, DATA_DIR).errors == []


@pytest.mark.parametrize("name", ["讲话\x85title: 注入.txt", "讲话\x1b[31m红字\x1b[0m.txt", "讲话\u202etxt.exe.txt", "讲话\n::error::假的.txt"])
def test_a_file_name_with_controls_is_escaped_in_the_draft_the_report_and_the_terminal(tmp_path, name):
    source = tmp_path / name
    source.write_text((Path(__file__).parent / "fixtures" / "import" / "pdf-copy.txt").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "speeches"
    result = import_into(source, out)
    assert result.exit_code == 0, result.output
    text, report = draft_and_report(out)
    control = next(ch for ch in name if ch in "\x85\x1b\u202e\n")
    header = text.split("\n---\n")[0]
    for written in (result.output, header, report.split("\n")[0]):
        assert not any(ch in written for ch in "\x85\x1b\u202e"), written
    assert f"\\u{ord(control):04x}" in header  # the header's comment says which character it was
    assert [line.split(":")[0] for line in header.split("\n")[2:]] == ["title", "meeting", "speaker", "level", "kind", "status", "last_reviewed"]
    assert len([line for line in header.split("\n") if line.startswith("# ")]) == 1  # the name did not start a new line
    assert all(not line.startswith("::") for line in result.output.split("\n"))  # nor a GitHub Actions command
    assert load_corpus(out, DATA_DIR).errors == []


def test_a_missing_file_named_with_ansi_escapes_is_refused_without_raw_escapes(tmp_path):
    result = import_into(tmp_path / "无\x1b]0;title\x07此文件.txt", tmp_path / "out")
    assert result.exit_code == 1 and "找不到这个文件" in result.output
    assert "\x1b" not in result.output and "\x07" not in result.output and "\\u001b" in result.output
