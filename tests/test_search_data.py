"""The search's data (data/search_*.yml), the picker's hints (data/template_picker.yml) and what the
build writes from them: broken data is refused with file, line and fix, by `make check` and the build
alike; the word list is jieba's dictionary restricted to our text; the index carries what the worker
ranks with, and nothing of it is loaded with a page."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from speechkit.base import DATA_DIR, ROOT
from speechkit.checking import load_corpus
from speechkit.outputs import ask_url, page_kind
from speechkit.reading import DataFileError, load_picker_hints, load_registry, load_search_data

sys.path.insert(0, str(ROOT / "scripts"))
import update_search_words  # noqa: E402


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_the_data_loads():
    search = load_search_data(DATA_DIR)
    assert ("区委", "县委", "市委", "旗委") in search.synonyms and search.broader["县委"] == "党委"
    assert {"表态", "表态发言"} <= {w for g in search.synonyms for w in g}
    assert "范文" in search.stop_words and "局" in search.unit_suffixes
    assert len(search.words) > 1000
    hints = load_picker_hints(DATA_DIR, load_registry().fields)
    assert set(hints.levels) == set(load_registry().fields["level"].choices)


def _refused(data: Path, file: str, old: str, new: str, *, said: str) -> None:
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text, (file, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    with pytest.raises(DataFileError) as raised:  # the file's schema (read with the registry) or the loader
        registry = load_registry(data)
        load_search_data(data) if file.startswith("search_") else load_picker_hints(data, registry.fields)
    finding = raised.value.finding
    assert finding.path == path and finding.line == line and said in finding.message and finding.fix, finding
    corpus = load_corpus(ROOT / "docs" / "speeches", data)  # `make check` and the build report it the same way
    assert corpus.registry is None and corpus.findings == [finding]


def test_a_word_in_two_synonym_groups_is_refused(data):
    _refused(data, "search_synonyms.yml", "  - [表态发言, 表态]", "  - [表态发言, 表态, 区委]", said="都有")


def test_a_synonym_group_of_one_word_is_refused(data):
    _refused(data, "search_synonyms.yml", "  - [简短版, 短版, 精简版]", "  - [简短版]", said="两个以上")


def test_a_word_broader_than_itself_is_refused(data):
    _refused(data, "search_synonyms.yml", "  县委: 党委", "  县委: 县委", said="不相同")


def test_an_unknown_code_in_a_message_is_refused(data):
    _refused(data, "search_ranking.yml", "  found: 找到 {count} 个页面", "  found: 找到 {pages} 个页面", said="{pages}")


def test_a_weight_that_is_not_a_number_is_refused(data):
    _refused(data, "search_ranking.yml", "synonym: 0.7", "synonym: 很低", said="synonym")


def test_a_link_outside_docs_is_refused(data):
    _refused(data, "search_ranking.yml", "  picker: index.md#pick", "  picker: https://example.org/", said="links")


def test_a_word_list_with_a_word_too_long_is_refused(data):
    _refused(data, "search_words.yml", "  一一 ", "  " + "一" * 30 + " ", said="不是一个词")


def test_a_level_without_a_hint_is_refused(data):
    _refused(data, "template_picker.yml", "  市级: ", "  市级别: ", said="市级")


def test_word_list_is_jiebas_dictionary_restricted_to_our_text():
    words, _ = update_search_words.dictionary_words()
    listed = load_search_data(DATA_DIR).words
    assert list(listed) == sorted(set(listed))
    assert set(listed) <= set(words)
    assert all(update_search_words.SHORTEST <= len(w) <= update_search_words.LONGEST for w in listed)
    assert {"组长", "讲话", "主持词", "表态"} <= set(listed)


def test_word_list_generator_keeps_the_words_of_the_text_only():
    found = update_search_words.words_in("反馈会上组长讲话。", ["组长", "讲话", "反馈", "美食", "长讲", "a b"])
    assert found == sorted(["反馈", "组长", "讲话", "长讲"])


def test_ask_link_goes_to_the_issue_form_or_the_contributing_page():
    assert ask_url("https://github.com/example/xuncha/", 0).startswith("https://github.com/example/xuncha/issues/new?template=new-variant.yml&")
    assert ask_url("", 1) == "../contributing/index.md#new-variant"
    for hostile in ('https://x.org/a") onclick="alert(1)', "javascript:alert(1)", "https://x.org/a b", "https://x.org/(a)"):
        assert ask_url(hostile, 0) == "contributing/index.md#new-variant", hostile


def test_page_kinds():
    assert page_kind(is_variant=True, generated=False, source="") == "template"
    assert page_kind(is_variant=False, generated=True, source="") == "generated"
    assert page_kind(is_variant=False, generated=False, source="x\n<!-- md:variant-picker -->\n") == "listing"
    assert page_kind(is_variant=False, generated=False, source="# 写作指引") == "guide"


def test_index_carries_the_ranking_data_and_pages_load_none_of_it(built_site: Path):
    on_load = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert on_load["docs"] == [] and "phrase" not in on_load["config"]  # what Material fetches with every page
    index = json.loads((built_site / "search" / "phrase_index.json").read_text(encoding="utf-8"))
    phrase = index["phrase"]
    corpus = load_corpus()
    for variant in corpus.variants:
        record = phrase["pages"][f"speeches/{variant.slug}/"]
        assert record["kind"] == "template" and record["meta"].split("\n")[:2] == [variant.meta["meeting"], variant.meta["speaker"]]
    assert phrase["pages"]["compare/placeholders/"]["kind"] == "generated"
    assert phrase["pages"][""]["kind"] == "listing" and phrase["pages"]["guide/"]["kind"] == "guide"
    assert phrase["links"] == {"picker": "./#pick", "placeholders": "compare/placeholders/"}
    words = set(phrase["words"].split())
    assert set(corpus.registry.meetings) <= words and "两个维护" in words  # the registries' words, beside the list


def test_offline_index_carries_the_ranking_data_for_the_worker(offline_site: Path):
    text = (offline_site / "search" / "search_index.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("{"): text.rindex("}") + 1])
    assert index["docs"] and index["config"]["phrase"]["links"]["picker"] == "index.html#pick"
