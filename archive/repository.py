"""Loading the whole archive: data files, meetings, and the checks across them.

`load_repository(root)` is the one entry point the macros module and every
script share. It never raises on bad input: it returns the repository it could
build and the list of problems, each with path and line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from archive import actions, model, schema
from archive.problems import Problem
from archive.records import RecordBuilder, Reference
from archive.sections import looks_numbered, split_body
from archive.sources import LocatedList, decode, load_yaml, report_tabs, split_front_matter
from archive.suggest import nearest

DATA_DIR = "data"
DOCS_DIR = "docs"
MEETINGS_DIR = "moter"  # below docs/
FOCUS_AREA_DIR = "satsingsomrader"  # below docs/
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

# Raw HTML that could run code in a visitor's browser.
UNSAFE_HTML = [
    (re.compile(r"<\s*script\b", re.IGNORECASE), "<script>"),
    (re.compile(r"<\s*iframe\b", re.IGNORECASE), "<iframe>"),
    (re.compile(r"<\s*(object|embed)\b", re.IGNORECASE), "<object>/<embed>"),
    (re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE), "on...=-attributter"),
    (re.compile(r"javascript\s*:", re.IGNORECASE), "javascript:-lenker"),
]


def report_unsafe_html(text: str, report, what: str) -> None:
    """Raw HTML that could run code is refused anywhere in a file: front matter
    and data reach the page through the views just as the body does."""
    for number, line in enumerate(text.split("\n"), start=1):
        for pattern, name in UNSAFE_HTML:
            if pattern.search(line):
                report(number, f"{what} inneholder {name}, som kan kjøre kode i leserens nettleser. Fjern det; skriv vanlig tekst eller Markdown.")



@dataclass
class Repository:
    root: Path
    people: dict[str, model.Person] = field(default_factory=dict)
    organisations: dict[str, model.Organisation] = field(default_factory=dict)
    groups: dict[str, model.Group] = field(default_factory=dict)
    focus_areas: dict[str, model.FocusArea] = field(default_factory=dict)
    clusters: dict[str, model.Cluster] = field(default_factory=dict)
    events: dict[str, model.Event] = field(default_factory=dict)
    meetings: list[model.Meeting] = field(default_factory=list)  # oldest first
    today: dt.date = field(default_factory=dt.date.today)

    def __post_init__(self) -> None:
        self._index()

    def _index(self) -> None:
        """Build the lookups once, so every view is linear in the archive's size."""
        self.meetings.sort(key=lambda m: (m.sort_date, m.id))
        self.meetings_by_id = {m.id: m for m in self.meetings}
        self.meetings_by_src = {m.src_path: m for m in self.meetings}
        self.meetings_by_group: dict[str, list[model.Meeting]] = defaultdict(list)
        self.position_in_group: dict[str, int] = {}  # previous/next without a search
        self.items_by_focus_area: dict[str, list[tuple[model.Meeting, model.AgendaItem]]] = defaultdict(list)
        self.items_by_group: dict[str, list[tuple[model.Meeting, model.AgendaItem]]] = defaultdict(list)
        self.meetings_by_cluster: dict[str, list[model.Meeting]] = defaultdict(list)
        self.meetings_by_event: dict[str, list[model.Meeting]] = defaultdict(list)
        self.attended: dict[str, list[model.Meeting]] = defaultdict(list)
        self.actions_by_key: dict[str, model.ActionItem] = {}
        for meeting in self.meetings:
            self.position_in_group[meeting.id] = len(self.meetings_by_group[meeting.group])
            self.meetings_by_group[meeting.group].append(meeting)
            for person in meeting.attendees:
                self.attended[person].append(meeting)
            for event in meeting.events:
                self.meetings_by_event[event].append(meeting)
            clusters_seen: set[str] = set()
            for item in meeting.agenda:
                for area in item.focus_areas:
                    self.items_by_focus_area[area].append((meeting, item))
                for group in item.groups:
                    self.items_by_group[group].append((meeting, item))
                clusters_seen.update(item.clusters)
                for action in item.actions:
                    self.actions_by_key[action.key] = action
            for cluster in sorted(clusters_seen):
                self.meetings_by_cluster[cluster].append(meeting)
        self._index_actions()

    def _index_actions(self) -> None:
        # Chains of carried-forward items (see archive/actions.py), built once.
        self.action_chains = actions.build_chains(self.meetings)
        self.chain_of: dict[str, actions.ActionChain] = {}
        self.open_chains_by_owner: dict[str, list[actions.ActionChain]] = defaultdict(list)
        for chain in self.action_chains:
            for entry in chain.entries:
                self.chain_of[entry.key] = chain
            if chain.is_open:
                for owner in chain.owners:
                    self.open_chains_by_owner[owner].append(chain)

    # -- lookups used by the views --------------------------------------

    def previous_meeting(self, meeting: model.Meeting) -> model.Meeting | None:
        same_group = self.meetings_by_group[meeting.group]
        index = self.position_in_group[meeting.id]
        return same_group[index - 1] if index > 0 else None

    def next_meeting(self, meeting: model.Meeting) -> model.Meeting | None:
        same_group = self.meetings_by_group[meeting.group]
        index = self.position_in_group[meeting.id]
        return same_group[index + 1] if index + 1 < len(same_group) else None

    def name_of(self, ref: str) -> str:
        """Display name of a person or group id."""
        if ref in self.people:
            return self.people[ref].name
        if ref in self.groups:
            return self.groups[ref].name
        return ref

    def working_groups(self, parent: str) -> list[model.Group]:
        return [g for g in self.groups.values() if g.parent == parent]

    def group_of_person(self, person_id: str) -> list[model.Group]:
        return [
            g for g in self.groups.values()
            if person_id in g.members or person_id in (g.leader, g.responsible, g.secretary)
        ]


