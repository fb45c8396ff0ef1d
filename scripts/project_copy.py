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
