"""`soapnotes progress`: the report written, problems refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from soapnotes.cli import main
from tests.conftest import EXAMPLES_DIR

COURSE_DIR = EXAMPLES_DIR / "course-left-arm"


def test_cli_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`soapnotes progress DIR -o FILE` writes a PDF; mixing clients exits 2."""
    out = tmp_path / "report.pdf"
    assert main(["progress", str(COURSE_DIR), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert "13 sessions" in capsys.readouterr().out
    mixed = [str(COURSE_DIR), str(EXAMPLES_DIR / "lipedema-legs.toml")]
    assert main(["progress", *mixed, "-o", str(tmp_path / "x.pdf")]) == 2
    assert "mix clients" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
