"""Encrypted notes for sending: AES-256 with a password, never together with PDF/A."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

import soapnotes
from soapnotes.cli import main
from soapnotes.errors import UsageError
from tests.conftest import EXAMPLES_DIR

#: TEST FIXTURE password (not a secret).
PASSWORD = "physician-copy-2026"  # noqa: S105
ARM = EXAMPLES_DIR / "lymphedema-left-arm.toml"


def test_the_pdf_opens_only_with_the_password_and_is_aes_256() -> None:
    """AES-256 (R6, AESv3): no password refuses; the password shows the same pages."""
    note = soapnotes.load(ARM)
    data = soapnotes.render_note_bytes(note, password=PASSWORD)
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(io.BytesIO(data))
    with pikepdf.open(io.BytesIO(data), password=PASSWORD) as pdf:
        assert pdf.is_encrypted
        assert pdf.encryption.R == 6
        assert pdf.encryption.stream_method.name == "aesv3"
        assert pdf.encryption.bits == 256
    reader = PdfReader(io.BytesIO(data))
    assert reader.is_encrypted
    reader.decrypt(PASSWORD)
    plain = PdfReader(io.BytesIO(soapnotes.render_note_bytes(note)))
    assert [p.extract_text() for p in reader.pages] == [p.extract_text() for p in plain.pages]


def test_encryption_and_archival_are_refused_together() -> None:
    """PDF/A forbids encryption: asking for both is a UsageError; so is an empty password."""
    note = soapnotes.load(ARM)
    with pytest.raises(UsageError, match="PDF/A forbids encryption"):
        soapnotes.render_note_bytes(note, archival=True, password=PASSWORD)
    with pytest.raises(UsageError, match="non-empty"):
        soapnotes.render_note_bytes(note, password="")


def test_cli_encrypt_takes_the_password_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """render --encrypt reads $SOAPNOTES_PDF_PASSWORD; without it (no terminal) exit 2."""
    out = tmp_path / "note.pdf"
    monkeypatch.delenv("SOAPNOTES_PDF_PASSWORD", raising=False)
    assert main(["render", str(ARM), "--encrypt", "-o", str(out)]) == 2
    assert "SOAPNOTES_PDF_PASSWORD" in capsys.readouterr().err
    assert not out.exists()
    monkeypatch.setenv("SOAPNOTES_PDF_PASSWORD", PASSWORD)
    assert main(["render", str(ARM), "--encrypt", "-o", str(out)]) == 0
    assert PASSWORD.encode() not in out.read_bytes()
    with pikepdf.open(out, password=PASSWORD) as pdf:
        assert pdf.is_encrypted


def test_cli_encrypt_with_archival_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--encrypt --archival exits 2 with a clear reason and writes nothing."""
    monkeypatch.setenv("SOAPNOTES_PDF_PASSWORD", PASSWORD)
    out = tmp_path / "note.pdf"
    assert main(["render", str(ARM), "--encrypt", "--archival", "-o", str(out)]) == 2
    assert "PDF/A forbids encryption" in capsys.readouterr().err
    assert not out.exists()
