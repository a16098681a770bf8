"""Invalid input: the JSON data of a valid note with faults injected, and where each is reported.

The faults are aimed at the io layer (``soapnotes.from_dict``, ``soapnotes.loads``): each
one must come back as a problem at exactly its ``$.path``.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs
from hypothesis import strategies as st

from soapnotes._strategies._base import SearchStrategy
from soapnotes._strategies._note import notes
from soapnotes.errors import UsageError
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import _Vocabulary


class FaultKind(str, enum.Enum):
    """What :func:`invalid_note_data` did to the data.

    .. versionadded:: 0.1.0
    """

    WRONG_TYPE = "wrong_type"
    MISSING_KEY = "missing_key"
    UNKNOWN_KEY = "unknown_key"
    BAD_ENUM = "bad_enum"
    NAIVE_DATETIME = "naive_datetime"
    OUT_OF_RANGE = "out_of_range"


@attrs.frozen(kw_only=True)
class Fault:
    """One fault injected into note data, and the ``$.path`` that must be reported for it.

    .. versionadded:: 0.1.0
    """

    kind: FaultKind
    path: str


@attrs.frozen(kw_only=True)
class InvalidNoteData:
    """Note-shaped plain data (JSON types only) with ``faults`` injected.

    ``soapnotes.from_dict(data)`` must raise :class:`soapnotes.InvalidRecord` whose problems'
    paths are exactly :attr:`paths`.

    .. versionadded:: 0.1.0
    """

    data: dict[str, Any]
    faults: tuple[Fault, ...]

    @property
    def paths(self) -> frozenset[str]:
        """The paths that must be reported, one per fault."""
        return frozenset(f.path for f in self.faults)


_PathParts = tuple[str | int, ...]
# Bounds for drawing naive date-times (the fault); no time zone on purpose.
_NAIVE_FROM = dt.datetime(1990, 1, 1)  # noqa: DTZ001
_NAIVE_UNTIL = dt.datetime(2030, 1, 1)  # noqa: DTZ001


@attrs.frozen
class _Site:
    """A place in note data where a fault can go: a field of a record (or a list item)."""

    path: _PathParts
    owner: type
    name: str
    tp: Any
    required: bool
    record: bool  # True for the pseudo-site of a whole record (for unknown keys)


def _unwrap(tp: Any) -> tuple[Any, bool]:
    """(the type inside Optional, whether it was optional)."""
    args = typing.get_args(tp)
    if type(None) in args:
        (inner,) = [a for a in args if a is not type(None)]
        return inner, True
    return tp, False


def _tuple_item(tp: Any) -> Any | None:
    if typing.get_origin(tp) is tuple:
        return typing.get_args(tp)[0]
    return None


def _sites(data: Mapping[str, Any], cls: type, path: _PathParts) -> Iterator[_Site]:
    yield _Site(path, cls, "", cls, True, True)
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        tp = hints[field.name]
        required = field.default is attrs.NOTHING
        here = (*path, field.name)
        yield _Site(here, cls, field.name, tp, required, False)
        value = data.get(field.name)
        inner, _ = _unwrap(tp)
        item = _tuple_item(inner)
        if attrs.has(inner) and isinstance(value, Mapping):
            yield from _sites(value, inner, here)
        elif item is not None and isinstance(value, list):
            for index, element in enumerate(value):
                if attrs.has(item):
                    yield from _sites(element, item, (*here, index))
                else:
                    yield _Site((*here, index), cls, field.name, item, True, False)


def _format(path: _PathParts) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


_SMALL_JSON: dict[str, SearchStrategy[Any]] = {
    "null": st.none(),
    "bool": st.booleans(),
    "int": st.integers(-3, 3),
    "float": st.sampled_from((0.5, -1.25, 60.0)),
    "str": st.sampled_from(("", "x", "60", "2026-11-20")),
    "list": st.lists(st.integers(0, 3), max_size=2),
    "object": st.dictionaries(st.sampled_from(("a", "b")), st.integers(0, 3), max_size=1),
}


def _wrong_kinds(tp: Any) -> list[str]:
    """JSON kinds that a field of type ``tp`` never accepts."""
    inner, optional = _unwrap(tp)
    if inner is str:
        kinds = ["int", "float", "bool", "list", "object"]
    elif inner is int:
        kinds = ["float", "str", "bool", "list", "object"]
    elif inner is float:
        kinds = ["str", "bool", "list", "object"]
    elif inner in (dt.date, dt.datetime) or (
        isinstance(inner, type) and issubclass(inner, _Vocabulary)
    ):
        kinds = ["int", "float", "bool", "list", "object"]
    elif _tuple_item(inner) is not None:
        kinds = ["int", "str", "bool", "object"]
    else:  # a record
        kinds = ["int", "str", "bool", "list"]
    return kinds if optional else ["null", *kinds]


#: Numbers outside each ranged field's allowed range (the right type, a wrong value).
_OUT_OF_RANGE: dict[tuple[str, str], SearchStrategy[Any]] = {
    # 1 is read too (migrated on load), so only 0 and below, 3 and above are out of range.
    ("Note", "schema_version"): st.integers(3, 10**6) | st.integers(max_value=0),
    ("Condition", "isl_stage"): st.integers(4, 10**6) | st.integers(max_value=-1),
    ("Subjective", "pain"): st.integers(11, 10**6) | st.integers(max_value=-1),
    ("TreatedRegion", "minutes"): st.integers(481, 10**6) | st.integers(max_value=0),
    ("Session", "duration_minutes"): st.integers(481, 10**6) | st.integers(max_value=0),
    ("StemmerSign", "grade"): st.integers(4, 100) | st.integers(max_value=-1),
    ("Pitting", "grade"): st.integers(5, 100) | st.integers(max_value=-1),
    ("Pitting", "depth_mm"): st.floats(50.5, 1e6) | st.floats(-1e6, -0.5),
    ("Pitting", "rebound_s"): st.floats(3600.5, 1e9) | st.floats(-1e6, -0.5),
    ("AfterEffect", "duration_hours"): st.floats(8760.5, 1e9) | st.floats(-1e6, -0.5),
    ("CircumferencePoint", "distance_cm"): st.floats(200.5, 1e6) | st.floats(-1e6, -0.5),
    ("CircumferencePoint", "circumference_cm"): st.floats(300.5, 1e6) | st.floats(-1e6, 0),
    ("CircumferenceSeries", "interval_cm"): st.floats(50.5, 1e6) | st.floats(-1e6, 0),
    ("Intake", "height_cm"): st.floats(250.5, 1e6) | st.floats(-1e6, 29.5),
    ("Objective", "weight_kg"): st.floats(500.5, 1e6) | st.floats(-1e6, 0),
    ("ArterialCheck", "abpi"): st.floats(3.01, 1e6) | st.floats(-1e6, -0.01),
    ("Garment", "compression_class"): st.integers(5, 100) | st.integers(max_value=0),
    ("Prescription", "sessions_authorised"): st.integers(1001, 10**6) | st.integers(max_value=0),
    ("Bioimpedance", "ldex"): st.floats(200.5, 1e6) | st.floats(-1e6, -100.5),
}


def _enum_type(tp: Any) -> type[enum.Enum] | None:
    inner, _ = _unwrap(tp)
    if isinstance(inner, type) and issubclass(inner, _Vocabulary):
        return inner
    return None


def _apply(
    data: dict[str, Any], path: _PathParts, change: Callable[[Any, str | int], None]
) -> None:
    """Call ``change(container, key)`` on the container that holds ``path``'s last part."""
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    change(node, path[-1])


