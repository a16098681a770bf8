"""Text to plain data: strict JSON and TOML parsing with line and column in every error.

JSON objects may not repeat a key, and ``NaN``/``Infinity`` are refused; syntax errors,
numbers too long to read and nesting too deep become problems at ``$``.
"""

from __future__ import annotations

import json
import re
import sys
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


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)  # in C; only a short dict means a key repeated
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise Invalid([((), f"an object repeats the key {safe_key(key)!r}")])
            seen.add(key)
    return out


def _reject_constant(name: str) -> Any:
    raise Invalid([((), f"{name} is not a number allowed in a note")])


def _parse_json(text: str) -> object:
    try:
        return json.loads(
            text, object_pairs_hook=_reject_duplicate_keys, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as exc:
        fail(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
    except ValueError:  # Python's limit on the digits of an integer
        fail("invalid JSON: a number is too long to read")
    except RecursionError:
        fail("invalid JSON: nested too deeply")


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
