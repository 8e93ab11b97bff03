"""Markdown written by people, rendered to safe HTML.

Minutes and the site's hand-written pages are rendered here, not by the site
engine: the engine only ever sees generated headings and finished HTML (see
archive/site.py). Python-Markdown renders the text with the extensions minutes
need; nh3 then cleans the result to the allow-list in archive/safety.py, and
on the way rewrites relative links to the addresses the pages have on the site.
Attribute lists (`{: … }`) are not an extension here, so they stay text.
"""

from __future__ import annotations

import functools
import re

import markdown
import nh3
from markupsafe import Markup

from archive.links import is_relative, site_href
from archive.safety import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES, _DROP_CONTENT

EXTENSIONS = ["tables", "sane_lists", "fenced_code"]

_md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")


def _clean(html: str, src: str, here: str) -> Markup:
    def rewrite(element: str, attribute: str, value: str) -> str | None:
        if attribute in ("href", "src"):
            if element == "img" and not is_relative(value):
                return None  # images come from the site only: no request leaves it
            return site_href(src, here, value) if is_relative(value) else value
        return value

    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        clean_content_tags=_DROP_CONTENT,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=rewrite,
    )
    return Markup(cleaned)


def render_markdown(text: str, src: str = "", here: str = "") -> Markup:
    """Block Markdown written in the file `src`, as HTML for the page `here`."""
    _md.reset()
    return _clean(_md.convert(text), src, here or src)


_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)


@functools.lru_cache(maxsize=65536)
def render_inline(text: str) -> Markup:
    """One line of Markdown (a decision, a task) without its paragraph: bold, links, code."""
    _md.reset()
    html = _md.convert(text.replace("\n", " "))
    match = _PARAGRAPH.match(html)
    return _clean(match.group(1) if match else html, "", "")


def plain_text(text: str) -> str:
    """The words of one line of Markdown, for titles and feeds."""
    return render_inline(text).striptags()
