"""The site's search: what the index reads, and what the browser needs beyond it.

Pagefind builds the index from one small document per searchable page
(`write_search_sources`), made of the page's own blocks: no theme, no
navigation, no forms, and nothing marked `Later(..., searchable=False)`.
Each kind of page is weighed (`POLICIES`): a meeting is where things were
said, so its words count in full; a person's card, a focus area's card, the
cluster directory and the guide only name or describe, so their text counts
less and their section labels («Møter», «Oppfølgingspunkter») not at all.
Description lists and table cells are written as «label: value» so that the
excerpts read as sentences.

Pagefind stems Norwegian (`<html lang="nb">`) and ignores accents, but it
cannot know that «o» may stand for «ø», «ae» for «æ» and «aa» for «å», nor
correct a slip. For that the browser gets two aids (`search_aid_files`),
written below `sok/` in the site and fetched only when a query needs them:

- `sok/ord/<ab>.json`: every word of the indexed documents, lower-case as
  written, most frequent first, in one file per first two letters of its
  *folded* form (`fold`: å→a, ø→o, æ→ae, ä→ae, ö→o, then aa→a and oe→o).
  A query word is folded the same way; the words of its file that fold to
  the same beginning give its proper spelling («stromsvag» → «strømsvåg»),
  and a word that begins no indexed word is one the search cannot find.
- `sok/ord/index.json`: which of those files exist, and the names of people,
  organisations, groups, focus areas and clusters, against which a word the
  index lacks is corrected when it is one edit away (Damerau–Levenshtein
  distance 1: «Aanensn» → «Aanensen»).

overrides/assets/javascripts/search.js does the browser's part with the same
folding; tests/search/ checks both ends.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from archive.model import paths
from archive.model.paths import page_url
from archive.model.repository import Repository
from archive.views.html import Markup, _text, tag
from archive.views.pages import Heading, Later, Page

WORDS_DIR = "sok/ord"  # below the site: the vocabulary, one file per folded beginning
INDEX_FILE = "sok/ord/index.json"  # below the site: the files that exist, and the names a slip is corrected against
OTHER_WORDS = "_"  # the file for words whose folded form does not begin with two letters a–z


# -- folding -----------------------------------------------------------------------

_LETTERS = str.maketrans({"å": "a", "ø": "o", "æ": "ae", "ä": "ae", "ö": "o"})
_DIGRAPHS = (("aa", "a"), ("oe", "o"))


def fold(word: str) -> str:
    """A word as typed on a keyboard without æ, ø and å: «Strømsvåg», «Stromsvaag» → «stromsvag».

    Lower-case; å→a, ø→o, æ→ae (and ä, ö, as on Swedish and German keyboards);
    then aa→a and oe→o, for those who write «Aanensen» or «Stroem». The browser
    folds queries with the same rules (search.js: fold).
    """
    folded = unicodedata.normalize("NFC", word).lower().translate(_LETTERS)
    for digraph, letter in _DIGRAPHS:
        folded = folded.replace(digraph, letter)
    return folded


def words_file(word: str) -> str:
    """The name of the vocabulary file that holds `word`: the first two letters of its folded form."""
    key = fold(word)[:2]
    return key if _FILE_KEY.fullmatch(key) else OTHER_WORDS


_FILE_KEY = re.compile(r"[a-z]{2}")


# -- the documents the index reads ----------------------------------------------------


@dataclass(frozen=True)
class Policy:
    """How much the words of one kind of page count, on Pagefind's scale (1 is plain text;
    Pagefind squares it, so 0.5 counts a quarter). None keeps Pagefind's default."""

    kind: str  # the page's type as the search shows it, when its blocks do not say
    text: float | None = None
    headings: dict[int, float] = field(default_factory=dict)  # level → weight
    # Only what comes before the first level-2 heading: the rest of the page
    # lists other pages' items under labels («Møter», «Oppfølgingspunkter»).
    first_section_only: bool = False


MEETING = Policy("Møte")
PERSON = Policy("Person", text=0.5, first_section_only=True)
FOCUS_AREA = Policy("Satsingsområde", text=0.7, first_section_only=True)
# «Klynger» is the page's title, not what it says: a meeting about the
# clusters should come before the list of them. The clusters' names (h2) keep their weight.
CLUSTERS = Policy("Klynge", text=0.5, headings={1: 0.5})
# The guide explains the files: its words are about the archive, not in it.
GUIDE = Policy("Om nettstedet", text=0.4, headings={1: 2, 2: 1, 3: 1})


def policy_for(src: str) -> Policy:
    if src.startswith(paths.MEETINGS_DIR + "/") and src not in (paths.ARCHIVE_PAGE, paths.ARCHIVE_BY_GROUP_PAGE):
        return MEETING
    if src.startswith("kontakter/"):
        return PERSON
    if src.startswith("satsingsomrader/"):
        return FOCUS_AREA
    if src == paths.CLUSTERS_PAGE:
        return CLUSTERS
    return GUIDE