# -- loading -----------------------------------------------------------------

DATA_KINDS = {
    "organisations": schema.ORGANISATION,
    "people": schema.PERSON,
    "groups": schema.GROUP,
    "focus_areas": schema.FOCUS_AREA,
    "clusters": schema.CLUSTER,
    "events": schema.EVENT,
}


def load_repository(root: Path | str, today: dt.date | None = None) -> tuple[Repository, list[Problem]]:
    root = Path(root)
    problems: list[Problem] = []
    references: list[Reference] = []
    records: dict[str, dict] = {}
    for attr, kind_schema in DATA_KINDS.items():
        path = root / DATA_DIR / kind_schema.data_file
        loaded, refs = load_data_file(path, kind_schema, _rel(path, root), problems)
        records[attr] = _by_id(loaded, kind_schema, problems)
        references += refs
    meetings: list[model.Meeting] = []
    meetings_dir = root / DOCS_DIR / MEETINGS_DIR
    # Minutes live in one folder per group; pages directly in moter/ are the archive's own.
    for path in sorted(meetings_dir.glob("*/**/*.md")) if meetings_dir.is_dir() else []:
        if path.name == "index.md":
            continue
        meeting, refs = load_meeting_file(path, root, problems)
        if meeting is not None:
            meetings.append(meeting)
            references += refs
    repo = Repository(root=root, meetings=meetings, today=today or dt.date.today(), **records)
    problems += check_references(repo, references)
    problems += check_meetings(repo)
    problems += check_focus_area_pages(repo)
    return repo, sorted(set(problems))


