"""A page of the site as the views make it, and how it passes through the site engine.

A view returns a `Page`: a title and a list of blocks, each either a heading
(which the engine puts in the table of contents and gives its permalink) or
finished HTML (`Markup`). The engine gets a Markdown file in which each HTML
block is a short comment naming it (`to_markdown`, the page's outline); the
HTML is made beside the engine (archive/site/outputs.py), and `fill` puts it
in place of the comments in the page the engine wrote. So no text from
minutes or data is ever read by the engine's Markdown, attribute-list or
template code, generated HTML is not parsed twice, and MkDocs and Zensical
build the same pages from the same outlines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from archive.model import Located


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # plain text, shown as typed
    anchor: str


class Later:
    """An HTML block made when it is needed, not when the page's outline is.

    The engine needs only a page's outline (title, headings, where each block
    goes); the full build starts it on the outlines and makes the HTML while it
    runs (scripts/build_site.py).
    """

    __slots__ = ("make", "searchable")

    def __init__(self, make: Callable[[], Markup], searchable: bool = True):
        self.make = make
        # False: what the block says is said better elsewhere (a card of names,
        # a contents list, a timeline of other pages' items); the search index skips it.
        self.searchable = searchable


Block = Heading | Markup | Later


def html_blocks(page: Page) -> list[str]:
    """The HTML of the page's blocks (all but its headings), in order."""
    return [str(block.make() if isinstance(block, Later) else block) for block in page.blocks if not isinstance(block, Heading)]


@dataclass
class Page:
    src: str  # path below the site's source root, e.g. moter/naeringsgruppen/2025-01-16.md
    title: str  # plain text
    blocks: list = field(default_factory=list)  # list[Block]
    # Pages that repeat what other pages say are left out of the search index.
    searchable: bool = False
    hide: tuple[str, ...] = ()  # parts of the theme to hide: "toc", "navigation"
    description: str = ""
    # The record or file the page is made from: a clash of addresses is told there.
    origin: Located | None = None
    written: bool = False  # written by hand in docs/: the engine renders its Markdown


# Markdown that would act inside a heading's text: written as character
# references, which show as the character and mean nothing to Markdown.
_MARKDOWN_ACTIVE = re.compile(r"[\\`*_{}\[\]#<>&]")


def heading_text(text: str) -> str:
    """Plain text for a Markdown heading: every character that could act is a reference."""
    return _MARKDOWN_ACTIVE.sub(lambda m: f"&#{ord(m.group())};", " ".join(text.split()))


_SLOT = re.compile(r"<!--slot:(\d+)-->")


def to_markdown(page: Page) -> str:
    """The page's outline, the file the engine reads for it."""
    meta: dict = {"title": str(escape(page.title))}  # the engines print the title unescaped
    if page.hide:
        meta["hide"] = list(page.hide)
    if page.description:
        meta["description"] = str(escape(page.description))
    lines = ["---", json.dumps(meta, ensure_ascii=False), "---", ""]
    number = 0
    for block in page.blocks:
        if isinstance(block, Heading):
            anchor = f" {{#{block.anchor}}}" if block.anchor else ""
            lines += [f"{'#' * block.level} {heading_text(block.text)}{anchor}", ""]
        else:
            lines += [f"<!--slot:{number}-->", ""]
            number += 1
    return "\n".join(lines)


def fill(html: str, slots: list[str]) -> str:
    """A built page with its HTML blocks in place of their comments."""
    return _SLOT.sub(lambda m: slots[int(m.group(1))], html)


def page_text(page: Page) -> str:
    """A readable form of a page for golden tests: headings as Markdown, HTML as is."""
    out = [f"<!-- title: {page.title} -->"]
    for block in page.blocks:
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {block.text}" + (f" {{#{block.anchor}}}" if block.anchor else ""))
        else:
            text = str(block.make() if isinstance(block, Later) else block)
            if text:
                out.append(text)
    return "\n\n".join(out) + "\n"
