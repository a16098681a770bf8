"""``soapnotes progress``: a client's course (note files or folders) as a progress report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from soapnotes.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    add_locale_option,
    locale_of,
    read_course,
    refuse_pdf_output,
    write,
)
from soapnotes.errors import SoapnotesError
from soapnotes.i18n._active import gettext as tr


def _cmd_progress(args: argparse.Namespace) -> int:
    """Render a course's progress report; problems on stderr, the success line on stdout."""
    from soapnotes.progress import open_findings
    from soapnotes.render import PageSize, RenderOptions, render_progress

    if refuse_pdf_output("progress", Path(args.output), args.paths):
        return EXIT_INVALID
    locale = locale_of("progress", args)
    if locale is None:
        return EXIT_INVALID
    course = read_course("progress", args.paths)
    if isinstance(course, int):
        return course
    findings = open_findings(course)
    try:
        render_progress(
            course,
            Path(args.output),
            RenderOptions(page_size=PageSize(args.page_size), locale=locale),
            findings=findings,
        )
    except (SoapnotesError, OSError) as exc:
        write(sys.stderr, f"{args.output}: not rendered: {exc}")
        return EXIT_INVALID
    if not args.quiet:
        from soapnotes.i18n import using_locale

        with using_locale(locale):
            line = tr(
                "{file}: progress report of {count} sessions",
                file=args.output,
                count=len(course.notes),
            )
        write(sys.stdout, line)
    return EXIT_OK


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """``progress``."""
    progress = commands.add_parser(
        "progress", help="render a client's course (note files or folders) as a progress report"
    )
    progress.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    progress.add_argument(
        "-o", "--output", metavar="OUT.pdf", required=True, help="the PDF (name ends in .pdf)"
    )
    progress.add_argument("--page-size", choices=("a4", "letter"), default="a4")
    add_locale_option(progress, "the report")
    progress.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    progress.set_defaults(run=_cmd_progress)
