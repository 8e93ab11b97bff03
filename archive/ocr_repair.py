"""Repairing Norwegian letters that text recognition (OCR) mangled.

The rules are those seen in the seed minutes (see the seed README): `g` read
for `ø`, `@` for `Ø`, `z`/`ae`/`e`/`a` for `æ`, `a` for `å`, `U` for `J` at the
start of first names, and stray letters. A word is changed only when it is not
a known word and the repaired form is: known words come from data/ordliste.txt
and the archive's own texts (names, organisations, focus areas, minutes).
Every change is returned, so that the caller can list it for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

# A "word" as the importer sees it: letters and the characters OCR puts in their place.
WORD_RE = re.compile(r"[^\W_]+(?:[@&][^\W_]*)*|@[^\W_]+")

# (what OCR wrote, what it may really be, rule label in Norwegian)
SUBSTITUTIONS: tuple[tuple[str, str, str], ...] = (
    ("g", "ø", "g→ø"),
    ("@", "ø", "@→Ø"),
    ("@", "", "løs @"),
    ("eae", "æ", "eae→æ"),
    ("ae", "æ", "ae→æ"),
    ("ee", "æ", "ee→æ"),
    ("ze", "æ", "ze→æ"),
    ("&e", "æ", "&e→æ"),
    ("&", "æ", "&→æ"),
    ("z", "æ", "z→æ"),
    ("e", "æ", "e→æ"),
    ("a", "æ", "a→æ"),
    ("a", "å", "a→å"),
    ("a", "ø", "a→ø"),
    ("p", "ø", "p→ø"),
    ("i", "j", "i→j"),
)
MAX_CHANGES = 4


@dataclass(frozen=True)
class Repair:
    line: int  # line in the source (1-based)
    original: str
    repaired: str
    rules: tuple[str, ...]
    alternatives: tuple[str, ...] = ()  # other readings just as likely

    @property
    def uncertain(self) -> bool:
        return bool(self.alternatives)

    def describe(self) -> str:
        text = f"linje {self.line}: «{self.original}» → «{self.repaired}» ({', '.join(self.rules)})"
        if self.alternatives:
            text += "; kan også være " + " eller ".join(f"«{a}»" for a in self.alternatives)
        return text


@dataclass
class Lexicon:
    """Known words (lower case) and the prefixes of them, for pruning the search."""

    words: set[str] = field(default_factory=set)
    first_names: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.prefixes: set[str] = set()
        for word in self.words | self.first_names:
            self._add_prefixes(word)

    def _add_prefixes(self, word: str) -> None:
        for end in range(1, len(word) + 1):
            self.prefixes.add(word[:end])

    def add_text(self, text: str) -> None:
        for match in WORD_RE.finditer(text):
            word = match.group().lower()
            if "@" in word or "&" in word:
                continue
            self.words.add(word)
            self._add_prefixes(word)

    def add_first_names(self, names: Iterable[str]) -> None:
        for name in names:
            words = name.split()
            if words:
                first = words[0].split("-")[0].lower()
                self.first_names.add(first)
                self._add_prefixes(first)

    def __contains__(self, word: str) -> bool:
        return word.lower() in self.words


def read_word_list(path: Path) -> list[str]:
    if not path.is_file():
        return []
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words += line.split()
    return words


def _readings(word: str, lexicon: Lexicon) -> list[tuple[int, str, tuple[str, ...]]]:
    """Every known reading of `word` reachable with the rules, as (changes, reading, rules)."""
    found: dict[str, tuple[int, tuple[str, ...]]] = {}
    lower = word.lower()

    def search(position: int, built: str, rules: tuple[str, ...], deleted: bool) -> None:
        if len(rules) > MAX_CHANGES:
            return
        if built and built not in lexicon.prefixes:
            return
        if position == len(lower):
            if built in lexicon.words and rules:
                best = found.get(built)
                if best is None or len(rules) < best[0]:
                    found[built] = (len(rules), rules)
            return
        char = lower[position]
        if char not in "@&":
            search(position + 1, built + char, rules, deleted)
        for ocr, real, label in SUBSTITUTIONS:
            if lower.startswith(ocr, position):
                search(position + len(ocr), built + real, rules + (label,), deleted)
        if not deleted and len(lower) >= 6 and _may_be_stray(word, position):
            search(position + 1, built, rules + (f"løs bokstav «{word[position]}»",), True)

    search(0, "", (), False)
    return sorted((count, reading, rules) for reading, (count, rules) in found.items())


def _may_be_stray(word: str, position: int) -> bool:
    """A letter OCR may have added: a thin glyph (i, l, I) inside the word, or one
    whose case differs from the rest ("lAanensen"). Never the last letter, which
    would turn "kontaktlisten" into "kontaktliste"."""
    if position >= len(word) - 1:
        return False
    char = word[position]
    if char in "ilI1|":
        return True
    others = [c for i, c in enumerate(word) if i != position and c.isalpha()]
    return bool(others) and char.isalpha() and (char.isupper() != others[0].isupper()) and position == 0


def _first_name_reading(word: str, lexicon: Lexicon) -> str | None:
    """`Uannicke` → `Jannicke`: U read for J at the start of a first name."""
    if len(word) > 2 and word[0] == "U" and word[1].islower():
        candidate = "j" + word[1:].lower()
        if candidate in lexicon.first_names:
            return candidate
    return None


def _recase(original: str, reading: str) -> str:
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return reading.upper()
    # "lAanensen": a stray lower-case letter before a capital.
    if original[0].isupper() or original[0] == "@" or (len(original) > 1 and original[1].isupper()):
        return reading[:1].upper() + reading[1:]
    return reading


def repair_word(word: str, lexicon: Lexicon, line: int = 0) -> Repair | None:
    """The repaired word, or None when it is known already or no rule gives a known word."""
    if word.lower() in lexicon.words or any(c.isdigit() for c in word):
        return None
    first_name = _first_name_reading(word, lexicon)
    if first_name:
        return Repair(line, word, _recase(word, first_name), ("U→J i fornavn",))
    readings = _readings(word, lexicon)
    if not readings:
        return None
    fewest = readings[0][0]
    best = [r for r in readings if r[0] == fewest]
    count, reading, rules = best[0]
    alternatives = tuple(_recase(word, r[1]) for r in best[1:])
    return Repair(line, word, _recase(word, reading), tuple(dict.fromkeys(rules)), alternatives)


# "for 3 komme": the digit 3 read for å between two words.
_THREE_FOR_AA = re.compile(r"(?<=[a-zæøå] )3(?= [a-zæøå])")


def repair_text(text: str, lexicon: Lexicon) -> tuple[str, list[Repair]]:
    """Repair every word of `text`; keeps the line structure and every other character."""
    repairs: list[Repair] = []
    lines = []
    for number, line in enumerate(text.split("\n"), start=1):
        def replace(match: re.Match) -> str:
            repair = repair_word(match.group(), lexicon, number)
            if repair is None:
                return match.group()
            repairs.append(repair)
            return repair.repaired

        line = WORD_RE.sub(replace, line)
        if _THREE_FOR_AA.search(line):
            line = _THREE_FOR_AA.sub("å", line)
            repairs.append(Repair(number, "3", "å", ("3→å",), ("3",)))
        lines.append(line)
    return "\n".join(lines), repairs


def suspicious_words(text: str, lexicon: Lexicon) -> list[tuple[int, str]]:
    """Words left as they were that still look like OCR damage: to be read by a person."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in WORD_RE.finditer(line):
            word = match.group()
            if word.lower() in lexicon.words:
                continue
            if "@" in word or "&" in word or re.search(r"[a-zæøå]g[kmnpt]|z", word.lower()):
                found.append((number, word))
    return found
