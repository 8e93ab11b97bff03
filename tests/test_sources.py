"""The source readers: what the validator accepts is exactly what MkDocs shows."""

from __future__ import annotations

import datetime as dt

import pytest
from mkdocs.utils.meta import get_data

from archive.sources import LocatedDict, decode, load_yaml, split_front_matter


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
    assert problems == [(1, "toppteksten (front matter) er ikke avsluttet: legg til en linje med bare «---» etter den. Ellers viser nettstedet den som vanlig tekst.")]


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
        ("a: no\n", "no", "«no» leses som usann (false) av YAML. Skriv false hvis det er ment, eller \"no\" i anførselstegn hvis det er tekst."),
        ("a: on\n", "on", "«on» leses som sann (true) av YAML. Skriv true hvis det er ment, eller \"on\" i anførselstegn hvis det er tekst."),
        ("a: 0150\n", "0150", "«0150» leses som tallet 104 av YAML (ledende null). Sett det i anførselstegn: \"0150\"."),
        ("a: 18:30\n", "18:30", "«18:30» leses som tallet 1110 av YAML. Skriv klokkeslett i anførselstegn: \"18:30\"."),
        ("a: 2025-02-30\n", "2025-02-30", "«2025-02-30» er ikke en dato som finnes."),
    ],
)
def test_yaml_1_1_traps_keep_the_typed_text_and_are_reported(yaml_text, value, message):
    problems, report = collect()
    data = load_yaml(yaml_text, report, first_line=5)
    assert data["a"] == value
    assert problems == [(5, message)]


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
