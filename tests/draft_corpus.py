"""The draft checker's conformance corpus (tests/fixtures/drafts/), shared by the Python tests and the
browser tests: the drafts, the date they are checked as of, and the findings expected.yml lists.

After a deliberate change of rules or data, rewrite expected.yml with
`.venv/bin/python tests/draft_corpus.py` and read the diff before committing it.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

CORPUS = ROOT / "tests" / "fixtures" / "drafts"
EXPECTED = CORPUS / "expected.yml"
AS_OF = dt.date(2026, 12, 1)  # both implementations check the corpus as of this day
HEADER = """# The conformance corpus of the draft checker: drafts written for the tests, each with planted faults.
# For each file, every finding `make lint` and the 检查讲话稿 page must give, checked as of the date
# tests/draft_corpus.py gives both: "line kind". tests/test_draft_check.py holds the Python
# implementation to this list; tests/browser/test_check_page.py holds the page to the Python one,
# message for message. Rewrite it with `.venv/bin/python tests/draft_corpus.py` after a deliberate
# change of rules or data, and read the diff.
"""


def drafts() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".docx"))


def expected() -> dict[str, list[str]]:
    return yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))


def python_findings(path: Path, rulebook, today: dt.date = AS_OF):
    from speechkit.checking import check_draft
    from speechkit.importer import read_speech

    return check_draft(read_speech(path, rulebook.imports).text, rulebook, today)


def rulebook():
    from speechkit.reading import load_registry, load_rulebook

    return load_rulebook(load_registry())


def write_expected() -> None:
    book = rulebook()
    out = [HEADER.rstrip("\n")]
    for path in drafts():
        findings = python_findings(path, book).findings
        out.append(f"{path.name}:" + ("" if findings else " []"))
        out += [f"  - {f.line} {f.kind}" for f in findings]
    EXPECTED.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_expected()
    print(f"wrote {EXPECTED.relative_to(ROOT)}: read the diff before committing it")
