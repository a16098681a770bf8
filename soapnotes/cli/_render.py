"""``soapnotes render``: note files to PDF, one by one or as a batch with a progress bar.

One by one (the default): never writes over an input file, and never writes one PDF twice
in a run (two inputs of the same stem into one folder): the second is reported as not
rendered, exit 2. A folder among the FILEs, or ``--workers``, renders the batch through
:func:`soapnotes.render.batch.iter_render_many` into ``--out-dir``.
"""

from __future__ import annotations

import argparse
import os
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
from soapnotes.cli._pdfsign import add_sign_options
from soapnotes.errors import SoapnotesError
from soapnotes.findings import Severity
from soapnotes.i18n._active import gettext as tr
from soapnotes.rules import validate

if TYPE_CHECKING:
    from soapnotes.lifecycle import SigningKey
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


#: The most --workers accepted at all (more is lowered to the batch's own cap).
_WORKERS_LIMIT = 1024


def _worker_count(text: str) -> int:
    """``--workers N``: a whole number from 1 to 1024 (a usage error otherwise)."""
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= count <= _WORKERS_LIMIT:
        raise argparse.ArgumentTypeError(f"must be from 1 to {_WORKERS_LIMIT}")
    return count


def _seconds(text: str) -> float:
    """``--time-limit SECONDS``: a positive number."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError("must be a positive number of seconds")
    return value


def _usable_out_dir(out_dir: Path) -> str | None:
    """Why ``out_dir`` cannot take the batch's PDFs (None when it can); creates it if new."""
    from soapnotes._files import write_temp_beside

    if out_dir.exists() and not out_dir.is_dir():
        return f"--out-dir {out_dir} is not a folder"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        os.unlink(write_temp_beside(out_dir / "probe", b""))  # writable, for real
    except OSError as exc:
        return f"--out-dir {out_dir}: cannot write there ({exc.strerror or 'error'})"
    return None


def _render_batch(args: argparse.Namespace, options: RenderOptions) -> int:
    """Many notes through the batch renderer: progress on a terminal, a summary always.

    Exit codes as for files one by one: 2 when any note was not rendered, else 1 when any
    has rule errors. Problems go to stderr, the summary to stdout.
    """
    from soapnotes.render.batch import iter_render_many

    out_dir = Path(args.out_dir or ".")
    refused = _usable_out_dir(out_dir)
    if refused is not None:
        write(sys.stderr, f"soapnotes render: {refused}")
        return EXIT_INVALID
    files = [str(path) for path in note_files(args.files)]
    progress = _ProgressBar(len(files)) if sys.stderr.isatty() and not args.quiet else None
    done = failed = flagged = 0
    try:
        for result in iter_render_many(
            files, out_dir, workers=args.workers, options=options, time_limit=args.time_limit
        ):
            done += 1
            if progress is not None and (result.rule_errors or result.warnings or not result.ok):
                sys.stderr.write("\r\033[K")
            for error in result.rule_errors:
                write(sys.stderr, f"{result.source}: {error}")
            for line in result.warnings:
                write(sys.stderr, f"{result.source}: warning: {line}")
            flagged += bool(result.rule_errors)
            if not result.ok:
                failed += 1
                write(sys.stderr, f"{result.source}: not rendered: {result.error}")
            if progress is not None:
                progress.update(done, failed)
    finally:  # also after Ctrl-C or an unexpected error: say what was done
        if progress is not None:
            progress.close()
        left = len(files) - done
        write(
            sys.stdout,
            f"rendered {done - failed} of {len(files)} notes into {out_dir}; "
            f"{failed} failed" + (f", {left} not reached" if left else ""),
        )
    if failed:
        return EXIT_INVALID
    return EXIT_FINDINGS if flagged else EXIT_OK


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
        metadata_names=not args.no_metadata_names,
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
    from soapnotes.cli._pdfsign import sign_bytes
    from soapnotes.render import render_note_bytes
    from soapnotes.render._document import deliver
    from soapnotes.render._glyphs import rendering_glyph_lines

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
        data, glyphs = rendering_glyph_lines(
            note,
            lambda: render_note_bytes(
                note,
                options=options,
                findings=findings,
                archival=args.archival,
                password=args.password,
            ),
        )
        if args.signing_key is not None:
            signed = sign_bytes("render", data, args.signing_key, args, options.locale)
            if signed is None:
                return EXIT_INVALID, False
            data = signed
        deliver(data, target)
    except (SoapnotesError, OSError) as exc:
        write(sys.stderr, f"{name}: not rendered: {exc}")
        return EXIT_INVALID, False
    for line in glyphs:
        write(sys.stderr, f"{name}: warning: {line}")
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


def _rendered_line(name: str, target: Path, locale: str) -> str:
    """``FILE: rendered OUT`` in the language of the note."""
    from soapnotes.i18n import using_locale

    with using_locale(locale):
        return tr("{file}: rendered {target}", file=name, target=str(target))


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
                write(sys.stdout, _rendered_line(name, target, options.locale))
    return status


def _render_key(args: argparse.Namespace) -> SigningKey | int | None:
    """``--sign``'s key (``--key``, ``--cert``); exit code 2 when it is missing or unreadable."""
    from soapnotes.cli._keys import signing_key

    if not args.sign:
        if args.key is not None or args.cert is not None:
            write(sys.stderr, "soapnotes render: --key and --cert go with --sign")
            return EXIT_INVALID
        return None
    key = signing_key("render", args)
    if key is None:
        write(sys.stderr, "soapnotes render: --sign needs --key (and --cert)")
        return EXIT_INVALID
    return key


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
    if args.sign and args.encrypt:
        write(sys.stderr, "soapnotes render: --sign signs an unencrypted PDF: not with --encrypt")
        return EXIT_INVALID
    args.signing_key = _render_key(args)
    if isinstance(args.signing_key, int):
        return args.signing_key
    args.password = _password(args) if args.encrypt else None
    if args.encrypt and args.password is None:
        return EXIT_INVALID
    if args.workers is not None or any(Path(name).is_dir() for name in args.files):
        if args.archival or args.encrypt or args.sign:
            write(
                sys.stderr,
                "soapnotes render: --archival, --encrypt and --sign render FILEs one by one, "
                "not a batch",
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
    render.add_argument(
        "--sign",
        action="store_true",
        help="sign the PDF (PAdES, a visible signature block) with --key/--cert; best with "
        "--archival, whose record `soapnotes verify` then checks against the pages",
    )
    add_sign_options(render, with_key=True)
    render.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    render.add_argument(
        "--no-metadata-names",
        action="store_true",
        help="keep the client's name out of the PDF's metadata (title, subject)",
    )
    render.add_argument(
        "--time-limit",
        type=_seconds,
        default=120.0,
        metavar="SECONDS",
        help="in a batch, stop and report a note that takes longer (default 120)",
    )
    render.add_argument(
        "--workers",
        type=_worker_count,
        metavar="N",
        help=(
            "render in N processes (default: all cores) into --out-dir, named "
            "CLIENT_DATE_SESSION.pdf; used for every FILE that is a folder too"
        ),
    )
    render.set_defaults(run=_cmd_render)
