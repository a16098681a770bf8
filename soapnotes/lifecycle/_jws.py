"""Keyed signatures: compact JWS with a detached payload (RFC 7515, appendix F).

The payload is the canonical JSON (``docs/signing.md``) of what is signed: for the record,
the content hash and the signature block; for an addendum, its chain object and the hash of
the record's signed block. It is not stored: a verifier rebuilds it from the note, so the
JWS is ``BASE64URL(header) + ".." + BASE64URL(signature)``. The signing input is the plain
RFC 7515 one, ``BASE64URL(header) "." BASE64URL(payload)`` (no ``b64: false``, so any JOSE
library verifies it by putting the payload back).

``cryptography`` is imported inside the functions: ``import soapnotes`` stays light and a
note signed without a key needs no optional library.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from soapnotes.errors import UsageError
from soapnotes.lifecycle._canonical import canonical_bytes

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

__all__ = ["JwsHeader", "b64url", "field_digests", "parse_jws", "sign_payload", "verify_jws"]

#: The media type in the header's ``typ``: what a JOSE library is looking at.
JWS_TYPE = "soapnotes-signature+jws"

#: The two algorithms: Ed25519 (RFC 8037) and ECDSA P-256 with SHA-256 (RFC 7518, 3.4).
ALGORITHMS = ("EdDSA", "ES256")


def b64url(data: bytes) -> str:
    """Base64url without padding (RFC 7515, section 2)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64url(text: str) -> bytes:
    if not text or set(text) - set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    ):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def field_digests(fields: Mapping[str, Any]) -> dict[str, str]:
    """Per signed field, the first 12 base64url characters of SHA-256 over its canonical JSON.

    Carried in the protected header (``sn_fields``) only so that a failed check can name the
    field that changed; the signature itself is over the whole payload.
    """
    return {
        name: b64url(hashlib.sha256(canonical_bytes({"v": value})).digest())[:12]
        for name, value in fields.items()
    }


@attrs.frozen(kw_only=True)
class JwsHeader:
    """A parsed JWS: its protected header, the certificates of ``x5c`` and the raw parts."""

    header: dict[str, Any]
    certificates: tuple[x509.Certificate, ...]
    encoded_header: str
    signature: bytes


def _algorithm(key: PrivateKeyTypes) -> str:
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519

    if isinstance(key, ed25519.Ed25519PrivateKey):
        return "EdDSA"
    if isinstance(key, ec.EllipticCurvePrivateKey) and isinstance(key.curve, ec.SECP256R1):
        return "ES256"
    raise UsageError(f"the signing key must be Ed25519 or ECDSA P-256, got {type(key).__name__}")


def _same_public_key(key: PrivateKeyTypes, certificate: x509.Certificate) -> bool:
    from cryptography.hazmat.primitives import serialization

    raw = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    return key.public_key().public_bytes(*raw) == certificate.public_key().public_bytes(*raw)


def sign_payload(
    payload: bytes,
    fields: Mapping[str, Any],
    key: PrivateKeyTypes,
    chain: Sequence[x509.Certificate],
) -> str:
    """The compact detached JWS of ``payload``: ``header..signature``.

    ``chain`` starts with the signer's certificate (whose public key must be ``key``'s) and
    goes on towards the root; it becomes ``x5c`` (RFC 7515, 4.1.6).
    """
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, utils

    alg = _algorithm(key)
    if not chain or not _same_public_key(key, chain[0]):
        raise UsageError("the certificate is not the signing key's: its public key differs")
    header = {
        "alg": alg,
        "typ": JWS_TYPE,
        "x5c": [
            base64.b64encode(c.public_bytes(serialization.Encoding.DER)).decode() for c in chain
        ],
        "sn_fields": field_digests(fields),
    }
    encoded_header = b64url(canonical_bytes(header))
    signing_input = f"{encoded_header}.{b64url(payload)}".encode("ascii")
    if isinstance(key, ec.EllipticCurvePrivateKey):
        # JWS wants R || S, 32 bytes each (RFC 7518, 3.4), not cryptography's DER.
        r, s = utils.decode_dss_signature(key.sign(signing_input, ec.ECDSA(hashes.SHA256())))
        signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    elif isinstance(key, ed25519.Ed25519PrivateKey):
        signature = key.sign(signing_input)
    else:  # pragma: no cover - _algorithm refused it
        raise UsageError("the signing key must be Ed25519 or ECDSA P-256")
    return f"{encoded_header}..{b64url(signature)}"


def parse_jws(jws: str) -> JwsHeader:
    """Split and decode a compact detached JWS; ValueError when it is not one."""
    from cryptography import x509

    parts = jws.split(".")
    if len(parts) != 3 or parts[1]:
        raise ValueError("not a compact JWS with a detached payload (header..signature)")
    header = json.loads(_unb64url(parts[0]))
    if not isinstance(header, dict) or header.get("alg") not in ALGORITHMS:
        raise ValueError("the header's alg is not EdDSA or ES256")
    encoded = header.get("x5c")
    if (
        not isinstance(encoded, list)
        or not encoded
        or not all(isinstance(c, str) for c in encoded)
    ):
        raise ValueError("the header has no x5c certificate chain")
    certificates = tuple(x509.load_der_x509_certificate(base64.b64decode(c)) for c in encoded)
    return JwsHeader(
        header=header,
        certificates=certificates,
        encoded_header=parts[0],
        signature=_unb64url(parts[2]),
    )


def verify_jws(parsed: JwsHeader, payload: bytes) -> bool:
    """True when ``parsed``'s signature is valid over ``payload`` with its own certificate."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, utils

    signing_input = f"{parsed.encoded_header}.{b64url(payload)}".encode("ascii")
    public = parsed.certificates[0].public_key()
    try:
        if parsed.header["alg"] == "EdDSA" and isinstance(public, ed25519.Ed25519PublicKey):
            public.verify(parsed.signature, signing_input)
            return True
        if (
            parsed.header["alg"] == "ES256"
            and isinstance(public, ec.EllipticCurvePublicKey)
            and isinstance(public.curve, ec.SECP256R1)
            and len(parsed.signature) == 64
        ):
            r = int.from_bytes(parsed.signature[:32], "big")
            s = int.from_bytes(parsed.signature[32:], "big")
            der = utils.encode_dss_signature(r, s)
            public.verify(der, signing_input, ec.ECDSA(hashes.SHA256()))
            return True
    except InvalidSignature:
        return False
    return False
