"""Length and speaking time, computed from the model (never typed by hand)."""
from __future__ import annotations

import math

from ..base import count_chars, fill_examples
from .model import Section, Variant
from .registry import Registry


def section_chars(section: Section, registry: Registry) -> int:
    """Characters spoken in a section, placeholders counted as their examples; computed once."""
    if section.chars is None:
        examples = registry.examples
        own = [section.title] if section.heading_is_spoken else []
        own += [block.text for block in section.blocks]
        section.chars = sum(count_chars(fill_examples(line, examples)) for line in own)
        section.chars += sum(section_chars(child, registry) for child in section.children)
    return section.chars


def variant_chars(variant: Variant, registry: Registry) -> int:
    return sum(section_chars(s, registry) for s in variant.sections)


def minutes(chars: int, registry: Registry) -> int:
    rate = int(registry.settings.get("speaking_rate_chars_per_minute", 200))
    return max(1, math.ceil(chars / rate))
