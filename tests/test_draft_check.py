"""The draft checker in Python (`make lint`, checking/draft.py): the conformance corpus, the rules it
reads from data/ and refuses when the browser would read them differently, its fixes, and `make lint`
as a contributor runs it. The browser half is tests/browser/test_check_page.py."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import time
import zipfile

import pytest

from draft_corpus import AS_OF, CORPUS, ROOT, drafts, expected, python_findings, rulebook
from speechkit.base import PatternProblem, compile_portable, portable_source as portable
from speechkit.checking import apply_fixes, check_draft, load_corpus, safe_fixes
from speechkit.reading import DataFileError, load_registry, load_rulebook

BOOK = rulebook()
SPEECHES = [sys.executable, str(ROOT / "scripts" / "speeches.py")]


def lint(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([*SPEECHES, "lint", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


# --- the corpus ------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", drafts(), ids=lambda p: p.name)
def test_each_draft_gives_exactly_the_findings_the_corpus_lists(path):
    found = [f"{f.line} {f.kind}" for f in python_findings(path, BOOK).findings]
    assert found == (expected()[path.name] or [])


def test_the_corpus_plants_every_kind_of_fault():
    kinds = {entry.split()[1] for entries in expected().values() for entry in entries or []}
    planted = {"classified", "invisible", "html", "junk_line", "junk_inline", "tail", "mask", "mask_restore", "fixed", "tifa_dated",
               "tifa_dated_since", "tifa_check", "doubled", "punctuation", "placeholder", "numbering_skip", "numbering_repeat",
               "numbering_level", "run_in", "points", "points_labels", "agenda"}
    assert planted <= kinds, f"no draft plants {sorted(planted - kinds)}"
    assert expected()["clean.txt"] in (None, []), "a clean speech gives no finding"


def test_a_classified_marking_comes_first_wherever_it_stands():
    for name in ("classified.txt", "internal.txt"):
        findings = python_findings(CORPUS / name, BOOK).findings
        assert findings[0].kind == "classified"
    internal = python_findings(CORPUS / "internal.txt", BOOK).findings
    assert internal[0].line == 10 and "连接互联网的计算机" in internal[0].why


def test_a_stale_tifa_says_why_since_when_and_what_to_write():
    found = {f.message: f for f in python_findings(CORPUS / "stale-tifa.txt", BOOK).findings}
    nineteenth = found["“十九大”是已过时的提法（十九大，2022年起）。"]
    assert "二十大" in nineteenth.why and "现行写法可参考“党的二十大”" in nineteenth.fix and nineteenth.replacement is None


def test_expiry_is_judged_as_of_the_day_given():
    path = CORPUS / "expiring.txt"
    assert python_findings(path, BOOK).findings == []
    later = python_findings(path, BOOK, dt.date(2028, 1, 1)).findings
    assert [(f.line, f.kind) for f in later] == [(4, "tifa_expired"), (5, "tifa_expired"), (6, "tifa_expired")]
    assert "2027-10-01" in later[0].message


def test_the_templates_themselves_pass_apart_from_their_placeholders():
    corpus = load_corpus()
    for variant in corpus.variants:
        kinds = {f.kind for f in check_draft("\n".join(variant.spoken_lines()), corpus.rulebook, AS_OF).findings}
        assert kinds <= {"placeholder", "tifa_check"}, variant.slug


# --- fixes -----------------------------------------------------------------------------------------

def test_fix_all_settles_in_two_rounds_and_touches_only_its_spans():
    """A fix can bring the next to light (“ next to a half-width bracket): a second 全部改 finishes."""
    for path in drafts():
        result = python_findings(path, BOOK)
        for _ in range(2):
            result = check_draft(apply_fixes(result.lines, safe_fixes(result)), BOOK, AS_OF)
        assert safe_fixes(result) == [], path.name
        assert len(result.lines) == len(python_findings(path, BOOK).lines), "a fix never adds or removes a line"
    result = python_findings(CORPUS / "masks.txt", BOOK)
    text = apply_fixes(result.lines, safe_fixes(result)).split("\n")
    assert text[5] == "巡察是全面从严治党的重要举措。我们要坚定拥护以习近平同志为核心的党中央，"
    assert text[6] == "深入学习贯彻习近平总书记关于巡视工作的重要论述。"


def test_unsafe_fixes_are_offered_but_never_applied_by_fix_all():
    result = python_findings(CORPUS / "doubled.txt", BOOK)
    by_word = {f.message: f for f in result.findings}
    twice = by_word["“巡察巡察”把“巡察”重复写了两遍。"]
    assert twice.replacement == "巡察" and not twice.safe and twice not in safe_fixes(result)
    assert by_word["“党中央党中央”把“党中央”重复写了两遍。"].safe  # data/import.yml doubled_merge, as the importer merges


# --- limits and hostile text ------------------------------------------------------------------------

def test_a_draft_over_the_limit_is_refused_with_a_clear_message_and_nothing_checked():
    limit = BOOK.draft.max_chars
    result = check_draft("十九大" * (50_000 // 3), BOOK, AS_OF)
    assert result.findings == [] and result.refused.kind == "too_long"
    assert f"{limit:,}" in result.refused.message and "一次检查一篇讲话稿" in result.refused.fix
    assert check_draft("同志们：\n" + "巡察工作要坚持问题导向。" * 800, BOOK, AS_OF).refused is None  # 9,600 characters


def test_empty_text_is_refused():
    assert check_draft(" \n\u3000\n", BOOK, AS_OF).refused.kind == "empty"


def test_long_runs_of_mask_and_space_characters_take_linear_time():
    """Patterns the browser runs too, on the longest line allowed: a quadratic pattern would take minutes."""
    runs = ["\u3000", " ", "*", "X", "Ｘ", "某", "_", "1", "□", "（", ">"]
    text = "".join(run * 3_000 + "总" for run in runs) + "我讲三点意见"
    started = time.monotonic()
    result = check_draft(text, BOOK, AS_OF)
    assert result.refused is None and time.monotonic() - started < 20


def test_hostile_text_is_only_ever_text():
    text = "<script>alert(1)</script>\n{{ config }}\n\x00\x1b[31m\u202e翻转\n" + "（" * 5000 + "\n" + "X" * 3000 + "某" * 3000
    result = check_draft(text, BOOK, AS_OF)
    kinds = [f.kind for f in result.findings]
    assert kinds.count("html") == 2 and "invisible" in kinds


# --- the portable dialect ------------------------------------------------------------------------------

def test_portable_spells_out_what_the_engines_read_differently():
    assert portable(r"\d+\s*年") == r"[0-9]+[" + r"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff" + "]*年"
    assert compile_portable(r"\d").search("２") is None  # Python's \d takes full-width digits; JavaScript's does not
    assert compile_portable(r"\s").search("\u3000") and compile_portable(r'a\-b\"').search('a-b"')
    assert compile_portable(r"\bX\b").search("a X b") and not compile_portable(r"\bX\b").search("aXb")


@pytest.mark.parametrize("source", [r"a++", r"(?P<n>a)", r"(?i)a", r"\Aa", r"a{,3}", r"a]", r"[[a]", r"\p{Han}", r"(?>a)", r"\1\2"[0:2] + "0"])
def test_portable_refuses_what_only_one_engine_reads(source):
    with pytest.raises(PatternProblem):
        portable(source)


def test_every_emitted_pattern_compiles_in_javascript_and_finds_what_python_finds():
    """Node runs each rule's pattern over every line of the corpus and the templates; the spans (in
    code points) must be Python's, pattern by pattern."""
    if shutil.which("node") is None:
        pytest.fail("node is missing: run `make test`, which installs Node.js")
    from speechkit.outputs import draft_rules

    rules = draft_rules(BOOK)
    sources = [rules["code"][name]["source"] for name in sorted(rules["code"])] + [m["source"] for m in rules["markers"]]
    sources += [e["source"] for key in ("classified", "junkLines", "junkInline", "maskRestores", "tifa") for e in rules[key]]
    sources += [d["source"] for f in rules["fixed"] for d in f["damaged"]]
    sources += [rules[key]["source"] for key in ("html", "doubled", "doubledAllowed", "tail", "mask", "agenda")]
    lines = [line for path in drafts() for line in python_findings(path, BOOK).lines]
    lines += [line for v in load_corpus().variants for line in v.spoken_lines()]
    script = """
const {sources, lines} = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const cp = (s, i) => Array.from(s.slice(0, i)).length;
console.log(JSON.stringify(sources.map(src => { const re = new RegExp(src, 'gu');
  return lines.map(l => Array.from(l.matchAll(re)).filter(m => m[0] !== '').map(m => [cp(l, m.index), cp(l, m.index + m[0].length)])); })));
"""
    done = subprocess.run(["node", "-e", script], input=json.dumps({"sources": sources, "lines": lines}), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    spans = json.loads(done.stdout)
    for source, per_line in zip(sources, spans):
        pattern = re.compile(source)
        python = [[[m.start(), m.end()] for m in pattern.finditer(line) if m.group(0)] for line in lines]
        assert per_line == python, source


def test_a_pattern_the_browser_would_read_differently_is_refused_naming_file_and_entry(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    tifa = data / "tifa.yml"
    tifa.write_text(tifa.read_text(encoding="utf-8").replace("  pattern: 六个围绕\n", "  pattern: (?i)六个围绕\n", 1), encoding="utf-8")
    with pytest.raises(DataFileError) as refused:
        load_rulebook(load_registry(data), data)
    finding = refused.value.finding
    assert finding.path == tifa and "六个围绕、一个加强" in finding.message and "浏览器" in finding.message
    assert tifa.read_text(encoding="utf-8").split("\n")[finding.line - 1] == "- term: 六个围绕、一个加强"
    shutil.copy(ROOT / "data" / "tifa.yml", tifa)
    fixed = data / "fixed_phrases.yml"
    fixed.write_text(fixed.read_text(encoding="utf-8").replace("'总书记总书记'", "'总书记++'"), encoding="utf-8")
    with pytest.raises(DataFileError) as refused:
        load_rulebook(load_registry(data), data)
    assert refused.value.finding.path == fixed and "“习近平总书记”" in refused.value.finding.message
    result = subprocess.run([*SPEECHES, "check", "--data", str(data)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "fixed_phrases.yml" in result.stdout and "Traceback" not in result.stdout + result.stderr


def test_messages_use_only_the_fields_the_code_fills(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    rules = data / "draft_check.yml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("还有没填写的占位符“{found}”。", "还有没填写的占位符“{name}”。"), encoding="utf-8")
    with pytest.raises(DataFileError) as refused:
        load_rulebook(load_registry(data), data)
    assert "placeholder" in refused.value.finding.message and "{name}" in refused.value.finding.message


# --- make check shares the fixed formulations ---------------------------------------------------------

def test_make_check_reports_a_damaged_fixed_formulation_in_a_template(tmp_path):
    speeches = tmp_path / "speeches"
    speeches.mkdir()
    good = (ROOT / "tests" / "fixtures" / "variants" / "good.md").read_text(encoding="utf-8")
    body_start = good.index("\n## ", good.index("\n---", 4))
    paragraph = good.index("\n\n", good.index("\n\n", body_start + 1) + 2) + 2
    damaged = good[:paragraph] + "我们要坚决拥护以总书记为核心的党中央。\n\n" + good[paragraph:]
    (speeches / "damaged.md").write_text(damaged, encoding="utf-8")
    corpus = load_corpus(speeches)
    found = [f for f in corpus.findings if "以总书记为核心的党中央" in f.message]
    assert len(found) == 1 and found[0].fix == "改为“以习近平同志为核心的党中央”。" and not found[0].is_warning  # an error (待完成 in a draft)
    assert damaged.split("\n")[found[0].line - 1] == "我们要坚决拥护以总书记为核心的党中央。"


# --- make lint ---------------------------------------------------------------------------------------

def test_make_lint_prints_file_line_message_and_fix_and_fails_on_findings():
    result = lint(str(CORPUS / "points-four.txt"), "--date", AS_OF.isoformat())
    assert result.returncode == 1
    first = result.stdout.split("\n")[0]
    assert re.fullmatch(r"tests/fixtures/drafts/points-four\.txt:4: 开头说“讲三点”，正文却有 4 个“一、”级部分。 理由：.+ 改法：把点数改为“四”.+", first)
    assert "未通过" in result.stdout.strip().split("\n")[-1]
    clean = lint(str(CORPUS / "clean.txt"))
    assert clean.returncode == 0 and clean.stdout.strip().endswith("通过。")


def test_make_lint_reads_word_and_other_encodings_as_the_page_does():
    for name in ("from-word.docx", "gb18030.txt", "utf16.txt"):
        result = lint(str(CORPUS / name), "--date", AS_OF.isoformat())
        lines = [line for line in result.stdout.split("\n") if re.match(r"\S+:\d+: ", line)]
        assert [re.match(r"\S+:(\d+): ", line).group(1) for line in lines] == [e.split()[0] for e in expected()[name]]


def test_make_lint_on_a_template_runs_the_checks_of_make_check(tmp_path):
    result = lint("docs/speeches/district-entry-pledge.md")
    assert result.returncode == 0 and "按 make check 的规则检查" in result.stdout
    good = (ROOT / "tests" / "fixtures" / "variants" / "good.md").read_text(encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_text(good.replace("status: 草稿", "status: 可用").replace("同志们：", "同志们,", 1), encoding="utf-8")
    result = lint(str(bad))
    assert result.returncode == 1 and re.search(r"bad\.md:\d+: 中文行文里用了半角标点“,”", result.stdout)


def test_make_lint_refuses_what_it_cannot_read_in_chinese(tmp_path):
    bomb = tmp_path / "炸弹.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document>" + b"0" * 30_000_000)
    results = [lint(str(bomb)), lint(str(tmp_path / "nothing.txt")), lint()]
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    results.append(lint(str(tmp_path / "old.doc")))
    for result in results:
        out = result.stdout + result.stderr
        assert result.returncode == 1 and "改法：" in out and "Traceback" not in out
    assert re.search(r"超过了 [\d,]+ 字节的上限", results[0].stdout)
    assert "make lint FILE=" in results[2].stderr
    assert "再检查" in results[3].stdout and "导入" not in results[3].stdout  # the importer's advice, said for make lint


def test_make_lint_target_passes_file_and_date():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^lint: .*## .*make lint FILE=", makefile, re.M)
    assert "scripts/speeches.py lint" in makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
