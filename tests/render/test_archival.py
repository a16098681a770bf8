"""Archival PDFs: PDF/A-3b carrying the record, PDF/A-1b valid under PDFBox Preflight."""

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
from pypdf import PdfReader

import soapnotes
from soapnotes.cli import main
from soapnotes.errors import InvalidRecord, UsageError
from soapnotes.io import to_dict
from soapnotes.lifecycle._canonical import canonical_bytes
from tests.conftest import EXAMPLES_DIR
from tests.pki import pki

HALIFAX = dt.timezone(dt.timedelta(hours=-4))
SIGNED_AT = dt.datetime(2026, 11, 20, 11, 5, tzinfo=HALIFAX)
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)
ICC = Path(soapnotes.__file__).parent / "render" / "icc" / "sRGB.icc"

#: Debian's Apache PDFBox Preflight (libpdfbox2-java) and what its jar needs on Java 17.
_JARS = (
    "preflight",
    "pdfbox2",
    "fontbox2",
    "xmpbox",
    "commons-logging",
    "javax.activation",
    "jaxb-api",
)
_JAVA_DIR = Path("/usr/share/java")


def _keyed_note() -> soapnotes.Note:
    """The left-arm example signed with the therapist's key, with one keyed addendum."""
    party = pki().therapist
    keyed: dict[str, Any] = {
        "key": party.key,
        "certificate": party.certificate,
        "chain": pki().chain(party),
    }
    note = soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml")
    note = soapnotes.sign(note, "Maren Albrecht", "RMT", SIGNED_AT, now=NOW, **keyed)
    later = dt.datetime(2026, 11, 21, 9, 0, tzinfo=HALIFAX)
    return soapnotes.amend(
        note, "Maren Albrecht", later, "Pain", "Pain was 4/10.", now=NOW, **keyed
    )


@pytest.fixture(scope="module")
def note() -> soapnotes.Note:
    """The keyed, amended note (made once)."""
    return _keyed_note()


@pytest.fixture(scope="module")
def archival(note: soapnotes.Note) -> bytes:
    """Its PDF/A-3b bytes."""
    return soapnotes.render_note_bytes(note, archival=True)


def test_archival_3b_carries_the_record_as_its_source(
    note: soapnotes.Note, archival: bytes
) -> None:
    """/AF names note.json, AFRelationship /Source, application/json: the canonical record."""
    with pikepdf.open(io.BytesIO(archival)) as pdf:
        (spec,) = list(pdf.Root.AF)
        assert spec.AFRelationship == pikepdf.Name.Source
        assert str(spec.UF) == "note.json"
        stream = spec.EF.F
        assert stream.Subtype == pikepdf.Name("/application/json")
        assert stream.read_bytes() == canonical_bytes(to_dict(note))
        assert pdf.attachments.keys() == {"note.json"}


def test_archival_3b_metadata_matches_the_information_dictionary(archival: bytes) -> None:
    """XMP says PDF/A-3B and repeats title, author, subject, tool, producer and dates."""
    with pikepdf.open(io.BytesIO(archival)) as pdf:
        info = pdf.docinfo
        assert "/Filter" not in pdf.Root.Metadata
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            assert xmp["pdfaid:part"] == "3"
            assert xmp["pdfaid:conformance"] == "B"
            assert xmp["dc:title"] == str(info.Title)
            assert xmp["dc:creator"] == [str(info.Author)]
            assert xmp["dc:description"] == str(info.Subject)
            assert xmp["xmp:CreatorTool"] == str(info.Creator)
            assert xmp["pdf:Producer"] == str(info.Producer)
            assert xmp["xmp:CreateDate"] == "2026-11-21T09:00:00-04:00"
        assert str(info.CreationDate) == "D:20261121090000-04'00'"
        assert str(info.ModDate) == str(info.CreationDate)
        assert "Łukasiewicz" in str(info.Title)


def test_archival_3b_has_an_srgb_output_intent_and_embedded_fonts(archival: bytes) -> None:
    """One GTS_PDFA1 output intent with the shipped ICC v2 profile; every font embedded."""
    with pikepdf.open(io.BytesIO(archival)) as pdf:
        (intent,) = list(pdf.Root.OutputIntents)
        assert intent.S == pikepdf.Name.GTS_PDFA1
        profile = intent.DestOutputProfile
        assert profile.N == 3
        data = profile.read_bytes()
        assert data == ICC.read_bytes()
        assert data[8] == 2  # ICC major version 2
        assert data[16:20] == b"RGB "
        fonts = [font for page in pdf.pages for font in page.Resources.Font.values()]
        assert fonts
        assert all("/FontFile2" in font.FontDescriptor for font in fonts)
        assert "/Encrypt" not in pdf.trailer
        assert len(pdf.trailer.ID) == 2
    assert b"/ObjStm" not in archival
    assert b"/XRefStm" not in archival


