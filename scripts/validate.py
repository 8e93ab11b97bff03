"""Check every minutes and data file; print `path:line: message` for each problem.

    python scripts/validate.py            # the whole repository
    python scripts/validate.py FILE ...   # only problems in these files

Exit 0 when all is well, 1 when there are problems, 2 on an unexpected error.
Never changes a file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from _common import EXIT_PROBLEMS, EXIT_UNEXPECTED, ROOT, NorwegianArgumentParser, plural

from archive.problems import Problem
from archive.repository import (
    DATA_DIR,
    DATA_KINDS,
    DOCS_DIR,
    MEETINGS_DIR,
    Repository,
    load_data_file,
    load_meeting_file,
    load_repository,
)


def parse_args(argv: list[str] | None):
    parser = NorwegianArgumentParser(
        prog="validate.py",
        description="Sjekker alle referater og datafiler og skriver ut hver feil som «fil:linje: melding».",
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
    return f"Fant {len(problems)} feil i {plural(len(files), 'fil', 'filer')}."


def relative_to_root(name: str, root: Path) -> str:
    path = Path(name)
    if not path.is_absolute():
        path = Path.cwd() / path
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(name).as_posix()


def culprit(root: Path) -> str:
    """Find the file that makes loading fail, by loading each file on its own."""
    candidates = [(root / DATA_DIR / s.data_file, s) for s in DATA_KINDS.values()]
    meetings = root / DOCS_DIR / MEETINGS_DIR
    if meetings.is_dir():
        candidates += [(path, None) for path in sorted(meetings.glob("*/**/*.md"))]
    for path, kind_schema in candidates:
        try:
            if kind_schema is not None:
                load_data_file(path, kind_schema, path.as_posix(), [])
            else:
                load_meeting_file(path, root, [])
        except Exception:  # noqa: BLE001 - we are looking for exactly this
            return relative_to_root(str(path), root)
    return root.as_posix()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = Path(args.rot)
    if not root.is_dir():
        print(f"{args.rot}: mappen finnes ikke.", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        repo, problems = load_repository(root)
    except Exception as error:  # noqa: BLE001 - a traceback helps no one here
        print(
            f"{culprit(root)}: uventet feil under lesing ({type(error).__name__}: {error}). "
            "Filen kan ikke sjekkes; kontroller at den er en vanlig tekstfil som kan leses.",
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED
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
    if problems:
        print(summary_problems(problems))
        return EXIT_PROBLEMS
    if args.filer:
        print(f"Alt i orden i {plural(len(args.filer), 'fil', 'filer')}.")
    else:
        print(summary_ok(repo))
    return 0


if __name__ == "__main__":
    sys.exit(main())
