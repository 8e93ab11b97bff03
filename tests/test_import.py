"""Importing minutes from outside: the seed OCR text, a Word file and a PDF.

The drafts are written in the minutes format of docs-dev/minutes-format.md, and
each one passes the validator unedited (`draft_problems`): the secretary reviews
the wording, not the syntax.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

import docx
import pytest
import yaml
from _helpers import ROOT, copy_real_repo, run_script

from archive.importer.draft import draft_minutes, missing_words, read_source
from archive.importer.lexicon import load_lexicon
from archive.importer.people import accept_proposals
from archive.model.repository import load_repository

SEED = Path("/work/shared/seed/referat-naeringsgruppen-ocr.txt")
SEED_COPY = Path(__file__).resolve().parent / "samples" / "referat-naeringsgruppen-ocr.txt"

SEED_MEETING = "2025-udatert.md"  # the seed in this archive (its date is not in the text)


def _seed() -> Path:
    return SEED if SEED.is_file() else SEED_COPY


def assert_every_word_kept(source: str, result) -> None:
    """Every word of the source is in the draft (not only in the review comment),
    as it was or as repaired, and every repair is listed."""
    from archive.importer.ocr_repair import WORD_RE

    before, after = WORD_RE.findall(source), WORD_RE.findall(result.repaired_source)
    assert len(before) == len(after)
    listed = {(r.original, r.repaired) for r in result.repairs}
    for old, new in zip(before, after, strict=True):
        assert old == new or (old, new) in listed, (old, new)
    assert not missing_words(result), missing_words(result)


def draft_problems(text: str, name: str | None = None, instead_of: str | None = None, proposals: Path | str | None = None) -> list[str]:
    """What the validator (the same load as `make validate`) says about the draft
    `text` saved where it belongs in a copy of this archive (as `name`, by default
    its date), in place of the file `instead_of` (the same minutes, already there),
    with the proposed people (a `.nye-personer.yaml` file, or its text) accepted
    into data/. Only the draft's own problems count: later minutes may refer to
    the hand-made version's follow-ups, which an import of the same text cannot know."""
    front = _front(text)
    name = name or f"{front['dato']}.md"
    with tempfile.TemporaryDirectory() as temporary:
        root = copy_real_repo(Path(temporary) / "repo")
        if proposals is not None:
            accept_proposals(proposals.read_text(encoding="utf-8") if isinstance(proposals, Path) else proposals, root)
        folder = root / "docs" / "moter" / front["gruppe"]
        folder.mkdir(parents=True, exist_ok=True)
        if instead_of:
            (folder / instead_of).unlink()
        (folder / name).write_text(text, encoding="utf-8")
        _, problems = load_repository(root)
    draft = f"docs/moter/{front['gruppe']}/{name}"
    return [str(p) for p in problems if p.path == draft]


def _front(text: str) -> dict:
    return yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))


def _make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Referat fra mgte i Næringsgruppen 12. mars 2025")
    document.add_paragraph("Sted: Hamar")
    document.add_paragraph("Mgteleder: Eli Bryhni")
    document.add_paragraph("Tilstede:")
    table = document.add_table(rows=3, cols=2)
    for row, (name, organisation) in zip(
        table.rows, [("Dag Aanensen", "Drammensregionen"), ("Asbjgrn Lunde (digitalt)", "Elverum Vekst"), ("Kari Ukjentsen", "Ingen kommune")], strict=True
    ):
        row.cells[0].text, row.cells[1].text = name, organisation
    document.add_paragraph("Sak 38/25 Budsjett for sirkulzergkonomi")
    document.add_paragraph("Vedtak: Budsjettet ble godkjent.")
    document.add_paragraph("Sak 39/25 Eventuelt")
    document.add_paragraph("Ingen saker.")
    document.save(path)
    return path


