"""Repairing Norwegian text that text recognition (OCR) mangled.

What recognition does to Norwegian pages, by letter and by layout:

- `ø` comes out as `o` (an engine without Norwegian data), `g` and `@` (the
  seed), `0`, `6`, `e`, `ö` or `oe`; `å` as `a`, `&`, `ä`, `à`, `aa` or `4`;
  `æ` as `ae`, `a`, `e`, `z`, `ee`, `&`, `ä` or `ce`; capitals likewise;
  and any engine confuses shapes now and then (`rn`/`m`, `cl`/`d`, `c`/`e`).
- ligatures (`ﬁ`, `ﬂ`) for two letters; stray glyphs (`|`, `~`, `'`) at the
  start or end of a line from a fold, a hole punch or a binder's edge; a
  word hyphenated across two lines; a word split by a space (`J ørgen`).

`repair_text` undoes them. A word is read as the repaired form when that is
much more likely than the word as written (a noisy channel): how common each
form is (archive/importer/lexicon.py, Bokmål and Nynorsk, weighed for the
standard the text is written in) times how likely the damage is. How likely
damage is comes from the document itself, per letter: in a text where every
`ø` came out as `o`, `moter` is `møter`; in a clean Word file it is not, and
a word that is right in either standard is never changed there. Capitals and
acronyms stay as written. Every repair is returned, and so is every word left
as it was that may still be damaged (`Flag`): nothing is changed or left
silently.

`damage_text` damages clean text the way the seed's recognition did (the
importer's own model, kept for the tests of issue 12); the corpus is measured
with another model, archive/importer/damage.py, and with real recognition.
"""

from __future__ import annotations

import difflib
import math
import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from archive.importer.lexicon import Lexicon

# A "word" as the importer sees it: letters and the characters OCR puts in their place.
WORD_RE = re.compile(r"[^\W_]+(?:[@&][^\W_]*)*|@[^\W_]+")
# Addresses are not words: their letters are left alone.
_ADDRESS = re.compile(r"\S+@\S+\.\w+|https?://\S+|www\.\S+", re.IGNORECASE)

# (what OCR wrote, what it may really be, rule label, family, prior share in
# the family). The family is the letter that was damaged; how often that letter
# is damaged, and which way, is estimated per document (`DamageRates`); the
# shares are the starting point when a document gives little evidence.
SUBSTITUTIONS: tuple[tuple[str, str, str, str, float], ...] = (
    ("o", "ø", "o→ø", "ø", 0.40),
    ("g", "ø", "g→ø", "ø", 0.25),
    ("@", "ø", "@→ø", "ø", 0.08),
    ("0", "ø", "0→ø", "ø", 0.05),
    ("e", "ø", "e→ø", "ø", 0.05),
    ("ö", "ø", "ö→ø", "ø", 0.05),
    ("6", "ø", "6→ø", "ø", 0.03),
    ("oe", "ø", "oe→ø", "ø", 0.03),
    ("a", "ø", "a→ø", "ø", 0.02),
    ("p", "ø", "p→ø", "ø", 0.01),
    ("b", "ø", "b→ø", "ø", 0.01),
    ("q", "ø", "q→ø", "ø", 0.01),  # «Qverli»: English data reads Ø as Q
    ("a", "å", "a→å", "å", 0.80),
    ("&", "å", "&→å", "å", 0.05),
    ("aa", "å", "aa→å", "å", 0.04),
    ("ä", "å", "ä→å", "å", 0.03),
    ("à", "å", "à→å", "å", 0.03),
    ("á", "å", "á→å", "å", 0.02),
    ("4", "å", "4→å", "å", 0.02),
    ("â", "å", "â→å", "å", 0.01),
    ("ae", "æ", "ae→æ", "æ", 0.35),
    ("a", "æ", "a→æ", "æ", 0.15),
    ("e", "æ", "e→æ", "æ", 0.15),
    ("ee", "æ", "ee→æ", "æ", 0.08),
    ("ze", "æ", "ze→æ", "æ", 0.05),
    ("z", "æ", "z→æ", "æ", 0.05),
    ("ä", "æ", "ä→æ", "æ", 0.05),
    ("&", "æ", "&→æ", "æ", 0.03),
    ("&e", "æ", "&e→æ", "æ", 0.03),
    ("ce", "æ", "ce→æ", "æ", 0.02),
    ("eae", "æ", "eae→æ", "æ", 0.01),
    ("i", "j", "i→j", "j", 1.0),
    # Shapes any engine confuses now and then, in any language.
    ("rn", "m", "rn→m", "form", 0.20),
    ("m", "rn", "m→rn", "form", 0.05),
    ("cl", "d", "cl→d", "form", 0.10),
    ("c", "e", "c→e", "form", 0.10),
    ("e", "c", "e→c", "form", 0.05),
    ("v", "y", "v→y", "form", 0.10),
    ("1", "l", "1→l", "form", 0.10),
    ("l", "i", "l→i", "form", 0.05),
    ("0", "o", "0→o", "form", 0.10),
    ("li", "h", "li→h", "form", 0.05),
    ("ii", "ü", "ii→ü", "form", 0.02),
    ("n", "u", "n→u", "form", 0.04),
    ("u", "n", "u→n", "form", 0.04),
)
FAMILIES = ("ø", "å", "æ", "j", "form")
STRAY_COST = -2.5  # log10 chance of a stray letter in a word (3 in the seed's 1,000 words)
MAX_CHANGES = 5

