"""Issue 19 items 10 and 15: file names cannot forge output lines or reach the terminal as
escape codes, and the command line keeps client names out of PDF metadata."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from tests.conftest import EXAMPLES_DIR
from tests.reliability._helpers import arm_data, run_cli, write_note


def test_a_newline_in_a_file_name_cannot_forge_an_ok_line(tmp_path: Path) -> None:
    """validate on 'x.json\\nFORGED.json: ok' prints one escaped line, never 'FORGED.json: ok'."""
    data = arm_data()
    data["session"]["duration_minutes"] = "sixty"  # invalid: a line naming the file
    evil = write_note(tmp_path / "x.json\nFORGED.json: ok\n.json", data)
    result = run_cli("validate", str(evil))
    lines = (result.stdout + result.stderr).splitlines()
    assert not any(line.startswith("FORGED.json") for line in lines)
    assert all(line.startswith(str(tmp_path)) for line in lines), lines
    assert "\\n" in result.stdout + result.stderr


def test_terminal_escapes_in_a_file_name_are_escaped(tmp_path: Path) -> None:
    """An ESC byte in a file name is printed as \\x1b, not sent to the terminal."""
    note = write_note(tmp_path / "a\x1b[31mred.json", arm_data())
    result = run_cli("validate", str(note))
    assert "\x1b" not in result.stdout + result.stderr
    assert "\\x1b[31mred.json" in result.stdout + result.stderr


def test_no_metadata_names_keeps_the_client_out_of_the_pdf_metadata(tmp_path: Path) -> None:
    """render --no-metadata-names: the client's name is on the page but not in the metadata."""
    out = tmp_path / "note.pdf"
    shown = tmp_path / "shown.pdf"
    note = str(EXAMPLES_DIR / "lymphedema-left-arm.toml")
    assert run_cli("render", note, "-o", str(out), "--no-metadata-names").returncode == 0
    assert run_cli("render", note, "-o", str(shown)).returncode == 0
    family = arm_data()["client"]["family_name"]
    assert family in str(PdfReader(shown).metadata)
    hidden = PdfReader(out)
    assert family not in str(hidden.metadata)
    assert family in hidden.pages[0].extract_text()


def test_missing_glyphs_are_one_line_naming_the_field_and_count(tmp_path: Path) -> None:
    """A name no font covers gives one warning line with its field and count, not the name."""
    data = arm_data()
    data["client"]["given_name"] = "\u7530\u4e2d"  # two CJK characters DejaVu Sans lacks
    note = write_note(tmp_path / "cjk.json", data)
    for args in (
        ["-o", str(tmp_path / "one.pdf")],
        ["--out-dir", str(tmp_path), "--workers", "1"],
    ):
        result = run_cli("render", str(note), *args)
        assert result.returncode == 0, result.stderr
        lines = [line for line in result.stderr.splitlines() if "font" in line]
        assert len(lines) == 1, result.stderr
        assert "2 characters covered by no font" in lines[0]
        assert "$.client.given_name" in lines[0]
        assert "\u7530" not in result.stderr
        assert "U+7530" not in result.stderr
        assert "Warning" not in result.stderr
