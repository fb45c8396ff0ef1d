"""The command line, tested the way FastAPI tests its scripts: CliRunner, real files, exit codes."""
from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from speechkit.base import DATA_DIR
from speechkit.cli import cli

runner = CliRunner()
FIXTURES = Path(__file__).parent / "fixtures" / "variants"


def test_check_passes_on_the_real_content():
    result = runner.invoke(cli.app, ["check", "--strict"])
    assert result.exit_code == 0, result.output
    assert "0 个错误，0 个警告。通过。" in result.output


def test_check_rejects_unknown_placeholder_script_and_duplicate(tmp_path):
    folder = tmp_path / "speeches"
    folder.mkdir()
    good = (FIXTURES / "good.md").read_text(encoding="utf-8")
    published = good.replace("status: 草稿", "status: 可用")  # in a draft an unknown placeholder is only 待完成
    (folder / "one.md").write_text(published.replace("【巡察组】", "【不存在的名称】").replace("同志们：\n", "同志们：<script>x()</script>\n"), encoding="utf-8")
    real = Path(__file__).parents[1] / "docs" / "speeches" / "city-special-linkage.md"
    (folder / "city.md").write_text(real.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "city-copy.md").write_text(real.read_text(encoding="utf-8").replace("title: ", "title: 副本", 1), encoding="utf-8")
    result = runner.invoke(cli.app, ["check", "--speeches", str(folder), "--data", str(DATA_DIR)])
    assert result.exit_code == 1
    out = result.output
    assert "one.md:19: 占位符【不存在的名称】没有登记。" in out
    assert "one.md:17: <script> 标签会执行脚本" in out
    assert "city-copy.md:" in out and "与 city.md 高度相似" in out
    assert "未通过" in out and "Traceback" not in out


def test_strict_turns_warnings_into_failure(tmp_path):
    folder = tmp_path / "speeches"
    shutil.copytree(Path(__file__).parents[1] / "docs" / "speeches", folder)  # its alternatives link to the others
    dated = folder / "district-entry-mobilization.md"
    real = dated.read_text(encoding="utf-8")
    assert "开展巡察，是向党中央看齐" in real
    dated.write_text(real.replace("开展巡察，是向党中央看齐", "落实十九大部署，开展巡察，是向党中央看齐", 1), encoding="utf-8")
    args = ["check", "--speeches", str(folder), "--data", str(DATA_DIR)]
    relaxed = runner.invoke(cli.app, args)
    assert relaxed.exit_code == 0 and "警告：“十九大”是已过时的提法" in relaxed.output
    assert runner.invoke(cli.app, args + ["--strict"]).exit_code == 1


def test_stats_lists_sections_with_lengths():
    result = runner.invoke(cli.app, ["stats"])
    assert result.exit_code == 0
    assert "district-entry-mobilization" in result.output and "（意义）" in result.output


def test_pages_writes_generated_pages(tmp_path):
    result = runner.invoke(cli.app, ["pages", str(tmp_path)])
    assert result.exit_code == 0, result.output
    matrix = (tmp_path / "compare" / "matrix.md").read_text(encoding="utf-8")
    front, _, body = matrix.removeprefix("---\n").partition("\n---\n")
    assert front.startswith("description: ") and body.lstrip().startswith("# 结构对照表")
    assert (tmp_path / "compare" / "significance.md").exists()


def test_new_refuses_bad_names_and_existing_files():
    bad = runner.invoke(cli.app, ["new", "Bad_Name"])
    assert bad.exit_code == 1 and "文件名“Bad_Name”不合规" in bad.output
    taken = runner.invoke(cli.app, ["new", "city-special-linkage"])
    assert taken.exit_code == 1 and "已经存在，没有覆盖" in taken.output


