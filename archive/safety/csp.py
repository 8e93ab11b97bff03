"""A Content Security Policy for every built page, as a <meta> in its <head>.

GitHub Pages sends no headers of our choosing, so the policy travels in the
page. It says where a page may load anything from: only the site itself.
Scripts run only from the site's own files and from the inline scripts the
page was built with, each allowed by its SHA-256 hash, so a script that gets
into a page any other way (a slip in the cleaning of minutes, a compromised
dependency writing a <script> into the DOM) does not run. No 'unsafe-inline'
for scripts, no host but the site's own.

The web form (admin/) gets a looser policy that is still pinned to hosts:
it talks to GitHub's API (and shows the signed-in user's picture from
GitHub), its editor styles itself inline, and it turns images into other
formats with WebAssembly in a worker.

Pure functions: a page in, the same page with the policy out.
"""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import urlsplit

GITHUB_API = "https://api.github.com"
GITHUB_AVATARS = "https://avatars.githubusercontent.com"

# The site: everything from itself. Styles may be inline (the theme sets some
# with style attributes; a style cannot run code). WebAssembly is compiled by
# the search (Pagefind) and needs 'wasm-unsafe-eval', which allows compiling
# WebAssembly, not eval().
SITE_POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'", "'wasm-unsafe-eval'"),
    "style-src": ("'self'", "'unsafe-inline'"),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "worker-src": ("'self'",),
    "frame-src": ("'none'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}


def admin_policy(api_root: str = GITHUB_API) -> dict[str, tuple[str, ...]]:
    """The web form's policy: the site, and the GitHub API it was built for (its origin only)."""
    api = _origin(api_root)
    # github.com serves pictures of people from a host of its own; a GitHub
    # Enterprise server (or the tests' stand-in) from the API's own host.
    pictures = GITHUB_AVATARS if api == GITHUB_API else api
    return {
        "default-src": ("'self'",),
        "script-src": ("'self'", "'wasm-unsafe-eval'"),
        "style-src": ("'self'", "'unsafe-inline'"),
        "img-src": ("'self'", "data:", "blob:", pictures),
        "media-src": ("'self'", "blob:"),
        "font-src": ("'self'",),
        # data: Sveltia reads its own logo, a data: address, with fetch().
        "connect-src": ("'self'", "data:", api),
        "worker-src": ("'self'", "blob:"),
        "frame-src": ("'self'", "blob:"),
        "object-src": ("'none'",),
        "base-uri": ("'self'",),
        "form-action": ("'none'",),
    }


def _origin(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ValueError(f"«{url}» er ingen nettadresse (https://…)")
    return f"{parts.scheme}://{parts.netloc}"


# Inline scripts: a <script> without src whose type is JavaScript (no type,
# a JavaScript MIME type or "module"). JSON data blocks are never run and need
# no hash. Generated pages: a script ends at the first «</script», as in HTML.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\stype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_JAVASCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript", "text/ecmascript"}
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset\s*=\s*[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
_LOADS = re.compile(r"<(?:script|link|style|base)\b", re.IGNORECASE)
_EXISTING = re.compile(r"<meta\s+http-equiv\s*=\s*[\"']?Content-Security-Policy[\"']?[^>]*>", re.IGNORECASE)


def inline_script_hashes(page: str) -> list[str]:
    """'sha256-…' for each inline script the page runs, in order, without repeats."""
    hashes: list[str] = []
    for match in _SCRIPT.finditer(page):
        attributes, body = match.group(1), match.group(2)
        if _SRC.search(attributes):
            continue
        kind = _TYPE.search(attributes)
        kind_value = next((g for g in kind.groups() if g is not None), "") if kind else ""
        if kind_value.strip().lower() not in _JAVASCRIPT_TYPES:
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy_text(policy: dict[str, tuple[str, ...]], script_hashes: list[str]) -> str:
    parts = []
    for directive, sources in policy.items():
        if directive == "script-src":
            sources = (*sources, *script_hashes)
        parts.append(" ".join((directive, *sources)))
    return "; ".join(parts)


def with_policy(page: str, policy: dict[str, tuple[str, ...]] | None = None) -> str:
    """`page` with a Content-Security-Policy <meta> as the first thing after its charset.

    The policy covers only what comes after it in the document, so it goes
    before every script and stylesheet; a policy already there is replaced.
    """
    policy = SITE_POLICY if policy is None else policy
    page = _EXISTING.sub("", page)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_text(policy, inline_script_hashes(page))}">'
    head = _HEAD.search(page)
    if head is None:
        raise ValueError("siden har ingen <head>")
    # After the charset, which browsers look for in the first 1,024 bytes,
    # unless something that loads or runs comes before it.
    charset = _CHARSET.search(page, head.end())
    at = charset.end() if charset and not _LOADS.search(page, head.end(), charset.start()) else head.end()
    return page[:at] + meta + page[at:]
