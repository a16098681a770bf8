"""Render time against the length of one text field, from 1 KB to the load limit.

Run from a checkout: ``python benchmarks/render_text_size.py [--repeat 3]``.

Issue 19 item 1: one long field must not stall a render. Each row puts text of the given
length into one field of the left-arm example (everything else as shipped) and renders it,
best of ``--repeat``, minus the time of the unchanged note; "per KB" should stay flat when
layout is linear. Text comes as words ("abc abc ...") and as one long word ("xxx...", which
must be broken). The lengths go up to the load limits: 10,000 characters for name-like fields
and 100,000 for free text (issue 19's limits; ``--name-limit``/``--text-limit`` to change).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import soapnotes  # noqa: E402 - after the checkout is on the path
from soapnotes.render import render_note_bytes  # noqa: E402

Note = soapnotes.Note


def _given_name(note: Note, text: str) -> Note:
    return attrs.evolve(note, client=attrs.evolve(note.client, given_name=text))


def _phone(note: Note, text: str) -> Note:
    return attrs.evolve(note, practice=attrs.evolve(note.practice, phone=text))


def _notes(note: Note, text: str) -> Note:
    subjective = attrs.evolve(note.session.subjective, notes=text)
    return attrs.evolve(note, session=attrs.evolve(note.session, subjective=subjective))


def _technique(note: Note, text: str) -> Note:
    treatment = list(note.session.treatment)
    treatment[0] = attrs.evolve(treatment[0], technique=text)
    return attrs.evolve(note, session=attrs.evolve(note.session, treatment=tuple(treatment)))


#: (field, how to set it, name-like: limited to the name limit).
FIELDS: tuple[tuple[str, Callable[[Note, str], Note], bool], ...] = (
    ("client given name (header, table cell)", _given_name, True),
    ("practice phone (header)", _phone, True),
    ("subjective notes (paragraph)", _notes, False),
    ("treatment technique (table cell)", _technique, False),
)


def _lengths(limit: int) -> list[int]:
    steps = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000]
    return [n for n in steps if n < limit] + [limit]


def _best(note: Note, repeat: int) -> tuple[float, int]:
    best, pages = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        data = render_note_bytes(note)
        best = min(best, time.perf_counter() - start)
        pages = data.count(b"/Type /Page\n")
    return best, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--name-limit", type=int, default=10_000)
    parser.add_argument("--text-limit", type=int, default=100_000)
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # the long word draws no missing glyph; keep output clean
    note = soapnotes.load(ROOT / "examples" / "lymphedema-left-arm.toml")
    render_note_bytes(note)  # warm: fonts, styles, kept body map marks
    base, base_pages = _best(note, max(args.repeat, 5))
    print(
        f"python {sys.version.split()[0]}; the unchanged note: {base * 1000:.0f} ms, "
        f"{base_pages} pages; best of {args.repeat}"
    )
    print("| field | text | characters | render | over the note | per KB | pages |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for label, evolve, name_like in FIELDS:
        limit = args.name_limit if name_like else args.text_limit
        for shape, unit in (("words", "abc "), ("one word", "x")):
            for length in _lengths(limit):
                text = (unit * (length // len(unit) + 1))[:length]
                seconds, pages = _best(evolve(note, text), args.repeat)
                extra = max(seconds - base, 0.0)
                print(
                    f"| {label} | {shape} | {length:,} | {seconds * 1000:,.0f} ms | "
                    f"{extra * 1000:,.0f} ms | {extra * 1000 / (length / 1000):.1f} ms | {pages} |"
                )


if __name__ == "__main__":
    main()
