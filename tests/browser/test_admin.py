"""The secretary's web form (admin/), used as someone who has never used git would.

The form is built as the site builds it (archive/admin/build.py, the bundle
from `make admin`), pointed at a stand-in for GitHub's API on 127.0.0.1
(tests/github_mock.py) that holds a small archive of its own in a real git
repository. A secretary opens the form, signs in with a token, fills in a
meeting by picking people from the list and typing the minutes, and saves:
the stand-in records the branch, the commit and the pull request, and the
minutes file in that pull request validates with scripts/validate.py on a
copy of the archive at that branch. No data file is changed, and no request
leaves 127.0.0.1 (the watched tab aborts and reports any). Before sign-in the
form asks nothing of GitHub at all.

At 1280 and 390 px, with screenshots in test-artifacts/screenshots/ of the
sign-in page, the filled form and the saved draft.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from github_mock import NARROW, GitHubMock
from local_browser import served
from sitebuild import ensure_admin_bundle

from archive.admin.build import write_form

from .checks import axe_violations, describe, small_targets
from .conftest import ROOT, WIDTHS, open_watched, screenshot

MINIMAL_REPO = ROOT / "tests" / "samples" / "minimal_repo"
TOKEN = "github_pat_gyldig"
EXPIRED_TOKEN = "github_pat_utlopt"
REPO = "osloregionen/referater"

# What the data files hold beyond what the form knows: comments, blank lines,
# and a true/false field. The form must leave every byte of them alone.
EXTRA_PERSON = """
# Skrivemåten er ikke bekreftet; se merknaden.
- id: unni-usikker
  navn: Unni Usikker
  navn_bekreftet: false
  merknad: Navnet er lest fra et skannet referat.
"""

# A meeting known only from other minutes: re-saving it must keep `referat_i_arkivet: false`.
KNOWN_ONLY = """---
gruppe: testgruppen
dato: 2024-11-20
status: godkjent
referat_i_arkivet: false
---

