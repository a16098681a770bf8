"""Password protection for a note sent outside the clinic: AES-256 (PDF 2.0, security
handler revision 6) with ``pikepdf`` (the ``archive`` extra, imported here only).

PDF/A forbids encryption (ISO 19005-1 6.1.3, -3 6.1.3), so an archival note is never
encrypted: asking for both is a :class:`~soapnotes.errors.UsageError`.
"""

from __future__ import annotations

import io

from soapnotes.errors import UsageError

__all__ = ["check_password", "encrypt_pdf"]

_NEEDS_EXTRA = "encrypting a PDF needs the archive extra: pip install 'soapnotes[archive]'"


def check_password(password: str | None, archival: bool) -> None:
    """Refuse an empty password, and a password for an archival PDF.

    Raises:
        UsageError: the password is empty, or ``archival`` is asked for too.
    """
    if password is None:
        return
    if not isinstance(password, str) or not password:
        raise UsageError("password must be a non-empty string")
    if archival:
        raise UsageError(
            "PDF/A forbids encryption: render either an archival PDF or an encrypted one"
        )


def encrypt_pdf(data: bytes, password: str) -> bytes:
    """``data`` encrypted with AES-256: ``password`` opens it (and may print and copy)."""
    try:
        import pikepdf
    except ImportError:
        raise UsageError(_NEEDS_EXTRA) from None
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user=password, owner=password, R=6))
    return out.getvalue()
