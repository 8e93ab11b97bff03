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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROUPS = ["naeringsgruppen", "arbeidsgruppe-1", "arbeidsgruppe-2", "arbeidsgruppe-3", "arbeidsgruppe-4", "arbeidsgruppe-5"]
FOCUS_AREAS = ["internasjonal-rekruttering", "sirkulaerokonomi", "naeringsutviklingsprosjekter", "kompetansebehov", "attraktivitet-og-tilflytting"]
FIRST_NAMES = ["Kari", "Ola", "Ingrid", "Lars", "Sigrid", "Nils", "Astrid", "Håkon", "Solveig", "Øystein", "Åse", "Bjørn", "Tone", "Geir", "Marit", "Espen"]
LAST_NAMES = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen", "Haugen", "Bakken", "Solberg", "Strand", "Ødegård", "Lie"]
TOPICS = [
    "Næringsklynger – status", "Rekruttering av internasjonal arbeidskraft", "Sirkulære innkjøp i kommunene",
    "Felles profilering av regionen", "Kompetansebehov i industrien", "Tilflytting og bolig",
    "Nye næringsarealer", "Samarbeid med fylkeskommunene", "Innovasjon Norges virkemidler", "Eventuelt",
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
PEOPLE_PER_200_MEETINGS = 40
CLUSTERS = 30
EVENTS = 40


def _copy_site_skeleton(target: Path) -> None:
    """Configuration, code and every page of docs/ except the minutes themselves."""
    for name in ("mkdocs.yml",):
        shutil.copy2(ROOT / name, target / name)
    ignore = shutil.ignore_patterns("__pycache__", "eksport")
    for folder in ("overrides", "archive", "scripts", "data"):
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
        people.append({
            "id": f"syn-person-{index:04d}",
            "navn": f"{first} {last} {index}",
            "organisasjon": organisations[index % len(organisations)],
        })
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


def _meeting_text(rng: random.Random, group: str, date: dt.date, people: list[str], clusters: list[str],
                  events: list[str], previous_actions: list[str]) -> tuple[str, list[str]]:
    attendees = rng.sample(people, 12)
    chair, secretary, present, online, absent = attendees[0], attendees[1], attendees[2:8], attendees[8:10], attendees[10:12]
    lines = [
        "---", f"gruppe: {group}", f"dato: {date.isoformat()}", 'start: "13:00"', 'slutt: "15:00"',
        "sted: Osloregionens kontor, Oslo", "digitalt: Teams", "status: godkjent",
        f"møteleder: {chair}", f"referent: {secretary}",
        "tilstede:", *[f"  - {p}" for p in present],
        "tilstede_digitalt:", *[f"  - {p}" for p in online],
        "forfall:", *[f"  - {p}" for p in absent],
    ]
    if rng.random() < 0.2:
        lines += ["arrangementer:", f"  - {rng.choice(events)}"]
    lines.append("saker:")
    body = ["Møtet ble åpnet av møteleder.", ""]
    new_actions: list[str] = []
    meeting_id = f"{group}/{date.isoformat()}"
    for number in range(1, 6):
        title = rng.choice(TOPICS)
        lines += [f'  - nr: "{number}"', f"    tittel: {title}"]
        lines += ["    satsingsområder:", f"      - {rng.choice(FOCUS_AREAS)}"]
        if rng.random() < 0.4:
            lines += ["    klynger:", f"      - {rng.choice(clusters)}"]
        if rng.random() < 0.6:
            lines += ["    vedtak:", f"      - Gruppen tok saken til orientering og ber sekretariatet følge opp sak {number}."]
        if number == 3:
            lines.append("    oppfølging:")
            action_id = f"tiltak-{number}"
            lines += [f"      - id: {action_id}", "        ansvarlig:", f"          - {rng.choice(attendees)}",
                      "        oppgave: Lage et kort notat om status til neste møte.",
                      f"        frist: {(date + dt.timedelta(days=28)).isoformat()}", "        status: åpen"]
            new_actions.append(f"{meeting_id}#{action_id}")
            if previous_actions:
                lines += ["      - ansvarlig:", f"          - {rng.choice(attendees)}",
                          "        oppgave: Følge opp notatet fra forrige møte.", "        status: ferdig",
                          f"        fra: {previous_actions[0]}"]
        body += [f"## {number}. {title}", ""]
        for _ in range(rng.randint(2, 4)):
            body += [" ".join(rng.sample(SENTENCES, 3)), ""]
    lines.append("---")
    return "\n".join(lines) + "\n\n" + "\n".join(body).rstrip() + "\n", new_actions


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
    first_day = dt.date(2000, 1, 3)
    events = [{"id": f"syn-arrangement-{i:03d}", "tittel": f"Regionkonferansen {i}",
               "dato": (first_day + dt.timedelta(days=60 * i)).isoformat(), "gruppe": "naeringsgruppen"} for i in range(EVENTS)]
    _append_records(data / "arrangementer.yaml", events)
    person_ids = [p["id"] for p in people] + _ids_in(data / "personer.yaml")[:20]
    cluster_ids = [c["id"] for c in clusters]
    event_ids = [e["id"] for e in events]
    previous: dict[str, list[str]] = {}
    for index in range(meetings):
        group = GROUPS[index % len(GROUPS)]
        # Each group meets every second week; groups meet on different weekdays.
        date = first_day + dt.timedelta(days=14 * (index // len(GROUPS)) + index % len(GROUPS))
        text, actions = _meeting_text(rng, group, date, person_ids, cluster_ids, event_ids, previous.get(group, []))
        previous[group] = actions
        path = target / "docs" / "moter" / group / f"{date.isoformat()}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return target


def write_baseline(ours: Path, target: Path) -> Path:
    """The same Markdown and navigation for plain MkDocs + Material: no macros, no data.

    mkdocs.yml loses only the macros plugin; theme, search settings, nav,
    validation and extra CSS/JS stay. Pages that call macros show the calls as text.
    """
    target.mkdir(parents=True, exist_ok=False)
    shutil.copytree(ours / "docs", target / "docs")
    shutil.copytree(ours / "overrides", target / "overrides")
    kept, skipping = [], False
    for line in (ours / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("  - macros:"):
            skipping = True
            continue
        if skipping and (line.startswith("      ") or not line.strip() or line.lstrip().startswith("#") and line.startswith("    ")):
            continue
        skipping = False
        kept.append(line)
    (target / "mkdocs.yml").write_text("\n".join(kept) + "\n", encoding="utf-8")
    return target
