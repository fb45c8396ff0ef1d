"""Find a speech's outline: 一、 headings (also glued to their paragraph, or with the 、 dropped),
（一） sub-headings, and the 同志们 paragraph that closes it. Numbering written the way sites write
it (一. (一) 1、 (1)) is normalised to GB/T 9704 first; the parser then reads the result as usual.
"""
from __future__ import annotations

import re

from ..base import CN_DIGITS, cn_number
from .pieces import Outline, Para, Part
from ..reading import ImportRules

CN = f"[{CN_DIGITS}]+"
LEVEL1 = re.compile(rf"^({CN})、")
LEVEL2 = re.compile(rf"^（({CN})）")
SENTENCE_END = re.compile(r"[。！？；]")
DROPPED = re.compile(rf"^({CN})(?=[\u4e00-\u9fff])")
MARKER_FORMS = (  # (pattern, replacement): how sites write the four levels
    (re.compile(r"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*"), r"（\1）"),
    (re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*"), r"（\1）"),
    (re.compile(r"^(\d{1,2})\s*[、．.](?!\d)\s*"), r"\1."),
)


def normalise_markers(paras: list[Para], rules: ImportRules) -> int:
    """Rewrite 一. / (一) / 1、 / (1) at a paragraph's start as 一、 （一） 1. （1）; count the changes."""
    level1 = re.compile(rf"^({CN})\s*{rules.level1_separators.pattern}+\s*(?=\S)")
    changed = 0
    for para in paras:
        text = para.text
        m = level1.match(text)
        if m and not text.startswith(m.group(1) + "、") and not rules.not_headings.match(text) and cn_number(m.group(1)):
            text = f"{m.group(1)}、{text[m.end():]}"
        for pattern, replacement in MARKER_FORMS:
            text = pattern.sub(replacement, text, count=1)
        if text != para.text:
            changed += 1
            para.text = text
    return changed


def restore_dropped_separators(paras: list[Para], rules: ImportRules) -> None:
    """一提高站位… 二强化自觉… (the site dropped the 、): only a run 一, 二, 三… in order counts."""
    if any(LEVEL1.match(p.text) for p in paras):
        return
    run, want = [], 1
    for para in paras:
        m = DROPPED.match(para.text)
        if m and not rules.not_headings.match(para.text) and cn_number(m.group(1)) == want:
            run.append((para, m.group(1)))
            want += 1
    if len(run) < 2:
        return
    for para, numeral in run:
        para.text = f"{numeral}、{para.text[len(numeral):]}"
        para.notes.append(f"这一行以“{numeral}”开头、后面没有“、”，按一级标题处理，补上了“、”。不是标题时删去“、”并把它并入上一部分。")


def split_heading(text: str, rules: ImportRules) -> tuple[str, str, str]:
    """(heading, rest, how) for a 一、 line; `rest` is the paragraph a site glued to the heading.
    `how` is "" for a clean heading, else a note for the report."""
    marker = LEVEL1.match(text).group(0)
    body = text[len(marker):]
    limit = rules.max_heading_chars
    if len(body) <= limit and not SENTENCE_END.search(body[:-1]):
        return marker + body.rstrip("。！？；"), "", ""
    m = SENTENCE_END.search(body)
    if m and m.start() <= limit:
        return marker + body[: m.start()], body[m.end():], "标题和正文连在一起，在标题后的句号处断开了"
    cut = _subject_cut(body, rules)
    if cut:
        return marker + body[:cut], body[cut:], f"标题和正文连在一起，在正文第一句的开头前断开了（“{body[cut - 4:cut]}|{body[cut:cut + 5]}”），请核对"
    for i in range(4, min(limit, len(body) - 2) + 1):
        head, tail = body[:i], body[i:]
        if head.endswith(rules.heading_endings) and tail.startswith(rules.paragraph_openings):
            return marker + head, tail, f"标题和正文连在一起，在“{head[-4:]}|{tail[:4]}”处断开了，请核对"
    split = _parallel_split(body, rules)
    if split:
        return marker + body[:split], body[split:], f"标题和正文连在一起，按标题前后两句字数相近断在“{body[split - 4:split]}|{body[split:split + 4]}”，请核对"
    return marker + body, "", "这个标题很长，可能和正文连在了一起，但找不到断开的位置：请手工把正文移到标题下面"


MIN_HEADING = 6  # a heading shorter than this is not a heading (明确这次巡察…: 这次巡察 is not a subject there)
BINDING = "的地得之和与及"  # a heading does not end on a particle that binds it to what follows


def _subject_cut(body: str, rules: ImportRules) -> int | None:
    """Where the paragraph's first sentence starts with a subject (巡视巡察是, 我们要, 这次巡察…):
    the first such place after a heading-long start, preferring one after a heading's usual ending."""
    limit = min(rules.max_heading_chars, len(body) - 2)
    starts = [i for i in range(MIN_HEADING, limit + 1) if body[i:].startswith(rules.sentence_subjects)]
    covered = {j for i in starts for j in range(i + 1, i + max(len(w) for w in rules.sentence_subjects if body[i:].startswith(w)))}
    places = [i for i in starts if i not in covered and body[i - 1] not in BINDING + "，、："  # 巡视巡察是, not 巡察是 in it
              and not body[i + max(len(w) for w in rules.sentence_subjects if body[i:].startswith(w)):].startswith(BINDING[0])]  # 本轮巡察的意义: not a subject
    # 重要意义|开展巡察是: the sentence starts with an opening word (开展) before the subject
    places = [i - len(w) if (w := next((w for w in rules.paragraph_openings if body[:i].endswith(w) and body[: i - len(w)].endswith(rules.heading_endings)), "")) else i
              for i in places]
    ending = [i for i in places if body[:i].endswith(rules.heading_endings)]
    return (ending or places or [None])[0]


def _parallel_split(body: str, rules: ImportRules) -> int | None:
    """For “A，B” headings: end B where it is about as long as A and ends like a heading."""
    comma = body.find("，")
    if not 4 <= comma <= 16:
        return None
    first = comma
    best = None
    for end in range(comma + 1 + max(3, first - 3), min(len(body) - 2, comma + 1 + first + 6) + 1):
        if body[:end].endswith(rules.heading_endings):
            best = end
    return best


def _is_subheading(text: str, rules: ImportRules) -> bool:
    return bool(LEVEL2.match(text)) and len(text) <= rules.max_heading_chars + 4 and not SENTENCE_END.search(text)


def build_outline(paras: list[Para], rules: ImportRules) -> Outline:
    outline = Outline()
    if not any(LEVEL1.match(p.text) for p in paras) and sum(_is_subheading(p.text, rules) for p in paras) >= 2:
        for para in paras:  # the speech numbers its parts （一）（二）: they are its top level
            if _is_subheading(para.text, rules):
                numeral = LEVEL2.match(para.text).group(1)
                para.text = f"{numeral}、{para.text[LEVEL2.match(para.text).end():]}"
        outline.notes.append("原文没有“一、”级标题，把单独成行的“（一）”“（二）”……当作一级标题，改成了“一、”“二、”……")
    agenda = _agenda_items(paras, rules)
    part: Part | None = None
    child: Part | None = None
    for para in paras:
        if id(para) in agenda:  # a 主持词: each agenda item is a part, its heading a label
            part, child = Part(agenda[id(para)], role=rules.agenda_role), None
            outline.parts.append(part)
            part.paras.append(para)
        elif LEVEL1.match(para.text):
            heading, rest, how = split_heading(para.text, rules)
            head = Para(heading, para.line, list(para.notes))
            if how:
                head.notes.append(how)
            part, child = Part(head), None
            outline.parts.append(part)
            if rest:
                part.paras.append(Para(rest, para.line))
        elif part is None:
            outline.opening.append(para)
        elif _is_subheading(para.text, rules):
            child = Part(para)
            part.children.append(child)
        else:
            (child or part).paras.append(para)
    if not outline.parts:
        outline.notes.append("没有找到“一、”“二、”……这样的一级标题：全文暂时都放在“开场”里，请按讲话的层次加上 ## 一级标题。")
        for index in range(len(outline.opening) - 1, 0, -1):  # the 结束语 still closes the speech
            if rules.closing.match(outline.opening[index].text):
                outline.closing = outline.opening[index:]
                del outline.opening[index:]
                break
        return outline
    if agenda:
        outline.notes.append("按“第一项”“第二项”……议程把全文当作主持词分成部分，标题写成“第一项：……”，请把标题改成简短的议程名称。")
    _move_closing(outline, rules)
    return outline


def _agenda_items(paras: list[Para], rules: ImportRules) -> dict[int, Para]:
    """For a 主持词 without 一、 headings: paragraphs that open agenda items 第一项, 第二项… in order,
    each with the heading to write above it (id of the paragraph → heading)."""
    if any(LEVEL1.match(p.text) for p in paras):
        return {}
    found, want = {}, 1
    for para in paras:
        m = rules.agenda.search(para.text)
        if m and cn_number(m.group(1)) == want:
            label = rules.agenda_noise.sub("", m.group(2)).strip("，,：: ") or "（议程名称）"
            found[id(para)] = Para(f"第{m.group(1)}项：{label[:20]}", para.line, ["议程标题由这一段推出，请改成简短的议程名称"])
            want += 1
    return found if len(found) >= 2 else {}


def _move_closing(outline: Outline, rules: ImportRules) -> None:
    """The last paragraph that opens like a 结束语 (同志们，… 现在散会) and all after it are the 结束语."""
    last = outline.parts[-1]
    holder = last.children[-1] if last.children and last.children[-1].paras else last
    for owner in (holder, last):
        for index in range(len(owner.paras) - 1, -1, -1):
            if rules.closing.match(owner.paras[index].text) and not (owner is last and index == 0 and last.role == rules.agenda_role):
                outline.closing = owner.paras[index:]
                del owner.paras[index:]
                return
    final = holder.paras[-1] if holder.paras else None
    ends = [m.end() for m in SENTENCE_END.finditer(final.text) if rules.closing.match(final.text[m.end():])] if final else []
    if ends:  # the 结束语 ran into the last paragraph: “……作表态发言。同志们，刚才……现在散会。”
        final.text, rest = final.text[: ends[0]], final.text[ends[0]:]
        outline.closing = [Para(rest, final.line, ["结束语和上一段连在一起，从“同志们”起分出来作为结束语，请核对"])]
        return
    outline.notes.append("没有找到以“同志们，”开头的结束语：请在最后写一段结束语，放在“## 结束语”下面。")


def suggest_role(part: Part, rules: ImportRules) -> tuple[str | None, str]:
    """The registered role whose keywords score highest (in the heading 3, in the body 1), and why."""
    body = "".join(p.text for p in part.all_paras()[1:])
    scores = []
    for role, words in rules.role_keywords.items():
        # distinct words, so that one phrase repeated all through a part cannot outvote its heading
        found = [w for w in words if w in part.heading.text or w in body]
        score = sum(3 * (w in part.heading.text) + (w in body) for w in words)
        if score:
            scores.append((score, role, found))
    if not scores:
        return None, "没有找到能判断作用的词：请从 data/roles.yml 里选一个作用，写在标题末尾的 <!-- role: 作用 --> 里"
    scores.sort(key=lambda item: -item[0])
    score, role, found = scores[0]
    others = "、".join(f"“{r}”" for _, r, _ in scores[1:3])
    why = f"建议作用“{role}”（依据：{'、'.join(found[:4])}）" + (f"，也可能是{others}" if others else "") + "，请核对"
    return role, why
