"""Keyed signatures on the record and its addenda: making them, and checking them.

Each signed part (the record's signature block, each addendum) may carry a ``jws``
(``docs/signing.md``). Making one needs a key and its certificate; checking one needs only
the note (the certificate chain travels in the JWS header) and, to say who it is, the
caller's trust roots. Every problem is reported as a :class:`Mismatch` naming the part and
what about it failed; nothing here echoes record text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from soapnotes.errors import UsageError
from soapnotes.lifecycle._canonical import addendum_payload, canonical_bytes, signature_payload
from soapnotes.lifecycle._results import Mismatch

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

    from soapnotes.models.note import Note

__all__ = ["KeyedCheck", "check_keyed", "keyed_refusals", "make_jws"]


def _chain(
    certificate: x509.Certificate | None, chain: Sequence[x509.Certificate]
) -> tuple[x509.Certificate, ...]:
    if certificate is None:
        raise UsageError("signing with a key needs its certificate (certificate=...)")
    return (certificate, *chain)


def keyed_refusals(
    who: str,
    at: dt.datetime,
    key: PrivateKeyTypes | None,
    certificate: x509.Certificate | None,
    chain: Sequence[x509.Certificate],
) -> list[str]:
    """Why signing as ``who`` at ``at`` with this key and certificate is refused.

    Raises:
        UsageError: a certificate without a key, a key without a certificate, or a key that
            is not the certificate's (programming or setup mistakes, not refusals).
    """
    from soapnotes.lifecycle._keys import subject_name, validity_problem

    if key is None:
        if certificate is not None or chain:
            raise UsageError("a certificate was given without its key (key=...)")
        return []
    certificates = _chain(certificate, chain)
    reasons = []
    if subject_name(certificates[0]) != who.strip():
        reasons.append("the certificate's subject common name is not the signer's name")
    if at.tzinfo is not None and (problem := validity_problem(certificates, at)) is not None:
        reasons.append(problem)
    return reasons


def make_jws(
    payload: Mapping[str, Any],
    key: PrivateKeyTypes,
    certificate: x509.Certificate | None,
    chain: Sequence[x509.Certificate],
) -> str:
    """The compact detached JWS over ``payload``'s canonical JSON."""
    from soapnotes.lifecycle._jws import sign_payload

    fields = {name: value for name, value in payload.items() if name != "policy"}
    return sign_payload(canonical_bytes(payload), fields, key, _chain(certificate, chain))


@attrs.frozen(kw_only=True)
class KeyedCheck:
    """What the keyed checks found: the mismatches, and how far the signatures go.

    ``authenticated``: every part carries a JWS and each is valid with its certificate,
    which was valid at that part's time. ``trusted``: and each chains to a trust root.
    """

    mismatches: tuple[Mismatch, ...]
    authenticated: bool
    trusted: bool


@attrs.frozen(kw_only=True)
class _Part:
    name: str  # "signature" or "addendum [i]"
    who: str
    at: dt.datetime
    jws: str | None
    payload: dict[str, Any]


def _parts(note: Note) -> Iterator[_Part]:
    signature = note.signature
    assert signature is not None  # noqa: S101 - verify checks for a draft first
    yield _Part(
        name="signature",
        who=signature.signed_by,
        at=signature.signed_at,
        jws=signature.jws,
        payload=signature_payload(note),
    )
    previous = signature.content_sha256
    for index, a in enumerate(note.addenda):
        payload = addendum_payload(note, previous, a.author, a.written_at, a.reason, a.text)
        yield _Part(
            name=f"addendum [{index}]", who=a.author, at=a.written_at, jws=a.jws, payload=payload
        )
        previous = a.chain_sha256


def _changed_fields(header: Mapping[str, Any], payload: Mapping[str, Any]) -> list[str]:
    """The payload members whose digest in the (unauthenticated) header differs."""
    from soapnotes.lifecycle._jws import field_digests

    recorded = header.get("sn_fields")
    if not isinstance(recorded, dict):
        return []
    now = field_digests({k: v for k, v in payload.items() if k != "policy"})
    return sorted(name for name, digest in now.items() if recorded.get(name) != digest)


def _signature_mismatches(part: _Part, header: Mapping[str, Any]) -> list[Mismatch]:
    changed = _changed_fields(header, part.payload)
    if not changed:
        return [
            Mismatch(
                what=f"{part.name} key signature",
                message=(
                    "the JWS does not verify with its certificate's key: the JWS or its "
                    "certificate was replaced or altered"
                ),
            )
        ]
    return [
        Mismatch(
            what=f"{part.name} {name}",
            message="differs from what the key signed (located by the digests in the JWS header)",
        )
        for name in changed
    ]


def _check_part(
    part: _Part, trust: Sequence[x509.Certificate] | None
) -> tuple[list[Mismatch], bool]:
    """The part's mismatches, and whether it chained to a trust root."""
    from soapnotes.lifecycle._jws import parse_jws, verify_jws
    from soapnotes.lifecycle._keys import chain_problem, subject_name, validity_problem

    assert part.jws is not None  # noqa: S101 - the caller checks
    try:
        parsed = parse_jws(part.jws)
    except ValueError as exc:
        return [Mismatch(what=f"{part.name} key signature", message=f"unreadable: {exc}")], False
    out: list[Mismatch] = []
    if not verify_jws(parsed, canonical_bytes(part.payload)):
        out += _signature_mismatches(part, parsed.header)
    if subject_name(parsed.certificates[0]) != part.who.strip():
        out.append(
            Mismatch(
                what=f"{part.name} certificate",
                message="the certificate's subject common name is not the signer's name",
            )
        )
    if (problem := validity_problem(parsed.certificates, part.at)) is not None:
        out.append(Mismatch(what=f"{part.name} certificate", message=problem))
    if trust is None:
        return out, False
    if (problem := chain_problem(parsed.certificates, trust, part.at)) is not None:
        out.append(Mismatch(what=f"{part.name} chain", message=problem))
        return out, False
    return out, True


def check_keyed(note: Note, trust: Sequence[x509.Certificate] | None) -> KeyedCheck:
    """Check every part's JWS (and, with ``trust``, its chain) of a signed note."""
    mismatches: list[Mismatch] = []
    keyed = trusted = True
    for part in _parts(note):
        if part.jws is None:
            keyed = trusted = False
            if trust is not None:
                mismatches.append(
                    Mismatch(
                        what=f"{part.name} authentication",
                        message="signed without a key: intact at best, not authenticated",
                    )
                )
            continue
        found, chained = _check_part(part, trust)
        mismatches += found
        trusted = trusted and chained
    authenticated = keyed and not mismatches
    return KeyedCheck(
        mismatches=tuple(mismatches),
        authenticated=authenticated,
        trusted=authenticated and trusted and trust is not None,
    )
