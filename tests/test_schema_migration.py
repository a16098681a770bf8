"""Schema 2 reads every schema-1 file: migration on load, refused versions, signed v1 notes."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

import soapnotes
from soapnotes import InvalidRecord, Note, amend, content_hash, verify
from soapnotes.io._migrate import upgrade
from soapnotes.io._v1 import V1_FIELDS, v1_form
from soapnotes.models import Intake, VolumeFormula
from soapnotes.strategies import notes
from tests.conftest import quick

V1 = Path(__file__).resolve().parent / "data" / "v1"
V1_NAMES = ("lipedema-legs", "lymphedema-left-arm", "swedish-fibromyalgia")
#: The content hash the v1 code signed examples/lymphedema-left-arm.toml with (the old test
#: vector): a v1 note must still hash to it in its v1 form.
V1_LYMPHEDEMA_SHA256 = "5bbf53550a23554396b78c0c198d46540ac18d43178cd09da119d7646db00556"
READS = "this release reads schema versions 1 and 2 (1 is migrated to 2 on load)"


def _v1_data(name: str = "lymphedema-left-arm") -> dict[str, Any]:
    data: dict[str, Any] = json.loads((V1 / f"{name}.json").read_text(encoding="utf-8"))
    return data


def _problems(data: object) -> dict[str, str]:
    with pytest.raises(InvalidRecord) as info:
        soapnotes.from_dict(data)
    return {p.path: p.message for p in info.value.problems}


@pytest.mark.parametrize("name", V1_NAMES)
@pytest.mark.parametrize("suffix", ["json", "toml"])
def test_every_v1_example_loads_as_schema_2(name: str, suffix: str) -> None:
    """The schema-1 examples (JSON and TOML) load, migrated: version 2, every v1 value kept."""
    note = soapnotes.load(V1 / f"{name}.{suffix}")
    assert note.schema_version == 2
    assert note.signature is None
    assert all(s.method is VolumeFormula.FRUSTUM for s in note.session.objective.circumferences)
    assert note.client.intake is None
    assert note.session.compression is None
    assert v1_form(soapnotes.to_dict(note), Note) == _v1_data(name)


def test_the_v1_course_loads_beside_v2_notes() -> None:
    """A course may mix v1 files with v2 ones: each migrates as it loads."""
    files = sorted((V1 / "course-left-arm").glob("*.toml"))
    course = soapnotes.load_course([*files[:3], V1 / "lymphedema-left-arm.toml"])
    assert len(course.notes) == 4
    assert {n.schema_version for n in course.notes} == {2}


def test_v1_notes_validate_as_before() -> None:
    """Migrating adds no finding of its own to a schema-1 example: the v1 left arm is found
    wanting only where issue 12's rules now ask more of every note (the absolute questions
    it never asked before MLD, SN-CI-010), as its excess volume (SN-MS-005) was before."""
    note = soapnotes.load(V1 / "lymphedema-left-arm.toml")
    found = soapnotes.validate(note)
    assert [f.code for f in found] == ["SN-CI-010"] * 4 + ["SN-MS-005"]
    unasked = {f.message.split("'")[1] for f in found if f.code == "SN-CI-010"}
    assert len(unasked) == 4


def test_a_note_without_schema_version_is_version_1() -> None:
    """schema_version could be left out in v1: such a file is read as version 1."""
    data = _v1_data()
    del data["schema_version"]
    assert soapnotes.from_dict(data) == soapnotes.from_dict(_v1_data())


def test_migration_never_changes_its_input() -> None:
    """upgrade() copies: the caller's data (and its signature) stay as they were."""
    data = json.loads((V1 / "signed-lymphedema-left-arm.json").read_text(encoding="utf-8"))
    before = copy.deepcopy(data)
    migrated = upgrade(data)
    assert data == before
    assert isinstance(migrated, dict)
    assert migrated["schema_version"] == 2
    assert migrated["signature"]["content_schema_version"] == 1
    assert upgrade(migrated) is migrated  # schema 2 is left alone


