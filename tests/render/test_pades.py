"""PAdES signatures on notes (sign_pdf, render --sign, sign-pdf) and verify_pdf's three checks."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

import soapnotes
from soapnotes.cli import main
from soapnotes.errors import UsageError
from soapnotes.io._pdf import ATTACHMENT_NAME
from soapnotes.lifecycle import SigningKey
from soapnotes.render._pades import FIELD_NAME, _content_extent, sign_pdf
from soapnotes.render._verify_pdf import page_fingerprints, verify_pdf
from tests.conftest import EXAMPLES_DIR
from tests.pki import Party, certify, pki
from tests.render.test_archival import _preflight

HALIFAX = dt.timezone(dt.timedelta(hours=-4))
SIGNED_AT = dt.datetime(2026, 11, 20, 11, 5, tzinfo=HALIFAX)
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)
PDF_AT = dt.datetime(2026, 11, 20, 11, 30, tzinfo=HALIFAX)


def _key(party: Party) -> SigningKey:
    return SigningKey(key=party.key, certificate=party.certificate, chain=pki().chain(party))


def _signed_note(party: Party) -> soapnotes.Note:
    note = soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml")
    keyed: dict[str, Any] = {
        "key": party.key,
        "certificate": party.certificate,
        "chain": pki().chain(party),
    }
    return soapnotes.sign(note, "Maren Albrecht", "RMT", SIGNED_AT, now=NOW, **keyed)


@pytest.fixture(scope="module")
def note() -> soapnotes.Note:
    """The left-arm example signed with the therapist's P-256 key."""
    return _signed_note(pki().therapist_p256)


@pytest.fixture(scope="module")
def archival(note: soapnotes.Note) -> bytes:
    """Its PDF/A-3b, unsigned."""
    return soapnotes.render_note_bytes(note, archival=True)


@pytest.fixture(scope="module")
def signed(archival: bytes) -> bytes:
    """The PDF/A-3b signed (PAdES B-B) with the therapist's P-256 key."""
    return sign_pdf(archival, _key(pki().therapist_p256), credential="RMT", at=PDF_AT)


def _roots() -> list[Any]:
    return [pki().root.certificate]


def _verdicts(result: Any) -> dict[str, tuple[bool, str]]:
    return {check.name: (check.ok, check.verdict) for check in result.checks}


def test_a_signed_archival_note_is_intact_and_trusted(signed: bytes) -> None:
    """All three checks pass with the test root: PDF signature, record signature, pages."""
    result = verify_pdf(signed, trust=_roots())
    assert _verdicts(result) == {
        "pdf signature": (True, "INTACT, TRUSTED"),
        "record signature": (True, "INTACT, TRUSTED"),
        "pages match record": (True, "MATCH"),
    }
    assert result.ok


def test_the_signature_is_pades_in_an_incremental_update(archival: bytes, signed: bytes) -> None:
    """The unsigned file is a byte prefix; the field is /Sig with ETSI.CAdES.detached covering
    the whole file; the signing time is the one given."""
    assert signed.startswith(archival)
    with pikepdf.open(io.BytesIO(signed)) as pdf:
        (field,) = list(pdf.Root.AcroForm.Fields)
        assert str(field.T) == FIELD_NAME
        assert pikepdf.Name.Sig == field.FT
        value = field.V
        assert value.SubFilter == pikepdf.Name("/ETSI.CAdES.detached")
        start, _length, after, rest = (int(x) for x in value.ByteRange)
        assert (start, after + rest) == (0, len(signed))
        assert str(value.M).startswith("D:20261120")


def test_pdfa_3b_survives_signing(archival: bytes, signed: bytes) -> None:
    """Record attached as /Source, XMP and info agree (producer, dates), output intent kept,
    no PDF 2.0 declaration, the same page content."""
    with pikepdf.open(io.BytesIO(signed)) as pdf:
        (spec,) = list(pdf.Root.AF)
        assert spec.AFRelationship == pikepdf.Name.Source
        assert str(spec.UF) == ATTACHMENT_NAME
        assert pdf.Root.OutputIntents[0].S == pikepdf.Name.GTS_PDFA1
        assert "/Version" not in pdf.Root or str(pdf.Root.Version) < "/2"
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "3"
        assert meta["pdf:Producer"] == str(pdf.docinfo["/Producer"])
        xmp_modified = dt.datetime.fromisoformat(meta["xmp:ModifyDate"])
        info_modified = str(pdf.docinfo["/ModDate"])  # D:YYYYmmddHHMMSSZ or with an offset
        assert xmp_modified.astimezone(dt.timezone.utc).strftime("%Y%m%d%H%M") in info_modified
    assert page_fingerprints(signed) == page_fingerprints(archival)


