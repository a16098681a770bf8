"""PAdES signatures on a rendered note: :func:`sign_pdf` with pyHanko (the ``sign`` extra).

The signature is added as an incremental update (the signed revision's bytes stay as they
were, so PDF/A stays PDF/A), in a signature field on the last page whose appearance is the
block drawn here with reportlab in the note's own font (DejaVu Sans): who signed, with what
credential, when. The block goes into free room under the last line of the last page,
found from that page's text and rectangles, so it never covers the note; when there is none
(a note whose addenda fill its last page), onto a signature page added after it. pyHanko,
pypdf and asn1crypto are imported inside the functions.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.units import mm  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped, unused-ignore]

from soapnotes import _format as fmt
from soapnotes.errors import UsageError
from soapnotes.i18n import gettext as tr
from soapnotes.i18n import using_locale
from soapnotes.render import styles as st
from soapnotes.render._text import metadata_text
from soapnotes.render.fonts import register_family

if TYPE_CHECKING:
    from soapnotes.lifecycle import SigningKey

__all__ = ["FIELD_NAME", "SIGNATURE_PAGE", "free_band", "quiet_pyhanko", "sign_pdf"]

_NEEDS_EXTRA = "signing a PDF needs the sign extra: pip install 'soapnotes[sign]'"

#: The signature field soapnotes creates.
FIELD_NAME = "SoapnotesSignature"

#: The block's size: room for three lines and a rule, on the left of the text column.
BLOCK_WIDTH = 92 * mm
BLOCK_HEIGHT = 21 * mm
#: Content below this (the footer, in the bottom margin) is not the note's body.
_FOOTER_TOP = 20 * mm
_GAP = 5 * mm
#: Aligned with the note's text column: the default left margin and platypus's frame padding.
_LEFT = 16 * mm + 6


def quiet_pyhanko() -> None:
    """Keep pyHanko's log records (tracebacks for every untrusted path) off stderr unless the
    application configures logging: a library's logger gets a NullHandler."""
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())


def _content_extent(page: Any) -> tuple[float, float]:
    """The lowest body y drawn on ``page`` (text baselines less descent, rectangles) and the
    highest footer y; from pypdf's content-stream visitors."""
    lowest = float(page.mediabox.top)
    footer = 0.0

    def point(x: float, y: float, cm: list[float]) -> float:
        return x * cm[1] + y * cm[3] + cm[5]

    def seen(y_low: float, y_high: float) -> None:
        nonlocal lowest, footer
        if y_high < _FOOTER_TOP:
            footer = max(footer, y_high)
        else:
            lowest = min(lowest, y_low)

    def on_text(text: str, cm: list[float], tm: list[float], _: Any, size: float) -> None:
        if text.strip():
            y = point(tm[4], tm[5], cm)
            seen(y - 0.3 * size, y + size)

    def on_operator(op: bytes, args: list[Any], cm: list[float], _: list[float]) -> None:
        if op == b"re" and len(args) == 4:
            ys = (point(args[0], args[1], cm), point(args[0], args[1] + args[3], cm))
            seen(min(ys), max(ys))

    page.extract_text(visitor_text=on_text, visitor_operand_before=on_operator)
    return lowest, footer


#: The page dictionary key of the page :func:`sign_pdf` adds for the block alone, when the
#: note's last page has no room for it (``verify_pdf`` leaves that page out of its check).
SIGNATURE_PAGE = "/SoapnotesSignaturePage"
#: The top margin of a signature page: the note's (27 mm), where its header rule sits.
_TOP = 27 * mm


def free_band(data: bytes) -> tuple[int, float, float, bool]:
    """Where the block goes: (page index, x, y of its bottom, whether that page is new).

    Under the last line of the last page when there is room above the footer; else at the
    top of a signature page added after it (index one past the last page), so the block
    never covers the note.
    """
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    index = len(reader.pages) - 1
    page = reader.pages[index]
    lowest, footer = _content_extent(page)
    top = lowest - _GAP
    bottom = top - BLOCK_HEIGHT
    if bottom < max(footer, _FOOTER_TOP) + 2:
        return index + 1, _LEFT, float(page.mediabox.top) - _TOP - BLOCK_HEIGHT, True
    return index, _LEFT, bottom, False


def _add_signature_page(writer: Any, data: bytes) -> None:
    """A page after the last, of its size, that draws nothing: the block's field goes there.

    It is marked :data:`SIGNATURE_PAGE`; it has no header or footer, so the note's "Page N
    of N" stays true of the note.
    """
    from pyhanko.pdf_utils import generic as typed_generic
    from pypdf import PdfReader

    generic: Any = typed_generic  # its constructors are untyped
    box = PdfReader(io.BytesIO(data)).pages[-1].mediabox
    page = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Page"),
            generic.pdf_name("/MediaBox"): generic.ArrayObject(
                [generic.FloatObject(float(v)) for v in (box.left, box.bottom, box.right, box.top)]
            ),
            generic.pdf_name("/Resources"): generic.DictionaryObject(),
            generic.pdf_name("/Contents"): writer.add_object(
                generic.StreamObject(stream_data=b"")
            ),
            generic.pdf_name(SIGNATURE_PAGE): generic.BooleanObject(True),
        }
    )
    writer.insert_page(page)


