"""`serve`: a local Label Studio with safe defaults, for a small team or a demo.

- bound to ``127.0.0.1`` (Label Studio's own default is ``0.0.0.0``);
- usage telemetry (``COLLECT_ANALYTICS``), the PyPI version check (``LATEST_VERSION_CHECK``) and Sentry in the
  server and in the pages (``SENTRY_DSN``, ``FRONTEND_SENTRY_DSN``) off, so nothing leaves the machine;
- sign-up only through the organisation's invite link (``DISABLE_SIGNUP_WITHOUT_LINK``);
- the admin account and its API token from the environment (``LABEL_STUDIO_USERNAME``, ``LABEL_STUDIO_PASSWORD``,
  ``LABEL_STUDIO_USER_TOKEN`` or ``LABEL_STUDIO_API_KEY``), created at the first start; legacy tokens enabled for
  the organisation so that this fixed token works (Label Studio ≥ 1.22 disables them for new organisations);
- the data folder given (SQLite database, media, exports); the server's output goes to ``<data>/server.log``;
- Python's cyclic garbage collector of the server less eager (first threshold 50,000 new objects instead of 700):
  reading a page of tasks decodes the JSON of every annotation and prediction on it, millions of acyclic objects,
  and with the default the collector scans the server's whole heap again and again — 43 % of the server's CPU time
  during a pull (``py-spy --native``). Set through a ``sitecustomize`` in ``<data>/.gonerd-python`` on the server's
  ``PYTHONPATH`` (it then runs the ``sitecustomize`` it shadows, if any); cycles are still collected.

Plain ``USERNAME``, ``PASSWORD``, ``HOST`` and ``PORT`` variables of the calling shell are removed from the server's
environment: Label Studio would otherwise read them as its own settings.

Label Studio pins ``label-studio-sdk`` exactly, so it usually lives in a virtual environment of its own; the
executable is ``--label-studio``, else ``$GONERD_LABEL_STUDIO``, else ``label-studio`` on the ``PATH``, else the
repository's ``.venv-ls`` (what ``make setup-ls`` creates).
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from annotation.connection import TOKEN_ENV
from gonerd.errors import UserError

EXECUTABLE_ENV = "GONERD_LABEL_STUDIO"
DATABASE = "label_studio.sqlite3"
LOOPBACK = "127.0.0.1"
HARDENING = {
    "LATEST_VERSION_CHECK": "false",
    "COLLECT_ANALYTICS": "false",
    "SENTRY_DSN": "",
    "FRONTEND_SENTRY_DSN": "",
    "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
    "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
}
GC_THRESHOLDS = (50_000, 10, 10)
BOOT_DIR = ".gonerd-python"
SITECUSTOMIZE = '''"""Written by gonerd (`annotate serve`): the garbage collector thresholds of this server."""
import gc
import os
import sys

{gc_setting}
# this folder holds nothing else: take it off the path, and run the sitecustomize it shadows, if there is one
_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _here]
del sys.modules["sitecustomize"]
try:
    import sitecustomize  # noqa: F401
except ImportError:
    pass
'''
SHADOWING = ("USERNAME", "PASSWORD", "HOST", "PORT", "USER_TOKEN", "BASE_DATA_DIR", "HEARTEX_USERNAME",
             "HEARTEX_PASSWORD", "HEARTEX_HOST", "HEARTEX_PORT")


class ServeError(UserError, RuntimeError):
    """The server cannot be started; the message says why (never with the token)."""


@dataclass
class Admin:
    email: str
    password: str
    token: str

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Admin:
        env = os.environ if env is None else env
        email, password = env.get("LABEL_STUDIO_USERNAME"), env.get("LABEL_STUDIO_PASSWORD")
        token = env.get("LABEL_STUDIO_USER_TOKEN") or env.get(TOKEN_ENV)
        missing = [name for name, v in (("LABEL_STUDIO_USERNAME", email), ("LABEL_STUDIO_PASSWORD", password),
                                        (f"LABEL_STUDIO_USER_TOKEN or {TOKEN_ENV}", token)) if not v]
        if missing:
            raise ServeError(f"set {', '.join(missing)} in the environment (the admin account and its API token)")
        if len(token) < 20:
            raise ServeError(f"LABEL_STUDIO_USER_TOKEN (or {TOKEN_ENV}): the admin API token must be at least 20 "
                             "characters long")
        if len(password) < 8:
            raise ServeError("LABEL_STUDIO_PASSWORD: the admin password must be at least 8 characters long")
        return cls(email, password, token)

    def __repr__(self) -> str:
        return f"Admin({self.email!r})"


def find_label_studio(explicit: str | None = None) -> str:
    """The ``label-studio`` executable: ``explicit``, else ``$GONERD_LABEL_STUDIO``, else the ``PATH``, else the
    repository's ``.venv-ls``. A named one that is not an executable file is an error, not skipped."""
    for name, given in (("--label-studio", explicit), (EXECUTABLE_ENV, os.environ.get(EXECUTABLE_ENV))):
        if given:
            if not (Path(given).is_file() and os.access(given, os.X_OK)):
                raise ServeError(f"{given} ({name}): not an executable file; give the `label-studio` executable "
                                 "of a Label Studio installation")
            return given
    candidates = [shutil.which("label-studio"),
                  str(Path(__file__).resolve().parents[1] / ".venv-ls" / "bin" / "label-studio")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise ServeError("Label Studio is not installed: `make setup-ls` (a virtual environment of its own, .venv-ls), "
                     f"or `pip install label-studio==1.23.2` elsewhere and point {EXECUTABLE_ENV} at its "
                     "`label-studio` executable")


def server_env(data_dir: Path, url: str, admin: Admin, base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    for name in SHADOWING:
        env.pop(name, None)
    env.pop(TOKEN_ENV, None)
    env.update(HARDENING)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(data_dir / BOOT_DIR), env.get("PYTHONPATH")) if p)
    env.update({
        "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir),
        "LABEL_STUDIO_USERNAME": admin.email,
        "LABEL_STUDIO_PASSWORD": admin.password,
        "LABEL_STUDIO_USER_TOKEN": admin.token,
        "LABEL_STUDIO_HOST": url,
    })
    return env


