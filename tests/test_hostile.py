"""Hostile input (issue 8): nothing runs at build time, no script reaches a reader,
nothing from outside is published, no small file stalls or crashes the tools.

The corpus is tests/samples/hostile/ (see tests/hostile_corpus.py):

- every refused case goes through the real validator, which must exit 1 with
  exactly the expected Norwegian lines (file, and line where there is one),
  no traceback; a sample goes through the real build on both engines, which
  must stop with the same lines and publish nothing;
- the Markdown of every refused case, rendered anyway, comes out clean: the
  sanitiser does not rely on the validator;
- the harmless cases validate one by one, and all of them together are built
  for real with MkDocs and with Zensical; the built pages are parsed (not
  grepped) and must carry no event handler, no script address, no script but
  the site's own (the same as a clean build's), no <base>, refresh, frame,
  object or form of their own, and must show the hostile text as typed, with
  no template evaluated and nothing from outside the repository in the pages,
  the search index or the exports.

Timing is measured by hand (see the report of issue 8), not here.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from _helpers import ROOT, run_script
from bs4 import BeautifulSoup
from hostile_corpus import CANARY, GENERATORS, HARMLESS, REFUSED, case_names, make_outside, repository_with
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from sitebuild import build_site, strict_build, with_project_code

REFUSED_CASES = case_names(REFUSED)
HARMLESS_CASES = case_names(HARMLESS)
ENGINES = ("mkdocs", "zensical")

# The class of a case is the first word of its name.
CLASSES = {
    "build": "code at build time",
    "script": "script in readers' browsers",
    "outside": "files from outside",
    "stall": "small inputs that stall or crash",
    "small": "smaller findings",
}

# A template that ran would have written one of these.
EVALUATED = ["6170", "uid=", "gjentattgjentatt", "HVISHVIS"]
# /etc/passwd's first line on every Linux.
PASSWD = "root:x:0:"


def _class(case: str) -> str:
    return case.split("-", 1)[0]


def test_the_corpus_covers_every_class():
    counts = {name: sum(_class(c) == name for c in REFUSED_CASES) for name in CLASSES}
    assert all(_class(case) in CLASSES for case in REFUSED_CASES)
    assert counts["build"] >= 8 and counts["script"] >= 35 and counts["outside"] >= 15 and counts["stall"] >= 20 and counts["small"] >= 8, counts
    assert len(HARMLESS_CASES) >= 10
    for case in REFUSED_CASES:
        assert (REFUSED / case / "expected.txt").read_text(encoding="utf-8").strip(), case
    for folder in [*(REFUSED / c for c in REFUSED_CASES), *(HARMLESS / c for c in HARMLESS_CASES)]:
        made = folder / "create.json"
        for entry in json.loads(made.read_text(encoding="utf-8")) if made.exists() else []:
            assert "generate" not in entry or entry["generate"] in GENERATORS, (folder.name, entry)


# -- refused: the validator ---------------------------------------------------------


def _refused_repository(tmp_path: Path, case: str) -> Path:
    outside = make_outside(tmp_path / "utenfor")
    return repository_with([REFUSED / case], tmp_path / "repo", outside, add_records=False)


_PROBLEM_LINE = re.compile(r"^(?:data|docs|pages)(?:/.+?)?(?::\d+)?: \S")
# Words an English message would have and a Norwegian one does not.
_ENGLISH = re.compile(r"\b(?:the|error|invalid|not allowed|found|expected|Exception|Error)\b")


@pytest.mark.parametrize("case", REFUSED_CASES)
def test_the_validator_refuses_with_file_line_and_norwegian_message(tmp_path, case):
    root = _refused_repository(tmp_path, case)
    result = run_script("validate.py", "--rot", str(root))
    expected = (REFUSED / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr == ""  # no traceback, no «uventet feil»
    printed = result.stdout.splitlines()
    assert printed[:-1] == expected
    assert re.match(r"^Fant \d+ feil i \d+ fil(er)?\.$", printed[-1])
    for line in expected:
        assert _PROBLEM_LINE.match(line), line
        own_words = re.sub(r"«[^»]*»", "", _PROBLEM_LINE.sub("", line))  # without the file's text it quotes
        assert not _ENGLISH.search(own_words), line
        assert line.isprintable(), line  # an odd file name is shown with its codes, never raw
    assert CANARY not in result.stdout and PASSWD not in result.stdout


# A sample that covers each way in: a link to /etc/passwd, a linked image, a
# link to a folder outside, docs/ itself a link, a script, an alias bomb, a
# template in a page under moter/.
BUILD_SAMPLE = [
    "outside-link-to-etc-passwd",
    "outside-link-image",
    "outside-link-to-folder-outside",
    "outside-docs-folder-is-a-link",
    "script-tag",
    "stall-yaml-alias-bomb-front-matter",
    "build-template-in-page-under-moter",
]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("case", BUILD_SAMPLE)
def test_the_build_refuses_the_same_and_publishes_nothing(tmp_path, case, engine):
    archive = _refused_repository(tmp_path, case)
    root = with_project_code(archive, tmp_path / "project")
    for name in ("data", "docs", "pages"):
        if (archive / name).is_symlink():  # copytree copies what a linked folder holds; keep the link itself
            shutil.rmtree(root / name, ignore_errors=True)
            (root / name).symlink_to(os.readlink(archive / name))
        elif name == "pages" and (archive / name).exists():  # the case's files in pages/ go over the project's own
            shutil.copytree(archive / name, root / name, symlinks=True, dirs_exist_ok=True)
    site = tmp_path / "site"
    result = build_site(root, site, engine)
    expected = (REFUSED / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[: len(expected)] == expected
    assert not site.exists() and not (root / "site").exists()
    assert not (root / "build").exists()  # not even the engine's sources were written


def test_a_closed_pipe_ends_the_validator_quietly(tmp_path):
    root = _refused_repository(tmp_path, "stall-control-character-escapes")
    for reader in ("head -1", "head -c 0"):
        result = subprocess.run(
            ["bash", "-c", f'"{sys.executable}" scripts/validate.py --rot "{root}" | {reader}; exit "${{PIPESTATUS[0]}}"'],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert "Traceback" not in result.stderr and "BrokenPipeError" not in result.stderr
        assert result.returncode in (1, 141), result  # refused, or ended by SIGPIPE as Unix tools are


# -- refused: the sanitiser alone -------------------------------------------------------


def assert_clean(html: str, where: str, own_scripts: set[str] | None = None, page_url: str = "") -> None:
    """No way for script or a foreign page into what a reader's browser gets."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(True):
        name = element.name.lower()
        assert name not in {"base", "iframe", "frame", "frameset", "object", "embed", "applet", "portal"}, (where, str(element)[:200])
        if name == "meta":
            # Only the build's own Content Security Policy, in the head (archive/safety/csp.py); a refresh or anything else from content fails.
            equiv = {a.lower(): str(v) for a, v in element.attrs.items()}.get("http-equiv")
            assert equiv is None or (equiv == "Content-Security-Policy" and element.parent.name == "head"), (where, str(element)[:200])
        if name == "form":
            action = element.get("action", "")
            assert not re.match(r"^\s*(?:[a-z][a-z0-9+.-]*:|//|\\\\)", action, re.IGNORECASE), (where, str(element)[:200])
        if name == "script":
            assert own_scripts is not None and _script_key(element, page_url) in own_scripts, (where, str(element)[:300])
        for attribute, value in element.attrs.items():
            key = attribute.lower()
            text = " ".join(value) if isinstance(value, list) else str(value)
            assert not key.startswith("on"), (where, key, str(element)[:200])
            assert key not in {"srcdoc", "formaction", "style"} or name not in {"iframe", "button", "input"}, (where, str(element)[:200])
            if key in {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset", "srcdoc"}:
                plain = re.sub(r"[\x00-\x20]", "", text).lower()
                assert not plain.startswith(("javascript:", "vbscript:", "data:")), (where, key, text[:100])
            if name == "img" and key == "src":
                assert not re.match(r"^\s*(?:[a-z][a-z0-9+.-]*:|//|\\\\)", text, re.IGNORECASE), (where, text[:100])
            if key == "style":
                assert "expression" not in text.lower() and "javascript" not in text.lower(), (where, text[:100])


def _markdown_files(case: str) -> list[tuple[str, str]]:
    files = []
    for path in sorted((REFUSED / case).rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        match = re.match(r"^---\n.*?\n---\n", text, re.DOTALL)
        files.append((path.relative_to(REFUSED / case).as_posix(), text[match.end() :] if match else text))
    return files


RENDERED_CASES = [case for case in REFUSED_CASES if _class(case) in ("script", "build") and _markdown_files(case)]


@pytest.mark.parametrize("case", RENDERED_CASES)
def test_refused_markdown_rendered_anyway_is_clean(case):
    """Were the validator skipped, the renderer's sanitiser alone keeps the page safe."""
    from archive.safety.markdown import render_inline, render_markdown

    for name, body in _markdown_files(case):
        src = name.split("/", 1)[1]  # below docs/ or pages/
        assert_clean(render_markdown(body, src, src), f"{case}: {name}")
        for line in body.splitlines():
            assert_clean(render_inline(line), f"{case}: {name}: {line[:60]}")


def test_there_is_refused_markdown_for_every_way_of_writing_script():
    assert len(RENDERED_CASES) >= 35


# -- harmless: each alone, then all together through real builds -------------------------


@pytest.mark.parametrize("case", HARMLESS_CASES)
def test_harmless_case_passes_the_validator_alone(tmp_path, case):
    outside = make_outside(tmp_path / "utenfor")
    root = repository_with([HARMLESS / case], tmp_path / "repo", outside, add_records=True)
    result = run_script("validate.py", "--rot", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Alt i orden")


def _build(tmp_path_factory, cases: list[Path], engine: str, name: str) -> Path:
    base = tmp_path_factory.mktemp(name)
    outside = make_outside(base / "utenfor")
    archive = repository_with(cases, base / "archive", outside, add_records=True)
    root = with_project_code(archive, base / "project")
    return strict_build(root, base / "site", engine)


def _script_key(element, page_url: str) -> str:
    """What identifies one of the site's scripts, the same on every page: the file
    it loads, resolved against the page, or its text with the page's relative
    path to the root taken out."""
    if element.get("src"):
        src = element["src"]
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//", src, re.IGNORECASE):
            return "foreign " + src
        path = src if src.startswith("/") else "/" + page_url + src
        parts: list[str] = []
        for part in path.split("?")[0].split("/"):
            if part == "..":
                parts = parts[:-1]
            elif part not in ("", "."):
                parts.append(part)
        return "src /" + "/".join(parts)
    text = element.get_text()
    text = re.sub(r'"(?:\.\.?/?)+"|"/"|\\"(?:\.\.?/?)+\\"', '"ROOT"', text)
    text = re.sub(r"\(\s*\"ROOT\"\s*,", '("ROOT",', text)
    return "inline " + hashlib.sha256(re.sub(r"\s+", " ", text).encode("utf-8")).hexdigest()


def _pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        if SEARCH_INDEX in path.relative_to(site).parts:
            continue
        url = path.relative_to(site).parent.as_posix()
        yield path, "" if url == "." else url + "/"


SEARCH_INDEX = "pagefind"


def _scripts_of(site: Path) -> set[str]:
    found = set()
    for path, url in _pages(site):
        for element in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all("script"):
            found.add(_script_key(element, url))
    return found


@pytest.fixture(scope="module", params=ENGINES)
def built(request, tmp_path_factory):
    """(engine, the harmless archive's site, the scripts of a clean build with the same engine)."""
    engine = request.param
    clean = _build(tmp_path_factory, [], engine, f"clean-{engine}")
    site = _build(tmp_path_factory, [HARMLESS / case for case in HARMLESS_CASES], engine, f"hostile-{engine}")
    return engine, site, _scripts_of(clean)


def _all_text(site: Path) -> dict[str, str]:
    """Every file of the site as text, the search index's compressed files unpacked."""
    texts = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.parent.name in ("fragment", "index", "filter") and SEARCH_INDEX in path.parts:
            data = gzip.decompress(data)
        texts[path.relative_to(site).as_posix()] = data.decode("utf-8", "replace")
    return texts


def test_no_page_carries_script_of_the_minutes(built):
    engine, site, own_scripts = built
    checked = 0
    for path, url in _pages(site):
        assert_clean(path.read_text(encoding="utf-8"), f"{engine}: {url or '/'}", own_scripts, url)
        checked += 1
    assert checked >= 30


def test_the_clean_build_has_scripts_to_compare_with(built):
    engine, site, own_scripts = built
    assert any(key.startswith("src /assets/javascripts/site.js") for key in own_scripts), own_scripts


def test_no_template_was_evaluated_anywhere(built):
    engine, site, _ = built
    for name, text in _all_text(site).items():
        for result in EVALUATED:
            assert result not in text, (engine, name, result)


def _text_of(site: Path, url: str) -> str:
    """The text of a page; of a paged list, the text of all its pages (side-2/ …)."""
    texts = []
    for path in [site / url / "index.html", *sorted((site / url).glob("side-*/index.html"))]:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        texts.append((soup.find("article") or soup).get_text(" "))
    return "\n".join(texts)


def _heading_texts(site: Path, url: str) -> list[str]:
    soup = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    for link in soup.select(".headerlink"):
        link.decompose()
    return [h.get_text() for h in soup.select("article h1, article h2, article h3")]


# (page, text that must stand on it as typed). Text from data and front matter is
# text; minutes' bodies are Markdown, so there only what has no Markdown in it
# («__init__» is bold there, as on GitHub) stands character for character.
SHOWN_AS_TYPED = [
    ("kontakter/fiendtlig-skript", "<script>alert('navn')</script> Skript Person"),
    ("kontakter/fiendtlig-skript", "{: onfocus=alert(1) autofocus } rolle"),
    ("kontakter/fiendtlig-skript", "<img src=x onerror=alert('rolle')>"),
    ("kontakter/fiendtlig-mal", "Mal {{ 1234*5 }} Person"),
    ("kontakter/fiendtlig-attributt", "Attr {: onmouseover=alert(2) } Liste"),
    ("kontakter/fiendtlig-lenke", "[lenke](javascript:alert('navn-lenke'))"),
    ("grupper", "Gruppe {: #x onfocus=alert(4) autofocus tabindex=1 }"),
    ("grupper/fiendtlig-gruppe", "Gruppe {: #x onfocus=alert(4) autofocus tabindex=1 }"),
    ("grupper/fiendtlig-gruppe", "<iframe srcdoc='<script>alert(5)</script>'></iframe>"),
    ("satsingsomrader/fiendtlig-omrade", "{% include '/etc/passwd' %}"),
    ("klynger", "<style>body{display:none}</style>"),
    ("kalender", "</script><script>alert('arrangement')</script> {{ 1234*5 }}"),
    ("moter/testgruppen/2025-03-03", "{{ 1234*5 }}"),
    ("moter/testgruppen/2025-03-03", "{% if true %}HVIS{% endif %}"),
    ("moter/testgruppen/2025-03-03", "{{ config.site_name }} {{ page.title }}"),
    ("moter/testgruppen/2025-03-04", "Rådhuset {: onfocus=alert(1) autofocus }"),
    ("moter/testgruppen/2025-03-04", "Vedtatt {: onclick=alert(5) }"),
    ("moter/testgruppen/2025-03-05", "<script>alert('kode')</script>"),
    ("moter/testgruppen/2025-03-05", "<script>alert('escapet')</script>"),
    ("moter/testgruppen/2025-03-05", "<script>alert('entitet')</script>"),
    ("moter/testgruppen/2025-03-05", "<img src=x onerror=alert('vedlegg')>"),
    ("moter/testgruppen/2025-03-06", '<img/src="x"/onerror=alert(1)>'),
    ("om-arkivet", "{% if true %}HVIS{% endif %}"),
    ("om-kommentarer", "Tekst etter markøren."),
    # Backticks that open no fence on GitHub swallow nothing: the item after them reaches the registers.
    ("vedtak/2025", "Budsjettet etter kodeblokkene er vedtatt."),
    ("oppfolging", "Sende budsjettet etter kodeblokkene."),
]


@pytest.mark.parametrize(("url", "text"), SHOWN_AS_TYPED)
def test_hostile_text_stands_on_the_page_as_typed(built, url, text):
    engine, site, _ = built
    assert text in _text_of(site, url), (engine, url)


# (page, heading as typed): headings pass through the engine's Markdown, attribute lists and all.
HEADINGS_AS_TYPED = [
    ("moter/testgruppen/2025-03-04", "1. Tittel {: #sak onfocus=alert(3) autofocus tabindex=1 }"),
    ("moter/testgruppen/2025-03-04", "2. Andre {: .md-button onclick=alert(7) }"),
    ("moter/testgruppen/2025-03-05", "1. <b onclick=\"alert('tittel')\">Tittel</b> <script>alert('tittel')</script>"),
    ("moter/testgruppen/2025-03-03", "1. Sak om {{ 1234*5 }} og {% include 'x' %}"),
    ("kontakter/fiendtlig-skript", "<script>alert('navn')</script> Skript Person"),
    ("kontakter/fiendtlig-hover", "Hover Person { onmouseover=alert('hover') }"),
    ("kontakter/fiendtlig-fokus", "Fokus Person {: tabindex=0 onfocus=alert('fokus') }"),
]


@pytest.mark.parametrize(("url", "heading"), HEADINGS_AS_TYPED)
def test_headings_show_attribute_lists_and_markup_as_typed(built, url, heading):
    engine, site, _ = built
    assert heading in _heading_texts(site, url), (engine, url, _heading_texts(site, url))


def test_titles_and_descriptions_are_text(built):
    engine, site, _ = built
    soup = BeautifulSoup((site / "om-arkivet" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title.get_text().startswith("Om {{ 1234*5 }} <script>alert('tittel')</script>")
    assert soup.find("meta", attrs={"name": "description"})["content"] == '{: onfocus=alert(1) autofocus } " onmouseover="alert(2)'


def test_a_title_taken_from_a_heading_is_text(built):
    """A page without «title:» takes its first heading's text as its title; Zensical
    printed it into <title> unescaped, and «&lt;/title&gt;&lt;img …&gt;» ran script."""
    engine, site, _ = built
    soup = BeautifulSoup((site / "om-overskriften" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title.get_text().startswith("Om </title><img src=x onerror=alert('overskrift')>"), (engine, soup.title)
    assert soup.head.find("img") is None and soup.body.find("img", onerror=True) is None, engine


def test_ids_on_every_page_are_unique_and_the_anchor_clash_is_resolved(built):
    engine, site, _ = built
    for path, url in _pages(site):
        ids = [e["id"] for e in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all(id=True)]
        assert len(ids) == len(set(ids)), (engine, url, sorted(i for i in ids if ids.count(i) > 1))
    data = json.loads((site / "eksport" / "data.json").read_text(encoding="utf-8"))
    meeting = next(m for m in data["moter"] if m["id"] == "testgruppen/2025-03-07")
    keys = [action["nøkkel"] for item in meeting["saker"] for action in item["oppfølging"]]
    assert len(keys) == 5 and len(set(keys)) == 5, keys


def test_ids_written_in_minutes_never_meet_the_sites_own(built):
    """Ids in minutes carry GitHub's prefix: «sak-2» no longer takes agenda item 2's
    anchor, the search script's ids stay its own, and a link to an id written in the
    same minutes still reaches it."""
    engine, site, _ = built
    page = BeautifulSoup((site / "moter" / "testgruppen" / "2025-03-23" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = page.select_one("article")
    written = {e["id"] for e in article.find_all(["h3", "h4"], id=True)}
    assert {"user-content-sak-2", "user-content-site-search-status", "user-content-search-page-results", "user-content-notat"} <= written, (engine, written)
    assert page.find(id="sak-2").name == "h2" and "Den ekte saken 2" in page.find(id="sak-2").get_text(), engine
    hrefs = [a["href"] for a in article.find_all("a", href=True)]
    assert "#user-content-notat" in hrefs and "#user-content-sak-2" in hrefs, (engine, hrefs)
    assert len(page.find_all(id="site-search-status")) <= 1, engine


def test_nothing_from_outside_is_published(built):
    engine, site, _ = built
    for name, text in _all_text(site).items():
        assert CANARY not in text, (engine, name)
        assert PASSWD not in text, (engine, name)
    # The hidden files of the corpus (.skjult.md, .mappe/, .lenke.pdf …) are never pages or files of the site.
    published = [p.relative_to(site).parts for p in site.rglob("*")]
    assert not [parts for parts in published if any(part.startswith(".") or part in ("skjult", "mappe") for part in parts)]


def test_exports_keep_the_text_as_data_and_their_identifiers_clean(built):
    engine, site, _ = built
    export = site / "eksport"
    data = json.loads((export / "data.json").read_text(encoding="utf-8"))
    names = {p["id"]: p["navn"] for p in data["personer"]}
    assert names["fiendtlig-skript"] == "<script>alert('navn')</script> Skript Person"
    assert names["fiendtlig-mal"] == "Mal {{ 1234*5 }} Person"
    calendar = Calendar.from_ical((export / "kalender.ics").read_text(encoding="utf-8"))
    events = calendar.walk("VEVENT")
    assert any(str(e["summary"]).startswith("</script><script>alert('arrangement')</script>") for e in events)
    for event in events:
        assert re.fullmatch(r"[a-z0-9-]+@naeringsgruppen\.osloregionen\.no", str(event["uid"])), str(event["uid"])
        assert re.fullmatch(r"https?://[^\s\"<>]+", str(event["url"])), str(event["url"])
    feed = ET.fromstring((export / "feed.xml").read_bytes())
    atom = "{http://www.w3.org/2005/Atom}"
    for entry in feed.iter(f"{atom}entry"):
        assert re.fullmatch(r"tag:naeringsgruppen\.osloregionen\.no,2025:[a-z0-9/-]+", entry.find(f"{atom}id").text), entry.find(f"{atom}id").text


def test_github_annotations_and_the_job_summary_cannot_be_steered_by_a_file(tmp_path):
    """A file name with a line break cannot print an annotation of its own, and text a
    message quotes from a file stays text in the pull request's job summary."""
    outside = make_outside(tmp_path / "utenfor")
    root = repository_with([REFUSED / "outside-name-line-break", REFUSED / "small-offentlig-names-no-field"], tmp_path / "repo", outside, add_records=False)
    summary = tmp_path / "summary.md"
    result = run_script("validate.py", "--rot", str(root), env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    problems = sum(
        len((REFUSED / case / "expected.txt").read_text(encoding="utf-8").splitlines())
        for case in ("outside-name-line-break", "small-offentlig-names-no-field")
    )
    assert len(annotations) == problems  # one per problem, none made by the file name
    assert all(line.startswith("::error file=") for line in annotations)
    odd = next(line for line in annotations if "falsk" in line)
    assert odd.startswith("::error file=docs/moter/testgruppen/2025-02-15\\n%3A%3Aerror file=x%3A%3Afalsk.md::navnet ")
    text = summary.read_text(encoding="utf-8")
    assert "«&lt;script>»" in text and "<script>" not in text


def test_new_minutes_carry_follow_ups_of_clashing_unnumbered_items_forward(tmp_path):
    """make new-meeting after a meeting with «## Eventuelt» twice and «## Eventuelt 2»:
    every open follow-up gets its own «Fra:», and the new file passes the validator."""
    outside = make_outside(tmp_path / "utenfor")
    root = repository_with([HARMLESS / "minutes-anchor-clash"], tmp_path / "repo", outside, add_records=True)
    made = run_script("new_meeting.py", "--group", "testgruppen", "--date", "2025-05-05", "--rot", str(root))
    assert made.returncode == 0, made.stdout + made.stderr
    text = (root / "docs/moter/testgruppen/2025-05-05.md").read_text(encoding="utf-8")
    carried = re.findall(r"Fra: (testgruppen/2025-03-07#[a-z0-9-]+)\.", text)
    assert len(carried) == 4 and len(set(carried)) == 4, text  # the three unnumbered items' and «## 1-2»'s
    result = run_script("validate.py", "--rot", str(root))
    assert result.returncode == 0, result.stdout


# -- the validator and the sanitiser agree -------------------------------------------

# Pieces of Markdown and HTML that change how the rest is read: tags allowed and
# refused, attributes, quotes, escapes, entities, code, fences, tables, comments.
MARKUP_PIECES = [
    "<",
    ">",
    "<b>",
    "</b>",
    '<a href="https://example.org/">',
    "</a>",
    '<img src="v.png">',
    " onclick=x",
    '"',
    "'",
    "=",
    "`",
    "``",
    "\\",
    "\n",
    "\n\n",
    "    ",
    "- ",
    "> ",
    "[",
    "]",
    "(",
    ")",
    "](",
    "]: ",
    "!",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "<div>",
    "</div>",
    "<pre>",
    "</pre>",
    "&lt;",
    "&#60;",
    "&",
    "javascript:",
    "x",
    " ",
    "<br>",
    "<b ",
    '<i title="a">',
    "<span>",
    "<style>",
    '<h3 id="a">',
    '<h3 id="__x">',
    "```",
    "~~~",
    "|",
    "|-|",
    "*",
    "_",
    "<x-y>",
    "<a:b>",
    "<?x ?>",
    "<!X>",
    "<![CDATA[",
    "]]>",
    "<textarea>",
    "<table>",
    "<td>",
    "<tr>",
    "<p>",
    "</p>",
    "<q>",
    "<svg>",
    "<iframe>",
    "<form>",
    "[a](javascript:x)",
    "![i](//t.example/p.png)",
    "<https://example.org/>",
    "&#60;x ",
    "\\< ",
    "&amp; ",
]
_COMMENT = re.compile(r"<!--(?:>|->|.*?-->)", re.DOTALL)


def _reading(html: str) -> tuple[str, list, list]:
    """What a reader gets from HTML: its words (spacing aside), its attributes, and
    its tags that the sanitiser does not allow (Markdown's own # and ## aside)."""
    from archive.safety.rules import ALLOWED_TAGS

    soup = BeautifulSoup(_COMMENT.sub("", html), "html.parser")
    words = "".join(soup.get_text().split())
    attributes = sorted({(e.name, key) for e in soup.find_all(True) for key in e.attrs if key not in ("rel", "class")})
    refused = sorted({e.name for e in soup.find_all(True)} - ALLOWED_TAGS - {"h1", "h2"})
    return words, attributes, refused


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MARKUP_PIECES), min_size=1, max_size=14).map("".join))
@example("&#60;x <iframe>")
@example("\\< [a](javascript:x) ![i](//t.example/p.png)")
def test_what_the_validator_passes_the_sanitiser_leaves_whole(text):
    """Markdown with no message from the validator loses no word and no attribute to
    the sanitiser: the validator sees what the renderer sees, so nothing written
    disappears from the site without a message. (Found: HTML after an entity and
    more text, «&#60;x <iframe>», was missed by the validator and dropped by the sanitiser.)"""
    from archive.safety.markdown import _clean, _renderer
    from archive.safety.rules import scan_markdown

    messages = []
    scan_markdown(text, 1, lambda line, message: messages.append(message))
    if messages:
        return
    raw = _renderer.render(text)
    clean = str(_clean(raw, "moter/g/m.md", "moter/g/m.md"))
    words, attributes, refused = _reading(raw)
    assert refused == [], (text, raw)
    assert _reading(clean) == (words, attributes, []), (raw, clean)


def test_an_unclosed_pre_does_not_take_the_next_blocks_in():
    """Blocks of one file are rendered in one pass for speed; an HTML block that a
    blank line does not end (an unclosed <pre>) must not swallow the next block's
    Markdown as raw HTML, where the sanitiser would drop its code text."""
    from archive.safety.markdown import render_many

    pre, decision, code = render_many(["<pre>\nFØR", "Vedtak: Godkjent.", "Kode: `<script>x</script>` og **fet**."], "moter/g/m.md", "moter/g/m.md")
    assert "FØR" in pre and "Vedtak: Godkjent." in decision
    assert "<code>&lt;script&gt;x&lt;/script&gt;</code>" in code and "<strong>fet</strong>" in code


def test_lists_and_quotes_as_deep_as_the_validator_allows_are_rendered_whole():
    from archive.safety.markdown import render_markdown
    from archive.safety.rules import report_markdown_shape

    deepest = "".join("  " * level + f"- nivå {level + 1}\n" for level in range(10)) + "\nEtter listen.\n\n" + "> " * 19 + "sitat\n"
    messages = []
    report_markdown_shape(deepest, 1, lambda line, message: messages.append(message))
    assert messages == []
    html = render_markdown(deepest)
    assert "nivå 10" in html and "Etter listen." in html and "sitat" in html


@pytest.mark.parametrize(
    "body",
    [
        "## 1. Eksempel\n\n```\n## 2. Slik skrives en sak\n\nVedtak: eksempel\n```\n\n## 2. Neste\n",  # closed: may show Markdown
        "## 1. Liste\n\n- punkt\n  ```\n  kode\n\n## 2. Neste\n",  # ends with its list item
        "## 1. Sist\n\n```\nkode til slutt\n",  # swallows nothing the site reads
        "## 1. Pre\n\n<pre>\nkode\n</pre>\n\n## 2. Neste\n",
        "## 1. Tilde\n\n~~~~\n```\n## ikke en sak\n~~~~\n\n## 2. Neste\n",
    ],
)
def test_blocks_that_swallow_nothing_are_not_refused(body):
    from archive.safety.rules import report_markdown_shape

    received = []
    report_markdown_shape(body, 7, lambda line, message: received.append((line, message)))
    assert received == []
