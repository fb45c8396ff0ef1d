"""The draft checker: a drafter's own speech, as plain text lines, checked against the rulebook.

One implementation of every rule, in two languages: this module, behind `make lint`, and
overrides/assets/javascripts/draft-check-rules.js in the browser, which gets the same data rules as
JSON (outputs/draft_rules_json.py) and runs the same small code rules (numbering, counts, adjacency).
tests/fixtures/drafts/ is the conformance corpus: both must give the same findings at the same lines.

The text model: lines split at \\r\\n, \\r, \\n, U+2028 and U+2029, numbered from 1; a leading BOM is
dropped. Each finding says what is wrong, why and the fix; where the fix is exact it carries the span
of the line it replaces (code points) and the replacement, and `safe` says whether “全部改” may apply it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterator

from ..base import CN_DIGITS, PLACEHOLDER, cn_number, compile_portable, find, first, remove, to_cn
from ..reading import INVISIBLE, MARKERS, Rulebook, fill, restoration
from .checks import FULL_WIDTH, HALF_WIDTH
from .numbering import AGENDA_COUNT, LEVEL_NAMES, POINTS, count_cn, expected_label, walk_levels, walk_run_in

LINE_BREAK = re.compile("\r\n|[\r\n\u2028\u2029]")
LEADING_SPACE = re.compile(r"^[ \t\u3000\u00a0]+")
CJK_CHAR = re.compile("[\u3400-\u9fff]")
# How much is quoted back: characters either side of a half-width mark (as `make check` quotes them),
# and the first characters of a junk line
QUOTED = {"context": 4, "short": 40}
HINT_KINDS = frozenset({"tifa_check"})
# The order findings on one line are listed in (a 密级 marking comes before everything, on any line)
KINDS = (
    "classified", "invisible", "html", "tail", "junk_line", "junk_inline", "mask", "mask_restore", "fixed",
    "tifa_dated", "tifa_dated_since", "tifa_expired", "tifa_check", "doubled", "punctuation", "placeholder",
    "numbering_skip", "numbering_repeat", "numbering_order", "numbering_level", "run_in", "points", "points_labels", "agenda",
)
ORDER = {kind: index for index, kind in enumerate(KINDS)}
# Code rules that are patterns: emitted to the browser with the data rules, so both run the same text.
CODE_PATTERNS = {
    "half_width": compile_portable(HALF_WIDTH.pattern),
    "placeholder": compile_portable(PLACEHOLDER.pattern),
    "invisible": compile_portable(INVISIBLE.pattern),
    "points": compile_portable(POINTS.pattern),
    "agenda_count": compile_portable(AGENDA_COUNT.pattern),
    "leading_space": compile_portable(LEADING_SPACE.pattern),
    "strip": compile_portable(r"^\s+|\s+$"),
    "first_point": compile_portable(rf"^第([{CN_DIGITS}]+)[，、,：:]"),
}
MARKER_PATTERNS = tuple((level, compile_portable(pattern.pattern)) for level, pattern in MARKERS)


@dataclass(frozen=True)
class DraftFinding:
    line: int
    kind: str
    severity: str  # problem | hint
    message: str
    why: str
    fix: str
    start: int = 0
    end: int = 0
    replacement: str | None = None  # None: no exact fix, the drafter rewrites
    safe: bool = False

    def shown(self, name: str, severities: dict[str, str]) -> str:
        """`file:line: message 理由：why 改法：fix`, as `make lint` prints it."""
        prefix = "" if self.severity == "problem" else f"{severities[self.severity]}："
        why = f" 理由：{self.why}" if self.why else ""
        return f"{name}:{self.line}: {prefix}{self.message}{why} 改法：{self.fix}"


@dataclass(frozen=True)
class DraftResult:
    lines: list[str]
    findings: list[DraftFinding]
    refused: DraftFinding | None = None  # too long or empty: nothing was checked


def _strip(text: str) -> str:
    """`text` without the spaces around it (the same spaces in both languages: str.strip and
    String.trim differ on a few control characters)."""
    return remove(CODE_PATTERNS["strip"], text)


def draft_lines(text: str) -> list[str]:
    if text.startswith("\ufeff"):
        text = text[1:]
    return LINE_BREAK.split(text)


class _Report:
    """Builds findings with the wording of data/draft_check.yml."""

    def __init__(self, rules: Rulebook):
        self.rules = rules
        self.found: list[DraftFinding] = []

    def make(self, line: int, kind: str, values: dict, **fix) -> DraftFinding:
        message = self.rules.draft.messages[kind]
        return DraftFinding(line, kind, "hint" if kind in HINT_KINDS else "problem",
                            fill(message.message, values), fill(message.why, values), fill(message.fix, values), **fix)

    def add(self, line: int, kind: str, values: dict, **fix) -> DraftFinding:
        finding = self.make(line, kind, values, **fix)
        self.found.append(finding)
        return finding


def check_draft(text: str, rules: Rulebook, today: dt.date | None = None) -> DraftResult:
    """Every finding on a drafter's text, 密级 markings first, then by line."""
    today = today or dt.date.today()
    lines = draft_lines(text)
    report = _Report(rules)
    chars = sum(len(line) for line in lines)
    if chars > rules.draft.max_chars:
        return DraftResult(lines, [], report.make(1, "too_long", {"chars": f"{chars:,}", "limit": f"{rules.draft.max_chars:,}"}))
    if not any(_strip(line) for line in lines):
        return DraftResult(lines, [], report.make(1, "empty", {}))
    checked = _skip_tail(lines, rules, report)
    for number, line in checked:
        _line_rules(number, line, rules, report, today)
    _numbering(checked, rules, report)
    findings = sorted(report.found, key=lambda f: (f.kind != "classified", f.line, ORDER[f.kind], f.start))
    return DraftResult(lines, findings)


