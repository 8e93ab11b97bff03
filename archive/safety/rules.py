"""What Markdown written by people may contain, and the one sanitiser that enforces it.

Minutes and pages accept text, lists, tables, links to http(s), mailto and the
site's own pages and files, images from the site, and a short allow-list of
HTML (ALLOWED_TAGS). Two parts share these lists:

- `scan_markdown` reads the source for the validator, so that anything
  refused gets a Norwegian message with its line.
- archive/safety/markdown.py cleans the HTML that the Markdown renders to with nh3
  (the Ammonia sanitiser) to the same lists, whatever the validator saw: what
  reaches a reader is safe by construction, not because a check remembered a case.

The validator reads the source the way the site's renderer does: it parses it
with the same markdown-it configuration and looks at the raw HTML and the
links markdown-it finds, so code spans, escapes and fences mean to the
validator what they mean on the site. The raw HTML is read by `html_tags`, a
small tokenizer that follows the HTML standard's rules for tags and attributes
(which the sanitiser's parser follows too) in one pass: no backtracking
regular expression, so no input makes it slow.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from dataclasses import dataclass, field

from archive.model.anchors import is_site_id
from archive.model.problems import Report

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "dd",
        "del",
        "div",
        "dl",
        "dt",
        "em",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Tags whose content is dropped with them, not kept as text.
DROP_CONTENT = {"script", "style", "template", "iframe", "object", "embed", "noscript", "textarea", "select", "svg", "math"}

# An id written in HTML must not take the place of one the theme or the site
# relies on: Material reads its settings from the first element with the id
# «__config», and an <h3 id="__config"> in the page's text comes first. Ids
# people write start with a small letter; the theme's all start with «__».
SAFE_ID = re.compile(r"^[a-z][a-z0-9-]{0,63}$")


def url_problem(url: str, image: bool) -> str | None:
    """Why a link or image address is refused, or None."""
    plain = _HIDDEN.sub("", html.unescape(url))
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", plain)
    if image:
        # Browsers read «/\\host» as «//host». The site shows only images it holds
        # itself, by an address relative to the file; any other loses its src.
        if scheme or plain.startswith(("//", "\\", "/\\")):
            return f"bildet «{_short(url)}» ligger på en annen nettside. Bilder må ligge i arkivet (for eksempel i mappen vedlegg/ ved siden av referatet), så ingen leser hentes fra andre nettsteder."
        if plain.startswith("#") or not plain:  # a site-absolute «/…» is refused as a link (archive/model/links.py)
            return f"bildet «{_short(url)}» vises ikke: skriv adressen til bildet fra filen du skriver i, for eksempel «vedlegg/bilde.png»."
        return None
    if scheme and scheme.group(1).lower() not in URL_SCHEMES:
        return f"lenken «{_short(url)}» bruker «{scheme.group(1)}:», som ikke er tillatt. Lenker kan gå til https://, http://, mailto: eller til sider og filer i arkivet."
    return None


def id_problem(value: str, tag: str, what: str) -> str | None:
    if SAFE_ID.match(value):
        return None
    return f"id «{_short(value)}» i <{tag}> er ikke tillatt i {what}: en id må starte med en liten bokstav og ha bare små bokstaver a–z, tall og bindestrek."


_HIDDEN = re.compile(r"[\x00-\x20\x7f]+")


def _short(text: str, length: int = 80) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


# -- raw HTML, tag by tag --------------------------------------------------------


@dataclass
class HtmlTag:
    offset: int  # where the «<» is in the text
    name: str  # lower case; «!doctype», «?xml» and the like for declarations
    closing: bool = False
    attributes: list[tuple[str, str]] = field(default_factory=list)  # (name in lower case, value as written)
    complete: bool = True  # False: the text ends inside the tag


_SPACE = " \t\n\f\r"
# Elements whose content is text up to their end tag, not markup.
_RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title"})


def html_tags(text: str) -> list[HtmlTag]:
    """Every start tag, end tag, comment («!--») and declaration in `text`, read
    once from left to right as the HTML standard's tokenizer reads them; a tag
    or comment the text ends inside of is returned with complete=False."""
    found: list[HtmlTag] = []
    lower = text.lower()
    length = len(text)
    i = 0
    while True:
        i = text.find("<", i)
        if i < 0 or i + 1 >= length:
            return found
        following = text[i + 1]
        if text.startswith("<!--", i):
            if text.startswith("<!-->", i) or text.startswith("<!--->", i):
                i = text.index(">", i) + 1
                continue
            end = text.find("-->", i + 4)
            if end < 0:  # the rest of the text is the comment: nothing of it is shown
                found.append(HtmlTag(i, "!--", complete=False))
                return found
            found.append(HtmlTag(i, "!--"))
            i = end + 3
        elif following in "!?":
            name = re.match(r"[!?][A-Za-z\[]*", text[i + 1 : i + 13]).group()
            end = text.find(">", i)
            found.append(HtmlTag(i, name, complete=end >= 0))
            if end < 0:
                return found
            i = end + 1
        elif following == "/":
            if i + 2 < length and text[i + 2].isascii() and text[i + 2].isalpha():
                tag, i = _read_tag(text, i, i + 2, closing=True)
                found.append(tag)
                if not tag.complete:
                    return found
            else:  # «</>» is nothing; «</1» and the like are a comment up to «>»
                end = text.find(">", i)
                if end < 0:
                    return found
                i = end + 1
        elif following.isascii() and following.isalpha():
            tag, i = _read_tag(text, i, i + 1, closing=False)
            found.append(tag)
            if not tag.complete:
                return found
            if tag.name == "plaintext":
                return found
            if tag.name in _RAW_TEXT:
                i = _end_of_raw_text(lower, tag.name, i)
                if i < 0:
                    return found
        else:
            i += 1


def _end_of_raw_text(lower: str, name: str, i: int) -> int:
    """Where the end tag of a raw-text element starts, or -1."""
    while True:
        i = lower.find("</" + name, i)
        if i < 0:
            return -1
        after = lower[i + 2 + len(name) : i + 3 + len(name)]
        if after == "" or after in _SPACE or after in "/>":
            return i
        i += 2


def _read_tag(text: str, start: int, i: int, closing: bool) -> tuple[HtmlTag, int]:
    """The tag whose name starts at `i`, and the position after its «>»."""
    length = len(text)
    tag = HtmlTag(start, "", closing)
    begin = i
    while i < length and text[i] not in _SPACE and text[i] not in "/>":
        i += 1
    tag.name = text[begin:i].lower()
    while True:
        # before an attribute's name
        while i < length and (text[i] in _SPACE or text[i] == "/"):
            i += 1
        if i >= length:
            tag.complete = False
            return tag, i
        if text[i] == ">":
            return tag, i + 1
        begin = i
        i += 1  # the first character belongs to the name, even «=»
        while i < length and text[i] not in _SPACE and text[i] not in "/>=":
            i += 1
        name = text[begin:i].lower()
        while i < length and text[i] in _SPACE:
            i += 1
        if i < length and text[i] == "=":
            i += 1
            while i < length and text[i] in _SPACE:
                i += 1
            if i < length and text[i] in "\"'":
                end = text.find(text[i], i + 1)
                if end < 0:
                    tag.attributes.append((name, text[i + 1 :]))
                    tag.complete = False
                    return tag, length
                value = text[i + 1 : end]
                i = end + 1
            else:
                begin = i
                while i < length and text[i] not in _SPACE and text[i] != ">":
                    i += 1
                value = text[begin:i]
        else:
            value = ""
        tag.attributes.append((name, value))


# -- Markdown, as the site's renderer reads it -----------------------------------------


@dataclass(frozen=True)
class Found:
    """Something in Markdown that may be refused: a link, an image or a piece of raw HTML."""

    line: int  # 0-based, in the text that was read
    kind: str  # link | image | autolink | reference | html
    url: str = ""  # the address as written (link, image, autolink, reference)
    tag: HtmlTag | None = None  # for html
    in_block: bool = False  # html: from an HTML block (which may end inside a tag)
    label: str = ""  # reference: its label, as written


def _with_position(rule, kind: str):
    """An inline rule that also notes, on the first token it makes, where its
    source starts and ends (and, for a link or an image, where its label ends)."""
    opening = "![" if kind == "image" else "["
    made = {"link": "link_open", "image": "image", "autolink": "link_open", "html": "html_inline"}[kind]

    def located(state, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        label_end = -1
        if not silent and kind in ("link", "image") and state.src.startswith(opening, start):
            # The same call the rule makes first; it leaves the state as it was.
            from markdown_it.helpers import parseLinkLabel

            label_end = parseLinkLabel(state, start + len(opening) - 1, kind == "link")
        if not rule(state, silent):
            return False
        if not silent:
            # On the rule's own token: the first one pushed may be the text
            # before it, which a later pass («text_join») merges away.
            for token in state.tokens[count:]:
                if token.type == made:
                    token.meta["found"] = (kind, start, state.pos, label_end)
                    break
        return True

    return located


def _noting_references(rule):
    """The block rule for «[label]: address» lines, also noting each one and its first line."""

    def noting(state, start_line: int, end_line: int, silent: bool) -> bool:
        if not rule(state, start_line, end_line, silent):
            return False
        if not silent:
            source = state.getLines(start_line, state.line, state.blkIndent, False)
            written = re.match(r"\s*\[((?:[^\]\\]|\\.)*)\]:\s*(<[^>\n]*>|\S+)", source)
            state.env.setdefault("found_references", []).append(
                (start_line, written.group(2) if written else source.strip(), written.group(1) if written else "")
            )
        return True

    return noting


# How deep markdown-it goes before it drops the rest of a text without a word
# (its own default is 20); the validator refuses nesting past MAX_DEPTH, below it.
RENDERER_NESTING = 40


# An id written in HTML: «<h3 id=notat>», «id = 'notat'».
_ID_ATTRIBUTE = re.compile(r"""\bid\s*=\s*["']?([a-z][a-z0-9-]{0,63})""")


