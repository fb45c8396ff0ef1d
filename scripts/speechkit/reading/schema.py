"""Every data file has a schema, declared as data in data/schemas.yml: types, lengths, allowed
characters, allowed keys, nesting depth and sizes. A data file is checked against it before any code
reads a value from it, by `make check` and the build alike, and each problem is a finding with file,
line and fix (`data/roles.yml:12: …改法：…`), never a traceback. A data file without a schema is a
finding too, so a new registry cannot slip in unchecked; adding one is one entry in schemas.yml.

Policy files (csp.yml, docs_layout.yml, html_allowlist.yml) mark the values that would weaken them
(`safe:` lists what is allowed as it is, `weaker_if:` a pattern for what is not): such a value is
refused unless the file carries `allow_weaker: {reason: …}`, a documented decision a reviewer sees.

The schemas file itself is checked by the code here (its own shape is fixed), with the same findings.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..base import INVISIBLE, DataFileError, Finding, case_key, code_point, invisible_name, data_pattern, pattern_problem, portable_name_problem, terminal_text

FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it
SCHEMAS_FILE = "schemas.yml"
WEAKER_FLAG = "allow_weaker"
MAX_FINDINGS = 10  # per file: a file broken everywhere gets ten messages, not thousands
DEFAULT_TEXT_CHARS = 200
DEFAULT_ITEMS = 200
DEFAULT_DEPTH = 6
DEFAULT_FILE_BYTES = 200_000
SCHEMAS_DEPTH = 16  # the schemas describe nested files, so they nest deeper themselves

TYPE_NAMES = {"lines": "每行一项的文件", "text": "文字", "int": "整数", "number": "数字", "bool": "true 或 false", "date": "日期（如 2027-12-31）",
              "null": "null（空）", "list": "列表（每项以“- ”开头）", "map": "“名称: 值”的形式", "pattern": "正则表达式（文字）"}
SPEC_KEYS = {"type", "max", "min", "chars", "lines", "enum", "items", "max_items", "min_items", "keys", "required", "names",
             "values", "one_of", "safe", "weaker_if", "max_bytes", "max_depth", "about"}
TAGS = {"tag:yaml.org,2002:str": "text", "tag:yaml.org,2002:int": "int", "tag:yaml.org,2002:float": "number",
        "tag:yaml.org,2002:bool": "bool", "tag:yaml.org,2002:null": "null", "tag:yaml.org,2002:timestamp": "date"}
FIX_SHAPE = "照文件开头的说明和 data/schemas.yml 里这个文件的结构改。"


@dataclass
class Schemas:
    path: Path
    chars: dict[str, tuple[object, str]]  # rule name → (pattern, what it allows, in Chinese)
    files: dict[str, dict]


@dataclass
class _Check:
    path: Path
    chars: dict[str, tuple[object, str]]
    weaker_allowed: bool
    findings: list[Finding] = field(default_factory=list)

    def add(self, node: yaml.Node, message: str, fix: str) -> None:
        if len(self.findings) < MAX_FINDINGS:
            self.findings.append(Finding(self.path, node.start_mark.line + 1, message, fix))


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "map"
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return TAGS.get(node.tag, "text")


def _spec(spec) -> dict:
    return {"type": spec} if isinstance(spec, str) else spec


def _shown(value: str, limit: int = 30) -> str:
    return terminal_text(value[:limit]) + ("……" if len(value) > limit else "")


def _quoted(node: yaml.Node) -> str:
    """The value itself, for a scalar (“明年年底”), so the contributor sees what was read."""
    return f"“{_shown(node.value)}”" if isinstance(node, yaml.ScalarNode) and node.value else ""


def _where(at: str) -> str:
    return at or "文件"


def _compatible(want: str, actual: str) -> bool:
    return actual == want or (want == "number" and actual == "int") or (want == "pattern" and actual == "text")


def _validate(node: yaml.Node, spec, at: str, check: _Check) -> None:
    spec = _spec(spec)
    if "one_of" in spec:
        options = [_spec(s) for s in spec["one_of"]]
        kinds = [o.get("type", "text") for o in options]
        actual = _kind(node)
        matching = [o for o in options if _compatible(o.get("type", "text"), actual)]
        if not matching:
            names = "或".join(dict.fromkeys(TYPE_NAMES.get(k, k) for k in kinds))
            check.add(node, f"{_where(at)}{_quoted(node)}应当是{names}，这里写的是{TYPE_NAMES[actual]}。", FIX_SHAPE)
            return
        _validate(node, matching[0], at, check)
        return
    want = spec.get("type", "text")
    actual = _kind(node)
    if not _compatible(want, actual):
        check.add(node, f"{_where(at)}{_quoted(node)}应当是{TYPE_NAMES.get(want, want)}，这里写的是{TYPE_NAMES[actual]}。", FIX_SHAPE)
        return
    if want == "map":
        _validate_map(node, spec, at, check)
    elif want == "list":
        _validate_list(node, spec, at, check)
    elif want in ("text", "pattern"):
        _validate_text(node, spec, at, check, pattern=want == "pattern")
    elif want in ("int", "number"):
        _validate_number(node, spec, at, check)


def _validate_text(node: yaml.ScalarNode, spec: dict, at: str, check: _Check, *, pattern: bool) -> None:
    value = node.value
    longest = spec.get("max", DEFAULT_TEXT_CHARS)
    if len(value) > longest:
        check.add(node, f"{_where(at)}太长（{len(value):,} 字，上限 {longest:,} 字）。", "写短一些：登记表里只写一两句话，详细的内容写进模板或写作指引。")
        return
    if len(value) < spec.get("min", 0):
        check.add(node, f"{_where(at)}太短或是空的（至少 {spec['min']} 字）。", "写上这一项的内容。")
        return
    if "\n" in value and not spec.get("lines"):
        check.add(node, f"{_where(at)}里有换行。", "写成一行：用引号括起来，不要用 | 或 > 的多行写法，也不要在值里写 # 标题。")
        return
    if "enum" in spec and value not in [str(v) for v in spec["enum"]]:
        check.add(node, f"{_where(at)}“{_shown(value)}”不在允许的范围内。", f"改为以下之一：{'、'.join(str(v) for v in spec['enum'])}。")
        return
    rule = spec.get("chars")
    if rule:
        compiled, says = check.chars[rule]
        if not compiled.fullmatch(value):
            check.add(node, f"{_where(at)}“{_shown(value)}”不合规：{says}。", f"{says}。" if says.startswith(("写成", "只用", "只写")) else f"改成{says}的写法。")
            return
    if pattern:
        problem = pattern_problem(value)
        if problem:
            check.add(node, f"{_where(at)}的正则表达式不能用：{problem}。", "改写这个正则表达式：每个量词只管一段，不要嵌套，不要让两个量词争同样的字；不熟悉时只写要找的原文。")
            return
    _weaker(node, value, spec, at, check)


def _weaker(node: yaml.Node, value: str, spec: dict, at: str, check: _Check) -> None:
    unsafe = ("safe" in spec and value not in [str(v) for v in spec["safe"]]) or (
        "weaker_if" in spec and check.chars["_weaker_" + str(spec["weaker_if"])][0].search(value))
    if unsafe and not check.weaker_allowed:
        check.add(node, f"{_where(at)}“{_shown(value)}”放宽了安全策略。",
                  f"改回原来的值；确需放宽时，在这个文件里写 {WEAKER_FLAG}: {{reason: 为什么要放宽}}，由维护者审核。")


def _validate_number(node: yaml.ScalarNode, spec: dict, at: str, check: _Check) -> None:
    try:
        value = float(node.value.replace("_", ""))
    except ValueError:
        check.add(node, f"{_where(at)}不是数字。", FIX_SHAPE)
        return
    low, high = spec.get("min"), spec.get("max")
    if (low is not None and value < low) or (high is not None and value > high):
        check.add(node, f"{_where(at)}是 {node.value}，应当在 {low if low is not None else '…'}～{high if high is not None else '…'} 之间。", "改成这个范围里的数。")


def _validate_list(node: yaml.SequenceNode, spec: dict, at: str, check: _Check) -> None:
    most, least = spec.get("max_items", DEFAULT_ITEMS), spec.get("min_items", 0)
    if len(node.value) > most:
        check.add(node, f"{_where(at)}有 {len(node.value):,} 项，超过上限 {most:,} 项。", "删去多余的项；确实需要更多时，由维护者在 data/schemas.yml 里放宽上限。")
        return
    if len(node.value) < least:
        check.add(node, f"{_where(at)}至少要有 {least} 项。", "补上缺的项。")
        return
    for number, item in enumerate(node.value, start=1):
        _validate(item, spec.get("items", "text"), f"{at}第 {number} 项" if at else f"第 {number} 项", check)


def _validate_map(node: yaml.MappingNode, spec: dict, at: str, check: _Check) -> None:
    keys = spec.get("keys")
    if len(node.value) > spec.get("max_items", DEFAULT_ITEMS):
        check.add(node, f"{_where(at)}有 {len(node.value):,} 项，超过上限 {spec.get('max_items', DEFAULT_ITEMS):,} 项。", "删去多余的项。")
        return
    seen = set()
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or _kind(key_node) not in ("text", "int"):
            check.add(key_node, f"{_where(at)}里有一个键不是文字。", "键写成一个词或一个名称，后面跟冒号。")
            continue
        key = key_node.value
        if key in seen:  # YAML would silently keep the last one
            check.add(key_node, f"重复的键“{_shown(key, 20)}”（{_where(at)}里已经有了）。", "删去重复的一项，或把两项合成一项：YAML 只会留下后写的那一项。")
            continue
        seen.add(key)
        inner = f"{at}的“{_shown(key, 20)}”" if at else f"“{_shown(key, 20)}”"
        if keys is not None:
            if key == WEAKER_FLAG and spec.get("weaker_flag"):
                continue
            if key not in keys:
                allowed = "、".join(list(keys)[:12]) + ("等" if len(keys) > 12 else "")
                check.add(key_node, f"{inner}不是这里允许的键。", f"允许的键：{allowed}；拼写错了就改正，多余的删去。")
                continue
            _validate(value_node, keys[key], inner, check)
        else:
            _validate(key_node, spec.get("names", "text"), inner, check)
            _validate(value_node, spec.get("values", "text"), inner, check)
    for name in spec.get("required", []):
        if name not in seen:
            check.add(node, f"{_where(at)}缺少“{name}”。", f"补上 {name}（{FIX_SHAPE}）")


# ---- reading data/schemas.yml ---------------------------------------------------------------------

def _bad_schema(path: Path, node: yaml.Node | None, message: str) -> DataFileError:
    line = node.start_mark.line + 1 if node is not None else 1
    return DataFileError(Finding(path, line, f"数据结构登记表写错了：{message}。", "对照文件开头的说明改正；结构登记表由维护者修改。"))


def _check_spec(path: Path, spec, node: yaml.Node, chars: dict) -> None:
    """The schemas file's own shape: every spec uses known words and known character rules."""
    if isinstance(spec, str):
        if spec not in TYPE_NAMES:
            raise _bad_schema(path, node, f"类型“{spec}”不存在")
        return
    if not isinstance(spec, dict):
        raise _bad_schema(path, node, "每个结构是一个类型名或“type: …”的形式")
    unknown = set(spec) - SPEC_KEYS - {"weaker_flag"}
    if unknown:
        raise _bad_schema(path, node, f"不认识的写法 {'、'.join(sorted(unknown))}")
    if "one_of" in spec:
        for option in spec["one_of"]:
            _check_spec(path, option, node, chars)
        return
    kind = spec.get("type", "text")
    if kind not in TYPE_NAMES:
        raise _bad_schema(path, node, f"类型“{kind}”不存在")
    if spec.get("chars") is not None and spec["chars"] not in chars:
        raise _bad_schema(path, node, f"字符规则“{spec['chars']}”没有在 chars 下写出")
    for part in ("items", "names", "values"):
        if part in spec:
            _check_spec(path, spec[part], node, chars)
    for value in (spec.get("keys") or {}).values():
        _check_spec(path, value, node, chars)


