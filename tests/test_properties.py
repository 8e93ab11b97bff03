"""Property-based tests: the loaders and the validator never raise on any input.

Whatever a secretary types (half a YAML file, a tab, a list where a mapping
belongs, a date that does not exist), the model reports problems with a line
number and a message; it never crashes. The exact messages for known bad
files are pinned by tests/bad_files/; here Hypothesis hunts for the inputs
nobody thought of.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from archive.model import schema
from archive.model.problems import Problem
from archive.model.repository import load_repository, meeting_from_text
from archive.model.sources import Document, _compose_reporting_errors, _construct, _simple_mapping, load_yaml, split_front_matter

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
FIXED_TODAY = dt.date(2025, 6, 1)

# -- strategies --------------------------------------------------------------

# Characters that matter to YAML and to our checks, mixed with Norwegian text.
YAML_ALPHABET = st.sampled_from(list("abcæøå ÆØÅ:-#'\"[]{},|>&*!%@`\t\n0123456789.+~?") + ["---", "...", "\r\n", "\ufeff", "é", "–"])
yaml_soup = st.lists(YAML_ALPHABET, max_size=80).map("".join)

MEETING_KEYS = [f.key for f in schema.MEETING.fields]
ALL_KEYS = sorted({f.key for s in schema.ALL_SCHEMAS.values() for f in s.fields})
KNOWN_IDS = ["kari-nordmann", "ola-hansen", "testgruppen", "testkommune", "naeringsgruppen", "finnes-ikke", ""]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.text(max_size=20),
    st.sampled_from(
        KNOWN_IDS + list(schema.MEETING_STATUSES) + list(schema.ACTION_STATUSES) + ["13:00", "0150", "no", "yes", "2025-02-30", "https://x.no", "a@b.no"]
    ),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(ALL_KEYS) | st.text(max_size=8), children, max_size=5),
    ),
    max_leaves=12,
)
# Mappings that look like our records: real keys, any values.
records = st.dictionaries(st.sampled_from(ALL_KEYS) | st.text(max_size=8), values, max_size=8)
meeting_meta = st.dictionaries(st.sampled_from(MEETING_KEYS) | st.text(max_size=8), values, max_size=10)


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None)


@st.composite
def mutated_yaml(draw, base=values):
    """Valid YAML of our shapes, then damaged in a few places."""
    text = dump(draw(base))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(yaml_soup) + text[at:]
    return text


@st.composite
def meeting_texts(draw):
    meta = dump(draw(meeting_meta)) if draw(st.booleans()) else draw(mutated_yaml(meeting_meta))
    body = "".join(draw(st.lists(st.sampled_from(BODY_PIECES), max_size=8)))
    opening = draw(st.sampled_from(["---\n", "--- \n", "", "\ufeff---\n", "---\r\n"]))
    closing = draw(st.sampled_from(["---\n", "...\n", "", "--\n"]))
    return opening + meta + closing + body + draw(yaml_soup)


# Pieces of bodies as secretaries (and attackers) write them.
BODY_PIECES = [
    "",
    "Tekst.\n",
    "## 1. Sak\n\nTekst\n",
    "## Sak 38/25 Noe\n\n- punkt\n",
    "<script>x</script>\n",
    "##3\n",
    "## [4]\n",
    "Vedtak: Godkjent.\n\n",
    "Vedtak:\n\n- a\n- b\n",
    "- [ ] Oppgave. Ansvar: Ola Hansen. Frist: 1. mai 2025.\n",
    "- [x] Ferdig. Ansvar: Ukjent Person. Fra: 2025-03-12, sak 2/25, punkt 9.\n",
    "- [ ] Uten ansvar\n",
    "Klynger: Testklyngen, Finnes Ikke\n",
    "Satsingsområde: Grønn omstilling\n",
    "Gjelder: 2025-13-45\n",
    "### Gruppe 1 – Grønn omstilling\n",
    "```\n## 9. i kode\n",
    "Tekst\n---\n",
    "[lenke](javascript:alert(1))\n",
    "![bilde](https://x.no/a.png)\n",
    "<b onclick=x>fet</b>\n",
    "{: onclick=alert(1)}\n",
    "{{ 7*7 }}\n",
    "\x07\n",
]


# -- checking what a report receives -----------------------------------------


def collector():
    received: list[tuple[int, str]] = []

    def report(line, message):
        # Every report is a line number and a Norwegian sentence.
        assert isinstance(line, int) and line >= 0, line
        assert isinstance(message, str) and message.strip(), message
        received.append((line, message))

    return received, report


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.one_of(st.text(max_size=200), yaml_soup, mutated_yaml()))
def test_load_yaml_never_raises(text):
    received, report = collector()
    load_yaml(text, report)
    for line, _ in received:
        assert line <= text.count("\n") + 2


@FAST
@given(st.one_of(st.text(max_size=200), meeting_texts()))
# Found by Hypothesis: an escape beyond Unicode made PyYAML's scanner raise
# OverflowError or ValueError in the passes before the full parse.
@example('---\nsted: "\\U80000000"\nnavn: &a Kari\n---\n')
@example('---\n- "\\U00200000"\n- !!str x\n---\n')
@example('---\na: [[[[[[[[[[[[[[["\\U80000000"]]]]]]]]]]]]]]]\n---\n')
def test_split_front_matter_never_raises(text):
    received, report = collector()
    document = split_front_matter(text, report)
    assert isinstance(document, Document)
    assert document.body_first_line >= 1
    # Front matter that is not a mapping is never handed on as if it were.
    assert document.meta is None or isinstance(document.meta, dict)


_MINI_REPO = load_repository(MINI, today=FIXED_TODAY)[0]


def _meeting(text: str, report):
    repo = _MINI_REPO
    return meeting_from_text(
        text,
        "docs/moter/testgruppen/2025-01-01.md",
        "testgruppen/2025-01-01",
        "moter/testgruppen/2025-01-01.md",
        repo.names,
        repo.groups,
        repo.areas_of_group,
        report,
    )


@FAST
@given(meeting_texts())
@example("---\n#{}\n---\n")  # found by Hypothesis: front matter of only a comment left the meeting out without a word
def test_meeting_from_text_never_raises(text):
    received, report = collector()
    result = _meeting(text, report)
    if result is None:
        # Nothing built means the reader was told why (an empty file included).
        assert received, text


@FAST
@given(meeting_meta)
def test_meeting_from_well_formed_yaml_never_raises(meta):
    """Well-formed YAML of any shape: the schema check, not the parser, answers."""
    received, report = collector()
    result = _meeting("---\n" + dump(meta) + "---\nTekst.\n", report)
    if result is None:
        assert received


DATA_FILES = [s.data_file for s in schema.RECORD_SCHEMAS.values()]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data_file=st.sampled_from(DATA_FILES),
    data_text=st.one_of(mutated_yaml(st.lists(records, max_size=4)), st.lists(records, max_size=4).map(dump), yaml_soup),
    meeting_text=meeting_texts(),
    meeting_name=st.sampled_from(["2025-01-01.md", "udatert.md", "vedlegg.md", "index.md"]),
    folder=st.sampled_from(["testgruppen", "ukjent-gruppe"]),
)
def test_load_repository_never_raises(data_file, data_text, meeting_text, meeting_name, folder):
    """A tiny valid repository with one data file and one meeting replaced by anything."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(MINI, repo)
        (repo / "data" / data_file).write_text(data_text, encoding="utf-8")
        meeting = repo / "docs" / "moter" / folder / meeting_name
        meeting.parent.mkdir(parents=True, exist_ok=True)
        meeting.write_text(meeting_text, encoding="utf-8")
        loaded, problems = load_repository(repo, today=FIXED_TODAY)
    assert all(isinstance(p, Problem) and p.message.strip() and p.line >= 0 for p in problems)
    assert problems == sorted(set(problems))
    assert all(p.path.startswith(("data/", "docs/")) for p in problems)
    # The untouched meetings still load: one bad file does not hide the rest.
    assert any(m.id.startswith("testgruppen/2025-0") for m in loaded.meetings) or data_file in ("grupper.yaml",)


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=200))
def test_load_repository_survives_any_bytes_in_a_meeting_file(raw):
    """Word's Windows-1252, a lone BOM, NUL bytes: reported, never a crash."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(MINI, repo)
        (repo / "docs" / "moter" / "testgruppen" / "2025-09-09.md").write_bytes(raw)
        _, problems = load_repository(repo, today=FIXED_TODAY)
    assert all(isinstance(p, Problem) for p in problems)


def test_the_fixture_repository_is_valid():
    """The properties above start from a repository with no problems of its own."""
    _, problems = load_repository(MINI, today=FIXED_TODAY)
    assert problems == []


# -- what Hypothesis found ----------------------------------------------------


def test_a_control_character_is_reported_not_raised():
    """Found by test_load_yaml_never_raises: PyYAML raised ReaderError on '\\x1f'."""
    received, report = collector()
    assert load_yaml("navn: Kari\nmerknad: tekst\x1fmed tegn\n", report, first_line=2) is None
    assert received == [
        (3, "linjen inneholder et usynlig kontrolltegn (U+001F), ofte fra tekst kopiert fra PDF eller Word. Slett tegnet, eller skriv linjen på nytt.")
    ]


def test_a_meeting_with_a_control_character_names_the_line():
    received, report = collector()
    _meeting("---\ngruppe: testgruppen\nsted: Oslo\x0b\n---\nTekst\n", report)
    assert [line for line, _ in received] == [3]


# -- libyaml and the pure-Python parser agree -----------------------------------


def _python_only(text: str):
    """load_yaml as it runs without libyaml: the reference for what MkDocs accepts."""
    import archive.model.sources as sources

    saved = sources._LIBYAML_LOADER
    sources._LIBYAML_LOADER = None
    try:
        received, report = collector()
        return load_yaml(text, report), received
    finally:
        sources._LIBYAML_LOADER = saved


def _shape(value):
    """Values with the lines they remember, for comparing two parses."""
    if isinstance(value, dict):
        return ("map", value.line, [(k, value.line_of(k), _shape(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", value.line, [(value.line_of(i), _shape(v)) for i, v in enumerate(value)])
    if isinstance(value, float) and value != value:
        return ("nan",)
    return (type(value).__name__, value)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(mutated_yaml(), values.map(dump), records.map(dump), yaml_soup, meeting_texts()))
def test_libyaml_and_python_parser_give_the_same_result(text):
    received, report = collector()
    fast = load_yaml(text, report)
    slow, slow_received = _python_only(text)
    assert _shape(fast) == _shape(slow)
    assert received == slow_received


def test_an_escape_beyond_unicode_is_reported_not_raised():
    """Found by test_split_front_matter_never_raises: PyYAML raised ValueError on "\\U00200000"."""
    received, report = collector()
    assert load_yaml('navn: Kari\nmerknad: "\\U00200000"\n', report) is None
    assert received == [(2, "YAML-feil: en \\-kode i tekst i doble anførselstegn er ugyldig. Bruk enkle anførselstegn ('...') eller fjern \\.")]


# -- the quick reader of flat front matter agrees with the full one ------------------

flat_values = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=24),
    st.sampled_from(
        [
            "no",
            "yes",
            "On",
            "0150",
            "18:30",
            "2025-02-30",
            "2025-03-12",
            "1.5",
            "~",
            "null",
            "-x",
            "a: b",
            "x # c",
            "'q'",
            '"q"',
            "[a]",
            "Rom, 2. etasje",
            "Oslo\x0b",
            "x\ty",
        ]
    ),
)
flat_texts = st.lists(
    st.tuples(st.sampled_from(MEETING_KEYS + ["a", "b", "x y"]), st.one_of(flat_values, st.lists(flat_values, max_size=3))),
    max_size=6,
).map(lambda pairs: "".join(f"{k}: {v}\n" if isinstance(v, str) else f"{k}:\n" + "".join(f"  - {item}\n" for item in v) for k, v in pairs))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flat_texts)
@example("gruppe: 0:\n")  # found by Hypothesis: a colon at the end is a mapping to YAML
def test_the_quick_reader_reads_exactly_what_pyyaml_reads(text):
    """Whenever the quick way reads a text, PyYAML reads the same values, at the same lines, with no complaint."""
    quick = _simple_mapping(text, 2)
    if quick is None:
        return
    received, report = collector()
    node = _compose_reporting_errors(text, report, 2)
    assert node is not None
    slow = _construct(node, yaml.SafeLoader(""), report, 2)
    assert received == []
    assert _shape(quick) == _shape(slow)
