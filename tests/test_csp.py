"""The Content Security Policy a built page carries (archive/safety/csp.py).

tests/browser/test_csp.py shows in Chromium that no page breaks it and that
an injected script is refused; here, what the function writes.
"""

from __future__ import annotations

import base64
import hashlib

import pytest

from archive.safety.csp import GITHUB_API, SITE_POLICY, admin_policy, inline_script_hashes, policy_text, with_policy


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


PAGE = """<!doctype html>
<html lang="nb"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<script>var a = "æ";</script>
<script id="__config" type="application/json">{"x": 1}</script>
<script src="assets/site.js"></script>
<script type="module">import "./b.js";</script>
<script>var a = "æ";</script>
</head><body><p>Tekst</p><script>
  document.body.dataset.ok = 1;
</script></body></html>"""


def _meta(page: str) -> str:
    start = page.index('<meta http-equiv="Content-Security-Policy" content="') + len('<meta http-equiv="Content-Security-Policy" content="')
    return page[start : page.index('">', start)]


def test_each_inline_script_that_runs_is_allowed_by_its_hash_once():
    hashes = inline_script_hashes(PAGE)
    # Hashed exactly as written between the tags, as UTF-8; JSON and src scripts need none.
    assert hashes == [sha('var a = "æ";'), sha('import "./b.js";'), sha("\n  document.body.dataset.ok = 1;\n")]


def test_the_policy_goes_right_after_the_charset_before_anything_loads():
    page = with_policy(PAGE)
    assert page.index('<meta charset="utf-8">') < page.index("Content-Security-Policy") < page.index("<script")
    meta = page[page.index('<meta http-equiv="Content-Security-Policy"') : page.index('<meta name="viewport"')].rstrip("\n")
    assert page.replace(meta, "") == PAGE  # nothing else changed


def test_the_site_policy_names_no_other_host_and_no_inline_script_but_its_own():
    policy = _meta(with_policy(PAGE))
    directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
    assert directives["script-src"][:2] == ["'self'", "'wasm-unsafe-eval'"]
    assert set(directives["script-src"][2:]) == set(inline_script_hashes(PAGE))
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    assert directives["default-src"] == ["'self'"] and directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'self'"]
    assert "http" not in policy


def test_a_policy_already_there_is_replaced_so_finishing_twice_changes_nothing():
    once = with_policy(PAGE)
    assert with_policy(once) == once
    assert once.count("Content-Security-Policy") == 1


def test_a_charset_after_a_script_does_not_let_the_script_escape_the_policy():
    page = "<html><head><script>x()</script><meta charset='utf-8'></head><body></body></html>"
    secured = with_policy(page)
    assert secured.index("Content-Security-Policy") < secured.index("<script>")


def test_a_page_without_a_charset_gets_the_policy_first_in_its_head():
    secured = with_policy("<html><head><title>T</title></head><body></body></html>")
    assert secured.startswith('<html><head><meta http-equiv="Content-Security-Policy"')


def test_a_page_without_a_head_is_refused():
    with pytest.raises(ValueError, match="<head>"):
        with_policy("<p>bare tekst</p>")


def test_the_forms_policy_allows_githubs_api_and_nothing_else_of_githubs():
    policy = admin_policy()
    assert policy["connect-src"] == ("'self'", "data:", GITHUB_API)
    assert policy["img-src"] == ("'self'", "data:", "blob:", "https://avatars.githubusercontent.com")
    assert "'unsafe-inline'" not in policy["script-src"]
    hosts = {source for sources in policy.values() for source in sources if "://" in source}
    assert hosts == {GITHUB_API, "https://avatars.githubusercontent.com"}


def test_the_forms_policy_follows_another_api_root_to_its_origin_only():
    policy = admin_policy("http://127.0.0.1:4321/api/v3")
    assert policy["connect-src"] == ("'self'", "data:", "http://127.0.0.1:4321")
    assert policy["img-src"][-1] == "http://127.0.0.1:4321"


def test_an_api_root_that_is_no_address_is_refused_in_norwegian():
    with pytest.raises(ValueError, match="ingen nettadresse"):
        admin_policy("api.github.com")


def test_policy_text_lists_every_directive_once():
    text = policy_text(SITE_POLICY, ["'sha256-x'"])
    names = [part.split()[0] for part in text.split("; ")]
    assert names == list(SITE_POLICY) and len(set(names)) == len(names)
    assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-x'" in text
