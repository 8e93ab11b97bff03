"""Turn minutes from outside (text, OCR output, Word .docx, PDF, scans, photos) into a draft minutes file.

    python scripts/import_minutes.py referat.txt --group naeringsgruppen [--date 2025-03-12] [--output PATH]

Writes docs/moter/<group>/<date>.md with status utkast, prints its path and a
Norwegian list of what needs review. People the register does not know are
proposed in <date>.nye-personer.yaml beside the draft (never in data/). Never
overwrites a file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from _common import EXIT_PROBLEMS, ROOT, NorwegianArgumentParser, display_path, fail, run, write_new_minutes
from new_meeting import parse_date

from archive.importer.draft import SourceError, draft_minutes, read_source, summary
from archive.importer.lexicon import LexiconError, load_lexicon
from archive.importer.people import PROPOSALS_SUFFIX
from archive.model.formatting import norwegian_date
from archive.model.paths import DOCS_DIR, MEETINGS_DIR
from archive.model.repository import load_repository


def parse_args(argv: list[str] | None):
    parser = NorwegianArgumentParser(
        prog="import_minutes.py",
        description="Lager et utkast til referatfil fra et referat i tekst, Word (.docx), PDF eller som bilde (skannet eller fotografert). "
        "Retter feil fra tekstgjenkjenning og lister alt som må sjekkes. Personer som ikke finnes i registeret, foreslås i en egen fil "
        "ved siden av utkastet. En fil som finnes fra før, blir aldri overskrevet.",
    )
    parser.add_argument("source", metavar="KILDE", help="referatet som skal importeres (.txt, .md, .docx, .pdf, .png, .jpg)")
    parser.add_argument("--group", "--gruppe", dest="group", required=True, metavar="GRUPPE", help="gruppens id, for eksempel naeringsgruppen")
    parser.add_argument("--date", "--dato", dest="date", metavar="ÅÅÅÅ-MM-DD", help="møtedatoen, hvis den ikke står i referatet")
    parser.add_argument("--output", "--til", dest="output", metavar="FIL", help="hvor utkastet skal lagres (standard: docs/moter/GRUPPE/DATO.md)")
    return parser.parse_args(argv)


def repository_root(output: Path | None) -> Path:
    """The archive an output path lies in (…/docs/moter/<group>/<file>.md), else this one."""
    if output is not None:
        parts = output.resolve().parts
        for index in range(len(parts) - 3, 0, -1):
            if parts[index] == DOCS_DIR and parts[index + 1] == MEETINGS_DIR:
                return Path(*parts[:index])
    return ROOT


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    source = Path(args.source)
    output = Path(args.output) if args.output else None
    date = None
    if args.date:
        date, error = parse_date(args.date)
        if date is None:
            print(error, file=sys.stderr)
            return EXIT_PROBLEMS
    if not source.is_file():
        print(f"{args.source}: filen finnes ikke.", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        text, notes = read_source(source)
    except SourceError as error:
        print(f"{args.source}: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    if not text.strip():
        print(f"{args.source}: filen inneholder ingen tekst.", file=sys.stderr)
        return EXIT_PROBLEMS
    root = repository_root(output)
    repo, _problems = load_repository(root)
    group_id, problem = repo.names["group"].resolve(args.group)
    if group_id is None:
        print(f"--group: {problem}", file=sys.stderr)
        return EXIT_PROBLEMS
    group = repo.groups[group_id]
    try:
        lexicon = load_lexicon()
    except LexiconError as error:
        print(f"{args.source}: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    result = draft_minutes(text, repo, group.id, date, source.name, lexicon, notes, output.name if output else "")
    date = result.date
    if date is None:
        print(
            f"{args.source}: fant ingen møtedato i referatet. Oppgi datoen med --date ÅÅÅÅ-MM-DD "
            "(se etter datoen i innkallingen eller e-posten referatet kom i).",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    if date > repo.today:
        print(f"{args.source}: møtedatoen {date.isoformat()} er fram i tid; et referat gjelder et møte som er holdt. Rett datoen med --date.", file=sys.stderr)
        return EXIT_PROBLEMS
    if output is None:
        output = root / DOCS_DIR / MEETINGS_DIR / group.id / f"{date.isoformat()}.md"
        result = draft_minutes(text, repo, group.id, date if args.date else None, source.name, lexicon, notes, output.name)
    proposals = output.with_name(output.name.removesuffix(".md") + PROPOSALS_SUFFIX)
    shown = display_path(output)
    if result.proposals and proposals.exists():
        return fail(f"{display_path(proposals)}: filen finnes allerede og blir ikke overskrevet. Flytt eller slett den, eller velg en annen fil med --output.")
    problem = write_new_minutes(output, shown, result.text, repo, group.id, date, "Velg en annen fil med --output.")
    if problem:
        return fail(problem)
    if result.proposals:
        try:
            with proposals.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(result.proposals)
        except OSError as error:
            return fail(f"{display_path(proposals)}: filen kunne ikke skrives ({error.strerror or error}).")
    print(shown)
    print(f"Utkast til referat for {group.name} {norwegian_date(date)} (status utkast).")
    for line in summary(result, display_path(proposals) if result.proposals else None):
        print(line)
    print("Kjør «make validate» når du har gått gjennom utkastet.")
    return 0


if __name__ == "__main__":
    run(main, "import_minutes.py")
