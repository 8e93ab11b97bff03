"""The importer on the corpus of issue 25: minutes written here in many shapes
(tests/samples/corpus-tuning/ and corpus-test/, with answer keys), imported as
they are and damaged by archive/importer/damage.py, a model the repair was not
built on. `python scripts/import_quality.py` prints the full figures; these
tests hold the bars of the issue that every document must meet, and guard the
measurement itself with small cases of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _helpers import ROOT, run_script

from archive.importer.damage import PROFILES, damage_page
from archive.importer.lexicon import load_lexicon
from archive.importer.quality import ValidationArchive, count_words, damage_kinds, load_corpus, run_document
from archive.model.repository import load_repository

SAMPLES = Path(__file__).resolve().parent / "samples"
DOCUMENTS = [d for folder in ("corpus-tuning", "corpus-test") for d in load_corpus(SAMPLES / folder)]


@pytest.fixture(scope="module")
def repo():
    repository, _ = load_repository(ROOT)
    return repository


@pytest.fixture(scope="module")
def archive():
    copy = ValidationArchive(ROOT)
    yield copy
    copy.close()


def test_the_corpus_is_there_in_both_splits():
    splits = {d.split for d in DOCUMENTS}
    assert splits == {"corpus-tuning", "corpus-test"}
    assert len(DOCUMENTS) >= 16
    standards = {d.fasit["standard"] for d in DOCUMENTS}
    assert standards == {"bokmål", "nynorsk"}
    suffixes = {d.path.suffix for d in DOCUMENTS}
    assert {".txt", ".md", ".docx", ".pdf", ".png", ".jpg"} <= suffixes


@pytest.mark.parametrize("document", [d for d in DOCUMENTS if not d.is_scan], ids=lambda d: d.name)
def test_clean_minutes_meet_the_bar(document, repo, archive):
    """The bars of issue 25 on every document: at least 85 % of the items with
    their numbers as written and nothing invented, at least 80 % of the people
    present, the date, no word lost, at most one review line per 100 words, and a
    draft that validates once its proposed people are accepted."""
    runs = run_document(document, repo, load_lexicon(), archive, seeds=(), scans=False)
    clean = next(r for r in runs if r.condition == "ren")
    s = clean.structure
    assert s.items_found >= 0.85 * s.items and s.items_spurious == 0, s.notes
    assert s.present_found >= 0.8 * s.present, s.notes
    assert s.date_found == s.date_stated == 1, s.notes
    assert s.valid == 1, s.notes
    assert s.words_lost == 0, s.notes
    assert s.review_lines <= s.words / 100, s.notes
    english = next((r for r in runs if r.condition == "Tesseract eng"), None)
    if english:  # real recognition without Norwegian data: no correct word changed
        assert english.words.changed <= 1, english.words.changed_words


def test_damaged_minutes_change_no_correct_word(repo):
    """Every document damaged one way (seeded, archive/importer/damage.py): no
    correct word changed anywhere, every date and nearly every item found, and
    over the corpus at least 85 % of the damaged words repaired or listed for
    review (the figures per document: scripts/import_quality.py)."""
    damaged = repaired = flagged = 0
    for document in DOCUMENTS:
        runs = run_document(document, repo, load_lexicon(), None, seeds=(1,), scans=False)
        run = next(r for r in runs if r.condition.startswith("skadet"))
        assert run.words.changed == 0, (document.name, run.words.changed_words)
        assert run.structure.date_found == 1, run.structure.notes
        assert run.structure.items_found >= run.structure.items - 1, run.structure.notes
        damaged += run.words.damaged
        repaired += run.words.repaired
        flagged += run.words.flagged
    assert damaged > 200
    assert repaired + flagged >= 0.85 * damaged, (damaged, repaired, flagged)


def test_the_quality_script_prints_the_figures(tmp_path):
    folder = tmp_path / "korpus"
    folder.mkdir()
    for name in ("velforening-lopende.txt", "velforening-lopende.fasit.yaml"):
        (folder / name).write_bytes((SAMPLES / "corpus-tuning" / name).read_bytes())
    result = run_script("import_quality.py", str(folder), "--seeds", "1", "--uten-skann")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("== korpus: 1 referater, 2 importer")
    assert lines[2].split()[:6] == ["tilstand", "skadde", "ord", "rettet", "flagget", "oversett"]
    assert lines[3].split()[0] == "ren" and lines[4].split()[0] == "skadet"
    assert any(line.startswith("velforening-lopende") for line in lines)


def test_the_quality_script_refuses_a_folder_without_answer_keys(tmp_path):
    result = run_script("import_quality.py", str(tmp_path))
    assert (result.returncode, result.stderr) == (1, f"{tmp_path}: ingen dokumenter med fasit (*.fasit.yaml).\n")


# -- the measurement itself ----------------------------------------------------------------


def test_damage_model_is_deterministic_and_other_than_the_seeds():
    text = "Møtet i Næringsgruppen på Lørenskog drøftet økonomien til næringsforeningen før årsmøtet.\n" * 5
    first = damage_page(text, seed=4)
    assert first.text == damage_page(text, seed=4).text and first.profile in PROFILES
    assert damage_page(text, seed=4, profile="uten-norsk").text.count("o") > text.count("o")  # ø read as o: not the seed's g
    assert sum(first.kinds.values()) > 0


@pytest.mark.parametrize(
    "clean, damaged, kinds",
    [
        ("møte", "mote", {"ø→o"}),
        ("på", "p&", {"å→&"}),
        ("næring", "naering", {"æ→ae"}),
        ("samarbeid", "sam-\narbeid", {"orddeling"}),
        ("Jørgen", "J ørgen", {"delt ord"}),
        ("finne", "ﬁnne", {"ligatur"}),
        ("styret", "stvret", {"forveksling av former"}),
    ],
)
def test_kinds_of_damage_are_told_apart(clean, damaged, kinds):
    assert damage_kinds(clean, damaged) == kinds


def test_words_are_counted_by_alignment():
    clean = "Styret møtes på fredag for å drøfte samarbeid.\n"
    damaged = "Styret motes pa fredag for a drofte sam-\narbeid.\n"
    repaired = "Styret møtes på fredag for å drofte samarbeid.\n"
    counts = count_words(clean, damaged, repaired, marks=[(repaired.index("drofte"), repaired.index("drofte") + 6)])
    assert (counts.damaged, counts.repaired, counts.flagged, counts.missed, counts.changed) == (5, 4, 1, 0, 0)
    wrong = count_words(clean, clean, clean.replace("fredag", "fradag"), marks=[])
    assert (wrong.damaged, wrong.changed, wrong.changed_words) == (0, 1, [("fredag", "fradag")])


def test_a_damaged_word_paired_with_its_undamaged_twin_is_damage_not_a_change():
    # «Hovden» twice; the first read «Hovdeu». The alignment of the clean text with
    # the damaged one may pair the clean first «Hovden» with the second: the repair,
    # which left every word of that line as it was, changed no correct word.
    document = next(d for d in DOCUMENTS if d.name == "hyttevel-caps")
    from archive.importer.ocr_repair import repair_text
    from archive.importer.quality import clean_text_of

    clean = clean_text_of(document)
    damaged = damage_page(clean, 2 * 7919 + sum(document.name.encode())).text
    assert damaged.startswith("Hovdeu Hyttevel")
    result = repair_text(damaged, load_lexicon())
    counts = count_words(clean, damaged, result.text, result.marks)
    assert counts.changed == 0, counts.changed_words
    assert "Hovdeu Hyttevel" in result.text  # left, and flagged: counted as damage listed for review
    assert counts.repaired + counts.flagged + counts.missed == counts.damaged
    assert counts.damaged - counts.repaired >= 1


@pytest.mark.parametrize(
    "clean, damaged, kinds",
    [("25", "Z5", {"siffer i tall"}), ("møter", "moter", {"ø→o", "ø (alle)", "skadet til et annet ord"}), ("næringsliv", "neringsliv", {"æ→e", "æ (alle)"})],
)
def test_the_held_out_kinds_are_counted(clean, damaged, kinds):
    counts = count_words(clean, damaged, damaged, marks=[], lexicon=load_lexicon())
    assert set(counts.by_kind) == kinds
