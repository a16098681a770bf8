"""``soapnotes migrate``: rewrite note files in the current schema (version 2).

Loading already migrates a version-1 note; this command writes the result: to stdout (one
FILE, in its own format), to ``-o OUT`` (a file for one FILE, an existing folder for
several), or back to each FILE with ``--in-place``. A signed note keeps its signature as it
is: the migration never re-signs, and the signature still covers the version-1 form it was
computed over (``docs/lifecycle.md``). A signed note that does not verify is refused, so a
migration never carries a broken signature forward unnoticed. Comments in a TOML file are
not kept.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from soapnotes.cli._common import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, report_invalid, write
from soapnotes.errors import InvalidRecord
from soapnotes.io import Format, dump, dumps
from soapnotes.models.note import SCHEMA_VERSION, Note

_COMMAND = "soapnotes migrate"


def _format(path: Path) -> Format | None:
    suffix = path.suffix.lower()
    return "json" if suffix == ".json" else "toml" if suffix == ".toml" else None


def _read(name: str) -> tuple[object, Note] | int:
    """(the version the file says, the migrated note), or an exit code once reported."""
    from soapnotes._files import MAX_NOTE_BYTES, read_bounded
    from soapnotes.io import from_dict
    from soapnotes.io._migrate import data_version
    from soapnotes.io._parse import decode, parse
    from soapnotes.io._problems import Invalid, invalid_record

    path = Path(name)
    fmt = _format(path)
    if fmt is None:
        write(sys.stderr, f"{name}: $: the file name must end in .json or .toml")
        return EXIT_INVALID
    try:
        data = parse(decode(read_bounded(path, MAX_NOTE_BYTES)), fmt)
        version = data_version(data) if isinstance(data, dict) else None
        return version, from_dict(data, source=name)
    except OSError as exc:
        write(sys.stderr, f"{name}: cannot read the file ({exc.strerror or 'error'})")
    except Invalid as exc:
        report_invalid(invalid_record(exc, name), name, sys.stderr)
    except InvalidRecord as exc:
        report_invalid(exc, name, sys.stderr)
    return EXIT_INVALID


def _broken_signature(name: str, note: Note) -> bool:
    """Report and return True when ``note`` is signed and does not verify."""
    from soapnotes.lifecycle import verify

    if note.signature is None:
        return False
    result = verify(note)
    if result.ok:
        return False
    for mismatch in result.mismatches:
        write(sys.stderr, f"{name}: {mismatch}")
    write(
        sys.stderr,
        f"{name}: signed, but the signature does not verify: not migrated (a migration "
        "never carries a broken signature forward, and never re-signs)",
    )
    return True


def _targets(args: argparse.Namespace) -> list[Path | None] | int:
    """Where each FILE goes (None: stdout), or an exit code once the refusal is reported."""
    files = [Path(name) for name in args.files]
    if args.in_place:
        return list(files)
    if args.output is None:
        if len(files) > 1:
            write(sys.stderr, f"{_COMMAND}: several files need --in-place or -o FOLDER")
            return EXIT_INVALID
        return [None]
    out = Path(args.output)
    if len(files) == 1 and not out.is_dir():
        if _format(out) is None:
            write(sys.stderr, f"{_COMMAND}: {out}: the name must end in .json or .toml")
            return EXIT_INVALID
        return [out]
    if not out.is_dir():
        write(sys.stderr, f"{_COMMAND}: -o {out}: several files need an existing folder")
        return EXIT_INVALID
    return [out / f.name for f in files]


def _refuse_target(name: str, target: Path | None, args: argparse.Namespace) -> bool:
    if target is None or args.in_place or args.force or not target.exists():
        return False
    if target.resolve() == Path(name).resolve():
        write(sys.stderr, f"{_COMMAND}: -o names the input file {name}; use --in-place")
    else:
        write(sys.stderr, f"{_COMMAND}: {target} exists; pass --force to replace it")
    return True


def _write(note: Note, name: str, target: Path | None) -> int:
    if target is None:
        fmt = _format(Path(name)) or "json"
        sys.stdout.write(dumps(note, fmt))
        return EXIT_OK
    try:
        dump(note, target)
    except OSError as exc:
        write(sys.stderr, f"{_COMMAND}: cannot write {target} ({exc.strerror or 'error'})")
        return EXIT_INVALID
    return EXIT_OK


def _what(version: object, note: Note) -> str:
    if version == SCHEMA_VERSION:
        return f"already schema {SCHEMA_VERSION}"
    line = f"schema {version} -> {SCHEMA_VERSION}"
    if note.signature is not None:
        line += (
            f"; signed: the signature still covers the schema-"
            f"{note.signature.content_schema_version} form and verifies (not re-signed)"
        )
    return line


def _cmd_migrate(args: argparse.Namespace) -> int:
    """Each FILE in schema 2; exit 0 when all are written, 1 when a signed note does not
    verify, 2 for unreadable or invalid input and refused outputs."""
    targets = _targets(args)
    if isinstance(targets, int):
        return targets
    status = EXIT_OK
    for name, target in zip(args.files, targets, strict=True):
        read = _read(name)
        if isinstance(read, int):
            status = max(status, read)
            continue
        version, note = read
        if _broken_signature(name, note):
            status = max(status, EXIT_FINDINGS)
            continue
        if _refuse_target(name, target, args):
            status = max(status, EXIT_INVALID)
            continue
        if args.in_place and version == SCHEMA_VERSION:
            write(sys.stderr, f"{name}: {_what(version, note)}; left as it is")
            continue
        code = _write(note, name, target)
        status = max(status, code)
        if code == EXIT_OK:
            write(sys.stderr, f"{name}: {_what(version, note)}")
    return status


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """``migrate``."""
    migrate = commands.add_parser(
        "migrate",
        help="rewrite note files in schema 2 (stdout, -o OUT or --in-place); signed notes "
        "keep their signature and must verify",
    )
    migrate.add_argument("files", nargs="+", metavar="FILE")
    where = migrate.add_mutually_exclusive_group()
    where.add_argument(
        "-o", "--output", metavar="OUT", help="a .json/.toml file, or a folder for several"
    )
    where.add_argument("--in-place", action="store_true", help="replace each FILE atomically")
    migrate.add_argument("--force", action="store_true", help="replace outputs that exist")
    migrate.set_defaults(run=_cmd_migrate)
