"""The ``soapnotes render`` command: outputs, exit codes, many files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from soapnotes.cli import main
from soapnotes.io import load
from soapnotes.rules import Severity, validate
from tests.conftest import EXAMPLES_DIR

ARM = str(EXAMPLES_DIR / "lymphedema-left-arm.toml")
LEGS = str(EXAMPLES_DIR / "lipedema-legs.json")


def test_render_one_file_to_output(tmp_path: Path) -> None:
    """-o writes the PDF where asked and exits 0."""
    out = tmp_path / "note.pdf"
    assert main(["render", ARM, "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")


def test_render_many_files_to_out_dir(tmp_path: Path) -> None:
    """--out-dir writes NAME.pdf for each input file."""
    assert main(["render", ARM, LEGS, "--out-dir", str(tmp_path), "-q"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "lipedema-legs.pdf",
        "lymphedema-left-arm.pdf",
    ]


def test_render_next_to_input_by_default(tmp_path: Path) -> None:
    """Without -o or --out-dir the PDF goes beside the note file."""
    note = tmp_path / "arm.toml"
    shutil.copy(ARM, note)
    assert main(["render", str(note)]) == 0
    assert (tmp_path / "arm.pdf").is_file()


def test_output_with_many_files_is_usage_error(tmp_path: Path) -> None:
    """-o with more than one FILE exits 2 and writes nothing."""
    assert main(["render", ARM, LEGS, "-o", str(tmp_path / "x.pdf")]) == 2
    assert not list(tmp_path.iterdir())


def test_invalid_note_exits_2_and_others_still_render(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An invalid file is reported with its $.path and exit 2; valid files still render."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1}', encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    assert main(["render", str(bad), ARM, "--out-dir", str(out_dir)]) == 2
    printed = capsys.readouterr()
    assert "$.practice" in printed.err
    assert "$.practice" not in printed.out
    assert f"{ARM}: rendered " in printed.out
    assert (out_dir / "lymphedema-left-arm.pdf").is_file()


def test_strict_fonts_failure_exits_2(tmp_path: Path) -> None:
    """A character no font covers with --strict-fonts is reported and leaves no PDF."""
    text = Path(ARM).read_text(encoding="utf-8").replace('given_name = "Zoë"', 'given_name = "山"')
    note = tmp_path / "cjk.toml"
    note.write_text(text, encoding="utf-8")
    assert main(["render", str(note), "--strict-fonts"]) == 2
    assert not (tmp_path / "cjk.pdf").exists()


INVALID_CI = str(EXAMPLES_DIR / "invalid" / "contraindications.toml")


def test_rule_errors_still_render_with_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A note with rule errors renders with every finding's code in the PDF, and exits 1."""
    out = tmp_path / "ci.pdf"
    assert main(["render", INVALID_CI, "-o", str(out)]) == 1
    codes = {f.code for f in validate(load(INVALID_CI))}
    assert any(f.severity is Severity.ERROR for f in validate(load(INVALID_CI)))
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    for code in codes:
        assert code in text, code
    # The errors are reported on stderr; stdout has only the success line.
    printed = capsys.readouterr()
    assert all(code in printed.err for code in codes if code.startswith("SN-CI"))
    assert printed.out == f"{INVALID_CI}: rendered {out}\n"


def test_strict_refuses_notes_with_rule_errors(tmp_path: Path) -> None:
    """--strict exits 1 and writes no PDF for a note with rule errors."""
    out = tmp_path / "ci.pdf"
    assert main(["render", INVALID_CI, "-o", str(out), "--strict"]) == 1
    assert not out.exists()


