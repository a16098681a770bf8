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
    """All findings with a fixed ``now`` (options may override it); each is checked to be
    written whole in German and French (:func:`check_localised`)."""
    options.setdefault("now", NOW)
    found = validate(note, RuleOptions(**options))
    for finding in found:
        check_localised(finding)
    return found


def check_localised(finding: Finding) -> None:
    """``finding`` comes from a catalog template with a value for each placeholder, its
    English message is that template in English, and German and French translate it (no
    English template left, no placeholder unfilled)."""
    from soapnotes.i18n import format_finding
    from soapnotes.i18n._catalog import catalog
    from soapnotes.i18n._messages import placeholders

    assert placeholders(finding.message_id) <= {p.name for p in finding.params}, finding
    assert format_finding(finding, "en") == finding.message
    for locale in ("de_AT", "fr_FR"):
        assert finding.message_id in catalog(locale[:2]), finding.message_id
        text = format_finding(finding, locale)
        assert text != finding.message, (locale, text)
        assert "{" not in text, (locale, text)


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
