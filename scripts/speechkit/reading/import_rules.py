"""data/import.yml: every pattern and word list the importer uses, compiled and checked as it loads.
The draft checker reads the same file for masks and web-page junk, so the patterns it also runs in the
browser (mask, mask_rules and the name restorations, junk_lines, junk_inline, tail_markers, agenda) are
compiled as portable patterns (base/portable.py): one dialect for Python and JavaScript. It lives in
reading, with the other data files, so that the checks (a layer below the importer) can read it.

A broken pattern or a role the roles registry does not know is reported like any data-file error
(file, line, fix), never as a traceback.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..base import DATA_DIR, DEFAULT_TIMEOUT, Finding, PatternProblem, data_pattern
from ..base import portable_source
from .fixed_phrases import FixedPhrase, load_fixed_phrases
from .registry import DataFileError, Registry, load_yaml

RULES_FILE = "import.yml"


@dataclass(frozen=True)
class LineRule:
    reason: str
    pattern: re.Pattern
    max_chars: int


@dataclass(frozen=True)
class MaskRule:
    kind: str  # restore | placeholder | candidate
    pattern: re.Pattern
    replace: str = ""
    type: str = ""  # for candidates: a placeholder type (人名, 日期…)


@dataclass(frozen=True)
class CandidateType:
    type: str
    after: re.Pattern | None
    before: re.Pattern | None


@dataclass(frozen=True)
class SuspectRule:
    reason: str
    pattern: re.Pattern


@dataclass(frozen=True)
class ImportRules:
    path: Path
    max_file_bytes: int
    max_docx_xml_bytes: int
    max_articles: int
    junk_lines: tuple[LineRule, ...]
    junk_inline: tuple[LineRule, ...]
    tail_markers: re.Pattern
    emoji: re.Pattern
    article_separators: tuple[re.Pattern, ...]
    title_noise: re.Pattern
    title_words: re.Pattern
    title_shape: re.Pattern  # groups: meeting, form
    title_meeting: re.Pattern  # groups: meeting, form
    salutation: re.Pattern
    max_speaker_line_chars: int
    speech_date: re.Pattern
    blank_min_spaces: int
    run_on_breaks: re.Pattern
    max_run_on_chars: int
    max_heading_chars: int
    level1_separators: re.Pattern
    run_in_after: re.Pattern
    run_in_promise: re.Pattern  # group: count
    sentence_subjects: tuple[str, ...]
    not_headings: re.Pattern
    heading_endings: tuple[str, ...]
    paragraph_openings: tuple[str, ...]
    closing: re.Pattern
    agenda: re.Pattern
    agenda_role: str
    agenda_noise: re.Pattern
    role_keywords: dict[str, tuple[str, ...]]
    mask: re.Pattern
    mask_rules: tuple[MaskRule, ...]
    candidate_prefix: str
    candidate_types: tuple[CandidateType, ...]
    mask_some_unit: re.Pattern
    doubled_merge: tuple[str, ...]
    fixed_phrases: tuple[FixedPhrase, ...]  # data/fixed_phrases.yml
    suspect_formulations: tuple[SuspectRule, ...]
    punctuation: tuple[tuple[re.Pattern, str], ...]
    guesses: dict[str, dict[str, tuple[str, ...]]]  # front-matter key → registered choice → words
    meeting_words: tuple[str, ...]
    meeting_same: dict[str, str]  # a wording in a meeting's name → the word it counts as
    meeting_in_text: re.Pattern  # group: meeting
    meeting_noise: re.Pattern
    speaker_words: dict[str, tuple[str, ...]]  # registered speaker → words naming them in a title
    speaker_titles: tuple[str, ...]
    form_cues: dict[str, str]  # the title's form (表态发言) → the word to find in the agenda and descriptions


class _Reader:
    """Reads one key of the data file at a time, with the file's line in every complaint."""

    def __init__(self, path: Path, data: object, text: str):
        if not isinstance(data, dict):
            raise DataFileError(Finding(path, 1, "导入规则文件应当是“键: 值”的形式。", "对照仓库里的 data/import.yml 恢复它的结构。"))
        self.path, self.data, self.text = path, data, text
        self.timeout = DEFAULT_TIMEOUT

    def line(self, key: str) -> int:
        m = re.search(rf"^{re.escape(key)}\s*:", self.text, re.M)
        return self.text.count("\n", 0, m.start()) + 1 if m else 1

    def fail(self, key: str, message: str, fix: str) -> DataFileError:
        return DataFileError(Finding(self.path, self.line(key), message, fix))

    def get(self, key: str, kind: type):
        value = self.data.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise self.fail(key, f"导入规则缺少 {key}，或它的写法不对。", "对照仓库里的 data/import.yml 补上或改正这一项。")
        return value

    def regex(self, key: str, source: object, *, mask: str | None = None, portable: bool = False) -> re.Pattern:
        """`portable`: the draft checker runs this pattern in the browser too (base/portable.py)."""
        if not isinstance(source, str) or not source:
            raise self.fail(key, f"导入规则 {key} 里有一项不是正则表达式。", "写成单引号括起来的一行正则表达式。")
        if mask is not None:
            source = source.replace("{mask}", f"(?:{mask})")
        if portable:
            try:
                source = portable_source(source)
            except PatternProblem as exc:
                raise self.fail(key, f"导入规则 {key} 里的正则表达式“{source[:40]}”在浏览器里会有不同的结果：{exc}。",
                                "改用 Python 和浏览器都认的写法（见 scripts/speechkit/base/portable.py 的说明）。") from None
        # checked for shapes that can hang, and time-boxed when it runs (speechkit.base.patterns)
        return data_pattern(source, self.path, self.line(key), f"导入规则 {key} 里的“{source[:40]}”", self.timeout)

    def grouped(self, key: str, *groups: str) -> re.Pattern:
        """A pattern that must name `groups` ((?P<meeting>…)): the code reads them by name."""
        pattern = self.regex(key, self.get(key, str))
        missing = [g for g in groups if g not in pattern.groupindex]
        if missing:
            raise self.fail(key, f"导入规则 {key} 的正则表达式里少了命名的组 {'、'.join(missing)}。", f"用 (?P<{missing[0]}>……) 标出这一部分。")
        return pattern

    def words(self, key: str) -> tuple[str, ...]:
        values = self.get(key, list)
        if not all(isinstance(v, str) and v for v in values):
            raise self.fail(key, f"导入规则 {key} 应当是词的列表。", "每个词写成一项，如 [意义, 认识]。")
        return tuple(values)

    def line_rules(self, key: str) -> tuple[LineRule, ...]:
        out = []
        for entry in self.get(key, list):
            if not isinstance(entry, dict):
                raise self.fail(key, f"导入规则 {key} 的每一项都要有 reason 和 pattern。", "照文件里已有的项写。")
            out.append(LineRule(str(entry.get("reason") or key), self.regex(key, entry.get("pattern"), portable=True), int(entry.get("max_chars", 60))))
        return tuple(out)


