"""Turning minutes from outside (text, OCR output, Word, PDF) into a draft minutes file.

`draft_minutes` is pure: text and model objects in, the draft's text and a list
of things to review out. Reading .docx and .pdf files is in `read_source`.
Every word of the source ends up in the draft, repaired or as it was: the body
keeps every line, and the front matter adds what could be read from them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from archive import schema
from archive.ocr_repair import Lexicon, Repair, read_word_list, repair_text, suspicious_words
from archive.repository import Repository
from archive.scaffold import yaml_mapping

WORD_LIST = "data/ordliste.txt"
MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember")


class SourceError(Exception):
    """The source cannot be read; the message is Norwegian and names the problem."""


# -- reading -----------------------------------------------------------------

def read_source(path: Path) -> tuple[str, list[str]]:
    """The text of a .txt, .md, .docx or .pdf file, and notes about how it was read."""
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md", ""):
        raw = path.read_bytes()
        try:
            return raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n"), []
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
            return text.replace("\r\n", "\n").replace("\r", "\n"), ["Kilden var ikke UTF-8 og er lest som Windows-1252; kontroller æ, ø og å."]
    if suffix == ".docx":
        return _read_docx(path), []
    if suffix == ".pdf":
        return _read_pdf(path), []
    raise SourceError(f"filtypen «{suffix}» kan ikke leses. Lagre referatet som .docx, .pdf (med tekst) eller .txt.")


def _read_docx(path: Path) -> str:
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(str(path))
    except Exception as error:  # noqa: BLE001 - any failure means: not a readable Word file
        raise SourceError("filen kan ikke leses som et Word-dokument (.docx); den kan være skadet eller i et annet format. Åpne den i Word og lagre som .docx på nytt.") from error
    lines: list[str] = []
    # Paragraphs and tables in the order they stand in the document.
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = [cell.text.strip() for cell in row.cells]
                lines.append(" - ".join(c for c in dict.fromkeys(cells) if c))
    return "\n".join(lines)


def _read_pdf(path: Path) -> str:
    import logging

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its warnings are English and for developers
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as error:  # noqa: BLE001
        raise SourceError("filen kan ikke leses som PDF; den kan være skadet eller passordbeskyttet.") from error
    if not text.strip():
        raise SourceError("PDF-en har ikke noe tekstlag (kanskje et skannet bilde). Kjør tekstgjenkjenning (OCR) på den først.")
    return text


# -- what the archive knows --------------------------------------------------

def build_lexicon(repo: Repository, root: Path) -> Lexicon:
    """Known words: the word list and the archive's own names and texts."""
    lexicon = Lexicon({w.lower() for w in read_word_list(root / WORD_LIST)})
    names: list[str] = []
    for person in repo.people.values():
        names += [person.name, *person.aliases]
    for text in names:
        lexicon.add_text(text)
    lexicon.add_first_names(names)
    for record in [*repo.organisations.values()]:
        for text in [record.name, *record.aliases]:
            lexicon.add_text(text)
    for record in [*repo.groups.values(), *repo.focus_areas.values(), *repo.clusters.values()]:
        lexicon.add_text(record.name)
        lexicon.add_text(getattr(record, "full_name", None) or "")
    for event in repo.events.values():
        lexicon.add_text(event.title)
    for meeting in repo.meetings:
        lexicon.add_text(meeting.body)
        for item in meeting.agenda:
            lexicon.add_text(item.title)
    return lexicon


def _normal(name: str) -> str:
    name = unicodedata.normalize("NFC", name).casefold().replace("-", " ")
    return " ".join(name.split())


