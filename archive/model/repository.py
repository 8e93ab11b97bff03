"""Loading the whole archive: data files, minutes, pages, and the checks across them.

`load_repository(root)` is the one entry point the site builder and every
script share. It never raises on bad input: it returns the repository it
could build and the list of problems, each with path and line.

Every file under docs/ and data/ is either read and checked here or refused:
minutes, the site's own pages, attachments and images; anything else (a
script, an HTML file, a symbolic link, a page in the meetings folder that is
no meeting) is a problem with its path.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from archive import model
from archive.model import actions, schema
from archive.model.language import meeting_language
from archive.model.links import may_hold_links_or_html, meeting_markdown
from archive.model.minutes import Context, MeetingRef, read_body
from archive.model.names import NameIndex, group_entries, named_entries, person_entries
from archive.model.paths import (
    DATA_DIR,
    DOCS_DIR,
    GENERATED_FOLDERS,
    GENERATED_PAGES,
    MEETINGS_DIR,
    is_generated,
    page_url,
)
from archive.model.problems import Problem
from archive.model.records import ID_RE, RecordBuilder, Reference
from archive.model.sources import PARSER_FAILURES, LocatedList, decode, load_yaml, report_control_characters, report_tabs, split_front_matter
from archive.safety.rules import report_attribute_lists, report_markdown_shape, scan_markdown

MAX_MINUTES_BYTES = 1_000_000
# Real minutes and data have lines of a few hundred characters; a line of
# 10,000 is a paragraph of some 1,500 words. Longer lines are refused before
# anything reads them: every reader stays quick whatever a line holds.
MAX_LINE_CHARS = 10_000
MAX_DATA_BYTES = 2_000_000
MAX_RECORDS = 5_000  # in one data file: people, organisations, events …
MAX_ATTACHMENT_BYTES = 20_000_000
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})
FILE_SUFFIXES = IMAGE_SUFFIXES | frozenset({".pdf", ".docx", ".doc", ".xlsx", ".xls", ".pptx", ".ppt", ".odt", ".ods", ".odp", ".txt", ".csv"})
PROPOSED_PEOPLE_SUFFIX = ".nye-personer.yaml"  # what the importer writes beside a draft (archive/importer/people.py)
_MEETING_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class WrittenPage:
    """A page of the site written by hand (the guide, the open-data page)."""

    src_path: str
    path: str
    title: str | None
    description: str | None
    body: str
    body_first_line: int
    render_macros: bool = False  # a template of the site's macros (archive/safety/templates.py)


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
    pages: dict[str, WrittenPage] = field(default_factory=dict)  # hand-written pages by source path
    files: list[str] = field(default_factory=list)  # attachments and images, source paths
    names: dict[str, NameIndex] = field(default_factory=dict)  # people, groups … by name and id
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
        self._mentions = None  # views.directory.mentions, computed on first use
        self.attended: dict[str, list[model.Meeting]] = defaultdict(list)
        self.involved: dict[str, list[model.Meeting]] = defaultdict(list)  # any role, absent included
        self.actions_by_key: dict[str, model.ActionItem] = {}
        self.item_of_action: dict[str, tuple[model.Meeting, model.AgendaItem]] = {}
        self.areas_of_group: dict[str, list[str]] = defaultdict(list)
        for area in self.focus_areas.values():
            if area.working_group:
                self.areas_of_group[area.working_group].append(area.id)
        for meeting in self.meetings:
            self.position_in_group[meeting.id] = len(self.meetings_by_group[meeting.group])
            self.meetings_by_group[meeting.group].append(meeting)
            for person in meeting.attendees:
                self.attended[person].append(meeting)
            for person in dict.fromkeys([*meeting.attendees, *meeting.absent]):
                self.involved[person].append(meeting)
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
                    self.item_of_action[action.key] = (meeting, item)
            for cluster in sorted(clusters_seen):
                self.meetings_by_cluster[cluster].append(meeting)
        self.action_chains = actions.build_chains(self.meetings)
        self.chain_of: dict[str, actions.ActionChain] = {}
        self.chains_by_owner: dict[str, list[actions.ActionChain]] = defaultdict(list)
        for chain in self.action_chains:
            for entry in chain.entries:
                self.chain_of[entry.key] = chain
            for owner in chain.owners:
                self.chains_by_owner[owner].append(chain)

    # -- lookups used by the views --------------------------------------

    def previous_meeting(self, meeting: model.Meeting) -> model.Meeting | None:
        index = self.position_in_group[meeting.id]
        return self.meetings_by_group[meeting.group][index - 1] if index > 0 else None

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

    def groups_of_person(self, person_id: str) -> list[model.Group]:
        return [g for g in self.groups.values() if person_id in g.members or person_id in (g.leader, g.responsible, g.secretary)]


# -- loading -----------------------------------------------------------------

DATA_KINDS = {
    "organisations": schema.ORGANISATION,
    "people": schema.PERSON,
    "groups": schema.GROUP,
    "focus_areas": schema.FOCUS_AREA,
    "clusters": schema.CLUSTER,
    "events": schema.EVENT,
}


class _Problems(list):
    def reporter(self, path: str):
        def report(line: int, message: str) -> None:
            self.append(Problem(path, line, message))

        return report


def load_repository(root: Path | str, today: dt.date | None = None) -> tuple[Repository, list[Problem]]:
    # The loader makes hundreds of thousands of small objects and no garbage
    # cycles: the cyclic collector only costs time here (a fifth of it).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_repository(Path(root), today)
    finally:
        if collecting:
            gc.enable()


def _load_repository(root: Path, today: dt.date | None) -> tuple[Repository, list[Problem]]:
    problems = _Problems()
    linked = refuse_linked_folders(root, problems)
    references: list[Reference] = []
    records: dict[str, dict] = {}
    check_data_folder(root, problems)
    unread: set[str] = set()  # kinds whose file could not be read at all
    for attr, kind_schema in DATA_KINDS.items():
        reported = len(problems)
        loaded, refs = (
            _guarded(root / DATA_DIR / kind_schema.data_file, root, problems, ([], []), load_data_file, root, kind_schema, problems)
            if DATA_DIR not in linked
            else ([], [])
        )
        if not loaded and len(problems) > reported:
            unread.add(kind_schema.name)
        records[attr] = _by_id(loaded, kind_schema, problems)
        references += refs
    names = name_indexes(records)
    # A file that could not be read has said why; «ukjent organisasjon» for
    # every reference to it would only bury that one message.
    problems += check_references(names, [ref for ref in references if ref.kind not in unread])
    problems += check_groups(records["groups"])
    problems += check_contact_consent(records["people"])
    areas_of_group: dict[str, list[str]] = defaultdict(list)
    for area in records["focus_areas"].values():
        if area.working_group:
            areas_of_group[area.working_group].append(area.id)
    walk = walk_docs(root, problems) if DOCS_DIR not in linked else DocsWalk()
    meetings: list[model.Meeting] = []
    refs: list[MeetingRef] = []
    for path in walk.meetings:
        loaded = _guarded(path, root, problems, None, load_meeting_file, path, root, names, records["groups"], areas_of_group, problems)
        if loaded is not None:
            meeting, body = loaded
            meetings.append(meeting)
            refs += body.meeting_refs
    pages = {}
    addresses: dict[str, str] = {}  # a page's address → the file that has it
    for path in walk.pages:
        page = _guarded(path, root, problems, None, load_page_file, path, root, problems)
        if page is None:
            continue
        address = page_url(page.src_path)
        if address in addresses:
            # «om.md» and «om/index.md» are both om/: the engine would keep one of them.
            problems.append(
                Problem(
                    page.path,
                    0,
                    f"siden har samme adresse ({address}) som {addresses[address]}; nettstedet kan bare vise én av dem. Slå dem sammen, eller gi den ene et annet navn.",
                )
            )
            continue
        addresses[address] = page.path
        pages[page.src_path] = page
    problems += resolve_meeting_refs(meetings, refs)  # before the indexes: the chains need «Fra»
    actions.carry_context(meetings)
    repo = Repository(root=root, meetings=meetings, pages=pages, files=walk.files, names=names, today=today or dt.date.today(), **records)
    problems += check_meetings(repo)
    problems += check_follow_ups(repo)
    problems += check_links(repo, walk)
    return repo, sorted(set(problems))


def _guarded(path: Path, root: Path, problems: _Problems, unread, load, *args):
    """`load(*args)`, or `unread` after a Norwegian problem for the file when a
    parser fails on its text in a way no check foresaw: a file never ends
    validation or the build in a traceback."""
    try:
        return load(*args)
    except PARSER_FAILURES as error:
        problems.append(
            Problem(
                _rel(path, root),
                0,
                f"filen kunne ikke leses ({type(error).__name__}). Se etter uvanlige tegn, \\-koder i anførselstegn eller svært dyp nesting; "
                "finner du ikke feilen, send filen til den som vedlikeholder nettstedet.",
            )
        )
        return unread


def read_minutes_again(repo: Repository, paths: list[str]) -> tuple[Repository, list[model.Meeting], list[Problem]]:
    """The repository with the minutes at `paths` (below its root) read again, the
    meetings read, and the problems in them: the preview's quick look at a saved
    file. The checks across the whole archive are the full load's."""
    problems = _Problems()
    fresh, refs = [], []
    for path in paths:
        loaded = load_meeting_file(repo.root / path, repo.root, repo.names, repo.groups, repo.areas_of_group, problems)
        if loaded is not None:
            fresh.append(loaded[0])
            refs += loaded[1].meeting_refs
    replaced = {meeting.path for meeting in fresh}
    meetings = [m for m in repo.meetings if m.path not in replaced] + fresh
    if not problems:
        problems += resolve_meeting_refs(meetings, refs)
    if problems:
        return repo, [], list(problems)
    records = {name: getattr(repo, name) for name in DATA_KINDS}
    updated = Repository(root=repo.root, meetings=meetings, pages=repo.pages, files=repo.files, names=repo.names, today=repo.today, **records)
    return updated, fresh, []


