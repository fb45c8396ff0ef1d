"""`make tifa-due`: the time-bound 提法 (data/tifa.yml `expires`) that fall due within N days, each
with every line of every template that uses it, so they are rewritten before the build starts to
warn (the check warns from the day after `expires`; a strict build then fails).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..base import DATA_DIR, SPEECHES_DIR, shown_path
from ..checking import load_corpus
from ..reading import Tifa

CONTEXT = 14  # characters shown either side of a use


@dataclass
class Due:
    tifa: Tifa
    uses: list[tuple[Path, int, str]] = field(default_factory=list)  # (file, line, the line around the use)


def _excerpt(line: str, start: int, end: int) -> str:
    left, right = max(0, start - CONTEXT), min(len(line), end + CONTEXT)
    return ("……" if left else "") + line[left:right].strip() + ("……" if right < len(line) else "")


def _spoken(variant) -> list[tuple[int, str]]:
    """(line, text) of what the speech says: the spoken headings and the paragraphs, as the expiry
    check reads them (notes that explain a 提法 are not uses of it)."""
    out = []
    for section in variant.all_sections():
        if section.heading_is_spoken:
            out.append((section.line, section.title))
        out += [(block.line, block.text) for block in section.blocks]
    return out


def due_tifa(speeches: Path, data: Path, today: dt.date, days: int) -> tuple[list[Due], list[str]]:
    """The 提法 whose `expires` is on or before today + days (already expired ones first), with their
    uses in the templates; and the findings that stop the data from loading, if any."""
    corpus = load_corpus(speeches, data)
    if corpus.registry is None:
        return [], [str(f) for f in corpus.findings]
    horizon = today + dt.timedelta(days=days)
    out = []
    for tifa in sorted((t for t in corpus.registry.tifa if t.expires and t.expires <= horizon), key=lambda t: t.expires):
        due = Due(tifa)
        for variant in corpus.variants:
            for number, text in _spoken(variant):
                for m in tifa.pattern.finditer(text):
                    due.uses.append((variant.path, number, _excerpt(text, m.start(), m.end())))
        out.append(due)
    return out, []


def report(days: int, echo: Callable[[str], None], *, today: dt.date | None = None,
           speeches: Path = SPEECHES_DIR, data: Path = DATA_DIR) -> int:
    """Print the list in Chinese; the exit status is 1 only when the data cannot be read."""
    if days < 0:
        echo(f"天数“{days}”不能是负数。改法：写成 make tifa-due DAYS=30 这样的正整数（默认 90 天）。")
        return 1
    today = today or dt.date.today()
    found, problems = due_tifa(speeches, data, today, days)
    if problems:
        for problem in problems:
            echo(problem)
        return 1
    horizon = today + dt.timedelta(days=days)
    if not found:
        echo(f"今天是 {today.isoformat()}：{days} 天内（到 {horizon.isoformat()} 为止）没有到期的提法。")
        return 0
    echo(f"今天是 {today.isoformat()}：{days} 天内（到 {horizon.isoformat()} 为止）到期的提法有 {len(found)} 个。")
    for due in found:
        tifa, left = due.tifa, (due.tifa.expires - today).days
        when = f"已过期 {-left} 天" if left < 0 else ("今天到期" if left == 0 else f"还有 {left} 天")
        echo("")
        echo(f"{tifa.term}　核对期限 {tifa.expires.isoformat()}（{when}）")
        if tifa.check:
            echo(f"  怎么改：{tifa.check}")
        if not due.uses:
            echo("  没有模板用到它；到期后核实，把 data/tifa.yml 里的 expires 改为下一个核对日期或删去。")
        for path, line, excerpt in due.uses:
            echo(f"  {shown_path(path)}:{line}: {excerpt}")
    uses = sum(len(d.uses) for d in found)
    echo("")
    echo(f"共 {len(found)} 个提法、{uses} 处用法。到期的次日起，make check 对仍在使用它的模板给出警告，构建不再通过。"
         "改法：按“怎么改”改写上面各行；核实仍然现行的，在 data/tifa.yml 把 expires 改为下一个核对日期。")
    return 0
