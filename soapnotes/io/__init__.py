"""Reading and writing notes: dict, JSON and TOML, with every problem at its ``$.path``.

Everything the outside world sends comes out either as records or as one
:class:`~soapnotes.errors.InvalidRecord` listing every problem with its ``$.path``.

The interchange layout (stable; see the README): snake_case keys named as the record fields,
dates as ``YYYY-MM-DD``, date-times as ISO 8601 with a UTC offset, enums as their lowercase
string values, lists for tuples. JSON writes every field (``null`` for absent ones); TOML has
no null, so absent fields are left out. TOML may also use its native dates and date-times.

Input is strict: unknown keys, naive date-times, a float where an integer belongs, ``"60"``
for 60, ``true`` for 1, a non-finite number, and duplicate JSON keys are all errors.

Notes of schema version 1 are migrated to version 2 as they are read (``_migrate``; a note
without ``schema_version`` is version 1); every record is written as version 2. Any other
version is refused with the versions this release reads (``docs/schema.md``).

Sound input is built by a generated fast path (``_fast``); anything it doubts goes through
the detailed cattrs path (``_converter``), which decides and reports. JSON, TOML, cattrs and
file writing load on first use, so ``import soapnotes`` stays light
(``benchmarks/import_time.py``).
"""

from __future__ import annotations

import os
import typing
from typing import TYPE_CHECKING, Any, TypeVar

from soapnotes.errors import InvalidRecord, Problem
from soapnotes.io import _fast
from soapnotes.io._converter import structure_detailed, unstructure
from soapnotes.io._migrate import upgrade
from soapnotes.io._problems import Invalid, invalid_record
from soapnotes.io._types import Format, check_format
from soapnotes.models.note import SCHEMA_VERSION, Note

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "Format",
    "dump",
    "dumps",
    "from_dict",
    "load",
    "loads",
    "to_dict",
]

R = TypeVar("R")


@typing.overload
def from_dict(data: object, *, source: str | None = None) -> Note: ...
@typing.overload
def from_dict(data: object, record_type: type[R], *, source: str | None = None) -> R: ...
def from_dict(data: object, record_type: type[Any] = Note, *, source: str | None = None) -> Any:
    """Build a record (a :class:`Note` unless ``record_type`` says otherwise) from plain data.

    Args:
        data: a dict as produced by :func:`to_dict` or parsed from JSON/TOML.
        record_type: any soapnotes record class.
        source: a file name to put in front of the error message.

    A note of schema version 1 is migrated to version 2 first (``docs/schema.md``).

    Raises:
        InvalidRecord: listing every problem with its ``$.path``; a note of a schema version
            this release does not read is refused at ``$.schema_version``, naming the
            versions it reads.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 version 1 notes are migrated to version 2.
    """
    if record_type is Note and not (
        type(data) is dict and data.get("schema_version") == SCHEMA_VERSION
    ):
        data = upgrade(data)  # version 1 (or left out) becomes 2; anything else as it is
    fast = _fast.structurer(record_type)
    if fast is not None:
        try:
            return fast(data)
        except Exception:  # noqa: S110 - any doubt: the detailed path decides and reports
            pass
    return structure_detailed(data, record_type, source=source)


def to_dict(record: object) -> dict[str, Any]:
    """The record as plain data in the interchange layout (absent fields as None).

    .. versionadded:: 0.1.0
    """
    return unstructure(record)


def dumps(record: object, format: Format = "json") -> str:
    """The record as JSON (2-space indent, UTF-8 text, fields in record order) or TOML.

    Raises:
        UsageError: ``format`` is neither ``"json"`` nor ``"toml"``.

    .. versionadded:: 0.1.0
    """
    check_format(format)
    data = to_dict(record)
    if format == "json":
        import json

        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    from soapnotes.io._toml import dumps_toml

    return dumps_toml(data, type(record))


@typing.overload
def loads(text: str | bytes, format: Format = "json", *, source: str | None = None) -> Note: ...
@typing.overload
def loads(
    text: str | bytes, format: Format, record_type: type[R], *, source: str | None = None
) -> R: ...
def loads(
    text: str | bytes,
    format: Format = "json",
    record_type: type[Any] = Note,
    *,
    source: str | None = None,
) -> Any:
    """Parse JSON or TOML text (or UTF-8 bytes) into a record.

    Raises:
        InvalidRecord: syntax errors (with line and column) and every structural problem.
        UsageError: ``format`` is neither ``"json"`` nor ``"toml"``.

    .. versionadded:: 0.1.0
    """
    from soapnotes.io._parse import decode, parse

    try:
        data = parse(decode(text), format)
    except Invalid as exc:
        raise invalid_record(exc, source) from None
    return from_dict(data, record_type, source=source)


def _format_of(path: Path) -> Format:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix == ".toml":
        return "toml"
    raise InvalidRecord(
        [Problem("$", "the file name must end in .json or .toml")], source=str(path)
    )


@typing.overload
def load(path: str | os.PathLike[str]) -> Note: ...
@typing.overload
def load(path: str | os.PathLike[str], record_type: type[R]) -> R: ...
def load(path: str | os.PathLike[str], record_type: type[Any] = Note) -> Any:
    """Read a note (or another record) from a ``.json`` or ``.toml`` file.

    The file must be a regular file (not a FIFO or a device) of at most ``MAX_NOTE_BYTES``
    (16 MiB; ``docs/reliability.md``).

    An archival PDF (``render_note(..., archival=True)``) is read for the record it carries
    (the ``archive`` extra; up to four times ``MAX_NOTE_BYTES``: the pages come with it).

    Raises:
        InvalidRecord: unknown suffix, syntax errors, every structural problem; a PDF that
            carries no record.
        OSError: the file cannot be read; ``soapnotes._files.FileRefused`` (an OSError)
            when it is not a regular file or is too large.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 refuses non-regular and over-large files; archival PDFs.
    """
    from pathlib import Path

    from soapnotes._files import MAX_NOTE_BYTES, read_bounded

    file = Path(path)
    if file.suffix.lower() == ".pdf":
        from soapnotes.io._pdf import record_from_pdf

        record = record_from_pdf(read_bounded(file, 4 * MAX_NOTE_BYTES), str(file))
        return loads(record, "json", record_type, source=str(file))
    format = _format_of(file)
    return loads(read_bounded(file, MAX_NOTE_BYTES), format, record_type, source=str(file))


def dump(record: object, path: str | os.PathLike[str]) -> None:
    """Write a record to ``path`` as JSON or TOML (by suffix), atomically.

    The text goes to a temporary file in the same folder which is then renamed into place,
    so a crash never leaves half a file.

    .. versionadded:: 0.1.0
    """
    from pathlib import Path

    from soapnotes._files import write_atomic

    file = Path(path)
    write_atomic(file, dumps(record, _format_of(file)).encode("utf-8"))
