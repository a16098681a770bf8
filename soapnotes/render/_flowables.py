"""The flowables text is laid out in: paragraphs built without the parser, and one-liners.

Profiled on a note, reportlab's paragraph parser, its line breaking and its drawing were over
40 % of the time, most of it for table cells of a word or two. So:

* :func:`paragraph_of` builds the paragraph that reportlab would parse from our markup
  directly from its runs: each run's fragment is a copy of one parsed once per font, style
  and wrapping (``<font size/color>``), with the run's text put in. Line breaking and drawing
  stay reportlab's.
* :class:`TextLine` is one run on one line: measured once, drawn as one canvas string where
  the paragraph puts its baseline; it becomes that paragraph when it is too wide.
* :class:`Paragraph` and :class:`Table` are reportlab's, laid out once per width: platypus
  wraps every flowable more than once at the same width (the table's row heights, the heading
  kept with its content, the frame, the drawing).

Text reaches them only from :mod:`soapnotes.render._text` (cleaned runs in fonts we
registered, or escaped markup); a run's text is put into a fragment as it is, never parsed.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.rl_accel import fp_str  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfbase.pdfmetrics import (  # type: ignore[import-untyped, unused-ignore]
    stringWidth,
)
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import Flowable  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus import Table as _Table
from reportlab.platypus.paragraph import (  # type: ignore[import-untyped, unused-ignore]
    textTransformFrags,
)

__all__ = ["Paragraph", "Piece", "Table", "TextLine", "paragraph_of", "text_line"]

#: One run of a paragraph: (markup of the run with the text ``x``, the run's text).
Piece = tuple[str, str]

#: A line this much narrower than its width surely fits a paragraph's line too (reportlab
#: sums word widths in its own order; never decide a borderline case differently).
_FIT_MARGIN = 1e-6


class Paragraph(_Paragraph):  # type: ignore[misc]
    """reportlab's paragraph, breaking its lines once per width, and once in all.

    A paragraph's lines depend on the width alone (never on the height offered), and
    platypus asks again at the same width several times before drawing, also after a
    :meth:`split` found no room (where reportlab would forget the lines).

    When a paragraph runs over a page, reportlab's :meth:`split` keeps the lines that fit
    and makes the rest a new paragraph, which broke all its lines again: a text running
    over N pages was broken N times, quadratic in its length (issue 19). The rest keeps the
    lines already broken instead; greedy line breaking starts afresh at every line, so they
    are the lines it would break again.
    """

    _wrapped_for: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_width != self._wrapped_for or "blPara" not in self.__dict__:
            own = self.__dict__.pop("_own_frags", None)
            if own is not None:  # the rest of a split, broken anew: its own fragments
                self.frags = own
            super().wrap(avail_width, avail_height)
            self._wrapped_for = avail_width
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if avail_width != self._wrapped_for or "blPara" not in self.__dict__:
            self.wrap(avail_width, avail_height)
        lines: Any = self.__dict__["blPara"]
        fragments: Any = self.frags
        parts: list[Flowable] = super().split(avail_width, avail_height)
        if not parts and "blPara" not in self.__dict__:
            self.blPara = lines  # no room here: reportlab drops the lines, still good
        if len(parts) == 2 and isinstance(parts[1], Paragraph) and _plain_leading(self):
            first, rest = parts
            rest._own_frags = rest.frags
            rest.frags = fragments  # the lines kept index into these
            rest.blPara = lines.clone(lines=lines.lines[len(first.blPara.lines) :])
            rest.width = avail_width
            rest.height = len(rest.blPara.lines) * rest.style.leading
            rest._wrapped_for = avail_width
        return parts


def _plain_leading(paragraph: _Paragraph) -> bool:
    """True when every line is ``leading`` high (no auto leading), as in all our styles."""
    auto = getattr(paragraph, "autoLeading", getattr(paragraph.style, "autoLeading", ""))
    return auto in ("", "off") and not paragraph.style.firstLineIndent


class Table(_Table):  # type: ignore[misc]
    """reportlab's table, sizing its rows once per width instead of on every wrap.

    A heading kept with its table and the frame both wrap it, at the same width, before it
    is drawn. The rows' heights depend on the width alone; reportlab looks at the height
    offered only to stop measuring rows once they overflow it, so a complete measurement is
    kept and an incomplete one is redone. :meth:`split` measures again itself.
    """

    _wrapped_for: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        complete = getattr(self, "_hmax", -1) == len(self._cellvalues)
        if avail_width != self._wrapped_for or not complete:
            super().wrap(avail_width, avail_height)
            self._wrapped_for = avail_width
        return self._width, self._height


_lock = threading.Lock()
#: (id of the style, template markup) -> (the style, kept alive; the parsed fragment).
_templates: dict[tuple[int, str], tuple[object, Any]] = {}


def _template(style: object, template: str) -> Any:
    key = (id(style), template)
    found = _templates.get(key)
    if found is None or found[0] is not style:
        (fragment,) = _Paragraph(template, style).frags
        if fragment.text != "x":  # pragma: no cover - a template is ours, with text x
            raise AssertionError(f"not a one-run template: {template!r}")
        with _lock:
            if len(_templates) > 512:
                _templates.clear()
            _templates[key] = found = (style, fragment)
    return found[1]


def paragraph_of(
    pieces: Sequence[Piece],
    style: object,
    *,
    bullet: str | None = None,
    kind: type[Paragraph] = Paragraph,
) -> Paragraph:
    """The paragraph that parsing the pieces' markup would give, built without parsing.

    Each piece's template is parsed once per style (it must hold exactly one run, of the
    text ``x``); the paragraph's fragments are copies with the pieces' texts.
    ``tests/render/test_fast_layout.py`` checks the fragments against the parser's.
    """
    fragments = [_template(style, template).clone(text=text) for template, text in pieces]
    textTransformFrags(fragments, style)
    return kind(None, style, bulletText=bullet, frags=fragments)


def text_line(pieces: Sequence[Piece], style: object) -> Flowable | None:
    """A :class:`TextLine` for the pieces, or ``None`` when they are not one drawable run."""
    if len(pieces) != 1:
        return None
    template, text = pieces[0]
    if not text or text != text.strip():
        return None  # a paragraph drops spaces at the ends of its lines
    return TextLine(template, text, style)


class TextLine(Flowable):  # type: ignore[misc]
    """One run of text on one line, laid out exactly like the one-line paragraph of it.

    Drawn where reportlab draws a one-run paragraph: the baseline ``fontSize`` below the top
    of a box ``leading`` high, left, centred or right aligned in the width offered, in the
    run's font, size and colour. When the text is wider than that, it becomes that
    paragraph (:func:`paragraph_of`) and wraps like one from then on.
    """

    def __init__(self, template: str, text: str, style: object) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self._template = template
        fragment = _template(style, template)
        self._font: str = fragment.fontName
        self._size: float = fragment.fontSize
        self._color = fragment.textColor
        self._text_width: float = stringWidth(text, self._font, self._size)
        self._paragraph: Paragraph | None = None

    def __repr__(self) -> str:  # reportlab's default would print the text (clinical data)
        return f"<TextLine of {len(self.text)} characters>"

    def getPlainText(self, identify: object = None) -> str:
        """The text, as :meth:`Paragraph.getPlainText` gives a paragraph's."""
        return self.text

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._paragraph is None and self._text_width > avail_width - _FIT_MARGIN:
            self._paragraph = paragraph_of([(self._template, self.text)], self.style)
        if self._paragraph is not None:
            return self._paragraph.wrap(avail_width, avail_height)
        self.width = avail_width
        self.height = self.style.leading  # type: ignore[attr-defined]
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self._paragraph is not None:
            return self._paragraph.split(avail_width, avail_height)
        return []  # one line: it moves whole, as a one-line paragraph does

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        if self._paragraph is not None:
            self._paragraph.drawOn(canvas, x, y, _sW)
            return
        alignment = self.style.alignment  # type: ignore[attr-defined]
        if alignment == TA_RIGHT:
            x += self.width - self._text_width
        elif alignment == TA_CENTER:
            x += (self.width - self._text_width) / 2
        y += self.height - self._size
        leading = self.style.leading  # type: ignore[attr-defined]
        font = pdfmetrics.getFont(self._font)
        if getattr(font, "_dynamicFont", False) and not getattr(font, "shapable", False):
            _draw_truetype(canvas, font, x, y, self._size, leading, self._color, self.text)
            return
        canvas.saveState()  # pragma: no cover - every font we register is TrueType
        canvas.setFillColor(self._color)
        text = canvas.beginText(x, y)
        text.setFont(self._font, self._size, leading)
        text.textOut(self.text)
        canvas.drawText(text)
        canvas.restoreState()


def _draw_truetype(
    canvas: Canvas,
    font: Any,
    x: float,
    y: float,
    size: float,
    leading: float,
    color: Any,
    text: str,
) -> None:
    """What ``saveState``, ``setFillColor``, a text object and ``restoreState`` write for one
    run of a TrueType font, written at once: reportlab's own per-document subsetting
    (``splitString``) and escaping, without its Python-side graphics state (restored by
    ``Q`` anyway). A third of drawing a note's tables went into that bookkeeping."""
    doc = canvas._doc
    ops = [
        "q",
        f"{fp_str(color.red, color.green, color.blue)} rg",
        f"BT 1 0 0 1 {fp_str(x, y)} Tm",
    ]
    current = -1
    for subset, chunk in font.splitString(text, doc):
        if subset != current:
            name = font.getSubsetInternalName(subset, doc)
            ops.append(f"{name} {fp_str(size)} Tf {fp_str(leading)} TL")
            current = subset
        ops.append(f"({canvas._escape(chunk)}) Tj")
    ops.append("ET Q")
    canvas._code.append(" ".join(ops))
