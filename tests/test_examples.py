"""示例 pages are generated from the templates and data/filled_examples.yml, never hand-made."""
from __future__ import annotations

import re

from speechkit.base import PLACEHOLDER
from speechkit.checking import load_corpus
from speechkit.outputs import example_page, example_pages, example_values, example_variants

CORPUS = load_corpus()
REGISTRY = CORPUS.registry


def test_one_example_per_meeting_type_with_every_slot_that_has_a_template():
    assert {e.meeting for e in REGISTRY.filled_examples} == set(REGISTRY.meetings)
    for example in REGISTRY.filled_examples:
        chosen = example_variants(CORPUS, example)
        speakers = [v.meta["speaker"] for v in chosen]
        for slot in REGISTRY.meetings[example.meeting].agenda:
            has_template = any(v.meta["meeting"] == example.meeting and v.meta["speaker"] == slot.speaker for v in CORPUS.variants)
            assert (slot.speaker in speakers) == has_template, (example.meeting, slot.speaker)


def test_examples_leave_no_placeholder_and_use_the_example_values():
    for example in REGISTRY.filled_examples:
        page = example_page(CORPUS, example)
        assert not PLACEHOLDER.search(page) and "【" not in page and "】" not in page, example.meeting
        values = example_values(REGISTRY, example)
        for variant in example_variants(CORPUS, example):
            for line in variant.spoken_lines():
                for name in PLACEHOLDER.findall(line):
                    assert values[name] in page


def test_example_text_follows_its_template():
    """Change a template and its example changes with it: the example is the template's own text."""
    corpus = load_corpus()  # a corpus of its own: this test edits a paragraph of the model
    example = next(e for e in corpus.registry.filled_examples if example_variants(corpus, e))
    variant = example_variants(corpus, example)[0]
    first = next(b for s in variant.all_sections() for b in s.blocks if len(b.text) > 40)
    values = example_values(corpus.registry, example)
    filled = PLACEHOLDER.sub(lambda m: values[m.group(1)], first.text)
    assert re.sub(r"\\(.)", r"\1", example_page(corpus, example)).count(filled) == 1
    first.text = "这一段在测试里改过了。"
    assert "这一段在测试里改过了。" in example_page(corpus, example)


def test_example_pages_are_listed_and_published(built_site):
    pages = example_pages(load_corpus())
    assert "examples/index.md" in pages
    for uri in pages:
        assert (built_site / uri.removesuffix(".md").removesuffix("index") / "index.html").exists(), uri


def test_picker_lists_each_meetings_templates_in_agenda_order():
    from speechkit.outputs import variant_picker

    table = variant_picker(CORPUS, depth=0)
    for meeting in REGISTRY.meetings.values():
        section = table.split(f"### {meeting.name}")[1].split("### ")[0]
        order = [s.speaker for s in meeting.agenda if s.speaker]
        listed = [row.split(" | ")[0].removeprefix("| ") for row in section.splitlines() if row.startswith("| ") and "**" in row]
        positions = [order.index(speaker) for speaker in listed]
        assert positions == sorted(positions), (meeting.name, listed)
