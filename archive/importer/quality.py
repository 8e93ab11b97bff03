"""Measuring the importer on a corpus of minutes with answer keys.

A corpus folder holds documents (`.txt`, `.md`, `.docx`, `.pdf`, `.png`,
`.jpg`) and beside each an answer key, `<name>.fasit.yaml`, written by a
person who read the document:

```yaml
standard: nynorsk            # or bokmål
format: docx                 # how the file was made (for the report)
date: 2025-03-11             # the meeting's date as the minutes state it
items:                       # every agenda item: [number as written, title]
  - [Sak 09/25, Godkjenning av innkalling og sakliste]
  - ["", Eventuelt]          # an item without a number
present: [Åsne Kjøstvedt, Halvor Bøen]   # everyone named as present
absent: [Gunvor Hæreid]                  # everyone named as absent
chair: Åsne Kjøstvedt        # optional: only when the minutes name one
secretary: Sigrid Tveitå     # optional
follow_ups: 1                # optional: follow-ups with an owner
```

A scanned document also has `<name>.manus`, the text printed on the page
(tests/samples/build_corpus.py); every document may have `<name>.ocr-eng.txt`,
what Tesseract's English data read from a printed page of it.

Each document is imported as it is (structure, people, date, review lines on
clean text, validity once the proposed people are accepted, no word lost) and
then damaged: by archive/importer/damage.py (three seeds), by real text
recognition (the `.ocr-eng.txt` reading), and for a scan by reading the scan
itself. Damaged words are counted by aligning the words of the clean text with
the damaged and the repaired text, and sorted by kind of damage.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import shutil
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from archive.importer.damage import damage_page
from archive.importer.ocr_repair import WORD_RE, aligned_equal

SOURCE_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".png", ".jpg", ".jpeg")
SCANS = (".png", ".jpg", ".jpeg")
_LIGATURE_CHARS = "ﬀﬁﬂﬃﬄﬅﬆ"


@dataclass
class Document:
    name: str
    path: Path  # the file the importer reads
    fasit: dict
    split: str  # the folder's name: corpus-tuning, corpus-test, …

    @property
    def manuscript(self) -> Path | None:
        path = self.path.with_suffix(".manus")
        return path if path.is_file() else None

    @property
    def english_reading(self) -> Path | None:
        path = self.path.with_suffix(".ocr-eng.txt")
        return path if path.is_file() else None

    @property
    def is_scan(self) -> bool:
        return self.path.suffix.lower() in SCANS or self.fasit.get("format") == "scanned-pdf"


def load_corpus(folder: Path) -> list[Document]:
    """The documents of a corpus folder that have an answer key."""
    documents = []
    for key in sorted(folder.glob("*.fasit.yaml")):
        name = key.name.removesuffix(".fasit.yaml")
        sources = [p for p in folder.glob(f"{name}.*") if p.suffix.lower() in SOURCE_SUFFIXES and not p.name.endswith(".ocr-eng.txt")]
        if len(sources) != 1:
            raise ValueError(f"{key}: expected one source file for {name}, found {len(sources)}")
        documents.append(Document(name, sources[0], yaml.safe_load(key.read_text(encoding="utf-8")), folder.name))
    return documents


PAGE_BREAK = "<<<side>>>"  # a manuscript's page break (tests/samples/build_corpus.py draws pages by it)


def printed_lines(lines: list[str]) -> list[str]:
    """A manuscript's lines as a printed page shows them: no Word markup, tables as spaced columns."""
    out = []
    for line in lines:
        if line.startswith("#. "):
            out.append(line[3:])
        elif line.startswith(("# ", "## ")):
            out.append(line.split(" ", 1)[1])
        elif line.startswith("|"):
            out.append("   ".join(cell.strip() for cell in line.strip("|").split("|")))
        else:
            out.append(line)
    return out


def printed_text(manuscript: str) -> str:
    """A manuscript's text as printed, without its page breaks."""
    return "\n".join(line for line in printed_lines(manuscript.split("\n")) if line != PAGE_BREAK)


# -- words ------------------------------------------------------------------------------


