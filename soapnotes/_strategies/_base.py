"""What every strategy module shares: caching, the draw helper, dates, ids and hashes."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import typing
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

SearchStrategy = st.SearchStrategy
T = typing.TypeVar("T")
P = typing.ParamSpec("P")


def _cached(factory: Callable[P, T]) -> Callable[P, T]:
    """Give back the same strategy for the same options.

    A strategy is checked the first time it is drawn from; notes draw dozens of sub-strategies,
    and building them afresh for every note doubled the time a note takes.
    """
    return functools.lru_cache(maxsize=512)(factory)  # type: ignore[return-value]


#: Sessions are drawn from this window: in the past (the rules refuse future sessions) and
#: recent enough for a plausible client.
_FIRST_SESSION = dt.date(2000, 1, 1)
_LAST_SESSION = dt.date(2024, 12, 31)
_OLDEST_BIRTH = dt.date(1920, 1, 1)
_DAY = dt.timedelta(days=1)


@st.composite
def _drawn(draw: st.DrawFn, build: Callable[[st.DrawFn], T]) -> T:
    """A strategy that runs ``build(draw)``.

    Factories define their ``build`` per call (it closes over the options); decorating it with
    ``st.composite`` each time would read its source on every draw, which is slow.
    """
    return build(draw)


def _maybe(strategy: SearchStrategy[Any]) -> SearchStrategy[Any]:
    """None or a value; None first so optional fields shrink away."""
    return st.none() | strategy


def _schema_2(draw: st.DrawFn, schema_2: bool | None, strategy: SearchStrategy[T]) -> T | None:
    """A schema-2 record: always with ``schema_2=True``, never with False, maybe with None
    (None first, so it shrinks away)."""
    if schema_2 is False:
        return None
    if schema_2 is True:
        return draw(strategy)
    value: T | None = draw(_maybe(strategy))
    return value


def _schema_2_list(
    draw: st.DrawFn, schema_2: bool | None, strategy: SearchStrategy[T], max_size: int = 2
) -> list[T]:
    """Schema-2 list items: at least one with ``schema_2=True``, none with False."""
    if schema_2 is False:
        return []
    return draw(st.lists(strategy, min_size=1 if schema_2 else 0, max_size=max_size))


@_cached
def _identifiers() -> SearchStrategy[str]:
    return st.from_regex(r"[A-Z]{1,3}-[0-9]{1,6}", fullmatch=True)


@_cached
def _sha256() -> SearchStrategy[str]:
    return st.binary(max_size=16).map(lambda b: hashlib.sha256(b).hexdigest())


@_cached
def _dates_between(low: dt.date, high: dt.date) -> SearchStrategy[dt.date]:
    return st.dates(min_value=min(low, high), max_value=high)


#: UTC offsets in quarter hours, from -12:00 to +14:00.
_OFFSETS = st.integers(-12 * 4, 14 * 4).map(
    lambda quarters: dt.timezone(dt.timedelta(minutes=15 * quarters))
)


@_cached
def _starts(session_date: dt.date | None = None) -> SearchStrategy[dt.datetime]:
    """Aware session starts: a date in the past window, a time of day, a UTC offset."""
    days = st.just(session_date) if session_date else st.dates(_FIRST_SESSION, _LAST_SESSION)
    return st.builds(
        lambda day, time, tz: dt.datetime.combine(day, time, tzinfo=tz),
        days,
        st.times(),
        _OFFSETS,
    )
