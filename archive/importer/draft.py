"""Turning minutes from outside (text, OCR output, Word, PDF) into a draft minutes file.

`draft_minutes` is pure: text and model objects in, the draft's text and a list
of things to review out. Reading .docx and .pdf files is in `read_source`; the
draft itself is written by `write_draft`, in the minutes format of
docs-dev/minutes-format.md: the facts in the front matter (people by full
name), the agenda as `##` headings numbered as the source numbers them.

Every word of the source ends up in the draft, repaired or as it was: a line
leaves the body only when the front matter holds all of its words.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from archive.importer.lexicon import Lexicon
from archive.importer.ocr_repair import (
    STRAY_GLYPHS,
    WORD_RE,
    Flag,
    Repair,
    RepairCounts,
    RepairResult,
    damage_text,
    measure_repair,
    repair_text,
)
from archive.model.repository import Repository
from archive.model.scaffold import yaml_scalar

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember")
_MONTH_ABBREVIATIONS = {m[:3]: i for i, m in enumerate(MONTHS, start=1)} | {"sept": 9}


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
    except Exception as error:  # any failure means: not a readable Word file
        raise SourceError(
            "filen kan ikke leses som et Word-dokument (.docx); den kan være skadet eller i et annet format. Åpne den i Word og lagre som .docx på nytt."
        ) from error
    lines: list[str] = []
    numbering = _WordNumbering(document)
    # Paragraphs and tables in the order they stand in the document.
    blocks = [Paragraph(child, document) if str(child.tag).endswith("}p") else child for child in document.element.body.iterchildren()]
    agenda_level = _agenda_heading_level([block for block in blocks if isinstance(block, Paragraph)])
    first_text = True
    for block in blocks:
        if isinstance(block, Paragraph):
            prefix = numbering.prefix(block)
            if not prefix and not first_text and agenda_level and _heading_level(block) == agenda_level:
                prefix = "## "  # an agenda item written as a Word heading, without a number
            if block.text.strip():
                first_text = False  # the first line is the title, whatever its style
            lines.append(prefix + block.text)
        elif str(block.tag).endswith("}tbl"):
            for row in Table(block, document).rows:
                cells = [cell.text.strip() for cell in row.cells]
                lines.append(" - ".join(c for c in dict.fromkeys(cells) if c))
    return "\n".join(lines)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _heading_level(paragraph) -> int | None:
    """1 for «Heading 1» (Norwegian Word: «Overskrift 1»), and so on; None for other styles."""
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    match = re.match(r"^(?:heading|overskrift)\s*([1-6])$", name.strip(), re.IGNORECASE)
    return int(match.group(1)) if match else None


def _agenda_heading_level(paragraphs) -> int | None:
    """The heading level the agenda items use: the one used most often after the
    title, when at least two paragraphs use it."""
    levels = [_heading_level(p) for p in paragraphs if p.text.strip()][1:]
    counts = {level: levels.count(level) for level in set(levels) if level}
    if not counts:
        return None
    level = max(counts, key=lambda lvl: (counts[lvl], lvl))
    return level if counts[level] >= 2 else None


class _WordNumbering:
    """The numbers Word shows before numbered paragraphs but keeps out of their
    text («1. Godkjenning …» written with Word's own numbering, or a «List Number»
    style): numbers at the first level are written out, so the agenda is found;
    bullets and deeper levels become «- », so a list inside an item stays a list."""

    def __init__(self, document):
        self.formats: dict[tuple[str, int], tuple[str, int]] = {}  # (numId, level) → (format, start)
        self.counters: dict[tuple[str, int], int] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return  # no numbering in the document
        abstract: dict[str | None, dict[int, tuple[str, int]]] = {}
        for definition in root.findall(_W + "abstractNum"):
            levels = {}
            for level in definition.findall(_W + "lvl"):
                form, start = level.find(_W + "numFmt"), level.find(_W + "start")
                levels[int(level.get(_W + "ilvl", "0"))] = (
                    form.get(_W + "val", "decimal") if form is not None else "decimal",
                    int(start.get(_W + "val", "1")) if start is not None else 1,
                )
            abstract[definition.get(_W + "abstractNumId")] = levels
        for num in root.findall(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            if ref is not None:
                for level, value in abstract.get(ref.get(_W + "val"), {}).items():
                    self.formats[(num.get(_W + "numId"), level)] = value

    def prefix(self, paragraph) -> str:
        found = self._numbering_of(paragraph)
        if found is None or not paragraph.text.strip():
            return ""
        num_id, level = found
        form, start = self.formats.get((num_id, level), ("bullet", 1))
        if form != "decimal" or level > 0:
            return "- "
        number = self.counters.get((num_id, level), start - 1) + 1
        self.counters[(num_id, level)] = number
        for key in [k for k in self.counters if k[0] == num_id and k[1] > level]:
            del self.counters[key]  # a new item restarts the levels under it
        return f"{number}. "

    @staticmethod
    def _numbering_of(paragraph) -> tuple[str, int] | None:
        """(numId, level) from the paragraph or, failing that, its style and the styles it is based on."""
        holders = [paragraph._p.pPr]
        style = paragraph.style
        while style is not None:
            holders.append(style.element.pPr)
            style = style.base_style
        for holder in holders:
            numbering = holder.numPr if holder is not None else None
            if numbering is not None and numbering.numId is not None:
                if numbering.numId.val == 0:
                    return None  # numbering switched off for this paragraph
                level = numbering.ilvl.val if numbering.ilvl is not None else 0
                return str(numbering.numId.val), int(level)
        return None


def _read_pdf(path: Path) -> str:
    import logging

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its warnings are English and for developers
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as error:  # any failure means: not a readable PDF
        raise SourceError("filen kan ikke leses som PDF; den kan være skadet eller passordbeskyttet.") from error
    if not text.strip():
        raise SourceError("PDF-en har ikke noe tekstlag (kanskje et skannet bilde). Kjør tekstgjenkjenning (OCR) på den først.")
    return text


# -- what the archive knows --------------------------------------------------


def archive_lexicon(repo: Repository, lexicon: Lexicon) -> Lexicon:
    """The Bokmål lexicon with the archive's own names on top."""
    people = [text for p in repo.people.values() for text in (p.name, *p.aliases)]
    texts = list(people)
    texts += [text for o in repo.organisations.values() for text in (o.name, *o.aliases)]
    texts += [text for g in repo.groups.values() for text in (g.name, g.full_name or "")]
    texts += [r.name for r in (*repo.focus_areas.values(), *repo.clusters.values())]
    texts += [e.title for e in repo.events.values()]
    first_names = [name.split()[0].split("-")[0] for name in people if name.split()]
    return lexicon.with_names(texts, first_names)