def _set(value: Any) -> Callable[[Any, str | int], None]:
    def change(container: Any, key: str | int) -> None:
        container[key] = value

    return change


def _delete(container: Any, key: str | int) -> None:
    del container[key]


def _not_in(values: set[str]) -> Callable[[str], bool]:
    return lambda value: value not in values


def _overlaps(a: _PathParts, b: _PathParts) -> bool:
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


def _pool(kind: FaultKind, sites: list[_Site]) -> list[_Site]:
    """The sites a fault of ``kind`` can go to."""
    fields = [s for s in sites if not s.record]
    if kind is FaultKind.UNKNOWN_KEY:
        return [s for s in sites if s.record]
    if kind is FaultKind.MISSING_KEY:
        return [s for s in fields if s.required and isinstance(s.path[-1], str)]
    if kind is FaultKind.BAD_ENUM:
        return [s for s in fields if _enum_type(s.tp) is not None]
    if kind is FaultKind.NAIVE_DATETIME:
        return [s for s in fields if _unwrap(s.tp)[0] is dt.datetime]
    if kind is FaultKind.OUT_OF_RANGE:
        return [
            s
            for s in fields
            if isinstance(s.path[-1], str) and (s.owner.__name__, s.name) in _OUT_OF_RANGE
        ]
    return fields


