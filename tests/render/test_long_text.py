"""Long text lays out in time proportional to its length (issue 19 item 1, rendering half).

Work is counted, never timed (``benchmarks/render_text_size.py`` times it): the characters
measured or scanned must grow with the text, not with its square.
"""

from __future__ import annotations

import io
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph as ParsedParagraph
from reportlab.platypus import SimpleDocTemplate

import soapnotes
from soapnotes.render import _page as page
from soapnotes.render import render_note_bytes
from soapnotes.render._text import runs_width
from soapnotes.render._writer import Writer
from soapnotes.render.fonts import DEFAULT_FONTS, FAMILY, register_family
from tests.conftest import EXAMPLES_DIR

BOLD = f"{FAMILY}-Bold"
register_family()


def _reference_fit(runs: tuple[tuple[str, str], ...], max_width: float) -> Any:
    """The cut as it was first written: one character at a time from the end."""
    cut = [[name, text] for name, text in runs]
    while cut:
        trial = (*((n, t) for n, t in cut), (cut[-1][0], "…"))
        if runs_width(trial, 5.5) <= max_width:
            return tuple(trial), 5.5
        cut[-1][1] = cut[-1][1][:-1]
        if not cut[-1][1]:
            cut.pop()
    return (), 5.5


@settings(deadline=None, max_examples=150)
@given(
    st.lists(
        st.tuples(st.sampled_from([FAMILY, BOLD]), st.text("aW iï…", min_size=1, max_size=30)),
        min_size=1,
        max_size=4,
    ),
    st.floats(0, 120),
)
def test_the_cut_is_the_one_character_at_a_time_cut(
    runs: list[tuple[str, str]], max_width: float
) -> None:
    pairs = tuple(runs)
    if runs_width(pairs, 10) * 5.5 / 10 <= max_width:
        return  # shrinking is enough: no cut
    assert page.fit_runs(pairs, 10, max_width) == _reference_fit(pairs, max_width)


def test_cutting_a_long_header_line_measures_little(monkeypatch: pytest.MonkeyPatch) -> None:
    measured = []
    original = pdfmetrics.stringWidth

    def counting(text: str, *args: Any, **kwargs: Any) -> float:
        measured.append(len(text))
        return float(original(text, *args, **kwargs))

    monkeypatch.setattr(pdfmetrics, "stringWidth", counting)
    text = "abc " * 7_500
    runs, size = page.fit_runs(((FAMILY, text),), 8, 200)
    assert size == 5.5
    assert runs[-1] == (FAMILY, "…")
    assert sum(measured) < 40 * len(text)  # ~n log n; one at a time was ~n²/2


def _named(note: soapnotes.Note, given_name: str) -> soapnotes.Note:
    return attrs.evolve(note, client=attrs.evolve(note.client, given_name=given_name))


@pytest.mark.parametrize("text", ["abc " * 2_500, "x" * 10_000])
def test_a_10k_character_name_renders_with_its_words_broken(text: str) -> None:
    """A name of 10,000 characters, in words or as one long word, renders: the cell is cut
    and continued below the table, the long word is broken across lines."""
    note = _named(soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml"), text)
    data = render_note_bytes(note)
    assert data.startswith(b"%PDF")


def _all_glyphs(flowables: list[Any]) -> list[tuple[int, str, float, float]]:
    """(page, text, x, y) of every text run of a document of the flowables."""
    out = io.BytesIO()
    SimpleDocTemplate(out, invariant=True, initialFontName=register_family()).build(flowables)
    drawn: list[tuple[int, str, float, float]] = []
    for number, reader_page in enumerate(PdfReader(io.BytesIO(out.getvalue())).pages):

        def visit(
            text: str, cm: Any, tm: Any, font: Any, size: float, number: int = number
        ) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                drawn.append((number, text.strip(), round(x, 3), round(y, 3)))

        reader_page.extract_text(visitor_text=visit)
    return drawn


LONG_TEXTS = {
    "words": "Stationary circles, then pump technique on the dorsum. " * 400,
    "one word": "x" * 30_000,
    "words and long words": ("abc " * 50 + "y" * 700 + " ") * 20,
}


@pytest.mark.parametrize("name", LONG_TEXTS)
@pytest.mark.parametrize("labelled", [False, True])
def test_a_paragraph_over_many_pages_keeps_its_lines(name: str, labelled: bool) -> None:
    """Over many pages, the rest of a split keeps the lines already broken: every glyph is
    where reportlab's own paragraph, breaking the rest again on every page, puts it."""
    writer = Writer(DEFAULT_FONTS, 500)
    text = LONG_TEXTS[name]
    parts = [writer.markup(text)]
    if labelled:
        parts.insert(0, writer.markup("Notes: ", bold=True))
    ours = writer.join(parts, writer.styles.body)
    theirs = ParsedParagraph("".join(parts), writer.styles.body)
    head = [writer.para("Before it.")] * 3
    assert _all_glyphs([*head, ours]) == _all_glyphs([*head, theirs])


def test_a_paragraph_over_many_pages_is_broken_into_lines_about_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Lines broken over all wraps and splits stay proportional to the text's lines (once
    for the whole, once more per page for the part drawn there), not lines x pages."""
    broken: list[int] = []
    original = ParsedParagraph.breakLines

    def counting(self: Any, widths: Any) -> Any:
        result = original(self, widths)
        broken.append(len(result.lines))
        return result

    monkeypatch.setattr(ParsedParagraph, "breakLines", counting)
    writer = Writer(DEFAULT_FONTS, 500)
    paragraph = writer.join(
        [writer.markup("Notes: ", bold=True), writer.markup("abc " * 25_000)], writer.styles.body
    )
    SimpleDocTemplate(io.BytesIO(), initialFontName=register_family()).build([paragraph])
    lines = max(broken)
    assert lines > 1_000  # over 15 pages
    assert sum(broken) < 2.5 * lines
