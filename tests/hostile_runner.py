"""Run `speeches.py check --strict` and `mkdocs build --strict` on each hostile file, in one process.

Usage: python tests/hostile_runner.py PROJECT CASES_YML OUT_JSON

PROJECT is a copy of the project (its scripts/ is what gets imported). For each case the file is put
at its place under PROJECT/docs, both commands run through their real command-line entry points
(Typer's and Click's test runners, which call the same functions as the console), and the outcome
is written to OUT_JSON: exit codes, output, any uncaught exception, the seconds each took, and
whether the site folder changed. One process for all cases keeps the suite fast; the test runs it
with a timeout, so an input that hangs fails the test instead of hanging the suite.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def main(project: Path, cases_file: Path, out_file: Path) -> None:
    os.chdir(project)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    sys.path.insert(0, str(project / "scripts"))
    import typer
    import yaml
    from click.testing import CliRunner
    from mkdocs.__main__ import cli as mkdocs_cli

    from project_copy import file_in_docs
    from speechkit.cli import cli as speeches_cli

    speeches_command = typer.main.get_command(speeches_cli.app)

    cases = yaml.safe_load(cases_file.read_text(encoding="utf-8"))
    runner = CliRunner()
    site = project / "site"
    results = {}
    for case in cases:
        with file_in_docs(project, case["place"], cases_file.parent / case["file"]):
            results[case["file"]] = _run_case(site, speeches_command, mkdocs_cli, runner)
    out_file.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


def _run_case(site: Path, speeches_command, mkdocs_cli, runner) -> dict:
    before = sorted(str(p.relative_to(site)) for p in site.rglob("*"))
    outcome = {}
    for name, app, args in (
        ("check", speeches_command, ["check", "--strict"]),
        ("build", mkdocs_cli, ["build", "--strict", "--site-dir", str(site)]),
    ):
        start = time.perf_counter()
        result = runner.invoke(app, args, catch_exceptions=True)
        crashed = result.exception if not isinstance(result.exception, SystemExit) else None
        outcome[name] = {"exit": result.exit_code, "output": result.output, "seconds": time.perf_counter() - start,
                         "crashed": repr(crashed) if crashed else None}
    outcome["site_unchanged"] = sorted(str(p.relative_to(site)) for p in site.rglob("*")) == before
    return outcome


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve(), Path(sys.argv[3]).resolve())