def test_new_scaffolds_a_variant(tmp_path, monkeypatch):
    speeches = tmp_path / "speeches"
    speeches.mkdir()
    (speeches / "_template.md").write_text((Path(cli.SPEECHES_DIR) / "_template.md").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(cli, "SPEECHES_DIR", speeches)
    result = runner.invoke(cli.app, ["new", "county-test", "--title", "县委测试讲话"])
    assert result.exit_code == 0, result.output
    text = (speeches / "county-test.md").read_text(encoding="utf-8")
    assert "title: 县委测试讲话" in text and "复制本文件" not in text


def test_entry_script_runs_without_traceback(tmp_path):
    import subprocess
    import sys

    script = Path(__file__).parents[1] / "scripts" / "speeches.py"
    result = subprocess.run([sys.executable, str(script), "check", "--speeches", str(tmp_path / "missing")], capture_output=True, text=True)
    assert result.returncode == 0  # an empty folder has nothing wrong in it
    assert "检查了 0 篇变体" in result.stdout and "Traceback" not in result.stderr


class Terminal:
    """A command run under a pseudo-terminal, as a contributor runs `make new` (stdin is a tty, so it
    asks), with what it printed so far in `seen`. Standard library only: pty, select, subprocess."""

    def __init__(self, argv: list[str], cwd: Path):
        import os
        import pty
        import subprocess

        self.os = os
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
        os.close(slave)
        self.raw = b""

    @property
    def seen(self) -> str:
        return self.raw.decode("utf-8", "replace")

    def expect(self, text: str, timeout: float = 60) -> None:
        import select
        import time

        deadline = time.monotonic() + timeout
        while text not in self.seen:
            ready, _, _ = select.select([self.master], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise AssertionError(f"waited {timeout} s for {text!r}; the terminal shows:\n{self.seen[-800:]}")
            try:
                data = self.os.read(self.master, 4096)
            except OSError:  # EIO: the command ended
                data = b""
            if not data:
                raise AssertionError(f"the command ended before {text!r}; the terminal shows:\n{self.seen[-800:]}")
            self.raw += data

    def send(self, keys: str) -> None:
        self.os.write(self.master, keys.encode("utf-8"))

    def finish(self, timeout: float = 60) -> int:
        code = self.proc.wait(timeout=timeout)
        try:
            while chunk := self.os.read(self.master, 4096):
                self.raw += chunk
        except OSError:
            pass
        self.os.close(self.master)
        return code


def new_in_terminal(project: Path) -> Terminal:
    import sys

    return Terminal([sys.executable, str(project / "scripts" / "speeches.py"), "new"], project)


def test_new_asks_at_a_terminal_and_writes_the_chosen_draft(project_copy):
    """Issue 22 §3: every answer to the first prompt used to end in 内部错误：AssertionError."""
    from speechkit.reading import load_registry

    registry = load_registry(project_copy / "data")
    entry = list(registry.meetings).index("巡察进驻动员会") + 1
    beyond = len(registry.speakers) + 1
    term = new_in_terminal(project_copy)
    term.expect("请输入序号 [1]: ")
    term.send(f"{entry}\r")
    term.expect("讲话人：")
    term.expect("请输入序号 [1]: ")
    term.send(f"{beyond}\r")  # out of range: asked again, in Chinese
    term.expect(f"“{beyond}”不是 1 到 {beyond - 1} 之间的序号，请重新输入。")
    term.send("被巡察党组织书记\r")  # the name itself is an answer too
    term.expect("标题（写会议名称和讲话人，不写年份） [巡察进驻动员会讲话（被巡察党组织书记）]: ")
    term.send("\r")
    term.expect("文件名（英文小写字母、数字和短横线） [new-speech]: ")
    term.send("pty-entry-pledge\r")
    term.expect("已新建草稿 docs/speeches/pty-entry-pledge.md")
    assert term.finish() == 0, term.seen
    assert "内部错误" not in term.seen and "Error" not in term.seen
    text = (project_copy / "docs" / "speeches" / "pty-entry-pledge.md").read_text(encoding="utf-8")
    assert "title: 巡察进驻动员会讲话（被巡察党组织书记）\nmeeting: 巡察进驻动员会\nspeaker: 被巡察党组织书记\n" in text


def test_new_at_a_terminal_can_be_left_with_ctrl_d_and_writes_nothing(project_copy):
    before = sorted(p.name for p in (project_copy / "docs" / "speeches").iterdir())
    term = new_in_terminal(project_copy)
    term.expect("请输入序号 [1]: ")
    term.send("\x04")  # Ctrl+D
    term.expect("已取消，没有新建任何文件。")
    assert term.finish() == 1
    assert "内部错误" not in term.seen and "Aborted" not in term.seen
    assert sorted(p.name for p in (project_copy / "docs" / "speeches").iterdir()) == before
