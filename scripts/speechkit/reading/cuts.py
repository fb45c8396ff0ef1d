"""Which parts to cut for a target speaking time, from the 可删 notes of the model.

A `> 可删：…` note under a heading marks the whole part as cuttable; after a paragraph, that
paragraph. For a few round targets below the full length, the plan cuts the largest cuttable
items first (fewest cuts), never a part and a paragraph inside it twice.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..base import count_chars, fill_examples
from .model import CUT_KIND, Block, Section, Variant
from .registry import Registry
from .stats import section_chars, variant_chars

TARGET_MINUTES = (3, 5, 8, 10, 12, 15, 20, 25, 30)
MAX_TARGETS = 3  # the longest targets below the full length: what a drafter is usually asked for


@dataclass(frozen=True)
class Cut:
    section: Section  # the part that is cut, or that holds the cut paragraph
    block: Block | None  # None: the whole part
    chars: int
    why: str  # the text of the 可删 note


@dataclass(frozen=True)
class CutPlan:
    minutes: int
    cuts: tuple[Cut, ...]
    remaining: int  # characters left after the cuts


def cuttable(variant: Variant, registry: Registry) -> list[Cut]:
    out: list[Cut] = []
    for section in variant.all_sections():
        note = next((n for n in section.notes if n.kind == CUT_KIND), None)
        if note is not None:
            out.append(Cut(section, None, section_chars(section, registry), note.text))
            continue  # paragraphs inside a cuttable part go with it
        if any(c.block is None and _contains(c.section, section) for c in out):
            continue
        for block in section.blocks:
            note = next((n for n in block.notes if n.kind == CUT_KIND), None)
            if note is not None:
                out.append(Cut(section, block, count_chars(fill_examples(block.text, registry.examples)), note.text))
    return out


def _contains(outer: Section, inner: Section) -> bool:
    return any(s is inner for s in outer.walk())


def cut_plans(variant: Variant, registry: Registry) -> list[CutPlan]:
    rate = int(registry.settings.get("speaking_rate_chars_per_minute", 200))
    total = variant_chars(variant, registry)
    items = sorted(cuttable(variant, registry), key=lambda c: -c.chars)
    plans: list[CutPlan] = []
    for minutes in sorted((m for m in TARGET_MINUTES if m * rate < total), reverse=True):
        chosen, remaining = [], total
        for cut in items:
            if remaining <= minutes * rate:
                break
            chosen.append(cut)
            remaining -= cut.chars
        if remaining > minutes * rate:
            break  # shorter targets cannot be reached either
        plan = CutPlan(minutes, tuple(sorted(chosen, key=lambda c: (c.section.line, c.block.line if c.block else 0))), remaining)
        if plans and plans[-1].cuts == plan.cuts:
            plans[-1] = plan  # the same cuts reach the shorter target: show only that row
        elif len(plans) == MAX_TARGETS:
            break
        else:
            plans.append(plan)
    return plans
