"""The JSON Schema (2020-12) of the interchange format, generated from the record types.

Each record class becomes a ``$defs`` entry (the note itself is the root): its fields are the
properties, the fields without a default are ``required`` and no other key is allowed. A
field's JSON type comes from its type hint, and what its validators of
:mod:`soapnotes.models._fields` allow (ranges, patterns, list lengths, unique items) is read
from their parameters, so the schema follows the records as they change. A validator the
generator does not know is an error, unless :data:`NOT_EXPRESSED` names it with the reason
JSON Schema cannot say it; ``docs/json-schema.md`` lists those and the record cross-field
checks the schema leaves to the library.
"""

from __future__ import annotations

import datetime as dt
import json
import typing
from collections.abc import Callable
from typing import Any

import attrs

from soapnotes.io._types import is_optional, tuple_item, without_none
from soapnotes.io._v1 import V1_FIELDS
from soapnotes.models import _fields, diagnosis, measurements, note
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import _Vocabulary
from soapnotes.schema import SCHEMA_IDS

__all__ = ["NOT_EXPRESSED", "generate", "schema_json"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


#: Validators whose rule JSON Schema cannot state, and why (listed in docs/json-schema.md).
NOT_EXPRESSED: dict[Callable[..., None], str] = {
    measurements._increasing: "the distances of a series' points must strictly increase",
    measurements._disk_points_evenly_spaced: (
        "the disk method needs the points every interval_cm apart"
    ),
}

# Every character str.strip() removes: text must hold one that is not among them. Spelt
# out as escapes so that Python's re and ECMA-262 engines read the class alike.
_BLANK = "".join(f"\\u{c:04x}" for c in range(0x10000) if chr(c).isspace())
_NOT_BLANK = f"[^{_BLANK}]"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# soapnotes.io._datetime: seconds optional, up to 6 fraction digits, an offset required.
_DATETIME = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?(\.[0-9]{1,6})?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})$"
)
_PATTERNS: dict[Callable[..., None], str] = {
    _fields.identifier: r"^[A-Za-z0-9._-]{1,64}$",
    note._sha256_hex: r"^[0-9a-f]{64}$",
    note._rule_code: r"^SN-[A-Z]{2}-[0-9]{3}$",
    note._optional_jws: r"^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+$",
    diagnosis.icd10_code: r"^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$",
}
# The type hint already says all these check.
_TYPE_ONLY = (_fields.calendar_date, _fields.aware_datetime)

Schema = dict[str, Any]


def _summary(cls: type) -> str:
    """The first paragraph of a record's docstring, on one line."""
    doc = (cls.__doc__ or cls.__name__).strip().split("\n\n")[0]
    return " ".join(doc.split())


def _is_identity(key: Callable[[Any], object]) -> bool:
    """True when a unique_by key is the item itself (then ``uniqueItems`` says it)."""
    probe = object()
    try:
        return key(probe) is probe
    except Exception:  # a key reading an attribute: uniqueness by a part of the item
        return False