@functools.lru_cache(maxsize=4)
def _load_schemas(path: Path, text: str) -> Schemas:
    try:
        raw = yaml.load(text, Loader=FAST_LOADER)
        root = yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        raise _bad_schema(path, None, "YAML 无法解析") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("chars"), dict) or not isinstance(raw.get("files"), dict):
        raise _bad_schema(path, root, "应当有 chars 和 files 两项")
    chars: dict[str, tuple[object, str]] = {}
    for name, rule in raw["chars"].items():
        if not isinstance(rule, dict) or not isinstance(rule.get("pattern"), str) or not isinstance(rule.get("says"), str):
            raise _bad_schema(path, root, f"字符规则“{name}”要写 pattern 和 says")
        chars[str(name)] = (data_pattern(rule["pattern"], path, 1, f"字符规则“{name}”"), rule["says"])
    for name, spec in raw["files"].items():
        _check_spec(path, spec, root, chars)
        for weaker in _weaker_patterns(spec):
            chars.setdefault("_weaker_" + weaker, (data_pattern(weaker, path, 1, f"“{name}”的 weaker_if"), ""))
    return Schemas(path=path, chars=chars, files={str(k): _spec(v) for k, v in raw["files"].items()})


def _weaker_patterns(spec) -> list[str]:
    if not isinstance(spec, dict):
        return []
    out = [str(spec["weaker_if"])] if "weaker_if" in spec else []
    for part in ("items", "names", "values"):
        out += _weaker_patterns(spec.get(part))
    for value in (spec.get("keys") or {}).values():
        out += _weaker_patterns(value)
    for option in spec.get("one_of") or []:
        out += _weaker_patterns(option)
    return out