class PeopleIndex:
    """Names (and other spellings) of people, for resolving names tolerant of spelling."""

    def __init__(self, repo: Repository):
        self.by_name: dict[str, str] = {}
        for person in repo.people.values():
            for name in [person.name, *person.aliases]:
                self.by_name.setdefault(_normal(name), person.id)
        self.names = list(self.by_name)
        self.display = {p.id: p.name for p in repo.people.values()}

    def resolve(self, name: str) -> tuple[str | None, str]:
        """(person id or None, a note for review when the match is not exact)."""
        key = _normal(name)
        if not key:
            return None, ""
        if key in self.by_name:
            return self.by_name[key], ""
        matches = process.extract(key, self.names, scorer=fuzz.ratio, limit=3, score_cutoff=85)
        if not matches:
            return None, ""
        best_id = self.by_name[matches[0][0]]
        others = {self.by_name[m[0]] for m in matches[1:] if matches[0][1] - m[1] < 3}
        if others - {best_id}:
            choices = " eller ".join(f"«{i}»" for i in sorted({best_id} | others))
            return None, f"«{name}» kan være {choices}; ikke avgjort"
        return best_id, f"«{name}» er tolket som «{best_id}» ({self.display[best_id]})"

    def split_name(self, line: str) -> tuple[str | None, str, str]:
        """For «Fornavn Etternavn Organisasjon» with no separator: (id, name, note)."""
        words = line.split()
        for size in range(min(4, len(words)), 1, -1):
            candidate = " ".join(words[:size])
            if _normal(candidate) in self.by_name:
                return self.by_name[_normal(candidate)], candidate, ""
        best: tuple[float, int] = (0, 0)
        for size in range(min(4, len(words)), 1, -1):
            match = process.extractOne(_normal(" ".join(words[:size])), self.names, scorer=fuzz.ratio, score_cutoff=85)
            if match and match[1] > best[0]:
                best = (match[1], size)
        if best[1]:
            name = " ".join(words[: best[1]])
            person, note = self.resolve(name)
            return person, name, note
        return None, " ".join(words[:2]), ""


# -- reading the structure ---------------------------------------------------

_LABELS = {
    "present": re.compile(r"^(til\s*stede|deltakere|deltagere)\b[^:]*:\s*(?P<rest>.*)$", re.IGNORECASE),
    "absent": re.compile(r"^(forfall|meldt forfall)\b[^:]*:\s*(?P<rest>.*)$", re.IGNORECASE),
    "invited": re.compile(r"^(invitert|inviterte)\b[^:]*:\s*(?P<rest>.*)$", re.IGNORECASE),
    "chair": re.compile(r"^møteleder\s*:\s*(?P<rest>.+)$", re.IGNORECASE),
    "secretary": re.compile(r"^(referent|sekretær)\s*:\s*(?P<rest>.+)$", re.IGNORECASE),
    "place": re.compile(r"^sted\s*:\s*(?P<rest>.+)$", re.IGNORECASE),
    "date": re.compile(r"^dato\s*:\s*(?P<rest>.+)$", re.IGNORECASE),
}
_NUMBERED = [
    re.compile(r"^(?P<nr>Sak\s+\d+\s*/\s*\d+)\s*[:.–-]?\s+(?P<title>\S.*)$", re.IGNORECASE),
    re.compile(r"^(?P<nr>\d{1,3}\s*[–-]\s*\d{4})\s*[:.]?\s+(?P<title>\S.*)$"),
    re.compile(r"^(?P<nr>\d{1,2})\s*[.)]\s+(?P<title>\S.*)$"),
]
_DECISION = re.compile(r"^(?:vedtak\s*:\s*(?P<text>.+)|(?P<approved>godkjent\.?))$", re.IGNORECASE)
_FOLLOW_UP = re.compile(r"^(?:oppfølging|til neste møte|neste steg|aksjon)\s*:\s*(?P<text>.+)$", re.IGNORECASE)
_SUBGROUP = re.compile(r"^Gruppe\s+(?P<number>\d+)\s*[-–]\s*\S")
_ONLINE = re.compile(r"\(\s*digitalt\s*\)", re.IGNORECASE)
_SECRETARY_MARK = re.compile(r"\(\s*(sekretær|referent)\s*\)", re.IGNORECASE)
_TABLE_HEADER = re.compile(r"^fornavn\s+etternavn", re.IGNORECASE)