@dataclass
class WordCounts:
    damaged: int = 0
    repaired: int = 0
    flagged: int = 0
    missed: int = 0
    changed: int = 0  # correct words the importer changed
    words: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind → [damaged, repaired, flagged]
    missed_words: list[tuple[str, str, str]] = field(default_factory=list)  # (clean, damaged, final)
    changed_words: list[tuple[str, str]] = field(default_factory=list)

    def add(self, other: WordCounts) -> None:
        for name in ("damaged", "repaired", "flagged", "missed", "changed", "words"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for kind, values in other.by_kind.items():
            mine = self.by_kind.setdefault(kind, [0, 0, 0])
            for index, value in enumerate(values):
                mine[index] += value
        self.missed_words += other.missed_words
        self.changed_words += other.changed_words


def _words(text: str) -> list[re.Match]:
    return list(WORD_RE.finditer(unicodedata.normalize("NFC", text)))


def damage_kinds(clean: str, damaged: str) -> set[str]:
    """The kinds of damage that turned the word `clean` into `damaged` (the
    damaged form may hold a line break, a hyphen or a space: a word broken up)."""
    kinds: set[str] = set()
    if "-\n" in damaged or re.search(r"-\s*\n", damaged):
        kinds.add("orddeling")
    elif " " in damaged.strip():
        kinds.add("delt ord")
    if any(c in _LIGATURE_CHARS for c in damaged):
        kinds.add("ligatur")
    core = re.sub(r"[-\s]", "", damaged)
    for letters, ligature in (("ffi", "ﬃ"), ("ffl", "ﬄ"), ("ff", "ﬀ"), ("fi", "ﬁ"), ("fl", "ﬂ")):
        core = core.replace(ligature, letters)
    matcher = difflib.SequenceMatcher(None, clean, core, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        printed, read = clean[i1:i2], core[j1:j2]
        norwegian = [c for c in printed if c.lower() in "æøå"]
        if any(c.isdigit() for c in printed):
            kinds.add("siffer i tall")
        elif norwegian:
            kinds.add(f"{norwegian[0].lower()}→{read.lower() or '∅'}")
        elif not printed:
            kinds.add("løs bokstav")
        elif printed.lower() != read.lower():
            kinds.add("forveksling av former")
    return kinds or {"annet"}


def count_words(clean: str, damaged: str, repaired: str, marks: list[tuple[int, int]], lexicon=None) -> WordCounts:
    """Word by word: which words of `clean` the damage hit, and whether the repair
    brought each back (repaired), listed it for review (flagged) or left it
    (missed); and which undamaged words it changed. With `lexicon`, damage that
    made another word of the dictionaries («møter» → «moter») is counted apart too,
    and each of æ, ø and å over all the ways it was damaged."""
    counts = WordCounts()
    clean_words = _words(clean)
    damaged_words = _words(damaged)
    repaired_words = _words(repaired)
    plain = [m.group() for m in clean_words]
    damaged_ok, damaged_partner = aligned_equal(plain, [m.group() for m in damaged_words], with_partner=True)
    repaired_ok, partner = aligned_equal(plain, [m.group() for m in repaired_words], with_partner=True)
    # Which words of the damaged text the repair left as they were: a clean word
    # counts as changed only when the repair changed the very word standing for it
    # (the two alignments with the clean text may pair a repeated word differently).
    kept = aligned_equal([m.group() for m in damaged_words], [m.group() for m in repaired_words])
    spans = sorted(marks)
    counts.words = len(plain)
    for index, word in enumerate(plain):
        final = repaired_words[partner[index]].group() if partner[index] is not None else ""
        misaligned = damaged_ok[index] and not repaired_ok[index] and damaged_partner[index] is not None and kept[damaged_partner[index]]
        if damaged_ok[index] and not misaligned:
            if not repaired_ok[index]:
                counts.changed += 1
                counts.changed_words.append((word, final))
            continue
        counts.damaged += 1
        # A damaged word the clean alignment paired with an undamaged twin: its damaged form is what stands in the draft.
        form = final if misaligned else _damaged_span(index, damaged_partner, damaged_words, damaged)
        listed = partner[index] is not None and any(a < repaired_words[partner[index]].end() and repaired_words[partner[index]].start() < b for a, b in spans)
        outcome = 1 if repaired_ok[index] else 2 if listed else None
        if outcome == 1:
            counts.repaired += 1
        elif outcome == 2:
            counts.flagged += 1
        else:
            counts.missed += 1
            counts.missed_words.append((word, form.replace("\n", "⏎"), final))
        kinds = damage_kinds(word, form)
        kinds |= {f"{k[0]} (alle)" for k in kinds if k[:1] in ("æ", "ø", "å") and k[1:2] == "→"}
        if lexicon is not None and re.fullmatch(r"[^\W\d_]+", form) and form.lower() != word.lower() and form.lower() in lexicon.valid:
            kinds.add("skadet til et annet ord")
        for kind in kinds:
            values = counts.by_kind.setdefault(kind, [0, 0, 0])
            values[0] += 1
            if outcome:
                values[outcome] += 1
    return counts


def _damaged_span(index: int, partner: list[int | None], words: list[re.Match], text: str) -> str:
    """The damaged text where the clean word `index` stands: its partner word,
    and the next one too when the word was broken in two."""
    position = partner[index]
    if position is None:
        return ""
    start, end = words[position].start(), words[position].end()
    following = words[position + 1] if position + 1 < len(words) else None
    next_partner = partner[index + 1] if index + 1 < len(partner) else None
    if following is not None and next_partner != position + 1 and re.fullmatch(r"-?\s+|-\n", text[end : following.start()]):
        end = following.end()
    return text[start:end]


# -- structure ----------------------------------------------------------------------------


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", str(text)).casefold()
    return " ".join(re.sub(r"[*_«»\"]", "", text).split())


def _number_key(number: str) -> str:
    return _norm(number).rstrip(".:")


@dataclass
class Structure:
    items: int = 0
    items_found: int = 0  # with their number as written
    items_spurious: int = 0
    present: int = 0
    present_found: int = 0
    absent: int = 0
    absent_found: int = 0
    date_stated: int = 0
    date_found: int = 0
    follow_ups: int = 0
    follow_ups_found: int = 0
    review_lines: int = 0
    words: int = 0
    valid: int = 0
    drafts: int = 0
    words_lost: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Structure) -> None:
        for name, value in vars(other).items():
            if isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)
        self.notes += other.notes