# Decision thresholds, in log10 odds of the repaired reading against the word as written.
UNKNOWN_SCORE = -1.0  # the score given to a word no source knows
UNKNOWN_NAME_SCORE = 0.5  # … and to an unknown word where a name stands: names are often unknown
REPAIR_UNKNOWN = 1.0  # an unknown word: repair when the reading is 10× as likely
REPAIR_KNOWN = 1.5  # a word only wordfreq knows: repair only when the reading is ~30× as likely
REPAIR_VALID_NYNORSK = 2.0  # in Nynorsk, whose frequencies wordfreq hardly knows, 100× («vart» stays «vart»)
CERTAIN = 2.5  # below this, a repair of a known word is marked uncertain
AMBIGUOUS = 1.0  # another reading this close to the best makes a repair uncertain
FLAG_KNOWN = -1.5  # a known word whose reading is at least 1/30 as likely is flagged …
FLAG_RATE = 0.1  # … when at least this share of its letter came out damaged in the text
DOCUMENT_BONUS = 0.7  # a reading the document has for sure elsewhere is 5× likelier
NOT_A_NAME = 1.5  # where a name stands, a common word is ~30× less likely than its frequency says
NAME_BONUS = 1.0  # … and a name (Åge, Kåre) 10× more likely than its frequency as a word says
CLEAN = 0.05  # a letter damaged this rarely: the text is clean in that letter

# "for 3 komme": the digit 3 read for å, the infinitive marker, after a word that
# often comes before it. Only ever flagged: «gruppe 3 har», «for 3 år» are right.
_THREE_FOR_AA = re.compile(r"\b(?:for|til|om|med|uten|utan|ved|av|enn|og|mot|etter|viktig) ([34&])(?= [a-zæøå])", re.IGNORECASE)

# Ligatures and invisible characters a PDF or an engine may put in a word.
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st", "Ĳ": "IJ", "ĳ": "ij"}
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
STRAY_GLYPHS = "ilI1|"  # thin glyphs text recognition adds inside words («GODKIJENNING»)
# Glyphs a fold, a hole punch or a binder's edge leaves at the start or end of a line.
_EDGE_GLYPHS = "|¦~^`´¨°_\\'‘’\"“”»«,.;:!"
_LEADING_STRAY = re.compile(r"^(?P<indent>\s*)(?P<glyphs>[" + re.escape(_EDGE_GLYPHS) + r"]{1,3})\s*(?=[^\W_]|[-•*]\s)")
_TRAILING_STRAY = re.compile(r"(?<=\S)(?P<glyphs>\s+[" + re.escape("|¦~^`´¨°_\\‘’'—") + r"]{1,3})\s*$")
# A thin letter before a label: «l Tilstede:», «| Forfall:».
_LEADING_THIN = re.compile(
    r"^(?P<indent>\s*)(?P<glyphs>[lIi1!|])\s+(?=(?-i:[A-ZÆØÅ]))(?=(?:til stede|tilstede|til stades|forfall|møteleder|møteleiar|referent|skrivar|dato|sted|stad|tid|sak)\b)",
    re.IGNORECASE,
)
_HYPHENATED = re.compile(r"(?P<head>[^\W\d_][^\W_]*[@&]?[^\W_]*)-$")
_CONTINUATION = re.compile(r"^(?P<indent>\s*)(?P<tail>[a-zæøå@&][^\W_]*(?:[@&][^\W_]*)*)(?P<rest>.*)$")
_NOT_JOINED = {"og", "eller", "til", "som", "samt", "enn"}  # «nærings- og handelsliv»

# Letters text recognition reads for digits, by shape (what it wrote → the digit).
_DIGIT_SHAPES = {
    "O": "0",
    "o": "0",
    "D": "0",
    "Q": "0",
    "I": "1",
    "l": "1",
    "|": "1",
    "!": "1",
    "Z": "2",
    "z": "2",
    "S": "5",
    "s": "5",
    "G": "6",
    "b": "6",
    "B": "8",
    "g": "9",
    "q": "9",
}
_TO_DIGITS = str.maketrans(_DIGIT_SHAPES)
_DIGITISH_CHARS = "0-9" + re.escape("".join(_DIGIT_SHAPES))
# A number of parts joined by «/», «.», «:» or «-» (a case number, a date, a time): «12/Z5», «1B.03.2O25», «l0:30».
_NUMBER_GROUP = re.compile(rf"(?<![^\W_])(?<![.,/:-][0-9])[{_DIGITISH_CHARS}]{{1,4}}(?:[./:-][{_DIGITISH_CHARS}]{{1,4}}){{1,2}}(?![^\W_])(?!-[^\W\d_])")
# A number on its own where a number stands: after «Sak», «PS», «sak nr.», «kl.», or a year («2O25»).
_LABELLED_NUMBER = re.compile(rf"(?:(?<=\b[Ss]ak )|(?<=\bPS )|(?<=\bnr\. )|(?<=\bkl\. )|(?<=\bkl )|(?<=§ ))[{_DIGITISH_CHARS}]{{1,4}}(?![^\W_])")
# An item's number at the start of a line: «l2. Eventuelt», «1O) Budsjett».
_LINE_NUMBER = re.compile(rf"^\s*(?:[Ss]ak\s+)?(?P<number>[{_DIGITISH_CHARS}]{{2,3}})(?=[.):]\s)")
# … and alone in a heading: «### Z. Årsberetning» (not «B. Olsen», an initial, outside a heading).
_HEADING_NUMBER = re.compile(r"^(?P<heading>#{1,4}\s+)?(?P<number>[ZSBGlI|])(?=[.)]\s+[A-ZÆØÅ])")
_NUMBERED_LINE = re.compile(r"^(?:#{1,4}\s+)?(\d{1,2})[.)]\s")
# A day before a month's name («l1. mars», «2O. mars»), a group of thousands («48 O00 kroner»).
_DAY_NUMBER = re.compile(
    rf"(?<![^\W_])[{_DIGITISH_CHARS}]{{1,2}}(?=\.\s*(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)\b)", re.IGNORECASE
)
_THOUSANDS = re.compile(rf"(?<=\d[ \n\u00a0])[{_DIGITISH_CHARS}]{{3}}(?![^\W_])")
_YEAR = re.compile(rf"(?<![^\W_])(?:[12lIZz][{_DIGITISH_CHARS}]{{3}})(?![^\W_])")


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

    @property
    def layout(self) -> bool:
        """A repair of the layout (a hyphenated or split word, a stray glyph, a ligature), not of letters."""
        return bool(self.rules) and self.rules[0] in LAYOUT_RULES

    def describe(self) -> str:
        text = f"linje {self.line}: «{self.original}» → «{self.repaired}» ({', '.join(self.rules)})"
        if self.alternatives:
            text += "; kan også være " + " eller ".join(f"«{a}»" for a in self.alternatives)
        return text


