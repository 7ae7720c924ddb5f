"""Errors raised while loading: each message names the file and line (or record / example id) and what is wrong."""

from __future__ import annotations

from gonerd.errors import UserError


class LoaderError(UserError, ValueError):
    """A dataset could not be loaded as asked (unknown name, bad option, missing or unreadable files, no network).
    A :class:`~gonerd.errors.UserError`: the ``gonerd`` command shows it as one ``Error:`` line."""


class DataFormatError(LoaderError):
    """A broken row or record in a source file: wrong column count, unknown label, missing field."""


class AnswerError(LoaderError):
    """A QA answer that does not match its context and cannot be re-anchored (``on_bad_answer="error"``)."""
