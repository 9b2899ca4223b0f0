"""Typed records ↔ plain JSON values (dicts, lists, strings, numbers, ``None``).

:func:`to_plain` turns a frozen dataclass (and the records, tuples and frozensets inside it) into
JSON values; :func:`from_plain` builds the record back from its type annotations, so
``from_plain(cls, to_plain(record)) == record`` for every record whose fields are records, tuples,
frozensets, literals and plain values.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Any, TypeVar

T = TypeVar("T")


def to_plain(value: Any) -> Any:
    """``value`` as JSON values: records become dicts, tuples lists, frozensets sorted lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(to_plain(v) for v in value)
    return value


def from_plain(cls: type[T], data: dict[str, Any]) -> T:
    """The record of type ``cls`` that :func:`to_plain` turned into ``data``."""
    hints = _hints(cls)
    return cls(**{name: _convert(hints[name], value) for name, value in data.items()})


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _convert(next(a for a in typing.get_args(hint) if a is not type(None)), value)
    if dataclasses.is_dataclass(hint):
        return from_plain(hint, value)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v) for v in value)
        return tuple(_convert(a, v) for a, v in zip(args, value, strict=True))
    if origin is frozenset:
        (arg,) = typing.get_args(hint)
        return frozenset(_convert(arg, v) for v in value)
    return value