LAYOUT_RULES = ("orddeling", "delt ord", "løst tegn", "ligatur", "siffer")


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
    damage_rate: float = 0.0  # how much of the document's æ, ø, å looked damaged (the highest of the three)
    rates: dict[str, float] = field(default_factory=dict)  # per family of damage
    standard: str | None = None  # «nb» or «nn», when the text tells
    line_numbers: list[int] = field(default_factory=list)  # the source line of each line of `text`
    marks: list[tuple[int, int]] = field(default_factory=list)  # spans of `text` listed for review

    def source_line(self, index: int) -> int:
        """The source line (1-based) of line `index` (0-based) of the repaired text."""
        return self.line_numbers[index] if index < len(self.line_numbers) else index + 1


@dataclass(frozen=True)
class _Reading:
    text: str  # lower case
    rules: tuple[str, ...]  # the rule labels used, in order, with repeats
    stray: int = 0  # stray letters left out

    @property
    def families(self) -> tuple[str, ...]:
        return tuple(_FAMILY[rule] for rule in self.rules if rule in _FAMILY)


_FAMILY = {label: family for _, _, label, family, _ in SUBSTITUTIONS}
_PRIOR = {label: share for _, _, label, _, share in SUBSTITUTIONS}


def find_readings(word: str, lexicon: Lexicon) -> list[_Reading]:
    """Every known reading of `word` reachable with the rules (compounds too)."""
    lower = word.lower()
    found: dict[str, _Reading] = {}

    def search(position: int, built: str, part_start: int, parts: int, rules: tuple[str, ...], stray: bool, shapes: int) -> None:
        if len(rules) > MAX_CHANGES:
            return
        part = built[part_start:]
        if part and not lexicon.has_prefix(part):
            return
        if position == len(lower):
            if (rules or stray) and (part_start == 0 or lexicon.is_part(part)) and lexicon.is_known(built):
                reading = _Reading(built, rules, int(stray))
                old = found.get(built)
                if old is None or _prior_cost(reading) > _prior_cost(old):
                    found[built] = reading
            return
        # A new part of a compound may start here (with a linking s or e).
        if parts < 3 and lexicon.is_part(part):
            search(position, built, len(built), parts + 1, rules, stray, shapes)
            for link in ("s", "e"):
                if lower.startswith(link, position) and position + 1 < len(lower):
                    search(position + 1, built + link, len(built) + 1, parts + 1, rules, stray, shapes)
        char = lower[position]
        if char not in "@&":
            search(position + 1, built + char, part_start, parts, rules, stray, shapes)
        for ocr, real, label, family, _share in SUBSTITUTIONS:
            if family == "form" and shapes:
                continue  # at most one confusion of shapes in a word
            if lower.startswith(ocr, position):
                search(position + len(ocr), built + real, part_start, parts, rules + (label,), stray, shapes + (family == "form"))
        if not stray and _may_be_stray(word, position):
            search(position + 1, built, part_start, parts, rules, True, shapes)

    search(0, "", 0, 1, (), False, 0)
    return sorted(found.values(), key=lambda r: (-_prior_cost(r), r.text))