@pytest.mark.parametrize("version", [0, 3, -1, 10**6])
def test_unknown_versions_are_refused_naming_the_versions_read(version: int) -> None:
    """Version 0, 3, ... are refused at $.schema_version, naming 1 and 2; nothing else in a
    sound note is reported."""
    data = _v1_data()
    data["schema_version"] = version
    assert _problems(data) == {"$.schema_version": f"must be 2: {READS}; got {version}"}


@pytest.mark.parametrize("text", ['{"schema_version": 3}', "schema_version = 0"])
def test_unknown_versions_in_json_and_toml_files(text: str, tmp_path: Path) -> None:
    """The same from a file, with every other problem reported beside it."""
    path = tmp_path / ("note.json" if text.startswith("{") else "note.toml")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidRecord) as info:
        soapnotes.load(path)
    paths = [p.path for p in info.value.problems]
    assert paths[0] == "$.schema_version"
    assert "1 and 2" in info.value.problems[0].message
    assert "$.practice" in paths
    assert "$.session" in paths


def test_bool_and_float_versions_are_type_errors() -> None:
    """true is not version 1 and 1.0 is no integer: both are refused, never migrated."""
    for bad in (True, 1.0, "1"):
        data = _v1_data()
        data["schema_version"] = bad
        assert list(_problems(data)) == ["$.schema_version"]


def test_bad_v1_input_lists_every_problem_with_its_path() -> None:
    """A broken v1 note gives one InvalidRecord with every problem at its $.path."""
    data = _v1_data()
    data["session"]["subjective"]["pain"] = 11
    data["session"]["start"] = "2026-11-20T10:00:00"
    data["client"]["conditions"][0]["isl_stage"] = 7
    data["session"]["treatment"][4]["region"] = "elbow"
    assert set(_problems(data)) == {
        "$.session.subjective.pain",
        "$.session.start",
        "$.client.conditions[0].isl_stage",
        "$.session.treatment[4].region",
    }


def test_bad_v2_input_lists_every_problem_with_its_path() -> None:
    """The same for the schema-2 records, cross-field checks included."""
    data = soapnotes.to_dict(soapnotes.load(Path("examples/lymphedema-left-arm.toml")))
    data["client"]["intake"]["height_cm"] = 400
    data["session"]["compression"]["garments"][0]["compression_class"] = 9
    data["session"]["assessment"]["outcomes"][0]["domains"][1]["score"] = 7.5
    data["session"]["objective"]["volumes"][0]["method"] = "tape"
    data["client"]["arterial_checks"] = [{"side": "left", "checked_on": "2026-10-01"}]
    assert _problems(data) == {
        "$.client.intake.height_cm": "must be a number in [30, 250], got 400",
        "$.client.arterial_checks[0].abpi": "is required for the doppler method",
        "$.session.objective.volumes[0].method": (
            "is not a known value; allowed: perometer, water_displacement"
        ),
        "$.session.assessment.outcomes[0].domains[1].score": (
            "must be 1 to 4 on LYMQOL arm; got 7.5"
        ),
        "$.session.compression.garments[0].compression_class": (
            "must be an integer from 1 to 4, got 9"
        ),
    }


# -- signed v1 notes ------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["json", "toml"])
def test_a_signed_v1_note_verifies_after_loading(suffix: str) -> None:
    """Signed (and amended) by the v1 code, loaded by v2: the hashes still check out."""
    note = soapnotes.load(V1 / f"signed-lymphedema-left-arm.{suffix}")
    assert note.signature is not None
    assert note.signature.content_schema_version == 1
    assert note.signature.content_sha256 == V1_LYMPHEDEMA_SHA256
    result = verify(note)
    assert result.ok, [str(m) for m in result.mismatches]
    assert result.content_sha256 == V1_LYMPHEDEMA_SHA256
    assert content_hash(note, schema_version=2) != V1_LYMPHEDEMA_SHA256