def name_indexes(records: dict[str, dict]) -> dict[str, NameIndex]:
    people = person_entries(records["people"])
    groups = group_entries(records["groups"])
    return {
        "person": NameIndex("person", people),
        "group": NameIndex("group", groups),
        "person_or_group": NameIndex("person_or_group", [*people, *groups]),
        "focus_area": NameIndex("focus_area", named_entries(records["focus_areas"])),
        "cluster": NameIndex("cluster", named_entries(records["clusters"])),
        "event": NameIndex("event", named_entries(records["events"], "title")),
        "organisation": NameIndex("organisation", named_entries(records["organisations"])),
    }


def _read(path: Path, display: str, limit: int, problems: _Problems) -> str | None:
    report = problems.reporter(display)
    with open(path, "rb") as handle:
        # read(limit + 1) alone would allocate the whole limit for every small
        # file; the stated size is asked first (a file that grows meanwhile is
        # still read to the limit and no further).
        size = os.fstat(handle.fileno()).st_size
        raw = handle.read(min(size, limit) + 1)
        if len(raw) > size:
            raw += handle.read(limit + 1 - len(raw))
    if len(raw) > limit:
        report(0, f"filen er større enn {_size(limit)}, som er det største som er tillatt. Del den opp.")
        return None
    text = decode(raw, report)
    if text is None or report_control_characters(text, report) or report_long_lines(text, report):
        return None
    return text