def draft_front(text: str) -> dict:
    front = text.split("\n---\n", 1)[0].removeprefix("---\n")
    return yaml.safe_load(front) or {}


def draft_headings(text: str) -> list[str]:
    body = text.split("\n---\n", 1)[1] if "\n---\n" in text else text
    return [line[3:].strip() for line in body.split("\n") if line.startswith("## ")]


def measure_structure(name: str, fasit: dict, result, review_lines: int, words: int) -> Structure:
    """The draft against the answer key: agenda items with their numbers as
    written, people present and absent, the date, follow-ups, review lines."""
    report = Structure(words=words, review_lines=review_lines)
    front = draft_front(result.text)
    headings = draft_headings(result.text)
    used: set[int] = set()
    for number, title in fasit.get("items", []):
        report.items += 1
        for position, heading in enumerate(headings):
            if position in used:
                continue
            text = _norm(heading)
            key = _number_key(number)
            if key and not (text.startswith(_norm(number)) or text.startswith(key + " ") or text == key):
                continue
            rest = text[len(_norm(number)) :].strip(" .:)–-") if key else text
            if fuzz.ratio(rest, _norm(title)) >= 85:
                used.add(position)
                report.items_found += 1
                break
        else:
            report.notes.append(f"{name}: fant ikke saken «{number} {title}»".replace("« ", "«"))
    report.items_spurious = len(headings) - len(used)
    for position, heading in enumerate(headings):
        if position not in used:
            report.notes.append(f"{name}: sak som ikke står i fasiten: «{heading}»")
    people = [*(front.get("tilstede") or []), *(front.get("tilstede_digitalt") or [])]
    people += [front[key] for key in ("møteleder", "referent") if front.get(key)]
    found = {_norm(p) for p in people}
    for person in fasit.get("present") or []:
        report.present += 1
        if _norm(person) in found:
            report.present_found += 1
        else:
            report.notes.append(f"{name}: fant ikke «{person}» blant de som var til stede")
    absent = {_norm(p) for p in front.get("forfall") or []}
    for person in fasit.get("absent") or []:
        report.absent += 1
        if _norm(person) in absent:
            report.absent_found += 1
        else:
            report.notes.append(f"{name}: fant ikke «{person}» under forfall")
    if fasit.get("date"):
        report.date_stated = 1
        if front.get("dato") == fasit["date"]:
            report.date_found = 1
        else:
            report.notes.append(f"{name}: datoen {fasit['date']} ble lest som {front.get('dato')}")
    if fasit.get("follow_ups"):
        report.follow_ups = fasit["follow_ups"]
        report.follow_ups_found = min(result.text.count("\n- [ ] "), fasit["follow_ups"])
    return report


# -- validity -----------------------------------------------------------------------------


