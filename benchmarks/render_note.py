"""Time rendering of the shipped examples: warm, in one process, N repetitions each.

Run from the repository root: ``python benchmarks/render_note.py [N]``. Not a test.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import soapnotes
from soapnotes.render import render_note_bytes
from soapnotes.rules import validate

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def main(repetitions: int = 50) -> None:
    for path in sorted(EXAMPLES.glob("*.toml")):
        note = soapnotes.load(path)
        findings = validate(note)
        data = render_note_bytes(note, findings=findings)  # warm up: fonts, caches
        times = []
        for _ in range(repetitions):
            start = time.perf_counter()
            render_note_bytes(note, findings=findings)
            times.append((time.perf_counter() - start) * 1000)
        pages = data.count(b"/Type /Page\n")
        print(
            f"{path.stem:24} {pages} pages  median {statistics.median(times):6.1f} ms"
            f"  min {min(times):6.1f} ms  ({repetitions} runs, {len(data) // 1024} KiB)"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
