"""Helpers shared by the screening families (contraindications, areas)."""

from __future__ import annotations

from collections.abc import Iterator

from soapnotes.i18n._active import gettext_noop
from soapnotes.models.client import ScreeningAnswer
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import Answer, ContraindicationClass

_ANSWERS = "$.client.screening.answers"


def answers(note: Note) -> Iterator[tuple[str, ScreeningAnswer]]:
    """($.path, answer) of every screening answer, in order."""
    screening = note.client.screening
    if screening is not None:
        for index, answer in enumerate(screening.answers):
            yield f"{_ANSWERS}[{index}]", answer


def yes(note: Note, kind: ContraindicationClass) -> Iterator[tuple[str, ScreeningAnswer]]:
    """($.path, answer) of every question of class ``kind`` answered yes."""
    for path, answer in answers(note):
        if answer.answer is Answer.YES and answer.question.contraindication_class is kind:
            yield path, answer


#: The item template of a list of quoted questions ('A', 'B' and 'C'): a message id, so that
#: each language quotes its own way.
QUOTED = gettext_noop("'{term}'")
