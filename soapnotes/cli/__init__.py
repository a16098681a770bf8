"""The ``soapnotes`` command: a thin shell over the public API.

Exit codes: 0 success, 1 a note has clinical errors (or does not verify), 2 invalid input or
usage. Each command family is one module with its ``_cmd_*`` functions and an
``add_commands`` that registers them: ``_records`` (example, validate), ``_render``
(render, with the batch progress bar), ``_lifecycle`` (sign, amend, verify),
``_progress`` (progress), ``_migrate`` (migrate), ``_exchange`` (schema, export) and
``_workflow`` (new, letter);
``_common`` holds what they share.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from soapnotes._version import __version__
from soapnotes.cli import (
    _exchange,
    _lifecycle,
    _migrate,
    _pdfsign,
    _progress,
    _records,
    _render,
    _workflow,
)
from soapnotes.cli._common import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK

__all__ = ["EXIT_FINDINGS", "EXIT_INVALID", "EXIT_OK", "main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="soapnotes",
        description="Typed SOAP treatment notes for lymphatic drainage and other massage.",
    )
    parser.add_argument("--version", action="version", version=f"soapnotes {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # The order of `soapnotes --help`.
    for family in (
        _records,
        _workflow,
        _render,
        _lifecycle,
        _pdfsign,
        _progress,
        _migrate,
        _exchange,
    ):
        family.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
