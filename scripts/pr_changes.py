"""What a pull request changes: only the archive's content, or code too.

    python scripts/pr_changes.py                 # in GitHub Actions: the pull request's merge commit
    python scripts/pr_changes.py --base main     # on your own machine: against a branch or commit

Lists the changed files and says, in Norwegian, which checks the pull request
gets. Content is what `load_repository` reads and refuses the rest of (docs/,
data/, with the hand-written pages in docs/): nothing there runs, so the code
tests are skipped and validation, the build and the archive checks run. Any
other file, or a diff that cannot be read, means the whole suite.

With GITHUB_OUTPUT set it writes `content_only=true|false` there for the
workflow's jobs, and with GITHUB_STEP_SUMMARY a line for the job summary.
Needs only Python's standard library and git. Always exits 0 when it could
decide; when it cannot, it says so and chooses the whole suite.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from _common import ROOT, NorwegianArgumentParser, run

from archive.model.problems import visible  # standard library only, like this script

# Folders whose files are content: read and checked by the validator, never run.
CONTENT_FOLDERS = ("docs/", "data/")


class UndecidedError(Exception):
    """The changed files could not be found; the message says why, in Norwegian."""


def git(root: Path, *args: str) -> str:
    proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, encoding="utf-8", errors="surrogateescape", timeout=120)
    if proc.returncode != 0:
        raise UndecidedError(f"git {' '.join(args)} feilet: {proc.stderr.strip() or proc.returncode}")
    return proc.stdout


def _has_commit(root: Path, ref: str) -> bool:
    try:
        git(root, "cat-file", "-e", f"{ref}^{{commit}}")
    except UndecidedError:
        return False
    return True


def event_base(event_path: str | None) -> str | None:
    """The base commit of the pull request in GitHub's event file, if there is one."""
    if not event_path:
        return None
    try:
        event = json.loads(Path(event_path).read_text(encoding="utf-8"))
        return event["pull_request"]["base"]["sha"] or None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def diff_range(root: Path, base: str | None, event_path: str | None) -> tuple[str, str]:
    """(from, to) for `git diff`, and why, as the pull request sees it.

    GitHub checks out the merge of the pull request into its base: its first
    parent is the base branch, so HEAD^1..HEAD is exactly what merging would
    change (the workflow checks out two commits, `fetch-depth: 2`). On a plain
    branch, the changes since it left the base (`base...HEAD`).
    """
    if base:
        if not _has_commit(root, base):
            raise UndecidedError(f"finner ikke «{base}» i git-historikken.")
        return f"{base}...HEAD", f"endringer siden grenen gikk ut fra {base}"
    parents = git(root, "rev-list", "--parents", "-n", "1", "HEAD").split()
    if len(parents) == 3 and _has_commit(root, "HEAD^1"):
        return "HEAD^1..HEAD", "flettingen av pull requesten mot grenen den skal inn i"
    from_event = event_base(event_path)
    if from_event and _has_commit(root, from_event):
        return f"{from_event}...HEAD", f"endringer siden {from_event[:12]}, pull requestens base"
    raise UndecidedError("fant verken pull requestens fletting (HEAD med to foreldre) eller basen i hendelsen fra GitHub.")


def changed_files(root: Path, base: str | None = None, event_path: str | None = None) -> tuple[list[str], str]:
    """The paths the pull request adds, changes or deletes (renames as both), and how they were found."""
    revisions, how = diff_range(root, base, event_path)
    output = git(root, "diff", "--name-only", "--no-renames", "-z", revisions)
    return sorted(path for path in output.split("\0") if path), how


def is_content(path: str) -> bool:
    return path.startswith(CONTENT_FOLDERS)


def content_only(paths: list[str]) -> bool:
    """True when every changed file is content; no change at all runs everything."""
    return bool(paths) and all(is_content(path) for path in paths)


def verdict(paths: list[str]) -> str:
    """One Norwegian paragraph: which checks this pull request gets, and why."""
    if content_only(paths):
        return (
            "Bare innhold er endret (møtereferater, registre eller sider). Referatsjekken, byggingen og arkivsjekkene kjøres; "
            "kodetestene («Alle tester») hoppes over, siden ingen kode er endret."
        )
    code = [path for path in paths if not is_content(path)]
    if not code:
        return "Ingen filer er endret. Alle sjekkene kjøres."
    shown = ", ".join(f"`{visible(path).replace('`', chr(39))}`" for path in code[:5]) + (f" og {len(code) - 5} til" if len(code) > 5 else "")
    return f"Kode eller oppsett er endret ({shown}). Alle sjekkene kjøres, også hele testsuiten («Alle tester»)."


def parse_args(argv: list[str] | None):
    parser = NorwegianArgumentParser(
        prog="pr_changes.py",
        description="Finner filene en pull request endrer, og sier om bare innhold er endret (da hoppes kodetestene over).",
    )
    parser.add_argument("--base", metavar="GREN", help="sammenlign med denne grenen eller commiten (standard: pull requestens fletting i GitHub Actions)")
    parser.add_argument("--rot", default=str(ROOT), metavar="MAPPE", help="git-arkivets rotmappe (standard: denne kopien av arkivet)")
    return parser.parse_args(argv)


def _append(variable: str, text: str) -> None:
    target = os.environ.get(variable)
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(text)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        paths, how = changed_files(Path(args.rot), args.base, os.environ.get("GITHUB_EVENT_PATH"))
    except UndecidedError as error:
        message = f"Fant ikke hvilke filer som er endret: {error} Alle sjekkene kjøres, for sikkerhets skyld."
        print(message)
        _append("GITHUB_OUTPUT", "content_only=false\n")
        _append("GITHUB_STEP_SUMMARY", f"## Hva er endret\n\n{message}\n\n")
        return 0
    only_content = content_only(paths)
    print(f"{len(paths)} endrede filer ({how}):")
    for path in paths:
        # Indented and made visible: a file name cannot pass as a command to GitHub Actions («::error …»).
        print(f"  {'innhold' if is_content(path) else 'kode   '}  {visible(path)}")
    print(verdict(paths))
    _append("GITHUB_OUTPUT", f"content_only={'true' if only_content else 'false'}\n")
    _append("GITHUB_STEP_SUMMARY", f"## Hva er endret\n\n{verdict(paths)}\n\n")
    return 0


if __name__ == "__main__":
    run(main, "pr_changes.py")