class ValidationArchive:
    """A copy of an archive where drafts are validated with their proposed people
    accepted (pasted into data/personer.yaml and data/organisasjoner.yaml)."""

    def __init__(self, root: Path):
        self.folder = tempfile.TemporaryDirectory()
        self.root = Path(self.folder.name) / "arkiv"
        for part in ("data", "docs"):
            shutil.copytree(root / part, self.root / part)
        self.data = {p.name: p.read_text(encoding="utf-8") for p in (self.root / "data").glob("*.yaml")}

    def problems(self, draft: str, proposals: str | None, group: str, stem: str = "import-kontroll") -> list[str]:
        from archive.importer.people import accept_proposals
        from archive.model.repository import load_repository

        for name, text in self.data.items():
            (self.root / "data" / name).write_text(text, encoding="utf-8")
        if proposals:
            accept_proposals(proposals, self.root)
        path = self.root / "docs" / "moter" / group / f"{stem}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(draft, encoding="utf-8")
        try:
            _, problems = load_repository(self.root)
        finally:
            path.unlink()
        return [str(p) for p in problems if p.path.endswith(f"/{stem}.md") or p.path.startswith("data/")]

    def close(self) -> None:
        self.folder.cleanup()


# -- one document ---------------------------------------------------------------------------


@dataclass
class Run:
    """One import of one document in one condition."""

    document: str
    condition: str  # «ren», «skadet (uten-norsk)», «Tesseract eng», «skannet»
    words: WordCounts | None
    structure: Structure
    seconds: float = 0.0


def clean_text_of(document: Document) -> str:
    """The text a perfect reading of the document gives."""
    from archive.importer.sources import read_source

    if document.manuscript and document.is_scan:
        return printed_text(document.manuscript.read_text(encoding="utf-8"))
    return read_source(document.path)[0]


def run_document(document: Document, repo, lexicon, archive: ValidationArchive | None, seeds=(1, 2, 3), scans: bool = True) -> list[Run]:
    """Every condition of one document."""
    import time

    from archive.importer.draft import draft_minutes, missing_words
    from archive.importer.sources import read_source

    group = next(iter(repo.groups)) if "naeringsgruppen" not in repo.groups else "naeringsgruppen"
    runs: list[Run] = []
    clean = clean_text_of(document)

    def one(text: str, condition: str, reference: str | None, notes=None) -> Run:
        started = time.perf_counter()
        result = draft_minutes(text, repo, group, None, document.path.name, lexicon, notes)
        seconds = time.perf_counter() - started
        words = None
        if reference is not None:
            words = count_words(reference, text, result.repaired_source, result.repair.marks, lexicon)
        review = sum(1 for line in result.text.split("\n") if line.startswith("#   "))
        structure = measure_structure(f"{document.name} ({condition})", document.fasit, result, review, len(WORD_RE.findall(text)))
        structure.drafts = 1
        structure.words_lost = sum(missing_words(result).values())
        if structure.words_lost:
            structure.notes.append(f"{document.name} ({condition}): ord borte fra utkastet: {sorted(missing_words(result))[:8]}")
        if archive is not None:
            problems = archive.problems(result.text, result.proposals, group)
            structure.valid = int(not problems)
            structure.notes += [f"{document.name} ({condition}): {p}" for p in problems[:5]]
        return Run(document.name, condition, words, structure, seconds)

    if document.is_scan:
        if scans:
            started = time.perf_counter()
            text, notes = read_source(document.path)
            run = one(text, "skannet", clean, notes)
            run.seconds += time.perf_counter() - started - run.seconds
            runs.append(run)
        runs.append(one(clean, "ren", None))
    else:
        runs.append(one(clean, "ren", None))
    for seed in seeds:
        damaged = damage_page(clean, seed * 7919 + sum(document.name.encode()))
        runs.append(one(damaged.text, f"skadet ({damaged.profile})", clean))
    if document.english_reading:
        reference = printed_text(document.manuscript.read_text(encoding="utf-8")) if document.manuscript else clean
        runs.append(one(document.english_reading.read_text(encoding="utf-8"), "Tesseract eng", reference))
    return runs


def dates_equal(a, b) -> bool:
    return isinstance(a, dt.date) and a == b


def summarise(runs: list[Run]) -> dict[str, tuple[WordCounts, Structure]]:
    """Totals per condition family: «ren», «skadet», «Tesseract eng», «skannet»."""
    totals: dict[str, tuple[WordCounts, Structure]] = {}
    for run in runs:
        family = run.condition.split(" (")[0]
        words, structure = totals.setdefault(family, (WordCounts(), Structure()))
        if run.words:
            words.add(run.words)
        structure.add(run.structure)
    return totals


def kinds_table(runs: list[Run]) -> Counter:
    table: Counter = Counter()
    for run in runs:
        if run.words:
            for kind, values in run.words.by_kind.items():
                table[kind] += 0
                table[(kind, "d")] += values[0]
                table[(kind, "r")] += values[1]
                table[(kind, "f")] += values[2]
    return table
