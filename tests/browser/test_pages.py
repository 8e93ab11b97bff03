"""Every kind of page at a desktop and a phone width: opens cleanly, fits the
screen, has no control under 24 × 24 px, passes axe-core (WCAG 2.2 AA), and
leaves a screenshot in test-artifacts/screenshots/<kind>-<width>.png.

The `new_tab` fixture fails a test on any console error, uncaught exception,
failed response or request to a host other than 127.0.0.1, so each test here
is also the proof that nothing leaves the site on that kind of page (no web
fonts, no analytics). The last tests plant each kind of fault and show that
the checks see it.
"""

from __future__ import annotations

import re

import pytest

from .checks import assert_no_overflow, axe_violations, describe, overflow, small_targets
from .conftest import GROWN_TYPES, PAGE_TYPES, ROOT, SITE_NAME, WIDTHS, open_watched, screenshot, visit, written_text

_OTHER_DATE_STYLE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\.\d{1,2}\.\d{2,4}\b")
WRITTEN = written_text(ROOT)


def dates_written_by_the_site(text: str, written: str) -> list[str]:
    """Dates in `text` not in the site's style («2026-03-04», «4.3.2026») that are
    not quoted from what the secretary wrote: each with the word before it."""
    words = text.split()
    found = []
    for index, word in enumerate(words):
        if not _OTHER_DATE_STYLE.search(word):
            continue
        before = " ".join(words[max(index - 1, 0) : index + 1])
        after = " ".join(words[index : index + 2])
        if before not in written and after not in written:
            found.append(before)
    return found


MAIN_SECTIONS = ["Forside", "Møter", "Vedtak", "Oppfølging", "Satsingsområder", "Kontakter", "Klynger", "Hjelp"]


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_page(new_tab, site_url, axe_source, name, width):
    page = new_tab(width)
    response = visit(page, site_url, name)
    check_page(page, response, axe_source, name, width)


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("name", sorted(GROWN_TYPES))
def test_page_of_a_grown_archive(new_tab, grown_url, axe_source, name, width):
    """A planned meeting (an innkalling) and minutes in Nynorsk, which the next pull request may bring."""
    page = new_tab(width)
    response = page.goto(grown_url + GROWN_TYPES[name], wait_until="load")
    check_page(page, response, axe_source, name, width)


def check_page(page, response, axe_source, name, width):
    assert response is not None
    assert response.status == (404 if name == "ikke-funnet" else 200)
    assert page.locator("article h1").count() == 1
    assert page.title().endswith(SITE_NAME)
    assert page.locator("html").get_attribute("lang") == "nb"

    # The main sections are one tap away: as tabs on a wide screen, behind the menu button on a phone.
    if width == "desktop":
        tabs = page.locator(".md-tabs__link")
        assert tabs.first.is_visible()
        assert tabs.all_inner_texts() == MAIN_SECTIONS
    else:
        assert page.locator(".md-tabs").is_hidden()
        assert page.locator("label.md-header__button[for='__drawer']").is_visible()

    # One date style («8. april 2025»); the guide and the open-data page show file formats on purpose.
    # A date the secretary typed in the text («til møtet etter 2026-03-04») is shown as typed.
    if name not in ("veiledning", "apne-data"):
        assert dates_written_by_the_site(page.locator("article").inner_text(), WRITTEN) == []
    # A status is a word in a badge, never colour alone.
    assert all(label.strip() for label in page.locator("article .badge").all_inner_texts())

    path = screenshot(page, f"{name}-{width}")
    assert path.stat().st_size > 10_000

    assert_no_overflow(page)
    assert small_targets(page) == []
    violations = axe_violations(page, axe_source)
    assert violations == [], describe(violations)


def test_no_web_fonts_and_the_theme_font_is_the_systems(new_tab, site_url):
    """The theme's Google Fonts are off (mkdocs.yml: font: false): no font is fetched at all."""
    page = new_tab("desktop")
    fonts: list[str] = []
    page.on("request", lambda request: fonts.append(request.url) if request.resource_type == "font" else None)
    visit(page, site_url, "mote")
    assert fonts == []
    assert page.locator("link[href*='fonts.googleapis'], link[href*='fonts.gstatic']").count() == 0


# -- the checks can fail --------------------------------------------------------


