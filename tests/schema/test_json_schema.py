"""The published JSON Schema: current, valid 2020-12, and as strict as it can be."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given

import soapnotes
from soapnotes.schema import SCHEMA_IDS, json_schema, schema_text
from soapnotes.schema._generate import schema_json
from soapnotes.strategies import FaultKind, InvalidNoteData, invalid_note_data, notes
from tests.conftest import EXAMPLES_DIR, quick

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
V1_DIR = ROOT / "tests" / "data" / "v1"
EXAMPLE_FILES = sorted(
    path
    for folder in (EXAMPLES_DIR, V1_DIR)
    for suffix in ("toml", "json")
    for path in folder.rglob(f"*.{suffix}")
)


def _validator(version: int) -> jsonschema.protocols.Validator:
    schema = json_schema(version)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


VALIDATORS = {version: _validator(version) for version in SCHEMA_IDS}


def _as_json(value: Any) -> Any:
    """TOML data as editors see it: native dates and date-times become ISO 8601 text."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value


def _read(path: Path) -> Any:
    if path.suffix == ".json":
        return json.loads(path.read_text("utf-8"))
    return _as_json(tomllib.loads(path.read_text("utf-8")))


def _leaves(errors: Any) -> list[jsonschema.ValidationError]:
    """The errors themselves, or for an ``anyOf`` (a nullable record) those of its branches."""
    out: list[jsonschema.ValidationError] = []
    for error in errors:
        out += _leaves(error.context) if error.context else [error]
    return out


def _errors(data: Any, version: int = 2) -> list[str]:
    """The $.paths of the schema's errors on ``data``, sorted, each once."""
    paths = {
        "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in e.absolute_path)
        for e in _leaves(VALIDATORS[version].iter_errors(data))
    }
    return sorted(paths)


@pytest.mark.parametrize("version", sorted(SCHEMA_IDS))
def test_shipped_schema_is_current(version: int) -> None:
    """The shipped file is what the records generate (else run python -m
    soapnotes.schema._generate)."""
    assert schema_text(version) == schema_json(version)


@pytest.mark.parametrize("version", sorted(SCHEMA_IDS))
def test_schema_is_valid_2020_12_with_its_stable_id(version: int) -> None:
    """Each schema is itself valid under the 2020-12 meta-schema and names its $id."""
    schema = json_schema(version)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_IDS[version]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_validates_against_its_version(path: Path) -> None:
    """Every shipped example and v1 original validates against the schema of its version."""
    data = _read(path)
    version = data.get("schema_version", 1)
    assert _errors(data, version) == []


@pytest.mark.parametrize(
    "path", sorted(EXAMPLES_DIR.rglob("*.toml")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_every_toml_example_names_its_schema_first(path: Path) -> None:
    """The first line of each TOML example is `#:schema` and the $id of its version."""
    first = path.read_text("utf-8").split("\n", 1)[0]
    version = _read(path).get("schema_version", 1)
    assert first == f"#:schema {SCHEMA_IDS[version]}"


def test_version_1_schema_refuses_schema_2_fields() -> None:
    """The version-1 schema knows only version-1 fields: a v2 field is an unknown key."""
    data = _read(V1_DIR / "lymphedema-left-arm.json")
    assert _errors(data, 1) == []
    data["session"]["compression"] = {"garments": []}
    assert _errors(data, 1) == ["$.session"]
    assert _errors({**data, "schema_version": 2}, 1) == ["$.schema_version", "$.session"]


@given(notes())
@quick(25)
def test_every_generated_note_validates(note: soapnotes.Note) -> None:
    """Every generated note's interchange data (any Unicode, signed or not) validates."""
    assert _errors(soapnotes.to_dict(note)) == []


def _expressible(data: InvalidNoteData) -> bool:
    """False for a fault JSON Schema cannot express: an integral float where an integer
    belongs (2020-12 counts 60.0 as an integer)."""
    for fault in data.faults:
        if fault.kind is FaultKind.WRONG_TYPE:
            node: Any = data.data
            for part in _parts(fault.path):
                node = node[part]
            if isinstance(node, float) and node.is_integer():
                return False
    return True


def _parts(path: str) -> list[str | int]:
    out: list[str | int] = []
    for piece in path[1:].replace("[", ".[").split("."):
        if piece:
            out.append(int(piece[1:-1]) if piece.startswith("[") else piece)
    return out


@given(invalid_note_data())
@quick(50)
def test_every_expressible_fault_is_rejected(bad: InvalidNoteData) -> None:
    """Every fault invalid_note_data injects that JSON Schema can express is rejected."""
    errors = _errors(bad.data)
    if not _expressible(bad):
        return
    # Each fault is reported at its path, or (an unknown or missing key) at its record's.
    for fault in bad.faults:
        holder = _holder(fault.path)
        assert fault.path in errors or holder in errors, (fault, errors)


def _holder(path: str) -> str:
    """The path of the record (or list) holding ``path``'s last part."""
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else "$"


@pytest.mark.parametrize("blank", ["", " ", "\t\n", "\u2028", "\x1c", "\u3000\u0085"])
def test_blank_text_is_refused_as_the_library_refuses_it(blank: str) -> None:
    """Text that str.strip() leaves empty is refused, whatever the whitespace."""
    data = soapnotes.to_dict(soapnotes.examples.load_example())
    data["practice"]["name"] = blank
    assert _errors(data) == ["$.practice.name"]
    with pytest.raises(soapnotes.InvalidRecord):
        soapnotes.from_dict(data)


def test_integral_float_for_an_integer_is_what_the_schema_cannot_refuse() -> None:
    """Documented gap: 60.0 for an integer passes the schema; the library refuses it."""
    data = soapnotes.to_dict(soapnotes.examples.load_example())
    data["session"]["duration_minutes"] = 60.0
    assert _errors(data) == []
    with pytest.raises(soapnotes.InvalidRecord):
        soapnotes.from_dict(data)
