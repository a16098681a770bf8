"""How reading reports what is wrong: problems with paths, and the words for a value's kind.

The lowest module of :mod:`soapnotes.io`: every hook, the parsers and the fast path raise
:class:`Invalid`; the public functions turn it into one
:class:`~soapnotes.errors.InvalidRecord`.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Iterable, Mapping

from soapnotes.errors import InvalidRecord, Problem

PathPart = str | int
#: One problem: the path below the value being structured, and what is wrong.
Found = tuple[tuple[PathPart, ...], str]


class Invalid(Exception):
    """Problems found while structuring, with paths relative to the current value."""

    def __init__(self, problems: list[Found]) -> None:
        self.problems = problems


def fail(message: str) -> typing.NoReturn:
    """Raise :class:`Invalid` with one problem at the current value."""
    raise Invalid([((), message)])


def describe(value: object) -> str:
    """A value's kind in the words of the interchange format; never its content."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dt.datetime):
        return "a date-time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dt.time):
        return "a time of day"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return f"a {type(value).__name__}"


_KEY_LIKE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}\Z")


def safe_key(key: object) -> str:
    """An unknown key as it may appear in a path: only when it looks like a field name.

    Anything else (a sentence pasted where a key belongs, say) is not echoed.
    """
    if isinstance(key, str) and _KEY_LIKE.match(key):
        return key
    return "<unknown key>"


def format_path(parts: Iterable[PathPart]) -> str:
    """``("session", "treatment", 2)`` as ``$.session.treatment[2]``."""
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def invalid_record(exc: Invalid, source: str | None) -> InvalidRecord:
    """The public error for the problems of ``exc``, each with its ``$.path``."""
    return InvalidRecord(
        (Problem(format_path(path), message) for path, message in exc.problems), source=source
    )
