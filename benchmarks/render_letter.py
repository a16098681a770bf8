"""Time the letter to the referring physician for the shipped course: warm, in one process.

Run from the repository root: ``python benchmarks/render_letter.py [N]``. Not a test.
Prints the page count, the median and minimum time of N renders, and the same for the
progress report of the same course beside it.
"""

from __future__ import annotations

import statistics
import sys
import time
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

import soapnotes
from soapnotes.progress import open_findings
from soapnotes.render import render_letter_bytes, render_progress_bytes

COURSE = Path(__file__).resolve().parent.parent / "examples" / "course-left-arm"
TO = "Dr. Amira Haddad, Oncology\nHarbour Regional Cancer Centre"


def _time(name: str, render: object, repetitions: int) -> None:
    assert callable(render)
    data: bytes = render()  # warm up: fonts, caches
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        render()
        times.append((time.perf_counter() - start) * 1000)
    pages = len(PdfReader(BytesIO(data)).pages)
    print(
        f"{name:16} {pages} pages  median {statistics.median(times):6.1f} ms"
        f"  min {min(times):6.1f} ms  ({repetitions} runs, {len(data) // 1024} KiB)"
    )


def main(repetitions: int = 20) -> None:
    course = soapnotes.load_course([COURSE])
    findings = open_findings(course)
    _time(
        "letter",
        lambda: render_letter_bytes(course, to=TO, findings=findings),
        repetitions,
    )
    _time("progress report", lambda: render_progress_bytes(course, findings=findings), repetitions)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