def _prior_cost(reading: _Reading) -> float:
    return sum(math.log10(_PRIOR[rule]) for rule in reading.rules) + STRAY_COST * reading.stray


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
    """The reading in the original's case: all capitals stay capitals, a capital first letter stays."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return reading.upper()
    # "lAanensen": a stray lower-case letter before a capital.
    if original[0].isupper() or original[0] in "@0" or (len(original) > 1 and original[1].isupper()):
        return reading[:1].upper() + reading[1:]
    return reading


@dataclass
class _Decision:
    reading: str | None  # lower case; None: left as it was
    rules: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    flag: tuple[str, ...] | None = None  # suggestions, when flagged


@dataclass
class DamageRates:
    """How often each letter (family) came out damaged in this document, and which way."""

    family: dict[str, float] = field(default_factory=lambda: dict.fromkeys(FAMILIES, 0.5))
    rule: dict[str, float] = field(default_factory=lambda: dict(_PRIOR))

    def cost(self, reading: _Reading, extra: int = 0) -> float:
        """log10 of how likely the damage that turns `reading` into the word as written is."""
        value = STRAY_COST * reading.stray
        for label in reading.rules:
            value += math.log10(self.family[_FAMILY[label]] * self.rule[label])
        return value + extra * math.log10(self.family["j"])

    def highest(self) -> float:
        return max(self.family[f] for f in ("ø", "å", "æ"))


class Repairer:
    """Repairs one document's words; readings are looked up once per distinct word."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._readings: dict[str, list[_Reading]] = {}
        # Words this document has for sure (written with their letters, or repaired
        # without doubt), and their parts: a reading among them is likelier here.
        self.document_words: set[str] = set()

    def in_document(self, reading: str) -> bool:
        """Whether the document has `reading` for sure elsewhere, inflected or in a compound («møtet» beside «styremøte»)."""
        words = self.document_words
        return any(reading[:end] in words for end in range(len(reading), max(len(reading) - 3, 3) - 1, -1))

    def learn_document(self, word: str) -> None:
        word = word.lower()
        if len(word) < 3:
            return
        self.document_words.add(word)
        parts = self.lexicon.compound_parts(word)
        if parts:
            self.document_words.update(p for p in parts if len(p) >= 3)

    def readings(self, word: str) -> list[_Reading]:
        if word not in self._readings:
            self._readings[word] = find_readings(word, self.lexicon)
        return self._readings[word]

    def decide(self, word: str, rates: DamageRates | float, name_position: bool, after_name: bool = False, sentence_start: bool = False) -> _Decision:
        """Repair, flag or leave `word`. `name_position`: a capitalised word before
        another («Pal Kvaernes»); `after_name`: one after another («Øystein Bra»).
        There a word is most likely a name, and is weighed as one. A capitalised
        word elsewhere is a name too, unless it starts a sentence or a line."""
        if not isinstance(rates, DamageRates):  # one rate for every letter
            rates = DamageRates(family=dict.fromkeys(FAMILIES, rates))
        lexicon = self.lexicon
        lower = word.lower()
        in_name = (name_position or after_name) and word[:1].isupper() and word[1:2].islower()
        # A known word where a name stands is weighed as a name («Pal» → «Pål»);
        # an unknown one («Naeringssjef Gøril») gives no such evidence.
        score = self._name_score if in_name and lexicon.score(lower) is not None else lexicon.score
        own = score(lower)
        capitalised = word[:1].isupper() or word[:1] == "@"
        if own is not None and (in_name or capitalised and not sentence_start) and lexicon.may_be_name(lower):
            own += NAME_BONUS  # «Sondre» is a name as written: not «Søndre»
        # A word of the dictionaries (or the archive); a word only wordfreq has («ar», «age») is often a misspelling.
        known = own is not None and (lower in lexicon.valid or lower in lexicon.names)
        name_like = capitalised and (in_name or word[1:2].islower() and not sentence_start)
        own_score = own if own is not None else UNKNOWN_NAME_SCORE if name_like else UNKNOWN_SCORE
        scored: list[tuple[float, str, tuple[str, ...], tuple[str, ...]]] = []
        readings = [(r, 0) for r in self.readings(word)]
        if in_name and word[:1] == "U" and word[1:2].islower() or _first_name_reading(word, lexicon, name_position):  # «Ugrgen»: J read as U, and more
            readings += [(r, 1) for r in self.readings("J" + word[1:])]
            readings.append((_Reading("j" + lower[1:], ()), 1))
        for reading, first_name in readings:
            if own is not None and lexicon.direct_score(reading.text) is None:
                continue  # a word as written against a merely possible compound: no evidence
            if known and "form" in reading.families:
                continue  # a known word is not another by a confusion of shapes («de» is no «ce»)
            value = score(reading.text)
            if value is None:
                continue
            if (in_name or capitalised and not sentence_start) and lexicon.may_be_name(reading.text):
                value += NAME_BONUS
            if self.document_words and self.in_document(reading.text):
                value += DOCUMENT_BONUS
            value += rates.cost(reading, first_name)
            labels = (("U→J i fornavn",) if first_name else ()) + tuple(dict.fromkeys(reading.rules))
            if reading.stray:
                labels += ("løs bokstav",)
            scored.append((value, reading.text, labels, reading.families))
        scored.sort(key=lambda s: (-s[0], s[1]))
        if not scored:
            if own is None and ("@" in word or "&" in word or _may_be_damaged(word, rates)):
                return _Decision(None, flag=())
            return _Decision(None)
        best_value, best, rules, families = scored[0]
        if own is None and name_like and max((rates.family[f] for f in families), default=0.0) >= 0.5:
            own_score = UNKNOWN_SCORE  # in a text that lost most of these letters, an unknown name is as suspect as any word
        odds = best_value - own_score
        close = tuple(dict.fromkeys(text for value, text, _, _ in scored[1:] if best_value - value < AMBIGUOUS and text != best))
        damaged_family = max((rates.family[f] for f in families), default=rates.highest())
        if not known:  # unknown, only a possible compound, or only wordfreq has it
            if odds >= REPAIR_UNKNOWN:
                return _Decision(best, rules, close)
            if odds >= 0 or damaged_family >= FLAG_RATE:
                return _Decision(None, flag=(best, *close))
            return _Decision(None)
        threshold = REPAIR_VALID_NYNORSK if lexicon.standard == "nn" and not lexicon.in_other_standard_only(lower) else REPAIR_KNOWN
        # Where a name stands, a word of the dictionaries («Sondre») becomes only a name («Pål»), not another word («søndre»).
        only_a_name = best in lexicon.proper or best in lexicon.first_names or best in lexicon.names
        # A word that is a name too («Kare» → «Kåre», «Rod» → «Rød») only when far more likely still.
        also_a_name = best in lexicon.also_names and odds >= CERTAIN + 0.5
        if odds >= threshold and (not in_name or only_a_name or also_a_name):
            alternatives = close + ((lower,) if odds < CERTAIN else ())
            return _Decision(best, rules, alternatives)
        if damaged_family >= FLAG_RATE and (odds >= FLAG_KNOWN or after_name and best_value >= 0):
            return _Decision(None, flag=(best, *close))
        return _Decision(None)

    def _name_score(self, word: str) -> float | None:
        """How likely `word` is as a name: a common word («pal», «age») seldom is one."""
        lexicon = self.lexicon
        value = lexicon.score(word)
        if value is not None and lexicon.is_common_word(word) and not lexicon.may_be_name(word):
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


