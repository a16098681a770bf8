"""The published JSON Schema (2020-12) of the interchange format, versions 1 and 2.

The schemas are generated from the record types and their validators
(:mod:`soapnotes.schema._generate`) and ship in the package as ``note-1.schema.json`` and
``note-2.schema.json``; ``tests/schema/test_current.py`` fails when a record changes and
the files were not regenerated (``python -m soapnotes.schema._generate``). Each has a
stable ``$id`` (:data:`SCHEMA_IDS`), which TOML files name on their first line
(``#:schema <id>``) for editors such as taplo. See ``docs/json-schema.md``.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from soapnotes.errors import UsageError

__all__ = ["SCHEMA_IDS", "json_schema", "schema_text"]

#: The stable ``$id`` of each schema version (1, 2): where the schema is published.
#:
#: .. versionadded:: 0.2.0
SCHEMA_IDS: dict[int, str] = {
    version: f"https://soapnotes.dev/schema/{version}/note.schema.json" for version in (1, 2)
}


def schema_text(version: int = 2) -> str:
    """The JSON text of the shipped schema of interchange ``version`` (1 or 2).

    Raises:
        UsageError: ``version`` is neither 1 nor 2.

    .. versionadded:: 0.2.0
    """
    if isinstance(version, bool) or version not in SCHEMA_IDS:
        raise UsageError("version must be 1 or 2")
    return resources.files(__name__).joinpath(f"note-{version}.schema.json").read_text("utf-8")


def json_schema(version: int = 2) -> dict[str, Any]:
    """The shipped JSON Schema of interchange ``version`` (1 or 2) as plain data.

    Raises:
        UsageError: ``version`` is neither 1 nor 2.

    .. versionadded:: 0.2.0
    """
    schema: dict[str, Any] = json.loads(schema_text(version))
    return schema
