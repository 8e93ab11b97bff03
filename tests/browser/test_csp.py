"""The Content Security Policy in the browser (archive/safety/csp.py).

Every kind of page, and the web form before sign-in, at both widths, carries
its policy and breaks none of it while a member uses it: the theme's scripts,
the site's own, the search with its WebAssembly and the phone menu all run.
A script that gets into a page some other way does not. `make test` runs this
on both engines' builds.

Violations are counted by the browser's own `securitypolicyviolation` event,
listened for by a script Playwright adds (not subject to the policy); each is
also a console error, which the watched tabs fail on anyway.
"""

from __future__ import annotations

import re

import pytest

from .conftest import FORM_PAGE, PAGE_TYPES, WIDTHS, screenshot, visit

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__violations.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`.trim());
});
"""


def _policy(page) -> str:
    metas = page.locator('meta[http-equiv="Content-Security-Policy"]')
    assert metas.count() == 1
    return metas.get_attribute("content")


def _directive(policy: str, name: str) -> list[str]:
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    raise AssertionError(f"no {name} in {policy}")


def _no_other_host(policy: str) -> None:
    hosts = re.findall(r"https?://\S+", policy)
    assert hosts == [], hosts


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_every_page_keeps_its_policy(new_tab, site_url, name, width):
    page = new_tab(width)
    page.add_init_script(RECORD_VIOLATIONS)
    visit(page, site_url, name)
    policy = _policy(page)
    scripts = _directive(policy, "script-src")
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    _no_other_host(policy)
    inline = page.evaluate("() => [...document.scripts].filter(s => !s.src && (!s.type || s.type === 'module' || s.type.includes('javascript'))).length")
    assert len([s for s in scripts if s.startswith("'sha256-")]) >= 1 if inline else True
    if width == "desktop":
        # The search: its script, Pagefind's and its WebAssembly.
        page.keyboard.press("/")
        page.keyboard.type("møte", delay=10)
        page.wait_for_function("() => (document.querySelector('#site-search-status')?.textContent || '').includes('«møte»')")
    else:
        page.locator("label.md-header__button[for='__drawer']").tap()
        page.wait_for_function("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    assert page.evaluate("() => window.__violations") == []


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_the_form_before_sign_in_keeps_its_policy_and_asks_nothing_of_another_host(new_tab, site_url, width):
    page = new_tab(width)
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(site_url + FORM_PAGE, wait_until="load")
    page.get_by_role("button", name="Sign In Using Access Token").wait_for()
    page.locator("#skjema-hjelp").wait_for()
    policy = _policy(page)
    assert "'unsafe-inline'" not in _directive(policy, "script-src")
    assert _directive(policy, "connect-src") == ["'self'", "data:", "https://api.github.com"]
    page.wait_for_load_state("networkidle")
    screenshot(page, f"skjema-innlogging-{width}", full_page=False)
    assert page.evaluate("() => window.__violations") == []
    # new_tab fails the test on any request that left 127.0.0.1.
    # The help opens the guide's section on the form in a new tab (the token message links there too).
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Slik lager du nøkkelen, og slik bruker du skjemaet").click()
    guide = opened.value
    guide.wait_for_load_state()
    assert guide.url == site_url + "veiledning/#skjemaet-for-referater"
    assert guide.locator("h2#skjemaet-for-referater").inner_text().startswith("Skjemaet for referater")
    guide.close()


def test_an_injected_script_does_not_run(new_tab, site_url):
    """What a slip in the cleaning of minutes would let in: an inline script and an event handler."""
    page = new_tab("desktop")
    page.add_init_script(RECORD_VIOLATIONS)
    visit(page, site_url, "mote")
    # The page's own inline scripts ran: the theme's settings helper is there.
    assert page.evaluate("() => typeof window.__md_get") == "function"
    outcome = page.evaluate("""() => new Promise((resolve) => {
        const script = document.createElement('script');
        script.textContent = 'window.__injected = true;';
        document.body.append(script);
        const image = document.createElement('img');
        image.setAttribute('onerror', 'window.__handler = true');
        image.src = 'data:,ikke-et-bilde';
        document.body.append(image);
        setTimeout(() => resolve({script: window.__injected === true, handler: window.__handler === true, violations: window.__violations}), 500);
    })""")
    assert outcome["script"] is False and outcome["handler"] is False
    assert {v.split()[0] for v in outcome["violations"]} == {"script-src-elem", "script-src-attr"}
    # The browser logs each refusal as a console error: this test's doing, not the site's.
    assert page.watch.console_errors and all("Content Security Policy" in e for e in page.watch.console_errors)
    page.watch.console_errors.clear()
