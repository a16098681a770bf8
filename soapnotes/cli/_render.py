"""``soapnotes render``: note files to PDF, one by one or as a batch with a progress bar.

One by one (the default): never writes over an input file, and never writes one PDF twice
in a run (two inputs of the same stem into one folder): the second is reported as not
rendered, exit 2. A folder among the FILEs, or ``--workers``, renders the batch through
:func:`soapnotes.render.batch.iter_render_many` into ``--out-dir``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from soapnotes._files import note_files
from soapnotes.cli._common import (
    EXIT_FINDINGS,
    EXIT_INVALID,
    EXIT_OK,
    add_locale_option,
    load_reporting,
    locale_of,
    refuse_pdf_output,
    same_file,
    write,
)
from soapnotes.errors import SoapnotesError
from soapnotes.findings import Severity
from soapnotes.rules import validate

if TYPE_CHECKING:
    from soapnotes.render import RenderOptions


class _ProgressBar:
    """A one-line progress bar on stderr: count, rate and time left."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.start = time.monotonic()
        self.last = 0.0

    def update(self, done: int, failed: int) -> None:
        now = time.monotonic()
        if done < self.total and now - self.last < 0.1:
            return
        self.last = now
        rate = done / max(now - self.start, 1e-9)
        left = (self.total - done) / rate if rate > 0 else 0.0
        width = 24
        filled = width * done // max(self.total, 1)
        bar = "#" * filled + "-" * (width - filled)
        eta = f"{int(left) // 60}:{int(left) % 60:02d}"
        sys.stderr.write(
            f"\r[{bar}] {done}/{self.total}  {rate:.1f} notes/s  ETA {eta}  failed {failed} "
        )
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")
        sys.stderr.flush()


def _render_batch(args: argparse.Namespace, options: RenderOptions) -> int:
    """Many notes through render_many: progress on a terminal, a summary, exit 1 on failure.

    Failures go to stderr, the summary to stdout.
    """
    from soapnotes.render.batch import iter_render_many

    files = [str(path) for path in note_files(args.files)]
    out_dir = Path(args.out_dir or ".")
    out_dir.mkdir(parents=True, exist_ok=True)
    progress = _ProgressBar(len(files)) if sys.stderr.isatty() and not args.quiet else None
    done = failed = 0
    for result in iter_render_many(files, out_dir, workers=args.workers, options=options):
        done += 1
        if not result.ok:
            failed += 1
            if progress is not None:
                sys.stderr.write("\r\033[K")
            write(sys.stderr, f"{result.source}: not rendered: {result.error}")
        if progress is not None:
            progress.update(done, failed)
    if progress is not None:
        progress.close()
    write(sys.stdout, f"rendered {done - failed} of {done} notes into {out_dir}; {failed} failed")
    return EXIT_FINDINGS if failed else EXIT_OK


def _render_options(args: argparse.Namespace) -> RenderOptions | None:
    """The options of the command line; None (reported) when a fallback font is unusable."""
    from soapnotes.errors import RenderError
    from soapnotes.render import FallbackFont, FontSet, PageSize, RenderOptions
    from soapnotes.render.fonts import load_fallbacks

    locale = locale_of("render", args)
    if locale is None:
        return None
    fonts = FontSet(fallbacks=tuple(FallbackFont(source=f) for f in args.fallback_font))
    try:
        load_fallbacks(fonts)  # one clear message now rather than one per note
    except RenderError as exc:
        write(sys.stderr, f"soapnotes render: {exc}")
        return None
    return RenderOptions(
        page_size=PageSize(args.page_size),
        strict_fonts=args.strict_fonts,
        fonts=fonts,
        locale=locale,
    )


def _target_of(name: str, args: argparse.Namespace) -> Path:
    if args.output is not None:
        return Path(args.output)
    folder = Path(args.out_dir) if args.out_dir else Path(name).parent
    return folder / (Path(name).stem + ".pdf")


def _refuse_target(
    name: str, target: Path, args: argparse.Namespace, written: dict[Path, str]
) -> bool:
    """Report and return True when ``target`` is an input or was written earlier in the run."""
    if any(same_file(target, Path(other)) for other in args.files):
        write(sys.stderr, f"{name}: not rendered: {target} is one of the input files")
        return True
    first = next((src for out, src in written.items() if same_file(target, out)), None)
    if first is not None:
        write(
            sys.stderr,
            f"{name}: not rendered: {target} was already written from {first} in this "
            "run; render it with -o or into another --out-dir",
        )
        return True
    return False


