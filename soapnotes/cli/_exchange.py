"""``soapnotes export`` and ``soapnotes schema``: the standard doors to other systems.

``export NOTE... --format fhir -o OUT`` writes each note as a FHIR R4 document Bundle
(``docs/fhir.md``): one NOTE to the file OUT (or into the folder OUT), several into the
existing folder OUT as ``NAME.fhir.json``. ``schema`` prints the shipped JSON Schema
(2020-12) of version 2, or of version 1 with ``--version 1``, to stdout or to ``-o FILE``
(``docs/json-schema.md``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from soapnotes.cli._common import EXIT_INVALID, EXIT_OK, load_reporting, same_file, write


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


def _export_targets(args: argparse.Namespace) -> list[Path] | None:
    """Where each NOTE's bundle goes, or None once the refusal is reported on stderr."""
    out = Path(args.output)
    if len(args.notes) == 1 and not out.is_dir():
        if out.suffix.lower() != ".json":
            write(sys.stderr, f"soapnotes export: -o {out}: the name must end in .json")
            return None
        return [out]
    if not out.is_dir():
        write(sys.stderr, f"soapnotes export: -o {out}: several notes need an existing folder")
        return None
    return [out / f"{Path(name).stem}.fhir.json" for name in args.notes]


def _cmd_export(args: argparse.Namespace) -> int:
    """Each NOTE as a FHIR R4 document Bundle; exit 0 when all are written, 2 for
    unreadable or invalid notes and refused outputs."""
    import json

    from soapnotes.fhir import to_bundle

    targets = _export_targets(args)
    if targets is None:
        return EXIT_INVALID
    status = EXIT_OK
    for name, target in zip(args.notes, targets, strict=True):
        if any(same_file(target, Path(other)) for other in args.notes):
            write(sys.stderr, f"soapnotes export: {target} is one of the input notes")
            status = EXIT_INVALID
            continue
        note = load_reporting(name, sys.stderr)
        if note is None:
            status = EXIT_INVALID
            continue
        bundle = to_bundle(note, note_type=args.note_type, cpt=args.cpt)
        text = json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"
        status = max(status, _write_text("export", text, str(target), args.force))
    return status


def _cmd_schema(args: argparse.Namespace) -> int:
    """The shipped schema of ``--version`` (2 unless asked) as JSON."""
    from soapnotes.schema import schema_text

    return _write_text("schema", schema_text(args.schema_version), args.output, args.force)


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """``export`` and ``schema``."""
    export = commands.add_parser(
        "export", help="write notes as FHIR R4 document Bundles (JSON) for clinic systems"
    )
    export.add_argument("notes", nargs="+", metavar="NOTE")
    export.add_argument(
        "--format", choices=("fhir",), default="fhir", help="the exchange format (fhir)"
    )
    export.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="a .json file, or a folder"
    )
    export.add_argument(
        "--note-type",
        choices=("progress", "physical_therapy"),
        default="progress",
        help="LOINC 11506-3 Progress note (default) or 11508-9 Physical therapy progress note",
    )
    export.add_argument(
        "--cpt", action="store_true", help="code the treatment CPT 97140 (US billing)"
    )
    export.add_argument("--force", action="store_true", help="replace outputs that exist")
    export.set_defaults(run=_cmd_export)
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
