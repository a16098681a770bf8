"""Date rules: dates that cannot be true for the session they are recorded with.

A note records what happened up to its session. A history event (a lymphedema onset, a node
dissection, a surgery, a diagnosis, a cellulitis episode, a medication started, the
previous measurements, a garment fitted, an arterial check, an outcome questionnaire) dated
after the session has not happened yet when the note was written: a typing slip (the wrong
year) or a record filed with the wrong session. Nothing the note records can predate the
client's birth: the screen and the consent are checked against it (a screen in the year 1),
and the next session is not before this one.

Source: soapnotes policy (the internal consistency of a record's dates, as ISO 8601 calendar
dates on the session's own day; clinical documentation standards require records to be
accurate and contemporaneous: CMTO Standards of Practice, Record Keeping). Dates that other
families already check are left to them: consent and the screen after the session
(``timing``), a clearance after the session (``contraindications``), a prescription issued
after it (``referral``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs

from soapnotes.findings import Finding, Severity
from soapnotes.models.note import Note
from soapnotes.rules._core import RuleCode, RuleOptions

AFTER_SESSION = RuleCode(
    code="SN-DT-001",
    severity=Severity.ERROR,
    summary="A past event (onset, dissection, surgery, measurement, ...) dated after the session",
    source="soapnotes policy (a note records what happened up to its session)",
)
BEFORE_BIRTH = RuleCode(
    code="SN-DT-002",
    severity=Severity.ERROR,
    summary="Contraindication screen or consent dated before the client's date of birth",
    source="soapnotes policy (nothing recorded about a client predates their birth)",
)
NEXT_BEFORE = RuleCode(
    code="SN-DT-003",
    severity=Severity.ERROR,
    summary="The next session is planned before this session",
    source="soapnotes policy (the plan's next session follows this one)",
)

#: Fields that date something that has happened by the time of the session.
_PAST_EVENTS = frozenset(
    {
        "onset",
        "since",
        "performed_on",
        "diagnosed_on",
        "began_on",
        "measured_on",
        "fitted_on",
        "checked_on",
        "completed_on",
        "recorded_on",
    }
)
#: The dates checked against the client's birth: the screen and the consent, which other
#: families check against the session only.
_AFTER_BIRTH = frozenset({"screened_on", "given_on"})


def _dates(record: Any, path: str) -> Iterator[tuple[str, str, dt.date]]:
    """(path, field name, date) for every past-event date below ``record``."""
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        where = f"{path}.{field.name}"
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            if field.name in _PAST_EVENTS or field.name in _AFTER_BIRTH:
                yield where, field.name, value
        elif attrs.has(type(value)):
            yield from _dates(value, where)
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if attrs.has(type(item)):
                    yield from _dates(item, f"{where}[{index}]")


def past_events_not_after_session(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """No history event is dated after the session's own calendar date.

    Source: soapnotes policy (module docstring).
    """
    day = note.session.start.date()
    for record, where in ((note.client, "$.client"), (note.session, "$.session")):
        for path, name, value in _dates(record, where):
            if name in _PAST_EVENTS and value > day:
                yield AFTER_SESSION.at(
                    path, "dated {on}, after the session on {day}", on=value, day=day
                )


def dates_not_before_birth(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """The screen and the consent are not dated before the client's date of birth.

    Source: soapnotes policy (module docstring).
    """
    born = note.client.date_of_birth
    for record, path in ((note.client, "$.client"), (note.session, "$.session")):
        for where, name, value in _dates(record, path):
            if name in _AFTER_BIRTH and value < born:
                yield BEFORE_BIRTH.at(
                    where,
                    "dated {on}, before the client's date of birth {born}",
                    on=value,
                    born=born,
                )


def next_session_after_this(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """The plan's next session is on or after this session's date.

    Source: soapnotes policy (module docstring).
    """
    day = note.session.start.date()
    following = note.session.plan.next_session
    if following is not None and following < day:
        yield NEXT_BEFORE.at(
            "$.session.plan.next_session",
            "the next session on {next} is before this one on {day}",
            next=following,
            day=day,
        )