def _may_be_damaged(word: str, rates: DamageRates) -> bool:
    """An unknown word worth a look: not a number, an abbreviation or a single
    letter, and in a text where letters did come out damaged."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2:
        return False
    if any(c.isdigit() for c in word):
        return False
    if len(letters) <= 5 and all(c.isupper() for c in letters):
        return False
    return rates.highest() >= FLAG_RATE


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


def _is_evidence(word: str) -> bool:
    """A word that can tell how damaged the text is: not a name, a number or an abbreviation."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2 or word.isdigit():
        return False
    if all(c.isupper() for c in letters):
        return len(letters) > 5  # a title in capitals, not an abbreviation
    return not word[:1].isupper() and word[:1] != "@"


def estimate_rates(text: str, repairer: Repairer) -> DamageRates:
    """How often each letter came out damaged in `text`, and which way: the
    words that would be repaired even at even odds, against the words that kept
    their Norwegian letters (names, numbers and abbreviations tell nothing)."""
    neutral = DamageRates()
    intact: Counter = Counter()
    damaged: Counter = Counter()
    by_rule: Counter = Counter()
    words = 0
    for line in text.split("\n"):
        for match in _tokens(line):
            word = match.group()
            if not _is_evidence(word):
                continue
            words += 1
            lower = word.lower()
            for family, letter in (("ø", "ø"), ("å", "å"), ("æ", "æ"), ("j", "j")):
                intact[family] += letter in lower
            decision = repairer.decide(word, neutral, False)
            if decision.reading is None or decision.alternatives:
                continue
            reading = next((r for r in repairer.readings(word) if r.text == decision.reading), None)
            if reading is None:
                continue
            for family in set(reading.families):
                damaged[family] += 1
            for rule in reading.rules:
                by_rule[rule] += 1
    intact["form"] = words
    rates = DamageRates()
    # A letter the text gives no evidence on (no «æ» at all, and no word to repair
    # with one) is taken to be as damaged as the text's other Norwegian letters.
    letters = ("ø", "å", "æ")
    overall = (sum(damaged[f] for f in letters) + 0.05) / (sum(damaged[f] + intact[f] for f in letters) + 1.0)
    for family in FAMILIES:
        prior = overall if family in letters else 0.05
        value = (damaged[family] + prior) / (damaged[family] + intact[family] + 1.0)
        rates.family[family] = min(max(value, 0.005), 0.95)
    for family in FAMILIES:
        labels = [label for label, f in _FAMILY.items() if f == family]
        evidence = sum(by_rule[label] for label in labels)
        for label in labels:
            rates.rule[label] = (by_rule[label] + 2 * _PRIOR[label]) / (evidence + 2)
    return rates


def estimate_damage(text: str, repairer: Repairer) -> float:
    """The share of the document's æ, ø and å that came out damaged (the highest of the three)."""
    return estimate_rates(text, repairer).highest()


def normalise_glyphs(text: str) -> tuple[str, int]:
    """Ligatures written out and invisible characters (soft hyphens, zero-width
    spaces) taken out; Unicode composed (NFC). Returns the text and how many ligatures there were."""
    ligatures = sum(text.count(ligature) for ligature in _LIGATURES)
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    return unicodedata.normalize("NFC", text.translate(_INVISIBLE)), ligatures


class _Lines:
    """The lines of a text being repaired, each with the source line it came from."""

    def __init__(self, text: str):
        self.lines = text.split("\n")
        self.numbers = list(range(1, len(self.lines) + 1))


def _strip_edges(lines: _Lines, result: RepairResult) -> None:
    """Stray glyphs at the start and the end of lines taken out («| Tilstede:», «Eventuelt |»)."""
    for index, line in enumerate(lines.lines):
        number = lines.numbers[index]
        if line.count("|") >= 2 and (line.strip().startswith("|") or line.strip().endswith("|")):
            continue  # a table's row, not a stray bar
        for pattern in (_LEADING_THIN, _LEADING_STRAY):
            match = pattern.match(line)
            if match and _is_stray_start(match.group("glyphs"), line[match.end() :]):
                result.repairs.append(Repair(number, match.group("glyphs"), "", ("løst tegn",), (), len(match.group("indent"))))
                line = match.group("indent") + line[match.end() :]
                break
        match = _TRAILING_STRAY.search(line)
        if match:
            result.repairs.append(Repair(number, match.group("glyphs").strip(), "", ("løst tegn",), (), match.start()))
            line = line[: match.start()]
        lines.lines[index] = line


def _is_stray_start(glyphs: str, rest: str) -> bool:
    """Whether glyphs before the text of a line are stray: not the opening of a
    quotation («Det …»), an ellipsis or a Markdown marker."""
    if glyphs[0] == "«" and "»" in rest or glyphs[0] in '"“' and ('"' in rest or "”" in rest):
        return False
    if glyphs.startswith("...") or glyphs in ("'", "’") and rest[:1].islower():
        return False
    return True


