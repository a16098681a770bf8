"""Older layouts: schema 1 note data becomes schema 2 as it is read (``docs/schema.md``).

Schema 2 only adds to schema 1: every version-1 field keeps its name, type and meaning, and
every field schema 2 adds is optional. So migrating is small and exact: the version becomes
2 and, for a signed note, the signature records that its content hash was computed over the
version-1 canonical form (``Signature.content_schema_version = 1``), which is how a signed v1
note still verifies after loading (:mod:`soapnotes.io._v1`, ``docs/lifecycle.md``). Nothing
is re-signed and no hash is recomputed.

A note without ``schema_version`` was written for version 1, where the field could be left
out. Data of any other version is left as it is, for the record's own check to refuse with
the versions this release reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["data_version", "upgrade"]


def data_version(data: Mapping[str, Any]) -> object:
    """The ``schema_version`` of note data: 1 when it is left out, else as given."""
    return data.get("schema_version", 1)


def upgrade(data: object) -> object:
    """Note data of schema version 1 as schema-2 data; any other data unchanged.

    The input is never changed: a migrated note is a shallow copy (and so is its signature).
    """
    if type(data) is not dict and not isinstance(data, Mapping):
        return data
    version = data.get("schema_version", 1)
    if type(version) is not int or version != 1:  # True == 1, but is no version
        return data
    out = dict(data)
    out["schema_version"] = 2
    signature = out.get("signature")
    if (
        signature is not None
        and isinstance(signature, Mapping)
        and "content_schema_version" not in signature
    ):
        out["signature"] = {**signature, "content_schema_version": 1}
    return out