def _skip_tail(lines: list[str], rules: Rulebook, report: _Report) -> list[tuple[int, str]]:
    """(number, line) of the lines to check: a recommendation list after the speech is reported once
    and left out (the importer's tail_markers, in its last two thirds)."""
    out = []
    for index, line in enumerate(lines):
        stripped = _strip(line)
        if index > len(lines) // 3 and stripped and first(rules.imports.tail_markers, stripped):
            report.add(index + 1, "tail", {"found": stripped})
            break
        out.append((index + 1, line))
    return out


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


def _line_rules(number: int, line: str, rules: Rulebook, report: _Report, today: dt.date) -> None:
    draft, imports = rules.draft, rules.imports
    for marking in draft.classified:  # one finding a line: the first marking that matches
        m = next(find(marking.pattern, line), None)
        if m:
            report.add(number, "classified", {"found": _strip(m.group(0)), "label": marking.label})
            break
    invisible = [m.group(0) for m in find(CODE_PATTERNS["invisible"], line)]
    if invisible:
        codes = "、".join(dict.fromkeys(f"U+{ord(ch):04X}" for ch in invisible))
        report.add(number, "invisible", {"count": len(invisible), "codes": codes}, start=0, end=len(line),
                   replacement=remove(CODE_PATTERNS["invisible"], line), safe=True)
    code = [(m.start(), m.end()) for m in find(draft.html, line)]
    for start, end in code:
        report.add(number, "html", {"found": line[start:end]}, start=start, end=end, replacement="", safe=True)
    stripped = _strip(line)
    if not stripped:
        return
    rest = _strip(remove(draft.html, stripped))  # what is left of the line once web-page code is out, as the importer sees it
    for rule in imports.junk_inline:
        for m in find(rule.pattern, line):
            if _strip(m.group(0)):
                report.add(number, "junk_inline", {"found": m.group(0), "reason": rule.reason}, start=m.start(), end=m.end(), replacement="")
        rest = _strip(remove(rule.pattern, rest))
    for rule in imports.junk_lines:
        if rule.reason not in draft.junk_lines_skipped and rest and len(rest) <= rule.max_chars and first(rule.pattern, rest):
            short = QUOTED["short"]
            found = stripped if len(stripped) <= short else stripped[:short] + "……"
            report.add(number, "junk_line", {"found": found, "reason": rule.reason}, start=0, end=len(line), replacement="")
            return  # the rest of a junk line is not speech: nothing more to say about it
    spans = _masks(number, line, rules, report)
    for phrase in rules.fixed:
        for pattern in phrase.damaged:
            for m in find(pattern, line):
                spans.append((m.start(), m.end()))
                new, wording = restoration(phrase, m.group(0), line[: m.start()], line[m.end() :])  # as the importer restores it
                report.add(number, "fixed", {"found": m.group(0), "standard": phrase.standard, "restored": wording, "reason": phrase.why,
                                             "source": phrase.source}, start=m.start(), end=m.end(), replacement=new, safe=phrase.safe)
    _tifa(number, line, rules, report, today)
    for m in find(draft.doubled, line):
        word = m.group(1)
        if first(draft.doubled_allowed, word) or _overlaps(m.start(), m.end(), spans):
            continue
        report.add(number, "doubled", {"found": m.group(0), "word": word}, start=m.start(), end=m.end(), replacement=word,
                   safe=word in imports.doubled_merge or len(word) >= 3)
    for m in find(CODE_PATTERNS["half_width"], line):
        if _overlaps(m.start(), m.end(), code):
            continue  # inside web-page code, reported as such
        mark = m.group(0)
        full = FULL_WIDTH[mark]
        if mark == '"':
            full = full[line.count('"', 0, m.start()) % 2]
        context = line[max(0, m.start() - QUOTED["context"]) : m.end() + QUOTED["context"]]
        report.add(number, "punctuation", {"found": mark, "context": context, "full": full}, start=m.start(), end=m.end(), replacement=full, safe=True)
    for m in find(CODE_PATTERNS["placeholder"], line):
        report.add(number, "placeholder", {"found": m.group(0)})


