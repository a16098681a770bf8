"""Verification: recompute a signed note's hashes and say exactly what does not match."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from soapnotes.lifecycle._canonical import chain_hash, content_hash
from soapnotes.lifecycle._keyed import check_keyed
from soapnotes.lifecycle._results import Mismatch, Verification
from soapnotes.models.note import Note, Signature

if TYPE_CHECKING:
    from cryptography import x509

__all__ = ["Mismatch", "Verification", "head_hash", "verify"]


def _short(digest: str) -> str:
    return digest[:12]


def _signature_mismatches(note: Note, signature: Signature, computed: str) -> Iterator[Mismatch]:
    """The content hash and the signing time."""
    if computed != signature.content_sha256:
        yield Mismatch(
            what="content hash",
            message=(
                f"signed as {_short(signature.content_sha256)}… but the content now "
                f"hashes to {_short(computed)}…: the note changed after signing"
            ),
        )
    if signature.signed_at < note.session.start:
        yield Mismatch(
            what="signature time",
            message=(
                f"signed at {signature.signed_at.isoformat()}, before the session start "
                f"{note.session.start.isoformat()}"
            ),
        )


def _addendum_mismatches(note: Note, signature: Signature) -> Iterator[Mismatch]:
    """Each addendum's chain hash and time, against the hash and time before it."""
    previous = signature.content_sha256
    previous_time = signature.signed_at
    for index, addendum in enumerate(note.addenda):
        expected = chain_hash(
            previous, addendum.author, addendum.written_at, addendum.reason, addendum.text
        )
        if expected != addendum.chain_sha256:
            yield Mismatch(
                what=f"addendum [{index}] chain hash",
                message=(
                    f"recorded {_short(addendum.chain_sha256)}… but its fields and the hash "
                    f"before it give {_short(expected)}…: this addendum or one before it "
                    "was edited, removed or reordered"
                ),
            )
        if addendum.written_at < previous_time:
            before = "the signature" if index == 0 else f"addendum [{index - 1}]"
            yield Mismatch(
                what=f"addendum [{index}] time",
                message=(
                    f"written at {addendum.written_at.isoformat()}, before {before} "
                    f"({previous_time.isoformat()})"
                ),
            )
        previous = addendum.chain_sha256
        previous_time = addendum.written_at


def _head_mismatch(note: Note, signature: Signature, head: str) -> Mismatch | None:
    recorded = {signature.content_sha256, *(a.chain_sha256 for a in note.addenda)}
    if head in recorded:
        return None
    return Mismatch(
        what="head hash",
        message=(
            f"no recorded hash is {_short(head)}…: addenda present when it was taken "
            "were removed, or this is another note"
        ),
    )


def head_hash(note: Note) -> str:
    """The hash that names this state of ``note``: what to keep and pass back as
    ``expected_head`` to :func:`~soapnotes.sign` or :func:`~soapnotes.amend`.

    A signed note's head is its latest recorded hash (the last addendum's chain hash, else
    the signature's content hash, as :attr:`Verification.head_sha256`); a draft's is its
    content hash now, so any edit to a draft changes it.

    .. versionadded:: 0.2.0
    """
    signature = note.signature
    if signature is None:
        return content_hash(note)
    return note.addenda[-1].chain_sha256 if note.addenda else signature.content_sha256


def verify(
    note: Note,
    *,
    trust: Sequence[x509.Certificate] | None = None,
    head: str | None = None,
) -> Verification:
    """Recompute a signed note's content hash and addendum chain; report every mismatch.

    Checks, each reported separately so the message says exactly what does not match:

    - the note is signed (a draft does not verify);
    - the content hashes to ``signature.content_sha256`` (else ``"content hash"``);
    - each addendum's chain hash matches its fields and the recorded hash before it (else
      ``"addendum [i] chain hash"``): an edited addendum fails, and so does the one after a
      removed or reordered addendum;
    - the signature is not before the session start, and each addendum is not before the
      signature or the addendum before it (``"signature time"``, ``"addendum [i] time"``);
    - when ``head`` is given, it is one of the note's recorded hashes (``"head hash"``): the
      note may have grown since the head was taken, but nothing it had then is gone. This is
      how to notice that trailing addenda were removed, which no chain can show by itself;
    - each keyed signature (``jws`` of the signature and of each addendum,
      ``docs/signing.md``): valid over the signed fields with the certificate it carries
      (else the changed field is named, e.g. ``"signature signed_at"``,
      ``"addendum [0] text"``, or ``"... key signature"``), the certificate's subject common
      name is the signer's name and every certificate of its chain was valid at the signing
      time (``"... certificate"``);
    - with ``trust``: each certificate chains to one of those roots at its signing time
      (``"... chain"``), and a part signed without a key is a mismatch
      (``"... authentication"``): the caller asked for authenticated signatures.

    Args:
        note: any note; typically one just loaded from a file.
        trust: trust roots (X.509 certificates, e.g. from
            :func:`soapnotes.lifecycle.load_certificates`), or None to check the keyed
            signatures without saying whom they belong to.
        head: a head hash stored earlier (:attr:`Verification.head_sha256`), or None.

    Raises:
        UsageError: see :func:`canonical_json`.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 keyed signatures and ``trust``.
    """
    computed = content_hash(note)
    signature = note.signature
    if signature is None:
        unsigned = Mismatch(what="signature", message="the note is a draft: it is not signed")
        return Verification(content_sha256=computed, head_sha256=None, mismatches=(unsigned,))
    mismatches = [
        *_signature_mismatches(note, signature, computed),
        *_addendum_mismatches(note, signature),
    ]
    if head is not None and (stale := _head_mismatch(note, signature, head)) is not None:
        mismatches.append(stale)
    keyed = check_keyed(note, trust)
    mismatches += keyed.mismatches
    latest = note.addenda[-1].chain_sha256 if note.addenda else signature.content_sha256
    return Verification(
        content_sha256=computed,
        head_sha256=latest,
        mismatches=tuple(mismatches),
        authenticated=keyed.authenticated and not mismatches,
        trusted=keyed.trusted and not mismatches,
    )