def _place(
    draw: st.DrawFn, kind: FaultKind, sites: list[_Site], touched: list[_PathParts]
) -> tuple[_Site, _PathParts] | None:
    """A site for the fault and the path it changes, clear of every fault placed so far."""
    pool = _pool(kind, sites)
    if kind is FaultKind.UNKNOWN_KEY:
        site = draw(st.sampled_from(pool))
        known = {f.name for f in attrs.fields(site.owner)}
        key = draw(st.from_regex(r"[a-z][a-z_]{0,15}", fullmatch=True).filter(_not_in(known)))
        target: _PathParts = (*site.path, key)
    else:
        pool = [s for s in pool if not any(_overlaps(s.path, t) for t in touched)]
        if not pool:
            return None
        site = draw(st.sampled_from(pool))
        target = site.path
    if any(_overlaps(target, t) for t in touched):
        return None
    return site, target


def _inject(
    draw: st.DrawFn, data: dict[str, Any], kind: FaultKind, site: _Site, target: _PathParts
) -> None:
    """Do the fault of ``kind`` to ``data`` at ``target``."""
    if kind is FaultKind.UNKNOWN_KEY:
        _apply(data, target, _set(draw(_SMALL_JSON["int"])))
    elif kind is FaultKind.MISSING_KEY:
        _apply(data, target, _delete)
    elif kind is FaultKind.BAD_ENUM:
        enum_type = _enum_type(site.tp)
        assert enum_type is not None  # noqa: S101 - the pool only holds enum fields
        values = {m.value for m in enum_type}
        bad = st.sampled_from(("", "LEFT", "unknown_value")) | st.text(max_size=8)
        _apply(data, target, _set(draw(bad.filter(_not_in(values)))))
    elif kind is FaultKind.NAIVE_DATETIME:
        naive = draw(st.datetimes(_NAIVE_FROM, _NAIVE_UNTIL))
        _apply(data, target, _set(naive.isoformat(timespec="seconds")))
    elif kind is FaultKind.OUT_OF_RANGE:
        _apply(data, target, _set(draw(_OUT_OF_RANGE[(site.owner.__name__, site.name)])))
    else:
        wrong = draw(st.sampled_from(_wrong_kinds(site.tp)))
        _apply(data, target, _set(draw(_SMALL_JSON[wrong])))


@st.composite
def _invalid_note_data(
    draw: st.DrawFn, base: SearchStrategy[Note], max_faults: int
) -> InvalidNoteData:
    from soapnotes.io import to_dict  # the io layer is what the faults are aimed at

    data = to_dict(draw(base))
    sites = list(_sites(data, Note, ()))
    faults: list[Fault] = []
    touched: list[_PathParts] = []
    for _ in range(draw(st.integers(1, max_faults))):
        kind = draw(st.sampled_from(FaultKind))
        placed = _place(draw, kind, sites, touched)
        if placed is None:
            continue
        site, target = placed
        _inject(draw, data, kind, site, target)
        touched.append(target)
        faults.append(Fault(kind=kind, path=_format(target)))
    if not faults:  # every draw collided; one unknown key at the top always fits
        data["unexpected_key"] = 1
        faults.append(Fault(kind=FaultKind.UNKNOWN_KEY, path="$.unexpected_key"))
    return InvalidNoteData(data=data, faults=tuple(faults))


def invalid_note_data(
    *, max_faults: int = 3, base: SearchStrategy[Note] | None = None
) -> SearchStrategy[InvalidNoteData]:
    """Note JSON data (from a valid note) with 1 to ``max_faults`` faults injected.

    Faults: a value of the wrong JSON type, a required key removed, an unknown key added, a
    string that is no enum value, a date-time without UTC offset, a number out of its range.
    Faults never nest (none sits inside another's value), so each is reported on its own.

    Args:
        max_faults: the most faults in one datum (at least 1).
        base: the valid notes to start from; :func:`notes` when None.

    Raises:
        UsageError: when ``max_faults`` is below 1.

    .. versionadded:: 0.1.0
    """
    if max_faults < 1:
        raise UsageError("max_faults must be at least 1")
    return _invalid_note_data(base if base is not None else notes(), max_faults)
