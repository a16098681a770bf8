"""Rendering many notes at once, in parallel processes, with a result per input.

:func:`iter_render_many` streams: it reads the inputs lazily and keeps only a few notes in
flight per worker, so memory stays flat over archives of any size; results come back in
input order. :func:`render_many` collects them into a list.

Each PDF is written to a hidden temporary file in ``out_dir`` by a worker and renamed into
place by the parent (``os.replace``), so an output is either complete or absent, and two
inputs of one batch that would get the same name never overwrite each other. Temporaries
left by a worker that was killed are removed at the start and the end of the next batch
into the folder.

By default the notes are rendered by soapnotes' own worker processes (``_pool``): a worker
that dies is replaced and its note tried once more, a note over the time limit is stopped,
and workers end with their parent. Any ``concurrent.futures.Executor`` (or a Dask
``distributed.Client``) can be passed instead (``docs/reliability.md``); it is given the
notes a few at a time (``chunksize``, ``_executor``), since every task costs it a round trip.

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0 ``executor``, ``time_limit``; the own worker pool.
.. versionchanged:: 0.3.0 ``chunksize``; an executor is kept as busy as it has workers.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor
from pathlib import Path
from typing import Any, Union

import attrs

from soapnotes._files import remove_stale_temporaries, write_temp_beside
from soapnotes.errors import InvalidRecord, SoapnotesError, UsageError
from soapnotes.models.note import Note
from soapnotes.render._executor import Tasks, default_chunksize, executor_workers, run_on_executor
from soapnotes.render._pool import Outcome, run_pool
from soapnotes.render.options import RenderOptions

__all__ = [
    "DEFAULT_TIME_LIMIT",
    "MAX_WORKERS",
    "RenderResult",
    "iter_render_many",
    "output_name",
    "render_many",
]

NoteSource = Union[Note, str, "os.PathLike[str]"]

#: The most worker processes a batch starts (rendering is CPU-bound: more than a few per
#: core only costs memory); larger ``workers`` values are lowered to it.
MAX_WORKERS = 4 * (os.cpu_count() or 1)
#: Seconds one note may take in the built-in workers before it is stopped and reported.
DEFAULT_TIME_LIMIT = 120.0


@attrs.frozen(kw_only=True)
class RenderResult:
    """What became of one input: the PDF written, or why not.

    ``source`` is the input path, or ``note[INDEX]`` for a note passed as a record.
    ``rule_errors`` lists the clinical rules' error findings (``CODE $.path: message``) of a
    note that was checked; the PDF shows them. ``warnings`` holds one line per
    :class:`~soapnotes.errors.MissingGlyphWarning` (the fields and the count, not the text).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``rule_errors`` and ``warnings``.
    """

    source: str
    output: Path | None = None
    error: str | None = None
    rule_errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the PDF was written."""
        return self.error is None


def output_name(note: Note) -> str:
    """The predictable file name of a note's PDF: ``<client_id>_<YYYY-MM-DD>_<session_id>.pdf``.

    The date is the session's start date in its own UTC offset. Ids only hold ASCII letters,
    digits, ``-``, ``_`` and ``.``, so the name is safe on every file system; a client id
    starting with ``.`` or ``-`` gets a leading ``_``, so no name is hidden (``.bashrc``) or
    reads as a command-line option (``-rf``).

    .. versionchanged:: 0.2.0 never a leading dot or dash.
    """
    day = note.session.start.date().isoformat()
    client = note.client.id
    if client.startswith((".", "-")):
        client = "_" + client
    return f"{client}_{day}_{note.session.id}.pdf"


def _render_one(
    item: NoteSource, out_dir: str, options: RenderOptions | None, with_findings: bool
) -> Outcome:
    """In a worker: load (for a path), render to a temporary file in out_dir.

    Returns (temporary path, final name, error, rule errors); never raises for a bad note.
    """
    from soapnotes.io import load
    from soapnotes.render import render_note_bytes
    from soapnotes.render._glyphs import rendering_glyph_lines

    errors: tuple[str, ...] = ()
    try:
        note = item if isinstance(item, Note) else load(item)
        findings = None
        if with_findings:
            from soapnotes.findings import Severity
            from soapnotes.rules import validate

            findings = validate(note)
            errors = tuple(str(f) for f in findings if f.severity is Severity.ERROR)
        data, glyphs = rendering_glyph_lines(
            note, lambda: render_note_bytes(note, options=options, findings=findings)
        )
        name = output_name(note)
        tmp = str(write_temp_beside(Path(out_dir) / name, data))
    except InvalidRecord as exc:  # one line: every problem at its path
        problems = "; ".join(f"{p.path}: {p.message}" for p in exc.problems)
        return None, None, problems, errors, ()
    except (SoapnotesError, OSError) as exc:  # their messages never quote the note's text
        return None, None, str(exc) or type(exc).__name__, errors, ()
    except Exception as exc:  # a bug must not stop the batch; its message may quote the note
        message = f"unexpected {type(exc).__name__} while rendering (details withheld)"
        return None, None, message, errors, ()
    return tmp, name, None, errors, glyphs


