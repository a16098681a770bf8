"""Batch rendering against the number of workers, on soapnotes' own pool and on Dask.

Run from a checkout: ``python benchmarks/render_batch.py [--notes 40] [--no-dask]``.

Issue 16's last row ("render_many, N workers: scales with workers on any executor") and
issue 19's batch work: the same notes (copies of the shipped examples, each its own
session id) rendered by ``render_many`` with 1 and 2 workers on the built-in worker pool,
and on a Dask ``LocalCluster`` of 1 and 2 worker processes (``pip install
soapnotes[dask]``). Prints notes per second and the speed-up over one worker; for Dask also
the cluster's start-up time, which is not counted in its rate. A 2-core machine shared with
other work will show less than x2.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from soapnotes.render.batch import render_many  # noqa: E402 - after the checkout is on the path

EXAMPLES = sorted((ROOT / "examples").glob("*.json"))


def _inputs(folder: Path, count: int) -> list[Path]:
    paths = []
    for index in range(count):
        data = json.loads(EXAMPLES[index % len(EXAMPLES)].read_text(encoding="utf-8"))
        data["session"]["id"] = f"bench{index:04d}"
        path = folder / f"note{index:04d}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        paths.append(path)
    return paths


def _timed(run: Callable[[Path], list[Any]], out: Path) -> float:
    for old in out.glob("*.pdf"):
        old.unlink()
    start = time.perf_counter()
    results = run(out)
    elapsed = time.perf_counter() - start
    failed = [r.error for r in results if not r.ok]
    if failed:
        raise SystemExit(f"benchmark notes failed: {failed[:3]}")
    return elapsed


def _row(label: str, workers: int, count: int, seconds: float, base: float | None) -> float:
    rate = count / seconds
    speedup = "" if base is None else f"x{rate / base:.2f}"
    print(f"| {label} | {workers} | {seconds:.2f} | {rate:.1f} | {speedup} |")
    return rate


def _dask(paths: list[Path], out: Path, workers: int) -> tuple[float, float]:
    distributed: Any = importlib.import_module("distributed")  # untyped: the `dask` extra
    start = time.perf_counter()
    with (
        distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        startup = time.perf_counter() - start
        render_many(paths[:2], out, executor=client)  # warm the workers' imports
        seconds = _timed(lambda o: render_many(paths, o, executor=client), out)
    return startup, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=40)
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "in").mkdir()
        out = folder / "out"
        out.mkdir()
        paths = _inputs(folder / "in", args.notes)
        print(f"{args.notes} notes\n")
        print("| executor | workers | seconds | notes/s | vs 1 worker |")
        print("| --- | --- | --- | --- | --- |")
        base = None
        for workers in (1, 2):
            seconds = _timed(functools.partial(render_many, paths, workers=workers), out)
            rate = _row("own pool", workers, args.notes, seconds, base)
            base = base or rate
        if args.no_dask:
            return
        base = None
        startups = []
        for workers in (1, 2):
            startup, seconds = _dask(paths, out, workers)
            startups.append(startup)
            rate = _row("Dask LocalCluster", workers, args.notes, seconds, base)
            base = base or rate
        print(f"\nDask cluster start-up: {', '.join(f'{s:.1f} s' for s in startups)}")


if __name__ == "__main__":
    main()
