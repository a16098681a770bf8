"""Field validators and cross-field checks shared by the records.

Every message says what is allowed and, at most, the offending value's type or a number: never
the text itself, which may be clinical free text.

A validator refuses with :class:`~soapnotes.errors.InvalidField` (or
:class:`~soapnotes.errors.InvalidFieldType` for a wrong type): built in Python, the message
names the record and the field (``Practice.name must be a string, got int``); reading a
file reports the bare ``problem`` after the ``$.path`` instead.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import attrs

from soapnotes.errors import InvalidField, InvalidFieldType, UsageError

T = TypeVar("T")
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _record_name(inst: object) -> str | None:
    # attrs passes the instance being built; the detailed reading path passes None.
    return None if inst is None else type(inst).__name__


def bad_value(inst: object, attribute: attrs.Attribute[Any], problem: str) -> InvalidField:
    """The error a validator raises for a value it refuses (naming the record and field)."""
    return InvalidField(problem, attribute.name, _record_name(inst))


def bad_type(inst: object, attribute: attrs.Attribute[Any], problem: str) -> InvalidFieldType:
    """The error a validator raises for a value of the wrong type."""
    return InvalidFieldType(problem, attribute.name, _record_name(inst))


class FieldProblems(UsageError):
    """Raised by a record's cross-field check; ``problems`` holds every (field, message) pair."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{field}: {message}" for field, message in problems))


def raise_problems(problems: list[tuple[str, str]]) -> None:
    """Raise :class:`FieldProblems` when a record's cross-field check found anything."""
    if problems:
        raise FieldProblems(problems)


def _type_name(value: object) -> str:
    return type(value).__name__


_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogate(value: str) -> bool:
    """True when ``value`` holds a lone surrogate code point (JSON can escape one in)."""
    return not value.isascii() and _SURROGATE.search(value) is not None


#: The most characters a name-like field holds (names, phone numbers, addresses, product
#: and device names, credentials): far above any real one, low enough that one field cannot
#: stall a render (``docs/reliability.md``).
MAX_NAME_CHARS = 10_000
#: The most characters a free-text field holds (notes, descriptions, observations): about
#: 15,000 words, some forty pages of prose.
MAX_TEXT_CHARS = 100_000
#: The most items any list in a record holds (regions, points, addenda, codes, ...).
MAX_LIST_ITEMS = 1_000


