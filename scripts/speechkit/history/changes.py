"""What changed between two versions of a variant or a data file, said in one line of Chinese.

Both versions go through the same parser as the site (parse_variant), so a summary speaks of the
parts, paragraphs and annotations a drafter sees, never of lines of a diff. Commit messages are
English notes for developers and are never shown. 提法 changes are kept apart so pages can call
them out: a corrected 提法 must reach the people who copied the old one.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field

from ..base import at_level, terminal_text
from ..reading import Note, Registry, Section, Variant

WHITESPACE = re.compile(r"\s+")

MAX_SECTIONS_NAMED = 4  # past this many parts, a summary says “另有 N 处修改”
MAX_ITEMS_NAMED = 3  # past this many names, “等 N 个”
SHORT_TITLE = 12  # characters of a heading quoted in a summary


@dataclass
class Summary:
    parts: list[str] = field(default_factory=list)  # what changed, one clause each
    tifa: list[str] = field(default_factory=list)  # 提法 changes, called out separately

    def __bool__(self) -> bool:
        return bool(self.parts or self.tifa)


TITLE_CHARS = 40  # a title quoted whole (标题改为“…”)
SHORT_NAME = 20  # a name, a status, a date
FILE_NAME_CHARS = 64  # a file name (the names in the tree are at most 60 characters)


def value_text(value, limit: int) -> str:
    """A value from some version in the history, as it may be quoted in a summary: one line, at most
    `limit` characters, control and invisible characters shown escaped (\\u202e). History is input:
    a title of an intermediate commit never passed any check, so it is bounded like one that did."""
    text = WHITESPACE.sub(" ", terminal_text(_text(value).replace("\n", " "))).strip()
    return text if len(text) <= limit else text[: limit - 1] + "……"


def short(title: str) -> str:
    return value_text(at_level(title), SHORT_TITLE)


def _unquoted(name: str) -> str:
    """An anchor that is itself a quotation (“十五五”) is quoted once, not twice."""
    return name[1:-1] if name.startswith("“") and name.endswith("”") and name.count("“") == 1 else name


def _named(names: list[str], limit: int = MAX_ITEMS_NAMED) -> str:
    quoted = "、".join(f"“{_unquoted(value_text(n, SHORT_NAME))}”" for n in names[:limit])
    return quoted if len(names) <= limit else f"{quoted}等 {len(names)} 个"


# ---- variants -------------------------------------------------------------------------------------

def summarise_variant(old: Variant | None, new: Variant | None, registry: Registry, *, renamed_from: str = "") -> Summary:
    summary = Summary()
    if new is None:
        summary.parts.append("删去了这篇模板")
        return summary
    if old is None:
        summary.parts.append("新增模板")
        return summary
    if renamed_from:
        summary.parts.append(f"文件由 {value_text(renamed_from, FILE_NAME_CHARS)} 改名，网址随之改变")
    summary.parts += _front_matter(old, new, registry)
    summary.parts += _sections(old, new)
    notes, tifa_notes = _notes(old, new)
    summary.parts += notes
    summary.tifa += _tifa_in_text(registry.tifa_in(old.spoken_text), registry.tifa_in(new.spoken_text), registry)
    summary.tifa += tifa_notes
    reviewed = _reviewed(old, new)
    if reviewed:
        summary.parts.append(reviewed if summary else f"重新复核，{reviewed}")
    if not summary:
        summary.parts.append("调整了格式，讲话文字和注释没有变化")
    return summary


def _text(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value if value is not None else "")


def _front_matter(old: Variant, new: Variant, registry: Registry) -> list[str]:
    parts, changed = [], []
    for key in dict.fromkeys([*old.meta, *new.meta]):
        before, after = _text(old.meta.get(key)), _text(new.meta.get(key))
        if before == after or key == "last_reviewed":
            continue
        if key == "title":
            parts.append(f"标题改为“{value_text(after, TITLE_CHARS)}”")
        elif key == "status":
            parts.append(f"状态由“{value_text(before, SHORT_NAME)}”改为“{value_text(after, SHORT_NAME)}”")
        else:
            field_ = registry.fields.get(key)
            changed.append(field_.label if field_ else key)
    if changed:
        parts.append(f"修改了{_named(changed)}")
    return parts


def _reviewed(old: Variant, new: Variant) -> str:
    before, after = _text(old.meta.get("last_reviewed")), _text(new.meta.get("last_reviewed"))
    return f"复核日期改为 {value_text(after, SHORT_NAME)}" if after and before != after else ""


def _flat(variant: Variant) -> list[Section]:
    return list(variant.all_sections())


def _sections(old: Variant, new: Variant) -> list[str]:
    """One clause per part that was added, removed, retitled or edited, in reading order."""
    olds, news = _flat(old), _flat(new)
    clauses: list[str] = []
    matcher = difflib.SequenceMatcher(None, [s.title for s in olds], [s.title for s in news], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pairs = list(zip(olds[i1:i2], news[j1:j2]))
        elif op == "replace":
            paired = min(i2 - i1, j2 - j1)
            pairs = list(zip(olds[i1 : i1 + paired], news[j1 : j1 + paired]))
            clauses += [f"删去“{short(s.title)}”" for s in olds[i1 + paired : i2]]
            clauses += [f"新增“{short(s.title)}”" for s in news[j1 + paired : j2]]
        elif op == "delete":
            clauses += [f"删去“{short(s.title)}”" for s in olds[i1:i2]]
            continue
        else:
            clauses += [f"新增“{short(s.title)}”" for s in news[j1:j2]]
            continue
        for before, after in pairs:
            clause = _section_clause(before, after)
            if clause:
                clauses.append(clause)
    if len(clauses) > MAX_SECTIONS_NAMED:
        clauses = clauses[:MAX_SECTIONS_NAMED] + [f"另有 {len(clauses) - MAX_SECTIONS_NAMED} 处修改"]
    return clauses


def _section_clause(old: Section, new: Section) -> str:
    edits = []
    if old.title != new.title:
        edits.append(f"标题改为“{short(new.title)}”")
    matcher = difflib.SequenceMatcher(None, [b.text for b in old.blocks], [b.text for b in new.blocks], autojunk=False)
    changed = added = removed = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace":
            changed += min(i2 - i1, j2 - j1)
            added += max(0, (j2 - j1) - (i2 - i1))
            removed += max(0, (i2 - i1) - (j2 - j1))
        elif op == "insert":
            added += j2 - j1
        elif op == "delete":
            removed += i2 - i1
    edits += [f"{verb} {n} 段" for verb, n in (("改动", changed), ("新增", added), ("删去", removed)) if n]
    if [(n.kind, n.text) for n in old.guide] != [(n.kind, n.text) for n in new.guide]:
        edits.append("改了写作说明")
    return f"“{short(old.title)}”" + "、".join(edits) if edits else ""


def _note_key(note: Note) -> tuple[str, str, str]:
    return note.kind, note.anchor or "", note.text


def _notes(old: Variant, new: Variant) -> tuple[list[str], list[str]]:
    """Annotations added, removed and edited (an edit keeps its kind and the words it explains)."""
    before = Counter(_note_key(n) for n, _ in old.all_notes())
    after = Counter(_note_key(n) for n, _ in new.all_notes())
    gone, came = list((before - after).elements()), list((after - before).elements())
    edited = []
    for key in list(came):
        match = next((g for g in gone if g[:2] == key[:2]), None)
        if match:
            gone.remove(match)
            came.remove(key)
            edited.append(key)
    parts = []
    counts = (("新增", came), ("修改", edited), ("删去", gone))
    ordinary = [(verb, [k for k in keys if k[0] != "提法"]) for verb, keys in counts]
    words = [f"{verb}注释 {len(keys)} 条" for verb, keys in ordinary if keys]
    if words:
        parts.append("、".join(words))
    tifa = []
    for verb, keys in counts:
        names = [k[1] or short(k[2]) for k in keys if k[0] == "提法"]
        if names:
            tifa.append(f"{verb}提法注释{_named(names)}")
    return parts, tifa


def _tifa_in_text(before: set[str], after: set[str], registry: Registry) -> list[str]:
    """Registered 提法 that appear in or leave the spoken text; a dated one says so."""
    status = {t.term: t.status for t in registry.tifa}

    def label(term: str) -> str:
        return f"“{term}”" + ("（已过时）" if status.get(term) == "过时" else "（需核对）" if status.get(term) == "核对" else "")

    parts = []
    came = sorted(after - before)
    gone = sorted(before - after)
    def listed(labels: list[str]) -> str:
        return "、".join(labels[:MAX_ITEMS_NAMED]) + (f"等 {len(labels)} 个" if len(labels) > MAX_ITEMS_NAMED else "")

    if came:  # dated ones first: they are the ones to act on
        parts.append("文中新出现提法" + listed(sorted((label(t) for t in came), key=lambda text: "（" not in text)))
    if gone:
        parts.append("文中不再出现提法" + listed([f"“{t}”" for t in gone]))
    return parts


# ---- data files -----------------------------------------------------------------------------------

@dataclass
class DataPart:
    text: str
    term: str = ""  # for 提法 entries: the term and its pattern, to find the templates that use it
    pattern: str = ""


def summarise_data(old, new, spec: dict) -> list[DataPart]:
    """What changed in one data file (already loaded YAML), in the words of data/changelog.yml."""
    label, item = spec["label"], spec["item"]
    if new is None:
        return [DataPart(f"删去了{label}")]
    old_items, new_items = _items(old, spec), _items(new, spec)
    if old is None:
        return [DataPart(f"建立{label}，共 {len(new_items)} 项")]
    added = [k for k in new_items if k not in old_items]
    removed = [k for k in old_items if k not in new_items]
    edited = [k for k in new_items if k in old_items and new_items[k] != old_items[k]]
    if spec.get("unnamed"):
        words = [f"{verb}{item} {len(keys)} 项" for verb, keys in (("新增", added), ("修改", edited), ("删去", removed)) if keys]
        return [DataPart("、".join(words))] if words else []
    if not spec.get("tifa"):  # one clause per kind of change; 提法 stay one per term (each reaches its templates)
        clauses = [f"新增{item}{_named(added)}" if added else "", f"修改了{item}{_named(edited)}的说明" if edited else "",
                   f"删去{item}{_named(removed)}" if removed else ""]
        return [DataPart(c) for c in clauses if c]
    parts = []
    for key in added:
        status = new_items[key].get("status") if isinstance(new_items[key], dict) else None
        parts.append(_part(spec, new_items[key], key, f"新增{item}“{value_text(key, SHORT_NAME)}”" + (f"（{value_text(status, SHORT_NAME)}）" if status else "")))
    for key in edited:
        before, after = old_items[key], new_items[key]
        if isinstance(before, dict) and isinstance(after, dict) and before.get("status") != after.get("status"):
            text = f"{item}“{value_text(key, SHORT_NAME)}”由“{value_text(before.get('status'), SHORT_NAME)}”改为“{value_text(after.get('status'), SHORT_NAME)}”"
        else:
            text = f"修改了{item}“{value_text(key, SHORT_NAME)}”的说明"
        parts.append(_part(spec, after, key, text))
    for key in removed:
        parts.append(_part(spec, old_items[key], key, f"删去{item}“{value_text(key, SHORT_NAME)}”"))
    return parts


def _part(spec: dict, entry, key: str, text: str) -> DataPart:
    """A 提法 entry keeps its term and pattern (as data/tifa.yml matches it) to find its templates."""
    if not spec.get("tifa"):
        return DataPart(text)
    pattern = entry.get("pattern") if isinstance(entry, dict) else None
    return DataPart(text=text, term=key, pattern=str(pattern or re.escape(key)))


def _items(data, spec: dict) -> dict[str, object]:
    """The entries of a data file by the name a reader knows them by."""
    name_field = spec.get("name")
    if isinstance(data, dict):
        return {str(entry.get(name_field, key)) if name_field and isinstance(entry, dict) else str(key): entry for key, entry in data.items()}
    if isinstance(data, list):
        out = {}
        for entry in data:
            if isinstance(entry, dict):
                key = entry.get(name_field) if name_field else entry.get("term", entry.get("name"))
                out[str(key)] = entry
            else:
                out[str(entry)] = entry
        return out
    return {}
