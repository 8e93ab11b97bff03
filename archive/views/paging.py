"""Lists that stay small however large the archive grows: numbered pages.

A register shows at most `PAGE_ROWS` rows on a page; the rest follow on
pages of their own (`vedtak/2025.md`, `vedtak/2025/side-2.md`, …), each with
a pager that works without JavaScript. Filtering over the whole list is the
browser's job, from the rows written as data (archive/views/lists.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from archive.model import paths
from archive.model.paths import url
from archive.views.common import breadcrumb
from archive.views.html import Markup, a, tag
from archive.views.pages import Heading, Later, Page

# A list with no sections of its own: neither the menu's column nor the contents'
# column beside it, so that a row reads on one line on a desktop.
LIST_PAGE = ("navigation", "toc")

# Rows on one page of a register: small enough for a phone (a few thousand
# DOM nodes at most), large enough to read through.
PAGE_ROWS = 40


def split(items: Sequence, size: int = PAGE_ROWS) -> list[list]:
    """`items` in pieces of `size`; always at least one piece (perhaps empty)."""
    return [list(items[start : start + size]) for start in range(0, len(items), size)] or [[]]


def pager(here: str, sources: list[str], number: int, labels: list[str] | None = None) -> Markup:
    """«Side 2 av 7» with links to the previous and next page and to nearby and end pages.

    `number` is 1-based; `labels` (one per page) say what each page holds, for
    the links' accessible names («Side 3: 2023»).
    """
    count = len(sources)
    if count < 2:
        return Markup("")

    def link(target: int, text: str, rel: str | None = None) -> Markup:
        label = f"Side {target}" + (f": {labels[target - 1]}" if labels else "")
        return a(url(here, sources[target - 1]), text, rel=rel, aria_label=label if text != label else None)

    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    items: list[Markup] = []
    previous = 0
    for target in shown:
        if target - previous > 1:
            items.append(tag("li", "…", class_="pager__gap", aria_hidden="true"))
        if target == number:
            items.append(tag("li", tag("span", str(target), aria_current="page", class_="pager__current")))
        else:
            items.append(tag("li", link(target, str(target))))
        previous = target
    steps = []
    if number > 1:
        steps.append(link(number - 1, "← Forrige", rel="prev"))
    if number < count:
        steps.append(link(number + 1, "Neste →", rel="next"))
    return tag(
        "nav",
        [tag("p", f"Side {number} av {count}", class_="pager__status"), tag("ol", items), tag("p", steps, class_="pager__steps")],
        class_="pager",
        aria_label="Sider i listen",
        data_pagefind_ignore="all",
    )


def paged(
    first: Page,
    items: Sequence,
    render: Callable[[list, str], Markup],
    *,
    title: str,
    crumbs: list[tuple[str, str]],
    per_page: int = PAGE_ROWS,
    labels: list[str] | None = None,
) -> list[Page]:
    """The first page with the first piece of `items` appended, and one page per further piece.

    `render(piece, here)` makes a piece's HTML; `crumbs` lead to `first` on the
    further pages (which add `first` itself as the last crumb).
    """
    pieces = split(items, per_page)
    sources = [paths.numbered_page(first.src, number) for number in range(1, len(pieces) + 1)]
    first.blocks.append(Later(lambda: render(pieces[0], first.src) + pager(first.src, sources, 1, labels), searchable=first.searchable))
    pages = [first]
    for number, piece in enumerate(pieces[1:], start=2):
        here = sources[number - 1]
        page = Page(here, f"{title}, side {number}", hide=first.hide, origin=first.origin)
        page.blocks.append(breadcrumb(here, [*crumbs, (first.src, title)]))
        page.blocks.append(Heading(1, f"{title}, side {number}", ""))

        def block(piece=piece, here=here, number=number) -> Markup:
            return render(piece, here) + pager(here, sources, number, labels)

        page.blocks.append(Later(block, searchable=False))
        pages.append(page)
    return pages
