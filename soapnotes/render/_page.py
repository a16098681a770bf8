"""What every page carries: header, footer ("Page X of Y", status, hash) and the DRAFT mark.

All text drawn here is prepared once, before layout, as font runs from
:func:`soapnotes.render._text.line_runs`; record text never reaches the canvas any other way.
The footer needs the page count, so pages are held back by :class:`PagedCanvas` and finished
when the document is saved.
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import attrs
from reportlab.lib.units import mm  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import (  # type: ignore[import-untyped, unused-ignore]
    Flowable,
    SimpleDocTemplate,
)
from reportlab.platypus.doctemplate import (  # type: ignore[import-untyped, unused-ignore]
    LayoutError,
)

from soapnotes import _format as fmt
from soapnotes._files import write_atomic
from soapnotes._version import __version__
from soapnotes.errors import RenderError
from soapnotes.render import styles as st
from soapnotes.render._text import draw_runs, line_runs, runs_width
from soapnotes.render.fonts import TextRuns

if TYPE_CHECKING:
    from soapnotes.models.client import Client
    from soapnotes.models.note import Practice
    from soapnotes.render.options import RenderOptions

Runs = tuple[tuple[str, str], ...]

_ELLIPSIS = "…"
_MIN_SIZE = 5.5


def fit_runs(runs: TextRuns | Runs, size: float, max_width: float) -> tuple[Runs, float]:
    """Runs and a font size that fit ``max_width``: shrink first, cut with "…" as a last resort."""
    pairs: Runs = runs.runs if isinstance(runs, TextRuns) else runs
    width = runs_width(pairs, size)
    if width <= max_width or width == 0:
        return pairs, size
    shrunk = size * max_width / width
    if shrunk >= _MIN_SIZE:
        return pairs, shrunk
    cut = [[name, text] for name, text in pairs]
    while cut:
        trial = (*((n, t) for n, t in cut), (cut[-1][0], _ELLIPSIS))
        if runs_width(trial, _MIN_SIZE) <= max_width:
            return tuple(trial), _MIN_SIZE
        cut[-1][1] = cut[-1][1][:-1]
        if not cut[-1][1]:
            cut.pop()
    return (), _MIN_SIZE


@attrs.frozen(kw_only=True)
class PageText:
    """The header and footer lines of a note, as font runs, plus the optional logo.

    The status line is drawn in red unless ``signed``, and in red too with ``alert`` (a
    signed note that does not verify). ``signed`` alone decides the DRAFT watermark.
    """

    practice: TextRuns
    contact: tuple[TextRuns, ...]
    title: TextRuns
    client_line: TextRuns
    session_line: TextRuns
    confidentiality: TextRuns
    status: TextRuns
    signed: bool
    page_label: Callable[[int, int], TextRuns]
    draft_mark: TextRuns
    logo: ImageReader | None = None
    alert: bool = False


def load_logo(source: bytes | str | Any) -> ImageReader:
    """Read the caller's logo (bytes or a path) into memory, so the PDF never refers to a file.

    Raises:
        RenderError: the file cannot be read, or is not an image.
    """
    try:
        if isinstance(source, bytes):
            data = source
        else:
            with open(source, "rb") as handle:
                data = handle.read()
        reader = ImageReader(io.BytesIO(data))
        reader.getSize()  # fail now, with a clear error, on something that is not an image
    except Exception as exc:  # reportlab/PIL raise many kinds for a bad image
        raise RenderError(
            f"the logo could not be read as an image ({type(exc).__name__})"
        ) from exc
    return reader


@functools.lru_cache(maxsize=256)
def _page_label(number: int, total: int) -> TextRuns:
    return line_runs(f"Page {number} of {total}")


def page_text(
    *,
    practice: Practice,
    client: Client,
    title: str,
    period: str,
    status: str,
    status_bold: bool,
    signed: bool,
    alert: bool,
    options: RenderOptions,
    uncovered: set[str],
) -> PageText:
    """The header and footer lines every soapnotes PDF shares, as font runs.

    Characters no font covers are added to ``uncovered``, like the body text's.
    """

    def runs(text: str, *, bold: bool = False) -> TextRuns:
        result = line_runs(text, fonts=options.fonts, bold=bold)
        uncovered.update(result.uncovered)
        return result

    address = ", ".join(
        line.strip() for line in (practice.address or "").splitlines() if line.strip()
    )
    contact = [runs(address)] if address else []
    reach = " · ".join(x for x in (practice.phone, practice.email) if x)
    if reach:
        contact.append(runs(reach))
    return PageText(
        practice=runs(practice.name, bold=True),
        contact=tuple(contact),
        title=runs(title, bold=True),
        client_line=runs(
            f"{client.full_name} · born {fmt.date(client.date_of_birth)} · ID {client.id}"
        ),
        session_line=runs(period),
        confidentiality=runs(options.confidentiality),
        status=runs(status, bold=status_bold),
        signed=signed,
        alert=alert,
        page_label=_page_label,
        draft_mark=runs("DRAFT", bold=True),
        logo=None if options.logo is None else load_logo(options.logo),
    )


@attrs.frozen(kw_only=True)
class PageGeometry:
    """Where header and footer go, from the page size and margins (points)."""

    width: float
    height: float
    top: float
    right: float
    bottom: float
    left: float

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right

    @classmethod
    def for_options(cls, options: RenderOptions) -> PageGeometry:
        """The geometry of the page size and margins (mm) the options ask for."""
        width, height = options.page_size.points
        top, right, bottom, left = (m * mm for m in options.margins_mm)
        return cls(width=width, height=height, top=top, right=right, bottom=bottom, left=left)


def new_document(
    buffer: IO[bytes],
    geometry: PageGeometry,
    options: RenderOptions,
    *,
    title: str,
    author: str,
    subject: str,
) -> SimpleDocTemplate:
    """The platypus document every soapnotes PDF is built in: invariant (same bytes for the
    same input), our font as the initial one (no unembedded Helvetica), metadata cleaned."""
    from soapnotes.render._text import metadata_text
    from soapnotes.render.fonts import register_family
    from soapnotes.render.note import KeepHeadingWithContent

    return SimpleDocTemplate(
        buffer,
        pagesize=(geometry.width, geometry.height),
        leftMargin=geometry.left,
        rightMargin=geometry.right,
        topMargin=geometry.top,
        bottomMargin=geometry.bottom,
        title=metadata_text(title),
        author=metadata_text(author),
        subject=metadata_text(subject),
        creator=f"soapnotes {__version__}",
        lang=options.language,
        invariant=True,
        initialFontName=register_family(),
        keepTogetherClass=KeepHeadingWithContent,
    )


def deliver(data: bytes, out: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write finished PDF bytes to a path (atomically) or to a binary stream."""
    if isinstance(out, (str, os.PathLike)):
        write_atomic(Path(out), data)
    else:
        out.write(data)


