"""Turning minutes from outside (text, OCR output, Word, PDF, scans) into a draft minutes file.

`draft_minutes` is pure: text and model objects in, the draft's text, the
proposed records of people the register does not know, and a list of things
to review out. Reading files is archive/importer/sources.py; repairing letters
ocr_repair.py; reading the structure structure.py; people people.py. The
draft is written in the minutes format of docs-dev/minutes-format.md: the facts
in the front matter (people by full name), the agenda as `##` headings
numbered as the source numbers them.

Every word of the source ends up in the draft, repaired or as it was: a line
leaves the body only when the front matter holds all of its words.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections import Counter
from dataclasses import dataclass

from archive.importer.dates import MONTHS, find_date, find_dates, find_time_range
from archive.importer.lexicon import Lexicon
from archive.importer.ocr_repair import (
    WORD_RE,
    Flag,
    Repair,
    RepairCounts,
    RepairResult,
    damage_text,
    measure_repair,
    repair_text,
)
from archive.importer.people import PROPOSALS_SUFFIX, Proposals, archive_lexicon, normal
from archive.importer.sources import RECOGNISED, SourceError, read_source
from archive.importer.structure import Facts, Item, Reader, not_minutes_text, tidy, without_raw_html
from archive.model.minutes import number_key, parse_heading
from archive.model.repository import Repository
from archive.model.scaffold import yaml_scalar


@dataclass
class ImportResult:
    text: str  # the draft file
    repaired_source: str  # the source after repair
    repairs: list[Repair]
    flags: list[Flag]
    review: list[str]  # Norwegian lines: what a person must check
    date_in_source: dt.date | None
    date: dt.date | None  # the meeting's date in the draft
    unknown_people: list[str]
    proposals: str | None = None  # the proposed records (<draft>.nye-personer.yaml), or None
    repair: RepairResult | None = None


def draft_minutes(
    source: str,
    repo: Repository,
    group_id: str,
    date: dt.date | None,
    source_name: str,
    lexicon: Lexicon,
    notes: list[str] | None = None,
    draft_name: str = "utkastet",
) -> ImportResult:
    """Repair the letters of `source`, read its structure, and write the draft.
    `date` is the meeting's date when given; otherwise the one the text states."""
    lexicon = archive_lexicon(repo, lexicon)
    repaired = repair_text(source, lexicon)
    recognised = any(RECOGNISED in note for note in notes or []) or repaired.damage_rate >= 0.15
    proposals = Proposals(repo, f"Referat importert fra {source_name}" + (" (tekstgjenkjenning)" if recognised else ""))
    reader = Reader(repaired.text.split("\n"), repaired.line_numbers, repo, group_id, repaired_lexicon(lexicon, repaired), proposals)
    reader.proposals_unsure = recognised
    reader.read()
    facts = reader.facts
    date_in_source = _meeting_date(reader)
    facts.date = date or date_in_source
    if date and date_in_source and date != date_in_source:
        reader.review.insert(0, f"referatet nevner datoen {date_in_source.isoformat()}, men --date er {date.isoformat()}.")
    _tidy_people(facts)
    whole = normal(repaired.text)
    facts.events = [e.title for e in repo.events.values() if normal(e.title) in whole]
    facts.source = f"Importert fra {source_name} med scripts/import_minutes.py; må gjennomgås."

    review = list(notes or []) + reader.review
    people_note = None
    if proposals.people:
        people_note = (
            f"# Nye personer: {len(proposals.people)} av dem utkastet nevner, finnes ikke i data/personer.yaml. Forslag til oppføringer står i "
            f"{draft_name.removesuffix('.md')}{PROPOSALS_SUFFIX}; sjekk dem og flytt dem til data/ (se den filen)."
        )
    review += [f"usikker lesning, {r.describe()}." for r in repaired.repairs if r.uncertain]
    review += _grouped_flags(repaired.flags)
    review += _grouped_layout(repaired.repairs)
    review += [f"Rettet: {r.describe()}" for r in repaired.repairs if not r.layout]
    text = write_draft(facts, reader.intro, reader.items, review, people_note)
    return ImportResult(
        text,
        repaired.text,
        repaired.repairs,
        repaired.flags,
        review,
        date_in_source,
        facts.date,
        reader.unknown,
        proposals.text(draft_name),
        repaired,
    )


def repaired_lexicon(lexicon: Lexicon, repaired: RepairResult) -> Lexicon:
    return lexicon.for_standard(repaired.standard) if repaired.standard else lexicon


def _meeting_date(reader: Reader) -> dt.date | None:
    """The meeting's date: from a date label, else from the title lines before the
    first item (not from «neste møte …»). A date without a year («8. desember»)
    takes the year of another date or of the case numbers («Sak 38/25»)."""
    text = "\n".join(reader.lines)
    years = [d.year for _, d in find_dates(text)]
    years += [2000 + int(m.group(1)) for m in re.finditer(r"\b\d{1,3}/(\d{2})\b", "\n".join(i.number for i in reader.items))]
    year = max(set(years), key=years.count) if years else None
    for source in (reader.date_lines, [(n, t) for n, t in reader.title_lines if not not_minutes_text(t)]):
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


