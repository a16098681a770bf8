"""A client's course: loading, ordering, and every number against hand computations."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import attrs
import pytest

import soapnotes
from soapnotes import (
    AfterEffect,
    AfterEffectKind,
    CdtPhase,
    CircumferencePoint,
    CircumferenceSeries,
    Condition,
    ConditionKind,
    EdemaArea,
    InvalidRecord,
    Landmark,
    Laterality,
    Limb,
    Note,
    Objective,
    Side,
    Subjective,
)
from soapnotes.errors import UsageError
from soapnotes.progress import (
    AFTER_EFFECT_EXPECTED_HOURS,
    Course,
    after_effects_series,
    compute_progress,
    course_from_notes,
    excess_volume_series,
    load_course,
    one_sided_limbs,
    open_findings,
    phase_periods,
    sessions_per_week,
    summary_sentences,
    volume_series,
    weekly_session_counts,
)
from tests.conftest import EXAMPLES_DIR

COURSE_DIR = EXAMPLES_DIR / "course-left-arm"
TZ = dt.timezone(dt.timedelta(hours=-4))


def _series(
    side: Side, circumference: float, *, landmark: Landmark = Landmark.WRIST, length: float = 40
) -> CircumferenceSeries:
    """A cylinder: constant circumference C over ``length`` cm, volume length*C^2/(4*pi)."""
    return CircumferenceSeries(
        limb=Limb.ARM,
        side=side,
        landmark=landmark,
        interval_cm=length,
        points=(
            CircumferencePoint(distance_cm=0, circumference_cm=circumference),
            CircumferencePoint(distance_cm=length, circumference_cm=circumference),
        ),
    )


def _cylinder(circumference: float, length: float = 40) -> float:
    return length * circumference**2 / (4 * math.pi)


def _note(
    base: Note,
    day: int,
    *,
    circumferences: tuple[CircumferenceSeries, ...] = (),
    pain: int | None = None,
    phase: CdtPhase | None = CdtPhase.INTENSIVE,
    effects: tuple[AfterEffect, ...] = (),
    session_id: str | None = None,
) -> Note:
    session = attrs.evolve(
        base.session,
        id=session_id or f"S-{day:02d}",
        start=dt.datetime(2026, 11, day, 10, 0, tzinfo=TZ),
        cdt_phase=phase,
        subjective=Subjective(chief_complaint="Arm heavy", pain=pain, after_effects=effects),
        objective=Objective(circumferences=circumferences),
    )
    return attrs.evolve(base, session=session)


def test_example_course_loads_from_its_directory_in_start_order() -> None:
    """The shipped course loads from its folder: 13 notes of CL-0193, ordered by start."""
    course = load_course([COURSE_DIR])
    assert len(course.notes) == 13
    assert course.client.id == "CL-0193"
    starts = [s.start for s in course.sessions]
    assert starts == sorted(starts)
    assert course.start_date == dt.date(2025, 10, 27)
    assert course.end_date == dt.date(2025, 12, 19)


def test_files_may_be_given_in_any_order() -> None:
    """Files named one by one, in reverse, give the same course as the directory."""
    files = sorted(COURSE_DIR.glob("*.toml"), reverse=True)
    assert load_course(files) == load_course([COURSE_DIR])


def test_mixing_clients_is_one_invalid_record_naming_the_files(
    tmp_path: Path, lymphedema_note: Note
) -> None:
    """Notes of two clients raise InvalidRecord whose problem names each client's files."""
    other_client = attrs.evolve(lymphedema_note.client, id="CL-0999")
    other = attrs.evolve(
        lymphedema_note,
        client=other_client,
        session=attrs.evolve(lymphedema_note.session, id="S-X", client_id="CL-0999"),
    )
    soapnotes.dump(lymphedema_note, tmp_path / "a.toml")
    soapnotes.dump(other, tmp_path / "b.json")
    with pytest.raises(InvalidRecord) as caught:
        load_course([tmp_path])
    (problem,) = caught.value.problems
    assert problem.path == "$.client.id"
    assert "CL-0193 in " + str(tmp_path / "a.toml") in problem.message
    assert "CL-0999 in " + str(tmp_path / "b.json") in problem.message


