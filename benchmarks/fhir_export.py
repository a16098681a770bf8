"""Time the FHIR R4 export (and import) of the shipped notes: warm, in one process.

Run from the repository root: ``python benchmarks/fhir_export.py [N]``. Not a test.
For each example and the 13 notes of the left-arm course: the Bundle's size as indented
JSON (what ``soapnotes export`` writes) and compact, its resource count, and the median and
minimum time of N runs of ``to_bundle`` alone, of ``to_bundle`` plus ``json.dumps`` (what
the CLI does per note after loading it), and of ``from_bundle`` (which exports again to
compare).
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import soapnotes
from soapnotes.fhir import from_bundle, to_bundle

ROOT = Path(__file__).resolve().parent.parent
AT = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)


def _ms(run: Callable[[], object], repetitions: int) -> tuple[float, float]:
    run()  # warm up
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def _report(name: str, note: soapnotes.Note, repetitions: int) -> None:
    bundle = to_bundle(note, timestamp=AT)
    indented = len((json.dumps(bundle, ensure_ascii=False, indent=2) + "\n").encode())
    compact = len(json.dumps(bundle, ensure_ascii=False, separators=(",", ":")).encode())
    export = _ms(lambda: to_bundle(note, timestamp=AT), repetitions)
    written = _ms(
        lambda: json.dumps(to_bundle(note, timestamp=AT), ensure_ascii=False, indent=2),
        repetitions,
    )
    back = _ms(lambda: from_bundle(bundle), repetitions)
    print(
        f"{name:22} {len(bundle['entry']):3} resources {indented:7,} B ({compact:7,} B compact)"
        f"  to_bundle {export[0]:5.2f} ms (min {export[1]:5.2f})"
        f"  +json {written[0]:5.2f} ms  from_bundle {back[0]:5.2f} ms (min {back[1]:5.2f})"
    )


def main(repetitions: int = 50) -> None:
    for name in soapnotes.examples.example_names():
        _report(name, soapnotes.examples.load_example(name), repetitions)
    course = sorted((ROOT / "examples" / "course-left-arm").glob("*.toml"))
    notes = [soapnotes.load(path) for path in course]
    start = time.perf_counter()
    for _ in range(repetitions):
        for note in notes:
            to_bundle(note, timestamp=AT)
    per_note = (time.perf_counter() - start) * 1000 / (repetitions * len(notes))
    print(f"course-left-arm: {len(notes)} notes, to_bundle {per_note:.2f} ms per note (mean)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
