"""The Norwegian lexicon the importer repairs text against: Bokmål and Nynorsk.

Two maintained sources, both installed by the ordinary package managers:

- the hunspell dictionaries `nb_NO` and `nn_NO` (Debian's `hunspell-no`, from
  LibreOffice's dictionaries): which spellings are real words in each written
  standard. Their stems and affix rules are expanded into every word form once,
  and the expanded lists (with the frequencies below) are cached on disk,
  because expanding takes seconds and reading the cache a fraction of one;
- `wordfreq`'s Norwegian list: how common a word is (Zipf scale, 0-8), so that a
  repair can prefer `på` (7.2) to `pa` (4.3, a misspelling common on the web).
  It is mostly Bokmål; a Nynorsk word it lacks gets a floor in a Nynorsk text.

A word correct in either standard is a word: `vart`, `gjere` and `skjere` are
as right as `ble`, `gjøre` and `skjære`. `standard_of` tells which standard a
text is written in, and `for_standard` weighs the lexicon for it.

On top come the archive's own names (people, organisations, groups, events).
Compound words (`høringsinnspill`, `næringsutviklingsprosjekter`) are known
when they split into known parts, with a linking `s` or `e` between them; see
`compound_parts`.

Everything is lower case; a `Lexicon` is built once per process (`load_lexicon`).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import marshal
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

# Where Debian (and most Linux distributions) install hunspell dictionaries.
DICTIONARY_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell"), Path("/usr/share/myspell/dicts"))
DICTIONARY_NAMES = ("nb_NO", "nn_NO")
# Bumped when the expansion below changes, so that an old cache is not read.
CACHE_FORMAT = "6"

# Scores are on wordfreq's Zipf scale: log10 of occurrences per billion words.
SCORE_UNSEEN_WORD = 1.5  # a hunspell word that wordfreq has not seen
UNCHECKED_PENALTY = 1.0  # a wordfreq word that hunspell does not know (often a misspelling)
SCORE_ARCHIVE_NAME = 3.5  # a name the archive itself uses
SCORE_OWN_STANDARD = 2.5  # the least a word of the text's own standard scores (Nynorsk words wordfreq lacks)
OTHER_STANDARD_PENALTY = 1.0  # a word only the other standard has is rarer in this text …
# … and a Bokmål-only word in a Nynorsk text rarer still: wordfreq's frequencies are
# Bokmål's, so «fra» scores as Bokmål's commonest preposition, not as Nynorsk's rarity.
BOKMAL_IN_NYNORSK_PENALTY = 2.5
COMPOUND_JOIN = 5.0  # per join: parts used together, as if independent (Zipf of the parts added, less this)
COMPOUND_MAX_SCORE = 4.5
UNATTESTED = 0.5
PART_FROM_FREQUENCY = 2.0  # Zipf: about once in ten million words
MIN_PART = 4  # the shortest part of a compound (hunspell nb_NO's own COMPOUNDMIN)
MAX_PARTS = 3
LINKS = ("", "s", "e")

WORD_RE = re.compile(r"[^\W\d_]+")


class LexiconError(Exception):
    """The lexicon cannot be loaded; the message is Norwegian and says what to install."""


# -- hunspell -------------------------------------------------------------------


@dataclass(frozen=True)
class _Affix:
    strip: str
    add: str
    condition: re.Pattern[str]
    cross: bool


def _read_affixes(path: Path) -> tuple[dict[str, list[_Affix]], dict[str, list[_Affix]], str]:
    """Prefix and suffix rules by flag, and the file's character set."""
    encoding = "latin-1"
    prefixes: dict[str, list[_Affix]] = {}
    suffixes: dict[str, list[_Affix]] = {}
    cross: dict[str, bool] = {}
    raw = path.read_bytes()
    match = re.search(rb"^SET\s+(\S+)", raw, re.MULTILINE)
    if match:
        encoding = {"ISO8859-1": "latin-1", "ISO8859-15": "iso8859-15", "UTF-8": "utf-8"}.get(match.group(1).decode(), "latin-1")
    for line in raw.decode(encoding).splitlines():
        parts = line.split()
        if len(parts) < 4 or parts[0] not in ("PFX", "SFX"):
            continue
        kind, flag = parts[0], parts[1]
        if len(parts) == 4 and parts[2] in ("Y", "N") and parts[3].isdigit():
            cross[flag] = parts[2] == "Y"
            continue
        strip = "" if parts[2] == "0" else parts[2]
        add = "" if parts[3] == "0" else parts[3].split("/")[0]
        condition = parts[4] if len(parts) > 4 else "."
        pattern = re.compile("^" + condition if kind == "PFX" else condition + "$")
        (prefixes if kind == "PFX" else suffixes).setdefault(flag, []).append(_Affix(strip, add, pattern, cross.get(flag, False)))
    return prefixes, suffixes, encoding


