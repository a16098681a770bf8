"""``soapnotes example`` and ``soapnotes validate``: notes in and out, checked by the rules."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from soapnotes._files import write_atomic
from soapnotes.cli._common import (
    EXIT_FINDINGS,
    EXIT_INVALID,
    EXIT_OK,
    add_locale_option,
    load_reporting,
    locale_of,
    rule_policy,
    write,
)
from soapnotes.errors import InvalidRecord, SoapnotesError
from soapnotes.findings import Finding, Severity
from soapnotes.i18n._active import gettext as tr
from soapnotes.i18n._active import gettext_noop
from soapnotes.io import dumps
from soapnotes.rules import validate


def _cmd_example(args: argparse.Namespace) -> int:
    from soapnotes.examples import example_names, load_example

    if args.list:
        for name in example_names():
            write(sys.stdout, name)
        return EXIT_OK
    try:
        note = load_example(args.name)
    except InvalidRecord:  # pragma: no cover - the shipped examples are tested
        raise
    except SoapnotesError as exc:
        write(sys.stderr, f"soapnotes example: {exc}")
        return EXIT_INVALID
    text = dumps(note, args.format)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        write_atomic(Path(args.output), text.encode("utf-8"))
    except OSError as exc:
        write(sys.stderr, f"soapnotes example: cannot write the file ({exc.strerror})")
        return EXIT_INVALID
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    """Load each file and run the clinical rules.

    Text: one ``FILE: SEVERITY CODE $.path: message`` line per finding (``FILE: ok`` when none,
    unless ``--quiet``), in the language of ``--locale`` (English by default). JSON: one list
    of ``{file, code, severity, path, message, message_id, params}`` objects on stdout, always
    English (``message_id`` and ``params`` let a caller word it in a locale); files that
    cannot be loaded are reported on stderr. Exit 2 when any input is invalid, else 1 when
    any note has an error finding, else 0.
    """
    options = rule_policy("validate", args.ignore)
    if options is None:
        return EXIT_INVALID
    as_json = args.format == "json"
    locale = "en" if as_json else locale_of("validate", args)
    if locale is None:
        return EXIT_INVALID
    status = EXIT_OK
    rows: list[dict[str, Any]] = []
    for name in args.files:
        note = load_reporting(name, sys.stderr if as_json else sys.stdout)
        if note is None:
            status = EXIT_INVALID
            continue
        findings = validate(note, options)
        if any(f.severity is Severity.ERROR for f in findings) and status == EXIT_OK:
            status = EXIT_FINDINGS
        if as_json:
            rows.extend({"file": name, **finding.to_dict()} for finding in findings)
        elif findings or not args.quiet:
            _write_findings(name, findings, locale)
    if as_json:
        write(sys.stdout, json.dumps(rows, ensure_ascii=False, indent=2), block=True)
    return status


def _write_findings(name: str, findings: list[Finding], locale: str) -> None:
    """The text lines of one file's findings (``FILE: ok`` for none) in ``locale``."""
    if locale == "en":  # the lines scripts have always read, without loading a catalog
        for finding in findings:
            write(sys.stdout, f"{name}: {finding}")
        if not findings:
            write(sys.stdout, f"{name}: ok")
        return
    from soapnotes.i18n import format_finding, using_locale

    with using_locale(locale):
        for finding in findings:
            severity = tr(_SEVERITY[finding.severity])
            text = format_finding(finding)
            write(sys.stdout, f"{name}: {severity} {finding.code} {finding.path}: {text}")
        if not findings:
            write(sys.stdout, tr("{file}: ok", file=name))


#: The severity words of a text line (message ids).
_SEVERITY = {
    Severity.ERROR: gettext_noop("error"),
    Severity.WARNING: gettext_noop("warning"),
    Severity.INFO: gettext_noop("info"),
}


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """``example`` and ``validate``."""
    example = commands.add_parser(
        "example", help="write a shipped example note (stdout by default)"
    )
    example.add_argument("name", nargs="?", default="lymphedema-left-arm", help="example name")
    example.add_argument("--format", choices=("json", "toml"), default="toml")
    example.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead")
    example.add_argument("--list", action="store_true", help="list the example names")
    example.set_defaults(run=_cmd_example)

    check = commands.add_parser(
        "validate",
        help="check note files (.json or .toml) against the clinical rules; exit 1 on clinical "
        "errors, 2 on invalid input",
    )
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (text)"
    )
    add_locale_option(check, "the text output (JSON stays English)")
    check.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODE",
        help="skip the rule with this code, e.g. SN-OR-004 (repeatable)",
    )
    check.set_defaults(run=_cmd_validate)
