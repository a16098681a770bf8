"""Leaf values: the checks that turn one JSON/TOML value into a str, int, date, enum, ...

Shared by the detailed converter and the fast path (which calls the date hooks itself), so
both read leaf values the same way. Each hook returns the value or raises
:class:`~soapnotes.io._problems.Invalid` with a message that never quotes the value.
"""

from __future__ import annotations

import datetime as dt
import enum

from soapnotes.io._datetime import DATE_RE, NAIVE, parse_aware_datetime
from soapnotes.io._problems import describe, fail


def structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        fail(f"must be a string, got {describe(value)}")
    return value


def structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        fail(f"must be an integer, got {describe(value)}")
    return value


def structure_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        fail(f"must be a number, got {describe(value)}")
    try:
        return float(value)
    except OverflowError:  # JSON integers have no size limit; floats do
        fail("must be a number no larger than about 1.8e308, got a larger integer")


def structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        fail(f"must be true or false, got {describe(value)}")
    return value


def structure_date(value: object, _: type | None) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not DATE_RE.match(value):
        fail(f"must be a date as YYYY-MM-DD, got {describe(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail("must be a real calendar date as YYYY-MM-DD")


def structure_datetime(value: object, _: type | None) -> dt.datetime:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            fail(NAIVE)
        return value
    if not isinstance(value, str):
        fail(f"must be an ISO 8601 date-time with a UTC offset, got {describe(value)}")
    try:
        return parse_aware_datetime(value)
    except ValueError as exc:
        fail(str(exc))


def structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    member = cls._value2member_map_.get(value) if isinstance(value, str) else None
    if member is None:
        allowed = ", ".join(str(m.value) for m in cls)
        if not isinstance(value, str):
            fail(f"must be one of: {allowed}; got {describe(value)}")
        fail(f"is not a known value; allowed: {allowed}")
    return member


def unstructure_enum(value: enum.Enum) -> object:
    return value.value
