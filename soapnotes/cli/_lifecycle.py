"""``soapnotes sign``, ``amend`` and ``verify``: the note's life on the command line.

``sign`` and ``amend`` write the note to stdout (in the input's format), ``-o OUT`` or, with
``--in-place``, back to FILE; refusals go to stderr, one reason a line, exit 1. In place,
the file is locked from the read to the write (``docs/reliability.md``), a symbolic link
is written through to its target, and a note that changed since it was read (or is not
the ``--expected-head``) is left alone with exit 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from soapnotes.cli._common import (
    EXIT_FINDINGS,
    EXIT_INVALID,
    EXIT_OK,
    add_locale_option,
    load_reporting,
    locale_of,
    note_output,
    parse_at,
    report_unreadable,
    rule_policy,
    write,
)
from soapnotes.cli._i18n import verified_line
from soapnotes.cli._keys import add_key_options, key_arguments, signing_key, trust_roots
from soapnotes.cli._pdfsign import has_pdf_signature, verify_lines
from soapnotes.errors import LifecycleError, NoteChanged, UsageError
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


#: A lifecycle step on a loaded note: the new note, or an exit code once reported.
_Step = Callable[[Note], "Note | int"]


def _refusing(name: str, step: Callable[[Note], Note]) -> _Step:
    """``step``, with its refusals reported: exit 2 for a changed note, 1 otherwise."""

    def run(note: Note) -> Note | int:
        try:
            return step(note)
        except NoteChanged as exc:
            _report_refusal(name, exc)
            return EXIT_INVALID
        except LifecycleError as exc:
            _report_refusal(name, exc)
            return EXIT_FINDINGS
        except UsageError as exc:  # a key that is not the certificate's, ...
            write(sys.stderr, f"{name}: {exc}")
            return EXIT_INVALID

    return run


def _in_place(name: str, step: _Step) -> int:
    """Read, change and write back FILE under the file's lock; exit 2 if it changed meanwhile."""
    from soapnotes._files import file_state, locked_for_update, write_atomic

    fmt: Format = "toml" if Path(name).suffix.lower() == ".toml" else "json"
    try:
        with locked_for_update(name) as real:
            before = file_state(real)
            note = load_reporting(name, sys.stderr)
            if note is None:
                return EXIT_INVALID
            changed = step(note)
            if isinstance(changed, int):
                return changed
            if file_state(real) != before:  # a writer that does not take the lock
                write(
                    sys.stderr,
                    f"{name}: the note changed since it was read; nothing was written, "
                    "run the command again",
                )
                return EXIT_INVALID
            write_atomic(real, dumps(changed, fmt).encode("utf-8"))
    except OSError as exc:
        report_unreadable(name, exc, sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def _run_step(command: str, args: argparse.Namespace, step: Callable[[Note], Note]) -> int:
    target = note_output(command, args)
    if isinstance(target, int):
        return target
    run = _refusing(args.file, step)
    if args.in_place:
        return _in_place(args.file, run)
    note = load_reporting(args.file, sys.stderr)
    if note is None:
        return EXIT_INVALID
    changed = run(note)
    if isinstance(changed, int):
        return changed
    return _emit(command, changed, args.file, target)


def _when(args: argparse.Namespace) -> dt.datetime:
    """``--at``, or now: read once the note is read (under the lock, for ``--in-place``), so
    an amendment that waited for another is not dated before it."""
    at: dt.datetime = args.at or dt.datetime.now(dt.timezone.utc)
    return at


def _cmd_sign(args: argparse.Namespace) -> int:
    """Sign FILE; the signed note goes to stdout, ``-o OUT`` or, with --in-place, FILE."""
    from soapnotes.lifecycle import sign

    options = rule_policy("sign", args.ignore)
    if options is None:
        return EXIT_INVALID
    key = signing_key("sign", args)
    if isinstance(key, int):
        return key
    return _run_step(
        "sign",
        args,
        lambda note: sign(
            note,
            args.signer,
            args.credential,
            _when(args),
            rule_options=options,
            expected_head=args.expected_head,
            **key_arguments(key),
        ),
    )


def _cmd_amend(args: argparse.Namespace) -> int:
    """Append an addendum to the signed note in FILE; output as for ``sign``."""
    from soapnotes.lifecycle import amend

    key = signing_key("amend", args)
    if isinstance(key, int):
        return key
    return _run_step(
        "amend",
        args,
        lambda note: amend(
            note,
            args.author,
            _when(args),
            args.reason,
            args.text,
            expected_head=args.expected_head,
            **key_arguments(key),
        ),
    )


def _cmd_verify(args: argparse.Namespace) -> int:
    """``FILE: ok, <status> (content <hex>, head <hash>)`` or one ``FILE: what: message`` line per
    mismatch; exit 1 if any fails (with ``--trust``, also when one is not authenticated)."""
    from soapnotes.lifecycle import verify

    if args.head is not None and len(args.files) != 1:
        write(sys.stderr, "soapnotes verify: --head checks one note; name one FILE")
        return EXIT_INVALID
    trust = trust_roots("verify", args.trust)
    if isinstance(trust, int):
        return trust
    locale = locale_of("verify", args)
    if locale is None:
        return EXIT_INVALID
    status = EXIT_OK
    for name in args.files:
        if has_pdf_signature(name):  # the PDF signature, the record's, and the pages
            status = max(status, verify_lines(name, trust, args.quiet))
            continue
        note = load_reporting(name, sys.stderr)
        if note is None:
            status = EXIT_INVALID
            continue
        result = verify(note, trust=trust, head=args.head)
        if result.ok:
            if not args.quiet:
                write(sys.stdout, verified_line(name, result, locale))
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
    command.add_argument(
        "--expected-head",
        metavar="HASH",
        help="refuse (exit 2) unless the note's head hash is HASH (as `verify` prints it)",
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
        "verify",
        help="check signed notes' hashes, and a signed PDF's signature, record and pages; "
        "exit 1 when any does not verify",
    )
    verify.add_argument("files", nargs="+", metavar="FILE")
    verify.add_argument("-q", "--quiet", action="store_true", help="print mismatches only")
    verify.add_argument(
        "--head",
        metavar="HASH",
        help="a head hash stored earlier: fail if addenda present then were removed",
    )
    verify.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="FILE",
        help="trust roots (PEM certificates): key signatures must chain to one (repeatable)",
    )
    add_locale_option(verify, "the verdict lines (mismatch details stay English)")
    verify.set_defaults(run=_cmd_verify)
