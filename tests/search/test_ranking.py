"""Right pages first, and results that read: the meeting's agenda item above
the lists that repeat it, nothing from registers, forms, invitee lists or
navigation, excerpts as sentences and labelled values with the hit marked."""

from __future__ import annotations

import pytest

from .searching import header_search, page_search, paths

MEETING_JANUARY = "moter/naeringsgruppen/2025-01-16/"
CLUSTER_LIST = "klynger/"
REGISTERS = ("vedtak/", "oppfolging/", "oppmote/", "kalender/", "moter/etter-gruppe/", "kontakter/organisasjoner/", "sok/")
GUIDE = "veiledning/"


def test_the_meeting_comes_before_the_list_of_clusters(page, site_url):
    """«klyngene»: the meeting's item about the clusters first, linked to its heading."""
    _, results = header_search(page, site_url, "klyngene")
    found = paths(results)
    assert found[0] == MEETING_JANUARY, found
    assert CLUSTER_LIST in found, "the list is found too, after the meeting"
    assert results[0].section == MEETING_JANUARY + "#sak-2"
    assert results[0].section_title == "2. Samarbeid i regionen"


def test_a_decision_is_found_in_its_meeting_not_in_the_register(page, site_url, built_site):
    """The decision register repeats every decision; the search shows the meeting that made it."""
    assert "sekretariatet lage et notat" in (built_site / "vedtak" / "index.html").read_text(encoding="utf-8")
    _, results = page_search(page, site_url, "sekretariatet notat")
    assert paths(results) == [MEETING_JANUARY]
    assert results[0].section == MEETING_JANUARY + "#sak-3"


@pytest.mark.parametrize("query", ["Godkjent", "Ombruk", "klynger", "Næringsgruppen", "2025", "Strømsvåg"])
def test_registers_and_lists_are_never_results(page, site_url, query):
    _, results = page_search(page, site_url, query)
    assert results, f"«{query}» found nothing; the fixture lacks it"
    assert not [p for p in paths(results) if p.startswith(REGISTERS) or p in ("", "moter/", "grupper/", "kontakter/")]


def test_an_invitee_list_is_not_indexed(page, site_url, built_site):
    """Sigrun Bakkevold is only invited to the January meeting: her page is found, not the meeting."""
    assert "Sigrun Bakkevold" in (built_site / MEETING_JANUARY / "index.html").read_text(encoding="utf-8")
    _, results = page_search(page, site_url, "Bakkevold")
    assert paths(results) == ["kontakter/sigrun-bakkevold/"]


def test_forms_navigation_and_buttons_are_not_what_the_index_reads(fixture_repo):
    """What Pagefind reads (archive/views/search.py, written by the build's worker):
    each page's own words, none of its controls."""
    from archive.site.pages import site_pages
    from archive.views.pages import html_blocks
    from archive.views.search import search_document

    pages = [page for page in site_pages(fixture_repo, "http://127.0.0.1/") if page.searchable and not page.written]
    documents = {page.src: search_document(page, html_blocks(page)) for page in pages}
    assert len(documents) >= 12
    for document, text in documents.items():
        for control in ("<form", "<select", "<input", "<button", "Skriv ut referatet", "Forrige møte", "Neste møte", "Innhold:", "Inviterte", "Om datoen"):
            assert control not in text, f"{document}: {control}"
        # Navigation is dropped by Pagefind itself (<nav> is never indexed); none is in a meeting's document.
        if "/moter/" in str(document):
            assert "<nav" not in text


def test_a_persons_name_finds_their_page_first_then_the_minutes_they_led_or_wrote(page, site_url):
    """Chair, secretary and who came are indexed (at half weight, under «Deltakere»): a name
    finds the person's page first, then the meetings the person was at."""
    _, results = page_search(page, site_url, "Arnkværn")
    assert paths(results)[0] == "kontakter/eli-arnkvaern-bryhni/"
    assert MEETING_JANUARY in paths(results)[1:]
    meeting = next(r for r in results if r.path == MEETING_JANUARY)
    assert meeting.section == MEETING_JANUARY + "#deltakere" and "Møteleder: Eli Arnkværn Bryhni" in meeting.excerpt
    _, typed_plainly = page_search(page, site_url, "Stromsvag")  # the secretary of the January minutes, typed without æøå
    assert paths(typed_plainly)[0] == "kontakter/mari-stromsvag/" and MEETING_JANUARY in paths(typed_plainly)


def test_pages_about_the_site_come_after_the_archives_own(page, site_url):
    """The guide names «møter» and the folder of minutes; the meetings come first all the same."""
    _, results = page_search(page, site_url, "referatene")
    found = paths(results)
    about = [p for p in found if p in (GUIDE, "hjelp/")]
    assert GUIDE in about and len(about) < len(found)
    assert found[len(found) - len(about) :] == about


def test_the_search_page_orders_by_date_when_asked(page, site_url):
    """«Nyeste først»: the meetings by date, newest first, the undated pages after them."""
    _, by_score = page_search(page, site_url, "sirkulærøkonomi")
    _, newest = page_search(page, site_url, "sirkulærøkonomi", rekkefolge="desc")
    _, oldest = page_search(page, site_url, "sirkulærøkonomi", rekkefolge="asc")
    meetings = [r for r in newest if r.path.startswith("moter/")]
    assert len(meetings) >= 2 and sorted(paths(newest)) == sorted(paths(by_score))
    assert [r.path for r in meetings] == sorted((r.path for r in meetings), key=lambda p: p.rstrip("/").rsplit("/", 1)[1], reverse=True)
    assert paths(newest)[: len(meetings)] == [r.path for r in meetings]  # dated first
    assert [r.path for r in oldest if r.path.startswith("moter/")] == list(reversed([r.path for r in meetings]))
    assert page.text_content("#search-page-status").endswith("Eldste først.")


def test_excerpts_read_as_labelled_values_with_the_hit_marked(page, site_url):
    _, results = header_search(page, site_url, "Osloregionen")
    person = next(r for r in results if r.path == "kontakter/mari-stromsvag/")
    assert "Organisasjon: Osloregionen." in person.excerpt
    assert "Roller: sekretær for Næringsgruppen." in person.excerpt
    assert person.marked == ["Osloregionen."] or person.marked == ["Osloregionen"]
    assert person.meta == {"Type": "Person"}


def test_a_meeting_result_says_its_kind_group_and_date(page, site_url):
    _, results = header_search(page, site_url, "kontormøbler")
    meeting = results[0]
    assert meeting.path == MEETING_JANUARY
    assert meeting.title == "Referat fra møte i Næringsgruppen, 16. januar 2025"
    assert meeting.meta == {"Type": "Møte", "Gruppe": "Næringsgruppen", "Dato": "16. januar 2025"}
    assert meeting.section == MEETING_JANUARY + "#sak-3"
    assert "kontormøbler" in " ".join(meeting.marked)
    # Sentences, not glued words: every label is followed by its value.
    assert "Satsingsområde: Sirkulærøkonomi." in meeting.excerpt


def test_the_agenda_item_link_opens_the_meeting_at_its_heading(page, site_url):
    header_search(page, site_url, "kontormøbler")
    page.click(".search-result__section a")
    page.wait_for_url("**/moter/naeringsgruppen/2025-01-16/#sak-3")
    assert page.evaluate("() => document.getElementById('sak-3').textContent").startswith("3. Ombruk i innkjøp")