def _render_one(
    name: str, target: Path, args: argparse.Namespace, options: RenderOptions
) -> tuple[int, bool]:
    """Load, check and render one note: the exit status it calls for, and whether written.

    Rule errors are reported (and stop the note only with ``--strict``); the PDF shows every
    finding.
    """
    from soapnotes.render import render_note

    note = load_reporting(name, sys.stderr)
    if note is None:
        return EXIT_INVALID, False
    findings = validate(note)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    for finding in errors:
        write(sys.stderr, f"{name}: {finding}")
    status = EXIT_FINDINGS if errors else EXIT_OK
    if errors and args.strict:
        write(sys.stderr, f"{name}: not rendered (--strict and rule errors)")
        return status, False
    try:
        render_note(
            note,
            target,
            options=options,
            findings=findings,
            archival=args.archival,
            password=args.password,
        )
    except (SoapnotesError, OSError) as exc:
        write(sys.stderr, f"{name}: not rendered: {exc}")
        return EXIT_INVALID, False
    return status, True


#: The environment variable holding the password of ``render --encrypt``.
PASSWORD_VARIABLE = "SOAPNOTES_PDF_PASSWORD"  # noqa: S105 - a variable name


def _password(args: argparse.Namespace) -> str | None:
    """``--encrypt``'s password: the environment variable, else a prompt on a terminal; never
    an argument (other users can read a process's arguments). None (reported) when neither
    gives one."""
    import getpass
    import os

    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None and sys.stdin is not None and sys.stdin.isatty():
        password = getpass.getpass("Password for the PDF: ")
    if not password:
        write(
            sys.stderr,
            f"soapnotes render: --encrypt needs a password: set {PASSWORD_VARIABLE} "
            "or run in a terminal",
        )
        return None
    return password


def _render_each(args: argparse.Namespace, options: RenderOptions) -> int:
    status = EXIT_OK
    written: dict[Path, str] = {}  # PDF written in this run -> the input it came from
    for name in args.files:
        target = _target_of(name, args)
        if _refuse_target(name, target, args, written):
            status = EXIT_INVALID
            continue
        outcome, rendered = _render_one(name, target, args, options)
        status = max(status, outcome)
        if rendered:
            written[target] = name
            if not args.quiet:
                write(sys.stdout, f"{name}: rendered {target}")
    return status


def _cmd_render(args: argparse.Namespace) -> int:
    """Render each FILE; problems on stderr, ``FILE: rendered OUT`` on stdout."""
    if args.output is not None and refuse_pdf_output("render", Path(args.output), args.files):
        return EXIT_INVALID
    options = _render_options(args)
    if options is None:
        return EXIT_INVALID
    if args.encrypt and args.archival:
        write(
            sys.stderr,
            "soapnotes render: PDF/A forbids encryption: use --archival or --encrypt, not both",
        )
        return EXIT_INVALID
    args.password = _password(args) if args.encrypt else None
    if args.encrypt and args.password is None:
        return EXIT_INVALID
    if args.workers is not None or any(Path(name).is_dir() for name in args.files):
        if args.archival or args.encrypt:
            write(
                sys.stderr,
                "soapnotes render: --archival and --encrypt render FILEs one by one, not a batch",
            )
            return EXIT_INVALID
        if args.output is not None:
            write(sys.stderr, "soapnotes render: -o/--output takes one FILE; use --out-dir")
            return EXIT_INVALID
        return _render_batch(args, options)
    if args.output is not None and len(args.files) != 1:
        write(sys.stderr, "soapnotes render: -o/--output takes one FILE; use --out-dir for many")
        return EXIT_INVALID
    return _render_each(args, options)


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """``render``."""
    render = commands.add_parser(
        "render", help="render note files to PDF (next to each FILE by default)"
    )
    render.add_argument("files", nargs="+", metavar="FILE")
    where = render.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT.pdf", help="the PDF for a single FILE")
    where.add_argument("--out-dir", metavar="DIR", help="write NAME.pdf for each FILE into DIR")
    render.add_argument("--page-size", choices=("a4", "letter"), default="a4")
    add_locale_option(render, "the notes")
    render.add_argument(
        "--strict", action="store_true", help="do not render notes with rule errors"
    )
    render.add_argument(
        "--strict-fonts",
        action="store_true",
        help="fail instead of warning when a character has no glyph in any font",
    )
    render.add_argument(
        "--fallback-font",
        action="append",
        default=[],
        metavar="TTF",
        help="a TrueType font for characters DejaVu Sans lacks (repeatable)",
    )
    render.add_argument(
        "--archival",
        nargs="?",
        const="3b",
        default=False,
        choices=("3b", "1b"),
        help="PDF/A: 3b (the default) carries the record, which every command reads back; "
        "1b is the same pages without it",
    )
    render.add_argument(
        "--encrypt",
        action="store_true",
        help="encrypt with AES-256 (for sending); the password comes from "
        "$SOAPNOTES_PDF_PASSWORD or a prompt; not with --archival",
    )
    render.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    render.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help=(
            "render in N processes (default: all cores) into --out-dir, named "
            "CLIENT_DATE_SESSION.pdf; used for every FILE that is a folder too"
        ),
    )
    render.set_defaults(run=_cmd_render)
