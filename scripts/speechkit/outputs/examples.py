"""示例 pages: for each meeting type, every template of that meeting filled in for one fictional unit.

Built from the parsed templates and data/filled_examples.yml at build time, so an example can never
drift from its template: change a template and its example changes with it.
"""
from __future__ import annotations

from ..base import PLACEHOLDER, at_level
from ..checking import Corpus
from ..reading import FilledExample, Registry, Section, Variant, minutes, variant_chars
from .render import escape_text, variant_link, with_description

EXAMPLES_URI = "examples"


def example_uri(registry: Registry, example: FilledExample) -> str:
    return f"{EXAMPLES_URI}/{registry.meetings[example.meeting].slug}.md"


def example_variants(corpus: Corpus, example: FilledExample) -> list[Variant]:
    """One template per speaker slot of the meeting, in agenda order; the example's level preferred."""
    chosen: list[Variant] = []
    for slot in corpus.registry.meetings[example.meeting].agenda:
        if slot.speaker is None:
            continue
        fits = [v for v in corpus.variants if v.meta.get("meeting") == example.meeting and v.meta.get("speaker") == slot.speaker]
        fits.sort(key=lambda v: (v.meta.get("level") != example.level, v.is_draft, "简短" in v.title))
        if fits and fits[0] not in chosen:
            chosen.append(fits[0])
    return chosen


def fill(text: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), at_level(text))


def example_values(registry: Registry, example: FilledExample) -> dict[str, str]:
    return registry.examples | example.values


def _section_lines(section: Section, values: dict[str, str]) -> list[str]:
    lines = []
    if section.is_agenda:
        lines += [f"（{escape_text(section.title)}）", "{ .example-label }", ""]
    elif section.heading_is_spoken:
        lines += [f"**{escape_text(fill(section.title, values))}**", ""]
    for block in section.blocks:
        lines += [escape_text(fill(block.text, values)), ""]
    for child in section.children:
        lines += _section_lines(child, values)
    return lines


def example_page(corpus: Corpus, example: FilledExample) -> str:
    registry = corpus.registry
    meeting = registry.meetings[example.meeting]
    values = example_values(registry, example)
    variants = example_variants(corpus, example)
    lines = [f"# 示例：{escape_text(meeting.name)}", ""]
    lines += [f"一次{escape_text(meeting.name)}的全部讲话稿，以虚构的{escape_text(example.unit)}为例填写完整。{escape_text(meeting.when)}", ""]
    lines += ['!!! info "示例是怎么来的"', "",
              "    本页在构建网站时由各篇模板和 `data/filled_examples.yml` 中的填写值自动生成，模板修改后示例随之更新。"
              "示例中的单位、人名、电话、地址均为虚构；起草时请从模板页开始，填写本单位的信息。", ""]
    if not variants:
        lines += ["这类会议还没有模板。", ""]
    for number, variant in enumerate(variants, start=1):
        total = variant_chars(variant, registry)
        lines += [f"## {number}. {escape_text(str(variant.meta.get('speaker', '')))}", ""]
        lines += [f"模板：{variant_link(variant)}（约 {total:,} 字，约 {minutes(total, registry)} 分钟）", "{ .excerpt-source }", ""]
        lines += [f'<div class="speech-example" data-source="{escape_text(variant.slug)}" markdown>', ""]
        for section in variant.sections:
            lines += _section_lines(section, values)
        lines += ["</div>", ""]
    return "\n".join(lines)


def examples_index(corpus: Corpus) -> str:
    registry = corpus.registry
    lines = ["# 示例", "", "每类会议一个示例：为一个虚构单位把这次会议各个环节的讲话稿全部填写完整，看看成稿是什么样子。", ""]
    lines += ["| 会议 | 示例单位 | 包括 |", "|---|---|---|"]
    for example in registry.filled_examples:
        uri = example_uri(registry, example).removeprefix(f"{EXAMPLES_URI}/")
        speakers = "、".join(escape_text(str(v.meta.get("speaker", ""))) for v in example_variants(corpus, example)) or "暂无模板"
        lines.append(f"| [{escape_text(example.meeting)}]({uri}) | {escape_text(example.unit)} | {speakers} |")
    return "\n".join(lines) + "\n"


def example_pages(corpus: Corpus) -> dict[str, str]:
    pages = {f"{EXAMPLES_URI}/index.md": with_description(
        "每类会议一个示例：为一个虚构单位把各个环节的讲话稿全部填写完整，看看成稿是什么样子。", examples_index(corpus))}
    for example in corpus.registry.filled_examples:
        pages[example_uri(corpus.registry, example)] = with_description(
            f"示例：一次{example.meeting}的全部讲话稿，以虚构的{example.unit}为例填写完整。", example_page(corpus, example))
    return pages