def schemas_for(data_dir: Path) -> Schemas:
    path = data_dir / SCHEMAS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise DataFileError(Finding(path, 1, "缺少数据结构登记表，或它不是 UTF-8 文本。", "从仓库恢复 data/schemas.yml。")) from None
    return _load_schemas(path, text)


def file_limits(path: Path) -> tuple[int, int]:
    """(max bytes, max nesting depth) of the data file at `path`, from its schema."""
    if path.name == SCHEMAS_FILE:
        return DEFAULT_FILE_BYTES, SCHEMAS_DEPTH
    spec = schemas_for(path.parent).files.get(path.stem, {})
    return int(spec.get("max_bytes", DEFAULT_FILE_BYTES)), int(spec.get("max_depth", DEFAULT_DEPTH))


def check_against_schema(path: Path, text: str) -> list[Finding]:
    """Findings for the data file at `path` (its text already bounded and free of invisible characters)."""
    if path.name == SCHEMAS_FILE:
        schemas_for(path.parent)  # raises DataFileError when it is broken
        return []
    schemas = schemas_for(path.parent)
    spec = schemas.files.get(path.stem)
    if spec is None:
        return [Finding(path, 1, f"数据文件 {path.name} 没有登记结构（schema），不能使用。",
                        f"在 data/{SCHEMAS_FILE} 的 files 下为“{path.stem}”写一项：有哪些键、每个值的类型和长度（照其他文件的写法）。")]
    root = yaml.compose(text, Loader=FAST_LOADER)
    if root is None:
        return [Finding(path, 1, "数据文件是空的。", "从仓库恢复这个文件，或按文件开头的说明写上内容。")]
    allowed = _weaker_flag(root)
    check = _Check(path=path, chars=schemas.chars, weaker_allowed=allowed)
    _validate(root, spec, "", check)
    return check.findings


