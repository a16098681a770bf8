"""Numbers, dates and times as soapnotes prints them: unambiguous, with units.

The one home of the wording of dates and numbers for every document (notes, progress
reports, charts) and for the sentences the progress summary writes.
"""

from __future__ import annotations

import datetime as dt

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_month(value: dt.date) -> str:
    """'20 Nov': day and English month abbreviation (chart axes, where the year is known)."""
    return f"{value.day} {_MONTHS[value.month - 1]}"


def date(value: dt.date) -> str:
    """'20 Nov 2026': day, English month abbreviation, year; never 11/20 vs 20/11."""
    return f"{day_month(value)} {value.year}"


def utc_offset(value: dt.datetime) -> str:
    """'UTC-04:00', 'UTC+05:30', 'UTC+00:00'."""
    offset = value.utcoffset() or dt.timedelta(0)
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def datetime(value: dt.datetime) -> str:
    """'20 Nov 2026, 10:00 UTC-04:00': local time of the record with its offset."""
    return f"{date(value)}, {value:%H:%M} {utc_offset(value)}"


def age_on(born: dt.date, on: dt.date) -> int:
    """Completed years of age on a date."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def number(value: float, decimals: int = 0) -> str:
    """Thousands separated with a comma, fixed decimals; '-0' is printed as '0'."""
    text = f"{value:,.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text[1:].replace(",", "")) == 0 else text


def signed(value: float, decimals: int = 0) -> str:
    """Like :func:`number` with an explicit '+' for increases."""
    text = number(value, decimals)
    return text if text.startswith("-") or float(text.replace(",", "")) == 0 else "+" + text


def ml(value: float) -> str:
    """'2,200 mL'."""
    return f"{number(value)} mL"


def cm(value: float) -> str:
    """'16.5' (one decimal; the unit is in the column heading)."""
    return number(value, 1)


def percent(value: float) -> str:
    """'20.7 %'."""
    return f"{number(value, 1)} %"


def minutes(value: int) -> str:
    """'60 min'."""
    return f"{value} min"
