"""Copy forward: today's draft from the last note (soapnotes.follow_up)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

import soapnotes
from soapnotes import Answer, Severity
from soapnotes.errors import UsageError
from soapnotes.models import Note, PreviousMeasurements
from soapnotes.models.vocabulary import ABSOLUTE_QUESTIONS
from soapnotes.workflow import DRAFT_MARK, follow_up, to_fill
from tests.conftest import EXAMPLES_DIR
from tests.workflow._answer import answer_marks

ROOT = Path(__file__).resolve().parents[2]
V1 = ROOT / "tests" / "data" / "v1"
COURSE = EXAMPLES_DIR / "course-left-arm"


def _a_week_after(note: Note) -> dt.datetime:
    return note.session.start + dt.timedelta(days=7)


def _errors(note: Note) -> list[str]:
    policy = soapnotes.RuleOptions(now=note.session.start + dt.timedelta(hours=2))
    return [f.code for f in soapnotes.validate(note, policy) if f.severity is Severity.ERROR]


def test_each_example_follow_up_is_valid_once_answered(example_name: str) -> None:
    """The follow-up of each example is refused as it is and valid once its marks are answered."""
    last = soapnotes.load(EXAMPLES_DIR / f"{example_name}.toml")
    assert _errors(last) == []  # the example itself is a valid note
    draft = follow_up(last, start=_a_week_after(last))
    assert to_fill(draft)
    assert "SN-DF-001" in _errors(draft)
    assert _errors(answer_marks(draft)) == []


def test_the_course_folder_follows_its_latest_note() -> None:
    """A course carries forward from its latest note by session start, and validates answered."""
    course = soapnotes.load_course([COURSE])
    draft = follow_up(course, start=_a_week_after(course.last))
    last = course.last.session
    assert draft.session.objective.previous == PreviousMeasurements(
        measured_on=last.start.date(),
        session_id=last.id,
        circumferences=last.objective.circumferences,
    )
    assert draft.client.prescription is not None
    assert draft.client.prescription.sessions_used == 14  # 13 used, this one included
    assert _errors(answer_marks(draft)) == []


def test_every_absolute_question_is_asked_again() -> None:
    """Each absolute question is unknown and marked; the other answers stay as they were."""
    last = soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml")
    draft = follow_up(last, start=_a_week_after(last))
    assert last.client.screening is not None
    assert draft.client.screening is not None
    assert draft.client.screening.screened_on == last.client.screening.screened_on
    for old, new in zip(
        last.client.screening.answers, draft.client.screening.answers, strict=True
    ):
        if old.question in ABSOLUTE_QUESTIONS:
            assert new.answer is Answer.UNKNOWN
            assert new.detail is not None
            assert new.detail.startswith(DRAFT_MARK)
            assert new.clearance == old.clearance
        else:
            assert new == old
    asked = {a.question for a in draft.client.screening.answers}
    assert set(ABSOLUTE_QUESTIONS) <= asked


def test_a_screen_older_than_the_policy_is_asked_again_whole() -> None:
    """A screen older than screen_max_age_days: every answer is unknown, dated today."""
    last = soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml")
    policy = soapnotes.RuleOptions(screen_max_age_days=0)
    start = _a_week_after(last)
    draft = follow_up(last, start=start, options=policy)
    screening = draft.client.screening
    assert screening is not None
    assert screening.screened_on == start.date()
    assert all(a.answer is Answer.UNKNOWN for a in screening.answers)
    marked = {t.path for t in to_fill(draft)}
    for index in range(len(screening.answers)):
        assert f"$.client.screening.answers[{index}]" in marked
    assert _errors(answer_marks(draft)) == []


def test_a_signed_note_is_carried_forward_unaltered() -> None:
    """Following a signed note leaves it byte for byte as it was, and still verifying."""
    path = V1 / "signed-lymphedema-left-arm.toml"
    before = path.read_bytes()
    signed = soapnotes.load(path)
    dumped = soapnotes.dumps(signed)
    draft = follow_up(signed, start=_a_week_after(signed))
    assert draft.signature is None
    assert draft.addenda == ()
    assert soapnotes.dumps(signed) == dumped
    assert soapnotes.verify(signed).ok
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "name", ["lymphedema-left-arm.toml", "swedish-fibromyalgia.json", "lipedema-legs.toml"]
)
def test_version_1_files_follow_up(name: str) -> None:
    """A version-1 file is migrated on load and carried forward as schema 2."""
    last = soapnotes.load(V1 / name)
    draft = follow_up(last, start=_a_week_after(last))
    assert draft.schema_version == 2
    assert draft.client.conditions == last.client.conditions
    assert _errors(answer_marks(draft)) == []


def test_start_must_be_aware_and_after_the_last_session() -> None:
    """A naive start, or one not after the last session, is a usage error."""
    last = soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml")
    with pytest.raises(UsageError, match="timezone-aware"):
        follow_up(last, start=dt.datetime(2026, 12, 1, 10, 0))  # noqa: DTZ001 - on purpose
    with pytest.raises(UsageError, match="after the last session"):
        follow_up(last, start=last.session.start)
    with pytest.raises(UsageError, match="could not be made"):
        follow_up(last, start=_a_week_after(last), session_id="not an id")


def test_session_id_and_minutes_are_today_s() -> None:
    """The session id comes from the start unless given; the minutes from the last session."""
    last = soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml")
    start = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
    draft = follow_up(last, start=start)
    assert draft.session.id == "S-2026-1127-0930"
    assert draft.session.duration_minutes == last.session.duration_minutes
    other = follow_up(last, start=start, session_id="S-42", minutes=45)
    assert (other.session.id, other.session.duration_minutes) == ("S-42", 45)
    assert attrs.evolve(other, session=draft.session) == draft
