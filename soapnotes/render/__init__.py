"""Rendering SOAP treatment notes as PDF with reportlab.

:func:`render_note` writes a note to a path (atomically) or a binary stream;
:func:`render_note_bytes` returns the PDF; :func:`render_progress` does the same for a course
(:mod:`soapnotes.render.progress`), and :func:`render_letter` the letter on a course to the
referring physician (:mod:`soapnotes.render.letter`). The same note and options always give
the same bytes (reportlab's invariant mode), so a clinic can hash and diff its PDFs.
Rendering never validates: pass the rules engine's findings in to show them, and the
verification of a signed note if you have one.

Layout: :mod:`soapnotes.render.note`, :mod:`soapnotes.render.progress` and
:mod:`soapnotes.render.letter` describe the three documents, :mod:`soapnotes.render.sections`
the note's parts, ``_blocks`` and ``_writer`` what they share, ``_document`` the one
pipeline, ``_page`` the page furniture. :func:`sign_pdf` signs a rendered note (PAdES,
``_pades``) and :func:`verify_pdf` checks one (``_verify_pdf``; ``docs/signing.md``).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from soapnotes.errors import MissingGlyphWarning
from soapnotes.render._pades import sign_pdf
from soapnotes.render._verify_pdf import PdfCheck, PdfVerification, verify_pdf
from soapnotes.render.fonts import FallbackFont, FontSet
from soapnotes.render.letter import render_letter, render_letter_bytes
from soapnotes.render.note import render_note, render_note_bytes
from soapnotes.render.options import PageSize, RenderOptions, Section
from soapnotes.render.progress import render_progress, render_progress_bytes

__all__ = [
    "FallbackFont",
    "FontSet",
    "MissingGlyphWarning",
    "PageSize",
    "PdfCheck",
    "PdfVerification",
    "RenderOptions",
    "Section",
    "render_letter",
    "render_letter_bytes",
    "render_note",
    "render_note_bytes",
    "render_progress",
    "render_progress_bytes",
    "sign_pdf",
    "verify_pdf",
]


def __getattr__(name: str) -> object:
    # soapnotes.render.batch (process pools, executors) loads only when it is used.
    if name == "batch":
        import importlib

        return importlib.import_module("soapnotes.render.batch")
    raise AttributeError(f"module 'soapnotes.render' has no attribute {name!r}")
