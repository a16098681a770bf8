"""The ``soapnotes`` command: a thin shell over the public API.

Exit codes: 0 success, 1 a note has clinical errors (or does not verify), 2 invalid input or
usage. Every subcommand is one ``_cmd_*`` function registered in :func:`_parser`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from soapnotes._files import note_files, write_atomic
from soapnotes._version import __version__
from soapnotes.errors import InvalidRecord, LifecycleError, SoapnotesError
from soapnotes.io import Format, dump, dumps, load
from soapnotes.io._datetime import parse_aware_datetime
from soapnotes.models.note import Note
from soapnotes.rules import RuleOptions, Severity, rule_codes, validate

if TYPE_CHECKING:
    from soapnotes.render import RenderOptions

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INVALID = 2


def _write(stream: TextIO, line: str) -> None:
    stream.write(line + "\n")


def _report_invalid(exc: InvalidRecord, name: str, stream: TextIO) -> None:
    for problem in exc.problems:
        _write(stream, f"{name}: {problem.path}: {problem.message}")


def _cmd_example(args: argparse.Namespace) -> int:
    from soapnotes.examples import example_names, load_example

    if args.list:
        for name in example_names():
            _write(sys.stdout, name)
        return EXIT_OK
    try:
        note = load_example(args.name)
    except InvalidRecord:  # pragma: no cover - the shipped examples are tested
        raise
    except SoapnotesError as exc:
        _write(sys.stderr, f"soapnotes example: {exc}")
        return EXIT_INVALID
    text = dumps(note, args.format)
    if args.output is None:
        sys.stdout.write(text)
    else:
        try:
            write_atomic(Path(args.output), text.encode("utf-8"))
        except OSError as exc:
            _write(sys.stderr, f"soapnotes example: cannot write the file ({exc.strerror})")
            return EXIT_INVALID
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    """Load each file and run the clinical rules.

    Text: one ``FILE: SEVERITY CODE $.path: message`` line per finding (``FILE: ok`` when none,
    unless ``--quiet``). JSON: one list of ``{file, code, severity, path, message}`` objects on
    stdout; files that cannot be loaded are reported on stderr. Exit 2 when any input is
    invalid, else 1 when any note has an error finding, else 0.
    """
    known = {code.code for code in rule_codes()}
    unknown = sorted(set(args.ignore) - known)
    if unknown:
        _write(sys.stderr, f"soapnotes validate: unknown rule code(s): {', '.join(unknown)}")
        return EXIT_INVALID
    options = RuleOptions(disabled=frozenset(args.ignore))
    as_json = args.format == "json"
    problems_to = sys.stderr if as_json else sys.stdout
    status = EXIT_OK
    rows: list[dict[str, str]] = []
    for name in args.files:
        try:
            note = load(name)
        except InvalidRecord as exc:
            _report_invalid(exc, name, problems_to)
            status = EXIT_INVALID
            continue
        except OSError as exc:
            _write(problems_to, f"{name}: cannot read the file ({exc.strerror or 'error'})")
            status = EXIT_INVALID
            continue
        findings = validate(note, options)
        if any(f.severity is Severity.ERROR for f in findings) and status == EXIT_OK:
            status = EXIT_FINDINGS
        if as_json:
            rows.extend({"file": name, **finding.to_dict()} for finding in findings)
        elif findings:
            for finding in findings:
                _write(sys.stdout, f"{name}: {finding}")
        elif not args.quiet:
            _write(sys.stdout, f"{name}: ok")
    if as_json:
        _write(sys.stdout, json.dumps(rows, ensure_ascii=False, indent=2))
    return status


# -- sign, amend, verify -------------------------------------------------------------------


def _parse_at(text: str) -> dt.datetime:
    """An ISO 8601 date-time with a UTC offset (``Z`` allowed), for ``--at``."""
    try:
        return parse_aware_datetime(text.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _load_for(name: str) -> Note | None:
    """Load a note, reporting why it cannot be loaded on stderr (None then)."""
    try:
        return load(name)
    except InvalidRecord as exc:
        _report_invalid(exc, name, sys.stderr)
    except OSError as exc:
        _write(sys.stderr, f"{name}: cannot read the file ({exc.strerror or 'error'})")
    return None


def _output_target(command: str, args: argparse.Namespace) -> Path | int | None:
    """Where the note goes: a path, None for stdout, or an exit code when refused."""
    source = Path(args.file)
    if args.in_place:
        return source
    if args.output is None:
        return None
    target = Path(args.output)
    if target.exists() and target.resolve() == source.resolve():
        _write(sys.stderr, f"soapnotes {command}: -o names the input file; use --in-place")
        return EXIT_INVALID
    if target.exists() and not args.force:
        _write(sys.stderr, f"soapnotes {command}: {target} exists; pass --force to replace it")
        return EXIT_INVALID
    if target.suffix.lower() not in (".json", ".toml"):
        _write(sys.stderr, f"soapnotes {command}: {target}: the name must end in .json or .toml")
        return EXIT_INVALID
    return target


def _emit(command: str, note: Note, source: str, target: Path | None) -> int:
    if target is None:
        fmt: Format = "toml" if Path(source).suffix.lower() == ".toml" else "json"
        sys.stdout.write(dumps(note, fmt))
        return EXIT_OK
    try:
        dump(note, target)
    except OSError as exc:
        _write(
            sys.stderr, f"soapnotes {command}: cannot write {target} ({exc.strerror or 'error'})"
        )
        return EXIT_INVALID
    return EXIT_OK


def _report_refusal(name: str, exc: LifecycleError) -> None:
    for reason in exc.reasons:
        _write(sys.stderr, f"{name}: {reason}")


def _cmd_sign(args: argparse.Namespace) -> int:
    """Sign FILE; the signed note goes to stdout, ``-o OUT`` or, with --in-place, FILE."""
    from soapnotes.lifecycle import sign

    target = _output_target("sign", args)
    if isinstance(target, int):
        return target
    note = _load_for(args.file)
    if note is None:
        return EXIT_INVALID
    unknown = sorted(set(args.ignore) - {code.code for code in rule_codes()})
    if unknown:
        _write(sys.stderr, f"soapnotes sign: unknown rule code(s): {', '.join(unknown)}")
        return EXIT_INVALID
    options = RuleOptions(disabled=frozenset(args.ignore))
    at = args.at or dt.datetime.now(dt.timezone.utc)
    try:
        signed = sign(note, args.signer, args.credential, at, rule_options=options)
    except LifecycleError as exc:
        _report_refusal(args.file, exc)
        return EXIT_FINDINGS
    return _emit("sign", signed, args.file, target)


def _cmd_amend(args: argparse.Namespace) -> int:
    """Append an addendum to the signed note in FILE; output as for ``sign``."""
    from soapnotes.lifecycle import amend

    target = _output_target("amend", args)
    if isinstance(target, int):
        return target
    note = _load_for(args.file)
    if note is None:
        return EXIT_INVALID
    at = args.at or dt.datetime.now(dt.timezone.utc)
    try:
        amended = amend(note, args.author, at, args.reason, args.text)
    except LifecycleError as exc:
        _report_refusal(args.file, exc)
        return EXIT_FINDINGS
    return _emit("amend", amended, args.file, target)


def _cmd_verify(args: argparse.Namespace) -> int:
    """``FILE: ok`` or one ``FILE: what: message`` line per mismatch; exit 1 if any fails."""
    from soapnotes.lifecycle import verify

    status = EXIT_OK
    for name in args.files:
        note = _load_for(name)
        if note is None:
            status = EXIT_INVALID
            continue
        result = verify(note)
        if result.ok:
            if not args.quiet:
                _write(sys.stdout, f"{name}: ok (content {result.content_sha256[:12]})")
            continue
        for mismatch in result.mismatches:
            _write(sys.stdout, f"{name}: {mismatch}")
        status = max(status, EXIT_FINDINGS)
    return status


def _add_lifecycle_commands(commands: argparse._SubParsersAction[Any]) -> None:
    def output_options(command: argparse.ArgumentParser) -> None:
        where = command.add_mutually_exclusive_group()
        where.add_argument("-o", "--output", metavar="OUT", help="write to OUT (.json or .toml)")
        where.add_argument("--in-place", action="store_true", help="replace FILE atomically")
        command.add_argument("--force", action="store_true", help="replace OUT if it exists")
        command.add_argument(
            "--at", type=_parse_at, metavar="TIME", help="ISO 8601 with offset; default now"
        )

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
    output_options(sign)
    sign.set_defaults(run=_cmd_sign)

    amend = commands.add_parser(
        "amend", help="append an addendum to a signed note; output as for sign"
    )
    amend.add_argument("file", metavar="FILE")
    amend.add_argument("--author", required=True, help="who writes the addendum")
    amend.add_argument("--reason", required=True, help="why the correction is needed")
    amend.add_argument("--text", required=True, help="the correction")
    output_options(amend)
    amend.set_defaults(run=_cmd_amend)

    verify = commands.add_parser(
        "verify", help="check signed notes' hashes; exit 1 when any does not verify"
    )
    verify.add_argument("files", nargs="+", metavar="FILE")
    verify.add_argument("-q", "--quiet", action="store_true", help="print mismatches only")
    verify.set_defaults(run=_cmd_verify)


def _note_names(names: Sequence[str]) -> Iterator[str]:
    """The FILEs as given and the note files in each folder (see :func:`note_files`)."""
    return (str(path) for path in note_files(names))


class _Progress:
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


def _same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` name one file (links and case-insensitive names included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return a.resolve() == b.resolve()


def _refuse_output(command: str, target: Path, inputs: Sequence[str]) -> bool:
    """Report on stderr and return True when ``-o`` is not a .pdf or would replace an input."""
    if target.suffix.lower() != ".pdf":
        _write(sys.stderr, f"soapnotes {command}: -o {target}: the name must end in .pdf")
        return True
    if any(_same_file(target, Path(name)) for name in inputs):
        _write(
            sys.stderr,
            f"soapnotes {command}: -o {target} is one of the input files; it would be overwritten",
        )
        return True
    return False


def _cmd_render_batch(args: argparse.Namespace, options: RenderOptions) -> int:
    """Many notes through render_many: progress on a terminal, a summary, exit 1 on failure.

    Failures go to stderr, the summary to stdout.
    """
    from soapnotes.render.batch import iter_render_many

    files = list(_note_names(args.files))
    out_dir = Path(args.out_dir or ".")
    out_dir.mkdir(parents=True, exist_ok=True)
    progress = _Progress(len(files)) if sys.stderr.isatty() and not args.quiet else None
    done = failed = 0
    results = iter_render_many(files, out_dir, workers=args.workers, options=options)
    for result in results:
        done += 1
        if not result.ok:
            failed += 1
            if progress is not None:
                sys.stderr.write("\r\033[K")
            _write(sys.stderr, f"{result.source}: not rendered: {result.error}")
        if progress is not None:
            progress.update(done, failed)
    if progress is not None:
        progress.close()
    _write(sys.stdout, f"rendered {done - failed} of {done} notes into {out_dir}; {failed} failed")
    return EXIT_FINDINGS if failed else EXIT_OK


def _cmd_render(args: argparse.Namespace) -> int:
    """Render each FILE; problems on stderr, ``FILE: rendered OUT`` on stdout.

    Never writes over an input file, and never writes one PDF twice in a run (two inputs of
    the same stem into one folder): the second is reported as not rendered, exit 2.
    """
    from soapnotes.errors import RenderError
    from soapnotes.render import FallbackFont, FontSet, PageSize, RenderOptions, render_note
    from soapnotes.render.fonts import load_fallbacks

    if args.output is not None and _refuse_output("render", Path(args.output), args.files):
        return EXIT_INVALID
    fonts = FontSet(fallbacks=tuple(FallbackFont(source=f) for f in args.fallback_font))
    try:
        load_fallbacks(fonts)  # one clear message now rather than one per note
    except RenderError as exc:
        _write(sys.stderr, f"soapnotes render: {exc}")
        return EXIT_INVALID
    options = RenderOptions(
        page_size=PageSize(args.page_size), strict_fonts=args.strict_fonts, fonts=fonts
    )
    if args.workers is not None or any(Path(name).is_dir() for name in args.files):
        if args.output is not None:
            _write(sys.stderr, "soapnotes render: -o/--output takes one FILE; use --out-dir")
            return EXIT_INVALID
        return _cmd_render_batch(args, options)
    if args.output is not None and len(args.files) != 1:
        _write(sys.stderr, "soapnotes render: -o/--output takes one FILE; use --out-dir for many")
        return EXIT_INVALID
    status = EXIT_OK
    written: dict[Path, str] = {}  # PDF written in this run -> the input it came from
    for name in args.files:
        if args.output is not None:
            target = Path(args.output)
        else:
            folder = Path(args.out_dir) if args.out_dir else Path(name).parent
            target = folder / (Path(name).stem + ".pdf")
        if any(_same_file(target, Path(other)) for other in args.files):
            _write(sys.stderr, f"{name}: not rendered: {target} is one of the input files")
            status = EXIT_INVALID
            continue
        first = next((src for out, src in written.items() if _same_file(target, out)), None)
        if first is not None:
            _write(
                sys.stderr,
                f"{name}: not rendered: {target} was already written from {first} in this "
                "run; render it with -o or into another --out-dir",
            )
            status = EXIT_INVALID
            continue
        try:
            note = load(name)
        except InvalidRecord as exc:
            _report_invalid(exc, name, sys.stderr)
            status = EXIT_INVALID
            continue
        except OSError as exc:
            _write(sys.stderr, f"{name}: cannot read the file ({exc.strerror or 'error'})")
            status = EXIT_INVALID
            continue
        findings = validate(note)
        errors = [f for f in findings if f.severity is Severity.ERROR]
        if errors:
            for finding in errors:
                _write(sys.stderr, f"{name}: {finding}")
            status = max(status, EXIT_FINDINGS)
            if args.strict:
                _write(sys.stderr, f"{name}: not rendered (--strict and rule errors)")
                continue
        try:
            render_note(note, target, options=options, findings=findings)  # shows them
        except (SoapnotesError, OSError) as exc:
            _write(sys.stderr, f"{name}: not rendered: {exc}")
            status = EXIT_INVALID
            continue
        written[target] = name
        if not args.quiet:
            _write(sys.stdout, f"{name}: rendered {target}")
    return status


def _cmd_progress(args: argparse.Namespace) -> int:
    """Render a course's progress report; problems on stderr, the success line on stdout."""
    from soapnotes.progress import load_course, open_findings
    from soapnotes.render import PageSize, RenderOptions, render_progress

    if _refuse_output("progress", Path(args.output), args.paths):
        return EXIT_INVALID
    try:
        course = load_course(args.paths)
    except InvalidRecord as exc:
        _report_invalid(exc, "soapnotes progress", sys.stderr)
        return EXIT_INVALID
    except OSError as exc:
        _write(sys.stderr, f"{exc.filename}: cannot read the file ({exc.strerror or 'error'})")
        return EXIT_INVALID
    findings = open_findings(course)
    try:
        render_progress(
            course,
            Path(args.output),
            RenderOptions(page_size=PageSize(args.page_size)),
            findings=findings,
        )
    except (SoapnotesError, OSError) as exc:
        _write(sys.stderr, f"{args.output}: not rendered: {exc}")
        return EXIT_INVALID
    if not args.quiet:
        _write(sys.stdout, f"{args.output}: progress report of {len(course.notes)} sessions")
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="soapnotes",
        description="Typed SOAP treatment notes for lymphatic drainage and other massage.",
    )
    parser.add_argument("--version", action="version", version=f"soapnotes {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    example = commands.add_parser(
        "example", help="write a shipped example note (stdout by default)"
    )
    example.add_argument("name", nargs="?", default="lymphedema-left-arm", help="example name")
    example.add_argument("--format", choices=("json", "toml"), default="toml")
    example.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead")
    example.add_argument("--list", action="store_true", help="list the example names")
    example.set_defaults(run=_cmd_example)

    validate = commands.add_parser(
        "validate",
        help="check note files (.json or .toml) against the clinical rules; exit 1 on clinical "
        "errors, 2 on invalid input",
    )
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    validate.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (text)"
    )
    validate.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODE",
        help="skip the rule with this code, e.g. SN-OR-004 (repeatable)",
    )
    validate.set_defaults(run=_cmd_validate)

    render = commands.add_parser(
        "render", help="render note files to PDF (next to each FILE by default)"
    )
    render.add_argument("files", nargs="+", metavar="FILE")
    where = render.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT.pdf", help="the PDF for a single FILE")
    where.add_argument("--out-dir", metavar="DIR", help="write NAME.pdf for each FILE into DIR")
    render.add_argument("--page-size", choices=("a4", "letter"), default="a4")
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
    _add_lifecycle_commands(commands)

    progress = commands.add_parser(
        "progress", help="render a client's course (note files or folders) as a progress report"
    )
    progress.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    progress.add_argument(
        "-o", "--output", metavar="OUT.pdf", required=True, help="the PDF (name ends in .pdf)"
    )
    progress.add_argument("--page-size", choices=("a4", "letter"), default="a4")
    progress.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    progress.set_defaults(run=_cmd_progress)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
