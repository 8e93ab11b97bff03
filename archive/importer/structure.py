"""Reading the structure of minutes from outside, after their letters are repaired.

Minutes come in many shapes; this reads the ones boards, councils, associations
and working groups use, in Bokmål and Nynorsk:

- the facts in a header: label lines («Dato:», «Stad:», «Møteleiar:»), several
  labels on one line («Dato: 13.01.2025   Tid: 16–18   Sted: Gran»), a form
  as a table («| Dato | 02.06.2025 |»), or the title line («Referat fra
  styremøte 27. august 2025»);
- the people: a label with names after it or on the lines under it (as a list,
  a bullet list or a table, also with a column saying who was there), and
  running text («Til stede var …», «… hadde meldt forfall»);
- the agenda: numbered items in the forms Norwegian minutes number them
  («1.», «1)», «Sak 3», «Sak 12/25», «PS 12/25», «07 – 2022», «§ 3», «Punkt 1»),
  headings (Word's, Markdown's), titles in capitals, bullets that each open a
  stretch of text, and items run together in one paragraph («… godkjent. Sak 2:
  …»). One scheme per document; a deeper level («2.1», a Word heading under the
  items, «BAKGRUNN» under numbered items) stays inside its item;
- decisions, follow-ups (lines and action tables «Hva | Hvem | Frist»).

No text is invented: an item without a title keeps only its number and is
listed for review; no line of the source is dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from archive.importer.dates import MONTHS, find_dates, find_time_range, strip_dates
from archive.importer.lexicon import Lexicon
from archive.importer.ocr_repair import STRAY_GLYPHS
from archive.importer.people import (
    CHAIR_MARK,
    ONLINE_MARK,
    SECRETARY_MARK,
    PeopleIndex,
    Proposals,
    candidate_names,
    display_name,
    name_part,
    normal,
    organisation_of,
    split_people,
    strip_marks,
)
from archive.model.repository import Repository

_BOLD = re.compile(r"^[*_]{1,2}(.+?)[*_]{1,2}(?=\s|:|$)")
_BULLET = re.compile(r"^\s*(?:[-•*·▪–●○]|\u2022)\s+")


def plain(line: str) -> str:
    """The line without Markdown emphasis around a leading label and without bullets."""
    text = line.strip()
    text = _BULLET.sub("", text)
    text = re.sub(r"^#{1,6}\s+", "", text)
    match = _BOLD.match(text)
    if match:
        text = match.group(1) + text[match.end() :]
    return text.replace("**", "").strip()


# Labels at the start of a line, and what they introduce (Bokmål and Nynorsk).
_LABEL_WORDS = {
    "date": r"dato|møtedato|startdato|dato og tid|dato/tid|tid og sted|tid og stad|tid/sted|tid/stad|dato og stad|dato og sted|når",
    "time": r"tid|tidspunkt|klokkeslett|møtetid|klokka|klokken",
    "place": r"sted|stad|møtested|møtestad|møterom|lokale|lokale|hvor|kvar",
    "present_online": r"til stede digitalt|tilstede digitalt|til stades digitalt|deltok digitalt|digitalt til stede|på teams|via teams|digitalt",
    "present": r"til stede|tilstede|til stades|tilstades|deltakere|deltakarar|deltagere|deltok|møtt|møtte|fremmøtte|frammøtte|møtande|møtende|"
    r"desse møtte|disse møtte|følgende møtte|til stede fra styret|frå styret|fra styret|"
    r"fra administrasjonen|frå administrasjonen|fra sekretariatet|også til stede|òg til stades|i tillegg møtte|observatører|observatør|gjester|"
    r"til stede var|til stades var|tilstede var",
    "absent": r"forfall|meldt forfall|fravær|fråvær|fraværende|fråverande|ikke til stede|ikkje til stades|ikke møtt|ikkje møtt|forfall fra styret",
    "invited": r"invitert|inviterte|innkalt|innkalte|kalla inn",
    "chair": r"møteleder|møteleiar|ordstyrer|leder for møtet|leiar for møtet|møteleiing",
    "secretary": r"referent|sekretær|referat skrevet av|referat skrive av|protokollfører|protokollførar|skrivar|referent/sekretær",
    "attachment": r"vedlegg|vedlagt",
    "agenda_list": r"saksliste|sakliste|sakliste|dagsorden|agenda|saker|sakene|saker til behandling",
    "copy": r"kopi|kopi til|distribusjon|mottakere|mottakarar",
    "meeting": r"møte|møtetype|møte nr|møtenummer|møtenr|arkivsak|saksnr|journalpost|utvalg|utval|organ|gruppe",
}
_LABEL_ALTERNATIVES = "|".join(f"(?P<{k}>{v})" for k, v in _LABEL_WORDS.items())
_LABEL = re.compile(r"^(?P<label>" + _LABEL_ALTERNATIVES + r")(?:\s*\d{1,2})?\s*[:.]?\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
# «Tilstede på møtet:», «Forfall fra styret:»: a people label with a few words before the colon.
_LOOSE_LABEL = re.compile(
    r"^(?P<label>"
    + "|".join(f"(?P<{k}>{_LABEL_WORDS[k]})" for k in ("present_online", "present", "absent", "invited", "chair", "secretary"))
    + r")\b[^:]{0,30}:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# A label written alone on its line, without a colon («Til stede», «Saksliste»).
_BARE_LABEL = re.compile(
    r"^(?P<label>" + "|".join(f"(?P<{k}>{v})" for k, v in _LABEL_WORDS.items() if k not in ("time", "place", "date", "attachment", "meeting")) + r")\s*$",
    re.IGNORECASE,
)
# A form's label without a colon, as text recognition reads a form's two columns
# («Møtedato   14.11.2025», «Til stede Tor Åmodt, Randi Øyen»): only the labels of
# a form's header, and only when what follows looks like what the label introduces.
_FORM_LABEL_WORDS = {
    "date": r"dato|møtedato",
    "time": r"tid|møtetid|klokkeslett",
    "place": r"sted|stad|møtested|møtestad|møterom",
    "present": r"til stede|tilstede|til stades|tilstades|deltakere|deltakarar|deltagere",
    "absent": r"forfall|meldt forfall",
    "chair": r"møteleder|møteleiar|ordstyrer",
    "secretary": r"referent|protokollfører|protokollførar|skrivar",
    "meeting": r"møte|møtetype",
}
_FORM_LABEL = re.compile(
    r"^(?P<label>(?i:" + "|".join(f"(?P<{k}>{v})" for k, v in _FORM_LABEL_WORDS.items()) + r"))(?:\s{2,}|\t|\s(?=[A-ZÆØÅ0-9]))(?P<rest>\S.*)$"
)
_NAME_WORD = re.compile(r"^[A-ZÆØÅ][\w.'-]*$")


def _form_label(text: str) -> re.Match | None:
    """`text` as a form's label and its value, when the value fits the label."""
    match = _FORM_LABEL.match(text)
    if not match:
        return None
    kind = next(k for k in _FORM_LABEL_WORDS if match.group(k))
    rest = match.group("rest").strip()
    if kind == "date":
        return match if find_dates(rest) else None
    if kind == "time":
        return match if re.match(r"(?:kl\.?\s*)?\d{1,2}[:.]\d{2}", rest) else None
    if kind in ("place", "meeting"):
        return match if len(rest) <= 80 and not re.search(r"[.!?]$", rest) else None
    # People: names apart by commas or «og», each of capitalised words (a role in brackets allowed).
    names = re.split(r",\s*|\s+og\s+", re.sub(r"\([^)]*\)", "", rest).strip(" ."))
    words_ok = all(0 < len(n.split()) <= 4 and all(_NAME_WORD.match(w) for w in n.split()) for n in names if n.strip())
    return match if words_ok and any(n.strip() for n in names) else None


