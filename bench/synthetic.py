"""A synthetic archive of N meetings for the benchmark (scripts/bench.py).

Imports nothing from archive/: it writes plain files, the way a secretary
would, and the benchmark then loads them through the real model. The output
is a complete repository: mkdocs.yml, overrides/, archive/, scripts/ and the
non-meeting pages of docs/ copied from this one (same navigation), the real
data files with synthetic people, clusters and events added, and N minutes
spread over Næringsgruppen and its five working groups, each with attendees,
agenda items tied to focus areas and clusters, decisions and action items,
some carried forward from the group's previous meeting.

Deterministic: the same N gives the same files.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROUPS = ["naeringsgruppen", "arbeidsgruppe-1", "arbeidsgruppe-2", "arbeidsgruppe-3", "arbeidsgruppe-4", "arbeidsgruppe-5"]
FOCUS_AREAS = ["internasjonal-rekruttering", "sirkulaerokonomi", "naeringsutviklingsprosjekter", "kompetansebehov", "attraktivitet-og-tilflytting"]
FIRST_NAMES = ["Kari", "Ola", "Ingrid", "Lars", "Sigrid", "Nils", "Astrid", "Håkon", "Solveig", "Øystein", "Åse", "Bjørn", "Tone", "Geir", "Marit", "Espen"]
LAST_NAMES = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Haugen",
    "Bakken",
    "Solberg",
    "Strand",
    "Ødegård",
    "Lie",
]
TOPICS = [
    "Næringsklynger – status",
    "Rekruttering av internasjonal arbeidskraft",
    "Sirkulære innkjøp i kommunene",
    "Felles profilering av regionen",
    "Kompetansebehov i industrien",
    "Tilflytting og bolig",
    "Nye næringsarealer",
    "Samarbeid med fylkeskommunene",
    "Innovasjon Norges virkemidler",
    "Eventuelt",
]
SENTENCES = [
    "Gruppen drøftet hvordan kommunene kan samarbeide tettere med klyngene i regionen.",
    "Det ble pekt på at mange virksomheter mangler fagarbeidere, særlig innen bygg og anlegg.",
    "Referatene fra arbeidsgruppene viser at flere prosjekter er i gang.",
    "Sekretariatet lager et notat til neste møte med forslag til prioriteringer.",
    "Flere medlemmer ønsket en felles oversikt over næringsarealer i regionen.",
    "Ombruk av kontormøbler og sirkulære anskaffelser ble trukket fram som eksempler.",
    "Det er behov for bedre dialog mellom næringslivet og utdanningsinstitusjonene.",
    "Møtene i arbeidsgruppene holdes digitalt, med ett fysisk møte i halvåret.",
]
FOCUS_AREA_NAMES = {
    "internasjonal-rekruttering": "Internasjonal rekruttering og kompetansebygging",
    "sirkulaerokonomi": "Sirkulærøkonomi",
    "naeringsutviklingsprosjekter": "Næringsutviklingsprosjekter",
    "kompetansebehov": "Kompetansebehov og læringsmuligheter",
    "attraktivitet-og-tilflytting": "Attraktivitet og tilflytting",
}
PEOPLE_PER_200_MEETINGS = 40
CLUSTERS = 30
EVENTS = 40


def _copy_site_skeleton(target: Path) -> None:
    """Configuration, code and every page of docs/ except the minutes themselves."""
    for name in ("mkdocs.yml", "zensical.toml"):
        shutil.copy2(ROOT / name, target / name)
    ignore = shutil.ignore_patterns("__pycache__", "eksport")
    for folder in ("overrides", "archive", "scripts", "data", "macros"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, target / folder, ignore=ignore)
    shutil.copytree(ROOT / "docs", target / "docs", ignore=ignore)
    meetings = target / "docs" / "moter"
    for group_folder in [p for p in meetings.iterdir() if p.is_dir()]:
        shutil.rmtree(group_folder)


def _people(count: int, organisations: list[str]) -> list[dict]:
    people = []
    for index in range(count):
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        last = LAST_NAMES[(index // len(FIRST_NAMES)) % len(LAST_NAMES)]
        people.append(
            {
                "id": f"syn-person-{index:04d}",
                "navn": f"{first} {last} {index}",
                "organisasjon": organisations[index % len(organisations)],
            }
        )
    return people


def _append_records(path: Path, records: list[dict]) -> None:
    lines = ["", "# Synthetic records for the benchmark (bench/synthetic.py)."]
    for record in records:
        lines.append("")
        first = True
        for key, value in record.items():
            prefix = "- " if first else "  "
            first = False
            if isinstance(value, list):
                lines.append(f"{prefix}{key}:")
                lines += [f"    - {item}" for item in value]
            else:
                lines.append(f'{prefix}{key}: "{value}"' if key in ("start", "slutt") else f"{prefix}{key}: {value}")
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join(lines) + "\n", encoding="utf-8")


def _ids_in(path: Path) -> list[str]:
    return [line.split(":", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("- id:")]


# What becomes of a follow-up at the group's next meeting: closed there, carried
# on still open, or never mentioned again (and so open for good). About a third
# of all tasks end open, as in a real group's minutes.
CLOSED, CARRIED = 0.55, 0.15
NEW_TASKS = 2  # per meeting, under item 3
# The archive ends here and runs back in time, two weeks per meeting per group,
# so that its last meetings are recent; each group has one planned meeting ahead.
LAST_DAY = dt.date(2026, 11, 26)
PLANNED_DAY = dt.date(2027, 1, 14)


@dataclass
class OpenTask:
    date: dt.date  # the meeting of the task's latest entry
    index: int  # its number among that item's follow-ups («punkt N»)
    text: str


def _meeting_text(
    rng: random.Random,
    group: str,
    date: dt.date,
    people: dict[str, str],
    clusters: dict[str, str],
    events: list[str],
    open_tasks: list[OpenTask],
) -> str:
    """One meeting in the minutes format, written as a secretary would: names, labels, task lists.

    `open_tasks` are the group's tasks still open: some are closed or carried on
    here, and the new tasks of this meeting join the list.
    """
    attendees = rng.sample(list(people), 12)
    chair, secretary, present, online, absent = attendees[0], attendees[1], attendees[2:8], attendees[8:10], attendees[10:12]
    lines = [
        "---",
        f"gruppe: {group}",
        f"dato: {date.isoformat()}",
        'start: "13:00"',
        'slutt: "15:00"',
        "sted: Osloregionens kontor, Oslo",
        "digitalt: Teams",
        "status: godkjent",
        f"møteleder: {people[chair]}",
        f"referent: {people[secretary]}",
        "tilstede:",
        *[f"  - {people[p]}" for p in present],
        "tilstede_digitalt:",
        *[f"  - {people[p]}" for p in online],
        "forfall:",
        *[f"  - {people[p]}" for p in absent],
    ]
    if rng.random() < 0.2:
        lines += ["arrangementer:", f"  - {rng.choice(events)}"]
    lines += ["---", "", "Møtet ble åpnet av møteleder.", ""]
    for number in range(1, 6):
        title = rng.choice(TOPICS)
        lines += [f"## {number}. {title}", "", f"Satsingsområde: {FOCUS_AREA_NAMES[rng.choice(FOCUS_AREAS)]}"]
        if rng.random() < 0.4:
            lines.append(f"Klynger: {clusters[rng.choice(list(clusters))]}")
        lines.append("")
        for _ in range(rng.randint(2, 4)):
            lines += [" ".join(rng.sample(SENTENCES, 3)), ""]
        if rng.random() < 0.6:
            lines += [f"Vedtak: Gruppen tok saken til orientering og ber sekretariatet følge opp sak {number}.", ""]
        if number == 3:
            due = (date + dt.timedelta(days=28)).isoformat()
            position = 0
            still_open: list[OpenTask] = []
            for task in open_tasks:
                fate = rng.random()
                fra = f"Fra: {task.date.isoformat()}, sak 3, punkt {task.index}."
                if fate < CLOSED:
                    position += 1
                    lines.append(f"- [x] {task.text} Ansvar: {people[rng.choice(attendees)]}. {fra}")
                elif fate < CLOSED + CARRIED:
                    position += 1
                    lines.append(f"- [ ] {task.text} Ansvar: {people[rng.choice(attendees)]}. Frist: {due}. {fra}")
                    still_open.append(OpenTask(date, position, task.text))  # the chain goes on from here
                # else: never mentioned again, so open for good
            for offset in range(1, NEW_TASKS + 1):
                position += 1
                text = f"Lage et kort notat ({offset}) om status for «{title}» til møtet etter {date.isoformat()}."
                lines.append(f"- [ ] {text} Ansvar: {people[rng.choice(attendees)]}. Frist: {due}.")
                still_open.append(OpenTask(date, position, text))
            open_tasks[:] = still_open
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _planned_text(group: str, date: dt.date) -> str:
    """The group's next meeting, planned: an innkalling with its agenda."""
    return "\n".join(
        [
            "---",
            f"gruppe: {group}",
            f"dato: {date.isoformat()}",
            'start: "13:00"',
            'slutt: "15:00"',
            "sted: Osloregionens kontor, Oslo",
            "status: planlagt",
            "---",
            "",
            "## 1. Godkjenning av innkalling og dagsorden",
            "",
            "## 2. Godkjenning av referat fra forrige møte",
            "",
            "## 3. Status i arbeidsgruppene",
            "",
            "## 4. Eventuelt",
            "",
        ]
    )


