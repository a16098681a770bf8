"""The two flowables record text is laid out in: a one-line :class:`TextLine` and a paragraph.

Most table cells hold a word or two ("Left", "16.5", "No"). Sending each through reportlab's
paragraph parser and line breaker, two or three times per table, was a third of the time a
note took; :class:`TextLine` measures the text once, draws it as one canvas string, and only
becomes a paragraph when the text does not fit its width (then it wraps exactly as before).
:class:`Paragraph` is reportlab's, remembering its lines for the last width it was given:
platypus wraps every flowable more than once at the same width (the table's row heights, the
heading kept with its content, the frame, the drawing).

Text reaches both from :mod:`soapnotes.render._text` only: a :class:`~soapnotes.render._text.
PlainLine` (cleaned text that one registered font draws) or escaped paragraph markup.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.enums import TA_CENTER, TA_RIGHT  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfbase.pdfmetrics import (  # type: ignore[import-untyped, unused-ignore]
    stringWidth,
)
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import Flowable  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import Paragraph as _Paragraph

from soapnotes.render._text import PlainLine

__all__ = ["Paragraph", "TextLine"]

#: A line this much narrower than its width surely fits a paragraph's line too (reportlab
#: sums word widths in its own order; never decide a borderline case differently).
_FIT_MARGIN = 1e-6


class Paragraph(_Paragraph):  # type: ignore[misc]
    """reportlab's paragraph, breaking its lines once per width instead of on every wrap.

    A paragraph's lines depend on the width alone (never on the height offered), and
    platypus asks again at the same width several times before drawing. (A failed
    :meth:`split` forgets the lines; then they are broken again.)
    """

    _wrapped_for: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_width != self._wrapped_for or "blPara" not in self.__dict__:
            super().wrap(avail_width, avail_height)
            self._wrapped_for = avail_width
        return self.width, self.height


class TextLine(Flowable):  # type: ignore[misc]
    """One line of text in one font, laid out like a one-line paragraph of ``style``.

    Drawn where a paragraph would put it: the baseline ``fontSize`` below the top of a box
    ``leading`` high, left, centred or right aligned in the width offered. When the text is
    wider than that, it becomes a :class:`Paragraph` of ``markup()`` (the same text as
    escaped markup) and wraps like one from then on.
    """

    def __init__(self, line: PlainLine, style: object, markup: Callable[[], str]) -> None:
        super().__init__()
        self.text = line.text
        self.font = line.font
        self.style = style
        self._markup = markup
        self._size: float = style.fontSize  # type: ignore[attr-defined]
        self._text_width: float = stringWidth(self.text, self.font, self._size)
        self._paragraph: Paragraph | None = None

    def __repr__(self) -> str:  # reportlab's default would print the text (clinical data)
        return f"<TextLine of {len(self.text)} characters>"

    def getPlainText(self, identify: object = None) -> str:
        """The text, as :meth:`Paragraph.getPlainText` gives a paragraph's."""
        return self.text

    def _fits(self, avail_width: float) -> bool:
        return self._text_width <= avail_width - _FIT_MARGIN

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._paragraph is None and not self._fits(avail_width):
            self._paragraph = Paragraph(self._markup(), self.style)
        if self._paragraph is not None:
            return self._paragraph.wrap(avail_width, avail_height)
        self.width = avail_width
        self.height = self.style.leading if self.text else 0.0  # type: ignore[attr-defined]
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self._paragraph is not None:
            return self._paragraph.split(avail_width, avail_height)  # type: ignore[no-any-return]
        return []  # one line: it moves whole, as a one-line paragraph does

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        if self._paragraph is not None:
            self._paragraph.drawOn(canvas, x, y, _sW)
            return
        if not self.text:
            return
        alignment = self.style.alignment  # type: ignore[attr-defined]
        if alignment == TA_RIGHT:
            x += self.width - self._text_width
        elif alignment == TA_CENTER:
            x += (self.width - self._text_width) / 2
        canvas.saveState()
        canvas.setFillColor(self.style.textColor)  # type: ignore[attr-defined]
        text = canvas.beginText(x, y + self.height - self._size)
        text.setFont(self.font, self._size, self.style.leading)  # type: ignore[attr-defined]
        text.textOut(self.text)
        canvas.drawText(text)
        canvas.restoreState()