def load_data_file(path: Path, kind_schema: schema.Schema, display_path: str, problems: list[Problem]):
    def report(line: int, message: str) -> None:
        problems.append(Problem(display_path, line, message))

    builder = RecordBuilder(display_path, report)
    if not path.exists():
        report(0, f"filen mangler; den skal inneholde en liste med {kind_schema.plural}.")
        return [], []
    text = decode(path.read_bytes(), report)
    if text is None:
        return [], []
    if not text.strip():
        report(1, "filen er tom.")
        return [], []
    report_unsafe_html(text, report, "filen")
    if report_tabs(text, report):
        return [], []
    data = load_yaml(text, report)
    if data is None:
        return [], []
    if not isinstance(data, LocatedList):
        report(1, f"filen skal være en liste med {kind_schema.plural}, der hver starter med «- id: ...».")
        return [], []
    loaded = []
    for index, item in enumerate(data):
        record = builder.build(kind_schema, item, data.line_of(index))
        if record is not None and getattr(record, "id", ""):
            loaded.append(record)
    return loaded, builder.references


def _by_id(loaded: list, kind_schema: schema.Schema, problems: list[Problem]) -> dict:
    result: dict = {}
    for record in loaded:
        if record.id in result:
            first = result[record.id]
            problems.append(Problem(record.path, record.line, f"id «{record.id}» er brukt før (linje {first.line}); hver {kind_schema.label} trenger sin egen id."))
            continue
        result[record.id] = record
    return result


def load_meeting_file(path: Path, root: Path, problems: list[Problem]):
    display_path = _rel(path, root)
    docs = root / DOCS_DIR
    src_path = path.relative_to(docs).as_posix()
    meeting_id = path.relative_to(docs / MEETINGS_DIR).with_suffix("").as_posix()

    def report(line: int, message: str) -> None:
        problems.append(Problem(display_path, line, message))

    text = decode(path.read_bytes(), report)
    if text is None:
        return None, []
    return meeting_from_text(text, display_path, meeting_id, src_path, report)


def meeting_from_text(text: str, display_path: str, meeting_id: str, src_path: str, report):
    """Build one meeting from the text of its file; used for files and tests alike."""
    report_unsafe_html(text, report, "referatet")
    document = split_front_matter(text, report)
    if document.meta is None:
        # An unclosed block starting with --- is reported by split_front_matter already.
        if not document.has_front_matter and text.strip() and not text.startswith("---"):
            report(1, "referatet mangler topptekst (front matter) mellom to linjer med «---». Se malen i veiledningen.")
        return None, []
    builder = RecordBuilder(display_path, report)
    meeting = builder.build(schema.MEETING, document.meta, 1)
    if meeting is None:
        return None, []
    meeting.id = meeting_id
    meeting.src_path = src_path
    meeting.body = document.body
    meeting.body_first_line = document.body_first_line
    for item in meeting.agenda:
        for index, action in enumerate(item.actions, start=1):
            action.meeting_id = meeting_id
            action.agenda_number = item.number
            action.index = index
    _check_meeting_on_its_own(meeting, report, tuple(document.meta))
    return meeting, builder.references


def _check_meeting_on_its_own(meeting: model.Meeting, report, meeting_keys=()) -> None:
    """Checks that need only this one file."""
    keys = set(meeting_keys)
    if "dato" in keys and keys & {"dato_etter", "dato_før"}:
        report(meeting.line_of("date"), "skriv enten «dato» eller «dato_etter» og «dato_før», ikke begge.")
    elif "dato" not in keys:
        # An unknown date must be bounded on both sides; the site says so.
        if not ({"dato_etter", "dato_før"} <= keys):
            report(1, "møtet mangler «dato». Er datoen ukjent, fyll ut både «dato_etter» og «dato_før».")
        elif meeting.date_after and meeting.date_before and meeting.date_after >= meeting.date_before:
            report(meeting.line_of("date_after"), "«dato_etter» må være før «dato_før».")
    if meeting.start and meeting.end and meeting.end <= meeting.start:
        report(meeting.line_of("end"), f"sluttid {meeting.end} er ikke etter starttid {meeting.start}.")
    numbers: dict[str, int] = {}
    for item in meeting.agenda:
        if item.number in numbers:
            report(item.line, f"saksnummer «{item.number}» er brukt før (linje {numbers[item.number]}).")
        numbers.setdefault(item.number, item.line)
        action_ids: set[str] = set()
        for action in item.actions:
            if action.id and action.id in action_ids:
                report(action.line, f"oppfølgingspunktet «{action.id}» står to ganger i samme sak.")
            if action.id:
                action_ids.add(action.id)
    roles = [
        ("møteleder", [meeting.chair] if meeting.chair else []),
        ("tilstede", meeting.present),
        ("tilstede_digitalt", meeting.present_online),
        ("forfall", meeting.absent),
    ]
    seen: dict[str, str] = {}
    for key, people in roles:
        for person in people:
            if person in seen:
                report(meeting.line_of(_attr_of(key)), f"«{person}» står både under «{seen[person]}» og «{key}».")
            seen.setdefault(person, key)
    split = split_body(meeting.body, meeting.body_first_line, list(numbers))
    for section in split.unmatched:
        if looks_numbered(section.heading):
            report(section.line, f"overskriften «## {section.heading}» passer ikke med noen sak under «saker» i toppteksten. Rett nummeret, eller legg saken til.")


