"""What :func:`soapnotes.verify` returns: each mismatch, and how far the signatures go."""

from __future__ import annotations

import attrs

__all__ = [
    "AUTHENTICATED",
    "INTACT_SIGNED",
    "INTACT_UNAUTHENTICATED",
    "NOT_VERIFIED",
    "Mismatch",
    "Verification",
]

#: The verdicts of :attr:`Verification.status`, from worst to best.
NOT_VERIFIED = "does not verify"
INTACT_UNAUTHENTICATED = "intact, not authenticated"
INTACT_SIGNED = "intact, key signature valid, certificate not checked against trust roots"
AUTHENTICATED = "intact and authenticated"


@attrs.frozen(kw_only=True)
class Mismatch:
    """One thing about a signed note that does not check out.

    Args:
        what: what it concerns: ``"signature"``, ``"content hash"``, ``"signature time"``,
            ``"addendum [2] chain hash"``, ``"addendum [2] time"``, ``"head hash"``; for keyed
            signatures (``docs/signing.md``) the part and the field or check:
            ``"signature signed_by"``, ``"signature key signature"``,
            ``"signature certificate"``, ``"signature chain"``,
            ``"addendum [1] text"``, ``"addendum [1] authentication"``, ...
        message: what was recorded and what was found instead (hashes and times, never the
            note's text).

    .. versionadded:: 0.1.0
    """

    what: str
    message: str

    def __str__(self) -> str:
        return f"{self.what}: {self.message}"


@attrs.frozen(kw_only=True)
class Verification:
    """What :func:`verify` found: ``ok`` when nothing is wrong, else each ``mismatches``.

    ``content_sha256`` is the hash the content has now; ``head_sha256`` the note's latest
    recorded hash (the last addendum's chain hash, or the signed content hash when there are
    none). Store the head elsewhere to detect the removal of trailing addenda later (pass it
    back as ``verify(note, head=...)``).

    ``authenticated`` is true when, besides ``ok``, the signature and every addendum carry a
    keyed signature (JWS) valid with its certificate, each certificate valid at its signing
    time; ``trusted`` when moreover each certificate chains to one of the trust roots given
    to :func:`verify`. A note signed without a key is at best ``ok`` and not authenticated:
    the hashes show it is unchanged, not who signed it. :attr:`status` says which in words.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``authenticated``, ``trusted``, ``status``.
    """

    content_sha256: str
    head_sha256: str | None
    mismatches: tuple[Mismatch, ...]
    authenticated: bool = False
    trusted: bool = False

    @property
    def status(self) -> str:
        """``"does not verify"``, ``"intact, not authenticated"``, ``"intact, key signature
        valid, certificate not checked against trust roots"`` or ``"intact and
        authenticated"`` (trusted)."""
        if self.mismatches:
            return NOT_VERIFIED
        if self.trusted:
            return AUTHENTICATED
        return INTACT_SIGNED if self.authenticated else INTACT_UNAUTHENTICATED

    @property
    def ok(self) -> bool:
        """True when the note is signed and every hash and time checks out."""
        return not self.mismatches
