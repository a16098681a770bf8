"""The life of a note: a draft changes freely, :func:`sign` locks it, :func:`amend` appends
addenda, :func:`verify` proves that nothing changed since.

Signing stamps who, with what credential, when, and the SHA-256 of the note's content in
the canonical form of :func:`canonical_json` (documented exactly in ``docs/lifecycle.md`` so
that any implementation can recompute it). Each addendum carries a chain hash over its own
fields and the hash before it, so editing or removing one shows.

Records are plain frozen data: ``Note(...)``, ``attrs.evolve`` and :func:`soapnotes.load`
can all produce a signed note whose content no longer matches its hash. Nothing here
prevents that; :func:`verify` detects it, and :func:`amend` refuses to extend such a note.
Verify every signed note you load.

The hashes detect changes; they do not authenticate. Anyone holding the file can recompute
them. Signing with a key (``sign(..., key=, certificate=)``) adds a detached JWS over the
content hash and the signature block, its certificate chain in the header, so that
``verify(note, trust=roots)`` says who signed (``docs/signing.md``); without a key a note is
"intact, not authenticated".

Inside: ``_canonical`` (canonical JSON and the hashes), ``_verify`` (:func:`verify` and its
results), ``_sign`` (:func:`sign` and :func:`amend`, which use the rules and ``_verify``),
``_results`` (:class:`Verification`), ``_keyed`` (the keyed signatures of the record and its
addenda), ``_jws`` (compact detached JWS) and ``_keys`` (keys, certificates, chains).
"""

from __future__ import annotations

from soapnotes.lifecycle._canonical import canonical_json, content_hash
from soapnotes.lifecycle._keys import SigningKey, load_certificates, load_signing_key
from soapnotes.lifecycle._results import (
    AUTHENTICATED,
    INTACT_SIGNED,
    INTACT_UNAUTHENTICATED,
    NOT_VERIFIED,
)
from soapnotes.lifecycle._sign import amend, sign
from soapnotes.lifecycle._verify import Mismatch, Verification, head_hash, verify

__all__ = [
    "AUTHENTICATED",
    "INTACT_SIGNED",
    "INTACT_UNAUTHENTICATED",
    "NOT_VERIFIED",
    "Mismatch",
    "SigningKey",
    "Verification",
    "amend",
    "canonical_json",
    "content_hash",
    "head_hash",
    "load_certificates",
    "load_signing_key",
    "sign",
    "verify",
]
