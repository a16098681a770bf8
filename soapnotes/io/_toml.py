"""Writing TOML: interchange data made native (TOML dates, no nulls, no empty optional lists).

TOML has no null, so absent fields are left out, and so are empty lists of fields that have
a default; dates and date-times are written as TOML's own. A note begins with the
``#:schema`` line naming its JSON Schema, so editors (taplo, Even Better TOML) check it.
"""

from __future__ import annotations

import datetime as dt
import functools
import typing
from typing import Any

import attrs

from soapnotes.io._types import is_optional, tuple_item, without_none


@functools.cache
def _toml_layout(record_type: type) -> tuple[dict[str, Any], dict[str, bool]]:
    """A record's field types and which fields have defaults (resolved once per class)."""
    hints = typing.get_type_hints(record_type)
    defaults = {a.name: a.default is not attrs.NOTHING for a in attrs.fields(record_type)}
    return hints, defaults


def nativise(value: Any, record_type: type) -> Any:
    """Prepare unstructured data for TOML: native dates, no nulls, no empty optional lists."""
    hints, defaults = _toml_layout(record_type)
    out = {}
    for key, item in value.items():
        if item is None or (item == [] and defaults[key]):
            continue
        out[key] = _nativise_value(item, hints[key])
    return out


def _nativise_value(item: Any, tp: Any) -> Any:
    if item is None:
        return None
    if is_optional(tp):
        tp = without_none(tp)
    if tp is dt.datetime:
        return dt.datetime.fromisoformat(item)
    if tp is dt.date:
        return dt.date.fromisoformat(item)
    inner = tuple_item(tp)
    if inner is not None:
        return [_nativise_value(v, inner) for v in item]
    if attrs.has(tp):
        return nativise(item, tp)
    return item


def dumps_toml(data: dict[str, Any], record_type: type) -> str:
    """The interchange data of a ``record_type`` record as TOML text."""
    return toml_text(nativise(data, record_type), record_type)


def toml_text(native: dict[str, Any], record_type: type) -> str:
    """Data already made native (:func:`nativise`) as the TOML text of a ``record_type``."""
    import tomli_w

    from soapnotes.models.note import SCHEMA_VERSION, Note
    from soapnotes.schema import SCHEMA_IDS

    text: str = tomli_w.dumps(native)
    if record_type is Note:
        return f"#:schema {SCHEMA_IDS[SCHEMA_VERSION]}\n{text}"
    return text