Referatet fra dette møtet finnes ikke i arkivet.
"""


@dataclass
class World:
    mock: GitHubMock
    url: str  # the form's address
    source: Path  # the archive the stand-in was made from


@pytest.fixture()
def world(tmp_path):
    ensure_admin_bundle()
    source = tmp_path / "arkiv"
    shutil.copytree(MINIMAL_REPO, source)
    people = source / "data" / "personer.yaml"
    people.write_text(people.read_text(encoding="utf-8") + EXTRA_PERSON, encoding="utf-8")
    (source / "docs/moter/testgruppen/2024-11-20.md").write_text(KNOWN_ONLY, encoding="utf-8")
    # The token has the narrowest rights the guide asks for; the stand-in refuses anything more.
    mock = GitHubMock(source, tmp_path, owner="osloregionen", name="referater", tokens={TOKEN: NARROW})
    with mock.serving():
        site = tmp_path / "site"
        write_form(ROOT / "build" / "admin-bundle", site / "admin", ROOT / "admin", repo=REPO, api_root=mock.url)
        with served(site) as url:
            yield World(mock, url + "admin/", source)


@pytest.fixture()
def tab_at(browser):
    """A watched tab at a width by name, in a fresh context (no token kept from another test)."""
    opened = []

    def make(width: str):
        context = browser.new_context(viewport=WIDTHS[width], locale="nb-NO", device_scale_factor=1, has_touch=width == "telefon")
        context.set_default_timeout(20_000)
        page = open_watched(context)
        opened.append((context, page))
        return page

    yield make
    problems = [problem for _, page in opened for problem in page.watch.problems()]
    for context, _ in opened:
        context.close()
    assert problems == []


def sign_in(page, world: World, token: str) -> None:
    page.goto(world.url, wait_until="load")
    page.get_by_role("button", name="Sign In Using Access Token").click()
    page.get_by_role("textbox").fill(token)
    page.keyboard.press("Enter")


def pick(page, field: str, names: list[str], hint: str) -> None:
    """Choose `names` in the list under `field`, as a person does: open it, click each name."""
    for name in names:
        page.get_by_role("combobox", name=field, exact=True).click()
        page.get_by_role("option", name=name, exact=True).click()
        # Closing the list: a click on the field's help text, out of the way.
        page.get_by_text(hint).click()


def reach(page, locator):
    """`locator`, once the editor has drawn it: Sveltia draws fields as they scroll into view."""
    for _ in range(40):
        if locator.count():
            locator.scroll_into_view_if_needed()
            return locator
        box = page.get_by_role("group", name="Content Editor").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(100)
    raise AssertionError(f"the form never showed {locator}")


def minutes_body(date: dt.date) -> str:
    return (
        "## 1. Godkjenning av innkalling og dagsorden\n"
        "\n"
        "Vedtak: Godkjent.\n"
        "\n"
        "## 2. Grønn omstilling\n"
        "\n"
        "Satsingsområde: Grønn omstilling\n"
        "\n"
        "Arbeidsgruppen la fram planen *for første gang*.\n"
        "\n"
        f"- [ ] Sende planen til medlemmene. Ansvar: Per Hansen. Frist: {date.day}. {('januar februar mars april mai juni juli august september oktober november desember'.split())[date.month - 1]} {date.year}.\n"
        "- [x] Booke rom. Ansvar: Kari Nordmann.\n"
        "\n"
        "## 3. Eventuelt\n"
        "\n"
        "Ingen saker.\n"
    )


def wait_until(page, condition, seconds: float = 20) -> None:
    """Until the stand-in has seen what the form does in the background."""
    for _ in range(int(seconds * 10)):
        if condition():
            return
        page.wait_for_timeout(100)
    raise AssertionError("the form did not get there")


def validate(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--rot", str(root)], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_a_secretary_writes_minutes_and_the_form_opens_a_pull_request(tab_at, world, tmp_path, axe_source, width):
    page = tab_at(width)
    mock = world.mock
    date = dt.date.today() - dt.timedelta(days=14)
    page.goto(world.url, wait_until="load")
    page.get_by_role("button", name="Sign In Using Access Token").wait_for()
    page.wait_for_load_state("networkidle")
    help_box = page.locator("#skjema-hjelp")
    assert help_box.is_visible() and "nøkkelen (token)" in help_box.inner_text()
    assert mock.requests == [], "nothing is asked of GitHub before sign-in"
    assert small_targets(page) == []
    violations = axe_violations(page, axe_source)
    assert violations == [], describe(violations)
    screenshot(page, f"skjema-1-innlogging-{width}", full_page=False)

    sign_in(page, world, TOKEN)
    # The minutes' collection (a phone shows the list of collections first), then a new entry.
    page.get_by_role("treeitem", name="Referater").click()
    page.get_by_role("button", name="Create New Entry").click()
    pick(page, "Gruppe", ["Testgruppen"], "Gruppen som holdt møtet.")
    page.get_by_role("textbox", name="Dato", exact=True).fill(date.isoformat())
    page.get_by_role("textbox", name="Start").fill("13:00")
    page.get_by_role("textbox", name="Slutt").fill("15:30")
    page.get_by_role("textbox", name="Sted").fill("Rådhuset, 2. etasje")
    page.get_by_role("radio", name="Avholdt – referatet er et utkast").check()
    pick(page, "Møteleder", ["Ola Nordmann"], "Den som ledet møtet.")
    pick(page, "Referent", ["Kari Nordmann"], "Den som skrev referatet.")
    pick(page, "Til stede", ["Per Hansen", "Unni Usikker"], "Alle som var i rommet")
    body = minutes_body(date + dt.timedelta(days=30))
    reach(page, page.get_by_role("textbox", name="Referatet")).fill(body)
    screenshot(page, f"skjema-2-utfylt-{width}", full_page=False)
    violations = axe_violations(page, axe_source)
    assert violations == [], describe(violations)
    assert small_targets(page) == []
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("button", name="Send for Review").click()
    wait_until(page, lambda: mock.pulls and not mock.pulls[0].draft)
    # The board of pull requests (the editor has closed by itself): the new minutes wait for review.
    page.get_by_role("radio", name="Editorial Workflow").click()
    page.get_by_text(date.isoformat()).first.wait_for()
    page.wait_for_load_state("networkidle")
    screenshot(page, f"skjema-3-til-godkjenning-{width}", full_page=False)

    # The stand-in saw one branch, one commit with one new file, and a pull request from it to main.
    path = f"docs/moter/testgruppen/{date.isoformat()}.md"
    (commit,) = mock.commits
    assert (commit.added, commit.deleted, commit.parent) == ([path], [], mock.initial)
    assert mock.refs_created == [commit.branch] and commit.branch.startswith("cms/")
    (pull,) = mock.pulls
    assert (pull.head, pull.base, pull.state) == (commit.branch, "main", "open")
    assert path in pull.title
    # Sent for review: no longer a draft, labelled for review.
    assert pull.draft is False and any(label.endswith("pending_review") for label in pull.labels)
    assert mock.git.head("main") == mock.initial, "nothing reaches main without review"
    assert mock.refused == [], "the token's narrow rights were enough"

    # The file: the facts as picked and typed, the time unquoted, the body exactly as typed.
    files = mock.files_on(commit.branch)
    text = files[path].decode("utf-8")
    front, typed = text.removeprefix("---\n").split("\n---\n", 1)
    assert typed.lstrip("\n") == body
    assert "start: 13:00\n" in front and "slutt: 15:30\n" in front
    facts = yaml.safe_load(front)
    assert facts["gruppe"] == "testgruppen" and facts["dato"] == date and facts["status"] == "utkast"
    assert (facts["møteleder"], facts["referent"], facts["tilstede"]) == ("Ola Nordmann", "Kari Nordmann", ["Per Hansen", "Unni Usikker"])
    assert not any(isinstance(value, bool) for value in facts.values()), "no true/false field is written"

    # No data file changed, byte for byte: comments, blank lines and navn_bekreftet stay.
    original = {p.relative_to(world.source).as_posix(): p.read_bytes() for p in (world.source / "data").iterdir()}
    assert {k: v for k, v in files.items() if k.startswith("data/")} == original
    assert not [p for c in mock.commits for p in c.added + c.deleted if not p.startswith("docs/moter/")]

    # The pull request's files validate, with the project's own validator, on a copy at that branch.
    checked = validate(mock.export(commit.branch, tmp_path / "kopi"))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith("Alt i orden: 3 møter")


def test_saving_a_meeting_again_keeps_what_the_form_does_not_show(tab_at, world, tmp_path):
    """`referat_i_arkivet: false` is a true/false field the form leaves out; a save must keep it."""
    page = tab_at("desktop")
    sign_in(page, world, TOKEN)
    page.get_by_role("row", name="2024-11-20").click()
    page.get_by_role("textbox", name="Sted").fill("Rådhuset")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("button", name="Later").click()
    wait_until(page, lambda: world.mock.pulls)
    (commit,) = world.mock.commits
    text = world.mock.files_on(commit.branch)["docs/moter/testgruppen/2024-11-20.md"].decode("utf-8")
    assert "referat_i_arkivet: false\n" in text and "sted: Rådhuset\n" in text
    assert validate(world.mock.export(commit.branch, tmp_path / "kopi")).returncode == 0


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_an_expired_token_gets_a_clear_message_in_norwegian(tab_at, world, width):
    page = tab_at(width)
    page.watch.expected_missing.add(world.mock.url + "/user")
    sign_in(page, world, EXPIRED_TOKEN)
    message = page.get_by_role("alert").filter(has_text="GitHub godtok ikke nøkkelen")
    message.wait_for()
    page.get_by_text("The provided token is invalid").wait_for()
    page.get_by_role("dialog").wait_for(state="hidden")
    assert "utløpt" in message.inner_text()
    guide_link = message.get_by_role("link", name="Slik lager du en ny nøkkel")
    assert (guide_link.get_attribute("href"), guide_link.get_attribute("target")) == ("../veiledning/#skjemaet-for-referater", "_blank")
    screenshot(page, f"skjema-utlopt-nokkel-{width}", full_page=False)
    assert world.mock.rejected_tokens == [EXPIRED_TOKEN]
    assert world.mock.commits == [] and world.mock.pulls == []
    # Signing in again with a good token takes the message away.
    page.get_by_role("button", name="Sign In Using Access Token").click()
    page.get_by_role("textbox").fill(TOKEN)
    page.keyboard.press("Enter")
    page.get_by_role("treeitem", name="Referater").wait_for()
    assert message.is_hidden()
    # Chromium logs the refused request as a console error; the watch knows it was expected.
    page.watch.console_errors[:] = [e for e in page.watch.console_errors if "token" not in e.lower() and "401" not in e]
