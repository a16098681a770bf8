"""Rendering SOAP treatment notes as PDF with reportlab.

:func:`render_note` writes a note to a path (atomically) or a binary stream;
:func:`render_note_bytes` returns the PDF; :func:`render_progress` does the same for a course
(:mod:`soapnotes.render.progress`). The same note and options always give the same
bytes (reportlab's invariant mode), so a clinic can hash and diff its PDFs. Rendering never
validates: pass the rules engine's findings in to show them.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import io
import os
import unicodedata
import warnings
from collections.abc import Sequence
from typing import IO

from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import Flowable  # type: ignore[import-untyped, unused-ignore]

from soapnotes.errors import RenderError
from soapnotes.models.note import Note
from soapnotes.render import _format as fmt
from soapnotes.render import note as sections
from soapnotes.render._page import (
    PageGeometry,
    PageText,
    build_document,
    deliver,
    draw_footer,
    draw_header,
    draw_watermark,
    load_logo,
    new_document,
)
from soapnotes.render._text import line_runs
from soapnotes.render.fonts import FallbackFont, FontSet, TextRuns, register_family
from soapnotes.render.note import SignatureCheck, Writer
from soapnotes.render.options import PageSize, RenderOptions, Section
from soapnotes.render.progress import render_progress, render_progress_bytes
from soapnotes.rules import Finding

__all__ = [
    "FallbackFont",
    "FontSet",
    "MissingGlyphWarning",
    "PageSize",
    "RenderOptions",
    "Section",
    "render_note",
    "render_note_bytes",
    "render_progress",
    "render_progress_bytes",
]

_DEFAULT_OPTIONS = RenderOptions()


class MissingGlyphWarning(UserWarning):
    """Some characters of a note are covered by no font and were drawn as U+FFFD.

    Raised as :class:`~soapnotes.errors.RenderError` instead when
    ``RenderOptions(strict_fonts=True)``.

    .. versionadded:: 0.1.0
    """


def render_note(
    note: Note,
    out: str | os.PathLike[str] | IO[bytes],
    *,
    options: RenderOptions | None = None,
    findings: Sequence[Finding] | None = None,
) -> None:
    """Render ``note`` as a PDF treatment note to a file path or a binary stream.

    A path is written atomically: the PDF goes to a temporary file in the same folder
    which is renamed into place, so a failed render never leaves half a PDF and never
    touches an existing file.

    Args:
        note: the note to render.
        out: a file path, or a binary stream opened for writing.
        options: page size, margins, logo, sections, fonts (defaults: A4, everything).
        findings: the rules engine's findings to show in the findings box; ``None`` shows
            no box. Rendering never validates by itself.

    Raises:
        RenderError: a character no font covers with ``strict_fonts``, or an unreadable logo.

    .. versionadded:: 0.1.0
    """
    data = render_note_bytes(note, options=options, findings=findings)
    deliver(data, out)


def render_note_bytes(
    note: Note,
    *,
    options: RenderOptions | None = None,
    findings: Sequence[Finding] | None = None,
) -> bytes:
    """The PDF treatment note for ``note`` as bytes. See :func:`render_note`.

    .. versionadded:: 0.1.0
    """
    options = options or _DEFAULT_OPTIONS
    register_family()  # before any paragraph is built in our font
    geometry = PageGeometry.for_options(options)
    writer = Writer(options.fonts, geometry.text_width)
    check = sections.signature_check(note)
    story = _story(note, writer, options, findings, check)
    page_text = _page_text(note, writer, options, check)
    _check_coverage(writer.uncovered, options.strict_fonts)

    title = f"SOAP treatment note, {fmt.date(note.session.start.date())}"
    if options.metadata_names:
        title += f", {note.client.full_name}"
    buffer = io.BytesIO()
    doc = new_document(
        buffer,
        geometry,
        options,
        title=title,
        author=note.therapist.display_name,
        subject=(
            f"{note.session.modality.label} session {note.session.id} for client {note.client.id}"
        ),
    )

    def on_page(canvas: Canvas, _: object) -> None:
        if not page_text.signed:
            draw_watermark(canvas, geometry, page_text)
        draw_header(canvas, geometry, page_text)

    def finish_page(canvas: Canvas, number: int, total: int) -> None:
        draw_footer(canvas, geometry, page_text, number, total)

    build_document(doc, story, on_page, finish_page)
    return buffer.getvalue()


def _story(
    note: Note,
    writer: Writer,
    options: RenderOptions,
    findings: Sequence[Finding] | None,
    check: SignatureCheck | None,
) -> list[Flowable]:
    """The flowables of the note, section by section, in the order of the issue."""
    parts: list[Flowable] = []
    plain = [
        (Section.CLIENT, sections.client_and_session),
        (Section.SCREENING, sections.screening),
        (Section.SUBJECTIVE, sections.subjective),
        (Section.OBJECTIVE, sections.objective),
        (Section.ASSESSMENT, sections.assessment),
        (Section.PLAN, sections.plan),
        (Section.TREATMENT, sections.treatment),
        (Section.BODY_MAP, sections.body_map),
    ]
    for section, build in plain:
        if options.includes(section):
            parts.extend(build(note, writer))
    if findings is not None and options.includes(Section.FINDINGS):
        parts.extend(sections.findings_box(findings, writer))
    if options.includes(Section.SIGNATURE):
        parts.extend(sections.signature(note, writer, check))
    if options.includes(Section.ADDENDA):
        parts.extend(sections.addenda(note, writer))
    return parts


def _page_text(
    note: Note, writer: Writer, options: RenderOptions, check: SignatureCheck | None
) -> PageText:
    """Header and footer lines as font runs, checked for coverage like the body text."""

    def runs(text: str, *, bold: bool = False) -> TextRuns:
        result = line_runs(text, fonts=options.fonts, bold=bold)
        writer.uncovered |= result.uncovered
        return result

    practice = note.practice
    address = ", ".join(
        line.strip() for line in (practice.address or "").splitlines() if line.strip()
    )
    contact = [runs(address)] if address else []
    reach = " · ".join(x for x in (practice.phone, practice.email) if x)
    if reach:
        contact.append(runs(reach))
    client = note.client
    session = note.session
    sig = note.signature
    failed = check if check is not None and not check.ok else None
    if sig is None:
        status = runs("DRAFT: not signed", bold=True)
    elif failed is not None:
        # The warning alone, so that it is drawn at full size; the block has the details.
        status = runs(f"{failed.headline} (see Signature)", bold=True)
    else:
        status = runs(
            f"Signed by {sig.signed_by}, {sig.credential}, at {fmt.datetime(sig.signed_at)}"
            f" · content SHA-256 {sig.content_sha256[:12]}"
        )
    logo = None
    if options.logo is not None:
        try:
            logo = load_logo(options.logo)
        except Exception as exc:  # reportlab/PIL raise many kinds for a bad image
            raise RenderError(
                f"the logo could not be read as an image ({type(exc).__name__})"
            ) from exc
    return PageText(
        practice=runs(practice.name, bold=True),
        contact=tuple(contact),
        title=runs("SOAP treatment note", bold=True),
        client_line=runs(
            f"{client.full_name} · born {fmt.date(client.date_of_birth)} · ID {client.id}"
        ),
        session_line=runs(f"Session {fmt.datetime(session.start)}"),
        confidentiality=runs(options.confidentiality),
        status=status,
        signed=sig is not None,
        alert=failed is not None,
        page_label=_page_label,
        draft_mark=runs("DRAFT", bold=True),
        logo=logo,
    )


@functools.lru_cache(maxsize=256)
def _page_label(number: int, total: int) -> TextRuns:
    return line_runs(f"Page {number} of {total}")


def _check_coverage(uncovered: set[str], strict: bool) -> None:
    """Raise (strict) or warn about characters no font covers, naming code points only."""
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
    warnings.warn(message + "; they are drawn as U+FFFD.", MissingGlyphWarning, stacklevel=3)
