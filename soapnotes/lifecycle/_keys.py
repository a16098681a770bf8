"""Signing keys, certificates and trust roots from files, and the checks on certificates.

A key comes from a PEM file (the key, optionally followed by its certificate chain) or a
PKCS#12 file (``.p12``/``.pfx``: key, certificate and chain in one). The passphrase is the
caller's to supply (the CLI reads an environment variable or prompts); it never comes from a
record. ``cryptography`` is imported inside the functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from soapnotes.errors import UsageError

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

__all__ = [
    "SigningKey",
    "chain_problem",
    "load_certificates",
    "load_signing_key",
    "subject_name",
    "validity_problem",
]

_PKCS12_SUFFIXES = (".p12", ".pfx")


class PassphraseNeeded(UsageError):
    """The key file is encrypted and no (or a wrong) passphrase was given."""


@attrs.frozen(kw_only=True)
class SigningKey:
    """A private key with its certificate and the intermediates up to (not incl.) the root.

    .. versionadded:: 0.2.0
    """

    key: PrivateKeyTypes
    certificate: x509.Certificate | None = None
    chain: tuple[x509.Certificate, ...] = ()


def _pem_certificates(data: bytes) -> tuple[x509.Certificate, ...]:
    from cryptography import x509

    if b"-----BEGIN CERTIFICATE-----" not in data:
        return ()
    return tuple(x509.load_pem_x509_certificates(data))


def load_certificates(path: str | Path) -> tuple[x509.Certificate, ...]:
    """Every certificate in a PEM file (a bundle) or one DER certificate.

    Raises:
        UsageError: the file holds no certificate.

    .. versionadded:: 0.2.0
    """
    from cryptography import x509

    data = Path(path).read_bytes()
    try:
        certificates = _pem_certificates(data) or (x509.load_der_x509_certificate(data),)
    except ValueError:
        raise UsageError(f"{path}: holds no X.509 certificate (PEM or DER)") from None
    return certificates


def _load_pkcs12(data: bytes, passphrase: bytes | None, path: str | Path) -> SigningKey:
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        key, certificate, extra = pkcs12.load_key_and_certificates(data, passphrase)
    except ValueError:
        raise PassphraseNeeded(
            f"{path}: cannot open the PKCS#12 file: a passphrase is needed or it is wrong"
        ) from None
    if key is None:
        raise UsageError(f"{path}: the PKCS#12 file holds no private key")
    return SigningKey(key=key, certificate=certificate, chain=tuple(extra))


def load_signing_key(path: str | Path, passphrase: bytes | None = None) -> SigningKey:
    """The private key (and any certificates) in a PEM or PKCS#12 file.

    A PEM file may hold the key and then its certificate and chain (signer first); the
    certificate may also come from its own file (``--cert``). PKCS#12 is recognised by the
    ``.p12``/``.pfx`` suffix.

    Args:
        path: the key file.
        passphrase: for an encrypted key; from an environment variable or a prompt, never
            from the command line or a record.

    Raises:
        UsageError: the file is not a key, or it is encrypted and the passphrase is missing
            or wrong (:class:`PassphraseNeeded`, a subclass).

    .. versionadded:: 0.2.0
    """
    from cryptography.hazmat.primitives import serialization

    data = Path(path).read_bytes()
    if Path(path).suffix.lower() in _PKCS12_SUFFIXES:
        return _load_pkcs12(data, passphrase, path)
    try:
        key = serialization.load_pem_private_key(data, passphrase)
    except TypeError:  # encrypted and no passphrase, or a passphrase for a plain key
        raise PassphraseNeeded(f"{path}: the key is encrypted: a passphrase is needed") from None
    except ValueError:
        if b"ENCRYPTED" in data:
            raise PassphraseNeeded(f"{path}: the passphrase is wrong") from None
        raise UsageError(f"{path}: holds no PEM private key") from None
    certificates = _pem_certificates(data)
    return SigningKey(
        key=key,
        certificate=certificates[0] if certificates else None,
        chain=certificates[1:],
    )


def subject_name(certificate: x509.Certificate) -> str | None:
    """The certificate subject's common name, or None when it has none."""
    from cryptography.x509.oid import NameOID

    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    value = names[0].value if names else None
    return value if isinstance(value, str) else None


def validity_problem(certificates: Sequence[x509.Certificate], at: dt.datetime) -> str | None:
    """Why a certificate of the chain was not valid at ``at``, or None when all were."""
    for index, certificate in enumerate(certificates):
        which = "the signer's certificate" if index == 0 else f"chain certificate [{index}]"
        if at < certificate.not_valid_before_utc:
            return (
                f"{which} was not yet valid at the signing time {at.isoformat()} "
                f"(valid from {certificate.not_valid_before_utc.isoformat()})"
            )
        if at > certificate.not_valid_after_utc:
            return (
                f"{which} had expired at the signing time {at.isoformat()} "
                f"(valid until {certificate.not_valid_after_utc.isoformat()})"
            )
    return None


def chain_problem(
    certificates: Sequence[x509.Certificate],
    trust: Sequence[x509.Certificate],
    at: dt.datetime,
) -> str | None:
    """Why ``certificates`` (signer first) do not chain to a root of ``trust`` at ``at``.

    Path building and checking are cryptography's X.509 verifier: signatures along the path,
    validity at ``at`` (the signing time), CA basic constraints and key usage on the issuers
    (the Web PKI rules for CAs); the signer's certificate may have any extensions (a
    document-signing certificate has no server or client name to match).
    """
    from cryptography.x509 import verification as v

    if not trust:
        return "no trust roots were given"
    policy = (
        v.PolicyBuilder()
        .store(v.Store(list(trust)))
        .time(at.astimezone(dt.timezone.utc).replace(tzinfo=None))
        .extension_policies(
            ca_policy=v.ExtensionPolicy.webpki_defaults_ca(),
            ee_policy=v.ExtensionPolicy.permit_all(),
        )
    )
    try:
        policy.build_client_verifier().verify(certificates[0], list(certificates[1:]))
    except v.VerificationError as exc:
        return f"the certificate does not chain to a trust root at the signing time ({exc})"
    return None