def draw_header(canvas: Canvas, geometry: PageGeometry, text: PageText) -> None:
    """Practice and contact on the left, note title, client and session on the right."""
    g = geometry
    canvas.saveState()
    top = g.height - 9 * 2.8346  # 9 mm from the paper's edge
    x = g.left
    if text.logo is not None:
        w, h = text.logo.getSize()
        box_h = 34.0
        box_w = min(90.0, box_h * w / h)
        draw_h = box_w * h / w
        canvas.drawImage(text.logo, x, top - draw_h, box_w, draw_h, mask="auto")
        x += box_w + 8
    right_width = g.text_width * 0.5 - 6
    left_width = (g.width - g.right) - right_width - 12 - x

    canvas.setFillColor(st.INK)
    runs, size = fit_runs(text.practice, 10.5, left_width)
    draw_runs(canvas, x, top - 9, runs, size)
    canvas.setFillColor(st.MUTED)
    y = top - 20
    for line in text.contact:
        runs, size = fit_runs(line, 7.5, left_width)
        draw_runs(canvas, x, y, runs, size)
        y -= 9.5

    right_edge = g.width - g.right
    canvas.setFillColor(st.ACCENT)
    _draw_right(canvas, right_edge, top - 9, text.title, 10.5, right_width)
    canvas.setFillColor(st.INK)
    _draw_right(canvas, right_edge, top - 20, text.client_line, 8, right_width)
    _draw_right(canvas, right_edge, top - 29.5, text.session_line, 8, right_width)

    rule_y = g.height - g.top + 8
    canvas.setStrokeColor(st.RULE)
    canvas.setLineWidth(0.6)
    canvas.line(g.left, rule_y, right_edge, rule_y)
    canvas.restoreState()


