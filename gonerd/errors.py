"""The one exception the CLI treats as the user's problem rather than ours.

Raise :class:`UserError` (or a subclass) for a bad file, a bad option value or a server the user named that cannot
be reached, with a message that names the thing and says what is wrong (``path:line: ...``). The ``gonerd``
command prints it as one ``Error:`` line and exits 1, with the traceback only under ``-vv``; anything else that
escapes a command is a bug and is shown with its traceback (see :mod:`gonerd.cli_errors`).

The packages above the core subclass it (``loaders.errors.LoaderError``, ``gonerd.scrape.run.ScrapeError``), so
one ``except UserError`` covers them all. Library callers can catch the subclasses they know.
"""

from __future__ import annotations


class UserError(Exception):
    """Something the user gave cannot be used; the message names it and what is wrong with it."""
