"""Create the minutes file for a new meeting from the template.

    python scripts/new_meeting.py --group naeringsgruppen --date 2026-01-15

Writes docs/moter/<group>/<date>.md and prints its path. Never overwrites a file.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from _common import EXIT_PROBLEMS, ROOT, NorwegianArgumentParser, fail, run, write_new_minutes

from archive.model.formatting import norwegian_date
from archive.model.paths import DOCS_DIR, MEETINGS_DIR
from archive.model.repository import load_repository
from archive.model.scaffold import meeting_template


def parse_args(argv: list[str] | None):
    parser = NorwegianArgumentParser(
        prog="new_meeting.py",
        description="Lager referatfilen for et nytt møte, ferdig utfylt med saksliste, inviterte og åpne oppfølgingspunkter. "
        "En fil som finnes fra før, blir aldri overskrevet.",
    )
    parser.add_argument("--group", "--gruppe", dest="group", required=True, metavar="GRUPPE", help="gruppens id, for eksempel naeringsgruppen")
    parser.add_argument("--date", "--dato", dest="date", required=True, metavar="ÅÅÅÅ-MM-DD", help="møtedatoen, for eksempel 2026-01-15")
    parser.add_argument("--rot", default=str(ROOT), metavar="MAPPE", help="arkivets rotmappe (standard: denne kopien av arkivet)")
    return parser.parse_args(argv)


def parse_date(text: str) -> tuple[dt.date | None, str]:
    """The date, or a Norwegian message saying what is wrong with it."""
    text = text.strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        try:
            return dt.date(year, month, day), ""
        except ValueError:
            return None, f"--date: «{text}» er ikke en dato som finnes."
    match = re.fullmatch(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})", text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return None, f"--date: skriv datoen som ÅÅÅÅ-MM-DD: {year:04d}-{month:02d}-{day:02d}, ikke «{text}»."
    return None, f"--date: «{text}» er ikke en dato. Skriv den som ÅÅÅÅ-MM-DD, for eksempel 2026-01-15."


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = Path(args.rot)
    date, error = parse_date(args.date)
    if date is None:
        print(error, file=sys.stderr)
        return EXIT_PROBLEMS
    repo, problems = load_repository(root)
    group_id, problem = repo.names["group"].resolve(args.group)
    if group_id is None:
        print(f"--group: {problem}", file=sys.stderr)
        return EXIT_PROBLEMS
    group = repo.groups[group_id]
    relative = Path(DOCS_DIR) / MEETINGS_DIR / group.id / f"{date.isoformat()}.md"
    target = root / relative
    names = {**{k: v.name for k, v in repo.people.items()}, **{k: v.name for k, v in repo.groups.items()}}
    text = meeting_template(
        group, date, repo.today, repo.meetings_by_group.get(group.id, []), repo.groups, repo.focus_areas, names, repo.item_of_action, repo.meetings
    )
    problem = write_new_minutes(target, relative.as_posix(), text, repo, group.id, date, "Åpne den og rediger den, eller velg en annen dato.")
    if problem:
        return fail(problem)
    print(relative.as_posix())
    if date < repo.today:
        todo = "med status utkast (datoen har vært). Fyll inn sted, tid, hvem som kom og sakene"
    else:
        todo = "med status planlagt. Fyll inn sted og dagsorden nå, og hvem som kom og sakene når møtet er holdt"
    print(f"Laget referatfil for {group.name} {norwegian_date(date)} {todo}; hjelpen står øverst i filen. Kjør så «make validate».")
    if problems:
        print(f"Merk: arkivet har {len(problems)} feil fra før. Kjør «make validate» for å se dem.")
    return 0


if __name__ == "__main__":
    run(main, "new_meeting.py")
