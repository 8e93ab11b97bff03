"""A small stand-in for GitHub's REST and GraphQL APIs on 127.0.0.1, for the web form's tests.

It holds one repository in a real bare git repository (made from a folder),
so commits, trees and blobs have real ids, and a branch can be checked out
and validated afterwards. It answers the requests Sveltia CMS makes with a
token (sign-in, reading the files, saving through a branch, a commit and a
pull request) the way GitHub documents them, and it records what it was
asked and what it did: the tests assert on that record.

Served like GitHub Enterprise Server: REST under /api/v3, GraphQL at
/graphql, which is what Sveltia derives from an `api_root` ending in /api/v3.
Only what the form uses is here; anything else answers 404 and is recorded in
`unanswered`, so a test sees a request the form makes that the mock does not
know.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import http.server
import itertools
import json
import os
import re
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from graphql import build_schema, graphql_sync

_SDL = """
scalar GitObjectID
scalar DateTime
scalar GitTimestamp
scalar URI
scalar Base64String

interface GitObject { id: ID! oid: GitObjectID! }
interface Actor { login: String! avatarUrl(size: Int): URI! }

type User implements Actor {
  id: ID! databaseId: Int login: String! name: String email: String! avatarUrl(size: Int): URI!
}
type GitActor { name: String email: String date: GitTimestamp avatarUrl(size: Int): URI! user: User }
type TreeEntry { oid: GitObjectID! path: String name: String! }
type CommitHistoryConnection { nodes: [Commit] totalCount: Int! }
type StatusContext { context: String! state: String! targetUrl: URI description: String }
type Status { contexts: [StatusContext!]! }
type DeploymentStatus { state: String! environmentUrl: URI description: String }
type Deployment { environment: String latestStatus: DeploymentStatus }
type DeploymentConnection { nodes: [Deployment] }
enum DeploymentOrderField { CREATED_AT }
input DeploymentOrder { field: DeploymentOrderField! direction: OrderDirection! }
type CheckRun { name: String! status: String! conclusion: String detailsUrl: URI summary: String }
type CheckRunConnection { nodes: [CheckRun] }
type CheckSuite { checkRuns(last: Int): CheckRunConnection }
type CheckSuiteConnection { nodes: [CheckSuite] }
type Commit implements GitObject {
  id: ID! oid: GitObjectID! message: String! committedDate: DateTime! author: GitActor
  history(first: Int, path: String): CommitHistoryConnection!
  file(path: String!): TreeEntry
  status: Status
  deployments(last: Int, orderBy: DeploymentOrder): DeploymentConnection
  checkSuites(last: Int): CheckSuiteConnection
}
type Blob implements GitObject { id: ID! oid: GitObjectID! text: String byteSize: Int! isBinary: Boolean isTruncated: Boolean! }
type Tree implements GitObject { id: ID! oid: GitObjectID! }
type Ref { id: ID! name: String! prefix: String! target: GitObject }
type RefConnection { nodes: [Ref] totalCount: Int! }
type Label { name: String! }
type LabelConnection { nodes: [Label] totalCount: Int! }
enum PatchStatus { ADDED CHANGED COPIED DELETED MODIFIED RENAMED }
type PullRequestChangedFile { path: String! changeType: PatchStatus! }
type PullRequestChangedFileConnection { nodes: [PullRequestChangedFile] totalCount: Int! }
enum PullRequestState { OPEN CLOSED MERGED }
enum IssueOrderField { CREATED_AT UPDATED_AT COMMENTS }
enum OrderDirection { ASC DESC }
input IssueOrder { field: IssueOrderField! direction: OrderDirection! }
type PullRequest {
  id: ID! number: Int! title: String! url: URI! isDraft: Boolean! isCrossRepository: Boolean!
  baseRefName: String! createdAt: DateTime! updatedAt: DateTime! headRefName: String! headRefOid: GitObjectID!
  state: PullRequestState! author: Actor
  labels(first: Int): LabelConnection
  files(first: Int): PullRequestChangedFileConnection
}
type PullRequestConnection { nodes: [PullRequest] totalCount: Int! }
enum RepositoryAffiliation { OWNER COLLABORATOR ORGANIZATION_MEMBER }
type RepositoryConnection { nodes: [Repository] totalCount: Int! }
type Repository {
  id: ID! name: String! nameWithOwner: String! owner: User!
  defaultBranchRef: Ref
  ref(qualifiedName: String!): Ref
  refs(refPrefix: String!, first: Int): RefConnection
  object(oid: GitObjectID, expression: String): GitObject
  pullRequests(states: [PullRequestState!], labels: [String!], first: Int, orderBy: IssueOrder,
               headRefName: String, baseRefName: String): PullRequestConnection!
  forks(ownerAffiliations: [RepositoryAffiliation], first: Int): RepositoryConnection!
}
type Query { repository(owner: String!, name: String!): Repository viewer: User! }