def _masks(number: int, line: str, rules: Rulebook, report: _Report) -> list[tuple[int, int]]:
    """Masks next to a Chinese character (as the importer judges them); where a restore rule of
    import.yml covers one, its fix is the formal wording the rule restores."""
    restores = [(m.start(), m.end(), rule.replace) for rule in rules.imports.mask_rules if rule.kind == "restore" for m in find(rule.pattern, line)]
    spans = []
    for m in find(rules.imports.mask, line):
        before, after = line[m.start() - 1 : m.start()], line[m.end() : m.end() + 1]
        if not (CJK_CHAR.match(before) or CJK_CHAR.match(after)):
            continue  # not next to Chinese: a multiplication sign, an x in a formula
        spans.append((m.start(), m.end()))
        cover = next((r for r in restores if r[0] <= m.start() and m.end() <= r[1]), None)
        if cover:
            report.add(number, "mask_restore", {"found": m.group(0), "restored": cover[2]}, start=cover[0], end=cover[1], replacement=cover[2], safe=True)
        else:
            report.add(number, "mask", {"found": m.group(0)})
    return spans


def _tifa(number: int, line: str, rules: Rulebook, report: _Report, today: dt.date) -> None:
    replacement_phrase = rules.draft.phrases["replacement"]
    for entry in rules.tifa:
        tifa = entry.tifa
        if tifa.is_dated:
            kind = "tifa_dated_since" if tifa.since else "tifa_dated"
        elif tifa.has_expired(today):
            kind = "tifa_expired"
        elif tifa.status == "核对":
            kind = "tifa_check"
        else:
            continue
        for m in find(entry.pattern, line):
            values = {"found": m.group(0), "term": tifa.term, "why": tifa.why or tifa.meaning, "check": tifa.check, "since": tifa.since,
                      "expires": tifa.expires.isoformat() if tifa.expires else "",
                      "replacement": fill(replacement_phrase, {"replacement": tifa.replacement}) if tifa.replacement else ""}
            report.add(number, kind, values, start=m.start(), end=m.end())


@dataclass(frozen=True)
class DraftMarker:
    level: int  # 1 一、 2 （一） 3 1. 4 （1）, 0 一是/一要
    value: int
    raw: str
    suffix: str = ""


def _marker(line: str) -> DraftMarker | None:
    """The numbering marker a line starts with (after any indentation), by the parser's patterns."""
    text = remove(CODE_PATTERNS["leading_space"], line)
    for level, pattern in MARKER_PATTERNS:
        m = first(pattern, text)
        if not m:
            continue
        raw = m.group(1)
        value = int(raw) if raw.isascii() and raw.isdigit() else cn_number(raw)
        return None if value is None else DraftMarker(level, value, m.group(0), m.group(2) if level == 0 else "")
    return None


