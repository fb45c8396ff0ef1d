"""The GitHub workflows run the project's own commands: .ci/run (→ make test) before anything is
published, `make build` for Pages with SITE_URL from configure-pages, `make offline` for releases."""
from __future__ import annotations

import re

import pytest
import yaml

from speechkit.base import ROOT
from speechkit.cli import RELEASE_ASSET

WORKFLOWS = ROOT / ".github" / "workflows"
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
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    assert workflow["concurrency"]["group"] and workflow["concurrency"]["cancel-in-progress"] is False
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
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


def test_a_tag_releases_the_intranet_zip_with_notes_from_the_history():
    workflow = load("release.yml")
    assert workflow["on"]["push"]["tags"] == ["v*"]
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["publish"]
    assert index_of(build, "bash .ci/run") < index_of(build, "make offline") < index_of(build, "make release-notes")
    [upload] = uses(build, "actions/upload-artifact")
    assert upload["with"]["path"].split() == [f"dist/{RELEASE_ASSET}", "release-notes.md"]
    assert publish["needs"] == "build" and publish["permissions"] == {"contents": "write"}
    [command] = [r for r in runs(publish) if r.startswith("gh release create")]
    assert f"dist/{RELEASE_ASSET}" in command and "--notes-file release-notes.md" in command and "--verify-tag" in command
    assert uses(publish, "actions/download-artifact")


@pytest.mark.parametrize("name", ["ci.yml", "pages.yml", "release.yml"])
def test_workflows_use_only_our_make_targets_official_actions_and_full_history(name):
    workflow = load(name)
    for job in workflow["jobs"].values():
        for command in runs(job):
            for target in re.findall(r"\bmake\s+(?:-\S+\s+)*([a-z-]+)", command):
                assert target in MAKE_TARGETS, f"{name}: make {target} is not a Makefile target"
        for step in steps(job):
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), f"{name}: {step['uses']} (official actions only, major pinned)"
        for checkout in uses(job, "actions/checkout"):
            assert checkout["with"]["fetch-depth"] == 0, f"{name}: the 更新记录 page needs the whole history"