def test_duplicate_session_ids_are_an_error(tmp_path: Path, lymphedema_note: Note) -> None:
    """The same session id in two files is refused, naming both files."""
    soapnotes.dump(lymphedema_note, tmp_path / "a.toml")
    soapnotes.dump(lymphedema_note, tmp_path / "b.json")
    with pytest.raises(InvalidRecord) as caught:
        load_course([tmp_path / "a.toml", tmp_path / "b.json"])
    (problem,) = caught.value.problems
    assert problem.path == "$.session.id"
    assert str(tmp_path / "a.toml") in problem.message
    assert str(tmp_path / "b.json") in problem.message


def test_a_broken_file_is_reported_with_its_name(tmp_path: Path, lymphedema_note: Note) -> None:
    """Every problem of every file that does not load comes in one error, prefixed by file."""
    soapnotes.dump(lymphedema_note, tmp_path / "good.toml")
    (tmp_path / "bad.json").write_text('{"schema_version": 1}', encoding="utf-8")
    with pytest.raises(InvalidRecord) as caught:
        load_course([tmp_path])
    messages = [p.message for p in caught.value.problems]
    assert messages
    assert all(m.startswith(str(tmp_path / "bad.json") + ": ") for m in messages)


def test_an_empty_course_is_an_error(tmp_path: Path) -> None:
    """A directory with no note files, or no notes at all, is refused."""
    (tmp_path / "readme.txt").write_text("not a note", encoding="utf-8")
    with pytest.raises(InvalidRecord, match="no note files"):
        load_course([tmp_path])
    with pytest.raises(InvalidRecord, match="at least one note"):
        course_from_notes([])


def test_volume_and_excess_against_hand_computation(lymphedema_note: Note) -> None:
    """Cylinders: V = 40*C^2/(4*pi); EV, %EV and % reduction of EV as defined."""
    notes = [
        _note(
            lymphedema_note, 2, circumferences=(_series(Side.LEFT, 30), _series(Side.RIGHT, 27))
        ),
        _note(
            lymphedema_note, 3, circumferences=(_series(Side.LEFT, 29), _series(Side.RIGHT, 27))
        ),
    ]
    course = course_from_notes(reversed(notes))
    left, right = volume_series(course)
    assert (left.side, right.side) == (Side.LEFT, Side.RIGHT)
    v_l0, v_l1 = _cylinder(30), _cylinder(29)
    assert [p.volume_ml for p in right.points] == pytest.approx([_cylinder(27)] * 2)
    assert [p.volume_ml for p in left.points] == pytest.approx([v_l0, v_l1])
    assert left.points[1].change_percent == pytest.approx(100 * (v_l1 - v_l0) / v_l0)
    # By hand: 40/(4*pi) = 3.18310; V(30) = 900 * 3.18310 = 2864.79 mL.
    assert v_l0 == pytest.approx(2864.79, abs=0.01)
    (excess,) = excess_volume_series(course)
    assert excess.affected is Side.LEFT
    first, last = excess.points
    # EV = (30^2 - 27^2) * 3.18310 = 171 * 3.18310 = 544.31 mL; %EV = 171 / 729 = 23.457 %.
    assert first.excess_ml == pytest.approx(544.31, abs=0.01)
    assert first.excess_percent == pytest.approx(23.457, abs=0.001)
    # EV = (29^2 - 27^2) * 3.18310 = 112 * 3.18310 = 356.51 mL.
    assert last.excess_ml == pytest.approx(356.51, abs=0.01)
    assert first.reduction_percent == 0
    # (171 - 112) / 171 = 34.50 %
    assert last.reduction_percent == pytest.approx(34.50, abs=0.01)


