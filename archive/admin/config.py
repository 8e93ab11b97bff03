"""The web form's configuration (Sveltia CMS), generated from the schemas.

One schema per kind of record (archive/model/schema.py) says which fields
there are, their kind, the allowed words and which are required; this module
turns each into the form's fields, so the form cannot offer what the
validator refuses or miss what it reads. The Norwegian labels and help come
from admin/tekster.yml. Pure: texts in, a mapping out (written as config.yml
by archive/admin/build.py).

- The minutes are the one collection the secretary sees:
  docs/moter/<gruppe>/<dato>.md, the front matter from the meeting schema and
  the body as Markdown exactly as typed (the editor's raw mode).
- Each data file (data/personer.yaml, …) is a hidden collection, there only so
  that people, groups and events can be picked from it as the file is. Every
  field of it is read-only and the collection is hidden: the form never
  writes a data file (saving one would drop its comments and blank lines).
- true/false fields are left out: the form would write `false` for every one
  left empty (`navn_bekreftet: false` on every person, `referat_i_arkivet:
  false` on every meeting saved again), which says something no one said.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from archive.model import paths, schema
from archive.model.records import TIME_RE

MEETINGS_FOLDER = f"{paths.DOCS_DIR}/{paths.MEETINGS_DIR}"
MEETINGS_COLLECTION = "referater"
BODY_FIELD = "body"  # Sveltia's name for the text after the front matter

# How the minutes store a reference: people and events as they are written
# («Dag Aanensen», «BEST-konferansen 2025»), a group by its id. Data files
# refer to each other by id.
MINUTES_REFERENCE_VALUE = {"person": "navn", "event": "tittel"}
REFERENCE_SHOWN = {"person": "navn", "group": "navn", "event": "tittel", "organisation": "navn", "focus_area": "navn", "cluster": "navn"}

# Field kinds the form leaves out, and why (see the module's docstring).
LEFT_OUT_KINDS = frozenset({"bool"})

# A minutes file is named by its date, so the form (which makes new files) needs
# it; the schema allows leaving it out for old minutes whose date is unknown.
FORM_REQUIRED = frozenset({"dato"})


class TextsError(ValueError):
    """admin/tekster.yml is missing something or names a field that does not exist (Norwegian message)."""


def load_texts(path: Path) -> dict[str, Any]:
    try:
        texts = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise TextsError(f"{path}: kan ikke leses ({error}).") from None
    if not isinstance(texts, dict):
        raise TextsError(f"{path}: skal være en oversikt med «felt», «referater» og «commit».")
    return texts


def data_collection_name(kind: schema.Schema) -> str:
    return kind.data_file.removesuffix(".yaml")


def form_fields(kind: schema.Schema) -> list[schema.Field]:
    """The fields of `kind` the form shows: all but true/false."""
    return [spec for spec in kind.fields if spec.kind not in LEFT_OUT_KINDS]


def _reference(spec: schema.Field, multiple: bool, in_minutes: bool) -> dict[str, Any]:
    name = data_collection_name(schema.RECORD_SCHEMAS[spec.ref])
    value = MINUTES_REFERENCE_VALUE.get(spec.ref, "id") if in_minutes else "id"
    return {
        "widget": "relation",
        "collection": name,
        "file": name,
        "value_field": f"{name}.*.{value}",
        "display_fields": [f"{name}.*.{REFERENCE_SHOWN[spec.ref]}"],
        "search_fields": [f"{name}.*.{REFERENCE_SHOWN[spec.ref]}"],
        "multiple": multiple,
        # A dropdown with search, never a wall of 51 checkboxes.
        "dropdown_threshold": 0,
    }


def field_widget(spec: schema.Field, texts: dict[str, Any], prefix: str = "", in_minutes: bool = True) -> dict[str, Any]:
    """The form's field for one schema field (of the minutes, or of a data file)."""
    kind = spec.kind
    if kind in ("text", "path"):
        widget: dict[str, Any] = {"widget": "string"}
    elif kind == "multiline":
        widget = {"widget": "text"}
    elif kind == "date":
        widget = {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
    elif kind == "time":
        widget = {"widget": "string", "pattern": [TIME_RE.pattern, "Skriv klokkeslettet som 13:00."]}
    elif kind == "choice":
        labels = schema.MEETING_STATUS_LABELS if spec is _meeting_status() else {}
        widget = {"widget": "select", "options": [{"label": labels.get(c, c), "value": c} for c in spec.choices]}
    elif kind == "choices":
        widget = {"widget": "select", "multiple": True, "options": list(spec.choices)}
    elif kind in ("ref", "refs"):
        widget = _reference(spec, kind == "refs", in_minutes)
    elif kind == "texts":
        widget = {"widget": "list"}
    elif kind == "records":
        nested = schema.NESTED_SCHEMAS[spec.record]
        widget = {"widget": "list", "fields": [field_widget(sub, texts, f"{spec.key}.", in_minutes) for sub in form_fields(nested)]}
    elif kind == "url":
        widget = {"widget": "string", "type": "url"}
    elif kind == "email":
        widget = {"widget": "string", "type": "email"}
    elif kind == "phone":
        widget = {"widget": "string"}
    else:
        raise ValueError(f"no form field for the kind {kind!r} ({spec.key})")
    field = {"name": spec.key, **_labels(prefix + spec.key, texts), **widget, "required": spec.required}
    if "entall" in texts.get("felt", {}).get(prefix + spec.key, {}):
        field["label_singular"] = texts["felt"][prefix + spec.key]["entall"]
    return field


def _meeting_status() -> schema.Field:
    return schema.MEETING.by_key()["status"]


def _labels(key: str, texts: dict[str, Any]) -> dict[str, str]:
    """Label and help for the minutes' fields; the hidden collections are never shown, so their keys serve."""
    written = texts.get("felt", {}).get(key) if texts else None
    if written is None:
        return {"label": key}
    return {"label": written["navn"], "hint": written["hjelp"]}


def meeting_collection(texts: dict[str, Any]) -> dict[str, Any]:
    fields = []
    for spec in form_fields(schema.MEETING):
        field = field_widget(spec, texts)
        if spec.key in FORM_REQUIRED:
            field["required"] = True
        fields.append(field)
    body = texts["felt"][BODY_FIELD]
    fields.append(
        {
            "name": BODY_FIELD,
            "label": body["navn"],
            "hint": body["hjelp"],
            "widget": "markdown",
            # Raw Markdown only: «## 1. …» and «- [ ] …» are saved exactly as typed.
            "modes": ["raw"],
            "default": body["standard"],
            "required": False,
        }
    )
    return {
        "name": MEETINGS_COLLECTION,
        "label": texts["referater"]["navn"],
        "label_singular": texts["referater"]["entall"],
        "description": texts["referater"]["beskrivelse"],
        "folder": MEETINGS_FOLDER,
        "path": "{{gruppe}}/{{slug}}",
        "slug": "{{dato}}",
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "delete": False,
        "identifier_field": "dato",
        "summary": "{{gruppe}} {{dato}}",
        "sortable_fields": ["dato", "gruppe"],
        "editor": {"preview": False},
        "fields": fields,
    }


def data_collection(kind: schema.Schema) -> dict[str, Any]:
    name = data_collection_name(kind)
    record_fields = []
    for spec in form_fields(kind):
        field = field_widget(spec, {}, in_minutes=False)
        field["readonly"] = True
        record_fields.append(field)
    return {
        "name": name,
        "label": name,
        "hide": True,
        "files": [
            {
                "name": name,
                "label": name,
                "file": f"{paths.DATA_DIR}/{kind.data_file}",
                "format": "yaml",
                "fields": [{"name": name, "label": name, "widget": "list", "root": True, "readonly": True, "fields": record_fields}],
            }
        ],
    }


def form_config(texts: dict[str, Any], *, repo: str, branch: str = "main", api_root: str | None = None) -> dict[str, Any]:
    """The whole configuration: GitHub with a token, pull requests, the minutes and the data to pick from."""
    _check_texts(texts)
    backend: dict[str, Any] = {
        "name": "github",
        "repo": repo,
        "branch": branch,
        # A fine-grained token only: no OAuth service, no other host.
        "auth_methods": ["token"],
        "commit_messages": dict(texts["commit"]),
    }
    if api_root:
        backend["api_root"] = api_root
    return {
        "backend": backend,
        # Saving makes a branch and a draft pull request; nothing reaches main without review.
        "publish_mode": "editorial_workflow",
        "app_title": texts["tittel"],
        "media_folder": f"{MEETINGS_FOLDER}/vedlegg",
        "output": {"omit_empty_optional_fields": True},
        "collections": [meeting_collection(texts), *(data_collection(kind) for kind in schema.RECORD_SCHEMAS.values())],
    }


def config_yaml(config: dict[str, Any]) -> str:
    return "# Generated by scripts/build_admin.py from archive/model/schema.py and admin/tekster.yml.\n" + yaml.safe_dump(
        config, allow_unicode=True, sort_keys=False, width=120
    )


def _check_texts(texts: dict[str, Any]) -> None:
    for key in ("tittel", "referater", "commit", "felt"):
        if key not in texts:
            raise TextsError(f"admin/tekster.yml mangler «{key}».")
    wanted = {spec.key for spec in form_fields(schema.MEETING)} | {BODY_FIELD}
    for spec in form_fields(schema.MEETING):
        if spec.kind == "records":
            wanted |= {f"{spec.key}.{sub.key}" for sub in form_fields(schema.NESTED_SCHEMAS[spec.record])}
    written = set(texts["felt"])
    missing = sorted(wanted - written)
    unknown = sorted(written - wanted)
    if missing:
        raise TextsError(f"admin/tekster.yml mangler navn og hjelpetekst for feltene {', '.join(missing)}.")
    if unknown:
        raise TextsError(f"admin/tekster.yml har tekster for felt som ikke finnes i referatene: {', '.join(unknown)}.")
    for key, entry in texts["felt"].items():
        if not isinstance(entry, dict) or not entry.get("navn") or not entry.get("hjelp"):
            raise TextsError(f"admin/tekster.yml: feltet «{key}» trenger både «navn» og «hjelp».")