def test_qpdf_check_is_clean_after_signing(
    note: soapnotes.Note, signed: bytes, tmp_path: Path
) -> None:
    """qpdf finds no syntax or stream errors in the signed PDF/A-3b and PDF/A-1b files."""
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed")
    signed_1b = sign_pdf(
        soapnotes.render_note_bytes(note, archival="1b"), _key(pki().therapist_p256), at=PDF_AT
    )
    for name, data in (("signed-3b.pdf", signed), ("signed-1b.pdf", signed_1b)):
        path = tmp_path / name
        path.write_bytes(data)
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No syntax or stream encoding errors" in result.stdout


def test_the_block_sits_below_the_last_line_on_the_last_page(signed: bytes) -> None:
    """The widget is on the last page, inside the page, under every line of the note and
    above the footer; it shows signer, credential and time in DejaVu Sans."""
    reader = PdfReader(io.BytesIO(signed))
    last = reader.pages[-1]
    (annotation,) = [a.get_object() for a in last["/Annots"]]  # type: ignore[attr-defined]
    x1, y1, x2, y2 = (float(v) for v in annotation["/Rect"])
    lowest, footer = _content_extent(last)
    assert footer < y1 < y2 < lowest
    assert 0 < x1 < x2 < float(last.mediabox.right)
    with pikepdf.open(io.BytesIO(signed)) as pdf:
        widget = pdf.pages[-1].Annots[0]
        fonts = _fonts_in(widget.AP.N)
    assert fonts
    assert all("DejaVuSans" in name for name in fonts)
    text = _block_text(signed)
    assert "Digitally signed by" in text
    assert "Maren Albrecht, RMT" in text
    assert "20 Nov 2026, 11:30 UTC-04:00" in text


def _fonts_in(xobject: Any, depth: int = 0) -> list[str]:
    """The base font names an appearance stream (and the forms it draws) uses."""
    names = []
    resources = xobject.get("/Resources", {})
    for font in resources.get("/Font", {}).values():
        names.append(str(font.BaseFont))
    for inner in resources.get("/XObject", {}).values():
        if depth < 4:
            names += _fonts_in(inner, depth + 1)
    return names


def _block_text(signed: bytes) -> str:
    """The text of the signature's appearance, drawn onto a page of its own with pikepdf."""
    with pikepdf.open(io.BytesIO(signed)) as pdf:
        widget = pdf.pages[-1].Annots[0]
        page = pikepdf.Page(pdf.add_blank_page(page_size=(300, 100)))
        page.add_overlay(widget.AP.N, pikepdf.Rectangle(0, 0, 300, 100))
        out = io.BytesIO()
        pdf.save(out)
    return PdfReader(io.BytesIO(out.getvalue())).pages[-1].extract_text()


def test_one_changed_byte_in_the_signed_range_is_invalid(signed: bytes) -> None:
    """A byte changed inside the signed revision makes the PDF signature INVALID."""
    at = signed.index(b"SOAP treatment note")
    tampered = signed[:at] + b"X" + signed[at + 1 :]
    result = verify_pdf(tampered, trust=_roots())
    assert _verdicts(result)["pdf signature"] == (False, "INVALID")
    assert not result.ok


def test_an_appended_revision_is_not_covered(signed: bytes) -> None:
    """A change appended after signing (a new title) leaves the signature not covering the
    file: INVALID."""
    with pikepdf.open(io.BytesIO(signed)) as pdf:
        pdf.docinfo["/Title"] = "another note"
        out = io.BytesIO()
        pdf.save(out)
    result = verify_pdf(out.getvalue(), trust=_roots())
    assert not _verdicts(result)["pdf signature"][0]


def test_another_root_or_none_is_not_trusted(signed: bytes) -> None:
    """With a root nobody uses, or none, the signature is intact but not trusted: fails."""
    for trust in ([pki().stranger_root.certificate], None):
        result = verify_pdf(signed, trust=trust)
        assert _verdicts(result)["pdf signature"] == (False, "INTACT, NOT TRUSTED")
        assert not result.ok


