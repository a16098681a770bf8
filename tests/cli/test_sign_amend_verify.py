"""The sign, amend and verify commands: outputs, refusals, exit codes, files left alone."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

import soapnotes
from soapnotes.cli import main
from tests.conftest import EXAMPLES_DIR

SIGN = ["--signer", "Maren Albrecht", "--credential", "RMT", "--at", "2026-11-20T11:05:00-04:00"]
AMEND = ["--author", "Maren Albrecht", "--reason", "Pain score mistyped", "--text", "Pain 4/10."]


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    """A copy of the left-arm example as JSON in a temporary folder."""
    path = tmp_path / "note.json"
    shutil.copy(EXAMPLES_DIR / "lymphedema-left-arm.json", path)
    return path


@pytest.fixture
def signed(draft: Path) -> Path:
    """The draft signed into signed.json beside it."""
    out = draft.with_name("signed.json")
    assert main(["sign", str(draft), *SIGN, "-o", str(out)]) == 0
    return out


def test_sign_writes_to_stdout_in_the_input_format(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without -o or --in-place the signed note goes to stdout; the input is untouched."""
    before = draft.read_bytes()
    assert main(["sign", str(draft), *SIGN]) == 0
    note = soapnotes.loads(capsys.readouterr().out, "json")
    assert note.signature is not None
    assert note.signature.signed_at == dt.datetime.fromisoformat("2026-11-20T11:05:00-04:00")
    assert soapnotes.verify(note).ok
    assert draft.read_bytes() == before
    toml = draft.with_suffix(".toml")
    shutil.copy(EXAMPLES_DIR / "lymphedema-left-arm.toml", toml)
    assert main(["sign", str(toml), *SIGN]) == 0
    assert soapnotes.verify(soapnotes.loads(capsys.readouterr().out, "toml")).ok


def test_sign_writes_out_and_converts_by_suffix(draft: Path) -> None:
    """-o OUT writes OUT in the format its suffix names."""
    out = draft.with_name("signed.toml")
    assert main(["sign", str(draft), *SIGN, "-o", str(out)]) == 0
    note = soapnotes.load(out)
    assert note.is_signed
    assert soapnotes.verify(note).ok


