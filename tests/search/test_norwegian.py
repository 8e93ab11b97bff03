"""Norwegian as members type it: inflected forms, no æ, ø and å, a slip in a name.

Typed into the field in the header, as a member would, on the fixture archive
(conftest.py says how its words keep each case honest).
"""

from __future__ import annotations

import re

import pytest

from .searching import header_search, page_search, paths

MEETING_JANUARY = "moter/naeringsgruppen/2025-01-16/"
MEETING_MARCH = "moter/naeringsgruppen/2025-03-12/"
MEETING_2024 = "moter/reiselivsgruppen/2024-11-05/"
GUIDE = "veiledning/"


def words_on(built_site, page_path: str) -> set[str]:
    """The words of a built page's article, lower-case."""
    html = (built_site / page_path / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", html, re.DOTALL).group()
    text = re.sub(r"<[^>]+>", " ", article)
    return set(re.findall(r"\w+", text.lower()))


# (typed form, the page that must be found, the form that page has instead)
INFLECTED = [
    ("klyngene", MEETING_JANUARY, "klynger"),
    ("arbeidsgruppene", MEETING_MARCH, "arbeidsgrupper"),
    ("kompetansebehovet", MEETING_MARCH, "kompetansebehovene"),
    ("møtene", GUIDE, "møter"),
]


@pytest.mark.parametrize(("query", "page_path", "other_form"), INFLECTED)
def test_an_inflected_form_finds_the_page_with_another_form(page, site_url, built_site, query, page_path, other_form):
    words = words_on(built_site, page_path)
    # A proof only if the page lacks the typed form, and has no word that the
    # typed form begins with (Pagefind would find that by prefix alone).
    assert query not in words and other_form in words
    assert not [w for w in words if query.startswith(w) and len(w) > 3]
    _, results = page_search(page, site_url, query)
    assert page_path in paths(results), f"«{query}» did not find {page_path}: {paths(results)}"


# (typed without æ, ø, å; as it should be spelt)
FOLDED = [
    ("Stromsvag", "Strømsvåg"),
    ("Stromsvaag", "Strømsvåg"),
    ("Stroemsvaag", "Strømsvåg"),
    ("sirkulaerokonomi", "sirkulærøkonomi"),
    ("naeringsgruppen", "Næringsgruppen"),
    ("Odegard", "Ødegård"),
    ("motene", "møtene"),
]


@pytest.mark.parametrize(("typed", "proper"), FOLDED)
def test_typing_without_aeoeaa_finds_the_same_pages(page, site_url, typed, proper):
    """The pages of the proper spelling, first and in its order; a page with the typed
    form itself (the guide names the focus area by its id, «sirkulaerokonomi») after them."""
    _, wanted = page_search(page, site_url, proper)
    status, found = page_search(page, site_url, typed)
    assert paths(wanted), f"«{proper}» found nothing; the fixture lacks it"
    assert paths(found)[: len(wanted)] == paths(wanted)
    assert paths(found)[len(wanted) :] == ([GUIDE] if typed == "sirkulaerokonomi" else [])
    assert f"«{proper.lower()}»" in status, "the search says which spelling it also tried"


def test_a_name_typed_without_aeoeaa_puts_the_person_first(page, site_url):
    _, results = header_search(page, site_url, "Stromsvag")
    assert results[0].path == "kontakter/mari-stromsvag/", [r.path for r in results]
    assert results[0].marked and all("Strømsvåg" in mark for mark in results[0].marked)


# (a slip in a name, the person it must find first)
SLIPS = [
    ("Aanesen", "kontakter/dag-aanensen/"),  # a letter left out
    ("Aanensn", "kontakter/dag-aanensen/"),
    ("Arnkvern", "kontakter/eli-arnkvaern-bryhni/"),  # e for æ, one letter short
    ("Strømsvåh", "kontakter/mari-stromsvag/"),  # a wrong letter
    ("Ødegådr", "kontakter/oystein-odegard/"),  # two letters swapped
    ("Bakkvold", "kontakter/sigrun-bakkevold/"),
]


@pytest.mark.parametrize(("typed", "person"), SLIPS)
def test_a_slip_in_a_name_still_finds_the_person(page, site_url, typed, person):
    status, results = header_search(page, site_url, typed)
    assert results, status
    assert results[0].path == person, f"«{typed}»: {[r.path for r in results]}"
    assert status.startswith(f"Ingen treff for «{typed}». Viser "), status


def test_a_correct_word_is_not_corrected(page, site_url):
    """«klynger» is in the index: no name one letter away replaces it."""
    status, results = header_search(page, site_url, "klynger")
    assert "Viser" not in status and "Søkte også" not in status
    assert MEETING_JANUARY in paths(results)


def test_a_word_typed_with_aeoeaa_is_not_respelt_without(page, site_url, built_site):
    """The guide names the folder docs/moter/: «møtene» is not also searched as «motene»."""
    assert "moter" in words_on(built_site, GUIDE)
    status, _ = header_search(page, site_url, "møtene")
    assert "Søkte også" not in status, status


def test_a_word_on_no_page_finds_nothing(page, site_url):
    status, results = page_search(page, site_url, "xylofonkvartett")
    assert status == "Ingen treff for «xylofonkvartett»."
    assert results == []
