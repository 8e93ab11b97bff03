"""What members see first, and reading on a phone (issues 23 and 24), in Chromium at
1280 and 390 px on the real archive (and a grown copy for a planned meeting and
minutes in Nynorsk). Each check holds for any valid archive: it looks for what
the site makes, never for today's words or counts.
"""

from __future__ import annotations

import subprocess

import pytest

from .conftest import GROWN_TYPES, PAGE_TYPES, ROOT, outcome_meeting, screenshot, visit

# -- the first screen -----------------------------------------------------------------


def _top(page, selector: str) -> float:
    return page.evaluate("s => document.querySelector(s).getBoundingClientRect().top + window.scrollY", selector)


@pytest.mark.parametrize("width", ["desktop", "telefon"])
def test_a_meeting_page_shows_its_decisions_on_the_first_screen(new_tab, site_url, width):
    page = new_tab(width)
    address = outcome_meeting(ROOT)
    if address is None:  # an archive where no meeting decided anything: no outcome on any meeting page
        visit(page, site_url, "mote")
        assert page.locator("#vedtak-og-oppfolging").count() == 0
        return
    page.goto(site_url + address)
    height = page.evaluate("() => window.innerHeight")
    first = page.locator(".outcome-decisions li, table.outcome-actions tbody tr").first
    assert first.bounding_box()["y"] < height, "the outcome starts below the first screen"
    # The outcome comes before the facts and the agenda.
    assert _top(page, "#vedtak-og-oppfolging") < _top(page, "#om-motet") < _top(page, "article h2[id^='sak-']")
    screenshot(page, f"forste-skjerm-mote-{width}", full_page=False)


@pytest.mark.parametrize("width", ["desktop", "telefon"])
def test_the_front_page_leads_with_the_next_meeting_and_the_latest_minutes(new_tab, site_url, width):
    page = new_tab(width)
    visit(page, site_url, "forside")
    height = page.evaluate("() => window.innerHeight")
    assert page.locator("#neste-mote").bounding_box()["y"] < height
    order = [_top(page, f"#{anchor}") for anchor in ("neste-mote", "siste-referat", "oppfolging", "abonner", "finn-fram")]
    assert order == sorted(order), "next meeting, latest minutes, follow-ups, subscribe, then the way into the rest"
    # No keyboard hint where there is no keyboard; one on a desktop.
    placeholder = page.locator("#site-search-input").get_attribute("placeholder")
    assert ("/" in placeholder) == (width == "desktop")
    assert "tast" not in page.locator("article").inner_text().lower()


def test_a_planned_meeting_is_a_notice_with_its_own_print_button_and_calendar_file(new_tab, grown_url):
    page = new_tab("telefon")
    page.goto(grown_url + GROWN_TYPES["innkalling"])
    assert page.locator("article h1").inner_text().startswith("Innkalling til møte i")
    assert page.get_by_role("button", name="Skriv ut innkallingen").is_visible()
    calendar = page.get_by_role("link", name="Legg i kalender (.ics)")
    response = page.request.get(calendar.evaluate("a => a.href"))
    assert response.ok and "BEGIN:VEVENT" in response.text()
    screenshot(page, "forste-skjerm-innkalling-telefon", full_page=False)


def test_minutes_in_nynorsk_are_marked_as_such(new_tab, grown_url):
    page = new_tab("desktop")
    page.goto(grown_url + GROWN_TYPES["mote-nynorsk"])
    assert page.locator("html").get_attribute("lang") == "nb"  # the site speaks Bokmål
    items = page.locator("article h2[id^='sak-']")
    assert items.count() and all(h.get_attribute("lang") == "nn" for h in items.all())
    assert page.locator("article div[lang='nn']").count() >= items.count()
    assert page.evaluate("() => document.querySelector(\"article h2[id^='sak-'] + div\")?.closest('[lang]').lang") == "nn"


# -- reading on a phone ------------------------------------------------------------------

# Every word of a label on one line, or broken where it may break: at a space, a
# hyphen or a soft hyphen (shown as a hyphen). Each piece between such places is
# put in a span of its own (which does not change where lines break); a piece
# drawn on two lines was broken in the middle of a word.
_MID_WORD_BREAKS = """(selector) => {
  const found = [];
  for (const el of document.querySelectorAll(selector)) {
    // A header row hidden for cards is 1 px wide; the link beside a heading may go to a line of its own.
    if (!el.checkVisibility() || el.getBoundingClientRect().width < 8) continue;
    const texts = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) if (!walker.currentNode.parentElement.closest('.headerlink')) texts.push(walker.currentNode);
    for (const node of texts) {
      // The break characters in nodes of their own, the words between them in spans.
      const pieces = node.data.split(/([\\s\\u00ad\\-–]+)/).filter(piece => piece);
      node.replaceWith(...pieces.map(piece => {
        if (/^[\\s\\u00ad\\-–]+$/.test(piece)) return document.createTextNode(piece);
        const span = document.createElement('span'); span.textContent = piece; span.dataset.piece = ''; return span;
      }));
    }
    for (const span of el.querySelectorAll('span[data-piece]')) {
      if (Array.from(span.getClientRects()).filter(r => r.width > 0).length > 1) found.push(JSON.stringify(span.textContent) + ' in ' + JSON.stringify(el.textContent));
    }
  }
  return found;
}"""

