"""The fast layout paths (issue 16) draw exactly what the general ones would.

Paragraphs are built from their runs instead of parsed, a run on one line is a
:class:`TextLine`, plain ASCII skips the cleaning and font splitting, and paragraphs and
tables lay out once per width; none of it may move a glyph.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.platypus import Paragraph as ParsedParagraph
from reportlab.platypus import SimpleDocTemplate

from soapnotes.errors import RenderError
from soapnotes.render import styles
from soapnotes.render._document import Layout, render_pdf
from soapnotes.render._flowables import Paragraph, Table, TextLine
from soapnotes.render._page import page_text
from soapnotes.render._text import line_runs, paragraph_markup
from soapnotes.render._writer import Writer, colored, small
from soapnotes.render.fonts import (
    DEFAULT_FONTS,
    FAMILY,
    FallbackFont,
    FontSet,
    family_covers,
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
    parsed = ParsedParagraph(paragraph_markup(text, bold=bold).markup, style)
    assert _glyphs([fast], width) == _glyphs([parsed], width)


def test_a_cell_too_wide_for_its_column_wraps_as_a_paragraph() -> None:
    writer = Writer(DEFAULT_FONTS, 500)
    cell = writer.cell("Stationary circles at the terminus")
    assert cell.wrap(40, 1000)[1] > 3 * writer.styles.cell.leading
    assert cell.wrap(400, 1000)[1] == writer.styles.cell.leading  # rewrapped when wider


def _parsed(parts: list[str], style: Any) -> ParsedParagraph:
    """The paragraph reportlab parses from the joined markup: what the fast paths replace."""
    return ParsedParagraph("".join(parts), style)


def _fragments(paragraph: Any) -> list[dict[str, Any]]:
    return [dict(sorted(f.__dict__.items())) for f in paragraph.frags]


def test_fragments_are_the_parsers() -> None:
    writer = Writer(DEFAULT_FONTS, 500)
    markups = [writer.markup("Heart's", bold=True), " ", small(writer.markup("(a & b) Zoë"))]
    fast = writer.join(markups, writer.styles.cell)
    assert _fragments(fast) == _fragments(_parsed(markups, writer.styles.cell))
    assert len(fast.frags) == 7  # Heart, ', s, space, (a , &, " b) Zoë"


TEXTS = st.text(st.sampled_from("ab Zë Ł<&>'\"\u00a0\t\n山\u200d-"), max_size=12)


@settings(deadline=None, max_examples=120)
@given(
    st.lists(
        st.tuples(TEXTS, st.booleans(), st.sampled_from(["plain", "small", "colored", "space"])),
        max_size=4,
    )
)
def test_a_paragraph_built_from_runs_is_the_parsed_one(parts: list[tuple[str, bool, str]]) -> None:
    """Whatever the text (markup characters, odd whitespace, line breaks, glyphs only a
    fallback or no font has), the unparsed paragraph has the parser's fragments, is as tall
    and puts every glyph in the same place, one line or wrapped in a narrow column."""
    writer = Writer(DEFAULT_FONTS, 500)
    markups: list[str] = []
    for text, bold, wrap in parts:
        markup = writer.markup(text, bold=bold)
        if wrap == "small":
            markup = small(markup)
        elif wrap == "colored":
            markup = colored(markup, styles.BLOCK_INK)
        elif wrap == "space":
            markups.append(" ")
        markups.append(markup)
    style = writer.styles.cell
    fast = writer.join(markups, style)
    parsed = _parsed(markups, style)
    if isinstance(fast, TextLine):
        assert len(parsed.frags) == 1
        assert parsed.frags[0].text == fast.text
    else:
        assert _fragments(fast) == _fragments(parsed)
    for width in (25.0, 300.0):
        fast = writer.join(markups, style)
        parsed = _parsed(markups, style)
        assert fast.wrap(width, 1000) == parsed.wrap(width, 1000)
        assert _glyphs([fast], width) == _glyphs([parsed], width)


JOINS = [
    ("label", lambda w: [w.markup("Chief complaint: ", bold=True), w.markup("Heaviness")]),
    ("question", lambda w: [w.markup("Treated cancer"), " ", small(w.markup("(relative)"))]),
    (
        "clearance",
        lambda w: [colored(w.markup("CLEARED by Dr. Amira Haddad"), styles.CLEARED_INK)],
    ),
    ("severity", lambda w: [colored(w.markup("INFO", bold=True), styles.MUTED)]),
    ("small", lambda w: [small(w.markup("Chain SHA-256 0123abcd"))]),
]


@pytest.mark.parametrize(("name", "parts"), JOINS)
@pytest.mark.parametrize("width", [40.0, 300.0])
def test_joined_markup_draws_where_the_parsed_paragraph_does(
    name: str, parts: Any, width: float
) -> None:
    writer = Writer(DEFAULT_FONTS, 500)
    markups = parts(writer)
    fast = writer.join(markups, writer.styles.cell)
    assert not isinstance(fast, ParsedParagraph) or type(fast) is not ParsedParagraph
    assert _glyphs([fast], width) == _glyphs([_parsed(markups, writer.styles.cell)], width)


def test_markup_knows_its_runs_only_when_a_paragraph_shows_them_as_given() -> None:
    assert paragraph_markup("").runs == ()
    assert paragraph_markup("Zoë Łukasiewicz").runs == ((FAMILY, "Zoë Łukasiewicz"),)
    assert paragraph_markup("Chief complaint: ", bold=True).runs == (
        (f"{FAMILY}-Bold", "Chief complaint: "),
    )
    assert paragraph_markup("it's <b>").runs == tuple(
        (FAMILY, t) for t in ("it", "'", "s ", "<", "b", ">")
    )
    for text in ("two\nlines", "double  space", "no\u00a0break", "tab\t\tand"):
        assert paragraph_markup(text).runs is None, text
    assert paragraph_markup("tab\tand").runs == ((FAMILY, "tab and"),)
    yamada = paragraph_markup("Yamada 山田")
    assert yamada.runs == ((FAMILY, "Yamada \ufffd\ufffd"),)
    assert yamada.uncovered == frozenset("山田")


def test_a_bullet_built_from_runs_draws_where_the_parsed_one_does() -> None:
    writer = Writer(DEFAULT_FONTS, 500)
    (fast,) = writer.bullets(["Compression: short-stretch bandaging overnight"])
    parsed = ParsedParagraph(
        writer.markup("Compression: short-stretch bandaging overnight"),
        writer.styles.bullet,
        bulletText="•",
    )
    assert _glyphs([fast], 120) == _glyphs([parsed], 120)


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
    paragraph = Paragraph(paragraph_markup("words " * 40).markup, styles.styles().body)
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
    assert paragraph.split(300, 1) == []  # no room here: the lines are still good
    assert paragraph.wrap(300, 100)[1] == paragraph.height
    assert len(calls) == 2


def test_a_table_sizes_its_rows_once_per_width(monkeypatch: pytest.MonkeyPatch) -> None:
    writer = Writer(DEFAULT_FONTS, 500)
    table = Table([[writer.cell("a"), writer.cell("b")]], colWidths=[50, 50])
    calls = []
    original = Table._calc

    def counting(self: Table, *args: Any) -> Any:
        calls.append(args)
        return original(self, *args)

    monkeypatch.setattr(Table, "_calc", counting)
    assert table.wrap(500, 700) == table.wrap(500, 300)
    assert len(calls) == 1
    table.wrap(400, 300)
    assert len(calls) == 2


def test_a_table_measured_only_in_part_is_measured_again() -> None:
    """reportlab stops measuring rows past the height offered (in a table with spans); that
    result is not kept."""
    writer = Writer(DEFAULT_FONTS, 500)
    rows = [[writer.cell(str(i)), writer.cell("x")] for i in range(60)]
    table = Table(rows, colWidths=[50, 50], style=[("SPAN", (1, 0), (1, 1))])
    row = writer.styles.cell.leading + 6  # reportlab's default padding, 3 above and below
    assert table.wrap(500, 30)[1] < 60 * row
    assert table.wrap(500, 10_000)[1] == pytest.approx(60 * row)


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


def test_a_line_spanning_font_subsets_draws_like_its_paragraph() -> None:
    """reportlab subsets a font 256 glyphs at a time, per document; a line whose characters
    fall in two subsets switches between them as the paragraph does."""
    writer = Writer(DEFAULT_FONTS, 500)
    many = "".join(map(chr, range(0x100, 0x17F))) + "".join(map(chr, range(0x400, 0x460)))
    many += "".join(map(chr, range(0x391, 0x3A2))) + "".join(map(chr, range(0x3A3, 0x3CA)))
    assert len(set(many)) > 256
    first = ParsedParagraph(paragraph_markup(many).markup, writer.styles.cell)
    line = "aЖώ" + many[-5:] + " Ā"
    fast = writer.cell(line)
    assert isinstance(fast, TextLine)
    parsed = ParsedParagraph(paragraph_markup(line).markup, writer.styles.cell)
    assert _glyphs([first, fast], 450) == _glyphs([first, parsed], 450)