class _Generator:
    """Builds the schema of one version: the records it reaches go to ``defs``."""

    def __init__(self, version: int) -> None:
        self.version = version
        self.defs: dict[str, Schema] = {}

    def fields(self, cls: type) -> list[attrs.Attribute[Any]]:
        if self.version == 1:
            return [a for a in attrs.fields(cls) if a.name in V1_FIELDS[cls.__name__]]
        return list(attrs.fields(cls))

    def record(self, cls: type) -> Schema:
        hints = typing.get_type_hints(cls)
        properties = {a.name: self.field(cls, a, hints[a.name]) for a in self.fields(cls)}
        out: Schema = {
            "title": cls.__name__,
            "description": _summary(cls),
            "type": "object",
            "properties": properties,
        }
        required = [a.name for a in self.fields(cls) if a.default is attrs.NOTHING]
        if cls is Note and self.version == 2:
            required.insert(0, "schema_version")  # left out, a note is version 1
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        return out

    def ref(self, cls: type) -> Schema:
        if cls.__name__ not in self.defs:
            self.defs[cls.__name__] = {}  # reserved first: records may nest
            self.defs[cls.__name__] = self.record(cls)
        return {"$ref": f"#/$defs/{cls.__name__}"}

    def field(self, cls: type, attribute: attrs.Attribute[Any], tp: Any) -> Schema:
        if cls is Note and attribute.name == "schema_version":
            if self.version == 1:
                return {"const": 1, "description": "Version 1 (may be left out)."}
            return {"const": 2}
        schema = self.value(tp, attribute.validator)
        default = attribute.default
        if default is not attrs.NOTHING and default is not None and default != ():
            schema["default"] = default.value if isinstance(default, _Vocabulary) else default
        return schema

    def value(self, tp: Any, validator: Any) -> Schema:
        """The schema of a value of type ``tp`` checked by ``validator``."""
        if is_optional(tp):
            inner = without_none(tp)
            check = validator.check if isinstance(validator, _fields._Optional) else validator
            return _nullable(self.value(inner, check))
        schema = self.base(tp)
        for part in _parts(validator):
            self.refine(schema, tp, part)
        return schema

    def base(self, tp: Any) -> Schema:
        if tp is str:
            return {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is float:
            return {"type": "number"}
        if tp is dt.datetime:
            return {"type": "string", "format": "date-time", "pattern": _DATETIME}
        if tp is dt.date:
            return {"type": "string", "format": "date", "pattern": _DATE}
        if isinstance(tp, type) and issubclass(tp, _Vocabulary):
            return {"type": "string", "enum": [member.value for member in tp]}
        item = tuple_item(tp)
        if item is not None:
            return {"type": "array", "items": self.base(item)}
        if isinstance(tp, type) and attrs.has(tp):
            return self.ref(tp)
        raise TypeError(f"no JSON Schema for the field type {tp!r}")

    def refine(self, schema: Schema, tp: Any, validator: Any) -> None:
        """Add what ``validator`` allows to ``schema`` (the schema of a ``tp`` value)."""
        if isinstance(validator, _fields._Text):
            schema["pattern"] = _NOT_BLANK
            schema["maxLength"] = validator.max_chars
        elif validator in _PATTERNS:
            schema["pattern"] = _PATTERNS[validator]
            if validator is note._optional_jws:
                schema["maxLength"] = note.MAX_JWS_CHARS
        elif isinstance(validator, _fields._IntRange):
            schema["minimum"] = validator.low
            if validator.high is not None:
                schema["maximum"] = validator.high
        elif isinstance(validator, _fields._NumberRange):
            schema["exclusiveMinimum" if validator.low_open else "minimum"] = validator.low
            schema["maximum"] = validator.high
        elif isinstance(validator, _fields._TupleOf):
            if validator.min_len:
                schema["minItems"] = validator.min_len
            schema["maxItems"] = validator.max_len
            for part in _parts(validator.element):
                self.refine(schema["items"], tuple_item(tp), part)
        elif isinstance(validator, _fields._UniqueBy):
            if _is_identity(validator.key):
                schema["uniqueItems"] = True
        elif validator is note._readable_schema_version:
            schema["enum"] = list(note.READABLE_SCHEMA_VERSIONS)
        elif not _type_only(validator) and validator not in NOT_EXPRESSED:
            raise TypeError(f"the schema generator does not know the validator {validator!r}")


def _type_only(validator: Any) -> bool:
    """A validator that checks no more than the JSON type the type hint gives."""
    if validator in _TYPE_ONLY or isinstance(validator, _fields._InstanceOf):
        return True
    return type(validator).__name__ == "_InstanceOfValidator"  # attrs' own instance_of


def _parts(validator: Any) -> tuple[Any, ...]:
    """The validators a field's validator is made of (attrs joins a list into one)."""
    if validator is None:
        return ()
    parts = getattr(validator, "_validators", None)
    if type(validator).__name__ == "_AndValidator" and isinstance(parts, tuple):
        return parts
    return (validator,)


def _nullable(schema: Schema) -> Schema:
    """``schema`` or null (JSON writes null for an absent field; TOML leaves it out)."""
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    out = dict(schema)
    out["type"] = [schema["type"], "null"]
    if "enum" in out:
        out["enum"] = [*out["enum"], None]
    return out


def generate(version: int = 2) -> Schema:
    """The JSON Schema (2020-12) of a note in interchange schema ``version`` (1 or 2)."""
    if version not in SCHEMA_IDS:
        raise ValueError("version must be 1 or 2")
    generator = _Generator(version)
    root = generator.record(Note)
    what = "a soapnotes note" if version == 2 else "a soapnotes note of schema version 1"
    out: Schema = {
        "$schema": _DIALECT,
        "$id": SCHEMA_IDS[version],
        "title": f"soapnotes note, interchange schema {version}",
        "description": (
            f"The JSON/TOML layout of {what} (docs/schema.md). Generated from the record "
            "types by soapnotes; rules across fields are checked by soapnotes itself "
            "(docs/json-schema.md)."
        ),
        **{k: v for k, v in root.items() if k not in ("title", "description")},
        "$defs": dict(sorted(generator.defs.items())),
    }
    return out


def schema_json(version: int) -> str:
    """The text of the shipped file of schema ``version``: 2-space JSON and a newline."""
    return json.dumps(generate(version), indent=2, ensure_ascii=False) + "\n"


def _write_shipped() -> None:
    """Regenerate the shipped files beside this module (``python -m`` this module)."""
    from pathlib import Path

    folder = Path(__file__).resolve().parent
    for version in SCHEMA_IDS:
        (folder / f"note-{version}.schema.json").write_text(schema_json(version), "utf-8")


if __name__ == "__main__":
    _write_shipped()