input CommittableBranch { repositoryNameWithOwner: String branchName: String id: ID }
input FileAddition { path: String! contents: Base64String! }
input FileDeletion { path: String! }
input FileChanges { additions: [FileAddition!] deletions: [FileDeletion!] }
input CommitMessage { headline: String! body: String }
input CreateCommitOnBranchInput {
  branch: CommittableBranch! expectedHeadOid: GitObjectID! fileChanges: FileChanges message: CommitMessage!
  clientMutationId: String
}
type CreateCommitOnBranchPayload { commit: Commit ref: Ref }
input CreateRefInput { repositoryId: ID! name: String! oid: GitObjectID! clientMutationId: String }
type CreateRefPayload { ref: Ref }
input ConvertPullRequestToDraftInput { pullRequestId: ID! clientMutationId: String }
input MarkPullRequestReadyForReviewInput { pullRequestId: ID! clientMutationId: String }
type PullRequestPayload { pullRequest: PullRequest }
type Mutation {
  createCommitOnBranch(input: CreateCommitOnBranchInput!): CreateCommitOnBranchPayload
  createRef(input: CreateRefInput!): CreateRefPayload
  convertPullRequestToDraft(input: ConvertPullRequestToDraftInput!): PullRequestPayload
  markPullRequestReadyForReview(input: MarkPullRequestReadyForReviewInput!): PullRequestPayload
}
"""

SCHEMA = build_schema(_SDL)

# What GitHub answers for a token it does not accept: expired, revoked or mistyped.
BAD_CREDENTIALS = {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"}
# And for a fine-grained token without the permission an endpoint needs.
NOT_PERMITTED = {"message": "Resource not accessible by personal access token", "documentation_url": "https://docs.github.com/rest", "status": "403"}

# The narrowest fine-grained token the guide asks for: this one repository,
# Contents and Pull requests read and write (Metadata read comes with any).
NARROW = {"metadata": "read", "contents": "write", "pull_requests": "write"}

# What each REST endpoint the form uses needs, as GitHub's reference lists it
# for fine-grained tokens: any one of the alternatives. The issue endpoints
# accept pull request access for writing, but reading an issue needs Issues.
_REST_PERMISSIONS = [
    ("GET", r"/user", ()),
    ("GET", r"", (("metadata", "read"),)),
    ("GET", r"/collaborators/[^/]+", (("metadata", "read"),)),
    ("GET", r"/git/trees/.+", (("contents", "read"),)),
    ("GET", r"/git/blobs/[0-9a-f]+", (("contents", "read"),)),
    ("GET", r"/branches/.+", (("contents", "read"),)),
    ("PATCH", r"/git/refs/heads/.+", (("contents", "write"),)),
    ("DELETE", r"/git/refs/heads/.+", (("contents", "write"),)),
    ("POST", r"/pulls", (("pull_requests", "write"),)),
    ("GET", r"/pulls/\d+(/files)?", (("pull_requests", "read"),)),
    ("PATCH", r"/pulls/\d+", (("pull_requests", "write"),)),
    ("GET", r"/issues/\d+(/labels)?", (("issues", "read"),)),
    ("POST", r"/issues/\d+/labels", (("issues", "write"), ("pull_requests", "write"))),
    ("PATCH", r"/issues/\d+", (("issues", "write"), ("pull_requests", "write"))),
]
_GRAPHQL_MUTATIONS = {
    "createCommitOnBranch": ("contents", "write"),
    "createRef": ("contents", "write"),
    "convertPullRequestToDraft": ("pull_requests", "write"),
    "markPullRequestReadyForReview": ("pull_requests", "write"),
}


def permits(granted: dict[str, str], needed: tuple[str, str]) -> bool:
    """Write access includes read."""
    area, level = needed
    return granted.get(area) == "write" or (level == "read" and granted.get(area) == "read")


_GIT_ENV = {
    "GIT_AUTHOR_NAME": "Sekretær",
    "GIT_AUTHOR_EMAIL": "sekretaer@example.org",
    "GIT_COMMITTER_NAME": "GitHub",
    "GIT_COMMITTER_EMAIL": "noreply@github.com",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


@dataclass
class PullRequest:
    number: int
    title: str
    head: str
    base: str
    draft: bool
    body: str
    created: str
    labels: list[str] = field(default_factory=list)
    state: str = "open"
    updated: str = ""

    @property
    def node_id(self) -> str:
        return f"PR_{self.number}"


@dataclass
class Commit:
    branch: str
    oid: str
    parent: str
    message: str
    added: list[str]
    deleted: list[str]


class Git:
    """A bare repository driven through git's own plumbing."""

    def __init__(self, folder: Path):
        self.dir = folder
        self.lock = threading.RLock()

    def run(self, *args: str, data: bytes | None = None, env: dict | None = None) -> bytes:
        full_env = {**os.environ, **_GIT_ENV, "GIT_DIR": str(self.dir), **(env or {})}
        done = subprocess.run(["git", *args], input=data, capture_output=True, env=full_env, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)}: {done.stderr.decode(errors='replace')}")
        return done.stdout

    def text(self, *args: str, **kwargs) -> str:
        return self.run(*args, **kwargs).decode().strip()

    def head(self, branch: str) -> str | None:
        try:
            return self.text("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{commit}}")
        except RuntimeError:
            return None

    def object_type(self, oid: str) -> str | None:
        try:
            return self.text("cat-file", "-t", oid)
        except RuntimeError:
            return None

    def resolve(self, expression: str) -> str | None:
        try:
            return self.text("rev-parse", "--verify", "--quiet", expression)
        except RuntimeError:
            return None

    def blob(self, oid: str) -> bytes:
        return self.run("cat-file", "blob", oid)

    def tree(self, rev: str) -> list[dict]:
        entries = []
        for line in self.run("ls-tree", "-r", "-t", "-l", "-z", rev).split(b"\0"):
            if not line:
                continue
            meta, path = line.split(b"\t", 1)
            mode, kind, oid, size = meta.decode().split()
            entries.append({"path": path.decode(), "mode": mode, "type": kind, "sha": oid, "size": None if size == "-" else int(size)})
        return entries

    def commit_info(self, oid: str, path: str | None = None) -> dict | None:
        args = ["log", "-1", "--format=%H%x00%an%x00%ae%x00%cI%x00%B", oid]
        if path:
            args += ["--", path]
        out = self.text(*args)
        if not out:
            return None
        sha, name, email, date, message = out.split("\0", 4)
        return {"oid": sha, "name": name, "email": email, "date": date, "message": message}

    def commit_files(self, parent: str, additions: list[tuple[str, bytes]], deletions: list[str], message: str) -> str:
        with tempfile.TemporaryDirectory() as scratch:
            env = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
            self.run("read-tree", parent, env=env)
            for path, content in additions:
                oid = self.text("hash-object", "-w", "--stdin", data=content)
                self.run("update-index", "--add", "--cacheinfo", f"100644,{oid},{path}", env=env)
            for path in deletions:
                self.run("update-index", "--force-remove", path, env=env)
            tree = self.text("write-tree", env=env)
        return self.text("commit-tree", tree, "-p", parent, "-m", message)

    def changed(self, base: str, head: str) -> list[tuple[str, str]]:
        out = self.text("diff", "--name-status", "--no-renames", f"{base}...{head}")
        return [tuple(line.split("\t", 1)) for line in out.splitlines() if line]