def _attr_of(key: str) -> str:
    return schema.MEETING.by_key()[key].attr


# -- checks across files -----------------------------------------------------

def _candidates(repo: Repository, kind: str) -> dict[str, str]:
    """Known ids of a kind, with a display name for suggestions."""
    if kind == "person":
        return {k: v.name for k, v in repo.people.items()}
    if kind == "group":
        return {k: v.name for k, v in repo.groups.items()}
    if kind == "person_or_group":
        return {**_candidates(repo, "person"), **_candidates(repo, "group")}
    if kind == "organisation":
        return {k: v.name for k, v in repo.organisations.items()}
    if kind == "focus_area":
        return {k: v.name for k, v in repo.focus_areas.items()}
    if kind == "cluster":
        return {k: v.name for k, v in repo.clusters.items()}
    if kind == "event":
        return {k: v.title for k, v in repo.events.items()}
    if kind == "meeting":
        return {m.id: m.id for m in repo.meetings}
    raise ValueError(kind)


KIND_LABELS = {
    "person": "person",
    "group": "gruppe",
    "person_or_group": "person eller gruppe",
    "organisation": "organisasjon",
    "focus_area": "satsingsområde",
    "cluster": "klynge",
    "event": "arrangement",
    "meeting": "møte",
}

WHERE_DEFINED = {
    "person": "data/personer.yaml",
    "group": "data/grupper.yaml",
    "person_or_group": "data/personer.yaml eller data/grupper.yaml",
    "organisation": "data/organisasjoner.yaml",
    "focus_area": "data/satsingsomrader.yaml",
    "cluster": "data/klynger.yaml",
    "event": "data/arrangementer.yaml",
    "meeting": "docs/moter/",
}


def check_references(repo: Repository, references: Iterable[Reference]) -> list[Problem]:
    problems = []
    cache: dict[str, dict[str, str]] = {}
    for ref in references:
        # Not cache.setdefault(kind, _candidates(...)): that builds the candidates
        # for every reference, and made validation quadratic (scripts/bench.py).
        known = cache.get(ref.kind)
        if known is None:
            known = cache[ref.kind] = _candidates(repo, ref.kind)
        if ref.target in known:
            continue
        problems.append(Problem(ref.path, ref.line, unknown_reference_message(ref.kind, ref.target, known)))
    return problems


def unknown_reference_message(kind: str, target: str, known: dict[str, str]) -> str:
    # Match against ids and display names alike: "Asbjørn Lunde" finds asbjorn-lunde.
    by_label = {}
    for ref_id, name in known.items():
        by_label[ref_id] = ref_id
        by_label[name] = ref_id
    suggestions: list[str] = []
    for label in nearest(target, list(by_label), limit=6):
        ref_id = by_label[label]
        if ref_id not in suggestions:
            suggestions.append(ref_id)
    message = f"ukjent {KIND_LABELS[kind]} «{target}»"
    if suggestions:
        shown = [f"«{s}» ({known[s]})" if known[s] != s else f"«{s}»" for s in suggestions[:3]]
        message += "; mente du " + " eller ".join(shown) + "?"
    else:
        message += f". Legg til oppføringen i {WHERE_DEFINED[kind]} først."
    return message