# Generated HTML turned into sentences the excerpts can show, each rule with a
# piece of text that must be in a block for it to apply (most blocks have none).
# The views' class names are read here, before the attributes are dropped.
_READABLE = [
    ("admonition-title", re.compile(r'<p class="admonition-title">([^<]*)</p>\s*<p>'), r"<p>\1: "),  # «Vedtak: Godkjent.»
    ("<thead>", re.compile(r"<thead>.*?</thead>", re.DOTALL), ""),  # column names; each cell carries its own below
    ("data-label", re.compile(r'<td data-label="([^"]+)">'), r"<td>\1: "),
    ("<dt>", re.compile(r"</dt>\s*<dd>"), ": "),
    ("<dt>", re.compile(r"<dt>|<dd>"), "<p>"),
    ("</d", re.compile(r"</dt>|</dd>"), "</p>"),
    ("<dl>", re.compile(r"<(/?)dl>"), r"<\1div>"),
    ("badge", re.compile(r'<li><span class="badge [^"]*">([^<]*)</span>'), r"<li><span>\1:</span>"),  # «Åpen: Dele …»
    ("follow-up-details", re.compile(r'<span class="follow-up-details">'), " <span>"),  # «… kontaktliste. Ansvar: …»
]
_UNINDEXED_ATTRIBUTES = re.compile(r' (?:href|class|rel|data-label|aria-label|title|role)="[^"]*"')


def readable(html: str) -> str:
    """Block HTML as the index should read it: labels with their values, no attributes it does not use."""
    for marker, pattern, replacement in _READABLE:
        if marker in html:
            html = pattern.sub(replacement, html)
    # The index reads words, filters, weights and headings' ids; addresses and classes are weight it need not carry.
    return _UNINDEXED_ATTRIBUTES.sub("", html)


def search_document(page: Page, html: list[str]) -> str:
    """The page as the search index reads it: its own content, none of the theme around it.

    Pagefind reads these instead of the built pages: the same HTML blocks the
    page shows, without navigation and header to skip, so the index takes a
    fraction of the time and is the same under MkDocs and Zensical.
    """
    policy = policy_for(page.src)
    parts = [f'<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>{_text(page.title)}</title></head><body><main data-pagefind-body>']
    blocks = iter(html)
    typed = False
    for number, block in enumerate(page.blocks):
        if isinstance(block, Heading):
            if policy.first_section_only and block.level >= 2:
                break
            if _heads_nothing_searchable(page.blocks[number + 1 :]):
                continue  # «Inviterte (45)» over a list the index leaves out: a sub-result with nothing in it
            anchor = f' id="{_text(block.anchor)}"' if block.anchor else ""
            weight = policy.headings.get(block.level)
            weight_attribute = f' data-pagefind-weight="{weight}"' if weight is not None else ""
            parts.append(f"<h{block.level}{anchor}{weight_attribute}>{_text(block.text)}</h{block.level}>")
            continue
        text = next(blocks)
        if isinstance(block, Later) and not block.searchable:
            continue
        typed = typed or 'data-pagefind-filter="type"' in text
        text = readable(text)
        parts.append(f'<div data-pagefind-weight="{policy.text}">{text}</div>' if policy.text is not None else text)
    if not typed:
        parts.append(str(tag("div", tag("span", policy.kind, data_pagefind_filter="type"), hidden=True, data_pagefind_ignore="index")))
    parts.append("</main></body></html>")
    return "\n".join(parts)


def written_page_document(page: Page, html: str) -> str:
    """A page written by hand, as the search index reads it: the HTML the engine
    rendered from its Markdown (after the sanitiser), weighed as the guide is."""
    policy = policy_for(page.src)
    weight = f' data-pagefind-weight="{policy.text}"' if policy.text is not None else ""
    kind = str(tag("div", tag("span", policy.kind, data_pagefind_filter="type"), hidden=True, data_pagefind_ignore="index"))
    return (
        f'<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>{_text(page.title)}</title></head><body><main data-pagefind-body>'
        f"<h1>{_text(page.title)}</h1><div{weight}>{readable(html)}</div>{kind}</main></body></html>"
    )


def _heads_nothing_searchable(following: list) -> bool:
    """True when the blocks up to the next heading are all left out of the index (and there are some)."""
    section = []
    for block in following:
        if isinstance(block, Heading):
            break
        section.append(block)
    return bool(section) and all(isinstance(block, Later) and not block.searchable for block in section)


def write_search_sources(pages: list[Page], html: dict[str, list[str]], out: Path) -> dict[str, str]:
    """One small document per searchable page, at the address the page has on the site.

    Returns the documents by page source path, for the vocabulary (`search_aid_files`).
    """
    documents = {page.src: search_document(page, html[page.src]) for page in pages if page.searchable}
    wanted = {out / page_url(src) / "index.html": text.encode("utf-8") for src, text in documents.items()}
    for target, data in wanted.items():
        try:
            if target.read_bytes() == data:
                continue
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for existing in sorted(out.rglob("*"), reverse=True) if out.is_dir() else []:
        if existing.is_file() and existing not in wanted:
            existing.unlink()
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return documents