def test_archival_pdfs_are_deterministic_and_show_the_same_pages(
    note: soapnotes.Note, archival: bytes
) -> None:
    """The same note gives the same bytes; the pages read as the plain PDF's."""
    assert soapnotes.render_note_bytes(note, archival=True) == archival
    plain = soapnotes.render_note_bytes(note)
    texts = [
        [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
        for data in (plain, archival)
    ]
    assert texts[0] == texts[1]
    assert "Pain was 4/10." in "".join(texts[1])


def test_qpdf_check_is_clean_for_every_variant(note: soapnotes.Note, tmp_path: Path) -> None:
    """qpdf --check finds no error in the plain, the PDF/A-3b and the PDF/A-1b note."""
    for variant in (False, "3b", "1b"):
        path = tmp_path / f"{variant}.pdf"
        path.write_bytes(soapnotes.render_note_bytes(note, archival=variant))
        result = subprocess.run(
            ["qpdf", "--check", str(path)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No syntax or stream encoding errors" in result.stdout


def test_archival_1b_has_no_attachment(note: soapnotes.Note) -> None:
    """PDF/A-1 allows no embedded files: the 1b variant is the same pages without the record."""
    data = soapnotes.render_note_bytes(note, archival="1b")
    assert data.startswith(b"%PDF-1.4")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/AF" not in pdf.Root
        assert "/Names" not in pdf.Root
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            assert xmp["pdfaid:part"] == "1"
    from soapnotes.io._pdf import record_from_pdf

    with pytest.raises(InvalidRecord, match="carries no soapnotes record"):
        record_from_pdf(data)


def _preflight() -> list[str] | None:
    """The java command line of PDFBox Preflight, or None when it is not installed."""
    jars = [_JAVA_DIR / f"{name}.jar" for name in _JARS]
    if shutil.which("java") is None or not all(jar.is_file() for jar in jars):
        return None
    classpath = os.pathsep.join(str(jar) for jar in jars)
    return ["java", "-cp", classpath, "org.apache.pdfbox.preflight.Validator_A1b"]


def test_pdfbox_preflight_says_the_1b_variant_is_valid(
    note: soapnotes.Note, tmp_path: Path
) -> None:
    """Apache PDFBox Preflight (a real PDF/A-1b validator) finds the 1b note valid."""
    command = _preflight()
    if command is None:
        if os.environ.get("SOAPNOTES_REQUIRE_PREFLIGHT"):
            pytest.fail("PDFBox Preflight is required here but missing (see .ci/run)")
        pytest.skip(
            "needs Apache PDFBox Preflight: apt-get install libpdfbox2-java "
            "default-jre-headless libactivation-java libjaxb-api-java"
        )
    path = tmp_path / "note-1b.pdf"
    path.write_bytes(soapnotes.render_note_bytes(note, archival="1b"))
    draft = tmp_path / "draft-1b.pdf"
    draft.write_bytes(
        soapnotes.render_note_bytes(
            soapnotes.load(EXAMPLES_DIR / "swedish-fibromyalgia.toml"), archival="1b"
        )
    )
    for pdf in (path, draft):
        result = subprocess.run([*command, str(pdf)], capture_output=True, text=True, check=False)
        assert "is a valid PDF/A-1b file" in result.stdout, result.stdout + result.stderr
    # And it does reject: the plain PDF is no PDF/A.
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(soapnotes.render_note_bytes(note))
    result = subprocess.run([*command, str(plain)], capture_output=True, text=True, check=False)
    assert "is not a valid PDF/A-1b file" in result.stdout


def test_load_reads_the_record_back_from_the_pdf(
    note: soapnotes.Note, archival: bytes, tmp_path: Path
) -> None:
    """soapnotes.load(note.pdf) is the note, and its keyed signatures still verify."""
    path = tmp_path / "note.pdf"
    path.write_bytes(archival)
    again = soapnotes.load(path)
    assert again == note
    assert soapnotes.verify(again, trust=[pki().root.certificate]).trusted


def test_a_plain_pdf_is_not_a_record(note: soapnotes.Note, tmp_path: Path) -> None:
    """A PDF without the record, or not a PDF at all, is an InvalidRecord naming $."""
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(soapnotes.render_note_bytes(note))
    with pytest.raises(InvalidRecord, match="carries no soapnotes record"):
        soapnotes.load(plain)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    with pytest.raises(InvalidRecord, match="not a readable PDF"):
        soapnotes.load(broken)


def test_archival_asks_for_a_known_level(note: soapnotes.Note) -> None:
    """archival is True, '3b' or '1b'; anything else is a UsageError."""
    with pytest.raises(UsageError, match="archival"):
        soapnotes.render_note_bytes(note, archival="2u")  # type: ignore[arg-type]


def test_cli_renders_archival_and_reads_it_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """render --archival, then validate, verify and sign take the PDF as their input."""
    signed = tmp_path / "signed.json"
    soapnotes.dump(_keyed_note(), signed)
    pdf = tmp_path / "note.pdf"
    assert main(["render", str(signed), "--archival", "-o", str(pdf)]) == 0
    capsys.readouterr()
    assert main(["verify", str(pdf)]) == 0
    assert capsys.readouterr().out.startswith(f"{pdf}: ok, intact, key signature valid")
    assert main(["validate", str(pdf)]) in (0, 1)
    out = tmp_path / "again.json"
    draft_pdf = tmp_path / "draft.pdf"
    assert (
        main(
            [
                "render",
                str(EXAMPLES_DIR / "lymphedema-left-arm.toml"),
                "--archival",
                "-o",
                str(draft_pdf),
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "sign",
                str(draft_pdf),
                "--signer",
                "Maren Albrecht",
                "--credential",
                "RMT",
                "--at",
                "2026-11-20T11:05:00-04:00",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert soapnotes.verify(soapnotes.load(out)).ok
