"""Reading and writing notes: dict, JSON and TOML, through one private cattrs converter.

Everything the outside world sends comes out either as records or as one
:class:`~soapnotes.errors.InvalidRecord` listing every problem with its ``$.path``.

The interchange layout (stable; see the README): snake_case keys named as the record fields,
dates as ``YYYY-MM-DD``, date-times as ISO 8601 with a UTC offset, enums as their lowercase
string values, lists for tuples. JSON writes every field (``null`` for absent ones); TOML has
no null, so absent fields are left out. TOML may also use its native dates and date-times.

Input is strict: unknown keys, naive date-times, a float where an integer belongs, ``"60"``
for 60, ``true`` for 1, a non-finite number, and duplicate JSON keys are all errors.
"""

from __future__ import annotations

import collections
import datetime as dt
import enum
import functools
import json
import os
import re
import sys
import types
import typing
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs

from soapnotes import _fast
from soapnotes._files import write_atomic
from soapnotes.errors import InvalidRecord, Problem
from soapnotes.models import _fields
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import _Vocabulary

# cattrs, tomllib, tempfile and pathlib load on first use: `import soapnotes` stays light
# (benchmarks/import_time.py).
if TYPE_CHECKING:
    from pathlib import Path

    import cattrs

__all__ = [
    "Format",
    "dump",
    "dumps",
    "from_dict",
    "load",
    "loads",
    "to_dict",
]

R = TypeVar("R")
Format = Literal["json", "toml"]
_PathPart = str | int


class _Invalid(Exception):
    """Internal: problems found while structuring, with paths relative to the current value."""

    def __init__(self, problems: list[tuple[tuple[_PathPart, ...], str]]) -> None:
        self.problems = problems


def _fail(message: str) -> typing.NoReturn:
    raise _Invalid([((), message)])


def _describe(value: object) -> str:
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


# -- primitives ----------------------------------------------------------------------------


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        _fail(f"must be a string, got {_describe(value)}")
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        _fail(f"must be an integer, got {_describe(value)}")
    return value


def _structure_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        _fail(f"must be a number, got {_describe(value)}")
    try:
        return float(value)
    except OverflowError:  # JSON integers have no size limit; floats do
        _fail("must be a number no larger than about 1.8e308, got a larger integer")


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        _fail(f"must be true or false, got {_describe(value)}")
    return value


_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_DATETIME_RE = re.compile(
    r"(?P<main>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?)(?:\.(?P<fraction>\d{1,6}))?"
    r"(?P<tz>Z|[+-]\d{2}:\d{2})?\Z"
)
_NAIVE = "has no UTC offset: add one such as +01:00 or Z"


def parse_aware_datetime(text: str) -> dt.datetime:
    """An ISO 8601 date-time with a UTC offset (``Z`` allowed), the same on every Python.

    Raises:
        ValueError: with a message saying what is wrong (never quoting ``text``).
    """
    match = _DATETIME_RE.match(text)
    if not match:
        raise ValueError("must be an ISO 8601 date-time such as 2026-11-20T10:00:00+01:00")
    if match["tz"] is None:
        raise ValueError(_NAIVE)
    # Python 3.10's fromisoformat takes only 3 or 6 fraction digits and no "Z": normalise.
    fraction = f".{match['fraction']:0<6}" if match["fraction"] else ""
    offset = "+00:00" if match["tz"] == "Z" else match["tz"]
    try:
        return dt.datetime.fromisoformat(match["main"] + fraction + offset)
    except ValueError:
        raise ValueError("must be a real date and time of day") from None


