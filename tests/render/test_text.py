"""Record text reaches reportlab only as escaped markup that shows it literally."""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from soapnotes.render._text import draw_runs, line_runs, paragraph_markup, runs_width
from soapnotes.render.fonts import FontSet
from tests.render._pdf import build_pdf, content_stream, ipa_gothic, page_text

NAMES = ["Zoë Łukasiewicz", "Ødegård", "Дмитрий", "Ελένη", "Nguyễn Thị Minh Khai"]

HOSTILE = [
    '<img src="x.png">',
    '<a href="javascript:alert(1)">x</a>',
    '<font color="red">red</font>',
    "<b>unclosed",
    "&amp;",
    "&#60;",
    "<br/>",
    "<para>",
    "<onDraw name=x>",
    'it\'s "quoted"',
]


def render_text(text: str, **kwargs: object) -> str:
    markup = paragraph_markup(text, **kwargs)  # type: ignore[arg-type]
    return page_text(build_pdf(markup.markup))


@pytest.mark.parametrize("name", NAMES)
def test_names_extract_exactly(name: str) -> None:
    """Names in Latin, Cyrillic, Greek and Vietnamese scripts come out of the PDF unchanged."""
    assert paragraph_markup(name).uncovered == frozenset()
    assert render_text(name).strip() == name


@pytest.mark.parametrize("name", NAMES)
def test_bold_italic_names_extract_exactly(name: str) -> None:
    """Bold-oblique text extracts as exactly as regular text."""
    assert render_text(name, bold=True, italic=True).strip() == name


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markup_in_data_appears_literally(hostile: str) -> None:
    """Tags, entities and quotes in record text are shown as typed, not interpreted."""
    assert render_text(hostile).strip() == hostile


def test_markup_in_data_has_no_effect() -> None:
    """Hostile text adds no link, no image and no colour other than black to the page."""
    reader = build_pdf(*(paragraph_markup(h).markup for h in HOSTILE))
    page = reader.pages[0]
    assert "/Annots" not in page
    resources: Any = page["/Resources"].get_object()
    xobjects = resources.get("/XObject", {})
    assert not xobjects
    stream = content_stream(reader).decode("latin-1")
    colours = set(re.findall(r"(?:[\d.]+ ){3}(?:rg|RG)|[\d.]+ (?:g|G)\b", stream))
    assert colours <= {"0 0 0 rg"}, colours
    assert " Do" not in stream


def test_newlines_become_separate_lines() -> None:
    """\\n, \\r\\n and \\r each start a new line."""
    text = "one\ntwo\r\nthree\rfour"
    assert paragraph_markup(text).markup.count("<br/>") == 3
    assert render_text(text).splitlines() == ["one", "two", "three", "four"]


def test_blank_line_is_kept() -> None:
    """Two newlines in a row leave an empty line rather than merging the paragraphs."""
    assert paragraph_markup("a\n\nb").markup.count("<br/>") == 2


def test_control_characters_become_replacement_character() -> None:
    """C0/C1 controls and U+FFFE/U+FFFF turn into U+FFFD; a tab turns into a space."""
    markup = paragraph_markup("a\x00b\x1bc\x7fd\x85e\x9ff\ufffeg\uffffh\ti").markup
    text = re.sub(r"<[^>]*>", "", markup)
    # U+0085 (NEL) is a line break, so it became <br/> and is stripped above.
    assert text == "a\ufffdb\ufffdc\ufffdde\ufffdf\ufffdg\ufffdh i"


def test_lone_surrogates_become_replacement_character() -> None:
    """A lone surrogate (e.g. from surrogateescape decoding) renders as U+FFFD."""
    assert render_text("x\udcffy").strip() == "x\ufffdy"


def test_decomposed_accents_are_composed() -> None:
    """Text in NFD form is drawn with precomposed glyphs and extracts in NFC."""
    assert render_text("Nguye\u0302\u0303n").strip() == "Nguyễn"


def test_uncovered_characters_are_reported_and_shown_as_replacement() -> None:
    """Characters no font has are returned for the caller and drawn as U+FFFD."""
    markup = paragraph_markup("Yamada 山田")
    assert markup.uncovered == frozenset("山田")
    assert render_text("Yamada 山田").strip() == "Yamada \ufffd\ufffd"


def test_invisible_format_characters_are_not_reported() -> None:
    """Zero-width joiners, bidi marks, BOM and variation selectors never count as uncovered."""
    text = "a\u200db\u200cc\u200ed\ufeffe\u2060f\ufe0fg\U000e0100h"
    assert paragraph_markup(text).uncovered == frozenset()
    assert render_text(text).strip().startswith("a")


@settings(deadline=None, max_examples=60)
@given(st.text(st.characters(exclude_categories=[])))
def test_any_text_renders(text: str) -> None:
    """No string, however odd, makes markup building or PDF rendering raise."""
    build_pdf(paragraph_markup(text).markup, paragraph_markup(text, bold=True).markup)


@settings(deadline=None, max_examples=60)
@given(st.text(st.characters(codec="latin-1", categories=["L", "N", "P", "Zs"])))
def test_printable_text_extracts_word_for_word(text: str) -> None:
    """Printable Latin-1 text comes out of the PDF with the same words in the same order."""
    assert paragraph_markup(text).uncovered == frozenset()
    assert render_text(text).split() == text.split()


def test_line_runs_flatten_newlines_for_canvas() -> None:
    """Header/footer runs turn line breaks into spaces and escape nothing."""
    runs = line_runs("<b>Zoë</b>\r\nØdegård")
    assert runs.runs == (("SoapnotesSans", "<b>Zoë</b> Ødegård"),)


def test_canvas_drawing_switches_fonts() -> None:
    """draw_runs draws mixed-script header text that extracts exactly, advancing x by its width."""
    fonts = FontSet(fallbacks=(ipa_gothic(),))
    runs = line_runs("Zoë · 山田 太郎 · Дмитрий", fonts=fonts, bold=True)
    assert runs.uncovered == frozenset()
    assert len(runs.runs) == 3
    out = BytesIO()
    canvas = Canvas(out, invariant=True)
    end = draw_runs(canvas, 72, 800, runs, 9)
    assert end == pytest.approx(72 + runs_width(runs, 9))
    canvas.showPage()
    canvas.save()
    extracted = PdfReader(BytesIO(out.getvalue())).pages[0].extract_text()
    assert extracted.strip() == "Zoë · 山田 太郎 · Дмитрий"


def test_canvas_drawing_keeps_canvas_font() -> None:
    """Text drawn with the canvas's own font after draw_runs still uses that font."""
    out = BytesIO()
    canvas = Canvas(out, invariant=True)
    canvas.setFont("Helvetica", 12)
    draw_runs(canvas, 72, 800, line_runs("Zoë"), 9)
    canvas.drawString(72, 780, "after")
    canvas.showPage()
    canvas.save()
    seen: list[tuple[str, str, float]] = []

    def visit(text: str, cm: object, tm: object, font: Any, size: float) -> None:
        if text.strip():
            seen.append((text.strip(), str(font["/BaseFont"]), size))

    PdfReader(BytesIO(out.getvalue())).pages[0].extract_text(visitor_text=visit)
    assert seen[-1] == ("after", "/Helvetica", 12)
