"""What no note changes on the body map, drawn once per process and reused as PDF operators.

The silhouette and details of each view and the legend's key symbols depend only on where the
drawing puts them (page width, number of views, font), never on the note; they are about
2,500 path points, which built and written anew for every note took a quarter of its render
time. Here they are laid out once per placement by reportlab's own renderer on a scratch
canvas; the operators it wrote are kept and copied into each note's page, where
:class:`BodyMapDrawing` writes them below the note's own marks.

Only paths go in: text must be drawn per document, because each PDF subsets its fonts and
numbers their glyphs itself. The operators are wrapped in ``q``/``Q`` and set every colour
and width they use, so they mean the same on any page at the drawing's origin.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from reportlab.graphics import renderPDF  # type: ignore[import-untyped, unused-ignore]
from reportlab.graphics.shapes import (  # type: ignore[import-untyped, unused-ignore]
    Drawing,
)
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped, unused-ignore]

__all__ = ["BodyMapDrawing", "underlay_code"]

#: Placements remembered; a process renders one or two page sizes, so this is plenty.
_MAX_ENTRIES = 64

_lock = threading.Lock()
_codes: dict[Hashable, str] = {}


def underlay_code(key: Hashable, build: Callable[[], Any], width: float, height: float) -> str:
    """The PDF operators drawing ``build()`` (a group without text) in a drawing of that size.

    ``key`` names everything the group depends on; the operators are made on the first call
    with that key and reused after.
    """
    code = _codes.get(key)
    if code is None:
        code = _operators(build(), width, height)
        with _lock:
            if len(_codes) >= _MAX_ENTRIES:
                _codes.clear()
            _codes[key] = code
    return code


def _operators(group: Any, width: float, height: float) -> str:
    drawing = Drawing(width, height)
    drawing.add(group)
    canvas = Canvas(io.BytesIO(), invariant=True)
    first = len(canvas._code)
    renderPDF.draw(drawing, canvas, 0, 0)
    # The renderer starts by setting its default font (a text object naming the scratch
    # document's font resource). Nothing here draws text, so it is left out.
    lines = [c for c in canvas._code[first:] if not (c.startswith("BT ") and c.endswith(" ET"))]
    code = "\n".join(lines)
    if " Tj" in code or " TJ" in code or "BT " in code:  # pragma: no cover - a bug here
        raise AssertionError("the body map's underlay must not draw text")
    return code


class BodyMapDrawing(Drawing):  # type: ignore[misc]
    """A drawing that writes kept underlay operators before its own shapes.

    Used as a platypus flowable (:meth:`draw`), the only way soapnotes draws it.
    """

    def __init__(self, width: float, height: float) -> None:
        super().__init__(width, height)
        self._underlay: tuple[str, ...] = ()

    def draw_first(self, codes: Sequence[str]) -> None:
        """Write ``codes`` (from :func:`underlay_code`) before the drawing's own shapes."""
        self._underlay = tuple(codes)

    def draw(self, *args: Any, **kwargs: Any) -> None:
        for code in self._underlay:
            self.canv.addLiteral(code)
        super().draw(*args, **kwargs)