_LAYOUT_TEXT = {
    "orddeling": "ord delt over to linjer er satt sammen",
    "delt ord": "ord delt av et mellomrom er satt sammen",
    "løst tegn": "løse tegn først eller sist på linjen er fjernet",
    "ligatur": "ligaturer (som ﬁ) er skrevet som vanlige bokstaver",
}


def _grouped_layout(repairs: list[Repair]) -> list[str]:
    """One review line per kind of layout repair, with the lines and words."""
    out = []
    for rule, text in _LAYOUT_TEXT.items():
        found = [r for r in repairs if r.rules[:1] == (rule,)]
        if not found:
            continue
        if rule == "ligatur":
            out.append(f"Rettet: {text}.")
            continue
        shown = ", ".join(f"{r.line}: «{r.original}»" + (f" → «{r.repaired}»" if r.repaired else "") for r in found[:12])
        more = f" og {len(found) - 12} til" if len(found) > 12 else ""
        out.append(f"Rettet: {text} (linje {shown}{more}).")
    return out


def write_draft(facts: Facts, intro: list[str], items: list[Item], review: list[str], people_note: str | None = None) -> str:
    """The draft file: front matter (the facts, then the review list as a YAML
    comment, and where the proposed people are) and the body (the introduction,
    then one `##` heading per item)."""
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
    headings = [_heading_text(item) for item in items]
    numbers_read = [parse_heading(heading)[0] for heading in headings]
    numbered = [index for index, number in enumerate(numbers_read) if number]
    part_of_item: set[int] = set()
    seen: set[str] = set()
    for index, number in enumerate(numbers_read):
        key = number_key(number) if number else ""
        if key and key in seen:  # a number used twice is no agenda: the second stays a part of the item before
            part_of_item.add(index)
        elif not key and len(numbered) >= 2 and numbered[0] < index < numbered[-1]:
            # Without a number between numbered items: as a part of the item before, as the validator asks.
            part_of_item.add(index)
            review = [
                *review,
                f"linje {items[index].line}: «{headings[index]}» har ikke nummer og står mellom nummererte saker; den er skrevet som en del av saken før («###»).",
            ]
        seen.add(key)
    comment = ["# Til gjennomsyn (laget av scripts/import_minutes.py; linjenumrene gjelder kildefilen; slett når alt er sjekket):"]
    comment += [f"#   {line}" for line in review]
    if people_note:
        comment.append(people_note)
    body: list[str] = [*intro, ""]
    for index, item in enumerate(items):
        marks = "###" if index in part_of_item else "##"
        body += [f"{marks} {without_raw_html(headings[index])}", "", *item.lines, ""]
    return "\n".join(["---", *front, *comment, "---", "", *tidy(body)]) + "\n"


def _heading_text(item: Item) -> str:
    """The item's heading as the source writes it: «Sak 38/25 Budsjett», «1. Budsjett»,
    «2) Veilys», «§ 3 Valg», «[4] Fremlegg» (a number put back), «Eventuelt»."""
    if item.restored:
        return f"[{item.number}] {item.title}".strip()
    if item.written:
        return item.written
    if not item.number:
        return item.title
    if item.scheme == "plain" and re.fullmatch(r"\d{1,3}", item.number):
        return f"{item.number} {item.title}".strip()
    return f"{item.number} {item.title}".strip()


def summary(result: ImportResult, proposals_path: str | None = None) -> list[str]:
    letters = [r for r in result.repairs if not r.layout]
    lines = [f"Rettet {len(letters)} ord fra tekstgjenkjenningen (se kommentaren i toppteksten)."]
    if result.flags:
        lines.append(f"{len({f.word for f in result.flags})} ord er ikke rettet, men kan være feillest (se kommentaren).")
    unknown = list(dict.fromkeys(result.unknown_people))  # one person may stand as present and as secretary
    if unknown:
        lines.append(f"{len(unknown)} navn er ikke funnet i data/personer.yaml: " + ", ".join(f"«{n}»" for n in unknown) + ".")
        if proposals_path:
            lines.append(f"Forslag til oppføringer for dem: {proposals_path} (flytt dem til data/ når de er sjekket).")
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
    """Damage `clean` the seed's way (seeded by the document's name too), import both, and count."""
    damaged, damages = damage_text(clean, seed=seed * 100_003 + zlib.crc32(name.encode()), rate=rate)
    result = draft_minutes(damaged, repo, "naeringsgruppen", None, name, lexicon)
    counts = measure_repair(clean, damaged, damages, result.repair)
    clean_result = draft_minutes(clean, repo, "naeringsgruppen", None, name, lexicon)
    return CorpusReport(name, counts, clean_result.date_in_source, result.date_in_source, not missing_words(result) and not missing_words(clean_result))


__all__ = ["MONTHS", "SourceError", "draft_minutes", "find_date", "find_time_range", "read_source", "summary"]
