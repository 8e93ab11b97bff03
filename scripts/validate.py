"""Check every minutes, page and data file; print `path:line: message` for each problem.

    python scripts/validate.py            # the whole repository
    python scripts/validate.py FILE ...   # only problems in these files

Exit 0 when all is well, 1 when there are problems, 2 on an unexpected error.
Never changes a file. With GITHUB_ACTIONS=true each problem is also printed
as an annotation for the pull request's diff, and a Norwegian summary goes
to the job summary (GITHUB_STEP_SUMMARY).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from _common import EXIT_PROBLEMS, ROOT, NorwegianArgumentParser, plural, run

from archive.model.problems import Problem
from archive.model.repository import Repository, load_repository
from archive.site.pages import address_problems, site_pages

CHECK_SITE_URL = "http://127.0.0.1:8000/"  # the pages' addresses do not depend on it


def parse_args(argv: list[str] | None):
    parser = NorwegianArgumentParser(
        prog="validate.py",
        description="Sjekker alle referater, sider og datafiler og skriver ut hver feil som «fil:linje: melding».",
    )
    parser.add_argument("filer", nargs="*", metavar="FIL", help="sjekk bare disse filene (standard: hele arkivet)")
    parser.add_argument("--rot", default=str(ROOT), metavar="MAPPE", help="arkivets rotmappe (standard: denne kopien av arkivet)")
    return parser.parse_args(argv)


def summary_ok(repo: Repository) -> str:
    counts = [
        plural(len(repo.meetings), "møte", "møter"),
        plural(len(repo.people), "person", "personer"),
        plural(len(repo.organisations), "organisasjon", "organisasjoner"),
        plural(len(repo.groups), "gruppe", "grupper"),
        plural(len(repo.focus_areas), "satsingsområde", "satsingsområder"),
        plural(len(repo.clusters), "klynge", "klynger"),
        plural(len(repo.events), "arrangement", "arrangementer"),
    ]
    return f"Alt i orden: {', '.join(counts[:-1])} og {counts[-1]}."


def summary_problems(problems: list[Problem]) -> str:
    files = {p.path for p in problems}
    return f"Fant {plural(len(problems), 'feil', 'feil')} i {plural(len(files), 'fil', 'filer')}."


def relative_to_root(name: str, root: Path) -> str:
    path = Path(name)
    if not path.is_absolute():
        path = Path.cwd() / path
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(name).as_posix()


def job_summary(problems: list[Problem]) -> str:
    """Markdown for the pull request's job summary: what to fix, in Norwegian."""
    if not problems:
        return "## Referatsjekken: alt i orden\n\nAlle referater og datafiler er gyldige.\n"
    lines = [
        "## Referatsjekken fant feil",
        "",
        "Rett disse linjene i pull requesten og lagre på nytt; sjekken kjøres igjen.",
        "",
        "| Fil | Linje | Hva er galt |",
        "|---|---:|---|",
    ]
    for problem in problems:
        # The summary is Markdown that GitHub renders: text quoted from a file stays text.
        message = problem.message.replace("&", "&amp;").replace("<", "&lt;").replace("|", "\\|").replace("\n", " ")
        lines.append(f"| `{problem.shown_path.replace('`', chr(39))}` | {problem.line or ''} | {message} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = Path(args.rot)
    if not root.is_dir():
        print(f"{args.rot}: mappen finnes ikke.", file=sys.stderr)
        return EXIT_PROBLEMS
    repo, problems = load_repository(root)
    if not problems:
        # What only the site's own list of pages shows: two pages at one address.
        problems = address_problems(site_pages(repo, CHECK_SITE_URL))
    if args.filer:
        wanted = {relative_to_root(name, root) for name in args.filer}
        missing = sorted(name for name in args.filer if not Path(name).exists() and not (root / name).exists())
        for name in missing:
            print(f"{name}: filen finnes ikke.", file=sys.stderr)
        if missing:
            return EXIT_PROBLEMS
        problems = [p for p in problems if p.path in wanted]
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem)
        if annotate:
            print(problem.github_annotation())
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if annotate and summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(job_summary(problems))
    if problems:
        print(summary_problems(problems))
        return EXIT_PROBLEMS
    if args.filer:
        print(f"Alt i orden i {plural(len(args.filer), 'fil', 'filer')}.")
    else:
        print(summary_ok(repo))
    return 0


if __name__ == "__main__":
    run(main, "validate.py")
