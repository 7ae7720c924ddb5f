"""How the ``gonerd`` command reports what goes wrong (every subcommand, plugin groups included).

- A user error (:class:`gonerd.errors.UserError` and its subclasses, or an ``OSError`` that names its file: missing,
  unreadable, a folder where a file was expected) is one ``Error: <thing>: <what is wrong>`` line and exit code 1;
  its traceback is printed only with ``-vv``.
- click's own errors (bad option values, missing files checked by ``click.Path``) are click's usage message
  with one ``Error:`` line and exit code 2.
- Anything else is a bug of ours: its traceback is printed (Python's plain format: frames and source lines, never
  local variables, which can hold tokens and private text), then one ``Error: internal error ...`` line.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

import click

from gonerd.errors import UserError

DEBUG_VERBOSITY = 2  # -vv


def user_message(exc: BaseException) -> str | None:
    """The one-line message of a user error, or None when ``exc`` is not one (a bug)."""
    if isinstance(exc, UserError):
        return str(exc)
    if isinstance(exc, OSError) and exc.filename is not None:
        name = os.fsdecode(exc.filename)
        what = exc.strerror or type(exc).__name__
        if exc.filename2 is not None:
            return f"{name} -> {os.fsdecode(exc.filename2)}: {what}"
        return f"{name}: {what}"
    return None


def print_traceback(exc: BaseException) -> None:
    """The standard traceback (with its cause chain), which never shows local variables."""
    traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)


@contextmanager
def reported_errors(verbose: int) -> Iterator[None]:
    """Turn what escapes a command into click errors (one ``Error:`` line), following the rules above."""
    try:
        yield
    except click.exceptions.ClickException as exc:
        if verbose >= DEBUG_VERBOSITY and exc.__cause__ is not None:
            print_traceback(exc.__cause__)
        raise
    except (click.exceptions.Abort, click.exceptions.Exit):
        raise
    except Exception as exc:
        message = user_message(exc)
        if message is None:
            print_traceback(exc)
            detail = str(exc).strip().splitlines()
            raise click.ClickException(
                f"internal error ({type(exc).__name__}{': ' + detail[0] if detail else ''}): this is a bug in "
                "gonerd; please report it with the traceback above"
            ) from None
        if verbose >= DEBUG_VERBOSITY:
            print_traceback(exc)
        raise click.ClickException(message.strip() or type(exc).__name__) from None
