"""The source readers: front matter as MkDocs finds it, YAML with its lines, and limits."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from mkdocs.utils.meta import get_data

from archive.model.sources import INVALID, LocatedDict, _compose_reporting_errors, _construct, _simple_mapping, decode, load_yaml, split_front_matter


def collect():
    problems: list[tuple[int, str]] = []
    return problems, lambda line, message: problems.append((line, message))


FRONT_MATTER_CASES = [
    "---\ngruppe: a\n---\nTekst\n",
    "---\ngruppe: a\n...\nTekst\n",
    "---  \ngruppe: a\n---\t\n\n\nTekst\n",
    "---\ngruppe: a\nTekst uten slutt\n",
    "Tekst\n---\ngruppe: a\n---\n",
    "---\n- en liste\n---\nTekst\n",
]


@pytest.mark.parametrize("text", FRONT_MATTER_CASES)
def test_front_matter_is_split_where_mkdocs_splits_it(text):
    body, meta = get_data(text)
    problems, report = collect()
    document = split_front_matter(text, report)
    if meta:
        assert dict(document.meta) == meta
        assert document.body == body
    else:
        assert document.meta is None


def test_unclosed_front_matter_is_reported_because_mkdocs_would_show_it_as_text():
    problems, report = collect()
    split_front_matter("---\ngruppe: a\nstatus: utkast\n\nTekst\n", report)
    assert problems == [
        (1, "toppteksten (front matter) er ikke avsluttet: legg til en linje med bare «---» etter den. Ellers viser nettstedet den som vanlig tekst.")
    ]


def test_body_first_line_counts_front_matter_and_blank_lines():
    problems, report = collect()
    document = split_front_matter("---\na: 1\nb: 2\n---\n\n\nFørste linje\n", report)
    assert document.body_first_line == 7
    assert document.body.startswith("Første linje")


def test_byte_order_mark_and_crlf_are_read_as_mkdocs_reads_them(tmp_path):
    # MkDocs opens files with utf-8-sig in text mode: BOM dropped, CRLF becomes LF.
    raw = "\ufeff---\r\ngruppe: a\r\n---\r\nLinje én\r\n".encode("utf-8")
    path = tmp_path / "a.md"
    path.write_bytes(raw)
    with open(path, encoding="utf-8-sig", errors="strict") as handle:
        as_mkdocs_reads_it = handle.read()
    problems, report = collect()
    assert decode(raw, report) == as_mkdocs_reads_it
    assert problems == []
    document = split_front_matter(as_mkdocs_reads_it, report)
    assert dict(document.meta) == {"gruppe": "a"}


def test_windows_1252_is_reported_with_its_line():
    problems, report = collect()
    assert decode("Linje 1\nBærum\n".encode("cp1252"), report) is None
    assert problems == [(2, "filen er ikke lagret som UTF-8 (kanskje fra Word, som lagrer æ, ø og å annerledes). Lagre den på nytt som «UTF-8» og prøv igjen.")]


def test_empty_file_is_reported():
    problems, report = collect()
    split_front_matter("  \n", report)
    assert problems == [(1, "filen er tom.")]


@pytest.mark.parametrize(
    "yaml_text, value, message",
    [
        ("a: no\n", "no", '«no» leses som usann (false) av YAML. Skriv false hvis det er ment, eller "no" i anførselstegn hvis det er tekst.'),
        ("a: on\n", "on", '«on» leses som sann (true) av YAML. Skriv true hvis det er ment, eller "on" i anførselstegn hvis det er tekst.'),
        ("a: 0150\n", "0150", '«0150» leses som tallet 104 av YAML (ledende null). Sett det i anførselstegn: "0150".'),
        ("a: 18:30\n", "18:30", '«18:30» leses som tallet 1110 av YAML. Skriv klokkeslett i anførselstegn: "18:30".'),
        ("a: 2025-02-30\n", "2025-02-30", "«2025-02-30» er ikke en dato som finnes."),
    ],
)
def test_yaml_1_1_traps_are_reported_once_and_their_value_set_aside(yaml_text, value, message):
    problems, report = collect()
    data = load_yaml(yaml_text, report, first_line=5)
    assert data["a"] is INVALID  # reported here, so no check downstream says more about it
    assert value in message
    assert problems == [(5, message)]


@pytest.mark.parametrize(
    "yaml_text, expected",
    [
        ("start: 13:00\nslutt: 15:30\n", {"start": "13:00", "slutt": "15:30"}),
        ("start: 9:05\n", {"start": "9:05"}),  # the time field's check writes it 09:05
        ('start: "13:00"\n', {"start": "13:00"}),
        ("start: 13:00 # etter lunsj\n", {"start": "13:00"}),
        ("- id: a\n  start: 18:30\n", [{"id": "a", "start": "18:30"}]),  # an event in data/arrangementer.yaml
        ("start: 13:00:00\n", {"start": "13:00:00"}),  # kept as typed: the time check says it is no time
    ],
)
def test_unquoted_times_in_time_fields_are_read_as_typed(yaml_text, expected):
    """People and web forms write `start: 13:00`; YAML 1.1 alone would read 780."""
    problems, report = collect()
    assert load_yaml(yaml_text, report) == expected
    assert problems == []


def test_a_huge_sexagesimal_number_in_a_time_field_stays_text():
    """«start: 1:1:1:…» is never made a number of thousands of digits (tests/samples/hostile/refused/stall-sexagesimal-number has it in another field)."""
    problems, report = collect()
    huge = ":".join(["1"] * 3001)
    assert load_yaml(f"start: {huge}\n", report) == {"start": huge}
    assert problems == []


def test_a_time_typed_outside_a_time_field_is_still_reported():
    problems, report = collect()
    data = load_yaml("sted: 18:30\nstart:\n  - 13:00\n", report)
    assert data["sted"] is INVALID and data["start"] == [INVALID]
    assert problems == [
        (1, '«18:30» leses som tallet 1110 av YAML. Skriv klokkeslett i anførselstegn: "18:30".'),
        (3, '«13:00» leses som tallet 780 av YAML. Skriv klokkeslett i anførselstegn: "13:00".'),
    ]


def test_time_keys_are_time_fields_in_every_schema_that_has_them():
    """`start` and `slutt` are read as times wherever they appear, so no schema may use them for anything else."""
    from archive.model.schema import ALL_SCHEMAS
    from archive.model.sources import TIME_KEYS

    assert TIME_KEYS == {"start", "slutt"}
    for kind in ALL_SCHEMAS.values():
        for spec in kind.fields:
            assert spec.key not in TIME_KEYS or spec.kind == "time", (kind.name, spec.key)


def test_quoted_values_are_text_and_fine():
    problems, report = collect()
    data = load_yaml('a: "no"\nb: "18:30"\nc: 2025-03-12\nd: true\n', report)
    assert data == {"a": "no", "b": "18:30", "c": dt.date(2025, 3, 12), "d": True}
    assert problems == []


def test_duplicate_keys_are_reported_and_the_first_kept():
    problems, report = collect()
    data = load_yaml("a: 1\nb: 2\na: 3\n", report)
    assert data["a"] == 1
    assert problems == [(3, "nøkkelen «a» står to ganger; den siste ville overskrive den første.")]


def test_yaml_syntax_error_names_the_line_in_norwegian():
    problems, report = collect()
    assert load_yaml("a: 1\nb: [x, y\nc: 2\n", report, first_line=2) is None
    assert len(problems) == 1 and problems[0][1].startswith("YAML-feil:")


def test_tabs_in_front_matter_are_reported_per_line():
    problems, report = collect()
    split_front_matter("---\na: 1\n\tb: 2\n---\nTekst\n", report)
    assert problems == [(3, "tabulatortegn er ikke lov i YAML; bruk mellomrom til innrykk.")]


def test_lines_are_remembered_for_keys_and_items():
    problems, report = collect()
    data = load_yaml("a: 1\nliste:\n  - x\n  - y\n", report, first_line=2)
    assert isinstance(data, LocatedDict)
    assert data.line_of("liste") == 3
    assert data["liste"].line_of(1) == 5


def test_aliases_and_anchors_are_refused_before_they_expand():
    problems, report = collect()
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    assert load_yaml(bomb, report, first_line=2) is None
    assert problems == [
        (2, "YAML-ankere og -aliaser («&navn» og «*navn») er ikke tillatt her. Skriv verdien ut der den skal stå, eller sett teksten i anførselstegn.")
    ]


def test_deep_nesting_is_refused_with_its_line_not_a_recursion_error():
    problems, report = collect()
    assert load_yaml("a: 1\nb: " + "[" * 5000 + "]" * 5000 + "\n", report, first_line=2) is None
    assert problems == [(3, "verdiene er nestet 5000 nivåer dypt; mer enn 12 er ikke tillatt. Skriv lister og oppføringer med færre nivåer.")]


def test_a_control_character_written_as_an_escape_is_reported_with_its_line():
    problems, report = collect()
    data = load_yaml('a: ok\nb: "klokke\\x07"\n', report, first_line=2)
    assert data["b"] is INVALID
    assert problems == [
        (3, "linjen inneholder et usynlig kontrolltegn (U+0007), ofte fra tekst kopiert fra PDF eller Word. Slett tegnet, eller skriv linjen på nytt.")
    ]


def test_a_list_item_indented_differently_is_reported_as_indentation():
    problems, report = collect()
    data = load_yaml("tilstede:\n- Dag Aanensen\n  - Unni Larsen\nstatus: utkast\n", report, first_line=2)
    assert data["tilstede"] == [INVALID]
    assert len(problems) == 1 and problems[0][0] == 4 and problems[0][1].startswith("feil innrykk i listen")


FLAT_CASES = [
    'gruppe: naeringsgruppen\ndato: 2026-01-15\nstart: "13:00"\nsted:\ntilstede:\n  - Dag Aanensen\n  - Unni Larsen\nstatus: utkast\n',
    "sted: Rådhuset, 2. etasje\nkilde: 'Skannet referat'\nmøteleder: Eli Arnkværn Bryhni\n",
    "a: yes\n",
    "a: 0150\n",
    "a: 18:30\n",
    "start: 18:30\n",
    "start: 18:30\nslutt: 20:00 # sent\n",
    "start:\n  - 18:30\n",
    "a: 2025-02-30\n",
    "a: 1.5\n",
    "a: ~\n",
    "a: x # kommentar\n",
    "a: [x, y]\n",
    "a: 'it''s'\n",
    'a: "sitat \\" her"\n',
    "a:\n- x\n",
    "a: b: c\n",
    "a: -x\n",
    "a: x\na: y\n",
]


@pytest.mark.parametrize("text", FLAT_CASES)
def test_the_quick_reader_of_flat_front_matter_agrees_with_the_full_reader(text):
    """The quick way reads only what it can read exactly as PyYAML does; the rest goes the full way."""
    quick = _simple_mapping(text, 2)
    if quick is None:
        return
    problems, report = collect()
    node = _compose_reporting_errors(text, report, 2)
    slow = _construct(node, yaml.SafeLoader(""), report, 2)
    assert problems == []
    assert quick == slow
    assert quick.key_lines == slow.key_lines
    for key, value in quick.items():
        if isinstance(value, list):
            assert value.item_lines == slow[key].item_lines
