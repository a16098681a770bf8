"""The one PDF pipeline: a layout in, finished PDF bytes out.

The treatment note and the progress report each describe themselves as a :class:`Layout`
(metadata, page text and the story of flowables); :func:`render_pdf` does everything else
once: the page geometry, our fonts, the check that every character has a font, the invariant
platypus document, header, footer ("Page X of Y") and the DRAFT watermark on every page.
"""

from __future__ import annotations

import functools
import io
import os
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

import attrs
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import (  # type: ignore[import-untyped, unused-ignore]
    Flowable,
    SimpleDocTemplate,
)
from reportlab.platypus.doctemplate import (  # type: ignore[import-untyped, unused-ignore]
    LayoutError,
)

from soapnotes._files import write_atomic
from soapnotes._version import __version__
from soapnotes.errors import MissingGlyphWarning, RenderError
from soapnotes.i18n import using_locale
from soapnotes.i18n._locale import bcp47
from soapnotes.render._page import (
    PageGeometry,
    PageText,
    draw_footer,
    draw_header,
    draw_watermark,
)
from soapnotes.render._text import metadata_text
from soapnotes.render._writer import KeepHeadingWithContent, Writer
from soapnotes.render.fonts import load_fallbacks, register_family
from soapnotes.render.options import RenderOptions

__all__ = [
    "Layout",
    "PagedCanvas",
    "build_document",
    "check_coverage",
    "deliver",
    "new_document",
    "render_pdf",
]

_DEFAULT_OPTIONS = RenderOptions()


@attrs.frozen(kw_only=True)
class Layout:
    """What one kind of document puts on its pages; :func:`render_pdf` does the rest.

    Args:
        title, author, subject: the PDF metadata (cleaned by :func:`metadata_text`).
        page: the header and footer lines of every page.
        story: the flowables of the body, in order.
        watermark: draw the pale diagonal DRAFT behind every page's content.
    """

    title: str
    author: str
    subject: str
    page: PageText
    story: Sequence[Flowable]
    watermark: bool = False


def render_pdf(lay_out: Callable[[Writer], Layout], options: RenderOptions | None) -> bytes:
    """The PDF of the layout that ``lay_out`` makes with a :class:`Writer` for ``options``.

    Raises:
        RenderError: a character no font covers with ``strict_fonts``, an unreadable logo, or
            a part too large for a page.
    """
    options = options or _DEFAULT_OPTIONS
    with using_locale(options.locale):
        return _render_pdf(lay_out, options)


def _render_pdf(lay_out: Callable[[Writer], Layout], options: RenderOptions) -> bytes:
    """:func:`render_pdf` in the options' locale."""
    register_family()  # before any paragraph is built in our font
    # A bad fallback fails here, whatever the text: plain ASCII never asks for the fallbacks.
    load_fallbacks(options.fonts)
    geometry = PageGeometry.for_options(options)
    writer = Writer(options.fonts, geometry.text_width)
    layout = lay_out(writer)
    # The warning names the line that called render_note_bytes (or render_progress_bytes).
    check_coverage(writer.uncovered, options.strict_fonts, stacklevel=4)

    buffer = io.BytesIO()
    doc = new_document(
        buffer,
        geometry,
        options,
        title=layout.title,
        author=layout.author,
        subject=layout.subject,
    )
    text = layout.page

    def on_page(canvas: Canvas, _: object) -> None:
        if layout.watermark:
            draw_watermark(canvas, geometry, text)
        draw_header(canvas, geometry, text)

    def finish_page(canvas: Canvas, number: int, total: int) -> None:
        draw_footer(canvas, geometry, text, number, total)

    build_document(doc, list(layout.story), on_page, finish_page)
    return buffer.getvalue()


def check_coverage(uncovered: set[str], strict: bool, *, stacklevel: int = 2) -> None:
    """Raise (strict) or warn about characters no font covers, naming code points only.

    ``stacklevel`` is passed to :func:`warnings.warn`: 2 names the caller of this function.
    """
    if not uncovered:
        return
    listed = ", ".join(
        f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed')}" for c in sorted(uncovered)
    )
    message = (
        f"{len(uncovered)} character{'s' if len(uncovered) != 1 else ''} of the note "
        f"{'are' if len(uncovered) != 1 else 'is'} covered by no font: {listed}. "
        "Pass a fallback font that has them: "
        "RenderOptions(fonts=FontSet(fallbacks=(FallbackFont(source=...),)))"
    )
    if strict:
        raise RenderError(message)
    warning = MissingGlyphWarning(message + "; they are drawn as U+FFFD.")
    warning.characters = frozenset(uncovered)
    warnings.warn(warning, stacklevel=stacklevel)


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
        lang=pdf_language(options),
        invariant=True,
        initialFontName=register_family(),
        keepTogetherClass=KeepHeadingWithContent,
    )


def pdf_language(options: RenderOptions) -> str:
    """The PDF ``/Lang``: the caller's ``language``, or the locale's when it is left at
    English and the document is not English."""
    if options.language == "en" and not options.locale.startswith("en"):
        return bcp47(options.locale)
    return options.language


def deliver(data: bytes, out: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write finished PDF bytes to a path (atomically) or to a binary stream."""
    if isinstance(out, (str, os.PathLike)):
        write_atomic(Path(out), data)
    else:
        out.write(data)


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
