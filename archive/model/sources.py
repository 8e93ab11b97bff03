"""Reading source files: text decoding, front matter and YAML with line numbers.

Everything here mirrors what MkDocs does with the same file, so that what the
validator accepts is exactly what the site shows:
- MkDocs decodes with utf-8-sig (a byte-order mark is dropped) and reads in
  text mode (CRLF becomes LF); we do the same.
- MkDocs takes front matter only when it matches its pattern and parses as a
  mapping, and otherwise shows it as text without a word; we report that.
- PyYAML reads YAML 1.1 (`no` is false, `0150` is 104, `18:30` is 1110); we
  keep such values as the text that was typed and report them. The one
  exception is a time field (`start: 13:00`): people and web forms write times
  without quotes, so there a sexagesimal number is read as the time typed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from archive.model.front_matter import FrontMatter
from archive.model.problems import Report
from archive.model.schema import ALL_SCHEMAS

# Front matter as MkDocs 1.6 finds it (mkdocs.utils.meta), and also at the very
# end of a file with no line break after the closing «---».
FRONT_MATTER = FrontMatter()


class LocatedDict(dict):
    """A mapping that remembers the line of each key (1-based)."""

    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    """A list that remembers the line of each item (1-based)."""

    line: int = 0

    def __init__(self, *args):
        super().__init__(*args)
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


# Control characters have no place in minutes or data: C0 except tab and line
# feed, DEL, C1, and the bidirectional overrides that can make text read
# differently from what it is ("Trojan source"). Also lone surrogates, which
# only a YAML escape ("\ud800") can make: no UTF-8 file can hold one, so
# writing the page would fail. And U+FFFE/U+FFFF, which XML (the Atom feed)
# cannot hold, and U+2028/U+2029, line breaks to YAML but not to the eye.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def control_character_message(char: str) -> str:
    return (
        f"linjen inneholder et usynlig kontrolltegn (U+{ord(char):04X}), ofte fra tekst kopiert fra PDF eller Word. Slett tegnet, eller skriv linjen på nytt."
    )


def report_control_characters(text: str, report: Report, first_line: int = 1) -> bool:
    """Report each line with a control character; True when there was one."""
    if not _CONTROL.search(text):
        return False
    for number, line in enumerate(text.split("\n"), start=first_line):
        found = _CONTROL.search(line)
        if found:
            report(number, control_character_message(found.group()))
    return True


def decode(raw: bytes, report: Report) -> str | None:
    """Decode a file the way MkDocs does; report what MkDocs would choke on."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        report(
            line,
            "filen er ikke lagret som UTF-8 (kanskje fra Word, som lagrer æ, ø og å annerledes). Lagre den på nytt som «UTF-8» og prøv igjen.",
        )
        return None
    # Text mode in MkDocs turns CRLF and lone CR into LF; so do we.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def report_tabs(text: str, report: Report, first_line: int = 1) -> bool:
    if "\t" not in text:
        return False
    found = False
    for number, line in enumerate(text.split("\n"), start=first_line):
        if "\t" in line:
            report(number, "tabulatortegn er ikke lov i YAML; bruk mellomrom til innrykk.")
            found = True
    return found


@dataclass
class Document:
    """A Markdown file split into front matter and body."""

    meta: LocatedDict | None
    body: str
    body_first_line: int  # line number of the body's first line in the file
    has_front_matter: bool = field(default=False)