def load_import_rules(registry: Registry, data_dir: Path = DATA_DIR) -> ImportRules:
    path = data_dir / RULES_FILE
    data, text = load_yaml(path)
    r = _Reader(path, data, text)
    r.timeout = registry.pattern_timeout
    limits = r.get("limits", dict)
    mask_source = r.get("mask", str)
    mask = r.regex("mask", mask_source, portable=True)
    fixed_phrases = load_fixed_phrases(data_dir)
    mask_rules = list(_name_restorations(fixed_phrases, r.words("masked_names"), r, mask_source))
    for entry in r.get("mask_rules", list):
        kind = entry.get("kind") if isinstance(entry, dict) else None
        if kind not in ("restore", "placeholder", "candidate"):
            raise r.fail("mask_rules", f"遮挡规则的 kind “{kind}”不对。", "改为 restore、placeholder 或 candidate。")
        rule = MaskRule(kind, r.regex("mask_rules", entry.get("pattern"), mask=mask_source, portable=True), str(entry.get("replace", "")), str(entry.get("type", "")))
        for name in re.findall(r"【([^】]+)】", rule.replace):
            if kind == "placeholder" and name not in registry.placeholders:
                raise r.fail("mask_rules", f"遮挡规则要换成的占位符【{name}】没有登记。", "先在 data/placeholders.yml 登记它，或改用已登记的占位符。")
        mask_rules.append(rule)
    candidate_types = []
    for entry in r.get("candidate_types", list):
        if not isinstance(entry, dict) or not entry.get("type"):
            raise r.fail("candidate_types", "待定占位符的每一项都要写 type。", "照文件里已有的项写。")
        after = r.regex("candidate_types", entry["after"]) if entry.get("after") else None
        before = r.regex("candidate_types", entry["before"]) if entry.get("before") else None
        candidate_types.append(CandidateType(str(entry["type"]), after, before))
    role_keywords = {}
    for role, words in r.get("role_keywords", dict).items():
        if role not in registry.roles:
            raise r.fail("role_keywords", f"作用建议里的“{role}”不是登记过的作用。", f"改用 data/roles.yml 里的作用：{'、'.join(registry.roles)}。")
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise r.fail("role_keywords", f"作用“{role}”的关键词应当是词的列表。", "写成 [词1, 词2] 的形式。")
        role_keywords[str(role)] = tuple(words)
    speaker_words = {}
    for speaker, words in r.get("speaker_words", dict).items():
        if speaker not in registry.speakers:
            raise r.fail("speaker_words", f"讲话人称谓里的“{speaker}”不是登记过的讲话人。", f"改用 data/speakers.yml 里的讲话人：{'、'.join(registry.speakers)}。")
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise r.fail("speaker_words", f"讲话人“{speaker}”的称谓应当是词的列表。", "写成 [词1, 词2] 的形式。")
        speaker_words[str(speaker)] = tuple(words)
    form_cues, meeting_same = r.get("form_cues", dict), r.get("meeting_same", dict)
    for key, table in (("form_cues", form_cues), ("meeting_same", meeting_same)):
        if not all(isinstance(k, str) and isinstance(v, str) and k and v for k, v in table.items()):
            raise r.fail(key, f"{key} 的每一项都要写成“词: 词”。", "如 {表态: 表态}。")
    suspects = []
    for entry in r.get("suspect_formulations", list):
        if not isinstance(entry, dict) or not entry.get("reason"):
            raise r.fail("suspect_formulations", "可疑写法的每一项都要有 reason 和 pattern。", "照文件里已有的项写。")
        suspects.append(SuspectRule(str(entry["reason"]), r.regex("suspect_formulations", entry.get("pattern"))))
    punctuation = []
    for entry in r.get("punctuation", list):
        if not isinstance(entry, dict) or "replace" not in entry:
            raise r.fail("punctuation", "标点规则的每一项都要有 pattern 和 replace。", "照文件里已有的项写。")
        punctuation.append((r.regex("punctuation", entry.get("pattern")), str(entry["replace"])))
    agenda_role = r.get("agenda_role", str)
    if agenda_role not in registry.roles:
        raise r.fail("agenda_role", f"议程的作用“{agenda_role}”不是登记过的作用。", f"改用 data/roles.yml 里的作用：{'、'.join(registry.roles)}。")
    guesses: dict[str, dict[str, tuple[str, ...]]] = {}
    for key, options in r.get("front_matter_guesses", dict).items():
        field = registry.fields.get(key)
        if field is None or not isinstance(options, dict):
            raise r.fail("front_matter_guesses", f"头部字段判断里的 {key} 不是登记过的字段。", f"改用 data/front_matter.yml 里的字段：{'、'.join(registry.fields)}。")
        for choice, words in options.items():
            if choice not in field.choices:
                raise r.fail("front_matter_guesses", f"{key} 的“{choice}”不在 data/front_matter.yml 登记的可选值里。", f"改为以下之一：{'、'.join(field.choices)}。")
            if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
                raise r.fail("front_matter_guesses", f"{key} 的“{choice}”应当跟一个词的列表。", "写成 [词1, 词2] 的形式。")
        guesses[str(key)] = {str(choice): tuple(words) for choice, words in options.items()}
    try:
        numbers = {key: int(limits[key]) for key in ("max_file_bytes", "max_docx_xml_bytes", "max_articles")}
    except (KeyError, TypeError, ValueError):
        raise r.fail("limits", "导入规则的 limits 不完整。", "写全 max_file_bytes、max_docx_xml_bytes、max_articles 三个整数。") from None
    return ImportRules(
        path=path,
        **numbers,
        junk_lines=r.line_rules("junk_lines"),
        junk_inline=r.line_rules("junk_inline"),
        tail_markers=r.regex("tail_markers", r.get("tail_markers", str), portable=True),
        emoji=r.regex("emoji", r.get("emoji", str)),
        article_separators=tuple(r.regex("article_separators", s) for s in r.get("article_separators", list)),
        title_noise=r.regex("title_noise", r.get("title_noise", str)),
        title_words=r.regex("title_words", r.get("title_words", str)),
        title_shape=r.grouped("title_shape", "meeting", "form"),
        title_meeting=r.grouped("title_meeting", "meeting", "form"),
        salutation=r.regex("salutation", r.get("salutation", str)),
        max_speaker_line_chars=r.get("max_speaker_line_chars", int),
        speech_date=r.regex("speech_date", r.get("speech_date", str)),
        blank_min_spaces=r.get("blank_min_spaces", int),
        run_on_breaks=r.regex("run_on_breaks", r.get("run_on_breaks", str)),
        max_run_on_chars=r.get("max_run_on_chars", int),
        max_heading_chars=r.get("max_heading_chars", int),
        level1_separators=r.regex("level1_separators", r.get("level1_separators", str)),
        run_in_after=r.regex("run_in_after", r.get("run_in_after", str)),
        run_in_promise=r.grouped("run_in_promise", "count"),
        sentence_subjects=r.words("sentence_subjects"),
        not_headings=r.regex("not_headings", r.get("not_headings", str)),
        heading_endings=r.words("heading_endings"),
        paragraph_openings=r.words("paragraph_openings"),
        closing=r.regex("closing", r.get("closing", str)),
        agenda=r.regex("agenda", r.get("agenda", str), portable=True),
        agenda_role=agenda_role,
        agenda_noise=r.regex("agenda_noise", r.get("agenda_noise", str)),
        role_keywords=role_keywords,
        mask=mask,
        mask_rules=tuple(mask_rules),
        candidate_prefix=r.get("candidate_prefix", str),
        candidate_types=tuple(candidate_types),
        mask_some_unit=r.regex("mask_some_unit", r.get("mask_some_unit", str)),
        doubled_merge=r.words("doubled_merge"),
        fixed_phrases=fixed_phrases,
        suspect_formulations=tuple(suspects),
        punctuation=tuple(punctuation),
        guesses=guesses,
        meeting_words=r.words("meeting_words"),
        meeting_same={str(k): str(v) for k, v in meeting_same.items()},
        meeting_in_text=r.grouped("meeting_in_text", "meeting"),
        meeting_noise=r.regex("meeting_noise", r.get("meeting_noise", str)),
        speaker_words=speaker_words,
        speaker_titles=r.words("speaker_titles"),
        form_cues={str(k): str(v) for k, v in form_cues.items()},
    )


CLAUSE = re.compile(r"[，、；。]")


def _name_restorations(phrases: tuple[FixedPhrase, ...], names: tuple[str, ...], r: "_Reader", mask: str) -> list[MaskRule]:
    """Restore rules for a leader's name under a mask, derived from the standard wordings: every clause
    of a standard that holds one of `names` is recognised with a mask in the name's place. Longest first,
    so that 以***同志为核心的党中央 is restored as a whole before ***总书记 alone."""
    clauses = {clause for phrase in phrases for clause in CLAUSE.split(phrase.standard) if any(name in clause for name in names)}
    rules = []
    for clause in sorted(clauses, key=lambda c: (-len(c), c)):
        pattern = re.escape(clause)
        for name in names:
            pattern = pattern.replace(re.escape(name), r"\s*{mask}\s*")  # “*** 总书记”: a space beside the mask
        if pattern.startswith(r"\s*"):
            pattern = r"(?<!\s)" + pattern  # tried from the start of a run of spaces only: linear on long ones
        rules.append(MaskRule("restore", r.regex("masked_names", pattern, mask=mask, portable=True), clause))
    return rules
