"""The registers' rows as data, for filtering over the whole archive in the browser.

A register's pages show a page of rows at a time (archive/views/paging.py).
Its filter form, shown by site.js, filters over every row: the rows are
written as JSON files in eksport/ (liste-<list>-<facet>-<value>.json), one per
value of the facets most filters use (a group, a year, a status), and only the
file of the value chosen is fetched, when a member changes a filter. Each row is the HTML of its cells, as the page's table
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
    """One register's rows, written as data and filtered by a form of the register's page.

    The rows are written once per value of each facet in `shards` (a file per
    group, a file per year …), so that a filter fetches only the file of the
    value chosen, of the first facet chosen in that order. `partition` names a
    facet each row has exactly one value of: its files together hold every row
    once, for a choice that needs them all.
    """

    name: str  # in the files' names: eksport/liste-<name>-<facet>-<value>.json
    head: list[str]
    table_class: str
    shards: list[tuple[str, list[str]]]  # (facet, its values), in the order a choice is looked for
    rows: Callable[[], list[Row]]  # made when the files are written
    partition: str = ""  # the facet whose files hold every row once; the first of `shards` if not given

    def folder(self) -> str:
        """Where the list's files are, from the site's root, up to the file's own part (the export folder is flat)."""
        return f"{paths.EXPORT_DIR}/{paths.LISTS_PREFIX}{self.name}-"

    @staticmethod
    def file_of(facet: str, value: str) -> str:
        return f"{facet}-{slug(value)}.json"

    def complete(self) -> list[str]:
        facet = self.partition or self.shards[0][0]
        values = next(values for name, values in self.shards if name == facet)
        return [self.file_of(facet, value) for value in values]


def list_files(lists: Iterable[DataList]) -> dict[str, str]:
    """File name in eksport/ → JSON text, for every list's rows."""
    files: dict[str, str] = {}
    for data in lists:
        written = {(facet, value): [] for facet, values in data.shards for value in values}
        for row in data.rows():
            entry = [[str(concat(cell)) for cell in row.cells], row.facets, row.order]
            for facet, _ in data.shards:
                for value in dict.fromkeys(row.facets.get(facet, "").split()):
                    if (facet, value) in written:
                        written[(facet, value)].append(entry)
        for (facet, value), rows in written.items():
            files[f"{paths.LISTS_PREFIX}{data.name}-{data.file_of(facet, value)}"] = json.dumps({"rows": rows}, ensure_ascii=False, separators=(",", ":"))
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
    shards: list[tuple[str, str, str]] | None = None,
) -> Markup:
    """The form that filters a register over all its rows (site.js shows it; hidden without JavaScript).

    `default`: the choice the page itself shows (nothing to fetch while it stands).
    `sorts`: (key, text) to order the rows by, the first the default. `shards`:
    (facet, value, the value whose file holds its rows) where a value has no file
    of its own («forfalt» is in the file of «åpen»).
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
    # For each facet the files are split by, the file of each value (the order is the order of preference).
    shard_map = [[facet, {value: data.file_of(facet, value) for value in values}] for facet, values in data.shards]
    for facet, value, instead in shards or []:
        next(files for name, files in shard_map if name == facet)[value] = data.file_of(facet, instead)
    fields.append(tag("p", "", class_="archive-filter-count", role="status", aria_live="polite"))
    return tag(
        "form",
        fields,
        class_="archive-filter",
        hidden=True,
        aria_label=aria_label,
        data_rows=data.table_class,
        data_list=data.folder(),
        data_shards=json.dumps(shard_map, ensure_ascii=False, separators=(",", ":")),
        data_all=json.dumps(data.complete(), ensure_ascii=False, separators=(",", ":")),
        data_default=json.dumps(default, ensure_ascii=False, separators=(",", ":")),
        data_labels=json.dumps(data.head, ensure_ascii=False, separators=(",", ":")),
    )