def report_long_lines(text: str, report) -> bool:
    """Report each line longer than MAX_LINE_CHARS; True when there was one."""
    if len(text) <= MAX_LINE_CHARS:
        return False
    found = False
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            report(
                number,
                f"linjen har {_count(len(line))} tegn; mer enn {_count(MAX_LINE_CHARS)} på én linje er ikke tillatt. Del teksten opp i flere linjer eller avsnitt.",
            )
            found = True
    return found


def _count(number: int) -> str:
    """10000 as Norwegian writes it: «10 000»."""
    return f"{number:,}".replace(",", " ")


def refuse_linked_folders(root: Path, problems: _Problems) -> set[str]:
    """data/ and docs/ themselves must be folders, not links to one: the
    walks below refuse links inside them, but a linked docs/ was read, and
    published, wherever it pointed."""
    linked = set()
    for name in (DATA_DIR, DOCS_DIR):
        if (root / name).is_symlink():
            problems.append(
                Problem(name, 0, f"mappen {name}/ er en symbolsk lenke; den må være en vanlig mappe i arkivet. En lenke kunne publisert filer utenfor arkivet.")
            )
            linked.add(name)
    return linked


def check_data_folder(root: Path, problems: _Problems) -> None:
    folder = root / DATA_DIR
    known = {s.data_file for s in DATA_KINDS.values()}
    if not folder.is_dir() or folder.is_symlink():
        return
    for path in sorted(folder.rglob("*")):
        rel = _rel(path, root)
        if path.is_symlink():
            problems.append(Problem(rel, 0, "symbolske lenker er ikke tillatt i data/; legg inn selve filen."))
        elif path.is_file() and path.name not in known and not path.name.startswith("."):
            problems.append(Problem(rel, 0, f"ukjent fil i data/. Her hører bare {', '.join(sorted(known))} hjemme."))


def load_data_file(root: Path, kind_schema: schema.Schema, problems: _Problems):
    path = root / DATA_DIR / kind_schema.data_file
    display = _rel(path, root)
    report = problems.reporter(display)
    builder = RecordBuilder(display, report)
    if not path.is_file() or path.is_symlink():
        if not path.is_symlink():
            report(0, f"filen mangler; den skal inneholde en liste med {kind_schema.plural}.")
        return [], []
    text = _read(path, display, MAX_DATA_BYTES, problems)
    if text is None:
        return [], []
    if not text.strip():
        report(1, "filen er tom.")
        return [], []
    if report_tabs(text, report):
        return [], []
    data = load_yaml(text, report)
    if data is None:
        return [], []
    if not isinstance(data, LocatedList):
        report(1, f"filen skal være en liste med {kind_schema.plural}, der hver starter med «- id: ...».")
        return [], []
    if len(data) > MAX_RECORDS:
        # Each record is a page or more: 2 MB of short records would be 100,000 pages to build.
        report(data.line_of(MAX_RECORDS), f"filen har {_count(len(data))} oppføringer; mer enn {_count(MAX_RECORDS)} i én fil er ikke tillatt.")
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
            problems.append(
                Problem(record.path, record.line, f"id «{record.id}» er brukt før (linje {first.line}); hver {kind_schema.label} trenger sin egen id.")
            )
            continue
        result[record.id] = record
    return result


def check_references(names: dict[str, NameIndex], references: Iterable[Reference]) -> list[Problem]:
    """References by id between data files."""
    problems = []
    for ref in references:
        index = names[ref.kind]
        if ref.target not in index:
            problems.append(Problem(ref.path, ref.line, index.unknown_message(ref.target)))
    return problems


def check_groups(groups: dict[str, model.Group]) -> list[Problem]:
    """A group cannot be its own parent, nor its own grandparent."""
    problems = []
    for group in groups.values():
        seen = set()
        parent = group.parent
        while parent and parent in groups and parent not in seen:
            if parent == group.id:
                problems.append(
                    Problem(group.path, group.line_of("parent"), f"gruppen «{group.id}» ligger under seg selv («overordnet» går i ring). Rett «overordnet».")
                )
                break
            seen.add(parent)
            parent = groups[parent].parent
    return problems


