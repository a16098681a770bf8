"""Numbers, dates and times as soapnotes prints them: unambiguous, with units.

The one home of the wording of dates and numbers for every document (notes, progress
reports, charts) and for the sentences the progress summary writes. Each function writes
in the active locale (:func:`soapnotes.i18n.active_locale`, English outside a render call):
English by the rules below, German and French by CLDR through Babel, imported only then
("20. Nov. 2026", "2.200 mL", "20,7 %").
"""

from __future__ import annotations

import datetime as dt
import functools

from soapnotes.i18n._active import active_locale

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _cldr() -> str | None:
    """The active locale when it is not English (Babel writes it), else None."""
    locale = active_locale()
    return None if locale == "en" or locale.startswith("en_") else locale


@functools.lru_cache(maxsize=4096)
def _skeleton(skeleton: str, value: dt.date, locale: str) -> str:
    """CLDR's wording of a date for a skeleton; cached, as Babel matches the skeleton to a
    pattern on every call and a document prints the same dates many times."""
    from babel.dates import format_skeleton

    return str(format_skeleton(skeleton, value, locale=locale))


def day_month(value: dt.date) -> str:
    """'20 Nov' ('20. Nov.', '20 nov.'): day and month (chart axes, where the year is known)."""
    locale = _cldr()
    if locale is None:
        return f"{value.day} {_MONTHS[value.month - 1]}"
    return _skeleton("MMMd", value, locale)


def date(value: dt.date) -> str:
    """'20 Nov 2026' ('20. Nov. 2026', '20 nov. 2026'); never 11/20 vs 20/11."""
    locale = _cldr()
    if locale is None:
        return f"{day_month(value)} {value.year}"
    return _skeleton("yMMMd", value, locale)


def utc_offset(value: dt.datetime) -> str:
    """'UTC-04:00', 'UTC+05:30', 'UTC+00:00' (German CLDR: 'GMT-04:00')."""
    locale = _cldr()
    if locale is not None:
        return _gmt(value.utcoffset() or dt.timedelta(0), locale)
    offset = value.utcoffset() or dt.timedelta(0)
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


@functools.lru_cache(maxsize=256)
def _gmt(offset: dt.timedelta, locale: str) -> str:
    """CLDR's wording of a UTC offset ('GMT-04:00', 'UTC-04:00'); cached per offset."""
    from babel.dates import get_timezone_gmt

    moment = dt.datetime(2026, 1, 1, tzinfo=dt.timezone(offset))
    return str(get_timezone_gmt(moment, locale=locale))


def datetime(value: dt.datetime) -> str:
    """'20 Nov 2026, 10:00 UTC-04:00': local time of the record with its offset."""
    return f"{date(value)}, {value:%H:%M} {utc_offset(value)}"


def age_on(born: dt.date, on: dt.date) -> int:
    """Completed years of age on a date."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def number(value: float, decimals: int = 0) -> str:
    """Thousands separated (',' in English), fixed decimals; '-0' is printed as '0'."""
    if round(value, decimals) == 0:
        value = 0.0
    locale = _cldr()
    if locale is None:
        return f"{value:,.{decimals}f}"
    return _decimal(value, decimals, locale)


@functools.lru_cache(maxsize=8192)
def _decimal(value: float, decimals: int, locale: str) -> str:
    """CLDR's grouping and decimal signs; cached (Babel parses the pattern on every call)."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return str(format_decimal(value, format=pattern, locale=locale))


def signed(value: float, decimals: int = 0) -> str:
    """Like :func:`number` with an explicit '+' for increases."""
    text = number(value, decimals)
    return text if round(value, decimals) <= 0 else "+" + text


def ml(value: float) -> str:
    """'2,200 mL'."""
    return f"{number(value)} mL"


def cm(value: float) -> str:
    """'16.5' (one decimal; the unit is in the column heading)."""
    return number(value, 1)


def percent(value: float) -> str:
    """'20.7 %' ('20,7 %' with the locale's space before the sign)."""
    locale = _cldr()
    if locale is None:
        return f"{number(value, 1)} %"
    return _percent_pattern(locale).replace("0", number(value, 1), 1)


@functools.lru_cache(maxsize=16)
def _percent_pattern(locale: str) -> str:
    """'0 %' with the locale's space (or none) between number and sign."""
    from babel.numbers import format_percent

    return str(format_percent(0, locale=locale))


def minutes(value: int) -> str:
    """'60 min'."""
    return f"{value} min"