def _join_hyphenated(lines: _Lines, repairer: Repairer, result: RepairResult) -> None:
    """A word hyphenated at the end of a line is joined with its rest on the next
    line («sam-» / «arbeid» → «samarbeid»), or kept with its hyphen where the
    hyphen belongs to it («e-» / «post» → «e-post»); «nærings- og» stays."""
    lexicon = repairer.lexicon
    index = 0
    while index < len(lines.lines) - 1:
        line, following = lines.lines[index], lines.lines[index + 1]
        head = _HYPHENATED.search(line.rstrip())
        tail = _CONTINUATION.match(following)
        if not head or not tail or tail.group("tail").lower() in _NOT_JOINED or line.rstrip().endswith("--"):
            index += 1
            continue
        first, rest = head.group("head"), tail.group("tail")
        hyphenated = f"{first}-{rest}"
        keep_hyphen = lexicon.direct_score(hyphenated.lower()) is not None and lexicon.score((first + rest).lower()) is None
        joined = hyphenated if keep_hyphen else first + rest
        number = lines.numbers[index]
        result.repairs.append(Repair(number, f"{first}- {rest}", joined, ("orddeling",), (), head.start()))
        lines.lines[index] = line.rstrip()[: head.start()] + joined
        remainder = tail.group("rest").lstrip()
        if remainder:
            lines.lines[index + 1] = tail.group("indent") + remainder
        else:  # the rest of the word was all of the next line
            del lines.lines[index + 1]
            del lines.numbers[index + 1]
        # the joined line may end in another hyphenated word: look at it again


def _join_split_words(lines: _Lines, repairer: Repairer, result: RepairResult) -> None:
    """A word split by a space («J ørgen», «styre møtet» stays) is joined when
    neither piece is a word of its own and the whole is."""
    lexicon = repairer.lexicon
    for index, line in enumerate(lines.lines):
        tokens = _tokens(line)
        joins = []
        for first, second in zip(tokens, tokens[1:], strict=False):
            if line[first.end() : second.start()] != " " or any(c.isdigit() for c in first.group() + second.group()):
                continue
            a, b = first.group(), second.group()
            whole = (a + b).lower()
            if b[:1].isupper() or len(whole) < 4:
                continue
            if lexicon.direct_score(whole) is None:
                # «dro fta»: the whole is a word once its letters are read («drøfta»), and a piece is a short non-word.
                pieces_unknown = [p for p in (a, b) if p.lower() not in lexicon.valid]
                readable = any(r.text in lexicon.valid and len(r.rules) == 1 and not r.stray for r in repairer.readings(whole))
                # … and no word of its own with a letter read («sma bedrifter» is «små bedrifter», not «småbedrifter»)
                short = pieces_unknown and pieces_unknown[0].isalpha() and 2 <= len(pieces_unknown[0]) <= 3 and not repairer.readings(pieces_unknown[0])
                if readable and len(pieces_unknown) == 1 and short and len(whole) >= 6:
                    joins.append((first, second))
                continue
            lone_letter = len(a) == 1 and a.lower() not in "iåoe"  # «J ørgen», «m øteleder»; «i», «å» are words
            unknown = [piece for piece in (a, b) if lexicon.direct_score(piece.lower()) is None]
            if lone_letter and unknown or len(unknown) == 2 or unknown and len(min(a, b, key=len)) <= 3:
                joins.append((first, second))  # «prise ne», «arr angerte»: a short piece and an unknown one
        for first, second in reversed(joins):
            result.repairs.append(
                Repair(lines.numbers[index], f"{first.group()} {second.group()}", first.group() + second.group(), ("delt ord",), (), first.start())
            )
            line = line[: first.end()] + line[second.start() :]
        lines.lines[index] = line


def _digits_of(token: str) -> str | None:
    """`token` with the letters recognition read for digits put back, when it is
    mostly digits already: at least as many digits as letters, and at least one digit."""
    letters = [c for c in token if c in _DIGIT_SHAPES]
    digits = sum(c.isdigit() for c in token)
    if not letters or not digits or len(letters) > digits or len(letters) > 2:
        return None
    return "".join(_DIGIT_SHAPES.get(c, c) for c in token)


def _consider(changes: list[tuple[int, int, str]], start: int, end: int, token: str) -> None:
    """Add the digits of `token` to `changes` unless it overlaps one already there."""
    if any(a < end and start < b for a, b, _ in changes):
        return
    digits = _digits_of(token)
    if digits is not None:
        changes.append((start, end, digits))


