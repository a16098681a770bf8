"""The soapnotes command: example and validate, exit codes, messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import soapnotes
from soapnotes.cli import main
from tests.conftest import EXAMPLE_NAMES, EXAMPLES_DIR


def test_example_writes_each_shipped_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`soapnotes example NAME --format F -o FILE` writes a note that loads back equal."""
    for name in EXAMPLE_NAMES:
        for fmt in ("json", "toml"):
            out = tmp_path / f"{name}.{fmt}"
            assert main(["example", name, "--format", fmt, "-o", str(out)]) == 0
            assert soapnotes.load(out) == soapnotes.load(EXAMPLES_DIR / f"{name}.toml")
    assert main(["example", "--list"]) == 0
    assert capsys.readouterr().out.split() == EXAMPLE_NAMES


def test_example_defaults_to_toml_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    """Without arguments the left-arm lymphedema example goes to stdout as TOML."""
    assert main(["example"]) == 0
    note = soapnotes.loads(capsys.readouterr().out, "toml")
    assert note.client.family_name == "Łukasiewicz"


def test_unknown_example_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown example name exits 2 and lists the choices."""
    assert main(["example", "nope"]) == 2
    assert "lymphedema-left-arm" in capsys.readouterr().err


def test_example_into_a_missing_folder_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An output path that cannot be written is a message and exit 2, not a traceback."""
    assert main(["example", "-o", str(tmp_path / "missing" / "x.toml")]) == 2
    assert "cannot write the file" in capsys.readouterr().err


def test_validate_exit_codes_and_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """validate exits 0 for good files, 2 for invalid ones, printing FILE: $.path: message."""
    good = [str(p) for p in sorted(EXAMPLES_DIR.glob("*.*"))]
    assert main(["validate", "-q", *good]) == 0
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 3}', encoding="utf-8")
    assert main(["validate", *good, str(bad)]) == 2
    out = capsys.readouterr().out.splitlines()
    reads = "this release reads schema versions 1 and 2 (1 is migrated to 2 on load)"
    assert f"{bad}: $.schema_version: must be 2: {reads}; got 3" in out
    assert f"{bad}: $.practice: is required but missing" in out
    missing = tmp_path / "missing.toml"
    assert main(["validate", str(missing)]) == 2
    assert "cannot read the file" in capsys.readouterr().out


def test_python_dash_m_runs_the_cli() -> None:
    """`python -m soapnotes` is the same command."""
    result = subprocess.run(
        [sys.executable, "-m", "soapnotes", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == f"soapnotes {soapnotes.__version__}"
