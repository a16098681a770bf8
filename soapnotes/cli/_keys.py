"""``--key``, ``--cert`` and ``--trust``: keys, certificates and trust roots for the commands.

An encrypted key's passphrase comes from the environment variable
:data:`PASSPHRASE_VARIABLE` or, when it is unset and stdin is a terminal, a prompt; never
from the command line (where other users of the machine could read it) or a record.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from soapnotes.cli._common import write
from soapnotes.errors import UsageError

if TYPE_CHECKING:
    from cryptography import x509

    from soapnotes.lifecycle import SigningKey

__all__ = [
    "PASSPHRASE_VARIABLE",
    "add_key_options",
    "key_arguments",
    "signing_key",
    "trust_roots",
]

#: The environment variable holding the passphrase of an encrypted ``--key``.
PASSPHRASE_VARIABLE = "SOAPNOTES_KEY_PASSPHRASE"  # noqa: S105 - a variable name

_INSTALL = "pip install 'soapnotes[sign]'"

T = TypeVar("T")


def add_key_options(command: argparse.ArgumentParser) -> None:
    """``--key`` and ``--cert`` on ``sign`` and ``amend``."""
    command.add_argument(
        "--key",
        metavar="FILE",
        help="sign with this private key (PEM, or PKCS#12 .p12/.pfx); an encrypted key's "
        f"passphrase comes from ${PASSPHRASE_VARIABLE} or a prompt",
    )
    command.add_argument(
        "--cert",
        metavar="FILE",
        help="the key's certificate, then its intermediates (PEM); not needed when --key "
        "holds them",
    )


def _passphrase(name: str) -> bytes | None:
    value = os.environ.get(PASSPHRASE_VARIABLE)
    if value is not None:
        return value.encode("utf-8")
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(f"Passphrase for {name}: ").encode("utf-8")
    return None


def _load_key(path: str) -> SigningKey:
    from soapnotes.lifecycle import load_signing_key
    from soapnotes.lifecycle._keys import PassphraseNeeded

    try:
        return load_signing_key(path)
    except PassphraseNeeded:
        passphrase = _passphrase(path)
        if passphrase is None:
            raise UsageError(
                f"{path}: the key is encrypted: set {PASSPHRASE_VARIABLE} or run in a terminal"
            ) from None
        return load_signing_key(path, passphrase)


def _reading(command: str, what: str, read: Callable[[], T]) -> T | int:
    """``read()``, or exit code 2 with the reason on stderr when the sign extra is missing
    or a file cannot be read or is not what it should be (one place for every option)."""
    try:
        return read()
    except ImportError:
        write(sys.stderr, f"soapnotes {command}: {what} needs the sign extra: {_INSTALL}")
    except UsageError as exc:
        write(sys.stderr, f"soapnotes {command}: {exc}")
    except OSError as exc:
        write(sys.stderr, f"soapnotes {command}: cannot read a {what} file ({exc.strerror})")
    return 2


def signing_key(command: str, args: argparse.Namespace) -> SigningKey | int | None:
    """The key of ``--key`` (with ``--cert``'s certificates), None without ``--key``, or
    exit code 2 (reported on stderr) when it cannot be read."""
    if args.key is None:
        if args.cert is not None:
            write(sys.stderr, f"soapnotes {command}: --cert needs --key")
            return 2
        return None

    def read() -> SigningKey:
        key = _load_key(args.key)
        if args.cert is not None:
            from soapnotes.lifecycle import load_certificates

            certificates = load_certificates(args.cert)
            key = attrs.evolve(key, certificate=certificates[0], chain=certificates[1:])
        return key

    return _reading(command, "--key", read)


def key_arguments(key: SigningKey | None) -> dict[str, Any]:
    """``key``, ``certificate`` and ``chain`` for :func:`soapnotes.sign` and ``amend``."""
    if key is None:
        return {}
    return {"key": key.key, "certificate": key.certificate, "chain": key.chain}


def trust_roots(command: str, files: Sequence[str]) -> list[x509.Certificate] | int | None:
    """The certificates of every ``--trust`` file, None without any, or exit code 2."""
    if not files:
        return None

    def read() -> list[x509.Certificate]:
        from soapnotes.lifecycle import load_certificates

        return [root for name in files for root in load_certificates(name)]

    return _reading(command, "--trust", read)
