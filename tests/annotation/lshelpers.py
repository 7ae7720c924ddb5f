"""Test helpers for a real Label Studio: annotator sign-up through the invite link, personal access tokens,
and a server started from a migrated template database."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path

import httpx

from annotation.serve import Admin, Server, copy_database, start_server

ADMIN = Admin("admin@example.com", "Adm1nPassw0rd!", "0123456789abcdef0123456789abcdef01234567")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_from_template(template: Path, data_dir: Path) -> Server:
    copy_database(template, data_dir)
    return start_server(data_dir, port=free_port(), admin=ADMIN, wait=180)


@dataclass
class Annotator:
    email: str
    password: str
    token: str  # personal access token (a JWT refresh token), as the UI's Account page gives it
    user_id: int


def sign_up(url: str, invite_path: str, email: str, password: str) -> Annotator:
    """Sign up through the invite link like a browser (form + CSRF), then create a personal access token."""
    with httpx.Client(base_url=url, follow_redirects=False, timeout=30) as web:
        web.get(invite_path)
        r = web.post(invite_path, data={"csrfmiddlewaretoken": web.cookies.get("csrftoken"), "email": email,
                                        "password": password}, headers={"Referer": url + invite_path})
        assert r.status_code == 302, (r.status_code, r.text[:300])
        r = web.post("/api/token/", headers={"X-CSRFToken": web.cookies.get("csrftoken"), "Referer": url + "/"})
        assert r.status_code == 201, (r.status_code, r.text[:300])
        token = r.json()["token"]
        me = web.get("/api/current-user/whoami").json()
    return Annotator(email, password, token, me["id"])


def labels_result(entities, prefix="a"):
    """Label Studio result items for (start, end, label, text) tuples."""
    return [{"id": f"{prefix}{i}", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": s, "end": e, "text": t, "labels": [lab]}} for i, (s, e, lab, t) in enumerate(entities)]