def _numbering(lines: list[tuple[int, str]], rules: Rulebook, report: _Report) -> None:
    markers = [(number, _marker(line)) for number, line in lines]
    numbered = [(number, marker) for number, marker in markers if marker is not None and marker.level >= 1]
    for slip in walk_levels(numbered, set()):
        marker = slip.marker
        if slip.kind == "level":
            report.add(slip.line, "numbering_level", {"found": marker.raw, "parent": LEVEL_NAMES[slip.expected]})
        else:
            report.add(slip.line, f"numbering_{slip.kind}", {"found": marker.raw, "expected": expected_label(marker.level, slip.expected)})
    _run_in(markers, report)
    _points(lines, markers, rules, report)


def _run_in(markers: list[tuple[int, object]], report: _Report) -> None:
    """一是、二是…… slips, by the rule templates are checked with (numbering.walk_run_in)."""
    for number, marker, want, _suffix in walk_run_in(markers):
        report.add(number, "run_in", {"found": marker.raw, "expected": want})


def _points(lines: list[tuple[int, str]], markers: list[tuple[int, DraftMarker | None]], rules: Rulebook, report: _Report) -> None:
    """讲三点意见 before the first 一、 against the parts that follow it (with none, nothing can be
    counted and nothing is said); 共有三项议程 against the 第N项 items."""
    tops = [marker for _, marker in markers if marker is not None and marker.level == 1]
    first_top = next((number for number, marker in markers if marker is not None and marker.level == 1), None)
    # 第一，第二，…… at the start of lines: the parts of a speech numbered in words
    firsts = {number for number, line in lines if first(CODE_PATTERNS["first_point"], remove(CODE_PATTERNS["leading_space"], line))}
    agenda = {cn_number(m.group(1)) for _, line in lines for m in find(rules.imports.agenda, line)}
    for number, line in lines:
        if first_top is not None and number >= first_top:
            break
        for m in find(CODE_PATTERNS["points"], line):
            promised = cn_number(m.group(1))
            count, by_tops = _parts_after(markers, firsts, len(tops), number)
            if promised is None or not count:
                continue
            if promised != count:
                report.add(number, "points", {"found": m.group(0), "count": count, "count_cn": count_cn(count)})
            elif by_tops and tops[-1].value != promised:
                report.add(number, "points_labels", {"found": m.group(0), "last": tops[-1].raw, "promised_cn": to_cn(promised)})
        for m in find(CODE_PATTERNS["agenda_count"], line):
            promised = cn_number(m.group(1))
            if promised is not None and agenda and promised != len(agenda):
                report.add(number, "agenda", {"found": m.group(0), "count": len(agenda), "count_cn": count_cn(len(agenda))})


def _parts_after(markers: list[tuple[int, DraftMarker | None]], firsts: set[int], tops: int, number: int) -> tuple[int, bool]:
    """How many parts follow the promise on line `number`, counted the way the first of them is
    numbered: 一、 (all the 一、 parts), 第一， (all such lines) or 一是 (the run it starts); and
    whether they are the 一、 parts."""
    count = 0
    for at, marker in markers:
        if at <= number:
            continue
        if count:
            if marker is None:
                continue
            if marker.level != 0 or marker.value == 1:
                break
            count += 1
        elif at in firsts:
            return len(firsts), False
        elif marker is not None and marker.level == 1:
            return tops, True
        elif marker is not None and marker.level == 0:
            count = 1
    return count, False


def safe_fixes(result: DraftResult) -> list[DraftFinding]:
    """The findings “全部改” applies: safe, exact, and not overlapping an earlier one on the same line."""
    taken: dict[int, list[tuple[int, int]]] = {}
    out = []
    for finding in result.findings:
        if not finding.safe or finding.replacement is None:
            continue
        spans = taken.setdefault(finding.line, [])
        if _overlaps(finding.start, finding.end, spans) or (finding.start == finding.end and (finding.start, finding.end) in spans):
            continue
        spans.append((finding.start, finding.end))
        out.append(finding)
    return out


def apply_fixes(lines: list[str], fixes: list[DraftFinding]) -> str:
    """The text with `fixes` applied (each line from its end, so earlier spans stay valid)."""
    lines = list(lines)
    for finding in sorted(fixes, key=lambda f: (f.line, -f.start)):
        line = lines[finding.line - 1]
        lines[finding.line - 1] = line[: finding.start] + finding.replacement + line[finding.end :]
    return "\n".join(lines)


def comparable(finding: DraftFinding) -> tuple:
    """What the browser must agree on, finding by finding (the conformance tests compare these)."""
    return (finding.line, finding.kind, finding.severity, finding.message, finding.why, finding.fix, finding.replacement, finding.safe)