def _normal(name: str) -> str:
    name = unicodedata.normalize("NFC", name).casefold().replace("-", " ").replace(".", " ")
    return " ".join(name.split())


class PeopleIndex:
    """Names (and other spellings) of people, for resolving names tolerant of spelling."""

    def __init__(self, repo: Repository):
        self.by_name: dict[str, str] = {}
        short: dict[str, set[str]] = {}
        for person in repo.people.values():
            for name in [person.name, *person.aliases]:
                self.by_name.setdefault(_normal(name), person.id)
                words = _normal(name).split()
                if len(words) > 2:  # «Eli Bryhni» for «Eli Arnkværn Bryhni»
                    short.setdefault(f"{words[0]} {words[-1]}", set()).add(person.id)
        for key, ids in short.items():
            if len(ids) == 1:
                self.by_name.setdefault(key, next(iter(ids)))
        self.names = list(self.by_name)
        self.full_name = {p.id: p.name for p in repo.people.values()}

    def resolve(self, name: str) -> tuple[str | None, str]:
        """(person id or None, a note for review when the match is not exact)."""
        key = _normal(name)
        if len(key.split()) < 2:
            return None, ""
        if key in self.by_name:
            return self.by_name[key], ""
        words = key.split()
        without_initials = " ".join(w for w in words if len(w) > 1)
        if without_initials in self.by_name:
            return self.by_name[without_initials], ""
        matches = process.extract(key, self.names, scorer=fuzz.ratio, limit=3, score_cutoff=88)
        if not matches:
            return None, ""
        best_id = self.by_name[matches[0][0]]
        others = {self.by_name[m[0]] for m in matches[1:] if matches[0][1] - m[1] < 3}
        if others - {best_id}:
            choices = " eller ".join(f"«{self.full_name[i]}»" for i in sorted({best_id} | others))
            return None, f"«{name}» kan være {choices}; ikke avgjort"
        return best_id, f"«{name}» er tolket som «{self.full_name[best_id]}»"


# -- dates and times ---------------------------------------------------------------

_NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})\s?[./]\s?(\d{1,2})\s?[./]\s?(\d{4}|\d{2})(?![\d/])")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_NAMED_DATE = re.compile(
    r"(?<!\d)(\d{1,2})\.?\s*(" + "|".join(MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|des)\.?(?:\s+(\d{4}))?(?![\wæøå])",
    re.IGNORECASE,
)
_TIME_RANGE = re.compile(
    r"(?:kl\.?\s*)?(?<![\d.:])([01]?\d|2[0-3])[:.]([0-5]\d)\s*(?:[-–—]|til)\s*(?:kl\.?\s*)?([01]?\d|2[0-3])[:.]([0-5]\d)(?![\d])",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\bkl\.?\s*([01]?\d|2[0-3])(?:[:.]([0-5]\d))?(?!\d)", re.IGNORECASE)


def find_dates(text: str, default_year: int | None = None) -> list[tuple[int, dt.date]]:
    """Every date in `text` in the forms Norwegian minutes write, with its position:
    08.12.2025, 8.12.25, 8. desember 2025, 8. des. 2025, 2025-12-08, and
    «8. desember» when the year is known from elsewhere."""
    found: list[tuple[int, dt.date]] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match, year: int, month: int, day: int) -> None:
        if any(a < match.end() and match.start() < b for a, b in taken):
            return
        try:
            found.append((match.start(), dt.date(year, month, day)))
            taken.append(match.span())
        except ValueError:
            pass

    for match in _ISO_DATE.finditer(text):
        add(match, int(match.group(1)), int(match.group(2)), int(match.group(3)))
    for match in _NAMED_DATE.finditer(text):
        name = match.group(2).lower()
        month = MONTHS.index(name) + 1 if name in MONTHS else _MONTH_ABBREVIATIONS[name[:4] if name == "sept" else name[:3]]
        if match.group(3):
            add(match, int(match.group(3)), month, int(match.group(1)))
        elif default_year:
            add(match, default_year, month, int(match.group(1)))
    for match in _NUMERIC_DATE.finditer(text):
        year = int(match.group(3))
        add(match, year + 2000 if year < 100 else year, int(match.group(2)), int(match.group(1)))
    return sorted(found)


def find_date(text: str) -> dt.date | None:
    """The first date in `text` (see find_dates)."""
    dates = find_dates(text)
    return dates[0][1] if dates else None


def find_time_range(text: str) -> tuple[str | None, str | None]:
    """("12:00", "14:00") from «kl. 12.00–14.00», «12:00 - 14:00», «kl 12 til 14» (the start alone too)."""
    match = _TIME_RANGE.search(text)
    if match:
        return f"{int(match.group(1)):02d}:{match.group(2)}", f"{int(match.group(3)):02d}:{match.group(4)}"
    clock = list(_CLOCK.finditer(text))
    if clock:
        start = f"{int(clock[0].group(1)):02d}:{clock[0].group(2) or '00'}"
        end = f"{int(clock[1].group(1)):02d}:{clock[1].group(2) or '00'}" if len(clock) > 1 else None
        return start, end
    return None, None


# -- reading the structure ---------------------------------------------------

_BOLD = re.compile(r"^[*_]{1,2}(.+?)[*_]{1,2}(?=\s|:|$)")


def _plain(line: str) -> str:
    """The line without Markdown emphasis around a leading label and without bullets."""
    text = line.strip()
    text = re.sub(r"^[-•*·▪]\s+", "", text)
    match = _BOLD.match(text)
    if match:
        text = match.group(1) + text[match.end() :]
    return text.replace("**", "").strip()


