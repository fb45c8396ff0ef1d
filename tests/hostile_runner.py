"""Run `speeches.py check --strict` and `mkdocs build --strict` on each hostile case, in one process.

Usage: python tests/hostile_runner.py PROJECT CASES_YML OUT_JSON

PROJECT is a copy of the project (its scripts/ is what gets imported). A case of
tests/fixtures/hostile/ is a file put at its place under PROJECT/docs; a case of
tests/fixtures/hostile_inputs/ is a list of edits to any file of the project, with environment
variables (SITE_URL…) and the commands to run (check, build, addresses = `speeches.py
check-addresses`). The commands run through their real command-line entry points (Typer's and
Click's test runners, which call the same functions as the console), and the outcome is written to
OUT_JSON: exit codes, output, any uncaught exception, the seconds each took, whether the site folder
changed, and the line of each edit. One process for all cases keeps the suite fast; the test runs it
with a timeout, so an input that hangs fails the test instead of hanging the suite.
"""
from __future__ import annotations

import json
import logging
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path


def main(project: Path, cases_file: Path, out_file: Path) -> None:
    os.chdir(project)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    for name in ("SITE_URL", "REPO_URL"):  # a developer's own values must not change what the tests see
        os.environ.pop(name, None)
    sys.path.insert(0, str(project / "scripts"))
    import typer
    import yaml
    from click.testing import CliRunner
    from mkdocs.__main__ import cli as mkdocs_cli

    from project_copy import edited, file_in_docs
    from speechkit.cli import cli as speeches_cli

    speeches_command = typer.main.get_command(speeches_cli.app)
    commands = {
        "check": (speeches_command, ["check", "--strict"]),
        "build": (mkdocs_cli, ["build", "--strict", "--site-dir", str(project / "site")]),
        "addresses": (speeches_command, ["check-addresses"]),
    }
    cases = yaml.safe_load(cases_file.read_text(encoding="utf-8"))
    runner = CliRunner()
    site = project / "site"
    results = {}
    for case in cases:
        if "edits" in case:
            change = edited(project, case["edits"], base=cases_file.parents[3])  # fixtures come from the repository
        else:
            change = _placed(file_in_docs(project, case["place"], cases_file.parent / case["file"]))
        with change as lines:
            wanted = case.get("commands", ["check", "build"])
            outcome = _run_case(site, [(name, *commands[name]) for name in wanted], runner, case.get("env") or {})
            outcome["lines"] = lines
            results[case.get("name") or case["file"]] = outcome
    out_file.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


@contextmanager
def _placed(context):
    with context:
        yield []


def _run_case(site: Path, commands: list, runner, env: dict) -> dict:
    before = sorted(str(p.relative_to(site)) for p in site.rglob("*"))
    outcome = {}
    for name, app, args in commands:
        # MkDocs drops a message it has logged before in this process (its DuplicateFilter): two
        # cases refused with the same words would show the second one nothing. Each run starts afresh.
        for log_filter in logging.getLogger("mkdocs.commands.build").filters:
            getattr(log_filter, "msgs", set()).clear()
        start = time.perf_counter()
        result = runner.invoke(app, args, catch_exceptions=True, env=env)
        crashed = result.exception if not isinstance(result.exception, SystemExit) else None
        outcome[name] = {"exit": result.exit_code, "output": result.output, "seconds": time.perf_counter() - start,
                         "crashed": repr(crashed) if crashed else None}
    outcome["site_unchanged"] = sorted(str(p.relative_to(site)) for p in site.rglob("*")) == before
    return outcome


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve(), Path(sys.argv[3]).resolve())
