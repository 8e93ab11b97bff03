"""Anchors: the ids the site gives headings, and the ids it keeps for itself.

A heading's anchor is its text in the archive's spelling («Møter i år» →
«moter-i-ar»); the engines use the same function for the headings of the
pages written by hand (mkdocs.yml: toc's slugify). The site's own elements
carry ids its scripts look up (the search field, the lists' filters): a
heading written by a person must never take one of them, or the search box
or a filter would find the heading instead.
"""

from __future__ import annotations

import re

# The ids of the site's own elements: overrides/partials/header.html, the
# search page, the lists and their filters (archive/views/). Families of ids
# made from a name are given by their start. tests/test_anchors.py checks that
# every id written in overrides/ and archive/views/ is covered here.
SITE_IDS = frozenset(
    {
        "contact-filter",
        "contact-list",
        "oppfolging-i-motet",
        "oppmote-diagram",
        "search-page",
        "search-sort",
        "vedtak-i-motet",
    }
)
SITE_ID_PREFIXES = (
    "arr-",  # events in the calendar
    "bokstav-",  # letters of the contacts list
    "contact-",
    "felt-",  # the guide's field tables
    "filter-",  # the lists' filters
    "kal-",  # calendar addresses to copy
    "oppmote-diagram-",
    "org-",  # organisations
    "search-",  # the search page and its filters
    "site-search-",  # the header's search field, panel and status
)


def slug(text: str) -> str:
    """An anchor for Norwegian text: «Møter i år» → «moter-i-ar»."""
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "del"


def is_site_id(value: str) -> bool:
    """True for an id the site's own elements use or may use."""
    return value in SITE_IDS or value.startswith(SITE_ID_PREFIXES)


def heading_anchor(text: str) -> str:
    """The anchor of a heading written by a person: its slug, moved aside when
    the slug is one of the site's own ids («Søk» stays «sok», «Filter: sted»
    becomes «avsnitt-filter-sted»)."""
    anchor = slug(text)
    return f"avsnitt-{anchor}" if is_site_id(anchor) else anchor


def unique_anchor(anchor: str, taken: set[str]) -> str:
    """A second heading with the same anchor gets «_1», a third «_2», as the
    engines' contents list numbers them (Python-Markdown's toc)."""
    while anchor in taken:
        number = re.match(r"^(.*)_([0-9]+)$", anchor)
        anchor = f"{number.group(1)}_{int(number.group(2)) + 1}" if number else f"{anchor}_1"
    taken.add(anchor)
    return anchor
