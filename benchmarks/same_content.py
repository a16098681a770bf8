"""Whether the hand-written baseline draws the same content as soapnotes: the honesty check.

A ratio against ``benchmarks/render_baseline.py`` means something only while the baseline
draws what soapnotes draws. Schema 2 once added six sections to the examples that soapnotes
drew and the baseline did not, and the ratio silently compared unlike content. So
``render_compare.py`` and ``tests/render/test_baseline_content.py`` compare the two PDFs'
text layers (pypdf's extraction): every word and number of soapnotes' pages counted with
its repeats, how many of them the baseline's pages have too, the page count and the fonts.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

import attrs
from pypdf import PdfReader

__all__ = ["MIN_COVERAGE", "SameContent", "compare"]

#: The share of soapnotes' words (with repeats) the baseline must draw too. Not 1.0: a page
#: break in a different row repeats a table's header on another page, and the body map's
#: labels differ (the baseline's map is simpler, as the issue allows).
MIN_COVERAGE = 0.95

_WORD = re.compile(r"\w+")


@attrs.frozen
class SameContent:
    """What the baseline's PDF has of soapnotes'."""

    coverage: float  # share of soapnotes' words (with repeats) also in the baseline
    missing: tuple[str, ...]  # soapnotes' words the baseline lacks, most repeated first
    pages: tuple[int, int]  # soapnotes', the baseline's
    fonts: tuple[frozenset[str], frozenset[str]]  # base font names, subset prefix dropped

    @property
    def ok(self) -> bool:
        return (
            self.coverage >= MIN_COVERAGE
            and self.pages[0] == self.pages[1]
            and self.fonts[0] == self.fonts[1]
        )


def _read(pdf: bytes) -> tuple[Counter[str], int, frozenset[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    words: Counter[str] = Counter()
    fonts = set()
    for page in reader.pages:
        words.update(_WORD.findall(page.extract_text()))
        resources: Any = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            name = str(font.get_object()["/BaseFont"])
            fonts.add(name.split("+", 1)[-1])
    return words, len(reader.pages), frozenset(fonts)


def compare(ours: bytes, theirs: bytes) -> SameContent:
    """How much of the PDF ``ours`` (soapnotes') the PDF ``theirs`` (the baseline's) draws."""
    mine, my_pages, my_fonts = _read(ours)
    base, base_pages, base_fonts = _read(theirs)
    missing = mine - base
    total = sum(mine.values())
    coverage = 1 - sum(missing.values()) / total if total else 1.0
    return SameContent(
        coverage=coverage,
        missing=tuple(word for word, _ in missing.most_common()),
        pages=(my_pages, base_pages),
        fonts=(my_fonts, base_fonts),
    )