def test_sign_never_replaces_an_existing_file_without_force(
    draft: Path, signed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An existing OUT is refused (exit 2) unless --force; -o naming the input needs --in-place."""
    before = signed.read_bytes()
    assert main(["sign", str(draft), *SIGN, "-o", str(signed)]) == 2
    assert "exists; pass --force" in capsys.readouterr().err
    assert signed.read_bytes() == before
    assert main(["sign", str(draft), *SIGN, "-o", str(draft), "--force"]) == 2
    assert "-o names the input file; use --in-place" in capsys.readouterr().err
    later = ["--at", "2026-11-20T12:00:00-04:00"]
    assert main(["sign", str(draft), *SIGN, *later, "-o", str(signed), "--force"]) == 0
    assert signed.read_bytes() != before


def test_sign_in_place_replaces_the_input(draft: Path) -> None:
    """--in-place replaces FILE with the signed note."""
    assert main(["sign", str(draft), *SIGN, "--in-place"]) == 0
    assert soapnotes.verify(soapnotes.load(draft)).ok
    assert sorted(p.name for p in draft.parent.iterdir()) == ["note.json"]  # no temp files


def test_sign_refusal_lists_reasons_and_exits_1(
    signed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A refused signing exits 1 with one 'FILE: reason' line per reason and writes nothing."""
    out = signed.with_name("again.json")
    early = ["--at", "2026-11-20T09:00:00-04:00"]
    assert main(["sign", str(signed), *SIGN, *early, "-o", str(out)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{signed}: the note is already signed: correct it with an addendum (amend)",
        f"{signed}: the signing time 2026-11-20T09:00:00-04:00 is before the session start "
        "2026-11-20T10:00:00-04:00",
    ]
    assert not out.exists()


def test_sign_passes_the_rule_policy(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--ignore CODE disables a rule for signing; an unknown code is a usage error."""
    data = json.loads(draft.read_text(encoding="utf-8"))
    data["session"]["treatment"][7]["drains_to"] = {"group": "axillary", "side": "left"}
    draft.write_text(json.dumps(data), encoding="utf-8")
    assert main(["sign", str(draft), *SIGN]) == 1
    assert "SN-DR-001 $.session.treatment[7].drains_to: " in capsys.readouterr().err
    assert main(["sign", str(draft), *SIGN, "--ignore", "SN-DR-001"]) == 0
    capsys.readouterr()
    assert main(["sign", str(draft), *SIGN, "--ignore", "SN-XX-999"]) == 2
    assert "unknown rule code(s): SN-XX-999" in capsys.readouterr().err


def test_at_needs_an_offset(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--at without a UTC offset (or a bare date) is a usage error; Z is accepted."""
    for at, message in (
        ("2026-11-20T12:00", "has no UTC offset"),
        ("2026-11-20", "must be an ISO 8601 date-time"),
    ):
        with pytest.raises(SystemExit) as info:
            main(["sign", str(draft), "--signer", "M", "--credential", "RMT", "--at", at])
        assert info.value.code == 2
        assert message in capsys.readouterr().err
    assert (
        main(
            [
                "sign",
                str(draft),
                "--signer",
                "M",
                "--credential",
                "RMT",
                "--at",
                "2026-11-20T15:00Z",
            ]
        )
        == 0
    )
    note = soapnotes.loads(capsys.readouterr().out, "json")
    assert note.signature is not None
    assert note.signature.signed_at.utcoffset() == dt.timedelta(0)


def test_sign_defaults_to_now_in_utc(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --at the signature carries the current time in UTC."""
    before = dt.datetime.now(dt.timezone.utc)
    assert main(["sign", str(draft), "--signer", "M", "--credential", "RMT"]) == 0
    after = dt.datetime.now(dt.timezone.utc)
    note = soapnotes.loads(capsys.readouterr().out, "json")
    assert note.signature is not None
    assert before <= note.signature.signed_at <= after
    assert note.signature.signed_at.utcoffset() == dt.timedelta(0)


def test_amend_appends_and_verify_passes(signed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """amend --in-place adds a chained addendum; verify then exits 0 with 'FILE: ok'."""
    at = ["--at", "2026-11-21T09:00:00-04:00"]
    assert main(["amend", str(signed), *AMEND, *at, "--in-place"]) == 0
    note = soapnotes.load(signed)
    assert [a.reason for a in note.addenda] == ["Pain score mistyped"]
    assert main(["verify", str(signed)]) == 0
    head = note.addenda[-1].chain_sha256
    assert capsys.readouterr().out == (
        f"{signed}: ok, intact, not authenticated (content 79526adab1dd, head {head})\n"
    )


def test_amend_refuses_a_draft(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Amending a draft exits 1 and leaves it alone."""
    before = draft.read_bytes()
    assert main(["amend", str(draft), *AMEND, "--in-place"]) == 1
    assert capsys.readouterr().err == (
        f"{draft}: the note is a draft: edit it directly; only signed notes take addenda\n"
    )
    assert draft.read_bytes() == before


def test_amend_requires_a_reason(signed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--reason is required by the parser, and a blank one is refused."""
    with pytest.raises(SystemExit):
        main(["amend", str(signed), "--author", "A", "--text", "t"])
    capsys.readouterr()
    assert main(["amend", str(signed), "--author", "A", "--reason", " ", "--text", "t"]) == 1
    assert "reason must not be empty or blank" in capsys.readouterr().err


def test_verify_exit_codes(
    draft: Path, signed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """verify exits 0 if all verify, 1 if any does not (naming the mismatch), 2 if unreadable."""
    assert main(["verify", "-q", str(signed)]) == 0
    assert capsys.readouterr().out == ""
    tampered = tmp_path / "tampered.json"
    tampered.write_text(
        signed.read_text(encoding="utf-8").replace('"pain": 3', '"pain": 4'), encoding="utf-8"
    )
    assert main(["verify", str(signed), str(tampered), str(draft)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(
        f"{signed}: ok, intact, not authenticated (content 79526adab1dd, head 79526adab1dd"
    )
    assert lines[1].startswith(f"{tampered}: content hash: signed as 79526adab1dd… but")
    assert lines[2] == f"{draft}: signature: the note is a draft: it is not signed"
    assert main(["verify", str(signed), str(tmp_path / "missing.json")]) == 2
    assert "cannot read the file" in capsys.readouterr().err
