"""``soapnotes sign-pdf``, ``render --sign`` and ``verify NOTE.pdf``: PAdES on the command line.

``sign-pdf`` and ``render --sign`` share :func:`sign_bytes` (one code path: the key of
``--key``/``--cert``, the credential, ``--tsa``); ``verify`` hands a PDF that carries a PDF
signature to :func:`verify_lines`, one verdict line per check.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from soapnotes.cli._common import (
    EXIT_FINDINGS,
    EXIT_INVALID,
    EXIT_OK,
    add_locale_option,
    locale_of,
    write,
)
from soapnotes.cli._keys import add_key_options, signing_key
from soapnotes.errors import SoapnotesError

if TYPE_CHECKING:
    from cryptography import x509

    from soapnotes.lifecycle import SigningKey

__all__ = ["add_commands", "add_sign_options", "has_pdf_signature", "sign_bytes", "verify_lines"]


def add_sign_options(command: argparse.ArgumentParser, *, with_key: bool) -> None:
    """``--tsa`` and ``--credential`` (and ``--key``/``--cert`` when ``with_key``)."""
    if with_key:
        add_key_options(command)
    command.add_argument(
        "--tsa",
        metavar="URL",
        help="add an RFC 3161 timestamp from this timestamp authority (PAdES B-T)",
    )
    command.add_argument(
        "--credential",
        metavar="TEXT",
        help="printed after the signer's name (default: the signed record's credential)",
    )


def _record_signature(data: bytes) -> tuple[str | None, dt.tzinfo | None]:
    """The credential and time zone of the signature of the record an archival PDF carries
    (None, None for a PDF without a signed record)."""
    from soapnotes.errors import InvalidRecord
    from soapnotes.io import loads
    from soapnotes.io._pdf import record_from_pdf

    try:
        note = loads(record_from_pdf(data), "json")
    except InvalidRecord:
        return None, None
    if note.signature is None:
        return None, None
    return note.signature.credential, note.signature.signed_at.tzinfo


def sign_bytes(
    command: str, data: bytes, key: SigningKey, args: argparse.Namespace, locale: str
) -> bytes | None:
    """``data`` signed (PAdES) with ``key``; None, reported on stderr, when it cannot be."""
    from soapnotes.render._pades import sign_pdf

    credential, zone = _record_signature(data)
    # The block shows the time in the zone the record was signed in (UTC without one).
    at = dt.datetime.now(dt.timezone.utc).astimezone(zone or dt.timezone.utc)
    try:
        return sign_pdf(
            data,
            key,
            credential=args.credential or credential,
            at=at,
            locale=locale,
            timestamp=args.tsa,
        )
    except SoapnotesError as exc:
        write(sys.stderr, f"soapnotes {command}: not signed: {exc}")
    except OSError as exc:  # the timestamp authority could not be reached
        write(sys.stderr, f"soapnotes {command}: not signed: {type(exc).__name__}")
    except Exception as exc:  # pyHanko's SigningError, a TSA's refusal, ...
        write(sys.stderr, f"soapnotes {command}: not signed: {type(exc).__name__}: {exc}")
    return None


def _cmd_sign_pdf(args: argparse.Namespace) -> int:
    """Sign FILE (a PDF) into OUT; FILE is never changed."""
    from soapnotes._files import write_atomic

    source = Path(args.file)
    target = Path(args.output) if args.output else source.with_suffix(".signed.pdf")
    if target.suffix.lower() != ".pdf" or target.resolve() == source.resolve():
        write(sys.stderr, f"soapnotes sign-pdf: -o {target}: a new .pdf, not FILE")
        return EXIT_INVALID
    if target.exists() and not args.force:
        write(sys.stderr, f"soapnotes sign-pdf: {target} exists; pass --force to replace it")
        return EXIT_INVALID
    locale = locale_of("sign-pdf", args)
    key = signing_key("sign-pdf", args)
    if locale is None or isinstance(key, int):
        return EXIT_INVALID
    if key is None:
        write(sys.stderr, "soapnotes sign-pdf: --key is required")
        return EXIT_INVALID
    try:
        data = source.read_bytes()
    except OSError as exc:
        write(sys.stderr, f"soapnotes sign-pdf: cannot read {source} ({exc.strerror})")
        return EXIT_INVALID
    signed = sign_bytes("sign-pdf", data, key, args, locale)
    if signed is None:
        return EXIT_INVALID
    write_atomic(target, signed)
    if not args.quiet:
        write(sys.stdout, f"{source}: signed {target}")
    return EXIT_OK


def has_pdf_signature(name: str) -> bool:
    """Whether ``name`` is a PDF with a signature field (cheap: the bytes, no parsing)."""
    if Path(name).suffix.lower() != ".pdf":
        return False
    try:
        data = Path(name).read_bytes()
    except OSError:
        return False
    return b"/ByteRange" in data


def verify_lines(name: str, trust: list[x509.Certificate] | None, quiet: bool) -> int:
    """``FILE: <check>: <VERDICT> (details)`` for each check of a signed PDF; exit 1 on any
    failure."""
    from soapnotes.render._verify_pdf import verify_pdf

    try:
        result = verify_pdf(name, trust=trust)
    except SoapnotesError as exc:
        write(sys.stderr, f"{name}: {exc}")
        return EXIT_INVALID
    except OSError as exc:
        write(sys.stderr, f"{name}: cannot read the file ({exc.strerror})")
        return EXIT_INVALID
    for check in result.checks:
        if not (quiet and check.ok):
            write(sys.stdout, f"{name}: {check}")
    if not quiet or not result.ok:
        write(sys.stdout, f"{name}: {'VERIFIED' if result.ok else 'DOES NOT VERIFY'}")
    return EXIT_OK if result.ok else EXIT_FINDINGS


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """``sign-pdf``."""
    command = commands.add_parser(
        "sign-pdf",
        help="sign a rendered note (PDF) with PAdES and a visible signature block",
    )
    command.add_argument("file", metavar="FILE")
    command.add_argument(
        "-o", "--output", metavar="OUT.pdf", help="default: FILE's name with .signed.pdf"
    )
    command.add_argument("--force", action="store_true", help="replace OUT if it exists")
    command.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    add_sign_options(command, with_key=True)
    add_locale_option(command, "the signature block")
    command.set_defaults(run=_cmd_sign_pdf)
