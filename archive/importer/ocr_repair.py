"""Repairing Norwegian letters that text recognition (OCR) mangled.

The kinds of damage are those of the seed minutes (see the seed README): `g`
read for `ø`, `@` for `Ø`, `ae`/`z`/`a`/`ee`/`e`/`&e` for `æ`, `a` for `å`,
`U` for `J` at the start of first names, and stray letters. `damage_text`
applies them to clean text (for measuring); `repair_text` undoes them.

A word is read as the repaired form when that is much more likely than the
word as written (a noisy channel): how common each form is (archive/importer/lexicon.py)
times how likely the damage is. How likely damage is comes from the document
itself: in a text where every `ø` came out as `g`, `var` may well be `vår`; in a
clean Word file it is not. Every repair is returned, and so is every word left
as it was that may still be damaged (`Flag`): nothing is changed or left silently.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field

from archive.importer.lexicon import Lexicon

# A "word" as the importer sees it: letters and the characters OCR puts in their place.
WORD_RE = re.compile(r"[^\W_]+(?:[@&][^\W_]*)*|@[^\W_]+")
# Addresses are not words: their letters are left alone.
_ADDRESS = re.compile(r"\S+@\S+\.\w+|https?://\S+|www\.\S+", re.IGNORECASE)

# (what OCR wrote, what it may really be, rule label in Norwegian, share):
# `share` is how often this reading occurs among the damage of that letter in
# the seed (ø came out as g nearly always; æ as ae about half the time).
SUBSTITUTIONS: tuple[tuple[str, str, str, float], ...] = (
    ("g", "ø", "g→ø", 0.9),
    ("@", "ø", "@→Ø", 0.9),
    ("a", "ø", "a→ø", 0.02),
    ("p", "ø", "p→ø", 0.01),
    ("ae", "æ", "ae→æ", 0.45),
    ("a", "æ", "a→æ", 0.17),
    ("ee", "æ", "ee→æ", 0.13),
    ("ze", "æ", "ze→æ", 0.13),
    ("z", "æ", "z→æ", 0.05),
    ("e", "æ", "e→æ", 0.03),
    ("&e", "æ", "&e→æ", 0.02),
    ("&", "æ", "&→æ", 0.02),
    ("eae", "æ", "eae→æ", 0.02),
    ("a", "å", "a→å", 1.0),
    ("i", "j", "i→j", 0.01),
)
STRAY_COST = -2.5  # log10 chance of a stray letter in a word (3 in the seed's 1,000 words)
MAX_CHANGES = 5

# Decision thresholds, in log10 odds of the repaired reading against the word as written.
UNKNOWN_SCORE = -1.0  # the score given to a word no source knows
REPAIR_UNKNOWN = 1.0  # an unknown word: repair when the reading is 10× as likely
REPAIR_KNOWN = 1.5  # a known word: repair only when the reading is ~30× as likely
CERTAIN = 2.5  # below this, a repair of a known word is marked uncertain
AMBIGUOUS = 1.0  # another reading this close to the best makes a repair uncertain
FLAG_KNOWN = -1.5  # a known word whose reading is at least 1/30 as likely is flagged
NOT_A_NAME = 1.5  # where a name stands, a common word is ~30× less likely than its frequency says

# "for 3 komme": the digit 3 read for å, the infinitive marker, after a word that
# often comes before it. Only ever flagged: «gruppe 3 har», «for 3 år» are right.
_THREE_FOR_AA = re.compile(r"\b(?:for|til|om|med|uten|ved|av|enn|og|mot|etter) (3)(?= [a-zæøå])", re.IGNORECASE)


@dataclass(frozen=True)
class Repair:
    line: int  # line in the source (1-based)
    original: str
    repaired: str
    rules: tuple[str, ...]
    alternatives: tuple[str, ...] = ()  # other readings nearly as likely
    column: int = 0  # where the word starts in its line

    @property
    def uncertain(self) -> bool:
        return bool(self.alternatives)

    def describe(self) -> str:
        text = f"linje {self.line}: «{self.original}» → «{self.repaired}» ({', '.join(self.rules)})"
        if self.alternatives:
            text += "; kan også være " + " eller ".join(f"«{a}»" for a in self.alternatives)
        return text


@dataclass(frozen=True)
class Flag:
    """A word left as it was that may be damaged."""

    line: int
    word: str
    suggestions: tuple[str, ...] = ()  # readings that are possible, but not likely enough
    column: int = 0

    def describe(self) -> str:
        if self.suggestions:
            return f"linje {self.line}: «{self.word}» kan være feillest for " + " eller ".join(f"«{s}»" for s in self.suggestions) + "; ikke rettet"
        return f"linje {self.line}: «{self.word}» er ikke et kjent ord og kan være feillest; ikke rettet"


@dataclass
class RepairResult:
    text: str
    repairs: list[Repair] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    damage_rate: float = 0.0  # how much of the document's æ, ø, å looked damaged


@dataclass(frozen=True)
class _Reading:
    text: str  # lower case
    rules: tuple[str, ...]
    substitutions: int
    share_cost: float  # log10 of the shares of the rules, plus stray letters


def find_readings(word: str, lexicon: Lexicon) -> list[_Reading]:
    """Every known reading of `word` reachable with the rules (compounds too)."""
    lower = word.lower()
    found: dict[str, _Reading] = {}

    def search(position: int, built: str, part_start: int, parts: int, rules: tuple[str, ...], cost: float, stray: bool, subs: int) -> None:
        if len(rules) > MAX_CHANGES:
            return
        part = built[part_start:]
        if part and not lexicon.has_prefix(part):
            return
        if position == len(lower):
            if rules and (part_start == 0 or lexicon.is_part(part)) and lexicon.is_known(built):
                old = found.get(built)
                if old is None or cost > old.share_cost:
                    found[built] = _Reading(built, tuple(dict.fromkeys(rules)), subs, cost)
            return
        # A new part of a compound may start here (with a linking s or e).
        if parts < 3 and lexicon.is_part(part):
            search(position, built, len(built), parts + 1, rules, cost, stray, subs)
            for link in ("s", "e"):
                if lower.startswith(link, position) and position + 1 < len(lower):
                    search(position + 1, built + link, len(built) + 1, parts + 1, rules, cost, stray, subs)
        char = lower[position]
        if char not in "@&":
            search(position + 1, built + char, part_start, parts, rules, cost, stray, subs)
        for ocr, real, label, share in SUBSTITUTIONS:
            if lower.startswith(ocr, position):
                search(position + len(ocr), built + real, part_start, parts, rules + (label,), cost + math.log10(share), stray, subs + 1)
        if not stray and _may_be_stray(word, position):
            search(position + 1, built, part_start, parts, rules + (f"løs bokstav «{word[position]}»",), cost + STRAY_COST, True, subs)

    search(0, "", 0, 1, (), 0.0, False, 0)
    return sorted(found.values(), key=lambda r: (-r.share_cost, r.text))


STRAY_GLYPHS = "ilI1|"  # thin glyphs text recognition adds («GODKIJENNING»)


def _may_be_stray(word: str, position: int) -> bool:
    """A character OCR may have added: `@` anywhere, a thin glyph (i, l, I) inside
    a word of six letters or more, or a first letter whose case differs from the
    next ("lAanensen"). Never the last letter, which would turn "kontaktlisten"
    into "kontaktliste"."""
    char = word[position]
    if char == "@":
        return True
    if position >= len(word) - 1 or len(word) < 6:
        return False
    if char in STRAY_GLYPHS and (position > 0 or word[1].isalpha()):
        return True
    return position == 0 and char.isalpha() and word[1].isalpha() and char.isupper() != word[1].isupper() and word[1].isupper()


def _recase(original: str, reading: str) -> str:
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return reading.upper()
    # "lAanensen": a stray lower-case letter before a capital.
    if original[0].isupper() or original[0] == "@" or (len(original) > 1 and original[1].isupper()):
        return reading[:1].upper() + reading[1:]
    return reading


@dataclass
class _Decision:
    reading: str | None  # lower case; None: left as it was
    rules: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    flag: tuple[str, ...] | None = None  # suggestions, when flagged


class Repairer:
    """Repairs one document's words; readings are looked up once per distinct word."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._readings: dict[str, list[_Reading]] = {}

    def readings(self, word: str) -> list[_Reading]:
        if word not in self._readings:
            self._readings[word] = find_readings(word, self.lexicon)
        return self._readings[word]

    def decide(self, word: str, damage_rate: float, name_position: bool, after_name: bool = False) -> _Decision:
        """Repair, flag or leave `word`. `name_position`: a capitalised word before
        another («Pal Kvaernes»); `after_name`: one after another («Øystein Bra»).
        There a word is most likely a name, and is weighed as one."""
        lexicon = self.lexicon
        lower = word.lower()
        in_name = (name_position or after_name) and word[:1].isupper() and word[1:2].islower()
        # A known word where a name stands is weighed as a name («Pal» → «Pål»);
        # an unknown one («Naeringssjef Gøril») gives no such evidence.
        score = self._name_score if in_name and lexicon.score(lower) is not None else lexicon.score
        own = score(lower)
        own_score = UNKNOWN_SCORE if own is None else own
        per_change = math.log10(damage_rate)
        scored: list[tuple[float, str, tuple[str, ...]]] = []
        readings = [(r, ()) for r in self.readings(word)]
        if in_name and word[:1] == "U" and word[1:2].islower() or _first_name_reading(word, lexicon, name_position):  # «Ugrgen»: J read as U, and more
            readings += [(r, ("U→J i fornavn",)) for r in self.readings("J" + word[1:])]
            readings.append((_Reading("j" + lower[1:], (), 0, 0.0), ("U→J i fornavn",)))
        for reading, extra in readings:
            if own is not None and lexicon.direct_score(reading.text) is None:
                continue  # a word as written against a merely possible compound: no evidence
            value = score(reading.text)
            if value is None:
                continue
            value += reading.share_cost + per_change * (reading.substitutions + len(extra))
            scored.append((value, reading.text, extra + reading.rules))
        scored.sort(key=lambda s: (-s[0], s[1]))
        if not scored:
            if own is None and ("@" in word or "&" in word or _may_be_damaged(word)):
                return _Decision(None, flag=())
            return _Decision(None)
        best_value, best, rules = scored[0]
        odds = best_value - own_score
        close = tuple(dict.fromkeys(text for value, text, _ in scored[1:] if best_value - value < AMBIGUOUS and text != best))
        if own is None or lexicon.direct_score(lower) is None:  # unknown, or only a possible compound
            if odds >= REPAIR_UNKNOWN:
                return _Decision(best, rules, close)
            return _Decision(None, flag=(best, *close))
        if odds >= REPAIR_KNOWN:
            alternatives = close + ((lower,) if odds < CERTAIN else ())
            return _Decision(best, rules, alternatives)
        if odds >= FLAG_KNOWN or after_name and damage_rate >= 0.2 and best_value >= 0:
            return _Decision(None, flag=(best, *close))
        return _Decision(None)

    def _name_score(self, word: str) -> float | None:
        """How likely `word` is as a name: a common word («pal», «age») seldom is one."""
        lexicon = self.lexicon
        value = lexicon.score(word)
        if value is not None and lexicon.is_common_word(word) and word not in lexicon.first_names:
            return value - NOT_A_NAME
        return value


