"""Regular expressions written in data files (提法 patterns, import rules, schema character rules):
checked when they load and time-boxed when they run, so no pattern can hang `make check`, the build
or an import, whatever a pull request writes into data/ (or wrote into it once, in the history).

Two walls. At load, a small static check refuses the shapes that backtrack exponentially: a
quantifier inside another one (`(a+)+`), alternatives under a quantifier that can start alike
(`(a|ab)*`), and two quantifiers in a row over the same characters (`\\s*\\s*`). A quantified group
that starts with a delimiter none of its inner quantifiers can eat (`(?:>\\s*[^>]{1,12})+`) is
accepted: its rounds cannot trade characters. The check is a heuristic; the second wall is not: every
match runs in the `regex` engine with a timeout, and running out of time is a finding that names the
file and the entry. Lookarounds keep working (the 提法 and import rules use them).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from re import _constants as sre  # the parser `re` itself uses: the same syntax, no second grammar
from re import _parser as sre_parse

import regex

from .findings import DataFileError, Finding

LARGE = 100  # a quantifier allowing more repeats than this counts as unbounded
ROUNDS = 10  # a group repeated more often than this must match each text in one way only
WIDE = 20  # two quantifiers in a row allowing more than this each must not compete for the same characters
SAMPLE = " \t\nazAZ09_-.,:;/<>()[]{}|*+?!@#$%&'\"中一二十，。、；：！？（）【】《》“”—…　"
REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT}
SAFE_REPEATS = {getattr(sre, "POSSESSIVE_REPEAT", None)}  # a possessive quantifier never backtracks
ATOMIC = getattr(sre, "ATOMIC_GROUP", None)
CATEGORIES = {
    sre.CATEGORY_DIGIT: str.isdecimal, sre.CATEGORY_NOT_DIGIT: lambda c: not c.isdecimal(),
    sre.CATEGORY_SPACE: str.isspace, sre.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    sre.CATEGORY_WORD: lambda c: c.isalnum() or c == "_", sre.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}


class PatternTimeout(DataFileError):
    """A data pattern ran out of time on some text: the finding names its file and entry."""


@dataclass(frozen=True)
class _Chars:
    """Which characters a piece of a pattern can match, as a predicate plus the characters it names
    (the candidates an overlap test tries, with a fixed sample)."""

    test: object
    named: frozenset[str] = frozenset()

    def overlaps(self, other: "_Chars") -> bool:
        return any(self.test(c) and other.test(c) for c in self.named | other.named | frozenset(SAMPLE))

    def __or__(self, other: "_Chars") -> "_Chars":
        return _Chars(lambda c, a=self.test, b=other.test: a(c) or b(c), self.named | other.named)


NOTHING = _Chars(lambda c: False)
ANYTHING = _Chars(lambda c: True)


def _set_chars(items) -> _Chars:
    negate, tests, named = False, [], set()
    for op, av in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            tests.append(lambda c, x=chr(av): c == x)
            named.add(chr(av))
        elif op is sre.RANGE:
            tests.append(lambda c, lo=av[0], hi=av[1]: lo <= ord(c) <= hi)
            named |= {chr(av[0]), chr(av[1])}
        elif op is sre.CATEGORY and av in CATEGORIES:
            tests.append(CATEGORIES[av])
        else:
            return ANYTHING  # something unusual: assume it can match anything
    hit = lambda c: any(t(c) for t in tests)  # noqa: E731
    return _Chars((lambda c: not hit(c)) if negate else hit, frozenset(named))


def _atom_chars(op, av) -> _Chars | None:
    """The characters a single-character item matches; None if the item is not one."""
    if op is sre.LITERAL:
        return _Chars(lambda c, x=chr(av): c == x, frozenset(chr(av)))
    if op is sre.NOT_LITERAL:
        return _Chars(lambda c, x=chr(av): c != x, frozenset(chr(av)))
    if op is sre.ANY:
        return ANYTHING
    if op is sre.IN:
        return _set_chars(av)
    return None


def _all_chars(items) -> _Chars:
    """Every character anything in `items` can match (an over-approximation)."""
    out = NOTHING
    for op, av in items:
        atom = _atom_chars(op, av)
        if atom is not None:
            out = out | atom
        elif op in REPEATS or op in SAFE_REPEATS:
            out = out | _all_chars(av[2])
        elif op is sre.SUBPATTERN:
            out = out | _all_chars(av[-1])
        elif op is sre.BRANCH:
            for alternative in av[1]:
                out = out | _all_chars(alternative)
        elif ATOMIC is not None and op is ATOMIC:
            out = out | _all_chars(av)
        elif op is sre.GROUPREF:
            return ANYTHING
    return out


def _can_be_empty(op, av) -> bool:
    if op in REPEATS or op in SAFE_REPEATS:
        return av[0] == 0 or all(_can_be_empty(o, a) for o, a in av[2])
    if op is sre.SUBPATTERN:
        return all(_can_be_empty(o, a) for o, a in av[-1])
    if op is sre.BRANCH:
        return any(all(_can_be_empty(o, a) for o, a in alt) for alt in av[1])
    return op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


def _first_chars(items, last: bool = False) -> _Chars:
    """The characters a match of `items` can start with (or end with, if `last`): an over-approximation."""
    out = NOTHING
    for op, av in (reversed(list(items)) if last else items):
        atom = _atom_chars(op, av)
        if atom is not None:
            return out | atom
        if op in REPEATS or op in SAFE_REPEATS:
            out = out | _first_chars(av[2], last)
        elif op is sre.SUBPATTERN:
            out = out | _first_chars(av[-1], last)
        elif op is sre.BRANCH:
            for alternative in av[1]:
                out = out | _first_chars(alternative, last)
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        else:
            return ANYTHING
        if not _can_be_empty(op, av):
            return out
    return out


def _is_large(av) -> bool:
    return av[1] == sre.MAXREPEAT or av[1] > LARGE


def _inner_large_repeats(items):
    for op, av in items:
        if op in REPEATS:
            if _is_large(av):
                yield av
            yield from _inner_large_repeats(av[2])
        elif op is sre.SUBPATTERN:
            yield from _inner_large_repeats(av[-1])
        elif op is sre.BRANCH:
            for alternative in av[1]:
                yield from _inner_large_repeats(alternative)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            yield from _inner_large_repeats(av[1])


def _unwrapped(items) -> list:
    """A group alone in a quantifier is its contents: ((a|aa))+ is looked at as a|aa."""
    items = list(items)
    while len(items) == 1 and items[0][0] is sre.SUBPATTERN:
        items = list(items[0][1][-1])
    return items


def _variable_parts(items):
    """(chars, ambiguous) for each part of `items` that can match different lengths or ways: a
    quantifier with a range, and a choice (ambiguous when its options can start alike or be empty)."""
    for op, av in items:
        if op in REPEATS:
            if av[0] != av[1]:
                yield _all_chars(av[2]), False
            yield from _variable_parts(av[2])
        elif op is sre.SUBPATTERN:
            yield from _variable_parts(av[-1])
        elif op is sre.BRANCH:
            starts = [_first_chars(alternative) for alternative in av[1]]
            alike = any(a.overlaps(b) for i, a in enumerate(starts) for b in starts[i + 1 :])
            empty = any(all(_can_be_empty(o, a) for o, a in alternative) for alternative in av[1])
            if alike or empty:
                yield _all_chars([(op, av)]), alike
            for alternative in av[1]:
                yield from _variable_parts(alternative)


def _delimited(body: list) -> bool:
    """Whether every round of a repeated group starts (or ends) with a character none of its variable
    parts can eat: then the rounds cannot trade characters, as in (?:>\\s*[^>]{1,12})+ or (?:\\d{1,3},)+."""
    for at, rest in ((0, body[1:]), (-1, body[:-1])):
        if not body:
            return False
        delimiter = _atom_chars(*body[at])
        if delimiter is not None and not any(chars.overlaps(delimiter) for chars, _ in _variable_parts(rest)):
            return True
    return False


def _problems(items) -> str | None:
    previous = None  # the last large quantifier of this sequence, if nothing stood since
    for op, av in items:
        if op in REPEATS and av[1] >= 2:
            body = _unwrapped(av[2])
            if not _delimited(body):
                if any(True for _ in _inner_large_repeats(body)):  # (.*a){20} is as bad as (a+)+
                    return "一个量词（*、+、{n,}）套在另一个量词里面，如 (a+)+"
                first = _first_chars(body)
                for chars, alike in _variable_parts(body) if av[1] > ROUNDS else ():
                    if alike or chars.overlaps(first):
                        return "加了量词的一组里有几种匹配同样文字的方式，如 (a|aa)+ 或 (a|ab)*"
        if op in REPEATS and av[1] > WIDE:
            body = _unwrapped(av[2])
            if previous is not None and _first_chars(previous, last=True).overlaps(_first_chars(body)):
                return "两个量词紧挨着，能匹配同样的字，如 \\s*\\s* 或 .*.*"
            previous = body
        else:
            previous = None
        nested = None
        if op in REPEATS or op in SAFE_REPEATS:
            nested = _problems(av[2])
        elif ATOMIC is not None and op is ATOMIC:
            nested = _problems(av)
        elif op is sre.SUBPATTERN:
            nested = _problems(av[-1])
        elif op is sre.BRANCH:
            nested = next((p for p in (_problems(alt) for alt in av[1]) if p), None)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            nested = _problems(av[1])
        if nested:
            return nested
    return None


def pattern_problem(source: str) -> str | None:
    """Why `source` cannot be a data pattern (invalid, or a shape that can hang), in Chinese; None if fine."""
    try:
        parsed = sre_parse.parse(source)
        regex.compile(source)
    except (re.error, regex.error, RecursionError, OverflowError) as exc:
        return f"不是有效的正则表达式（{exc}）"
    return _problems(list(parsed))


class DataPattern:
    """A pattern from a data file, used like a compiled `re` pattern (search, sub, finditer…), with
    every match time-boxed: running out of time raises PatternTimeout naming the file and entry."""

    TIMED = frozenset({"search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"})

    def __init__(self, source: str, where: tuple[Path, int, str], timeout: float):
        self.pattern = source
        self.where = where  # the file, line and entry (提法“十九大”) a timeout is reported at
        self.timeout = timeout
        self._compiled = regex.compile(source)

    def _timed_out(self) -> PatternTimeout:
        path, line, what = self.where
        return PatternTimeout(Finding(path, line, f"{what}的正则表达式运行超过 {self.timeout:g} 秒，没有结束。",
                                      "改写这个正则表达式：去掉嵌套或紧挨着的量词（*、+），或改用原文查找。"))

    def __getattr__(self, name: str):
        method = getattr(self._compiled, name)
        if name not in self.TIMED:
            return method

        def timed(*args, **kwargs):
            try:
                result = method(*args, timeout=self.timeout, **kwargs)
                return iter(list(result)) if name == "finditer" else result
            except TimeoutError:
                raise self._timed_out() from None

        return timed

    def __repr__(self) -> str:
        return f"DataPattern({self.pattern!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, DataPattern) and other.pattern == self.pattern

    def __hash__(self) -> int:
        return hash(self.pattern)


DEFAULT_TIMEOUT = 2.0  # seconds per match, when no registry says otherwise (data/settings.yml: max_pattern_seconds)


def data_pattern(source: str, path: Path, line: int, what: str, timeout: float = DEFAULT_TIMEOUT) -> DataPattern:
    """The pattern of `what` (提法“十九大”) at `path`:`line`, or DataFileError there saying why it cannot be used."""
    if not isinstance(source, str) or not source:
        raise DataFileError(Finding(path, line, f"{what}的 pattern 是空的或不是文字。", "写一个正则表达式，或删去 pattern 按原文查找。"))
    problem = pattern_problem(source)
    if problem:
        raise DataFileError(Finding(path, line, f"{what}的 pattern 不能用：{problem}，匹配较长的文字时可能永远算不完。",
                                    "改写这个正则表达式：每个量词只管一段，不要嵌套，不要让两个量词争同样的字；多种写法用 | 分开列出。"))
    return DataPattern(source, (path, line, what), timeout)
