"""A throwaway copy of the project, and a file placed in it for one run.

The tests that feed the build bad input, the hostile-file runner and the benchmarks all build a
copy of the project, never the working tree: one definition of what a copy holds keeps them from
drifting apart (the benchmark once left out the vendored files the Word download needs).
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("mkdocs.yml", "docs", "data", "overrides", "scripts")


def copy_project(dest: Path) -> Path:
    """Copy what a build reads (config, pages, data, overrides, scripts) into `dest`, a new folder."""
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


@contextmanager
def file_in_docs(project: Path, place: str, source: Path) -> Iterator[Path]:
    """Put `source` at docs/`place` of `project` for the duration of the block, then put back what
    was there (one of our pages, when the case changes it) and remove the folders it created."""
    target = project / "docs" / place
    original = target.read_bytes() if target.exists() else None
    new_dirs = [p for p in target.parents if not p.exists()]
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    try:
        yield target
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)
        for folder in new_dirs:
            folder.rmdir()


@contextmanager
def edited(project: Path, edits: list[dict], base: Path = ROOT) -> Iterator[list[int]]:
    """Apply `edits` (a hostile case of tests/fixtures/hostile_inputs/cases.yml) to `project` for the
    duration of the block, then put every file back. Each edit names a `file` and one of: `replace`
    (first occurrence, which must be there) `with` a text; `replace_line` (the first line starting with
    that text) `with` a line; `append` a text; `write` a whole new file;
    `from` starts from another file of the repository under `base` (a fixture) instead of the file's own text.
    `{fill}` in a text stands for `fill.count` times `fill.char` (huge values without a huge fixture).
    Yields the line of each edit (where the replaced text or the appended text starts)."""
    saved: list[tuple[Path, bytes | None]] = []
    new_dirs: list[Path] = []
    lines = []
    try:
        for edit in edits:
            target = project / edit["file"]
            fill = edit.get("fill") or {}
            filler = str(fill.get("char", "")) * int(fill.get("count", 0))
            new_dirs += [p for p in reversed(target.parents) if not p.exists()]
            target.parent.mkdir(parents=True, exist_ok=True)
            original = target.read_bytes() if target.exists() else None
            saved.append((target, original))
            before = original.decode("utf-8") if original is not None else ""
            if "from" in edit:  # start from another file of the repository (a fixture)
                before = (base / edit["from"]).read_text(encoding="utf-8")
            if "replace_line" in edit:  # the whole first line that starts so (robust to edits of the rest of the line)
                at = next(i for i, row in enumerate(before.split("\n")) if row.startswith(edit["replace_line"]))
                rows = before.split("\n")
                rows[at] = edit["with"].replace("{fill}", filler)
                text = "\n".join(rows)
                lines.append(at + 1)
            elif "replace" in edit:
                at = before.index(edit["replace"])  # a case whose text is gone from the data fails loudly
                text = before[:at] + edit["with"].replace("{fill}", filler) + before[at + len(edit["replace"]) :]
                lines.append(before.count("\n", 0, at) + 1)
            elif "append" in edit:
                joint = "" if before.endswith("\n") or not before else "\n"
                text = before + joint + edit["append"].replace("{fill}", filler)
                lines.append((before + joint).count("\n") + 1)
            else:
                text = edit["write"].replace("{fill}", filler)
                lines.append(1)
            target.write_bytes(text.encode("utf-8", "surrogatepass"))
        yield lines
    finally:
        for target, original in reversed(saved):
            if original is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(original)
        for folder in reversed(new_dirs):
            if folder.exists():
                folder.rmdir()