# Another label later on the same line: «Dato: 13.01.2025    Tid: 16:00    Sted: Gran»;
_NEXT_LABEL = re.compile(
    r"(?:\s{2,}|\t|\.\s+|;\s*|,\s+|\s(?=(?-i:[A-ZÆØÅ])))(?=(?:"
    + "|".join(_LABEL_WORDS[k] for k in ("date", "time", "place", "chair", "secretary"))
    + r")\s*:)",
    re.IGNORECASE,
)  # a single space too before a capital («2025 Stad: Grendehuset»): text recognition closes up a form's gaps
# People in running text: «Til stede var A, B og C.», «X hadde meldt forfall.»
_RUNNING_PRESENT = re.compile(
    r"^(?:til stede var|til stades var|tilstede var|til stede på møtet var|desse møtte|disse møtte|møtt var)\s+(?P<names>.+)$", re.IGNORECASE
)
_RUNNING_ABSENT = re.compile(
    r"^(?P<names>.+?)\s+(?:hadde|har)\s+(?:meldt\s+)?forfall$|^(?P<names2>.+?)\s+meldte\s+forfall$|^forfall(?: hadde| frå| fra)?\s*:?\s*(?P<names3>.+)$",
    re.IGNORECASE,
)

# Agenda item headings, strongest scheme first; the number is kept as written.
_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_SCHEMES = (
    (
        "case",
        re.compile(
            r"^(?P<nr>(?:(?:sak|ps|rs|os|ds|styresak|o-sak|v-sak|saksnr\.?)\s*(?:nr\.?\s*)?)?\d{1,4}\s*/\s*\d{2,4})\b\s*[:.–—-]?\s*(?P<title>.*)$",
            re.IGNORECASE,
        ),
    ),
    ("year", re.compile(r"^(?P<nr>\d{1,3}\s*[–—-]\s*(?:19|20)\d{2})\b\s*[:.]?\s*(?P<title>.*)$")),
    ("sak", re.compile(r"^(?P<nr>(?:sak|punkt|pkt\.?|post|tema|§)\s*(?:nr\.?\s*)?\d{1,3})\b\.?\s*[:.–—-]?\s*(?P<title>.*)$", re.IGNORECASE)),
    ("plain", re.compile(r"^(?P<nr>\d{1,2}(?:[.):]|\s*[–—-](?=\s)))\s*(?P<title>[A-ZÆØÅ«\"].*)$")),
    ("plain", re.compile(r"^(?P<nr>\d{1,2})\s+(?P<title>[A-ZÆØÅ«\"].*)$")),
    ("roman", re.compile(r"^(?P<nr>" + _ROMAN + r"[.)])\s+(?P<title>[A-ZÆØÅ].*)$")),
)
_SCHEME_ORDER = ("case", "year", "sak", "plain", "roman", "heading", "caps", "bullet")
# Text recognition reads «1.» as «I.» or «l.»: read as 1 where the sequence says so.
_MISREAD_ONE = re.compile(r"^[Il|i](?=[.)]\s+[A-ZÆØÅ])")
_SUB_NUMBER = re.compile(r"^\d{1,2}\.\d{1,2}\.?\s+\S")  # «2.1 Rv7 over Hardangervidda»
_SUBGROUP = re.compile(r"^(?:arbeids)?gruppe\s+(?P<number>\d+)\s*[-–:]\s*\S", re.IGNORECASE)
_DECISION = re.compile(
    r"^(?P<before>enstemmig\s+|samrøystes\s+)?(?P<label>vedtak|vedtaket|beslutning|beslutningen|avgjerd|avgjersle)(?:\s*\((?P<note>[^)]*)\))?\s*:\s*(?P<text>.*)$",
    re.IGNORECASE,
)
_DECISION_ALONE = re.compile(
    r"^(?P<before>enstemmig\s+|samrøystes\s+)?(?P<label>vedtak|vedtaket|beslutning|beslutningen|avgjerd|avgjersle)(?:\s*\((?P<note>[^)]*)\))?\s*:?\s*$",
    re.IGNORECASE,
)
_APPROVED = re.compile(
    r"^(?:enstemmig\s+|samrøystes\s+)?(?:godkjent|godkjend|vedtatt|vedteke|enstemmig vedtatt|tatt til orientering|teke til orientering)\.?$", re.IGNORECASE
)
_MAYBE_DECISION = re.compile(r"^(?:konklusjon|innstilling|forslag til vedtak|framlegg til vedtak)\s*:", re.IGNORECASE)
_FOLLOW_UP = re.compile(
    r"^(?:oppfølging|oppfylging|oppfølgingspunkt|aksjon|aksjonspunkt|tiltak|til neste møte|neste steg|oppgave|oppgåve)\s*:\s*(?P<text>.+)$", re.IGNORECASE
)
_OWNER = re.compile(r"\b(?:ansvar|ansvarlig|ansvarleg)\s*:\s*(?P<owner>[^.;]+?)\s*(?:[.;]|$)", re.IGNORECASE)
_DUE = re.compile(r"\bfrist\s*:?\s*(?P<due>\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{1,2}\.\s*[a-zæøå]+(?:\s+\d{4})?)\.?", re.IGNORECASE)
_MEANINGFUL = re.compile(
    r"^(?:\*\*)?(klynger|klynge|satsingsområder|satsingsområde|arbeidsgrupper|arbeidsgruppe|grupper|gjelder|vedtak)(?:\*\*)?\s*:", re.IGNORECASE
)
_ONLINE = re.compile(r"\b(teams|zoom|google meet|whereby|skype)\b|\bdigital(?:t)?\b|\bvideo(?:møte)?\b|\bnett(?:møte)?\b", re.IGNORECASE)
_PLATFORM = re.compile(r"\b(teams|zoom|google meet|whereby|skype)\b", re.IGNORECASE)
_TABLE_HEADER = re.compile(r"^fornavn\s+etternavn", re.IGNORECASE)
_NOT_MINUTES_TEXT = re.compile(r"\b(neste|forrige)\s+møte\b|\bfrist\b|\binnkalling\s+sendt\b", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>\S.*)$")
# Column names of tables: who, what, by when, and whether present.
_NAME_COLUMN = re.compile(r"^(?:navn|namn|deltaker|deltakar|medlem|person|fornavn)$", re.IGNORECASE)
_PRESENCE_COLUMN = re.compile(r"^(?:til stede|tilstede|til stades|møtt|oppmøte|frammøte|fremmøte|deltok)$", re.IGNORECASE)
_TASK_COLUMN = re.compile(r"^(?:hva|kva|oppgave|oppgåve|tiltak|aksjon|aksjonspunkt|oppfølging|oppfølgingspunkt|beskrivelse|skildring)$", re.IGNORECASE)
_OWNER_COLUMN = re.compile(r"^(?:hvem|kven|ansvar|ansvarlig|ansvarleg)$", re.IGNORECASE)
_DUE_COLUMN = re.compile(r"^(?:frist|når|dato|tidsfrist)$", re.IGNORECASE)
_ABSENT_VALUE = re.compile(r"^(?:nei|-|–|forfall|fravær|fråvær|ikke møtt|ikkje møtt|f)$", re.IGNORECASE)
_PRESENT_VALUE = re.compile(r"^(?:x|ja|j|møtt|✓|✔|til stede|tilstede|digitalt|teams)$", re.IGNORECASE)
# Sub-headings inside an item: the item's parts, not items of their own.
_PART_WORDS = re.compile(
    r"^(?:bakgrunn|saksopplysninger|saksopplysningar|saksframstilling|saksutgreiing|saksutredning|drøfting|diskusjon|vurdering|konklusjon|"
    r"orientering|merknader|merknadar|innstilling|forslag til vedtak|framlegg til vedtak|oppfølging|kommentarer|kommentarar)\s*:?$",
    re.IGNORECASE,
)


