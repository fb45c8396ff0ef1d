"""The record of what changed, read from the repository's history of docs/speeches/ and data/.

Each commit is summarised once (changes.py, through parse_variant) and cached by its id under
.cache/, so a build only reads the commits it has not seen. Where there is no history (a zip, no
git) or only part of it (a shallow clone), the History says so instead of failing the build.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from ..base import ROOT, DataPattern, Finding, PatternTimeout, data_pattern
from ..reading import MAX_DATA_FILE_BYTES, DataFileError, Registry, Variant, check_text, load_data_text, load_yaml, parse_variant
from .changes import FILE_NAME_CHARS, TITLE_CHARS, summarise_data, summarise_variant, value_text
from .gitlog import GitUnavailable, LogEntry, Repository

CACHE_FILE = Path(".cache") / "changelog.json"
UNREADABLE = "这一版超出了读取上限（大小、行长或看不见的字符），没有列出修改的细节"
HISTORY_PATTERN_SECONDS = 0.2  # a past pattern gets less time than a current one: it is asked once per template
# The summaries depend on this code and on these data files: a change to any of them rebuilds the cache.
CACHE_CODE = ("history/changes.py", "history/history.py", "reading/parser.py", "reading/model.py")  # under speechkit/
CACHE_DATA = ("front_matter.yml", "tifa.yml", "changelog.yml")


@dataclass
class Change:
    date: str
    commit: str
    kind: str  # "variant" or "data"
    key: str  # the variant's slug (as it is now, after renames) or the data file's name
    title: str  # the variant's title, or the data file's label
    parts: list[str] = field(default_factory=list)
    tifa: list[str] = field(default_factory=list)
    removed: bool = False  # the variant was deleted in this change
    renamed_from: str = ""  # the variant's slug before this change renamed its file
    terms: list[tuple[str, str, str]] = field(default_factory=list)  # (提法 part, term, pattern)


@dataclass
class History:
    changes: list[Change] = field(default_factory=list)  # newest first
    unavailable: str = ""  # why there is no history at all (empty when there is)
    partial: str = ""  # why part of it is missing
    settings: dict = field(default_factory=dict)
    _for_variant: dict[str, list[Change]] = field(default_factory=dict, init=False, repr=False)

    def for_variant(self, variant: Variant) -> list[Change]:
        """The variant's own changes and the 提法 registry changes that concern its text, newest first.
        A registry change from before the variant was added (or in the same commit) is not news to it."""
        if variant.slug not in self._for_variant:
            text = variant.spoken_text
            found = list(self._by_key.get(variant.slug, []))
            since, added_in = (found[-1][0], found[-1][1].commit) if found else (-1, "")
            for order, change in self._with_terms:
                if order > since or change.commit == added_in:
                    continue
                hits = [part for part, _, pattern in change.terms if _search(pattern, text)]
                if hits:
                    found.append((order, Change(change.date, change.commit, "data", change.key, change.title, tifa=hits)))
            self._for_variant[variant.slug] = [change for _, change in sorted(found, key=lambda pair: pair[0])]
        return self._for_variant[variant.slug]

    # Indexes, built once the history is complete (a page and its 最近更新 line both ask)
    @functools.cached_property
    def _by_key(self) -> dict[str, list[tuple[int, Change]]]:
        index: dict[str, list[tuple[int, Change]]] = {}
        for order, change in enumerate(self.changes):
            if change.kind == "variant":
                index.setdefault(change.key, []).append((order, change))
        return index

    @functools.cached_property
    def _with_terms(self) -> list[tuple[int, Change]]:
        return [(order, change) for order, change in enumerate(self.changes) if change.terms]

    def data_changes(self) -> list[Change]:
        return [c for c in self.changes if c.kind == "data"]

    def removed_variants(self, current: set[str]) -> list[Change]:
        return [c for c in self.changes if c.kind == "variant" and c.removed and c.key not in current]


_UNUSABLE: set[str] = set()  # history patterns that were refused or ran out of time once


@functools.lru_cache(maxsize=512)
def _history_pattern(source: str) -> DataPattern | None:
    """A 提法 pattern from a past version of data/tifa.yml, under the same bounds as the current one:
    an old pattern is never trusted because it is old (one committed and reverted would hang every build)."""
    try:
        return data_pattern(source, Path("data/tifa.yml"), 1, "修改历史里的提法", HISTORY_PATTERN_SECONDS)
    except DataFileError:
        return None


def _search(pattern: str, text: str) -> bool:
    compiled = None if pattern in _UNUSABLE else _history_pattern(pattern)
    if compiled is None:
        return False
    try:
        return compiled.search(text) is not None
    except PatternTimeout:  # such a pattern matches nothing in the history from now on
        _UNUSABLE.add(pattern)
        return False


def load_settings(data_dir: Path) -> dict:
    """data/changelog.yml; a broken file raises DataFileError (file, line, fix) like every data file."""
    settings, _ = load_yaml(data_dir / "changelog.yml")
    if not isinstance(settings, dict) or not isinstance(settings.get("files"), dict):
        raise DataFileError(Finding(data_dir / "changelog.yml", 1, "缺少 files：要写进更新记录的数据文件。", "按文件开头的说明写出 files 及其下的各个数据文件。"))
    return settings


def load_history(registry: Registry, root: Path = ROOT, speeches_dir: Path | None = None, data_dir: Path | None = None,
                 revisions: str = "HEAD", use_cache: bool = True) -> History:
    speeches_dir = speeches_dir or root / "docs" / "speeches"
    data_dir = data_dir or root / "data"
    settings = load_settings(data_dir)
    try:
        repo = Repository.open(root)
    except GitUnavailable as exc:
        return History(unavailable=str(exc), settings=settings)
    try:
        return _read(repo, registry, settings, speeches_dir.relative_to(root).as_posix(),
                     data_dir.relative_to(root).as_posix(), revisions, use_cache)
    except GitUnavailable as exc:
        return History(unavailable=str(exc), settings=settings)


def _read(repo: Repository, registry: Registry, settings: dict, speeches: str, data: str, revisions: str, use_cache: bool) -> History:
    entries = repo.log([speeches, data], revisions)
    boundary = repo.boundary
    cache_path = repo.root / CACHE_FILE
    fingerprint = _fingerprint(repo.root / data)
    cache = _load_cache(cache_path, fingerprint) if use_cache else {}
    summariser = _Summariser(repo, registry, settings, speeches, data)
    summariser.prefetch([e for e in entries if e.commit.sha not in cache and e.commit.sha not in boundary])
    history = History(settings=settings)
    fresh = False
    for entry in entries:
        if entry.commit.sha in boundary:
            history.partial = "这是浅克隆（只取了最近的提交），更早的修改没有列出"
            continue
        if entry.commit.sha not in cache:
            cache[entry.commit.sha] = summariser.commit(entry)
            fresh = True
        history.changes += [_change(entry.commit.sha, entry.commit.date, record) for record in cache[entry.commit.sha]]
    if use_cache and revisions == "HEAD":  # the whole history: keep exactly its commits (rebased ones go)
        current = {e.commit.sha: cache[e.commit.sha] for e in entries if e.commit.sha in cache}
        if fresh or len(current) != len(cache):
            _save_cache(cache_path, fingerprint, current)
    elif use_cache and fresh:
        _save_cache(cache_path, fingerprint, cache)
    _follow_renames(history.changes)
    return history


class _Summariser:
    def __init__(self, repo: Repository, registry: Registry, settings: dict, speeches: str, data: str):
        self.repo, self.registry, self.settings = repo, registry, settings
        self.speeches, self.data = PurePosixPath(speeches), PurePosixPath(data)
        self.blobs: dict[tuple[str, str], tuple[str, str] | None] = {}
        self.parsed: dict[str, Variant] = {}  # by blob id and path: a version is parsed once
        self.loaded: dict[str, object] = {}  # data files by blob id

    def prefetch(self, entries: list[LogEntry]) -> None:
        """Read every version the summaries of `entries` need, in one go."""
        wanted = []
        for entry in entries:
            for _, status, old_path, path in self._relevant(entry):
                if status != "A" and entry.commit.parent:
                    wanted.append((entry.commit.parent, str(old_path)))
                if status != "D":
                    wanted.append((entry.commit.sha, str(path)))
        self.blobs.update(self.repo.read_many(wanted, self.max_bytes))

    @property
    def max_bytes(self) -> int:
        """The size limit of the current tree, for variants and data files alike (the larger of the two)."""
        return max(self.registry.limits.max_file_bytes, MAX_DATA_FILE_BYTES)

    def _relevant(self, entry: LogEntry) -> list[tuple[str, str, PurePosixPath, PurePosixPath]]:
        """(what, git status, path before, path after) for the files the 更新记录 speaks of."""
        out = []
        for change in entry.files:
            path = PurePosixPath(change.path)
            old_path = PurePosixPath(change.old_path) if change.old_path else path
            if self._is_variant(path) or self._is_variant(old_path):
                out.append(("variant", change.status, old_path, path))
            elif path.parent == self.data and path.suffix == ".yml" and path.stem in self.settings["files"]:
                out.append(("data", change.status, path, path))
        return out

    def commit(self, entry: LogEntry) -> list[dict]:
        sha, parent = entry.commit.sha, entry.commit.parent
        records = []
        for what, status, old_path, path in self._relevant(entry):
            if what == "variant":
                record = self._variant(sha, parent, status, old_path, path)
            else:
                record = self._data(sha, parent, status, path)
            if record:
                records.append(record)
        return records

    def _is_variant(self, path: PurePosixPath) -> bool:
        return path.parent == self.speeches and path.suffix == ".md" and not path.name.startswith("_") and path.name != "index.md"

    def _blob(self, revision: str | None, path: PurePosixPath) -> tuple[str, str] | None:
        if revision is None:
            return None
        key = (revision, str(path))
        if key not in self.blobs:
            self.blobs.update(self.repo.read_many([key], self.max_bytes))
        return self.blobs[key]

    def _version(self, revision: str | None, path: PurePosixPath) -> Variant | None | bool:
        """The variant as it was at `revision`; None where it did not exist; False where that version
        is past the limits of the current tree (size, line length, invisible characters): a past
        version is read under the same bounds as a file in the tree, and never trusted for being old."""
        found = self._blob(revision, path) if self._is_variant(path) else None
        if found is None:
            return None
        blob, text = found
        key = f"{blob}:{path}"  # the slug comes from the path: a renamed file is a new variant
        if key not in self.parsed:
            bounded = None if text is None else check_text(Path(path), text, self.registry.limits)[0]
            self.parsed[key] = False if bounded is None else parse_variant(Path(path), bounded, limits=self.registry.limits)[0]
        return self.parsed[key]

    def _variant(self, sha: str, parent: str | None, status: str, old_path: PurePosixPath, path: PurePosixPath) -> dict | None:
        old = self._version(parent, old_path) if status != "A" else None
        new = self._version(sha, path) if status != "D" else None
        if old is None and new is None:
            return None
        renamed = old_path.stem if status == "R" and old_path != path and new is not None else ""
        if old is False or new is False:  # a version past the limits: said so, nothing of it quoted
            current = new or old or None
            slug = path.stem if new is not None else old_path.stem
            return {"kind": "variant", "key": value_text(slug, FILE_NAME_CHARS), "title": value_text(current.title if current else slug, TITLE_CHARS),
                    "parts": [UNREADABLE], "tifa": [], "removed": new is None, "renamed_from": value_text(renamed, FILE_NAME_CHARS)}
        summary = summarise_variant(old, new, self.registry, renamed_from=f"{renamed}.md" if renamed else "")
        current = new or old
        return {"kind": "variant", "key": value_text(current.slug, FILE_NAME_CHARS), "title": value_text(current.title, TITLE_CHARS), "parts": summary.parts,
                "tifa": summary.tifa, "removed": new is None, "renamed_from": renamed}

    def _data(self, sha: str, parent: str | None, status: str, path: PurePosixPath) -> dict | None:
        spec = self.settings["files"][path.stem]
        old = self._yaml(self._blob(parent, path)) if status != "A" else None
        new = self._yaml(self._blob(sha, path)) if status != "D" else None
        parts = summarise_data(old, new, spec)
        if not parts:
            return None
        tifa = bool(spec.get("tifa"))
        return {"kind": "data", "key": path.stem, "title": spec["label"],
                "parts": [] if tifa else [p.text for p in parts], "tifa": [p.text for p in parts] if tifa else [],
                "terms": [[p.text, p.term, p.pattern] for p in parts if p.term]}

    def _yaml(self, found: tuple[str, str | None] | None):
        if found is None:
            return None
        blob, text = found
        if blob not in self.loaded:
            try:
                self.loaded[blob] = {} if text is None else load_data_text(text)
            except (yaml.YAMLError, DataFileError):  # a broken, oversized or alias-bomb version in the past: its entries are unknown, not an error now
                self.loaded[blob] = {}
        return self.loaded[blob]


def _change(sha: str, date: str, record: dict) -> Change:
    return Change(date=date, commit=sha, kind=record["kind"], key=record["key"], title=record["title"],
                  parts=list(record["parts"]), tifa=list(record["tifa"]), removed=record.get("removed", False),
                  renamed_from=record.get("renamed_from", ""), terms=[tuple(t) for t in record.get("terms", [])])


def _follow_renames(changes: list[Change]) -> None:
    """Older changes of a renamed variant belong to it under its new name (changes are newest first)."""
    renamed_to: dict[str, str] = {}
    for change in changes:
        if change.kind != "variant":
            continue
        change.key = renamed_to.get(change.key, change.key)
        if change.renamed_from:
            renamed_to[change.renamed_from] = change.key


def _fingerprint(data_dir: Path) -> str:
    digest = hashlib.sha256()
    code = Path(__file__).resolve().parents[1]
    for path in [code / name for name in CACHE_CODE]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())  # our own code: a missing file is a moved one, never skipped
    for path in [data_dir / name for name in CACHE_DATA]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def _load_cache(path: Path, fingerprint: str) -> dict:
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return cached.get("commits", {}) if isinstance(cached, dict) and cached.get("fingerprint") == fingerprint else {}


def _save_cache(path: Path, fingerprint: str, commits: dict) -> None:
    """Best effort: a read-only checkout simply builds without a cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"fingerprint": fingerprint, "commits": commits}, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass
