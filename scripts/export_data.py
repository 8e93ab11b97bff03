"""Write the calendars, the Atom feed and the open data into docs/eksport/.

    python scripts/export_data.py                 # this copy of the archive
    python scripts/export_data.py --rot MAPPE     # another copy
    python scripts/export_data.py --ut MAPPE      # write somewhere else
    python scripts/export_data.py --skjema        # also rewrite docs/data/schema.json

docs/data/schema.json (the JSON Schema of data.json) is committed, not
generated per build; it is built from archive/schema.py, and a test fails when
the committed file differs. Rewrite it with --skjema after changing a schema.

Runs before every build (make build, make serve): the files then lie in docs/
as static files, which MkDocs and Zensical both copy into the site. The folder
is gitignored; nothing in it is edited by hand.

The site address comes from mkdocs.yml's site_url, with the same SITE_URL
override MkDocs honours. SOURCE_DATE_EPOCH, when set, fixes the generation
time (DTSTAMP, «generert») for reproducible output.

Exit 0 when written, 1 when the archive has problems (run make validate), 2 on
an unexpected error.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from _common import EXIT_PROBLEMS, EXIT_UNEXPECTED, ROOT, NorwegianArgumentParser, display_path, plural

from archive import exports
from archive.problems import format_problems
from archive.repository import DOCS_DIR, load_repository

# Only files this script makes are removed when they are no longer made.
GENERATED_SUFFIXES = (".ics", ".xml", ".json")


def parse_args(argv: list[str] | None):
    parser = NorwegianArgumentParser(
        prog="export_data.py",
        description="Lager kalenderfilene, nyhetsstrømmen og de åpne dataene i docs/eksport/ før nettstedet bygges.",
    )
    parser.add_argument("--rot", default=str(ROOT), metavar="MAPPE", help="arkivets rotmappe (standard: denne kopien av arkivet)")
    parser.add_argument("--ut", metavar="MAPPE", help=f"skriv filene hit (standard: {DOCS_DIR}/{exports.EXPORT_DIR}/ i rotmappen)")
    parser.add_argument("--skjema", action="store_true", help=f"skriv også {DOCS_DIR}/{exports.SCHEMA_FILE} på nytt (etter endringer i archive/schema.py)")
    return parser.parse_args(argv)


def generation_time(environ) -> dt.datetime:
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
        except ValueError:
            raise ValueError(f"SOURCE_DATE_EPOCH er «{epoch}»; den må være et helt antall sekunder siden 1970.") from None
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def run(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = Path(args.rot)
    config = root / "mkdocs.yml"
    if not config.is_file():
        print(f"Fant ikke {display_path(config)}; er «{args.rot}» rotmappen til arkivet?", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        site_url = exports.site_url_from_config(config.read_text(encoding="utf-8"), os.environ)
        generated = generation_time(os.environ)
    except ValueError as error:
        print(f"{display_path(config)}: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    repo, problems = load_repository(root)
    if problems:
        print(format_problems(problems), file=sys.stderr)
        print(f"Fant {plural(len(problems), 'feil', 'feil')}; rett dem (se make validate) før filene kan lages.", file=sys.stderr)
        return EXIT_PROBLEMS
    files = exports.export_files(repo, site_url, generated)
    out = Path(args.ut) if args.ut else root / DOCS_DIR / exports.EXPORT_DIR
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.iterdir():
        if stale.is_file() and stale.suffix in GENERATED_SUFFIXES and stale.name not in files:
            stale.unlink()
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8", newline="")
    if args.skjema:
        schema_file = root / DOCS_DIR / exports.SCHEMA_FILE
        schema_file.write_text(exports.json_schema_text(), encoding="utf-8", newline="")
        print(f"Skrev {display_path(schema_file)}.")
    items, undated = exports.calendar_items(repo)
    print(
        f"Skrev {plural(len(files), 'fil', 'filer')} til {display_path(out)}: "
        f"{exports.CALENDAR_FILE} ({plural(len(items), 'hendelse', 'hendelser')}; "
        f"{plural(len(undated), 'møte', 'møter')} uten sikker dato er utelatt), "
        f"{exports.FEED_FILE} og {exports.DATA_FILE} ({plural(len(repo.meetings), 'møte', 'møter')}), "
        f"for nettstedet {site_url}"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        return run(argv)
    except Exception as error:  # never a traceback for the secretary
        print(f"Uventet feil under eksporten: {error.__class__.__name__}: {error}", file=sys.stderr)
        return EXIT_UNEXPECTED


if __name__ == "__main__":
    sys.exit(main())
