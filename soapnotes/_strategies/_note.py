"""The note: practice, therapist, signature and addenda, and whole notes that validate."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from soapnotes._strategies._base import (
    _OFFSETS,
    SearchStrategy,
    _cached,
    _drawn,
    _maybe,
    _sha256,
    _starts,
)
from soapnotes._strategies._client import clients
from soapnotes._strategies._session import sessions
from soapnotes._strategies._text import _CREDENTIALS, _names, _text, _TextOptions
from soapnotes.models.note import Addendum, Note, Practice, Signature, Therapist
from soapnotes.models.vocabulary import Modality


@_cached
def practices(*, any_unicode: bool = False, long_text: bool = False) -> SearchStrategy[Practice]:
    """A practice with a name and, optionally, an address, phone and email.

    .. versionadded:: 0.1.0
    """
    text = _text(any_unicode=any_unicode, long_text=long_text)
    return st.builds(
        Practice,
        name=_names(
            ("Harbourside Lymphatic Therapy", "Clinique Lymphé", "Ōkubo Massage"),
            any_unicode=any_unicode,
            long_text=long_text,
        ),
        address=_maybe(st.sampled_from(("12 Quay Street\nHalifax, NS B3J 1A1",)) | text),
        phone=_maybe(
            st.from_regex(r"\+[1-9][0-9]{0,2} [0-9]{3} [0-9]{3} [0-9]{4}", fullmatch=True)
        ),
        email=_maybe(st.emails()),
    )


@_cached
def therapists(*, any_unicode: bool = False, long_text: bool = False) -> SearchStrategy[Therapist]:
    """A therapist with a name, up to three credentials and an optional licence number.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        Therapist,
        name=_names(
            ("Maren Albrecht", "Sam Okafor", "Inès Dubois"),
            any_unicode=any_unicode,
            long_text=long_text,
        ),
        credentials=st.lists(st.sampled_from(_CREDENTIALS), max_size=3, unique=True).map(tuple),
        licence_number=_maybe(st.from_regex(r"[A-Z]{2}-RMT-[0-9]{3,6}", fullmatch=True)),
    )


@_cached
def signatures(
    *, after: dt.datetime | None = None, signed_by: str | None = None
) -> SearchStrategy[Signature]:
    """A signature dated after ``after`` (the end of the session), within a week.

    Its content hash is random: to get one that verifies, sign a note with
    :func:`soapnotes.lifecycle.sign` (as :func:`notes` does).

    .. versionadded:: 0.1.0
    """

    def build(draw: st.DrawFn) -> Signature:
        begins = after or draw(_starts())
        later = begins + dt.timedelta(minutes=draw(st.integers(0, 7 * 24 * 60)))
        return Signature(
            signed_by=signed_by or draw(st.sampled_from(("Maren Albrecht", "Sam Okafor"))),
            credential=draw(st.sampled_from(_CREDENTIALS)),
            signed_at=later.astimezone(draw(_OFFSETS)),
            content_sha256=draw(_sha256()),
        )

    return _drawn(build)


@_cached
def addenda(
    *, after: dt.datetime | None = None, any_unicode: bool = False, long_text: bool = False
) -> SearchStrategy[Addendum]:
    """A correction written after ``after`` (the signature), with its reason and text.

    Its chain hash is random; :func:`notes` adds addenda with :func:`soapnotes.lifecycle.amend`.

    .. versionadded:: 0.1.0
    """
    text = _text(any_unicode=any_unicode, long_text=long_text)

    def build(draw: st.DrawFn) -> Addendum:
        begins = after or draw(_starts())
        return Addendum(
            author=draw(st.sampled_from(("Maren Albrecht", "Sam Okafor"))),
            written_at=begins + dt.timedelta(minutes=draw(st.integers(1, 60 * 24 * 30))),
            reason=draw(st.sampled_from(("Late entry", "Corrected pain score"))),
            text=draw(text),
            chain_sha256=draw(_sha256()),
        )

    return _drawn(build)


def _signed(draw: st.DrawFn, note: Note, texts: _TextOptions) -> Note:
    """``note`` signed after its session, then amended zero to two times, through the
    lifecycle, so the content hash and the addendum chain verify."""
    from soapnotes.lifecycle import amend, sign  # the lifecycle is what stamps the hashes

    session = note.session
    ended = session.start + dt.timedelta(minutes=session.duration_minutes)
    drawn = draw(signatures(after=ended, signed_by=note.therapist.name))
    at = drawn.signed_at
    note = sign(note, drawn.signed_by, drawn.credential, at, now=at)
    for _ in range(draw(st.integers(0, 2))):
        addendum = draw(addenda(after=at, **texts))
        at = addendum.written_at
        note = amend(note, addendum.author, at, addendum.reason, addendum.text, now=at)
    return note


@_cached
def notes(
    *,
    removed_nodes: bool = False,
    cleared_relative: bool = False,
    bilateral_edema: bool = False,
    many_regions: bool = False,
    long_text: bool = False,
    any_unicode: bool = False,
    signed: bool | None = None,
    modality: Modality | None = None,
    schema_2: bool | None = None,
) -> SearchStrategy[Note]:
    """Whole notes that :func:`soapnotes.rules.validate` finds no error in.

    The client is screened (every seed question answered) and consented before the session;
    the session is in the past, after the client's birth; the treatment follows the MLD order
    of Zuther 2017 and Wittlinger 2019 toward working node groups (Földi 2012). Signed notes
    are signed (and amended) with :func:`soapnotes.lifecycle.sign` and
    :func:`~soapnotes.lifecycle.amend`, so :func:`~soapnotes.lifecycle.verify` finds their
    hashes in order.

    Args:
        removed_nodes: the client has at least one removed or irradiated axillary or inguinal
            node group; limbs that drained there are rerouted (axillo-axillary,
            axillo-inguinal, ...).
        cleared_relative: at least one relative contraindication is answered yes and carries a
            clearance (who, role, date on or before the session).
        bilateral_edema: at least one limb has swelling on both sides, both measured.
        many_regions: two to four limbs, every segment, both passes (10-40 regions).
        long_text: free text may be 500-5000 characters long.
        any_unicode: names and free text drawn from the whole of Unicode, surrogates excluded.
        signed: True for signed notes only (with addenda sometimes), False for drafts only,
            None for either.
        modality: fix the massage given; by default MLD about half the time.
        schema_2: the records and fields schema 2 added (intake, arterial checks,
            prescription, compression, weight, device volumes, L-Dex, outcomes, goals, a
            red-flag check): always with True, never with False (what a migrated version-1
            note holds), either with None.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``schema_2``.
    """
    texts: _TextOptions = {"any_unicode": any_unicode, "long_text": long_text}

    def build(draw: st.DrawFn) -> Note:
        begins = draw(_starts())
        client = draw(
            clients(
                session_date=begins.date(),
                removed_nodes=removed_nodes,
                cleared_relative=cleared_relative,
                bilateral_edema=bilateral_edema,
                schema_2=schema_2,
                **texts,
            )
        )
        session = draw(
            sessions(
                client=client,
                start=begins,
                modality=modality,
                many_regions=many_regions,
                schema_2=schema_2,
                **texts,
            )
        )
        note = Note(
            practice=draw(practices(**texts)),
            therapist=draw(therapists(**texts)),
            client=client,
            session=session,
        )
        is_signed = draw(st.booleans()) if signed is None else signed
        return _signed(draw, note, texts) if is_signed else note

    return _drawn(build)
