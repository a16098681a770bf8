"""Time rules (SN-TM-*): dates of consent, screen, session and signature (clinic practice)."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from soapnotes import Consent, Note, Screening, Signature
from tests.rules.helpers import codes, only, with_client, with_session

DAY = dt.timedelta(days=1)
SESSION_DAY = dt.date(2026, 11, 20)  # the arm example: 2026-11-20T10:00-04:00
TREATED_MINUTES = 50  # the arm example's treated regions add up to 50


def _consent(note: Note) -> Consent:
    assert note.client.consent is not None
    return note.client.consent


def _screening(note: Note) -> Screening:
    assert note.client.screening is not None
    return note.client.screening


def test_minutes_equal_to_duration_pass(arm: Note) -> None:
    """Treated minutes exactly filling the session are fine."""
    assert "SN-TM-001" not in codes(with_session(arm, duration_minutes=TREATED_MINUTES))


def test_minutes_over_duration_beyond_the_tolerance_is_an_error(arm: Note) -> None:
    """Six minutes more treatment than session (tolerance 5) is SN-TM-001."""
    found = only(with_session(arm, duration_minutes=TREATED_MINUTES - 6), "SN-TM-001")
    assert [f.path for f in found] == ["$.session.duration_minutes"]


@pytest.mark.parametrize("over", [1, 2, 5])
def test_small_overrun_is_a_warning(arm: Note, over: int) -> None:
    """62 treated minutes in a 60-minute session is SN-TM-008, a warning, not an error."""
    note = with_session(arm, duration_minutes=TREATED_MINUTES - over)
    assert [c for c in codes(note) if c.startswith("SN-TM")] == ["SN-TM-008"]


def test_overrun_tolerance_is_an_option(arm: Note) -> None:
    """With no tolerance one minute over is an error again; with 10, six is a warning."""
    note = with_session(arm, duration_minutes=TREATED_MINUTES - 1)
    assert "SN-TM-001" in codes(note, overrun_tolerance_minutes=0)
    six = with_session(arm, duration_minutes=TREATED_MINUTES - 6)
    assert "SN-TM-008" in codes(six, overrun_tolerance_minutes=10)


def test_implausibly_long_region_is_a_warning(arm: Note) -> None:
    """One region of 430 minutes (a slip for 43) is SN-TM-010 at its minutes."""
    treatment = list(arm.session.treatment)
    treatment[3] = attrs.evolve(treatment[3], minutes=430)
    note = with_session(arm, treatment=treatment, duration_minutes=480)
    (finding,) = only(note, "SN-TM-010")
    assert finding.path == "$.session.treatment[3].minutes"
    assert "SN-TM-010" not in codes(note, region_max_minutes=480)


def test_stale_screen_is_an_error(arm: Note) -> None:
    """A 2019 screen for a 2026 session is SN-TM-009; a year to the day is still in time."""
    screening = arm.client.screening
    assert screening is not None
    old = attrs.evolve(screening, screened_on=dt.date(2019, 3, 1))
    (finding,) = only(with_client(arm, screening=old), "SN-TM-009")
    assert finding.path == "$.client.screening.screened_on"
    year = attrs.evolve(screening, screened_on=SESSION_DAY - dt.timedelta(days=365))
    assert "SN-TM-009" not in codes(with_client(arm, screening=year))
    assert "SN-TM-009" in codes(with_client(arm, screening=year), screen_max_age_days=180)


def test_session_on_birth_date_passes(arm: Note) -> None:
    """A session on the client's date of birth is allowed."""
    assert "SN-TM-002" not in codes(with_client(arm, date_of_birth=SESSION_DAY))


def test_session_before_birth_is_an_error(arm: Note) -> None:
    """A date of birth the day after the session is SN-TM-002."""
    assert "SN-TM-002" in codes(with_client(arm, date_of_birth=SESSION_DAY + DAY))


def test_session_starting_now_passes(arm: Note) -> None:
    """A session starting exactly at ``now`` is not in the future."""
    assert "SN-TM-003" not in codes(arm, now=arm.session.start)


def test_session_after_now_is_an_error(arm: Note) -> None:
    """A session a second after ``now`` is SN-TM-003."""
    now = arm.session.start - dt.timedelta(seconds=1)
    assert [f.path for f in only(arm, "SN-TM-003", now=now)] == ["$.session.start"]


def test_no_consent_is_an_error(arm: Note) -> None:
    """No consent on file is SN-TM-004 (blocks signing)."""
    assert [f.path for f in only(with_client(arm, consent=None), "SN-TM-004")] == [
        "$.client.consent"
    ]


def test_consent_on_session_date_passes(arm: Note) -> None:
    """Consent given on the session's own date counts."""
    consent = attrs.evolve(_consent(arm), given_on=SESSION_DAY)
    assert "SN-TM-005" not in codes(with_client(arm, consent=consent))


def test_consent_after_session_is_an_error(arm: Note) -> None:
    """Consent dated the day after the session is SN-TM-005."""
    consent = attrs.evolve(_consent(arm), given_on=SESSION_DAY + DAY)
    assert "SN-TM-005" in codes(with_client(arm, consent=consent))


def test_session_date_is_the_local_date(arm: Note) -> None:
    """The session's date is taken in its own time zone: 22:00 at -04:00 is still that day."""
    late = with_session(arm, start=arm.session.start.replace(hour=22))
    consent = attrs.evolve(_consent(arm), given_on=SESSION_DAY)
    assert "SN-TM-005" not in codes(with_client(late, consent=consent))


def test_screen_on_session_date_passes(arm: Note) -> None:
    """A screen done on the session's date is in time."""
    screening = attrs.evolve(_screening(arm), screened_on=SESSION_DAY)
    assert "SN-TM-006" not in codes(with_client(arm, screening=screening))


def test_screen_after_session_is_an_error(arm: Note) -> None:
    """A screen dated after the session is SN-TM-006."""
    screening = attrs.evolve(_screening(arm), screened_on=SESSION_DAY + DAY)
    assert "SN-TM-006" in codes(with_client(arm, screening=screening))


def _signed(note: Note, at: dt.datetime) -> Note:
    signature = Signature(signed_by="M", credential="RMT", signed_at=at, content_sha256="0" * 64)
    return attrs.evolve(note, signature=signature)


def test_signed_at_session_start_passes(arm: Note) -> None:
    """A signature at the session's start is not early."""
    assert "SN-TM-007" not in codes(_signed(arm, arm.session.start))


def test_signed_before_session_is_an_error(arm: Note) -> None:
    """A signature a minute before the session is SN-TM-007."""
    early = arm.session.start - dt.timedelta(minutes=1)
    assert "SN-TM-007" in codes(_signed(arm, early))