def _render_chunk(
    items: list[NoteSource], out_dir: str, options: RenderOptions | None, with_findings: bool
) -> list[Outcome]:
    """In an executor's worker: :func:`_render_one` for each of several notes, in order.

    Each note gets its own outcome: a bad note never fails the others of its task.
    """
    return [_render_one(item, out_dir, options, with_findings) for item in items]


def _source_label(item: NoteSource, index: int) -> str:
    return f"note[{index}]" if isinstance(item, Note) else os.fspath(item)


def _checked(out_dir: str | os.PathLike[str], workers: int | None) -> tuple[str, int | None]:
    """The output folder (it must exist) and ``workers`` (None, or a whole number >= 1)."""
    folder = os.fspath(out_dir)
    if not os.path.isdir(folder):
        raise NotADirectoryError(f"out_dir is not a folder: {folder}")
    if workers is not None and (
        isinstance(workers, bool) or not isinstance(workers, int) or workers < 1
    ):
        raise UsageError("workers must be a whole number, at least 1")
    return folder, workers


def _chunk_count(value: Any) -> int | None:
    """``chunksize``: None, or a whole number >= 1."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise UsageError("chunksize must be a whole number, at least 1, or None")
    return value


def _as_executor(executor: Any) -> Executor:
    """``executor`` itself, or a Dask ``distributed.Client``'s executor (not deduplicating)."""
    if isinstance(executor, Executor):
        return executor
    get_executor = getattr(executor, "get_executor", None)
    if callable(get_executor):  # distributed.Client: identical submissions would be merged
        found = get_executor(pure=False)
        if isinstance(found, Executor):
            return found
    raise UsageError(
        "executor must be a concurrent.futures.Executor or a distributed.Client, "
        f"got {type(executor).__name__}"
    )