def _repair_numbers(lines: _Lines, result: RepairResult) -> None:
    """Digits recognition read as letters inside numbers: «Sak 12/Z5» → «12/25»,
    «1B.03.2O25» → «18.03.2025», «Sak l2» → «Sak 12», «2O25» → «2025». Only where
    a token is mostly digits and stands in a case number, a date, a time or a year;
    «1B» alone (a class, a room) is left as it is."""
    # The plain numbers lines start with: «Z.» between «1.» and «3.» is «2.»
    # (an initial, «S. Hansen», seldom stands between two numbers).
    numbered = {int(m.group(1)) for line in lines.lines if (m := _NUMBERED_LINE.match(line))}
    for index, line in enumerate(lines.lines):
        number = lines.numbers[index]
        changes: list[tuple[int, int, str]] = []

        for match in _NUMBER_GROUP.finditer(line):
            group = match.group()
            if not any(c.isdigit() for c in group) or all(c in _DIGIT_SHAPES or not c.isalnum() for c in group):
                continue
            parts = [(m.start(), m.end(), m.group()) for m in re.finditer(rf"[{_DIGITISH_CHARS}]+", group)]
            # Each part must be a number, or a number with a letter or two for digits («OO» in «12.OO»).
            if all(p.isdigit() or _digits_of(p) is not None or re.fullmatch("[Oo]{1,2}", p) for _, _, p in parts) and sum(c.isdigit() for c in group) >= 2:
                for start, end, part in parts:
                    if not part.isdigit():
                        changes.append((match.start() + start, match.start() + end, part.translate(_TO_DIGITS)))
        start_number = _LINE_NUMBER.match(line)
        if start_number:
            _consider(changes, start_number.start("number"), start_number.end("number"), start_number.group("number"))
        heading = _HEADING_NUMBER.match(line)
        digit = heading and int(heading.group("number").translate(_TO_DIGITS))
        if heading and (heading.group("heading") or (digit - 1 in numbered or digit == 1) and digit + 1 in numbered):
            changes.append((heading.start("number"), heading.end("number"), heading.group("number").translate(_TO_DIGITS)))
        for pattern in (_LABELLED_NUMBER, _YEAR, _DAY_NUMBER, _THOUSANDS):
            for match in pattern.finditer(line):
                token = match.group()
                if token.isdigit() or pattern is _YEAR and not re.fullmatch(r"(?:19|20)\d\d", token.translate(str.maketrans(_DIGIT_SHAPES))):
                    continue
                _consider(changes, match.start(), match.end(), token)
        for start, end, digits in sorted(changes, reverse=True):
            result.repairs.append(Repair(number, line[start:end], digits, ("siffer",), (), start))
            line = line[:start] + digits + line[end:]
        lines.lines[index] = line


def repair_text(text: str, lexicon: Lexicon) -> RepairResult:
    """Repair `text`: glyphs and layout first (ligatures, stray glyphs at the
    edges of lines, hyphenated and split words), then every word's letters,
    weighed for the text's written standard. Keeps every other character."""
    standard = lexicon.standard_of(text)
    if standard:
        lexicon = lexicon.for_standard(standard)
    text, ligatures = normalise_glyphs(text)
    # Names the text itself writes with æ, ø or å somewhere are the readings of
    # the same names where recognition lost the letter («Tveita» beside «Tveitå»).
    own_names = {w for w in WORD_RE.findall(text) if w[:1].isupper() and w[1:].islower() and any(c in "æøåÆØÅ" for c in w) and len(w) > 2}
    if own_names:
        lexicon = lexicon.with_names(own_names)
    repairer = Repairer(lexicon)
    result = RepairResult("", standard=standard)
    if ligatures:
        result.repairs.append(Repair(0, f"{ligatures} ligaturer", "bokstaver", ("ligatur",)))
    lines = _Lines(text)
    _strip_edges(lines, result)
    _join_hyphenated(lines, repairer, result)
    _join_split_words(lines, repairer, result)
    _repair_numbers(lines, result)
    rates = estimate_rates("\n".join(lines.lines), repairer)
    result.rates = dict(rates.family)
    result.damage_rate = rates.highest()
    _learn_document(lines, repairer, rates)
    out: list[str] = []
    offset = 0
    for index, line in enumerate(lines.lines):
        number = lines.numbers[index]
        tokens = _tokens(line)
        pieces: list[str] = []
        last = 0
        for position, match in enumerate(tokens):
            word = match.group()
            pieces.append(line[last : match.start()])
            last = match.end()
            start = offset + sum(len(p) for p in pieces)
            decision = _decide_token(repairer, line, tokens, position, rates)
            if decision.reading is not None:
                new = _recase(word, decision.reading)
                if word[0] in "06" and new[:1].isupper() and _lower_after_digit(repairer.lexicon, line, match, decision.reading):
                    new = decision.reading  # «Rådet 0nsker»: a digit says nothing of the case; mid-sentence, a word is in small letters
                alternatives = tuple(_recase(word, a) for a in decision.alternatives)
                result.repairs.append(Repair(number, word, new, decision.rules, alternatives, match.start()))
                if alternatives:
                    result.marks.append((start, start + len(new)))
                pieces.append(new)
                continue
            if decision.flag is not None:
                result.flags.append(Flag(number, word, tuple(_recase(word, s) for s in decision.flag), match.start()))
                result.marks.append((start, start + len(word)))
            pieces.append(word)
        pieces.append(line[last:])
        line = "".join(pieces)
        if rates.family["å"] >= FLAG_RATE:
            for three in _THREE_FOR_AA.finditer(line):
                if any(f.line == number and f.column == three.start(1) for f in result.flags):
                    continue
                result.flags.append(Flag(number, three.group(1), ("å",), three.start(1)))
                result.marks.append((offset + three.start(1), offset + three.end(1)))
        out.append(line)
        offset += len(line) + 1
    result.text = "\n".join(out)
    result.line_numbers = lines.numbers
    return result


def _learn_document(lines: _Lines, repairer: Repairer, rates: DamageRates) -> None:
    """The words the document has for sure: written with æ, ø or å, or repaired without doubt."""
    for line in lines.lines:
        tokens = _tokens(line)
        for position, match in enumerate(tokens):
            word = match.group()
            if not _is_evidence(word):
                continue
            if any(c in "æøå" for c in word.lower()):
                repairer.learn_document(word)
                continue
            decision = _decide_token(repairer, line, tokens, position, rates)
            if decision.reading is not None and not decision.alternatives:
                repairer.learn_document(decision.reading)