def _first_name_reading(word: str, lexicon: Lexicon, name_position: bool) -> str | None:
    """`Uannicke` → `Jannicke`: U read for J at the start of a first name, when
    the word stands where a name does or the archive knows the first name."""
    if len(word) > 2 and word[0] == "U" and word[1].islower():
        candidate = "j" + word[1:].lower()
        if candidate in lexicon.first_names or (name_position and lexicon.direct_score(candidate) is not None):
            return candidate
    return None


def _may_be_damaged(word: str) -> bool:
    """An unknown word worth a look: not a number, an abbreviation or a single letter."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2 or any(c.isdigit() for c in word):
        return False
    return not (len(letters) <= 4 and all(c.isupper() for c in letters))


def _tokens(line: str) -> list[re.Match]:
    addresses = [m.span() for m in _ADDRESS.finditer(line)]
    return [m for m in WORD_RE.finditer(line) if not any(a <= m.start() < b for a, b in addresses)]


def _is_name_position(tokens: list[re.Match], index: int, line: str = "") -> bool:
    """A capitalised word followed by another, a space apart: «Uonas Varum Olafsen»."""
    if index + 1 >= len(tokens):
        return False
    following = tokens[index + 1]
    if line and line[tokens[index].end() : following.start()] != " ":
        return False
    return following.group()[:1].isupper() and following.group()[1:2].islower()


def estimate_damage(text: str, repairer: Repairer) -> float:
    """The share of the document's æ, ø and å that came out damaged: the words
    that would be repaired even at even odds, against the words that kept
    their Norwegian letters."""
    damaged = clean = 0
    for line in text.split("\n"):
        for match in _tokens(line):
            word = match.group()
            if any(c in "æøåÆØÅ" for c in word):
                clean += 1
            elif len(word) > 1 and repairer.decide(word, 0.5, False).reading is not None:
                damaged += 1  # «mgte», and «pa» too: far more likely «på»
    return min(max((damaged + 0.5) / (damaged + clean + 1), 0.01), 0.95)


def repair_text(text: str, lexicon: Lexicon) -> RepairResult:
    """Repair every word of `text`; keeps the line structure and every other character."""
    repairer = Repairer(lexicon)
    rate = estimate_damage(text, repairer)
    result = RepairResult("", damage_rate=rate)
    lines = []
    for number, line in enumerate(text.split("\n"), start=1):
        tokens = _tokens(line)
        pieces: list[str] = []
        last = 0
        for index, match in enumerate(tokens):
            word = match.group()
            pieces.append(line[last : match.start()])
            last = match.end()
            decision = _decide_token(repairer, line, tokens, index, rate)
            if decision.reading is not None:
                new = _recase(word, decision.reading)
                alternatives = tuple(_recase(word, a) for a in decision.alternatives)
                result.repairs.append(Repair(number, word, new, decision.rules, alternatives, match.start()))
                pieces.append(new)
                continue
            if decision.flag is not None:
                result.flags.append(Flag(number, word, tuple(_recase(word, s) for s in decision.flag), match.start()))
            pieces.append(word)
        pieces.append(line[last:])
        line = "".join(pieces)
        result.flags += [Flag(number, "3", ("å",), three.start(1)) for three in _THREE_FOR_AA.finditer(line)]
        lines.append(line)
    result.text = "\n".join(lines)
    return result


def _decide_token(repairer: Repairer, line: str, tokens: list[re.Match], index: int, rate: float) -> _Decision:
    match = tokens[index]
    word = match.group()
    if any(c.isdigit() for c in word):
        return _Decision(None)
    letters = [c for c in word if c.isalpha()]
    if len(letters) <= 1:
        # A lone «a» is «å» when it stands as a word among words: «Viktig a lære»,
        # «regner med a» at the end of a line; not «a)», «Plan A» or «a-c».
        before, after = line[: match.start()], line[match.end() :]
        among_words = (
            re.search(r"[^\W\d_]\s$", before)
            and (re.match(r"\s[^\W\d_]", after) or not after.strip())
            or not before.strip()
            and re.match(r"\s[^\W\d_]{2,}", after)
        )
        if word == "a" and among_words:
            return _Decision("å", ("a→å",), ()) if rate >= 0.3 else _Decision(None, flag=("å",))
        return _Decision(None)
    if len(letters) <= 3 and all(c.isupper() for c in letters) and "@" not in word and "&" not in word:
        return _Decision(None)  # an abbreviation: IN, KS, IPR
    after_name = (
        index > 0
        and _looks_like_name(tokens[index - 1].group())
        and word[:1].isupper()
        and word[1:2].islower()
        and line[tokens[index - 1].end() : match.start()] == " "
    )
    return repairer.decide(word, rate, _is_name_position(tokens, index, line), after_name)


def _looks_like_name(word: str) -> bool:
    return word[:1].isupper() or word[:1] == "@"


# -- damage, for measuring the repair ------------------------------------------------

# How the seed's recognition wrote each letter, with the shares used above.
DAMAGE = {
    "ø": (("g", 0.98), ("a", 0.02)),
    "Ø": (("@", 1.0),),
    "æ": (("ae", 0.45), ("a", 0.17), ("ee", 0.13), ("ze", 0.13), ("z", 0.05), ("e", 0.03), ("&e", 0.02), ("eae", 0.02)),
    "Æ": (("AE", 0.6), ("A", 0.2), ("E", 0.2)),
    "å": (("a", 1.0),),
    "Å": (("A", 1.0),),
}


@dataclass(frozen=True)
class Damage:
    line: int
    column: int  # of the damaged word in the damaged line
    clean: str
    damaged: str


def damage_text(text: str, seed: int, rate: float = 1.0, stray_rate: float = 0.01, first_name_rate: float = 1.0) -> tuple[str, list[Damage]]:
    """Damage `text` the way the seed's recognition did, deterministically for a
    seed: each æ, ø, å with probability `rate`; J→U at the start of a
    capitalised word followed by another (a first name); a stray letter in a
    word of six letters or more with probability `stray_rate`."""
    rng = random.Random(seed)
    out_lines: list[str] = []
    damages: list[Damage] = []
    for number, line in enumerate(text.split("\n"), start=1):
        tokens = list(WORD_RE.finditer(line))
        pieces: list[str] = []
        last = 0
        for index, match in enumerate(tokens):
            word = match.group()
            pieces.append(line[last : match.start()])
            last = match.end()
            new = "".join(_damage_letter(c, rng, rate) for c in word)
            if word[:1] == "J" and word[1:2].islower() and _is_name_position(tokens, index) and rng.random() < first_name_rate:
                new = "U" + new[1:]
            if len(word) >= 6 and word.isalpha() and rng.random() < stray_rate:
                if word[0].isupper() and rng.random() < 0.25:
                    new = "l" + new  # «lAanensen»
                else:
                    position = rng.randrange(1, len(new) - 1)
                    new = new[:position] + rng.choice("ilI") + new[position:]
            if new != word:
                column = sum(len(p) for p in pieces)
                damages.append(Damage(number, column, word, new))
            pieces.append(new)
        pieces.append(line[last:])
        out_lines.append("".join(pieces))
    return "\n".join(out_lines), damages


def _damage_letter(char: str, rng: random.Random, rate: float) -> str:
    choices = DAMAGE.get(char)
    if not choices or rng.random() >= rate:
        return char
    pick = rng.random()
    for replacement, share in choices:
        pick -= share
        if pick <= 0:
            return replacement
    return choices[-1][0]


@dataclass
class RepairCounts:
    """How a repair did on text damaged by `damage_text`, word by word."""

    damaged: int = 0
    repaired: int = 0  # back to the clean word
    flagged: int = 0  # not back to the clean word, but listed for review (flagged or an uncertain/wrong repair)
    missed: int = 0  # not back to the clean word and not listed: damage left silently
    false_repairs: int = 0  # an undamaged word changed
    missed_words: list[tuple[str, str, str]] = field(default_factory=list)  # (clean, damaged, draft)
    false_words: list[tuple[str, str]] = field(default_factory=list)  # (clean, draft)


def measure_repair(clean: str, damaged: str, damages: list[Damage], result: RepairResult) -> RepairCounts:
    """Compare the repaired text with the clean one, word by word."""
    counts = RepairCounts()
    listed = {(r.line, r.column) for r in result.repairs} | {(f.line, f.column) for f in result.flags}
    hit = {(d.line, d.column) for d in damages}
    clean_lines, damaged_lines, repaired_lines = clean.split("\n"), damaged.split("\n"), result.text.split("\n")
    for number, (clean_line, damaged_line, repaired_line) in enumerate(zip(clean_lines, damaged_lines, repaired_lines, strict=True), start=1):
        before = list(WORD_RE.finditer(clean_line))
        middle = list(WORD_RE.finditer(damaged_line))
        after = [m.group() for m in WORD_RE.finditer(repaired_line)]
        if not (len(before) == len(middle) == len(after)):
            raise ValueError(f"line {number}: the number of words changed")
        for word, token, final in zip(before, middle, after, strict=True):
            if (number, token.start()) in hit:
                counts.damaged += 1
                if final == word.group():
                    counts.repaired += 1
                elif (number, token.start()) in listed:
                    counts.flagged += 1
                else:
                    counts.missed += 1
                    counts.missed_words.append((word.group(), token.group(), final))
            elif final != word.group():
                counts.false_repairs += 1
                counts.false_words.append((word.group(), final))
    return counts