def _decision_note(match: re.Match) -> str:
    """What a decision's label says besides «Vedtak», kept in the draft as written (no word of
    the source is changed, not even its case): «Vedtak (enstemmig):», «Enstemmig vedtak:»,
    «Beslutning:» → «(enstemmig) », «(Enstemmig) », «(Beslutning) »."""
    notes = [match.group("before").strip()] if match.group("before") else []
    if match.group("label").lower() not in ("vedtak", "vedtaket"):
        notes.insert(0, match.group("label"))
    if match.group("note") and match.group("note").strip():
        notes.append(match.group("note").strip())
    return f"({', '.join(notes)}) " if notes else ""


@dataclass
class Item:
    number: str  # as written; "" for an unnumbered item
    title: str
    line: int
    scheme: str
    restored: bool = False
    lines: list[str] = field(default_factory=list)
    written: str = ""  # the heading as the source writes it («Sak 1: Godkjenning», «Punkt 2 – Valg»)


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


def label_of(line: str) -> tuple[str, str] | None:
    """(kind, rest) for a labelled line such as «Til stede: …» or «Saksliste»,
    also with one letter too many that text recognition put in the label
    («Til istede:», «ForfaIll:»)."""
    text = plain(line)
    if text.startswith("|"):
        return None
    match = _LABEL.match(text) or _BARE_LABEL.match(text.rstrip(":")) or _LOOSE_LABEL.match(text) or _label_less_a_stray_letter(text) or _form_label(text)
    if not match:
        return None
    groups = match.groupdict()
    kind = next(k for k in _LABEL_WORDS if groups.get(k))
    rest = (groups.get("rest") or "").strip()
    if kind in ("meeting", "time", "place") and not rest:
        return None
    return kind, rest


def _label_less_a_stray_letter(text: str) -> re.Match | None:
    """Only the exact label words, with one thin letter taken out before the colon."""
    for index in range(max(text.find(":", 0, 40), 0)):
        if text[index] in STRAY_GLYPHS and (match := _LABEL.match(text[:index] + text[index + 1 :])):
            return match
    return None


