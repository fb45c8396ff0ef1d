"""How long the speeches of one meeting take, computed from our own templates: the 篇幅与时长 guide
quotes these numbers instead of typing them (it once said 20 and 25 minutes where the templates ran
9 and 15)."""
from __future__ import annotations

from ..reading import minutes, variant_chars
from .examples import example_variants
from .render import escape_text, variant_link


def meeting_times(corpus, *, depth: int) -> str:
    """One row per meeting type: the templates its 示例 (data/filled_examples.yml) fills, in agenda
    order, each with its length and speaking time, and the total of the speeches."""
    registry = corpus.registry
    lines = ["| 会议（示例的层级） | 各环节的讲话稿（按议程先后） | 讲话合计 |", "|---|---|---:|"]
    for example in registry.filled_examples:
        variants = example_variants(corpus, example)
        if not variants:
            continue
        parts, total = [], 0
        for variant in variants:
            chars = variant_chars(variant, registry)
            total += chars
            parts.append(f"{escape_text(str(variant.meta.get('speaker', '')))}：{variant_link(variant, depth=depth)}，"
                         f"约 {chars:,} 字、{minutes(chars, registry)} 分钟")
        lines.append(f"| {escape_text(example.meeting)}（{escape_text(example.level)}） | {'<br>'.join(parts)} | 约 {total:,} 字<br>约 {minutes(total, registry)} 分钟 |")
    return "\n".join(lines) + "\n"