def user_ids(texts) -> frozenset[str]:
    """The ids written in these texts (one file's), for the links to them."""
    return frozenset(match.group(1) for text in texts if "id" in text for match in _ID_ATTRIBUTE.finditer(text))


def markdown_it():
    """markdown-it as the site reads people's Markdown: CommonMark with GitHub's
    tables and strikethrough. The renderer and the validator each make one, so
    they read every text the same way."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True, "maxNesting": RENDERER_NESTING}).enable(["table", "strikethrough"])


@functools.cache
def _reader():
    """markdown-it as the site's renderer reads minutes, noting where links and HTML
    stand. Made on first use: most minutes have neither, and validate.py starts faster."""
    reader = markdown_it()
    # The site's renderer drops javascript:, vbscript:, file: and data: links
    # silently, leaving their text; the validator sees them, to say why.
    reader.validateLink = lambda url: True
    for name, kind in (("link", "link"), ("image", "image"), ("autolink", "autolink"), ("html_inline", "html")):
        rule = next(r.fn for r in reader.inline.ruler.__rules__ if r.name == name)
        reader.inline.ruler.at(name, _with_position(rule, kind))
    rule = next(r.fn for r in reader.block.ruler.__rules__ if r.name == "reference")
    reader.block.ruler.at("reference", _noting_references(rule), {"alt": ["paragraph", "reference"]})
    return reader


def _written_destination(src: str, label_end: int, end: int) -> str | None:
    """The address of an inline link or image whose label ends at `label_end`, as
    written; None for a reference link («[text][label]»), whose address is
    checked where its label is defined."""
    i = label_end + 1
    if label_end < 0 or i >= end or src[i] != "(":
        return None
    i += 1
    while i < end and src[i] in " \t\n":
        i += 1
    from markdown_it.helpers import parseLinkDestination

    result = parseLinkDestination(src, i, end)
    if not result.ok:
        return None
    written = src[i : result.pos]
    return written[1:-1] if written.startswith("<") and written.endswith(">") else written


@functools.lru_cache(maxsize=100_000)
def read_markdown(text: str, inline: bool = False) -> tuple[Found, ...]:
    """Every link, image, address definition and piece of raw HTML in `text`,
    with its line, as the site's renderer reads the text (block Markdown, or one
    line of inline Markdown for a decision or a follow-up)."""
    env: dict = {}
    if inline:
        tokens = _reader().parseInline(text.replace("\n", " "), env)
    else:
        tokens = _reader().parse(text, env)
    found: list[Found] = []
    for token in tokens:
        if token.type == "html_block":
            first = token.map[0] if token.map else 0
            starts = _line_starts(token.content)
            for tag in html_tags(token.content):
                found.append(Found(first + bisect.bisect_right(starts, tag.offset) - 1, "html", tag=tag, in_block=True))
        elif token.type == "inline" and token.children:
            first = token.map[0] if token.map else 0
            starts = None
            for child in token.children:
                where = child.meta.get("found") if child.meta else None
                if where is None:
                    continue
                kind, start, end, label_end = where
                if starts is None:
                    starts = _line_starts(token.content)
                line = first + bisect.bisect_right(starts, start) - 1
                if kind == "html":
                    for tag in html_tags(token.content[start:end]):
                        found.append(Found(line, "html", tag=tag))
                elif kind == "autolink":
                    found.append(Found(line, "autolink", url=token.content[start + 1 : end - 1]))
                else:
                    url = _written_destination(token.content, label_end, end)
                    if url is None and kind == "image":
                        url = child.attrGet("src")  # «![a][ref]»: the address the definition gives
                    if url is not None:
                        found.append(Found(line, kind, url=url))
    for line, url, label in env.get("found_references", []):
        found.append(Found(line, "reference", url=url[1:-1] if url.startswith("<") and url.endswith(">") else url, label=label))
    return tuple(found)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    index = text.find("\n")
    while index >= 0:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


def scan_markdown(text: str, first_line: int, report: Report, what: str = "referatet", inline: bool = False) -> None:
    """Report every tag, attribute and address the site would refuse, with its line."""
    if "<" not in text and "](" not in text and "]:" not in text:
        return  # the common case: plain text
    for found in read_markdown(text, inline):
        line = first_line + found.line
        if found.kind == "html":
            _check_tag(found.tag, found.in_block, line, report, what)
        else:
            problem = url_problem(found.url, image=found.kind == "image")
            if problem:
                report(line, problem)
            elif found.kind == "reference" and not _label_used(found.label, text):
                report(
                    line,
                    f"adressen «[{_short(found.label, 40)}]: …» brukes ikke av noen lenke i samme avsnitt, så linjen vises ikke på nettstedet. "
                    "Skriv lenken rett i teksten, som [tekst](https://…).",
                )


_BRACKETED = re.compile(r"\[((?:[^\]\\\[]|\\.)+)\]")


def _label_used(label: str, text: str) -> bool:
    """Whether `label` of an address definition stands in brackets anywhere else in
    `text` (a link «[tekst][label]», «[label][]» or «[label]»). Labels match
    without regard to case or runs of space, as in CommonMark."""
    wanted = " ".join(label.split()).casefold()
    seen = sum(1 for match in _BRACKETED.finditer(text) if " ".join(match.group(1).split()).casefold() == wanted)
    return seen > 1  # one is the definition itself


def _check_tag(tag: HtmlTag, in_block: bool, line: int, report: Report, what: str) -> None:
    name = tag.name
    if name == "!--":
        if not tag.complete:
            report(
                line,
                "en HTML-kommentar («<!--») er ikke avsluttet med «-->», så teksten etter den vises ikke på nettstedet. Avslutt kommentaren med «-->», eller fjern «<!--».",
            )
        elif what == "referatet":
            # A page may hold comments (the generated parts are named in them); in
            # minutes a comment is text the reviewer sees in the diff and members never do.
            report(
                line,
                "referatet inneholder en HTML-kommentar («<!-- … -->»); teksten i den vises ikke på nettstedet. Skriv teksten som vanlig tekst, eller slett kommentaren.",
            )
        return
    if name not in ALLOWED_TAGS:
        report(
            line,
            f"{what} inneholder HTML-koden <{name}>, som ikke er tillatt på nettstedet (den kan kjøre kode eller endre siden). Skriv vanlig tekst eller Markdown i stedet; veiledningen viser hva som er lov.",
        )
        return
    if not tag.complete and in_block:
        report(
            line,
            f"HTML-koden <{name} …> er ikke avsluttet med «>», så nettstedet ville lese teksten etter den som en del av koden. Avslutt den med «>», eller skriv «<» som «&lt;».",
        )
        return
    if tag.closing:
        return
    allowed = ALLOWED_ATTRIBUTES.get(name, set())
    for key, value in tag.attributes:
        if key not in allowed:
            report(line, f"attributtet «{_short(key, 40)}» i <{name}> er ikke tillatt i {what}. Fjern det.")
        elif key in ("href", "src"):
            problem = url_problem(value, image=(key == "src"))
            if problem:
                report(line, problem)
        elif key == "id":
            problem = id_problem(html.unescape(value), name, what)
            if problem:
                report(line, problem)


# -- shapes that cost the renderer dearly or lose text -------------------------------------

MAX_TABLE_COLUMNS = 30
MAX_TABLE_CELLS = 20_000  # in all the tables of one file; the renderer fills every short row out
MAX_DEPTH = RENDERER_NESTING // 2  # markdown-it levels: a list counts two (list, item), a quote one

_DELIMITER_ROW = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_ENDS_TABLE = re.compile(r"^ {0,3}(?:#{1,6}(?:\s|$)|>|```|~~~|[-*+]\s|\d{1,9}[.)]\s)")
_PIPE = re.compile(r"(?<!\\)\|")
# A line that may be nested: indented, quoted, or a list marker followed by another.
_NESTING = r"(?: {2}|\t| ?>| ?(?:[-*+]|\d{1,9}[.)])[ \t]+(?:[-*+>]|\d{1,9}[.)]))"
_NESTED = re.compile(_NESTING)  # the first line
# After a line break: a pattern that starts with one character is searched for that
# character first, six times faster over 2,000 files than a multi-line «^».
_NESTED_AFTER_A_LINE = re.compile("\n" + _NESTING)
_CONTAINER = re.compile(r"(>)[ \t]?|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_FENCE_LINE = re.compile(r"^ {0,3}(?:```|~~~)")


def _cells(line: str) -> int:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return len(_PIPE.split(inner))


def report_markdown_shape(text: str, first_line: int, report: Report, what: str = "referatet") -> None:
    """Tables too wide or too large for the renderer, table cells past the
    header's that it would drop, nesting deeper than it keeps, and blocks that
    swallow the headings, decisions and follow-ups after them."""
    if _MAY_SWALLOW.search(text):
        _report_swallowing_blocks(text, first_line, report, what)
    if "|" in text and "-" in text:
        _report_tables(text.split("\n"), first_line, report)
    if _NESTED_AFTER_A_LINE.search(text) or _NESTED.match(text):
        _report_depth(text.split("\n"), first_line, report, what)


# A code fence, or an HTML block (CommonMark's kinds 1–7), may start on this line.
_MAY_SWALLOW = re.compile(r"^ {0,3}(?:```|~~~|<[A-Za-z!?/])", re.MULTILINE)
# What a block must not take in: a heading, a «Vedtak:» line, a follow-up («- [ ] …»).
_STRUCTURE = re.compile(r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|(?:\*\*|__)?vedtak\b|[-*+][ \t]+\[[ xX]\])", re.IGNORECASE)


def _report_swallowing_blocks(text: str, first_line: int, report: Report, what: str) -> None:
    """A code fence never closed runs to the end of the text, and an HTML block
    runs on until its end tag (or a blank line): the agenda items, decisions and
    follow-ups inside it would be shown as code or raw text, and the site would
    not know them. Read by the renderer's own parser, so that only what GitHub
    and the site really swallow is refused; a closed fence may show Markdown."""
    lines = text.split("\n")
    for token in _block_parser().parse(text):
        if token.type not in ("fence", "html_block") or not token.map or token.level > 0:
            continue
        if token.type == "html_block" and token.content.lstrip().startswith("<!--"):
            continue  # comments have messages of their own (scan_markdown)
        start, end = token.map
        if token.type == "fence" and end - 1 > start and _closes_fence(lines[end - 1], token.markup):
            continue
        taken = [(number, lines[number].strip()) for number in range(start + 1, min(end, len(lines))) if _STRUCTURE.match(lines[number])]
        if not taken:
            continue
        number, shown = taken[0]
        swallowed = f"«{_short(shown, 60)}» (linje {first_line + number})"
        if len(taken) > 1:
            swallowed += f" og {len(taken) - 1} linje{'r' if len(taken) > 2 else ''} til med saker, vedtak eller oppfølging"
        if token.type == "fence":
            report(
                first_line + start,
                f"kodeblokken som starter her med «{token.markup}», lukkes aldri, så resten av {what} vises som kode og blir ikke lest: {swallowed}. "
                f"Skriv «{token.markup}» alene på en linje der koden slutter.",
            )
        else:
            report(
                first_line + start,
                f"HTML-blokken som starter her med «{_short(lines[start].strip(), 30)}», slutter ikke før {swallowed}, så det vises som rå tekst og blir ikke lest. "
                "Lukk taggen, og sett en tom linje foran neste overskrift.",
            )


def _closes_fence(line: str, opening: str) -> bool:
    stripped = line.strip()
    return len(line) - len(line.lstrip(" ")) <= 3 and len(stripped) >= len(opening) and set(stripped) == {opening[0]}


@functools.cache
def _block_parser():
    return markdown_it()


def _report_tables(lines: list[str], first_line: int, report: Report) -> None:
    cells = 0
    for index in range(1, len(lines)):
        line = lines[index]
        if "|" not in line or "-" not in line or not _DELIMITER_ROW.match(line):
            continue
        columns = _cells(line)
        if "|" not in lines[index - 1] or _cells(lines[index - 1]) != columns:
            continue  # not a table to GitHub's Markdown either
        if columns > MAX_TABLE_COLUMNS:
            report(
                first_line + index,
                f"tabellen har {columns} kolonner; mer enn {MAX_TABLE_COLUMNS} er ikke tillatt. Del den opp, eller skriv innholdet som en liste.",
            )
            return
        rows = 0
        for offset in range(index + 1, len(lines)):
            row = lines[offset]
            if not row.strip() or _ENDS_TABLE.match(row):
                break
            rows += 1
            written = _cells(row)
            if written > columns:
                report(
                    first_line + offset,
                    f"raden har {written} celler, men tabellen har {columns} kolonner; cellene etter den {columns}. vises ikke. "
                    "Legg til kolonner i overskriften, eller skriv «|» i teksten som «\\|».",
                )
        cells += columns * (rows + 1)
        if cells > MAX_TABLE_CELLS:
            report(first_line + index, f"tabellene har til sammen mer enn {MAX_TABLE_CELLS} celler; del referatet opp.")
            return


def _report_depth(lines: list[str], first_line: int, report: Report, what: str) -> None:
    fenced = False
    for index, line in enumerate(lines):
        if _FENCE_LINE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        line = line.expandtabs(4)
        rest = line.lstrip(" ")
        # Each two columns of indentation may be one more list (two levels); each marker on the line one more.
        depth = 2 * ((len(line) - len(rest)) // 2)
        while True:
            match = _CONTAINER.match(rest)
            if not match:
                break
            depth += 1 if match.group(1) else 2
            rest = rest[match.end() :].lstrip(" ")
        if depth > MAX_DEPTH:
            report(
                first_line + index,
                f"lister og sitater står for mange nivåer inne i hverandre her; nettstedet viser ikke tekst så dypt ned i {what}. "
                "Skriv teksten med færre nivåer (rykk inn mindre).",
            )
            return


# -- attribute lists in the pages written by hand --------------------------------------

# The engine's Markdown reads «{: …}», «{#…}» and «{.…}» as attributes of the block
# or heading before them (Python-Markdown's attr_list), and the text is gone.
_EXPLICIT_ATTRIBUTES = re.compile(r"\{:[^}\n]*\}")
_HEADING_ATTRIBUTES = re.compile(r"^ {0,3}#{1,6}[ \t].*?[ \t]\{:?[ \t]*([^}\n ][^}\n]*?)[ \t]*\}[ \t]*$")
_LINE_OF_ATTRIBUTES = re.compile(r"^[ \t]*\{:?[ \t]*([^}\n ][^}\n]*?)[ \t]*\}[ \t]*$")
_ANCHOR = re.compile(r"^#([a-z][a-z0-9-]{0,63})$")


def report_attribute_lists(text: str, first_line: int, report: Report) -> None:
    """In a page written by hand, an attribute list may only give a heading its anchor
    («## Tittel {#anker}»). Anything else («{: onclick=…}», a class, an id the theme
    uses) would be taken out of the text and then out of the page by the sanitiser."""
    if "{" not in text:
        return
    fenced = False
    for offset, line in enumerate(text.split("\n")):
        if _FENCE_LINE.match(line):
            fenced = not fenced
            continue
        if fenced or "{" not in line:
            continue
        heading = _HEADING_ATTRIBUTES.match(line)
        anchor = heading and _ANCHOR.match(heading.group(1).strip().lstrip(":").strip())
        if anchor and is_site_id(anchor.group(1)):
            report(
                first_line + offset,
                f"ankeret «#{anchor.group(1)}» bruker nettstedet selv (søkefeltet, filtrene eller listene har ankere som begynner slik). "
                f"Velg et annet, for eksempel «#om-{anchor.group(1)}».",
            )
            continue
        if anchor:
            continue
        found = heading or _LINE_OF_ATTRIBUTES.match(line) or _EXPLICIT_ATTRIBUTES.search(line)
        if found:
            shown = _short(line[line.rfind("{") :].strip() if heading else found.group(0).strip(), 60)
            report(
                first_line + offset,
                f"«{shown}» er en attributtliste, som nettstedet ikke viser. Bare et anker for en overskrift er tillatt "
                "(«## Tittel {#anker}», med små bokstaver a–z, tall og bindestrek). Skriv teksten uten «{…}», eller sett den i `…`.",
            )
