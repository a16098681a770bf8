"""Helpers for render tests: build a small PDF in memory and look inside it with pypdf."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from soapnotes.render.fonts import FallbackFont, register_family

#: TrueType-outlined Japanese font from Debian's ``fonts-ipafont-gothic``.
IPA_GOTHIC = Path("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf")


def build_pdf(*markups: str) -> PdfReader:
    """Render each markup string as one paragraph on an A4 page; return the parsed PDF."""
    style = ParagraphStyle("body", fontName=register_family(), fontSize=10, leading=12)
    out = BytesIO()
    # initialFontName: otherwise every page also references (unembedded) Helvetica.
    doc = SimpleDocTemplate(out, invariant=True, initialFontName=style.fontName)
    doc.build([Paragraph(m, style) for m in markups])
    return PdfReader(BytesIO(out.getvalue()))


def page_text(reader: PdfReader) -> str:
    """All extracted text of a one-page PDF."""
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


def content_stream(reader: PdfReader) -> bytes:
    """The decompressed content stream of the first page."""
    data = reader.pages[0].get_contents()
    assert data is not None
    raw = data.get_data()
    return raw if b"BT" in raw else zlib.decompress(raw)


def font_dicts(reader: PdfReader) -> Iterator[DictionaryObject]:
    """Every font dictionary used on the first page."""
    resources: Any = reader.pages[0]["/Resources"].get_object()
    for ref in resources["/Font"].get_object().values():
        yield ref.get_object()


def ipa_gothic() -> FallbackFont:
    """The IPA Gothic fallback font; skips the test where fonts-ipafont-gothic is absent."""
    if not IPA_GOTHIC.is_file():
        pytest.skip(f"{IPA_GOTHIC} missing: apt-get install fonts-ipafont-gothic")
    return FallbackFont(source=str(IPA_GOTHIC))