# The labels of cards and tables, drawn as the page draws them (a table cell's label is
# its ::before, which a range cannot measure: it is copied into a probe of the same width).
_LABEL_PROBES = """() => {
  const probes = [];
  for (const cell of document.querySelectorAll('table.data-table td[data-label]')) {
    const before = getComputedStyle(cell, '::before');
    if (before.display === 'none' || before.content === 'none' || !cell.checkVisibility()) continue;
    const probe = document.createElement('span');
    probe.className = 'label-probe';
    probe.lang = 'nb';
    probe.textContent = cell.dataset.label;
    for (const p of ['font-family', 'font-size', 'font-weight', 'line-height', 'hyphens', 'overflow-wrap', 'word-break', 'padding-right']) probe.style.setProperty(p, before.getPropertyValue(p));
    probe.style.display = 'block'; probe.style.width = before.width; probe.style.boxSizing = 'border-box';
    cell.parentNode.insertBefore(probe, cell);
    probes.push(probe);
  }
  return probes.length;
}"""


@pytest.mark.parametrize("name", ["mote", "satsingsomrade", "oppfolging", "grupper", "gruppe", "person", "vedtak", "kalender", "klynger"])
def test_labels_break_only_between_words_or_with_a_hyphen_on_a_phone(new_tab, site_url, name):
    page = new_tab("telefon")
    visit(page, site_url, name)
    assert page.evaluate(_LABEL_PROBES) >= 0
    assert page.evaluate(_MID_WORD_BREAKS, "article dt, article th, article h1, article h2, .label-probe") == []


def test_the_labels_that_broke_mid_word_now_break_with_a_hyphen(new_tab, site_url):
    """«Arbeidsgruppe» and «Satsingsområde» in a 5.5 em column: broken at the soft hyphen, shown as «Arbeids-»."""
    page = new_tab("telefon")
    visit(page, site_url, "satsingsomrader")
    lines = page.evaluate("""() => {
      const out = [];
      for (const th of document.querySelectorAll('table.data-table th')) {
        const probe = document.createElement('div');
        probe.lang = 'nb'; probe.style.cssText = 'width: 5.5em; hyphens: auto; font-weight: 700; font-size: 16px';
        probe.textContent = th.textContent;
        document.body.appendChild(probe);
        out.push([th.textContent.replace(/\\u00ad/g, ''), probe.getBoundingClientRect().height > 25]);
      }
      return out;
    }""")
    broken = [label for label, wrapped in lines if wrapped]
    assert {"Arbeidsgruppe", "Satsingsområde"} <= set(broken), lines
    assert page.evaluate(_MID_WORD_BREAKS, "body > div[lang=nb]") == []
    # The check sees the old way: no soft hyphen, and the theme's «break anywhere».
    page.evaluate("""() => {
      const probe = document.createElement('div');
      probe.className = 'old-label'; probe.lang = 'nb';
      probe.style.cssText = 'width: 5.5em; overflow-wrap: anywhere; font-weight: 700; font-size: 16px';
      probe.textContent = 'Arbeidsgruppe';
      document.body.appendChild(probe);
    }""")
    assert page.evaluate(_MID_WORD_BREAKS, "body > div.old-label") != []


def test_the_phone_header_shows_the_whole_site_name(new_tab, site_url):
    page = new_tab("telefon")
    visit(page, site_url, "mote")
    name = page.locator(".md-header__topic").first
    assert name.inner_text().strip() == "Næringsgruppen i Osloregionen"
    box = name.evaluate("el => { const s = el.querySelector('.md-ellipsis'); return [s.scrollWidth, s.clientWidth, s.getBoundingClientRect().right] }")
    assert box[0] <= box[1] + 1 and box[2] <= 390


@pytest.mark.parametrize(("name", "tab"), [("mote", "Møter"), ("moter-ar", "Møter"), ("person", "Kontakter"), ("gruppe", "Kontakter"), ("vedtak-ar", "Vedtak")])
def test_a_detail_page_marks_its_tab_and_has_a_breadcrumb(new_tab, site_url, name, tab):
    page = new_tab("desktop")
    visit(page, site_url, name)
    assert page.locator(".md-tabs__item--active").inner_text().strip() == tab
    assert page.locator("article nav.breadcrumb a").count() >= 1


def test_headings_are_dark_and_firm(new_tab, site_url):
    page = new_tab("desktop")
    visit(page, site_url, "vedtak")
    style = page.evaluate("() => { const s = getComputedStyle(document.querySelector('article h1')); return [s.color, s.fontWeight]; }")
    red, green, blue = (int(x) for x in style[0].removeprefix("rgb(").removeprefix("rgba(").rstrip(")").split(",")[:3])
    assert max(red, green, blue) < 80 and int(style[1]) >= 600


