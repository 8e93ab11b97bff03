"""The strict build of the real repository, and what the built pages hold."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import build_site, copy_repository, strict_build

SEED_PAGE = "moter/naeringsgruppen/2025-udatert/index.html"


@pytest.fixture(scope="module")
def site(root, tmp_path_factory) -> Path:
    return strict_build(root, tmp_path_factory.mktemp("site"))


def article_text(site: Path, page: str) -> str:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    return " ".join(soup.select_one("article").get_text(" ").split())


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style"]):
        tag.decompose()
    return " ".join(soup.get_text(" ").split())


# Statements of the seed minutes, as repaired: at least one from every paragraph.
SEED_STATEMENTS = [
    "Hanne-Mai Eriksen, seniorrådgiver klynger hos Innovasjon Norge holdt en innledning på Teams",
    "næringsklynger i Innovasjon Norge Øst (inkluderte ikke Innlandet)",
    "Presentasjonen hennes er vedlagt.",
    "Det er mange gode klynger i vår region, også i Innlandet",
    "Klyngeprogrammet har tre nivåer",
    "Norwegian Space Cluster, som både er Nordland og Kjellermiljøet sammen",
    "Norsk senter for sirkulærøkonomi, startet regionalt og nå nasjonalt",
    "Hanne Mai deler derfor kontaktinformasjonen med alle klyngene",
    "månedlige næringsutviklingsmøter som koordinerer virkemidlene",
    "Faggruppen kan dermed være en aktiv pådriver for samarbeid med klyngene",
    "Ny runde for 2026-2028 vil lyses ut før påske.",
    "Gruppene skulle ha egne møter for å komme med konkrete forslag",
    "Arbeidsgrupper legger fram sine forslag på møtet",
    "Kan Osloregionen ta initiativ til noe som «Work in Norway», og søke midler?",
    "Bør koble på fagutdanningene i dette.",
    "Viktig å lære av hverandre og de som har prøvd",
    "Restaurering og gjenbruk av kontormøbler gjøres allerede.",
    "Minimum hva vi kan få til: erfaringsutveksling, webinarer, fokus på kostnadsbesparelser.",
    "se hvem som kan gjøre hva",
    "Maritime næringer, Autonom logistikk, Business Friendly Climate, Helse, Talent (dekt gruppe 1) og Tiltrekke kapital",
    "slik at regionen løftes sammen",
    "gruppa skal snevre ned til topp tre liste",
    "Harriet Slaaen (Trond Arne Ingvoldstad deltok i stedet for Harriet)",
    "Utenforskap er et utrolig stort problem",
    "Yrkesfag, kan vi få flere lærlingplasser?",
    "har ikke hatt møte enda og vil følge opp ved neste anledning",
    "Ingen sendte inn noe i forkant ble derfor strøket fra listen.",
    "Påminnelse om Energiworkshop 8. april og BEST konferansen 2025 4. juni 2025.",
    "Ingen ting til eventuelt.",
]


def test_strict_build_is_clean(site):
    assert (site / "index.html").exists()


def test_seed_minutes_are_on_their_page_repaired(site):
    text = article_text(site, SEED_PAGE)
    missing = [s for s in SEED_STATEMENTS if s not in text]
    assert missing == []


def test_every_line_of_the_minutes_body_reaches_the_page(site, root):
    """Nothing the secretary wrote is dropped by the page rendering."""
    body = (root / "docs/moter/naeringsgruppen/2025-udatert.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    text = article_text(site, SEED_PAGE)
    for line in body.splitlines():
        words = re.sub(r"^[#>*\-\s]+", "", line).strip()
        if words:
            assert " ".join(words.split()) in text, words


def test_meeting_header_card(site):
    soup = BeautifulSoup((site / SEED_PAGE).read_text(encoding="utf-8"), "html.parser")
    card = soup.select_one(".meeting-card dl")
    terms = [dt.get_text(" ", strip=True) for dt in card.find_all("dt")]
    assert terms[:2] == ["Dato", "Digitalt"]
    assert "Møteleder" in terms and "Referent" in terms
    assert "Til stede (9)" in terms and "Til stede digitalt (3)" in terms
    date = card.find("dd").get_text(" ", strip=True)
    assert date.startswith("udatert, mellom 16. januar og 8. april 2025")
    assert soup.find("h1").get_text(strip=True).startswith("Møte i Næringsgruppen – udatert")


def test_decisions_and_follow_ups_are_marked(site):
    soup = BeautifulSoup((site / SEED_PAGE).read_text(encoding="utf-8"), "html.parser")
    assert len(soup.select(".admonition.vedtak")) == 2
    follow_ups = soup.select(".admonition.oppfolging li")
    assert len(follow_ups) == 4
    assert soup.select_one("#sak-3") is not None and soup.select_one("#sak-7") is not None


def _links(site: Path, page: str) -> set[str]:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    return {a["href"] for a in soup.select("article a[href]")}


def test_meeting_links_every_person_focus_area_cluster_and_the_previous_meeting(site, root):
    from archive.repository import load_repository

    repo, _ = load_repository(root)
    meeting = repo.meetings_by_id["naeringsgruppen/2025-udatert"]
    links = _links(site, SEED_PAGE)
    people = set(meeting.invited) | set(meeting.attendees)
    for person in people:
        assert f"../../../kontakter/#{person}" in links, person
    for area in repo.focus_areas:
        assert f"../../../satsingsomrader/{area}/" in links, area
    for cluster in repo.clusters:
        assert f"../../../klynger/#{cluster}" in links, cluster
    assert "../2025-01-16/" in links


def test_every_linked_target_has_its_place(site, root):
    from archive.repository import load_repository

    repo, _ = load_repository(root)
    contacts = BeautifulSoup((site / "kontakter/index.html").read_text(encoding="utf-8"), "html.parser")
    for person in repo.people:
        assert contacts.find(id=person) is not None, person
    for org_id, org in repo.organisations.items():
        has_people = any(p.organisation == org_id for p in repo.people.values())
        assert contacts.find(id=f"org-{org_id}") is not None or not has_people, org_id
    clusters = BeautifulSoup((site / "klynger/index.html").read_text(encoding="utf-8"), "html.parser")
    for cluster in repo.clusters:
        assert clusters.find(id=cluster) is not None
    for area in repo.focus_areas:
        assert (site / "satsingsomrader" / area / "index.html").exists()


def test_no_text_recognition_damage_anywhere_in_the_site(site):
    damaged = re.compile(r"Mgteleder|Asbjgrn|Strgmsvag|@st\b|\bmgte|M@TE|Naeringsgruppen|Sirkulzer|GODKIJENNING")
    checked = 0
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".ics"):
            text = path.read_text(encoding="utf-8", errors="replace")
            text = visible_text(text) if path.suffix == ".html" else text
            assert not damaged.search(text), f"{path}: {damaged.search(text).group(0)}"
            checked += 1
    assert checked > 10


def test_meeting_pages_are_not_in_the_navigation(site):
    """A meeting page must stay small as the archive grows: no list of all meetings."""
    for page in ["index.html", SEED_PAGE]:
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        nav_links = [a["href"] for a in soup.select("nav.md-nav--primary a[href]")]
        assert nav_links, page
        assert not any(re.search(r"moter/naeringsgruppen/", href) for href in nav_links), nav_links


def test_search_index_holds_names_and_words_of_the_minutes(site):
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["no"]
    text = " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"])
    for word in ["sirkulærøkonomi", "klynge", "Asbjørn Lunde", "Strømsvåg", "Bærum kommune", "Norwegian Space Cluster"]:
        assert word.lower() in text.lower(), word


def test_norwegian_interface_without_third_party_fonts(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nb"' in html
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


def test_template_code_in_minutes_is_shown_as_typed(root, tmp_path):
    copy = copy_repository(root, tmp_path / "repo")
    minutes = copy / "docs/moter/naeringsgruppen/2025-udatert.md"
    text = minutes.read_text(encoding="utf-8")
    minutes.write_text(
        text.replace("Ingen ting til eventuelt.", "Ingen ting til eventuelt. {{ 7*7 }} og {% if true %}x{% endif %} og {# kommentar #}."),
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = build_site(copy, out)
    assert result.returncode == 0, result.stdout + result.stderr
    text = article_text(out, SEED_PAGE)
    assert "{{ 7*7 }} og {% if true %}x{% endif %} og {# kommentar #}." in text
    assert " 49 " not in text


def test_build_refuses_invalid_content_with_the_validators_message(root, tmp_path):
    copy = copy_repository(root, tmp_path / "repo")
    minutes = copy / "docs/moter/naeringsgruppen/2025-udatert.md"
    minutes.write_text(minutes.read_text(encoding="utf-8").replace("møteleder: eli-arnkvaern-bryhni", "møteleder: eli-bryhni"), encoding="utf-8")
    result = build_site(copy, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/moter/naeringsgruppen/2025-udatert.md:11: ukjent person «eli-bryhni»; mente du «eli-arnkvaern-bryhni» (Eli Arnkværn Bryhni)" in output
    assert "Traceback" not in output
