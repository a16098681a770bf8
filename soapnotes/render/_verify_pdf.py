"""``verify_pdf``: whether a signed archival note proves itself, check by check.

Three checks, each with its own verdict (:class:`PdfCheck`):

- ``pdf signature``: every PAdES signature, by pyHanko's validator with the trust roots
  given; the last one must cover the whole file (nothing appended after signing).
- ``record signature``: the embedded record (``note.json``) verified by
  :func:`soapnotes.lifecycle.verify` with the same roots.
- ``pages match record``: the record rendered again (the renderer is deterministic) gives
  the same pages as the signed PDF: page count, page boxes, and every page's content
  stream and everything its resources reach (fonts, images), byte for byte after
  decoding. The signature widget is an annotation, outside the page content.

Messages name checks, hashes and page numbers, never the record's text.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from soapnotes.errors import InvalidRecord, SoapnotesError, UsageError

if TYPE_CHECKING:
    from cryptography import x509

    from soapnotes.models.note import Note
    from soapnotes.render._archival import ArchivalLevel
    from soapnotes.render.options import RenderOptions

__all__ = ["PdfCheck", "PdfVerification", "verify_pdf"]

_NEEDS_EXTRA = "verifying a signed PDF needs the sign and archive extras"


@attrs.frozen(kw_only=True)
class PdfCheck:
    """One check of :func:`verify_pdf`.

    Args:
        name: ``"pdf signature"``, ``"record signature"`` or ``"pages match record"``.
        ok: whether it passed.
        verdict: the verdict in capitals (``"INTACT, TRUSTED"``, ``"INVALID"``,
            ``"INTACT, NOT TRUSTED"``, ``"MATCH"``, ``"MISMATCH"``, ...).
        details: why, one line each (hashes, page numbers, certificate names).

    .. versionadded:: 0.3.0
    """

    name: str
    ok: bool
    verdict: str
    details: tuple[str, ...] = ()

    def __str__(self) -> str:
        tail = f" ({'; '.join(self.details)})" if self.details else ""
        return f"{self.name}: {self.verdict}{tail}"


@attrs.frozen(kw_only=True)
class PdfVerification:
    """What :func:`verify_pdf` found: one :class:`PdfCheck` per check, ``ok`` when all pass.

    .. versionadded:: 0.3.0
    """

    checks: tuple[PdfCheck, ...]

    @property
    def ok(self) -> bool:
        """True when every check passed."""
        return all(check.ok for check in self.checks)


def _signature_check(data: bytes, trust: Sequence[x509.Certificate]) -> PdfCheck:
    from asn1crypto import x509 as asn1
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    name = "pdf signature"
    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception:  # pyHanko raises several kinds for a broken file
        return PdfCheck(name=name, ok=False, verdict="INVALID", details=("unreadable PDF",))
    if not signatures:
        return PdfCheck(name=name, ok=False, verdict="NOT SIGNED")
    roots = [asn1.Certificate.load(c.public_bytes(Encoding.DER)) for c in trust]
    details, intact, trusted = [], True, bool(roots)
    for index, signature in enumerate(signatures):
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        try:
            status = validate_pdf_signature(signature, context)
        except Exception as exc:  # a malformed signature dictionary or CMS object
            details.append(f"[{index}] cannot be validated ({type(exc).__name__})")
            intact = False
            continue
        who = status.signing_cert.subject.human_friendly if status.signing_cert else "?"
        whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        intact &= bool(status.intact and status.valid) and (whole or index < len(signatures) - 1)
        trusted &= bool(status.trusted)
        state = "intact" if status.intact and status.valid else "does not match the file"
        if not whole and index == len(signatures) - 1:
            state += ", the file was changed after it"
        details.append(
            f"[{index}] {who}: {state}, {'trusted' if status.trusted else 'not trusted'}"
        )
    if not roots:
        details.append("no trust roots given")
    if not intact:
        return PdfCheck(name=name, ok=False, verdict="INVALID", details=tuple(details))
    verdict = "INTACT, TRUSTED" if trusted else "INTACT, NOT TRUSTED"
    return PdfCheck(name=name, ok=trusted, verdict=verdict, details=tuple(details))


def _record_check(note: Note, trust: Sequence[x509.Certificate]) -> PdfCheck:
    from soapnotes.lifecycle import AUTHENTICATED, verify

    result = verify(note, trust=list(trust) or None)
    details = tuple(str(m) for m in result.mismatches) or (result.status,)
    if not result.ok:
        return PdfCheck(name="record signature", ok=False, verdict="INVALID", details=details)
    trusted = result.status == AUTHENTICATED
    verdict = "INTACT, TRUSTED" if trusted else "INTACT, NOT TRUSTED"
    if not trust:
        details = (*details, "no trust roots given")
    return PdfCheck(name="record signature", ok=trusted, verdict=verdict, details=details)


def _digest(value: Any, seen: set[tuple[int, int]], depth: int = 0) -> Iterator[bytes]:
    """Every name, number, string and decoded stream ``value`` reaches, in a fixed order."""
    import pikepdf

    if depth > 24 or not isinstance(value, pikepdf.Object):
        yield repr(value).encode()
        return
    if value.is_indirect:
        if value.objgen in seen:
            yield b"<seen>"
            return
        seen.add(value.objgen)
    if isinstance(value, pikepdf.Stream):
        yield hashlib.sha256(value.read_bytes()).digest()
    if isinstance(value, (pikepdf.Dictionary, pikepdf.Stream)):
        for key in sorted(value.keys()):
            if key in ("/Length", "/Filter", "/DecodeParms", "/Parent"):
                continue
            yield key.encode()
            yield from _digest(value[key], seen, depth + 1)
    elif isinstance(value, pikepdf.Array):
        for item in value:
            yield from _digest(item, seen, depth + 1)
    else:
        yield repr(value).encode()


def _signature_page(page: Any) -> bool:
    """Whether ``page`` is the signature page :func:`sign_pdf` adds: marked, drawing nothing."""
    import pikepdf

    from soapnotes.render._pades import SIGNATURE_PAGE

    if page.obj.get(SIGNATURE_PAGE) is not True:
        return False
    contents = page.obj.get("/Contents")
    return isinstance(contents, pikepdf.Stream) and not contents.read_bytes()


def page_fingerprints(data: bytes, *, signed: bool = False) -> list[str]:
    """A hash per page of what it shows: its boxes, its content streams (decoded) and every
    value and stream its resources reach (fonts, images, graphics states). Of a ``signed``
    PDF, without a signature page :func:`sign_pdf` added last (it shows only the block)."""
    import pikepdf

    prints = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = list(pdf.pages)
        if signed and pages and _signature_page(pages[-1]):
            pages.pop()
        for page in pages:
            digest = hashlib.sha256(repr([list(page.mediabox), list(page.cropbox)]).encode())
            contents = page.obj.get("/Contents")
            streams = contents if isinstance(contents, pikepdf.Array) else [contents]
            for stream in streams:
                if isinstance(stream, pikepdf.Stream):
                    digest.update(stream.read_bytes())
            for chunk in _digest(page.obj.get("/Resources", pikepdf.Dictionary()), set()):
                digest.update(chunk)
            prints.append(digest.hexdigest())
    return prints


def _options_of(data: bytes) -> RenderOptions:
    """The options the pages say they were rendered with: page size and locale (``/Lang``)."""
    import pikepdf

    from soapnotes.render.options import PageSize, RenderOptions

    with pikepdf.open(io.BytesIO(data)) as pdf:
        width, height = (float(v) for v in list(pdf.pages[0].mediabox)[2:])
        language = str(pdf.Root.get("/Lang", "en"))
    size = min(PageSize, key=lambda s: abs(s.points[0] - width) + abs(s.points[1] - height))
    try:
        return RenderOptions(page_size=size, locale=language.replace("-", "_"))
    except UsageError:
        return RenderOptions(page_size=size)


def _pages_check(note: Note, data: bytes, options: RenderOptions | None) -> PdfCheck:
    from soapnotes.render.note import render_note_bytes
    from soapnotes.rules import validate

    name = "pages match record"
    options = options or _options_of(data)
    level: ArchivalLevel = "1b" if b"<pdfaid:part>1</pdfaid:part>" in data else "3b"
    signed = page_fingerprints(data, signed=True)
    tried = []
    for findings in (validate(note), None):  # as `soapnotes render` does, or render_note
        fresh = page_fingerprints(
            render_note_bytes(note, options=options, findings=findings, archival=level)
        )
        if fresh == signed:
            return PdfCheck(name=name, ok=True, verdict="MATCH", details=(f"{len(signed)} pages",))
        tried.append(fresh)
    fresh = tried[0]
    if len(fresh) != len(signed):
        detail = f"the record renders to {len(fresh)} pages, the PDF has {len(signed)}"
    else:
        differing = [
            str(i + 1) for i, (a, b) in enumerate(zip(fresh, signed, strict=True)) if a != b
        ]
        detail = f"page {', '.join(differing)} differ from the record rendered again"
    return PdfCheck(name=name, ok=False, verdict="MISMATCH", details=(detail,))


def verify_pdf(
    source: bytes | str | os.PathLike[str],
    *,
    trust: Sequence[x509.Certificate] | None = None,
    options: RenderOptions | None = None,
) -> PdfVerification:
    """Check a signed archival note: its PAdES signature, its record's signature, and that
    its pages are the record's (``docs/signing.md``, "Verifying a signed PDF").

    Args:
        source: the PDF's bytes or path.
        trust: the trust roots both signatures must chain to; without them the signatures
            can be intact at best, never trusted, and the checks fail.
        options: the options the note was rendered with (default: A4 or Letter from the
            page size, the locale from the PDF's ``/Lang``, everything else default).

    Raises:
        UsageError: pyHanko or pikepdf is missing.

    .. versionadded:: 0.3.0
    """
    try:
        import pikepdf  # noqa: F401
        import pyhanko  # noqa: F401
    except ImportError:
        raise UsageError(_NEEDS_EXTRA) from None
    from soapnotes.io import loads
    from soapnotes.io._pdf import record_from_pdf
    from soapnotes.render._pades import quiet_pyhanko

    quiet_pyhanko()
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    roots = list(trust or ())
    checks = [_signature_check(data, roots)]
    try:
        record = record_from_pdf(data)
    except InvalidRecord as exc:  # its reasons are fixed sentences, never record text
        return _no_record(checks, exc.problems[0].message)
    try:
        note = loads(record, "json")
    except InvalidRecord as exc:  # a record's problems may quote it: only their count
        return _no_record(checks, f"the record does not load ({len(exc.problems)} problems)")
    checks.append(_record_check(note, roots))
    try:
        checks.append(_pages_check(note, data, options))
    except SoapnotesError as exc:
        checks.append(
            PdfCheck(
                name="pages match record",
                ok=False,
                verdict="NOT CHECKED",
                details=(type(exc).__name__,),
            )
        )
    return PdfVerification(checks=tuple(checks))


def _no_record(checks: list[PdfCheck], reason: str) -> PdfVerification:
    """The verification of a PDF whose record is missing or does not load."""
    checks.append(
        PdfCheck(name="record signature", ok=False, verdict="NO RECORD", details=(reason,))
    )
    checks.append(
        PdfCheck(
            name="pages match record", ok=False, verdict="NOT CHECKED", details=("no record",)
        )
    )
    return PdfVerification(checks=tuple(checks))
