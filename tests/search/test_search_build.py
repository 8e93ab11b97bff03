"""What the build gives the search: the documents the index reads, the vocabulary
and the names (archive/views/search.py). No browser."""

from __future__ import annotations

import json

import pytest

from archive.views import search
from archive.views.html import Markup, definition_list, table, tag
from archive.views.pages import Heading, Later, Page


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Strømsvåg", "stromsvag"),
        ("Stromsvaag", "stromsvag"),
        ("STRØMSVÅG", "stromsvag"),
        ("sirkulærøkonomi", "sirkulaerokonomi"),
        ("sirkulaerokonomi", "sirkulaerokonomi"),
        ("Næringsgruppen", "naeringsgruppen"),
        ("Aanensen", "anensen"),
        ("Ødegård", "odegard"),
        ("Oedegaard", "odegard"),
        ("Södergren", "sodergren"),
        ("Ärlig", "aerlig"),
        ("Stro\u0308msva\u030ag", "stromsvag"),  # decomposed letters, as some keyboards send them
    ],
)
def test_fold_writes_what_a_keyboard_without_aeoeaa_types(typed, folded):
    assert search.fold(typed) == folded


def test_words_files_are_named_by_the_folded_beginning():
    assert search.words_file("Strømsvåg") == "st"
    assert search.words_file("Ødegård") == "od"
    assert search.words_file("Æser") == "ae"
    assert search.words_file("Åse") == "as"
    assert search.words_file("éclair") == search.OTHER_WORDS


def test_readable_writes_labels_with_their_values():
    card = str(definition_list([("Organisasjon", tag("a", "Osloregionen", href="../x/")), ("Roller", "sekretær")]))
    assert search.readable(card) == "<div><div><p>Organisasjon: <a>Osloregionen</a></p><p>Roller: sekretær</p></div></div>"
    rows = str(table(["Felt", "Påkrevd"], [[tag("code", "id"), "ja"]], class_="field-table"))
    text = search.readable(rows)
    assert "<th" not in text and "Felt: <code>id</code>" in text and "Påkrevd: ja" in text
    box = '<div class="admonition success vedtak"><p class="admonition-title">Vedtak</p><p>Godkjent.</p></div>'
    assert search.readable(box) == "<div><p>Vedtak: Godkjent.</p></div>"
    follow_up = '<li><span class="badge badge--open">Åpen</span> Lage en liste.<span class="follow-up-details"><strong>Ansvar:</strong> Dag</span></li>'
    assert search.readable(follow_up) == "<li><span>Åpen:</span> Lage en liste. <span><strong>Ansvar:</strong> Dag</span></li>"


def _page(src: str, blocks: list, title: str = "Tittel") -> tuple[Page, list[str]]:
    page = Page(src, title, blocks, searchable=True)
    html = [str(b.make() if isinstance(b, Later) else b) for b in blocks if not isinstance(b, Heading)]
    return page, html


def test_a_meeting_is_indexed_at_full_weight_without_what_the_index_leaves_out():
    page, html = _page(
        "moter/gruppen/2025-01-16.md",
        [
            Later(lambda: tag("nav", "Møter › Gruppen"), searchable=False),
            Heading(1, "Møte i Gruppen", ""),
            Later(lambda: tag("div", "Møteleder: Kari"), searchable=False),
            Heading(2, "1. Klynger", "sak-1"),
            Later(lambda: tag("p", "Om klynger i regionen.")),
            Heading(2, "Inviterte (45)", "inviterte"),
            Later(lambda: tag("ul", "Førtifem navn"), searchable=False),
        ],
    )
    document = search.search_document(page, html)
    assert '<h2 id="sak-1">1. Klynger</h2>' in document
    assert "<p>Om klynger i regionen.</p>" in document
    assert "data-pagefind-weight" not in document
    assert "Møteleder" not in document and "Førtifem" not in document and "Møter ›" not in document
    assert "Inviterte" not in document, "a heading over nothing searchable is left out"
    assert '<span data-pagefind-filter="type">Møte</span>' in document


