"""What the commands share: the rule policy of --ignore, --at, and where outputs may go."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import pytest

from soapnotes.cli import main
from soapnotes.cli._common import (
    EXIT_INVALID,
    note_output,
    parse_at,
    refuse_pdf_output,
    rule_policy,
    same_file,
)
from soapnotes.errors import UsageError
from soapnotes.rules import check_codes, rule_codes
from tests.conftest import EXAMPLES_DIR


def test_check_codes_names_every_unknown_code() -> None:
    """Known codes come back as a frozenset; unknown ones are a UsageError, sorted."""
    known = rule_codes()[0].code
    assert check_codes([known, known]) == frozenset({known})
    with pytest.raises(UsageError, match=r"unknown rule code\(s\): SN-AA-1, SN-XX-999$"):
        check_codes([known, "SN-XX-999", "SN-AA-1"])


def test_rule_policy_reports_unknown_codes(capsys: pytest.CaptureFixture[str]) -> None:
    """--ignore with an unknown code: one line on stderr naming the command, no policy."""
    assert rule_policy("validate", ["SN-XX-999"]) is None
    assert capsys.readouterr().err == "soapnotes validate: unknown rule code(s): SN-XX-999\n"
    known = rule_codes()[0].code
    policy = rule_policy("sign", [known])
    assert policy is not None
    assert policy.disabled == frozenset({known})


def test_validate_refuses_an_unknown_code(capsys: pytest.CaptureFixture[str]) -> None:
    """`validate --ignore` with a typo exits 2 before reading any file."""
    note = str(EXAMPLES_DIR / "lymphedema-left-arm.toml")
    assert main(["validate", "--ignore", "SN-XX-999", note]) == 2
    captured = capsys.readouterr()
    assert captured.err == "soapnotes validate: unknown rule code(s): SN-XX-999\n"
    assert captured.out == ""


def test_parse_at_needs_an_offset() -> None:
    """--at reads ISO 8601 with an offset (Z too); anything else is an argparse type error."""
    assert parse_at(" 2026-11-20T11:05Z ") == dt.datetime(
        2026, 11, 20, 11, 5, tzinfo=dt.timezone.utc
    )
    with pytest.raises(argparse.ArgumentTypeError, match="has no UTC offset"):
        parse_at("2026-11-20T11:05")


def test_pdf_outputs_end_in_pdf_and_spare_the_inputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o must be a .pdf and never one of the inputs, however it is spelled."""
    note = tmp_path / "note.pdf"
    note.write_bytes(b"%PDF-")
    assert refuse_pdf_output("render", tmp_path / "out.txt", [])
    assert "the name must end in .pdf" in capsys.readouterr().err
    assert refuse_pdf_output("render", tmp_path / "." / "note.pdf", [str(note)])
    assert "is one of the input files" in capsys.readouterr().err
    assert not refuse_pdf_output("render", tmp_path / "new.pdf", [str(note)])
    assert same_file(note, tmp_path / "x" / ".." / "note.pdf")
    assert not same_file(note, tmp_path / "missing.pdf")


def test_note_output_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """stdout by default, FILE with --in-place; -o refuses the input, a file, a bad suffix."""
    source = tmp_path / "note.json"
    source.write_text("{}", encoding="utf-8")

    def target(output: str | None, *, in_place: bool = False, force: bool = False) -> object:
        args = argparse.Namespace(file=str(source), output=output, in_place=in_place, force=force)
        return note_output("sign", args)

    assert target(None) is None
    assert target(None, in_place=True) == source
    assert target(str(tmp_path / "new.toml")) == tmp_path / "new.toml"
    assert target(str(source)) == EXIT_INVALID
    assert "use --in-place" in capsys.readouterr().err
    existing = tmp_path / "old.json"
    existing.write_text("{}", encoding="utf-8")
    assert target(str(existing)) == EXIT_INVALID
    assert "pass --force" in capsys.readouterr().err
    assert target(str(existing), force=True) == existing
    assert target(str(tmp_path / "new.yaml")) == EXIT_INVALID
    assert "must end in .json or .toml" in capsys.readouterr().err
