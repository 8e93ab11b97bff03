"""Markdown written by people, rendered to safe HTML.

Minutes and the site's hand-written pages are rendered here, not by the site
engine: the engine only ever sees generated headings and finished HTML (see
archive/views/pages.py). The renderer is markdown-it-py in CommonMark mode with
GitHub's tables and strikethrough, so the site shows a file the way GitHub's
preview shows it to the secretary who wrote it. nh3 then cleans the result to
the allow-list in archive/safety/rules.py, and on the way rewrites relative links to
the addresses the pages have on the site. Attribute lists (`{: … }`) mean
nothing here, so they stay text.
"""

from __future__ import annotations

import functools
import re
import secrets

import nh3
from markupsafe import Markup

from archive.model.links import is_relative, site_href
from archive.safety.rules import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, DROP_CONTENT, SAFE_ID, URL_SCHEMES, markdown_it, user_ids

_renderer = markdown_it()
# Ids written by people get GitHub's prefix, so that no id in minutes or a page
# can meet one the site, its theme or its scripts use («sak-2», «search»…);
# a link to such an id within the same text is rewritten to match.
USER_ID_PREFIX = "user-content-"
_TAGS = set(ALLOWED_TAGS)
_ATTRIBUTES = {tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()}
_SCHEMES = set(URL_SCHEMES)


def _clean(html: str, src: str, here: str, ids: frozenset[str] = frozenset()) -> Markup:
    def rewrite(element: str, attribute: str, value: str) -> str | None:
        if attribute in ("href", "src"):
            if element == "img" and not is_relative(value):
                return None  # images come from the site only: no request leaves it
            if value.startswith("#") and value[1:] in ids:
                return f"#{USER_ID_PREFIX}{value[1:]}"
            return site_href(src, here, value) if is_relative(value) else value
        if attribute == "id":
            # «__config» and the like are refused (archive/safety/rules.py); the rest is prefixed.
            return USER_ID_PREFIX + value if SAFE_ID.match(value) else None
        return value

    cleaned = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        clean_content_tags=DROP_CONTENT,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=rewrite,
    )
    return Markup(cleaned)


@functools.lru_cache(maxsize=100_000)
def render_markdown(text: str, src: str = "", here: str = "", ids: frozenset[str] | None = None) -> Markup:
    """Block Markdown written in the file `src`, as HTML for the page `here`.
    `ids`: the ids written anywhere in that file (by default, in `text`)."""
    return _clean(_renderer.render(text), src, here or src, user_ids([text]) if ids is None else ids)


@functools.lru_cache(maxsize=100_000)
def render_inline(text: str) -> Markup:
    """One line of Markdown (a decision, a task): bold, links, code; no paragraph around it."""
    return _clean(_renderer.renderInline(text.replace("\n", " ")), "", "")


# Between the texts of one render_many call: a comment no one can type, since
# its name is new in every run.
_SEPARATOR = f"<!--{secrets.token_hex(8)}-->"


# HTML blocks that a blank line does not end (CommonMark's kinds 1–5): an
# unclosed <pre> would take the next block in as raw HTML, separator and all.
_MAY_STAY_OPEN = re.compile(r"<(?:pre|script|style|textarea)\b|<!|<\?", re.IGNORECASE)


def render_many(texts: list[str], src: str, here: str) -> list[Markup]:
    """Several blocks of one file in a single pass: a large archive has tens of
    thousands of them, and each call has its own cost. Falls back to one pass
    per block when a block leaves something open (an unclosed <pre> or fence)
    that would run into the next."""
    ids = user_ids(texts)
    if len(texts) < 2 or any(_MAY_STAY_OPEN.search(text) for text in texts):
        return [render_markdown(text, src, here, ids) for text in texts]
    joined = ("\n\n" + _SEPARATOR + "\n\n").join(texts)
    parts = _renderer.render(joined).split(_SEPARATOR + "\n")
    if len(parts) != len(texts):
        return [render_markdown(text, src, here, ids) for text in texts]
    return [_clean(part, src, here, ids) for part in parts]


def plain_text(text: str) -> str:
    """The words of one line of Markdown, for titles and feeds."""
    return render_inline(text).striptags()