def find_date(text: str) -> dt.date | None:
    """The first date written in Norwegian forms: 12. mars 2025, 12.03.2025, 2025-03-12."""
    months = "|".join(MONTHS)
    for pattern, order in (
        (rf"\b(\d{{1,2}})\.\s*({months})\s+(\d{{4}})\b", "dmy-name"),
        (r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b", "dmy"),
        (r"\b(\d{4})-(\d{2})-(\d{2})\b", "ymd"),
    ):
        for match in re.finditer(pattern, text, re.IGNORECASE):
            a, b, c = match.groups()
            try:
                if order == "dmy-name":
                    return dt.date(int(c), MONTHS.index(b.lower()) + 1, int(a))
                if order == "dmy":
                    return dt.date(int(c), int(b), int(a))
                return dt.date(int(a), int(b), int(c))
            except ValueError:
                continue
    return None


def _agenda_heading(line: str, used: set[str], last: int) -> tuple[str, str, bool] | None:
    """(number, title, number restored) when the line opens an agenda item."""
    stripped = line.strip()
    for pattern in _NUMBERED:
        match = pattern.match(stripped)
        if not match:
            continue
        number = re.sub(r"\s+", " ", match.group("nr"))
        title = match.group("title").strip()
        if title.split()[0].lower().strip(".,") in MONTHS:  # "16. januar 2025" is a date
            return None
        if number.isdigit():
            if int(number) <= last or int(number) > last + 6:
                return None
            number = str(int(number))
        if number in used:
            return None
        return number, title, False
    letters = [c for c in stripped if c.isalpha()]
    if len(letters) >= 8 and all(c.isupper() for c in letters) and len(stripped.split()) >= 2:
        number = str(last + 1)
        return (number, stripped, True) if number not in used else None
    return None


# Acronyms stay in capitals when a heading is put in sentence case.
ACRONYMS = {"KS", "IN", "IPR", "BEST", "EU", "NAV", "FN", "IKT", "SNR", "OBR"}


def _title_case(title: str, proper: set[str]) -> str:
    """An ALL-CAPS heading in sentence case, keeping known proper names capitalised."""
    letters = [c for c in title if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) * 2 < len(letters):
        return title
    out = []
    for index, word in enumerate(title.split(" ")):
        word_letters = [c for c in word if c.isalpha()]
        if word_letters and all(c.isupper() for c in word_letters) and word.strip(".,:;") not in ACRONYMS:
            word = word.lower()
            if word in proper or index == 0:
                word = word[:1].upper() + word[1:]
        out.append(word)
    return " ".join(out)


@dataclass
class Item:
    number: str
    title: str
    restored: bool
    line: int
    lines: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    follow_ups: list[list] = field(default_factory=list)  # [task, working group number, last source line]


@dataclass
class ImportResult:
    text: str  # the draft file
    repaired_source: str  # the source after repair, line for line
    repairs: list[Repair]
    review: list[str]  # Norwegian lines: what a person must check
    date_in_source: dt.date | None
    unknown_people: list[str]


def draft_minutes(
    source: str,
    repo: Repository,
    group_id: str,
    date: dt.date | None,
    meeting_id: str,
    source_name: str,
    lexicon: Lexicon,
    notes: list[str] | None = None,
) -> ImportResult:
    repaired, repairs = repair_text(source, lexicon)
    people = PeopleIndex(repo)
    review: list[str] = list(notes or [])
    unknown: list[str] = []
    proper = {w.lower() for w in lexicon.first_names} | {
        w.lower() for r in [*repo.organisations.values(), *repo.clusters.values()] for w in r.name.split() if w[:1].isupper()
    }

    lines = repaired.split("\n")
    preamble: list[str] = []
    items: list[Item] = []
    trailing: list[tuple[str, list[str]]] = []  # list sections after the agenda
    section: str | None = None
    meta: dict[str, Any] = {}
    present: list[str] = []
    online: list[str] = []
    absent: list[str] = []
    invited: list[str] = []
    chair = secretary = None
    date_lines: list[str] = []
    used: set[str] = set()
    last = 0
    subgroup: str | None = None

    def person_line(text: str, number: int, kind: str) -> None:
        nonlocal secretary
        if not text.strip() or _TABLE_HEADER.match(text.strip()):
            return
        is_online = bool(_ONLINE.search(text))
        is_secretary = bool(_SECRETARY_MARK.search(text))
        name_part = re.split(r"\s+[-–]\s+|\s*\(|,", text.strip(), maxsplit=1)[0].strip()
        person, note = people.resolve(name_part)
        name = name_part
        if person is None and not note:  # «Fornavn Etternavn Organisasjon», no separator
            person, name, note = people.split_name(name_part)
        if note:
            review.append(f"linje {number}: {note}.")
        if person is None:
            unknown.append(name)
            review.append(f"linje {number}: ukjent person «{name}» – står i teksten, men ikke i {kind_label[kind]}. Legg personen til i data/personer.yaml eller rett navnet.")
            return
        if is_secretary:
            secretary = secretary or person
        target = {"present": online if is_online else present, "absent": absent, "invited": invited}[kind]
        if person not in target:
            target.append(person)

    kind_label = {"present": "«tilstede»", "absent": "«forfall»", "invited": "«inviterte»"}

    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        label = next(((kind, m) for kind, m in ((k, p.match(stripped)) for k, p in _LABELS.items()) if m), None)
        heading = None if label else _agenda_heading(stripped, used, last)
        if heading:
            nr, title, restored = heading
            items.append(Item(nr, _title_case(title, proper), restored, number))
            used.add(nr)
            if nr.isdigit():
                last = int(nr)
            section = None
            subgroup = None
            continue
        if label:
            kind, match = label
            rest = match.group("rest").strip()
            if kind in ("present", "absent", "invited"):
                section = kind
                if items:
                    trailing.append((stripped, []))
                else:
                    preamble.append(f"**{stripped}**")
                for part in [p for p in re.split(r",|;", rest) if p.strip()] if rest else []:
                    person_line(part, number, kind)
                continue
            section = None
            if kind == "chair":
                person, note = people.resolve(re.split(r",|\s[-–]\s|\(", rest)[0].strip())
                if note:
                    review.append(f"linje {number}: {note}.")
                if person:
                    chair = person
                else:
                    review.append(f"linje {number}: ukjent møteleder «{rest}» – står i teksten.")
                    unknown.append(rest)
            elif kind == "secretary":
                person, note = people.resolve(re.split(r",|\s[-–]\s|\(", rest)[0].strip())
                if person:
                    secretary = person
                else:
                    review.append(f"linje {number}: ukjent referent «{rest}» – står i teksten.")
                    unknown.append(rest)
            elif kind == "place":
                meta["sted"] = rest
            elif kind == "date":
                date_lines.append(rest)
            (trailing[-1][1] if items and trailing else items[-1].lines if items else preamble).append(_markdown_line(line))
            continue
        if section:
            person_line(stripped, number, section)
            target_lines = trailing[-1][1] if items and trailing else preamble
            if stripped:
                target_lines.append(f"- {_escape(stripped)}")
            continue
        if not items:
            preamble.append(_markdown_line(line))
            if not date_lines and stripped:
                date_lines.append(stripped)
            continue
        item = items[-1]
        sub = _SUBGROUP.match(stripped)
        if sub and len(stripped) <= 70:
            subgroup = sub.group("number")
            item.lines.append(f"### {_escape(stripped)}")
            continue
        decision = _DECISION.match(stripped)
        if decision:
            item.decisions.append(decision.group("text") or "Godkjent.")
        follow = _FOLLOW_UP.match(stripped)
        if follow:
            item.follow_ups.append([follow.group("text").strip(), subgroup, number])
        elif stripped and item.follow_ups and item.follow_ups[-1][2] == number - 1 and item.lines and item.lines[-1].strip():
            # A follow-up runs on until the paragraph ends.
            item.follow_ups[-1][0] += " " + stripped
            item.follow_ups[-1][2] = number
        item.lines.append(_markdown_line(line))

    date_in_source = find_date("\n".join(date_lines))
    if chair:
        present[:] = [p for p in present if p != chair]
        online[:] = [p for p in online if p != chair]
    online[:] = [p for p in online if p not in present]
    absent[:] = [p for p in absent if p not in present and p not in online and p != chair]

    agenda = [_agenda_entry(item, repo, group_id, repaired, review) for item in items]
    for item in items:
        if item.restored:
            review.append(f"linje {item.line}: saken «{item.title}» har ikke nummer i kilden; nummeret {item.number} er satt inn (nr_rekonstruert).")

    whole = _normal(repaired)
    events = [e.id for e in repo.events.values() if _normal(e.title) in whole]

    meta = {
        "gruppe": group_id,
        "dato": date,
        **meta,
        "status": "utkast",
        **({"møteleder": chair} if chair else {}),
        **({"referent": secretary} if secretary else {}),
        **({"tilstede": present} if present else {}),
        **({"tilstede_digitalt": online} if online else {}),
        **({"forfall": absent} if absent else {}),
        **({"inviterte": invited} if invited else {}),
        **({"saker": agenda} if agenda else {}),
        **({"arrangementer": events} if events else {}),
        "kilde": f"Importert fra {source_name} med scripts/import_minutes.py; må gjennomgås.",
    }
    for repair in repairs:
        if repair.uncertain:
            review.append(f"usikker lesning, {repair.describe()}.")
    for number, word in suspicious_words(repaired, lexicon):
        review.append(f"linje {number}: «{word}» ser ut som en feillesning, men ble ikke rettet.")

    front = yaml_mapping(meta, schema.MEETING)
    comment = ["# Til gjennomsyn (laget av scripts/import_minutes.py; linjenumrene gjelder kildefilen; slett når alt er sjekket):"]
    comment += [f"#   {line}" for line in review]
    comment += [f"#   Rettet: {r.describe()}" for r in repairs]
    body: list[str] = [*preamble, ""]
    for item in items:
        body += [f"## {item.number}. {item.title}", "", *item.lines, ""]
    for heading, entries in trailing:
        body += [f"## {heading.rstrip(':')}", "", *entries, ""]
    text = "\n".join(["---", *front, *comment, "---", "", *_tidy(body)]) + "\n"
    return ImportResult(text, repaired, repairs, review, date_in_source, unknown)


def _agenda_entry(item: Item, repo: Repository, group_id: str, repaired: str, review: list[str]) -> dict[str, Any]:
    entry: dict[str, Any] = {"nr": item.number, "tittel": item.title}
    if item.restored:
        entry["nr_rekonstruert"] = True
    text = _normal(" ".join([item.title, *item.lines]))
    areas = [a.id for a in repo.focus_areas.values() if _normal(a.name) in text]
    if areas:
        entry["satsingsområder"] = areas
    clusters = [c.id for c in repo.clusters.values() if _normal(c.name) in text]
    if clusters:
        entry["klynger"] = clusters
    working = {g.number: g.id for g in repo.groups.values() if g.parent == group_id and g.number}
    groups = [working[n] for n in dict.fromkeys(re.findall(r"### gruppe (\d+)", text)) if n in working]
    if groups:
        entry["grupper"] = groups
    if "referat" in _normal(item.title):
        referred = find_date(item.title)
        match = [m for m in repo.meetings_by_group.get(group_id, []) if referred and m.date == referred]
        if match:
            entry["møte"] = match[0].id
    if item.decisions:
        entry["vedtak"] = item.decisions
    actions = []
    for task, number, line in item.follow_ups:
        owner = working.get(number, group_id) if number else group_id
        actions.append({"ansvarlig": [owner], "oppgave": task, "status": "åpen"})
        review.append(f"linje {line}: oppfølgingspunkt i sak {item.number} har fått «{owner}» som ansvarlig; sett riktig person.")
    if actions:
        entry["oppfølging"] = actions
    return entry


def _escape(text: str) -> str:
    # Raw HTML from a source must not reach the page; the words stay.
    return text.replace("<", "&lt;")


def _markdown_line(line: str) -> str:
    text = _escape(line.rstrip())
    return "\\" + text if text.lstrip().startswith("#") else text.strip() if not text.strip() else text.lstrip()


def _tidy(lines: list[str]) -> list[str]:
    """At most one blank line in a row, none at the end."""
    out: list[str] = []
    for line in lines:
        if not line.strip() and (not out or not out[-1].strip()):
            continue
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return out


def summary(result: ImportResult) -> list[str]:
    lines = [f"Rettet {len(result.repairs)} ord fra tekstgjenkjenningen (se kommentaren i toppteksten)."]
    if result.unknown_people:
        lines.append(f"{len(result.unknown_people)} navn er ikke funnet i data/personer.yaml: " + ", ".join(f"«{n}»" for n in result.unknown_people) + ".")
    if result.review:
        lines.append("Må sjekkes:")
        lines += [f"  - {line}" for line in result.review]
    return lines