# -- the aids the browser fetches ---------------------------------------------------

_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W\d_]{2,}")
_IGNORED = re.compile(r'<div hidden data-pagefind-ignore="index">.*?</div>', re.DOTALL)


def vocabulary(documents) -> Counter:
    """Every word of the documents' text, lower-case as written, with the number of documents it is in."""
    counts: Counter = Counter()
    for document in documents:
        text = _TAG.sub(" ", _IGNORED.sub(" ", document.split("<main", 1)[-1])).lower()
        counts.update(set(_WORD.findall(text)))
    return counts


def names(repo: Repository) -> list[str]:
    """The names a slip in a query is corrected against, as the site writes them."""
    found: list[str] = []
    for records in (repo.people, repo.organisations, repo.groups, repo.focus_areas, repo.clusters):
        for record in records.values():
            found.append(record.name)
    for group in repo.groups.values():
        if group.full_name:
            found.append(group.full_name)
    return sorted(set(found), key=str.casefold)


def search_aid_files(repo: Repository, documents) -> dict[str, str]:
    """The vocabulary files and the name list, by path below the site."""
    counts = vocabulary(documents)
    files: dict[str, list[str]] = {}
    for word in sorted(counts, key=lambda w: (-counts[w], w)):
        files.setdefault(words_file(word), []).append(word)
    out = {f"{WORDS_DIR}/{key}.json": _json(words) for key, words in sorted(files.items())}
    out[INDEX_FILE] = _json({"files": sorted(files), "names": names(repo)})
    return out


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_search_aids(files: dict[str, str], site: Path) -> None:
    """Write the aids into the built site (after the engine, which empties it first)."""
    for name, text in files.items():
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


# -- the search page -------------------------------------------------------------------

KINDS = [MEETING.kind, PERSON.kind, FOCUS_AREA.kind, CLUSTERS.kind, GUIDE.kind]


def search_page(repo: Repository) -> Page:
    """sok/: a search field, filters by kind, group, year and focus area, and the results.

    The results come from search.js; without JavaScript the page says so.
    The filters' values are the ones the pages carry (views.common.search_filters).
    """
    page = Page(paths.SEARCH_PAGE, "Søk", hide=("toc",))
    page.blocks.append(Heading(1, "Søk", ""))
    groups = [g.name for g in repo.groups.values() if repo.meetings_by_group.get(g.id)]
    years = sorted({str(m.year) for m in repo.meetings if m.year}, reverse=True)
    areas = [area.name for area in repo.focus_areas.values()]

    def select(facet: str, label: str, all_label: str, options: list[str]) -> Markup:
        choices = [tag("option", all_label, value="")] + [tag("option", option, value=option) for option in options]
        return tag(
            "span",
            [tag("label", label, for_=f"search-filter-{facet}"), tag("select", choices, id=f"search-filter-{facet}", name=facet, data_filter=facet)],
            class_="search-filter",
        )

    field_ = tag(
        "p",
        [
            tag("label", "Søk etter", for_="search-page-input"),
            tag("input", type="search", id="search-page-input", name="q", autocomplete="off", spellcheck="false", enterkeyhint="search"),
        ],
        class_="search-page__field",
    )
    filters = tag(
        "fieldset",
        [
            tag("legend", "Avgrens treffene"),
            select("type", "Type", "Alle typer", KINDS),
            select("gruppe", "Gruppe", "Alle grupper", groups),
            select("ar", "År", "Alle år", years),
            select("satsingsomrade", "Satsingsområde", "Alle satsingsområder", areas),
        ],
        class_="search-filters",
    )
    status = tag("p", "", id="search-page-status", class_="search-status", role="status", aria_live="polite")
    form = tag("form", [field_, filters, status], id="search-page", class_="search-page", role="search", hidden=True, aria_label="Søk i arkivet")
    results = tag("ol", "", id="search-page-results", class_="search-results")
    more = tag("p", tag("button", "Vis flere treff", type="button", id="search-page-more", class_="md-button", hidden=True))
    help_text = tag(
        "p",
        "Søket finner ord i referatene, personer, satsingsområder og klynger. Bøyde former finner hverandre («møtene» finner «møtet»), og du kan skrive o, ae og a for ø, æ og å.",
        class_="search-help",
    )
    noscript = (
        Markup("<noscript>") + tag("p", "Søket trenger JavaScript. Slå det på i nettleseren, eller bla i møtearkivet og kontaktlisten.") + Markup("</noscript>")
    )
    page.blocks.append(Markup("\n").join([help_text, form, results, more, noscript]))
    return page
