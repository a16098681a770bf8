"""Issue 12, "Also": the Objective section words what was measured, the severity band and
the change of excess volume; the screen words clearances as the rules judge them."""

from __future__ import annotations

import datetime as dt
import io

import attrs
from pypdf import PdfReader

from soapnotes import Answer, Clearance, Note, RuleOptions, ScreeningAnswer
from soapnotes import Contraindication as C
from soapnotes.examples import load_example
from soapnotes.render import render_note_bytes


def _text(note: Note, **options: object) -> str:
    data = render_note_bytes(note, rule_options=RuleOptions(**options))  # type: ignore[arg-type]
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _uneven(note: Note) -> Note:
    """The arm example with the 12 cm and 28 cm points left out on every series."""
    o = note.session.objective

    def drop(series):  # type: ignore[no-untyped-def]
        return attrs.evolve(
            series, points=[p for p in series.points if p.distance_cm not in (12, 28)]
        )

    assert o.previous is not None
    previous = attrs.evolve(o.previous, circumferences=tuple(map(drop, o.previous.circumferences)))
    objective = attrs.evolve(
        o, circumferences=tuple(map(drop, o.circumferences)), previous=previous
    )
    return attrs.evolve(note, session=attrs.evolve(note.session, objective=objective))


def test_the_points_actually_measured_are_described() -> None:
    """Every 4 cm when it is so, whatever was typed; uneven points are said to be uneven; the
    volume is labelled with the measured range."""
    arm = load_example("lymphedema-left-arm")
    text = _text(arm)
    assert "frustum method, every 4 cm, wrist 0-40 cm" in text
    assert "Volume, wrist 0-40 cm" in text
    assert "frustum method, 9 points, unevenly spaced, wrist 0-40 cm" in _text(_uneven(arm))
    legs = load_example("lipedema-legs")
    assert "frustum method, every 10 cm, ankle 0-70 cm" in _text(legs)


def test_severity_band_is_shown_under_the_clinics_bands() -> None:
    """The band sits beside the excess volume, under the bands of the rule policy."""
    arm = load_example("lymphedema-left-arm")
    assert "Severity (ISL 2020 bands) moderate (20-40 %)" in _text(arm)
    moved = _text(arm, excess_volume_bands=(5.0, 25.0, 40.0))
    assert "minimal (> 5 to < 25 %)" in moved


def test_change_of_excess_volume_since_the_previous_series() -> None:
    """With both sides measured before, the change of excess volume is printed in mL."""
    arm = _uneven(load_example("lymphedema-left-arm"))
    o = arm.session.objective
    assert o.previous is not None
    right_then = attrs.evolve(o.circumferences[1])
    previous = attrs.evolve(o.previous, circumferences=(*o.previous.circumferences, right_then))
    arm = attrs.evolve(
        arm, session=attrs.evolve(arm.session, objective=attrs.evolve(o, previous=previous))
    )
    text = _text(arm)
    assert "Change of excess volume since 13 Nov 2026" in text
    assert "percentage points" in text


def test_stale_clearance_and_modification_are_worded() -> None:
    """A 2019 clearance reads CLEARANCE OUT OF DATE; a modification TREATMENT MODIFIED."""
    arm = load_example("lymphedema-left-arm")
    screen = arm.client.screening
    assert screen is not None
    old = Clearance(cleared_by="Dr. B", role="Physician", cleared_on=dt.date(2019, 3, 1))
    answers = (
        *screen.answers,
        ScreeningAnswer(question=C.ASTHMA, answer=Answer.YES, clearance=old),
        ScreeningAnswer(question=C.DIABETES, answer=Answer.YES, modification="Lighter pressure"),
    )
    client = attrs.evolve(arm.client, screening=attrs.evolve(screen, answers=answers))
    text = _text(attrs.evolve(arm, client=client))
    assert "CLEARANCE OUT OF DATE" in text
    assert "TREATMENT MODIFIED: Lighter pressure" in text