def test_a_signed_v1_note_stays_verifiable_through_writes() -> None:
    """Written as v2 (JSON or TOML) and read again, the v1 signature still verifies; the
    signature is never recomputed."""
    note = soapnotes.load(V1 / "signed-swedish-fibromyalgia.json")
    for fmt in ("json", "toml"):
        again = soapnotes.loads(soapnotes.dumps(note, fmt), fmt)
        assert again == note
        assert again.signature == note.signature
        assert verify(again).ok


def test_a_signed_v1_note_can_be_amended_after_migration() -> None:
    """The chain goes on from the v1 content hash."""
    note = soapnotes.load(V1 / "signed-lymphedema-left-arm.toml")
    at = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)
    amended = amend(
        note, "Maren Albrecht", at, "Late entry", "Client phoned: sleeve fits.", now=at
    )
    assert verify(amended).ok
    assert len(amended.addenda) == 2


def test_schema_2_data_added_to_a_signed_v1_note_breaks_its_hash() -> None:
    """A v1 form cannot hold the new data, so adding it after signing does not verify."""
    note = soapnotes.load(V1 / "signed-lymphedema-left-arm.toml")
    changed = attrs.evolve(note, client=attrs.evolve(note.client, intake=Intake(height_cm=164)))
    assert [m.what for m in verify(changed).mismatches] == ["content hash"]
    disk = [
        attrs.evolve(s, method=VolumeFormula.DISK) for s in note.session.objective.circumferences
    ]
    other = attrs.evolve(
        note,
        session=attrs.evolve(
            note.session, objective=attrs.evolve(note.session.objective, circumferences=disk)
        ),
    )
    assert [m.what for m in verify(other).mismatches] == ["content hash"]


def test_the_signature_records_the_form_it_covers() -> None:
    """Editing content_schema_version cannot make a changed note verify: the hash was made
    over one form's bytes only."""
    note = soapnotes.load(V1 / "signed-lymphedema-left-arm.toml")
    assert note.signature is not None
    relabelled = attrs.evolve(
        note, signature=attrs.evolve(note.signature, content_schema_version=2)
    )
    assert not verify(relabelled).ok


def test_new_signatures_are_over_schema_2() -> None:
    """sign() hashes the current form and says so."""
    note = soapnotes.load(Path("examples/lymphedema-left-arm.toml"))
    at = dt.datetime(2026, 11, 20, 11, 5, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
    signed = soapnotes.sign(note, "Maren Albrecht", "RMT", at, now=at)
    assert signed.signature is not None
    assert signed.signature.content_schema_version == 2
    assert signed.signature.content_sha256 == content_hash(note, schema_version=2)


def test_content_hash_refuses_unknown_forms() -> None:
    note = soapnotes.load(Path("examples/swedish-fibromyalgia.toml"))
    with pytest.raises(soapnotes.errors.UsageError, match="1 or 2"):
        content_hash(note, schema_version=3)


@quick(40)
@given(notes(schema_2=False, signed=False))
def test_v1_form_of_a_schema_1_note_is_its_migration_inverse(note: Note) -> None:
    """For any note a v1 file can hold, the v1 form migrates back to the same note, and it
    uses only version-1 fields."""
    data = v1_form(soapnotes.to_dict(note), Note)
    assert data["schema_version"] == 1
    assert soapnotes.from_dict(data) == note

    def fields_of(value: Any) -> set[str]:
        out: set[str] = set()
        if isinstance(value, dict):
            for key, item in value.items():
                out.add(key)
                out |= fields_of(item)
        elif isinstance(value, list):
            for item in value:
                out |= fields_of(item)
        return out

    known = set().union(*V1_FIELDS.values())
    assert fields_of(data) <= known


def test_v1_table_is_a_subset_of_schema_2() -> None:
    """Schema 2 only adds: every v1 field is still a field of its record."""
    records = {cls.__name__: cls for cls in vars(soapnotes.models).values() if attrs.has(cls)}
    for name, fields in V1_FIELDS.items():
        assert fields <= {a.name for a in attrs.fields(records[name])}, name