def _structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not _DATE_RE.match(value):
        _fail(f"must be a date as YYYY-MM-DD, got {_describe(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail("must be a real calendar date as YYYY-MM-DD")


def _structure_datetime(value: object, _: type) -> dt.datetime:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            _fail(_NAIVE)
        return value
    if not isinstance(value, str):
        _fail(f"must be an ISO 8601 date-time with a UTC offset, got {_describe(value)}")
    try:
        return parse_aware_datetime(value)
    except ValueError as exc:
        _fail(str(exc))


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    member = cls._value2member_map_.get(value) if isinstance(value, str) else None
    if member is None:
        allowed = ", ".join(str(m.value) for m in cls)
        if not isinstance(value, str):
            _fail(f"must be one of: {allowed}; got {_describe(value)}")
        _fail(f"is not a known value; allowed: {allowed}")
    return member


def _unstructure_enum(value: enum.Enum) -> object:
    return value.value


# -- containers ----------------------------------------------------------------------------


def _is_optional(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in (
        typing.get_args(tp)
    )


def _make_optional_hook(tp: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
    inner_hook = conv.get_structure_hook(inner)

    def structure_optional(value: Any, _: Any) -> Any:
        return None if value is None else inner_hook(value, inner)

    return structure_optional


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _make_tuple_hook(tp: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    item_type = typing.get_args(tp)[0]
    item_hook = conv.get_structure_hook(item_type)

    def structure_tuple(value: Any, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, (list, tuple)):
            _fail(f"must be a list, got {_describe(value)}")
        items = []
        problems: list[tuple[tuple[_PathPart, ...], str]] = []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except _Invalid as exc:
                problems.extend(((index, *path), msg) for path, msg in exc.problems)
        if problems:
            raise _Invalid(problems)
        return tuple(items)

    return structure_tuple


_KEY_LIKE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}\Z")


def _safe_key(key: object) -> str:
    """An unknown key as it may appear in a path: only when it looks like a field name.

    Anything else (a sentence pasted where a key belongs, say) is not echoed.
    """
    if isinstance(key, str) and _KEY_LIKE.match(key):
        return key
    return "<unknown key>"


def _make_record_hook(cls: type, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Structure an attrs record, collecting every problem before giving up.

    Every field is structured first. Sound input is then built in one call; only when that
    fails is each field's attrs validator run on its own, so that all field problems are
    reported at once. The record's cross-field check runs once its fields are sound.
    """
    hints = typing.get_type_hints(cls)
    fields = [(a.name, hints[a.name], a.default is attrs.NOTHING) for a in attrs.fields(cls)]
    attributes = {a.name: a for a in attrs.fields(cls)}
    validators = {a.name: a.validator for a in attrs.fields(cls)}
    # Problems are reported in field order, unknown keys last.
    order: collections.defaultdict[str, int] = collections.defaultdict(lambda: len(attributes))
    order.update((name, index) for index, name in enumerate(attributes))
    hooks = {name: conv.get_structure_hook(tp) for name, tp, _ in fields}
    known = frozenset(attributes)
    allowed = ", ".join(attributes)

    def structure_record(value: Any, _: Any) -> Any:
        if not isinstance(value, Mapping):
            _fail(f"must be an object (a table in TOML), got {_describe(value)}")
        problems: list[tuple[tuple[_PathPart, ...], str]] = []
        kwargs: dict[str, Any] = {}
        for name, tp, required in fields:
            if name not in value:
                if required:
                    problems.append(((name,), "is required but missing"))
                continue
            try:
                kwargs[name] = hooks[name](value[name], tp)
            except _Invalid as exc:
                problems.extend(((name, *path), msg) for path, msg in exc.problems)
        if len(value) > len(kwargs):
            for key in value:
                if key not in known:
                    problems.append(
                        (
                            (_safe_key(key),),
                            f"is not a field of {cls.__name__}; allowed: {allowed}",
                        )
                    )
        if not problems:
            try:
                return cls(**kwargs)
            except _fields.FieldProblems as exc:  # the record's cross-field check
                raise _Invalid(
                    [(tuple(field.split(".")), message) for field, message in exc.problems]
                ) from None
            except (TypeError, ValueError):
                pass  # a field validator refused: collect every such problem below
        # The slow path, only for bad input: run each field's validator on its own.
        for name, structured in kwargs.items():
            validator = validators[name]
            if validator is None:
                continue
            try:
                validator(None, attributes[name], structured)
            except (TypeError, ValueError) as exc:
                problems.append(((name,), str(exc)))
        raise _Invalid(sorted(problems, key=lambda p: order[str(p[0][0])]))

    return structure_record


def _make_converter() -> cattrs.Converter:
    import cattrs

    conv = cattrs.Converter()
    # On str itself: cattrs consults its (singledispatch) primitive hooks before predicate
    # hooks, so a predicate `t is str` never ran and str(value) turned null and 5 into text.
    # The vocabulary enums are str too, but their own hook below is more specific.
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(dt.datetime, _structure_datetime)
    conv.register_structure_hook(dt.date, _structure_date)
    # singledispatch on the enums' own base, more specific than both str and Enum.
    conv.register_structure_hook(_Vocabulary, _structure_enum)
    conv.register_structure_hook_factory(_is_optional, lambda t: _make_optional_hook(t, conv))
    conv.register_structure_hook_factory(
        _is_homogeneous_tuple, lambda t: _make_tuple_hook(t, conv)
    )
    conv.register_structure_hook_factory(attrs.has, lambda t: _make_record_hook(t, conv))

    conv.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(_Vocabulary, _unstructure_enum)
    conv.register_unstructure_hook_factory(
        _is_homogeneous_tuple,
        lambda t: _make_list_unstructure(conv.get_unstructure_hook(typing.get_args(t)[0])),
    )
    return conv


def _make_list_unstructure(item: Callable[[Any], Any]) -> Callable[[Any], list[Any]]:
    def unstructure_list(value: Any) -> list[Any]:
        return [item(v) for v in value]

    return unstructure_list


_converter_cache: list[cattrs.Converter] = []


def _get_converter() -> cattrs.Converter:
    """The converter, built on first use (importing cattrs and building it is most of the
    cost of ``import soapnotes`` otherwise)."""
    if not _converter_cache:
        _converter_cache.append(_make_converter())
    return _converter_cache[0]


def _format_path(parts: tuple[_PathPart, ...]) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


# -- public API ----------------------------------------------------------------------------


@typing.overload
def from_dict(data: object, *, source: str | None = None) -> Note: ...
@typing.overload
def from_dict(data: object, record_type: type[R], *, source: str | None = None) -> R: ...
def from_dict(data: object, record_type: type[Any] = Note, *, source: str | None = None) -> Any:
    """Build a record (a :class:`Note` unless ``record_type`` says otherwise) from plain data.

    Args:
        data: a dict as produced by :func:`to_dict` or parsed from JSON/TOML.
        record_type: any soapnotes record class.
        source: a file name to put in front of the error message.

    Raises:
        InvalidRecord: listing every problem with its ``$.path``.

    .. versionadded:: 0.1.0
    """
    fast = _fast.structurer(record_type)
    if fast is not None:
        try:
            return fast(data)
        except Exception:  # noqa: S110 - any doubt: the detailed path decides and reports
            pass
    return _from_dict_detailed(data, record_type, source=source)


def _from_dict_detailed(data: object, record_type: type[Any], *, source: str | None) -> Any:
    """The detailed path: cattrs hooks that collect every problem with its path."""
    try:
        result = _get_converter().structure(data, record_type)
    except _Invalid as exc:
        raise InvalidRecord(
            (Problem(_format_path(path), message) for path, message in exc.problems),
            source=source,
        ) from None
    return result


def to_dict(record: object) -> dict[str, Any]:
    """The record as plain data in the interchange layout (absent fields as None).

    .. versionadded:: 0.1.0
    """
    data: dict[str, Any] = _get_converter().unstructure(record)
    return data


@functools.cache
def _toml_layout(record_type: type) -> tuple[dict[str, Any], dict[str, bool]]:
    """A record's field types and which fields have defaults (resolved once per class)."""
    hints = typing.get_type_hints(record_type)
    defaults = {a.name: a.default is not attrs.NOTHING for a in attrs.fields(record_type)}
    return hints, defaults


def _nativise(value: Any, record_type: type) -> Any:
    """Prepare unstructured data for TOML: native dates, no nulls, no empty optional lists."""
    hints, defaults = _toml_layout(record_type)
    out = {}
    for key, item in value.items():
        if item is None or (item == [] and defaults[key]):
            continue
        out[key] = _nativise_value(item, hints[key])
    return out


def _nativise_value(item: Any, tp: Any) -> Any:
    if item is None:
        return None
    if _is_optional(tp):
        (tp,) = [a for a in typing.get_args(tp) if a is not type(None)]
    if tp is dt.datetime:
        return dt.datetime.fromisoformat(item)
    if tp is dt.date:
        return dt.date.fromisoformat(item)
    if _is_homogeneous_tuple(tp):
        inner = typing.get_args(tp)[0]
        return [_nativise_value(v, inner) for v in item]
    if attrs.has(tp):
        return _nativise(item, tp)
    return item


def dumps(record: object, format: Format = "json") -> str:
    """The record as JSON (2-space indent, UTF-8 text, fields in record order) or TOML.

    .. versionadded:: 0.1.0
    """
    data = to_dict(record)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if format == "toml":
        import tomli_w

        native = _nativise(data, type(record))
        return tomli_w.dumps(native)
    raise ValueError("format must be 'json' or 'toml'")


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)  # in C; only a short dict means a key repeated
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Invalid([((), f"an object repeats the key {_safe_key(key)!r}")])
            seen.add(key)
    return out


def _reject_constant(name: str) -> Any:
    raise _Invalid([((), f"{name} is not a number allowed in a note")])


_TOML_POSITION = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")


def _parse(text: str, format: Format) -> object:
    """Parse JSON or TOML text; syntax errors become _Invalid with line and column."""
    if format == "json":
        try:
            return json.loads(
                text, object_pairs_hook=_reject_duplicate_keys, parse_constant=_reject_constant
            )
        except json.JSONDecodeError as exc:
            _fail(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
        except ValueError:  # Python's limit on the digits of an integer
            _fail("invalid JSON: a number is too long to read")
        except RecursionError:
            _fail("invalid JSON: nested too deeply")
    if format == "toml":
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
                _fail(
                    f"invalid TOML at line {match['line']}, column {match['col']}: {match['msg']}"
                )
            _fail(f"invalid TOML: {first}")
        except ValueError:
            _fail("invalid TOML: a number is too long to read")
        except RecursionError:
            _fail("invalid TOML: nested too deeply")
    raise ValueError("format must be 'json' or 'toml'")


@typing.overload
def loads(text: str | bytes, format: Format = "json", *, source: str | None = None) -> Note: ...
@typing.overload
def loads(
    text: str | bytes, format: Format, record_type: type[R], *, source: str | None = None
) -> R: ...
def loads(
    text: str | bytes,
    format: Format = "json",
    record_type: type[Any] = Note,
    *,
    source: str | None = None,
) -> Any:
    """Parse JSON or TOML text (or UTF-8 bytes) into a record.

    Raises:
        InvalidRecord: syntax errors (with line and column) and every structural problem.

    .. versionadded:: 0.1.0
    """
    try:
        if isinstance(text, bytes):
            try:
                text = text.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                _fail(f"is not valid UTF-8 text (bad byte at offset {exc.start})")
        data = _parse(text, format)
    except _Invalid as exc:
        raise InvalidRecord(
            (Problem(_format_path(path), message) for path, message in exc.problems),
            source=source,
        ) from None
    return from_dict(data, record_type, source=source)


def _format_of(path: Path) -> Format:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix == ".toml":
        return "toml"
    raise InvalidRecord(
        [Problem("$", "the file name must end in .json or .toml")], source=str(path)
    )


@typing.overload
def load(path: str | os.PathLike[str]) -> Note: ...
@typing.overload
def load(path: str | os.PathLike[str], record_type: type[R]) -> R: ...
def load(path: str | os.PathLike[str], record_type: type[Any] = Note) -> Any:
    """Read a note (or another record) from a ``.json`` or ``.toml`` file.

    Raises:
        InvalidRecord: unknown suffix, syntax errors, every structural problem.
        OSError: the file cannot be read.

    .. versionadded:: 0.1.0
    """
    from pathlib import Path

    file = Path(path)
    format = _format_of(file)
    return loads(file.read_bytes(), format, record_type, source=str(file))


def dump(record: object, path: str | os.PathLike[str]) -> None:
    """Write a record to ``path`` as JSON or TOML (by suffix), atomically.

    The text goes to a temporary file in the same folder which is then renamed into place,
    so a crash never leaves half a file.

    .. versionadded:: 0.1.0
    """
    from pathlib import Path

    file = Path(path)
    write_atomic(file, dumps(record, _format_of(file)).encode("utf-8"))