def check_contact_consent(people: dict[str, model.Person]) -> list[Problem]:
    """Contact fields are shown only with the person's recorded consent, and only those the person has."""
    problems = []
    for person in people.values():
        if not person.public_fields:
            continue
        line = person.line_of("public_fields")
        if not person.consent and "consent" not in person.invalid:
            problems.append(
                Problem(
                    person.path,
                    line,
                    f"«offentlig» for «{person.id}» viser kontaktfelt på nettstedet, men «samtykke» mangler. "
                    "Skriv hvor og når personen sa ja, for eksempel «samtykke: E-post fra personen 3. mars 2025», eller fjern «offentlig».",
                )
            )
        for key, attr in (("epost", "email"), ("telefon", "phone")):
            if key in person.public_fields and not getattr(person, attr) and attr not in person.invalid:
                problems.append(
                    Problem(
                        person.path,
                        line,
                        f"«offentlig» nevner «{key}», men «{person.id}» har ikke feltet «{key}». Legg det inn eller fjern det fra «offentlig».",
                    )
                )
    return problems


# -- the docs/ folder ----------------------------------------------------------


@dataclass
class DocsWalk:
    meetings: list[Path] = field(default_factory=list)
    pages: list[Path] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # source paths below docs/


def _entries(folder: str):
    """(path below docs/, os.DirEntry) of everything under `folder`, sorted, without following links."""
    found = []
    stack = [("", folder)]
    while stack:
        prefix, directory = stack.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                rel = prefix + entry.name
                found.append((rel, entry))
                if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
                    stack.append((rel + "/", entry.path))
    return sorted(found, key=lambda pair: pair[0])


# Characters that cannot stand in a file's address on the site as they are,
# or that make the name look like something it is not.
_URL_BREAKING = set('#?%"<>\\`{}|^[]*:')


def _odd_name(name: str) -> str | None:
    """Why a file or folder name cannot be published, or None."""
    import unicodedata

    for char in name:
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp") or (category == "Zs" and char != " "):
            return (
                f"navnet «{name}» inneholder et usynlig eller uvanlig tegn (U+{ord(char):04X}), som gjør at det kan se ut som noe annet enn det er. "
                "Gi filen et navn med vanlige bokstaver, tall, bindestrek og punktum."
            )
        if char in _URL_BREAKING:
            return (
                f"navnet «{name}» inneholder «{char}», som ikke kan stå i en nettadresse. Gi filen et navn med vanlige bokstaver, tall, bindestrek og punktum."
            )
    if name != name.strip():
        return f"navnet «{name}» starter eller slutter med mellomrom. Fjern mellomrommet."
    if name.rsplit(".", 1)[0] == "README" and name.endswith((".md", ".markdown")):
        # MkDocs and Zensical publish README.md as the folder's index.md, beside or instead of the real one.
        return f"en side kan ikke hete «{name}»: nettstedet gjør den til mappens forside. Gi filen et annet navn, for eksempel «om.md»."
    return None


def _report_odd_name(src: str, rel: str, problems: _Problems) -> bool:
    for part in src.split("/"):
        problem = _odd_name(part)
        if problem:
            problems.append(Problem(rel, 0, problem))
            return True
    return False


# What the engines write beside the pages (404.html, sitemap.xml, sitemap.xml.gz,
# search.json, every page's index.html): a folder, or a page (served as a folder),
# named like one stands where the file is written, and the build ended in a traceback.
_ENGINE_FILE_NAME = re.compile(r"\.(?:html?|xml|gz|json)$", re.IGNORECASE)


def _engine_file_name(parts: list[str], suffix: str) -> str | None:
    """The folder, or the page's own name, that could take the place of a file the engine writes."""
    names = parts[:-1] + ([parts[-1][: -len(suffix)]] if suffix == ".md" else [])
    return next((name for name in names if _ENGINE_FILE_NAME.search(name)), None)


