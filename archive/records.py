"""Turning a parsed YAML mapping into a model record, field by field.

One check per kind of field (see schema.KINDS); each reports in Norwegian with
the line of the offending value. References are not resolved here: they are
collected and checked across files once everything has loaded.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Callable

from archive import model
from archive.problems import Report
from archive.schema import ENGINE_KEYS, KINDS, NESTED_SCHEMAS, Field, Schema
from archive.sources import LocatedDict, LocatedList
from archive.suggest import closest

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TIME_RE = re.compile(r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ]{6,}$")

MODEL_CLASSES: dict[str, type] = {
    "person": model.Person,
    "organisation": model.Organisation,
    "group": model.Group,
    "focus_area": model.FocusArea,
    "cluster": model.Cluster,
    "event": model.Event,
    "meeting": model.Meeting,
    "agenda_item": model.AgendaItem,
    "action_item": model.ActionItem,
    "attachment": model.Attachment,
}


@dataclass(frozen=True)
class Reference:
    """A reference from one record to another, checked after loading."""

    kind: str  # person, group, focus_area, cluster, event, meeting, person_or_group, organisation
    target: str
    path: str
    line: int
    field_key: str


class RecordBuilder:
    """Builds records for one file, collecting its references."""

    def __init__(self, path: str, report: Report):
        self.path = path
        self.report = report
        self.references: list[Reference] = []

    def build(self, schema: Schema, data: Any, line: int, extra_keys: frozenset[str] = frozenset()) -> Any:
        if not isinstance(data, LocatedDict):
            self.report(line, f"en {schema.label} må skrives som linjer på formen «nøkkel: verdi».")
            return None
        fields = schema.by_key()
        values: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for key, value in data.items():
            key_line = data.line_of(key)
            if key in ENGINE_KEYS or key in extra_keys:
                continue
            spec = fields.get(key)
            if spec is None:
                suggestion = closest(key, list(fields))
                hint = f" Mente du «{suggestion}»?" if suggestion else ""
                self.report(key_line, f"ukjent felt «{key}» i {schema.label}.{hint} Tillatte felt: {', '.join(fields)}.")
                continue
            if value is None or value == "" or value == []:
                if spec.required:
                    self.report(key_line, f"feltet «{key}» er påkrevd og kan ikke stå tomt.")
                continue
            checked = self._check(spec, value, key_line)
            if checked is not None:
                values[spec.attr] = checked
                lines[spec.attr] = key_line
        for spec in schema.fields:
            if spec.required and spec.key not in data:
                self.report(data.line, f"{schema.label} mangler det påkrevde feltet «{spec.key}» ({spec.help})")
        record = MODEL_CLASSES[schema.name](path=self.path, line=data.line, lines=lines, **values)
        return record

    # -- one check per kind of field ------------------------------------

    def _check(self, spec: Field, value: Any, line: int) -> Any:
        check: Callable[[Field, Any, int], Any] = getattr(self, f"_check_{spec.kind}")
        return check(spec, value, line)

    def _wrong_kind(self, spec: Field, value: Any, line: int) -> None:
        self.report(line, f"«{spec.key}» skal være {KINDS[spec.kind]}, men er «{value}».")
        return None

    def _check_text(self, spec: Field, value: Any, line: int) -> Any:
        if isinstance(value, (LocatedDict, LocatedList)):
            return self._wrong_kind(spec, _short(value), line)
        text = str(value).strip()
        if spec.key == "id" and not ID_RE.match(text):
            self.report(line, f"id «{text}» kan bare ha små bokstaver a–z, tall og bindestrek (ikke æ, ø, å eller mellomrom).")
            return None
        return text

    _check_multiline = _check_text

    def _check_date(self, spec: Field, value: Any, line: int) -> Any:
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and re.match(r"^\d{1,2}\.\s*\d{1,2}\.\s*\d{4}$", value.strip()):
            day, month, year = [int(p) for p in re.split(r"\.\s*", value.strip())]
            self.report(line, f"skriv datoen som ÅÅÅÅ-MM-DD: {year:04d}-{month:02d}-{day:02d}, ikke «{value}».")
            return None
        if isinstance(value, str) and re.match(r"^\d{4}-\d{1,2}-\d{1,2}$", value.strip()):
            return None  # already reported as an impossible date by the YAML reader
        self.report(line, f"«{spec.key}» skal være en dato på formen ÅÅÅÅ-MM-DD, men er «{value}».")
        return None

    def _check_time(self, spec: Field, value: Any, line: int) -> Any:
        text = str(value).strip()
        if isinstance(value, str) and TIME_RE.match(text):
            hours, minutes = text.split(":")
            return f"{int(hours):02d}:{minutes}"
        if isinstance(value, str) and ":" in text:
            return None  # reported by the YAML reader as a trap, or impossible below
        self.report(line, f"«{spec.key}» skal være et klokkeslett som \"13:00\", men er «{value}».")
        return None

    def _check_choice(self, spec: Field, value: Any, line: int) -> Any:
        text = str(value).strip()
        if text in spec.choices:
            return text
        suggestion = closest(text, list(spec.choices))
        hint = f" Mente du «{suggestion}»?" if suggestion else ""
        self.report(line, f"«{text}» er ikke tillatt i «{spec.key}».{hint} Tillatt: {', '.join(spec.choices)}.")
        return None

    def _check_ref(self, spec: Field, value: Any, line: int) -> Any:
        if isinstance(value, (LocatedDict, LocatedList)) or not isinstance(value, str):
            return self._wrong_kind(spec, _short(value), line)
        target = value.strip()
        self.references.append(Reference(spec.ref, target, self.path, line, spec.key))
        return target

    def _check_refs(self, spec: Field, value: Any, line: int) -> Any:
        if isinstance(value, str) and spec.ref == "person_or_group":
            value = LocatedList([value])
            value.line = line
        if not isinstance(value, LocatedList):
            self.report(line, f"«{spec.key}» skal være en liste (én linje per id, med «- » foran).")
            return None
        targets: list[str] = []
        for index, item in enumerate(value):
            item_line = value.line_of(index)
            if not isinstance(item, str):
                self.report(item_line, f"«{item}» i «{spec.key}» skal være en id (kortnavn).")
                continue
            target = item.strip()
            if target in targets:
                self.report(item_line, f"«{target}» står to ganger i «{spec.key}».")
                continue
            self.references.append(Reference(spec.ref, target, self.path, item_line, spec.key))
            targets.append(target)
        return targets

    def _check_texts(self, spec: Field, value: Any, line: int) -> Any:
        if isinstance(value, str):
            return [value.strip()]
        if not isinstance(value, LocatedList):
            return self._wrong_kind(spec, _short(value), line)
        texts = []
        for index, item in enumerate(value):
            if isinstance(item, (LocatedDict, LocatedList)) or item is None:
                self.report(value.line_of(index), f"hvert punkt i «{spec.key}» skal være en tekst.")
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
        if not re.match(r"^https?://[^\s]+\.[^\s]+$", text):
            self.report(line, f"«{text}» er ikke en nettadresse; den skal starte med https://.")
            return None
        return text

    def _check_email(self, spec: Field, value: Any, line: int) -> Any:
        text = str(value).strip()
        if not EMAIL_RE.match(text):
            self.report(line, f"«{text}» er ikke en e-postadresse.")
            return None
        return text

    def _check_phone(self, spec: Field, value: Any, line: int) -> Any:
        text = str(value).strip()
        if not PHONE_RE.match(text):
            self.report(line, f"«{text}» er ikke et telefonnummer; skriv det i anførselstegn, som \"+47 900 00 000\".")
            return None
        return text

    def _check_bool(self, spec: Field, value: Any, line: int) -> Any:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("yes", "no", "on", "off"):
            return None  # reported by the YAML reader
        self.report(line, f"«{spec.key}» skal være true eller false, men er «{value}».")
        return None

    def _check_path(self, spec: Field, value: Any, line: int) -> Any:
        text = str(value).strip()
        if text.startswith("/") or ".." in text.split("/"):
            self.report(line, f"«{text}»: skriv stien relativt til referatet, uten «..» og uten «/» først.")
            return None
        return text


def _short(value: Any) -> str:
    text = str(dict(value) if isinstance(value, LocatedDict) else value)
    return text if len(text) <= 60 else text[:57] + "…"
