"""Small HTML builders for the generated parts of pages.

The views write tables, cards and lists as HTML rather than Markdown: the
site engine passes a raw HTML block through untouched, where Markdown tables
full of links cost a parse, an inline pass and a link rewrite per cell. With
thousands of meetings that difference is most of the build time (see
bench/RESULTS.md). Links are therefore final URLs, computed here the way
MkDocs and Zensical lay out pages with directory URLs (`a/b.md` → `a/b/`);
tests/test_site_links.py crawls the built site to prove every one resolves.

Every builder returns lines without blank lines between them, so that
Markdown sees one HTML block.
"""

from __future__ import annotations

import html
import posixpath
from typing import Iterable, Sequence


def esc(text: object) -> str:
    """Text from the data, shown as typed."""
    return html.escape(str(text), quote=True)


def page_url(src: str) -> str:
    """The directory URL of a page, relative to the site root: 'a/b.md' → 'a/b/'."""
    path = src[:-3] if src.endswith(".md") else src
    if path == "index":
        return ""
    if path.endswith("/index"):
        return path[: -len("index")]
    return path + "/"


def url(here: str, target: str, anchor: str = "") -> str:
    """Relative URL from page `here` to page `target` (both paths below docs/)."""
    relative = posixpath.relpath(page_url(target) or ".", page_url(here) or ".")
    if relative == ".":
        relative = "" if anchor else "./"
    else:
        relative += "/"
    return relative + (f"#{anchor}" if anchor else "")


def file_url(here: str, target: str) -> str:
    """Relative URL from page `here` to a static file (path below docs/)."""
    return posixpath.relpath(target, page_url(here) or ".")


def a(href: str, text: str, *, escaped: bool = False) -> str:
    return f'<a href="{esc(href)}">{text if escaped else esc(text)}</a>'


def table(head: Sequence[str], rows: Iterable[Sequence[str]], css_class: str = "", row_attrs: Iterable[str] | None = None) -> str:
    """A table; cells are HTML already (use esc() for text)."""
    attrs = list(row_attrs) if row_attrs is not None else None
    cls = f' class="{css_class}"' if css_class else ""
    out = [f"<table{cls}>", "<thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead>", "<tbody>"]
    for index, row in enumerate(rows):
        extra = f" {attrs[index]}" if attrs and attrs[index] else ""
        out.append(f"<tr{extra}>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def definition_list(rows: Iterable[tuple[str, str]], css_class: str = "meeting-card") -> str:
    """A card of terms and definitions (both HTML already)."""
    body = "\n".join(f"<dt>{term}</dt><dd>{definition}</dd>" for term, definition in rows)
    return f'<div class="{css_class}"><dl>\n{body}\n</dl></div>'


def unordered_list(items: Iterable[str], css_class: str = "") -> str:
    cls = f' class="{css_class}"' if css_class else ""
    return f"<ul{cls}>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>"
