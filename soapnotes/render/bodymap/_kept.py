"""Body map shapes drawn once per process and reused as PDF operators in every note.

Every mark on the body map but its text is a pure function of a few values: the silhouette
and details of a view of the placement (page width, number of views, font), a region's
shading of (view, region, side, phases, placement), a node's mark, the arrows of a view, the
legend's key symbols. Built as reportlab shapes and rendered anew for every note they cost
over a quarter of a note's render time (~2,500 path points for the silhouettes alone). So the
note's body map asks :func:`kept` for each: the first time, the shapes are built and
reportlab's own renderer draws them on a scratch canvas; the operators it wrote are kept
under a key naming everything the shapes depend on, and a :class:`KeptOperators` node writes
them into the page at its place in the drawing order.

Only paths are kept: text is always drawn per document, because each PDF subsets its fonts
and numbers their glyphs itself. Kept operators are wrapped in ``q``/``Q`` and set every
colour and width they use, so they mean the same wherever they are written in a drawing
whose groups do not move their contents (ours never transform).

Large marks (the silhouettes: most of a body map's bytes) go into the PDF as a form XObject
whose stream is kept compressed too, so that no note compresses them again; small ones are
written into the page's own stream.
"""

from __future__ import annotations

import hashlib
import io
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import attrs
from reportlab.graphics import renderPDF  # type: ignore[import-untyped, unused-ignore]
from reportlab.graphics.shapes import (  # type: ignore[import-untyped, unused-ignore]
    Drawing,
    Group,
)
from reportlab.pdfbase import pdfdoc  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped, unused-ignore]

__all__ = ["KeptOperators", "Make", "build", "kept", "kept_code"]

#: How a figure gets a mark: from a key naming everything it depends on and a function
#: building its shapes. :func:`build` builds them; :func:`kept` reuses their operators.
Make = Callable[[Hashable, Callable[[], Any]], Any]

#: Distinct marks kept (a region's shading is 2-6 KB of operators): enough for every region,
#: side and phase of two page sizes, and bounded whatever a batch draws.
_MAX_KEPT = 2048

#: Kept operators longer than this go into the PDF as a form XObject.
_FORM_FROM = 8_000
#: Room around a form's shapes for their strokes (a form draws nothing outside its box).
_STROKE_ROOM = 12.0

_lock = threading.Lock()


@attrs.frozen
class _Kept:
    """A mark's operators and, when large, its form: (name, compressed stream, box)."""

    code: str
    form: tuple[str, bytes, tuple[float, float, float, float]] | None


_kept: OrderedDict[Hashable, _Kept] = OrderedDict()


def build(key: Hashable, make_shapes: Callable[[], Any]) -> Any:
    """The shapes themselves (what :func:`soapnotes.render.bodymap.draw_body_map` returns)."""
    return make_shapes()


def kept(key: Hashable, make_shapes: Callable[[], Any]) -> Any:
    """A node writing the kept operators of the shapes (made on the first call with ``key``)."""
    return KeptOperators(_get(key, make_shapes))


def kept_code(key: Hashable, make_shapes: Callable[[], Any]) -> str:
    """The PDF operators drawing ``make_shapes()`` (shapes without text), kept under ``key``."""
    return _get(key, make_shapes).code


def _get(key: Hashable, make_shapes: Callable[[], Any]) -> _Kept:
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
            return found
    shapes = make_shapes()
    code = _operators(shapes)
    form = None
    if len(code) > _FORM_FROM:
        x1, y1, x2, y2 = shapes.getBounds()
        box = (x1 - _STROKE_ROOM, y1 - _STROKE_ROOM, x2 + _STROKE_ROOM, y2 + _STROKE_ROOM)
        data = code.encode("latin-1")
        name = f"SoapnotesKept{hashlib.sha256(data).hexdigest()[:16]}"
        form = (name, zlib.compress(data), box)
    found = _Kept(code, form)
    with _lock:
        _kept[key] = found
        while len(_kept) > _MAX_KEPT:
            _kept.popitem(last=False)
    return found


def _operators(shapes: Any) -> str:
    drawing = Drawing(1, 1)
    drawing.add(shapes)
    canvas = Canvas(io.BytesIO(), invariant=True)
    first = len(canvas._code)
    renderPDF.draw(drawing, canvas, 0, 0)
    # The renderer starts by setting its default font (a text object naming the scratch
    # document's font resource). Nothing kept draws text, so that line is left out.
    lines = [c for c in canvas._code[first:] if not (c.startswith("BT ") and c.endswith(" ET"))]
    code = "\n".join(lines)
    if " Tj" in code or " TJ" in code or "BT " in code:  # pragma: no cover - a bug here
        raise AssertionError("kept body map shapes must not draw text")
    return code


class KeptOperators(Group):  # type: ignore[misc]
    """A node with no shapes of its own that writes kept operators where it is drawn.

    reportlab calls a node's ``_drawTimeCallback`` as it reaches the node; only a PDF canvas
    is ever given one (the note's body map), so other renderers are not supported.
    """

    def __init__(self, kept: _Kept) -> None:
        # Group.__init__ without reportlab's attribute checks (this runs for every mark of
        # every note); the values are Group's own defaults.
        self.__dict__.update(contents=[], transform=(1, 0, 0, 1, 0, 0), _kept=kept)

    def _drawTimeCallback(self, node: Any, canvas: Any, renderer: Any) -> None:
        kept: _Kept = self._kept
        if kept.form is None:
            canvas.addLiteral(kept.code)
            return
        name, stream, box = kept.form
        if not canvas.hasForm(name):  # once per document, where it is first drawn
            form = pdfdoc.PDFFormXObject(*box)
            compressed = pdfdoc.PDFDictionary({"Filter": pdfdoc.PDFName("FlateDecode")})
            form.Contents = pdfdoc.PDFStream(compressed, stream, filters=[])
            canvas._doc.Reference(form, pdfdoc.xObjectName(name))
        canvas.doForm(name)
