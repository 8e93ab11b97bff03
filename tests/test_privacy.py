"""Contact details nobody agreed to publish never reach the built site.

A copy of the seed archive (tests/fixtures/seed) gets people with e-mail addresses and
phone numbers but without «offentlig» (or with only one of the two listed),
is built exactly as `make build` builds it, and every file of the output is
searched: pages, the search index, feeds, calendars, data exports, sitemaps.
Each file is searched as bytes, with HTML entities decoded, with URL escapes
decoded, and with gzip files and the search index's chunks unpacked.
"""

from __future__ import annotations

import gzip
import html
import json
from pathlib import Path
from urllib.parse import unquote

import pytest
from sitebuild import strict_build, with_project_code

SEED = Path(__file__).resolve().parent / "fixtures" / "seed"


PLANTED_PEOPLE = """
- id: hemmelig-hansen
  navn: Hemmelig Hansen
  organisasjon: oslo-kommune
  epost: hemmelig.hansen@privat-eksempel.no
  telefon: "+47 912 34 567"
  kilde: Planted by tests/test_privacy.py

- id: halvoffentlig-olsen
  navn: Halvoffentlig Olsen
  organisasjon: baerum-kommune
  epost: halvoffentlig.olsen@offentlig-eksempel.no
  telefon: "+47 987 65 432"
  offentlig:
    - epost
  samtykke: Planted by tests/test_privacy.py, as if the person agreed
  kilde: Planted by tests/test_privacy.py
"""

NEVER_PUBLISHED = [
    "hemmelig.hansen@privat-eksempel.no",
    "privat-eksempel.no",
    "+47 912 34 567",
    "912 34 567",
    "91234567",
    "+47 987 65 432",
    "987 65 432",
    "98765432",
]
PUBLISHED = "halvoffentlig.olsen@offentlig-eksempel.no"


def _plant(repo: Path) -> None:
    people = repo / "data" / "personer.yaml"
    people.write_text(people.read_text(encoding="utf-8").rstrip("\n") + "\n" + PLANTED_PEOPLE, encoding="utf-8")
    # Both take part in the seed meeting, so its page and the registers name them.
    meeting = repo / "docs" / "moter" / "naeringsgruppen" / "2025-udatert.md"
    text = meeting.read_text(encoding="utf-8")
    assert "\ntilstede:\n" in text
    text = text.replace("\ntilstede:\n", "\ntilstede:\n  - Hemmelig Hansen\n  - halvoffentlig-olsen\n", 1)
    meeting.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory) -> Path:
    repo = with_project_code(SEED, tmp_path_factory.mktemp("privacy-repo") / "repo")
    _plant(repo)
    return strict_build(repo, tmp_path_factory.mktemp("privacy-site"))


def readings(path: Path) -> list[str]:
    """The ways a value can hide in a file: as written, entity- and URL-decoded."""
    raw = path.read_bytes()
    if path.suffix == ".gz" or path.suffix.startswith(".pf_"):
        raw = gzip.decompress(raw)
    text = raw.decode("utf-8", errors="replace")
    decoded = html.unescape(text)
    variants = [text, decoded, unquote(decoded)]
    if path.suffix == ".json" or path.name.endswith(".json.gz"):
        variants.append(json.dumps(json.loads(text), ensure_ascii=False))
    return variants


def files_holding(site: Path, value: str) -> list[str]:
    found = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        if any(value in variant for variant in readings(path)):
            found.append(path.relative_to(site).as_posix())
    return found


def test_planted_people_are_on_the_site(planted_site):
    """The test is only meaningful if the planted people are rendered at all."""
    pages = files_holding(planted_site, "Hemmelig Hansen")
    assert "kontakter/hemmelig-hansen/index.html" in pages
    assert "moter/naeringsgruppen/2025-udatert/index.html" in pages
    assert any(page.startswith("pagefind/fragment/") for page in pages)


@pytest.mark.parametrize("value", NEVER_PUBLISHED)
def test_non_public_contact_details_appear_nowhere(planted_site, value):
    assert files_holding(planted_site, value) == []


def test_the_consented_email_is_published(planted_site):
    """Positive control: the search itself finds a value that is meant to be there."""
    found = files_holding(planted_site, PUBLISHED)
    assert "kontakter/halvoffentlig-olsen/index.html" in found


def test_every_kind_of_output_file_was_searched(planted_site):
    suffixes = {p.suffix for p in planted_site.rglob("*") if p.is_file()}
    # Pages, search index and data, calendars, feed and sitemaps were all in the output.
    assert {".html", ".json", ".ics", ".xml", ".gz", ".pf_fragment", ".pf_index"} <= suffixes
