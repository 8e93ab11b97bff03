"""Front matter of minutes and pages, split and written with python-frontmatter.

python-frontmatter finds the front matter and writes it back; `FrontMatter`,
its handler here, keeps what the library's own `parse` and `dumps` would lose:

- `parse` strips the text, so after a blank first line every line number in
  a message would be wrong: `split` keeps the text as written, and the reader
  (archive/model/sources.py: `split_front_matter`) counts lines from it;
- its boundary is `---` only: YAML's end marker `...` closes front matter too;
- it reads YAML with PyYAML's YAML 1.1 typing (`no` is false, `18:30` is
  1110, `0150` is 104) and writes keys sorted: the YAML is read by
  archive/model/sources.py (`load_yaml`: the traps, line numbers and limits)
  and written by `yaml_mapping` below, in the schema's order, quoted wherever
  YAML could misread a value.

docs-dev/minutes-format.md says which part does what, with the figures.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import frontmatter

from archive.model import schema


class FrontMatter(frontmatter.YAMLHandler):
    """python-frontmatter's YAML handler for the archive's files."""

    FM_BOUNDARY = re.compile(r"^-{3}[ \t]*\n", re.MULTILINE)
    _CLOSING = re.compile(r"^(?:-{3}|\.{3})[ \t]*(?:\n|$)", re.MULTILINE)

    def __init__(self, record_schema: schema.Schema | None = None) -> None:
        super().__init__()
        self.record_schema = record_schema

    def split(self, text: str) -> tuple[str, str]:
        """The front matter and the body, exactly as written (ValueError: not closed)."""
        if not self.FM_BOUNDARY.match(text):
            raise ValueError("no front matter")
        start = text.index("\n") + 1
        closing = self._CLOSING.search(text, start)
        if closing is None:
            raise ValueError("front matter not closed")
        return text[start : closing.start()], text[closing.end() :]

    def export(self, metadata: dict[str, Any], comments: tuple[str, ...] | list[str] = (), **kwargs: object) -> str:
        """The front matter's lines in the schema's order, each value quoted as YAML
        needs, after `comments` (lines that start with «#»: help the reader drops)."""
        assert self.record_schema is not None, "writing needs the schema of the record"
        assert all(line.startswith("#") for line in comments), comments
        return "\n".join([*comments, *yaml_mapping(metadata, self.record_schema)])


def write_front_matter(values: dict[str, Any], record_schema: schema.Schema, body: str, comments=()) -> str:
    """A whole file: front matter in the schema's order (after any comment lines), a blank line, the body."""
    handler = FrontMatter(record_schema)
    return frontmatter.dumps(frontmatter.Post(body.strip("\n"), handler=handler, **values), handler=handler, comments=list(comments)) + "\n"


_PLAIN = re.compile(r"^[A-Za-zÆØÅæøå0-9][\wÆØÅæøå .,()/–-]*$")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


def yaml_scalar(value: Any) -> str:
    """One YAML value on one line, quoted whenever YAML could misread it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    # Anything starting with a digit is quoted: YAML 1.1 reads 0x1A, 1_000 and 18:30 as numbers.
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS and not text[0].isdigit() and not text.endswith(" "):
        return text
    return '"' + "".join(_escape(char) for char in text) + '"'


def _escape(char: str) -> str:
    """One character inside a YAML double-quoted string."""
    if char in '"\\':
        return "\\" + char
    if char.isprintable() and not ("\ud800" <= char <= "\udfff"):
        return char
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def yaml_mapping(values: dict[str, Any], record_schema: schema.Schema, indent: int = 0) -> list[str]:
    """Lines of a mapping, keys in the schema's order; only keys the schema knows."""
    known = record_schema.by_key()
    unknown = set(values) - set(known)
    if unknown:
        raise KeyError(f"{record_schema.name} has no field {sorted(unknown)}")
    pad = " " * indent
    lines: list[str] = []
    for spec in record_schema.fields:
        if spec.key not in values:
            continue
        value = values[spec.key]
        if value is None:
            lines.append(f"{pad}{spec.key}:")
        elif spec.kind in ("refs", "texts", "choices"):
            lines.append(f"{pad}{spec.key}:")
            lines += [f"{pad}  - {yaml_scalar(item)}" for item in value]
        elif spec.kind == "records":
            lines.append(f"{pad}{spec.key}:")
            nested = schema.NESTED_SCHEMAS[spec.record]
            for record in value:
                record_lines = yaml_mapping(record, nested, indent + 4)
                record_lines[0] = f"{pad}  - " + record_lines[0].lstrip()
                lines += record_lines
        elif spec.kind == "time":
            lines.append(f'{pad}{spec.key}: "{value}"')  # unquoted, YAML reads 13:00 as 780
        else:
            lines.append(f"{pad}{spec.key}: {yaml_scalar(value)}")
    return lines