def write_repository(target: Path, meetings: int, seed: int = 1) -> Path:
    """Write a valid repository with `meetings` minutes into `target` (created)."""
    rng = random.Random(seed)
    target.mkdir(parents=True, exist_ok=False)
    _copy_site_skeleton(target)
    data = target / "data"
    organisations = _ids_in(data / "organisasjoner.yaml")
    people = _people(max(PEOPLE_PER_200_MEETINGS, meetings // 5), organisations)
    _append_records(data / "personer.yaml", people)
    clusters = [{"id": f"syn-klynge-{i:03d}", "navn": f"Klynge {i}", "bransje": "industri"} for i in range(CLUSTERS)]
    _append_records(data / "klynger.yaml", clusters)
    rounds = -(-meetings // len(GROUPS))  # meetings per group, rounded up
    first_day = LAST_DAY - dt.timedelta(days=14 * (rounds - 1) + len(GROUPS) - 1)
    span = (LAST_DAY - first_day).days
    events = [
        {
            "id": f"syn-arrangement-{i:03d}",
            "tittel": f"Regionkonferansen {i}",
            "dato": (first_day + dt.timedelta(days=span * i // EVENTS)).isoformat(),
            "gruppe": "naeringsgruppen",
        }
        for i in range(EVENTS)
    ]
    _append_records(data / "arrangementer.yaml", events)
    person_names = {p["id"]: p["navn"] for p in people}
    cluster_names = {c["id"]: c["navn"] for c in clusters}
    event_ids = [e["id"] for e in events]
    open_tasks: dict[str, list[OpenTask]] = {group: [] for group in GROUPS}
    for index in range(meetings):
        group = GROUPS[index % len(GROUPS)]
        # Each group meets every second week; groups meet on different weekdays.
        date = first_day + dt.timedelta(days=14 * (index // len(GROUPS)) + index % len(GROUPS))
        text = _meeting_text(rng, group, date, person_names, cluster_names, event_ids, open_tasks[group])
        path = target / "docs" / "moter" / group / f"{date.isoformat()}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for offset, group in enumerate(GROUPS):
        date = PLANNED_DAY + dt.timedelta(days=offset)
        (target / "docs" / "moter" / group / f"{date.isoformat()}.md").write_text(_planned_text(group, date), encoding="utf-8")
    return target


BASELINE_CONFIG = """\
site_name: Næringsgruppen i Osloregionen
site_url: http://127.0.0.1:8000/
theme:
  name: material
  language: nb
  font: false
markdown_extensions:
  - toc:
      permalink: true
      toc_depth: 2
  - attr_list
  - tables
plugins:
  - search:
      lang: ["no"]
"""


def write_baseline(ours: Path, target: Path) -> Path:
    """The same Markdown and navigation for plain MkDocs + Material, as it comes.

    The minutes and the hand-written pages of `ours`, a one-line page for each
    navigation entry the site generates, and the theme's own search: what a
    group would have with MkDocs alone and no data.
    """
    import yaml

    target.mkdir(parents=True, exist_ok=False)
    shutil.copytree(ours / "docs", target / "docs")

    class _Loader(yaml.SafeLoader):
        pass

    # Tags such as «!relative» and «!!python/name:…» (the toc's slugify) are not the baseline's.
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ours / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)

    def pages(entries):
        for entry in entries:
            if isinstance(entry, str):
                yield entry
            elif isinstance(entry, dict):
                for value in entry.values():
                    yield from ([value] if isinstance(value, str) else pages(value))

    for page in pages(config["nav"]):
        path = target / "docs" / page
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# {page}\n\nSide.\n", encoding="utf-8")
    nav = yaml.safe_dump({"nav": config["nav"]}, allow_unicode=True, sort_keys=False)
    (target / "mkdocs.yml").write_text(BASELINE_CONFIG + nav, encoding="utf-8")
    return target
