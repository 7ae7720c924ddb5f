"""Connecting to a Label Studio server: URL from the command line or ``LABEL_STUDIO_URL``, token from
``LABEL_STUDIO_API_KEY`` only (never from the command line, where it would show in the process list and the
shell history).

Both token types work: a legacy token (``Token …``) and a personal access token (a JWT that the SDK exchanges for
short-lived access tokens itself). Every error from the SDK or the HTTP layer is re-raised as
:class:`LabelStudioError` with the token blanked out of its text and without the original exception chained to
it, so no token reaches a log, a report or a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar
from urllib.parse import urlsplit

from gonerd.errors import UserError

URL_ENV = "LABEL_STUDIO_URL"
TOKEN_ENV = "LABEL_STUDIO_API_KEY"
DEFAULT_URL = "http://127.0.0.1:8080"
REDACTED = "[token]"
# Imports and exports of a few thousand long documents take a while on a small server.
TIMEOUT_SECONDS = 600.0

T = TypeVar("T")


class LabelStudioError(UserError, RuntimeError):
    """A failed call to Label Studio; the message says what was being done, never contains a token."""


def redact(text: str, *secrets: str | None) -> str:
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, REDACTED)
    return text


class Connection:
    """A Label Studio server and the credentials to use it. ``client`` is the SDK's ``LabelStudio``."""

    def __init__(self, url: str | None = None, token: str | None = None):
        self.url = (url or os.environ.get(URL_ENV) or DEFAULT_URL).rstrip("/")
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise LabelStudioError(f"{self.url!r}: not an http(s) URL of a Label Studio server (--url or {URL_ENV})")
        token = token if token is not None else os.environ.get(TOKEN_ENV)
        if not token:
            raise LabelStudioError(
                f"no Label Studio token: set {TOKEN_ENV} to an access token of the server at {self.url} "
                "(Account & Settings → Personal Access Token, or the admin token `gonerd annotate serve` was given)"
            )
        self._token = token
        self._client = None

    def __repr__(self) -> str:  # never the token
        return f"Connection({self.url!r})"

    @property
    def client(self):
        if self._client is None:
            from label_studio_sdk import LabelStudio

            # No automatic retries: a retried import after a lost response would create the tasks twice.
            # `push` is idempotent instead (it skips documents already in the project).
            with self.errors("connecting"):
                self._client = LabelStudio(
                    base_url=self.url, api_key=self._token, timeout=TIMEOUT_SECONDS, max_retries=0
                )
        return self._client

    def redact(self, text: str) -> str:
        return redact(text, self._token)

    @contextmanager
    def errors(self, doing: str) -> Iterator[None]:
        """Turn any exception of the SDK or the HTTP layer into a :class:`LabelStudioError` saying what failed."""
        try:
            yield
        except LabelStudioError:
            raise
        except Exception as exc:  # the SDK raises ApiError, httpx errors, pydantic errors and plain exceptions
            message = self.redact(_describe(exc))
            raise LabelStudioError(f"{doing} at {self.url} failed: {message}") from None

    def call(self, doing: str, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self.errors(doing):
            return func(*args, **kwargs)

    def get_json(self, path: str, doing: str, params: dict[str, Any] | None = None) -> tuple[Any, dict[str, str]]:
        """``GET`` an API path through the SDK's own HTTP layer (authentication, personal access token refresh,
        timeout) and parse the body with orjson: ``(body, response headers)``.

        For large listings, where the SDK's typed models would cost more than the request, and for query
        parameters the SDK does not expose (``expand``). The client is thread-safe.
        """
        import orjson
        from label_studio_sdk.core.api_error import ApiError

        with self.errors(doing):
            http = self.client._client_wrapper.httpx_client  # the SDK's HTTP layer; its typed methods wrap it
            response = http.request(path, method="GET", params=params)
            try:
                body = orjson.loads(response.content) if response.content else None
            except orjson.JSONDecodeError:
                body = response.text[:300]
            if not 200 <= response.status_code < 300:
                raise ApiError(status_code=response.status_code, headers=dict(response.headers), body=body)
            return body, dict(response.headers)


def _describe(exc: Exception) -> str:
    status = getattr(exc, "status_code", None)
    body = getattr(exc, "body", None)
    if status is not None or body is not None:  # the SDK's ApiError: its str() dumps every response header
        detail = body.get("detail") if isinstance(body, dict) else body
        if isinstance(body, dict) and body.get("validation_errors"):
            detail = f"{detail} {body['validation_errors']}"
        if status == 401:  # by the server, or by the SDK's own check of a personal access token's expiry
            return f"the token in {TOKEN_ENV} was refused (HTTP 401: {detail})"
        return f"HTTP {status}: {detail}" if status is not None else str(detail)
    name = type(exc).__name__
    if name in ("ConnectError", "ConnectTimeout"):
        return f"cannot connect ({exc}); is the server running?"
    return f"{name}: {exc}"
