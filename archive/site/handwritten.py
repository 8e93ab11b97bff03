"""Pages written by hand in docs/ (the guide, open data, help): the engine's own
Markdown, then the one sanitiser, then the archive's views in their slots.

Hand-written pages are MkDocs Markdown: the theme's extensions (admonitions,
tables, details, attribute lists) and, on a page that asks for it with
`render_macros: true`, the macros of macros/main.py. The engine renders them;
what it renders passes `clean_page_html` before any reader sees it, so no
script from a page reaches a reader whatever the page holds. A macro with a
large output (a register, a field table) returns a slot, a comment naming the
view and its arguments; `fill_view_slots` puts the view's HTML there after
the Markdown, so generated HTML never passes through Python-Markdown.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import secrets
from collections.abc import Iterable

import nh3
from markupsafe import Markup

from archive.safety.markdown import USER_ID_PREFIX
from archive.views.page_parts import PARTS, PartError, Where
from archive.safety.rules import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, DROP_CONTENT, SAFE_ID, URL_SCHEMES

# What the theme's Markdown adds to people's HTML (classes only as PAGE_CLASSES allows): headings with their anchors
# and the permalink beside them, admonitions and folded details.
PAGE_TAGS = ALLOWED_TAGS | {"h1", "h2", "details", "summary"}
PAGE_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
    **{f"h{level}": {"id"} for level in range(1, 7)},
    "a": {"href", "title"},
    "details": {"open"},
}
_ADMONITIONS = {"note", "abstract", "info", "tip", "success", "question", "warning", "failure", "danger", "bug", "example", "quote"}
PAGE_CLASSES = {
    "a": {"headerlink"},
    "div": {"admonition", *_ADMONITIONS},
    "p": {"admonition-title"},
    "details": _ADMONITIONS,
}

# <!--vis:TOKEN:NAME:ARGUMENTS--> where a macro's view goes (macros/main.py writes them).
# The token is made once per build and reaches Zensical's process (which runs the
# macros there) through the environment. A page that writes such a comment itself
# cannot know it: its comment is dropped by the cleaner like any other, and only
# the macros, whose calls the validator has checked, can ask for a part.
SLOT_TOKEN_VARIABLE = "NAERINGSGRUPPEN_SLOT_TOKEN"
SLOT_TOKEN = os.environ.setdefault(SLOT_TOKEN_VARIABLE, secrets.token_hex(12))
SLOT_PREFIX = f"<!--vis:{SLOT_TOKEN}:"
_SLOT = re.compile(re.escape(SLOT_PREFIX) + r"([a-z_]+):(.*?)-->")
_SLOT_PARAGRAPH = re.compile(r"<p>\s*(" + re.escape(SLOT_PREFIX) + r"[a-z_]+:.*?-->)\s*</p>")


def view_slot(name: str, arguments: dict) -> Markup:
    """The comment a macro returns: the view's name and arguments, as JSON that holds no «--»."""
    encoded = json.dumps(arguments, ensure_ascii=True, sort_keys=True).replace("-", "\\u002d")
    return Markup(f"{SLOT_PREFIX}{name}:{encoded}-->")


def macro_for(name: str, part):
    """A macro that checks its arguments against the part's own and returns the part's slot."""
    signature = inspect.signature(part)

    def macro(*args, **kwargs):
        try:
            bound = signature.bind(None, *args, **kwargs)  # the first parameter is where the part is shown
        except TypeError as error:
            raise TypeError(f"{name}(): {error}") from None
        arguments = {key: value for key, value in list(bound.arguments.items())[1:]}
        return view_slot(name, arguments)

    macro.__name__ = name
    macro.__doc__ = part.__doc__
    return macro


def render_macros(body: str) -> str:
    """A page's Markdown with its macro calls replaced by their slots, rendered in
    Jinja's sandbox with the site's macros and nothing else (the Zensical adapter;
    under MkDocs, mkdocs-macros does this in the sandbox the plugin gives it)."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    environment = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    environment.globals.update({name: macro_for(name, part) for name, part in PARTS.items()})
    return environment.from_string(body).render()


def fill_view_slots(html: str, where: Where) -> str:
    """`html` with each slot replaced by its part's HTML (a slot alone in a paragraph loses the <p>)."""
    if SLOT_PREFIX not in html:
        return html
    html = _SLOT_PARAGRAPH.sub(r"\1", html)

    def view(match: re.Match) -> str:
        try:
            return str(PARTS[match.group(1)](where, **json.loads(match.group(2))))
        except (KeyError, TypeError, ValueError) as error:
            if isinstance(error, PartError):
                raise
            raise PartError(f"delen «{match.group(1)}» kan ikke vises ({error})") from None

    return _SLOT.sub(view, html)


# A heading the engine's contents extension made: its id is followed by the permalink.
_HEADING_ID = re.compile(r'<h[1-6][^>]* id="([^"]+)"[^>]*>(?:(?!</h[1-6]>).)*class="headerlink"', re.DOTALL)


def heading_ids(html: str) -> list[str]:
    """The anchors the engine gave the page's headings (each has its permalink)."""
    return _HEADING_ID.findall(html)


def clean_page_html(html: str, heading_ids: Iterable[str]) -> str:
    """The engine's HTML of a hand-written page, cleaned to the allow-list.

    The headings' anchors stay as the engine made them (the contents list
    links to them); any other id is written by a person and gets GitHub's
    prefix, like ids in minutes, with the page's links to it rewritten. Slots
    are kept for `fill_view_slots`.
    """
    headings = set(heading_ids)
    written = {match.group(1) for match in re.finditer(r'\bid="([^"]*)"', html)} - headings

    def rewrite(element: str, attribute: str, value: str) -> str | None:
        if attribute == "id":
            if not SAFE_ID.match(value):
                return None  # «__config» and the like are the theme's
            if value in headings and element[:1] == "h" and element[1:].isdigit():
                return value
            return USER_ID_PREFIX + value
        if attribute == "href" and value.startswith("#") and value[1:] in written:
            return f"#{USER_ID_PREFIX}{value[1:]}"
        if attribute == "src" and element == "img" and re.match(r"^[a-z][a-z0-9+.-]*:|^//", value, re.IGNORECASE):
            return None  # images come from the site only
        return value

    # Slots are comments: kept aside while nh3 strips comments.
    slots: list[str] = []

    def keep(match: re.Match) -> str:
        slots.append(match.group(0))
        return f"\ue000{len(slots) - 1}\ue001"

    protected = _SLOT.sub(keep, html)
    cleaned = nh3.clean(
        protected,
        tags=set(PAGE_TAGS),
        attributes=PAGE_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        clean_content_tags=set(DROP_CONTENT),
        link_rel=None,
        strip_comments=True,
        attribute_filter=rewrite,
        allowed_classes=PAGE_CLASSES,
    )
    return re.sub("\ue000(\\d+)\ue001", lambda m: slots[int(m.group(1))], cleaned)
