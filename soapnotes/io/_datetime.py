"""The one ISO 8601 date and date-time reading, the same on Python 3.10 and later.

Files (``$.session.start``) and the command line (``--at``) both read date-times here.
"""

from __future__ import annotations

import datetime as dt
import re

DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_DATETIME_RE = re.compile(
    r"(?P<main>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?)(?:\.(?P<fraction>\d{1,6}))?"
    r"(?P<tz>Z|[+-]\d{2}:\d{2})?\Z"
)
#: What is wrong with a date-time without a UTC offset.
NAIVE = "has no UTC offset: add one such as +01:00 or Z"


def parse_aware_datetime(text: str) -> dt.datetime:
    """An ISO 8601 date-time with a UTC offset (``Z`` allowed), the same on every Python.

    Raises:
        ValueError: with a message saying what is wrong (never quoting ``text``).
    """
    match = _DATETIME_RE.match(text)
    if not match:
        raise ValueError("must be an ISO 8601 date-time such as 2026-11-20T10:00:00+01:00")
    if match["tz"] is None:
        raise ValueError(NAIVE)
    # Python 3.10's fromisoformat takes only 3 or 6 fraction digits and no "Z": normalise.
    fraction = f".{match['fraction']:0<6}" if match["fraction"] else ""
    offset = "+00:00" if match["tz"] == "Z" else match["tz"]
    try:
        return dt.datetime.fromisoformat(match["main"] + fraction + offset)
    except ValueError:
        raise ValueError("must be a real date and time of day") from None
