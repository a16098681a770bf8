"""Where rendering a note spends its time: cProfile over warm renders of one example.

Run from a checkout: ``python benchmarks/render_profile.py [example] [--runs 20] [--top 25]``
(example: ``lymphedema-left-arm`` by default, or ``swedish-fibromyalgia``, ...).

Prints the functions with the most time of their own, then the most cumulative time, and
the share of the whole taken by a few groups that issue 16 names (paragraph parsing and line
breaking, tables, the body map, our text pipeline, PDF serialisation and compression).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import soapnotes  # noqa: E402 - after the checkout is on the path
from soapnotes.render import render_note_bytes  # noqa: E402
from soapnotes.rules import validate  # noqa: E402

#: (label, function key test): cumulative time of the outermost matching function.
_GROUPS = (
    ("paragraph parsing (paraparser)", "paraparser.py", "parse"),
    ("paragraph wrapping (breakLines)", "paragraph.py", "breakLines"),
    ("paragraph drawing (drawPara)", "paragraph.py", "drawPara"),
    ("tables: row heights (_calc_height)", "tables.py", "_calc_height"),
    ("tables: drawing (Table.draw)", "tables.py", "draw"),
    ("body map: building (draw_body_map)", "_draw.py", "draw_body_map"),
    ("body map: drawing (renderPDF.draw)", "renderPDF.py", "draw"),
    ("our text pipeline (paragraph_markup)", "_text.py", "paragraph_markup"),
    ("PDF serialisation (doc.SaveToFile)", "pdfdoc.py", "SaveToFile"),
    ("zlib compression", "~", "<built-in method zlib.compress>"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("example", nargs="?", default="lymphedema-left-arm")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    note = soapnotes.load(ROOT / "examples" / f"{args.example}.toml")
    findings = validate(note)
    render_note_bytes(note, findings=findings)  # warm: fonts, styles, caches
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.runs):
        render_note_bytes(note, findings=findings)
    profile.disable()
    stats = pstats.Stats(profile)
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, object]] = stats.stats  # type: ignore[attr-defined]
    total = sum(tt for _, _, tt, _, _ in raw.values())
    each = total / args.runs * 1000
    print(f"{args.example}: {args.runs} renders under cProfile, {each:.1f} ms each")
    print("share of the time by part (cumulative, parts overlap):")
    for label, filename, function in _GROUPS:
        cumulative = sum(
            ct
            for (f, _, name), (_, _, _, ct, _) in raw.items()
            if f.endswith(filename) and name == function
        )
        print(f"  {cumulative / total * 100:5.1f} %  {label}")
    stats.sort_stats("tottime").print_stats(args.top)
    stats.sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
