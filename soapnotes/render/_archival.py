"""Archival PDFs: the rendered note turned into PDF/A-3b (with its record) or PDF/A-1b.

reportlab draws the pages (fonts embedded, no transparency); this module, with ``pikepdf``
(the ``archive`` extra, imported here only), adds what PDF/A asks for (ISO 19005-1 and -3):
an XMP metadata packet that says the same as the document information dictionary, the
``pdfaid`` identification, an sRGB output intent (the ICC v2 profile shipped in
``soapnotes/render/icc``), a trailer ``/ID``, no object or cross-reference streams; and, for
PDF/A-3b, the note's canonical JSON as an associated file (``/AF``, ``/AFRelationship
/Source``), the pattern of e-invoices (ZUGFeRD/Factur-X), so that programs can read the
record back (:func:`soapnotes.io.load` does). The same note always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from importlib import resources
from typing import TYPE_CHECKING, Literal
from xml.sax.saxutils import escape

from soapnotes.errors import UsageError
from soapnotes.io import to_dict
from soapnotes.io._pdf import ATTACHMENT_NAME
from soapnotes.lifecycle._canonical import canonical_bytes

if TYPE_CHECKING:
    import pikepdf

    from soapnotes.models.note import Note

__all__ = ["ArchivalLevel", "archival_level", "archival_pdf", "make_archival", "pdf_date"]

#: The PDF/A levels: 3b carries the record, 1b (for validators of PDF/A-1) does not.
ArchivalLevel = Literal["3b", "1b"]

_NEEDS_EXTRA = "archival PDFs need the archive extra: pip install 'soapnotes[archive]'"

_OUTPUT_CONDITION = "sRGB IEC61966-2.1"


def pdf_date(moment: dt.datetime) -> str:
    """A PDF date string (ISO 32000-1, 7.9.4) of an aware datetime: ``D:YYYYmmddHHMMSS+HH'MM'``."""
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{hours:02d}'{rest:02d}'"


def _xmp_date(moment: dt.datetime) -> str:
    """The same instant as :func:`pdf_date`, as XMP writes it (seconds, offset ``+HH:MM``)."""
    return moment.replace(microsecond=0).isoformat()


def _icc_profile() -> bytes:
    return resources.files("soapnotes.render").joinpath("icc/sRGB.icc").read_bytes()


def _xmp(info: dict[str, str], moment: dt.datetime, level: ArchivalLevel) -> bytes:
    """The XMP packet: every information-dictionary entry again, and the PDF/A part."""
    part, conformance = level[0], level[1].upper()
    when = _xmp_date(moment)
    title, author, subject = (escape(info[key]) for key in ("Title", "Author", "Subject"))
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>{part}</pdfaid:part>
<pdfaid:conformance>{conformance}</pdfaid:conformance>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreatorTool>{escape(info["Creator"])}</xmp:CreatorTool>
<xmp:CreateDate>{when}</xmp:CreateDate>
<xmp:ModifyDate>{when}</xmp:ModifyDate>
<xmp:MetadataDate>{when}</xmp:MetadataDate>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>{escape(info["Producer"])}</pdf:Producer>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return packet.encode("utf-8")


def _information(pdf: pikepdf.Pdf, moment: dt.datetime) -> dict[str, str]:
    """The information dictionary reduced to what the XMP repeats, with the note's time."""
    import pikepdf

    docinfo = pdf.docinfo
    info = {
        key: str(docinfo.get(f"/{key}", ""))
        for key in ("Title", "Author", "Subject", "Creator", "Producer")
    }
    date = pdf_date(moment)
    fresh = pikepdf.Dictionary(
        {f"/{key}": pikepdf.String(value) for key, value in info.items()}
        | {"/CreationDate": pikepdf.String(date), "/ModDate": pikepdf.String(date)}
    )
    pdf.trailer.Info = pdf.make_indirect(fresh)
    return info


def _output_intent(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    import pikepdf

    profile = pdf.make_stream(_icc_profile())
    profile.N = 3
    return pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String(_OUTPUT_CONDITION),
        Info=pikepdf.String(_OUTPUT_CONDITION),
        DestOutputProfile=profile,
    )


def _attach(pdf: pikepdf.Pdf, record: bytes, moment: dt.datetime) -> None:
    """The record as an associated file of the document (PDF/A-3, 6.8)."""
    import pikepdf

    date = pdf_date(moment)
    spec = pikepdf.AttachedFileSpec(
        pdf,
        record,
        description="The note's record: soapnotes canonical JSON (docs/archival.md)",
        filename=ATTACHMENT_NAME,
        mime_type="application/json",
        creation_date=date,
        mod_date=date,
        relationship=pikepdf.Name.Source,
    )
    pdf.attachments[ATTACHMENT_NAME] = spec
    pdf.Root.AF = pikepdf.Array([pdf.Root.Names.EmbeddedFiles.Names[1]])


def make_archival(
    data: bytes, *, level: ArchivalLevel, moment: dt.datetime, record: bytes | None
) -> bytes:
    """``data`` (a soapnotes PDF) as PDF/A-``level``; ``record`` attached for 3b.

    ``moment`` becomes the creation and modification date (the note's own time, so the same
    note gives the same bytes).

    Raises:
        UsageError: pikepdf is not installed (the ``archive`` extra).
    """
    try:
        import pikepdf
    except ImportError:
        raise UsageError(_NEEDS_EXTRA) from None
    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = _information(pdf, moment)
        metadata = pdf.make_stream(_xmp(info, moment, level))
        metadata.Type = pikepdf.Name.Metadata
        metadata.Subtype = pikepdf.Name.XML
        pdf.Root.Metadata = metadata
        pdf.Root.OutputIntents = pikepdf.Array([_output_intent(pdf)])
        if level == "3b" and record is not None:
            _attach(pdf, record, moment)
        out = io.BytesIO()
        pdf.save(
            out,
            min_version="1.4" if level == "1b" else "1.7",
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            compress_streams=True,
            deterministic_id=True,  # the trailer /ID PDF/A needs, from the content
        )
    return out.getvalue()


def archival_level(archival: object) -> ArchivalLevel | None:
    """The level ``render_note(archival=...)`` asks for: None for a plain PDF.

    Raises:
        UsageError: anything but True, False, ``"3b"`` and ``"1b"``.
    """
    if archival is False:
        return None
    if archival is True or archival == "3b":
        return "3b"
    if archival == "1b":
        return "1b"
    raise UsageError(f"archival must be True, False, '3b' or '1b', got {archival!r}")


def note_moment(note: Note) -> dt.datetime:
    """The note's latest time: its last addendum, its signature, or the session start."""
    if note.addenda:
        return note.addenda[-1].written_at
    if note.signature is not None:
        return note.signature.signed_at
    return note.session.start


def archival_pdf(note: Note, data: bytes, level: ArchivalLevel) -> bytes:
    """``data``, the rendered ``note``, as PDF/A at ``level`` (3b: with the record)."""
    record = canonical_bytes(to_dict(note)) if level == "3b" else None
    return make_archival(data, level=level, moment=note_moment(note), record=record)
