"""Load every variant once, check it, and hand the same model to whoever asks."""
from __future__ import annotations

import difflib
import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..base import ALTERNATIVE_LINK, DATA_DIR, SLUG, SPEECHES_DIR, WARNING, Finding, PatternTimeout, count_chars, sort_findings
from ..reading import (
    DataFileError, PickerHints, Registry, Rulebook, SearchData, Section, Variant, load_picker_hints, load_registry, load_rulebook,
    load_search_data, parse_variant, read_source, scan_docs,
)
from .checks import check_variant
from .place_names import check_example_places
from .similarity import SimilarPair, near_duplicates


@dataclass
class Corpus:
    registry: Registry | None
    variants: list[Variant] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    search: SearchData | None = None  # how the site search ranks and explains (data/search_*.yml)
    picker: PickerHints | None = None  # what the home page's picker says when no template fits (data/template_picker.yml)
    rulebook: Rulebook | None = None  # the draft checker's rules; the fixed formulations are checked here too

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.is_warning]

    @property
    def pending(self) -> list[Finding]:
        """Unfinished parts of drafts: listed, shown on the draft's page, never a failure."""
        return [f for f in self.findings if f.is_pending]

    @functools.cached_property
    def by_uri(self) -> dict[str, Variant]:
        return {v.src_uri: v for v in self.variants}

    @functools.cached_property
    def by_slug(self) -> dict[str, Variant]:
        return {v.slug: v for v in self.variants}

    @functools.cached_property
    def by_role(self) -> dict[str, list[tuple[Variant, Section]]]:
        """Every section (top-level or sub-section) that plays a registered role, in corpus order."""
        found: dict[str, list[tuple[Variant, Section]]] = defaultdict(list)
        for variant in self.variants:
            for section in variant.all_sections():
                role = section.effective_role
                if role in self.registry.roles:
                    found[role].append((variant, section))
        return found


def variant_paths(speeches_dir: Path = SPEECHES_DIR) -> list[Path]:
    """Every published variant; files starting with _ are skeletons and drafts kept out of the site."""
    return sorted(p for p in speeches_dir.glob("*.md") if not p.name.startswith("_") and SLUG.fullmatch(p.stem))


def load_corpus(
    speeches_dir: Path = SPEECHES_DIR,
    data_dir: Path = DATA_DIR,
    progress: Callable[[int, int], None] | None = None,
    *,
    docs_dir: Path | None = None,
) -> Corpus:
    """Check and parse every variant in `speeches_dir`. With `docs_dir`, every other file under it
    is checked against data/docs_layout.yml too (as `make check` and the build do)."""
    try:
        registry = load_registry(data_dir)
        search, picker = load_search_data(data_dir), load_picker_hints(data_dir, registry.fields)
        rulebook = load_rulebook(registry, data_dir)
    except DataFileError as exc:
        return Corpus(registry=None, findings=exc.findings)
    corpus = Corpus(registry=registry, search=search, picker=picker, rulebook=rulebook)
    limits = registry.limits
    contents = scan_docs(docs_dir, speeches_dir, registry.layout, limits)
    corpus.findings += contents.findings
    paths = contents.variants
    try:
        for done, path in enumerate(paths, start=1):
            text, refused = read_source(path, limits)
            if text is None:  # over a limit, another encoding, binary: nothing more is read from it
                corpus.findings += refused
                continue
            variant, findings = parse_variant(path, text, limits=limits)
            corpus.variants.append(variant)
            corpus.findings += check_variant(variant, registry, findings, rulebook)
            registry.tifa_in(variant.spoken_text)  # every 提法 pattern meets every text here, within its time limit
            if progress:
                progress(done, len(paths))
    except PatternTimeout as exc:  # a data pattern that ran out of time: the data file is at fault, not the variant
        return Corpus(registry=None, findings=exc.findings)
    corpus.findings += check_example_places(corpus, data_dir, docs_dir)
    corpus.findings += check_duplicates(corpus)
    corpus.findings += check_alternative_links(corpus)
    corpus.findings += check_meeting_titles(corpus)
    corpus.findings = sort_findings(corpus.findings)
    return corpus