def test_output_that_is_the_input_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`render n.json -o n.json` exits 2 with a message on stderr and leaves the note as it was."""
    note = tmp_path / "n.json"
    shutil.copy(LEGS, note)
    before = note.read_bytes()
    assert main(["render", str(note), "-o", str(note)]) == 2
    assert note.read_bytes() == before
    assert "must end in .pdf" in capsys.readouterr().err
    # Even a note file named .pdf is never overwritten by its own PDF.
    odd = tmp_path / "odd.pdf"
    shutil.copy(LEGS, odd)
    assert main(["render", str(odd), "-o", str(tmp_path / "." / "odd.pdf")]) == 2
    assert odd.read_bytes() == before
    assert "is one of the input files" in capsys.readouterr().err


def test_output_must_end_in_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An -o that does not end in .pdf is refused (exit 2) and nothing is written."""
    assert main(["render", ARM, "-o", str(tmp_path / "note.txt")]) == 2
    assert not list(tmp_path.iterdir())
    printed = capsys.readouterr()
    assert "must end in .pdf" in printed.err
    assert printed.out == ""


def test_progress_refuses_output_that_is_an_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`progress DIR -o note.toml` exits 2 and leaves the note as it was."""
    course = tmp_path / "course"
    shutil.copytree(EXAMPLES_DIR / "course-left-arm", course)
    note = sorted(course.glob("*.toml"))[0]
    before = note.read_bytes()
    assert main(["progress", str(course), "-o", str(note)]) == 2
    assert note.read_bytes() == before
    assert main(["progress", str(course), "-o", str(tmp_path / "r.PDF")]) == 0
    printed = capsys.readouterr()
    assert "must end in .pdf" in printed.err


def test_out_dir_refuses_second_input_of_the_same_stem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """a/n.json and b/n.toml into one --out-dir: the second is not rendered, exit 2."""
    for folder, source, suffix in (("a", ARM, ".toml"), ("b", LEGS, ".json")):
        (tmp_path / folder).mkdir()
        shutil.copy(source, tmp_path / folder / f"n{suffix}")
    first, second = str(tmp_path / "a" / "n.toml"), str(tmp_path / "b" / "n.json")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    assert main(["render", first, second, "--out-dir", str(out_dir)]) == 2
    printed = capsys.readouterr()
    assert f"{second}: not rendered: " in printed.err
    assert f"already written from {first}" in printed.err
    assert [p.name for p in out_dir.iterdir()] == ["n.pdf"]
    text = PdfReader(out_dir / "n.pdf").pages[0].extract_text()
    assert "Łukasiewicz" in text  # the first input's PDF, not overwritten by the second


def test_progress_errors_go_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`progress` reports an unreadable course on stderr and prints nothing on stdout."""
    assert main(["progress", str(tmp_path / "nothing"), "-o", str(tmp_path / "r.pdf")]) == 2
    printed = capsys.readouterr()
    assert printed.out == ""
    assert printed.err


def test_cli_renders_a_folder_in_parallel_with_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`render DIR --workers 2` renders every note, prints a summary, exits 2 on a failure
    (as a file named directly would)."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "arm.toml").write_bytes(Path(ARM).read_bytes())
    (notes / "broken.json").write_text("{", encoding="utf-8")
    out = tmp_path / "pdf"
    assert main(["render", str(notes), "--out-dir", str(out), "--workers", "2"]) == 2
    printed = capsys.readouterr()
    assert "rendered 1 of 2 notes" in printed.out
    assert "broken.json: not rendered: " in printed.err
    assert "\r" not in printed.err  # no progress bar when stderr is not a terminal
    assert [p.suffix for p in out.iterdir()] == [".pdf"]


def test_cli_bad_fallback_font_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`render --fallback-font` with a file that is no font exits 2 with a message."""
    bogus = tmp_path / "bogus.ttf"
    bogus.write_bytes(b"\x00\x01\x00\x00" + b"garbage" * 10)
    out = tmp_path / "n.pdf"
    code = main(
        [
            "render",
            str(EXAMPLES_DIR / "swedish-fibromyalgia.toml"),
            "-o",
            str(out),
            "--fallback-font",
            str(bogus),
        ]
    )
    assert code == 2
    captured = capsys.readouterr()
    assert "fallback font 1 (bogus.ttf) could not be read: not a TrueType font" in captured.err
    assert str(tmp_path) not in captured.err
    assert not out.exists()
