"""Length and speaking time, computed from the model (never typed by hand)."""
from __future__ import annotations

import math

from .model import Section, Variant
from .registry import Registry
from .text import count_chars, fill_examples


def section_chars(section: Section, registry: Registry) -> int:
    return sum(count_chars(fill_examples(line, registry.examples)) for line in section.spoken_lines())


def variant_chars(variant: Variant, registry: Registry) -> int:
    return sum(section_chars(s, registry) for s in variant.sections)


def minutes(chars: int, registry: Registry) -> int:
    rate = int(registry.settings.get("speaking_rate_chars_per_minute", 200))
    return max(1, math.ceil(chars / rate))
