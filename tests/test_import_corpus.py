"""The importer on minutes written by others: the corpus in tests/samples/corpus/.

Each document is imported clean (its structure, its date, the minutes format)
and damaged the way the seed's text recognition damaged it (seeded), and the
repair is counted word by word against the goals of issue 12: at least 90 %
of damaged words repaired over the corpus, the rest flagged, no correct word
changed, every word kept, the date found. `python scripts/import_quality.py
--frø-skade` prints the same counts as a table.

Since issue 25 the repair no longer assumes this damage (it learns from each
document how its letters were damaged, and weighs names as names), so a few
words per document are flagged rather than repaired: per document the bar is
80 % (it was 85 %), and one damaged word may be read as another real word
(«styremate» as «styremåte»). tests/test_import_quality.py measures the
importer on the corpus of issue 25, damaged by a model it was not built on.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from _helpers import ROOT, run_script
from test_import import _front, draft_problems

from archive.importer.draft import corpus_report, draft_minutes, missing_words
from archive.importer.lexicon import load_lexicon
from archive.model.repository import load_repository

CORPUS = Path(__file__).resolve().parent / "samples" / "corpus"
DOCUMENTS = sorted(p.name for p in CORPUS.glob("*.txt"))

# What each document states, read by a person.
EXPECTED = {
    "styremote-sak-nn-yy.txt": (dt.date(2025, 12, 8), ["Sak 38/25", "Sak 39/25", "Sak 40/25", "Sak 41/25", "Sak 42/25", "Sak 43/25"]),
    "kommune-protokoll-19-13.txt": (dt.date(2013, 3, 14), ["19/13", "20/13", "21/13", "22/13", "23/13"]),
    "arbeidsgruppe-nummerert.txt": (dt.date(2025, 10, 15), ["1.", "2.", "3.", "4.", "5."]),
    "styremote-2022-aarstall.txt": (dt.date(2022, 5, 24), ["07 – 2022", "08 – 2022", "09 – 2022", "10 – 2022"]),
}


@pytest.fixture(scope="module")
def repo():
    repository, _ = load_repository(ROOT)
    return repository


def test_the_corpus_is_there():
    assert sorted(EXPECTED) == DOCUMENTS


@pytest.mark.parametrize("name", DOCUMENTS)
def test_clean_document_reads_as_written(name, repo):
    text = (CORPUS / name).read_text(encoding="utf-8")
    result = draft_minutes(text, repo, "naeringsgruppen", None, name, load_lexicon())
    date, numbers = EXPECTED[name]
    assert result.date_in_source == date
    headings = re.findall(r"^## (.*)$", result.text, re.MULTILINE)
    assert [h[: len(n)] for h, n in zip(headings, numbers, strict=True)] == numbers
    assert draft_problems(result.text, proposals=result.proposals) == []  # once the proposed people are accepted
    assert not missing_words(result)
    assert result.repairs == []  # nothing to repair in a clean text


@pytest.mark.parametrize("name", DOCUMENTS)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_damaged_document_meets_the_goals(name, seed, repo):
    report = corpus_report(name, (CORPUS / name).read_text(encoding="utf-8"), repo, load_lexicon(), seed)
    counts = report.counts
    assert counts.damaged >= 30
    assert counts.missed <= 1, counts.missed_words
    assert counts.false_repairs == 0, counts.false_words
    assert counts.repaired + counts.flagged + counts.missed == counts.damaged
    assert counts.repaired >= 0.8 * counts.damaged  # per document; over the corpus ≥ 90 %, see below
    assert report.date_damaged == report.date_clean == EXPECTED[name][0]
    assert report.words_kept


def test_corpus_repairs_at_least_90_percent(repo):
    reports = [corpus_report(n, (CORPUS / n).read_text(encoding="utf-8"), repo, load_lexicon(), 1) for n in DOCUMENTS]
    assert sum(r.counts.repaired for r in reports) >= 0.9 * sum(r.counts.damaged for r in reports)


def test_structure_of_the_board_meeting(repo):
    text = (CORPUS / "styremote-sak-nn-yy.txt").read_text(encoding="utf-8")
    result = draft_minutes(text, repo, "naeringsgruppen", None, "x.txt", load_lexicon())
    front = _front(result.text)
    assert (front["start"], front["slutt"], front["digitalt"]) == ("12:00", "14:00", "Teams")
    assert front["sted"] == "Rådhuset i Vestby, møterom Hølen"
    assert front["vedlegg"] == [{"tittel": "Budsjettforslag 2026"}, {"tittel": "Forslag til møteplan våren 2026"}]
    # The agenda list before the items stays in the introduction, not as items.
    intro = result.text.split("\n---\n", 1)[1].split("\n## ", 1)[0]
    assert "Sak 43/25 Eventuelt" in intro
    # Names whole, the «og»-list split, none of them in the register: written as
    # present (absent, secretary) all the same, and proposed as records.
    assert front["tilstede"] == ["Kristin Bøe Haugland", "Jørgen Åsheim", "Mette-Lise Sæther", "Pål Kværnes"]
    assert (front["forfall"], front["referent"]) == (["Øystein Brå"], "Åse Grønli")
    proposed = yaml.safe_load(result.proposals)["personer"]
    assert [p["navn"] for p in proposed] == ["Kristin Bøe Haugland", "Jørgen Åsheim", "Mette-Lise Sæther", "Pål Kværnes", "Øystein Brå", "Åse Grønli"]
    assert all(set(p) <= {"id", "navn", "organisasjon", "navn_bekreftet", "kilde"} for p in proposed)  # names and organisations only
    assert "Vedtak: Budsjettet vedtas med de endringene som kom fram i møtet." in result.text
    # An owner these minutes name as present: a follow-up, valid once she is accepted.
    assert "- [ ] Lage en oversikt over sponsoravtalene som går ut i 2026. Ansvar: Jørgen Åsheim. Frist: 15. januar 2026." in result.text
    assert draft_problems(result.text, proposals=result.proposals) == []


def test_structure_of_the_working_group_meeting(repo):
    text = (CORPUS / "arbeidsgruppe-nummerert.txt").read_text(encoding="utf-8")
    result = draft_minutes(text, repo, "naeringsgruppen", None, "x.txt", load_lexicon())
    front = _front(result.text)
    assert (front["møteleder"], front["referent"]) == ("Eli Arnkværn Bryhni", "Mari Strømsvåg")
    assert front["tilstede"] == ["Dag Aanensen", "Gunhild Paulsen", "Hanne-Mai Eriksen", "Mari Strømsvåg"]
    assert front["tilstede_digitalt"] == ["Asbjørn Lunde"]
    assert front["forfall"] == ["Fredrik Salberg", "Ove Gjesdal"]
    assert "- [ ] Sende eksemplene til alle kommunene i regionen. Ansvar: Asbjørn Lunde. Frist: 1. desember 2025." in result.text
    assert "oppfølgingspunkt i sak 4 uten ansvarlig" in result.text  # «Til neste møte: …» names no one
    assert result.proposals is None  # everyone is in the register


def test_a_stray_letter_in_a_label_still_reads_the_people(repo):
    # Text recognition adds thin letters («GODKIJENNING»). «istede» is a word of
    # its own, so the repair leaves it, and the label hid the whole list.
    text = (CORPUS / "styremote-2022-aarstall.txt").read_text(encoding="utf-8")
    clean = draft_minutes(text, repo, "naeringsgruppen", None, "x.txt", load_lexicon())
    assert "Til stede:" in text and "Åshild Græsli" in _front(clean.text)["tilstede"]
    result = draft_minutes(text.replace("Til stede:", "Til istede:"), repo, "naeringsgruppen", None, "x.txt", load_lexicon())
    assert result.unknown_people == clean.unknown_people
    assert _front(result.text)["tilstede"] == _front(clean.text)["tilstede"]
    assert not missing_words(result)


def test_a_full_stop_after_the_last_name_keeps_the_name_whole(repo):
    # Names the register does not know: only the text says where the name ends.
    text = (CORPUS / "styremote-2022-aarstall.txt").read_text(encoding="utf-8")
    assert "Håkon Lærum og Åshild Græsli\n" in text
    result = draft_minutes(
        text.replace("Håkon Lærum og Åshild Græsli\n", "Håkon Lærum og Åshild Græsli.\n"), repo, "naeringsgruppen", None, "x.txt", load_lexicon()
    )
    assert _front(result.text)["tilstede"][-2:] == ["Håkon Lærum", "Åshild Græsli"]


def test_structure_of_the_2022_board_meeting(repo):
    text = (CORPUS / "styremote-2022-aarstall.txt").read_text(encoding="utf-8")
    result = draft_minutes(text, repo, "naeringsgruppen", None, "x.txt", load_lexicon())
    front = _front(result.text)
    assert front["møteleder"] == "Elise V Moksnes"  # the middle initial kept
    assert "Per-Øyvind Tønnessen" in front["tilstede"] and "Åshild Græsli" in front["tilstede"]  # after «og»
    body = result.text.split("\n---\n", 1)[1]
    assert "Til stede: Elise V Moksnes" in body and "**Til stede" not in body  # attendance kept, not in bold


def test_quality_script_prints_the_table():
    result = run_script("import_quality.py", "--frø-skade")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["dokument", "skadde", "rettet", "flagget", "oversett", "feilrettet", "dato", "alle", "ord"]
    assert len(lines) >= len(DOCUMENTS) + 2
    assert re.search(r"Rettet \d+,?\.?\d*% av de skadde ordene; 0 oversett, 0 riktige ord endret\.", result.stdout)


def test_quality_script_refuses_a_bad_rate():
    result = run_script("import_quality.py", "--rate", "2")
    assert (result.returncode, result.stderr) == (1, "--rate: skriv en andel mellom 0 og 1, for eksempel 0.6.\n")
