"""``soapnotes schema``: the published JSON Schema of the interchange format.

``schema`` prints the shipped JSON Schema (2020-12) of version 2, or of version 1 with
``--version 1``, to stdout or to ``-o FILE`` (``docs/json-schema.md``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from soapnotes.cli._common import EXIT_INVALID, EXIT_OK, write


def _write_text(command: str, text: str, output: str | None, force: bool) -> int:
    """``text`` to stdout, or atomically to ``output`` (refusing to replace one without
    ``--force``)."""
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    from soapnotes._files import write_atomic

    target = Path(output)
    if target.exists() and not force:
        write(sys.stderr, f"soapnotes {command}: {target} exists; pass --force to replace it")
        return EXIT_INVALID
    try:
        write_atomic(target, text.encode("utf-8"))
    except OSError as exc:
        write(
            sys.stderr, f"soapnotes {command}: cannot write {target} ({exc.strerror or 'error'})"
        )
        return EXIT_INVALID
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    """The shipped schema of ``--version`` (2 unless asked) as JSON."""
    from soapnotes.schema import schema_text

    return _write_text("schema", schema_text(args.schema_version), args.output, args.force)


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """``schema``."""
    schema = commands.add_parser(
        "schema", help="print the JSON Schema (2020-12) of the note files, version 2 or 1"
    )
    schema.add_argument(
        "--version",
        dest="schema_version",
        type=int,
        choices=(1, 2),
        default=2,
        help="the interchange schema version (default 2)",
    )
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    schema.add_argument("--force", action="store_true", help="replace FILE if it exists")
    schema.set_defaults(run=_cmd_schema)