def _block(signer: str, credential: str | None, at: dt.datetime, timestamped: bool) -> bytes:
    """A one-page PDF of the block's size: the appearance of the signature field."""
    regular, bold = register_family(), register_family() + "-Bold"
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer, pagesize=(BLOCK_WIDTH, BLOCK_HEIGHT), invariant=True, initialFontName=regular
    )
    canvas.setStrokeColor(st.CLEARED_INK)
    canvas.setFillColor(colors.white)
    canvas.setLineWidth(0.8)
    canvas.rect(0.4, 0.4, BLOCK_WIDTH - 0.8, BLOCK_HEIGHT - 0.8, stroke=1, fill=1)
    canvas.setFillColor(st.CLEARED_INK)
    canvas.rect(0.4, 0.4, 1.6 * mm, BLOCK_HEIGHT - 0.8, stroke=0, fill=1)
    x = 5 * mm
    canvas.setFillColor(colors.HexColor("#555555"))
    canvas.setFont(regular, 7.5)
    canvas.drawString(x, BLOCK_HEIGHT - 6 * mm, tr("Digitally signed by"))
    canvas.setFillColor(colors.black)
    # The signer's name (from the certificate) and the credential are record text: cleaned
    # as for the document information (one line, no control or bidi characters: drawString
    # does not reorder, so a bidi control would only print as a box), and made smaller
    # rather than run past the block when long.
    name = metadata_text(signer if credential is None else f"{signer}, {credential}")
    size = 10.5
    while size > 6 and canvas.stringWidth(name, bold, size) > BLOCK_WIDTH - x - 3 * mm:
        size -= 0.5
    canvas.setFont(bold, size)
    canvas.drawString(x, BLOCK_HEIGHT - 11 * mm, name)
    canvas.setFont(regular, 7.5)
    canvas.drawString(x, BLOCK_HEIGHT - 15.5 * mm, tr("Signed at {time}", time=fmt.datetime(at)))
    kind = (
        tr("PAdES signature with an RFC 3161 timestamp")
        if timestamped
        else tr("PAdES signature (PDF); check it with soapnotes verify")
    )
    canvas.setFillColor(colors.HexColor("#555555"))
    canvas.setFont(regular, 6.5)
    canvas.drawString(x, BLOCK_HEIGHT - 19 * mm, kind)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _static_style(block: bytes) -> Any:
    """A pyHanko stamp style drawing ``block`` (a one-page PDF) as the field's appearance."""
    import binascii
    import uuid

    from pyhanko.pdf_utils import content, layout
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.stamp import StaticStampStyle

    class _Page(content.PdfContent):
        def render(self) -> bytes:
            writer = self._ensure_writer
            xobject = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(block)))
            name = b"/Block" + binascii.hexlify(uuid.uuid4().bytes)
            self.resources.xobject[name.decode("ascii")] = xobject
            x1, y1, x2, y2 = xobject.get_object()["/BBox"]
            self.box = layout.BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
            return bytes(name + b" Do")

    as_drawn = layout.SimpleBoxLayoutRule(  # the block at its own size, no margins
        x_align=layout.AxisAlignment.ALIGN_MIN,
        y_align=layout.AxisAlignment.ALIGN_MIN,
        margins=layout.Margins.uniform(0),  # type: ignore[no-untyped-call]
        inner_content_scaling=layout.InnerScaling.NO_SCALING,
    )
    return StaticStampStyle(
        background=_Page(), background_layout=as_drawn, border_width=0, background_opacity=1.0
    )


def _asn1_key(key: SigningKey) -> tuple[Any, Any, list[Any]]:
    from asn1crypto import keys, x509
    from cryptography.hazmat.primitives import serialization as ser

    if key.certificate is None:
        raise UsageError("signing a PDF needs the key's certificate (--cert)")
    private = key.key.private_bytes(ser.Encoding.DER, ser.PrivateFormat.PKCS8, ser.NoEncryption())

    def cert(c: Any) -> Any:
        return x509.Certificate.load(c.public_bytes(ser.Encoding.DER))

    return keys.PrivateKeyInfo.load(private), cert(key.certificate), [cert(c) for c in key.chain]


