"""Turning a parsed YAML mapping into a model record, field by field.

One check per kind of field (see schema.KINDS); each reports in Norwegian with
the line of the offending value. References in data files are collected and
checked across files once everything has loaded; references in minutes, which
may name people and groups by name, are resolved at once through the name
indexes the builder is given.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from archive import model
from archive.model.dates import year_problem
from archive.model.names import NameIndex
from archive.model.problems import Report
from archive.model.schema import KINDS, NESTED_SCHEMAS, Field, Schema
from archive.model.sources import INVALID, LocatedDict, LocatedList
from archive.model.suggest import closest

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TIME_RE = re.compile(r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$")
# Only what an address is made of: «?», «&» or «%» would let a mailto: link add
# hidden recipients («?bcc=…») or a subject to every mail a member writes.
EMAIL_RE = re.compile(r"^[\w.+'-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$", re.IGNORECASE)
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ]{6,}$")
MAX_TEXT = 5000  # characters in one field; a description is a paragraph, not a book

MODEL_CLASSES: dict[str, type] = {
    "person": model.Person,
    "organisation": model.Organisation,
    "group": model.Group,
    "focus_area": model.FocusArea,
    "cluster": model.Cluster,
    "event": model.Event,
    "meeting": model.Meeting,
    "attachment": model.Attachment,
}


@dataclass(frozen=True)
class Reference:
    """A reference by id from one record to another, checked after loading."""

    kind: str  # person, group, focus_area, cluster, event, organisation
    target: str
    path: str
    line: int
    field_key: str


class RecordBuilder:
    """Builds records for one file, collecting its references.

    With `names`, references of those kinds are resolved by name or id at
    once (minutes); without, they are collected as ids (data files).
    """

    def __init__(self, path: str, report: Report, names: dict[str, NameIndex] | None = None):
        self.path = path
        self.report = report
        self.names = names or {}
        self.references: list[Reference] = []

    def build(self, schema: Schema, data: Any, line: int) -> Any:
        if data is INVALID:
            return None
        if not isinstance(data, LocatedDict):
            self.report(line, f"en {schema.label} må skrives som linjer på formen «nøkkel: verdi».")
            return None
        fields = schema.by_key()
        values: dict[str, Any] = {}
        lines: dict[str, int] = {}
        invalid: set[str] = set()
        for key, value in data.items():
            key_line = data.line_of(key)
            spec = fields.get(key)
            if spec is None and key == "render_macros":
                # Minutes are shown as written: never a template, whatever they say.
                self.report(key_line, "«render_macros» er ikke tillatt i et referat: referatet vises alltid slik det er skrevet. Slett linjen.")
                continue
            if spec is None:
                suggestion = closest(key, list(fields))
                hint = f" Mente du «{suggestion}»?" if suggestion else ""
                self.report(key_line, f"ukjent felt «{key}» i {schema.label}.{hint} Tillatte felt: {', '.join(fields)}.")
                continue
            lines[spec.attr] = key_line
            if value is INVALID:
                invalid.add(spec.attr)
                continue
            if value is None or value == "" or value == []:
                if spec.required:
                    self.report(key_line, f"feltet «{key}» er påkrevd og kan ikke stå tomt.")
                    invalid.add(spec.attr)
                continue
            checked = self._check(spec, value, key_line)
            if checked is INVALID or checked is None:
                invalid.add(spec.attr)
            else:
                values[spec.attr] = checked
        for spec in schema.fields:
            if spec.required and spec.key not in data:
                self.report(data.line, f"{schema.label} mangler det påkrevde feltet «{spec.key}» ({spec.help})")
                invalid.add(spec.attr)
        return MODEL_CLASSES[schema.name](path=self.path, line=data.line, lines=lines, invalid=invalid, **values)

    # -- one check per kind of field ------------------------------------

    def _check(self, spec: Field, value: Any, line: int) -> Any:
        check: Callable[[Field, Any, int], Any] = getattr(self, f"_check_{spec.kind}")
        return check(spec, value, line)

    def _wrong_kind(self, spec: Field, value: Any, line: int) -> None:
        self.report(line, f"«{spec.key}» skal være {KINDS[spec.kind]}, men er «{_short(value)}».")
        return None

    def _check_text(self, spec: Field, value: Any, line: int) -> Any:
        if isinstance(value, (LocatedDict, LocatedList, bool)) or isinstance(value, dt.date):
            return self._wrong_kind(spec, value, line)
        text = str(value).strip()
        if len(text) > MAX_TEXT:
            self.report(line, f"«{spec.key}» har {len(text)} tegn; mer enn {MAX_TEXT} er ikke tillatt i ett felt.")
            return None
        if spec.key == "id" and not ID_RE.match(text):
            self.report(line, f"id «{text}» kan bare ha små bokstaver a–z, tall og bindestrek (ikke æ, ø, å eller mellomrom).")
            return None
        return text

    _check_multiline = _check_text

    def _check_date(self, spec: Field, value: Any, line: int) -> Any:
        if isinstance(value, dt.date):
            problem = year_problem(value)
            if problem:
                self.report(line, f"«{spec.key}»: {problem}.")
                return None
            return value
        text = str(value).strip()
        match = re.match(r"^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})$", text)
        if match:
            day, month, year = (int(p) for p in match.groups())
            self.report(line, f"skriv datoen som ÅÅÅÅ-MM-DD: {year:04d}-{month:02d}-{day:02d}, ikke «{text}».")
            return None
        self.report(line, f"«{spec.key}» skal være en dato på formen ÅÅÅÅ-MM-DD, men er «{_short(value)}».")
        return None

    def _check_time(self, spec: Field, value: Any, line: int) -> Any:
        text = str(value).strip()
        if isinstance(value, str) and TIME_RE.match(text):
            hours, minutes = text.split(":")
            return f"{int(hours):02d}:{minutes}"
        self.report(line, f"«{spec.key}» skal være et klokkeslett, som 13:00, men er «{_short(value)}».")
        return None

    def _check_choice(self, spec: Field, value: Any, line: int) -> Any:
        text = str(value).strip()
        if text in spec.choices:
            return text
        suggestion = closest(text, list(spec.choices))
        hint = f" Mente du «{suggestion}»?" if suggestion else ""
        self.report(line, f"«{_short(text)}» er ikke tillatt i «{spec.key}».{hint} Tillatt: {', '.join(spec.choices)}.")
        return None

    def _check_choices(self, spec: Field, value: Any, line: int) -> Any:
        items = self._list(spec, value, line)
        if items is None:
            return None
        chosen: list[str] = []
        for item, item_line in items:
            checked = self._check_choice(spec, item, item_line)
            if checked is not None and checked not in chosen:
                chosen.append(checked)
        return chosen

    def _resolve(self, spec: Field, text: str, line: int) -> str | None:
        index = self.names.get(spec.ref)
        if index is None:
            self.references.append(Reference(spec.ref, text, self.path, line, spec.key))
            return text
        ref, problem = index.resolve(text)
        if problem:
            self.report(line, problem)
        return ref

    def _check_ref(self, spec: Field, value: Any, line: int) -> Any:
        if isinstance(value, (LocatedDict, LocatedList)) or not isinstance(value, str):
            return self._wrong_kind(spec, value, line)
        return self._resolve(spec, value.strip(), line)

    def _list(self, spec: Field, value: Any, line: int) -> list[tuple[Any, int]] | None:
        if isinstance(value, str):
            return [(value, line)]
        if not isinstance(value, LocatedList):
            self.report(line, f"«{spec.key}» skal være en liste (én linje per verdi, med «- » foran).")
            return None
        return [(item, value.line_of(index)) for index, item in enumerate(value) if item is not INVALID]

    def _check_refs(self, spec: Field, value: Any, line: int) -> Any:
        if isinstance(value, str) and spec.ref in self.names:
            # «tilstede: Per Hansen og Kari Nordmann» on one line: names as in running text.
            from archive.model.minutes import resolve_list

            return resolve_list(self.names[spec.ref], value, line, self.report)
        items = self._list(spec, value, line)
        if items is None:
            return None
        targets: list[str] = []
        for item, item_line in items:
            if not isinstance(item, str):
                self.report(item_line, f"«{_short(item)}» i «{spec.key}» skal være et navn eller en id.")
                continue
            target = self._resolve(spec, item.strip(), item_line)
            if target is None:
                continue
            if target in targets:
                self.report(item_line, f"«{item.strip()}» står to ganger i «{spec.key}».")
                continue
            targets.append(target)
        return targets

    def _check_texts(self, spec: Field, value: Any, line: int) -> Any:
        items = self._list(spec, value, line)
        if items is None:
            return None
        texts = []
        for item, item_line in items:
            if isinstance(item, (LocatedDict, LocatedList)) or item is None:
                self.report(item_line, f"hvert punkt i «{spec.key}» skal være en tekst.")
                continue
            texts.append(str(item).strip())
        return texts

    def _check_records(self, spec: Field, value: Any, line: int) -> Any:
        if not isinstance(value, LocatedList):
            self.report(line, f"«{spec.key}» skal være en liste med oppføringer (hver starter med «- »).")
            return None
        schema = NESTED_SCHEMAS[spec.record]
        records = []
        for index, item in enumerate(value):
            record = self.build(schema, item, value.line_of(index))
            if record is not None:
                records.append(record)
        return records

    def _check_url(self, spec: Field, value: Any, line: int) -> Any:
        text = str(value).strip()
        if len(text) > MAX_TEXT:
            self.report(line, f"«{spec.key}» har {len(text)} tegn; mer enn {MAX_TEXT} er ikke tillatt i ett felt.")
            return None
        if not _is_web_address(text):
            self.report(line, f"«{_short(text)}» er ikke en nettadresse; den skal starte med https://.")
            return None
        return text

    def _check_email(self, spec: Field, value: Any, line: int) -> Any:
        text = str(value).strip()
        if not EMAIL_RE.match(text):
            self.report(line, f"«{_short(text)}» er ikke en e-postadresse.")
            return None
        return text

    def _check_phone(self, spec: Field, value: Any, line: int) -> Any:
        text = str(value).strip()
        if not PHONE_RE.match(text):
            self.report(line, f'«{_short(text)}» er ikke et telefonnummer; skriv det i anførselstegn, som "+47 900 00 000".')
            return None
        return text

    def _check_bool(self, spec: Field, value: Any, line: int) -> Any:
        if isinstance(value, bool):
            return value
        self.report(line, f"«{spec.key}» skal være true eller false, men er «{_short(value)}».")
        return None

    def _check_path(self, spec: Field, value: Any, line: int) -> Any:
        text = str(value).strip()
        if text.startswith("/") or ".." in text.split("/") or "\\" in text or ":" in text:
            self.report(line, f"«{_short(text)}»: skriv stien relativt til referatet, uten «..», «:» og uten «/» først.")
            return None
        return text


def _is_web_address(text: str) -> bool:
    """«https://host.tld/…» with no space: what «^https?://[^\\s/]+\\.[^\\s]+$» says,
    without its backtracking (quadratic in a long address with many dots)."""
    scheme, separator, rest = text.partition("://")
    if scheme not in ("http", "https") or not separator or not rest:
        return False
    if any(char.isspace() for char in rest):
        return False
    host = rest.split("/", 1)[0]
    dot = host.find(".", 1)
    return dot > 0 and dot + 1 < len(rest)


def _short(value: Any) -> str:
    text = str(dict(value) if isinstance(value, LocatedDict) else value)
    return text if len(text) <= 60 else text[:57] + "…"
