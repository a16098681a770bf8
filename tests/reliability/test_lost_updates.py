"""Issue 19 items 2, 7 and 8: no lost addenda, links written through, and the head hash on
the command line (issue 14's lost-update line too)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import soapnotes
from soapnotes import NoteChanged, amend, head_hash, sign
from soapnotes.cli import main
from soapnotes.examples import load_example
from tests.reliability._helpers import run_cli

AT = dt.datetime(2026, 11, 20, 11, 5, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
LATER = AT + dt.timedelta(days=1)


def _signed() -> soapnotes.Note:
    return sign(load_example(), "Maren Albrecht", "RMT", AT)


@pytest.fixture
def signed_file(tmp_path: Path) -> Path:
    """A signed left-arm note as JSON."""
    path = tmp_path / "note.json"
    soapnotes.dump(_signed(), path)
    return path


def test_amend_with_a_stale_head_changes_nothing() -> None:
    """amend(expected_head=) raises NoteChanged when another addendum came in since."""
    note = _signed()
    seen = head_hash(note)
    theirs = amend(note, "A", LATER, "why", "their correction")
    with pytest.raises(NoteChanged) as caught:
        amend(theirs, "B", LATER, "why", "my correction", expected_head=seen)
    assert caught.value.expected == seen
    assert caught.value.actual == head_hash(theirs) != seen
    mine = amend(theirs, "B", LATER, "why", "mine", expected_head=head_hash(theirs))
    assert [a.text for a in mine.addenda] == ["their correction", "mine"]


def test_sign_with_a_stale_head_refuses_an_edited_draft() -> None:
    """sign(expected_head=) refuses a draft edited since its head was taken."""
    draft = load_example()
    seen = head_hash(draft)
    edited = attrs.evolve(draft, client=attrs.evolve(draft.client, given_name="Other"))
    with pytest.raises(NoteChanged):
        sign(edited, "Maren Albrecht", "RMT", AT, expected_head=seen)
    assert sign(draft, "Maren Albrecht", "RMT", AT, expected_head=seen).signature is not None


def test_cli_expected_head_mismatch_exits_2(signed_file: Path) -> None:
    """amend --expected-head with a wrong hash exits 2 and leaves the file alone."""
    before = signed_file.read_bytes()
    code = main(
        [
            "amend", str(signed_file), "--author", "A", "--reason", "r", "--text", "t",
            "--in-place", "--expected-head", "0" * 64,
        ]
    )  # fmt: skip
    assert code == 2
    assert signed_file.read_bytes() == before


def test_in_place_refuses_a_note_changed_after_it_was_read(
    signed_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A writer that ignores the lock rewrites the note mid-amend: exit 2, its write kept."""
    import soapnotes.cli._lifecycle as lifecycle_cli
    from soapnotes.cli._common import load_reporting as real_load

    def load_then_someone_writes(name: str, _: object) -> soapnotes.Note | None:
        note = real_load(name, sys.stderr)
        data = json.loads(signed_file.read_text(encoding="utf-8"))
        signed_file.write_text(json.dumps(data, indent=4), encoding="utf-8")  # not locked
        return note

    monkeypatch.setattr(lifecycle_cli, "load_reporting", load_then_someone_writes)
    args = ["amend", str(signed_file), "--author", "A", "--reason", "r", "--text", "t"]
    assert main([*args, "--in-place"]) == 2
    assert "changed since it was read" in capsys.readouterr().err
    assert soapnotes.load(signed_file).addenda == ()


_RACE = """
import subprocess, sys
name, rounds = sys.argv[1], int(sys.argv[2])
for r in range(rounds):
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "soapnotes", "amend", name, "--author", f"writer {w}",
             "--reason", "race", "--text", f"round {r} writer {w}", "--in-place"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        for w in (1, 2)
    ]
    for w, p in zip((1, 2), procs):
        _, err = p.communicate()
        print(r, w, p.returncode, err.strip().replace(chr(10), " | "))
"""


def test_two_in_place_amends_at_once_keep_both_addenda(signed_file: Path) -> None:
    """Racing two `amend --in-place` many times: every addendum whose command exited 0 is
    in the file, the chain verifies, and none exits with anything but 0 or 2."""
    rounds = 12
    result = subprocess.run(
        [sys.executable, "-c", _RACE, str(signed_file), str(rounds)],
        capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    exits = [line.split(" ", 3) for line in result.stdout.splitlines()]
    assert len(exits) == 2 * rounds
    assert all(code in ("0", "2") for _, _, code, *_ in exits), result.stdout
    landed = {f"round {r} writer {w}" for r, w, code, *_ in exits if code == "0"}
    note = soapnotes.load(signed_file)
    assert {a.text for a in note.addenda} == landed
    assert len(note.addenda) == len(landed) >= rounds
    assert soapnotes.verify(note).ok


def test_in_place_through_a_symlink_writes_the_target(signed_file: Path) -> None:
    """amend --in-place on a link keeps the link and puts the addendum in its target."""
    link = signed_file.with_name("link.json")
    link.symlink_to(signed_file.name)
    result = run_cli(
        "amend", str(link), "--author", "A", "--reason", "r", "--text", "t", "--in-place"
    )
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert [a.text for a in soapnotes.load(signed_file).addenda] == ["t"]


def test_verify_prints_the_head_and_checks_it_back(
    signed_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """verify prints the full head hash; --head with it fails once trailing addenda are removed."""
    two = amend(amend(_signed(), "A", LATER, "r", "one"), "A", LATER, "r", "two")
    soapnotes.dump(two, signed_file)
    assert main(["verify", str(signed_file)]) == 0
    head = capsys.readouterr().out.strip().rsplit("head ", 1)[1].rstrip(")")
    assert head == head_hash(two)
    assert main(["verify", str(signed_file), "--head", head]) == 0
    soapnotes.dump(attrs.evolve(two, addenda=two.addenda[:1]), signed_file)  # the last removed
    assert main(["verify", str(signed_file)]) == 0  # the shorter chain is consistent...
    capsys.readouterr()
    assert main(["verify", str(signed_file), "--head", head]) == 1  # ...but not that head
    assert "head hash" in capsys.readouterr().out