def test_example_course_numbers() -> None:
    """The shipped course: left arm EV 495 mL (27.2 %) to 237 mL (13.0 %), 52.2 % less."""
    result = compute_progress(load_course([COURSE_DIR]))
    (excess,) = result.excess
    first, last = excess.measured[0], excess.measured[-1]
    assert (round(first.excess_ml or 0), round(first.excess_percent or 0, 1)) == (495, 27.2)
    assert (round(last.excess_ml or 0), round(last.excess_percent or 0, 1)) == (237, 13.0)
    assert round(last.reduction_percent or 0, 1) == 52.2
    left = result.volumes[0]
    assert round(left.points[0].volume_ml or 0) == 2318
    assert round(left.points[-1].volume_ml or 0) == 2058
    assert left.points[4].gap_reason == "not measured"
    assert [p.pain for p in result.pain][:: len(result.pain) - 1] == [5, 2]


def test_changed_landmark_mid_course_is_left_out_with_the_reason(lymphedema_note: Note) -> None:
    """A series from the ankle, or at other distances, is a gap; its EV is a gap too."""
    notes = [
        _note(
            lymphedema_note, 2, circumferences=(_series(Side.LEFT, 30), _series(Side.RIGHT, 27))
        ),
        _note(
            lymphedema_note,
            3,
            circumferences=(
                _series(Side.LEFT, 29, landmark=Landmark.FINGERTIP),
                _series(Side.RIGHT, 27, landmark=Landmark.FINGERTIP),
            ),
        ),
        _note(
            lymphedema_note,
            4,
            circumferences=(_series(Side.LEFT, 29, length=36), _series(Side.RIGHT, 27)),
        ),
        _note(
            lymphedema_note, 5, circumferences=(_series(Side.LEFT, 28), _series(Side.RIGHT, 27))
        ),
    ]
    course = course_from_notes(notes)
    left, right = volume_series(course)
    assert left.points[1].volume_ml is None
    assert left.points[1].gap_reason == "measured from the fingertip instead of the wrist"
    assert left.points[2].gap_reason == (
        "measured at different distances (0-36 cm every 36 cm instead of 0-40 cm every 40 cm)"
    )
    assert right.points[2].volume_ml == pytest.approx(_cylinder(27))
    (excess,) = excess_volume_series(course)
    assert [p.excess_ml is None for p in excess.points] == [False, True, True, False]
    assert excess.points[2].gap_reason is not None
    assert excess.points[2].gap_reason.startswith("left arm measured at different distances")
    # The last point is still compared with the first: (544.31 - EV(28)) / 544.31.
    ev_last = _cylinder(28) - _cylinder(27)
    assert excess.points[3].reduction_percent == pytest.approx(
        100 * (544.31 - ev_last) / 544.31, abs=0.01
    )
    text = " ".join(summary_sentences(compute_progress(course)))
    assert "measured at other points than at the first measurement" in text


def test_a_course_of_one_session(lymphedema_note: Note) -> None:
    """One note is a course: one point per series, no rate, a summary without a change."""
    course = course_from_notes([lymphedema_note])
    result = compute_progress(course)
    assert sessions_per_week(course) is None
    assert result.phase_changes == ()
    (excess,) = result.excess
    (point,) = excess.points
    assert point.excess_ml == pytest.approx(2200.383 - 1822.971, abs=0.01)
    assert point.reduction_percent == 0
    sentences = summary_sentences(result)
    assert sentences[0] == "One session, on 20 Nov 2026."
    assert "Excess volume of the left arm was 377 mL (20.7 %) on 20 Nov 2026." in sentences


def test_no_excess_at_baseline_gives_no_reduction(lymphedema_note: Note) -> None:
    """When EV at the first session is <= 0, reduction is None (undefined)."""
    notes = [
        _note(
            lymphedema_note, 2, circumferences=(_series(Side.LEFT, 27), _series(Side.RIGHT, 27))
        ),
        _note(
            lymphedema_note, 3, circumferences=(_series(Side.LEFT, 28), _series(Side.RIGHT, 27))
        ),
    ]
    (excess,) = excess_volume_series(course_from_notes(notes))
    assert [p.reduction_percent for p in excess.points] == [None, None]
    text = " ".join(summary_sentences(compute_progress(course_from_notes(notes))))
    assert "no reduction is given" in text