def check_alternative_links(corpus: Corpus) -> list[Finding]:
    """A link in `alternatives:` must point at another published variant (else the strict build
    would fail later, in English)."""
    out = []
    for variant in corpus.variants:
        items = variant.meta.get("alternatives")
        if not isinstance(items, list):
            continue
        lines = variant.meta_item_lines.get("alternatives", [])
        for index, item in enumerate(items):
            line = lines[index] if index < len(lines) else variant.meta_lines.get("alternatives", 1)
            for m in ALTERNATIVE_LINK.finditer(item):
                target = m.group(2)
                if target == variant.slug:
                    out.append(Finding(variant.path, line, f"“何时改用其他模板”链接到了本篇（{target}.md）。", "链接到另一篇模板，或删去这个链接。"))
                elif target not in corpus.by_slug:
                    guess = difflib.get_close_matches(target, [v.slug for v in corpus.variants if v is not variant], n=1, cutoff=0.5)
                    hint = f"是不是 {guess[0]}.md？" if guess else "文件名见 docs/speeches/。"
                    out.append(Finding(variant.path, line, f"“何时改用其他模板”链接的 {target}.md 不存在。", f"改为另一篇已有模板的文件名：{hint}"))
    return out


def meeting_name(title: str, endings: tuple[str, ...]) -> tuple[str, str, str] | None:
    """A 讲话标题 as (“在” or "", the meeting's name, its ending), or None when it ends otherwise."""
    ending = next((e for e in sorted(endings, key=len, reverse=True) if title.endswith(e) and len(title) > len(e)), None)
    if ending is None:
        return None
    start = "在" if title.startswith("在") else ""
    return start, title[len(start) : -len(ending)], ending


def check_meeting_titles(corpus: Corpus) -> list[Finding]:
    """The speeches of one meeting (same meeting, level and kind of 巡察) name it alike in their default
    讲话标题: one that drops “第二” from 【巡察组】 or calls the meeting otherwise makes a pair of printed
    speeches disagree."""
    field = next((f for f in corpus.registry.head.values() if f.endings and f.default_from), None)
    if field is None:
        return []
    groups: dict[tuple[str, str, str], list[tuple[Variant, tuple[str, str, str]]]] = defaultdict(list)
    for variant in corpus.variants:
        title = variant.meta.get(field.default_from)
        parts = meeting_name(title, field.endings) if isinstance(title, str) else None
        if parts:
            groups[(str(variant.meta.get("meeting")), str(variant.meta.get("level")), str(variant.meta.get("kind")))].append((variant, parts))
    out = []
    for (meeting, level, kind), members in groups.items():
        names = Counter(parts[1] for _, parts in members)
        if len(names) < 2:
            continue
        usual, _ = names.most_common(1)[0]  # the most common name; on a tie, the first template's
        other = next(v for v, parts in members if parts[1] == usual)
        for variant, (start, name, ending) in members:
            if name != usual:
                out.append(Finding(variant.path, variant.meta_lines.get(field.default_from, 1),
                                   f"讲话标题里的会议名称“{name}”与同一会议的 {other.path.name}（“{usual}”）不一致，两篇讲话稿印出来会对不上。",
                                   f"写成“{start}{usual}{ending}”；要改会议的叫法，就把{meeting}（{level}，{kind}）的各篇一起改。", WARNING))
    return out


def check_duplicates(corpus: Corpus) -> list[Finding]:
    out = []
    threshold = float(corpus.registry.settings.get("near_duplicate_threshold", 0.5))
    by_slug = corpus.by_slug
    titles: dict[str, Variant] = {}
    for variant in corpus.variants:
        if variant.title in titles:
            other = titles[variant.title]
            out.append(Finding(variant.path, variant.meta_lines.get("title", 1), f"标题与 {other.path.name} 相同。", "改一个能区分两篇的标题（写明会议、层级或讲话人）。"))
        titles.setdefault(variant.title, variant)
    texts = {v.slug: v.spoken_text for v in corpus.variants}
    for pair in similar_pairs(texts, corpus.registry):
        first, second = by_slug[pair.first], by_slug[pair.second]
        if first.is_draft and not second.is_draft:
            first, second = second, first  # the draft is the copy to change, not the published template
        out.append(Finding(
            second.path, second.body_line,
            f"与 {first.path.name} 高度相似（相似度 {pair.similarity:.0%}，上限 {threshold:.0%}），是近似重复的变体。",
            f"不要重复收录同一篇讲话：删去其中一篇，或把差异写成对 {first.path.name} 的修改。",
        ))
    return out


def similar_pairs(texts: dict[str, str], registry: Registry) -> list[SimilarPair]:
    """Near-duplicate pairs among `texts` (key → spoken text), as the checks and the importer judge them.
    Texts shorter than the setting's minimum are left out: two untouched skeletons are not two copies
    of one speech."""
    threshold = float(registry.settings.get("near_duplicate_threshold", 0.5))
    shortest = int(registry.settings.get("near_duplicate_min_chars", 0))
    return near_duplicates({key: text for key, text in texts.items() if count_chars(text) >= shortest}, threshold)
