"""Which meeting a speech was given at and who gave it, from its title (“区委副书记在……进驻……动员会上的
表态发言”), the speaker's line and the text; read against the registries, so that a meeting or speaker
registered tomorrow is recognised without a change here.

A meeting is the registered one whose name holds every word that tells meetings apart (data/import.yml
meeting_words) in the name the title gives; a speaker is narrowed by the meeting's agenda and by what the
title says the speech is (表态发言 → the slot whose agenda item says 表态). What the registry does not
know yet is written as the title says it, to be registered (make check lists it as 待完成), never
mapped to the nearest registered one; what cannot be told at all is written as 待定…… with the choices.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..reading import ImportRules, Registry, Speaker

UNDECIDED = "待定{label}"  # the value written when nothing tells: not registered, so make check lists it
# What a meeting or speaker not registered yet may be written as: words, as the registries' names are
# (巡察整改“回头看”动员部署会), never markup or symbols a page or the checks would take for something else.
NAME = re.compile(r"^[\u3400-\u9fff（）“”·、]{2,30}$")
BRACKETS = re.compile(r"[（(][^（）()]*[）)]|[“”‘’\"'\s　]")
OPENING_PARAGRAPHS = 3  # where a speech names its meeting (今天召开……会) when it has no title


@dataclass(frozen=True)
class Decision:
    value: str
    note: str  # for the report's 头部字段 list
    known: bool  # registered: if not, make check lists it as 待完成


def _plain(name: str) -> str:
    """A name without brackets, quotes and spaces: 对村（社区）巡察进驻动员会 ~ 对村巡察进驻动员会."""
    return BRACKETS.sub("", name)


def meeting_phrase(title: str, opening: str, rules: ImportRules) -> tuple[str, str]:
    """(the meeting as the speech names it, where: 标题/正文), or ("", "")."""
    for pattern in (rules.title_shape, rules.title_meeting):
        m = pattern.search(title) if title else None
        if m and m.group("meeting"):
            return m.group("meeting"), "标题"
    m = rules.meeting_in_text.search(opening)
    return (m.group("meeting"), "正文") if m else ("", "")


def _words(name: str, rules: ImportRules) -> set[str]:
    for wording, word in rules.meeting_same.items():
        name = name.replace(wording, word)
    return {w for w in rules.meeting_words if w in name}


def _text_hits(key: str, text: str, rules: ImportRules) -> dict[str, list[str]]:
    """Registered choice → the listed words found in the text; a word in the opening (我代表巡察组反馈……)
    counts three times, as the speech says there who speaks and why."""
    opening = "\n".join(text.split("\n")[: OPENING_PARAGRAPHS + 1])
    hits = {choice: [w for w in words if w in text] for choice, words in rules.guesses.get(key, {}).items()}
    return {choice: found + [w for w in found if w in opening] * 2 for choice, found in hits.items() if found}


def _how_to_register(kind: str, value: str, registry: Registry) -> str:
    if kind == "meeting":
        return (f"登记方法：在 data/meetings.yml 加一项“- name: {value}”，照已有的项写 slug、when 和 agenda"
                f"（议程里的讲话人须是 data/speakers.yml 登记过的）；或者改成已登记的会议：{'、'.join(registry.meetings)}")
    return (f"登记方法：在 data/speakers.yml 加一项“- name: {value}”，照已有的项写 description、form 和 chars，"
            f"再把它写进 data/meetings.yml 里它发言的会议的 agenda；或者改成已登记的讲话人：{'、'.join(registry.speakers)}")


def decide_meeting(title: str, text: str, rules: ImportRules, registry: Registry) -> Decision:
    opening = "\n".join(text.split("\n")[: OPENING_PARAGRAPHS + 1])
    phrase, where = meeting_phrase(title, opening, rules)
    label = registry.fields["meeting"].label
    names = list(registry.meetings)
    if phrase:
        plain = _plain(phrase)
        words = _words(plain, rules)
        # a registered meeting is this one only if its name has every word that tells meetings apart
        fitting = [n for n in names if words <= _words(_plain(n), rules)]
        named = [n for n in fitting if _plain(n) in plain]
        if named:
            best = max(named, key=lambda n: len(_plain(n)))
            return Decision(best, f"{label}：{where}里写的是“{phrase}”，即“{best}”", True)
        if words and fitting:
            hits = _text_hits("meeting", text, rules)
            best = min(fitting, key=lambda n: (len(_words(_plain(n), rules) - words), -len(hits.get(n, [])), names.index(n)))
            others = [n for n in fitting if n != best]
            return Decision(best, f"{label}：{where}里写的是“{phrase}”，按其中的“{'、'.join(sorted(words, key=lambda w: plain.find(w)))}”判断为“{best}”"
                                  + (f"（也可能是{'、'.join(others)}）" if others else "") + "，请核对", True)
        value = rules.meeting_noise.sub("", plain) or plain
        near = [n for n in names if words & _words(_plain(n), rules)]
        if not NAME.match(value):
            return _undecided("meeting", f"{where}里写的是“{phrase}”，不像会议名称", names, registry)
        return Decision(value, f"待完成：{label}：{where}里写的是“{phrase}”，登记表里还没有这种会议，照原样写成了“{value}”，没有套用相近的会议"
                               + (f"（相近的有{'、'.join(near)}，确是同一种会议时改成它）" if near else "") + f"。{_how_to_register('meeting', value, registry)}", False)
    hits = _text_hits("meeting", text, rules)
    if hits:
        best = max(hits, key=lambda n: (len(hits[n]), -names.index(n)))
        return Decision(best, f"{label}：没有标题，按正文中的“{'、'.join(dict.fromkeys(hits[best][:3]))}”判断为“{best}”，请核对（可选：{'、'.join(names)}）", True)
    return _undecided("meeting", "标题和正文里都看不出是哪种会议", names, registry)


def _undecided(key: str, why: str, choices: list[str], registry: Registry) -> Decision:
    label = registry.fields[key].label
    value = UNDECIDED.format(label=label)
    return Decision(value, f"待完成：{label}：{why}，写成了“{value}”：改为以下之一：{'、'.join(choices)}；"
                           f"是登记表里没有的{label}时，{_how_to_register(key, '会议名称' if key == 'meeting' else '讲话人名称', registry)}", False)


def _agenda_slots(meeting: str, registry: Registry) -> list[tuple[str, str]]:
    """(speaker, agenda item) of a registered meeting's agenda, speakers with a template only."""
    found = registry.meetings.get(meeting)
    return [(slot.speaker, slot.item) for slot in found.agenda if slot.speaker] if found else []


