"""Loading and dumping notes: exact round trips, strict input, every problem with its path."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import soapnotes
from soapnotes import InvalidRecord, Note, Side, TreatedRegion
from tests.conftest import EXAMPLES_DIR

SECRET = "Client disclosed a confidential history of XYZZY"  # noqa: S105 - free text, not a password


@pytest.fixture
def note_dict(lymphedema_note: Note) -> dict[str, Any]:
    """The left-arm example as plain data."""
    return soapnotes.to_dict(lymphedema_note)


def _problems(data: object) -> dict[str, str]:
    with pytest.raises(InvalidRecord) as info:
        soapnotes.from_dict(data)
    return {p.path: p.message for p in info.value.problems}


def test_every_example_round_trips_through_dict_json_and_toml(example_name: str) -> None:
    """dict, JSON and TOML dump then load give an equal note for every shipped example."""
    note = soapnotes.load(EXAMPLES_DIR / f"{example_name}.toml")
    assert soapnotes.from_dict(soapnotes.to_dict(note)) == note
    assert soapnotes.loads(soapnotes.dumps(note, "json"), "json") == note
    assert soapnotes.loads(soapnotes.dumps(note, "toml"), "toml") == note


def test_json_twins_of_examples_are_in_sync(example_name: str) -> None:
    """examples/NAME.json is exactly what dumping examples/NAME.toml as JSON gives."""
    note = soapnotes.load(EXAMPLES_DIR / f"{example_name}.toml")
    twin = (EXAMPLES_DIR / f"{example_name}.json").read_text(encoding="utf-8")
    assert twin == soapnotes.dumps(note, "json")
    assert soapnotes.load(EXAMPLES_DIR / f"{example_name}.json") == note


def test_json_layout_is_snake_case_iso_dates_lowercase_enums(note_dict: dict[str, Any]) -> None:
    """The interchange format: ISO dates, aware ISO date-times, enum values as lowercase text."""
    assert note_dict["client"]["date_of_birth"] == "1968-04-12"
    assert note_dict["session"]["start"] == "2026-11-20T10:00:00-04:00"
    assert note_dict["session"]["modality"] == "manual_lymphatic_drainage"
    assert note_dict["session"]["treatment"][0]["drains_to"] == {
        "group": "supraclavicular",
        "side": "right",
    }
    assert note_dict["signature"] is None
    assert note_dict["addenda"] == []
    json.dumps(note_dict)  # plain JSON types only


def test_toml_output_uses_native_dates_and_leaves_out_absent_fields(lymphedema_note: Note) -> None:
    """TOML has no null: absent fields are left out and dates are TOML dates."""
    text = soapnotes.dumps(lymphedema_note, "toml")
    assert "date_of_birth = 1968-04-12\n" in text
    assert "start = 2026-11-20 10:00:00-04:00\n" in text
    assert "signature" not in text
    assert "null" not in text


def test_many_problems_reported_at_once_with_paths(note_dict: dict[str, Any]) -> None:
    """One InvalidRecord lists every problem, each with its $.path."""
    data = copy.deepcopy(note_dict)
    data["session"]["subjective"]["pain"] = 11
    data["session"]["treatment"][2]["minutes"] = 0
    data["session"]["treatment"][4]["region"] = "elbowpit"
    data["client"]["given_name"] = "   "
    del data["therapist"]["name"]
    data["practice"]["fax"] = "123"
    problems = _problems(data)
    assert problems == {
        "$.session.subjective.pain": "must be an integer from 0 to 10, got 11",
        "$.session.treatment[2].minutes": "must be an integer from 1 to 480, got 0",
        "$.session.treatment[4].region": problems["$.session.treatment[4].region"],
        "$.client.given_name": "must not be empty or blank",
        "$.therapist.name": "is required but missing",
        "$.practice.fax": problems["$.practice.fax"],
    }
    assert problems["$.session.treatment[4].region"].startswith("is not a known value; allowed:")
    assert "axilla" in problems["$.session.treatment[4].region"]
    assert problems["$.practice.fax"].startswith("is not a field of Practice; allowed: name,")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (60.0, "must be an integer, got a decimal number"),
        (60.5, "must be an integer, got a decimal number"),
        ("60", "must be an integer, got a string"),
        (True, "must be an integer, got a boolean"),
        (None, "must be an integer, got null"),
    ],
)
def test_wrong_types_are_errors_not_coerced(
    note_dict: dict[str, Any], value: object, message: str
) -> None:
    """A float, a numeric string, a boolean or null is never silently taken for an integer."""
    note_dict["session"]["duration_minutes"] = value
    assert _problems(note_dict) == {"$.session.duration_minutes": message}


@pytest.mark.parametrize(
    "value",
    ["2026-11-20T10:00:00", "2026-11-20 10:00", dt.datetime(2026, 11, 20, 10)],  # noqa: DTZ001
)
def test_naive_datetimes_are_errors(note_dict: dict[str, Any], value: object) -> None:
    """A date-time without a UTC offset is rejected, as text (JSON) or native (TOML)."""
    note_dict["session"]["start"] = value
    assert _problems(note_dict) == {
        "$.session.start": "has no UTC offset: add one such as +01:00 or Z"
    }


def test_aware_datetime_forms_accepted(note_dict: dict[str, Any]) -> None:
    """'Z', an explicit offset and a native aware datetime all load as the same instant."""
    expected = dt.datetime(2026, 11, 20, 14, tzinfo=dt.timezone.utc)
    for value in ("2026-11-20T14:00:00Z", "2026-11-20T15:00:00+01:00", expected):
        note_dict["session"]["start"] = value
        assert soapnotes.from_dict(note_dict).session.start == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1968-02-30", "must be a real calendar date as YYYY-MM-DD"),
        ("12/04/1968", "must be a date as YYYY-MM-DD, got a string"),
        ("19680412", "must be a date as YYYY-MM-DD, got a string"),
        (19680412, "must be a date as YYYY-MM-DD, got an integer"),
        ("1968-04-12T00:00:00+00:00", "must be a date as YYYY-MM-DD, got a string"),
    ],
)
def test_dates_must_be_iso(note_dict: dict[str, Any], value: object, message: str) -> None:
    """Dates are YYYY-MM-DD and real; other spellings are rejected, not guessed."""
    note_dict["client"]["date_of_birth"] = value
    assert _problems(note_dict) == {"$.client.date_of_birth": message}


def test_non_finite_numbers_rejected_in_json() -> None:
    """NaN and Infinity in JSON text are errors (no number in a note is ever non-finite)."""
    text = (EXAMPLES_DIR / "lymphedema-left-arm.json").read_text(encoding="utf-8")
    text = text.replace('"circumference_cm": 16.5', '"circumference_cm": NaN', 1)
    with pytest.raises(InvalidRecord) as info:
        soapnotes.loads(text)
    assert [str(p) for p in info.value.problems] == [
        "$.session.objective.circumferences[0].points[0].circumference_cm: "
        "NaN is not a number allowed in a note"
    ]


def test_duplicate_json_keys_rejected() -> None:
    """A JSON object that repeats a key is an error rather than last-one-wins."""
    with pytest.raises(InvalidRecord) as info:
        soapnotes.loads('{"practice": {"name": "A", "name": "B"}}')
    assert [str(p) for p in info.value.problems] == [
        "$.practice.name: this key is repeated in its object"
    ]


def test_json_syntax_error_has_line_and_column() -> None:
    """Invalid JSON gives the same exception with line and column."""
    with pytest.raises(InvalidRecord) as info:
        soapnotes.loads('{\n  "schema_version": 1,\n  "practice": }', source="bad.json")
    (problem,) = info.value.problems
    assert problem.path == "$"
    assert problem.message.startswith("invalid JSON at line 3, column 15:")
    assert str(info.value).startswith("bad.json: 1 problem in the input:")


def test_toml_syntax_error_has_line_and_column() -> None:
    """Invalid TOML gives the same exception with line and column."""
    with pytest.raises(InvalidRecord) as info:
        soapnotes.loads('schema_version = 1\n[practice]\nname = "A\n', "toml")
    (problem,) = info.value.problems
    assert problem.message.startswith("invalid TOML at line 3, column")


def test_bytes_must_be_utf8_and_may_carry_a_bom(lymphedema_note: Note) -> None:
    """UTF-8 bytes (with or without BOM) load; other bytes are an InvalidRecord."""
    data = soapnotes.dumps(lymphedema_note).encode("utf-8")
    assert soapnotes.loads(b"\xef\xbb\xbf" + data) == lymphedema_note
    with pytest.raises(InvalidRecord, match="not valid UTF-8"):
        soapnotes.loads(b'{"a": "\xff"}')


@pytest.mark.parametrize(
    "data", [None, [], "note", 3, {"session": []}, {"client": {"conditions": {}}}]
)
def test_wrong_shapes_raise_invalid_record(data: object) -> None:
    """Any JSON-like input that is not a note raises InvalidRecord, never another error."""
    with pytest.raises(InvalidRecord):
        soapnotes.from_dict(data)


def test_messages_never_echo_free_text(note_dict: dict[str, Any]) -> None:
    """Errors name the path and the problem, not the clinical text that caused it."""
    note_dict["session"]["subjective"]["pain"] = SECRET
    note_dict["session"]["modality"] = SECRET
    note_dict["client"]["date_of_birth"] = SECRET
    note_dict["session"]["start"] = SECRET
    note_dict["client"]["id"] = SECRET
    with pytest.raises(InvalidRecord) as info:
        soapnotes.from_dict(note_dict)
    assert len(info.value.problems) == 5
    assert "XYZZY" not in str(info.value)


def test_unknown_keys_are_echoed_only_when_they_look_like_field_names(
    note_dict: dict[str, Any],
) -> None:
    """A field-like unknown key is named in the path; pasted text in a key position is not."""
    note_dict["client"][SECRET] = 1
    note_dict["practice"]["fax"] = 1
    assert set(_problems(note_dict)) == {"$.client.<unknown key>", "$.practice.fax"}


@pytest.mark.parametrize("field", ["given_name", "family_name"])
def test_lone_surrogates_are_not_text(note_dict: dict[str, Any], field: str) -> None:
    """A JSON escape for half a surrogate pair is refused, on both loading paths."""
    text = (
        json.dumps(note_dict)
        .replace('"Zo\\u00eb"', '"Zo\\ud800"')
        .replace('"\\u0141ukasiewicz"', '"\\udc00ukasiewicz"')
    )
    with pytest.raises(InvalidRecord) as info:
        soapnotes.loads(text)
    messages = {p.path: p.message for p in info.value.problems}
    assert (
        messages[f"$.client.{field}"] == "contains a lone surrogate code point, which is not text"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"schema_version": 1' + "1" * 5000 + "}", "is a number too long to read"),
        ("[" * 100_000 + "]" * 100_000, "invalid JSON: nested too deeply"),
    ],
)
def test_pathological_json_is_an_invalid_record(text: str, message: str) -> None:
    """Huge integers and absurd nesting are reported, not raised as Python errors."""
    with pytest.raises(InvalidRecord) as info:
        soapnotes.loads(text)
    assert [p.message for p in info.value.problems] == [message]


def test_pathological_toml_is_an_invalid_record() -> None:
    """The same for TOML."""
    with pytest.raises(InvalidRecord, match="too long"):
        soapnotes.loads("schema_version = 1" + "1" * 5000, "toml")
    with pytest.raises(InvalidRecord, match="nested too deeply"):
        soapnotes.loads("a = " + "[" * 100_000 + "]" * 100_000, "toml")


def test_cross_field_problems_have_field_paths(note_dict: dict[str, Any]) -> None:
    """Checks that span fields of one record report the right field."""
    del note_dict["session"]["treatment"][3]["side"]
    note_dict["session"]["client_id"] = "SOMEONE-ELSE"
    note_dict["client"]["conditions"][0]["kind"] = "other"
    assert _problems(note_dict) == {
        "$.session.treatment[3].side": "is required for this region (left or right)",
        "$.client.conditions[0].description": "is required when kind is 'other'",
        "$.client.conditions[0].isl_stage": "is an ISL lymphedema stage: only for lymphedema",
        "$.client.conditions[0].origin": "is the origin of a lymphedema: only for lymphedema",
    }
    note_dict["client"]["conditions"][0]["kind"] = "lymphedema"
    note_dict["session"]["treatment"][3]["side"] = "right"
    assert _problems(note_dict) == {"$.session.client_id": "must equal client.id"}


def test_load_by_suffix(tmp_path: Path, lymphedema_note: Note) -> None:
    """load() and dump() pick JSON or TOML by suffix; other suffixes are an InvalidRecord."""
    for suffix in (".json", ".toml", ".JSON"):
        path = tmp_path / f"note{suffix}"
        soapnotes.dump(lymphedema_note, path)
        assert soapnotes.load(path) == lymphedema_note
    with pytest.raises(InvalidRecord, match=r"must end in \.json or \.toml"):
        soapnotes.load(tmp_path / "note.yaml")


def test_unknown_format_is_a_usage_error(lymphedema_note: Note) -> None:
    """dumps and loads with a format other than json or toml raise UsageError (a ValueError)."""
    from soapnotes.errors import UsageError

    with pytest.raises(UsageError, match="format must be 'json' or 'toml'"):
        soapnotes.dumps(lymphedema_note, "yaml")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="format must be 'json' or 'toml'"):
        soapnotes.loads("{}", "yaml")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="format must be"):
        soapnotes.dumps(lymphedema_note, "yaml")  # type: ignore[arg-type]


def test_unknown_example_is_a_usage_error() -> None:
    """load_example with a name no example has raises UsageError listing the names."""
    from soapnotes.errors import UsageError
    from soapnotes.examples import DEFAULT_EXAMPLE, load_example

    with pytest.raises(UsageError, match=DEFAULT_EXAMPLE):
        load_example("nope")


def test_dump_is_atomic(tmp_path: Path, lymphedema_note: Note) -> None:
    """dump() leaves no temporary file behind and replaces the target whole."""
    path = tmp_path / "note.json"
    path.write_text("old", encoding="utf-8")
    soapnotes.dump(lymphedema_note, path)
    assert [p.name for p in tmp_path.iterdir()] == ["note.json"]
    assert soapnotes.load(path) == lymphedema_note


def test_other_record_types_load_alone(note_dict: dict[str, Any]) -> None:
    """from_dict and loads accept any record type, with paths relative to it."""
    region = soapnotes.from_dict(note_dict["session"]["treatment"][0], TreatedRegion)
    assert region.side is Side.RIGHT
    text = json.dumps({"region": "hand", "minutes": 3})
    with pytest.raises(InvalidRecord) as info:
        soapnotes.loads(text, "json", TreatedRegion)
    assert [str(p) for p in info.value.problems] == [
        "$.side: is required for this region (left or right)"
    ]


def test_python_callers_may_pass_lists(lymphedema_note: Note) -> None:
    """Records store tuples, but Python callers may pass lists; strings are not split."""
    session = lymphedema_note.session
    evolved = attrs.evolve(session, treatment=list(session.treatment))
    assert evolved.treatment == session.treatment
    with pytest.raises(TypeError, match="must be a tuple"):
        attrs.evolve(session.subjective, symptoms="heaviness")


def test_dump_keeps_permissions_of_a_replaced_file(tmp_path: Path, lymphedema_note: Note) -> None:
    """Replacing a file keeps its mode; a new file gets the ordinary umask-based mode."""
    import os
    import stat

    path = tmp_path / "note.toml"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    soapnotes.dump(lymphedema_note, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.json"
    soapnotes.dump(lymphedema_note, fresh)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "must be a string, got null"),
        (5, "must be a string, got an integer"),
        (["Dr Ada"], "must be a string, got a list"),
    ],
)
def test_text_fields_refuse_other_types(
    note_dict: dict[str, Any], value: object, message: str
) -> None:
    """null, a number or a list where text belongs is an error, never turned into text."""
    note_dict["practice"]["name"] = value
    assert _problems(note_dict) == {"$.practice.name": message}


@pytest.mark.parametrize(
    ("value", "expected_microsecond"),
    [("2026-11-20T10:00:00.5-04:00", 500_000), ("2026-11-20T10:00:00.1234Z", 123_400)],
)
def test_fractional_seconds_of_any_length_up_to_six(
    note_dict: dict[str, Any], value: str, expected_microsecond: int
) -> None:
    """1 to 6 fraction digits load the same on every supported Python (3.10 took only 3 or 6)."""
    note_dict["session"]["start"] = value
    assert soapnotes.from_dict(note_dict).session.start.microsecond == expected_microsecond
