"""What Markdown written by people may contain, and the one sanitiser that enforces it.

Minutes and pages accept text, lists, tables, links to http(s), mailto and the
site's own pages and files, images from the site, and a short allow-list of
HTML (ALLOWED_TAGS). Two parts share these lists:

- `scan_markdown` reads the source line by line for the validator, so that
  anything refused gets a Norwegian message with its line.
- archive/markdown.py cleans the HTML that the Markdown renders to with nh3
  (the Ammonia sanitiser) to the same lists, whatever the validator saw: what
  reaches a reader is safe by construction, not because a check remembered a case.
"""

from __future__ import annotations

import html
import re

from archive.problems import Report

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
})
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Tags whose content is dropped with them, not kept as text.
_DROP_CONTENT = {"script", "style", "template", "iframe", "object", "embed", "noscript", "textarea", "select", "svg", "math"}


# -- the validator's reading of the source -----------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)(/?)>", re.DOTALL)
_ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_INLINE_LINK = re.compile(r"(!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>")
_HIDDEN = re.compile(r"[\x00-\x20\x7f]+")


def url_problem(url: str, image: bool) -> str | None:
    """Why a link or image address is refused, or None."""
    plain = _HIDDEN.sub("", html.unescape(url))
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", plain)
    if image:
        if scheme or plain.startswith("//"):
            return f"bildet «{url}» ligger på en annen nettside. Bilder må ligge i arkivet (for eksempel i mappen vedlegg/ ved siden av referatet), så ingen leser hentes fra andre nettsteder."
        return None
    if scheme and scheme.group(1).lower() not in URL_SCHEMES:
        return f"lenken «{url}» bruker «{scheme.group(1)}:», som ikke er tillatt. Lenker kan gå til https://, http://, mailto: eller til sider og filer i arkivet."
    return None


def _masked(text: str) -> str:
    """The text with fenced code and code spans blanked (same length and lines): code shows as written."""
    out: list[str] = []
    fence = ""
    for line in text.split("\n"):
        if fence:
            out.append(" " * len(line))
            if line.strip().startswith(fence):
                fence = ""
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)[0] * 3
            out.append(" " * len(line))
            continue
        out.append(_CODE_SPAN.sub(lambda m: " " * len(m.group()), line))
    return "\n".join(out)


def scan_markdown(text: str, first_line: int, report: Report, what: str = "referatet") -> None:
    """Report every tag, attribute and address the site would refuse, with its line."""
    if "<" not in text and "](" not in text and "]:" not in text:
        return  # the common case: plain text
    masked = _masked(text)

    def line_at(offset: int) -> int:
        return first_line + masked.count("\n", 0, offset)

    for match in _TAG.finditer(masked):
        closing, name, attributes = match.group(1), match.group(2).lower(), match.group(3)
        line = line_at(match.start())
        if name not in ALLOWED_TAGS:
            report(line, f"{what} inneholder HTML-koden <{name}>, som ikke er tillatt på nettstedet (den kan kjøre kode eller endre siden). Skriv vanlig tekst eller Markdown i stedet; veiledningen viser hva som er lov.")
            continue
        if closing:
            continue
        allowed = ALLOWED_ATTRIBUTES.get(name, set())
        for attribute in _ATTRIBUTE.finditer(attributes):
            key = attribute.group(1).lower()
            value = (attribute.group(2) or "").strip("\"'")
            if key not in allowed:
                report(line, f"attributtet «{key}» i <{name}> er ikke tillatt i {what}. Fjern det.")
            elif key in ("href", "src"):
                problem = url_problem(value, image=(key == "src"))
                if problem:
                    report(line, problem)
    for pattern, group in ((_INLINE_LINK, 2), (_AUTOLINK, 1)):
        for match in pattern.finditer(masked):
            image = pattern is _INLINE_LINK and match.group(1) == "!"
            problem = url_problem(match.group(group), image)
            if problem:
                report(line_at(match.start()), problem)
    for number, line in enumerate(masked.split("\n"), start=first_line):
        reference = _REFERENCE.match(line)
        if reference:
            problem = url_problem(reference.group(1), image=False)
            if problem:
                report(number, problem)
