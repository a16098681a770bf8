"""Feeding a ``concurrent.futures.Executor`` (or a Dask client's) chunks of notes.

Every task costs an executor something a note does not: a Dask cluster a scheduler round
trip (about 2-3 ms of CPU, on the cores that also render), a process pool pickling and a
pipe. So notes go to it several per task (``chunksize``), four tasks per worker are kept
submitted, refilled as any ends (one slow note does not leave the other workers idle), and
the results are handed on in input order. A task that is lost (its worker died) is tried
again one note per task, so only the note that kills its worker is reported.
"""

from __future__ import annotations

import contextlib
import os
import queue
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sized
from concurrent.futures import Executor, Future
from typing import Any, TypeVar

import attrs

from soapnotes.render._pool import Outcome

#: The most notes one task gets by default: enough to make the per-task cost small against
#: 15-80 ms a note, few enough that results come back every few tenths of a second and a
#: lost task costs little to redo.
CHUNK_MOST = 8
#: The default chunk size when the number of notes is not known in advance (an iterator).
CHUNK_UNSIZED = 4
#: The most workers an executor is taken to have (it bounds the tasks submitted ahead).
EXECUTOR_MOST = 1024

#: (label, item): one input and how its result names it.
Entry = tuple[str, Any]
#: Render a chunk in a worker: (items, out_dir, options, findings) -> an outcome per item.
RenderChunk = Callable[..., list[Outcome]]
Result = TypeVar("Result")


def executor_workers(executor: Any, pool: Executor, workers: int | None) -> int:
    """How many notes ``pool`` renders at once: ``workers`` when given, else what the
    executor says (a Dask client's threads, a standard pool's ``max_workers``), else the
    cores of this machine."""
    if workers is not None:
        return min(workers, EXECUTOR_MOST)
    found = 0
    nthreads = getattr(executor, "nthreads", None)
    if callable(nthreads) and not isinstance(executor, Executor):  # distributed.Client
        with contextlib.suppress(Exception):  # a client that cannot say: the fallback
            found = sum(int(n) for n in nthreads().values())
    if not found:  # ProcessPoolExecutor, ThreadPoolExecutor, loky: their max_workers
        maximum = getattr(pool, "_max_workers", None)
        found = maximum if isinstance(maximum, int) and not isinstance(maximum, bool) else 0
    return min(found if found > 0 else (os.cpu_count() or 1), EXECUTOR_MOST)


def default_chunksize(inputs: Iterable[Any], workers: int) -> int:
    """Like ``multiprocessing.Pool.map``: about four tasks per worker, capped."""
    if not isinstance(inputs, Sized):
        return CHUNK_UNSIZED
    per_task = -(-len(inputs) // (4 * workers))
    return max(1, min(per_task, CHUNK_MOST))


@attrs.define
class _Task:
    chunk: list[Entry]
    future: Future[list[Outcome]] | None
    refused: str | None  # why the executor would not take it

    def done(self) -> bool:
        return self.future is None or self.future.done()

    def outcomes(self) -> list[Outcome] | str:
        """A done task's outcomes, one per note, or why there are none."""
        if self.future is None:
            return self.refused or "worker failed"
        try:
            outcomes = self.future.result()
        except Exception as exc:  # the worker died (BrokenProcessPool, KilledWorker, ...)
            return f"worker failed: {type(exc).__name__}"
        if not isinstance(outcomes, list) or len(outcomes) != len(self.chunk):
            return "worker failed: a task returned something else than its outcomes"
        return outcomes


class Tasks:
    """Chunks submitted to an executor, and how many of them are still running.

    Each future says when it ends through a queue, so keeping the executor fed costs the
    same per task however many are in flight (``concurrent.futures.wait`` over all of them
    would cost their number each time).
    """

    def __init__(self, pool: Executor, render_chunk: RenderChunk, *args: Any) -> None:
        self.pool = pool
        self.render_chunk = render_chunk
        self.args = args
        self.running = 0
        self._ended: queue.SimpleQueue[None] = queue.SimpleQueue()

    def submit(self, chunk: list[Entry]) -> _Task:
        items = [item for _, item in chunk]
        try:
            future = self.pool.submit(self.render_chunk, items, *self.args)
        except Exception as exc:  # a broken pool refuses work: BrokenProcessPool, shut down
            return _Task(chunk, None, f"worker failed: {type(exc).__name__}")
        self.running += 1
        future.add_done_callback(lambda _: self._ended.put(None))
        return _Task(chunk, future, None)

    def settle(self, block: bool) -> None:
        """Count the tasks that ended; with ``block``, wait for one first."""
        if block:
            self._ended.get()
            self.running -= 1
        with contextlib.suppress(queue.Empty):
            while True:
                self._ended.get_nowait()
                self.running -= 1


def _chunks(entries: Iterator[Entry], size: int) -> Iterator[list[Entry]]:
    chunk: list[Entry] = []
    for entry in entries:
        chunk.append(entry)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_on_executor(
    tasks: Tasks,
    entries: Iterator[Entry],
    *,
    workers: int,
    chunksize: int,
    finish: Callable[[str, Outcome | str], Result],
) -> Iterator[Result]:
    """Render ``entries`` in chunks on ``tasks``' executor; yield ``finish(label, outcome
    or error)`` for each, in input order. At most eight chunks per worker are held."""
    ahead = 4 * workers
    chunks = _chunks(entries, chunksize)
    pending: deque[_Task] = deque()  # in input order; done ones wait for those before
    unclaimed: list[Outcome] = []  # of the chunk being handed over, the notes after this one
    exhausted = False
    try:
        while True:
            tasks.settle(block=False)
            while not exhausted and tasks.running < ahead and len(pending) < 2 * ahead:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                pending.append(tasks.submit(chunk))
            if not pending:
                return
            head = pending[0]
            if not head.done():
                tasks.settle(block=True)
                continue
            pending.popleft()
            outcomes = head.outcomes()
            if isinstance(outcomes, str) and len(head.chunk) > 1:
                pending.extendleft(reversed([tasks.submit([entry]) for entry in head.chunk]))
                continue
            for index, (label, _) in enumerate(head.chunk):
                if isinstance(outcomes, str):
                    yield finish(label, outcomes)
                else:
                    unclaimed = outcomes[index + 1 :]
                    yield finish(label, outcomes[index])
            unclaimed = []
    finally:  # stopped early (Ctrl-C, the caller closed the iterator, an error)
        _remove_temporaries(unclaimed)
        for task in pending:
            if task.future is not None and not task.future.cancel():
                task.future.add_done_callback(_discard)


def _discard(future: Future[list[Outcome]]) -> None:
    """A done callback: remove the temporary PDFs of a task nobody will take the results of."""
    with contextlib.suppress(Exception):  # failed or cancelled: nothing was written
        _remove_temporaries(future.result())


def _remove_temporaries(outcomes: list[Outcome]) -> None:
    """Remove the temporary PDFs of outcomes that will not be handed over.

    A worker that lives on (a thread, a cluster's) would keep them from ever counting as
    a dead writer's leftovers.
    """
    for tmp, *_ in outcomes:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
