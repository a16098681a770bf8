"""The fast layout paths (issue 16) draw exactly what the general ones would.

Short cells and lines become :class:`TextLine` instead of a paragraph, plain ASCII skips the
cleaning and font splitting, and paragraphs break their lines once per width; none of it
may move a glyph.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.platypus import SimpleDocTemplate, Table

from soapnotes.errors import RenderError
from soapnotes.render import styles
from soapnotes.render._document import Layout, render_pdf
from soapnotes.render._flowables import Paragraph, TextLine
from soapnotes.render._page import page_text
from soapnotes.render._text import line_runs, paragraph_markup, plain_line
from soapnotes.render._writer import Writer
from soapnotes.render.fonts import (
    DEFAULT_FONTS,
    FAMILY,
    FallbackFont,
    FontSet,
    family_covers,
    family_font_name,
    register_family,
    split_runs,
)
from soapnotes.render.options import RenderOptions
from tests.render.test_shared import _note

Glyphs = list[tuple[str, float, float, float]]


def _glyphs(cells: list[Any], width: float) -> Glyphs:
    """(text, x, y, size) of every text run drawn, for the cells as one table row."""
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, invariant=True, initialFontName=register_family())
    table = Table([cells], colWidths=[width] * len(cells), style=styles.grid_table_style())
    doc.build([table])
    drawn: Glyphs = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            drawn.append((text.strip(), round(x, 3), round(y, 3), round(size * tm[0] * cm[0], 3)))

    PdfReader(io.BytesIO(out.getvalue())).pages[0].extract_text(visitor_text=visit)
    return drawn


def _paragraph(text: str, style: Any, bold: bool = False) -> Paragraph:
    return Paragraph(paragraph_markup(text, bold=bold).markup, style)


CELL_TEXTS = ["Left", "16.5", "Stationary circles at the terminus", "Zoë Łukasiewicz", "Ελένη", ""]


@pytest.mark.parametrize("text", CELL_TEXTS)
@pytest.mark.parametrize(("right", "bold"), [(False, False), (True, False), (False, True)])
@pytest.mark.parametrize("width", [40.0, 200.0])
def test_a_cell_draws_where_its_paragraph_would(
    text: str, right: bool, bold: bool, width: float
) -> None:
    """A cell from Writer.cell puts every glyph where the paragraph it replaces put it, short
    or wrapped onto several lines in a narrow column."""
    writer = Writer(DEFAULT_FONTS, 500)
    style = writer.styles.cell_right if right else writer.styles.cell
    fast = writer.cell(text, right=right, bold=bold)
    if text:
        assert isinstance(fast, TextLine)
    assert _glyphs([fast], width) == _glyphs([_paragraph(text, style, bold)], width)


def test_a_cell_too_wide_for_its_column_wraps_as_a_paragraph() -> None:
    writer = Writer(DEFAULT_FONTS, 500)
    cell = writer.cell("Stationary circles at the terminus")
    assert cell.wrap(40, 1000)[1] > 3 * writer.styles.cell.leading
    assert cell.wrap(400, 1000)[1] == writer.styles.cell.leading  # rewrapped when wider


@pytest.mark.parametrize(
    "text",
    [
        "two\nlines",  # a line break
        "double  space",  # whitespace a paragraph collapses
        " leading",
        "trailing ",
        "no\u00a0break",  # a paragraph keeps it unbreakable
        "tab\tand",  # a tab becomes a space: single, but...
        "Yamada 山田",  # no DejaVu glyph
    ],
)
def test_plain_line_refuses_what_only_a_paragraph_lays_out_the_same(text: str) -> None:
    if text == "tab\tand":
        line = plain_line(text)
        assert line is not None
        assert line.text == "tab and"
        return
    assert plain_line(text) is None


def test_plain_line_names_the_style_it_is_drawn_in() -> None:
    assert plain_line("Yes", bold=True) == plain_line("Yes", bold=True)
    line = plain_line("Zoë", bold=True)
    assert line is not None
    assert (line.text, line.font) == ("Zoë", family_font_name(bold=True))
    cleaned = plain_line("a\x00b")
    assert cleaned is not None
    assert cleaned.text == "a\ufffdb"


def test_every_style_draws_printable_ascii() -> None:
    """The ASCII fast path assumes it: every DejaVu style has U+0020..U+007E."""
    ascii_text = "".join(map(chr, range(0x20, 0x7F)))
    for bold in (False, True):
        for italic in (False, True):
            assert family_covers(ascii_text, bold=bold, italic=italic)


@settings(deadline=None, max_examples=200)
@given(st.text(st.characters(codec="ascii")))
def test_ascii_fast_path_gives_the_general_paths_markup(text: str) -> None:
    """Printable ASCII skips cleaning and font splitting and comes out the same."""
    general = "<br/>".join(
        "".join(f'<font face="{name}">{_escape(run)}</font>' for name, run in runs)
        for runs in (split_runs(line).runs for line in _reference_lines(text))
    )
    assert paragraph_markup(text).markup == general
    assert line_runs(text).runs == split_runs(" ".join(_reference_lines(text))).runs


def _escape(text: str) -> str:
    for raw, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;")):
        text = text.replace(raw, entity)
    return text.replace("'", "&#39;")


def _reference_lines(text: str) -> list[str]:
    """The cleaning of the module docstring, one character at a time (ASCII only)."""

    def clean(char: str) -> str:
        return " " if char == "\t" else "\ufffd" if ord(char) < 32 or ord(char) == 127 else char

    return ["".join(map(clean, line)) for line in text.splitlines()]


@settings(deadline=None, max_examples=100)
@given(st.text(st.sampled_from("aé Ł\u0301山\u200d\u00a0Ж")))
def test_a_text_one_style_covers_is_one_run(text: str) -> None:
    runs = split_runs(text)
    if family_covers(text):
        assert runs.runs == (((FAMILY, text),) if text else ())
        assert runs.uncovered == frozenset()
    else:
        assert "山" in text


def test_a_paragraph_breaks_its_lines_once_per_width(monkeypatch: pytest.MonkeyPatch) -> None:
    paragraph = _paragraph("words " * 40, styles.styles().body)
    calls = []
    original = Paragraph.breakLines

    def counting(self: Paragraph, *args: Any) -> Any:
        calls.append(args)
        return original(self, *args)

    monkeypatch.setattr(Paragraph, "breakLines", counting)
    first = paragraph.wrap(200, 100)
    assert paragraph.wrap(200, 50) == first
    assert len(calls) == 1
    paragraph.wrap(300, 100)
    assert len(calls) == 2
    assert paragraph.split(300, 1) == []  # no room: reportlab forgets the lines
    assert paragraph.wrap(300, 100)[1] == paragraph.height
    assert len(calls) == 3


def test_a_bad_fallback_fails_even_when_all_text_is_ascii() -> None:
    """Plain ASCII never asks for the fallbacks; the pipeline reads them up front."""
    options = RenderOptions(fonts=FontSet(fallbacks=(FallbackFont(source=b"not a font"),)))
    note = _note()

    def lay_out(writer: Writer) -> Layout:
        page = page_text(
            practice=note.practice,
            client=note.client,
            title="t",
            period="p",
            status="s",
            status_bold=False,
            signed=False,
            alert=False,
            options=RenderOptions(),
            uncovered=writer.uncovered,
        )
        return Layout(title="t", author="a", subject="s", page=page, story=[writer.para("x")])

    with pytest.raises(RenderError, match="fallback font 1"):
        render_pdf(lay_out, options)
