"""Reading the record back from an archival PDF (``render_note(..., archival=True)``).

The PDF/A-3b note carries its record as an associated file (``/AF``, ``AFRelationship
/Source``, named ``note.json``): the canonical JSON of the whole note. ``pikepdf`` (the
``archive`` extra) is imported only here, when a ``.pdf`` is loaded.
"""

from __future__ import annotations

import io

from soapnotes.errors import InvalidRecord, Problem

__all__ = ["ATTACHMENT_NAME", "record_from_pdf"]

#: The file name of the record inside an archival PDF.
ATTACHMENT_NAME = "note.json"

#: The largest record read out of a PDF (the loaders' own limits apply to its content).
_MAX_RECORD_BYTES = 64 * 1024 * 1024


def _refuse(message: str, source: str | None) -> InvalidRecord:
    return InvalidRecord([Problem("$", message)], source=source)


def record_from_pdf(data: bytes, source: str | None = None) -> bytes:
    """The record (JSON bytes) an archival soapnotes PDF carries.

    Raises:
        InvalidRecord: pikepdf is missing, the file is not a readable PDF, or it carries no
            soapnotes record (a PDF rendered without ``archival=True``).
    """
    try:
        import pikepdf
    except ImportError:
        raise _refuse(
            "reading a note from a PDF needs the archive extra: pip install 'soapnotes[archive]'",
            source,
        ) from None
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except (pikepdf.PdfError, ValueError):
        raise _refuse("the file is not a readable PDF", source) from None
    with pdf:
        for spec in pdf.Root.get("/AF", pikepdf.Array()):
            if not isinstance(spec, pikepdf.Dictionary):
                continue
            name = str(spec.get("/UF", spec.get("/F", "")))
            if spec.get("/AFRelationship") != pikepdf.Name.Source or name != ATTACHMENT_NAME:
                continue
            stream = spec.get("/EF", pikepdf.Dictionary()).get("/F")
            if not isinstance(stream, pikepdf.Stream):
                break
            record = stream.read_bytes()
            if len(record) > _MAX_RECORD_BYTES:
                raise _refuse("the PDF's record is too large", source)
            return record
    raise _refuse(
        "the PDF carries no soapnotes record (render it with archival=True / --archival)",
        source,
    )
