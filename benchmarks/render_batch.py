"""Render time per note, and batch throughput and peak memory with 1 and N workers.

Run from a checkout: ``python benchmarks/render_batch.py [--count 1000] [--workers 1 2]``.

Writes ``--count`` JSON notes (the shipped examples in turn, each with its own session id)
to a temporary folder, then renders them with :func:`soapnotes.render.batch.render_many`
once per worker count, each run in a fresh process so that peak memory (``ru_maxrss`` of
the run's parent and, separately, of its largest worker) belongs to that run alone.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXAMPLES = ("swedish-fibromyalgia", "lipedema-legs", "lymphedema-left-arm")


def _per_note_ms() -> None:
    import soapnotes
    from soapnotes.render import render_note_bytes
    from soapnotes.rules import validate

    for name in EXAMPLES:
        note = soapnotes.load(ROOT / "examples" / f"{name}.json")
        findings = validate(note)
        render_note_bytes(note, findings=findings)  # fonts registered, caches warm
        runs = 10
        start = time.perf_counter()
        for _ in range(runs):
            size = len(render_note_bytes(note, findings=findings))
        ms = (time.perf_counter() - start) / runs * 1000
        print(f"  {name:22} {ms:6.1f} ms/note  {size // 1024} KiB PDF")


def _write_notes(folder: Path, count: int) -> None:
    texts = [json.loads((ROOT / "examples" / f"{n}.json").read_text("utf-8")) for n in EXAMPLES]
    for index in range(count):
        data = texts[index % len(texts)]
        data["session"]["id"] = f"S-{index:06d}"
        (folder / f"note-{index:06d}.json").write_text(json.dumps(data), encoding="utf-8")


def _run(folder: str, out: str, workers: int) -> None:
    """In a fresh process: render the folder, print seconds and peak RSS (parent, child)."""
    from soapnotes.render.batch import iter_render_many

    files = (str(p) for p in sorted(Path(folder).iterdir()))
    start = time.perf_counter()
    failed = sum(not r.ok for r in iter_render_many(files, out, workers=workers))
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "failed": failed, "self_kb": own, "child_kb": children}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    parser.add_argument("--run", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        _run(args.run[0], args.run[1], int(args.run[2]))
        return
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print("render_note_bytes, one note at a time (with rule findings):")
    _per_note_ms()
    with tempfile.TemporaryDirectory() as tmp:
        notes = Path(tmp) / "notes"
        notes.mkdir()
        _write_notes(notes, args.count)
        base = None
        print(f"render_many over {args.count} notes from JSON files:")
        for workers in args.workers:
            out = Path(tmp) / f"out-{workers}"
            out.mkdir()
            line = subprocess.run(  # noqa: S603 - this script, fixed arguments
                [sys.executable, __file__, "--run", str(notes), str(out), str(workers)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            result = json.loads(line)
            rate = args.count / result["seconds"]
            base = base or rate
            print(
                f"  workers={workers}: {result['seconds']:.1f} s, {rate:.1f} notes/s "
                f"(x{rate / base:.2f}), {result['failed']} failed, peak RSS parent "
                f"{result['self_kb'] / 1024:.0f} MiB, largest worker "
                f"{result['child_kb'] / 1024:.0f} MiB"
            )


if __name__ == "__main__":
    main()
