"""A new variant from the skeleton docs/speeches/_template.md: a draft that passes `make check`.

The skeleton is the only copy of the starting text; this module fills in the front matter the
contributor chose (title, meeting, speaker) and today's date, and never overwrites a file.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from ..base import SLUG  # the one file-name rule, shared with the docs/ layout check

SKELETON_NAME = "_template.md"
MAX_TITLE = 60


def yaml_line(key: str, value: object) -> str:
    """`key: value` as YAML writes it (quoted when the value needs it), on one line."""
    return yaml.safe_dump({key: value}, allow_unicode=True, width=10**6, sort_keys=False).rstrip("\n")


def title_problem(title: str) -> str | None:
    """Why a title cannot be used, in Chinese, or None."""
    if not title.strip():
        return "标题是空的"
    if "\n" in title or "\r" in title:
        return "标题只能写一行"
    if len(title) > MAX_TITLE:
        return f"标题超过 {MAX_TITLE} 个字"
    if re.search(r"[<>{}]", title):
        return "标题里不能有 < > { } 这些符号"
    return None


def free_slug(folder: Path, base: str) -> str:
    """`base`, or `base-2`, `base-3`… whichever names no existing file."""
    slug, n = base, 1
    while (folder / f"{slug}.md").exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def unique_title(title: str, taken: set[str]) -> str:
    """`title`, or `title（二）`… when another variant already has it (titles must differ)."""
    from ..base import to_cn

    candidate, n = title, 1
    while candidate in taken:
        n += 1
        candidate = f"{title}（{to_cn(n)}）"
    return candidate


def scaffold_text(skeleton: str, *, title: str, meeting: str, speaker: str, today: dt.date) -> str:
    """The skeleton with the chosen front matter; its own YAML comment (for maintainers) dropped."""
    values = {"title": title, "meeting": meeting, "speaker": speaker, "last_reviewed": today}
    head, sep, body = skeleton.partition("\n---\n")
    lines = []
    for line in head.split("\n"):
        if line.startswith("# "):
            continue  # the skeleton's note on how to use it
        key = re.match(r"^([a-z_]+):", line)
        if key and key.group(1) in values:
            line = yaml_line(key.group(1), values.pop(key.group(1)))
        lines.append(line)
    return "\n".join(lines) + sep + body


def write_new(target: Path, text: str) -> None:
    """Create `target` with `text`; FileExistsError if it exists (never overwrite)."""
    with target.open("x", encoding="utf-8") as out:
        out.write(text)