def walk_docs(root: Path, problems: _Problems) -> DocsWalk:
    """Sort every file under docs/ into minutes, pages and files, refusing the rest."""
    walk = DocsWalk()
    docs = root / DOCS_DIR
    if not docs.is_dir():
        return walk
    for src, entry in _entries(str(docs)):
        rel = f"{DOCS_DIR}/{src}"
        if any(part.startswith(".") for part in src.split("/")):
            continue  # hidden files (.gitkeep) are never published
        if entry.is_symlink():
            problems.append(Problem(rel, 0, "symbolske lenker er ikke tillatt i docs/; legg inn selve filen. En lenke kunne publisert filer utenfor arkivet."))
            continue
        if entry.is_dir(follow_symlinks=False):
            continue
        if not entry.is_file(follow_symlinks=False):
            problems.append(Problem(rel, 0, "dette er ingen vanlig fil (en enhet eller en kø); slett den."))
            continue
        parts = src.split("/")
        suffix = os.path.splitext(entry.name)[1].lower()
        path = Path(entry.path)
        if _report_odd_name(src, rel, problems):
            continue
        taken = _engine_file_name(parts, suffix)
        if taken:
            problems.append(
                Problem(
                    rel,
                    0,
                    f"navnet «{taken}» er som en fil nettstedet lager selv (404.html, sitemap.xml, search.json, index.html), "
                    f"og bygget ville stoppet på det. Gi mappen eller siden et navn uten «{_ENGINE_FILE_NAME.search(taken).group()}».",
                )
            )
            continue
        if parts[0] == MEETINGS_DIR:
            _sort_meeting_folder(path, rel, parts, suffix, walk, problems)
        elif suffix == ".md":
            if src in GENERATED_PAGES or src.startswith(GENERATED_FOLDERS):
                problems.append(Problem(rel, 0, "denne siden lages automatisk av nettstedet og kan ikke skrives for hånd. Slett filen."))
            elif is_generated(src):
                problems.append(
                    Problem(rel, 0, f"adressen {page_url(src)} brukes av nettstedet selv, så denne siden kan ikke ligge der. Gi filen et annet navn.")
                )
            else:
                walk.pages.append(path)
        elif suffix in FILE_SUFFIXES:
            if is_generated(src):
                problems.append(
                    Problem(
                        rel,
                        0,
                        f"mappen «{src.split('/')[0]}/» lages av nettstedet selv; en fil her ville erstattet eller ødelagt noe av det. Legg filen i mappen vedlegg/ ved siden av referatet.",
                    )
                )
            else:
                _add_file(path, rel, src, walk, problems)
        else:
            problems.append(
                Problem(
                    rel,
                    0,
                    f"filtypen «{suffix or path.name}» publiseres ikke. Tillatt i docs/: sider (.md), bilder og dokumenter ({', '.join(sorted(FILE_SUFFIXES))}).",
                )
            )
    return walk


def _sort_meeting_folder(path: Path, rel: str, parts: list[str], suffix: str, walk: DocsWalk, problems: _Problems) -> None:
    if len(parts) == 2:
        problems.append(Problem(rel, 0, "i docs/moter/ ligger bare mapper, én per gruppe. Et referat hører hjemme i docs/moter/<gruppe>/."))
        return
    if not ID_RE.match(parts[1]):
        problems.append(Problem(rel, 0, f"mappen «{parts[1]}» er ikke en gruppe-id (små bokstaver, tall og bindestrek)."))
        return
    if len(parts) == 3 and suffix == ".md":
        stem = path.stem
        if stem == "index" or not _MEETING_NAME.match(stem):
            problems.append(
                Problem(
                    rel,
                    0,
                    f"filnavnet «{path.name}» passer ikke for et referat: bruk møtedatoen, som 2026-01-15.md (små bokstaver, tall og bindestrek, ingen mellomrom).",
                )
            )
            return
        walk.meetings.append(path)
        return
    if len(parts) == 4 and parts[2] == "vedlegg" and suffix in FILE_SUFFIXES:
        _add_file(path, rel, "/".join(parts), walk, problems)
        return
    if path.name.endswith(PROPOSED_PEOPLE_SUFFIX):
        problems.append(
            Problem(
                rel,
                0,
                "dette er importens forslag til nye personer og organisasjoner. Legg oppføringene du godtar til i "
                "data/personer.yaml og data/organisasjoner.yaml (se «Importere et referat» i veiledningen), og slett så denne filen.",
            )
        )
        return
    problems.append(
        Problem(
            rel,
            0,
            f"filen hører ikke hjemme her. I docs/moter/{parts[1]}/ ligger referatene (.md) og vedleggene i mappen vedlegg/ ({', '.join(sorted(FILE_SUFFIXES))}).",
        )
    )


def _add_file(path: Path, rel: str, src: str, walk: DocsWalk, problems: _Problems) -> None:
    size = path.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        problems.append(Problem(rel, 0, f"filen er {_size(size)}; største tillatte er {_size(MAX_ATTACHMENT_BYTES)}. Komprimer PDF-en eller del den opp."))
    walk.files.append(src)  # there, though too large: one message, not a second one saying it is missing


def load_page_file(path: Path, root: Path, problems: _Problems) -> WrittenPage | None:
    display = _rel(path, root)
    report = problems.reporter(display)
    text = _read(path, display, MAX_MINUTES_BYTES, problems)
    if text is None:
        return None
    document = split_front_matter(text, report)
    meta = {}
    if document.meta is not None:
        allowed = schema.PAGE.by_key()
        for key, value in document.meta.items():
            if key not in allowed:
                report(document.meta.line_of(key), f"ukjent felt «{key}» i toppteksten til en side. Tillatt: {', '.join(allowed)}.")
            elif key == "render_macros":
                if not isinstance(value, bool):
                    report(document.meta.line_of(key), "«render_macros» er true eller false.")
                meta[key] = value
            elif isinstance(value, str):
                meta[key] = value
            elif value is not None:
                # A list or a number would reach the theme as it is: MkDocs prints
                # page.meta's title and description into <title> and <meta> unescaped.
                report(document.meta.line_of(key), f"«{key}» skal være tekst på én linje, ikke {_yaml_kind(value)}. Skriv teksten etter «{key}:».")
    scan_markdown(document.body, document.body_first_line, report, what="siden")
    report_markdown_shape(document.body, document.body_first_line, report, what="siden")
    report_attribute_lists(document.body, document.body_first_line, report)
    src = path.relative_to(root / DOCS_DIR).as_posix()
    return WrittenPage(src, display, meta.get("title"), meta.get("description"), document.body, document.body_first_line, meta.get("render_macros") is True)