def _decide_token(repairer: Repairer, line: str, tokens: list[re.Match], index: int, rates: DamageRates) -> _Decision:
    match = tokens[index]
    word = match.group()
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2 and word in ("a", "4", "à", "ä"):
        # A lone «a» is «å» when it stands as a word among words: «Viktig a lære»,
        # «regner med a» at the end of a line; not «a)», «Plan A» or «a-c».
        before, after = line[: match.start()], line[match.end() :]
        among_words = (
            re.search(r"[^\W\d_]\s$", before)
            and (re.match(r"\s[^\W\d_]", after) or not after.strip())
            or not before.strip()
            and re.match(r"\s[^\W\d_]{2,}", after)
        )
        if among_words and rates.family["å"] >= FLAG_RATE:
            if word == "a" and rates.family["å"] >= 0.3:
                return _Decision("å", ("a→å",), ())
            return _Decision(None, flag=("å",))
        return _Decision(None)
    glyph_word = re.fullmatch(r"[a-zæøå][&@]|[&@][a-zæøå]", word)  # «p&», «m&»: a letter and what recognition put for å or ø
    if (len(letters) < 2 or len(letters) < len(word) - 2) and not glyph_word:
        return _Decision(None)  # a number, or a code with a letter or two
    if all(c.isupper() for c in letters) and "@" not in word and "&" not in word:
        lower = word.lower()
        short = len(letters) <= 3 and not (len(letters) >= 2 and _is_caps_title(line))
        if short or len(letters) <= 5 and repairer.lexicon.score(lower) is None:
            return _Decision(None)  # an abbreviation as written: IDI, ITV, IPR, KS, NHO (not «PA» in «NÆRINGSAREALER PA …»)
    after_name = (
        index > 0
        and _looks_like_name(tokens[index - 1].group())
        and word[:1].isupper()
        and word[1:2].islower()
        and line[tokens[index - 1].end() : match.start()] == " "
    )
    sentence_start = index == 0 and not line[: match.start()].strip(" -•*#|>") or bool(re.search(r"[.!?]\s+$", line[: match.start()]))
    return repairer.decide(word, rates, _is_name_position(tokens, index, line), after_name, sentence_start)


def _lower_after_digit(lexicon: Lexicon, line: str, match: re.Match, reading: str) -> bool:
    """Whether a word that began with a digit for «Ø» («0nsker») is a common word inside a sentence."""
    before, after = line[: match.start()], line[match.end() :]
    sentence_start = not before.strip(" -•*#|>") or bool(re.search(r"[.!?:]\s+$", before))
    neighbours = [m.group(1) for m in (re.search(r"(?:^|\s)([A-ZÆØÅ][^\W\d_]*)\s$", before), re.match(r"\s([A-ZÆØÅ][a-zæøå]+)", after)) if m]
    beside_a_name = any(lexicon.may_be_name(w) or not lexicon.is_common_word(w) for w in neighbours)  # «Kari 0degarden», not «Rådet 0nsker»
    return not sentence_start and not beside_a_name and lexicon.is_common_word(reading) and not lexicon.may_be_name(reading)


def _is_caps_title(line: str) -> bool:
    """A line in capitals of a few words, one of them long: a title («NYE NÆRINGSAREALER PA RUSTAD»), where a short
    word in capitals is a word, not an abbreviation."""
    words = [w for w in WORD_RE.findall(line) if any(c.isalpha() for c in w)]
    return len(words) >= 3 and all(w.isupper() for w in words) and any(len(w) >= 6 for w in words)


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


def measure_repair(clean: str, damaged: str, damages: list[Damage] | None, result: RepairResult) -> RepairCounts:
    """Compare the repaired text with the clean one, word by word (aligned, so that
    joined and split words are compared whole): a damaged word is repaired,
    flagged (listed for review) or missed; an undamaged word changed is a false repair."""
    counts = RepairCounts()
    clean_words = [(m.group(), m.start()) for m in WORD_RE.finditer(clean)]
    damaged_ok = aligned_equal([w for w, _ in clean_words], [m.group() for m in WORD_RE.finditer(damaged)])
    repaired_matches = list(WORD_RE.finditer(result.text))
    repaired_ok, partner = aligned_equal([w for w, _ in clean_words], [m.group() for m in repaired_matches], with_partner=True)
    marked = _marked_words(repaired_matches, result.marks)
    for index, (word, _) in enumerate(clean_words):
        final = repaired_matches[partner[index]].group() if partner[index] is not None else ""
        if not damaged_ok[index]:
            counts.damaged += 1
            if repaired_ok[index]:
                counts.repaired += 1
            elif partner[index] is not None and partner[index] in marked:
                counts.flagged += 1
            else:
                counts.missed += 1
                counts.missed_words.append((word, _damaged_form(index, clean_words, damaged), final))
        elif not repaired_ok[index]:
            counts.false_repairs += 1
            counts.false_words.append((word, final))
    return counts


def aligned_equal(clean: list[str], other: list[str], with_partner: bool = False):
    """For each clean word, whether the other text has it unchanged at its place
    (and, with `with_partner`, the index of the word of `other` at its place)."""
    equal = [False] * len(clean)
    partner: list[int | None] = [None] * len(clean)
    matcher = difflib.SequenceMatcher(None, clean, other, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for offset in range(i2 - i1):
            equal[i1 + offset] = tag == "equal"
            partner[i1 + offset] = min(j1 + offset, j2 - 1) if j2 > j1 else None
    return (equal, partner) if with_partner else equal


def _marked_words(matches: list[re.Match], marks: list[tuple[int, int]]) -> set[int]:
    spans = sorted(marks)
    return {index for index, match in enumerate(matches) if any(a < match.end() and match.start() < b for a, b in spans)}


def _damaged_form(index: int, clean_words: list[tuple[str, int]], damaged: str) -> str:
    words = [m.group() for m in WORD_RE.finditer(damaged)]
    _, partner = aligned_equal([w for w, _ in clean_words], words, with_partner=True)
    return words[partner[index]] if partner[index] is not None else ""
