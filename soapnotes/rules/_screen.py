"""Helpers shared by the screening families (contraindications, areas)."""

from __future__ import annotations

from collections.abc import Iterator

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


def quoted(labels: list[str]) -> str:
    """'A', 'B' and 'C'."""
    items = [f"'{label}'" for label in labels]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