def expand_hunspell(dic: Path, aff: Path) -> set[str]:
    """Every word form of a hunspell dictionary (stems with their affixes), as written."""
    prefixes, suffixes, encoding = _read_affixes(aff)
    forms: set[str] = set()
    with dic.open(encoding=encoding, errors="replace") as handle:
        next(handle, None)  # the first line is the number of entries
        for line in handle:
            stem, _, flags = line.rstrip("\n").partition("/")
            if not stem or stem.startswith(("#", "\t")):
                continue
            forms.add(stem)
            bases = [stem]
            for flag in flags:
                for affix in suffixes.get(flag, ()):
                    if stem.endswith(affix.strip) and affix.condition.search(stem):
                        form = stem[: len(stem) - len(affix.strip)] + affix.add
                        forms.add(form)
                        if affix.cross:
                            bases.append(form)
            for flag in flags:
                for affix in prefixes.get(flag, ()):
                    for base in bases:
                        if base.startswith(affix.strip) and affix.condition.search(base):
                            forms.add(affix.add + base[len(affix.strip) :])
    return {form for form in forms if form}


def find_dictionary(name: str = "nb_NO") -> tuple[Path, Path]:
    """<name>.dic and .aff: in NB_HUNSPELL_DIR when set, else where Debian installs them."""
    override = os.environ.get("NB_HUNSPELL_DIR")
    for directory in (Path(override),) if override else DICTIONARY_DIRS:
        dic, aff = directory / f"{name}.dic", directory / f"{name}.aff"
        if dic.is_file() and aff.is_file():
            return dic, aff
    where = f" i {override}" if override else ""
    standard = "bokmål" if name == "nb_NO" else "nynorsk"
    raise LexiconError(
        f"fant ikke den norske ordlisten for hunspell ({name}.dic, {standard}){where}. Installer den med «apt-get install hunspell-no» (Debian/Ubuntu) og prøv igjen."
    )


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "naeringsgruppen-moter"


def _cache_lines(forms: set[str]) -> list[str]:
    """Lower-case forms, sorted; a name (only ever capitalised) is marked «*», a
    word that is also a name («bjørn», «hans») «+»."""
    lower = {form.lower() for form in forms if not form[:1].isupper()}
    capitalised = {form.lower() for form in forms if form[:1].isupper()}
    lines = {*(lower - capitalised), *(f"{w}*" for w in capitalised - lower), *(f"{w}+" for w in capitalised & lower)}
    return sorted(lines, key=lambda line: line.rstrip("*+"))


def _build_cache(files: list[tuple[Path, Path]]) -> dict:
    """Everything `load_lexicon` needs, in lists that load fast: the union of the
    standards (sorted), the words only one standard has, the names, the frequencies."""
    import math

    from wordfreq import get_frequency_dict

    star, plus, common, words = set(), set(), set(), []
    for dic, aff in files:
        lines = _cache_lines(expand_hunspell(dic, aff))
        for line in lines:
            (star if line.endswith("*") else plus if line.endswith("+") else common).add(line.rstrip("*+"))
        words.append({line.rstrip("*+") for line in lines})
    nb, nn = words
    frequencies = {word: math.log10(freq) + 9 for word, freq in get_frequency_dict("nb", wordlist="large").items() if freq > 0}
    return {
        "union": sorted(nb | nn),
        "nb_only": sorted(nb - nn),
        "nn_only": sorted(nn - nb),
        "proper": sorted(star - common - plus),  # only ever a name, in both standards
        "also_names": sorted(plus | (star & common)),
        "frequencies": frequencies,
        "extra": sorted(set(frequencies) - nb - nn),
    }


