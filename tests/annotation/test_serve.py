"""`gonerd annotate serve`: a real server with safe defaults, started and stopped through the command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from lshelpers import ADMIN, free_port

GONERD = str(Path(sys.executable).parent / "gonerd")
pytestmark = [pytest.mark.network, pytest.mark.slow]


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as fh:
            for line in fh.readlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                address, hex_port = local.split(":")
                if state == "0A" and int(hex_port, 16) == port:
                    found.add(address)
    return found


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_serve_binds_loopback_hardened_and_stops(ls_template, tmp_path, stop):
    port = free_port()
    env = {**os.environ, "LABEL_STUDIO_USERNAME": ADMIN.email, "LABEL_STUDIO_PASSWORD": ADMIN.password,
           "LABEL_STUDIO_USER_TOKEN": ADMIN.token, "USERNAME": "shell-user", "HOST": "0.0.0.0"}
    data = tmp_path / "ls"
    ignore_sigint = signal.SIG_IGN if stop == signal.SIGTERM else signal.SIG_DFL  # as for a shell's `cmd &`
    proc = subprocess.Popen(
        [GONERD, "annotate", "serve", "--data-dir", str(data), "--port", str(port),
         "--copy-from", str(ls_template)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, ignore_sigint))
    lines = []
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            lines.append(line)
            if "is up at" in line or not line:
                break
        assert f"Label Studio is up at http://127.0.0.1:{port}" in "".join(lines), "".join(lines)
        url = f"http://127.0.0.1:{port}"
        assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1 only, not 0.0.0.0
        assert httpx.get(f"{url}/api/version").json()["release"] == "1.23.2"
        me = httpx.get(f"{url}/api/current-user/whoami", headers={"Authorization": f"Token {ADMIN.token}"})
        assert me.status_code == 200 and me.json()["email"] == ADMIN.email  # the admin and token from the env
        page = httpx.get(f"{url}/user/login/").text
        assert "googletagmanager" not in page and "sentry-cdn" not in page  # no analytics, no Sentry in pages
    finally:
        proc.send_signal(stop)
        out, _ = proc.communicate(timeout=60)
        lines.append(out)
    assert proc.returncode == 0
    assert listening_addresses(port) == set()
    text = "".join(lines) + (data / "server.log").read_text(errors="replace")
    assert ADMIN.token not in text and ADMIN.password not in text
    assert "pypi.org" not in text  # the version check is off


def test_serve_without_admin_settings_is_one_error_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABEL_STUDIO_")}
    result = subprocess.run([GONERD, "annotate", "serve", "--data-dir",
                             str(tmp_path / "x")], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Error: set LABEL_STUDIO_USERNAME, LABEL_STUDIO_PASSWORD, LABEL_STUDIO_USER_TOKEN or LABEL_STUDIO_API_KEY "
        "in the environment (the admin account and its API token)"]