def _make_pdf(path: Path, lines: list[str]) -> Path:
    """A one-page PDF with a real text layer, written by hand (no PDF library needed)."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = ("BT /F1 11 Tf 50 800 Td 14 TL " + " ".join(f"({escape(line)}) Tj T*" for line in lines) + " ET").encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(out)
    return path


PDF_LINES = [
    "Referat fra mgte i Naeringsgruppen",
    "Dato: 12.03.2025",
    "Tilstede: Dag Aanensen, Unni Larsen, Per Utenfra",
    "Forfall: Ove Gjesdal",
    "07 - 2025 Godkjenning av innkalling",
    "Godkjent",
    "08 - 2025 Klynger",
    "Innovasjon Norge deler kontaktlisten pa neste mgte.",
    "Oppfølging: Dele kontaktlisten med alle klyngene.",
]


@pytest.fixture
def archive(tmp_path):
    return copy_real_repo(tmp_path / "repo")


def _in_process(path: Path, root: Path, group="naeringsgruppen", date=None):
    repo, _ = load_repository(root)
    text, notes = read_source(path)
    return text, draft_minutes(text, repo, group, date, path.name, load_lexicon(), notes)


# -- the seed ------------------------------------------------------------------


def test_seed_imports_to_a_draft_in_the_minutes_format(archive):
    output = archive / "docs/moter/naeringsgruppen/2025-03-12.md"
    result = run_script("import_minutes.py", str(_seed()), "--group", "naeringsgruppen", "--date", "2025-03-12", "--output", str(output))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == "Utkast til referat for Næringsgruppen 12. mars 2025 (status utkast)."
    assert re.search(r"Rettet 1[1-2]\d ord fra tekstgjenkjenningen", result.stdout)
    assert "«var» kan være feillest for «vår»" in result.stdout
    assert draft_problems(output.read_text(encoding="utf-8"), name=SEED_MEETING, instead_of=SEED_MEETING) == []


def test_seed_draft_reads_the_structure(archive):
    _, result = _in_process(_seed(), archive, date=dt.date(2025, 3, 12))
    repo, _ = load_repository(archive)
    front = _front(result.text)
    assert "saker" not in front
    assert (front["møteleder"], front["referent"]) == ("Eli Arnkværn Bryhni", "Mari Strømsvåg")
    assert len(front["tilstede"]) == 9 and front["tilstede_digitalt"] == ["Asbjørn Lunde", "Anne Solheim", "Asbjørn Flo"]
    # The 45 the seed invites, in the order of the group's members when the seed
    # was entered (tests/fixtures/seed): the group may gain or lose members later.
    frozen, _ = load_repository(ROOT / "tests" / "fixtures" / "seed")
    id_of = {person.name: person.id for person in repo.people.values()}
    assert [id_of.get(name) for name in front["inviterte"]] == frozen.groups["naeringsgruppen"].members
    assert front["arrangementer"] == ["Energiworkshop", "BEST-konferansen 2025"]
    headings = re.findall(r"^## (.*)$", result.text, re.MULTILINE)
    # Titles in capitals stay as written (issue 25: capitals and acronyms are never recased).
    assert headings == [
        "1. GODKJENNING AV INNKALLING OG DAGSORDEN",
        "2. GODKJENNING AV REFERAT FRA MØTE 16. januar 2025",
        "3. NÆRINGSKLYNGER - STATUS",
        "[4] FREMLEGG OG DISKUSJON OM SATSINGSOMRÅDER FOR NÆRINGSSAMARBEID",
        "[5] RUNDE RUNDT BORDET",
        "7. Eventuelt",
    ]
    assert "## 1. GODKJENNING AV INNKALLING OG DAGSORDEN\n\nVedtak: Godkjent\n" in result.text
    assert "### Gruppe 2 - Sirkulærøkonomi" in result.text
    assert "#   Rettet: linje 14: «Strgmsvag» → «Strømsvåg» (g→ø, a→å)" in result.text
    assert "nummeret 4 er satt inn som [4]" in result.text
    assert result.date_in_source is None  # the seed does not state its date
    assert draft_problems(result.text, name=SEED_MEETING, instead_of=SEED_MEETING) == []


def test_seed_never_loses_a_word(archive):
    source, result = _in_process(_seed(), archive)
    assert_every_word_kept(source, result)


def test_seed_without_date_is_refused(archive):
    output = archive / "docs/moter/naeringsgruppen/utkast.md"
    result = run_script("import_minutes.py", str(_seed()), "--group", "naeringsgruppen", "--output", str(output))
    assert result.returncode == 1
    assert result.stderr == (
        f"{_seed()}: fant ingen møtedato i referatet. Oppgi datoen med --date ÅÅÅÅ-MM-DD (se etter datoen i innkallingen eller e-posten referatet kom i).\n"
    )
    assert not output.exists()


# -- Word and PDF ---------------------------------------------------------------


def test_docx_import(archive, tmp_path):
    source = _make_docx(tmp_path / "referat.docx")
    output = archive / "docs/moter/naeringsgruppen/fra-word.md"
    result = run_script("import_minutes.py", str(source), "--group", "naeringsgruppen", "--output", str(output))
    assert result.returncode == 0, result.stderr
    assert "«Kari Ukjentsen»" in result.stdout  # unknown person listed for review …
    text = output.read_text(encoding="utf-8")
    assert "Kari Ukjentsen" in text.split("\n---\n", 1)[1]  # … kept in the body …
    front = _front(text)
    assert (front["dato"], front["sted"], front["møteleder"]) == (dt.date(2025, 3, 12), "Hamar", "Eli Arnkværn Bryhni")
    # … and written as present, never dropped: proposed as a record beside the draft, with her organisation.
    assert (front["tilstede"], front["tilstede_digitalt"]) == (["Dag Aanensen", "Kari Ukjentsen"], ["Asbjørn Lunde"])
    proposals = yaml.safe_load((output.parent / "fra-word.nye-personer.yaml").read_text(encoding="utf-8"))
    # The file came through text recognition («mgte»): the spelling of the name is not confirmed.
    source_note = "Referat importert fra referat.docx (tekstgjenkjenning)"
    assert proposals["personer"] == [
        {"id": "kari-ukjentsen", "navn": "Kari Ukjentsen", "organisasjon": "ingen-kommune", "navn_bekreftet": False, "kilde": source_note}
    ]
    assert proposals["organisasjoner"] == [{"id": "ingen-kommune", "navn": "Ingen kommune", "type": "kommune", "kilde": source_note}]
    assert "## Sak 38/25 Budsjett for sirkulærøkonomi\n\nVedtak: Budsjettet ble godkjent.\n" in text
    assert draft_problems(text) != []  # Kari Ukjentsen is not in the register yet …
    assert draft_problems(text, proposals=output.parent / "fra-word.nye-personer.yaml") == []  # … and once accepted, the draft validates
    source_text, in_process = _in_process(source, archive)
    assert_every_word_kept(source_text, in_process)


def _word_minutes(path: Path, agenda_style: str) -> Path:
    """Minutes as Word writes them when the agenda numbers are Word's own
    («List Number») or the items are headings with no number («Heading 2»)."""
    document = docx.Document()
    document.add_paragraph("Referat fra mgte i Næringsgruppen 12. mars 2025", style="Heading 1")
    document.add_paragraph("Tilstede: Dag Aanensen, Gunhild Paulsen")
    for title, text in [("Godkjenning av innkalling", "Godkjent."), ("Budsjett", "Vedtak: Budsjettet ble godkjent."), ("Eventuelt", "Ingen saker.")]:
        document.add_paragraph(title, style=agenda_style)
        document.add_paragraph(text)
        document.add_paragraph("Et punkt i en liste", style="List Bullet")
    document.save(path)
    return path


@pytest.mark.parametrize(
    "style, headings",
    [
        ("List Number", ["## 1. Godkjenning av innkalling", "## 2. Budsjett", "## 3. Eventuelt"]),
        ("Heading 2", ["## Godkjenning av innkalling", "## Budsjett", "## Eventuelt"]),
    ],
)
def test_word_numbering_and_headings_make_the_agenda(archive, tmp_path, style, headings):
    source = _word_minutes(tmp_path / "referat.docx", style)
    source_text, result = _in_process(source, archive)
    assert [line for line in result.text.splitlines() if line.startswith("## ")] == headings
    assert "Vedtak: Budsjettet ble godkjent." in result.text and "- Et punkt i en liste" in result.text
    assert _front(result.text)["tilstede"] == ["Dag Aanensen", "Gunhild Paulsen"]
    assert draft_problems(result.text) == []
    assert_every_word_kept(source_text, result)


def test_pdf_import(archive, tmp_path):
    source = _make_pdf(tmp_path / "referat.pdf", PDF_LINES)
    output = archive / "docs/moter/naeringsgruppen/fra-pdf.md"
    result = run_script("import_minutes.py", str(source), "--group", "naeringsgruppen", "--output", str(output))
    assert result.returncode == 0, result.stderr
    text = output.read_text(encoding="utf-8")
    front = _front(text)
    assert front["dato"] == dt.date(2025, 3, 12)
    assert (front["tilstede"], front["forfall"]) == (["Dag Aanensen", "Unni Larsen", "Per Utenfra"], ["Ove Gjesdal"])
    assert "## 07 - 2025 Godkjenning av innkalling\n\nVedtak: Godkjent\n" in text
    # A follow-up that names no owner stays text and is listed; no owner is invented.
    assert "Oppfølging: Dele kontaktlisten med alle klyngene." in text and "\n- [ ]" not in text
    assert "oppfølgingspunkt i sak 08 - 2025 uten ansvarlig" in result.stdout
    assert "«Per Utenfra»" in result.stdout and "Per Utenfra" in text.split("\n---\n", 1)[1]
    assert "på neste møte" in text
    assert draft_problems(text, proposals=output.parent / "fra-pdf.nye-personer.yaml") == []
    source_text, in_process = _in_process(source, archive)
    assert "Referat fra mgte i Naeringsgruppen" in source_text  # really read from the PDF's text layer
    assert_every_word_kept(source_text, in_process)


# -- refusals ---------------------------------------------------------------------


def test_never_overwrites(archive):
    existing = archive / "docs/moter/naeringsgruppen/2025-udatert.md"
    before = existing.read_bytes()
    result = run_script("import_minutes.py", str(_seed()), "--group", "naeringsgruppen", "--date", "2025-03-12", "--output", str(existing))
    assert result.returncode == 1
    assert result.stderr.endswith("2025-udatert.md: filen finnes allerede og blir ikke overskrevet. Velg en annen fil med --output.\n")
    assert existing.read_bytes() == before


def test_same_group_same_date_is_refused(archive):
    output = archive / "docs/moter/naeringsgruppen/annen.md"
    result = run_script("import_minutes.py", str(_seed()), "--group", "naeringsgruppen", "--date", "2025-01-16", "--output", str(output))
    assert result.returncode == 1
    assert result.stderr.endswith("annen.md: gruppen har allerede et møte 16. januar 2025: docs/moter/naeringsgruppen/2025-01-16.md. Rediger det i stedet.\n")
    assert not output.exists()


def test_unknown_group(archive):
    output = archive / "docs/moter/naringsgruppen/2025-03-12.md"
    result = run_script("import_minutes.py", str(_seed()), "--group", "naringsgruppen", "--date", "2025-03-12", "--output", str(output))
    assert result.returncode == 1
    assert result.stderr.startswith("--group: ukjent gruppe «naringsgruppen»; mente du «Næringsgruppen» (naeringsgruppen)")


def test_future_date(archive):
    output = archive / "docs/moter/naeringsgruppen/2099-01-01.md"
    result = run_script("import_minutes.py", str(_seed()), "--group", "naeringsgruppen", "--date", "2099-01-01", "--output", str(output))
    assert result.returncode == 1
    assert result.stderr == f"{_seed()}: møtedatoen 2099-01-01 er fram i tid; et referat gjelder et møte som er holdt. Rett datoen med --date.\n"


def test_bad_date(archive):
    result = run_script("import_minutes.py", str(_seed()), "--group", "naeringsgruppen", "--date", "12.03.2025")
    assert (result.returncode, result.stderr) == (1, "--date: skriv datoen som ÅÅÅÅ-MM-DD: 2025-03-12, ikke «12.03.2025».\n")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("mangler.txt", None, "filen finnes ikke.\n"),
        ("tom.txt", b"  \n\n", "filen inneholder ingen tekst.\n"),
        ("referat.odt", b"x", "filtypen «.odt» kan ikke leses. Lagre referatet som .docx, .pdf eller .txt, eller som bilde (.png, .jpg).\n"),
        (
            "odelagt.docx",
            b"ikke en zip",
            "filen kan ikke leses som et Word-dokument (.docx); den kan være skadet eller i et annet format. Åpne den i Word og lagre som .docx på nytt.\n",
        ),
        ("odelagt.pdf", b"ikke en pdf", "filen kan ikke leses som PDF; den kan være skadet eller passordbeskyttet.\n"),
    ],
)
def test_unreadable_sources(tmp_path, name, content, message):
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    result = run_script("import_minutes.py", str(source), "--group", "naeringsgruppen", "--date", "2025-03-12", "--output", str(tmp_path / "ut.md"))
    assert result.returncode == 1
    assert result.stderr == f"{source}: {message}"
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "ut.md").exists()


def test_pdf_without_text_layer_or_image(tmp_path):
    # A PDF without a text layer is read as a scan; a blank page has nothing to read.
    source = _make_pdf(tmp_path / "skannet.pdf", [])
    result = run_script("import_minutes.py", str(source), "--group", "naeringsgruppen", "--date", "2025-03-12", "--output", str(tmp_path / "ut.md"))
    assert (result.returncode, result.stderr) == (
        1,
        f"{source}: PDF-en har ikke noe tekstlag, og tekstgjenkjenningen fant ingen tekst på sidene.\n",
    )


def test_windows_1252_text_is_read_and_flagged(archive, tmp_path):
    source = tmp_path / "referat.txt"
    source.write_bytes("Referat 12. mars 2025\n1. Godkjenning av innkalling\nGodkjent. Bærum\n".encode("cp1252"))
    output = archive / "docs/moter/naeringsgruppen/cp1252.md"
    result = run_script("import_minutes.py", str(source), "--group", "naeringsgruppen", "--output", str(output))
    assert result.returncode == 0, result.stderr
    assert "Kilden var ikke UTF-8 og er lest som Windows-1252; kontroller æ, ø og å." in result.stdout
    assert "Bærum" in output.read_text(encoding="utf-8")


def test_missing_lexicon_is_a_clear_refusal(tmp_path):
    source = tmp_path / "referat.txt"
    source.write_text("Referat 12. mars 2025\n1. Eventuelt\n", encoding="utf-8")
    result = run_script(
        "import_minutes.py", str(source), "--group", "naeringsgruppen", "--output", str(tmp_path / "ut.md"), env={"NB_HUNSPELL_DIR": str(tmp_path)}
    )
    assert (result.returncode, result.stderr) == (
        1,
        (
            f"{source}: fant ikke den norske ordlisten for hunspell (nb_NO.dic, bokmål) i {tmp_path}. "
            "Installer den med «apt-get install hunspell-no» (Debian/Ubuntu) og prøv igjen.\n"
        ),
    )
    assert not (tmp_path / "ut.md").exists()


def _real_minutes() -> dict[str, bytes]:
    return {p.relative_to(ROOT).as_posix(): p.read_bytes() for p in sorted((ROOT / "docs" / "moter").rglob("*")) if p.is_file()}


# Taken when the module is collected, before any test here has run.
REAL_MINUTES_BEFORE = _real_minutes()


def test_real_docs_untouched_by_import_tests():
    # The import tests write into copies only: the real meetings folder is as it was.
    assert REAL_MINUTES_BEFORE and _real_minutes() == REAL_MINUTES_BEFORE
