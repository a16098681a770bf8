"""What every command shares: exit codes, writing lines, reporting unreadable notes, the
rule policy from ``--ignore``, and where outputs may go."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from soapnotes.errors import InvalidRecord, UsageError
from soapnotes.io import load
from soapnotes.io._datetime import parse_aware_datetime
from soapnotes.models.note import Note
from soapnotes.rules import RuleOptions, check_codes

if TYPE_CHECKING:
    from soapnotes.progress import Course

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INVALID = 2


def printable(text: str) -> str:
    """``text`` with every character that is not printable escaped (``\\n``, ``\\x1b``):
    a file name can neither start a forged line nor send terminal escape codes. The
    no-break spaces of German and French text (before "%" and ":") are kept as they are."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c in _SPACES else repr(c)[1:-1] for c in text)


#: No-break and narrow no-break space: printable, though str.isprintable says otherwise.
_SPACES = frozenset("\xa0\u202f")


def write(stream: TextIO, line: str, *, block: bool = False) -> None:
    """One line to ``stream``, escaped by :func:`printable` (file names reach most lines).

    ``block`` writes several lines of text that is escaped already (JSON) as it is.
    """
    stream.write((line if block else printable(line)) + "\n")


def report_invalid(exc: InvalidRecord, name: str, stream: TextIO) -> None:
    """``NAME: $.path: message`` for each problem of a note that cannot be read."""
    for problem in exc.problems:
        write(stream, f"{name}: {problem.path}: {problem.message}")


def report_unreadable(name: str, exc: OSError, stream: TextIO) -> None:
    """``NAME: cannot read the file (why)``."""
    write(stream, f"{name}: cannot read the file ({exc.strerror or 'error'})")


def load_reporting(name: str, stream: TextIO) -> Note | None:
    """Load a note, reporting on ``stream`` why it cannot be loaded (None then)."""
    try:
        return load(name)
    except InvalidRecord as exc:
        report_invalid(exc, name, stream)
    except OSError as exc:
        report_unreadable(name, exc, stream)
    return None


def rule_policy(command: str, ignore: Iterable[str]) -> RuleOptions | None:
    """The rule policy of ``--ignore CODE``; None (reported on stderr) for an unknown code."""
    try:
        disabled = check_codes(ignore)
    except UsageError as exc:
        write(sys.stderr, f"soapnotes {command}: {exc}")
        return None
    return RuleOptions(disabled=disabled)


def add_locale_option(parser: argparse.ArgumentParser, what: str) -> None:
    """``--locale LOCALE``: the language ``what`` is written in (English unless given)."""
    parser.add_argument(
        "--locale",
        default="en",
        metavar="LOCALE",
        help=f"the language of {what}: en (default), de, fr, or with a region (de_AT, fr_CH)",
    )


def locale_of(command: str, args: argparse.Namespace) -> str | None:
    """The resolved ``--locale``; None (reported on stderr) when it is not supported or
    needs Babel that is not installed."""
    from soapnotes.i18n import resolve_locale, using_locale

    try:
        with using_locale(resolve_locale(args.locale)) as locale:
            return locale
    except UsageError as exc:
        write(sys.stderr, f"soapnotes {command}: {exc}")
        return None


def parse_at(text: str) -> dt.datetime:
    """An ISO 8601 date-time with a UTC offset (``Z`` allowed), for ``--at``."""
    try:
        return parse_aware_datetime(text.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` name one file (links and case-insensitive names included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return a.resolve() == b.resolve()


def refuse_pdf_output(command: str, target: Path, inputs: Sequence[str]) -> bool:
    """Report on stderr and return True when ``-o`` is not a .pdf or would replace an input."""
    if target.suffix.lower() != ".pdf":
        write(sys.stderr, f"soapnotes {command}: -o {target}: the name must end in .pdf")
        return True
    if any(same_file(target, Path(name)) for name in inputs):
        write(
            sys.stderr,
            f"soapnotes {command}: -o {target} is one of the input files; it would be overwritten",
        )
        return True
    return False


def note_output(command: str, args: argparse.Namespace) -> Path | int | None:
    """Where a note written by ``command`` goes: a path, None for stdout, or an exit code
    when refused (reported on stderr). ``-o`` must be a new .json/.toml file unless
    ``--force``, and never the input (that is ``--in-place``)."""
    source = Path(args.file)
    if args.in_place:
        if source.suffix.lower() == ".pdf":
            write(
                sys.stderr,
                f"soapnotes {command}: --in-place cannot rewrite a PDF; write -o OUT.json",
            )
            return EXIT_INVALID
        return source
    if args.output is None:
        return None
    target = Path(args.output)
    if target.exists() and target.resolve() == source.resolve():
        write(sys.stderr, f"soapnotes {command}: -o names the input file; use --in-place")
        return EXIT_INVALID
    if target.exists() and not args.force:
        write(sys.stderr, f"soapnotes {command}: {target} exists; pass --force to replace it")
        return EXIT_INVALID
    if target.suffix.lower() not in (".json", ".toml"):
        write(sys.stderr, f"soapnotes {command}: {target}: the name must end in .json or .toml")
        return EXIT_INVALID
    return target


def read_course(command: str, paths: Sequence[str]) -> Course | int:
    """The course in ``paths`` for ``soapnotes COMMAND``, or exit code 2 (problem on stderr)."""
    from soapnotes.progress import load_course

    try:
        return load_course(paths)
    except InvalidRecord as exc:
        report_invalid(exc, f"soapnotes {command}", sys.stderr)
    except OSError as exc:
        report_unreadable(str(exc.filename), exc, sys.stderr)
    return EXIT_INVALID
