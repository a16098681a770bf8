"""The one way text reaches a page body: :class:`Writer`, and the heading flowables.

Every piece of record text becomes a paragraph through :class:`Writer`, which calls
:func:`soapnotes.render._text.paragraph_markup` and remembers the characters no font covers.
The only markup written here is constant: ``<br/>`` and ``<font size/color>`` around
already-escaped text.

Table rows cannot split across pages, so record text in a table cell goes through
:meth:`Writer.fit` first: text longer than :data:`CELL_MAX_CHARS` characters or
:data:`CELL_MAX_LINES` lines is cut short in the cell with "… see note (N)", and the whole text
follows the table as note (N) (:meth:`Writer.cell_notes`), where it can run over pages.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.lib import colors  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import (  # type: ignore[import-untyped, unused-ignore]
    Flowable,
    KeepTogether,
    Spacer,
    Table,
)
from reportlab.platypus import Paragraph as PlatypusParagraph
from reportlab.platypus.doctemplate import (  # type: ignore[import-untyped, unused-ignore]
    FrameBreak,
)

from soapnotes.i18n import gettext as tr
from soapnotes.i18n._draft import draft_wording
from soapnotes.render import styles as st
from soapnotes.render._flowables import Paragraph, Piece, TextLine, paragraph_of, text_line
from soapnotes.render._text import paragraph_markup, run_template
from soapnotes.render.fonts import FontSet

__all__ = [
    "CELL_MAX_CHARS",
    "CELL_MAX_LINES",
    "KeepHeadingWithContent",
    "Writer",
    "colored",
    "small",
]

#: Record text in a table cell longer than this is cut short there (see :meth:`Writer.fit`).
CELL_MAX_CHARS = 400
#: Record text in a table cell with more lines than this is cut short there.
CELL_MAX_LINES = 10

#: How far back from the cut a word boundary is looked for.
_WORD_BACKTRACK = 40


class Writer:
    """Turns text into paragraphs for one document, collecting characters no font covers."""

    def __init__(self, fonts: FontSet, width: float) -> None:
        self.fonts = fonts
        self.width = width
        self.styles = st.styles()
        self.uncovered: set[str] = set()
        self._notes_made = 0
        self._pending_notes: list[Flowable] = []

    def fit(self, text: str, where: str) -> str:
        """``text`` as it goes into a table cell: cut short with "… see note (N)" when long.

        A table row cannot split across pages, so a cell holds at most
        :data:`CELL_MAX_CHARS` characters and :data:`CELL_MAX_LINES` lines of record text.
        The whole of a longer text becomes note (N), numbered through the document, which
        :meth:`cell_notes` returns for printing below the table. ``where`` names the cell in
        the note ("Treatment row 2 (Neck), technique"); our own wording, never record text.
        """
        lines = text.splitlines()
        if len(text) <= CELL_MAX_CHARS and len(lines) <= CELL_MAX_LINES:
            return text
        self._notes_made += 1
        number = self._notes_made
        self._pending_notes.append(
            self.join(
                [self.markup(f"({number}) {where}: ", bold=True), self.markup(text)],
                self.styles.cell_note,
            )
        )
        short = "\n".join(lines[:CELL_MAX_LINES])[:CELL_MAX_CHARS]
        space = max(short.rfind(" "), short.rfind("\n"))
        if space >= len(short) - _WORD_BACKTRACK:
            short = short[:space]
        return tr("{text} … see note ({number})", text=short.rstrip(), number=number)

    def cell_notes(self) -> list[Flowable]:
        """The notes made by :meth:`fit` since the last call, to go right below their table."""
        notes, self._pending_notes = self._pending_notes, []
        return [Spacer(1, 2), *notes] if notes else []

    def markup(self, text: str, *, bold: bool = False, italic: bool = False) -> str:
        """Escaped markup for ``text`` (record data or our own wording); a draft's mark
        is printed in the document's language."""
        result = paragraph_markup(draft_wording(text), fonts=self.fonts, bold=bold, italic=italic)
        self.uncovered |= result.uncovered
        if result.runs is None:
            return result.markup
        return _Marked(result.markup, tuple((run_template(n), t) for n, t in result.runs))

    def para(
        self,
        text: str,
        style: object | None = None,
        *,
        bold: bool = False,
        italic: bool = False,
    ) -> Flowable:
        """One paragraph of ``text`` in ``style`` (body by default)."""
        return self.join([self.markup(text, bold=bold, italic=italic)], style)

    def join(self, parts: Iterable[str], style: object | None = None) -> Flowable:
        """A paragraph from pieces of markup made by :meth:`markup` (and constant tags).

        Built without the parser when every part knows its runs (see :func:`paragraph_of`);
        one run on one line is a :class:`TextLine`, which becomes the same paragraph when
        it is too wide.
        """
        style = style or self.styles.body
        parts = list(parts)
        pieces = _pieces(parts)
        if pieces is None:
            return Paragraph("".join(parts), style)
        return text_line(pieces, style) or paragraph_of(pieces, style)

    def label_value(self, label: str, value: str, style: object | None = None) -> Flowable:
        """'Label: value' with the label in bold."""
        return self.join([self.markup(f"{label}: ", bold=True), self.markup(value)], style)

    def heading(self, text: str) -> Flowable:
        """A section heading with a thin rule under it; never left alone at a page's foot."""
        markup = self.markup(text, bold=True)
        pieces = _pieces([markup])
        if pieces is None:
            return _RuledHeading(markup, self.styles.heading)
        return paragraph_of(pieces, self.styles.heading, kind=_RuledHeading)

    def subheading(self, text: str) -> Flowable:
        return self.para(text, self.styles.subheading, bold=True)

    def cell(self, text: str, *, right: bool = False, bold: bool = False) -> Flowable:
        style = self.styles.cell_right if right else self.styles.cell
        return self.para(text, style, bold=bold)

    def head(self, text: str, *, right: bool = False) -> Flowable:
        style = self.styles.cell_head_right if right else self.styles.cell_head
        return self.para(text, style, bold=True)

    def bullets(self, items: Iterable[str]) -> list[Flowable]:
        out: list[Flowable] = []
        for item in items:
            markup = self.markup(item)
            pieces = _pieces([markup])
            if pieces is None:
                out.append(Paragraph(markup, self.styles.bullet, bulletText="•"))
            else:
                out.append(paragraph_of(pieces, self.styles.bullet, bullet="•"))
        return out


