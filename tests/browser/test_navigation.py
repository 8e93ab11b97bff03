"""Finding one's way, as a member on a phone or at a desk would.

- On a phone, from every kind of page, the menu button (tap 1) shows every
  section and every page of the menu, each a tap away (tap 2), all at least
  24 × 24 px; the tap lands on that page.
- Meeting pages: the breadcrumb (Møter › group › year), the contents list on
  phones (collapsed, and hidden where the theme shows its own), the invited
  list collapsed, and the links between meetings.
"""

from __future__ import annotations

import re

import pytest

from .checks import small_targets
from .conftest import PAGE_TYPES, screenshot, visit

# Every page of the menu (mkdocs.yml's nav), by its name in the menu and its address.
MENU = {
    "Forside": "",
    "Møter": "moter/",
    "Etter gruppe": "moter/etter-gruppe/",
    "Kalender": "kalender/",
    "Oppmøte": "oppmote/",
    "Vedtak": "vedtak/",
    "Oppfølging": "oppfolging/",
    "Satsingsområder": "satsingsomrader/",
    "Kontakter": "kontakter/",
    "Organisasjoner": "kontakter/organisasjoner/",
    "Grupper": "grupper/",
    "Klynger": "klynger/",
    "Hjelp": "hjelp/",
    "Åpne data": "data/",
}

DRAWER_LINKS = ".md-nav--primary a.md-nav__link"


def _open_menu(page) -> None:
    page.locator("label.md-header__button[for='__drawer']").tap()
    assert page.locator("#__drawer").is_checked()
    # The drawer slides in from the left: wait until it is all on the screen.
    page.wait_for_function("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")


def _menu_entries(page) -> dict[str, dict]:
    """The menu's links that a member can see and tap now: name → box and address."""
    return page.evaluate(
        """(selector) => {
        const out = {};
        const drawer = document.querySelector('.md-sidebar--primary').getBoundingClientRect();
        for (const a of document.querySelectorAll(selector)) {
            const box = a.getBoundingClientRect();
            const visible = a.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
                && box.width > 0 && box.left >= -0.5 && box.right <= window.innerWidth + 0.5 && box.left < drawer.right;
            if (!visible) continue;
            out[a.textContent.trim().replace(/\\s+/g, ' ')] = {href: a.href, width: box.width, height: box.height};
        }
        return out;
    }""",
        DRAWER_LINKS,
    )


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_two_taps_reach_any_section_on_a_phone(phone_page, site_url, name):
    page = phone_page
    visit(page, site_url, name)
    _open_menu(page)
    entries = _menu_entries(page)
    # The page one is on stands in the menu as the opener of its own contents instead of as a link.
    others = [label for label, address in MENU.items() if address != PAGE_TYPES[name]]
    missing = [label for label in others if label not in entries]
    assert missing == [], f"not in the open menu: {missing}"
    for label in others:
        assert entries[label]["href"] == site_url + MENU[label], label
    assert small_targets(page) == []
    if name in ("mote", "forside"):
        screenshot(page, f"meny-{name}-telefon", full_page=False)
    # Tap 2: a different page of the menu for each kind of page, so every entry is tapped.
    label = others[sorted(PAGE_TYPES).index(name) % len(others)]
    page.locator(DRAWER_LINKS).filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")).first.tap()
    page.wait_for_url(site_url + MENU[label])
    assert page.locator("article h1").count() == 1


def test_the_menu_on_the_front_page_opens(phone_page, site_url):
    """The front page hides the side menu on wide screens; on a phone the menu must still slide in."""
    page = phone_page
    visit(page, site_url, "forside")
    assert page.locator(".md-sidebar--primary").get_attribute("hidden") is not None
    _open_menu(page)
    box = page.locator(".md-sidebar--primary").bounding_box()
    assert box["x"] >= -1 and box["width"] > 200


def test_tabs_take_a_desktop_reader_to_each_section(watched_page, site_url):
    page = watched_page
    visit(page, site_url, "mote")
    page.locator(".md-tabs__link", has_text="Klynger").click()
    page.wait_for_url(site_url + "klynger/")
    active = page.locator(".md-tabs__item--active .md-tabs__link")
    assert active.inner_text() == "Klynger"
    # The current tab is marked by more than brightness: a bar under it.
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-tabs__item--active .md-tabs__link')).boxShadow") != "none"


def test_breadcrumb_on_a_meeting_page(watched_page, site_url):
    page = watched_page
    visit(page, site_url, "mote")
    crumbs = page.locator("nav.breadcrumb a")
    texts = crumbs.all_inner_texts()
    assert texts[0] == "Møter" and re.fullmatch(r"\d{4}", texts[2])
    group = texts[1]
    assert group in page.locator("article h1").inner_text()
    # One line, the three links side by side.
    tops = {round(box["y"]) for box in (crumbs.nth(i).bounding_box() for i in range(3))}
    assert len(tops) == 1
    crumbs.nth(2).click()
    page.wait_for_url(re.compile(rf"{re.escape(site_url)}moter/{texts[2]}/$"))
    assert page.locator("article h1").inner_text().replace("¶", "").strip() == f"Møter {texts[2]}"
    page.go_back()
    crumbs.nth(1).click()
    page.wait_for_url(re.compile(rf"{re.escape(site_url)}moter/etter-gruppe/[a-z0-9-]+/$"))
    assert page.locator("article h1").inner_text().replace("¶", "").strip() == f"Møter i {group}"


def test_contents_list_on_a_phone_collapsed_and_leading_to_the_items(phone_page, site_url):
    page = phone_page
    visit(page, site_url, "mote")
    contents = page.locator("details.contents-list")
    assert contents.is_visible()
    assert contents.get_attribute("open") is None
    items = contents.locator("li a")
    assert items.first.is_hidden()
    contents.locator("summary").tap()
    assert items.count() >= 4 and items.first.is_visible()
    target = items.nth(2).get_attribute("href")
    items.nth(2).tap()
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    assert page.locator(target).is_visible()


def test_contents_list_gives_way_to_the_themes_on_a_wide_screen(watched_page, site_url):
    page = watched_page
    visit(page, site_url, "mote")
    assert page.locator("details.contents-list").is_hidden()
    assert page.locator(".md-sidebar--secondary .md-nav__link").first.is_visible()


def test_invited_list_is_collapsed(phone_page, site_url):
    page = phone_page
    visit(page, site_url, "mote")
    invited = page.locator("details.invited")
    assert invited.get_attribute("open") is None
    names = invited.locator("ul a")
    assert names.count() > 5 and names.first.is_hidden()
    invited.locator("summary").tap()
    assert names.first.is_visible()


def test_archive_date_link_opens_the_meeting_and_previous_next_move_between_meetings(watched_page, site_url):
    page = watched_page
    page.goto(site_url + "moter/")
    first = page.locator("table.archive-table tbody tr").first
    date_link = first.locator("td").first.locator("a")
    date_text = date_link.inner_text()
    date_link.click()
    page.wait_for_load_state()
    # The meeting's title names its group and its date; the date was the link.
    assert date_text in page.locator("article h1").inner_text()
    nav = page.locator("nav.meeting-nav")
    assert "Forrige møte" in nav.inner_text()
    here = page.url
    nav.get_by_role("link").first.click()
    page.wait_for_url(lambda url: url != here)
    assert "Neste møte" in page.locator("nav.meeting-nav").inner_text()
    page.locator("nav.meeting-nav").get_by_role("link").last.click()
    page.wait_for_url(here)