def test_bilateral_edema_reports_percent_change_not_excess(lymphedema_note: Note) -> None:
    """Bilateral arm lymphedema has no reference limb: no EV, % change of volume per side."""
    client = attrs.evolve(
        lymphedema_note.client,
        conditions=(
            Condition(
                kind=ConditionKind.LYMPHEDEMA, area=EdemaArea.ARM, side=Laterality.BILATERAL
            ),
        ),
    )
    base = attrs.evolve(lymphedema_note, client=client)
    notes = [
        _note(base, 2, circumferences=(_series(Side.LEFT, 30), _series(Side.RIGHT, 28))),
        _note(base, 9, circumferences=(_series(Side.LEFT, 29), _series(Side.RIGHT, 28))),
    ]
    result = compute_progress(course_from_notes(notes))
    assert result.excess == ()
    assert one_sided_limbs(client) == ()
    assert [v.side for v in result.change_volumes] == [Side.LEFT, Side.RIGHT]
    # (29^2 - 30^2) / 30^2 = -6.56 %
    assert result.volumes[0].points[1].change_percent == pytest.approx(-6.556, abs=0.001)
    text = " ".join(summary_sentences(result))
    assert "Volume of the left arm fell by 6.6 %" in text
    assert "Volume of the right arm was unchanged" in text


def test_no_lymphedema_condition_reports_percent_change(lymphedema_note: Note) -> None:
    """Without a limb lymphedema there is no affected side: % change per side, no EV."""
    client = attrs.evolve(lymphedema_note.client, conditions=())
    base = attrs.evolve(lymphedema_note, client=client)
    notes = [_note(base, 2, circumferences=(_series(Side.LEFT, 30), _series(Side.RIGHT, 28)))]
    result = compute_progress(course_from_notes(notes))
    assert result.excess == ()
    assert len(result.change_volumes) == 2


def test_pain_after_effects_and_phase_changes(lymphedema_note: Note) -> None:
    """Pain and after-effects per session; phase changes and periods with their rates."""
    long_fatigue = AfterEffect(kind=AfterEffectKind.FATIGUE, duration_hours=60)
    notes = [
        _note(lymphedema_note, 2, pain=5),
        _note(lymphedema_note, 3, pain=4, effects=(long_fatigue,)),
        _note(lymphedema_note, 4, pain=None),
        _note(lymphedema_note, 6, pain=3),
        _note(lymphedema_note, 16, pain=2, phase=CdtPhase.MAINTENANCE),
        _note(lymphedema_note, 30, pain=2, phase=CdtPhase.MAINTENANCE),
    ]
    course = course_from_notes(notes)
    result = compute_progress(course)
    assert [p.pain for p in result.pain] == [5, 4, None, 3, 2, 2]
    assert result.after_effects[1].kinds == (AfterEffectKind.FATIGUE,)
    assert result.after_effects[1].lasted_too_long
    (change,) = result.phase_changes
    assert (change.session_id, change.before, change.after) == (
        "S-16",
        CdtPhase.INTENSIVE,
        CdtPhase.MAINTENANCE,
    )
    intensive, maintenance = phase_periods(course)
    assert (intensive.sessions, intensive.first, intensive.last) == (
        4,
        dt.date(2026, 11, 2),
        dt.date(2026, 11, 6),
    )
    assert intensive.sessions_per_week == pytest.approx(4 * 7 / 5)
    assert maintenance.sessions_per_week == pytest.approx(2 * 7 / 15)
    # 6 sessions over 2 Nov..30 Nov = 29 days.
    assert sessions_per_week(course) == pytest.approx(6 * 7 / 29)
    weeks = weekly_session_counts(course)
    assert [w.sessions for w in weeks] == [4, 0, 1, 0, 1]
    assert weeks[0].week_start == dt.date(2026, 11, 2)
    text = " ".join(summary_sentences(result))
    assert "Pain fell from 5 to 2 of 10" in text
    assert "lasted longer than 48 hours (follow up)" in text


