"""Property: a follow-up carries forward exactly the documented fields of any valid note."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as hs

from soapnotes import strategies as sst
from soapnotes.models import Note, PreviousMeasurements
from soapnotes.models.draft import DRAFT_MARK
from soapnotes.models.outcomes import GoalStatus
from soapnotes.models.vocabulary import ABSOLUTE_QUESTIONS, Answer
from soapnotes.workflow import follow_up, to_fill
from tests.conftest import quick, thorough

_DAYS = hs.integers(min_value=1, max_value=400)


def _carried_exactly(last: Note, days: int) -> None:
    start = last.session.start + dt.timedelta(days=days, minutes=5)
    draft = follow_up(last, start=start)
    before, now = last.session, draft.session
    # Carried as they were.
    assert (draft.practice, draft.therapist) == (last.practice, last.therapist)
    assert attrs.evolve(draft.client, screening=None, prescription=None) == attrs.evolve(
        last.client, screening=None, prescription=None
    )
    if last.client.prescription is not None:
        used = last.client.prescription.sessions_used
        assert draft.client.prescription == attrs.evolve(
            last.client.prescription, sessions_used=None if used is None else used + 1
        )
    assert (now.client_id, now.modality, now.cdt_phase) == (
        before.client_id,
        before.modality,
        before.cdt_phase,
    )
    assert (now.start, now.duration_minutes) == (start, before.duration_minutes)
    assert now.treatment == tuple(attrs.evolve(t, notes=None) for t in before.treatment)
    assert now.compression == before.compression
    assert (now.plan.frequency, now.plan.home_care) == (
        before.plan.frequency,
        before.plan.home_care,
    )
    assert now.assessment.goals == tuple(
        g for g in before.assessment.goals if g.status is GoalStatus.ACTIVE
    )
    # The last tape series is today's reference.
    if before.objective.circumferences:
        assert now.objective.previous == PreviousMeasurements(
            measured_on=before.start.date(),
            session_id=before.id,
            circumferences=before.objective.circumferences,
        )
    else:
        assert now.objective.previous == before.objective.previous
    # Left out: what belongs to one session.
    assert attrs.evolve(now.objective, previous=None) == type(now.objective)()
    assert now.subjective.chief_complaint.startswith(DRAFT_MARK)
    assert (now.subjective.pain, now.subjective.symptoms, now.subjective.after_effects) == (
        None,
        (),
        (),
    )
    assert now.subjective.notes is None
    assert now.assessment.summary.startswith(DRAFT_MARK)
    assert (now.assessment.response, now.assessment.outcomes) == (None, ())
    assert now.assessment.goals_progress is None
    assert (now.plan.referrals, now.plan.next_session, now.plan.notes) == ((), None, None)
    assert (now.red_flags, draft.signature, draft.addenda) == (None, None, ())
    # The screen: every absolute question asked again; the rest as it was (or all, if stale).
    screening = draft.client.screening
    assert screening is not None
    marks = {item.path for item in to_fill(draft)}
    old = last.client.screening
    for index, answer in enumerate(screening.answers):
        before_answer = old.answer_to(answer.question) if old is not None else None
        must_ask = answer.question in ABSOLUTE_QUESTIONS or before_answer is None
        if old is not None and old.out_of_date(start.date(), 365):
            must_ask = True
        if must_ask:
            assert answer.answer is Answer.UNKNOWN
            assert f"$.client.screening.answers[{index}]" in marks
        else:
            assert answer == before_answer


@quick(40)
@given(sst.notes(), _DAYS)
def test_follow_up_carries_forward_exactly_the_documented_fields(last: Note, days: int) -> None:
    """Practice to plan: carried as documented, the one-session parts left out."""
    _carried_exactly(last, days)


@pytest.mark.slow
@thorough()
@given(sst.notes(schema_2=True), _DAYS)
def test_follow_up_carries_forward_exactly_the_documented_fields_thorough(
    last: Note, days: int
) -> None:
    """The same, over many schema-2 notes."""
    _carried_exactly(last, days)