def _draw_right(
    canvas: Canvas, right: float, y: float, runs: TextRuns, size: float, max_width: float
) -> None:
    pairs, fitted = fit_runs(runs, size, max_width)
    draw_runs(canvas, right - runs_width(pairs, fitted), y, pairs, fitted)


def draw_footer(
    canvas: Canvas, geometry: PageGeometry, text: PageText, number: int, total: int
) -> None:
    """Confidentiality line and "Page X of Y", then the note's status (and hash once signed)."""
    g = geometry
    canvas.saveState()
    rule_y = g.bottom - 8
    right_edge = g.width - g.right
    canvas.setStrokeColor(st.RULE)
    canvas.setLineWidth(0.6)
    canvas.line(g.left, rule_y, right_edge, rule_y)

    label = text.page_label(number, total)
    label_width = runs_width(label, 7.5)
    canvas.setFillColor(st.MUTED)
    runs, size = fit_runs(text.confidentiality, 7, g.text_width - label_width - 12)
    draw_runs(canvas, g.left, rule_y - 10, runs, size)
    canvas.setFillColor(st.INK)
    draw_runs(canvas, right_edge - label_width, rule_y - 10, label, 7.5)

    canvas.setFillColor(st.INK if text.signed and not text.alert else st.BLOCK_INK)
    runs, size = fit_runs(text.status, 7.5, g.text_width)
    draw_runs(canvas, g.left, rule_y - 20.5, runs, size)
    canvas.restoreState()


def draw_watermark(canvas: Canvas, geometry: PageGeometry, text: PageText) -> None:
    """A large, pale, diagonal DRAFT behind the page's content."""
    canvas.saveState()
    canvas.setFillColor(st.WATERMARK)
    canvas.translate(geometry.width / 2, geometry.height / 2)
    canvas.rotate(52)
    size = 120.0
    width = runs_width(text.draft_mark, size)
    draw_runs(canvas, -width / 2, -size * 0.35, text.draft_mark, size)
    canvas.restoreState()


class PagedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that keeps every page until :meth:`save`, so footers can say "of Y".

    ``finish_page(canvas, number, total)`` draws on each page just before it is written.
    """

    def __init__(
        self, *args: Any, finish_page: Callable[[Canvas, int, int], None], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict[str, Any]] = []
        self._finish_page = finish_page

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            self._finish_page(self, number, total)
            super().showPage()
        super().save()


def build_document(
    doc: SimpleDocTemplate,
    story: list[Flowable],
    on_page: Callable[[Canvas, object], None],
    finish_page: Callable[[Canvas, int, int], None],
) -> None:
    """Lay out ``story`` in ``doc`` with our page furniture.

    Raises:
        RenderError: reportlab could not lay something out (``LayoutError``: a flowable
            taller than a page). Its message is left out on purpose: reportlab's quotes the
            content of the flowable, which is clinical text.
    """
    try:
        doc.build(
            story,
            onFirstPage=on_page,
            onLaterPages=on_page,
            canvasmaker=functools.partial(PagedCanvas, finish_page=finish_page),
        )
    except LayoutError:
        raise RenderError(
            "the document could not be laid out: a part of it is too large for a page "
            "(reportlab's LayoutError; its message is not shown because it quotes record text)"
        ) from None