def split_front_matter(text: str, report: Report) -> Document:
    """The file's front matter (read by `load_yaml`) and its body, with the body's first line.

    python-frontmatter splits the text (archive/model/front_matter.py); the
    handler keeps it as written, so every line number below is the file's.
    """
    if not text.strip():
        report(1, "filen er tom.")
        return Document(None, "", 1)
    try:
        yaml_text, rest = FRONT_MATTER.split(text)
    except ValueError:
        if text.startswith("---"):
            report(
                1,
                "toppteksten (front matter) er ikke avsluttet: legg til en linje med bare «---» etter den. Ellers viser nettstedet den som vanlig tekst.",
            )
        return Document(None, text, 1)
    stripped = rest.lstrip("\n")
    body_first_line = text.count("\n", 0, len(text) - len(stripped)) + 1
    if report_tabs(yaml_text, report, first_line=2):
        return Document(None, stripped, body_first_line, True)
    if not any(line.strip() and not line.lstrip().startswith("#") for line in yaml_text.split("\n")):
        # Only comments, or nothing: YAML reads no value at all, and the file would be left out without a word.
        report(1, "toppteksten mellom de to «---»-linjene er tom. Fyll inn det malen i veiledningen viser, som «gruppe:» og «dato:».")
        return Document(None, stripped, body_first_line, True)
    meta = load_yaml(yaml_text, report, first_line=2)
    if meta is None:
        return Document(None, stripped, body_first_line, True)
    if not isinstance(meta, LocatedDict):
        report(2, "toppteksten må bestå av linjer på formen «nøkkel: verdi».")
        return Document(None, stripped, body_first_line, True)
    return Document(meta, stripped, body_first_line, True)


# libyaml (PyYAML's C parser) composes the same nodes about ten times faster;
# scripts/bench.py found YAML parsing the largest part of validating 2,000
# meetings. Errors are always reported by the pure-Python parser, whose
# messages _yaml_problem translates. tests/test_properties.py checks that both
# accept the same texts and build the same nodes.
# What PyYAML's reader, scanner and parser raise on bad text: its own errors,
# and Python's when an escape («"\U80000000"») or a number is out of range or
# the text nests too deep. Every pass over the text catches all of them.
PARSER_FAILURES = (yaml.YAMLError, ValueError, OverflowError, RecursionError, UnicodeError)

_LIBYAML_LOADER = getattr(yaml, "CSafeLoader", None)
_UNPARSED = object()
_LIBYAML_AVOIDS = ("\t", "!", "?", "%", "&", "*", "\\", "\ufeff")


def _compose_with_libyaml(text: str) -> Any:
    """The node tree, or _UNPARSED when libyaml is missing or finds a problem."""
    # The two parsers differ on rarities (a tab inside a plain value, a lone
    # tag "!", "a?" in a flow list), which Hypothesis found; text with any of these goes
    # to the Python parser. Ordinary minutes and data files have none of them.
    if _LIBYAML_LOADER is None or any(c in text for c in _LIBYAML_AVOIDS):
        return _UNPARSED
    try:
        loader = _LIBYAML_LOADER(text)
    except Exception:  # noqa: BLE001 - any complaint: let the Python parser say it
        return _UNPARSED
    try:
        return loader.get_single_node()
    except Exception:  # noqa: BLE001
        return _UNPARSED
    finally:
        loader.dispose()


# Limits that keep a small hostile file from stalling or crashing the tools:
# an alias expands to a copy of what it names (a kilobyte of nested aliases is
# gigabytes), and deep nesting overflows the parser's recursion.
MAX_NESTING = 12


def load_yaml(text: str, report: Report, first_line: int = 1) -> Any:
    """Parse YAML keeping line numbers; report errors and YAML 1.1 traps."""
    simple = _simple_mapping(text, first_line)
    if simple is not None:
        return simple
    if _report_limits(text, report, first_line):
        return None
    node = _compose_with_libyaml(text)
    if node is _UNPARSED:
        node = _compose_reporting_errors(text, report, first_line)
        if node is _UNPARSED:
            return None
    if node is None:
        return None
    return _construct(node, yaml.SafeLoader(""), report, first_line)