def _yaml_kind(value) -> str:
    """What YAML made of a value, in the secretary's words."""
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, dict):
        return "en liste med felt"
    if isinstance(value, bool):
        return "true eller false"
    if isinstance(value, (int, float)):
        return "et tall"
    return "en dato" if isinstance(value, dt.date) else "noe annet enn tekst"


# -- minutes -------------------------------------------------------------------


def load_meeting_file(path: Path, root: Path, names, groups, areas_of_group, problems: _Problems):
    # docs/moter/<group>/<name>.md: the walk has checked the shape of the path.
    group_folder, name = path.parent.name, path.stem
    src_path = f"{MEETINGS_DIR}/{group_folder}/{path.name}"
    display = f"{DOCS_DIR}/{src_path}"
    meeting_id = f"{group_folder}/{name}"
    report = problems.reporter(display)
    text = _read(path, display, MAX_MINUTES_BYTES, problems)
    if text is None:
        return None
    return meeting_from_text(text, display, meeting_id, src_path, names, groups, areas_of_group, report)


def meeting_from_text(text: str, display_path: str, meeting_id: str, src_path: str, names, groups, areas_of_group, report):
    """Build one meeting from the text of its file: (meeting, body) or None."""
    document = split_front_matter(text, report)
    if document.meta is None:
        if not document.has_front_matter and text.strip() and not text.startswith("---"):
            report(1, "referatet mangler topptekst (front matter) mellom to linjer med «---». Se malen i veiledningen.")
        return None
    builder = RecordBuilder(display_path, report, names)
    meeting = builder.build(schema.MEETING, document.meta, 1)
    if meeting is None:
        return None
    meeting.id = meeting_id
    meeting.src_path = src_path
    meeting.body_first_line = document.body_first_line
    meeting.raw_body = document.body
    meeting.language = meeting_language(meeting.language_form, document.body)
    group = groups.get(meeting.group)
    meeting.invited_as_written = "invited" in meeting.lines
    if not meeting.invited_as_written and group is not None and meeting.minutes_in_archive:
        meeting.invited = list(group.members)
    ctx = Context(meeting_id, meeting.group, names, groups, areas_of_group)
    body = read_body(document.body, document.body_first_line, ctx, report)
    meeting.preamble = body.preamble
    meeting.agenda = body.items
    # Piece by piece, as the site renders them: what the validator passes is
    # exactly what the renderer gets.
    if may_hold_links_or_html(document.body):
        for text, line, inline in meeting_markdown(meeting):
            scan_markdown(text, line, report, inline=inline)
    report_markdown_shape(document.body, document.body_first_line, report)
    for item in meeting.agenda:
        item.path = display_path
        for entry in [*item.decisions, *item.actions]:
            entry.path = display_path
    _check_meeting_on_its_own(meeting, report, set(document.meta))
    return meeting, body


def _check_meeting_on_its_own(meeting: model.Meeting, report, keys: set[str]) -> None:
    """Checks that need only this one file."""
    dates_invalid = meeting.invalid & {"date", "date_after", "date_before"}
    if "dato" in keys and keys & {"dato_etter", "dato_før"}:
        report(meeting.line_of("date"), "skriv enten «dato» eller «dato_etter» og «dato_før», ikke begge.")
    elif "dato" not in keys and not dates_invalid:
        # An unknown date must be bounded on both sides; the site says so.
        if not ({"dato_etter", "dato_før"} <= keys):
            report(1, "møtet mangler «dato». Er datoen ukjent, fyll ut både «dato_etter» og «dato_før».")
        elif meeting.date_after and meeting.date_before and meeting.date_after >= meeting.date_before:
            report(meeting.line_of("date_after"), "«dato_etter» må være før «dato_før».")
    if meeting.start and meeting.end and meeting.end <= meeting.start:
        report(meeting.line_of("end"), f"sluttid {meeting.end} er ikke etter starttid {meeting.start}.")
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
                report(meeting.line_of(schema.MEETING.by_key()[key].attr), f"«{person}» står både under «{seen[person]}» og «{key}».")
            seen.setdefault(person, key)
    if meeting.status == "planlagt" and (meeting.present or meeting.present_online):
        report(meeting.line_of("present"), "møtet har status «planlagt», men lister hvem som var til stede. Sett status til «utkast» når møtet er holdt.")


# -- checks across files -----------------------------------------------------


