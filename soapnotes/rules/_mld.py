"""Helpers shared by the MLD-only families (drainage, order)."""

from __future__ import annotations

from collections.abc import Iterator

from soapnotes.models.note import Note
from soapnotes.models.session import NodeTarget, TreatedRegion
from soapnotes.models.vocabulary import Modality


def is_mld(note: Note) -> bool:
    """True when the session is manual lymphatic drainage (the only one that moves lymph)."""
    return note.session.modality is Modality.MANUAL_LYMPHATIC_DRAINAGE


def mld_treatment(note: Note) -> Iterator[tuple[int, TreatedRegion]]:
    """(index, region) of the treatment, in order, for an MLD session; nothing otherwise."""
    if is_mld(note):
        yield from enumerate(note.session.treatment)


def position(index: int, treated: TreatedRegion) -> str:
    """'left forearm (treatment[4])': a treated region and where it sits in the note."""
    return f"{treated.label.lower()} (treatment[{index}])"


def target_label(target: NodeTarget) -> str:
    """'left axillary nodes' (the label in lower case, for use mid-sentence)."""
    return target.label.lower()
