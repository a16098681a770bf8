"""The batch renderer's own worker processes: one note at a time each, watched by the parent.

Unlike a ``ProcessPoolExecutor``, the parent knows which note each worker holds, so:

- a worker that dies (``kill -9``, the OOM killer) is replaced, and the note it held is tried
  once more and then reported, while every other note carries on;
- a note that takes longer than the time limit has its worker killed and replaced, and is
  reported;
- workers start only when there is a note for them, so there are never more than notes;
- workers end when the parent does: ``PR_SET_PDEATHSIG`` on Linux, and on every system a
  thread that exits the worker once its parent is gone (its pipe closes or its parent
  process id changes).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

#: (temporary path, final name, error, rule errors, warnings): what a worker sends back.
Outcome = tuple[str | None, str | None, str | None, tuple[str, ...], tuple[str, ...]]
#: Render one task in a worker: (item, out_dir, options, findings) -> Outcome.
RenderOne = Callable[..., Outcome]

#: How often an orphaned worker notices (seconds) where PR_SET_PDEATHSIG is missing.
_WATCH_SECONDS = 1.0


def _die_with_parent(parent: int) -> None:
    """Make this worker exit when the process ``parent`` goes."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):  # no libc, or a sandbox that refuses prctl
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(_WATCH_SECONDS)

    threading.Thread(target=watch, name="soapnotes-parent-watch", daemon=True).start()
    if os.getppid() != parent:  # the parent went before the signal was armed
        os._exit(1)


def _worker_main(conn: Connection, parent: int, render_one: RenderOne) -> None:
    """A worker: render each task it is sent until told to stop or its parent goes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent(parent)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, args = task
        conn.send((index, render_one(*args)))


class _Worker:
    def __init__(self, context: Any, render_one: RenderOne) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_worker_main, args=(child, os.getpid(), render_one), daemon=True
        )
        self.process.start()
        child.close()
        self.task: tuple[int, tuple[Any, ...], int] | None = None  # index, args, attempt
        self.deadline = float("inf")

    def stop(self, kill: bool) -> None:
        if kill and self.process.is_alive():
            self.process.kill()
        else:
            with contextlib.suppress(OSError):
                self.conn.send(None)
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _signal_name(code: int | None) -> str:
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            return signal.Signals(-code).name
    return f"exit code {code}"


def run_pool(
    tasks: Iterator[tuple[int, tuple[Any, ...]]],
    render_one: RenderOne,
    *,
    workers: int,
    time_limit: float | None,
    window: int,
) -> Iterator[tuple[int, Outcome | str]]:
    """Run ``tasks`` (index, args) on up to ``workers`` processes; yield (index, outcome or
    an error message) as each ends, in any order. At most ``window`` tasks are read ahead."""
    context = multiprocessing.get_context()
    idle: list[_Worker] = []
    busy: list[_Worker] = []
    queue: deque[tuple[int, tuple[Any, ...], int]] = deque()
    exhausted = False
    try:
        while True:
            while not exhausted and len(queue) + len(busy) < window:
                try:
                    index, args = next(tasks)
                except StopIteration:
                    exhausted = True
                    break
                queue.append((index, args, 1))
            while queue and (idle or len(busy) < workers):
                worker = idle.pop() if idle else _Worker(context, render_one)
                worker.task = queue.popleft()
                worker.deadline = time.monotonic() + (time_limit or float("inf"))
                worker.conn.send(worker.task[:2])
                busy.append(worker)
            if not busy:
                if exhausted and not queue:
                    return
                continue
            yield from _wait_once(busy, idle, queue, time_limit)
    finally:
        for worker in (*busy, *idle):
            worker.stop(kill=worker in busy)


def _wait_once(
    busy: list[_Worker],
    idle: list[_Worker],
    queue: deque[tuple[int, tuple[Any, ...], int]],
    time_limit: float | None,
) -> Iterator[tuple[int, Outcome | str]]:
    """Wait for the next result, death or deadline among ``busy``; handle what happened."""
    timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
    ready = wait(
        [w.conn for w in busy] + [w.process.sentinel for w in busy],
        timeout=None if timeout == float("inf") else timeout,
    )
    now = time.monotonic()
    for worker in list(busy):
        assert worker.task is not None  # noqa: S101 - a busy worker holds a task
        index, args, attempt = worker.task
        if worker.conn in ready or worker.conn.poll():
            try:
                done_index, outcome = worker.conn.recv()
            except (EOFError, OSError):
                pass  # it died as it answered: handled as a death below
            else:
                busy.remove(worker)
                worker.task = None
                idle.append(worker)
                yield done_index, outcome
                continue
        if not worker.process.is_alive():
            busy.remove(worker)
            worker.stop(kill=True)
            if attempt < 2:
                queue.appendleft((index, args, attempt + 1))  # once more, on a new worker
            else:
                why = _signal_name(worker.process.exitcode)
                yield index, f"the worker rendering it died twice ({why}); not rendered"
        elif now >= worker.deadline:
            busy.remove(worker)
            worker.stop(kill=True)
            yield index, f"took longer than the {time_limit:g} s time limit; stopped"
