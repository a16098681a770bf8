"""Build notes for rule tests by changing one thing on a shipped example."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from soapnotes import (
    Answer,
    Contraindication,
    Finding,
    Note,
    RuleOptions,
    ScreeningAnswer,
    TreatedRegion,
    validate,
)

#: A fixed "now", a day after the latest example session.
NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.timezone.utc)


def findings(note: Note, **options: Any) -> list[Finding]:
    """All findings with a fixed ``now`` (options may override it)."""
    options.setdefault("now", NOW)
    return validate(note, RuleOptions(**options))


def codes(note: Note, **options: Any) -> list[str]:
    """The codes found, in order."""
    return [f.code for f in findings(note, **options)]


def only(note: Note, code: str, **options: Any) -> list[Finding]:
    """The findings of one code."""
    return [f for f in findings(note, **options) if f.code == code]


# Sequences go through Any-typed dicts: the models' generic to_tuple converter leaves mypy
# unable to type a tuple argument (Iterable[T] with T unbound).


def with_client(note: Note, **changes: Any) -> Note:
    return attrs.evolve(note, client=attrs.evolve(note.client, **changes))


def with_session(note: Note, **changes: Any) -> Note:
    return attrs.evolve(note, session=attrs.evolve(note.session, **changes))


def with_objective(note: Note, **changes: Any) -> Note:
    return with_session(note, objective=attrs.evolve(note.session.objective, **changes))


def with_subjective(note: Note, **changes: Any) -> Note:
    return with_session(note, subjective=attrs.evolve(note.session.subjective, **changes))


def with_treatment(note: Note, *entries: TreatedRegion) -> Note:
    return with_session(note, treatment=entries)


def with_answer(
    note: Note, question: Contraindication, answer: Answer | None, **changes: Any
) -> Note:
    """Set (or, with ``answer=None``, remove) the answer to one screening question."""
    screening = note.client.screening
    assert screening is not None
    kept = [a for a in screening.answers if a.question is not question]
    if answer is not None:
        kept.append(ScreeningAnswer(question=question, answer=answer, **changes))
    answers: dict[str, Any] = {"answers": kept}
    return with_client(note, screening=attrs.evolve(screening, **answers))
