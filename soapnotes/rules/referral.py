"""Referral rules: the session against its prescription (dates, sessions authorised and used).

Source: soapnotes policy (a session is given within its prescription: issued before it,
still valid, with sessions left), ``docs/sources.md``.
"""

from __future__ import annotations

from collections.abc import Iterator

from soapnotes.findings import Finding, Severity
from soapnotes.models.note import Note
from soapnotes.rules._core import RuleCode, RuleOptions

SESSIONS_EXCEEDED = RuleCode(
    code="SN-PX-001",
    severity=Severity.WARNING,
    summary="More sessions used than the prescription authorises",
    source="soapnotes policy (a session within its prescription's authorised sessions)",
)
OUTSIDE_VALIDITY = RuleCode(
    code="SN-PX-002",
    severity=Severity.WARNING,
    summary="Session outside the prescription's dates (issued after it, or expired)",
    source="soapnotes policy (a session within its prescription's dates)",
)
LAST_AUTHORISED = RuleCode(
    code="SN-PX-003",
    severity=Severity.INFO,
    summary="The last authorised session of the prescription",
    source="soapnotes policy (ask for a new prescription in time)",
)

_PATH = "$.client.prescription"


def within_prescription(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """The session is within the prescription's dates and authorised sessions.

    Source: soapnotes policy.
    """
    prescription = note.client.prescription
    if prescription is None:
        return
    day = note.session.start.date()
    if prescription.issued_on > day:
        yield OUTSIDE_VALIDITY.at(
            f"{_PATH}.issued_on",
            "the prescription is dated {on}, after the session",
            on=prescription.issued_on,
        )
    if prescription.valid_until is not None and prescription.valid_until < day:
        yield OUTSIDE_VALIDITY.at(
            f"{_PATH}.valid_until",
            "the prescription expired on {on}, before the session",
            on=prescription.valid_until,
        )
    left = prescription.sessions_left
    if left is not None and left < 0:
        yield SESSIONS_EXCEEDED.at(
            f"{_PATH}.sessions_used",
            "{used} sessions used of {authorised} authorised",
            used=prescription.sessions_used,
            authorised=prescription.sessions_authorised,
        )
    elif left == 0:
        yield LAST_AUTHORISED.at(
            f"{_PATH}.sessions_used",
            "this is the last of {authorised} authorised sessions: ask for a new prescription "
            "if treatment goes on",
            authorised=prescription.sessions_authorised,
        )
