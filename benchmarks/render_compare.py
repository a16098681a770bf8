"""soapnotes against a hand-written platypus renderer of the same notes, in one process.

Run from a checkout: ``python benchmarks/render_compare.py [--rounds 40]``.

Both renderers (``soapnotes.render.render_note_bytes`` and ``benchmarks/render_baseline.py``)
are warmed up first (fonts registered, caches filled), then timed in alternating order,
round after round, so that a busy machine slows both alike. The table shows the median
times and the median of the per-round ratios (soapnotes / hand-written, each pair timed back
to back: below 1.0 is faster than writing it by hand), which load elsewhere on the machine
disturbs least.

Before timing, it checks that the hand-written renderer draws the same content
(``benchmarks/same_content.py``: at least 95 % of soapnotes' words and numbers, the same
page count and fonts) and stops when it does not: a ratio against less content means
nothing. The table's "words" column is that share.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import soapnotes  # noqa: E402 - after the checkout is on the path
from benchmarks.render_baseline import render as render_by_hand  # noqa: E402
from benchmarks.same_content import compare  # noqa: E402
from soapnotes.findings import Finding  # noqa: E402
from soapnotes.render import RenderOptions, Section, render_note_bytes  # noqa: E402
from soapnotes.rules import validate  # noqa: E402

_NO_MAP = RenderOptions(sections=frozenset(Section) - {Section.BODY_MAP})

Case = tuple[str, Callable[[], bytes], Callable[[], bytes]]


def _cases() -> list[Case]:
    cases: list[Case] = []
    for name, label in (
        ("lymphedema-left-arm", "left arm, every section, with findings"),
        ("swedish-fibromyalgia", "Swedish note, with findings"),
    ):
        note = soapnotes.load(ROOT / "examples" / f"{name}.toml")
        findings = validate(note)

        def ours(note: soapnotes.Note = note, findings: list[Finding] = findings) -> bytes:
            return render_note_bytes(note, findings=findings)

        def theirs(note: soapnotes.Note = note, findings: list[Finding] = findings) -> bytes:
            return render_by_hand(note, findings)

        cases.append((label, ours, theirs))
        if name == "lymphedema-left-arm":

            def ours_no_map(note: soapnotes.Note = note, found: list[Finding] = findings) -> bytes:
                return render_note_bytes(note, findings=found, options=_NO_MAP)

            def theirs_no_map(
                note: soapnotes.Note = note, found: list[Finding] = findings
            ) -> bytes:
                return render_by_hand(note, found, body_map=False)

            cases.append(("left arm, without the body map", ours_no_map, theirs_no_map))
    return cases


def _time(function: Callable[[], bytes]) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    cases = _cases()
    same = {}
    for label, ours, theirs in cases:  # warm up (fonts, styles, caches) and check
        same[label] = found = compare(ours(), theirs())
        if not found.ok:
            sys.exit(
                f"{label}: the hand-written renderer does not draw the same content "
                f"({found.coverage:.1%} of soapnotes' words, pages {found.pages}, fonts "
                f"{sorted(found.fonts[0])} / {sorted(found.fonts[1])}); missing: "
                + " ".join(found.missing[:40])
            )
    print(f"python {sys.version.split()[0]}, {args.rounds} alternating rounds, medians")
    print(f"| {'what':40} | hand-written | soapnotes | ratio | pages | words |")
    print(f"| {'-' * 40} | ---: | ---: | ---: | --- | ---: |")
    for label, ours, theirs in cases:
        mine: list[float] = []
        base: list[float] = []
        for round_ in range(args.rounds):
            pair = ((mine, ours), (base, theirs)) if round_ % 2 else ((base, theirs), (mine, ours))
            for times, function in pair:
                times.append(_time(function))
        m, b = statistics.median(mine), statistics.median(base)
        ratio = statistics.median(x / y for x, y in zip(mine, base, strict=True))
        pages = "{}/{}".format(*same[label].pages)
        words = f"{same[label].coverage:.1%}"
        print(f"| {label:40} | {b:8.1f} ms | {m:6.1f} ms | {ratio:.2f}x | {pages} | {words} |")


if __name__ == "__main__":
    main()
