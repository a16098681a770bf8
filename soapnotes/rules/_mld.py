"""Helpers shared by the MLD-only families (drainage, order)."""

from __future__ import annotations

from collections.abc import Iterator

from soapnotes.i18n._active import gettext_noop
from soapnotes.models.note import Note
from soapnotes.models.session import TreatedRegion
from soapnotes.models.vocabulary import Modality


def is_mld(note: Note) -> bool:
    """True when the session is manual lymphatic drainage (the only one that moves lymph)."""
    return note.session.modality is Modality.MANUAL_LYMPHATIC_DRAINAGE


def mld_treatment(note: Note) -> Iterator[tuple[int, TreatedRegion]]:
    """(index, region) of the treatment, in order, for an MLD session; nothing otherwise."""
    if is_mld(note):
        yield from enumerate(note.session.treatment)


#: The item template of a list of node groups mid-sentence ('left axillary nodes'): a message
#: id, since German keeps its nouns' capitals.
LOWER = gettext_noop("{term!l}")
