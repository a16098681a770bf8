"""Time rules: minutes, dates and the order of consent, screen, session and signature.

Dates are compared on the session's own calendar date (its start in its own UTC offset).
Sources (``docs/sources.md``): clinic practice (signing requires consent on file, and is not
before the session; consent comes before the session it covers); soapnotes policy for the
checks no source needs to state (a session after the client's birth, not in the future, its
regions within its minutes up to a tolerance, no region implausibly long, a screen not older
than the clinic's maximum).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from soapnotes.findings import Finding, Severity
from soapnotes.models.note import Note
from soapnotes.rules._core import RuleCode, RuleOptions, iso_date, number, stamp

MINUTES_EXCEED = RuleCode(
    code="SN-TM-001",
    severity=Severity.ERROR,
    summary="Treated minutes exceed the session duration beyond the tolerance (configurable)",
    source=(
        "soapnotes policy (one note per session: its treated minutes fit in the session, "
        "RuleOptions.overrun_tolerance_minutes)"
    ),
)
BEFORE_BIRTH = RuleCode(
    code="SN-TM-002",
    severity=Severity.ERROR,
    summary="Session before the client's date of birth",
    source="soapnotes policy (dates: a session is on or after the client's birth)",
)
IN_FUTURE = RuleCode(
    code="SN-TM-003",
    severity=Severity.ERROR,
    summary="Session starts in the future",
    source="soapnotes policy (dates: a note records a session that has started)",
)
NO_CONSENT = RuleCode(
    code="SN-TM-004",
    severity=Severity.ERROR,
    summary="No informed consent on file (blocks signing)",
    source="clinic practice (signing requires informed consent on file)",
)
CONSENT_LATE = RuleCode(
    code="SN-TM-005",
    severity=Severity.ERROR,
    summary="Consent dated after the session it covers",
    source="clinic practice (consent is not dated after the session it covers)",
)
SCREEN_LATE = RuleCode(
    code="SN-TM-006",
    severity=Severity.ERROR,
    summary="Contraindication screen dated after the session",
    source="Vodder Akademie, contraindications to MLD (screened before treatment)",
)
SIGNED_EARLY = RuleCode(
    code="SN-TM-007",
    severity=Severity.ERROR,
    summary="Note signed before the session started",
    source="clinic practice (signing is not before the session)",
)
MINUTES_OVERRUN = RuleCode(
    code="SN-TM-008",
    severity=Severity.WARNING,
    summary="Treated minutes exceed the session duration within the tolerance (configurable)",
    source="soapnotes policy (RuleOptions.overrun_tolerance_minutes, 5 minutes)",
)
SCREEN_STALE = RuleCode(
    code="SN-TM-009",
    severity=Severity.ERROR,
    summary="Contraindication screen older than the clinic's maximum age (configurable)",
    source=(
        "soapnotes policy (RuleOptions.screen_max_age_days, 365 days); WakeMed policy "
        "(health questions asked again at each visit)"
    ),
)
REGION_TOO_LONG = RuleCode(
    code="SN-TM-010",
    severity=Severity.WARNING,
    summary="One treated region longer than the plausible maximum (configurable)",
    source="soapnotes policy (RuleOptions.region_max_minutes, 60: a guard against typing slips)",
)


def treatment_fits_session(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """The minutes of the treated regions add up to no more than the session's duration; a
    small overrun (up to ``RuleOptions.overrun_tolerance_minutes``, 5 by default) is a
    warning, more an error.

    Source: soapnotes policy (one note per session).
    """
    session = note.session
    over = session.treatment_minutes - session.duration_minutes
    if over <= 0:
        return
    treated, duration = session.treatment_minutes, session.duration_minutes
    tolerance = options.overrun_tolerance_minutes
    if over > tolerance:
        yield MINUTES_EXCEED.at(
            "$.session.duration_minutes",
            "the treated regions add up to {treated} minutes, more than the "
            "{duration}-minute session",
            treated=treated,
            duration=duration,
        )
    else:
        yield MINUTES_OVERRUN.at(
            "$.session.duration_minutes",
            "the treated regions add up to {treated} minutes, more than the "
            "{duration}-minute session (by {over}, within the {tolerance}-minute tolerance): "
            "check the duration",
            treated=treated,
            duration=duration,
            over=over,
            tolerance=number(tolerance, "g"),
        )


def regions_plausibly_long(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """No single region is treated longer than ``RuleOptions.region_max_minutes`` (60).

    Source: soapnotes policy (a guard against typing slips, not a clinical norm).
    """
    most = options.region_max_minutes
    for index, treated in enumerate(note.session.treatment):
        if treated.minutes > most:
            yield REGION_TOO_LONG.at(
                f"$.session.treatment[{index}].minutes",
                "{region} is recorded as {minutes} minutes, longer than the plausible {most}: "
                "check the number",
                region=treated,
                minutes=treated.minutes,
                most=number(most, "g"),
            )


def session_after_birth(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """The session is on or after the client's date of birth.

    Source: soapnotes policy (dates).
    """
    session_date = note.session.start.date()
    if session_date < note.client.date_of_birth:
        yield BEFORE_BIRTH.at(
            "$.session.start",
            "the session on {day} is before the client's date of birth {born}",
            day=iso_date(session_date),
            born=iso_date(note.client.date_of_birth),
        )


def session_not_in_future(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A note records a session that has started: its start is not after ``options.now``.

    Source: soapnotes policy (a note records a session given).
    """
    now = options.now or dt.datetime.now(dt.timezone.utc)
    if note.session.start > now:
        yield IN_FUTURE.at(
            "$.session.start",
            "the session starts {start}, after now ({now})",
            start=note.session.start,
            now=stamp(now, "minutes"),
        )


