"""The data files under data/: roles, placeholders, front-matter fields, 提法, settings, the speech
head (讲话标题, 讲话人, 日期) and the GB/T 9704 layout of the Word files.

They are validated as they load, so a broken data file is reported like a broken variant:
file, line, fix, and no traceback.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..base import DATA_DIR, DEFAULT_TIMEOUT, INVISIBLE, PLACEHOLDER, SLUG, DataFileError, DataPattern, Finding, code_point, data_pattern, invisible_name, terminal_text
from .layout import Layout
from .levels import Levels, load_levels
from .schema import DEFAULT_DEPTH, SCHEMAS_FILE, check_against_schema, data_files_without_schema, file_limits
from .source import Limits


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys (YAML would silently keep the last one)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"重复的键“{key}”", key_node.start_mark)
        seen[key] = True
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _line_of(text: str, key: str) -> int:
    m = re.search(rf"^(?:- )?(?:term|name)?:?\s*{re.escape(key)}\s*:?\s*$", text, re.M) or re.search(re.escape(key), text)
    return text.count("\n", 0, m.start()) + 1 if m else 1


FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: 10x faster


class AnchorRefused(yaml.YAMLError):
    def __init__(self, line: int, message: str = "数据文件用了 YAML 锚点（&）或别名（*）。", fix: str = "每一项直接写出它的值。"):
        super().__init__(f"{message} at line {line}")
        self.line, self.message, self.fix = line, message, fix


MAX_DATA_NODES = 50_000  # values in one data file; the registries hold a few thousand at most


def refuse_anchors(text: str, max_depth: int = DEFAULT_DEPTH) -> None:
    """Before anything is built from the YAML: an alias bomb expands only when constructed, deep
    nesting would exhaust the composer's recursion, and a flood of values its memory. Refuse them
    from the stream of events, which costs nothing per level."""
    depth = nodes = 0
    for event in yaml.parse(text, Loader=FAST_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise AnchorRefused(event.start_mark.line + 1)
        tag = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", True)  # (plain, quoted) for a scalar, one flag for a collection
        if tag is not None and not (implicit[0] if isinstance(implicit, tuple) else implicit) and tag != "!":
            raise AnchorRefused(event.start_mark.line + 1, f"数据文件用了 YAML 标签（{terminal_text(tag[:40])}）。", "删去 !! 开头的标签，直接写出值。")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > max_depth:
                raise AnchorRefused(event.start_mark.line + 1, f"数据文件嵌套太深（超过 {max_depth} 层）。", "按文件开头的说明写，每一项不要再套列表或“名称: 值”。")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        nodes += isinstance(event, yaml.NodeEvent)
        if nodes > MAX_DATA_NODES:
            raise AnchorRefused(event.start_mark.line + 1, f"数据文件的项太多（超过 {MAX_DATA_NODES:,} 个值）。", "登记表只写登记项；删去多余的内容。")


def _bounded_text(path: Path, data: bytes, max_bytes: int) -> str:
    """The text of a data file (any version of it) within its size, as UTF-8, free of invisible characters."""
    if len(data) > max_bytes:
        raise DataFileError(Finding(path, 1, f"数据文件太大（超过 {max_bytes:,} 字节）。", "登记表只写登记项；删去多余的内容。"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(Finding(path, data.count(b"\n", 0, exc.start) + 1, "数据文件不是 UTF-8 编码。", "用 UTF-8 编码重新保存这个文件。")) from None
    hidden = INVISIBLE.search(text)
    if hidden:  # U+0085 is a line break to YAML: it would make a hidden key
        char = hidden.group(0)
        raise DataFileError(Finding(path, text.count("\n", 0, hidden.start()) + 1, f"有看不见的{invisible_name(char)}（{code_point(char)}）。",
                                    "删去它：从网页或 Word 复制文字时常会带进来；可以把这一行删掉后重新输入。"))
    return text.replace("\r\n", "\n")


def load_data_text(text: str):
    """YAML of a past version of a data file (from the history), under the same bounds as the current
    one: size, invisible characters, anchors, depth. Raises yaml.YAMLError or DataFileError."""
    text = _bounded_text(Path("data"), text.encode("utf-8", "surrogatepass"), MAX_DATA_FILE_BYTES)
    refuse_anchors(text)
    return yaml.load(text, Loader=FAST_LOADER)


MAX_DATA_FILE_BYTES = 2_000_000  # no data file is bigger, whatever its schema says
_loaded: dict[Path, tuple[bytes, object, str]] = {}  # path → (content, data, text): a file is parsed once per content


def load_yaml(path: Path):
    """(data, text) of a data file, checked against its schema (data/schemas.yml) before anything reads it."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_DATA_FILE_BYTES + 1)
    except OSError:
        raise DataFileError(Finding(path, 1, "无法读取数据文件。", "确认文件存在且是 UTF-8 文本。")) from None
    cached = _loaded.get(path)
    if cached is not None and cached[0] == data:
        return cached[1], cached[2]
    max_bytes, max_depth = file_limits(path)
    text = _bounded_text(path, data, min(max_bytes, MAX_DATA_FILE_BYTES))
    try:
        refuse_anchors(text, max_depth)
        findings = check_against_schema(path, text)
        if findings:
            raise DataFileError(findings[0], findings[1:])
        # the schema check has refused duplicate keys (except in the schemas file, read the careful way)
        result = yaml.load(text, Loader=_UniqueKeyLoader if path.name == SCHEMAS_FILE else FAST_LOADER)
    except AnchorRefused as exc:
        raise DataFileError(Finding(path, exc.line, exc.message, exc.fix)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = str(getattr(exc, "problem", "") or "")
        what = problem if problem.startswith("重复的键") else "缩进、冒号或引号不对"
        raise DataFileError(Finding(path, line, f"数据文件无法解析（{what}）。", "检查这一行的缩进、冒号和重复的键。")) from None
    _loaded[path] = (data, result, text)
    return result, text


@dataclass(frozen=True)
class Role:
    name: str
    slug: str
    description: str
    contains: str
    tips: str
    order: int


# Where a value typed for a name is kept (data/placeholders.yml and data/speech_head.yml `scope`):
# 通用 shared by every template, 本模板 per template, 本会议 shared by the speeches of one meeting.
SHARED, PER_TEMPLATE, PER_MEETING = "通用", "本模板", "本会议"
SCOPE_KEYS = {SHARED: "", PER_TEMPLATE: "template", PER_MEETING: "meeting"}  # data-ph-scope on the page


@dataclass(frozen=True)
class Placeholder:
    name: str
    type: str
    description: str
    example: str
    scope: str = SHARED

    @property
    def per_template(self) -> bool:
        return self.scope == PER_TEMPLATE


@dataclass(frozen=True)
class HeadField:
    """One line of the speech's head; its value is kept per template (or, with scope 本会议, per meeting)."""

    name: str
    description: str
    example: str
    line: str  # how the line is written, {} standing for the value: "（{}）"
    default_from: str = ""  # front-matter key that gives the default
    fallback: str = ""  # default when the variant lacks that key; {meeting} is the meeting type
    scope: str = PER_TEMPLATE
    from_agenda: bool = False  # default and example from the meeting's agenda slot of the speaker (讲话人)
    endings: tuple[str, ...] = ()  # how a 讲话标题 ends after the meeting's name (上的讲话, 主持词…)

    def render(self, value: str) -> str:
        return self.line.replace("{}", value)


@dataclass(frozen=True)
class Tifa:
    term: str
    status: str  # 现行 | 过时 | 核对
    meaning: str
    pattern: DataPattern  # time-boxed (speechkit.base.patterns)
    why: str = ""
    check: str = ""
    replacement: str = ""
    since: int | None = None
    expires: dt.date | None = None  # time-bound 提法 (a plan's years, 二十届……): re-check after this day

    @property
    def is_dated(self) -> bool:
        return self.status == "过时"

    def has_expired(self, today: dt.date) -> bool:
        return self.expires is not None and today > self.expires


@dataclass(frozen=True)
class Speaker:
    name: str
    description: str
    form: str  # 讲话 (numbered, spoken headings) | 主持词 (agenda labels, not spoken)
    chars: tuple[int, int]  # usual length of a finished template

    @property
    def is_agenda(self) -> bool:
        return self.form == AGENDA_FORM


@dataclass(frozen=True)
class AgendaSlot:
    speaker: str | None  # None: a part of the meeting that has no template (e.g. 宣读通知书)
    item: str
    varies: str = ""  # how places differ on this slot (order, who speaks, whether it is held at all)
    speaker_line: str = ""  # the 讲话人 line as placeholders the other speeches name this person by
    speaker_example: str = ""  # the 讲话人 hint's example for this speaker
    speaker_lines: tuple[tuple[str, str], ...] = ()  # (level, line) where the line differs by level

    def line_for(self, level: str) -> str:
        return dict(self.speaker_lines).get(level, self.speaker_line)


@dataclass(frozen=True)
class Meeting:
    name: str
    slug: str
    when: str
    agenda: tuple[AgendaSlot, ...]
    note: str = ""


@dataclass(frozen=True)
class FilledExample:
    """One 示例 page: every template of a meeting, filled in for a fictional unit."""

    meeting: str
    unit: str
    level: str
    values: dict = field(default_factory=dict)  # placeholder name → value; the rest from the registry's examples


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    required: bool
    type: str
    choices: tuple[str, ...] = ()
    choices_from: str = ""  # the registry (data/<name>.yml) whose names are the choices, if any


@dataclass
class Registry:
    roles: dict[str, Role]
    speakers: dict[str, Speaker]
    meetings: dict[str, Meeting]
    placeholders: dict[str, Placeholder]
    fields: dict[str, Field]
    tifa: list[Tifa]
    settings: dict
    filled_examples: list[FilledExample] = field(default_factory=list)
    phrase_stoplist: frozenset[str] = frozenset()
    head: dict[str, HeadField] = field(default_factory=dict)
    gongwen: dict = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    layout: Layout = field(default_factory=lambda: Layout(pages=frozenset(), variants="speeches"))
    levels: Levels | None = None

    @functools.cached_property
    def limits(self) -> Limits:
        return limits_from(self.settings, self.files.get("settings", DATA_DIR / "settings.yml"))

    @property
    def pattern_timeout(self) -> float:
        return pattern_timeout(self.settings)

    @functools.cached_property
    def examples(self) -> dict[str, str]:
        return {p.name: p.example for p in self.placeholders.values()}

    def tifa_in(self, text: str) -> set[str]:
        """Terms of the registered 提法 that occur in `text`. (One search per pattern: each starts
        with a literal that re scans for quickly; a combined alternation measured 5x slower.)"""
        return {t.term for t in self.tifa if t.pattern.search(text)}



def pattern_timeout(settings) -> float:
    """Seconds one match of a data pattern may take (data/settings.yml: max_pattern_seconds)."""
    value = settings.get("max_pattern_seconds") if isinstance(settings, dict) else None
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= 60 else DEFAULT_TIMEOUT


def limits_from(settings: dict, path: Path) -> Limits:
    """The input limits in data/settings.yml; each must be a positive whole number."""
    values = {}
    for name in Limits.__dataclass_fields__:
        value = settings.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise DataFileError(Finding(path, _line_of(path.read_text(encoding="utf-8"), name) if path.exists() else 1,
                                        f"上限 {name} 没有设定，或不是正整数。", f"在 {path.name} 中写一行“{name}: 数字”。"))
        values[name] = value
    return Limits(**values)


@functools.lru_cache(maxsize=4)
def default_limits(data_dir: Path = DATA_DIR) -> Limits:
    """The limits for callers that parse a single text without a registry (tests, tools)."""
    settings, _ = load_yaml(data_dir / "settings.yml")
    return limits_from(settings or {}, data_dir / "settings.yml")



PLACEHOLDER_SCOPES = (SHARED, PER_TEMPLATE, PER_MEETING)
HEAD_SCOPES = (PER_TEMPLATE, PER_MEETING)
PLACEHOLDER_TYPES = ("单位", "人名", "职务", "地名", "日期", "数字", "文本")
SPEECH_FORM, AGENDA_FORM = "讲话", "主持词"
TIFA_STATUSES = ("现行", "过时", "核对")


def _require(path: Path, text: str, key: str, entry: dict, fields: tuple[str, ...]) -> None:
    for name in fields:
        value = entry.get(name) if isinstance(entry, dict) else None
        if value in (None, ""):
            raise DataFileError(Finding(path, _line_of(text, key), f"“{key}”缺少字段 {name}。", f"为这一项补上 {name}。"))


def check_data_dir(data_dir: Path) -> None:
    """Every file in data/ against its schema (also those the registry does not read itself, such as
    csp.yml or import.yml), and every file without one: all problems at once, as one DataFileError."""
    findings = data_files_without_schema(data_dir)
    refused = {f.path for f in findings}
    for path in sorted(p for p in data_dir.glob("*.yml") if p not in refused):
        try:
            load_yaml(path)
        except DataFileError as exc:
            findings += exc.findings
    if findings:
        raise DataFileError(findings[0], findings[1:])


def load_registry(data_dir: Path = DATA_DIR) -> Registry:
    check_data_dir(data_dir)
    files = {name: data_dir / f"{name}.yml" for name in ("roles", "speakers", "meetings", "placeholders", "front_matter", "tifa", "settings", "phrase_stoplist", "filled_examples", "docs_layout", "speech_head", "gongwen", "levels")}

    raw_roles, text = load_yaml(files["roles"])
    roles: dict[str, Role] = {}
    for order, entry in enumerate(raw_roles or []):
        key = entry.get("name", f"第{order + 1}项") if isinstance(entry, dict) else f"第{order + 1}项"
        _require(files["roles"], text, key, entry, ("name", "slug", "description", "contains", "tips"))
        if not SLUG.fullmatch(str(entry["slug"])):
            raise DataFileError(Finding(files["roles"], _line_of(text, key), f"作用“{key}”的 slug“{entry['slug']}”不合规。", "slug 用于网址，只用英文小写字母、数字和短横线，如 team-discipline。"))
        roles[entry["name"]] = Role(order=order, **{k: str(entry[k]) for k in ("name", "slug", "description", "contains", "tips")})

    speakers = _load_speakers(files["speakers"])
    meetings = _load_meetings(files["meetings"], speakers)
    lists = {"speakers": tuple(speakers), "meetings": tuple(meetings)}

    raw_ph, text = load_yaml(files["placeholders"])
    placeholders: dict[str, Placeholder] = {}
    for name, entry in (raw_ph or {}).items():
        _require(files["placeholders"], text, name, entry, ("type", "description", "example"))
        if entry["type"] not in PLACEHOLDER_TYPES:
            raise DataFileError(Finding(files["placeholders"], _line_of(text, name), f"占位符“{name}”的类型“{entry['type']}”不在登记范围内。", f"改为以下之一：{'、'.join(PLACEHOLDER_TYPES)}。"))
        scope = entry.get("scope", PLACEHOLDER_SCOPES[0])
        if scope not in PLACEHOLDER_SCOPES:
            raise DataFileError(Finding(files["placeholders"], _line_of(text, name), f"占位符“{name}”的 scope“{scope}”不对。",
                                        f"改为“{SHARED}”（各模板共用，默认）、“{PER_TEMPLATE}”（每篇模板分别填写）或“{PER_MEETING}”（同一会议的各篇讲话共用）。"))
        placeholders[str(name)] = Placeholder(name=str(name), type=entry["type"], description=str(entry["description"]), example=str(entry["example"]),
                                              scope=scope)
    _check_speaker_lines(files["meetings"], meetings, placeholders)

    raw_fields, text = load_yaml(files["front_matter"])
    fields: dict[str, Field] = {}
    for key, entry in (raw_fields or {}).items():
        _require(files["front_matter"], text, key, entry, ("label", "type"))
        choices = tuple(entry.get("choices") or ())
        source = entry.get("choices_from")
        if source is not None:
            if source not in lists:
                raise DataFileError(Finding(files["front_matter"], _line_of(text, key), f"字段 {key} 的 choices_from“{source}”不是登记表。", f"改为以下之一：{'、'.join(lists)}。"))
            choices = lists[source]
        fields[key] = Field(key=key, label=str(entry["label"]), required=bool(entry.get("required")), type=str(entry["type"]), choices=choices,
                            choices_from=str(source or ""))

    settings_raw, _ = load_yaml(files["settings"])
    raw_tifa, text = load_yaml(files["tifa"])
    tifa: list[Tifa] = []
    for entry in raw_tifa or []:
        key = entry.get("term", "?") if isinstance(entry, dict) else "?"
        _require(files["tifa"], text, key, entry, ("term", "status", "meaning"))
        if entry["status"] not in TIFA_STATUSES:
            raise DataFileError(Finding(files["tifa"], _line_of(text, key), f"提法“{key}”的状态“{entry['status']}”不对。", f"改为以下之一：{'、'.join(TIFA_STATUSES)}。"))
        # checked for shapes that can hang when it loads, time-boxed when it runs
        pattern = data_pattern(entry.get("pattern") or re.escape(str(entry["term"])), files["tifa"], _line_of(text, key), f"提法“{key}”",
                               pattern_timeout(settings_raw))
        expires = _expiry(files["tifa"], text, key, entry.get("expires"))
        tifa.append(Tifa(term=str(entry["term"]), status=entry["status"], meaning=str(entry["meaning"]), pattern=pattern,
                         why=str(entry.get("why", "")), check=str(entry.get("check", "")), replacement=str(entry.get("replacement", "")), since=entry.get("since"),
                         expires=expires))

    settings, _ = load_yaml(files["settings"])
    if not isinstance(settings or {}, dict):
        raise DataFileError(Finding(files["settings"], 1, "设置文件应当是“名称: 值”的形式。", "每行写一项设置。"))
    limits_from(settings or {}, files["settings"])  # a missing limit is reported now, not at the first variant
    stoplist, _ = load_yaml(files["phrase_stoplist"])
    if not isinstance(stoplist or [], list):
        raise DataFileError(Finding(files["phrase_stoplist"], 1, "停用语应当是列表。", "每行写一条，以“- ”开头。"))
    filled = _load_filled_examples(files["filled_examples"], meetings, placeholders)
    head = _load_head(files["speech_head"], placeholders, fields)
    gongwen = _load_gongwen(files["gongwen"])
    levels = _load_levels(files["levels"], placeholders, head)
    return Registry(roles=roles, speakers=speakers, meetings=meetings, placeholders=placeholders, fields=fields, tifa=tifa, settings=settings or {},
                    filled_examples=filled, phrase_stoplist=frozenset(str(p) for p in stoplist or []), head=head, gongwen=gongwen, files=files,
                    layout=load_layout(files["docs_layout"]), levels=levels)


def _raise(finding: Finding):
    raise DataFileError(finding)


def _load_levels(path: Path, placeholders: dict[str, Placeholder], head: dict[str, HeadField]) -> Levels:
    raw, text = load_yaml(path)
    levels = load_levels(path, raw, text, _line_of, _raise)
    if levels.name in placeholders or levels.name in head:
        raise DataFileError(Finding(path, _line_of(text, "name"), f"层级的名称“{levels.name}”与同名的占位符或抬头重名。", "换一个名称：它是保存所选层级用的。"))
    return levels


def _check_speaker_lines(path: Path, meetings: dict[str, Meeting], placeholders: dict[str, Placeholder]) -> None:
    """A slot's speaker_line names this person by registered placeholders only."""
    for meeting in meetings.values():
        for slot in meeting.agenda:
            for name in PLACEHOLDER.findall(" ".join([slot.speaker_line, *(line for _, line in slot.speaker_lines)])):
                if name not in placeholders:
                    text = path.read_text(encoding="utf-8")
                    raise DataFileError(Finding(path, _line_of(text, name), f"会议“{meeting.name}”议程中 speaker_line 的【{name}】没有在 data/placeholders.yml 登记。",
                                                "改用已登记的占位符，或先在 data/placeholders.yml 登记它。"))


def _expiry(path: Path, text: str, key: str, value) -> dt.date | None:
    """`expires:` of a 提法: a date (2027-12-31) or a year (2027, meaning its last day)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and 2000 <= value <= 2100:
        return dt.date(value, 12, 31)
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DataFileError(Finding(path, _line_of(text, key), f"提法“{key}”的 expires“{value}”不是日期。", "写成 2027-12-31 或年份 2027（即该年年底）；没有时效的提法删去 expires。")) from None


def _load_speakers(path: Path) -> dict[str, Speaker]:
    raw, text = load_yaml(path)
    speakers: dict[str, Speaker] = {}
    for order, entry in enumerate(raw or []):
        key = entry.get("name", f"第{order + 1}项") if isinstance(entry, dict) else f"第{order + 1}项"
        _require(path, text, key, entry, ("name", "description", "form", "chars"))
        if entry["form"] not in (SPEECH_FORM, AGENDA_FORM):
            raise DataFileError(Finding(path, _line_of(text, key), f"讲话人“{key}”的 form“{entry['form']}”不对。", f"改为“{SPEECH_FORM}”或“{AGENDA_FORM}”。"))
        chars = entry["chars"]
        if not (isinstance(chars, list) and len(chars) == 2 and all(isinstance(n, int) for n in chars) and 0 < chars[0] < chars[1]):
            raise DataFileError(Finding(path, _line_of(text, key), f"讲话人“{key}”的 chars 应当是 [最少, 最多] 两个整数。", "例如 chars: [1500, 6500]。"))
        speakers[str(entry["name"])] = Speaker(name=str(entry["name"]), description=str(entry["description"]), form=entry["form"], chars=(chars[0], chars[1]))
    return speakers


def _load_meetings(path: Path, speakers: dict[str, Speaker]) -> dict[str, Meeting]:
    raw, text = load_yaml(path)
    meetings: dict[str, Meeting] = {}
    for order, entry in enumerate(raw or []):
        key = entry.get("name", f"第{order + 1}项") if isinstance(entry, dict) else f"第{order + 1}项"
        _require(path, text, key, entry, ("name", "slug", "when", "agenda"))
        if not SLUG.fullmatch(str(entry["slug"])):
            raise DataFileError(Finding(path, _line_of(text, key), f"会议“{key}”的 slug“{entry['slug']}”不合规。", "slug 用于网址和页内锚点，只用英文小写字母、数字和短横线，如 entry-mobilization。"))
        slots = []
        for slot in entry["agenda"] or []:
            speaker = slot.get("speaker") if isinstance(slot, dict) else None
            item = slot.get("item") if isinstance(slot, dict) else None
            if not item:
                raise DataFileError(Finding(path, _line_of(text, key), f"会议“{key}”的议程有一项缺少 item。", "每项议程写 speaker 和 item 两个字段。"))
            if speaker is not None and speaker not in speakers:
                raise DataFileError(Finding(path, _line_of(text, str(speaker)), f"会议“{key}”议程中的讲话人“{speaker}”没有在 data/speakers.yml 登记。", f"改为已登记的讲话人：{'、'.join(speakers)}；没有对应模板的环节写 null。"))
            if speaker is None and (slot.get("speaker_line") or slot.get("speaker_example")):
                raise DataFileError(Finding(path, _line_of(text, str(item)), f"会议“{key}”议程中没有讲话人的一项写了 speaker_line 或 speaker_example。", "删去它们：这两项只用于有讲话人的环节。"))
            line = slot.get("speaker_line") or ""
            by_level = tuple((str(k), str(v)) for k, v in line.items()) if isinstance(line, dict) else ()
            if not isinstance(line, (str, dict)) or not all(v for _, v in by_level):
                raise DataFileError(Finding(path, _line_of(text, str(item)), f"会议“{key}”议程中“{speaker}”的 speaker_line 写法不对。",
                                            "写成一行带【占位符】的文字，或按层级写成“层级: 文字”的几行。"))
            slots.append(AgendaSlot(speaker=speaker, item=str(item), varies=str(slot.get("varies") or ""),
                                    speaker_line=line if isinstance(line, str) else "", speaker_example=str(slot.get("speaker_example") or ""),
                                    speaker_lines=by_level))
        meetings[str(entry["name"])] = Meeting(name=str(entry["name"]), slug=str(entry["slug"]), when=str(entry["when"]), agenda=tuple(slots), note=str(entry.get("note") or ""))
    return meetings


def _load_filled_examples(path: Path, meetings: dict[str, Meeting], placeholders: dict[str, Placeholder]) -> list[FilledExample]:
    raw, text = load_yaml(path)
    out = []
    for order, entry in enumerate(raw or []):
        key = entry.get("meeting", f"第{order + 1}项") if isinstance(entry, dict) else f"第{order + 1}项"
        _require(path, text, key, entry, ("meeting", "unit", "level"))
        if entry["meeting"] not in meetings:
            raise DataFileError(Finding(path, _line_of(text, key), f"示例的会议类型“{key}”没有在 data/meetings.yml 登记。", f"改为以下之一：{'、'.join(meetings)}。"))
        values = entry.get("values") or {}
        if not isinstance(values, dict):
            raise DataFileError(Finding(path, _line_of(text, key), f"示例“{key}”的 values 应当是“占位符名称: 填写值”的形式。", "每行写一个占位符名称和它的填写值。"))
        for name, value in values.items():
            if name not in placeholders:
                raise DataFileError(Finding(path, _line_of(text, str(name)), f"示例“{key}”填写的占位符“{name}”没有登记。", "改用 data/placeholders.yml 里登记的名称。"))
            if not isinstance(value, (str, int)) or not str(value).strip():
                raise DataFileError(Finding(path, _line_of(text, str(name)), f"示例“{key}”中“{name}”的填写值是空的。", "写上填写值，或删去这一行（改用占位符登记表里的示例）。"))
        out.append(FilledExample(meeting=str(entry["meeting"]), unit=str(entry["unit"]), level=str(entry["level"]), values={str(k): str(v) for k, v in values.items()}))
    return out


def load_layout(path: Path) -> Layout:
    raw, text = load_yaml(path)
    if not isinstance(raw, dict):
        raise DataFileError(Finding(path, 1, "docs/ 的布局应当写成 pages、variants、assets、ignore 四项。", "照原样恢复这个文件的结构。"))

    def strings(key: str) -> tuple[str, ...]:
        value = raw.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise DataFileError(Finding(path, _line_of(text, key), f"{key} 应当是路径的列表。", "每行写一个路径，以“  - ”开头。"))
        return tuple(value)

    variants = raw.get("variants")
    if not isinstance(variants, str) or not SLUG.fullmatch(variants) or variants == "templates":
        raise DataFileError(Finding(path, _line_of(text, "variants"), "variants 应当是 docs/ 下一个文件夹的名字。", "写成 variants: speeches（不能叫 templates：MkDocs 会忽略它）。"))
    return Layout(pages=frozenset(strings("pages")), variants=variants, assets=strings("assets"), ignore=frozenset(strings("ignore")))


def _load_head(path: Path, placeholders: dict[str, Placeholder], fields: dict[str, Field]) -> dict[str, HeadField]:
    raw, text = load_yaml(path)
    if not isinstance(raw, dict) or not raw:
        raise DataFileError(Finding(path, 1, "抬头登记表应当是“名称: 字段”的形式。", "按文件开头的说明，为讲话标题、讲话人、日期各写一项。"))
    head: dict[str, HeadField] = {}
    for name, entry in raw.items():
        name = str(name)
        _require(path, text, name, entry, ("description", "example", "line"))
        if name in placeholders:
            raise DataFileError(Finding(path, _line_of(text, name), f"抬头“{name}”与同名占位符重名。", "抬头按模板分别保存，占位符在模板之间共用：给其中一个改名。"))
        if str(entry["line"]).count("{}") != 1:
            raise DataFileError(Finding(path, _line_of(text, name), f"抬头“{name}”的 line 没有写一个 {{}}。", "在 line 里用 {} 标出填写内容的位置，例如 “（{}）”。"))
        default_from = str(entry.get("default_from") or "")
        if default_from and default_from not in fields:
            raise DataFileError(Finding(path, _line_of(text, name), f"抬头“{name}”的 default_from “{default_from}”不是登记的头部字段。", "改为 data/front_matter.yml 里登记的字段名。"))
        scope = entry.get("scope", PER_TEMPLATE)
        if scope not in HEAD_SCOPES:
            raise DataFileError(Finding(path, _line_of(text, name), f"抬头“{name}”的 scope“{scope}”不对。", f"改为“{PER_TEMPLATE}”（默认，每篇模板分别填写）或“{PER_MEETING}”（同一会议的各篇讲话共用）。"))
        head[name] = HeadField(name=name, description=str(entry["description"]), example=str(entry["example"]), line=str(entry["line"]),
                               default_from=default_from, fallback=str(entry.get("fallback") or ""), scope=scope,
                               from_agenda=entry.get("from_agenda") is True, endings=tuple(str(e) for e in entry.get("endings") or ()))
    return head


def _load_gongwen(path: Path) -> dict:
    raw, text = load_yaml(path)
    needed = {"page_mm": ("width", "height"), "margins_mm": ("top", "bottom", "left", "right"), "grid": ("lines", "chars")}
    for key, parts in needed.items():
        block = raw.get(key) if isinstance(raw, dict) else None
        if not isinstance(block, dict) or not all(isinstance(block.get(p), (int, float)) and block.get(p) > 0 for p in parts):
            raise DataFileError(Finding(path, _line_of(text, key), f"版式登记表的 {key} 缺少或写错了数值（{'、'.join(parts)}）。", "每一项写成正数，例如 top: 37。"))
    for role in ("title", "head", "body", "heading1", "heading2", "page_number"):
        font = (raw.get("fonts") or {}).get(role)
        if not isinstance(font, dict) or not font.get("name") or not isinstance(font.get("size"), (int, float)):
            raise DataFileError(Finding(path, _line_of(text, "fonts"), f"版式登记表缺少 {role} 的字体或字号。", f"在 fonts 下写 {role}: {{name: 字体名, size: 磅数}}。"))
    if "{}" not in str((raw.get("page_number") or {}).get("text", "")):
        raise DataFileError(Finding(path, _line_of(text, "page_number"), "页码写法没有 {}。", "写成 text: \"— {} —\"。"))
    _check_large_print(path, text, raw)
    return raw


def _check_large_print(path: Path, text: str, raw: dict) -> None:
    """The 大字版 block: its grid, and sizes for roles that fonts names."""
    large = raw.get("large")
    grid = large.get("grid") if isinstance(large, dict) else None
    sizes = large.get("sizes", {}) if isinstance(large, dict) else None
    if not isinstance(grid, dict) or not all(isinstance(grid.get(p), int) and grid.get(p) > 0 for p in ("lines", "chars")) \
            or not isinstance(sizes, dict) or not all(role in raw["fonts"] and isinstance(size, (int, float)) and size > 0 for role, size in sizes.items()):
        raise DataFileError(Finding(path, _line_of(text, "large"), "版式登记表的大字版（large）缺少或写错了行数、字数或字号。",
                                    "写成 large: {grid: {lines: 15, chars: 20}, sizes: {body: 22}}，sizes 的名称用 fonts 下的名称。"))