def resolve_meeting_refs(meetings: list[model.Meeting], refs: list[MeetingRef]) -> list[Problem]:
    """«Gjelder:», approvals and «Fra:»: find the meeting, item and follow-up they name."""
    problems = []
    by_id = {m.id: m for m in meetings}
    by_group: dict[str, list[model.Meeting]] = defaultdict(list)
    for meeting in sorted(meetings, key=lambda m: (m.sort_date, m.id)):
        by_group[meeting.group].append(meeting)
    for ref in refs:
        target = ref.target
        source = by_id.get(ref.meeting_id)
        if source is None:
            continue
        meeting, problem = _find_meeting(by_id, by_group, ref, source)
        if meeting is None:
            if problem and ref.required:
                problems.append(Problem(source.path, ref.line, problem))
            continue
        if meeting.id == source.id:
            problems.append(Problem(source.path, ref.line, f"«{ref.text}» viser til dette møtet selv; det skal være et tidligere møte."))
            continue
        if ref.kind == "refers":
            target.refers_to_meeting = meeting.id
            continue
        key, problem = _find_follow_up(meeting, ref)
        if key is None:
            problems.append(Problem(source.path, ref.line, problem))
            continue
        target.carried_from = key
    return problems


def _find_meeting(by_id: dict, by_group: dict, ref: MeetingRef, source: model.Meeting) -> tuple[model.Meeting | None, str | None]:
    if ref.key:
        meeting_id = ref.key.split("#", 1)[0]
        found = by_id.get(meeting_id)
        return (found, None) if found else (None, f"«Fra: {ref.text}»: møtet «{meeting_id}» finnes ikke i arkivet.")
    group = ref.group or source.group
    candidates = by_group.get(group, [])
    if ref.stem:
        found = by_id.get(f"{group}/{ref.stem}")
        if found:
            return found, None
        known = ", ".join(m.id.split("/", 1)[1] for m in candidates[-5:]) or "ingen"
        return None, f"«{ref.text}»: finner ikke møtet «{group}/{ref.stem}». Gruppens siste møter: {known}."
    matches = [m for m in candidates if m.date == ref.date]
    if len(matches) == 1:
        return matches[0], None
    if not matches:
        nearest = sorted(candidates, key=lambda m: abs((m.sort_date - ref.date).days))[:3]
        hint = "; nærmeste: " + ", ".join(m.date.isoformat() if m.date else m.id for m in nearest) if nearest else ""
        return None, f"«{ref.text}»: gruppen «{group}» har ikke noe møte {ref.date.isoformat()} i arkivet{hint}."
    return None, f"«{ref.text}»: gruppen har flere møter {ref.date.isoformat()}; skriv filnavnet i stedet ({', '.join(m.id for m in matches)})."


def _find_follow_up(meeting: model.Meeting, ref: MeetingRef) -> tuple[str | None, str | None]:
    if ref.key:
        if any(a.key == ref.key for a in meeting.actions):
            return ref.key, None
        return None, f"«Fra: {ref.text}»: møtet har ikke noe oppfølgingspunkt med denne nøkkelen."
    from archive.model.minutes import number_key

    items = [i for i in meeting.agenda if i.number and number_key(i.number) == number_key(ref.item or "")]
    if not items:
        numbers = ", ".join(i.number for i in meeting.agenda if i.actions) or "ingen"
        return None, f"«Fra: {ref.text}»: møtet {meeting.id} har ingen sak {ref.item}. Saker med oppfølgingspunkter: {numbers}."
    item = items[0]
    if not item.actions:
        return None, f"«Fra: {ref.text}»: sak {item.number} i {meeting.id} har ingen oppfølgingspunkter."
    if ref.point is None:
        if len(item.actions) > 1:
            return None, f"«Fra: {ref.text}»: sak {item.number} har {len(item.actions)} oppfølgingspunkter; skriv hvilket, for eksempel «{ref.text}, punkt 1»."
        return item.actions[0].key, None
    if not 1 <= ref.point <= len(item.actions):
        return None, f"«Fra: {ref.text}»: sak {item.number} har bare {len(item.actions)} oppfølgingspunkt(er)."
    return item.actions[ref.point - 1].key, None


def check_meetings(repo: Repository) -> list[Problem]:
    problems = []
    by_group_date: dict[tuple[str, dt.date], model.Meeting] = {}
    approvals: dict[str, tuple[model.Meeting, model.AgendaItem]] = {}
    for meeting in repo.meetings:
        folder = meeting.id.split("/")[0]
        if meeting.group and folder != meeting.group and meeting.group in repo.groups:
            problems.append(
                Problem(
                    meeting.path,
                    meeting.line_of("group"),
                    f"referatet ligger i mappen «{folder}», men «gruppe» er «{meeting.group}». Flytt filen til docs/moter/{meeting.group}/.",
                )
            )
        if meeting.date:
            key = (meeting.group, meeting.date)
            if key in by_group_date:
                other = by_group_date[key]
                problems.append(Problem(meeting.path, meeting.line_of("date"), f"gruppen har allerede et møte denne datoen: {other.path}."))
            by_group_date.setdefault(key, meeting)
            if meeting.held and meeting.date > repo.today:
                problems.append(
                    Problem(
                        meeting.path,
                        meeting.line_of("date"),
                        f"møtet har status «{meeting.status}» (avholdt), men datoen {meeting.date.isoformat()} er fram i tid. Bruk status «planlagt» eller rett datoen.",
                    )
                )
        folder_path = (Path(DOCS_DIR) / meeting.src_path).parent.as_posix()
        files = set(repo.files)
        for attachment in meeting.attachments:
            if not attachment.file:
                continue
            target = f"{meeting.src_path.rsplit('/', 1)[0]}/{attachment.file}"
            if target not in files:
                problems.append(
                    Problem(
                        meeting.path,
                        attachment.line_of("file"),
                        f"vedlegget «{attachment.file}» finnes ikke. Last opp filen til {folder_path}/{attachment.file}.",
                    )
                )
        for item in meeting.agenda:
            if item.refers_to_meeting and item.decisions and _APPROVED.search(item.title + " " + " ".join(d.text for d in item.decisions)):
                earlier = approvals.get(item.refers_to_meeting)
                if earlier is not None:
                    first, first_item = earlier
                    problems.append(
                        Problem(
                            meeting.path,
                            item.line,
                            f"referatet fra {item.refers_to_meeting} er allerede godkjent i {first.path} ({first_item.reference}). Et referat godkjennes bare én gang; slett saken eller rett hvilket møte den gjelder.",
                        )
                    )
                else:
                    approvals[item.refers_to_meeting] = (meeting, item)
    return problems


