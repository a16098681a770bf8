"""``soapnotes sign``, ``amend`` and ``verify``: the note's life on the command line.

``sign`` and ``amend`` write the note to stdout (in the input's format), ``-o OUT`` or, with
``--in-place``, back to FILE; refusals go to stderr, one reason a line, exit 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from soapnotes.cli._common import (
    EXIT_FINDINGS,
    EXIT_INVALID,
    EXIT_OK,
    load_reporting,
    note_output,
    parse_at,
    rule_policy,
    write,
)
from soapnotes.cli._keys import add_key_options, key_arguments, signing_key, trust_roots
from soapnotes.errors import LifecycleError, UsageError
from soapnotes.io import Format, dump, dumps
from soapnotes.models.note import Note


def _emit(command: str, note: Note, source: str, target: Path | None) -> int:
    if target is None:
        fmt: Format = "toml" if Path(source).suffix.lower() == ".toml" else "json"
        sys.stdout.write(dumps(note, fmt))
        return EXIT_OK
    try:
        dump(note, target)
    except OSError as exc:
        write(
            sys.stderr, f"soapnotes {command}: cannot write {target} ({exc.strerror or 'error'})"
        )
        return EXIT_INVALID
    return EXIT_OK


def _report_refusal(name: str, exc: LifecycleError) -> None:
    for reason in exc.reasons:
        write(sys.stderr, f"{name}: {reason}")


def _cmd_sign(args: argparse.Namespace) -> int:
    """Sign FILE; the signed note goes to stdout, ``-o OUT`` or, with --in-place, FILE."""
    from soapnotes.lifecycle import sign

    target = note_output("sign", args)
    if isinstance(target, int):
        return target
    note = load_reporting(args.file, sys.stderr)
    if note is None:
        return EXIT_INVALID
    options = rule_policy("sign", args.ignore)
    if options is None:
        return EXIT_INVALID
    key = signing_key("sign", args)
    if isinstance(key, int):
        return key
    at = args.at or dt.datetime.now(dt.timezone.utc)
    try:
        signed = sign(
            note, args.signer, args.credential, at, rule_options=options, **key_arguments(key)
        )
    except LifecycleError as exc:
        _report_refusal(args.file, exc)
        return EXIT_FINDINGS
    except UsageError as exc:
        write(sys.stderr, f"soapnotes sign: {exc}")
        return EXIT_INVALID
    return _emit("sign", signed, args.file, target)


def _cmd_amend(args: argparse.Namespace) -> int:
    """Append an addendum to the signed note in FILE; output as for ``sign``."""
    from soapnotes.lifecycle import amend

    target = note_output("amend", args)
    if isinstance(target, int):
        return target
    note = load_reporting(args.file, sys.stderr)
    if note is None:
        return EXIT_INVALID
    key = signing_key("amend", args)
    if isinstance(key, int):
        return key
    at = args.at or dt.datetime.now(dt.timezone.utc)
    try:
        amended = amend(note, args.author, at, args.reason, args.text, **key_arguments(key))
    except LifecycleError as exc:
        _report_refusal(args.file, exc)
        return EXIT_FINDINGS
    except UsageError as exc:
        write(sys.stderr, f"soapnotes amend: {exc}")
        return EXIT_INVALID
    return _emit("amend", amended, args.file, target)


def _cmd_verify(args: argparse.Namespace) -> int:
    """``FILE: ok (content <hex>), <status>`` or one ``FILE: what: message`` line per
    mismatch; exit 1 if any fails (with ``--trust``, also when one is not authenticated)."""
    from soapnotes.lifecycle import verify

    trust = trust_roots("verify", args.trust)
    if isinstance(trust, int):
        return trust
    status = EXIT_OK
    for name in args.files:
        note = load_reporting(name, sys.stderr)
        if note is None:
            status = EXIT_INVALID
            continue
        result = verify(note, trust=trust)
        if result.ok:
            if not args.quiet:
                write(
                    sys.stdout,
                    f"{name}: ok (content {result.content_sha256[:12]}), {result.status}",
                )
            continue
        for mismatch in result.mismatches:
            write(sys.stdout, f"{name}: {mismatch}")
        status = max(status, EXIT_FINDINGS)
    return status


def _output_options(command: argparse.ArgumentParser) -> None:
    where = command.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT", help="write to OUT (.json or .toml)")
    where.add_argument("--in-place", action="store_true", help="replace FILE atomically")
    command.add_argument("--force", action="store_true", help="replace OUT if it exists")
    command.add_argument(
        "--at", type=parse_at, metavar="TIME", help="ISO 8601 with offset; default now"
    )


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """``sign``, ``amend`` and ``verify``."""
    sign = commands.add_parser(
        "sign", help="sign a draft note; the signed note goes to stdout unless -o/--in-place"
    )
    sign.add_argument("file", metavar="FILE")
    sign.add_argument("--signer", required=True, help="who signs, as printed")
    sign.add_argument("--credential", required=True, help="the credential signed under, e.g. RMT")
    sign.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODE",
        help="the clinic's policy: skip this rule when checking (repeatable)",
    )
    add_key_options(sign)
    _output_options(sign)
    sign.set_defaults(run=_cmd_sign)

    amend = commands.add_parser(
        "amend", help="append an addendum to a signed note; output as for sign"
    )
    amend.add_argument("file", metavar="FILE")
    amend.add_argument("--author", required=True, help="who writes the addendum")
    amend.add_argument("--reason", required=True, help="why the correction is needed")
    amend.add_argument("--text", required=True, help="the correction")
    add_key_options(amend)
    _output_options(amend)
    amend.set_defaults(run=_cmd_amend)

    verify = commands.add_parser(
        "verify", help="check signed notes' hashes; exit 1 when any does not verify"
    )
    verify.add_argument("files", nargs="+", metavar="FILE")
    verify.add_argument("-q", "--quiet", action="store_true", help="print mismatches only")
    verify.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="FILE",
        help="trust roots (PEM certificates): key signatures must chain to one (repeatable)",
    )
    verify.set_defaults(run=_cmd_verify)