def cached_sources() -> dict:
    """The expanded dictionaries and the frequencies, from the cache when it is there."""
    files = [find_dictionary(name) for name in DICTIONARY_NAMES]
    import wordfreq

    stamp = "|".join(f"{p.resolve()}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for pair in files for p in pair)
    stamp += f"|{getattr(wordfreq, '__version__', '')}|{CACHE_FORMAT}"
    cache = _cache_dir() / f"lexicon-{hashlib.sha1(stamp.encode()).hexdigest()[:16]}.marshal"
    try:
        return marshal.loads(cache.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = _build_cache(files)
    try:  # a cache that cannot be written only costs time
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=cache.parent, delete=False, suffix=".tmp") as handle:
            handle.write(marshal.dumps(data))
        os.replace(handle.name, cache)
    except OSError:
        pass
    return data


# -- the lexicon ----------------------------------------------------------------


@dataclass
class Lexicon:
    """Known words and how common they are.

    `dictionary` is sorted (for prefix look-ups by bisection); `frequencies`
    maps words to Zipf scores; `names` are the archive's own words;
    `nb_only` and `nn_only` the words only one written standard has, and
    `standard` («nb», «nn» or None) the standard of the text being read.
    """

    dictionary: list[str] = field(default_factory=list)
    frequencies: dict[str, float] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)
    first_names: set[str] = field(default_factory=set)
    proper: set[str] = field(default_factory=set)  # dictionary words only ever written with a capital
    also_names: set[str] = field(default_factory=set)  # dictionary words that are names too («bjørn», «hans»)
    nb_only: list[str] = field(default_factory=list)  # sorted
    nn_only: list[str] = field(default_factory=list)  # sorted
    standard: str | None = None
    extra: list[str] | None = None  # sorted: the words only wordfreq knows, when known beforehand

    def __post_init__(self) -> None:
        self.valid = set(self.dictionary)
        # Words only wordfreq or the archive knows, for prefix look-ups.
        self._extra = sorted((set(self.frequencies) | self.names) - self.valid) if self.extra is None else self.extra
        self._compounds: dict[str, tuple[str, ...] | None] = {}

    def _copy(self) -> Lexicon:
        copy = Lexicon.__new__(Lexicon)
        copy.__dict__.update(self.__dict__)
        copy._compounds = {}
        return copy

    def with_names(self, texts: Iterable[str], first_names: Iterable[str] = ()) -> Lexicon:
        """A copy that also knows the capitalised words of `texts` (names from the archive)."""
        words = {w.lower() for text in texts for w in WORD_RE.findall(text) if w[:1].isupper()}  # names, not «og», «for»
        copy = self._copy()
        copy.names = self.names | words
        copy.first_names = self.first_names | {f.lower() for f in first_names}
        copy._extra = sorted(set(self._extra) | (words - self.valid))
        return copy

    def for_standard(self, standard: str | None) -> Lexicon:
        """A copy weighed for a text in `standard` («nb» or «nn»)."""
        copy = self._copy()
        copy.standard = standard
        return copy

    def standard_of(self, text: str) -> str | None:
        """«nn» when the text's words are more often Nynorsk-only than Bokmål-only,
        «nb» when the other way round, None when it cannot tell (too few such words,
        or as many of each). A word that may have lost its æ, ø or å counts for neither."""
        nynorsk = bokmal = 0
        for word in WORD_RE.findall(text.lower()):
            in_nn, in_nb = _in_sorted(self.nn_only, word), _in_sorted(self.nb_only, word)
            if (in_nn or in_nb) and self._may_be_lost_letter(word):
                continue  # «radet» is Bokmål only, but as often «rådet» with its «å» lost: no evidence
            nynorsk += in_nn
            bokmal += in_nb
        if nynorsk + bokmal < 3 and not (max(nynorsk, bokmal) >= 2 and min(nynorsk, bokmal) == 0) or nynorsk == bokmal:
            return None  # too few such words, or as many of each
        return "nn" if nynorsk > bokmal else "nb"

    def _may_be_lost_letter(self, word: str) -> bool:
        """Whether `word` is a word of the dictionaries with one æ, ø or å read as a, o or e."""
        for plain, letter in (("a", "å"), ("o", "ø"), ("e", "æ"), ("a", "æ")):
            start = word.find(plain)
            while start != -1:
                if word[:start] + letter + word[start + 1 :] in self.valid:
                    return True
                start = word.find(plain, start + 1)
        return False

    def in_other_standard_only(self, word: str) -> bool:
        """A word the text's standard lacks and the other one has («ikkje» in Bokmål)."""
        if self.standard == "nb":
            return _in_sorted(self.nn_only, word)
        if self.standard == "nn":
            return _in_sorted(self.nb_only, word)
        return False

    def has_prefix(self, prefix: str) -> bool:
        """Whether some known word starts with `prefix`."""
        for words in (self.dictionary, self._extra):
            index = bisect.bisect_left(words, prefix)
            if index < len(words) and words[index].startswith(prefix):
                return True
        return False

    def is_part(self, word: str) -> bool:
        """Whether `word` can be a part of a compound: a dictionary word or an archive name."""
        if len(word) < MIN_PART:
            return False
        # A common word the dictionary lacks («beboer») is a part too; a rare one
        # that only wordfreq has is as often a misspelling, and is not.
        return word in self.valid or word in self.names or (len(word) > MIN_PART and self.frequencies.get(word, 0.0) >= PART_FROM_FREQUENCY)

    def direct_score(self, word: str) -> float | None:
        """How common `word` is as a word of its own, or None when it is not known."""
        word = word.lower()
        score = self.frequencies.get(word)
        if word in self.names:
            return max(score or 0.0, SCORE_ARCHIVE_NAME)
        if word in self.valid:
            value = score if score is not None else SCORE_UNSEEN_WORD
            if self.in_other_standard_only(word):
                return value - (BOKMAL_IN_NYNORSK_PENALTY if self.standard == "nn" else OTHER_STANDARD_PENALTY)
            if self.standard == "nn":  # wordfreq is mostly Bokmål: a Nynorsk word is not rare for that
                return max(value, SCORE_OWN_STANDARD)
            return value
        if score is not None:
            return score - UNCHECKED_PENALTY
        return None

    def compound_parts(self, word: str) -> tuple[str, ...] | None:
        """The best split of `word` into known parts (with linking letters kept on
        the part before them: høringsinnspill → hørings, innspill), or None."""
        word = word.lower()
        if word not in self._compounds:
            self._compounds[word] = self._split(word, MAX_PARTS)
        return self._compounds[word]

    def _split(self, word: str, parts_left: int) -> tuple[str, ...] | None:
        if parts_left < 2 or len(word) < 2 * MIN_PART:
            return None
        best: tuple[float, tuple[str, ...]] | None = None
        for end in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head = word[:end]
            if not self.is_part(head):
                continue
            for link in LINKS:
                rest = word[end + len(link) :]
                if link and not word.startswith(link, end):
                    continue
                if self.is_part(rest):
                    split: tuple[str, ...] | None = (head + link, rest)
                else:
                    tail = self._split(rest, parts_left - 1)
                    split = (head + link, *tail) if tail else None
                if split:
                    score = self.score_of_parts(split)
                    if best is None or score > best[0]:
                        best = (score, split)
        return best[1] if best else None

    def score_of_parts(self, parts: tuple[str, ...]) -> float:
        scores = []
        for index, part in enumerate(parts):
            value = self.direct_score(part)
            if value is None and index < len(parts) - 1 and part[-1:] in LINKS:
                value = self.direct_score(part[:-1])  # «hørings»: «høring» and a linking s
            scores.append(SCORE_UNSEEN_WORD if value is None else value)
        # Each part counts in full, so that «styremøte» beats «styremote» by what «møte» beats «mote».
        joined = sum(scores) - COMPOUND_JOIN * (len(parts) - 1) - 0.5 * (len(parts) - 2)  # three parts are rarer still
        return min(joined, min(scores), COMPOUND_MAX_SCORE)

    def score(self, word: str) -> float | None:
        """How common `word` is, as a word or as a compound; None when unknown.
        A dictionary word wordfreq has not seen («møtedato») scores at least as
        its parts do, so that it is not rarer than a misreading of them («motedato»)."""
        word = word.lower()
        direct = self.direct_score(word)
        if direct is not None and word in self.names:
            return direct
        parts = self.compound_parts(word)  # also for words only wordfreq knows (often misspelt)
        compound = self.score_of_parts(parts) if parts else None
        if compound is not None and (direct is None or word in self.valid):
            # A compound no list has seen («styremote») is rarer than its parts say; and a
            # dictionary compound wordfreq has seen seldom («møteleder») is no rarer than that,
            # so that it is not rarer than an unattested misreading of it («moteleder»).
            compound -= UNATTESTED
        return max((s for s in (direct, compound) if s is not None), default=None)

    def is_known(self, word: str) -> bool:
        return self.score(word) is not None

    def may_be_name(self, word: str) -> bool:
        """Whether the dictionary or the archive has `word` as a name."""
        word = word.lower()
        return word in self.proper or word in self.also_names or word in self.names or word in self.first_names

    def is_common_word(self, word: str) -> bool:
        """A dictionary word written in lower case («saksliste»), not a name."""
        word = word.lower()
        return word in self.valid and word not in self.proper and word not in self.names


def _in_sorted(words: list[str], word: str) -> bool:
    index = bisect.bisect_left(words, word)
    return index < len(words) and words[index] == word


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The Bokmål and Nynorsk lexicon without the archive's names, built once per process."""
    try:
        data = cached_sources()
    except ImportError as error:  # pragma: no cover - wordfreq is in requirements.txt
        raise LexiconError("Python-pakken wordfreq mangler. Kjør «make install».") from error
    return Lexicon(
        data["union"],
        data["frequencies"],
        proper=set(data["proper"]),
        also_names=set(data["also_names"]),
        nb_only=data["nb_only"],
        nn_only=data["nn_only"],
        extra=data["extra"],
    )
