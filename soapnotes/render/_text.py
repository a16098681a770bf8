"""The one way record text reaches reportlab: escaped paragraph markup or per-font runs.

Record text is data, never markup. :func:`paragraph_markup` turns it into reportlab
paragraph markup that shows it literally (tags, entities and all) in fonts we
registered; :func:`line_runs` does the same for one-line canvas drawing such as
headers and footers. Neither raises on any ``str``: characters that no font covers
are returned in ``uncovered`` so the caller decides whether to raise ``RenderError``
or warn.

Cleaning, applied by both:

* Lone surrogates become U+FFFD, then the text is NFC-normalised, so decomposed
  accents ("e" + U+0302 + U+0303) use the precomposed glyph ("ễ").
* Line breaks are whatever :meth:`str.splitlines` splits on: ``\\n``, ``\\r\\n``,
  ``\\r``, ``\\v``, ``\\f``, U+001C..U+001E, U+0085, U+2028 and U+2029.
* A tab becomes a space. Every other control character (C0, DEL, C1) and the XML
  non-characters U+FFFE and U+FFFF become U+FFFD (visible, not silently dropped),
  so reportlab's parser never sees a character that is invalid in XML 1.0.
* Invisible format characters (zero-width joiner, bidi marks, ...) are kept where
  a font has them and otherwise dropped unreported; see
  :func:`soapnotes.render.fonts.split_runs`.

:func:`metadata_text` applies the same cleaning to the PDF's title, author and subject,
which no font draws, and also drops the bidirectional controls (U+202E and kin) there: a
file browser showing the title would otherwise display it reordered.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import attrs
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped, unused-ignore]

from soapnotes.render.fonts import (
    DEFAULT_FONTS,
    REPLACEMENT,
    FontSet,
    TextRuns,
    family_font_name,
    split_runs,
)

__all__ = [
    "Markup",
    "draw_runs",
    "line_runs",
    "metadata_text",
    "one_line",
    "paragraph_markup",
    "run_template",
    "runs_width",
]

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


@attrs.frozen(kw_only=True)
class Markup:
    """Paragraph markup for some record text, and the characters no font could draw.

    ``runs`` is the same text as ``(font name, text)`` runs, fragmented as reportlab's
    parser fragments the markup (each escaped character ``& < > " '`` is a run of its own),
    when it is one line that a paragraph shows exactly as given (no whitespace for reportlab
    to collapse), so that the paragraph can be built without parsing the markup
    (:func:`soapnotes.render._flowables.paragraph_of`); ``None`` otherwise.
    """

    markup: str
    uncovered: frozenset[str]
    runs: tuple[tuple[str, str], ...] | None = None


#: Splits text where reportlab's parser starts a new fragment: at each escaped character.
_ESCAPED_SPLIT = re.compile("([&<>\"'])")


def _fragmented(runs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(
        (name, piece) for name, text in runs for piece in _ESCAPED_SPLIT.split(text) if piece
    )


#: Whitespace that reportlab's markup cleaner would change: a run of two, or any but U+0020.
_COLLAPSIBLE = re.compile(r"\s\s|[^\S ]")

#: Lone surrogates: replaced before normalising (NFC would keep them).
_SURROGATES = re.compile("[\ud800-\udfff]")
#: What is left to replace once the text is split into lines: control characters (Cc: C0,
#: DEL, C1; a tab became a space) and the XML non-characters U+FFFE and U+FFFF.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff]")


def _plain_ascii(text: str) -> bool:
    """True for printable ASCII (U+0020..U+007E): nothing to clean, one line, NFC already."""
    return text.isascii() and text.isprintable()


def _lines(text: str) -> list[str]:
    """Split record text into cleaned lines (see the module docstring).

    Linear in the length of the text: regular expressions and C string methods only.
    """
    if _plain_ascii(text):
        return [text] if text else []
    text = unicodedata.normalize("NFC", _SURROGATES.sub(REPLACEMENT, text))
    return [_CONTROLS.sub(REPLACEMENT, line.replace("\t", " ")) for line in text.splitlines()]


def one_line(text: str) -> str:
    """Record text cleaned (see the module docstring), its lines joined by single spaces."""
    return " ".join(_lines(text))


#: Bidirectional formatting characters: marks, embeddings, overrides and isolates.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def metadata_text(text: str) -> str:
    """``text`` for the PDF's document information (title, author, subject).

    Cleaned like page text (:func:`one_line`: no lone surrogates, control characters or line
    breaks), and without bidirectional controls, which would reorder the title where file
    browsers and search indexes show it. Never raises on any ``str``.
    """
    return "".join(c for c in one_line(text) if c not in _BIDI_CONTROLS)


def _font_tag(name: str, run: str) -> str:
    # ``name`` is always one we registered (see soapnotes.render.fonts), never data.
    return f'<font face="{name}">{run.translate(_ESCAPES)}</font>'


def run_template(name: str) -> str:
    """The markup of one run in font ``name`` with the placeholder text ``x``.

    Parsed once per font and style, it gives the fragment that a run's text is put into
    when a paragraph is built without parsing (:func:`soapnotes.render._flowables.paragraph_of`).
    """
    return _font_tag(name, "x")


def paragraph_markup(
    text: str,
    *,
    fonts: FontSet = DEFAULT_FONTS,
    bold: bool = False,
    italic: bool = False,
) -> Markup:
    """Reportlab paragraph markup that shows ``text`` literally, line breaks as ``<br/>``.

    Every run is wrapped in ``<font face="...">`` naming the DejaVu style (or the
    fallback) that draws it, so the result does not depend on the paragraph style's
    ``fontName`` and may be concatenated with other markup. Whitespace inside a line
    is collapsed the way reportlab paragraphs always collapse it.
    """
    if _plain_ascii(text):
        # Every DejaVu style draws printable ASCII: one run in the requested style.
        if not text:
            return Markup(markup="", uncovered=frozenset(), runs=())
        name = family_font_name(bold=bold, italic=italic)
        runs = _fragmented([(name, text)]) if _COLLAPSIBLE.search(text) is None else None
        return Markup(markup=_font_tag(name, text), uncovered=frozenset(), runs=runs)
    lines: list[str] = []
    uncovered: set[str] = set()
    split_lines: list[TextRuns] = []
    for line in _lines(text):
        split = split_runs(line, fonts=fonts, bold=bold, italic=italic)
        uncovered |= split.uncovered
        split_lines.append(split)
        lines.append("".join(_font_tag(name, run) for name, run in split.runs))
    verbatim: tuple[tuple[str, str], ...] | None = None
    if not split_lines:
        verbatim = ()
    elif len(split_lines) == 1 and all(
        _COLLAPSIBLE.search(run) is None for _, run in split_lines[0].runs
    ):
        verbatim = _fragmented(split_lines[0].runs)
    return Markup(markup="<br/>".join(lines), uncovered=frozenset(uncovered), runs=verbatim)


def line_runs(
    text: str,
    *,
    fonts: FontSet = DEFAULT_FONTS,
    bold: bool = False,
    italic: bool = False,
) -> TextRuns:
    """``(font name, text)`` runs for drawing ``text`` as one line on a canvas.

    Line breaks become single spaces. Draw the result with :func:`draw_runs`.
    """
    if _plain_ascii(text):
        return TextRuns(
            runs=((family_font_name(bold=bold, italic=italic), text),) if text else (),
            uncovered=frozenset(),
        )
    return split_runs(one_line(text), fonts=fonts, bold=bold, italic=italic)


def _pairs(runs: TextRuns | Iterable[tuple[str, str]]) -> Iterable[tuple[str, str]]:
    return runs.runs if isinstance(runs, TextRuns) else runs


def runs_width(runs: TextRuns | Iterable[tuple[str, str]], size: float) -> float:
    """The width in points of ``runs`` drawn at ``size``, e.g. to right-align a footer."""
    return float(sum(pdfmetrics.stringWidth(run, name, size) for name, run in _pairs(runs)))


def draw_runs(
    canvas: Canvas,
    x: float,
    y: float,
    runs: TextRuns | Iterable[tuple[str, str]],
    size: float,
) -> float:
    """Draw ``runs`` left-aligned from ``(x, y)`` at ``size``; return the x where they end.

    The canvas's font is the same afterwards as before.
    """
    # One text object, not one drawString per run, so PDF readers see a single line.
    # saveState/restoreState because the PDF text state (Tf) outlives the text object
    # while reportlab's idea of the current font does not change with it.
    canvas.saveState()
    text = canvas.beginText(x, y)
    for name, run in _pairs(runs):
        text.setFont(name, size)
        text.textOut(run)
    canvas.drawText(text)
    canvas.restoreState()
    return float(text.getX())
