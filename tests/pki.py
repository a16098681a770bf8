"""A test PKI made on the fly with cryptography: a root, an intermediate, therapists.

TEST KEY MATERIAL ONLY: nothing here is a real identity. The keys are generated per test
session (no private key is committed), except :data:`FIXTURE_ED25519_SEED`, the clearly
labelled fixed key of the test vector in ``docs/signing.md``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import attrs
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPrivateKeyTypes
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

#: TEST FIXTURE, NOT A SECRET: the Ed25519 seed of the test vector in docs/signing.md.
FIXTURE_ED25519_SEED = bytes(range(32))

#: When the test PKI's certificates start to be valid, and when the normal ones end.
VALID_FROM = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
VALID_UNTIL = dt.datetime(2031, 1, 1, tzinfo=dt.timezone.utc)


@attrs.frozen
class Party:
    """A key and its certificate."""

    key: CertificateIssuerPrivateKeyTypes
    certificate: x509.Certificate


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "soapnotes test PKI (not real)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _algorithm(key: CertificateIssuerPrivateKeyTypes) -> hashes.SHA256 | None:
    return None if isinstance(key, ed25519.Ed25519PrivateKey) else hashes.SHA256()


def certify(
    common_name: str,
    key: CertificateIssuerPrivateKeyTypes,
    issuer: Party | None,
    *,
    ca: bool,
    valid_from: dt.datetime = VALID_FROM,
    valid_until: dt.datetime = VALID_UNTIL,
    usage: x509.ObjectIdentifier = ExtendedKeyUsageOID.EMAIL_PROTECTION,
) -> Party:
    """A certificate for ``key`` issued by ``issuer`` (self-signed when None); an end
    entity's extended key usage is ``usage`` (critical for time stamping, RFC 3161 2.3)."""
    signer_key = key if issuer is None else issuer.key
    issuer_name = _name(common_name) if issuer is None else issuer.certificate.subject
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid_from)
        .not_valid_after(valid_until)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), False
        )
    if not ca:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([usage]),
            critical=usage == ExtendedKeyUsageOID.TIME_STAMPING,
        )
    return Party(key, builder.sign(signer_key, _algorithm(signer_key)))


@attrs.frozen
class Pki:
    """A root, an intermediate and the end entities the tests sign with."""

    root: Party
    intermediate: Party
    therapist: Party  # Ed25519, "Maren Albrecht", the examples' therapist
    therapist_p256: Party  # ECDSA P-256, the same name
    colleague: Party  # another signer of the same PKI
    expired: Party  # "Maren Albrecht" again, expired before the examples' sessions
    stranger_root: Party  # a root nobody trusts

    def chain(self, party: Party) -> tuple[x509.Certificate, ...]:
        """The intermediates ``party`` needs up to the root (the root not included)."""
        return (self.intermediate.certificate,)


@cache
def pki() -> Pki:
    """The session's test PKI (made once: key generation is the slow part)."""
    root = certify("Test Root CA", ec.generate_private_key(ec.SECP256R1()), None, ca=True)
    intermediate = certify(
        "Test Clinic CA", ec.generate_private_key(ec.SECP256R1()), root, ca=True
    )

    def leaf(name: str, key: CertificateIssuerPrivateKeyTypes, **kw: Any) -> Party:
        return certify(name, key, intermediate, ca=False, **kw)

    return Pki(
        root=root,
        intermediate=intermediate,
        therapist=leaf("Maren Albrecht", ed25519.Ed25519PrivateKey.generate()),
        therapist_p256=leaf("Maren Albrecht", ec.generate_private_key(ec.SECP256R1())),
        colleague=leaf("Jonas Weber", ed25519.Ed25519PrivateKey.generate()),
        expired=leaf(
            "Maren Albrecht",
            ed25519.Ed25519PrivateKey.generate(),
            valid_from=dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc),
            valid_until=dt.datetime(2021, 1, 1, tzinfo=dt.timezone.utc),
        ),
        stranger_root=certify(
            "Untrusted Root", ec.generate_private_key(ec.SECP256R1()), None, ca=True
        ),
    )


def fixture_party() -> Party:
    """TEST FIXTURE: the fixed Ed25519 key of docs/signing.md's vector, self-signed.

    Everything about the certificate is fixed (serial, dates, name) and Ed25519 signatures
    are deterministic, so the certificate and every JWS made with it are the same bytes on
    every run.
    """
    key = ed25519.Ed25519PrivateKey.from_private_bytes(FIXTURE_ED25519_SEED)
    name = _name("Maren Albrecht")
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(14)
        .not_valid_before(VALID_FROM)
        .not_valid_after(VALID_UNTIL)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, None)
    )
    return Party(key, certificate)