# Most front matter is flat: «key: value» lines and lists of «  - value». This
# reads that shape in one pass, with exactly PyYAML's typing of plain values
# (its own implicit resolvers), and gives up on anything else (quotes with
# escapes, nesting, flow style, anchors, block scalars, a value PyYAML would
# read as anything but text or a valid date), which then goes the full way
# above. Validating 2,000 meetings spent a third of its time in the YAML
# parser before this; tests/test_sources.py checks both ways agree.
# Greedy «(.*)$» and rstrip() in code, not «(.*?)\s*$»: the lazy form tries the
# end of the line from every position, which is quadratic in a long line.
_SIMPLE_KEY = re.compile(r"^([^\s#:'\"\[\]{},&*!|>%@`?-][^:#]*?):(?: +(.*))?$")
_SIMPLE_ITEM = re.compile(r"^  - (.*)$")
# «: » and a colon at the end («sted: Oslo:») make YAML read a mapping, which a plain value cannot hold.
_PLAIN_UNSAFE = re.compile(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`]|: |:$|\s#|[\[\]{}]|\s$")
_RESOLVER = yaml.resolver.Resolver()
# The keys of time fields in any schema (`start`, `slutt`): YAML 1.1 reads an
# unquoted «13:00» there as the number 780, but it can only mean the time.
TIME_KEYS = frozenset(f.key for s in ALL_SCHEMAS.values() for f in s.fields if f.kind == "time")
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_YAML_WORDS = frozenset("yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF y Y n N null Null NULL".split())


def _simple_value(raw: str) -> Any:
    """A scalar of the simple shape, as PyYAML would read it; _UNPARSED when not simple."""
    if len(raw) >= 2 and raw[0] == raw[-1] == '"' and "\\" not in raw and '"' not in raw[1:-1]:
        return raw[1:-1]
    if len(raw) >= 2 and raw[0] == raw[-1] == "'" and "'" not in raw[1:-1]:
        return raw[1:-1]
    if not raw or _PLAIN_UNSAFE.search(raw):  # control characters: _simple_mapping checked the whole text
        return _UNPARSED
    if raw[0].isalpha() and raw not in _YAML_WORDS:
        return raw  # PyYAML's implicit types all start with a digit, a sign, a dot or one of these words
    tag = _RESOLVER.resolve(yaml.ScalarNode, raw, (True, False))
    if tag == "tag:yaml.org,2002:str":
        return raw
    if tag == "tag:yaml.org,2002:timestamp" and len(raw) == 10:
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            return _UNPARSED
    return _UNPARSED


def _is_time_typed_plain(raw: str) -> bool:
    """An unquoted value YAML 1.1 reads as a sexagesimal number («13:00», «9:05»)."""
    return ":" in raw and _RESOLVER.resolve(yaml.ScalarNode, raw, (True, False)) in _NUMBER_TAGS


def _simple_mapping(text: str, first_line: int) -> LocatedDict | None:
    if "\t" in text or _CONTROL.search(text):
        return None  # the full way reports it, with its line
    result = LocatedDict()
    result.line = first_line
    current: LocatedList | None = None
    for number, line in enumerate(text.split("\n"), start=first_line):
        if not line.strip() or line.startswith("#"):
            continue
        if current is not None:
            item = _SIMPLE_ITEM.match(line)
            if item:
                value = _simple_value(item.group(1).rstrip())
                if value is _UNPARSED:
                    return None
                current.append(value)
                current.item_lines.append(number)
                continue
            current = None
        match = _SIMPLE_KEY.match(line)
        if not match or match.group(1) in result:
            return None
        key, raw = match.group(1), match.group(2)
        raw = raw.rstrip() if raw is not None else None
        if raw is None or raw == "":
            # «key:» alone: a list follows, or the value is empty.
            current = LocatedList()
            current.line = number + 1
            result[key] = current
        elif key in TIME_KEYS and _is_time_typed_plain(raw):
            result[key] = raw
        else:
            value = _simple_value(raw)
            if value is _UNPARSED:
                return None
            result[key] = value
        result.key_lines[key] = number
    for key, value in result.items():
        if isinstance(value, LocatedList) and not value:
            result[key] = None  # «key:» with nothing under it
    return result if result else None


def _report_limits(text: str, report: Report, first_line: int) -> bool:
    """Aliases, anchors, tags and deep nesting are refused before the parser builds anything."""
    if report_control_characters(text, report, first_line):
        return True
    refused = False
    if "&" in text or "*" in text or "!" in text:
        refused = _report_anchors_and_tags(text, report, first_line)
    bound, line = _nesting_bound(text)
    if bound > MAX_NESTING:
        # PyYAML's own count is exact but quadratic in the depth (its scanner
        # revisits every open bracket at each token); beyond a few hundred
        # levels the bound is answer enough.
        depth, line = _deepest_nesting(text) if bound <= _EXACT_NESTING_UP_TO else (bound, line)
        if depth > MAX_NESTING:
            report(
                line + first_line - 1,
                f"verdiene er nestet {depth} nivåer dypt; mer enn {MAX_NESTING} er ikke tillatt. Skriv lister og oppføringer med færre nivåer.",
            )
            refused = True
    return refused


def _report_anchors_and_tags(text: str, report: Report, first_line: int) -> bool:
    """The first anchor or alias, and the first explicit tag, each with its line.

    A tag («!!binary», «!!python/name:…», «!!set») asks YAML for a value of
    another type than text, number, date or list; nothing in the archive needs
    one, and the safe loader's unusual types (bytes, sets) would reach the site
    as their Python spelling.
    """
    refused = anchored = tagged = False
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if not anchored and isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                report(
                    token.start_mark.line + first_line,
                    "YAML-ankere og -aliaser («&navn» og «*navn») er ikke tillatt her. Skriv verdien ut der den skal stå, eller sett teksten i anførselstegn.",
                )
                refused = anchored = True
            elif not tagged and isinstance(token, yaml.TagToken):
                handle, suffix = token.value
                shown = handle + suffix if handle else f"!<{suffix}>"
                report(
                    token.start_mark.line + first_line,
                    f"YAML-merket «{shown}» er ikke tillatt her. Skriv verdien som vanlig tekst; sett den i anførselstegn hvis den starter med «!».",
                )
                refused = tagged = True
            if anchored and tagged:
                break
    except PARSER_FAILURES:
        pass  # the full parse reports the error itself
    return refused


_EXACT_NESTING_UP_TO = 300


def _nesting_bound(text: str) -> tuple[int, int]:
    """A cheap upper bound of how deep values nest below the top level, and its (1-based) line.

    Every flow bracket counts, in quotes and comments too, so that no way of
    writing a value (a quote inside a plain value, «#» inside a word) hides
    brackets from it; in block style, every two columns of indentation and
    every «- » and «? » count one. Ordinary front matter and data stay far
    below the limit; above it, _deepest_nesting measures exactly.
    """
    deepest, deepest_line, flow = 0, 1, 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        block = (len(line) - len(stripped)) // 2
        while stripped[:2] in ("- ", "? "):
            block += 1
            stripped = stripped[2:].lstrip(" ")
        if "[" in line or "{" in line or flow:
            for char in line:
                if char in "[{":
                    flow += 1
                    if block + flow > deepest:
                        deepest, deepest_line = block + flow, number
                elif char in "]}":
                    flow = max(0, flow - 1)
        if block + flow > deepest:
            deepest, deepest_line = block + flow, number
    return deepest, deepest_line


def _deepest_nesting(text: str) -> tuple[int, int]:
    """How deep the values nest below the top level, and the (1-based) line where
    they are deepest, as YAML's own parser reads them.

    The parser works with a stack of its own, not by recursion, so no depth
    makes it fail; a syntax error ends the count where it stands (and is
    reported by the full parse).
    """
    depth = deepest = 0
    deepest_line = 1
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > deepest:
                    deepest, deepest_line = depth, event.start_mark.line + 1
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except PARSER_FAILURES:
        pass  # the full parse reports the error itself
    return max(0, deepest - 1), deepest_line


def _compose_reporting_errors(text: str, report: Report, first_line: int) -> Any:
    """The pure-Python parser: the node tree, or _UNPARSED after reporting why."""
    try:
        # PyYAML refuses control characters as soon as it is handed the text.
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as error:
        report(*_control_character(text, error, first_line))
        return _UNPARSED
    try:
        node = loader.get_single_node()
    except yaml.reader.ReaderError as error:
        report(*_control_character(text, error, first_line))
        return _UNPARSED
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line if mark else 0) + first_line
        report(line, f"YAML-feil: {_yaml_problem(error)}. Sjekk innrykk, kolon og anførselstegn på denne linjen eller linjen over.")
        return _UNPARSED
    except yaml.YAMLError as error:
        report(first_line, f"YAML-feil: {error}")
        return _UNPARSED
    except RecursionError:
        report(loader.get_mark().line + first_line, f"verdiene er nestet for dypt; mer enn {MAX_NESTING} nivåer er ikke tillatt.")
        return _UNPARSED
    except (ValueError, OverflowError):
        # PyYAML itself fails on a \-code beyond Unicode in double quotes ("\U00200000").
        report(
            loader.get_mark().line + first_line,
            "YAML-feil: en \\-kode i tekst i doble anførselstegn er ugyldig. Bruk enkle anførselstegn ('...') eller fjern \\.",
        )
        return _UNPARSED
    finally:
        loader.dispose()
    return node


def _control_character(text: str, error: yaml.reader.ReaderError, first_line: int) -> tuple[int, str]:
    """An invisible control character (often pasted from a PDF) that YAML does not allow."""
    line = text[: max(error.position, 0)].count("\n") + first_line
    return line, (
        f"linjen inneholder et usynlig kontrolltegn (U+{error.character:04X}) som YAML ikke tillater, "
        "ofte fra tekst kopiert fra PDF. Slett tegnet, eller skriv linjen på nytt."
    )


def _yaml_problem(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or error.context or "ukjent feil"
    translations = {
        "mapping values are not allowed here": "et kolon står der det ikke er lov (sett teksten i anførselstegn)",
        "could not find expected ':'": "mangler kolon etter nøkkelen",
        "found character '\\t' that cannot start any token": "tabulatortegn er ikke lov",
        "found undefined alias": "ukjent alias (*)",
        "expected <block end>, but found '<block mapping start>'": "feil innrykk",
        "expected <block end>, but found '-'": "feil innrykk i listen",
        "found unexpected end of stream": "teksten slutter midt i en verdi (mangler et anførselstegn?)",
    }
    for english, norwegian in translations.items():
        if problem.startswith(english):
            return norwegian
    return problem


_OCTAL_LIKE = re.compile(r"^[-+]?0[0-9_]+$")
_MAX_NUMBER_CHARS = 100
_BOOL_WORDS = {"true", "false"}


class _Invalid:
    """A value whose problem is reported already: checks downstream stay silent about it."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID = _Invalid()


def _construct(node: yaml.Node, loader: yaml.SafeLoader, report: Report, first_line: int) -> Any:
    line = node.start_mark.line + first_line
    if isinstance(node, yaml.MappingNode):
        result = LocatedDict()
        result.line = line
        for key_node, value_node in node.value:
            key = _construct(key_node, loader, report, first_line)
            key_line = key_node.start_mark.line + first_line
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                report(key_line, f"nøkkelen «{key}» står to ganger; den siste ville overskrive den første.")
                continue
            if key in TIME_KEYS and isinstance(value_node, yaml.ScalarNode) and not value_node.style and _is_time_typed_plain(value_node.value):
                # Kept as typed; the time field's own check says whether it is a time.
                result[key] = value_node.value
            else:
                result[key] = _construct(value_node, loader, report, first_line)
            result.key_lines[key] = key_line
        return result
    if isinstance(node, yaml.SequenceNode):
        result = LocatedList()
        result.line = line
        for item in node.value:
            result.append(_construct(item, loader, report, first_line))
            result.item_lines.append(item.start_mark.line + first_line)
        return result
    return _scalar(node, loader, report, line)


# A plain value that runs on over a line starting with «- »: a list item
# indented differently from the one above it.
_RUN_ON_ITEM = re.compile(r"\s-\s+\S")


def _scalar(node: yaml.ScalarNode, loader: yaml.SafeLoader, report: Report, line: int) -> Any:
    raw = node.value
    found = _CONTROL.search(raw)
    if found:
        # Written as an escape ("\x07") in quotes: the text itself looked clean.
        report(line, control_character_message(found.group()))
        return INVALID
    if node.style:  # quoted or block scalar: always text (plain is None, or "" from libyaml)
        return raw
    if node.end_mark.line > node.start_mark.line and _RUN_ON_ITEM.search(raw):
        report(
            line + 1,
            "feil innrykk i listen: linjen som starter med «-» står ikke like langt inn som linjen over, "
            f"så YAML leser begge som én verdi («{raw[:60]}»). Gi alle «-» i listen like mange mellomrom foran.",
        )
        return INVALID
    tag = node.tag
    if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and len(raw) > _MAX_NUMBER_CHARS:
        # Python refuses to print an integer of more than 4,300 digits (and
        # «0b…», «0x…» or «1:2:3…» make one from a few kilobytes): as a number
        # it would crash the first message or page that shows it.
        report(line, f"«{raw[:40]}…» er et tall med {len(raw)} tegn. Er det tekst, sett det i anførselstegn.")
        return INVALID
    if tag == "tag:yaml.org,2002:bool" and raw.lower() not in _BOOL_WORDS:
        report(
            line,
            f"«{raw}» leses som {'sann (true)' if raw.lower() in ('yes', 'on') else 'usann (false)'} av YAML. "
            f"Skriv {'true' if raw.lower() in ('yes', 'on') else 'false'} hvis det er ment, "
            f'eller "{raw}" i anførselstegn hvis det er tekst.',
        )
        return INVALID
    if tag == "tag:yaml.org,2002:int" and (_OCTAL_LIKE.match(raw) or ":" in raw):
        if ":" in raw:
            report(line, f'«{raw}» leses som tallet {loader.construct_object(node)} av YAML. Skriv klokkeslett i anførselstegn: "{raw}".')
        else:
            report(line, f'«{raw}» leses som tallet {loader.construct_object(node)} av YAML (ledende null). Sett det i anførselstegn: "{raw}".')
        return INVALID
    if tag == "tag:yaml.org,2002:float" and ":" in raw:
        report(line, f'«{raw}» leses som et tall av YAML. Skriv klokkeslett i anførselstegn: "{raw}".')
        return INVALID
    if tag == "tag:yaml.org,2002:timestamp":
        try:
            value = loader.construct_object(node)
        except (ValueError, OverflowError):
            report(line, f"«{raw}» er ikke en dato som finnes.")
            return INVALID
        if isinstance(value, dt.datetime):
            report(line, f"«{raw}» har klokkeslett i datoen; skriv bare datoen (ÅÅÅÅ-MM-DD) og bruk «start» og «slutt» for tiden.")
            return INVALID
        return value
    try:
        value = loader.construct_object(node)
    except (ValueError, OverflowError, yaml.YAMLError):
        report(line, f"«{raw}» kan ikke leses.")
        return INVALID
    if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and str(value) != raw:
        # YAML 1.1 reads «+4791234567» as 4791234567, «1_000» as 1000, «0x1f» as 31 and
        # «.nan» as nan: the text shown would not be the text written.
        report(line, f'«{raw}» leses som tallet {value} av YAML, så teksten ville blitt «{value}». Sett den i anførselstegn: "{raw}".')
        return INVALID
    return value
