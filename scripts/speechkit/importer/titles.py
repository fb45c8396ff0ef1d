"""The lines above a speech: its title, the speaker's line (区住建局党组书记　×××, a date) and the
salutation. On a page that lost its line breaks they run straight into the first paragraph
(“在……上的表态发言区住建局党组书记×××尊敬的……同志们：按照区委统一部署……”): the title is found by
its shape (data/import.yml title_shape), the salutation by its own, and what stands between them is
the speaker's line. The title goes into the front matter, the speaker's line is read for the speaker
and not spoken, the salutation opens the speech.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..reading import ImportRules
from .junk import Line

MAX_SPEAKER_BEFORE_TITLE = 40  # “区委副书记、巡察工作领导小组组长×××在……”
SENTENCE = re.compile(r"[。！？；]")
SUBTITLE_DASH = re.compile(r"^.*[—–―]{1,2}\s*")  # 凝心聚力抓整改——在……上的讲话: the dash opens the subtitle


@dataclass
class Head:
    """What was found above the speech; `notes` say it in the report."""

    title: str = ""  # as written, before clean_title
    speaker: str = ""  # the speaker's line, or the words before 在 in the title
    body: list[Line] = field(default_factory=list)  # the speech from its salutation on
    notes: list[str] = field(default_factory=list)


def title_speaker(title: str, rules: ImportRules) -> str:
    """The words before 在 in a title of the usual shape (区委副书记×××在……上的讲话), else ""."""
    m = rules.title_shape.search(title)
    if not m or m.start() > MAX_SPEAKER_BEFORE_TITLE:
        return ""
    return SUBTITLE_DASH.sub("", title[: m.start()]).strip(" 　")


def split_run_in(line: Line, rules: ImportRules) -> Head | None:
    """Title, speaker and salutation run into the first paragraph, split off; None if `line` does not
    start with a title of the usual shape followed by more text."""
    text = line.text
    m = rules.title_shape.search(text)
    if not m or m.start() > MAX_SPEAKER_BEFORE_TITLE:  # no 在……上的: a meeting's name and a form (……动员会主持词) at the start
        m = rules.title_meeting.match(text)
        m = m if m and m.group("form") else None
    if not m or SENTENCE.search(text[: m.end()]) or m.end() == len(text.rstrip()):
        return None
    title, rest = text[: m.end()], text[m.end():].lstrip(" 　")
    head = Head(title=title, speaker=title_speaker(title, rules))
    salutation = rules.salutation.search(rest[: rules.max_speaker_line_chars + 60])
    between = rest[: salutation.start()] if salutation else ""
    if salutation and (len(between) > rules.max_speaker_line_chars or SENTENCE.search(between)):
        salutation, between = None, ""
    if between:
        between = _speaker_line(between, rules, head, line.number)
        head.speaker = " ".join(part for part in (head.speaker, between) if part)
    body_text = rest[salutation.start():] if salutation else rest
    said = f"标题“{title}”" + (f"、讲话人“{between}”" if between else "") + (f"、称呼“{salutation.group(0)}”" if salutation else "")
    head.notes.append(f"原文第 {line.number} 行的标题和正文连在一起（网页丢了换行），分出了{said}：标题写进头部的 title，"
                      + ("讲话人一行用来判断讲话人、不写进正文，" if between else "") + "正文从" + ("称呼" if salutation else "标题后面") + "开始，请核对")
    if salutation:
        head.body = [Line(line.number, salutation.group(0)), Line(line.number, rest[salutation.end():].lstrip(" 　"))]
    else:
        head.body = [Line(line.number, body_text)]
    head.body = [part for part in head.body if part.text]
    return head


def speaker_lines(body: list[Line], rules: ImportRules, head: Head) -> list[Line]:
    """Short lines between the title and the salutation (the speaker, a date) taken out of the speech."""
    taken = 0
    for line in body[:3]:
        if rules.salutation.match(line.text) or line.text.startswith("同志们"):
            break
        if len(line.text) > rules.max_speaker_line_chars or SENTENCE.search(line.text) or re.match(r"^[一二三四五六七八九十（(\d]", line.text):
            return body
        taken += 1
    else:
        return body  # no salutation follows: these are the speech's first lines
    for line in body[:taken]:
        rest = _speaker_line(line.text, rules, head, line.number)
        if rest:
            head.speaker = " ".join(part for part in (head.speaker, rest) if part)
            head.notes.append(f"原文第 {line.number} 行“{line.text}”是讲话人一行：用来判断讲话人，不写进正文")
    return body[taken:]


def salutation_apart(body: list[Line], rules: ImportRules, head: Head) -> list[Line]:
    """“同志们：今天召开……” as two paragraphs: the salutation stands on its own line in a speech."""
    m = rules.salutation.match(body[0].text) if body else None
    if not m or not body[0].text[m.end():].strip():
        return body
    first = body[0]
    head.notes.append(f"原文第 {first.number} 行的称呼“{m.group(0)}”和第一段连在一起，分成了两段")
    return [Line(first.number, m.group(0)), Line(first.number, first.text[m.end():].lstrip(" 　"))] + body[1:]


def _speaker_line(text: str, rules: ImportRules, head: Head, number: int) -> str:
    """The speaker's line without its date (the date is said in the report, not kept)."""
    date = rules.speech_date.search(text)
    if date:
        head.notes.append(f"原文第 {number} 行的日期“{date.group(0).strip()}”是讲话的日期，没有写进正文：讲话稿抬头的日期在网页上填写")
        text = text[: date.start()] + text[date.end():]
    return text.strip(" 　—-（）()")
