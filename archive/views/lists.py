"""The registers' rows as data, for filtering over the whole archive in the browser.

A register's pages show a page of rows at a time (archive/views/paging.py).
Its filter form, shown by site.js, filters over every row: the rows are
written as JSON files in eksport/ (liste-<list>-<value>.json), one per value of the
facet most filters use (a year, a status), and fetched only when a member
changes a filter. Each row is the HTML of its cells, as the page's table
would have it, with links relative to the site's root (site.js resolves
them), the facets it is filtered by, and its sort keys.

The cells are made by the same builders as the pages (archive/views/html.py):
text is escaped, Markdown is cleaned; the browser puts them in place as they are.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from archive.model import paths
from archive.views.html import Markup, concat, slug, tag

ROOT_PAGE = "index.md"  # rows are rendered as if for the front page: links relative to the site's root


@dataclass
class Row:
    cells: list  # text or Markup, one per column
    facets: dict[str, str]  # facet → its values, separated by spaces
    order: dict[str, str] = field(default_factory=dict)  # sort name → key (ascending)


@dataclass
class DataList:
    """One register's rows, written as data and filtered by a form of the register's page."""

    name: str  # in the files' names: eksport/liste-<name>-<value>.json
    head: list[str]
    table_class: str
    shard_facet: str  # the facet whose value picks the file to fetch
    rows: Callable[[], list[Row]]  # made when the files are written
    shard_values: list[str] = field(default_factory=list)  # the files, in the order they are fetched

    def folder(self) -> str:
        """Where the list's files are, from the site's root, up to the shard's name (the export folder is flat)."""
        return f"{paths.EXPORT_DIR}/{paths.LISTS_PREFIX}{self.name}-"

    def file_of(self, value: str) -> str:
        return f"{slug(value)}.json"


def list_files(lists: Iterable[DataList]) -> dict[str, str]:
    """File name in eksport/ → JSON text, for every list's rows."""
    files: dict[str, str] = {}
    for data in lists:
        shards: dict[str, list] = {data.file_of(value): [] for value in data.shard_values}
        for row in data.rows():
            for value in row.facets.get(data.shard_facet, "").split() or [""]:
                if value in data.shard_values:
                    shards[data.file_of(value)].append([[str(concat(cell)) for cell in row.cells], row.facets, row.order])
                    break
        for name, rows in shards.items():
            files[f"{paths.LISTS_PREFIX}{data.name}-{name}"] = json.dumps({"rows": rows}, ensure_ascii=False, separators=(",", ":"))
    return files


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    all_label: str
    options: list[tuple[str, str]]  # value, text


def filter_form(
    data: DataList,
    facets: list[Facet],
    *,
    aria_label: str,
    default: dict[str, str] | None = None,
    sorts: list[tuple[str, str]] | None = None,
    shards: dict[str, list[str]] | None = None,
) -> Markup:
    """The form that filters a register over all its rows (site.js shows it; hidden without JavaScript).

    `default`: the choice the page itself shows (nothing to fetch while it stands).
    `sorts`: (key, text) to order the rows by, the first the default. `shards`:
    for a facet value, the files that hold its rows when it is not the file's own
    value (e.g. «forfalt» lives in the file of «åpen»).
    """
    default = default or {}
    fields = []
    for facet in facets:
        choices = [tag("option", facet.all_label, value="")]
        choices += [tag("option", text, value=value, selected=value == default.get(facet.key)) for value, text in facet.options]
        fields.append(
            tag(
                "span",
                tag("label", facet.label, for_=f"filter-{facet.key}") + tag("select", choices, id=f"filter-{facet.key}", name=facet.key, data_facet=facet.key),
                class_="archive-filter-field",
            )
        )
    if sorts:
        choices = [tag("option", text, value=key) for key, text in sorts]
        fields.append(
            tag(
                "span",
                tag("label", "Sorter", for_="filter-sorter") + tag("select", choices, id="filter-sorter", name="sorter", data_sort="yes"),
                class_="archive-filter-field",
            )
        )
    shard_map = {value: [data.file_of(value)] for value in data.shard_values}
    shard_map.update({value: [data.file_of(v) for v in files] for value, files in (shards or {}).items()})
    fields.append(tag("p", "", class_="archive-filter-count", role="status", aria_live="polite"))
    return tag(
        "form",
        fields,
        class_="archive-filter",
        hidden=True,
        aria_label=aria_label,
        data_rows=data.table_class,
        data_list=data.folder(),
        data_shard_facet=data.shard_facet,
        data_shards=json.dumps(shard_map, ensure_ascii=False, separators=(",", ":")),
        data_all=json.dumps([data.file_of(v) for v in data.shard_values], ensure_ascii=False, separators=(",", ":")),
        data_default=json.dumps(default, ensure_ascii=False, separators=(",", ":")),
        data_labels=json.dumps(data.head, ensure_ascii=False, separators=(",", ":")),
    )