# Labels at the start of a line, and what they introduce.
_LABEL_WORDS = {
    "date": r"dato|møtedato|startdato|dato og tid|dato/tid|tid og sted|tid/sted",
    "time": r"tid|tidspunkt|klokkeslett|møtetid",
    "place": r"sted|møtested|møterom|lokale",
    "present_online": r"til stede digitalt|tilstede digitalt|deltok digitalt|digitalt til stede|på teams|via teams",
    "present": r"til stede|tilstede|deltakere|deltagere|møtt|møtte|fremmøtte|frammøtte|møtende|til stede fra styret|"
    r"fra administrasjonen|fra sekretariatet|også til stede|i tillegg møtte|observatører|observatør|gjester",
    "absent": r"forfall|meldt forfall|fravær|fraværende|ikke til stede|ikke møtt",
    "invited": r"invitert|inviterte|innkalt|innkalte",
    "chair": r"møteleder|ordstyrer|møteleiar|leder for møtet",
    "secretary": r"referent|sekretær|referat skrevet av|protokollfører|referent/sekretær",
    "attachment": r"vedlegg|vedlagt",
    "agenda_list": r"saksliste|sakliste|dagsorden|agenda",
    "copy": r"kopi|kopi til|distribusjon",
}
_LABEL = re.compile(
    r"^(?P<label>" + "|".join(f"(?P<{k}>{v})" for k, v in _LABEL_WORDS.items()) + r")(?:\s*\d{1,2})?\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# «Tilstede på møtet:», «Forfall fra styret:»: a people label with a few words before the colon.
_LOOSE_LABEL = re.compile(
    r"^(?P<label>"
    + "|".join(f"(?P<{k}>{_LABEL_WORDS[k]})" for k in (*("present_online", "present", "absent", "invited"), "chair", "secretary"))
    + r")\b[^:]{0,30}:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# A label written alone on its line, without a colon («Til stede», «Saksliste»).
_BARE_LABEL = re.compile(
    r"^(?P<label>" + "|".join(f"(?P<{k}>{v})" for k, v in _LABEL_WORDS.items() if k not in ("time", "place", "date", "attachment")) + r")\s*$", re.IGNORECASE
)
_PEOPLE_KINDS = ("present", "present_online", "absent", "invited")

# Agenda item headings, strongest scheme first; the number is kept as written.
_SCHEMES = (
    ("case", re.compile(r"^(?P<nr>(?:sak\s*(?:nr\.?\s*)?)?\d{1,3}\s*/\s*\d{2,4})\b\s*[:.–—-]?\s*(?P<title>.*)$", re.IGNORECASE)),
    ("year", re.compile(r"^(?P<nr>\d{1,3}\s*[–—-]\s*(?:19|20)\d{2})\b\s*[:.]?\s*(?P<title>.*)$")),
    ("sak", re.compile(r"^(?P<nr>sak\s*(?:nr\.?\s*)?\d{1,3})\b\s*[:.–—-]?\s*(?P<title>.*)$", re.IGNORECASE)),
    ("plain", re.compile(r"^(?P<nr>\d{1,2})(?:[.)]\s*|\s+)(?P<title>[A-ZÆØÅ«\"].*)$")),
)
_SUBGROUP = re.compile(r"^(?:arbeids)?gruppe\s+(?P<number>\d+)\s*[-–:]\s*\S", re.IGNORECASE)
_DECISION = re.compile(r"^(?:enstemmig\s+)?vedtak(?:\s*\([^)]*\))?\s*:\s*(?P<text>.*)$", re.IGNORECASE)
_APPROVED = re.compile(r"^(?:enstemmig\s+)?(?:godkjent|vedtatt|enstemmig vedtatt|tatt til orientering)\.?$", re.IGNORECASE)
_MAYBE_DECISION = re.compile(r"^(?:beslutning|konklusjon|innstilling|forslag til vedtak)\s*:", re.IGNORECASE)
_FOLLOW_UP = re.compile(r"^(?:oppfølging|oppfølgingspunkt|aksjon|aksjonspunkt|tiltak|til neste møte|neste steg|oppgave)\s*:\s*(?P<text>.+)$", re.IGNORECASE)
_OWNER = re.compile(r"\b(?:ansvar|ansvarlig)\s*:\s*(?P<owner>[^.;]+?)\s*(?:[.;]|$)", re.IGNORECASE)
_DUE = re.compile(r"\bfrist\s*:?\s*(?P<due>\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{1,2}\.\s*[a-zæøå]+(?:\s+\d{4})?)\.?", re.IGNORECASE)
_MEANINGFUL = re.compile(
    r"^(?:\*\*)?(klynger|klynge|satsingsområder|satsingsområde|arbeidsgrupper|arbeidsgruppe|grupper|gjelder|vedtak)(?:\*\*)?\s*:", re.IGNORECASE
)
_ONLINE = re.compile(r"\b(teams|zoom|google meet|whereby|skype)\b|\bdigital(?:t)?\b|\bvideo(?:møte)?\b|\bnett(?:møte)?\b", re.IGNORECASE)
_PLATFORM = re.compile(r"\b(teams|zoom|google meet|whereby|skype)\b", re.IGNORECASE)
_ONLINE_MARK = re.compile(r"\(\s*(?:digitalt|teams|på teams|via teams|video)\s*\)", re.IGNORECASE)
_SECRETARY_MARK = re.compile(r"\(\s*(?:sekretær|referent)\s*\)", re.IGNORECASE)
_CHAIR_MARK = re.compile(r"\(\s*(?:møteleder|ordstyrer)\s*\)", re.IGNORECASE)
_TABLE_HEADER = re.compile(r"^fornavn\s+etternavn", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^(?:[A-ZÆØÅ][a-zæøåéü'’]+(?:-[A-ZÆØÅ][a-zæøåéü'’]+)*|[A-ZÆØÅ]\.?)$")
_PARTICLES = {"von", "van", "de", "af", "der"}
_NOT_MINUTES_TEXT = re.compile(r"\b(neste|forrige)\s+møte\b|\bfrist\b|\binnkalling\s+sendt\b", re.IGNORECASE)


@dataclass
class Item:
    number: str  # as written; "" for an unnumbered item
    title: str
    line: int
    scheme: str
    restored: bool = False
    lines: list[str] = field(default_factory=list)


@dataclass
class Facts:
    """What the front matter says, people by their full names in the register."""

    group: str
    date: dt.date | None = None
    start: str | None = None
    end: str | None = None
    place: str | None = None
    online: str | None = None
    chair: str | None = None
    secretary: str | None = None
    present: list[str] = field(default_factory=list)
    present_online: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    invited: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    source: str = ""


@dataclass
class ImportResult:
    text: str  # the draft file
    repaired_source: str  # the source after repair, line for line
    repairs: list[Repair]
    flags: list[Flag]
    review: list[str]  # Norwegian lines: what a person must check
    date_in_source: dt.date | None
    date: dt.date | None  # the meeting's date in the draft
    unknown_people: list[str]


def _label(line: str) -> tuple[str, str] | None:
    """(kind, rest) for a labelled line such as «Til stede: …» or «Saksliste»,
    also with one letter too many that text recognition put in the label
    («Til istede:», «ForfaIll:»)."""
    text = _plain(line)
    match = _LABEL.match(text) or _BARE_LABEL.match(text.rstrip(":")) or _LOOSE_LABEL.match(text) or _label_less_a_stray_letter(text)
    if not match:
        return None
    groups = match.groupdict()
    return next(k for k in _LABEL_WORDS if groups.get(k)), (groups.get("rest") or "").strip()


def _label_less_a_stray_letter(text: str) -> re.Match | None:
    """Only the exact label words, with one thin letter taken out before the colon."""
    for index in range(max(text.find(":", 0, 40), 0)):
        if text[index] in STRAY_GLYPHS and (match := _LABEL.match(text[:index] + text[index + 1 :])):
            return match
    return None


def _heading(line: str) -> tuple[str, str, str] | None:
    """(scheme, number as written, title) when the line could open an agenda item."""
    marked = _MARKDOWN_HEADING.match(line.strip())  # «## Økonomi»: a Word heading, or Markdown
    text = _plain(marked.group(1) if marked else line)
    if len(text) > 160:
        return None
    for scheme, pattern in _SCHEMES:
        match = pattern.match(text)
        if not match:
            continue
        title = match.group("title").strip().strip("*").strip()
        if title and title.split()[0].lower().strip(".,") in MONTHS:  # «16. januar 2025» is a date
            return None
        if scheme == "plain" and re.match(r"^\d{1,2}[.:]\d{2}\b", text):  # a time of day
            return None
        number = re.sub(r"\s+", " ", match.group("nr")).strip()
        number = re.sub(r"\s*([/–—-])\s*", lambda m: m.group(1) if m.group(1) == "/" else f" {m.group(1)} ", number)
        return scheme, number, title
    if marked:
        return "heading", "", text.strip("*").strip()
    return None


_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(\S.*)$")


def _is_caps_heading(line: str) -> bool:
    text = _plain(line)
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and all(c.isupper() for c in letters) and len(text.split()) >= 2 and len(text) <= 100


class _Reader:
    """Reads the structure of one set of minutes (after letter repair)."""

    def __init__(self, lines: list[str], repo: Repository, group_id: str, lexicon: Lexicon):
        self.lines = lines
        self.repo = repo
        self.group_id = group_id
        self.lexicon = lexicon
        self.people = PeopleIndex(repo)
        self.review: list[str] = []
        self.unknown: list[str] = []
        self.facts = Facts(group_id)
        self.intro: list[str] = []
        self.items: list[Item] = []
        self.date_lines: list[tuple[int, str]] = []  # (line, text) where the meeting's date may stand
        self.title_lines: list[tuple[int, str]] = []

    # -- agenda ----------------------------------------------------------------

    def agenda_lines(self) -> dict[int, tuple[str, str, str]]:
        """Line index → (scheme, number, title) for the lines that open agenda items."""
        candidates = {i: h for i, line in enumerate(self.lines) if not _label(line) and (h := _heading(line))}
        if not candidates:
            return {}
        # One scheme per document: the strongest one it uses.
        order = [*(s for s, _ in _SCHEMES), "heading"]
        scheme = min((h[0] for h in candidates.values()), key=order.index)
        if scheme == "sak" and any(h[0] == "plain" for h in candidates.values()) and sum(h[0] == "sak" for h in candidates.values()) < 2:
            scheme = "plain"
        chosen = {i: h for i, h in candidates.items() if h[0] == scheme}
        chosen = self._drop_agenda_list(chosen)
        if scheme == "plain":
            chosen = self._in_sequence(chosen)
        return chosen

    def _drop_agenda_list(self, chosen: dict[int, tuple[str, str, str]]) -> dict[int, tuple[str, str, str]]:
        """A list of the items before the items themselves («Saksliste: 1. … 2. …»)
        is part of the introduction: a run of headings with no text between them
        whose numbers all come again later."""
        indexes = sorted(chosen)
        runs: list[list[int]] = []
        for index in indexes:
            between = [line for line in self.lines[runs[-1][-1] + 1 : index] if line.strip()] if runs else ["x"]
            repeated = bool(runs) and _key(chosen[index][1]) in {_key(chosen[i][1]) for i in runs[-1]}
            if runs and not between and not repeated:
                runs[-1].append(index)
            else:
                runs.append([index])
        for run in runs:
            if len(run) < 2:
                continue
            later = [_key(chosen[i][1]) for i in indexes if i > run[-1]]
            if all(_key(chosen[i][1]) in later for i in run):
                for i in run:
                    del chosen[i]
        return chosen

    def _in_sequence(self, chosen: dict[int, tuple[str, str, str]]) -> dict[int, tuple[str, str, str]]:
        """Plain numbers open items only in rising order, a few apart: a numbered
        list inside an item («1. …, 2. …») stays text."""
        kept: dict[int, tuple[str, str, str]] = {}
        last = 0
        for index in sorted(chosen):
            number = int(re.match(r"\d+", chosen[index][1]).group())
            if last < number <= last + 6:
                kept[index] = chosen[index]
                last = number
        return kept

    def read(self) -> None:
        headings = self.agenda_lines()
        first_item = min(headings) if headings else len(self.lines)
        plain_scheme = bool(headings) and next(iter(headings.values()))[0] == "plain"
        section: str | None = None  # a people or attachment list being read
        subgroup = False
        skip_next = False
        for index, line in enumerate(self.lines):
            number = index + 1
            stripped = line.strip()
            if skip_next:
                skip_next = False
                continue
            if index in headings:
                scheme, nr, title = headings[index]
                if not title:  # «Sak 38/25» alone, the title on the next line
                    following = self.lines[index + 1].strip() if index + 1 < len(self.lines) else ""
                    if following and not _label(following) and index + 1 not in headings and len(following) <= 120:
                        title, skip_next = following, True
                self.items.append(Item(nr, self._title(title) or "Uten tittel", number, scheme))
                section, subgroup = None, False
                continue
            if index > first_item and plain_scheme and _is_caps_heading(stripped) and not _label(stripped):
                self.items.append(Item("", self._title(_plain(stripped)), number, "caps"))
                section, subgroup = None, False
                continue
            label = _label(stripped) if stripped else None
            if label:
                section = self._labelled(label, line, number)
                continue
            if section and stripped:
                if self._list_entry(section, line, number):
                    continue
                section = None
            elif section and not stripped:
                self._keep(line)
                continue
            if not self.items:
                if stripped:
                    self.title_lines.append((number, stripped))
                self._keep(line)
                continue
            if _SUBGROUP.match(_plain(stripped)) and len(stripped) <= 80:
                subgroup = True
                self.items[-1].lines.append(f"### {_without_raw_html(_plain(stripped))}")
                continue
            self._item_line(self.items[-1], line, number, subgroup)
        self._number_unnumbered()

    def _title(self, title: str) -> str:
        title = title.strip().rstrip(":").strip()
        letters = [c for c in title if c.isalpha()]
        if len(letters) < 4 or sum(c.isupper() for c in letters) * 3 < len(letters) * 2:
            return title
        # An ALL-CAPS title in sentence case; names and abbreviations keep their capitals.
        words = []
        for position, word in enumerate(title.split(" ")):
            bare = word.strip('.,:;()«»"')
            lower = word.lower()
            if not bare.isupper():
                words.append(word)  # «januar» in «REFERAT FRA MØTE 16. januar 2025»
                continue
            if len(bare) <= 4 and bare.isalpha() and not self.lexicon.is_known(bare):
                words.append(word)  # IPR, BEST
                continue
            if position == 0 or bare.lower() in self.lexicon.proper or bare.lower() in self.lexicon.names and not self.lexicon.is_common_word(bare):
                lower = lower[:1].upper() + lower[1:]
            words.append(lower)
        return " ".join(words)

    def _number_unnumbered(self) -> None:
        """ALL-CAPS items between numbered ones get the numbers the gap leaves, marked
        as reconstructed; an item with no room for a number stays unnumbered."""
        for position, item in enumerate(self.items):
            if item.scheme != "caps":
                continue
            before = [int(i.number) for i in self.items[:position] if i.number.isdigit()]
            after = [int(i.number) for i in self.items[position + 1 :] if i.number.isdigit()]
            if before and after and before[-1] + 1 < after[0]:
                item.number, item.restored = str(before[-1] + 1), True
                self.review.append(f"linje {item.line}: saken «{item.title}» har ikke nummer i kilden; nummeret {item.number} er satt inn som [{item.number}].")

    # -- labelled lines -------------------------------------------------------------

    def _labelled(self, label: tuple[str, str], line: str, number: int) -> str | None:
        kind, rest = label
        facts = self.facts
        if kind in ("date", "time"):
            self.date_lines.append((number, rest))
            start, end = find_time_range(rest)
            if start and not facts.start:
                facts.start, facts.end = start, end
            if kind == "date" or find_dates(rest):
                self._place_from(rest, number, strict=True)
            self._keep(line)
            return None
        if kind == "place":
            self._place_from(rest, number, strict=False)
            self._keep(line)
            return None
        if kind in ("chair", "secretary"):
            person = self._one_person(rest, number, "møteleder" if kind == "chair" else "referent")
            if person:
                if kind == "chair":
                    facts.chair = facts.chair or person
                else:
                    facts.secretary = facts.secretary or person
            self._keep(line, plain=True)
            return None
        if kind == "attachment":
            self._keep(line, plain=True)
            if rest:
                self._attachment(rest, number)
                return None
            return "attachment"
        if kind == "agenda_list" or kind == "copy":
            self._keep(line)
            return "text" if kind == "copy" else None
        # A list of people: on the same line, or on the lines below.
        if rest:
            self._people(kind, rest, number)
        self._keep(line, plain=True)
        return kind

    def _place_from(self, text: str, number: int, strict: bool) -> None:
        """Place and digital platform from «Sted: Osloregionens kontor / Teams»."""
        facts = self.facts
        online = _PLATFORM.search(text) or _ONLINE.search(text)
        if online and not facts.online:
            platform = online.group(1)
            facts.online = platform[:1].upper() + platform[1:].lower() if platform else "digitalt"
            if platform and platform.lower() == "teams":
                facts.online = "Teams"
        if strict:  # a date line: only «, Sted» after the date and time
            rest = _TIME_RANGE.sub("", text)
            parts = [p.strip(" ,.") for p in re.split(r",|\bi\b|\bpå\b", _strip_dates(rest)) if p.strip(" ,.")]
            places = [p for p in parts if p[:1].isupper() and not _ONLINE.fullmatch(p) and not re.search(r"\d", p)]
            if places and not facts.place:
                facts.place = places[-1]
            return
        place = text.strip().rstrip(".")
        cleaned = re.sub(
            r"\s*(?:[/,]|\bog\b|\bpå\b|\bog på\b)?\s*(?:via\s+)?\b(?:teams|zoom|digitalt|video(?:møte)?|nett)\b.*$", "", place, flags=re.IGNORECASE
        ).strip(" ,/–-")
        if cleaned and not _ONLINE.fullmatch(cleaned) and not facts.place:
            facts.place = cleaned

    def _attachment(self, text: str, number: int) -> None:
        for part in [p.strip() for p in re.split(r";", text) if p.strip()]:
            title = re.sub(r"^\d{1,2}[.)]\s*", "", _plain(part)).strip()
            if title:
                self.facts.attachments.append(title)

    def _names_of(self, person: str) -> list[str]:
        record = self.repo.people[person]
        return [record.name, *record.aliases]

    # -- people ---------------------------------------------------------------------

    def _list_entry(self, section: str, line: str, number: int) -> bool:
        """A line of a people or attachment list; False when the list has ended."""
        text = _plain(line)
        if section == "attachment":
            if _heading(text) and not re.match(r"^\d{1,2}[.)]\s", text):
                return False
            self._attachment(text, number)
            self._keep(line)
            return True
        if section == "text":
            self._keep(line)
            return True
        if _TABLE_HEADER.match(text):
            self._keep(line)
            return True
        names = _candidate_names(text, self.lexicon)
        if not names and not self.people.resolve(_name_part(_strip_marks(text)))[0]:
            return False
        self._people(section, text, number)
        self._keep(line, plain=True)
        return True

    def _people(self, kind: str, text: str, number: int) -> None:
        """Put the people named in `text` on the list `kind` (the line stays in the body)."""
        facts = self.facts
        entries = _split_people(text)
        for entry in entries:
            online = kind == "present_online" or bool(_ONLINE_MARK.search(entry))
            secretary = bool(_SECRETARY_MARK.search(entry))
            chair = bool(_CHAIR_MARK.search(entry))
            names = _candidate_names(entry, self.lexicon)
            whole = _name_part(_strip_marks(entry))
            if self.people.resolve(whole)[0]:  # «Trond arne Ingvoldstad»: the register knows it as written
                names = [whole]
            if not names:
                continue
            for name in names:
                person, _ = self._person(name, number, kind)
                if person is None:
                    continue
                target = {
                    "present": facts.present_online if online else facts.present,
                    "present_online": facts.present_online,
                    "absent": facts.absent,
                    "invited": facts.invited,
                }[kind]
                if person not in target:
                    target.append(person)
                if secretary and kind in ("present", "present_online"):
                    facts.secretary = facts.secretary or person
                if chair and kind in ("present", "present_online"):
                    facts.chair = facts.chair or person

    def _person(self, name: str, number: int, kind: str) -> tuple[str | None, str]:
        """(person id or None, the name as the text writes it). A run of capitalised
        words may go on into an organisation («Dag Aanensen Drammensregionen»):
        the longest start of it that the register knows is the name."""
        tokens = name.split()
        person, note = None, ""
        for size in range(len(tokens), 1, -1):
            person, note = self.people.resolve(" ".join(tokens[:size]))
            if person and not note:
                name = " ".join(tokens[:size])
                break
        else:
            for size in range(len(tokens), 1, -1):
                person, note = self.people.resolve(" ".join(tokens[:size]))
                if person or note:
                    name = " ".join(tokens[:size])
                    break
            if not person and not note:
                name = _display_name(tokens, self.lexicon)
        if note:
            self.review.append(f"linje {number}: {note}.")
        if person is None:
            where = {
                "present": "de som var til stede",
                "present_online": "de som var til stede digitalt",
                "absent": "forfall",
                "invited": "de inviterte",
                "møteleder": "møteleder",
                "referent": "referent",
            }[kind]
            self.unknown.append(name)
            self.review.append(
                f"linje {number}: «{name}» ({where}) finnes ikke i data/personer.yaml; navnet står i teksten. Legg personen til, eller rett navnet."
            )
        return person, name

    def _one_person(self, text: str, number: int, kind: str) -> str | None:
        whole = _name_part(_strip_marks(text))
        names = [whole] if self.people.resolve(whole)[0] else _candidate_names(text, self.lexicon)
        return self._person(names[0], number, kind)[0] if names else None

    # -- the text of an item -----------------------------------------------------------

    def _item_line(self, item: Item, line: str, number: int, subgroup: bool) -> None:
        text = _plain(line)
        decision = _DECISION.match(text)
        if decision:
            rest = decision.group("text").strip()
            item.lines.append(f"Vedtak: {_without_raw_html(rest)}" if rest else "Vedtak:")
            return
        if _APPROVED.match(text) and not any(x.strip() for x in item.lines):
            item.lines.append(f"Vedtak: {_without_raw_html(text)}")
            return
        if _MAYBE_DECISION.match(text):
            self.review.append(
                f"linje {number}: «{text.split(':')[0]}:» i sak {item.number or item.title} kan være et vedtak; skriv «Vedtak:» foran hvis det er det."
            )
        follow = _FOLLOW_UP.match(text)
        owner = _OWNER.search(text)
        if follow or (owner and line.lstrip().startswith(("-", "•", "*")) and owner.start() > 0):
            task = self._follow_up(item, follow.group("text") if follow else text, text, number)
            if task:
                item.lines.append(task)
                return
        if _MEANINGFUL.match(text):
            label = text.split(":", 1)[0].strip("* ")
            self.review.append(
                f"linje {number}: linjen starter med «{label}:», som har en egen betydning i referatformatet; den er skrevet som «*{label}:*». Sjekk den."
            )
            item.lines.append(f"*{_without_raw_html(label)}:*{_without_raw_html(text.split(':', 1)[1])}")
            return
        self._keep(line, item=item)

    def _follow_up(self, item: Item, task: str, whole: str, number: int) -> str | None:
        """A follow-up as a task-list item when the text names an owner in the
        register; otherwise None (the line stays text, listed for review)."""
        owner = _OWNER.search(task)
        where = (item.number if item.number.lower().startswith("sak") else f"sak {item.number}") if item.number else f"saken «{item.title}»"
        if not owner:
            self.review.append(
                f"linje {number}: oppfølgingspunkt i {where} uten ansvarlig: «{whole}». Skriv det som «- [ ] Oppgave. Ansvar: Navn.» når ansvarlig er kjent."
            )
            return None
        owners = []
        for name in re.split(r",|\bog\b|&", owner.group("owner")):
            name = name.strip()
            resolved = self._owner(name)
            if not resolved:
                self.review.append(f"linje {number}: ansvarlig «{name}» for oppfølgingspunktet i {where} finnes ikke i arkivet; punktet står som vanlig tekst.")
                return None
            owners.append(resolved)
        description = (task[: owner.start()] + task[owner.end() :]).strip()
        due = _DUE.search(description)
        due_text = ""
        if due:
            written = due.group("due").strip()
            dates = find_dates(written)
            year = self.facts.date.year if self.facts.date else None
            if dates:  # 15. januar 2026, 15.01.2026, 2026-01-15: as written
                due_text = f" Frist: {written}."
            elif year and find_dates(written, year):  # «15. januar»: the meeting's year added
                due_text = f" Frist: {written} {year}."
            else:
                self.review.append(f"linje {number}: fristen «{written}» i {where} er ikke en dato; den står i teksten til punktet.")
            if due_text:
                description = (description[: due.start()] + description[due.end() :]).strip()
        description = description.strip(" .,;–-")
        if not description:
            return None
        return f"- [ ] {_without_raw_html(description)}. Ansvar: {' og '.join(owners)}.{due_text}"

    def _owner(self, name: str) -> str | None:
        """The owner's full name (a person) or name (a group); only an exact match,
        so that no word of the text is replaced by a guess."""
        person, note = self.people.resolve(name)
        if person and not note:
            return self.people.full_name[person]
        for group in self.repo.groups.values():
            if _normal(name) in {_normal(group.name), _normal(group.full_name or "")} or (
                group.number and _normal(name) in {f"gruppe {group.number}", f"arbeidsgruppe {group.number}"}
            ):
                return group.name
        return None

    # -- keeping lines ------------------------------------------------------------------

    def _keep(self, line: str, item: Item | None = None, plain: bool = False) -> None:
        """Keep a source line in the body where it stood; `plain`: without the
        bold of a label («**Til stede:** …»), whose facts are in the front matter."""
        target = item.lines if item else (self.items[-1].lines if self.items else self.intro)
        target.append(_markdown_line(line.replace("**", "") if plain else line))


def _key(number: str) -> str:
    return re.sub(r"\W+", "", number.lower().replace("sak", "").replace("nr", "")).lstrip("0")


def _strip_dates(text: str) -> str:
    for pattern in (_ISO_DATE, _NAMED_DATE, _NUMERIC_DATE, _TIME_RANGE, _CLOCK):
        text = pattern.sub(" ", text)
    return re.sub(r"\b(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|kl|klokken)\b\.?", " ", text, flags=re.IGNORECASE)


def _strip_marks(text: str) -> str:
    for pattern in (_ONLINE_MARK, _SECRETARY_MARK, _CHAIR_MARK):
        text = pattern.sub(" ", text)
    return text


def _name_part(text: str) -> str:
    return re.split(r",|\s[-–]\s|\(", text, maxsplit=1)[0].strip()


def _split_people(text: str) -> list[str]:
    """«Kari Nordmann, Ola Hansen og Per Olsen (digitalt)» → one entry per person."""
    entries = []
    for part in re.split(r"[;,\t]|\s{3,}", text):
        entries += re.split(r"\s+(?:og|&)\s+(?=[A-ZÆØÅ])", part)
    return [e.strip() for e in entries if e.strip()]


def _candidate_names(text: str, lexicon: Lexicon) -> list[str]:
    """The names of people at the start of `text`, whole: «Elise V Moksnes»,
    «Hanne-Mai Eriksen», «Anne Kristine Feltman Bærum kommune» → the name
    without the organisation. A single word, a label or a common noun is no name."""
    names = []
    for entry in _split_people(_strip_marks(text)):
        tokens = re.split(r"\s+", re.split(r"\s[-–—]\s|\(|:|\s/\s", entry, maxsplit=1)[0].strip())
        run: list[str] = []
        for token in tokens:
            bare = token.strip(".,")
            if len(bare) > 1 and token.rstrip(",") == bare + "." and _NAME_TOKEN.match(bare):
                run.append(bare)  # «Forfall: Tor Åge Fæstad.»: the full stop ends the name
                break
            if _NAME_TOKEN.match(token) or (run and token.lower() in _PARTICLES):
                run.append(token.rstrip(","))
                continue
            if run and bare and bare[0].islower():
                if len(run) > 2:  # «… Halvorsrud Fredrikstad kommune»: the last capital belongs to «kommune»
                    run.pop()
                break
            break
        while run and run[-1].lower() in _PARTICLES:
            run.pop()
        # A title before the name: «Leder Bjørn Åge Mæland», «Næringssjef Gøril Bråten».
        while len(run) > 2 and lexicon.is_common_word(run[0]) and not lexicon.may_be_name(run[0]):
            run.pop(0)
        words = [w for w in run if len(w.strip(".")) > 1]
        # «Saksliste Styret» is no name; «Per Utenfra» is (the dictionary has «Per» as a name too).
        if len(words) < 2 or lexicon.is_common_word(words[0]) and not lexicon.may_be_name(words[0]):
            continue
        names.append(" ".join(run))
    return names


def _display_name(tokens: list[str], lexicon: Lexicon) -> str:
    """The name in a run of capitalised words the register does not know: up to
    four words, ending before a compound of ordinary words («Drammensregionen»)."""
    kept = tokens[:2]
    for token in tokens[2:4]:
        bare = token.strip(".")
        if lexicon.direct_score(bare) is None and lexicon.compound_parts(bare) is not None:
            break  # «Drammensregionen»: an organisation, not a surname
        kept.append(token)
    return " ".join(kept)


def _without_raw_html(text: str) -> str:
    """A line of the source as Markdown text, never as raw HTML: «<» is written as
    «&lt;», which the page shows as «<». Not an HTML escaper: the page's HTML is
    made by archive/safety/markdown.py and cleaned by nh3 like all minutes."""
    return text.replace("<", "&lt;")


def _markdown_line(line: str) -> str:
    text = _without_raw_html(line.rstrip()).lstrip()
    if text.startswith("#"):
        return "\\" + text
    if re.match(r"^[-*]\s+\[[ xX]\]", text):  # not a follow-up unless written as one here
        return "\\" + text
    return text


def _tidy(lines: list[str]) -> list[str]:
    """At most one blank line in a row, none at the start or the end."""
    out: list[str] = []
    for line in lines:
        if not line.strip() and (not out or not out[-1].strip()):
            continue
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return out


# -- the draft ---------------------------------------------------------------------


def draft_minutes(
    source: str,
    repo: Repository,
    group_id: str,
    date: dt.date | None,
    source_name: str,
    lexicon: Lexicon,
    notes: list[str] | None = None,
) -> ImportResult:
    """Repair the letters of `source`, read its structure, and write the draft.
    `date` is the meeting's date when given; otherwise the one the text states."""
    lexicon = archive_lexicon(repo, lexicon)
    repaired = repair_text(source, lexicon)
    reader = _Reader(repaired.text.split("\n"), repo, group_id, lexicon)
    reader.read()
    facts = reader.facts
    date_in_source = _meeting_date(reader)
    facts.date = date or date_in_source
    if date and date_in_source and date != date_in_source:
        reader.review.insert(0, f"referatet nevner datoen {date_in_source.isoformat()}, men --date er {date.isoformat()}.")
    _tidy_people(facts)
    whole = _normal(repaired.text)
    facts.events = [e.title for e in repo.events.values() if _normal(e.title) in whole]
    facts.source = f"Importert fra {source_name} med scripts/import_minutes.py; må gjennomgås."
    names = reader.people.full_name
    for attr in ("present", "present_online", "absent", "invited"):
        setattr(facts, attr, [names[p] for p in getattr(facts, attr)])
    facts.chair = names[facts.chair] if facts.chair else None
    facts.secretary = names[facts.secretary] if facts.secretary else None

    review = list(notes or []) + reader.review
    review += [f"usikker lesning, {r.describe()}." for r in repaired.repairs if r.uncertain]
    review += _grouped_flags(repaired.flags)
    review += [f"Rettet: {r.describe()}" for r in repaired.repairs]
    text = write_draft(facts, reader.intro, reader.items, review)
    return ImportResult(text, repaired.text, repaired.repairs, repaired.flags, review, date_in_source, facts.date, reader.unknown)


def _meeting_date(reader: _Reader) -> dt.date | None:
    """The meeting's date: from a date label, else from the title lines before the
    first item (not from «neste møte …»). A date without a year («8. desember»)
    takes the year of another date or of the case numbers («Sak 38/25»)."""
    text = "\n".join(reader.lines)
    years = [d.year for _, d in find_dates(text)]
    years += [2000 + int(m.group(1)) for m in re.finditer(r"\b\d{1,3}/(\d{2})\b", "\n".join(i.number for i in reader.items))]
    year = max(set(years), key=years.count) if years else None
    for source in (reader.date_lines, [(n, t) for n, t in reader.title_lines if not _NOT_MINUTES_TEXT.search(t)]):
        for _, line in source:
            dates = find_dates(line, year)
            if dates:
                return dates[0][1]
    return None


def _tidy_people(facts: Facts) -> None:
    if facts.chair:
        facts.present = [p for p in facts.present if p != facts.chair]
        facts.present_online = [p for p in facts.present_online if p != facts.chair]
    facts.present_online = [p for p in facts.present_online if p not in facts.present]
    facts.absent = [p for p in facts.absent if p not in facts.present and p not in facts.present_online and p != facts.chair]


def _grouped_flags(flags: list[Flag]) -> list[str]:
    """One review line per word left as it was, with every line it stands on."""
    by_word: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for flag in flags:
        by_word.setdefault((flag.word, flag.suggestions), []).append(flag.line)
    out = []
    for (word, suggestions), lines in by_word.items():
        where = "linje " + ", ".join(str(n) for n in dict.fromkeys(lines))
        if suggestions:
            out.append(f"{where}: «{word}» kan være feillest for " + " eller ".join(f"«{s}»" for s in suggestions) + "; ikke rettet.")
        else:
            out.append(f"{where}: «{word}» er ikke et kjent ord og kan være feillest; ikke rettet.")
    return out


def write_draft(facts: Facts, intro: list[str], items: list[Item], review: list[str]) -> str:
    """The draft file: front matter (the facts, then the review list as a YAML
    comment) and the body (the introduction, then one `##` heading per item)."""
    front: list[str] = [f"gruppe: {yaml_scalar(facts.group)}"]
    if facts.date:
        front.append(f"dato: {facts.date.isoformat()}")
    for key, value in (("start", facts.start), ("slutt", facts.end)):
        if value:
            front.append(f'{key}: "{value}"')
    for key, value in (("sted", facts.place), ("digitalt", facts.online)):
        if value:
            front.append(f"{key}: {yaml_scalar(value)}")
    front.append("status: utkast")
    for key, value in (("møteleder", facts.chair), ("referent", facts.secretary)):
        if value:
            front.append(f"{key}: {yaml_scalar(value)}")
    for key, values in (
        ("tilstede", facts.present),
        ("tilstede_digitalt", facts.present_online),
        ("forfall", facts.absent),
        ("inviterte", facts.invited),
        ("arrangementer", facts.events),
    ):
        if values:
            front.append(f"{key}:")
            front += [f"  - {yaml_scalar(v)}" for v in values]
    if facts.attachments:
        front.append("vedlegg:")
        front += [f"  - tittel: {yaml_scalar(title)}" for title in facts.attachments]
    front.append(f"kilde: {yaml_scalar(facts.source)}")
    comment = ["# Til gjennomsyn (laget av scripts/import_minutes.py; linjenumrene gjelder kildefilen; slett når alt er sjekket):"]
    comment += [f"#   {line}" for line in review]
    body: list[str] = [*intro, ""]
    for item in items:
        number = f"[{item.number}]" if item.restored else item.number
        heading = f"{number}. {item.title}" if item.scheme == "plain" else f"{number} {item.title}".strip()
        body += [f"## {_without_raw_html(heading)}", "", *item.lines, ""]
    return "\n".join(["---", *front, *comment, "---", "", *_tidy(body)]) + "\n"


def summary(result: ImportResult) -> list[str]:
    lines = [f"Rettet {len(result.repairs)} ord fra tekstgjenkjenningen (se kommentaren i toppteksten)."]
    if result.flags:
        lines.append(f"{len({f.word for f in result.flags})} ord er ikke rettet, men kan være feillest (se kommentaren).")
    unknown = list(dict.fromkeys(result.unknown_people))  # one person may stand as present and as secretary
    if unknown:
        lines.append(f"{len(unknown)} navn er ikke funnet i data/personer.yaml: " + ", ".join(f"«{n}»" for n in unknown) + ".")
    if result.review:
        lines.append("Må sjekkes:")
        lines += [f"  - {line}" for line in result.review if not line.startswith("Rettet: ")]
    return lines


# -- measuring ---------------------------------------------------------------------


def missing_words(result: ImportResult) -> Counter:
    """Words of the (repaired) source that are not in the draft; the review
    comment does not count, so a word only listed there is missing."""
    draft = "\n".join(line for line in result.text.split("\n") if not line.startswith("#   ") and not line.startswith("# Til gjennomsyn"))

    def words(text: str) -> Counter:
        return Counter(w.lower() for w in WORD_RE.findall(text))

    return words(result.repaired_source) - words(draft)


@dataclass
class CorpusReport:
    name: str
    counts: RepairCounts
    date_clean: dt.date | None  # the date read from the clean text
    date_damaged: dt.date | None  # the date read from the damaged text
    words_kept: bool

    @property
    def date_note(self) -> str:
        if self.date_clean is None:
            return "ingen" if self.date_damaged is None else f"feil ({self.date_damaged})"
        return self.date_damaged.isoformat() if self.date_damaged == self.date_clean else "IKKE FUNNET"


def corpus_report(name: str, clean: str, repo: Repository, lexicon: Lexicon, seed: int, rate: float = 1.0) -> CorpusReport:
    """Damage `clean` (seeded by the document's name too), import both, and count."""
    damaged, damages = damage_text(clean, seed=seed * 100_003 + zlib.crc32(name.encode()), rate=rate)
    result = draft_minutes(damaged, repo, "naeringsgruppen", None, name, lexicon)
    repaired = RepairResult(result.repaired_source, result.repairs, result.flags)
    counts = measure_repair(clean, damaged, damages, repaired)
    clean_result = draft_minutes(clean, repo, "naeringsgruppen", None, name, lexicon)
    return CorpusReport(name, counts, clean_result.date_in_source, result.date_in_source, not missing_words(result) and not missing_words(clean_result))
