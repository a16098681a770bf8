"""FHIR R4 documents: a note as a document Bundle, and the Bundle back as the note.

:func:`to_bundle` needs no library beyond soapnotes: the Bundle is plain JSON-ready data
(``json.dumps`` it). Its first entry is a Composition with the four SOAP sections, then the
Patient, Practitioner, Organization, Encounter, Procedure, Conditions, Observations, Consent
and, for a signed note, a Provenance carrying the signature. :func:`from_bundle` reads a
Bundle this library exported. Codes, mappings and what survives exactly: ``docs/fhir.md``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from soapnotes.errors import UsageError

if TYPE_CHECKING:
    from soapnotes.fhir._bundle import NoteType
    from soapnotes.models.note import Note

__all__ = ["NOTE_TYPES", "from_bundle", "to_bundle"]

#: The document types a clinic may choose: LOINC 11506-3 Progress note (the default) or
#: 11508-9 Physical therapy progress note.
NOTE_TYPES = ("progress", "physical_therapy")


def to_bundle(
    note: Note,
    *,
    note_type: NoteType = "progress",
    cpt: bool = False,
    timestamp: dt.datetime | None = None,
) -> dict[str, Any]:
    """The note as a FHIR R4 document Bundle (plain JSON-ready data).

    Args:
        note: the note to export.
        note_type: ``"progress"`` (LOINC 11506-3 Progress note) or ``"physical_therapy"``
            (11508-9 Physical therapy progress note).
        cpt: code the Procedure with CPT 97140 (manual therapy techniques) for US billing;
            otherwise it carries text only.
        timestamp: when the Bundle was assembled (an aware date-time); now when None.

    Raises:
        UsageError: an unknown ``note_type`` or a naive ``timestamp``.

    .. versionadded:: 0.2.0
    """
    from soapnotes.fhir._bundle import build_bundle

    if note_type not in NOTE_TYPES:
        raise UsageError(f"note_type must be one of: {', '.join(NOTE_TYPES)}")
    if timestamp is None:
        timestamp = dt.datetime.now(dt.timezone.utc)
    elif timestamp.utcoffset() is None:
        raise UsageError("timestamp must be an aware date-time (with a UTC offset)")
    return build_bundle(note, note_type=note_type, cpt=cpt, timestamp=timestamp)


def from_bundle(bundle: object) -> Note:
    """The note a Bundle exported by :func:`to_bundle` carries.

    Raises:
        InvalidRecord: the data is no soapnotes document Bundle, its note is invalid, or
            its resources no longer match the note (edited after export), each problem at
            its ``$.path`` in the Bundle.

    .. versionadded:: 0.2.0
    """
    from soapnotes.fhir._read import read_bundle

    return read_bundle(bundle)
