"""The first-visit template: a new client's note with every required field present and marked.

Text fields read ``TO FILL IN: ...`` (SN-DF-001 until written); the date of birth, which a
date cannot mark, is a marked string, so the file does not even load until it is a date.
"""

from __future__ import annotations

import datetime as dt

import attrs

from soapnotes.errors import UsageError
from soapnotes.i18n._active import gettext_noop
from soapnotes.models.client import Client, Consent
from soapnotes.models.draft import marked
from soapnotes.models.note import Note, Practice, Therapist
from soapnotes.models.session import Assessment, Objective, Plan, Session, Subjective
from soapnotes.models.vocabulary import Modality
from soapnotes.workflow._fill import ToFill, to_fill
from soapnotes.workflow._follow_up import WORDS, new_screen

__all__ = ["FirstVisit", "first_visit"]

#: What the template asks for, beside the follow-up's words (one table with them).
TEMPLATE_WORDS = {
    "heading": "# First visit of client {id}, made by `soapnotes new`. Fill in every TO FILL IN\n"
    "# (and the date of birth), then run `soapnotes validate` on this file.\n",
    "practice": gettext_noop("the practice's name"),
    "therapist": gettext_noop("your name"),
    "given_name": gettext_noop("the client's given name"),
    "family_name": gettext_noop("the client's family name"),
    "date_of_birth": gettext_noop("the client's date of birth (YYYY-MM-DD)"),
    "consent": gettext_noop("who gave informed consent (the client's name)"),
}

#: A stand-in the template never writes: the date of birth is replaced by its mark.
_SOME_DATE = dt.date(1900, 1, 1)


@attrs.frozen(kw_only=True)
class FirstVisit:
    """A first-visit template: its TOML text and what to fill in.

    .. versionadded:: 0.2.0
    """

    toml: str
    to_fill: tuple[ToFill, ...]


def first_visit(
    *,
    client_id: str,
    start: dt.datetime,
    session_id: str | None = None,
    minutes: int = 60,
    modality: Modality = Modality.MANUAL_LYMPHATIC_DRAINAGE,
) -> FirstVisit:
    """The first-visit template for a new client: every required field present and marked.

    Marked ``TO FILL IN``: the practice and therapist names, the client's names, who gave
    consent (dated today), today's complaint and assessment, and every seed and absolute
    screening question (unknown, the screen dated today). The date of birth is the marked
    string in place of a date. Nothing is guessed: conditions, node status and the
    treatment are left for the therapist to add.

    Args:
        client_id: the new client's id.
        start: when the first session starts (timezone-aware).
        session_id: the session id; ``S-YYYY-MMDD-HHMM`` from ``start`` by default.
        minutes: the session's duration.
        modality: the massage given.

    Raises:
        UsageError: a naive ``start``, or an id or duration that is not a valid value.

    .. versionadded:: 0.2.0
    """
    if start.tzinfo is None or start.utcoffset() is None:
        raise UsageError("start must be timezone-aware (e.g. 2026-11-21T10:00-04:00)")
    try:
        note = _note(client_id, start, session_id, minutes, modality)
    except (ValueError, TypeError) as exc:
        raise UsageError(f"the template could not be made: {exc}") from None
    return FirstVisit(toml=_toml(note), to_fill=_to_fill(note))


def _note(
    client_id: str, start: dt.datetime, session_id: str | None, minutes: int, modality: Modality
) -> Note:
    ask = TEMPLATE_WORDS
    client = Client(
        id=client_id,
        given_name=marked(ask["given_name"]),
        family_name=marked(ask["family_name"]),
        date_of_birth=_SOME_DATE,
        screening=new_screen(start.date()),
        consent=Consent(given_by=marked(ask["consent"]), given_on=start.date()),
    )
    session = Session(
        id=session_id or f"S-{start:%Y-%m%d-%H%M}",
        client_id=client_id,
        start=start,
        duration_minutes=minutes,
        modality=modality,
        subjective=Subjective(chief_complaint=marked(WORDS["complaint"])),
        objective=Objective(),
        assessment=Assessment(summary=marked(WORDS["assessment"])),
        plan=Plan(),
    )
    return Note(
        practice=Practice(name=marked(ask["practice"])),
        therapist=Therapist(name=marked(ask["therapist"])),
        client=client,
        session=session,
    )


def _toml(note: Note) -> str:
    from soapnotes.io import to_dict
    from soapnotes.io._toml import nativise, toml_text

    data = nativise(to_dict(note), Note)
    data["client"]["date_of_birth"] = marked(TEMPLATE_WORDS["date_of_birth"])
    schema_line, body = toml_text(data, Note).split("\n", 1)
    heading = TEMPLATE_WORDS["heading"].format(id=note.client.id)
    return f"{schema_line}\n{heading}{body}"


def _to_fill(note: Note) -> tuple[ToFill, ...]:
    marks = to_fill(note)
    birth = ToFill(path="$.client.date_of_birth", what=TEMPLATE_WORDS["date_of_birth"])
    # In the record's order: the date of birth comes after the names.
    at = next(i for i, item in enumerate(marks) if item.path.startswith("$.client.screening"))
    return (*marks[:at], birth, *marks[at:])