_APPROVED = re.compile(r"godkjen", re.IGNORECASE)


def _task_key(task: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", task.casefold()).split())


def check_follow_ups(repo: Repository) -> list[Problem]:
    """Follow-ups across meetings: «Fra» points back in time, and nothing is doubled.

    A follow-up copied from earlier minutes without «Fra:» would count twice
    in the registers; so would two reports on the same earlier follow-up.
    """
    problems = []
    first_seen: dict[tuple[str, str], model.ActionItem] = {}  # (group, task) → first follow-up
    reported_on: dict[str, model.ActionItem] = {}
    for meeting in repo.meetings:
        for action in meeting.actions:
            if action.carried_from:
                origin = repo.actions_by_key.get(action.carried_from)
                origin_meeting = repo.meetings_by_id.get(action.carried_from.split("#")[0])
                if origin is not None and origin_meeting is not None and not origin_meeting.held:
                    # A planned meeting is in no chain (actions.py): following it up would start a second one.
                    problems.append(
                        Problem(
                            meeting.path,
                            action.line,
                            f"«Fra: {action.carried_from_text}» peker på {origin_meeting.id}, som har status «planlagt» og ikke er holdt ennå. "
                            "Er møtet holdt, sett «status» til «utkast» eller «godkjent» i det referatet; hvis ikke, la «Fra:» vise til et møte som er holdt.",
                        )
                    )
                    continue
                if origin is not None and origin_meeting is not None and origin_meeting.sort_date >= meeting.sort_date:
                    problems.append(
                        Problem(
                            meeting.path,
                            action.line,
                            f"«Fra: {action.carried_from_text}» peker på et møte som ikke er tidligere enn dette; et punkt kan bare følges opp fra et tidligere møte.",
                        )
                    )
                    continue
                other = reported_on.get(action.carried_from)
                if other is not None and other.meeting_id == action.meeting_id:
                    problems.append(
                        Problem(
                            meeting.path,
                            action.line,
                            f"to oppfølgingspunkter i samme møte følger opp det samme punktet ({action.carried_from}); det andre står på linje {other.line}.",
                        )
                    )
                reported_on.setdefault(action.carried_from, action)
                continue
            key = (meeting.group, _task_key(action.task))
            earlier = first_seen.get(key)
            if earlier is not None and earlier.meeting_id != action.meeting_id:
                earlier_meeting, earlier_item = repo.item_of_action[earlier.key]
                chain = repo.chain_of.get(earlier.key)
                latest = chain.latest if chain else earlier
                latest_meeting, latest_item = repo.item_of_action[latest.key]
                problems.append(
                    Problem(
                        meeting.path,
                        action.line,
                        f"oppfølgingspunktet «{_short(action.task)}» står også i referatet fra {earlier_meeting.id} ({earlier_item.reference}). "
                        f"Er det samme punkt, skriv «Fra: {fra_text(latest_meeting, latest_item, latest, meeting.group)}» på slutten av linjen; "
                        "er det et nytt punkt, skriv oppgaven med andre ord.",
                    )
                )
                continue
            first_seen.setdefault(key, action)
    return problems


def fra_text(meeting: model.Meeting, item: model.AgendaItem, action: model.ActionItem, from_group: str) -> str:
    """How later minutes write «Fra:» for this follow-up: «2025-03-12, sak 3, punkt 2».

    A follow-up of an item without a number («## Eventuelt») is named by its key
    («testgruppen/2025-03-07#sak-eventuelt-1»): «saken «Eventuelt»» is no
    «sak <nummer>» that the reader of «Fra:» understands.
    """
    if not item.number:
        return action.key
    stem = meeting.id.split("/", 1)[1]
    where = stem if meeting.group == from_group else meeting.id
    text = f"{where}, {item.reference}"
    if len(item.actions) > 1:
        text += f", punkt {action.index}"
    return text


def check_links(repo: Repository, walk: DocsWalk) -> list[Problem]:
    """Relative links in minutes and pages point at pages and files that exist."""
    from archive.model.links import broken_links

    return broken_links(repo)


def _short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _size(count: int) -> str:
    return f"{count / 1_000_000:.0f} MB" if count >= 1_000_000 else f"{count / 1000:.0f} kB" if count >= 1000 else f"{count} byte"


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
