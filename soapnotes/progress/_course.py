"""A client's course: the notes of one client, checked to belong together, in session order."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from soapnotes._files import note_files
from soapnotes.errors import InvalidRecord, Problem, UsageError
from soapnotes.io import load
from soapnotes.models.client import Client
from soapnotes.models.note import Note, Practice, Therapist
from soapnotes.models.session import Session

__all__ = ["Course", "course_from_notes", "load_course"]


@attrs.frozen(kw_only=True)
class Course:
    """The notes of one client's course of treatment, ordered by session start.

    ``client`` is the client as recorded in the latest note (conditions and node status may
    have been updated during the course). Build one with :func:`load_course` or
    :func:`course_from_notes`, which check that the notes belong together.

    .. versionadded:: 0.1.0
    """

    client: Client
    notes: tuple[Note, ...]

    @property
    def sessions(self) -> tuple[Session, ...]:
        """The sessions, first to last."""
        return tuple(note.session for note in self.notes)

    @property
    def first(self) -> Note:
        """The earliest note."""
        return self.notes[0]

    @property
    def last(self) -> Note:
        """The latest note."""
        return self.notes[-1]

    @property
    def practice(self) -> Practice:
        """The practice as named in the latest note."""
        return self.last.practice

    @property
    def therapist(self) -> Therapist:
        """The therapist of the latest note."""
        return self.last.therapist

    @property
    def start_date(self) -> dt.date:
        """The date of the first session (in its own time zone)."""
        return self.first.session.start.date()

    @property
    def end_date(self) -> dt.date:
        """The date of the last session (in its own time zone)."""
        return self.last.session.start.date()


def load_course(paths: Iterable[str | os.PathLike[str]]) -> Course:
    """Load a client's course from note files and/or directories of ``.json``/``.toml`` notes.

    A directory contributes the ``.json`` and ``.toml`` files beneath it, as for every
    command (:func:`soapnotes._files.note_files`: subfolders included, hidden files skipped);
    other files in it are ignored. Files named directly are loaded whatever their suffix
    (so a wrong suffix is reported, not skipped).

    Args:
        paths: note files and directories, in any order; sessions are ordered by start time.

    Raises:
        InvalidRecord: one error for the whole course: every file that does not load (each
            problem's message names its file), no files at all, notes of different clients,
            or the same session id in more than one file.
        OSError: a file cannot be read.

    .. versionadded:: 0.1.0
    """
    given = [Path(p) for p in paths]
    files = list(note_files(given))
    source = ", ".join(str(p) for p in given) or "course"
    if not files:
        raise InvalidRecord(
            [Problem("$", "no note files (.json or .toml) were found")], source=source
        )
    notes: list[Note] = []
    problems: list[Problem] = []
    for file in files:
        try:
            notes.append(load(file))
        except InvalidRecord as exc:
            problems.extend(Problem(p.path, f"{file}: {p.message}") for p in exc.problems)
    if problems:
        raise InvalidRecord(problems, source=source)
    return course_from_notes(notes, sources=[str(f) for f in files])


def course_from_notes(notes: Iterable[Note], *, sources: Sequence[str] | None = None) -> Course:
    """A :class:`Course` from notes already loaded, ordered by session start.

    Args:
        notes: the notes of one client, in any order.
        sources: a name for each note (its file) to use in error messages; by default
            ``note [0]``, ``note [1]``, ... in the order given.

    Raises:
        InvalidRecord: no notes, notes of different clients (the problem names the files of
            each client id), or a session id that appears more than once.
        UsageError: ``sources`` does not name every note, one name per note.

    .. versionadded:: 0.1.0
    """
    given = list(notes)
    names = list(sources) if sources is not None else [f"note [{i}]" for i in range(len(given))]
    if len(names) != len(given):
        raise UsageError("sources must name every note, one name per note")
    source = f"course of {len(names)} note{'s' if len(names) != 1 else ''}"
    if not given:
        raise InvalidRecord([Problem("$", "a course needs at least one note")], source=source)
    problems: list[Problem] = []

    by_client: dict[str, list[str]] = {}
    for note, name in zip(given, names, strict=True):
        by_client.setdefault(note.client.id, []).append(name)
    if len(by_client) > 1:
        listed = "; ".join(f"{cid} in {', '.join(files)}" for cid, files in by_client.items())
        problems.append(
            Problem(
                "$.client.id", f"a course is for one client, but these notes mix clients: {listed}"
            )
        )

    by_session: dict[str, list[str]] = {}
    for note, name in zip(given, names, strict=True):
        by_session.setdefault(note.session.id, []).append(name)
    for session_id, files in by_session.items():
        if len(files) > 1:
            problems.append(
                Problem(
                    "$.session.id",
                    f"session {session_id} appears in more than one note: {', '.join(files)}",
                )
            )
    if problems:
        raise InvalidRecord(problems, source=source)

    ordered = tuple(sorted(given, key=lambda n: (n.session.start, n.session.id)))
    return Course(client=ordered[-1].client, notes=ordered)