def table_cells(line: str) -> list[str] | None:
    """The cells of a table row: «| a | b |» (Markdown, Word), or cells apart by tabs."""
    text = line.strip()
    if text.startswith("|") and text.count("|") >= 2:
        cells = [cell.strip() for cell in text.strip("|").split("|")]
        if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
            return []  # the line under a Markdown table's header
        return cells
    if "\t" in text:
        return [cell.strip() for cell in text.split("\t")]
    return None


def heading_of(line: str) -> tuple[str, str, str] | None:
    """(scheme, number as written, title) when the line could open an agenda item."""
    marked = _MARKDOWN_HEADING.match(line.strip())
    text = plain(marked.group("text") if marked else line)
    text = _MISREAD_ONE.sub("1", text)
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
        if scheme == "roman" and not match.group("nr").rstrip(".)"):
            continue
        number = re.sub(r"\s+", " ", match.group("nr")).strip()
        return scheme, number, title
    if marked:
        return "heading", "", text.strip("*").strip()
    return None


_PEOPLE_KINDS = ("present", "present_online", "absent", "invited")


def _continues(text: str, following: str) -> bool:
    """Whether a list of names goes on on the next line: the line ends without a
    full stop on a name or a comma, and the next starts with a capital but is no label."""
    following = following.strip()
    if not following or label_of(following) or heading_of(following) or table_cells(following) is not None:
        return False
    return bool(re.search(r"(?:,|\bog|[A-ZÆØÅ][\w-]*)$", text.strip())) and bool(re.match(r"^[A-ZÆØÅ][\w-]*(?:[\s,]|$)", following))


def _is_caps(line: str) -> bool:
    text = plain(line)
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 5 and all(c.isupper() for c in letters) and len(text) <= 100 and not text.endswith(".")


def _key(number: str) -> str:
    return re.sub(r"\W+", "", number.lower().replace("sak", "").replace("nr", "")).lstrip("0")


def _number_value(number: str) -> int | None:
    match = re.search(r"\d+", number)
    if match:
        return int(match.group())
    roman = number.rstrip(".)").upper()
    values = {"I": 1, "V": 5, "X": 10}
    if roman and all(c in values for c in roman):
        total = 0
        for position, char in enumerate(roman):
            value = values[char]
            total += -value if position + 1 < len(roman) and values[roman[position + 1]] > value else value
        return total
    return None


def split_running_items(lines: list[str], numbers: list[int]) -> tuple[list[str], list[int]]:
    """Items run together in one paragraph («Sak 1: Godkjenning. Godkjent. Sak 2:
    Budsjett. …») put on lines of their own, so that each opens an item."""
    marker = re.compile(r"(?<=[.!?])\s+(?=(?:Sak|Punkt|Post)\s+\d{1,3}\s*[:.]\s+[A-ZÆØÅ])")
    out_lines, out_numbers = [], []
    for line, number in zip(lines, numbers, strict=True):
        parts = marker.split(line) if len(line) > 60 and re.match(r"^\s*(?:Sak|Punkt|Post)\s+\d", line) else [line]
        out_lines += parts
        out_numbers += [number] * len(parts)
    return out_lines, out_numbers