def test_one_colour_per_meaning(new_tab, site_url):
    """Each state of a follow-up and of a meeting has a look of its own; a group's or focus
    area's state («Aktiv») has a plain one that no follow-up or meeting state shares."""
    page = new_tab("desktop")
    looks: dict[str, set] = {}
    for name, kind in (("oppfolging", "oppfølging"), ("oppfolging-avsluttet", "oppfølging"), ("motearkiv", "møte"), ("satsingsomrader", "gruppe")):
        visit(page, site_url, name)
        for label, look in page.evaluate(
            "() => Array.from(document.querySelectorAll('article .badge')).map(b => [b.textContent.trim(), getComputedStyle(b).backgroundColor + getComputedStyle(b).color])"
        ):
            looks.setdefault(look, set()).add((kind, label))
    assert looks
    for look, labels in looks.items():
        kinds = {kind for kind, _ in labels}
        assert len(kinds) == 1, f"{look} means {labels}"
        assert len(labels) == 1 or kinds == {"gruppe"}, f"{look} means {labels}"


def test_a_list_uses_the_width_of_a_desktop(new_tab, site_url):
    page = new_tab("desktop")
    visit(page, site_url, "oppfolging")
    width = page.evaluate("() => document.querySelector('article table, article p').closest('article').getBoundingClientRect().width")
    assert width > 900, width


def test_the_link_to_an_agenda_item_is_shown_on_a_touch_screen(new_tab, site_url):
    page = new_tab("telefon")
    visit(page, site_url, "mote")
    link = page.locator("article h2[id^='sak-'] .headerlink").first
    assert link.evaluate("a => getComputedStyle(a).opacity") == "1"
    box = link.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24


# -- the registers ------------------------------------------------------------------------


def test_the_follow_up_register_filters_every_follow_up_from_its_data(new_tab, site_url):
    page = new_tab("desktop")
    visit(page, site_url, "oppfolging")
    form = page.locator("form.archive-filter")
    assert form.is_visible()
    shown = page.locator("table.follow-up-table tbody tr").count()
    page.select_option("#filter-status", "")  # «Alle»: the closed ones come from the data
    page.wait_for_function("() => /^(Viser|Ingen)/.test(document.querySelector('.archive-filter-count').textContent)")
    every = page.locator("table.follow-up-table tbody tr").count()
    assert every >= shown
    assert "status=" in page.url
    statuses = set(page.locator("table.follow-up-table tbody td[data-label='Status'] .badge").all_inner_texts())
    assert statuses <= {"Åpen", "Forfalt", "Ferdig", "Utgår"}
    page.select_option("#filter-status", "åpen")  # back to the page's own rows
    page.wait_for_function("() => document.querySelector('.archive-filter-count').textContent === ''")
    assert page.locator("table.follow-up-table tbody tr").count() == shown


def test_the_decisions_register_filters_by_group_over_every_year(new_tab, site_url):
    page = new_tab("telefon")
    visit(page, site_url, "vedtak")
    group = page.eval_on_selector("#filter-gruppe", "s => s.options[1].value")
    page.select_option("#filter-gruppe", group)
    page.wait_for_function("() => /^(Viser|Ingen)/.test(document.querySelector('.archive-filter-count').textContent)")
    links = page.locator("table.decision-table tbody td[data-label='Gruppe'] a")
    assert links.count() == 0 or set(links.evaluate_all("as => as.map(a => a.getAttribute('href'))")) == {
        page.eval_on_selector("table.decision-table tbody td[data-label='Gruppe'] a", "a => a.getAttribute('href')")
    }
    screenshot(page, "vedtak-filtrert-telefon")


# -- minutes to keep ------------------------------------------------------------------------


def test_printed_minutes_say_who_issued_them_the_group_date_and_page(new_tab, site_url, tmp_path):
    page = new_tab("desktop")
    visit(page, site_url, "mote")
    group = page.locator("nav.breadcrumb a").nth(1).inner_text()
    pdf = tmp_path / "referat.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", display_header_footer=False, prefer_css_page_size=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Osloregionen – Faggruppe for næringssamarbeid" in text
    assert group in text and "Referat" in text
    assert "Side 1 av" in text
    assert "Nettside: " + page.url.split("#")[0] in " ".join(text.split())
    assert "Skriv ut referatet" not in text and "Brødsmulesti" not in text


def test_every_page_type_is_checked(new_tab):
    """New kinds of page reach the per-page checks (axe, overflow, targets, screenshots)."""
    assert {"gruppe", "hjelp", "moter-ar", "oppfolging-avsluttet", "mote"} <= set(PAGE_TYPES)
    assert {"innkalling", "mote-nynorsk"} <= set(GROWN_TYPES)
