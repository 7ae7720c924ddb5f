"""Click options generated from the argument dataclasses of :mod:`baselines.arguments`, and the way back.

``@dataclass_options(TrainingArguments)`` adds one option per field (``--batch-size``, ``--lr`` ...: the field's
``flags`` metadata, else ``--field-name``), with the field's help, default and choices; booleans that default to
True get a ``--x/--no-x`` pair. :func:`pop_arguments` then builds the dataclass from the command's keyword
arguments. One definition serves the CLI, the Python API and configuration files.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterable

import click

from .arguments import _coerce, _field_types


def _flags(f: dataclasses.Field) -> tuple[str, ...]:
    return f.metadata.get("flags") or (f"--{f.name.replace('_', '-')}",)


def _scalar(annotation):
    """``X`` from ``X | None``."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return next(a for a in typing.get_args(annotation) if a is not type(None))
    return annotation


def option_for(cls: type, f: dataclasses.Field) -> Callable:
    """The click option of one field: booleans are flags (``--x/--no-x`` when True by default), lists with a
    factory default are repeatable options, optional lists (``list[int] | None``) take comma-separated values."""
    annotation = _scalar(_field_types(cls)[f.name])
    default = f.default if f.default is not dataclasses.MISSING else None
    flags = _flags(f)
    help_ = f.metadata.get("help", "")
    choices = f.metadata.get("choices")
    if annotation is bool:
        if default:
            return click.option(f"{flags[0]}/--no-{flags[0][2:]}", f.name, default=True, show_default=True,
                                help=help_)
        return click.option(*flags, f.name, is_flag=True, default=False, help=help_)
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        if f.default_factory is not dataclasses.MISSING:
            return click.option(*flags, f.name, multiple=True, type=item, help=help_)
        return click.option(*flags, f.name, type=str, default=None, help=help_)
    click_type = click.Choice(choices) if choices else annotation
    return click.option(*flags, f.name, type=click_type, default=default, show_default=default is not None,
                        help=help_)


def dataclass_options(cls: type, exclude: Iterable[str] = ()) -> Callable:
    """A decorator adding ``cls``'s fields (except ``exclude``) as click options."""
    skip = set(exclude)
    fields = [f for f in dataclasses.fields(cls) if f.name not in skip]

    def decorate(func):
        for f in reversed(fields):
            func = option_for(cls, f)(func)
        return func

    return decorate


def pop_arguments(cls: type, kwargs: dict, exclude: Iterable[str] = (), **given):
    """Build ``cls`` from (and remove its fields from) a command's ``kwargs``; ``given`` adds fixed values."""
    skip = set(exclude)
    types_ = _field_types(cls)
    values = dict(given)
    for f in dataclasses.fields(cls):
        if f.name in skip or f.name in given or f.name not in kwargs:
            continue
        value = kwargs.pop(f.name)
        if isinstance(value, tuple):
            value = list(value)
        if value is not None:
            try:
                value = _coerce(value, types_[f.name], _flags(f)[0])
            except ValueError as exc:
                raise click.BadParameter(str(exc), param_hint=_flags(f)[0]) from exc
        values[f.name] = value
    return cls(**values)
