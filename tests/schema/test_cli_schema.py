"""``soapnotes schema``: prints the shipped schema of a version, or writes it to a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from soapnotes.cli import main
from soapnotes.cli._common import EXIT_INVALID, EXIT_OK
from soapnotes.schema import SCHEMA_IDS, schema_text


@pytest.mark.parametrize(
    ("argv", "version"), [([], 2), (["--version", "2"], 2), (["--version", "1"], 1)]
)
def test_schema_prints_the_shipped_schema(
    argv: list[str], version: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """`soapnotes schema [--version N]` prints exactly the shipped file of that version."""
    assert main(["schema", *argv]) == EXIT_OK
    out = capsys.readouterr().out
    assert out == schema_text(version)
    assert json.loads(out)["$id"] == SCHEMA_IDS[version]


def test_schema_refuses_an_unknown_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version 3 is a usage error (exit 2), naming the choices."""
    with pytest.raises(SystemExit) as exc:
        main(["schema", "--version", "3"])
    assert exc.value.code == EXIT_INVALID
    assert "choose from 1, 2" in capsys.readouterr().err


def test_schema_writes_a_file_and_never_replaces_one_unasked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o FILE writes the schema; an existing FILE needs --force."""
    target = tmp_path / "note.schema.json"
    assert main(["schema", "-o", str(target)]) == EXIT_OK
    assert target.read_text("utf-8") == schema_text(2)
    assert main(["schema", "--version", "1", "-o", str(target)]) == EXIT_INVALID
    assert "pass --force" in capsys.readouterr().err
    assert target.read_text("utf-8") == schema_text(2)
    assert main(["schema", "--version", "1", "-o", str(target), "--force"]) == EXIT_OK
    assert target.read_text("utf-8") == schema_text(1)
