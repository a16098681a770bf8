"""Text to plain data: strict JSON and TOML parsing with line and column in every error.

JSON objects may not repeat a key, and ``NaN``/``Infinity`` and integers too long to read
are refused, each at its own ``$.path``; syntax errors and nesting too deep are problems
at ``$``.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from typing import Any

from soapnotes.io._problems import Invalid, fail, safe_key
from soapnotes.io._types import Format, check_format


def decode(text: str | bytes) -> str:
    """UTF-8 bytes (a BOM allowed) as text; text as it is."""
    if isinstance(text, bytes):
        try:
            return text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            fail(f"is not valid UTF-8 text (bad byte at offset {exc.start})")
    return text


class _Rejected:
    """A value the JSON parser read but a note does not allow (NaN, a number too long)."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


class _Repeated(dict):  # type: ignore[type-arg]
    """An object that repeated ``key``: kept so the problem can be reported at its path."""

    key: str


class _Hooks:
    """The parser's hooks: each turns what a note refuses into a marker (the parse goes on),
    so that the walk afterwards reports it at its ``$.path``."""

    def __init__(self) -> None:
        self.marked = False

    def pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)  # in C; only a short dict means a key repeated
        if len(out) == len(pairs):
            return out
        seen: set[str] = set()
        repeated = _Repeated(out)
        for key, _ in pairs:
            if key in seen:
                repeated.key = key
                break
            seen.add(key)
        self.marked = True
        return repeated

    def constant(self, name: str) -> _Rejected:
        self.marked = True
        return _Rejected(f"{name} is not a number allowed in a note")

    def integer(self, digits: str) -> int | _Rejected:
        try:
            return int(digits)
        except ValueError:  # over Python's limit on the digits of an integer
            self.marked = True
            return _Rejected("is a number too long to read")


def _marked(value: object, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every marker below ``value``, with its path."""
    if isinstance(value, _Rejected):
        yield path, value.message
    elif isinstance(value, dict):
        if isinstance(value, _Repeated):
            yield (*path, safe_key(value.key)), "this key is repeated in its object"
        for key, item in value.items():
            yield from _marked(item, (*path, safe_key(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _marked(item, (*path, index))


def _parse_json(text: str) -> object:
    hooks = _Hooks()
    try:
        try:
            data = json.loads(text, object_pairs_hook=hooks.pairs, parse_constant=hooks.constant)
        except json.JSONDecodeError:
            raise
        except ValueError:  # an integer too long: read again, marking it (a rare slow path)
            data = json.loads(
                text,
                object_pairs_hook=hooks.pairs,
                parse_constant=hooks.constant,
                parse_int=hooks.integer,
            )
    except json.JSONDecodeError as exc:
        fail(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
    except ValueError:
        fail("invalid JSON: a number is too long to read")
    except RecursionError:
        fail("invalid JSON: nested too deeply")
    if hooks.marked:
        raise Invalid(list(_marked(data, ())))
    return data


_TOML_POSITION = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")


def _parse_toml(text: str) -> object:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "invalid TOML"
        match = _TOML_POSITION.match(first)
        if match:
            fail(f"invalid TOML at line {match['line']}, column {match['col']}: {match['msg']}")
        fail(f"invalid TOML: {first}")
    except ValueError:
        fail("invalid TOML: a number is too long to read")
    except RecursionError:
        fail("invalid TOML: nested too deeply")


def parse(text: str, format: Format) -> object:
    """Parse JSON or TOML text; syntax errors become :class:`Invalid` with line and column.

    Raises:
        UsageError: ``format`` is neither ``"json"`` nor ``"toml"``.
    """
    check_format(format)
    return _parse_json(text) if format == "json" else _parse_toml(text)
