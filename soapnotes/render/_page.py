"""What every page carries: header, footer ("Page X of Y", status, hash) and the DRAFT mark.

All text drawn here is prepared once, before layout, as font runs from
:func:`soapnotes.render._text.line_runs`; record text never reaches the canvas any other way.
The footer needs the page count, so pages are held back by
:class:`soapnotes.render._document.PagedCanvas` and finished when the document is saved.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs
from reportlab.lib.units import mm  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped, unused-ignore]

from soapnotes import _format as fmt
from soapnotes._files import MAX_LOGO_BYTES, FileRefused, read_bounded
from soapnotes.errors import RenderError
from soapnotes.i18n import active_locale
from soapnotes.i18n import gettext as tr
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
    """Runs and a font size that fit ``max_width``: shrink first, cut with "…" as a last resort.

    The cut keeps the longest start of the text that fits with "…" in the font of its last
    run. Each run's cut is found by bisection (widths only grow with the text), so a header
    line of any length costs O(n log n), not the character-at-a-time O(n²) it once did.
    """
    pairs: Runs = runs.runs if isinstance(runs, TextRuns) else runs
    width = runs_width(pairs, size)
    if width <= max_width or width == 0:
        return pairs, size
    shrunk = size * max_width / width
    if shrunk >= _MIN_SIZE:
        return pairs, shrunk
    before = [0.0]  # the width of the runs before each run
    for name, text in pairs:
        before.append(before[-1] + pdfmetrics.stringWidth(text, name, _MIN_SIZE))
    for index in range(len(pairs) - 1, -1, -1):
        name, text = pairs[index]
        room = max_width - before[index] - pdfmetrics.stringWidth(_ELLIPSIS, name, _MIN_SIZE)
        fits = _longest_fitting_start(text, name, room)
        if fits:
            return (*pairs[:index], (name, text[:fits]), (name, _ELLIPSIS)), _MIN_SIZE
    return (), _MIN_SIZE


def _longest_fitting_start(text: str, font: str, room: float) -> int:
    """The most characters of ``text`` (at least 1) that fit ``room`` at the smallest size,
    or 0 when not even one does."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if pdfmetrics.stringWidth(text[:middle], font, _MIN_SIZE) <= room:
            low = middle
        else:
            high = middle - 1
    return low


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

    A path must name a regular file of at most ``MAX_LOGO_BYTES`` (8 MiB).

    Raises:
        RenderError: the file cannot be read, is not a regular file, is too large, or is
            not an image.
    """
    try:
        data = source if isinstance(source, bytes) else read_bounded(source, MAX_LOGO_BYTES)
    except FileRefused as exc:
        raise RenderError(f"the logo file is refused: {exc.strerror}") from None
    try:
        reader = ImageReader(io.BytesIO(data))
        reader.getSize()  # fail now, with a clear error, on something that is not an image
    except Exception as exc:  # reportlab/PIL raise many kinds for a bad image
        raise RenderError(
            f"the logo could not be read as an image ({type(exc).__name__})"
        ) from exc
    return reader


def _page_label(number: int, total: int) -> TextRuns:
    return _page_label_in(number, total, active_locale())


@functools.lru_cache(maxsize=256)
def _page_label_in(number: int, total: int, locale: str) -> TextRuns:
    """The label in ``locale`` (the cache key; the active locale is the one translated)."""
    return line_runs(tr("Page {number} of {total}", number=number, total=total))


def _confidentiality(text: str) -> str:
    """The caller's line as given; the default one in the document's language."""
    from soapnotes.render.options import DEFAULT_CONFIDENTIALITY

    return tr(DEFAULT_CONFIDENTIALITY) if text == DEFAULT_CONFIDENTIALITY else text


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
            tr(
                "{name} · born {date} · ID {id}",
                name=client.full_name,
                date=fmt.date(client.date_of_birth),
                id=client.id,
            )
        ),
        session_line=runs(period),
        confidentiality=runs(_confidentiality(options.confidentiality)),
        status=runs(status, bold=status_bold),
        signed=signed,
        alert=alert,
        page_label=_page_label,
        draft_mark=runs(tr("DRAFT"), bold=True),
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
