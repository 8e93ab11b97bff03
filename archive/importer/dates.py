"""Dates and times as Norwegian minutes write them, also as text recognition reads them.

08.12.2025, 8.12.25, 8/12-2025, 8. desember 2025, 8. des. 2025, 2025-12-08,
«8. desember» when the year is known from elsewhere, in Bokmål and Nynorsk
(«tysdag 11. mars»); and with the letters recognition puts for digits
(«l2.03.2O25») or the shapes it confuses in a month («rnars» for «mars»).
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember")
_MONTH_ABBREVIATIONS = {m[:3]: i for i, m in enumerate(MONTHS, start=1)} | {"sept": 9}
WEEKDAYS = r"mandag|måndag|tirsdag|tysdag|onsdag|torsdag|fredag|lørdag|laurdag|søndag|sundag"

_NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})\s?[./]\s?(\d{1,2})\s?[./-]\s?(\d{4}|\d{2})(?![\d/])")
_SLASH_DATE = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})\s(\d{4})(?![\d/])")  # «4/3 2025»
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
# A token of digits where recognition put a letter or two for a digit: «l2.03.2O25».
_DIGITISH = re.compile(r"(?<![\w])[\dlIOoS]{1,4}(?:[./-][\dlIOoS]{1,4}){1,2}(?![\w])")
_DIGIT_FOR = str.maketrans({"l": "1", "I": "1", "O": "0", "o": "0", "S": "5"})
# Shapes confused in a month's name: «rnars», «desernber», «januai».
_MONTH_WORD = re.compile(r"(?<=\d\.\s)([a-zA-Z]{3,10})(?=\.?\s+\d{4}|\.?\s*$|[.,;])")


def _readable(text: str) -> str:
    """`text` with digits recognition misread put back, the same length everywhere:
    only in tokens that are mostly digits and shaped like a date."""

    def digits(match: re.Match) -> str:
        token = match.group()
        if sum(c.isdigit() for c in token) < len(re.sub(r"[./-]", "", token)) - 2 or not any(c.isdigit() for c in token):
            return token
        return token.translate(_DIGIT_FOR)

    text = _DIGITISH.sub(digits, text)

    def month(match: re.Match) -> str:
        word = match.group(1)
        lower = word.lower()
        fixed = lower.replace("rn", "m")
        if fixed in MONTHS:
            return fixed.ljust(len(word))  # «rnars» → «mars »: the same length
        for name in MONTHS:
            if len(name) >= 5 and len(lower) == len(name) and sum(a != b for a, b in zip(lower, name, strict=True)) == 1:
                return name
        return word

    return _MONTH_WORD.sub(month, text)


def find_dates(text: str, default_year: int | None = None) -> list[tuple[int, dt.date]]:
    """Every date in `text` in the forms Norwegian minutes write, with its position:
    08.12.2025, 8.12.25, 8/12-2025, 8. desember 2025, 8. des. 2025, 2025-12-08,
    and «8. desember» when the year is known from elsewhere."""
    text = _readable(text)
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
    for pattern in (_NUMERIC_DATE, _SLASH_DATE):
        for match in pattern.finditer(text):
            year = int(match.group(3))
            add(match, year + 2000 if year < 100 else year, int(match.group(2)), int(match.group(1)))
    return sorted(found)


def find_date(text: str) -> dt.date | None:
    """The first date in `text` (see find_dates)."""
    dates = find_dates(text)
    return dates[0][1] if dates else None


def find_time_range(text: str) -> tuple[str | None, str | None]:
    """("12:00", "14:00") from «kl. 12.00–14.00», «12:00 - 14:00», «kl 12 til 14» (the start alone too)."""
    text = _readable(text)
    match = _TIME_RANGE.search(text)
    if match:
        return f"{int(match.group(1)):02d}:{match.group(2)}", f"{int(match.group(3)):02d}:{match.group(4)}"
    clock = list(_CLOCK.finditer(text))
    if clock:
        start = f"{int(clock[0].group(1)):02d}:{clock[0].group(2) or '00'}"
        end = f"{int(clock[1].group(1)):02d}:{clock[1].group(2) or '00'}" if len(clock) > 1 else None
        return start, end
    return None, None


def strip_dates(text: str) -> str:
    """`text` without its dates, times and weekdays (what is left may be a place)."""
    for pattern in (_ISO_DATE, _NAMED_DATE, _NUMERIC_DATE, _SLASH_DATE, _TIME_RANGE, _CLOCK):
        text = pattern.sub(" ", text)
    return re.sub(rf"\b({WEEKDAYS}|kl|klokken|klokka)\b\.?", " ", text, flags=re.IGNORECASE)
