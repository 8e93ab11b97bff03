"""Which written Norwegian the minutes are in: Bokmål or Nynorsk.

The site marks minutes in Nynorsk with lang="nn", so that screen readers
pronounce them as Nynorsk and the browser hyphenates them by Nynorsk's rules.
A secretary may say so in the front matter («målform: nynorsk»); when the
file does not, the text decides. Each form has small words the other never
uses («ikkje», «frå», «kva» against «ikke», «fra», «hva»); minutes are long
enough that these words settle it, and a few names or quotes do not.
"""

from __future__ import annotations

import re

# Common words of one form that the other does not use. Not «eg» or «dei»
# alone: abbreviations and names may look like them.
NYNORSK_WORDS = frozenset(
    "ikkje frå kva korleis kvifor kven vart vore eit ein eitt berre noko nokon nokre mykje heile saman òg "
    "høyrer kome kjem gjekk fekk sjølv sjølve dykk dykkar kvar kvarandre ho difor utval utvalet då sidan "
    "gjere gjer godkjend godkjende kommunane fylkeskommunane vidare fleire eigen eige eigne".split()
)
BOKMAAL_WORDS = frozenset(
    "ikke fra hva hvordan hvorfor hvem ble vært et en ett bare noe noen mye hele sammen "
    "hører komme kommer gikk fikk selv dere deres hver hverandre hun utvalg utvalget siden "
    "gjøre gjør godkjent kommunene fylkeskommunene videre flere egen egne".split()
)
_WORD = re.compile(r"[a-zæøåò]+")
# At least this many Nynorsk words, and more than twice as many as Bokmål words.
MIN_WORDS = 3


def language_of(text: str) -> str:
    """«nn» when the text is written in Nynorsk, else «nb»."""
    nynorsk = bokmaal = 0
    for word in _WORD.findall(text.lower()):
        if word in NYNORSK_WORDS:
            nynorsk += 1
        elif word in BOKMAAL_WORDS:
            bokmaal += 1
    return "nn" if nynorsk >= MIN_WORDS and nynorsk > 2 * bokmaal else "nb"


def meeting_language(language_form: str | None, body: str) -> str:
    """The language of minutes: as the front matter says it, else as the text shows it."""
    if language_form == "nynorsk":
        return "nn"
    if language_form == "bokmål":
        return "nb"
    return language_of(body)
