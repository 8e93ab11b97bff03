"""Relative links written in minutes and pages: where they point, and whether it exists.

A secretary links another meeting as `[forrige møte](2025-01-16.md)` and an
attachment as `[presentasjonen](vedlegg/presentasjon.pdf)`, relative to the
file she writes in. The validator checks each target here; the renderer
(archive/markdown.py) turns the same targets into the site's addresses.
"""

from __future__ import annotations

import html
import posixpath
import re

from archive.paths import file_url, is_generated, url
from archive.problems import Problem

_INLINE = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)", re.MULTILINE)
_HTML = re.compile(r"\b(?:href|src)\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def is_relative(target: str) -> bool:
    return bool(target) and not _SCHEME.match(target) and not target.startswith(("/", "#"))


def resolve(src: str, target: str) -> tuple[str, str]:
    """(source path of the target, anchor) for a relative link written in `src`."""
    path, _, anchor = target.partition("#")
    path = path.split("?", 1)[0]
    return posixpath.normpath(posixpath.join(posixpath.dirname(src), path)), anchor


def site_href(src: str, here: str, target: str) -> str:
    """The address a relative link from the file `src` has on the page `here`."""
    if not is_relative(target):
        return target
    path, anchor = resolve(src, target)
    if path.endswith(".md"):
        return url(here, path, anchor)
    return file_url(here, path) + (f"#{anchor}" if anchor else "")


def _targets(text: str) -> list[tuple[int, str]]:
    from archive.safety import _masked

    text = _masked(text)  # links shown as code are examples, not links
    found = []
    for pattern in (_INLINE, _REFERENCE, _HTML):
        for match in pattern.finditer(text):
            found.append((text.count("\n", 0, match.start()), match.group(1)))
    return found


def broken_links(repo) -> list[Problem]:
    """Every relative link in minutes and pages whose target is missing."""
    problems: list[Problem] = []
    pages = set(repo.pages) | set(repo.meetings_by_src)
    files = set(repo.files)
    anchors = {m.src_path: {item.anchor for item in m.agenda} for m in repo.meetings}
    sources = [(m.path, m.src_path, m.raw_body, m.body_first_line) for m in repo.meetings]
    sources += [(p.path, p.src_path, p.body, p.body_first_line) for p in repo.pages.values()]
    for display, src, body, first_line in sources:
        if "](" not in body and "]:" not in body and "=" not in body:
            continue
        for offset, written in _targets(body):
            target = html.unescape(written)
            if target.startswith("/") and not target.startswith("//"):
                problems.append(Problem(display, first_line + offset, f"lenken «{target}» starter med «/». Skriv den relativt til denne filen, for eksempel «../2025-01-16.md»; da virker den også i forhåndsvisningen."))
                continue
            if not is_relative(target):
                continue
            path, anchor = resolve(src, target)
            if path.startswith(".."):
                problems.append(Problem(display, first_line + offset, f"lenken «{target}» peker ut av arkivet."))
            elif path.endswith(".md"):
                if path not in pages and not is_generated(path):
                    problems.append(Problem(display, first_line + offset, f"lenken «{target}» peker på en side som ikke finnes ({path})."))
                elif anchor and path in anchors and anchor not in anchors[path]:
                    problems.append(Problem(display, first_line + offset, f"lenken «{target}»: møtet har ingen sak med ankeret «#{anchor}». Ankrene er {', '.join(sorted(anchors[path])) or 'ingen'}."))
            elif path not in files:
                problems.append(Problem(display, first_line + offset, f"lenken «{target}» peker på en fil som ikke finnes ({path}). Legg filen i docs/{posixpath.dirname(path) or '.'}/."))
    return problems