def test_a_person_counts_less_and_only_their_card_is_indexed():
    page, html = _page(
        "kontakter/kari.md",
        [
            Heading(1, "Kari Nordmann", ""),
            Markup(tag("p", "Organisasjon: Osloregionen")),
            Heading(2, "Møter", "moter"),
            Markup(tag("p", "Ikke registrert på noe møte.")),
        ],
    )
    document = search.search_document(page, html)
    assert "<h1>Kari Nordmann</h1>" in document
    assert '<div data-pagefind-weight="0.5"><p>Organisasjon: Osloregionen</p></div>' in document
    assert "Møter" not in document and "Ikke registrert" not in document


def test_the_cluster_list_and_the_guide_weigh_their_titles_down():
    page, html = _page(
        "klynger/index.md", [Heading(1, "Klynger", ""), Heading(2, "Fjordreiseliv", "fjordreiseliv"), Markup(tag("p", "Nevnt i: møtet."))], "Klynger"
    )
    document = search.search_document(page, html)
    assert '<h1 data-pagefind-weight="0.5">Klynger</h1>' in document
    assert '<h2 id="fjordreiseliv">Fjordreiseliv</h2>' in document
    page, html = _page("veiledning/index.md", [Heading(1, "Veiledning", ""), Markup(tag("p", "Slik gjør du."))], "Veiledning")
    document = search.search_document(page, html)
    assert '<h1 data-pagefind-weight="2">Veiledning</h1>' in document
    assert '<span data-pagefind-filter="type">Om nettstedet</span>' in document


def test_write_search_sources_writes_the_searchable_pages_and_removes_the_rest(tmp_path):
    searchable, html = _page("moter/gruppen/2025-01-16.md", [Heading(1, "Møte", ""), Markup(tag("p", "Tekst."))])
    register = Page("vedtak/index.md", "Vedtak", [Heading(1, "Vedtak", "")])
    stale = tmp_path / "gammel" / "index.html"
    stale.parent.mkdir()
    stale.write_text("x")
    documents = search.write_search_sources([searchable, register], {searchable.src: html, register.src: []}, tmp_path)
    assert list(documents) == ["moter/gruppen/2025-01-16.md"]
    assert (tmp_path / "moter" / "gruppen" / "2025-01-16" / "index.html").read_text(encoding="utf-8") == documents[searchable.src]
    assert not stale.exists() and not stale.parent.exists()
    assert not (tmp_path / "vedtak").exists()


def test_the_vocabulary_counts_documents_and_skips_filters_and_the_head():
    documents = [
        (
            "<html><head><title>Ignorert</title></head><body><main><h1>Møtet</h1><p>Strømsvåg, møtet og 2025.</p>"
            '<div hidden data-pagefind-ignore="index"><span>Filterord</span></div></main>'
        ),
        "<main><p>Møtet i Ødegård.</p></main>",
    ]
    counts = search.vocabulary(documents)
    assert counts["møtet"] == 2 and counts["strømsvåg"] == 1 and counts["ødegård"] == 1
    assert "ignorert" not in counts and "filterord" not in counts and "2025" not in counts


def test_search_aid_files_split_the_words_by_folded_beginning_and_list_them(fixture_repo):
    files = search.search_aid_files(fixture_repo, ["<main><p>Strømsvåg stromsvag Stemme møte mote øl</p></main>"])
    index = json.loads(files["sok/ord/index.json"])
    assert index["files"] == ["mo", "ol", "st"]
    assert json.loads(files["sok/ord/st.json"]) == ["stemme", "stromsvag", "strømsvåg"]
    assert json.loads(files["sok/ord/mo.json"]) == ["mote", "møte"]
    names = index["names"]
    for name in ("Mari Strømsvåg", "Osloregionen", "Næringsgruppen", "Faggruppe for næringssamarbeid", "Sirkulærøkonomi", "Fjordreiseliv"):
        assert name in names
