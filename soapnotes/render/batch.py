"""Rendering many notes at once, in parallel processes, with a result per input.

:func:`iter_render_many` streams: it reads the inputs lazily and keeps only a few notes in
flight per worker, so memory stays flat over archives of any size; results come back in
input order. :func:`render_many` collects them into a list.

Each PDF is written to a hidden temporary file in ``out_dir`` by a worker and renamed into
place by the parent (``os.replace``), so an output is either complete or absent, and two
inputs of one batch that would get the same name never overwrite each other.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Union

import attrs

from soapnotes._files import write_temp_beside
from soapnotes.errors import SoapnotesError, UsageError
from soapnotes.models.note import Note
from soapnotes.render.options import RenderOptions

__all__ = ["RenderResult", "iter_render_many", "output_name", "render_many"]

NoteSource = Union[Note, str, "os.PathLike[str]"]


@attrs.frozen(kw_only=True)
class RenderResult:
    """What became of one input: the PDF written, or why not.

    ``source`` is the input path, or ``note[INDEX]`` for a note passed as a record.

    .. versionadded:: 0.1.0
    """

    source: str
    output: Path | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the PDF was written."""
        return self.error is None


def output_name(note: Note) -> str:
    """The predictable file name of a note's PDF: ``<client_id>_<YYYY-MM-DD>_<session_id>.pdf``.

    The date is the session's start date in its own UTC offset. Ids only hold ASCII letters,
    digits, ``-``, ``_`` and ``.``, so the name is safe on every file system.
    """
    day = note.session.start.date().isoformat()
    return f"{note.client.id}_{day}_{note.session.id}.pdf"


def _render_one(
    item: NoteSource, out_dir: str, options: RenderOptions | None, with_findings: bool
) -> tuple[str | None, str | None, str | None]:
    """In a worker: load (for a path), render to a temporary file in out_dir.

    Returns (temporary path, final name, error); never raises for a bad note.
    """
    from soapnotes.io import load
    from soapnotes.render import render_note_bytes

    try:
        note = item if isinstance(item, Note) else load(item)
        findings = None
        if with_findings:
            from soapnotes.rules import validate

            findings = validate(note)
        data = render_note_bytes(note, options=options, findings=findings)
        name = output_name(note)
        tmp = str(write_temp_beside(Path(out_dir) / name, data))
    except (SoapnotesError, OSError) as exc:  # their messages never quote the note's text
        return None, None, str(exc) or type(exc).__name__
    except Exception as exc:  # a bug must not stop the batch; its message may quote the note
        return None, None, f"unexpected {type(exc).__name__} while rendering (details withheld)"
    return tmp, name, None


def _source_label(item: NoteSource, index: int) -> str:
    return f"note[{index}]" if isinstance(item, Note) else os.fspath(item)


def _checked(out_dir: str | os.PathLike[str], workers: int | None) -> tuple[str, int]:
    """The output folder (it must exist) and the number of worker processes (at least 1)."""
    folder = os.fspath(out_dir)
    if not os.path.isdir(folder):
        raise NotADirectoryError(f"out_dir is not a folder: {folder}")
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count < 1:
        raise UsageError("workers must be at least 1")
    return folder, count


def iter_render_many(
    notes_or_paths: Iterable[NoteSource],
    out_dir: str | os.PathLike[str],
    *,
    workers: int | None = None,
    options: RenderOptions | None = None,
    findings: bool = True,
) -> Iterator[RenderResult]:
    """Render every note (a record, or a ``.json``/``.toml`` path) to a PDF in ``out_dir``.

    Yields one :class:`RenderResult` per input, in input order, as they are done. A note
    that cannot be loaded or rendered gives an error result and the batch goes on.

    Args:
        notes_or_paths: any iterable, read lazily; paths are loaded by the workers.
        out_dir: an existing folder; PDFs are named by :func:`output_name`.
        workers: processes to use; all cores when None; 1 renders in this process.
        options: the rendering options for every note.
        findings: run the rules engine on each note and show its findings in the PDF.

    Raises:
        NotADirectoryError: ``out_dir`` is not an existing folder.
        UsageError: ``workers`` is below 1 (a ValueError too).

    .. versionadded:: 0.1.0
    """
    folder, count = _checked(out_dir, workers)
    produced: dict[str, str] = {}

    def finish(label: str, outcome: tuple[str | None, str | None, str | None]) -> RenderResult:
        tmp, name, error = outcome
        if error is not None or tmp is None or name is None:
            return RenderResult(source=label, error=error or "not rendered")
        if name in produced:
            os.unlink(tmp)
            return RenderResult(
                source=label,
                error=f"same client, session date and session id as {produced[name]}",
            )
        target = Path(folder) / name
        os.replace(tmp, target)
        produced[name] = label
        return RenderResult(source=label, output=target)

    if count == 1:
        for index, item in enumerate(notes_or_paths):
            yield finish(_source_label(item, index), _render_one(item, folder, options, findings))
        return

    # A few tasks per worker keep them busy while bounding what is held in memory.
    window = 4 * count
    pending: deque[tuple[str, Future[tuple[str | None, str | None, str | None]]]] = deque()
    with ProcessPoolExecutor(max_workers=count) as pool:
        for index, item in enumerate(notes_or_paths):
            label = _source_label(item, index)
            pending.append((label, pool.submit(_render_one, item, folder, options, findings)))
            if len(pending) >= window:
                yield _collect(pending.popleft(), finish)
        while pending:
            yield _collect(pending.popleft(), finish)


def _collect(
    entry: tuple[str, Future[tuple[str | None, str | None, str | None]]],
    finish: object,
) -> RenderResult:
    label, future = entry
    try:
        outcome = future.result()
    except Exception as exc:  # the worker process died (BrokenProcessPool, MemoryError, ...)
        return RenderResult(source=label, error=f"worker failed: {type(exc).__name__}")
    result: RenderResult = finish(label, outcome)  # type: ignore[operator]
    return result


def render_many(
    notes_or_paths: Iterable[NoteSource],
    out_dir: str | os.PathLike[str],
    *,
    workers: int | None = None,
    options: RenderOptions | None = None,
    findings: bool = True,
) -> list[RenderResult]:
    """Render every note to ``out_dir`` in parallel; a :class:`RenderResult` per input, in order.

    See :func:`iter_render_many`, which streams the same results.

    .. versionadded:: 0.1.0
    """
    return list(
        iter_render_many(
            notes_or_paths, out_dir, workers=workers, options=options, findings=findings
        )
    )
