"""A token the real server refuses, for every `gonerd annotate` command that talks to it: exit code 1, one `Error:`
line naming the server and the refusal, no traceback, and the token nowhere (output, files, the server's log).

The offline bad inputs of these commands (files, options, a closed port, an expired token) are cases of
tests/core/test_cli_rule.py.
"""

from __future__ import annotations

import base64
import json
import time

import pytest
from cli_subprocess import error_lines, run_gonerd
from lshelpers import ADMIN

pytestmark = [pytest.mark.network, pytest.mark.slow]


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


# a legacy token the server never issued, and a personal access token (JWT) that is well formed and unexpired but
# was not signed by this server (as one from another Label Studio)
WRONG_LEGACY = "0123456789abcdef0123456789abcdef0000dead"
FOREIGN_PAT = ".".join([_b64({"alg": "HS256", "typ": "JWT"}),
                        _b64({"token_type": "refresh", "exp": int(time.time()) + 86400, "jti": "f" * 32,
                              "user_id": 1}),
                        base64.urlsafe_b64encode(b"not-this-servers-signature").rstrip(b"=").decode()])


@pytest.fixture(scope="module")
def campaign(ls_server, tmp_path_factory):
    """A campaign with a real project, made with the admin's token."""
    folder = tmp_path_factory.mktemp("bad-token")
    path = folder / "campaign.json"
    env = {"LABEL_STUDIO_URL": ls_server.url, "LABEL_STUDIO_API_KEY": ADMIN.token}
    result = run_gonerd("annotate", "setup", "--campaign", str(path), "--title", "bad token check", env=env)
    assert result.returncode == 0, result.stderr
    (folder / "docs.jsonl").write_text(json.dumps({"id": "d1", "text": "Angela Merkel met Emmanuel Macron."}) + "\n")
    annotations = {"doc_id": "d1", "text": "Angela Merkel met Emmanuel Macron.", "annotations": [
        {"annotator": "a@example.com", "entities": [{"start": 0, "end": 13, "label": "PER", "text": "Angela Merkel"}]},
        {"annotator": "b@example.com", "entities": []}]}
    (folder / "annotations.jsonl").write_text(json.dumps(annotations) + "\n")
    return path


COMMANDS = {
    "invite": lambda c: ["annotate", "invite"],
    "setup": lambda c: ["annotate", "setup", "--campaign", str(c.parent / "new-campaign.json"), "--title", "x"],
    "setup-existing": lambda c: ["annotate", "setup", "--campaign", str(c)],
    "push": lambda c: ["annotate", "push", str(c.parent / "docs.jsonl"), "--campaign", str(c)],
    "pull": lambda c: ["annotate", "pull", "--campaign", str(c), "--out", str(c.parent / "pulled")],
    "adjudicate-push-review": lambda c: ["annotate", "adjudicate", str(c.parent / "annotations.jsonl"), "--out",
                                         str(c.parent / "gold.jsonl"), "--push-review", str(c)],
}


@pytest.mark.parametrize("token", [WRONG_LEGACY, FOREIGN_PAT], ids=["legacy", "personal-access-token"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_refused_token_is_one_error_line_without_the_token(ls_server, campaign, command, token):
    result = run_gonerd(*COMMANDS[command](campaign),
                        env={"LABEL_STUDIO_URL": ls_server.url, "LABEL_STUDIO_API_KEY": token})
    shown = f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
    assert result.returncode == 1, shown
    lines = error_lines(result)
    assert len(lines) == 1 and ls_server.url in lines[0], shown
    assert "the token in LABEL_STUDIO_API_KEY was refused (HTTP 401" in lines[0], shown
    assert "Traceback" not in result.stdout + result.stderr, shown
    assert token not in result.stdout + result.stderr
    written = [p.read_text(errors="replace") for p in campaign.parent.rglob("*") if p.is_file()]
    assert not [text for text in written if token in text]
    assert token not in ls_server.log_path.read_text(errors="replace")
