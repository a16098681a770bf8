"""Render time per note in each locale (issue 17).

Run from a checkout: ``python benchmarks/render_locales.py [--repeat 5]``.

Each shipped example is rendered (with its findings) in English, German and French, best
of ``--repeat`` in one warm process, then the mean per note in each locale; the first German
and French render of the process is timed apart: it loads Babel, CLDR data and the catalog
once. The progress report of the example course is timed the same way, and so is writing
every finding of the invalid examples (which break rules of every family) in each locale
(:func:`soapnotes.i18n.format_finding`, what ``validate --locale`` and the findings box do).
"""

from __future__ import annotations

import argparse
import functools
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import soapnotes  # noqa: E402 - after the checkout is on the path
from soapnotes.i18n import format_finding  # noqa: E402
from soapnotes.render import RenderOptions, render_note_bytes, render_progress_bytes  # noqa: E402
from soapnotes.rules import validate  # noqa: E402

LOCALES = ("en", "de_AT", "fr_FR")

_FIRST = """
import sys, time
sys.path.insert(0, sys.argv[1])
import soapnotes
from soapnotes.render import RenderOptions, render_note_bytes
note = soapnotes.load(sys.argv[2])
render_note_bytes(note)  # reportlab, fonts and the layout caches warm, in English
start = time.perf_counter()
render_note_bytes(note, options=RenderOptions(locale=sys.argv[3]))
print(time.perf_counter() - start)
"""


def _best(make: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        make()
        best = min(best, time.perf_counter() - start)
    return best


def _findings_text(repeat: int) -> None:
    """Microseconds to write one finding of the invalid examples in each locale."""
    findings = [
        finding
        for path in sorted((ROOT / "examples" / "invalid").glob("*.toml"))
        for finding in validate(soapnotes.load(path))
    ]
    times = []
    for locale in LOCALES:
        [format_finding(f, locale) for f in findings]  # warm: catalogs loaded

        def write_all(locale: str = locale) -> None:
            for finding in findings:
                format_finding(finding, locale)

        times.append(_best(write_all, repeat) / len(findings))
    print(
        f"{f'one finding ({len(findings)} made)':28} "
        + " ".join(f"{t * 1e6:7.1f}us" for t in times)
    )


def main() -> None:
    """Print a table of milliseconds per render."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    examples = sorted((ROOT / "examples").glob("*.toml"))
    print(
        f"{'document':28} " + " ".join(f"{loc:>9}" for loc in LOCALES) + "  (ms, best of "
        f"{args.repeat})"
    )
    per_locale: list[list[float]] = [[] for _ in LOCALES]
    for path in examples:
        note = soapnotes.load(path)
        findings = validate(note)
        times = []
        for locale in LOCALES:
            options = RenderOptions(locale=locale)
            render_note_bytes(note, options=options, findings=findings)  # warm
            times.append(
                _best(
                    functools.partial(render_note_bytes, note, options=options, findings=findings),
                    args.repeat,
                )
            )
        print(f"{path.stem:28} " + " ".join(f"{t * 1000:9.1f}" for t in times))
        for column, value in zip(per_locale, times, strict=True):
            column.append(value)
    print(
        f"{'mean per note':28} " + " ".join(f"{sum(c) / len(c) * 1000:9.1f}" for c in per_locale)
    )
    _findings_text(args.repeat)
    course = soapnotes.load_course([ROOT / "examples" / "course-left-arm"])
    times = []
    for locale in LOCALES:
        options = RenderOptions(locale=locale)
        render_progress_bytes(course, options)
        times.append(_best(functools.partial(render_progress_bytes, course, options), args.repeat))
    print(f"{'progress report (13 notes)':28} " + " ".join(f"{t * 1000:9.1f}" for t in times))
    first = ROOT / "examples" / "lymphedema-left-arm.toml"
    for locale in LOCALES[1:]:
        out = subprocess.run(  # noqa: S603 - this interpreter, our own script
            [sys.executable, "-c", _FIRST, str(ROOT), str(first), locale],
            capture_output=True,
            text=True,
            check=True,
        )
        print(
            f"first {locale} render in a fresh process (Babel, CLDR, catalog load): "
            f"{float(out.stdout) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
