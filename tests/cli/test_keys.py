"""--key, --cert and --trust: keys from PEM and PKCS#12, passphrases from the environment."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

import soapnotes
from soapnotes.cli import main
from soapnotes.cli._keys import PASSPHRASE_VARIABLE
from tests.conftest import EXAMPLES_DIR
from tests.pki import Party, pki

SIGN = ["--signer", "Maren Albrecht", "--credential", "RMT", "--at", "2026-11-20T11:05:00-04:00"]
AMEND = ["--author", "Jonas Weber", "--reason", "Review", "--text", "Reviewed."]
AMEND_AT = ["--at", "2026-11-21T09:00:00-04:00"]
#: TEST FIXTURE passphrase for the generated test keys (not a secret).
PASSPHRASE = "correct horse battery staple"  # noqa: S105


def _pem(path: Path, party: Party, *, passphrase: str | None = None) -> Path:
    """The key (encrypted when a passphrase is given), then certificate and intermediate."""
    encryption: serialization.KeySerializationEncryption = (
        serialization.NoEncryption()
        if passphrase is None
        else serialization.BestAvailableEncryption(passphrase.encode())
    )
    key = party.key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    certificates = b"".join(
        c.public_bytes(serialization.Encoding.PEM)
        for c in (party.certificate, pki().intermediate.certificate)
    )
    path.write_bytes(key + certificates)
    return path


def _root(path: Path) -> Path:
    path.write_bytes(pki().root.certificate.public_bytes(serialization.Encoding.PEM))
    return path


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    """A copy of the left-arm example."""
    path = tmp_path / "note.json"
    shutil.copy(EXAMPLES_DIR / "lymphedema-left-arm.json", path)
    return path


def test_sign_with_an_encrypted_pem_key_and_verify_with_trust(
    draft: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The passphrase comes from the environment; verify --trust says authenticated."""
    key = _pem(tmp_path / "key.pem", pki().therapist, passphrase=PASSPHRASE)
    out = tmp_path / "signed.json"
    monkeypatch.setenv(PASSPHRASE_VARIABLE, PASSPHRASE)
    assert main(["sign", str(draft), *SIGN, "--key", str(key), "-o", str(out)]) == 0
    assert PASSPHRASE not in out.read_text(encoding="utf-8")
    root = _root(tmp_path / "root.pem")
    assert main(["verify", str(out), "--trust", str(root)]) == 0
    head = "79526adab1dd83bbe692bfa898c61b6fc102ff4e718b65459ee931be5bbdb589"
    assert capsys.readouterr().out == (
        f"{out}: ok, intact and authenticated (content 79526adab1dd, head {head})\n"
    )
    assert main(["verify", str(out)]) == 0
    assert "certificate not checked against trust roots" in capsys.readouterr().out


def test_a_missing_or_wrong_passphrase_is_a_usage_error(
    draft: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No terminal and no variable: exit 2 naming the variable; a wrong one: exit 2."""
    key = _pem(tmp_path / "key.pem", pki().therapist, passphrase=PASSPHRASE)
    monkeypatch.delenv(PASSPHRASE_VARIABLE, raising=False)
    assert main(["sign", str(draft), *SIGN, "--key", str(key)]) == 2
    assert PASSPHRASE_VARIABLE in capsys.readouterr().err
    monkeypatch.setenv(PASSPHRASE_VARIABLE, "wrong")
    assert main(["sign", str(draft), *SIGN, "--key", str(key)]) == 2
    assert "passphrase is wrong" in capsys.readouterr().err


def test_pkcs12_key_amends_and_an_unkeyed_note_fails_trust(
    draft: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A .p12 key signs an addendum; verify --trust fails (exit 1) an unkeyed signature."""
    signed = tmp_path / "signed.json"
    assert main(["sign", str(draft), *SIGN, "-o", str(signed)]) == 0
    colleague = pki().colleague
    p12 = tmp_path / "jonas.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"jonas",
            colleague.key,  # type: ignore[arg-type]
            colleague.certificate,
            [pki().intermediate.certificate],
            serialization.BestAvailableEncryption(PASSPHRASE.encode()),
        )
    )
    monkeypatch.setenv(PASSPHRASE_VARIABLE, PASSPHRASE)
    assert main(["amend", str(signed), *AMEND, *AMEND_AT, "--key", str(p12), "--in-place"]) == 0
    note = soapnotes.load(signed)
    assert note.addenda[0].jws is not None
    capsys.readouterr()
    assert main(["verify", str(signed), "--trust", str(_root(tmp_path / "root.pem"))]) == 1
    assert capsys.readouterr().out == (
        f"{signed}: signature authentication: signed without a key: intact at best, "
        "not authenticated\n"
    )


def test_a_misnamed_certificate_is_refused(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Signing as Maren with Jonas's key and certificate exits 1 with the reason."""
    key = _pem(tmp_path / "jonas.pem", pki().colleague)
    assert main(["sign", str(draft), *SIGN, "--key", str(key)]) == 1
    assert capsys.readouterr().err == (
        f"{draft}: the certificate's subject common name is not the signer's name\n"
    )


def test_cert_from_its_own_file_and_cert_without_key(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--cert supplies the chain for a bare key; --cert alone is a usage error."""
    party = pki().therapist_p256
    bare = tmp_path / "key.pem"
    bare.write_bytes(
        party.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert = tmp_path / "cert.pem"
    cert.write_bytes(
        party.certificate.public_bytes(serialization.Encoding.PEM)
        + pki().intermediate.certificate.public_bytes(serialization.Encoding.PEM)
    )
    out = tmp_path / "signed.json"
    assert (
        main(["sign", str(draft), *SIGN, "--key", str(bare), "--cert", str(cert), "-o", str(out)])
        == 0
    )
    assert soapnotes.verify(soapnotes.load(out), trust=[pki().root.certificate]).trusted
    assert main(["sign", str(draft), *SIGN, "--cert", str(cert)]) == 2
    assert "--cert needs --key" in capsys.readouterr().err
    assert main(["sign", str(draft), *SIGN, "--key", str(bare)]) == 2
    assert "needs its certificate" in capsys.readouterr().err
