"""`soapnotes new --from`: today's draft written, what to fill in on stderr, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

import soapnotes
from soapnotes.cli import main
from tests.conftest import EXAMPLES_DIR

COURSE_DIR = EXAMPLES_DIR / "course-left-arm"
START = "2026-01-16T10:00-04:00"


def test_new_from_a_course_writes_the_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A course folder gives a draft from its latest note; stderr lists what to fill in."""
    out = tmp_path / "next.toml"
    assert main(["new", "--from", str(COURSE_DIR), "--start", START, "-o", str(out)]) == 0
    draft = soapnotes.load(out)
    assert draft.session.start.isoformat() == "2026-01-16T10:00:00-04:00"
    assert draft.session.id == "S-2026-0116-1000"
    err = capsys.readouterr().err
    assert f"{out}: 7 to fill in before signing:" in err
    assert "$.session.subjective.chief_complaint: today's chief complaint" in err
    assert "$.client.screening.answers[6]: ask 'Acute deep-vein thrombosis" in err
    # The draft does not validate until they are filled in.
    assert main(["validate", str(out)]) == 1


def test_new_from_a_file_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    """Without -o the draft is TOML on stdout, the list on stderr."""
    last = EXAMPLES_DIR / "lymphedema-left-arm.toml"
    code = main(
        ["new", "--from", str(last), "--start", "2026-11-27T10:00-04:00", "--minutes", "45"]
    )
    assert code == 0
    captured = capsys.readouterr()
    draft = soapnotes.loads(captured.out, "toml")
    assert draft.session.duration_minutes == 45
    assert "the draft: " in captured.err


def test_new_refuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An early start, the last note as -o, an existing -o or a bad suffix: exit 2."""
    last = tmp_path / "last.toml"
    last.write_bytes((EXAMPLES_DIR / "lymphedema-left-arm.toml").read_bytes())
    before = last.read_bytes()
    early = ["new", "--from", str(last), "--start", "2020-01-01T10:00Z"]
    assert main(early) == 2
    assert "after the last session" in capsys.readouterr().err
    later = ["new", "--from", str(last), "--start", "2026-11-27T10:00Z"]
    assert main([*later, "-o", str(last)]) == 2
    assert "never changed" in capsys.readouterr().err
    assert last.read_bytes() == before
    existing = tmp_path / "next.toml"
    existing.write_text("keep me", encoding="utf-8")
    assert main([*later, "-o", str(existing)]) == 2
    assert existing.read_text(encoding="utf-8") == "keep me"
    assert main([*later, "-o", str(existing), "--force"]) == 0
    assert main([*later, "-o", str(tmp_path / "next.txt")]) == 2
    assert main(["new", "--from", str(tmp_path / "missing.toml"), "--start", START]) == 2
