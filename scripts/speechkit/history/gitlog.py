"""Read the repository's history with the git command line: which commits touched which files, and
the text of a file at a commit. Nothing here knows about speeches; history.py gives it meaning.

A build may run where there is no history at all (a zip, a folder copied to an intranet server, no
git installed) or only part of it (a shallow clone): `GitUnavailable` carries the reason in Chinese,
and `Repository.boundary` names the commits whose parents are missing.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

GIT_TIMEOUT = 120  # seconds; a log of a large repository takes well under one


class GitUnavailable(Exception):
    """No usable history; the message says why, in Chinese, for the 更新记录 page."""


@dataclass(frozen=True)
class Commit:
    sha: str
    parent: str | None  # first parent; None for the first commit
    date: str  # committer date, YYYY-MM-DD: when the change reached the branch


@dataclass(frozen=True)
class FileChange:
    status: str  # A added, M modified, D deleted, R renamed (git's letters)
    path: str  # path after the commit (before it, for D)
    old_path: str | None = None  # path before a rename


@dataclass
class LogEntry:
    commit: Commit
    files: list[FileChange]


def _env() -> dict[str, str]:
    # Plain, untranslated output; never ask for credentials or open an editor.
    return {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat"}


class Repository:
    def __init__(self, root: Path):
        self.root = root

    @classmethod
    def open(cls, root: Path) -> "Repository":
        """The repository whose top level is `root`, or GitUnavailable saying why there is none."""
        repo = cls(root)
        try:
            top = repo._git("rev-parse", "--show-toplevel").strip()
        except GitUnavailable:
            raise GitUnavailable("这份文件不在 git 仓库里（例如从压缩包解压、从共享文件夹复制的副本）") from None
        if Path(top).resolve() != root.resolve():
            # A copy of the project inside some other repository: that history is not ours.
            raise GitUnavailable("这份文件不在本项目自己的 git 仓库里")
        try:
            repo._git("rev-parse", "--verify", "--quiet", "HEAD")
        except GitUnavailable:
            raise GitUnavailable("仓库里还没有任何提交") from None
        return repo

    def _git(self, *args: str, stdin: str | None = None) -> str:
        try:
            result = subprocess.run(
                ["git", "-C", str(self.root), *args], input=stdin, capture_output=True,
                text=True, encoding="utf-8", errors="replace", env=_env(), timeout=GIT_TIMEOUT,
            )
        except FileNotFoundError:
            raise GitUnavailable("构建环境里没有安装 git") from None
        except subprocess.TimeoutExpired:
            raise GitUnavailable(f"读取仓库历史超过 {GIT_TIMEOUT} 秒") from None
        if result.returncode != 0:
            detail = (result.stderr.strip().splitlines() or ["未知错误"])[0]
            raise GitUnavailable(f"读取仓库历史失败（git：{detail}）")
        return result.stdout

    @property
    def boundary(self) -> frozenset[str]:
        """Commits at the edge of a shallow clone: git shows them without parents."""
        path = Path(self._git("rev-parse", "--git-path", "shallow").strip())
        path = path if path.is_absolute() else self.root / path
        try:
            return frozenset(path.read_text(encoding="ascii").split())
        except OSError:
            return frozenset()

    def log(self, paths: list[str], revisions: str = "HEAD") -> list[LogEntry]:
        """Commits along the first-parent line that changed `paths`, newest first, with their files.

        First parent only: on main, a merged branch counts as one change on the day it was merged,
        compared with main before the merge."""
        out = self._git(
            "log", "--first-parent", "--diff-merges=first-parent", "-M", "--name-status", "-z",
            "--format=%x01%H%x09%P%x09%cs", revisions, "--", *paths,
        )
        entries = []
        for record in out.split("\x01")[1:]:
            header, _, rest = record.partition("\x00")
            sha, parents, date = header.split("\t")
            commit = Commit(sha=sha, parent=(parents.split() or [None])[0], date=date)
            entries.append(LogEntry(commit, _name_status(rest.lstrip("\n").split("\x00"))))
        return entries

    def _sizes(self, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, int] | None]:
        """(revision, path) → (blob id, size) without reading any content (`git cat-file --batch-check`)."""
        request = "".join(f"{revision}:{path}\n" for revision, path in wanted)
        out, found = self._git("cat-file", "--batch-check", stdin=request).split("\n"), {}
        for key, line in zip(wanted, out):
            fields = line.split(" ")
            found[key] = (fields[0], int(fields[2])) if len(fields) == 3 and fields[1] == "blob" and fields[2].isdigit() else None
        return found

    def read_many(self, wanted: list[tuple[str, str]], max_bytes: int | None = None) -> dict[tuple[str, str], tuple[str, str | None] | None]:
        """(revision, path) → (blob id, text), or None where the file did not exist at that revision.
        A version bigger than `max_bytes` is never read: its text is None (history is input too: a
        huge file committed once must not cost every later build its size in memory).

        One `git cat-file --batch` for all of them: a round trip per file costs a process switch
        each, which on a busy machine was 95% of the time."""
        wanted = list(dict.fromkeys(wanted))
        if not wanted:
            return {}
        oversized = {}
        if max_bytes is not None:
            sizes = self._sizes(wanted)
            oversized = {key: (found[0], None) for key, found in sizes.items() if found is not None and found[1] > max_bytes}
            wanted = [key for key in wanted if key not in oversized]
            if not wanted:
                return oversized
        request = "".join(f"{revision}:{path}\n" for revision, path in wanted).encode("utf-8")
        try:
            result = subprocess.run(["git", "-C", str(self.root), "cat-file", "--batch"], input=request,
                                    capture_output=True, env=_env(), timeout=GIT_TIMEOUT)
        except FileNotFoundError:
            raise GitUnavailable("构建环境里没有安装 git") from None
        except subprocess.TimeoutExpired:
            raise GitUnavailable(f"读取仓库历史超过 {GIT_TIMEOUT} 秒") from None
        if result.returncode != 0:
            raise GitUnavailable("读取仓库历史失败（git cat-file）")
        out, at, found = result.stdout, 0, {}
        for key in wanted:
            end = out.index(b"\n", at)
            header = out[at:end].decode("utf-8", "replace").split(" ")
            at = end + 1
            found[key] = None  # "<name> missing"
            if len(header) == 3 and header[2].isdigit():  # "<id> <type> <size>", then the content and a newline
                size = int(header[2])
                if header[1] == "blob":
                    found[key] = (header[0], out[at : at + size].decode("utf-8", "replace"))
                at += size + 1
        return found | oversized

    def has_commit(self, revision: str) -> bool:
        try:
            self._git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
            return True
        except GitUnavailable:
            return False

    def previous_tag(self, tag: str, pattern: str) -> str | None:
        """The nearest tag matching `pattern` before `tag`, for release notes."""
        try:
            return self._git("describe", "--tags", "--abbrev=0", f"--match={pattern}", f"{tag}^").strip() or None
        except GitUnavailable:
            return None


def _name_status(fields: list[str]) -> list[FileChange]:
    """Parse `--name-status -z`: status, path (and a second path for renames and copies)."""
    files, i = [], 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        if status in "RC":
            old, new = fields[i + 1], fields[i + 2]
            files.append(FileChange("R" if status == "R" else "A", new, old if status == "R" else None))
            i += 3
        else:
            files.append(FileChange(status, fields[i + 1]))
            i += 2
    return files