def test_an_expired_certificate_is_not_trusted(archival: bytes) -> None:
    """A P-256 certificate that expired in 2021 signs a PDF now: intact, not trusted."""
    expired = certify(
        "Maren Albrecht",
        ec.generate_private_key(ec.SECP256R1()),
        pki().intermediate,
        ca=False,
        valid_from=dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc),
        valid_until=dt.datetime(2021, 1, 1, tzinfo=dt.timezone.utc),
    )
    data = sign_pdf(archival, _key(expired), at=PDF_AT)
    result = verify_pdf(data, trust=_roots())
    assert _verdicts(result)["pdf signature"] == (False, "INTACT, NOT TRUSTED")


def _with_record(data: bytes, record: bytes) -> bytes:
    """``data`` with its embedded note.json replaced by ``record`` (same structure)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        spec = pdf.Root.AF[0]
        spec.EF.F.write(record)
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


def test_pages_that_are_not_the_record_are_a_mismatch(note: soapnotes.Note) -> None:
    """A PDF showing one signed note but carrying another's record, then signed: the PDF
    signature and the record verify, the pages do not match the record."""
    from soapnotes.io import to_dict
    from soapnotes.lifecycle._canonical import canonical_bytes

    party = pki().therapist_p256
    later = dt.datetime(2026, 11, 21, 9, 0, tzinfo=HALIFAX)
    other = soapnotes.amend(
        note,
        "Maren Albrecht",
        later,
        "Pain",
        "Pain was 4/10.",
        now=NOW,
        key=party.key,
        certificate=party.certificate,
        chain=pki().chain(party),
    )
    shown = soapnotes.render_note_bytes(note, archival=True)
    swapped = _with_record(shown, canonical_bytes(to_dict(other)))
    result = verify_pdf(sign_pdf(swapped, _key(party), at=PDF_AT), trust=_roots())
    verdicts = _verdicts(result)
    assert verdicts["pdf signature"] == (True, "INTACT, TRUSTED")
    assert verdicts["record signature"] == (True, "INTACT, TRUSTED")
    assert verdicts["pages match record"] == (False, "MISMATCH")
    assert not result.ok


def test_a_tampered_record_is_reported(archival: bytes) -> None:
    """A record edited before the PDF was signed fails its own (JWS) check."""
    record = soapnotes.io._pdf.record_from_pdf(archival).replace(b'"RMT"', b'"PhD"')
    data = sign_pdf(_with_record(archival, record), _key(pki().therapist_p256), at=PDF_AT)
    verdicts = _verdicts(verify_pdf(data, trust=_roots()))
    assert verdicts["record signature"] == (False, "INVALID")


def test_ed25519_signs_plain_pdfs_but_not_archival_ones(note: soapnotes.Note) -> None:
    """Ed25519 in a PDF is PDF 2.0 (ISO 32002): refused for PDF/A, fine for a plain PDF,
    whose verification then says it carries no record."""
    key = _key(pki().therapist)
    with pytest.raises(UsageError, match="Ed25519"):
        sign_pdf(soapnotes.render_note_bytes(note, archival=True), key)
    data = sign_pdf(soapnotes.render_note_bytes(note), key, at=PDF_AT)
    verdicts = _verdicts(verify_pdf(data, trust=_roots()))
    assert verdicts["pdf signature"] == (True, "INTACT, TRUSTED")
    assert verdicts["record signature"] == (False, "NO RECORD")


def test_a_key_without_certificate_is_refused(archival: bytes) -> None:
    """PAdES embeds the certificate: a bare key is a UsageError."""
    with pytest.raises(UsageError, match="certificate"):
        sign_pdf(archival, SigningKey(key=pki().therapist_p256.key))


def test_a_full_last_page_gets_a_signature_page() -> None:
    """No room under the last line: the block goes on a page of its own after it, never
    over the text; that page is marked and draws nothing else."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(595, 842))
    for y in range(800, 60, -14):
        canvas.drawString(50, y, "line")
    canvas.save()
    data = sign_pdf(buffer.getvalue(), _key(pki().therapist_p256))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    added = reader.pages[1]
    assert bool(added["/SoapnotesSignaturePage"])
    assert "/Annots" not in reader.pages[0]
    annotations: Any = added["/Annots"]
    (widget,) = [a.get_object() for a in annotations]
    assert widget["/T"] == FIELD_NAME
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    assert 0 < x1 < x2 < 595
    assert 700 < y1 < y2 < 842 - 27 * 72 / 25.4 + 1  # at the top, under the top margin
    contents = added.get_contents()
    assert contents is None or not contents.get_data()


