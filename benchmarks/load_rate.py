"""Notes per second for loading and validating notes, per shipped example.

Run from a checkout: ``python benchmarks/load_rate.py [--seconds 1.0] [--dir tests/data/v1]``
(``--dir`` reads the examples from another folder: ``tests/data/v1`` holds their schema-1
originals, which are migrated as they load).

For each example (its size is printed: records, treated regions, tape points, screening
answers, fields in the JSON data, JSON bytes) it measures, best of three rounds:

- ``from_dict``: dict to records (the fast path, falling back to the detailed one);
- ``detailed``: the same through the detailed cattrs path only (what ``from_dict`` was);
- ``loads``: JSON text to records (parsing with duplicate-key checks, then ``from_dict``);
- ``init``: rebuilding the same records through their own ``__init__`` (attrs validators)
  with a generic walker, for scale.

and the fast path's cost per field of the input (``ns/field``, from ``from_dict``), which is
how schema 2 is compared with schema 1: a note with more data takes longer, a field must not.
Issue 8's target is 60,000 notes/s for dict-to-record structuring.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import soapnotes  # noqa: E402 - after the checkout is on the path
from soapnotes import Note  # noqa: E402
from soapnotes.io._converter import structure_detailed  # noqa: E402
from soapnotes.io._migrate import upgrade  # noqa: E402

EXAMPLES = ("swedish-fibromyalgia", "lipedema-legs", "lymphedema-left-arm", "lymphedema-left-leg")


def _rate(function: Callable[[], object], seconds: float) -> float:
    best = 0.0
    for _ in range(3):
        count = 0
        start = time.perf_counter()
        while (elapsed := time.perf_counter() - start) < seconds:
            function()
            count += 1
        best = max(best, count / elapsed)
    return best


def _rebuild(value: Any) -> Any:
    if attrs.has(type(value)):
        return type(value)(
            **{a.name: _rebuild(getattr(value, a.name)) for a in attrs.fields(type(value))}
        )
    if isinstance(value, tuple):
        return tuple(_rebuild(v) for v in value)
    return value


def _count_fields(value: Any) -> int:
    """Keys in the JSON data (nested), the measure of a note's size for ns/field."""
    if isinstance(value, dict):
        return sum(1 + _count_fields(v) for v in value.values())
    if isinstance(value, list):
        return sum(_count_fields(v) for v in value)
    return 0


def _count_records(value: Any) -> int:
    if attrs.has(type(value)):
        return 1 + sum(_count_records(getattr(value, a.name)) for a in attrs.fields(type(value)))
    if isinstance(value, tuple):
        return sum(_count_records(v) for v in value)
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="per round (3 rounds)")
    parser.add_argument("--dir", type=Path, default=ROOT / "examples", help="examples folder")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}; notes/s, best of 3 rounds of {args.seconds} s")
    header = (
        f"{'example':22} {'size':64} {'from_dict':>9} {'detailed':>9} {'loads':>8} {'init':>8}"
        f" {'ns/field':>8}"
    )
    print(header)
    for name in EXAMPLES:
        path = args.dir / f"{name}.json"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        note = soapnotes.loads(text)
        data = json.loads(text)  # as the file has it (a v1 file migrates in from_dict)
        fields = _count_fields(data)
        migrated = upgrade(data)  # the detailed path alone does not migrate
        tape = sum(len(s.points) for s in note.session.objective.circumferences)
        previous = note.session.objective.previous
        if previous is not None:
            tape += sum(len(s.points) for s in previous.circumferences)
        screening = note.client.screening
        size = (
            f"{_count_records(note)} records, {len(note.session.treatment)} regions, "
            f"{tape} tape, {len(screening.answers) if screening else 0} answers, "
            f"{fields} fields, {len(text.encode()) // 1024} KiB"
        )
        functions: list[Callable[[], object]] = [
            lambda data=data: soapnotes.from_dict(data),  # type: ignore[misc]
            lambda data=migrated: structure_detailed(data, Note, source=None),  # type: ignore[misc]
            lambda text=text: soapnotes.loads(text),  # type: ignore[misc]
            lambda note=note: _rebuild(note),  # type: ignore[misc]
        ]
        rates = [_rate(function, args.seconds) for function in functions]
        per_field = 1e9 / (rates[0] * fields)
        print(
            f"{name:22} {size:64} "
            + " ".join(f"{r:>8,.0f} " for r in rates)
            + f"{per_field:>8.0f}"
        )


if __name__ == "__main__":
    main()
