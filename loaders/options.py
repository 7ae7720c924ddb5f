"""Loader options checked against the loader function's own type hints, before anything is read.

``gonerd loaders show conll -o columns=abc`` (or ``load("triviaqa", max_context_tokens="10")`` from Python) would
otherwise fail deep inside with a ``TypeError``, or not at all. The hints are what the signature says
(``int | None``, ``Literal["sentence", "document"]``, ``Sequence[str] | bool``, ``str | Path | None``...); a
value of another type is a :class:`~loaders.errors.LoaderError` naming the option, the value and what it needs.
``Any`` (and any hint not understood here) accepts everything.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Callable, Sequence
from os import PathLike
from pathlib import PurePath
from typing import Any

from loaders.errors import LoaderError

_NAMES = {int: "an integer", float: "a number", str: "a string", bool: "true or false", type(None): "null"}


def _hint(function: Callable, name: str) -> Any:
    annotation = inspect.signature(function).parameters[name].annotation
    if not isinstance(annotation, str):
        return annotation
    try:
        return eval(annotation, function.__globals__)  # the signature's own text, in its own module
    except Exception:  # a hint only a type checker can resolve: accept anything
        return Any


def _accepts(hint: Any, value: Any) -> bool:
    if hint is Any or hint is inspect.Parameter.empty:
        return True
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_accepts(arm, value) for arm in typing.get_args(hint))
    if origin is typing.Literal:
        return any(value == choice and type(value) is type(choice) for choice in typing.get_args(hint))
    if hint is type(None) or hint is None:
        return value is None
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is str:
        return isinstance(value, str)
    if isinstance(hint, type) and issubclass(hint, (PurePath, PathLike)):
        return isinstance(value, (str, PathLike))
    if origin in (Sequence, list, tuple, typing.Sequence):
        args = typing.get_args(hint)
        if isinstance(value, str) or not isinstance(value, (list, tuple)):
            return False
        return not args or all(_accepts(args[0], item) for item in value)
    return True


def _describe(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(arm) for arm in typing.get_args(hint))
    if origin is typing.Literal:
        return "one of " + ", ".join(repr(c) for c in typing.get_args(hint))
    if origin in (Sequence, list, tuple, typing.Sequence):
        args = typing.get_args(hint)
        return f"a list of {_describe(args[0]).removeprefix('a ').removeprefix('an ')}s" if args else "a list"
    if isinstance(hint, type) and issubclass(hint, (PurePath, PathLike)):
        return "a path"
    return _NAMES.get(hint, getattr(hint, "__name__", str(hint)))


def check_options(name: str, function: Callable, options: dict[str, Any]) -> None:
    """Every option of the right type for ``function``'s parameter of that name, else a :class:`LoaderError`."""
    for key, value in options.items():
        hint = _hint(function, key)
        if not _accepts(hint, value):
            raise LoaderError(f"{name}: option {key}={value!r} ({type(value).__name__}) must be {_describe(hint)}")