def _filled_note(party: Party) -> soapnotes.Note:
    """The signed example with addenda enough to fill its last page to the footer."""
    note = _signed_note(party)
    keyed: dict[str, Any] = {
        "key": party.key,
        "certificate": party.certificate,
        "chain": pki().chain(party),
    }
    for day, text in ((21, "Pain was 4/10."), (22, "Less swelling than recorded.")):
        at = dt.datetime(2026, 11, day, 9, 0, tzinfo=HALIFAX)
        note = soapnotes.amend(note, "Maren Albrecht", at, "Correction", text, now=NOW, **keyed)
    return note


def test_a_note_with_a_full_last_page_signs_and_verifies(tmp_path: Path) -> None:
    """A real note whose addenda fill the last page: signed onto a signature page, and
    verify_pdf's pages check compares the note's pages (the signature page left out); the
    signed PDF/A-1b variant is still valid for Preflight."""
    note = _filled_note(pki().therapist_p256)
    archival = soapnotes.render_note_bytes(note, archival=True)
    pages = len(PdfReader(io.BytesIO(archival)).pages)
    data = sign_pdf(archival, _key(pki().therapist_p256), credential="RMT", at=PDF_AT)
    assert data.startswith(archival)
    assert len(PdfReader(io.BytesIO(data)).pages) == pages + 1
    assert page_fingerprints(data, signed=True) == page_fingerprints(archival)
    result = verify_pdf(data, trust=_roots())
    assert result.ok, [str(c) for c in result.checks]
    # Something drawn on the added page is no longer a signature page: the check fails.
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.pages[-1].obj.Contents.write(b"BT ET")
        tampered = io.BytesIO()
        pdf.save(tampered)
    assert len(page_fingerprints(tampered.getvalue(), signed=True)) == pages + 1
    if _preflight() is None:
        if os.environ.get("SOAPNOTES_REQUIRE_PREFLIGHT"):
            pytest.fail("PDFBox Preflight is required here but missing (see .ci/run)")
        return
    path = tmp_path / "signed-page-1b.pdf"
    path.write_bytes(
        sign_pdf(soapnotes.render_note_bytes(note, archival="1b"), _key(pki().therapist_p256))
    )
    command = [*(_preflight() or []), str(path)]
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    assert "is a valid PDF/A-1b file" in run.stdout, run.stdout[-2000:]


def test_pades_b_t_carries_a_verified_timestamp(archival: bytes) -> None:
    """With a timestamper (pyHanko's in-process DummyTimeStamper and a test TSA certificate),
    the signature has an RFC 3161 token that validates against the test root."""
    from asn1crypto import keys, x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    tsa = certify(
        "Test TSA",
        rsa.generate_private_key(public_exponent=65537, key_size=2048),  # the dummy's only kind
        pki().intermediate,
        ca=False,
        usage=ExtendedKeyUsageOID.TIME_STAMPING,
    )

    def asn1(certificate: Any) -> Any:
        return x509.Certificate.load(certificate.public_bytes(ser.Encoding.DER))

    private = tsa.key.private_bytes(ser.Encoding.DER, ser.PrivateFormat.PKCS8, ser.NoEncryption())
    stamper = DummyTimeStamper(
        tsa_cert=asn1(tsa.certificate),
        tsa_key=keys.PrivateKeyInfo.load(private),
        certs_to_embed=None,
    )
    data = sign_pdf(archival, _key(pki().therapist_p256), timestamp=stamper)
    root = asn1(pki().root.certificate)
    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    context = ValidationContext(
        trust_roots=[root], other_certs=[asn1(pki().intermediate.certificate)]
    )
    status = validate_pdf_signature(signature, context, ts_validation_context=context)
    assert status.timestamp_validity is not None
    assert status.timestamp_validity.intact
    assert status.timestamp_validity.valid
    assert status.timestamp_validity.trusted
    assert "RFC 3161" in _block_text(data)
    assert verify_pdf(data, trust=_roots()).ok