class _Finisher:
    """In the parent: rename a worker's temporary file into place, once per output name."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.produced: dict[str, str] = {}

    def __call__(self, label: str, outcome: Outcome | str) -> RenderResult:
        if isinstance(outcome, str):
            return RenderResult(source=label, error=outcome)
        tmp, name, error, rule_errors, glyphs = outcome
        if error is not None or tmp is None or name is None:
            return RenderResult(
                source=label, error=error or "not rendered", rule_errors=rule_errors
            )
        if name in self.produced:
            os.unlink(tmp)
            return RenderResult(
                source=label,
                error=f"same client, session date and session id as {self.produced[name]}",
                rule_errors=rule_errors,
            )
        target = Path(self.folder) / name
        os.replace(tmp, target)
        self.produced[name] = label
        return RenderResult(source=label, output=target, rule_errors=rule_errors, warnings=glyphs)


def iter_render_many(
    notes_or_paths: Iterable[NoteSource],
    out_dir: str | os.PathLike[str],
    *,
    workers: int | None = None,
    options: RenderOptions | None = None,
    findings: bool = True,
    executor: Any = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    chunksize: int | None = None,
) -> Iterator[RenderResult]:
    """Render every note (a record, or a ``.json``/``.toml`` path) to a PDF in ``out_dir``.

    Yields one :class:`RenderResult` per input, in input order, as they are done. A note
    that cannot be loaded or rendered, whose worker died twice, or that ran over the time
    limit gives an error result and the batch goes on: every input ends rendered or
    reported.

    Args:
        notes_or_paths: any iterable, read lazily; paths are loaded by the workers.
        out_dir: an existing folder; PDFs are named by :func:`output_name`.
        workers: processes to use; all cores when None; 1 renders in this process. Never
            more than there are notes, nor than :data:`MAX_WORKERS`. With ``executor``, how
            many notes it renders at once (None: a Dask client's worker threads, a
            standard pool's ``max_workers``, else this machine's cores); four tasks per
            worker are kept submitted ahead.
        options: the rendering options for every note.
        findings: run the rules engine on each note and show its findings in the PDF.
        executor: a ``concurrent.futures.Executor`` (or a Dask ``distributed.Client``) to
            render on instead of soapnotes' own worker processes; it is not shut down. Its
            workers must see ``out_dir`` and the input paths. A lost task is tried again
            one note per task, so only the note that was lost is reported as failed; the
            executor decides about its own retries and its workers' lives.
        time_limit: seconds one note may take in soapnotes' own workers before it is
            stopped (its worker killed and replaced) and reported; None for no limit. Not
            applied with ``executor`` or ``workers=1``.
        chunksize: with ``executor``, how many notes each task renders, to spread the
            executor's cost per task. None: about four tasks per worker for an input
            with a length (``ceil(len / (4 * workers))``), at most 8; 4 for an iterator.
            Results still come one per note, in input order, each chunk's as it ends.
            soapnotes' own workers take one note at a time whatever it is (a note costs
            them one message on a pipe, and the retry and time limit stay per note).

    Raises:
        NotADirectoryError: ``out_dir`` is not an existing folder.
        UsageError: ``workers`` or ``chunksize`` is below 1 or not an int, or ``executor``
            is neither an Executor nor a Dask client (ValueErrors too).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``executor`` and ``time_limit``; a dead worker is replaced.
    .. versionchanged:: 0.3.0 ``chunksize``; with ``executor``, ``workers`` defaults to
       the executor's own count.
    """
    folder, wanted = _checked(out_dir, workers)
    per_task = _chunk_count(chunksize)
    pool = None if executor is None else _as_executor(executor)
    finish = _Finisher(folder)
    remove_stale_temporaries(folder)
    labelled = ((_source_label(item, index), item) for index, item in enumerate(notes_or_paths))
    try:
        if pool is not None:
            at_once = executor_workers(executor, pool, wanted)
            if per_task is None:
                per_task = default_chunksize(notes_or_paths, at_once)
            tasks = Tasks(pool, _render_chunk, folder, options, findings)
            yield from run_on_executor(
                tasks, labelled, workers=at_once, chunksize=per_task, finish=finish
            )
            return
        count = min(wanted if wanted is not None else (os.cpu_count() or 1), MAX_WORKERS)
        if count == 1:
            for label, item in labelled:
                yield finish(label, _render_one(item, folder, options, findings))
        else:
            yield from _on_own_pool(labelled, folder, options, findings, count, time_limit, finish)
    finally:
        remove_stale_temporaries(folder)


def _on_own_pool(
    labelled: Iterator[tuple[str, NoteSource]],
    folder: str,
    options: RenderOptions | None,
    findings: bool,
    count: int,
    time_limit: float | None,
    finish: _Finisher,
) -> Iterator[RenderResult]:
    labels: dict[int, str] = {}

    def tasks() -> Iterator[tuple[int, tuple[Any, ...]]]:
        for index, (label, item) in enumerate(labelled):
            labels[index] = label
            yield index, (item, folder, options, findings)

    if multiprocessing.get_start_method() == "fork":
        _warm_up(options)
    done: dict[int, Outcome | str] = {}
    next_index = 0
    # A few tasks per worker keep them busy while bounding what is held in memory.
    for index, outcome in run_pool(
        tasks(), _render_one, workers=count, time_limit=time_limit, window=4 * count
    ):
        done[index] = outcome
        while next_index in done:  # renamed in input order: the first of two same names wins
            yield finish(labels.pop(next_index), done.pop(next_index))
            next_index += 1


#: The options this process has rendered with once (see :func:`_warm_up`).
_warm: set[RenderOptions | None] = set()


def _warm_up(options: RenderOptions | None) -> None:
    """Render a shipped example once in this process, so forked workers start warm.

    A new process's first note costs about 200 ms more than the others (reading the four
    DejaVu faces and any fallbacks, generating the loader's code for each record type, the
    body map's kept drawings: ``docs/performance.md``). Forked from a process that has
    paid it, every worker of every later batch, and a worker started to replace a dead
    one, starts without it.
    """
    with contextlib.suppress(TypeError):  # options that cannot be hashed: warm each time
        if options in _warm:
            return
    from soapnotes.examples import load_example
    from soapnotes.render import render_note_bytes
    from soapnotes.rules import validate

    with contextlib.suppress(Exception):  # a bad fallback font is reported per note instead
        note = load_example()
        render_note_bytes(note, options=options, findings=validate(note))
    with contextlib.suppress(TypeError):
        _warm.add(options)


def render_many(
    notes_or_paths: Iterable[NoteSource],
    out_dir: str | os.PathLike[str],
    *,
    workers: int | None = None,
    options: RenderOptions | None = None,
    findings: bool = True,
    executor: Any = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    chunksize: int | None = None,
) -> list[RenderResult]:
    """Render every note to ``out_dir`` in parallel; a :class:`RenderResult` per input, in order.

    See :func:`iter_render_many`, which streams the same results, for every argument.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``executor`` and ``time_limit``.
    .. versionchanged:: 0.3.0 ``chunksize``.
    """
    return list(
        iter_render_many(
            notes_or_paths,
            out_dir,
            workers=workers,
            options=options,
            findings=findings,
            executor=executor,
            time_limit=time_limit,
            chunksize=chunksize,
        )
    )
