"""Relative links written in minutes and pages: where they point, and whether it exists.

A secretary links another meeting as `[forrige møte](2025-01-16.md)` and an
attachment as `[presentasjonen](vedlegg/presentasjon.pdf)`, relative to the
file she writes in. The validator checks each target here; the renderer
(archive/safety/markdown.py) turns the same targets into the site's addresses.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import unquote

from archive.model.anchors import heading_anchor, is_site_id, unique_anchor
from archive.model.paths import file_url, is_generated, url
from archive.model.problems import Problem

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def browser_form(target: str) -> str:
    """An address as a browser reads it: spaces and control characters at the ends
    dropped, tabs and line breaks inside dropped, «\\» as «/». « javascript:x»
    and «java<tab>script:x» are javascript: to a browser, «\\\\host/x» is «//host/x»."""
    return re.sub(r"[\t\n\r]", "", target).strip("".join(map(chr, range(0x21)))).replace("\\", "/")


def is_relative(target: str) -> bool:
    target = browser_form(target)
    return bool(target) and not _SCHEME.match(target) and not target.startswith(("/", "#"))


def resolve(src: str, target: str) -> tuple[str, str]:
    """(source path of the target, anchor) for a relative link written in `src`."""
    path, _, anchor = target.partition("#")
    # «vedlegg/årsrapport%202025.pdf» is the file «vedlegg/årsrapport 2025.pdf»
    # (GitHub's editor writes links to files with spaces that way).
    path = unquote(path.split("?", 1)[0])
    return posixpath.normpath(posixpath.join(posixpath.dirname(src), path)), anchor


def site_href(src: str, here: str, target: str) -> str:
    """The address a relative link from the file `src` has on the page `here`."""
    if not is_relative(target):
        return target
    path, anchor = resolve(src, browser_form(target))
    if path.endswith(".md"):
        return url(here, path, anchor)
    return file_url(here, path) + (f"#{anchor}" if anchor else "")


def _targets(text: str, inline: bool = False) -> list[tuple[int, str]]:
    """(line offset, address as written) of every link, image, address definition and
    HTML href/src in `text`, as the site's renderer reads it: code shows as written."""
    if not may_hold_links_or_html(text):
        return []  # the common case, before any import
    from archive.safety.rules import read_markdown

    found = []
    for item in read_markdown(text, inline):
        if item.kind == "html":
            if not item.tag.closing:
                found += [(item.line, value) for key, value in item.tag.attributes if key in ("href", "src")]
        elif item.kind != "autolink":  # an autolink always has a scheme: never a file of the archive
            found.append((item.line, item.url))
    return found


def meeting_markdown(meeting):
    """(text, first line, inline) of each piece of Markdown the site renders from
    one meeting's minutes, one piece per render: the text before and between the
    special lines as blocks, each decision and follow-up as one line."""
    from archive.model import DecisionBlock, FollowUpList, Prose

    for blocks in [meeting.preamble, *(item.blocks for item in meeting.agenda)]:
        for block in blocks:
            if isinstance(block, Prose):
                yield block.text, block.line, False
            elif isinstance(block, DecisionBlock):
                for decision in block.decisions:
                    yield decision.text, decision.line, True
            elif isinstance(block, FollowUpList):
                for action in block.actions:
                    yield action.task, action.line, True


def may_hold_links_or_html(text: str) -> bool:
    """False when no piece of `text` can hold a link, an address definition or HTML."""
    return "](" in text or "]:" in text or "<" in text


def markdown_sources(repo):
    """(path shown in messages, source path, text, first line, inline) of each
    piece of Markdown in minutes and pages."""
    for meeting in repo.meetings:
        if not may_hold_links_or_html(meeting.raw_body):
            continue  # most minutes: no piece of them can hold a link
        for text, line, inline in meeting_markdown(meeting):
            yield meeting.path, meeting.src_path, text, line, inline
    for page in repo.pages.values():
        yield page.path, page.src_path, page.body, page.body_first_line, False


_EXPLICIT_ANCHOR = re.compile(r"[ \t]+\{:?[ \t]*#([a-z][a-z0-9-]{0,63})[ \t]*\}[ \t]*$")


