"""The shipped examples validate cleanly; examples/invalid/ shows each error family; CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from soapnotes import Severity, load
from soapnotes.cli import main
from tests.rules.helpers import codes, findings

ROOT = Path(__file__).resolve().parents[2]
GOOD = sorted(ROOT.glob("examples/*.toml")) + sorted(ROOT.glob("examples/*.json"))
INVALID = {
    "contraindications.toml": ["SN-CI-002", "SN-CI-004", "SN-CI-008", "SN-CI-008"],
    "drainage.toml": ["SN-DR-001"] * 4,
    "timing.toml": ["SN-TM-004", "SN-TM-001"],
}


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_examples_have_no_errors_or_warnings(path: Path) -> None:
    """Each shipped example validates with no errors and no warnings (info only)."""
    assert {f.severity for f in findings(load(path))} <= {Severity.INFO}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_examples_show_their_family(name: str) -> None:
    """Each examples/invalid note produces exactly its family's expected errors."""
    found = findings(load(ROOT / "examples" / "invalid" / name))
    errors = [f.code for f in found if f.severity is Severity.ERROR]
    assert errors == INVALID[name]


def test_cli_exits_0_on_good_examples(capsys: pytest.CaptureFixture[str]) -> None:
    """`soapnotes validate` on the shipped examples exits 0."""
    assert main(["validate", *map(str, GOOD)]) == 0
    assert "error" not in capsys.readouterr().out


def test_cli_exits_1_on_clinical_errors(capsys: pytest.CaptureFixture[str]) -> None:
    """Any note with an error finding makes the exit status 1, in the documented format."""
    files = [str(ROOT / "examples" / "invalid" / name) for name in sorted(INVALID)]
    assert main(["validate", str(GOOD[0]), *files]) == 1
    out = capsys.readouterr().out
    assert f"{files[2]}: error SN-TM-004 $.client.consent: No informed consent" in out


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
    """--format json prints one list of {file, code, severity, path, message} objects."""
    timing = str(ROOT / "examples" / "invalid" / "timing.toml")
    assert main(["validate", "--format", "json", timing]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert [(r["file"], r["code"], r["severity"]) for r in rows] == [
        (timing, "SN-TM-004", "error"),
        (timing, "SN-TM-001", "error"),
    ]
    assert set(rows[0]) == {"file", "code", "severity", "path", "message"}


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


def test_timing_example_codes_in_path_order() -> None:
    """Findings of the timing example come in path order ($.client before $.session)."""
    assert codes(load(ROOT / "examples" / "invalid" / "timing.toml")) == [
        "SN-TM-004",
        "SN-TM-001",
    ]