def test_a_signed_pdfa_1b_note_is_valid_for_preflight(
    note: soapnotes.Note, tmp_path: Path
) -> None:
    """The PDF/A-1b variant, signed, is still valid PDF/A-1b for Preflight."""
    if _preflight() is None:
        if os.environ.get("SOAPNOTES_REQUIRE_PREFLIGHT"):
            pytest.fail("PDFBox Preflight is required here but missing (see .ci/run)")
        pytest.skip("needs Apache PDFBox Preflight (see tests/render/test_archival.py)")
    path = tmp_path / "signed-1b.pdf"
    data = soapnotes.render_note_bytes(note, archival="1b")
    path.write_bytes(sign_pdf(data, _key(pki().therapist_p256), at=PDF_AT))
    command = [*(_preflight() or []), str(path)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert "is a valid PDF/A-1b file" in result.stdout, result.stdout[-2000:]


def _write_keys(folder: Path) -> tuple[Path, Path, Path]:
    """The therapist's P-256 key (encrypted PEM), certificate chain and the root, as files."""
    party = pki().therapist_p256
    key, chain, root = folder / "key.pem", folder / "chain.pem", folder / "root.pem"
    encryption = ser.BestAvailableEncryption(b"test passphrase")
    key.write_bytes(party.key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8, encryption))
    chain.write_bytes(
        party.certificate.public_bytes(ser.Encoding.PEM)
        + pki().intermediate.certificate.public_bytes(ser.Encoding.PEM)
    )
    root.write_bytes(pki().root.certificate.public_bytes(ser.Encoding.PEM))
    return key, chain, root


def test_cli_render_sign_and_verify(
    note: soapnotes.Note,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """render --archival --sign, then verify: a verdict per check, exit 0 with the root,
    exit 1 with another; sign-pdf signs an unsigned render the same way."""
    key, chain, root = _write_keys(tmp_path)
    monkeypatch.setenv("SOAPNOTES_KEY_PASSPHRASE", "test passphrase")
    source = tmp_path / "note.json"
    soapnotes.dump(note, source)
    out = tmp_path / "note.pdf"
    keys = ["--key", str(key), "--cert", str(chain)]
    assert main(["render", str(source), "--archival", "--sign", *keys, "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["verify", str(out), "--trust", str(root)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[1] for line in lines[:3]] == [
        "pdf signature",
        "record signature",
        "pages match record",
    ]
    assert lines[-1] == f"{out}: VERIFIED"
    stranger = tmp_path / "stranger.pem"
    stranger.write_bytes(pki().stranger_root.certificate.public_bytes(ser.Encoding.PEM))
    assert main(["verify", str(out), "--trust", str(stranger)]) == 1
    assert "DOES NOT VERIFY" in capsys.readouterr().out
    plain = tmp_path / "plain.pdf"
    assert main(["render", str(source), "--archival", "-o", str(plain)]) == 0
    assert main(["sign-pdf", str(plain), *keys, "-q"]) == 0
    assert main(["verify", str(tmp_path / "plain.signed.pdf"), "--trust", str(root)]) == 0


def test_cli_refuses_what_it_cannot_sign(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """sign-pdf without --key, render --sign with --encrypt, a wrong passphrase: exit 2 with
    a reason, nothing written."""
    key, chain, _ = _write_keys(tmp_path)
    pdf = tmp_path / "note.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert main(["sign-pdf", str(pdf)]) == 2
    assert "--key is required" in capsys.readouterr().err
    monkeypatch.setenv("SOAPNOTES_KEY_PASSPHRASE", "wrong")
    assert main(["sign-pdf", str(pdf), "--key", str(key), "--cert", str(chain)]) == 2
    assert "passphrase" in capsys.readouterr().err
    monkeypatch.setenv("SOAPNOTES_PDF_PASSWORD", "x")
    source = EXAMPLES_DIR / "lymphedema-left-arm.toml"
    command = ["render", str(source), "--sign", "--encrypt", "--key", str(key), "-o", str(pdf)]
    assert main(command) == 2
    assert "not with --encrypt" in capsys.readouterr().err
    assert not (tmp_path / "note.signed.pdf").exists()


def test_the_block_cleans_the_name_and_keeps_a_long_one_inside(tmp_path: Path) -> None:
    """Record text in the block is one clean line, shrunk to fit rather than overflowing."""
    from soapnotes.render._pades import BLOCK_WIDTH, _block

    long = "Maren Albrecht-Łukasiewicz-Vandenberghe-Oyelaran"
    page = PdfReader(io.BytesIO(_block(long, "RMT,\nCLT-LANA\u202e", PDF_AT, False))).pages[0]
    text = page.extract_text()
    assert f"{long}, RMT, CLT-LANA" in text
    assert "\u202e" not in text
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from soapnotes.render.fonts import register_family

    ends: list[float] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if long in text:  # the name line: where it starts plus how wide it is drawn
            scale = tm[0] * cm[0]
            width = stringWidth(text.strip(), register_family() + "-Bold", size * scale)
            ends.append(tm[4] * cm[0] + cm[4] + width)

    page.extract_text(visitor_text=visit)
    assert ends, "the name line was not found"
    assert max(ends) < BLOCK_WIDTH