class _Text:
    """A non-blank string of real text (no lone surrogate), at most ``max_chars`` long;
    None too unless ``required``."""

    __slots__ = ("max_chars", "required")

    def __init__(self, max_chars: int, *, required: bool) -> None:
        self.max_chars = max_chars
        self.required = required

    def __call__(self, inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and not self.required:
            return
        if not isinstance(value, str):
            raise bad_type(inst, attribute, f"must be a string, got {_type_name(value)}")
        if not value.strip():
            raise bad_value(inst, attribute, "must not be empty or blank")
        if len(value) > self.max_chars:
            raise bad_value(
                inst,
                attribute,
                f"must be at most {self.max_chars:,} characters long, got {len(value):,}",
            )
        if has_surrogate(value):
            raise bad_value(
                inst, attribute, "contains a lone surrogate code point, which is not text"
            )


#: A required free-text field (at most :data:`MAX_TEXT_CHARS` characters).
text: Validator = _Text(MAX_TEXT_CHARS, required=True)
#: None, or free text (an empty string means 'leave it out').
optional_text: Validator = _Text(MAX_TEXT_CHARS, required=False)
#: A required name-like field (at most :data:`MAX_NAME_CHARS` characters).
name: Validator = _Text(MAX_NAME_CHARS, required=True)
#: None, or a name-like field.
optional_name: Validator = _Text(MAX_NAME_CHARS, required=False)


def identifier(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An id: 1-64 characters of letters, digits, '-', '_', '.', no spaces."""
    if not isinstance(value, str):
        raise bad_type(inst, attribute, f"must be a string, got {_type_name(value)}")
    if not 1 <= len(value) <= 64:
        raise bad_value(inst, attribute, "must be 1 to 64 characters long")
    if not all(c.isascii() and (c.isalnum() or c in "-_.") for c in value):
        raise bad_value(
            inst, attribute, "may only contain ASCII letters, digits, '-', '_' and '.'"
        )


# The parametrised validators are small classes rather than closures so that the fast
# structuring path (soapnotes.io._fast) can read their parameters and check inline.


class _IntRange:
    """An int (not a bool) from ``low`` to ``high`` inclusive (no upper bound when None)."""

    __slots__ = ("allowed", "high", "low")

    def __init__(self, low: int, high: int | None) -> None:
        self.low = low
        self.high = high
        self.allowed = (
            f"an integer from {low} to {high}" if high is not None else f"an integer >= {low}"
        )

    def __call__(self, inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad_type(inst, attribute, f"must be {self.allowed}, got {_type_name(value)}")
        if value < self.low or (self.high is not None and value > self.high):
            raise bad_value(inst, attribute, f"must be {self.allowed}, got {value}")


def int_range(low: int, high: int | None = None) -> Validator:
    """An int (not a bool) from low to high inclusive (no upper bound when high is None)."""
    return _IntRange(low, high)


class _Optional:
    """Apply ``check`` unless the value is None."""

    __slots__ = ("check",)

    def __init__(self, check: Validator) -> None:
        self.check = check

    def __call__(self, inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            self.check(inst, attribute, value)


def optional(check: Validator) -> Validator:
    """Apply ``check`` unless the value is None."""
    return _Optional(check)


class _NumberRange:
    """A finite int or float (not a bool) within [low, high], or (low, high] when low_open."""

    __slots__ = ("allowed", "high", "low", "low_open")

    def __init__(self, low: float, high: float, low_open: bool) -> None:
        self.low = low
        self.high = high
        self.low_open = low_open
        bracket = "(" if low_open else "["
        self.allowed = f"a number in {bracket}{low:g}, {high:g}]"

    def __call__(self, inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise bad_type(inst, attribute, f"must be {self.allowed}, got {_type_name(value)}")
        if not math.isfinite(value):
            raise bad_value(inst, attribute, f"must be {self.allowed}, got a non-finite number")
        too_low = value <= self.low if self.low_open else value < self.low
        if too_low or value > self.high:
            raise bad_value(inst, attribute, f"must be {self.allowed}, got {value:g}")


def number_range(low: float, high: float, *, low_open: bool = False) -> Validator:
    """A finite int or float (not a bool) within [low, high], or (low, high] when low_open."""
    return _NumberRange(low, high, low_open)


def aware_datetime(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A datetime with a time zone (a UTC offset)."""
    if not isinstance(value, dt.datetime):
        raise bad_type(inst, attribute, f"must be a datetime, got {_type_name(value)}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise bad_value(
            inst, attribute, "must carry a time zone (a UTC offset such as +01:00 or Z)"
        )


def calendar_date(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A date that is not a datetime."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise bad_type(inst, attribute, f"must be a date, got {_type_name(value)}")


class _InstanceOf:
    """An instance of ``kind`` (used for enums and nested records)."""

    __slots__ = ("kind",)

    def __init__(self, kind: type) -> None:
        self.kind = kind

    def __call__(self, inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, self.kind):
            raise bad_type(
                inst, attribute, f"must be a {self.kind.__name__}, got {_type_name(value)}"
            )


def instance_of(kind: type) -> Validator:
    """An instance of ``kind`` (used for enums and nested records)."""
    return _InstanceOf(kind)


class _TupleOf:
    """A tuple whose items are all ``kind`` (and pass ``element``), at least ``min_len`` long."""

    __slots__ = ("element", "kind", "max_len", "min_len")

    def __init__(
        self, kind: type, min_len: int, element: Validator | None, max_len: int = MAX_LIST_ITEMS
    ) -> None:
        self.kind = kind
        self.min_len = min_len
        self.max_len = max_len
        self.element = element

    def __call__(self, inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            raise bad_type(
                inst, attribute, f"must be a tuple (a list in JSON), got {_type_name(value)}"
            )
        min_len = self.min_len
        if len(value) < min_len:
            raise bad_value(
                inst, attribute, f"must have at least {min_len} item{'s' if min_len != 1 else ''}"
            )
        if len(value) > self.max_len:
            raise bad_value(
                inst, attribute, f"must have at most {self.max_len:,} items, got {len(value):,}"
            )
        for index, item in enumerate(value):
            if not isinstance(item, self.kind):
                raise bad_type(
                    inst,
                    attribute,
                    f"item [{index}] must be a {self.kind.__name__}, got {_type_name(item)}",
                )
            if self.element is not None:
                try:
                    self.element(inst, attribute, item)
                except InvalidField as exc:
                    exc.item = index  # reading reports the item's own path
                    raise


def tuple_of(kind: type, *, min_len: int = 0, element: Validator | None = None) -> Validator:
    """A tuple whose items are all ``kind`` (and pass ``element``), at least ``min_len`` and at
    most :data:`MAX_LIST_ITEMS` long."""
    return _TupleOf(kind, min_len, element)


class _UniqueBy:
    """No two items of a tuple share ``key`` (a class, so the fast path can check inline)."""

    __slots__ = ("key", "what")

    def __init__(self, key: Callable[[Any], object], what: str) -> None:
        self.key = key
        self.what = what

    def __call__(self, inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        seen: set[object] = set()
        for index, item in enumerate(value):
            k = self.key(item)
            if k in seen:
                raise bad_value(
                    inst, attribute, f"item [{index}] repeats a {self.what} listed before it"
                )
            seen.add(k)


def unique_by(key: Callable[[Any], object], what: str) -> Validator:
    """No two items of a tuple share ``key`` (``what`` names the key in the message)."""
    return _UniqueBy(key, what)


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Converter so Python callers may pass a list where a tuple is stored.

    A string (or anything not iterable) is passed through untouched, so the field's validator
    rejects it instead of it silently becoming a tuple of characters.
    """
    if isinstance(value, tuple):
        return value
    if isinstance(value, (list, set, frozenset)) or (
        isinstance(value, Iterable) and not isinstance(value, (str, bytes, dict))
    ):
        return tuple(value)
    return value  # type: ignore[return-value]
