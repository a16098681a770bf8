"""Batch rendering against the number of workers: in process, soapnotes' own pool, and Dask.

Run from a checkout: ``python benchmarks/render_batch.py [--notes 48] [--rounds 2] [--no-dask]``
(about a minute on a quiet 2-core machine; Dask needs ``pip install soapnotes[dask]``).

Issue 16's last row ("render_many, N workers: scales with workers on any executor"): the
same notes (copies of the shipped examples, each its own session id, as JSON files) rendered
by ``render_many`` in this process (1 worker), on soapnotes' own pool of 2 worker processes,
and on a Dask ``LocalCluster`` of 1 and 2 single-threaded worker processes, one note per
task (``chunksize=1``) and in the default chunks. Each row runs in a fresh interpreter, so
nothing is warm that a real run would not have warm. Columns:

- start-up: creating the Dask cluster and client (not in any other column);
- first batch: the first ``render_many`` over the notes, which also pays for starting the
  workers, importing soapnotes and reportlab in them and loading the fonts;
- notes/s: the best later batch (the workers warm), and the speed-up over 1 worker in
  process;
- parent CPU/note: CPU time of this process (for Dask, also its scheduler) per note in that
  batch: what feeding the workers costs, on the cores they render on;
- peak RSS: this process, and the largest worker (own pool: the largest child process; Dask:
  each worker's own ``ru_maxrss``, asked through ``Client.run``).

A 2-core machine shared with other work shows less than x2, and Dask's scheduler and nannies
run on the same cores as its workers.
"""

from __future__ import annotations

import argparse
import importlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from soapnotes.render.batch import render_many  # noqa: E402 - after the checkout is on the path

EXAMPLES = sorted((ROOT / "examples").glob("*.json"))

#: (executor, workers, chunksize or None for the default): the rows, in order.
ROWS: tuple[tuple[str, int, int | None], ...] = (
    ("in process", 1, None),
    ("own pool", 2, None),
    ("Dask", 1, 1),
    ("Dask", 1, None),
    ("Dask", 2, 1),
    ("Dask", 2, None),
)


def _inputs(folder: Path, count: int) -> list[Path]:
    paths = []
    for index in range(count):
        data = json.loads(EXAMPLES[index % len(EXAMPLES)].read_text(encoding="utf-8"))
        data["session"]["id"] = f"bench{index:04d}"
        path = folder / f"note{index:04d}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        paths.append(path)
    return paths


def _batch(paths: list[Path], out: Path, **kwargs: Any) -> tuple[float, float]:
    """Render every path into out (emptied first): (wall seconds, this process's CPU s)."""
    for old in out.glob("*.pdf"):
        old.unlink()
    start, cpu = time.perf_counter(), time.process_time()
    results = render_many(paths, out, **kwargs)
    elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    failed = [r.error for r in results if not r.ok]
    if failed:
        raise SystemExit(f"benchmark notes failed: {failed[:3]}")
    return elapsed, used


def _max_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def _peak_rss_mib() -> float:  # runs in a Dask worker
    return _max_rss_mib()


def _one(row: int, notes: int, rounds: int) -> dict[str, Any]:
    """Run one row in this (fresh) interpreter; return its measures."""
    executor, workers, chunksize = ROWS[row]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "in").mkdir()
        out = folder / "out"
        out.mkdir()
        paths = _inputs(folder / "in", notes)
        if executor != "Dask":
            first, _ = _batch(paths, out, workers=workers)
            best = min(_batch(paths, out, workers=workers) for _ in range(rounds))
            worker_rss = _max_rss_mib(resource.RUSAGE_CHILDREN) if workers > 1 else None
            return _measures(None, first, best, notes, worker_rss)
        distributed: Any = importlib.import_module("distributed")  # untyped: the `dask` extra
        start = time.perf_counter()
        with (
            distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            startup = time.perf_counter() - start
            kwargs = {"executor": client, "chunksize": chunksize}
            first, _ = _batch(paths, out, **kwargs)
            best = min(_batch(paths, out, **kwargs) for _ in range(rounds))
            worker_rss = max(client.run(_peak_rss_mib).values())
        return _measures(startup, first, best, notes, worker_rss)


def _measures(
    startup: float | None,
    first: float,
    best: tuple[float, float],
    notes: int,
    worker_rss: float | None,
) -> dict[str, Any]:
    return {
        "startup": startup,
        "first": first,
        "rate": notes / best[0],
        "parent_cpu_ms": best[1] / notes * 1000,
        "parent_rss": _max_rss_mib(),
        "worker_rss": worker_rss,
    }


def _chunk_label(executor: str, notes: int, workers: int, chunksize: int | None) -> str:
    if executor == "in process":
        return "-"
    if executor == "own pool":
        return "1 (always)"
    if chunksize is not None:
        return str(chunksize)
    from soapnotes.render._executor import default_chunksize

    return f"{default_chunksize(range(notes), workers)} (default)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=48)
    parser.add_argument("--rounds", type=int, default=2, help="warm batches per row (best)")
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--row", type=int, help=argparse.SUPPRESS)  # one row, in a child
    args = parser.parse_args()
    if args.row is not None:
        print(json.dumps(_one(args.row, args.notes, args.rounds)))
        return
    print(f"{args.notes} notes, python {sys.version.split()[0]}, best of {args.rounds} warm")
    print(
        "| executor | workers | notes per task | start-up | first batch | notes/s "
        "| vs 1 in process | parent CPU/note | peak RSS parent / worker |"
    )
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |")
    base = None
    for row, (executor, workers, chunksize) in enumerate(ROWS):
        if executor == "Dask" and args.no_dask:
            continue
        child = subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, __file__, "--row", str(row), "--notes", str(args.notes),
             "--rounds", str(args.rounds)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        m = json.loads(child.stdout.splitlines()[-1])
        base = base or m["rate"]
        startup = "-" if m["startup"] is None else f"{m['startup']:.1f} s"
        worker = "in process" if m["worker_rss"] is None else f"{m['worker_rss']:.0f} MiB"
        chunk = _chunk_label(executor, args.notes, workers, chunksize)
        print(
            f"| {executor} | {workers} | {chunk} | {startup} | {m['first']:.2f} s "
            f"| {m['rate']:.1f} | x{m['rate'] / base:.2f} | {m['parent_cpu_ms']:.1f} ms "
            f"| {m['parent_rss']:.0f} MiB / {worker} |"
        )


if __name__ == "__main__":
    main()