def write_server_boot(data_dir: Path, gc_thresholds: tuple[int, int, int] | None = GC_THRESHOLDS) -> None:
    """The ``sitecustomize`` that tunes the server's garbage collector (none: Python's defaults)."""
    boot = data_dir / BOOT_DIR / "sitecustomize.py"
    boot.parent.mkdir(parents=True, exist_ok=True)
    if gc_thresholds is None:
        setting = "# gc: Python's default thresholds"
    else:
        setting = f"gc.set_threshold({', '.join(str(int(t)) for t in gc_thresholds)})"
    tmp = boot.with_suffix(".tmp")
    tmp.write_text(SITECUSTOMIZE.format(gc_setting=setting))
    tmp.replace(boot)


def copy_database(source_dir: str | Path, data_dir: str | Path) -> Path:
    """Start ``data_dir`` from a consistent copy of another data folder's database (SQLite's online backup), e.g.
    a migrated template: the server then starts in seconds instead of running every migration."""
    source = Path(source_dir) / DATABASE
    if not source.is_file():
        raise ServeError(f"{source}: no Label Studio database to copy")
    target = Path(data_dir) / DATABASE
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


@dataclass
class Server:
    url: str
    data_dir: Path
    log_path: Path
    process: subprocess.Popen

    def stop(self, timeout: float = 20.0) -> None:
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout)


def start_server(
    data_dir: str | Path, *, port: int = 8080, host: str = LOOPBACK, admin: Admin | None = None,
    executable: str | None = None, wait: float = 300.0,
    gc_thresholds: tuple[int, int, int] | None = GC_THRESHOLDS,
) -> Server:
    """Start Label Studio and wait until ``/health`` answers; the caller stops it (:meth:`Server.stop`).
    ``gc_thresholds=None``: the server's garbage collector as Python sets it."""
    admin = admin or Admin.from_env()
    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    url = f"http://{host}:{port}"
    log_path = data_dir / "server.log"
    write_server_boot(data_dir, gc_thresholds)
    command = [find_label_studio(executable), "start", "--no-browser", "--internal-host", host, "--port", str(port),
               "--data-dir", str(data_dir)]
    with open(log_path, "ab") as log:
        process = subprocess.Popen(command, env=server_env(data_dir, url, admin), stdout=log,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    server = Server(url, data_dir, log_path, process)
    try:
        wait_healthy(server, wait)
    except BaseException:
        server.stop()
        raise
    return server


def wait_healthy(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServeError(f"Label Studio exited with code {server.process.returncode} while starting; "
                             f"see {server.log_path}")
        try:
            with urllib.request.urlopen(f"{server.url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise ServeError(f"Label Studio did not answer at {server.url}/health within {timeout:.0f} s; "
                     f"see {server.log_path}")