class Reader:
    """Reads the structure of one set of minutes (after letter repair)."""

    def __init__(self, lines: list[str], numbers: list[int], repo: Repository, group_id: str, lexicon: Lexicon, proposals: Proposals):
        self.lines, self.numbers = split_running_items(lines, numbers)
        self.repo = repo
        self.group_id = group_id
        self.lexicon = lexicon
        self.people = PeopleIndex(repo)
        self.proposals = proposals
        self.review: list[str] = []
        self.unknown: list[str] = []
        self.facts = Facts(group_id)
        self.intro: list[str] = []
        self.items: list[Item] = []
        self.date_lines: list[tuple[int, str]] = []  # (line, text) where the meeting's date may stand
        self.title_lines: list[tuple[int, str]] = []
        self.table: dict | None = None  # the table being read: its columns and kind

    # -- agenda ----------------------------------------------------------------

    def agenda_lines(self) -> dict[int, tuple[str, str, str]]:
        """Line index → (scheme, number, title) for the lines that open agenda items."""
        header_end = self._header_end()
        candidates = {}
        for index, line in enumerate(self.lines):
            if index < header_end or not line.strip() or table_cells(line) is not None:
                continue
            if label_of(line) and not _MARKDOWN_HEADING.match(line.strip()):
                continue
            found = heading_of(line)
            if found and found[0] != "heading":
                candidates[index] = found
        chosen = self._choose(candidates)
        if not chosen:
            chosen = self._heading_items(header_end)
        if not chosen:
            chosen = self._caps_items(header_end)
        if not chosen:
            chosen = self._bullet_items(header_end)
        return chosen

    def _choose(self, candidates: dict[int, tuple[str, str, str]]) -> dict[int, tuple[str, str, str]]:
        """One scheme per document: the strongest one it uses at least twice (or once, alone)."""
        counts = {scheme: sum(h[0] == scheme for h in candidates.values()) for scheme in _SCHEME_ORDER}
        usable = [s for s in _SCHEME_ORDER if counts[s] >= 2] or [s for s in _SCHEME_ORDER if counts[s] == 1 and len(candidates) == 1]
        for scheme in usable:
            chosen = {i: h for i, h in candidates.items() if h[0] == scheme}
            chosen = self._drop_agenda_list(chosen)
            if scheme in ("plain", "roman", "sak"):
                chosen = self._in_sequence(chosen)
            if len(chosen) >= 2 or len(chosen) == len(candidates) == 1:
                return chosen
        return {}

    def _heading_items(self, header_end: int) -> dict[int, tuple[str, str, str]]:
        """Items as headings (Word's, Markdown's) without numbers: the level used most
        after the title; a shallower heading («## Saker» over «### …») is not an item."""
        headings = {}
        for index, line in enumerate(self.lines):
            match = _MARKDOWN_HEADING.match(line.strip())
            if match and index >= 1:
                headings[index] = len(match.group("level"))
        levels = [level for index, level in headings.items() if not label_of(self.lines[index])]
        if not levels:
            return {}
        level = max(set(levels), key=lambda lv: (levels.count(lv), lv))
        if levels.count(level) < 2 and len(levels) > 1:
            return {}
        return {
            i: ("heading", "", plain(_MARKDOWN_HEADING.match(self.lines[i].strip()).group("text")))
            for i, lv in headings.items()
            if lv == level and not label_of(self.lines[i]) and i >= min(header_end, i)
        }

    def _caps_items(self, header_end: int) -> dict[int, tuple[str, str, str]]:
        """Titles in capitals after the header, each followed by text."""
        found = {}
        for index in range(header_end, len(self.lines)):
            line = self.lines[index]
            if _is_caps(line) and not label_of(line) and not _DECISION.match(plain(line)) and table_cells(line) is None:
                following = next((x for x in self.lines[index + 1 :] if x.strip()), "")
                if following and not _is_caps(following):
                    found[index] = ("caps", "", plain(line))
        return found if len(found) >= 2 else {}

    def _bullet_items(self, header_end: int) -> dict[int, tuple[str, str, str]]:
        """Bullets that each open a stretch of ordinary text: items written as a list."""
        found = {}
        for index in range(header_end, len(self.lines)):
            line = self.lines[index]
            if not _BULLET.match(line) or label_of(line) or len(plain(line)) > 100 or plain(line).endswith((".", ":")):
                continue
            following = next((x for x in self.lines[index + 1 :] if x.strip()), "")
            if following and not _BULLET.match(following) and table_cells(following) is None:
                found[index] = ("bullet", "", plain(line))
        return found if len(found) >= 2 else {}

    def _header_end(self) -> int:
        """The first line after the header (title, facts, people): items start no earlier."""
        end = 0
        section = False
        for index, line in enumerate(self.lines):
            stripped = line.strip()
            if not stripped:
                section = False
                continue
            label = label_of(stripped)
            if label and label[0] != "agenda_list":
                end = index + 1
                section = label[0] in ("present", "present_online", "absent", "invited") and not label[1]
                continue
            if section and heading_of(stripped) and table_cells(stripped) is None:
                section = False  # the list ended where the agenda starts
            if section or table_cells(stripped) is not None and index == end:
                end = index + 1
                continue
            if _RUNNING_PRESENT.match(plain(stripped)) or re.search(r"forfall", stripped, re.IGNORECASE) and index < 12:
                end = index + 1
                continue
            if index - end > 3:
                break
        return end

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
            number = _number_value(chosen[index][1])
            if number is not None and last < number <= last + 6:
                kept[index] = chosen[index]
                last = number
        return kept

    def line_number(self, index: int) -> int:
        return self.numbers[index] if index < len(self.numbers) else index + 1

    def read(self) -> None:
        headings = self.agenda_lines()
        self._mend_misread_numbers(headings)
        first_item = min(headings) if headings else len(self.lines)
        scheme = next(iter(headings.values()))[0] if headings else None
        section: str | None = None  # a people or attachment list being read
        subgroup = False
        skip_next = False
        decision_pending: Item | None = None
        pending_note = ""
        for index, line in enumerate(self.lines):
            number = self.line_number(index)
            stripped = line.strip()
            if skip_next:
                skip_next = False
                continue
            if index in headings:
                scheme_here, nr, title = headings[index]
                if not title:  # «Sak 38/25» alone, the title on the next line
                    following = self.lines[index + 1].strip() if index + 1 < len(self.lines) else ""
                    if following and not label_of(following) and index + 1 not in headings and len(following) <= 120 and not following.endswith("."):
                        title, skip_next = plain(following), True
                if not title:
                    self.review.append(f"linje {number}: saken {nr} har ingen tittel i kilden; skriv tittelen etter nummeret i overskriften.")
                written = _MISREAD_ONE.sub("1", plain(stripped)).rstrip(":").strip()
                if skip_next:
                    written = f"{written} {title}"
                if scheme_here in ("heading", "bullet", "caps"):
                    written = title
                self.items.append(Item(nr, title.rstrip(":").strip(), number, scheme_here, written=written))
                section, subgroup, self.table, decision_pending = None, False, None, None
                continue
            if index > first_item and scheme in ("case", "sak", "plain", "year", "roman") and _is_caps(stripped) and not label_of(stripped):
                if self._caps_between_numbers(headings, index):
                    self.items.append(Item("", plain(stripped), number, "caps"))
                    section, subgroup, self.table = None, False, None
                    continue
            if not stripped:
                if section:
                    self._keep(line)
                    continue
                self.table = None
                self._keep(line)
                continue
            cells = table_cells(stripped)
            if cells is not None:
                self._table_row(cells, line, number)
                continue
            if self.table is not None and re.search(r"\S\s{2,}\S", stripped) and self.table.get("spaced"):
                self._table_row(re.split(r"\s{2,}", stripped), line, number)
                continue
            self.table = None
            if self._spaced_table_header(stripped):
                self._keep(line)
                continue
            label = label_of(stripped)
            if label and (not self.items or label[0] not in ("date", "time", "place", "meeting", "agenda_list", "copy") or index < first_item):
                following = self.lines[index + 1] if index + 1 < len(self.lines) else ""
                if label[0] in _PEOPLE_KINDS and label[1] and _continues(label[1], following) and index + 1 not in headings:
                    # The list goes on on the next line, broken where the page ended («… Olav» / «Kåsa og …»).
                    label = (label[0], f"{label[1]} {following.strip()}")
                    skip_next = True
                    self._keep(line, plain_label=True)
                    self._keep(following)
                    self._people(label[0], label[1], number)
                    section = label[0]
                    continue
                section = self._labelled(label, line, number)
                continue
            if section and self._list_entry(section, line, number):
                continue
            section = None
            if self._running_people(stripped, line, number):
                continue
            if not self.items:
                self.title_lines.append((number, stripped))
                self._keep(line)
                continue
            item = self.items[-1]
            if decision_pending is item and not _DECISION.match(plain(stripped)):
                item.lines.append(f"Vedtak: {pending_note}{_without_raw_html(plain(stripped))}")
                decision_pending = None
                continue
            alone = _DECISION_ALONE.match(plain(stripped))
            if alone and index + 1 < len(self.lines) and self.lines[index + 1].strip() and not _BULLET.match(self.lines[index + 1]):
                decision_pending = item  # «Vedtak» alone, the decision on the next line
                pending_note = _decision_note(alone)
                continue
            if _SUBGROUP.match(plain(stripped)) and len(stripped) <= 80:
                subgroup = True
                item.lines.append(f"### {_without_raw_html(plain(stripped))}")
                continue
            if _SUB_NUMBER.match(plain(stripped)) and len(stripped) <= 100 or _MARKDOWN_HEADING.match(stripped):
                item.lines.append(f"### {_without_raw_html(plain(_MARKDOWN_HEADING.sub(lambda m: m.group('text'), stripped)))}")
                continue
            self._item_line(item, line, number, subgroup)
        self._number_unnumbered()

    def _number_unnumbered(self) -> None:
        """Items in capitals between numbered ones get the numbers the gap leaves,
        marked as put back («[4]»); an item with no room for a number stays unnumbered."""
        for position, item in enumerate(self.items):
            if item.scheme != "caps" or item.number:
                continue
            before = [int(i.number.rstrip(".):")) for i in self.items[:position] if i.number.rstrip(".):").isdigit()]
            after = [int(i.number.rstrip(".):")) for i in self.items[position + 1 :] if i.number.rstrip(".):").isdigit()]
            if before and after and before[-1] + 1 < after[0]:
                item.number, item.restored = str(before[-1] + 1), True
                self.review.append(f"linje {item.line}: saken «{item.title}» har ikke nummer i kilden; nummeret {item.number} er satt inn som [{item.number}].")

    def _caps_between_numbers(self, headings: dict[int, tuple[str, str, str]], index: int) -> bool:
        """A title in capitals between numbered items is an item whose number was
        lost («3. NÆRINGSKLYNGER … FREMLEGG OG DISKUSJON … 7. EVENTUELT») when the
        numbered items' titles are in capitals too; under items in small letters
        it is a part of its item («BAKGRUNN»)."""
        titles = [h[2] for h in headings.values() if h[2]]
        return bool(titles) and sum(_is_caps(t) for t in titles) * 2 >= len(titles) and not _PART_WORDS.match(plain(self.lines[index]))

    def _mend_misread_numbers(self, headings: dict[int, tuple[str, str, str]]) -> None:
        """«I. Godkjenning» before «2. …»: the «1.» text recognition read as a letter."""
        for index, (scheme, number, _title) in headings.items():
            original = plain(_MARKDOWN_HEADING.sub(lambda m: m.group("text"), self.lines[index].strip()))
            if scheme == "plain" and number.startswith("1") and not original.startswith("1"):
                self.review.append(f"linje {self.line_number(index)}: nummeret «{original[:2]}» er lest som «{number}» (tekstgjenkjenning); kontroller det.")

    # -- tables ---------------------------------------------------------------------------

    def _spaced_table_header(self, text: str) -> bool:
        """A header of a table in spaced columns («Navn   Rolle   Til stede»)."""
        cells = re.split(r"\s{2,}", text)
        if len(cells) < 2 or not any(_NAME_COLUMN.match(c) or _TASK_COLUMN.match(c) for c in cells):
            return False
        self._table_row(cells, text, 0, header_only=True)
        if self.table is not None:
            self.table["spaced"] = True
        return self.table is not None

    def _table_row(self, cells: list[str], line: str, number: int, header_only: bool = False) -> None:
        """One row of a table: its header, a form's fact, a person, a follow-up, or text."""
        if not cells:  # «|---|---|»
            self._keep(line)
            return
        cells = [plain(c) for c in cells]
        if self.table is None or header_only or self.table.get("kind") == "rows" and not self.table.get("seen"):
            names = next((i for i, c in enumerate(cells) if _NAME_COLUMN.match(c)), None)
            task = next((i for i, c in enumerate(cells) if _TASK_COLUMN.match(c)), None)
            section = (self.table or {}).get("section")
            if names is not None:
                presence = next((i for i, c in enumerate(cells) if _PRESENCE_COLUMN.match(c)), None)
                self.table = {"kind": "people", "names": names, "presence": presence, "columns": len(cells), "section": section}
                if not header_only:
                    self._keep(line)
                return
            if task is not None:
                owner = next((i for i, c in enumerate(cells) if _OWNER_COLUMN.match(c)), None)
                due = next((i for i, c in enumerate(cells) if _DUE_COLUMN.match(c)), None)
                self.table = {"kind": "actions", "task": task, "owner": owner, "due": due, "columns": len(cells)}
                if not header_only:
                    self._keep(line)
                return
            if header_only:
                return
            self.table = {"kind": "rows", "section": section}
        self.table["seen"] = True
        kind = self.table["kind"]
        if kind == "people":
            self._people_row(cells, line, number)
            return
        if kind == "actions" and self.items:
            self._action_row(cells, line, number)
            return
        # A form («| Dato | 02.06.2025 |») or a row of people under a label.
        if len(cells) >= 2 and (label := label_of(f"{cells[0]}: {' '.join(cells[1:])}")):
            if label[0] in ("present", "present_online", "absent", "invited") and not label[1]:
                self._keep(line)
                return
            self._labelled(label, f"{cells[0]}: {' '.join(cells[1:])}", number, keep=False)
            self._keep(line)
            return
        if self.table.get("section"):  # a table of people under «Til stede:», without a header
            self.table.update({"kind": "people", "names": 0, "presence": None})
            self._people_row(cells, line, number)
            return
        self._keep(line)

    def _people_row(self, cells: list[str], line: str, number: int) -> None:
        table = self.table
        name = cells[table["names"]] if table["names"] < len(cells) else ""
        used = {table["names"]}
        if table["names"] + 1 < len(cells) and re.fullmatch(r"[A-ZÆØÅ][\w-]+", name) and re.fullmatch(r"[A-ZÆØÅ][\w-]+", cells[table["names"] + 1]):
            name = f"{name} {cells[table['names'] + 1]}"  # «Fornavn | Etternavn»
            used.add(table["names"] + 1)
        kind = table.get("section") or "present"
        presence = table.get("presence")
        if presence is not None and presence < len(cells):
            value = cells[presence].strip()
            if _ABSENT_VALUE.match(value) or not value:
                kind = "absent"
            elif re.search(r"digital|teams|zoom", value, re.IGNORECASE):
                kind = "present_online"
        others = [c for i, c in enumerate(cells) if i not in used and i != presence and c]
        organisation = next((c for c in others if organisation_of(f"x, {c}", "x")), None)
        online = kind == "present_online" or any(ONLINE_MARK.search(c) for c in cells)
        secretary = any(SECRETARY_MARK.search(c) for c in cells)
        name = strip_marks(name).strip()
        for found in candidate_names(name, self.lexicon) or ([name] if self.people.resolve(name)[0] else []):
            self._add(kind, found, number, organisation, online=online, secretary=secretary)
        self._keep(line)

    def _action_row(self, cells: list[str], line: str, number: int) -> None:
        table = self.table
        item = self.items[-1]

        def cell(key: str) -> str:
            position = table.get(key)
            return cells[position].strip() if position is not None and position < len(cells) else ""

        task, owner, due = cell("task"), cell("owner"), cell("due")
        if not task:
            self._keep(line)
            return
        text = task.rstrip(".") + "." + (f" Ansvar: {owner}." if owner else "") + (f" Frist: {due}." if due else "")
        follow_up = self._follow_up(item, text, task, number)
        if follow_up:
            item.lines.append(follow_up)
        else:
            self._keep(line)

    # -- labelled lines -------------------------------------------------------------

    def _labelled(self, label: tuple[str, str], line: str, number: int, keep: bool = True) -> str | None:
        kind, rest = label
        facts = self.facts
        # More labels later on the line: read each («Møteleiar: A. Skrivar: B.»).
        parts = _NEXT_LABEL.split(rest)
        if len(parts) > 1:
            rest = parts[0].strip()
            for part in parts[1:]:
                more = label_of(part.strip())
                if more:
                    self._labelled(more, part, number, keep=False)
        if kind in ("date", "time"):
            self.date_lines.append((number, rest))
            start, end = find_time_range(rest)
            if start and not facts.start:
                facts.start, facts.end = start, end
            if kind == "date" or find_dates(rest):
                self._place_from(rest, number, strict=True)
            if keep:
                self._keep(line)
            return None
        if kind == "place":
            self._place_from(rest, number, strict=False)
            if keep:
                self._keep(line)
            return None
        if kind == "meeting":
            if find_dates(rest):
                self.date_lines.append((number, rest))
            if keep:
                self._keep(line)
            return None
        if kind in ("chair", "secretary"):
            person = self._one_person(rest.rstrip("."), number, "møteleder" if kind == "chair" else "referent")
            if person:
                if kind == "chair":
                    facts.chair = facts.chair or person
                else:
                    facts.secretary = facts.secretary or person
            if keep:
                self._keep(line, plain_label=True)
            return None
        if kind == "attachment":
            if keep:
                self._keep(line, plain_label=True)
            if rest:
                self._attachment(rest, number)
                return None
            return "attachment"
        if kind in ("agenda_list", "copy"):
            if keep:
                self._keep(line)
            return "text" if kind == "copy" else None
        # A list of people: on the same line, or on the lines below.
        if rest:
            self._people(kind, rest, number)
        if keep:
            self._keep(line, plain_label=True)
        if not rest:
            self.table = {"kind": "rows", "section": kind}
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
            rest = re.sub(r"\bkl\.?\s*\d{1,2}([.:]\d{2})?(\s*[-–—]\s*\d{1,2}([.:]\d{2})?)?", " ", text, flags=re.IGNORECASE)
            parts = [p.strip(" ,.–-") for p in re.split(r",|\s[-–—]\s|\bi\b|\bpå\b", strip_dates(rest)) if p.strip(" ,.–-")]
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
            title = re.sub(r"^\d{1,2}[.)]\s*", "", plain(part)).strip()
            if title:
                self.facts.attachments.append(title)

    # -- people ---------------------------------------------------------------------

    def _list_entry(self, section: str, line: str, number: int) -> bool:
        """A line of a people or attachment list; False when the list has ended."""
        text = plain(line)
        if section == "attachment":
            if heading_of(text) and not re.match(r"^\d{1,2}[.)]\s", text):
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
        names = candidate_names(text, self.lexicon)
        if not names and not self.people.resolve(name_part(strip_marks(text)))[0]:
            if text.endswith(":") and len(text) < 120 and not label_of(text):
                self._keep(line)  # «… til stede, blant dem:»: the list goes on below
                return True
            return False
        if heading_of(text) or label_of(text):
            return False
        self._people(section, text, number)
        self._keep(line, plain_label=True)
        return True

    def _running_people(self, text: str, line: str, number: int) -> bool:
        """People in running text: «Til stede var A, B og C. D hadde meldt forfall.»
        The line stays in the body as it is."""
        found = False
        for sentence in re.split(r"(?<=[.!?])\s+", plain(text)):
            sentence = sentence.strip().rstrip(".")
            present = _RUNNING_PRESENT.match(sentence)
            if present:
                self._people("present", present.group("names"), number)
                found = True
                continue
            absent = _RUNNING_ABSENT.match(sentence)
            if absent and not self.items:
                names = absent.group("names") or absent.group("names2") or absent.group("names3")
                if candidate_names(names, self.lexicon):
                    self._people("absent", names, number)
                    found = True
        if found:
            self._keep(line)
        return found

    def _people(self, kind: str, text: str, number: int) -> None:
        """Put the people named in `text` on the list `kind` (the line stays in the body)."""
        for entry in split_people(text):
            online = kind == "present_online" or bool(ONLINE_MARK.search(entry))
            secretary = bool(SECRETARY_MARK.search(entry))
            chair = bool(CHAIR_MARK.search(entry))
            names = candidate_names(entry, self.lexicon)
            whole = name_part(strip_marks(entry))
            if self.people.resolve(whole)[0]:  # «Trond arne Ingvoldstad»: the register knows it as written
                names = [whole]
            for name in names:
                organisation = organisation_of(text if len(split_people(text)) == 1 else entry, name)
                self._add(kind, name, number, organisation, online, secretary, chair)

    def _add(self, kind: str, name: str, number: int, organisation: str | None, online: bool = False, secretary: bool = False, chair: bool = False) -> None:
        facts = self.facts
        person = self._person(name, number, kind, organisation)
        if person is None:
            return
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

    def _person(self, name: str, number: int, kind: str, organisation: str | None = None) -> str | None:
        """The person's full name in the register, or the name as written (and a
        proposed record for it). A run of capitalised words may go on into an
        organisation («Dag Aanensen Drammensregionen»): the longest start of it
        that the register knows is the name."""
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
                name = display_name(tokens, self.lexicon)
        if note:
            self.review.append(f"linje {number}: {note}.")
        if person is not None:
            return self.people.full_name[person]
        if kind == "ansvarlig":
            return None
        self.unknown.append(name)
        self.proposals.person(name, organisation, unsure=self.proposals_unsure)
        return name

    proposals_unsure = False  # set when the text came through text recognition

    def _one_person(self, text: str, number: int, kind: str) -> str | None:
        whole = name_part(strip_marks(text))
        names = [whole] if self.people.resolve(whole)[0] else candidate_names(text, self.lexicon)
        if not names:
            return None
        return self._person(names[0], number, kind, organisation_of(text, names[0]))

    # -- the text of an item -----------------------------------------------------------

    def _item_line(self, item: Item, line: str, number: int, subgroup: bool) -> None:
        text = plain(line)
        decision = _DECISION.match(text)
        if decision:
            rest = _decision_note(decision) + decision.group("text").strip()
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
        if follow or (owner and _BULLET.match(line) and owner.start() > 0):
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
        """A follow-up as a task-list item when the text names an owner (a person in
        the register or named in these minutes, or a group); otherwise None (the
        line stays text, listed for review)."""
        owner = _OWNER.search(task)
        bare = item.number.rstrip(".):")
        where = (bare if bare.lower().startswith("sak") else f"sak {bare}") if bare else f"saken «{item.title}»"
        if not owner:
            self.review.append(
                f"linje {number}: oppfølgingspunkt i {where} uten ansvarlig: «{whole}». Skriv det som «- [ ] Oppgave. Ansvar: Navn.» når ansvarlig er kjent."
            )
            return None
        owners = []
        for name in re.split(r",|\bog\b|&|/", owner.group("owner")):
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
        """The owner's full name (a person in the register, or one these minutes
        name as present, by full or first name) or name (a group); only an exact
        match, so that no word of the text is replaced by a guess."""
        person, note = self.people.resolve(name)
        if person and not note:
            return self.people.full_name[person]
        for group in self.repo.groups.values():
            if normal(name) in {normal(group.name), normal(group.full_name or "")} or (
                group.number and normal(name) in {f"gruppe {group.number}", f"arbeidsgruppe {group.number}"}
            ):
                return group.name
        named = [*self.facts.present, *self.facts.present_online, *([self.facts.chair] if self.facts.chair else []), *self.facts.absent]
        if self.facts.secretary:
            named.append(self.facts.secretary)
        exact = [p for p in named if normal(p) == normal(name)]
        if exact:
            return exact[0]
        by_first = {p for p in named if normal(p).split()[0] == normal(name)}
        if len(by_first) == 1 and len(name.split()) == 1:
            return next(iter(by_first))
        return None

    # -- keeping lines ------------------------------------------------------------------

    def _keep(self, line: str, item: Item | None = None, plain_label: bool = False) -> None:
        """Keep a source line in the body where it stood; `plain_label`: without the
        bold of a label («**Til stede:** …»), whose facts are in the front matter."""
        target = item.lines if item else (self.items[-1].lines if self.items else self.intro)
        target.append(markdown_line(line.replace("**", "") if plain_label else line))


def _without_raw_html(text: str) -> str:
    """A line of the source as Markdown text, never as raw HTML: «<» is written as
    «&lt;», which the page shows as «<». Not an HTML escaper: the page's HTML is
    made by archive/safety/markdown.py and cleaned by nh3 like all minutes."""
    return text.replace("<", "&lt;")


def markdown_line(line: str) -> str:
    text = _without_raw_html(line.rstrip()).lstrip()
    if text.startswith("#"):
        return "\\" + text
    if re.match(r"^[-*]\s+\[[ xX]\]", text):  # not a follow-up unless written as one here
        return "\\" + text
    return text


def tidy(lines: list[str]) -> list[str]:
    """At most one blank line in a row, none at the start or the end."""
    out: list[str] = []
    for line in lines:
        if not line.strip() and (not out or not out[-1].strip()):
            continue
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return out


def without_raw_html(text: str) -> str:
    return _without_raw_html(text)


def not_minutes_text(text: str) -> bool:
    return bool(_NOT_MINUTES_TEXT.search(text))
