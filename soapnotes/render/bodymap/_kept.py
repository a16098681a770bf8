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
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from reportlab.graphics import renderPDF  # type: ignore[import-untyped, unused-ignore]
from reportlab.graphics.shapes import (  # type: ignore[import-untyped, unused-ignore]
    Drawing,
    Group,
)
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped, unused-ignore]

__all__ = ["KeptOperators", "Make", "build", "kept", "kept_code"]

#: How a figure gets a mark: from a key naming everything it depends on and a function
#: building its shapes. :func:`build` builds them; :func:`kept` reuses their operators.
Make = Callable[[Hashable, Callable[[], Any]], Any]

#: Distinct marks kept (a region's shading is 2-6 KB of operators): enough for every region,
#: side and phase of two page sizes, and bounded whatever a batch draws.
_MAX_KEPT = 2048

_lock = threading.Lock()
_codes: OrderedDict[Hashable, str] = OrderedDict()


def build(key: Hashable, make_shapes: Callable[[], Any]) -> Any:
    """The shapes themselves (what :func:`soapnotes.render.bodymap.draw_body_map` returns)."""
    return make_shapes()


def kept(key: Hashable, make_shapes: Callable[[], Any]) -> Any:
    """A node writing the kept operators of the shapes (made on the first call with ``key``)."""
    return KeptOperators(kept_code(key, make_shapes))


def kept_code(key: Hashable, make_shapes: Callable[[], Any]) -> str:
    """The PDF operators drawing ``make_shapes()`` (shapes without text), kept under ``key``."""
    with _lock:
        code = _codes.get(key)
        if code is not None:
            _codes.move_to_end(key)
            return code
    code = _operators(make_shapes())
    with _lock:
        _codes[key] = code
        while len(_codes) > _MAX_KEPT:
            _codes.popitem(last=False)
    return code


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

    def __init__(self, code: str) -> None:
        # Group.__init__ without reportlab's attribute checks (this runs for every mark of
        # every note); the values are Group's own defaults.
        self.__dict__.update(contents=[], transform=(1, 0, 0, 1, 0, 0), _code=code)

    def _drawTimeCallback(self, node: Any, canvas: Any, renderer: Any) -> None:
        canvas.addLiteral(self._code)