def test_date_check_tells_the_sites_dates_from_the_secretarys():
    written = "Lage et notat til møtet etter 2026-03-04. Ansvar: Kari Nordmann."
    assert dates_written_by_the_site("Oppgave Lage et notat til møtet etter 2026-03-04. Åpen", written) == []
    assert dates_written_by_the_site("Møte 2026-03-04 Næringsgruppen", written) == ["Møte 2026-03-04"]
    assert dates_written_by_the_site("Frist 4.3.2026", written) == ["Frist 4.3.2026"]
    assert dates_written_by_the_site("Frist 4. mars 2026", written) == []


def test_overflow_check_sees_a_page_too_wide(new_tab, site_url):
    page = new_tab("telefon")
    visit(page, site_url, "forside")
    page.evaluate(
        "() => { const d = document.createElement('div'); d.style.width = '500px'; d.textContent = 'x'; document.querySelector('article').appendChild(d); }"
    )
    assert overflow(page)["scrollWidth"] > 390
    with pytest.raises(AssertionError, match="wide in a 390 px window"):
        assert_no_overflow(page)


def test_target_check_sees_a_small_button_and_a_small_block_link_but_not_a_link_in_text(new_tab, site_url):
    page = new_tab("telefon")
    visit(page, site_url, "forside")
    page.evaluate("""() => {
        const article = document.querySelector('article');
        const button = document.createElement('button');
        button.textContent = 'x'; button.style.cssText = 'width: 20px; height: 20px; padding: 0; font-size: 8px';
        const link = document.createElement('a');
        link.href = '#'; link.textContent = 'y'; link.style.cssText = 'display: block; width: 18px; height: 30px';
        const text = document.createElement('p');
        text.innerHTML = 'Tekst med <a href="#">en lenke</a> i.';
        text.style.fontSize = '10px';
        article.append(button, link, text);
    }""")
    found = small_targets(page)
    assert len(found) == 2, found
    assert found[0].startswith("button") and found[1].startswith("a")


def test_axe_finds_a_planted_violation(new_tab, site_url, axe_source):
    page = new_tab("desktop")
    visit(page, site_url, "forside")
    page.evaluate("""() => {
        const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        document.querySelector('article').appendChild(img);
    }""")
    assert "image-alt" in [v["id"] for v in axe_violations(page, axe_source)]


def test_axe_finds_low_contrast_as_on_the_themes_footer(new_tab, site_url, axe_source):
    """The theme's footer text is 4.47:1 against its background: put the theme's
    colours back in place of extra.css's and axe fails the page on the footer."""
    page = new_tab("desktop")
    visit(page, site_url, "forside")
    page.add_style_tag(
        content=(
            ".md-copyright, .md-copyright__highlight { color: var(--md-footer-fg-color--lighter) !important; }"
            " .md-footer-meta { background-color: var(--md-footer-bg-color--dark) !important; }"
        )
    )
    contrast = [v for v in axe_violations(page, axe_source) if v["id"] == "color-contrast"]
    assert contrast and [".md-copyright__highlight"] in contrast[0]["nodes"]


def test_watch_catches_a_foreign_request(browser, site_url):
    """The guard itself works: a request to another host is seen and stopped.

    The pages' Content Security Policy stops such a request before it is made
    (test_csp.py); here it is bypassed, so the watch is what stops it.
    """
    context = browser.new_context(bypass_csp=True)
    page = open_watched(context)
    visit(page, site_url, "forside")
    # Chromium reports the aborted request as a console error; wait for it, so it is cleared below.
    with page.expect_console_message(lambda message: message.type == "error"):
        page.evaluate("() => fetch('https://example.invalid/track.gif').catch(() => null)")
    assert page.watch.foreign_requests == ["https://example.invalid/track.gif"]
    context.close()


def test_watch_catches_a_console_error_and_a_missing_file(new_tab, site_url):
    page = new_tab("desktop")
    visit(page, site_url, "forside")
    page.evaluate("() => console.error('prøve')")
    with page.expect_console_message(lambda message: "404" in message.text), page.expect_response(lambda r: r.url.endswith("/finnes-ikke.css")):
        page.evaluate("() => { const l = document.createElement('link'); l.rel = 'stylesheet'; l.href = 'finnes-ikke.css'; document.head.appendChild(l); }")
    assert "prøve" in page.watch.console_errors
    assert page.watch.failed_responses == [f"404 {site_url}finnes-ikke.css"]
    page.watch.console_errors.clear()
    page.watch.failed_responses.clear()
