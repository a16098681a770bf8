"""`soapnotes validate` on the shipped and the invalid examples: exit codes, JSON, --ignore."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from soapnotes.cli import main
from tests.rules.test_examples import GOOD, INVALID, ROOT


def test_cli_exits_0_on_good_examples(capsys: pytest.CaptureFixture[str]) -> None:
    """`soapnotes validate` on the shipped examples exits 0."""
    assert main(["validate", *map(str, GOOD)]) == 0
    assert "error" not in capsys.readouterr().out


def test_cli_exits_1_on_clinical_errors(capsys: pytest.CaptureFixture[str]) -> None:
    """Any note with an error finding makes the exit status 1, in the documented format."""
    files = [str(ROOT / "examples" / "invalid" / name) for name in sorted(INVALID)]
    assert main(["validate", str(GOOD[0]), *files]) == 1
    out = capsys.readouterr().out
    timing = next(f for f in files if f.endswith("timing.toml"))
    assert f"{timing}: error SN-TM-004 $.client.consent: No informed consent" in out


def test_cli_exits_2_on_malformed_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Invalid input wins over clinical errors: exit 2."""
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = [", encoding="utf-8")
    timing = str(ROOT / "examples" / "invalid" / "timing.toml")
    assert main(["validate", timing, str(bad)]) == 2
    assert "bad.toml: $: invalid TOML" in capsys.readouterr().out


def test_cli_json_lists_findings(capsys: pytest.CaptureFixture[str]) -> None:
    """--format json prints one list of {file, code, severity, path, message, message_id,
    params} objects: the English message and what it is made of."""
    timing = str(ROOT / "examples" / "invalid" / "timing.toml")
    assert main(["validate", "--format", "json", timing]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert [(r["file"], r["code"], r["severity"]) for r in rows] == [
        (timing, "SN-TM-004", "error"),
        (timing, "SN-TM-001", "error"),
    ]
    assert set(rows[0]) == {"file", "code", "severity", "path", "message", "message_id", "params"}
    minutes = rows[1]
    assert minutes["message_id"].startswith("the treated regions add up to {treated} minutes")
    assert {p["name"]: (p["kind"], p["value"]) for p in minutes["params"]} == {
        "treated": ("integer", 51),
        "duration": ("integer", 45),
    }


def test_cli_json_keeps_stdout_parseable_on_invalid_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --format json, load problems go to stderr and stdout stays valid JSON."""
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["validate", "--format", "json", str(bad)]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out) == []
    assert "bad.json" in captured.err


def test_cli_ignore_skips_a_rule(capsys: pytest.CaptureFixture[str]) -> None:
    """--ignore CODE switches rules off; ignoring every error code gives exit 0."""
    timing = str(ROOT / "examples" / "invalid" / "timing.toml")
    assert main(["validate", "--ignore", "SN-TM-004", "--ignore", "SN-TM-001", timing]) == 0
    assert "SN-TM" not in capsys.readouterr().out


def test_cli_ignore_unknown_code_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown --ignore code exits 2 and says which."""
    assert main(["validate", "--ignore", "SN-ZZ-000", str(GOOD[0])]) == 2
    assert "SN-ZZ-000" in capsys.readouterr().err
