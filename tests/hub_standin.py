"""A loopback HTTP stand-in for the Hugging Face Hub's upload API, for `gonerd publish` tests.

It is NOT the Hub: it implements just the endpoints ``huggingface_hub`` calls to create a dataset repository and
commit to it (validate-yaml, repos/create, branch, tree listing, preupload, the LFS batch API with "basic"
transfers, and the NDJSON commit), records every request (method, path, Authorization header) and every commit
(operations, file contents), and keeps the repository's files so a second publish sees the first one's.
Binary files are answered ``lfs`` at preupload, as the Hub does, so parquet shards travel through the LFS upload
path; run clients with ``HF_HUB_DISABLE_XET=1`` (the stand-in speaks no Xet).

Imported by tests as ``hub_standin`` (``tests/`` is on ``sys.path``, see the root conftest).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlparse


@dataclass
class Commit:
    repo_id: str
    revision: str
    summary: str
    files: dict[str, bytes]  # path -> content (regular and LFS files)
    lfs_paths: list[str]
    deleted: list[str]


@dataclass
class HubState:
    token: str
    repos: dict[str, dict[str, dict[str, bytes]]] = field(default_factory=dict)  # repo -> revision -> files
    private: dict[str, bool] = field(default_factory=dict)
    commits: list[Commit] = field(default_factory=list)
    requests: list[tuple[str, str, str | None]] = field(default_factory=list)  # method, path, Authorization
    lfs_objects: dict[str, bytes] = field(default_factory=dict)
    fail_commit_with: str | None = None  # echo this (and the Authorization header) in a 500 on commit


REPO = r"(?P<repo>[^/]+/[^/]+)"


class Handler(BaseHTTPRequestHandler):
    state: HubState
    endpoint: str

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    # -- helpers
    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _send(self, status: int, payload=None, headers: dict | None = None) -> None:
        data = json.dumps(payload if payload is not None else {}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def _authorised(self) -> bool:
        if self.headers.get("Authorization") == f"Bearer {self.state.token}":
            return True
        self._send(401, {"error": "Invalid credentials in Authorization header"})
        return False

    def _record(self, method: str) -> str:
        path = urlparse(self.path).path
        self.state.requests.append((method, path, self.headers.get("Authorization")))
        return path

    # -- routes
    def do_GET(self) -> None:
        path = self._record("GET")
        m = re.fullmatch(rf"/api/datasets/{REPO}/tree/(?P<rev>[^/]+)(?P<sub>/.*)?", path)
        if m:
            if not self._authorised():
                return
            repo, rev = m["repo"], unquote(m["rev"])
            if repo not in self.state.repos or rev not in self.state.repos[repo]:
                self._send(404, {"error": "Repository not found"}, {"X-Error-Code": "RepoNotFound"})
                return
            files = self.state.repos[repo][rev]
            listing = [{"type": "file", "path": p, "size": len(b), "oid": hashlib.sha1(b).hexdigest()}
                       for p, b in sorted(files.items())]
            self._send(200, listing)
            return
        self._send(404, {"error": f"stand-in: no GET route {path}"})

    def do_PUT(self) -> None:
        path = self._record("PUT")
        m = re.fullmatch(r"/lfs-upload/(?P<oid>[0-9a-f]{64})", path)
        if not m:
            self._send(404, {"error": f"stand-in: no PUT route {path}"})
            return
        data = self._body()
        if hashlib.sha256(data).hexdigest() != m["oid"]:
            self._send(400, {"error": "sha256 mismatch"})
            return
        self.state.lfs_objects[m["oid"]] = data
        self._send(200, {})

    def do_POST(self) -> None:
        path = self._record("POST")
        body = self._body()
        if path == "/api/validate-yaml":
            self._send(200, {"errors": [], "warnings": []})
            return
        if not self._authorised():
            return
        if path == "/api/repos/create":
            payload = json.loads(body)
            repo = f"{payload['organization']}/{payload['name']}"
            if repo in self.state.repos:
                self._send(409, {"error": "You already created this dataset repo",
                                 "url": f"{self.endpoint}/datasets/{repo}"})
                return
            self.state.repos[repo] = {"main": {}}
            self.state.private[repo] = payload.get("visibility") == "private"
            self._send(200, {"url": f"{self.endpoint}/datasets/{repo}", "name": repo})
            return
        m = re.fullmatch(rf"/api/datasets/{REPO}/branch/(?P<branch>[^/]+)", path)
        if m:
            branches = self.state.repos[m["repo"]]
            branches.setdefault(unquote(m["branch"]), dict(branches["main"]))
            self._send(200, {})
            return
        m = re.fullmatch(rf"/api/datasets/{REPO}/preupload/(?P<rev>[^/]+)", path)
        if m:
            files = json.loads(body)["files"]
            modes = [{"path": f["path"], "uploadMode": "lfs" if _binary(base64.b64decode(f["sample"])) else "regular",
                      "shouldIgnore": False} for f in files]
            self._send(200, {"files": modes})
            return
        m = re.fullmatch(rf"/datasets/{REPO}\.git/info/lfs/objects/batch", path)
        if m:
            objects = json.loads(body)["objects"]
            self._send(200, {"transfer": "basic", "objects": [
                {"oid": o["oid"], "size": o["size"],
                 "actions": {"upload": {"href": f"{self.endpoint}/lfs-upload/{o['oid']}"}}} for o in objects]})
            return
        m = re.fullmatch(rf"/api/datasets/{REPO}/commit/(?P<rev>[^/]+)", path)
        if m:
            self._commit(m["repo"], unquote(m["rev"]), body)
            return
        self._send(404, {"error": f"stand-in: no POST route {path}"})

    def _commit(self, repo: str, revision: str, body: bytes) -> None:
        if self.state.fail_commit_with is not None:
            # a buggy server that echoes the request's credentials: the client must not pass them on
            self._send(500, {"error": f"{self.state.fail_commit_with} (got {self.headers.get('Authorization')})"})
            return
        lines = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
        header = next(line["value"] for line in lines if line["key"] == "header")
        files: dict[str, bytes] = {}
        lfs_paths, deleted = [], []
        for line in lines:
            value = line["value"]
            if line["key"] == "file":
                files[value["path"]] = base64.b64decode(value["content"])
            elif line["key"] == "lfsFile":
                if value["oid"] not in self.state.lfs_objects:
                    self._send(422, {"error": f"LFS object of {value['path']} was never uploaded"})
                    return
                files[value["path"]] = self.state.lfs_objects[value["oid"]]
                lfs_paths.append(value["path"])
            elif line["key"] in ("deletedFile", "deletedFolder"):
                deleted.append(value["path"])
        tree = self.state.repos[repo].setdefault(revision, {})
        for path in deleted:
            tree.pop(path, None)
        tree.update(files)
        self.state.commits.append(Commit(repo, revision, header["summary"], files, lfs_paths, deleted))
        oid = hashlib.sha1(f"{repo}{len(self.state.commits)}".encode()).hexdigest()
        self._send(200, {"commitUrl": f"{self.endpoint}/datasets/{repo}/commit/{oid}", "commitOid": oid,
                         "success": True})


def _binary(sample: bytes) -> bool:
    return b"\x00" in sample or sample[:4] == b"PAR1"


class HubStandIn:
    """``with HubStandIn(token) as hub:`` serves on 127.0.0.1 (a free port) until the block ends."""

    def __init__(self, token: str):
        self.state = HubState(token=token)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"
        handler = type("BoundHandler", (Handler,), {"state": self.state, "endpoint": self.endpoint})
        self.server.RequestHandlerClass = handler
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> HubStandIn:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)
