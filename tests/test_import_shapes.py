"""The shapes real minutes take, each on a small text of its own: numbering,
headings, bullets, capitals, sub-headings, forms, tables, running text, people
in every form, Nynorsk, and the layout damage of text recognition; and scans
read by Tesseract. The corpus tests (test_import_quality.py) measure the same
on whole minutes."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest
import yaml
from _helpers import ROOT, run_script

from archive.importer.draft import draft_minutes, missing_words
from archive.importer.lexicon import load_lexicon
from archive.importer.ocr_repair import repair_text
from archive.importer.sources import SourceError, read_source
from archive.model.repository import load_repository

SAMPLES = Path(__file__).resolve().parent / "samples"


@pytest.fixture(scope="module")
def repo():
    repository, _ = load_repository(ROOT)
    return repository


def _draft(text: str, repo):
    return draft_minutes(text, repo, "naeringsgruppen", None, "kilde.txt", load_lexicon())


def _front(text: str) -> dict:
    return yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))


def _headings(text: str) -> list[str]:
    return [line[3:] for line in text.split("\n---\n", 1)[1].splitlines() if line.startswith("## ")]


HEADER = "Referat fra styremøte 3. mars 2025\nTil stede: Kari Nordmo, Ola Berget\n\n"


@pytest.mark.parametrize(
    "items, headings",
    [
        (["1) Godkjenning", "2) Budsjett"], ["1) Godkjenning", "2) Budsjett"]),
        (["1. Godkjenning", "2. Budsjett"], ["1. Godkjenning", "2. Budsjett"]),
        (["Sak 1: Godkjenning", "Sak 2: Budsjett"], ["Sak 1: Godkjenning", "Sak 2: Budsjett"]),
        (["PS 12/25 Godkjenning", "PS 13/25 Budsjett"], ["PS 12/25 Godkjenning", "PS 13/25 Budsjett"]),
        (["§ 1 Godkjenning", "§ 2 Budsjett"], ["§ 1 Godkjenning", "§ 2 Budsjett"]),
        (["Punkt 1 – Godkjenning", "Punkt 2 – Budsjett"], ["Punkt 1 – Godkjenning", "Punkt 2 – Budsjett"]),
        (["GODKJENNING AV INNKALLING", "BUDSJETT FOR 2026"], ["GODKJENNING AV INNKALLING", "BUDSJETT FOR 2026"]),
        (["- Godkjenning", "- Budsjett"], ["Godkjenning", "Budsjett"]),
        (["## Godkjenning", "## Budsjett"], ["Godkjenning", "Budsjett"]),
    ],
)
def test_agenda_items_in_the_forms_minutes_number_them(items, headings, repo):
    body = "\n\n".join(f"{item}\nStyret drøftet saken grundig." for item in items)
    assert _headings(_draft(HEADER + body, repo).text) == headings


def test_sub_headings_and_parts_stay_inside_their_item(repo):
    text = HEADER + (
        "1. Samferdsel\n2.1 Bussruter\nFor få avganger.\nBakgrunn\nKommunen har ikke svart.\nVedtak\nStyret purrer.\n\n2. Eventuelt\nIngen saker.\n"
    )
    result = _draft(text, repo)
    assert _headings(result.text) == ["1. Samferdsel", "2. Eventuelt"]
    assert "### 2.1 Bussruter" in result.text and "Vedtak: Styret purrer." in result.text


def test_items_run_together_in_a_paragraph_are_split(repo):
    text = HEADER + "Sak 1: Godkjenning. Innkallingen ble godkjent. Sak 2: Budsjett. Budsjettet ble vedtatt uten endringer.\n"
    assert _headings(_draft(text, repo).text) == ["Sak 1: Godkjenning. Innkallingen ble godkjent.", "Sak 2: Budsjett. Budsjettet ble vedtatt uten endringer."]


def test_an_untitled_item_is_flagged_not_named(repo):
    text = HEADER + "Sak 1/25\n\nInnkallingen ble godkjent uten merknader.\n\nSak 2/25 Budsjett\nVedtatt.\n"
    result = _draft(text, repo)
    assert _headings(result.text) == ["Sak 1/25", "Sak 2/25 Budsjett"]
    assert "Uten tittel" not in result.text
    assert any("saken Sak 1/25 har ingen tittel i kilden" in line for line in result.review)


def test_a_form_header_gives_facts_not_items(repo):
    text = (
        "Møte: Styremøte nr. 3/2025\nArkivsak: 25/1234\nMøtedato: 13.01.2025    Tid: 16:00–18:00    Sted: Gran rådhus\n"
        "Møteleder: Kari Nordmo    Referent: Ola Berget\n\nSak 01/2025: Godkjenning\nGodkjent.\n\nSak 02/2025: Økonomi\nGodt resultat.\n"
    )
    result = _draft(text, repo)
    front = _front(result.text)
    assert (front["dato"], front["start"], front["slutt"], front["sted"]) == (dt.date(2025, 1, 13), "16:00", "18:00", "Gran rådhus")
    assert (front["møteleder"], front["referent"]) == ("Kari Nordmo", "Ola Berget")
    assert _headings(result.text) == ["Sak 01/2025: Godkjenning", "Sak 02/2025: Økonomi"]


@pytest.mark.parametrize(
    "attendance",
    [
        "Til stede: Kari Nordmo (leder), Ola Berget og sekretær Siv Åsli\nForfall: Per Lien",
        "Til stede:\n- Kari Nordmo, leder\n- Ola Berget\n- Siv Åsli\n\nForfall: Per Lien",
        "Til stede var Kari Nordmo, Ola Berget og Siv Åsli. Per Lien hadde meldt forfall.",
        "Deltakere\n| Navn | Rolle | Til stede |\n| Kari Nordmo | leder | x |\n| Ola Berget | medlem | x |\n| Siv Åsli | medlem | x |\n| Per Lien | medlem | forfall |",
        "Til stades: Kari Nordmo (leiar), Ola Berget, Siv Åsli\nIkkje møtt: Per Lien",
    ],
)
def test_people_in_every_form_are_never_dropped(attendance, repo):
    text = f"Referat fra styremøte 3. mars 2025\n{attendance}\n\n1. Godkjenning\nGodkjent.\n\n2. Eventuelt\nIngen saker.\n"
    result = _draft(text, repo)
    front = _front(result.text)
    assert front["tilstede"] == ["Kari Nordmo", "Ola Berget", "Siv Åsli"]
    assert front["forfall"] == ["Per Lien"]
    proposed = yaml.safe_load(result.proposals)["personer"]
    assert [p["navn"] for p in proposed] == ["Kari Nordmo", "Ola Berget", "Siv Åsli", "Per Lien"]


def test_an_action_table_gives_follow_ups(repo):
    text = HEADER + (
        "1. Dugnad\nDugnaden er 25. april.\n\nOppfølging\n| Hva | Hvem | Frist |\n| Lage plan for dugnaden | Kari Nordmo | 1. april 2025 |\n"
        "| Bestille container | styret | 1. april 2025 |\n"
    )
    result = _draft(text, repo)
    assert "- [ ] Lage plan for dugnaden. Ansvar: Kari Nordmo. Frist: 1. april 2025." in result.text
    assert "| Bestille container | styret | 1. april 2025 |" in result.text  # no person or group to own it: stays text
    assert any("ansvarlig «styret»" in line for line in result.review)


def test_clean_nynorsk_is_left_alone():
    text = (
        "Møteboka vart godkjend. Rekneskapen syner eit lite overskot, og soknerådet meiner det er viktig å halde fram.\n"
        "Det vart òg nemnt at me må skjere ned på utgiftene, men ikkje på tilboda til born og unge. Kva skal me gjere?\n"
    )
    result = repair_text(text, load_lexicon())
    assert (result.text, result.repairs, result.flags, result.standard) == (text, [], [], "nn")


def test_damaged_nynorsk_keeps_its_own_words():
    text = "Moteboka vart godkjend pa motet. Det vart ogsa sagt at me ma gjere meir for dei unge, og skjere ned pa kostnadene.\n"
    result = repair_text(text, load_lexicon())
    for word in ("vart", "gjere", "skjere", "meir", "dei"):
        assert f" {word} " in result.text
    assert "godkjend på" in result.text and "me må gjere" in result.text


def test_acronyms_and_capitals_stay_as_written():
    text = "IDI og ITV la fram planen pa NARINGSMOTET. NAV og KS var ogsa med pa MOTET.\n"
    result = repair_text(text, load_lexicon())
    assert result.text.startswith("IDI og ITV la fram planen på ")
    assert "NAV og KS var også med på " in result.text
    capitals = [r for r in result.repairs if r.original.isupper() and len(r.original) > 3]
    assert all(r.repaired.isupper() for r in capitals)  # a word in capitals is repaired in capitals
    assert "NÆRINGSMØTET" in result.text or any(f.word == "NARINGSMOTET" for f in result.flags)


def test_layout_damage_is_repaired_and_listed():
    text = "| Tilstede: Kari Nordmo\nStyret ønsker et tettere sam-\narbeid med ﬁrmaene i regionen. |\nJ ørgen tok ordet.\n"
    result = repair_text(text, load_lexicon())
    assert result.text.split("\n")[0] == "Tilstede: Kari Nordmo"
    assert "tettere samarbeid" in result.text and "firmaene i regionen." in result.text and "|" not in result.text
    assert "Jørgen tok ordet." in result.text
    assert {r.rules[0] for r in result.repairs} >= {"løst tegn", "orddeling", "ligatur", "delt ord"}
    assert result.source_line(2) == 3  # line numbers still those of the source


def test_a_stray_bar_does_not_hide_the_people(repo):
    text = "Referat fra styremøte 3. mars 2025\n| Tilstede: Kari Nordmo, Ola Berget\n\n1. Godkjenning\nGodkjent.\n\n2. Eventuelt\nIngen saker.\n"
    assert _front(_draft(text, repo).text)["tilstede"] == ["Kari Nordmo", "Ola Berget"]


def test_a_number_used_twice_never_makes_an_invalid_draft(repo):
    text = HEADER + "Sak 1/25 Godkjenning\nGodkjent.\n\nSak 2/25 Budsjett\nVedtatt.\n\nSak 2/25 Budsjett (fortsatt)\nMer om budsjettet.\n"
    headings = _headings(_draft(text, repo).text)
    assert headings == ["Sak 1/25 Godkjenning", "Sak 2/25 Budsjett"]


# -- scans and photos ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["corpus-tuning/scan-handelsstand.png", "corpus-test/scan-sameie.jpg"])
def test_a_scanned_or_photographed_page_is_read_within_ten_seconds(name):
    started = time.perf_counter()
    text, notes = read_source(SAMPLES / name)
    assert time.perf_counter() - started < 10
    assert "tekstgjenkjenning" in notes[0]
    manuscript = (SAMPLES / name).with_suffix(".manus").read_text(encoding="utf-8")
    words = set(manuscript.split())
    assert len(words & set(text.split())) >= 0.9 * len(words)


def test_a_scanned_pdf_is_read_page_by_page(tmp_path):
    source = SAMPLES / "corpus-test" / "scan-kulturraad-nynorsk.pdf"
    output = tmp_path / "arkiv" / "docs" / "moter" / "naeringsgruppen" / "kulturrad.md"
    for part in ("data", "docs"):
        shutil.copytree(ROOT / part, tmp_path / "arkiv" / part)
    started = time.perf_counter()
    read_source(source)
    assert time.perf_counter() - started < 2 * 10  # two pages, 10 s a page at most
    result = run_script("import_minutes.py", str(source), "--group", "naeringsgruppen", "--output", str(output))
    assert result.returncode == 0, result.stderr
    text = output.read_text(encoding="utf-8")
    assert _front(text)["dato"] == dt.date(2025, 10, 8)
    assert [h.split()[1] for h in _headings(text)] == ["14/2025", "15/2025", "16/2025", "17/2025", "18/2025"]
    assert "PDF-en har ikke tekstlag på alle sidene" in text
    assert output.with_name("kulturrad.nye-personer.yaml").is_file()


def test_a_photo_put_into_a_pdf_at_72_dpi_is_drawn_no_larger_than_an_a4_page(tmp_path):
    from PIL import Image

    from archive.importer.sources import OCR_DPI, render_dpi

    assert render_dpi(842) == OCR_DPI  # an A4 page (842 points long) at 300 dpi
    assert render_dpi(None) == OCR_DPI
    assert render_dpi(2339) < 110  # a 200-dpi photo of a page, put in at 72 dpi: 32 inches long
    # Such a PDF is read as its picture is, not drawn 10,000 pixels tall.
    page = Image.open(SAMPLES / "corpus-tuning" / "scan-handelsstand.png").convert("L")
    source = tmp_path / "foto.pdf"
    page.save(source, resolution=72)
    text, _ = read_source(source)
    manuscript = (SAMPLES / "corpus-tuning" / "scan-handelsstand.manus").read_text(encoding="utf-8")
    assert len(set(manuscript.split()) & set(text.split())) >= 0.8 * len(set(manuscript.split()))


def test_missing_tesseract_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr("archive.importer.sources.shutil.which", lambda name: None)
    with pytest.raises(SourceError, match="apt-get install tesseract-ocr tesseract-ocr-nor"):
        read_source(SAMPLES / "corpus-tuning" / "scan-handelsstand.png")


def test_missing_tesseract_is_a_clear_refusal_from_the_script(tmp_path):
    result = run_script(
        "import_minutes.py",
        str(SAMPLES / "corpus-tuning" / "scan-handelsstand.png"),
        "--group",
        "naeringsgruppen",
        "--output",
        str(tmp_path / "ut.md"),
        env={"PATH": str(tmp_path)},
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.endswith("Installer den med «apt-get install tesseract-ocr tesseract-ocr-nor» (Debian/Ubuntu) og prøv igjen.\n")
    assert not (tmp_path / "ut.md").exists()


def test_a_small_word_at_the_start_of_a_line_is_no_stray_glyph():
    # «i sak 18/2025» continues a sentence; «l Tilstede:» has a stray letter before its label.
    text = "Referatet ble godkjent med en rettelse\ni sak 18/2025.\nl Tilstede: Kari Nordmo\n"
    assert repair_text(text, load_lexicon()).text == "Referatet ble godkjent med en rettelse\ni sak 18/2025.\nTilstede: Kari Nordmo\n"


def test_an_unnumbered_item_between_numbered_ones_becomes_a_part_of_the_one_before(repo):
    # The validator refuses «## …» without a number between numbered items.
    text = HEADER + "1. GODKJENNING\nGodkjent.\n\nORIENTERING FRA LEDER\nLeder orienterte.\n\n2. BUDSJETT\nVedtatt.\n"
    result = _draft(text, repo)
    assert _headings(result.text) == ["1. GODKJENNING", "2. BUDSJETT"]
    assert "### ORIENTERING FRA LEDER" in result.text
    assert any("«ORIENTERING FRA LEDER» har ikke nummer" in line for line in result.text.splitlines())


def test_decision_labels_keep_what_they_say(repo):
    text = HEADER + (
        "1. Godkjenning\nVedtak (enstemmig): Innkallingen ble godkjent.\n\n"
        "2. Budsjett\nStyret drøftet budsjettet.\nBeslutning: Budsjettet vedtas som foreslått.\n\n"
        "3. Vedlikehold\nStyret drøftet taket.\nBeslutning\nTaket skal repareres i vår.\n\n"
        "4. Eventuelt\nVedtak (mot 1 stemme):\nSaken utsettes.\nEnstemmig vedtak: Ingen flere saker.\n"
    )
    result = _draft(text, repo)
    assert "Vedtak: (enstemmig) Innkallingen ble godkjent." in result.text
    # The label's own words as written, capital and all: no word of the source is changed.
    assert "Vedtak: (Beslutning) Budsjettet vedtas som foreslått." in result.text
    assert "Vedtak: (Beslutning) Taket skal repareres i vår." in result.text
    assert "Vedtak: (mot 1 stemme) Saken utsettes." in result.text
    assert "Vedtak: (Enstemmig) Ingen flere saker." in result.text
    assert not missing_words(result)


def test_a_form_read_by_text_recognition_without_its_colons(repo):
    # A form's two columns as text recognition reads them: the gaps closed up, no colons.
    text = (
        "MØTEREFERAT\nMøte Styremøte\nMøtedato 14.11.2025\nTid 17:00-19:00\nSted Næringshagen, møterom 2\n"
        "Møteleder Tor Åmodt\nReferent Randi Øyen\nTil stede Tor Åmodt, Randi Øyen, Kjellaug Bæverfjord\nForfall Line Tømte\n\n"
        "Sak 31/25 Godkjenning av referat\nGodkjent.\n\nSak 32/25 Eventuelt\nMøteleder Tor Åmodt takket for møtet.\n"
    )
    front = _front(_draft(text, repo).text)
    assert front["dato"] == dt.date(2025, 11, 14)
    assert front["møteleder"] == "Tor Åmodt"
    assert {*front["tilstede"], front["møteleder"]} == {"Tor Åmodt", "Randi Øyen", "Kjellaug Bæverfjord"}
    assert front["forfall"] == ["Line Tømte"]
    assert front["sted"].startswith("Næringshagen")


def test_labels_on_one_line_apart_by_single_spaces(repo):
    text = "Referat frå styremøte\nDato: måndag 3. november 2025 Stad: Grendehuset Tid: kl. 19.00\nTil stades: Kjetil Hølmo\n\n1. Godkjenning\nGodkjend.\n"
    front = _front(_draft(text, repo).text)
    assert front["dato"] == dt.date(2025, 11, 3)
    assert front["sted"] == "Grendehuset"
    assert front["start"] == "19:00"


@pytest.mark.parametrize("line", ["Møteleder ønsket velkommen.", "Sted for neste møte er ikke avklart.", "Til stede var alle."])
def test_a_sentence_that_starts_with_a_label_word_is_no_form_label(line):
    from archive.importer.structure import label_of

    label = label_of(line)
    assert label is None or label[0] == "present" and "alle" in label[1]