class GitHubMock:
    """One repository `owner/name`, made from the files in `source`, behind GitHub's APIs."""

    def __init__(self, source: Path, work: Path, owner: str = "osloregionen", name: str = "referater", tokens=None, branch: str = "main"):
        self.owner, self.name, self.branch = owner, name, branch
        # Each token the stand-in accepts, with what it may do; any other token is «Bad credentials».
        self.tokens: dict[str, dict[str, str]] = dict(tokens or {"gyldig-token": NARROW})
        self.login = "sekretaer"
        self.git = Git(work / f"{name}.git")
        subprocess.run(["git", "init", "--quiet", "--bare", str(self.git.dir)], check=True, env={**os.environ, **_GIT_ENV})
        with tempfile.TemporaryDirectory() as scratch:
            env = {"GIT_INDEX_FILE": str(Path(scratch) / "index"), "GIT_WORK_TREE": str(source)}
            self.git.run("add", "--all", "--force", ".", env=env)
            tree = self.git.text("write-tree", env=env)
        first = self.git.text("commit-tree", tree, "-m", "Arkivet slik det er")
        self.git.run("update-ref", f"refs/heads/{branch}", first)
        self.initial = first
        self.requests: list[tuple[str, str]] = []
        self.unanswered: list[str] = []
        self.graphql_errors: list[str] = []
        self.rejected_tokens: list[str] = []
        self.refused: list[str] = []  # requests the token had no permission for
        self.commits: list[Commit] = []
        self.pulls: list[PullRequest] = []
        self.refs_created: list[str] = []
        self._numbers = itertools.count(1)
        self._server: http.server.ThreadingHTTPServer | None = None
        self.url = ""

    # -- serving -----------------------------------------------------------

    @contextlib.contextmanager
    def serving(self) -> Iterator[GitHubMock]:
        mock = self

        class Handler(_Handler):
            github = mock

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        thread.start()
        self.origin = f"http://127.0.0.1:{self._server.server_port}"
        self.url = f"{self.origin}/api/v3"
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()
            thread.join(timeout=5)

    # -- what tests read ---------------------------------------------------

    def files_on(self, branch: str) -> dict[str, bytes]:
        head = self.git.head(branch)
        assert head, f"no branch {branch}"
        return {e["path"]: self.git.blob(e["sha"]) for e in self.git.tree(head) if e["type"] == "blob"}

    def export(self, branch: str, target: Path) -> Path:
        for path, content in self.files_on(branch).items():
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            (target / path).write_bytes(content)
        return target

    # -- REST --------------------------------------------------------------

    def allowed(self, granted: dict[str, str], method: str, path: str) -> bool:
        repo = f"/repos/{self.owner}/{self.name}"
        for verb, pattern, needs in _REST_PERMISSIONS:
            full = pattern if pattern == "/user" else repo + pattern
            if verb == method and re.fullmatch(full, path):
                return not needs or any(permits(granted, need) for need in needs)
        return True  # not one the form uses: answered 404 below

    def rest(self, method: str, path: str, query: dict, body: dict | None) -> tuple[int, object]:
        repo = f"/repos/{self.owner}/{self.name}"
        if method == "GET" and path == "/user":
            return 200, self.user_json()
        if method == "GET" and path == repo:
            return 200, self.repo_json()
        if not path.startswith(repo + "/"):
            return 404, {"message": "Not Found"}
        rest = path[len(repo) :]
        with self.git.lock:
            return self._repo_rest(method, rest, query, body or {})

    def _repo_rest(self, method: str, rest: str, query: dict, body: dict) -> tuple[int, object]:
        if method == "GET" and (m := re.fullmatch(r"/git/trees/(.+)", rest)):
            oid = self.git.resolve(f"{unquote(m.group(1))}^{{tree}}")
            if not oid:
                return 404, {"message": "Not Found"}
            tree = [
                {"path": e["path"], "mode": e["mode"], "type": e["type"], "sha": e["sha"], **({"size": e["size"]} if e["size"] is not None else {})}
                for e in self.git.tree(oid)
            ]
            return 200, {"sha": oid, "tree": tree, "truncated": False}
        if method == "GET" and (m := re.fullmatch(r"/git/blobs/([0-9a-f]{40})", rest)):
            content = self.git.blob(m.group(1))
            return 200, {"sha": m.group(1), "size": len(content), "encoding": "base64", "content": base64.b64encode(content).decode()}
        if method == "GET" and (m := re.fullmatch(r"/collaborators/([^/]+)", rest)):
            return (204, None) if m.group(1) == self.login else (404, {"message": "Not Found"})
        if method == "GET" and (m := re.fullmatch(r"/branches/(.+)", rest)):
            head = self.git.head(unquote(m.group(1)))
            return (200, {"name": unquote(m.group(1)), "commit": {"sha": head}}) if head else (404, {"message": "Branch not found"})
        if method in ("PATCH", "DELETE") and (m := re.fullmatch(r"/git/refs/heads/(.+)", rest)):
            branch = unquote(m.group(1))
            if method == "DELETE":
                self.git.run("update-ref", "-d", f"refs/heads/{branch}")
                return 204, None
            self.git.run("update-ref", f"refs/heads/{branch}", body["sha"])
            return 200, {"ref": f"refs/heads/{branch}", "object": {"sha": body["sha"], "type": "commit"}}
        if method == "POST" and rest == "/pulls":
            return self._open_pull(body)
        if (m := re.fullmatch(r"/pulls/(\d+)", rest)) and method in ("GET", "PATCH"):
            pull = self._pull(int(m.group(1)))
            if not pull:
                return 404, {"message": "Not Found"}
            if method == "PATCH":
                pull.state = body.get("state", pull.state)
                pull.title = body.get("title", pull.title)
            return 200, self.pull_json(pull)
        if method == "GET" and (m := re.fullmatch(r"/pulls/(\d+)/files", rest)):
            pull = self._pull(int(m.group(1)))
            status = {"A": "added", "M": "modified", "D": "removed"}
            files = [{"filename": p, "status": status.get(s[0], "modified")} for s, p in self.git.changed(self.git.head(pull.base), self.git.head(pull.head))]
            return 200, files
        if (m := re.fullmatch(r"/issues/(\d+)(/labels)?", rest)) and method in ("GET", "POST", "PATCH"):
            pull = self._pull(int(m.group(1)))
            if not pull:
                return 404, {"message": "Not Found"}
            if method == "GET":
                return 200, [{"name": name} for name in pull.labels] if m.group(2) else self.pull_json(pull)
            labels = [label if isinstance(label, str) else label["name"] for label in body.get("labels", [])]
            pull.labels = pull.labels + [name for name in labels if name not in pull.labels] if m.group(2) else labels
            return 200, [{"name": name} for name in pull.labels] if m.group(2) else self.pull_json(pull)
        return 404, {"message": "Not Found"}

    def _open_pull(self, body: dict) -> tuple[int, object]:
        head, base = body["head"], body.get("base", self.branch)
        if not self.git.head(head):
            return 422, {"message": "Validation Failed", "errors": [{"field": "head", "code": "invalid"}]}
        now = _now()
        pull = PullRequest(next(self._numbers), body["title"], head, base, bool(body.get("draft")), body.get("body", ""), now, updated=now)
        self.pulls.append(pull)
        return 201, self.pull_json(pull)

    def _pull(self, number: int) -> PullRequest | None:
        return next((p for p in self.pulls if p.number == number), None)

    def user_json(self) -> dict:
        return {
            "id": 4242,
            "login": self.login,
            "name": "Sekretær Sekretærsen",
            "email": "sekretaer@example.org",
            "avatar_url": f"{self.origin}/avatar.png",
            "html_url": f"{self.origin}/{self.login}",
        }

    def repo_json(self) -> dict:
        return {
            "id": 1,
            "node_id": "R_1",
            "name": self.name,
            "full_name": f"{self.owner}/{self.name}",
            "owner": {"login": self.owner},
            "private": False,
            "fork": False,
            "default_branch": self.branch,
            "allow_forking": True,
            "permissions": {"admin": False, "maintain": False, "push": True, "triage": True, "pull": True},
            "html_url": f"{self.origin}/{self.owner}/{self.name}",
        }

    def pull_json(self, pull: PullRequest) -> dict:
        return {
            "number": pull.number,
            "node_id": pull.node_id,
            "title": pull.title,
            "state": pull.state,
            "draft": pull.draft,
            "body": pull.body,
            "html_url": f"{self.origin}/{self.owner}/{self.name}/pull/{pull.number}",
            "created_at": pull.created,
            "updated_at": pull.updated,
            "head": {"ref": pull.head, "sha": self.git.head(pull.head)},
            "base": {"ref": pull.base, "sha": self.git.head(pull.base)},
            "labels": [{"name": name} for name in pull.labels],
        }

    # -- GraphQL -----------------------------------------------------------

    def graphql(self, body: dict, granted: dict[str, str] | None = None) -> dict:
        query = body.get("query", "")
        for mutation, needed in _GRAPHQL_MUTATIONS.items():
            if re.search(rf"\b{mutation}\s*\(", query) and not permits(granted or {}, needed):
                self.refused.append(f"graphql {mutation}")
                return {"data": None, "errors": [{"type": "FORBIDDEN", "message": NOT_PERMITTED["message"]}]}
        with self.git.lock:
            result = graphql_sync(SCHEMA, body.get("query", ""), root_value=_Root(self), variable_values=body.get("variables") or {})
        answer: dict = {"data": result.data}
        if result.errors:
            answer["errors"] = [{"message": error.message, "path": error.path} for error in result.errors]
            self.graphql_errors += [error.message for error in result.errors]
        return answer

    def repository_object(self) -> dict:
        mock = self
        return {
            "id": "R_1",
            "name": self.name,
            "nameWithOwner": f"{self.owner}/{self.name}",
            "owner": self.user_object(self.owner),
            "defaultBranchRef": lambda info: mock.ref_object(mock.branch),
            "ref": lambda info, qualifiedName: mock.ref_object(qualifiedName.removeprefix("refs/heads/")),
            "refs": lambda info, refPrefix, first=100: mock.refs_object(refPrefix),
            "object": lambda info, oid=None, expression=None: mock.git_object(oid or mock.git.resolve(expression) if (oid or expression) else None),
            "pullRequests": lambda info, **args: mock.pulls_object(**args),
            "forks": lambda info, **args: {"nodes": [], "totalCount": 0},
        }

    def user_object(self, login: str) -> dict:
        return {
            "__typename": "User",
            "id": f"U_{login}",
            "databaseId": 4242,
            "login": login,
            "name": login,
            "email": "",
            "avatarUrl": f"{self.origin}/avatar.png",
        }

    def ref_object(self, branch: str) -> dict | None:
        head = self.git.head(branch)
        if not head:
            return None
        return {"id": f"REF_{branch}", "name": branch, "prefix": "refs/heads/", "target": self.git_object(head)}

    def refs_object(self, prefix: str) -> dict:
        names = self.git.text("for-each-ref", "--format=%(refname)", prefix).splitlines()
        nodes = [self.ref_object(name.removeprefix("refs/heads/")) for name in names]
        return {"nodes": [n for n in nodes if n], "totalCount": len(nodes)}

    def git_object(self, oid: str | None) -> dict | None:
        if not oid:
            return None
        kind = self.git.object_type(oid)
        if kind == "blob":
            content = self.git.blob(oid)
            try:
                text, binary = content.decode("utf-8"), False
            except UnicodeDecodeError:
                text, binary = None, True
            return {"__typename": "Blob", "id": f"B_{oid}", "oid": oid, "text": text, "byteSize": len(content), "isBinary": binary, "isTruncated": False}
        if kind == "tree":
            return {"__typename": "Tree", "id": f"T_{oid}", "oid": oid}
        if kind == "commit":
            return self.commit_object(oid)
        return None

    def commit_object(self, oid: str, path: str | None = None) -> dict | None:
        info = self.git.commit_info(oid, path)
        if not info:
            return None
        mock = self
        return {
            "__typename": "Commit",
            "id": f"C_{info['oid']}",
            "oid": info["oid"],
            "message": info["message"],
            "committedDate": info["date"],
            "author": {
                "name": info["name"],
                "email": info["email"],
                "date": info["date"],
                "avatarUrl": f"{self.origin}/avatar.png",
                "user": self.user_object(self.login),
            },
            "history": lambda info_, first=100, path=None: mock.history_object(oid, path),
            "file": lambda info_, path: mock.file_object(oid, path),
            # No CI here: no statuses, deployments or checks to show.
            "status": None,
            "deployments": lambda info_, **args: {"nodes": []},
            "checkSuites": lambda info_, **args: {"nodes": []},
        }

    def history_object(self, oid: str, path: str | None) -> dict:
        first = self.commit_object(oid, path)
        return {"nodes": [first] if first else [], "totalCount": 1 if first else 0}

    def file_object(self, commit: str, path: str) -> dict | None:
        oid = self.git.resolve(f"{commit}:{path}")
        return {"oid": oid, "path": path, "name": path.rsplit("/", 1)[-1]} if oid else None

    def pulls_object(self, states=None, labels=None, headRefName=None, baseRefName=None, first=100, orderBy=None) -> dict:
        chosen = [
            p
            for p in self.pulls
            if (not states or p.state.upper() in states)
            and (not labels or set(labels) & set(p.labels))
            and (headRefName is None or p.head == headRefName)
            and (baseRefName is None or p.base == baseRefName)
        ]
        return {"nodes": [self.pull_object(p) for p in chosen[:first]], "totalCount": len(chosen)}

    def pull_object(self, pull: PullRequest) -> dict:
        base, head = self.git.head(pull.base), self.git.head(pull.head)
        change = {"A": "ADDED", "M": "MODIFIED", "D": "DELETED"}
        files = [{"path": p, "changeType": change.get(s[0], "MODIFIED")} for s, p in self.git.changed(base, head)] if base and head else []
        return {
            "id": pull.node_id,
            "number": pull.number,
            "title": pull.title,
            "url": f"{self.origin}/{self.owner}/{self.name}/pull/{pull.number}",
            "isDraft": pull.draft,
            "isCrossRepository": False,
            "baseRefName": pull.base,
            "createdAt": pull.created,
            "updatedAt": pull.updated,
            "headRefName": pull.head,
            "headRefOid": head or "",
            "state": pull.state.upper(),
            "author": self.user_object(self.login),
            "labels": lambda info, first=100: {"nodes": [{"name": n} for n in pull.labels], "totalCount": len(pull.labels)},
            "files": lambda info, first=100: {"nodes": files, "totalCount": len(files)},
        }

    # -- mutations ---------------------------------------------------------

    def create_commit_on_branch(self, data: dict) -> dict:
        branch = data["branch"]["branchName"]
        if data["branch"].get("repositoryNameWithOwner", f"{self.owner}/{self.name}") != f"{self.owner}/{self.name}":
            raise ValueError("Could not resolve to a Repository")
        head = self.git.head(branch)
        if head is None:
            raise ValueError(f"A ref named refs/heads/{branch} does not exist")
        if head != data["expectedHeadOid"]:
            raise ValueError(f"Expected branch to point to {data['expectedHeadOid']} but it did not. Pull and try again.")
        changes = data.get("fileChanges") or {}
        additions = [(a["path"], base64.b64decode(a["contents"])) for a in changes.get("additions") or []]
        deletions = [d["path"] for d in changes.get("deletions") or []]
        message = data["message"]["headline"] + (f"\n\n{data['message']['body']}" if data["message"].get("body") else "")
        oid = self.git.commit_files(head, additions, deletions, message)
        self.git.run("update-ref", f"refs/heads/{branch}", oid, head)
        self.commits.append(Commit(branch, oid, head, message, [p for p, _ in additions], deletions))
        return {"commit": self.commit_object(oid), "ref": self.ref_object(branch)}

    def create_ref(self, data: dict) -> dict:
        name = data["name"]
        if not name.startswith("refs/heads/"):
            raise ValueError("Ref name must start with refs/heads/")
        if self.git.resolve(name):
            raise ValueError(f'A ref named "{name}" already exists in the repository.')
        self.git.run("update-ref", name, data["oid"])
        self.refs_created.append(name.removeprefix("refs/heads/"))
        return {"ref": self.ref_object(name.removeprefix("refs/heads/"))}

    def set_draft(self, data: dict, draft: bool) -> dict:
        pull = next(p for p in self.pulls if p.node_id == data["pullRequestId"])
        pull.draft = draft
        return {"pullRequest": self.pull_object(pull)}


