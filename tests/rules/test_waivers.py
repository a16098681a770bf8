"""Issue 12, item 3: absolute codes are never waived; any other waived code is signed with the
content and printed on the PDF."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import attrs
import pytest
from pypdf import PdfReader

from soapnotes import Answer, Note, RuleOptions, content_hash, sign, verify
from soapnotes import Contraindication as C
from soapnotes.cli import main
from soapnotes.render import render_note_bytes
from soapnotes.rules import waived_codes
from tests.rules.helpers import NOW, with_answer

HALIFAX = dt.timezone(dt.timedelta(hours=-4))
SIGNED_AT = dt.datetime(2026, 11, 20, 11, 5, tzinfo=HALIFAX)
ROOT = Path(__file__).resolve().parents[2]


def _uncleared(arm: Note) -> Note:
    """The arm example with diabetes answered yes and no clearance (SN-CI-004)."""
    return with_answer(arm, C.DIABETES, Answer.YES)


def _signed(note: Note, *disabled: str) -> Note:
    options = RuleOptions(disabled=frozenset(disabled))
    return sign(note, "Maren Albrecht", "RMT", SIGNED_AT, now=NOW, rule_options=options)


def test_waived_code_is_recorded_in_the_signature(arm: Note) -> None:
    """Signing under a policy that disables SN-CI-004 records it; one that finds nothing, or
    only info, is not recorded."""
    signed = _signed(_uncleared(arm), "SN-CI-004", "SN-OR-004", "SN-MS-005")
    assert signed.signature is not None
    assert signed.signature.waived_codes == ("SN-CI-004",)
    assert verify(signed).ok


def test_waived_codes_are_part_of_the_signed_content(arm: Note) -> None:
    """Dropping the waived codes from a signed note breaks its content hash."""
    signed = _signed(_uncleared(arm), "SN-CI-004")
    assert signed.signature is not None
    stripped = attrs.evolve(signed, signature=attrs.evolve(signed.signature, waived_codes=()))
    assert not verify(stripped).ok
    assert [m.what for m in verify(stripped).mismatches] == ["content hash"]


def test_nothing_waived_keeps_the_content_hash_of_the_draft(arm: Note) -> None:
    """Without waivers the signed hash is the draft's content hash, as before."""
    signed = _signed(arm)
    assert signed.signature is not None
    assert signed.signature.waived_codes == ()
    assert signed.signature.content_sha256 == content_hash(arm)


def test_waived_codes_are_printed_on_the_pdf(arm: Note) -> None:
    """The signature block names each waived code."""
    signed = _signed(_uncleared(arm), "SN-CI-004")
    reader = PdfReader(io.BytesIO(render_note_bytes(signed)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Rules waived" in text
    assert "SN-CI-004" in text


def test_waived_codes_helper(arm: Note) -> None:
    """waived_codes lists the disabled codes that would report an error or a warning."""
    options = RuleOptions(disabled={"SN-CI-004", "SN-TM-004"}, now=NOW)
    assert waived_codes(_uncleared(arm), options) == ("SN-CI-004",)
    assert waived_codes(arm, RuleOptions(now=NOW)) == ()


def test_absolute_contraindication_cannot_be_waived_when_signing(arm: Note) -> None:
    """sign with SN-CI-002 disabled is refused before anything is signed."""
    with pytest.raises(ValueError, match="SN-CI-002 cannot be disabled"):
        _signed(with_answer(arm, C.ACUTE_DVT, Answer.YES), "SN-CI-002")


@pytest.mark.parametrize("command", ["validate", "sign"])
def test_cli_ignore_of_an_absolute_code_exits_2(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """--ignore SN-CI-002 is refused with exit 2 and a clear message."""
    example = str(ROOT / "examples" / "lymphedema-left-arm.toml")
    args = [command, example, "--ignore", "SN-CI-002"]
    if command == "sign":
        args += ["--signer", "Maren Albrecht", "--credential", "RMT"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"soapnotes {command}: rule code(s) SN-CI-002 cannot be disabled" in err
