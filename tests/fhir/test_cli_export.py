"""``soapnotes export --format fhir``: Bundles into a file or a folder, refusals exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import soapnotes
from soapnotes.cli import main
from soapnotes.cli._common import EXIT_INVALID, EXIT_OK
from soapnotes.fhir import from_bundle
from tests.conftest import EXAMPLES_DIR

ARM = str(EXAMPLES_DIR / "lymphedema-left-arm.toml")
LEGS = str(EXAMPLES_DIR / "lipedema-legs.toml")


def test_one_note_to_a_file(tmp_path: Path) -> None:
    """One NOTE, -o FILE.json: the Bundle of that note, readable back into it."""
    out = tmp_path / "arm.json"
    assert main(["export", ARM, "--format", "fhir", "-o", str(out)]) == EXIT_OK
    bundle = json.loads(out.read_text("utf-8"))
    assert bundle["resourceType"] == "Bundle"
    assert from_bundle(bundle) == soapnotes.load(ARM)


def test_several_notes_into_a_folder_with_the_options(tmp_path: Path) -> None:
    """Several NOTEs, -o FOLDER: NAME.fhir.json each; --note-type and --cpt apply."""
    argv = ["export", ARM, LEGS, "-o", str(tmp_path), "--note-type", "physical_therapy", "--cpt"]
    assert main(argv) == EXIT_OK
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["lipedema-legs.fhir.json", "lymphedema-left-arm.fhir.json"]
    bundle = json.loads((tmp_path / "lipedema-legs.fhir.json").read_text("utf-8"))
    composition = bundle["entry"][0]["resource"]
    assert composition["type"]["coding"][0]["code"] == "11508-9"
    assert "97140" in json.dumps(bundle)


def test_refusals_exit_2_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing folder, a non-.json name, an existing file without --force, a bad note."""
    assert main(["export", ARM, LEGS, "-o", str(tmp_path / "nowhere")]) == EXIT_INVALID
    assert "existing folder" in capsys.readouterr().err
    assert main(["export", ARM, "-o", str(tmp_path / "arm.xml")]) == EXIT_INVALID
    assert "must end in .json" in capsys.readouterr().err
    out = tmp_path / "arm.json"
    out.write_text("keep", "utf-8")
    assert main(["export", ARM, "-o", str(out)]) == EXIT_INVALID
    assert out.read_text("utf-8") == "keep"
    assert main(["export", ARM, "-o", str(out), "--force"]) == EXIT_OK
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 2}', "utf-8")
    assert main(["export", str(bad), "-o", str(tmp_path / "b.json")]) == EXIT_INVALID
    assert "$.practice: is required but missing" in capsys.readouterr().err
    assert not (tmp_path / "b.json").exists()
