"""Finding people, groups, focus areas, clusters and events by the names minutes use.

Minutes name people as they are written («Eli Arnkværn Bryhni», «Hanne Mai»),
and ids still work. A `NameIndex` maps every id, name and other spelling of
one kind of record to its id; a name that fits no record, or more than one,
gets a Norwegian message with the nearest names as suggestions.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import yaml

from archive.model.suggest import best_score, nearest

KIND_LABELS = {
    "person": "person",
    "group": "gruppe",
    "person_or_group": "person eller gruppe",
    "organisation": "organisasjon",
    "focus_area": "satsingsområde",
    "cluster": "klynge",
    "event": "arrangement",
    "meeting": "møte",
}

WHERE_DEFINED = {
    "person": "data/personer.yaml",
    "group": "data/grupper.yaml",
    "person_or_group": "data/personer.yaml eller data/grupper.yaml",
    "organisation": "data/organisasjoner.yaml",
    "focus_area": "data/satsingsomrader.yaml",
    "cluster": "data/klynger.yaml",
    "event": "data/arrangementer.yaml",
    "meeting": "docs/moter/",
}


@functools.lru_cache(maxsize=100_000)
def normalise(name: str) -> str:
    """Case, hyphens, dots and spacing do not tell names apart: «Hanne-Mai» is «hanne mai»."""
    text = unicodedata.normalize("NFC", name).casefold()
    text = re.sub(r"[-‐‑–.,]", " ", text)
    return " ".join(text.split())


def _squeezed(name: str) -> str:
    # «sirkulær økonomi» and «sirkulærøkonomi» are the same name.
    return normalise(name).replace(" ", "")


@dataclass(frozen=True)
class Entry:
    id: str
    names: tuple[str, ...]  # display name first, then other spellings
    label: str  # the display name


class NameIndex:
    """Every way of naming the records of one kind (or two, for owners)."""

    def __init__(self, kind: str, entries: Iterable[Entry]):
        self.kind = kind
        self.entries = {entry.id: entry for entry in entries}
        self._by_key: dict[str, set[str]] = {}
        self._by_squeezed: dict[str, set[str]] = {}
        for entry in self.entries.values():
            for name in (entry.id, *entry.names):
                self._by_key.setdefault(normalise(name), set()).add(entry.id)
                self._by_squeezed.setdefault(_squeezed(name), set()).add(entry.id)
        self._labels: list[str] | None = None
        self._resolved: dict[str, tuple[str | None, str | None]] = {}  # the same names come back in every meeting

    def __contains__(self, ref: str) -> bool:
        return ref in self.entries

    def label(self, ref: str) -> str:
        entry = self.entries.get(ref)
        return entry.label if entry else ref

    def resolve(self, text: str) -> tuple[str | None, str | None]:
        """(id, None) when `text` names exactly one record; else (None, Norwegian message)."""
        known = self._resolved.get(text)
        if known is None:
            known = self._resolved[text] = self._resolve(text)
        return known

    def _resolve(self, text: str) -> tuple[str | None, str | None]:
        text = text.strip()
        if text in self.entries:
            return text, None
        found = self._by_key.get(normalise(text)) or self._by_squeezed.get(_squeezed(text)) or set()
        if len(found) == 1:
            return next(iter(found)), None
        if len(found) > 1:
            choices = " eller ".join(f"«{ref}» ({self.label(ref)})" for ref in sorted(found))
            return None, f"«{text}» kan være flere: {choices}. Skriv id-en for å velge."
        return None, self.unknown_message(text)

    def unknown_message(self, text: str) -> str:
        if self._labels is None:
            self._labels = sorted({name for entry in self.entries.values() for name in (entry.id, *entry.names)})
        owner = {}
        for entry in self.entries.values():
            for name in (entry.id, *entry.names):
                owner.setdefault(name, entry.id)
        suggestions: list[str] = []
        for name in nearest(text, self._labels, limit=8):
            ref = owner[name]
            if ref not in suggestions:
                suggestions.append(ref)
        message = f"ukjent {KIND_LABELS[self.kind]} «{text}»"
        new_person = ""
        # Perhaps a new person: the exact lines to add, so that the file is added
        # to and never rewritten (comments and all stay as they are). Not when no
        # one is known at all: then data/personer.yaml itself could not be read.
        if self.kind in ("person", "person_or_group") and self.entries and not _ID_LIKE.match(text) and best_score(text, self._labels) < LIKELY_TYPO:
            first, second = new_person_lines(text, set(self.entries))
            new_person = f"Er det en ny person, legg til disse to linjene nederst i data/personer.yaml: «{first}» og «{second}»."
        if suggestions:
            shown = [f"«{self.label(ref)}» ({ref})" if self.label(ref) != ref else f"«{ref}»" for ref in suggestions[:3]]
            return message + "; mente du " + " eller ".join(shown) + "?" + (f" {new_person}" if new_person else "")
        if new_person:
            return f"{message}. {new_person}"
        return message + f". Legg den til i {WHERE_DEFINED[self.kind]} først."


_ID_LIKE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A name this close to a known one (rapidfuzz's WRatio, 0-100) is a slip of
# the pen («Per Hanssen»), not a new person: only the suggestion is given.
LIKELY_TYPO = 90


def new_id(name: str, taken: set[str]) -> str:
    """An id for a new record named `name`: «Åse Ødegård-Ås» → «ase-odegard-as», free of those `taken`."""
    text = name.casefold().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "person"
    chosen, number = base, 2
    while chosen in taken:
        chosen, number = f"{base}-{number}", number + 1
    return chosen


def new_person_lines(name: str, taken: set[str]) -> tuple[str, str]:
    """The two lines that add a person at the end of data/personer.yaml, as the file writes them."""
    # Plain as the file writes names, unless YAML would read it as something else.
    plain = yaml.safe_load(f"navn: {name}") if ":" not in name and "#" not in name else None
    value = name if plain == {"navn": name} else json.dumps(name, ensure_ascii=False)
    return f"- id: {new_id(name, taken)}", f"  navn: {value}"


def person_entries(people) -> list[Entry]:
    return [Entry(p.id, (p.name, *p.aliases), p.name) for p in people.values()]


def group_entries(groups) -> list[Entry]:
    entries = []
    for group in groups.values():
        names = [group.name]
        if group.full_name:
            names.append(group.full_name)
        if group.number:
            # Minutes call working groups by their number: «Gruppe 2», «Arbeidsgruppe 2».
            names += [f"Gruppe {group.number}", f"Arbeidsgruppe {group.number}"]
        entries.append(Entry(group.id, tuple(names), group.name))
    return entries


def named_entries(records, attr: str = "name") -> list[Entry]:
    return [Entry(r.id, (getattr(r, attr), *getattr(r, "aliases", ())), getattr(r, attr)) for r in records.values()]


def split_names(text: str) -> list[str]:
    """«Asbjørn Lunde, Dag Aanensen og Ove Gjesdal» → three names."""
    # In two steps, each linear: «\s*,\s*» and an unanchored «\s+og\s+» try every
    # space of a long run of spaces as a start, which is quadratic.
    parts = [name for chunk in re.split(r"[,&;]", text.strip().rstrip(".")) for name in _AND.split(chunk)]
    return [part.strip() for part in parts if part.strip()]


_AND = re.compile(r"(?<=\S)\s+og\s+")