def _same_producer(writer: Any) -> None:
    """Make the information dictionary's ``/Producer`` the one pyHanko writes into the XMP
    (it appends itself to the first and replaces the second), so the two still agree as
    PDF/A requires."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.metadata.model import VENDOR

    info = writer.trailer["/Info"]
    info["/Producer"] = generic.TextStringObject(VENDOR)
    writer.update_container(info)


def _timestamper(timestamp: object) -> Any:
    if timestamp is None:
        return None
    if isinstance(timestamp, str):
        from pyhanko.sign.timestamps import HTTPTimeStamper

        return HTTPTimeStamper(timestamp)
    return timestamp


def _signer_class(moment: dt.datetime, archival: bool) -> Any:
    """pyHanko's PdfSigner, signing at ``moment`` (the time the block shows is the one
    signed) and, for PDF/A, declaring no extension that makes the file PDF 2.0."""
    from pyhanko.sign import signers

    class _AtSigner(signers.PdfSigner):
        def init_signing_session(self, *args: Any, **kwargs: Any) -> Any:
            session = super().init_signing_session(*args, **kwargs)
            session.system_time = moment
            return session

        def register_extensions(self, pdf_out: Any, *, md_algorithm: str) -> None:
            if not archival:
                super().register_extensions(pdf_out, md_algorithm=md_algorithm)
                return
            # PDF/A-1 and -3 are PDF 1.4 and 1.7 files: declare PAdES (ESIC, base 1.7)
            # only, not ISO 32002's ECDSA curves, which would make the file PDF 2.0.
            from pyhanko.sign.signers.constants import ESIC_EXTENSION_1

            pdf_out.ensure_output_version(version=(1, 7))
            pdf_out.register_extension(ESIC_EXTENSION_1)

    return _AtSigner


def _refuse_ed25519_archival(key: SigningKey, archival: bool) -> None:
    """Ed25519 in PDF signatures is ISO 32002 (PDF 2.0): not for PDF/A-1 or PDF/A-3."""
    from cryptography.hazmat.primitives.asymmetric import ed25519

    if isinstance(key.key, ed25519.Ed25519PrivateKey) and archival:
        raise UsageError(
            "an Ed25519 PDF signature needs PDF 2.0 (ISO 32002), which PDF/A-1 and PDF/A-3 "
            "predate: sign an archival PDF with an ECDSA P-256 key"
        )


def sign_pdf(
    data: bytes,
    key: SigningKey,
    *,
    credential: str | None = None,
    at: dt.datetime | None = None,
    locale: str = "en",
    timestamp: object = None,
) -> bytes:
    """``data`` (a PDF) signed with PAdES B-B (B-T with ``timestamp``), as an incremental
    update with a visible signature block on the last page (on a signature page added after
    it when the last page has no room under its last line).

    Args:
        data: the PDF, usually a rendered note (``render_note_bytes(..., archival=True)``).
        key: the signer's key with its certificate and chain (embedded in the signature).
        credential: printed after the signer's name (the certificate's common name).
        at: the signing time shown and signed (the signer's claim); default now.
        locale: the block's language (``RenderOptions.locale``).
        timestamp: an RFC 3161 timestamp authority's URL, or a pyHanko ``TimeStamper``:
            the signature gets a timestamp token (PAdES B-T).

    Raises:
        UsageError: pyHanko is missing, the key has no certificate, or the key cannot sign
            a PDF.

    .. versionadded:: 0.3.0
    """
    try:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers
        from pyhanko_certvalidator.registry import SimpleCertificateStore
    except ImportError:
        raise UsageError(_NEEDS_EXTRA) from None
    from cryptography.hazmat.primitives.asymmetric import ed25519

    from soapnotes.lifecycle._keys import subject_name

    quiet_pyhanko()
    archival = b"pdfaid:part" in data
    _refuse_ed25519_archival(key, archival)
    private, certificate, chain = _asn1_key(key)
    moment = (at or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0)
    signer_name = subject_name(key.certificate) or "?"  # type: ignore[arg-type]
    page, x, y, new_page = free_band(data)
    with using_locale(locale):
        block = _block(signer_name, credential, moment, timestamp is not None)
    signer = signers.SimpleSigner(
        signing_cert=certificate,
        signing_key=private,
        cert_registry=SimpleCertificateStore.from_certs(chain),  # type: ignore[no-untyped-call]
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha512" if isinstance(key.key, ed25519.Ed25519PrivateKey) else "sha256",
        name=signer_name,
    )
    spec = fields.SigFieldSpec(
        FIELD_NAME,
        on_page=page,
        box=(round(x), round(y), round(x + BLOCK_WIDTH), round(y + BLOCK_HEIGHT)),
    )

    pdf_signer = _signer_class(moment, archival)(
        meta,
        signer=signer,
        timestamper=_timestamper(timestamp),
        stamp_style=_static_style(block),
        new_field_spec=spec,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    if new_page:
        _add_signature_page(writer, data)
    _same_producer(writer)
    out = pdf_signer.sign_pdf(writer)
    return bytes(out.getvalue())