class _Marked(str):
    """Markup made by :meth:`Writer.markup` that also knows its runs as pieces (a run's
    markup with the text ``x``, and its text), so its paragraph can be built unparsed.

    The string itself is always the whole markup: anything that loses the pieces (joining it
    into a longer string) falls back to parsing it, which gives the same paragraph.
    """

    pieces: tuple[Piece, ...]

    def __new__(cls, markup: str, pieces: tuple[Piece, ...]) -> _Marked:
        marked = super().__new__(cls, markup)
        marked.pieces = pieces
        return marked


def _pieces(parts: Iterable[str]) -> list[Piece] | None:
    """The pieces of markup parts joined, or ``None`` when the joined markup must be parsed:
    a part is other constant markup (``<br/>``), or a space between parts would be dropped
    (at either end) or merged (two in a row) by reportlab's whitespace cleaning."""
    out: list[Piece] = []
    space = False
    for part in parts:
        if isinstance(part, _Marked):
            if part.pieces:
                out.extend(part.pieces)
                space = False
        elif part == " ":
            if not out or space:
                return None
            out.append(("x", " "))  # a space between runs, in the style's own font
            space = True
        elif part:
            return None
    return None if space else out


def _wrapped(markup: str, opening: str) -> str:
    wrapped = f"{opening}{markup}</font>"
    if isinstance(markup, _Marked):
        return _Marked(wrapped, tuple((f"{opening}{t}</font>", text) for t, text in markup.pieces))
    return wrapped


def small(markup: str, color: colors.Color = st.MUTED) -> str:
    """Escaped markup set smaller and in a muted colour (constant tags only)."""
    return _wrapped(markup, f'<font size="7.5" color="#{color.hexval()[2:]}">')


def colored(markup: str, color: colors.Color) -> str:
    """Escaped markup in ``color`` (a constant tag only)."""
    return _wrapped(markup, f'<font color="#{color.hexval()[2:]}">')


class _RuledHeading(Paragraph):
    """A heading paragraph with a hairline rule below it across the frame."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = super().wrap(avail_width, avail_height)
        self._rule_width = avail_width
        return width, height + 3

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.translate(0, 3)
        super().draw()
        self.canv.restoreState()
        self.canv.saveState()
        self.canv.setStrokeColor(st.RULE)
        self.canv.setLineWidth(0.5)
        self.canv.line(0, 1, self._rule_width, 1)
        self.canv.restoreState()

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []  # a heading is one line: move it whole, never split it


#: Room a heading needs below it for the first lines of its section.
_ROOM_AFTER_HEADING = 50.0


class KeepHeadingWithContent(KeepTogether):  # type: ignore[misc]
    """Keeps a heading with the start of what follows, not with all of it.

    Platypus bundles a ``keepWithNext`` heading with the next flowable; the stock
    ``KeepTogether`` then moves both to a new page whenever the whole section does not fit,
    leaving half-empty pages before long tables. This breaks the page only when there is no
    room for the heading and a few lines after it.
    """

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (avail_width, avail_height):
            self.wrap(avail_width, avail_height)
        content: list[Flowable] = list(self._content)
        if avail_height >= self._H:
            return content
        if _starts_small(content[-1]) and avail_height >= self._H0 + _ROOM_AFTER_HEADING:
            return content
        frame = getattr(self, "_frame", None)
        if frame is not None and getattr(frame, "_atTop", False):
            return content
        return [FrameBreak(), *content]


def _starts_small(flowable: Flowable) -> bool:
    """True when ``flowable`` can leave its first lines or rows on this page and go on."""
    if isinstance(flowable, (PlatypusParagraph, TextLine)):
        return True
    if isinstance(flowable, Table):
        rows: int = len(flowable._cellvalues)
        header: int = flowable.repeatRows
        return rows > header + 1
    return False