def _weaker_flag(root: yaml.Node) -> bool:
    """Whether the file says, with a reason, that it weakens a policy on purpose."""
    if not isinstance(root, yaml.MappingNode):
        return False
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == WEAKER_FLAG and isinstance(value, yaml.MappingNode):
            return any(isinstance(k, yaml.ScalarNode) and k.value == "reason" and isinstance(v, yaml.ScalarNode) and len(v.value.strip()) >= 4
                       for k, v in value.value)
    return False


def data_files_without_schema(data_dir: Path) -> list[Finding]:
    """Files in data/ that are not data files with a schema: each is a finding."""
    out = []
    schemas = schemas_for(data_dir)
    seen: dict[str, str] = {}
    for path in sorted(data_dir.iterdir()):
        if path.name.startswith(".") or path.name == SCHEMAS_FILE:
            continue
        problem = portable_name_problem(path.name)
        if problem or case_key(path.name) in seen:
            why = problem or f"与 {seen[case_key(path.name)]} 只有大小写不同，在 Windows 和 macOS 上是同一个文件"
            out.append(Finding(path, 1, f"文件名“{path.name}”不能用：{why}。", "删去它，或改一个只用英文小写字母、数字和下划线的名字。"))
            continue
        seen[case_key(path.name)] = path.name
        if path.suffix != ".yml" and path.name in schemas.files and not path.is_dir():
            out += check_lines_file(path, schemas)  # a list of one item per line (place_names.txt)
        elif path.is_dir() or path.suffix != ".yml":
            out.append(Finding(path, 1, f"data/ 里只放数据文件（.yml，或在 data/schemas.yml 登记过的每行一项的文件），“{path.name}”不是。",
                               "删去它，或把它改写成 .yml 数据文件并在 data/schemas.yml 登记结构。"))
        elif path.stem not in schemas.files:
            out.append(Finding(path, 1, f"数据文件 {path.name} 没有登记结构（schema），不能使用。",
                               f"在 data/{SCHEMAS_FILE} 的 files 下为“{path.stem}”写一项：有哪些键、每个值的类型和长度（照其他文件的写法）。"))
    return out