def _named(phrase: str, speaker: Speaker, rules: ImportRules) -> list[str]:
    """The words of the speaker's line that name this speaker (its registered name, or a listed title)."""
    plain = _plain(phrase)
    words = [w for w in rules.speaker_words.get(speaker.name, ()) if w in plain]
    return ([speaker.name] if _plain(speaker.name) in plain else []) + words


def decide_speaker(meeting: Decision, form: str, phrase: str, text: str, rules: ImportRules, registry: Registry) -> Decision:
    label = registry.fields["speaker"].label
    speakers = registry.speakers
    slots = _agenda_slots(meeting.value, registry)
    pool = list(dict.fromkeys(name for name, _ in slots)) if slots else list(speakers)
    cue = next((word for key, word in rules.form_cues.items() if key in form), "")
    by_form = [n for n in pool if speakers[n].is_agenda and form.endswith(speakers[n].form)]  # 主持词 is a form of its own (data/speakers.yml)
    if by_form:
        pool, cue = by_form, form
    elif cue:
        # what each speaker does at this meeting (its agenda), or anywhere (the description) when the meeting is not registered
        cued = [n for n in pool if any(cue in item for name, item in slots if name == n)] if slots else [n for n in pool if cue in speakers[n].description]
        pool = cued or pool
    else:  # a 讲话 is not a 主持词
        pool = [n for n in pool if not speakers[n].is_agenda] or pool
    why_pool = (f"“{form}”和会议议程" if cue and slots else f"“{form}”" if cue else "会议议程" if slots else "")
    named = {n: _named(phrase, speakers[n], rules) for n in speakers}
    named = {n: words for n, words in named.items() if words}
    inside = [n for n in named if n in pool]
    if inside or (named and not cue):  # what the title says the speech is outweighs a title word (党组书记 表态)
        best = max(inside or named, key=lambda n: (len(named[n]), -list(speakers).index(n)))
        caveat = "" if best in pool else f"（按{why_pool}，一般是{'、'.join(pool)}）"
        return Decision(best, f"{label}：讲话人一行是“{phrase}”，按其中的“{'、'.join(named[best])}”判断为“{best}”{caveat}，请核对", True)
    if len(pool) == 1 and why_pool:
        line = f"讲话人一行是“{phrase}”，" if phrase else ""
        return Decision(pool[0], f"{label}：{line}按{why_pool}判断为“{pool[0]}”，请核对", True)
    words = speaker_title(phrase, rules)
    if words and not named and NAME.match(words):
        return Decision(words, f"待完成：{label}：讲话人一行是“{phrase}”，登记表里没有对得上的讲话人，照原样写成了“{words}”，没有套用相近的讲话人。"
                               f"{_how_to_register('speaker', words, registry)}", False)
    hits = {n: found for n, found in _text_hits("speaker", text, rules).items() if n in pool}
    if hits:
        best = max(hits, key=lambda n: (len(hits[n]), -pool.index(n)))
        return Decision(best, f"{label}：按正文中的“{'、'.join(dict.fromkeys(hits[best][:3]))}”判断为“{best}”，请核对（可选：{'、'.join(pool)}）", True)
    value = UNDECIDED.format(label=label)
    return Decision(value, f"待完成：{label}：标题和正文里都看不出讲话人，写成了“{value}”：改为以下之一：{'、'.join(pool)}"
                           + ("（这种会议议程里的讲话人）" if slots else "") + "。", False)


def speaker_title(phrase: str, rules: ImportRules) -> str:
    """The speaker's line up to its last title word (区委组织部专项检查组组长 ××× → 区委组织部专项检查组组长),
    without masks; "" when it holds no title word (a name alone, or a mask)."""
    plain = rules.mask.sub("", _plain(phrase))
    ends = [plain.rfind(w) + len(w) for w in rules.speaker_titles if w in plain]
    return plain[: max(ends)] if ends else ""


def speech_form(title: str, rules: ImportRules) -> str:
    """What the title says the speech is (表态发言, 主持词, 讲话…), or ""."""
    for pattern in (rules.title_shape, rules.title_meeting):
        m = pattern.search(title) if title else None
        if m and m.group("form"):
            return m.group("form")
    return ""
