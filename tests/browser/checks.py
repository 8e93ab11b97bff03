"""What every page must pass at every width, measured in the browser.

- No horizontal overflow: the document is no wider than the window.
- No visible control under 24 × 24 CSS px (WCAG 2.2, 2.5.8): buttons,
  inputs, selects, summaries, the theme's toggles (labels of checkboxes) and
  links that are not inline in text (tabs, menu links, cards, breadcrumb).
  A link laid out inline in running text or a table cell is exempt, as the
  criterion exempts targets constrained by the line height of the text.
- No axe-core violation for WCAG 2.0, 2.1 and 2.2 A and AA.
"""

from __future__ import annotations

import json

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MIN_TARGET = 24

_OVERFLOW = "() => ({scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth})"

_SMALL_TARGETS = """(minimum) => {
  const controls = 'button, input:not([type=hidden]), select, textarea, summary, [role=button], label[for], a[href]';
  const small = [];
  for (const el of document.querySelectorAll(controls)) {
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    // Off the screen to the side: the closed menu on a phone.
    if (box.right <= 0 || box.left >= window.innerWidth) continue;
    if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') continue;
    if (el.tagName === 'LABEL') {
      // A label is a control of its own only where it is the visible face of a
      // checkbox or radio button (the theme's menu toggles); a text field's
      // label only names its field.
      const target = document.getElementById(el.htmlFor);
      if (!target || !['checkbox', 'radio'].includes(target.type)) continue;
    }
    if (box.width < minimum - 0.01 || box.height < minimum - 0.01) {
      const text = (el.textContent || el.value || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
      small.push(`${el.tagName.toLowerCase()}.${String(el.className).trim().replace(/\\s+/g, '.')} «${text}» ${box.width.toFixed(1)}×${box.height.toFixed(1)}`);
    }
  }
  return small;
}"""


def overflow(page) -> dict:
    return page.evaluate(_OVERFLOW)


def assert_no_overflow(page) -> None:
    sizes = overflow(page)
    assert sizes["scrollWidth"] <= sizes["innerWidth"], f"the page is {sizes['scrollWidth']} px wide in a {sizes['innerWidth']} px window"


def small_targets(page) -> list[str]:
    return page.evaluate(_SMALL_TARGETS, MIN_TARGET)


def axe_violations(page, axe_source: str) -> list[dict]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated, not added as a <script>: the page's Content Security
        # Policy rightly refuses an inline script it was not built with.
        page.evaluate(axe_source)
    result = page.evaluate(
        "tags => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })",
        AXE_TAGS,
    )
    assert result["passes"] or result["violations"] or result["incomplete"], "axe ran no rule at all"
    return [
        {
            "id": violation["id"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
            "summary": violation["nodes"][0].get("failureSummary", "") if violation["nodes"] else "",
        }
        for violation in result["violations"]
    ]


def describe(violations: list[dict]) -> str:
    return json.dumps(violations, ensure_ascii=False, indent=1)
