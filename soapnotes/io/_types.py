"""The shapes of record field types the converter, the TOML writer and the fast path know."""

from __future__ import annotations

import types
import typing
from typing import Any

from soapnotes.errors import UsageError


def is_optional(tp: Any) -> bool:
    """``X | None`` (or ``Optional[X]``)."""
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in (
        typing.get_args(tp)
    )


def without_none(tp: Any) -> Any:
    """``X`` of ``X | None``."""
    (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
    return inner


def tuple_item(tp: Any) -> Any | None:
    """``X`` of ``tuple[X, ...]``; None for any other type."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


def is_homogeneous_tuple(tp: Any) -> bool:
    """``tuple[X, ...]``."""
    return tuple_item(tp) is not None


#: The interchange formats: ``"json"`` and ``"toml"``.
Format = typing.Literal["json", "toml"]
FORMATS = ("json", "toml")


def check_format(format: object) -> None:
    """Raise :class:`~soapnotes.errors.UsageError` unless ``format`` is a known format."""
    if format not in FORMATS:
        raise UsageError("format must be 'json' or 'toml'")