def check_lines_file(path: Path, schemas: Schemas) -> list[Finding]:
    """A data file of one item per line (`type: lines`; # starts a comment): size, invisible characters,
    number of items and each item against `items`, as for a YAML list."""
    spec = schemas.files[path.name]
    try:
        data = path.read_bytes()[: int(spec.get("max_bytes", DEFAULT_FILE_BYTES)) + 1]
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return [Finding(path, 1, "无法读取这个数据文件，或它不是 UTF-8 文本。", "从仓库恢复它（它由脚本生成，不要手改）。")]
    if len(data) > int(spec.get("max_bytes", DEFAULT_FILE_BYTES)):
        return [Finding(path, 1, f"数据文件太大（超过 {int(spec.get('max_bytes', DEFAULT_FILE_BYTES)):,} 字节）。", "从仓库恢复它，或由维护者在 data/schemas.yml 放宽上限。")]
    check = _Check(path=path, chars=schemas.chars, weaker_allowed=False)
    items = 0
    for number, line in enumerate(text.split("\n"), start=1):
        hidden = INVISIBLE.search(line)
        if hidden:
            check.findings.append(Finding(path, number, f"有看不见的{invisible_name(hidden.group(0))}（{code_point(hidden.group(0))}）。", "删去它。"))
            continue
        item = line.strip()
        if not item or item.startswith("#"):
            continue
        items += 1
        _validate(yaml.ScalarNode("tag:yaml.org,2002:str", item, start_mark=yaml.Mark("", 0, number - 1, 0, None, None)),
                  spec.get("items", "text"), f"第 {number} 行", check)
    if items > spec.get("max_items", DEFAULT_ITEMS):
        check.findings.append(Finding(path, 1, f"有 {items:,} 项，超过上限 {spec.get('max_items', DEFAULT_ITEMS):,} 项。", "从仓库恢复它，或由维护者在 data/schemas.yml 放宽上限。"))
    return check.findings[:MAX_FINDINGS]