def page_anchors(page) -> frozenset[str]:
    """The anchors of a page written by hand: its headings' as the engine writes
    them (`heading_anchor`, «{#anker}» as written, «_1» for a repeated one) and
    the ids written in its HTML (archive/site/handwritten.py keeps links to them)."""
    from archive.safety.rules import markdown_it, user_ids

    taken: set[str] = set()
    tokens = markdown_it().parse(page.body)
    for before, token in zip(tokens, tokens[1:], strict=False):
        if before.type != "heading_open" or token.type != "inline":
            continue
        explicit = _EXPLICIT_ANCHOR.search(token.content)
        if explicit:
            taken.add(explicit.group(1))
            continue
        words = [child.content for child in token.children or [] if child.type in ("text", "code_inline")]
        unique_anchor(heading_anchor(" ".join(words)), taken)
    return frozenset(taken) | user_ids([page.body])


def _anchor_problem(display: str, line: int, target: str, anchor: str, page, anchors: frozenset[str]) -> Problem | None:
    """A link's anchor that the page written by hand does not have. A part a macro
    shows (render_macros) has only ids of the site's own (`is_site_id`)."""
    if not anchor or anchor in anchors or (page.render_macros and is_site_id(anchor)):
        return None
    shown = ", ".join(f"#{name}" for name in sorted(anchors)[:12]) or "ingen"
    return Problem(
        display,
        line,
        f"lenken «{target}»: siden har ingen overskrift med ankeret «#{anchor}». Ankeret er overskriftens tekst med små bokstaver "
        f"og bindestrek («## Møter i år» får «#moter-i-ar»). Ankrene på siden er {shown}.",
    )


def broken_links(repo) -> list[Problem]:
    """Every relative link in minutes and pages whose target is missing."""
    problems: list[Problem] = []
    pages = set(repo.pages) | set(repo.meetings_by_src)
    files = set(repo.files)
    anchors = {m.src_path: {item.anchor for item in m.agenda} for m in repo.meetings}
    page_anchor_sets: dict[str, frozenset[str]] = {}

    def anchors_of(path: str) -> frozenset[str]:
        if path not in page_anchor_sets:
            page_anchor_sets[path] = page_anchors(repo.pages[path])
        return page_anchor_sets[path]

    for display, src, body, first_line, inline in markdown_sources(repo):
        for offset, written in _targets(body, inline):
            target = browser_form(html.unescape(written))
            if target.startswith("#") and src in repo.pages:
                problem = _anchor_problem(display, first_line + offset, target, target[1:], repo.pages[src], anchors_of(src))
                if problem:
                    problems.append(problem)
                continue
            if target.startswith("/") and not target.startswith("//"):
                problems.append(
                    Problem(
                        display,
                        first_line + offset,
                        f"lenken «{target}» starter med «/». Skriv den relativt til denne filen, for eksempel «../2025-01-16.md»; da virker den også i forhåndsvisningen.",
                    )
                )
                continue
            if not is_relative(target):
                continue
            path, anchor = resolve(src, target)
            if path.startswith(".."):
                problems.append(Problem(display, first_line + offset, f"lenken «{target}» peker ut av arkivet."))
            elif path.endswith(".md"):
                if path not in pages and not is_generated(path):
                    problems.append(Problem(display, first_line + offset, f"lenken «{target}» peker på en side som ikke finnes ({path})."))
                elif anchor and path in repo.pages:
                    problem = _anchor_problem(display, first_line + offset, target, anchor, repo.pages[path], anchors_of(path))
                    if problem:
                        problems.append(problem)
                elif anchor and path in anchors and anchor not in anchors[path]:
                    problems.append(
                        Problem(
                            display,
                            first_line + offset,
                            f"lenken «{target}»: møtet har ingen sak med ankeret «#{anchor}». Ankrene er {', '.join(sorted(anchors[path])) or 'ingen'}.",
                        )
                    )
            elif path not in files:
                problems.append(
                    Problem(
                        display,
                        first_line + offset,
                        f"lenken «{target}» peker på en fil som ikke finnes ({path}). Legg filen i docs/{posixpath.dirname(path) or '.'}/.",
                    )
                )
    return problems