def check_meetings(repo: Repository) -> list[Problem]:
    problems = []
    by_group_date: dict[tuple[str, dt.date], model.Meeting] = {}
    for meeting in repo.meetings:
        folder = meeting.id.split("/")[0] if "/" in meeting.id else ""
        if folder and folder != meeting.group and meeting.group in repo.groups:
            problems.append(Problem(meeting.path, meeting.line_of("group"), f"referatet ligger i mappen «{folder}», men «gruppe» er «{meeting.group}». Flytt filen til docs/moter/{meeting.group}/."))
        if meeting.date:
            key = (meeting.group, meeting.date)
            if key in by_group_date:
                other = by_group_date[key]
                problems.append(Problem(meeting.path, meeting.line_of("date"), f"gruppen har allerede et møte denne datoen: {other.path}."))
            by_group_date.setdefault(key, meeting)
            if meeting.status in ("utkast", "godkjent") and meeting.date > repo.today:
                problems.append(Problem(meeting.path, meeting.line_of("date"), f"møtet har status «{meeting.status}» (avholdt), men datoen {meeting.date.isoformat()} er fram i tid. Bruk status «planlagt» eller rett datoen."))
        base = (repo.root / DOCS_DIR / meeting.src_path).parent
        for attachment in meeting.attachments:
            if not attachment.file:
                continue
            file = base / attachment.file
            if not file.is_file():
                problems.append(Problem(meeting.path, attachment.line_of("file"), f"vedlegget «{attachment.file}» finnes ikke. Last opp filen til {(Path(DOCS_DIR) / meeting.src_path).parent.as_posix()}/{attachment.file}."))
            elif file.stat().st_size > MAX_ATTACHMENT_BYTES:
                size = file.stat().st_size / 1024 / 1024
                problems.append(Problem(meeting.path, attachment.line_of("file"), f"vedlegget «{attachment.file}» er {size:.1f} MB; største tillatte er {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB. Komprimer PDF-en eller del den opp."))
        for action in meeting.actions:
            origin = repo.actions_by_key.get(action.carried_from or "")
            if origin is not None and repo.meetings_by_id[origin.meeting_id].sort_date >= meeting.sort_date:
                problems.append(Problem(meeting.path, action.line_of("carried_from"), f"«fra: {action.carried_from}» peker på et møte som ikke er tidligere enn dette; et punkt kan bare følges opp fra et tidligere møte."))
            if action.carried_from and origin is None:
                # Only items recorded at earlier meetings can be carried forward.
                known = {
                    key: a.task for key, a in repo.actions_by_key.items()
                    if repo.meetings_by_id[a.meeting_id].sort_date < meeting.sort_date
                }
                problems.append(Problem(meeting.path, action.line_of("carried_from"), unknown_reference_message("meeting", action.carried_from, known).replace("ukjent møte", "ukjent oppfølgingspunkt")))
    return problems


def check_focus_area_pages(repo: Repository) -> list[Problem]:
    """Each focus area has its page in docs/satsingsomrader/ (a one-line stub)."""
    folder = repo.root / DOCS_DIR / FOCUS_AREA_DIR
    if not folder.is_dir():
        return []
    problems = []
    for area in repo.focus_areas.values():
        if not (folder / f"{area.id}.md").is_file():
            problems.append(Problem(area.path, area.line, f"satsingsområdet «{area.id}» mangler sin side: lag {DOCS_DIR}/{FOCUS_AREA_DIR}/{area.id}.md (kopier en av de andre sidene der og bytt id)."))
    return problems


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