def consent_on_file(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Informed consent is on file, and not dated after the session it covers.

    Source: clinic practice (signing requires informed consent on file; consent is not
    after the session it covers).
    """
    consent = note.client.consent
    session_date = note.session.start.date()
    if consent is None:
        yield NO_CONSENT.at("$.client.consent", "no informed consent is on file")
    elif consent.given_on > session_date:
        yield CONSENT_LATE.at(
            "$.client.consent.given_on",
            "consent is dated {on}, after the session on {day}",
            on=iso_date(consent.given_on),
            day=iso_date(session_date),
        )


def screen_before_session(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """The contraindication screen is not dated after the session (it comes before it).

    Source: Vodder Akademie, contraindications to MLD (screened before treatment).
    """
    screening = note.client.screening
    session_date = note.session.start.date()
    if screening is not None and screening.screened_on > session_date:
        yield SCREEN_LATE.at(
            "$.client.screening.screened_on",
            "the screen is dated {on}, after the session on {day}",
            on=iso_date(screening.screened_on),
            day=iso_date(session_date),
        )


def screen_not_stale(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """The contraindication screen is not older than ``RuleOptions.screen_max_age_days``
    (365) before the session: an old screen says nothing of today's clots or infections.

    Source: soapnotes policy; WakeMed policy (health questions asked again at each visit).
    """
    screening = note.client.screening
    session_date = note.session.start.date()
    if screening is None:
        return
    if screening.out_of_date(session_date, options.screen_max_age_days):
        age = screening.age_days(session_date)
        yield SCREEN_STALE.at(
            "$.client.screening.screened_on",
            "the screen is dated {on}, {days} days before the session: older than the "
            "clinic's maximum of {most} days, so screen again",
            on=iso_date(screening.screened_on),
            days=age,
            most=number(options.screen_max_age_days, "g"),
        )


def signed_after_session(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A signature is not before the session starts.

    Source: clinic practice (signing is not before the session).
    """
    signature = note.signature
    if signature is not None and signature.signed_at < note.session.start:
        yield SIGNED_EARLY.at(
            "$.signature.signed_at",
            "signed {signed}, before the session started {start}",
            signed=signature.signed_at,
            start=note.session.start,
        )
