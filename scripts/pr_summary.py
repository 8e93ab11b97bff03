"""The pull request's preview: what the site will show for each changed meeting.

    python scripts/pr_summary.py                      # in GitHub Actions: the files the pull request changes
    python scripts/pr_summary.py --base main          # on your own machine: against a branch
    python scripts/pr_summary.py docs/moter/g/x.md    # these files

Writes Norwegian Markdown for the job summary (GITHUB_STEP_SUMMARY, or the
screen without it): for each changed meeting its facts, the people present,
every item with its decisions and follow-ups (Ansvar, Frist, Fra), read by
the same model as the site; and when the archive has problems, a plain
summary of them above the preview and each file's own under its meeting.
Text from the minutes is shown as text. Exit 0 when the summary is written:
the verdict on the files is the validator's (scripts/validate.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from _common import ROOT, NorwegianArgumentParser, markdown_text, plural, run
from pr_changes import UndecidedError, changed_files
from validate import check_archive

from archive import model
from archive.model.formatting import meeting_date, meeting_time, norwegian_date
from archive.model.problems import Problem, visible
from archive.model.repository import Repository
from archive.safety.markdown import plain_text

MAX_MEETINGS = 20  # shown in full; a larger pull request lists the rest by name
MAX_CHARS = 800_000  # GitHub takes at most 1 MiB of summary per step
STATUS = {"åpen": "Åpen", "ferdig": "Ferdig", "utgår": "Utgår"}
MEETING_STATUS = {"planlagt": "planlagt (ikke holdt ennå)", "utkast": "utkast (ikke godkjent ennå)", "godkjent": "godkjent"}


def md(text: str) -> str:
    return markdown_text(text)


def shown(markdown_text: str) -> str:
    """A line of Markdown from the minutes as the site shows its words (bold, links), as text."""
    return md(plain_text(markdown_text))


def code(path: str) -> str:
    return "`" + visible(path).replace("`", "'") + "`"


def names(repo: Repository, refs: list[str]) -> str:
    return ", ".join(md(repo.name_of(ref)) for ref in refs)


def action_line(repo: Repository, action: model.ActionItem) -> str:
    parts = [f"**{STATUS.get(action.status, action.status)}:** {shown(action.task)}"]
    details = []
    if action.owner:
        details.append(f"Ansvar: {names(repo, action.owner)}")
    if action.due:
        details.append(f"Frist: {norwegian_date(action.due)}")
    if action.carried_from and action.carried_from in repo.item_of_action:
        meeting, item = repo.item_of_action[action.carried_from]
        details.append(f"Fra: {md(repo.name_of(meeting.group))}, {meeting_date(meeting)}, {md(item.reference)}")
    if details:
        parts.append("(" + "; ".join(details) + ")")
    return " ".join(parts)


def item_lines(repo: Repository, item: model.AgendaItem) -> list[str]:
    lines = [f"- **{md(item.label)}**"]
    links = []
    for label, refs, records in (
        ("Satsingsområder", item.focus_areas, repo.focus_areas),
        ("Klynger", item.clusters, repo.clusters),
        ("Grupper", item.groups, repo.groups),
    ):
        if refs:
            links.append(f"{label}: " + ", ".join(md(records[ref].name) if ref in records else md(ref) for ref in refs))
    if item.refers_to_meeting and item.refers_to_meeting in repo.meetings_by_id:
        earlier = repo.meetings_by_id[item.refers_to_meeting]
        links.append(f"Gjelder: {md(repo.name_of(earlier.group))}, {meeting_date(earlier)}")
    if links:
        lines.append("  - " + ". ".join(links) + ".")
    lines += [f"  - **Vedtak:** {shown(decision.text)}" for decision in item.decisions]
    lines += [f"  - {action_line(repo, action)}" for action in item.actions]
    return lines


def meeting_preview(repo: Repository, meeting: model.Meeting, problems: list[Problem]) -> list[str]:
    lines = [f"### {md(repo.name_of(meeting.group))}, {meeting_date(meeting)}", "", code(meeting.path), ""]
    facts = [f"Status: {MEETING_STATUS.get(meeting.status, md(meeting.status))}"]
    when = meeting_time(meeting)
    if when:
        facts.append(f"Tid: {when}")
    if meeting.place:
        facts.append(f"Sted: {md(meeting.place)}")
    if meeting.online:
        facts.append(f"Digitalt: {md(meeting.online)}")
    if meeting.chair:
        facts.append(f"Møteleder: {names(repo, [meeting.chair])}")
    if meeting.secretary:
        facts.append(f"Referent: {names(repo, [meeting.secretary])}")
    lines.append(". ".join(facts) + ".")
    lines.append("")
    if meeting.status == "planlagt":
        lines += [
            "Møtet er ikke holdt: oppfølgingspunktene under er dagsorden, og de teller i oppfølgingslisten først når status er utkast eller godkjent.",
            "",
        ]
    people = [
        ("Til stede", meeting.present),
        ("Digitalt", meeting.present_online),
        ("Forfall", meeting.absent),
    ]
    written = [f"**{label}:** {names(repo, refs)}." for label, refs in people if refs]
    if written:
        lines += [" ".join(written), ""]
    elif meeting.held:
        lines += ["Ingen er ført opp som til stede.", ""]
    if meeting.attachments:
        lines += ["**Vedlegg:** " + ", ".join(md(a.title or a.file or "") for a in meeting.attachments) + ".", ""]
    if problems:
        lines += [f"**{plural(len(problems), 'feil', 'feil')} i denne filen** må rettes før nettstedet bygges:", ""]
        lines += [f"- linje {p.line}: {md(p.message)}" if p.line else f"- {md(p.message)}" for p in problems]
        lines.append("")
    decisions = sum(len(item.decisions) for item in meeting.agenda)
    follow_ups = sum(len(item.actions) for item in meeting.agenda)
    lines.append(
        f"**Saker:** {len(meeting.agenda)}, med {plural(decisions, 'vedtak', 'vedtak')} og {plural(follow_ups, 'oppfølgingspunkt', 'oppfølgingspunkter')}."
    )
    lines.append("")
    for item in meeting.agenda:
        lines += item_lines(repo, item)
    return lines


def summary(repo: Repository, problems: list[Problem], changed: list[str], root: Path) -> str:
    """The whole job summary, as Markdown."""
    by_path = {m.path: m for m in repo.meetings}
    problems_by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        problems_by_file.setdefault(problem.path, []).append(problem)
    meetings = [path for path in changed if path.startswith("docs/moter/") and path.endswith(".md")]
    others = [path for path in changed if path not in meetings]
    out = ["## Forhåndsvisning: slik blir de endrede møtene på nettstedet", ""]
    if problems:
        files = {p.path for p in problems}
        out += [
            f"> **Referatsjekken fant {plural(len(problems), 'feil', 'feil')} i {plural(len(files), 'fil', 'filer')}.** "
            "Nettstedet bygges ikke, og ingenting publiseres, før de er rettet. Hver feil står i tabellen over og ved linjen "
            "sin under «Files changed». Under står det sjekken kunne lese av de endrede møtene.",
            "",
        ]
    else:
        out += ["Referatsjekken fant ingen feil. Slik viser nettstedet møtene når pull requesten er godkjent og flettet inn:", ""]
    if not meetings:
        out += ["Ingen møtereferater er endret i denne pull requesten.", ""]
    for index, path in enumerate(meetings):
        if index == MAX_MEETINGS:
            rest = meetings[MAX_MEETINGS:]
            out += [f"Og {plural(len(rest), 'møte', 'møter')} til, som ikke vises her: " + ", ".join(code(p) for p in rest) + ".", ""]
            break
        meeting = by_path.get(path)
        if meeting is not None:
            out += [*meeting_preview(repo, meeting, problems_by_file.get(path, [])), ""]
        elif not (root / path).exists():
            out += [f"### {code(path)}", "", "Referatet er slettet: møtets side forsvinner fra nettstedet.", ""]
        else:
            own = problems_by_file.get(path, [])
            out += [f"### {code(path)}", "", "Referatet kunne ikke leses, så nettstedet kan ikke vise det. Rett dette først:", ""]
            out += [f"- linje {p.line}: {md(p.message)}" if p.line else f"- {md(p.message)}" for p in own] or ["- se feilene over."]
            out.append("")
    if others:
        out += ["### Andre endrede filer", ""]
        out += [f"- {code(path)}" + ("" if (root / path).exists() else " (slettet)") for path in others[:50]]
        if len(others) > 50:
            out.append(f"- og {len(others) - 50} til")
        out.append("")
    text = "\n".join(out).rstrip("\n") + "\n"
    if len(text) > MAX_CHARS:
        cut = text.rfind("\n", 0, MAX_CHARS)
        text = text[:cut] + "\n\n*Forhåndsvisningen er for lang for GitHub og er kuttet her.*\n"
    return text


def parse_args(argv: list[str] | None):
    parser = NorwegianArgumentParser(
        prog="pr_summary.py",
        description="Skriver et sammendrag av det nettstedet vil vise for hvert endret møte (for pull requestens sjekk).",
    )
    parser.add_argument("filer", nargs="*", metavar="FIL", help="vis disse filene (standard: filene pull requesten endrer)")
    parser.add_argument("--base", metavar="GREN", help="sammenlign med denne grenen eller commiten (standard: pull requestens fletting i GitHub Actions)")
    parser.add_argument("--rot", default=str(ROOT), metavar="MAPPE", help="arkivets rotmappe (standard: denne kopien av arkivet)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = Path(args.rot)
    if args.filer:
        changed = sorted({Path(name).as_posix().removeprefix("./") for name in args.filer})
    else:
        try:
            changed, _ = changed_files(root, args.base, os.environ.get("GITHUB_EVENT_PATH"))
        except UndecidedError as error:
            print(f"pr_summary.py: fant ikke hvilke filer som er endret: {error}", file=sys.stderr)
            return 1
    repo, problems = check_archive(root)
    text = summary(repo, problems, changed, root)
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(text)
        print(
            f"Forhåndsvisningen av {plural(sum(1 for p in changed if p.startswith('docs/moter/')), 'endret fil', 'endrede filer')} i docs/moter/ står i sammendraget."
        )
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    run(main, "pr_summary.py")
