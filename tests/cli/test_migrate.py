"""``soapnotes migrate``: v1 files rewritten in v2, signatures kept as they are and checked."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import soapnotes
from soapnotes.cli import main
from soapnotes.schema import SCHEMA_IDS

V1 = Path(__file__).resolve().parents[1] / "data" / "v1"


@pytest.fixture
def v1_files(tmp_path: Path) -> list[Path]:
    """Copies of a v1 draft (JSON) and a signed, amended v1 note (TOML)."""
    out = []
    for name in ("lipedema-legs.json", "signed-lymphedema-left-arm.toml"):
        shutil.copy(V1 / name, tmp_path / name)
        out.append(tmp_path / name)
    return out


def test_in_place_rewrites_v1_files_as_v2(
    v1_files: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """--in-place writes schema 2; the signed note keeps its v1 signature and verifies."""
    before = [soapnotes.load(p) for p in v1_files]
    assert main(["migrate", "--in-place", *map(str, v1_files)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{v1_files[0]}: schema 1 -> 2"
    assert err[1] == (
        f"{v1_files[1]}: schema 1 -> 2; signed: the signature still covers the schema-1 "
        "form and verifies (not re-signed)"
    )
    assert json.loads(v1_files[0].read_text(encoding="utf-8"))["schema_version"] == 2
    assert "content_schema_version = 1" in v1_files[1].read_text(encoding="utf-8")
    after = [soapnotes.load(p) for p in v1_files]
    assert after == before
    assert soapnotes.verify(after[1]).ok
    assert after[1].signature == before[1].signature
    assert main(["verify", str(v1_files[1])]) == 0


def test_a_second_migration_leaves_v2_files_alone(
    v1_files: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Files already in schema 2 are reported and not rewritten."""
    assert main(["migrate", "--in-place", *map(str, v1_files)]) == 0
    stamps = [p.stat().st_mtime_ns for p in v1_files]
    capsys.readouterr()
    assert main(["migrate", "--in-place", *map(str, v1_files)]) == 0
    assert "already schema 2; left as it is" in capsys.readouterr().err
    assert [p.stat().st_mtime_ns for p in v1_files] == stamps


def test_one_file_goes_to_stdout_in_its_format(
    v1_files: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    out = capsys.readouterr
    assert main(["migrate", str(v1_files[1])]) == 0
    text = out().out
    assert text.startswith(f"#:schema {SCHEMA_IDS[2]}\nschema_version = 2\n")
    assert soapnotes.loads(text, "toml") == soapnotes.load(v1_files[1])


def test_output_file_may_change_the_format(v1_files: list[Path], tmp_path: Path) -> None:
    """-o OUT for one file: the suffix of OUT decides JSON or TOML; OUT must be new."""
    target = tmp_path / "out" / "signed.json"
    target.parent.mkdir()
    assert main(["migrate", str(v1_files[1]), "-o", str(target)]) == 0
    assert soapnotes.verify(soapnotes.load(target)).ok
    assert main(["migrate", str(v1_files[1]), "-o", str(target)]) == 2
    assert main(["migrate", str(v1_files[1]), "-o", str(target), "--force"]) == 0


def test_several_files_need_a_folder_or_in_place(
    v1_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = list(map(str, v1_files))
    assert main(["migrate", *names]) == 2
    assert "several files need --in-place or -o FOLDER" in capsys.readouterr().err
    folder = tmp_path / "v2"
    assert main(["migrate", *names, "-o", str(folder)]) == 2
    folder.mkdir()
    assert main(["migrate", *names, "-o", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in v1_files)


def test_a_tampered_signed_note_is_not_migrated(
    v1_files: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A signed note that does not verify is refused (exit 1) and left as it was."""
    signed = v1_files[1]
    text = signed.read_text(encoding="utf-8").replace("pain = 3", "pain = 2", 1)
    signed.write_text(text, encoding="utf-8")
    assert main(["migrate", "--in-place", str(signed)]) == 1
    err = capsys.readouterr().err
    assert "content hash: signed as 5bbf53550a23" in err
    assert "not migrated" in err
    assert signed.read_text(encoding="utf-8") == text


def test_invalid_and_unknown_version_files_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    future = tmp_path / "future.json"
    future.write_text('{"schema_version": 3}', encoding="utf-8")
    wrong = tmp_path / "note.yaml"
    wrong.write_text("x", encoding="utf-8")
    assert main(["migrate", str(future), str(wrong), "--in-place"]) == 2
    err = capsys.readouterr().err
    assert f"{future}: $.schema_version: must be 2: this release reads schema versions" in err
    assert f"{wrong}: $: the file name must end in .json or .toml" in err
    assert main(["migrate", str(tmp_path / "missing.json")]) == 2
