"""The one way the views write HTML: text is escaped by construction.

Every builder takes plain text or `Markup`. Plain text (a name, a title, a
decision) is always escaped; only `Markup`, which is what these builders and
the Markdown renderer return, passes as it is. No caller escapes anything
by hand, and a string cannot become markup by accident.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from markupsafe import Markup, escape

from archive.model.anchors import heading_anchor, slug

__all__ = ["Markup", "escape", "tag", "a", "concat", "join", "table", "definition_list", "unordered_list", "filter_select", "badge", "slug", "shy", "EMPTY"]

Content = "str | Markup | Iterable[str | Markup] | None"

_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "source"})


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})


def _text(part) -> str:
    """A piece of content as HTML, as a plain str: Markup as it is, anything else
    escaped (as markupsafe.escape does, without a Markup object per piece). Plain
    str, because `str + Markup` would escape the str: here only join and str + str."""
    if isinstance(part, Markup):
        return str(part)
    return str(part).translate(_ESCAPES)


def tag(name: str, content=None, /, **attributes) -> Markup:
    """<name attributes>content</name>. `class_` is written as `class`, `data_x` as `data-x`;
    a value of True writes the bare attribute, None or False leaves it out."""
    # Plain str operations and one Markup at the end: the views call this
    # hundreds of thousands of times for a large archive.
    parts = ["<", name]
    for key, value in attributes.items():
        if value is None or value is False:
            continue
        key = key.rstrip("_").replace("_", "-")
        parts.append(f" {key}" if value is True else f' {key}="{_text(value)}"')
    parts.append(">")
    if name not in _VOID:
        if content is None:
            pass
        elif isinstance(content, str):
            parts.append(_text(content))
        else:
            parts.extend(_text(part) for part in content)
        parts.append(f"</{name}>")
    return Markup("".join(parts))


def a(href: str, content, /, **attributes) -> Markup:
    return tag("a", content, href=href, **attributes)


def concat(*parts) -> Markup:
    """Text and Markup one after another, as one Markup: the fast way to write `a + " " + b`."""
    return Markup("".join([_text(part) for part in parts if part is not None]))


def join(parts: Iterable, separator: str = ", ") -> Markup:
    """Parts joined by a separator, leaving out the empty ones."""
    return Markup(_text(separator).join(_text(part) for part in parts if part))


def table(head: Sequence, rows: Iterable[Sequence], *, class_: str | None = None, row_attributes: Iterable[dict] | None = None, caption=None) -> Markup:
    """A table; a header cell or a cell is text or Markup.

    Each cell carries its column's header as `data-label`, so the stylesheet
    can stack a row as a card on a narrow screen.
    """
    labels = [shy(h.striptags() if isinstance(h, Markup) else str(h)) for h in head]
    attributes = list(row_attributes) if row_attributes is not None else None
    classes = "data-table" + (f" {class_}" if class_ else "")
    out = [f'<table class="{_text(classes)}">']
    if caption:
        out.append(tag("caption", caption))
    out.append("<thead><tr>" + "".join(tag("th", h if isinstance(h, Markup) else shy(h), scope="col") for h in head) + "</tr></thead><tbody>")
    opening_cells = [f'<td data-label="{_text(label)}">' for label in labels]
    # A cell with nothing to say («–») is left out where rows stack as cards.
    empty_cells = [f'<td class="empty" data-label="{_text(label)}">' for label in labels]
    for index, row in enumerate(rows):
        extra = attributes[index] if attributes else {}
        # One join, not `opening + cell`: str + Markup would escape the opening tag (Markup.__radd__).
        cells = "".join(
            [
                part
                for cell, opening, empty in zip(row, opening_cells, empty_cells, strict=True)
                for part in ((empty if cell == EMPTY else opening), _text(cell), "</td>")
            ]
        )
        out.append(tag("tr", Markup(cells), **extra))
    out.append("</tbody></table>")
    return Markup("\n".join(out))


EMPTY = "–"  # a table cell with no value


def definition_list(rows: Iterable[tuple], *, class_: str = "meeting-card") -> Markup:
    """A card of terms and definitions (text or Markup)."""
    body = Markup("".join(tag("dt", term if isinstance(term, Markup) else shy(term)) + tag("dd", definition) for term, definition in rows))
    return tag("div", tag("dl", body), class_=class_)


def unordered_list(items: Iterable, *, class_: str | None = None) -> Markup:
    return tag("ul", [tag("li", item) for item in items], class_=class_)


def filter_select(facet: str, label: str, all_label: str, options: Iterable[tuple[str, str]]) -> Markup:
    """A labelled select box of a filter form (site.js filters the rows by its `facet`)."""
    choices = [tag("option", all_label, value="")] + [tag("option", text, value=value) for value, text in options]
    return tag(
        "span",
        tag("label", label, for_=f"filter-{facet}") + tag("select", choices, id=f"filter-{facet}", name=facet, data_facet=facet),
        class_="archive-filter-field",
    )


def badge(label: str, kind: str) -> Markup:
    """A status as a labelled badge: the word says it, the colour only repeats it."""
    return tag("span", label, class_=f"badge badge--{kind}")


# Where the site's compound labels may break, with a hyphen, on a narrow screen.
# Chromium on Linux has no Norwegian hyphenation dictionary, so `hyphens: auto`
# alone leaves «Arbeidsgrup|pe»; a soft hyphen (U+00AD) breaks in every browser.
_BREAKS = {
    "arbeidsgrupp": "arbeids\u00adgrupp",
    "satsingsområd": "satsings\u00adområd",
    "oppfølgingspunkt": "oppfølgings\u00adpunkt",
    "organisasjon": "organi\u00adsasjon",
    "kontaktperson": "kontakt\u00adperson",
    "næringsklyng": "nærings\u00adklyng",
}
_BREAK_PATTERN = re.compile("|".join(_BREAKS), re.IGNORECASE)


def shy(label: str) -> str:
    """A label with soft hyphens where its compound words may break («Arbeids-gruppe»)."""
    if "\u00ad" in label:
        return label

    def replace(match: re.Match) -> str:
        found = match.group()
        hyphenated = _BREAKS[found.lower()]
        return found[0] + hyphenated[1:] if found[0].isupper() else hyphenated

    return _BREAK_PATTERN.sub(replace, label)


def toc_slug(text: str, separator: str = "-") -> str:
    """The engines' heading anchors (mkdocs.yml: toc's slugify): as `slug` writes them,
    never one of the site's own ids («site-search-input») or the theme's («__drawer»)."""
    return heading_anchor(text)


def toc_slugify():
    """`toc_slug` for a configuration that names a factory (Zensical's `slugify: {object: …}`)."""
    return toc_slug
