"""Render notes on Ray through a ``concurrent.futures.Executor`` adapter, and time it.

Run from a checkout with Ray installed (``pip install ray``; it is no soapnotes extra):
``python benchmarks/ray_render.py [--notes 24] [--cpus 2] [--address ADDRESS]``.

Ray has no ``Executor`` class, but ``render_many(executor=...)`` takes any: :class:`RayExecutor`
below is one (a Ray task per ``submit``; ``ObjectRef.future()`` is the
``concurrent.futures.Future``). This script starts a local Ray (or joins ``--address``),
renders copies of the shipped examples twice (the first batch also starts Ray's workers and
imports soapnotes in them) and prints the start-up time, both batches and the notes/s of the
second. On a real cluster the workers need soapnotes installed (a ``runtime_env``) and must
see the input paths and the output folder (shared storage).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import importlib
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.render_batch import _inputs  # noqa: E402 - after the checkout is on the path
from soapnotes.render.batch import render_many  # noqa: E402


class RayExecutor(concurrent.futures.Executor):
    """``concurrent.futures`` on Ray: each ``submit`` is a Ray task.

    ``task_options`` go to ``ray.remote`` (``num_cpus=1``, ``max_retries=3``, ...). Each
    function is made a remote function once, not on every call: ``ray.remote`` exports
    the function to the cluster each time it is called.
    """

    def __init__(self, **task_options: Any) -> None:
        self._ray: Any = importlib.import_module("ray")  # untyped, and no soapnotes extra
        self._options = task_options
        self._remote: dict[Callable[..., Any], Any] = {}

    def submit(
        self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any
    ) -> concurrent.futures.Future[Any]:
        remote = self._remote.get(fn)
        if remote is None:
            make = self._ray.remote(**self._options) if self._options else self._ray.remote
            remote = self._remote[fn] = make(fn)
        future: concurrent.futures.Future[Any] = remote.remote(*args, **kwargs).future()
        return future


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=24)
    parser.add_argument("--cpus", type=int, default=2, help="for a local Ray (not --address)")
    parser.add_argument("--address", help="an existing Ray cluster to join")
    args = parser.parse_args()
    ray: Any = importlib.import_module("ray")
    start = time.perf_counter()
    if args.address:
        ray.init(address=args.address)
    else:
        ray.init(num_cpus=args.cpus, include_dashboard=False)
    try:
        startup = time.perf_counter() - start
        # Ray's executor cannot say how many workers it has: tell render_many.
        workers = int(ray.cluster_resources().get("CPU", 1))
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "in").mkdir()
            out = Path(tmp) / "out"
            out.mkdir()
            paths = _inputs(Path(tmp) / "in", args.notes)
            seconds = []
            for _ in range(2):
                begin = time.perf_counter()
                results = render_many(paths, out, executor=RayExecutor(), workers=workers)
                seconds.append(time.perf_counter() - begin)
                failed = [r for r in results if not r.ok]
                for result in failed:
                    print(f"{result.source}: not rendered: {result.error}")
        print(
            f"Ray with {workers} CPUs: start-up {startup:.1f} s; rendered "
            f"{len(results) - len(failed)} of {args.notes} notes; first batch "
            f"{seconds[0]:.2f} s, second {seconds[1]:.2f} s ({args.notes / seconds[1]:.1f} "
            "notes/s)"
        )
    finally:
        ray.shutdown()
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
