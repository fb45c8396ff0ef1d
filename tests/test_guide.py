"""The 写作指引 pages: published, in the nav, linked from the home page, with their tables generated
from data/ (meetings, speakers), never typed by hand."""
from __future__ import annotations

import re
from pathlib import Path

from speechkit.base import ROOT
from speechkit.checking import load_corpus

CORPUS = load_corpus()
REGISTRY = CORPUS.registry
GUIDE = ["guide", "guide/writing", "guide/meeting-flow", "guide/tifa", "guide/format", "guide/length"]


def page(site: Path, uri: str) -> str:
    return (site / uri / "index.html").read_text(encoding="utf-8")


def test_guide_pages_are_published_in_the_nav_and_linked_from_home(built_site):
    home = page(built_site, "")
    assert 'href="guide/"' in home
    other = page(built_site, "compare/matrix")  # a page that mentions the guide only through the nav
    assert re.search(r'class="md-nav__link[^"]*"[^>]*>\s*写作指引', other)
    index = page(built_site, "guide")
    for uri in GUIDE[1:]:
        html = page(built_site, uri)
        assert "<h1" in html
        assert f'href="{uri.removeprefix("guide/")}/"' in index, uri


def test_meeting_flow_lists_every_slot_with_how_places_differ(built_site):
    html = page(built_site, "guide/meeting-flow")
    assert "各地做法不同之处" in html
    for meeting in REGISTRY.meetings.values():
        assert f'id="{meeting.slug}"' in html
        for slot in meeting.agenda:
            assert slot.item in html
            if slot.varies:
                assert slot.varies in html
    for variant in CORPUS.variants:
        assert f'href="../../speeches/{variant.slug}/"' in html


def test_length_page_tabulates_each_speakers_range_from_the_registry(built_site):
    html = page(built_site, "guide/length")
    rate = REGISTRY.settings["speaking_rate_chars_per_minute"]
    assert f"每分钟 <strong>{rate}</strong> 字" in html
    for speaker in REGISTRY.speakers.values():
        low, high = speaker.chars
        assert f"{low:,}～{high:,} 字" in html, speaker.name


def test_tifa_guide_links_the_generated_expiry_table(built_site):
    html = page(built_site, "guide/tifa")
    assert 'href="../../compare/tifa/#expiry"' in html
    assert 'id="expiry"' in page(built_site, "compare/tifa")


def test_guide_sources_keep_the_markers_not_copies_of_the_tables():
    """The tables come from data/ at build time; the Markdown holds only the marker."""
    flow = (ROOT / "docs" / "guide" / "meeting-flow.md").read_text(encoding="utf-8")
    length = (ROOT / "docs" / "guide" / "length.md").read_text(encoding="utf-8")
    assert "<!-- md:meeting-flow -->" in flow and "各地做法不同之处 |" not in flow
    assert "<!-- md:speaker-lengths -->" in length and "1,500～6,500" not in length


def test_length_page_quotes_the_templates_own_speaking_times(built_site):
    """The times on 篇幅与时长 come from the templates (issue 16: it once said 20 and 25 minutes
    where the templates ran 9 and 15); the Markdown holds only the marker."""
    from speechkit.outputs import example_variants, meeting_times
    from speechkit.reading import minutes, variant_chars

    source = (ROOT / "docs" / "guide" / "length.md").read_text(encoding="utf-8")
    assert "<!-- md:meeting-times -->" in source and not re.search(r"约\s*\d+\s*分钟", source)
    table = meeting_times(CORPUS, depth=1)
    html = page(built_site, "guide/length")
    for example in REGISTRY.filled_examples:
        for variant in example_variants(CORPUS, example):
            chars = variant_chars(variant, REGISTRY)
            assert f"约 {chars:,} 字、{minutes(chars, REGISTRY)} 分钟" in table, variant.slug
            assert f'href="../../speeches/{variant.slug}/"' in html
    secretary = variant_chars(CORPUS.by_slug["district-deployment-secretary"], REGISTRY)
    assert f"约 {secretary:,} 字、{minutes(secretary, REGISTRY)} 分钟" in html
