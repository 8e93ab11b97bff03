"""The stand-in for GitHub's API (tests/github_mock.py) that the web form's
browser tests run against: it must refuse what GitHub refuses, or those tests
would prove less than they say."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request

import pytest
from github_mock import NARROW, GitHubMock

REPO = "/repos/osloregionen/referater"


def create_ref(name: str, oid: str) -> dict:
    return {
        "query": "mutation($input: CreateRefInput!) { createRef(input: $input) { ref { name } } }",
        "variables": {"input": {"repositoryId": "R_1", "name": name, "oid": oid}},
    }


@pytest.fixture()
def mock(tmp_path):
    source = tmp_path / "arkiv"
    (source / "data").mkdir(parents=True)
    (source / "data" / "personer.yaml").write_text("# Kommentar\n- id: a\n  navn: A\n", encoding="utf-8")
    stand_in = GitHubMock(source, tmp_path, tokens={"smal": NARROW, "med-saker": {**NARROW, "issues": "read"}})
    with stand_in.serving():
        yield stand_in


def ask(mock, method: str, path: str, token: str = "smal", body: dict | None = None) -> tuple[int, object]:
    url = mock.origin + ("/graphql" if path == "graphql" else "/api/v3" + path)
    request = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Authorization", f"token {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def test_an_unknown_or_expired_token_is_bad_credentials(mock):
    status, body = ask(mock, "GET", "/user", token="utlopt")
    assert (status, body["message"]) == (401, "Bad credentials")
    assert mock.rejected_tokens == ["utlopt"]


def test_the_narrow_token_may_not_read_issues_but_may_label_pull_requests(mock):
    head = mock.git.head("main")
    ask(mock, "POST", "graphql", body=create_ref("refs/heads/cms/x", head))
    status, pull = ask(mock, "POST", f"{REPO}/pulls", body={"title": "T", "head": "cms/x", "base": "main", "draft": True})
    assert status == 201 and pull["draft"] is True
    assert ask(mock, "POST", f"{REPO}/issues/{pull['number']}/labels", body={"labels": ["sveltia-cms/draft"]})[0] == 200
    assert ask(mock, "GET", f"{REPO}/issues/{pull['number']}")[0] == 403
    assert ask(mock, "GET", f"{REPO}/issues/{pull['number']}", token="med-saker")[0] == 200
    assert ask(mock, "GET", f"{REPO}/pulls/{pull['number']}")[1]["labels"] == [{"name": "sveltia-cms/draft"}]
    assert mock.refused == [f"GET {REPO}/issues/{pull['number']}"]


def test_a_commit_is_refused_when_the_branch_has_moved_and_made_when_it_has_not(mock):
    head = mock.git.head("main")
    query = 'mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid file_0: file(path: "docs/a.md") { oid } } } }'
    change = {"additions": [{"path": "docs/a.md", "contents": base64.b64encode(b"Ny\n").decode()}]}
    wrong = {
        "branch": {"repositoryNameWithOwner": "osloregionen/referater", "branchName": "main"},
        "expectedHeadOid": "0" * 40,
        "fileChanges": change,
        "message": {"headline": "x"},
    }
    status, answer = ask(mock, "POST", "graphql", body={"query": query, "variables": {"input": wrong}})
    assert status == 200 and "Expected branch to point to" in answer["errors"][0]["message"]
    right = {**wrong, "expectedHeadOid": head}
    status, answer = ask(mock, "POST", "graphql", body={"query": query, "variables": {"input": right}})
    commit = answer["data"]["createCommitOnBranch"]["commit"]
    assert commit["file_0"]["oid"] and mock.git.head("main") == commit["oid"]
    assert mock.files_on("main")["docs/a.md"] == b"Ny\n"
    assert mock.files_on("main")["data/personer.yaml"].startswith(b"# Kommentar\n")


def test_a_branch_that_exists_is_not_created_again(mock):
    head = mock.git.head("main")
    answer = ask(mock, "POST", "graphql", body=create_ref("refs/heads/main", head))[1]
    assert "already exists" in answer["errors"][0]["message"]


def test_a_request_the_form_does_not_make_is_answered_not_found_and_recorded(mock):
    assert ask(mock, "GET", f"{REPO}/hooks")[0] == 404
    assert mock.unanswered == [f"GET /api/v3{REPO}/hooks"]