def test_course_record_is_frozen() -> None:
    """A Course cannot be changed after it is built."""
    course = load_course([COURSE_DIR])
    assert isinstance(course, Course)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        course.notes = ()  # type: ignore[misc]


def test_every_course_note_validates_without_errors() -> None:
    """Each shipped course note passes the rules engine with no error findings."""
    for note in load_course([COURSE_DIR]).notes:
        errors = [f for f in soapnotes.validate(note) if f.severity is soapnotes.Severity.ERROR]
        assert errors == [], note.session.id


def test_open_findings_are_those_of_the_last_session() -> None:
    """open_findings runs the rules on the latest note only."""
    course = load_course([COURSE_DIR])
    assert open_findings(course) == soapnotes.validate(course.last)


def test_every_easing_kind_is_judged_by_duration(lymphedema_note: Note) -> None:
    """A long 'other' after-effect is flagged too (issue 12, item 6: every kind is judged by
    the window, as SN-AE-001 does); exactly 48 h is not too long."""
    other = AfterEffect(kind=AfterEffectKind.OTHER, duration_hours=100, description="sore")
    edge = AfterEffect(kind=AfterEffectKind.HEADACHE, duration_hours=48)
    notes = [
        _note(lymphedema_note, 2, pain=5, effects=(other,)),
        _note(lymphedema_note, 3, pain=4, effects=(edge,)),
    ]
    result = compute_progress(course_from_notes(notes))
    assert result.after_effects[0].kinds == (AfterEffectKind.OTHER,)
    assert result.after_effects[0].lasted_too_long
    assert not result.after_effects[1].lasted_too_long


def test_after_effect_window_is_the_clinics_policy(lymphedema_note: Note) -> None:
    """Under a 72-hour policy a 60-hour headache is too long for neither the summary nor the
    findings; under the default 48 hours it is too long for both."""
    headache = AfterEffect(kind=AfterEffectKind.HEADACHE, duration_hours=60)
    notes = [
        _note(lymphedema_note, 2, pain=5),
        _note(lymphedema_note, 3, pain=4, effects=(headache,)),
    ]
    course = course_from_notes(notes)
    now = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)
    clinic = soapnotes.RuleOptions(after_effect_warning_hours=72, now=now)

    result = compute_progress(course, clinic)
    assert result.rule_options is clinic
    assert result.after_effects[1].expected_hours == 72
    assert not result.after_effects[1].lasted_too_long
    text = " ".join(summary_sentences(result))
    assert "none lasted longer than 72 hours" in text
    codes = [f.code for f in open_findings(course, clinic)]
    assert "SN-AE-001" not in codes
    assert "SN-AE-002" in codes

    default = compute_progress(course)
    assert default.after_effects[1].expected_hours == AFTER_EFFECT_EXPECTED_HOURS == 48
    assert default.after_effects[1].lasted_too_long
    assert "lasted longer than 48 hours (follow up)" in " ".join(summary_sentences(default))
    assert "SN-AE-001" in [f.code for f in open_findings(course, soapnotes.RuleOptions(now=now))]


def test_after_effects_series_takes_the_policy(lymphedema_note: Note) -> None:
    """after_effects_series judges by the options' warning hours, the rules' default else."""
    fatigue = AfterEffect(kind=AfterEffectKind.FATIGUE, duration_hours=50)
    course = course_from_notes([_note(lymphedema_note, 2, effects=(fatigue,))])
    assert after_effects_series(course)[0].lasted_too_long
    relaxed = soapnotes.RuleOptions(after_effect_warning_hours=60)
    assert not after_effects_series(course, relaxed)[0].lasted_too_long


def test_sources_must_name_every_note(lymphedema_note: Note) -> None:
    """A sources list of the wrong length is misuse: a UsageError (still a ValueError)."""
    notes = [_note(lymphedema_note, 2), _note(lymphedema_note, 3)]
    with pytest.raises(UsageError, match="sources must name every note"):
        course_from_notes(notes, sources=["only-one.toml"])
    with pytest.raises(ValueError, match="sources"):
        course_from_notes(notes, sources=[])
