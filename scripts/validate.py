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

from _common import EXIT_PROBLEMS, ROOT, NorwegianArgumentParser, markdown_text, plural, run

from archive.model.problems import Problem
from archive.model.repository import Repository
from archive.site.pages import check_site

CHECK_SITE_URL = "http://127.0.0.1:8000/"  # the pages' addresses do not depend on it


def check_archive(root: Path) -> tuple[Repository, list[Problem]]:
    """The repository and every problem in it, as the build finds them."""
    repo, _, problems = check_site(root, CHECK_SITE_URL)
    return repo, problems


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


ANNOTATIONS_SHOWN = 10  # GitHub shows this many error annotations of a step in «Files changed»
SUMMARY_ROWS = 1000  # the job summary holds at most 1 MiB


def job_summary(problems: list[Problem]) -> str:
    """Markdown for the pull request's job summary: what to fix and how, in Norwegian."""
    if not problems:
        return "## Referatsjekken: alt i orden\n\nAlle referater, sider og datafiler er gyldige.\n\n"
    files = {p.path for p in problems}
    lines = [
        f"## Referatsjekken fant {plural(len(problems), 'feil', 'feil')} i {plural(len(files), 'fil', 'filer')}",
        "",
        "Ingenting publiseres før feilene er rettet, og byggingen og arkivsjekkene venter til denne sjekken er grønn.",
        "",
        "**Slik retter du:** åpne filen under «Files changed», velg «…» og «Edit file», rett linjen meldingen nevner, "
        "og velg «Commit changes» i samme gren. Da kjøres sjekkene på nytt. Veiledningen på nettstedet forklarer hver melding.",
        "",
    ]
    if len(problems) > ANNOTATIONS_SHOWN:
        lines += [f"GitHub viser bare de {ANNOTATIONS_SHOWN} første feilene ved linjene under «Files changed»; alle står her.", ""]
    lines += ["| Fil | Linje | Hva er galt |", "|---|---:|---|"]
    for problem in problems[:SUMMARY_ROWS]:
        lines.append(f"| `{problem.shown_path.replace('`', chr(39))}` | {problem.line or ''} | {markdown_text(problem.message)} |")
    if len(problems) > SUMMARY_ROWS:
        lines += ["", f"Og {plural(len(problems) - SUMMARY_ROWS, 'feil', 'feil')} til: kjør «make validate» på egen maskin for å se alle."]
    return "\n".join(lines) + "\n\n"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = Path(args.rot)
    if not root.is_dir():
        print(f"{args.rot}: mappen finnes ikke.", file=sys.stderr)
        return EXIT_PROBLEMS
    repo, problems = check_archive(root)
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
