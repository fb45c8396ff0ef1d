"""From a raw speech to draft variants: read, clean, split, outline, unmask, write, then check the
drafts with the project's own parser and checks, so the report lists exactly what `make check` will.

`convert` is pure (text in, drafts and report out); `import_file` reads the source and writes the files.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from ..base import sort_findings, to_cn
from ..checking import check_variant, similar_pairs
from ..reading import ImportRules, Registry, parse_variant
from .articles import Article, split_articles
from .decode import Source, read_source
from .formulations import doubtful_formulations, restore_formulations
from .drafts import Conversion, Draft
from .header import front_matter
from .junk import Removed, clean_characters, printable, source_lines, strip_junk
from .masks import merge_doubled, resolve_masks
from .outline import build_outline, normalise_markers, restore_dropped_separators, suggest_role
from .pieces import Para
from .punctuation import full_width
from .report import report_markdown
from .runin import split_run_in_agenda, split_run_in_points
from .scaffold import unique_title
from .spacing import SpacingReport, break_run_on_lines, fix_spacing, join_wrapped_lines
from .writer import draft_markdown, safe_text, write_all

Progress = Callable[[str], None]


def _draft(article: Article, registry: Registry, rules: ImportRules, today: dt.date, source_name: str) -> Draft:
    paras = [Para(line.text, line.number) for line in article.lines if line.text]
    paras, run_in = split_run_in_points(paras, rules)
    paras, agenda = split_run_in_agenda(paras, rules)
    markers = normalise_markers(paras, rules)
    punctuation = 0
    for para in paras:
        para.text, changed = full_width(para.text, rules)
        punctuation += changed
    restore_dropped_separators(paras, rules)
    outline = build_outline(paras, rules)
    for para in outline.all_paras():
        para.text, notes = resolve_masks(para.text, rules, registry)
        para.text, restored = restore_formulations(para.text, rules)
        para.text, doubled = merge_doubled(para.text, rules)
        para.notes += notes + restored + doubled + doubtful_formulations(para.text, rules)
    for part in outline.parts:
        if part.role is None:  # agenda items of a 主持词 come with theirs
            part.role, why = suggest_role(part, rules)
            part.heading.notes.append(why)
    text = "\n".join([article.raw_title] + [p.text for p in outline.all_paras()])
    title = safe_text(full_width(article.title, rules)[0])
    meta, header_notes = front_matter(title, article.raw_title, article.speaker, text, rules, registry, today)
    header_notes = article.notes + header_notes
    counts = []
    if run_in:
        counts.append(f"段落里接排的编号另起一段 {run_in} 处")
    if agenda:
        counts.append(f"段落里接排的议程另起一段 {agenda} 处")
    if punctuation:
        counts.append(f"半角标点改成全角 {punctuation} 处")
    if markers:
        counts.append(f"编号写法改成“一、（一）1.（1）”{markers} 处")
    comment = f"草稿：由 make import 从“{source_name}”导入（{today.isoformat()}），核对清单见同一文件夹里的导入报告。"
    draft = Draft(article, title, meta, outline, header_notes, counts, comment)
    draft.markdown = draft_markdown(meta, outline, comment)  # final once the title is settled (convert)
    return draft


def convert(text: str, source_name: str, encoding: str, registry: Registry, rules: ImportRules, *,
            existing: dict[str, str] | None = None, taken_titles: set[str] | None = None,
            today: dt.date | None = None, progress: Progress | None = None,
            source: Source | None = None) -> Conversion:
    """Drafts (not yet named) for every distinct article in `text`; nothing is written. `source` is
    the file as read, when there is one: what reading it set aside goes into the report too."""
    say = progress or (lambda message: None)
    today = today or dt.date.today()
    source_name = printable(source_name)  # a file name reaches the draft's header and the terminal: no raw controls
    removed: list[Removed] = list(source.removed) if source else []
    spacing = SpacingReport()
    lines = clean_characters(source_lines(text), rules, removed)
    lines = strip_junk(lines, rules, removed)
    say(f"删除网页杂项 {len(removed)} 处。")
    lines = break_run_on_lines(join_wrapped_lines(fix_spacing(lines, rules, spacing), spacing), rules, spacing)
    found = split_articles(lines, rules, removed)
    articles = found[: rules.max_articles]
    say(f"共 {len(found)} 篇。" if len(found) > 1 else "这是一篇讲话稿。")
    drafts = [_draft(a, registry, rules, today, source_name) for a in articles if a.lines]
    skipped = [(a, f"第{to_cn(a.number)}篇没有正文。") for a in articles if not a.lines]
    skipped += [(a, f"第{to_cn(a.number)}篇没有处理：一次最多导入 {rules.max_articles} 篇（data/import.yml 的 max_articles），其余的拆成另一个文件再导入。")
                for a in found[rules.max_articles:]]
    drafts, dupes = _distinct(drafts, existing or {}, registry)
    skipped += dupes
    for message in (why for _, why in dupes):
        say(message)
    taken = set(taken_titles or ())
    for draft in drafts:
        fallback = f"{draft.meta['meeting']}讲话（{draft.meta['speaker']}，导入稿）" if draft.meta['meeting'] in registry.meetings and draft.meta['speaker'] in registry.speakers else "导入的讲话稿"
        draft.title = unique_title(draft.title or fallback, taken)
        taken.add(draft.title)
        draft.meta["title"] = draft.title
        draft.markdown = draft_markdown(draft.meta, draft.outline, draft.comment)
    return Conversion(source_name, encoding, removed, spacing, found, drafts, skipped, notes=list(source.notes) if source else [])


def _distinct(drafts: list[Draft], existing: dict[str, str], registry: Registry) -> tuple[list[Draft], list[tuple[Article, str]]]:
    """Leave out an article that repeats an earlier one, or an existing variant (the checks' similarity)."""
    texts = dict(existing)
    keyed = {f"\x00{d.article.number}": d for d in drafts}  # keys no variant slug can take
    for key, draft in keyed.items():
        texts[key] = parse_variant(Path("draft.md"), draft.markdown)[0].spoken_text
    dropped: dict[str, str] = {}
    for pair in similar_pairs(texts, registry):
        a, b = pair.first, pair.second
        if a in keyed and b in keyed:
            earlier, later = sorted((keyed[a], keyed[b]), key=lambda d: d.article.number)
            key = f"\x00{later.article.number}"
            if key not in dropped and f"\x00{earlier.article.number}" not in dropped:
                dropped[key] = (f"第{to_cn(later.article.number)}篇与第{to_cn(earlier.article.number)}篇高度相似（相似度 {pair.similarity:.0%}），"
                                f"是同一篇讲话，只生成第{to_cn(earlier.article.number)}篇的草稿。")
        elif a in keyed or b in keyed:
            key, slug = (a, b) if a in keyed else (b, a)
            dropped.setdefault(key, f"第{to_cn(keyed[key].article.number)}篇与已有的模板 {slug}.md 高度相似（相似度 {pair.similarity:.0%}），"
                                    f"没有生成草稿：要改进那一篇，直接修改 docs/speeches/{slug}.md。")
    kept = [d for key, d in keyed.items() if key not in dropped]
    return kept, [(keyed[key].article, why) for key, why in dropped.items()]


def name_files(conversion: Conversion, out_dir: Path, base: str | None) -> None:
    """Give each draft its file under `out_dir`, and the report its name; an existing name is never reused."""
    stamp = base or f"imported-{dt.date.today():%Y%m%d}"
    n = 1
    while base is None and _taken(out_dir, stamp, len(conversion.drafts)):  # an earlier import's names stay
        n += 1
        stamp = f"imported-{dt.date.today():%Y%m%d}-{n}"
    names = [stamp] if len(conversion.drafts) == 1 else [f"{stamp}-{i}" for i in range(1, len(conversion.drafts) + 1)]
    for draft, name in zip(conversion.drafts, names):
        draft.path = out_dir / f"{name}.md"
    conversion.report_path = out_dir / f"_{stamp}-report.md"


def _taken(out_dir: Path, stamp: str, count: int) -> bool:
    names = [stamp] if count == 1 else [f"{stamp}-{i}" for i in range(1, count + 1)]
    return (out_dir / f"_{stamp}-report.md").exists() or any((out_dir / f"{n}.md").exists() for n in names)


def check_drafts(conversion: Conversion, registry: Registry) -> None:
    """Parse each draft back with the project's parser and run the checks on it, as `make check` will."""
    for draft in conversion.drafts:
        variant, findings = parse_variant(draft.path, draft.markdown)
        draft.findings = sort_findings(check_variant(variant, registry, findings))


def draft_files(conversion: Conversion) -> dict[Path, str]:
    """Every file an import writes: the drafts and the report (named by `name_files`)."""
    out = {d.path: d.markdown for d in conversion.drafts}
    out[conversion.report_path] = report_markdown(conversion)
    return out


def import_file(source: Path, out_dir: Path, registry: Registry, rules: ImportRules, *,
                existing: dict[str, str], taken_titles: set[str], name: str | None = None,
                progress: Progress | None = None) -> Conversion:
    """Read `source`, write its drafts and the report into `out_dir` (all or nothing) and return them."""
    say = progress or (lambda message: None)
    read = read_source(source, rules)
    say(f"已读取 {printable(source.name)}（{read.encoding}，{len(read.text):,} 字符）。")
    for note in read.notes:
        say(note)
    conversion = convert(read.text, source.name, read.encoding, registry, rules, existing=existing, taken_titles=taken_titles, progress=say,
                         source=read)
    name_files(conversion, out_dir, name)
    check_drafts(conversion, registry)
    write_all(draft_files(conversion))
    return conversion
