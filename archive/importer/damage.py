"""Damaging clean minutes the ways text recognition damages printed Norwegian
pages, for measuring the importer on text it was not built around.

This is not the model the repair assumes (archive/importer/ocr_repair.py,
`damage_text`, the seed's own damage). It was written from what engines do to
Norwegian pages: an engine without Norwegian data reads `ø` as `o`, `0` or
`6` and `å` as `a` or `ä`; a degraded scan read with Norwegian data loses a
letter here and there, in many ways at once; layout adds hyphenation, ligatures,
stray glyphs at the edges of lines and words split by a space. Each document
gets one profile (an engine and a scanner are consistent within a page), drawn
from the seed:

- `uten-norsk`: an engine without Norwegian data, nearly every æ, ø and å lost;
- `slitt-skann`: a worn scan read with Norwegian data, a few letters lost in
  many ways, and confusions of shapes (`rn` for `m`, `cl` for `d`);
- `blandet`: half of the letters lost, in mixed ways.

In every profile a few digits come out as letters of a like shape (`Z5` for
25, `1B` for 18, `O` for 0), drawn from a random stream of their own.

`damage_page` returns the damaged text and, per kind of damage, how many words
it hit; `scripts/import_quality.py` measures by aligning the words, so its
figures do not depend on this bookkeeping.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass

# Per profile: the share of æ/ø/å damaged, and for each letter the forms it takes.
PROFILES: dict[str, dict] = {
    "uten-norsk": {
        "rate": 0.9,
        "ø": (("o", 0.78), ("0", 0.06), ("6", 0.04), ("e", 0.06), ("ö", 0.06)),
        "å": (("a", 0.85), ("ä", 0.06), ("à", 0.04), ("&", 0.05)),
        "æ": (("ae", 0.45), ("e", 0.25), ("a", 0.2), ("ä", 0.1)),
        "Ø": (("O", 0.8), ("0", 0.2)),
        "Å": (("A", 0.9), ("Ä", 0.1)),
        "Æ": (("AE", 0.5), ("E", 0.3), ("A", 0.2)),
        "shapes": 0.003,
        "digits": 0.03,
    },
    "slitt-skann": {
        "rate": 0.2,
        "ø": (("o", 0.35), ("g", 0.15), ("@", 0.1), ("0", 0.15), ("b", 0.05), ("6", 0.1), ("oe", 0.1)),
        "å": (("a", 0.55), ("&", 0.2), ("ä", 0.1), ("aa", 0.15)),
        "æ": (("ae", 0.3), ("a", 0.2), ("z", 0.15), ("&", 0.1), ("ce", 0.1), ("e", 0.15)),
        "Ø": (("O", 0.5), ("@", 0.3), ("0", 0.2)),
        "Å": (("A", 0.8), ("&", 0.2)),
        "Æ": (("AE", 0.6), ("E", 0.4)),
        "shapes": 0.02,
        "digits": 0.08,
    },
    "blandet": {
        "rate": 0.5,
        "ø": (("o", 0.6), ("g", 0.2), ("@", 0.1), ("0", 0.1)),
        "å": (("a", 0.7), ("&", 0.3)),
        "æ": (("ae", 0.5), ("a", 0.2), ("e", 0.2), ("z", 0.1)),
        "Ø": (("O", 0.6), ("@", 0.4)),
        "Å": (("A", 1.0),),
        "Æ": (("AE", 1.0),),
        "shapes": 0.01,
        "digits": 0.05,
    },
}
# Confusions of shapes that any engine makes (what was printed → what it read).
SHAPES = (("m", "rn"), ("d", "cl"), ("e", "c"), ("y", "v"), ("l", "1"), ("o", "0"), ("h", "li"), ("n", "u"), ("rn", "m"))
# Digits read as letters of a like shape («Z5» for 25, «1B» for 18, «O» for 0).
DIGIT_SHAPES = {
    "0": (("O", 0.6), ("o", 0.2), ("D", 0.2)),
    "1": (("l", 0.5), ("I", 0.4), ("|", 0.1)),
    "2": (("Z", 1.0),),
    "5": (("S", 1.0),),
    "6": (("G", 0.6), ("b", 0.4)),
    "8": (("B", 1.0),),
    "9": (("g", 1.0),),
}
LIGATURES = (("fi", "ﬁ"), ("fl", "ﬂ"), ("ff", "ﬀ"))
LEADING_GLYPHS = ("| ", "|", "' ", "~ ", ". ", ", ", "‘", "¦ ", "_ ")
TRAILING_GLYPHS = (" |", " _", " ~", " '", " ¦")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class Damaged:
    text: str
    profile: str
    kinds: Counter  # kind of damage → words (or lines) it hit


def damage_page(text: str, seed: int, profile: str | None = None, width: int | None = None) -> Damaged:
    """`text` as a recognition engine might have read it from a printed page.

    The same seed gives the same damage. `width`: the line length of the printed
    page (long lines are wrapped there and long words hyphenated); drawn from
    the seed when not given."""
    rng = random.Random(seed)
    profile = profile or rng.choice(sorted(PROFILES))
    settings = PROFILES[profile]
    kinds: Counter = Counter()
    width = width or rng.choice((62, 70, 78))
    ligature_rate = rng.choice((0.0, 0.0, 0.5))
    lines = []
    for line in _wrap(text.split("\n"), width, rng, kinds):
        words = []
        last = 0
        for match in _WORD.finditer(line):
            words.append(line[last : match.start()])
            words.append(_damage_word(match.group(), settings, rng, kinds, ligature_rate))
            last = match.end()
        words.append(line[last:])
        line = "".join(words)
        if line.strip() and rng.random() < 0.04:
            line = rng.choice(LEADING_GLYPHS) + line
            kinds["løst tegn først på linjen"] += 1
        if line.strip() and rng.random() < 0.03:
            line += rng.choice(TRAILING_GLYPHS)
            kinds["løst tegn sist på linjen"] += 1
        lines.append(line)
    text = _damage_digits("\n".join(lines), settings["digits"], random.Random(seed + 1), kinds)
    return Damaged(text, profile, kinds)


def _damage_digits(text: str, rate: float, rng: random.Random, kinds: Counter) -> str:
    """Digits read as letters of a like shape, in numbers, case numbers, dates and
    times (a random stream of its own, so the letters' damage stays as it was)."""

    def number(match: re.Match) -> str:
        digits = [_pick(DIGIT_SHAPES[c], rng) if c in DIGIT_SHAPES and rng.random() < rate else c for c in match.group()]
        new = "".join(digits)
        if new != match.group():
            kinds["siffer i tall"] += 1
        return new

    return re.sub(r"\d+", number, text)


def _wrap(lines: list[str], width: int, rng: random.Random, kinds: Counter) -> list[str]:
    """Long lines broken at `width`, some long words hyphenated across the break."""
    out: list[str] = []
    for line in lines:
        if len(line) <= width or line.lstrip().startswith("|"):
            out.append(line)
            continue
        current = ""
        for word in line.split(" "):
            candidate = f"{current} {word}" if current else word
            if len(candidate) <= width:
                current = candidate
                continue
            letters = re.match(r"^[^\W\d_]+", word)
            room = width - len(current) - 2
            if letters and len(letters.group()) >= 8 and room >= 3 and rng.random() < 0.6:
                cut = rng.randint(3, min(room, len(letters.group()) - 3))
                out.append(f"{current} {word[:cut]}-")
                kinds["orddeling"] += 1
                current = word[cut:]
            else:
                out.append(current)
                current = word
        out.append(current)
    return out


def _damage_word(word: str, settings: dict, rng: random.Random, kinds: Counter, ligature_rate: float) -> str:
    out = []
    hit: set[str] = set()
    for char in word:
        forms = settings.get(char)
        if forms and rng.random() < settings["rate"]:
            replacement = _pick(forms, rng)
            out.append(replacement)
            hit.add(f"{char}→{replacement}")
        else:
            out.append(char)
    new = "".join(out)
    if len(word) >= 4 and rng.random() < settings["shapes"]:
        for printed, read in rng.sample(SHAPES, len(SHAPES)):
            if printed in new:
                position = new.index(printed)
                new = new[:position] + read + new[position + len(printed) :]
                hit.add("forveksling av former")
                break
    if ligature_rate:
        for letters, ligature in LIGATURES:
            if letters in new and rng.random() < ligature_rate:
                new = new.replace(letters, ligature, 1)
                hit.add("ligatur")
    if len(new) >= 6 and new.isalpha() and rng.random() < 0.006:
        position = rng.randint(1, len(new) - 2)
        new = new[:position] + " " + new[position:]
        hit.add("delt ord")
    for kind in hit:
        kinds[kind] += 1
    return new


def _pick(forms: tuple[tuple[str, float], ...], rng: random.Random) -> str:
    pick = rng.random()
    for form, share in forms:
        pick -= share
        if pick <= 0:
            return form
    return forms[-1][0]
