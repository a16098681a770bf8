"""``soapnotes new`` (today's draft from the last note) and ``soapnotes letter``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from soapnotes._files import write_atomic
from soapnotes.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    add_locale_option,
    locale_of,
    parse_at,
    read_course,
    refuse_pdf_output,
    report_invalid,
    report_unreadable,
    same_file,
    write,
)
from soapnotes.errors import InvalidRecord, SoapnotesError, UsageError
from soapnotes.i18n._active import gettext as tr
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import Modality


def _last_note(source: str) -> Note | None:
    """The note at ``source``, or the latest of the course folder; None when reported."""
    from soapnotes.io import load
    from soapnotes.progress import load_course

    try:
        return load_course([source]).last if Path(source).is_dir() else load(source)
    except InvalidRecord as exc:
        report_invalid(exc, source, sys.stderr)
    except OSError as exc:
        report_unreadable(source, exc, sys.stderr)
    return None


def _target(args: argparse.Namespace) -> Path | int | None:
    """Where the draft goes: a new .json/.toml path, None for stdout, or an exit code."""
    if args.output is None:
        return None
    target = Path(args.output)
    if target.suffix.lower() not in (".json", ".toml"):
        write(sys.stderr, f"soapnotes new: {target}: the name must end in .json or .toml")
        return EXIT_INVALID
    if args.source is not None and same_file(target, Path(args.source)):
        write(sys.stderr, f"soapnotes new: -o {target} is the last note; it is never changed")
        return EXIT_INVALID
    if target.exists() and not args.force:
        write(sys.stderr, f"soapnotes new: {target} exists; pass --force to replace it")
        return EXIT_INVALID
    return target


def _cmd_new(args: argparse.Namespace) -> int:
    """Write today's draft (or a first-visit template); what to fill in goes to stderr."""
    from soapnotes.io import dumps
    from soapnotes.workflow import ToFill, first_visit, follow_up, to_fill

    target = _target(args)
    if isinstance(target, int):
        return target
    if args.client is not None and target is not None and target.suffix.lower() != ".toml":
        write(sys.stderr, f"soapnotes new: {target}: a first-visit template is TOML (.toml)")
        return EXIT_INVALID
    left: tuple[ToFill, ...]
    try:
        if args.client is not None:
            template = first_visit(
                client_id=args.client,
                start=args.start,
                session_id=args.session_id,
                minutes=60 if args.minutes is None else args.minutes,
                modality=Modality(args.modality),
            )
            text, left = template.toml, template.to_fill
        else:
            last = _last_note(args.source)
            if last is None:
                return EXIT_INVALID
            draft = follow_up(
                last, start=args.start, session_id=args.session_id, minutes=args.minutes
            )
            as_json = target is not None and target.suffix.lower() == ".json"
            text, left = dumps(draft, "json" if as_json else "toml"), to_fill(draft)
    except UsageError as exc:
        write(sys.stderr, f"soapnotes new: {exc}")
        return EXIT_INVALID
    if target is None:
        sys.stdout.write(text)
    else:
        try:
            write_atomic(target, text.encode("utf-8"))
        except OSError as exc:
            write(sys.stderr, f"{target}: not written ({exc.strerror or 'error'})")
            return EXIT_INVALID
    name = str(target) if target is not None else "the draft"
    write(sys.stderr, f"{name}: {len(left)} to fill in before signing:")
    for item in left:
        write(sys.stderr, f"  {item}")
    return EXIT_OK


def _cmd_letter(args: argparse.Namespace) -> int:
    """Render the letter on a course; problems on stderr, the success line on stdout."""
    from soapnotes.progress import open_findings
    from soapnotes.render import PageSize, RenderOptions, render_letter

    if refuse_pdf_output("letter", Path(args.output), args.paths):
        return EXIT_INVALID
    locale = locale_of("letter", args)
    if locale is None:
        return EXIT_INVALID
    course = read_course("letter", args.paths)
    if isinstance(course, int):
        return course
    try:
        render_letter(
            course,
            Path(args.output),
            to=args.to,
            options=RenderOptions(page_size=PageSize(args.page_size), locale=locale),
            findings=open_findings(course),
            dated=args.date,
        )
    except (SoapnotesError, OSError) as exc:
        write(sys.stderr, f"{args.output}: not rendered: {exc}")
        return EXIT_INVALID
    if not args.quiet:
        from soapnotes.i18n import using_locale

        with using_locale(locale):
            line = tr(
                "{file}: letter on {count} sessions", file=args.output, count=len(course.notes)
            )
        write(sys.stdout, line)
    return EXIT_OK


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """``new``, ``letter``."""
    new = commands.add_parser(
        "new", help="start today's draft note from the last one (a note or a course folder)"
    )
    source = new.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--from",
        dest="source",
        metavar="LAST.toml|COURSE_DIR",
        help="the last note, or a course folder (its latest note by session start)",
    )
    source.add_argument(
        "--client",
        metavar="CLIENT_ID",
        help="a first visit: a template for a new client, every required field marked",
    )
    new.add_argument(
        "--start",
        type=parse_at,
        required=True,
        metavar="DATETIME",
        help="when today's session starts, with its UTC offset (2026-11-21T10:00-04:00)",
    )
    new.add_argument("--session-id", metavar="ID", help="today's session id")
    new.add_argument(
        "--minutes", type=int, metavar="N", help="today's duration (the last one's, or 60)"
    )
    new.add_argument(
        "--modality",
        choices=[m.value for m in Modality],
        default=Modality.MANUAL_LYMPHATIC_DRAINAGE.value,
        help="with --client: the massage given (manual_lymphatic_drainage)",
    )
    new.add_argument(
        "-o", "--output", metavar="NEXT.toml", help="write the draft here (default: stdout)"
    )
    new.add_argument("--force", action="store_true", help="replace an existing -o file")
    new.set_defaults(run=_cmd_new)

    letter = commands.add_parser(
        "letter", help="write the letter on a course (note files or folders) to the physician"
    )
    letter.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    letter.add_argument(
        "--to", required=True, metavar="WHO", help='who it is to: "Dr. Amira Haddad, Oncology"'
    )
    letter.add_argument(
        "-o", "--output", metavar="OUT.pdf", required=True, help="the PDF (name ends in .pdf)"
    )
    letter.add_argument(
        "--date", type=_date, metavar="YYYY-MM-DD", help="the letter's date (the last session's)"
    )
    letter.add_argument("--page-size", choices=("a4", "letter"), default="a4")
    add_locale_option(letter, "the letter")
    letter.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    letter.set_defaults(run=_cmd_letter)
