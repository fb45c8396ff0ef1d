"""The GitHub workflows run the project's own commands: .ci/run (→ make test) before anything is
published, `make build` for Pages with SITE_URL from configure-pages, `make offline` for releases;
and they meet the Actions linters: actionlint and zizmor (pip packages in requirements-test.txt)
report nothing, and the rules they do not check (a version comment on each pinned action, Node 22+,
no cache, exact container tags) are asserted here."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from speechkit.base import ROOT
from speechkit.cli import RELEASE_ASSET

GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
WORKFLOW_NAMES = ["ci.yml", "pages.yml", "release.yml"]
# The linters are installed into the venv that runs the tests (requirements-test.txt).
VENV_BIN = Path(sys.executable).parent
# A full commit SHA, then the release it is in, as Dependabot writes it: `@<sha>  # v7.0.1`.
PINNED_USES = re.compile(r"^\s*(?:- )?uses: (actions/[a-z-]+)@([0-9a-f]{40})  # (v\d+\.\d+\.\d+)$")
MAKE_TARGETS = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def runs(job: dict) -> list[str]:
    return [" ".join(s["run"].split()) for s in steps(job) if "run" in s]


def uses(job: dict, action: str) -> list[dict]:
    return [s for s in steps(job) if s.get("uses", "").split("@")[0] == action]


def index_of(job: dict, command: str) -> int:
    return next(i for i, s in enumerate(steps(job)) if " ".join(s.get("run", "").split()).startswith(command))


def test_ci_entry_point_is_make_test():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert [line for line in script.splitlines() if line.startswith("make")] == ["make test"]


def test_pull_requests_test_then_build_the_site_for_reviewers():
    workflow = load("ci.yml")
    assert "pull_request" in workflow["on"]
    job = workflow["jobs"]["test"]
    assert index_of(job, "bash .ci/run") < index_of(job, "make build") < index_of(job, "make offline")
    env = steps(job)[index_of(job, "make build")]["env"]
    assert env == {"REPO_URL": "${{ github.server_url }}/${{ github.repository }}"}  # no SITE_URL: previews link relatively
    assert {s["with"]["path"] for s in uses(job, "actions/upload-artifact")} == {"site/", "site-offline/"}


def test_main_is_tested_built_for_the_pages_address_and_deployed():
    workflow = load("pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["concurrency"]["group"] and workflow["concurrency"]["cancel-in-progress"] is False
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}  # configure-pages reads the address
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}  # only the deploy job deploys
    assert index_of(build, "bash .ci/run") < index_of(build, "make build")
    [configure] = uses(build, "actions/configure-pages")
    make_build = steps(build)[index_of(build, "make build")]
    assert make_build["env"]["SITE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}/"
    assert make_build["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert steps(build).index(configure) < index_of(build, "make build")
    [upload] = uses(build, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site/" and steps(build).index(upload) > index_of(build, "make build")
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert uses(deploy, "actions/deploy-pages")


def test_pull_requests_try_the_successor_engine_without_being_blocked_by_it():
    """README.md 换引擎: the export built by Zensical, unpinned, in a job that may fail."""
    job = load("ci.yml")["jobs"]["successor"]
    assert job["continue-on-error"] is True and job["permissions"] == {"contents": "read"}
    commands = runs(job)
    assert index_of(job, "make export OUT=export") < index_of(job, "python3 -m venv .venv-zensical")
    assert any(c.endswith("pip install --quiet zensical") for c in commands)  # unpinned: this job is a forecast
    assert commands[-1] == ".venv-zensical/bin/zensical build -f export/mkdocs.yml"
    # nothing it builds is published or handed on
    assert not uses(job, "actions/upload-artifact") and not uses(job, "actions/upload-pages-artifact")


def test_a_tag_releases_the_intranet_zip_with_notes_from_the_history():
    workflow = load("release.yml")
    assert workflow["on"]["push"]["tags"] == ["v*"]
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["publish"]
    assert index_of(build, "bash .ci/run") < index_of(build, "make offline") < index_of(build, "make release-notes")
    [upload] = uses(build, "actions/upload-artifact")
    assert upload["with"]["path"].split() == [f"dist/{RELEASE_ASSET}", "release-notes.md"]
    assert build["permissions"] == {"contents": "read"}
    assert publish["needs"] == "build" and publish["permissions"] == {"contents": "write"}
    [command] = [r for r in runs(publish) if r.startswith("gh release create")]
    assert f"dist/{RELEASE_ASSET}" in command and "--notes-file release-notes.md" in command and "--verify-tag" in command
    assert uses(publish, "actions/download-artifact")


@pytest.mark.parametrize("name", WORKFLOW_NAMES)
def test_workflows_use_only_our_make_targets_official_actions_and_full_history(name):
    workflow = load(name)
    for job in workflow["jobs"].values():
        for command in runs(job):
            for target in re.findall(r"\bmake\s+(?:-\S+\s+)*([a-z-]+)", command):
                assert target in MAKE_TARGETS, f"{name}: make {target} is not a Makefile target"
        for step in steps(job):
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", step["uses"]), f"{name}: {step['uses']} (official actions only, pinned to a commit)"
        for checkout in uses(job, "actions/checkout"):
            assert checkout["with"]["fetch-depth"] == 0, f"{name}: the 更新记录 page needs the whole history"


def uses_lines(name: str) -> list[str]:
    """YAML drops comments, so the version comment is read from the raw lines."""
    return [line for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines() if re.match(r"\s*(- )?uses:", line)]


@pytest.mark.parametrize("name", WORKFLOW_NAMES)
def test_each_pinned_action_names_its_release_in_a_comment(name):
    assert uses_lines(name), name
    for line in uses_lines(name):
        assert PINNED_USES.match(line), f"{name}: `{line.strip()}` is not `uses: actions/NAME@<40-hex SHA>  # vX.Y.Z`"


def test_one_action_is_pinned_to_one_release_everywhere():
    pins: dict[str, set[tuple[str, str]]] = {}
    for name in WORKFLOW_NAMES:
        for found in filter(None, map(PINNED_USES.match, uses_lines(name))):
            pins.setdefault(found[1], set()).add((found[2], found[3]))
    assert {action: sorted(p) for action, p in pins.items() if len(p) > 1} == {}


@pytest.mark.parametrize("name", WORKFLOW_NAMES)
def test_least_privilege_no_persisted_token_no_cache_and_node_22_or_later(name):
    workflow = load(name)
    assert workflow["permissions"] == {}, f"{name}: nothing at workflow level; each job asks for its own"
    for job_id, job in workflow["jobs"].items():
        assert "permissions" in job, f"{name}: job {job_id} states its permissions"
        for checkout in uses(job, "actions/checkout"):
            assert checkout["with"]["persist-credentials"] is False, f"{name}: the token would stay in .git"
        for setup in uses(job, "actions/setup-node"):
            assert int(setup["with"]["node-version"]) >= 22, f"{name}: Node {setup['with']['node-version']}"
            assert setup["with"]["package-manager-cache"] is False, f"{name}: no cache where the site is built"
        for step in steps(job):
            assert "actions/cache" not in step.get("uses", ""), f"{name}: no cache where the site is built"
        if "container" in job:
            # zizmor's unpinned-images is suppressed for these files (.github/zizmor.yml): the tag is exact
            assert re.fullmatch(r"python:3\.\d+-bookworm", job["container"]), f"{name}: {job['container']}"


def test_dependabot_proposes_actions_pip_and_npm_weekly_grouped():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"github-actions", "pip", "npm"}
    for ecosystem, update in updates.items():
        assert update["schedule"]["interval"] == "weekly" and update["groups"], ecosystem
        assert update["cooldown"]["default-days"] >= 7, ecosystem
    # requirements.in holds hand-edited ranges, not a pip-compile input Dependabot would rewrite from
    assert updates["pip"]["exclude-paths"] == ["requirements.in"]


def linter(name: str) -> str:
    path = VENV_BIN / name
    assert path.exists(), f"{name} is missing from {VENV_BIN}: run `make .venv/.test-installed` (requirements-test.txt)"
    return str(path)


def run_linters(github: Path) -> list[tuple[str, subprocess.CompletedProcess]]:
    """actionlint (with shellcheck on every `run:`) and zizmor, offline, on a .github folder.
    zizmor runs as the pedantic persona: every audit and severity, code-quality ones included; the
    auditor persona adds only low-confidence guesses. Suppressions live in .github/zizmor.yml."""
    env = {k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_CONFIG")} | {"NO_COLOR": "1"}
    workflows = sorted(str(p) for p in (github / "workflows").glob("*.yml"))
    actionlint = [linter("actionlint"), "-no-color", "-shellcheck", linter("shellcheck"), *workflows]
    zizmor = [linter("zizmor"), "--offline", "--persona=pedantic", "--format=plain", "--no-progress",
              "--config", str(github / "zizmor.yml"), str(github)]
    return [(command[0], subprocess.run(command, cwd=github.parent, env=env, capture_output=True, text=True, timeout=120))
            for command in (actionlint, zizmor)]


def test_actionlint_and_zizmor_report_nothing():
    results = run_linters(GITHUB)
    reports = [f"{Path(tool).name} (exit {r.returncode}):\n{r.stdout}{r.stderr}" for tool, r in results if r.returncode]
    assert not reports, "\n".join(reports)
    # zizmor says what it left out: only the container tag suppressed in .github/zizmor.yml, once per
    # job that runs in a container (ci.yml's test and successor, pages.yml's build, release.yml's build)
    zizmor = results[1][1]
    containers = sum("container" in job for name in WORKFLOW_NAMES for job in load(name)["jobs"].values())
    assert containers == 4
    assert "No findings to report" in zizmor.stdout and f"({containers} ignored)" in zizmor.stdout, zizmor.stdout + zizmor.stderr


def test_the_linters_catch_an_action_pinned_to_a_tag(tmp_path):
    """The check above can fail: the same workflows with checkout back on a Node 20 tag."""
    github = tmp_path / ".github"
    shutil.copytree(GITHUB, github)
    ci = github / "workflows" / "ci.yml"
    text = ci.read_text(encoding="utf-8")
    planted = re.sub(r"actions/checkout@[0-9a-f]{40}  # v[\d.]+", "actions/checkout@v4", text)
    assert planted != text
    ci.write_text(planted, encoding="utf-8")
    (actionlint, linted), (zizmor, audited) = run_linters(github)
    assert linted.returncode != 0 and 'runtime "node20" is deprecated' in linted.stdout, linted.stdout + linted.stderr
    assert audited.returncode != 0 and "unpinned-uses" in audited.stdout + audited.stderr, audited.stdout + audited.stderr