class _Root:
    """The GraphQL root: queries and mutations by their field names."""

    def __init__(self, mock: GitHubMock):
        self.mock = mock

    def repository(self, info, owner: str, name: str):
        return self.mock.repository_object() if (owner, name) == (self.mock.owner, self.mock.name) else None

    def viewer(self, info):
        return self.mock.user_object(self.mock.login)

    def createCommitOnBranch(self, info, input):  # noqa: A002, N802 - GitHub's names
        return self.mock.create_commit_on_branch(input)

    def createRef(self, info, input):  # noqa: A002, N802
        return self.mock.create_ref(input)

    def convertPullRequestToDraft(self, info, input):  # noqa: A002, N802
        return self.mock.set_draft(input, True)

    def markPullRequestReadyForReview(self, info, input):  # noqa: A002, N802
        return self.mock.set_draft(input, False)


# A 1×1 grey PNG.
_AVATAR = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==")


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class _Handler(http.server.BaseHTTPRequestHandler):
    github: GitHubMock

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass

    def _send(self, status: int, payload: object = None) -> None:
        body = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "ETag, Link, Location, X-GitHub-Request-Id")
        if payload is not None:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_OPTIONS(self):  # noqa: N802 - the stdlib's name
        # The form is on another origin (another port): the browser asks first, as with api.github.com.
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, PATCH, PUT, DELETE")
        self.send_header("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept, If-None-Match, X-GitHub-Api-Version")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _handle(self):
        mock = self.github
        parts = urlsplit(self.path)
        if parts.path == "/avatar.png" and self.command == "GET":
            # The signed-in person's picture (avatar_url), as github.com serves it: no token needed.
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Content-Length", str(len(_AVATAR)))
            self.end_headers()
            self.wfile.write(_AVATAR)
            return
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        mock.requests.append((self.command, self.path))
        scheme, _, token = (self.headers.get("Authorization") or "").partition(" ")
        granted = mock.tokens.get(token)
        if scheme.lower() not in ("token", "bearer") or granted is None:
            mock.rejected_tokens.append(token)
            self._send(401, BAD_CREDENTIALS)
            return
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            self._send(400, {"message": "Problems parsing JSON"})
            return
        # Sveltia asks for GraphQL at <origin>/graphql when api_root ends in /api/v3.
        if parts.path in ("/graphql", "/api/graphql") and self.command == "POST":
            self._send(200, mock.graphql(body or {}, granted))
            return
        if not parts.path.startswith("/api/v3/"):
            mock.unanswered.append(f"{self.command} {self.path}")
            self._send(404, {"message": "Not Found"})
            return
        path = parts.path.removeprefix("/api/v3")
        if not mock.allowed(granted, self.command, path):
            mock.refused.append(f"{self.command} {path}")
            self._send(403, NOT_PERMITTED)
            return
        status, payload = mock.rest(self.command, path, parse_qs(parts.query), body)
        if status == 404:
            mock.unanswered.append(f"{self.command} {self.path}")
        self._send(status, payload)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _handle  # noqa: N815 - the stdlib's names
