"""The PDF treatment note: content of every section, pages, safety, determinism, writing."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import attrs
import pytest
from pypdf import PdfReader

import soapnotes
from soapnotes import _format as fmt
from soapnotes.errors import RenderError
from soapnotes.lifecycle import content_hash
from soapnotes.models import (
    BodyRegion,
    NodeTarget,
    Note,
    Phase,
    Side,
    Signature,
    TreatedRegion,
)
from soapnotes.render import (
    MissingGlyphWarning,
    PageSize,
    RenderOptions,
    Section,
    _writer,
    render_note,
    render_note_bytes,
    styles,
)
from soapnotes.render.fonts import FontSet
from soapnotes.render.sections import screening as screening_section
from soapnotes.rules import Finding, Severity
from tests.conftest import EXAMPLES_DIR
from tests.render._pdf import ipa_gothic

HOSTILE = [
    '<img src="x.png">',
    '<a href="javascript:alert(1)">x</a>',
    '<font color="red">red</font>',
    "<b>unclosed",
    "&amp; &#60; <br/> <para>",
]


def load(name: str) -> Note:
    return soapnotes.load(EXAMPLES_DIR / f"{name}.toml")


def read(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def pages_text(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def all_text(data: bytes) -> str:
    return "\n".join(pages_text(read(data)))


def squash(text: str) -> str:
    """Text with all whitespace removed, to find values a table cell wrapped."""
    return re.sub(r"\s+", "", text)


#: A "now" after every example session, so signing and amending never depend on the clock.
LATER = dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)


def signed(note: Note, *, addenda: bool = False) -> Note:
    """``note`` signed with its real content hash (and one real addendum), skipping the rules."""
    signed_at = note.session.start + dt.timedelta(hours=4, minutes=5)
    signature = Signature(
        signed_by="Maren Albrecht",
        credential="RMT",
        signed_at=signed_at,
        content_sha256=content_hash(note),
    )
    result = attrs.evolve(note, signature=signature, addenda=())
    if addenda:
        next_day = (signed_at + dt.timedelta(days=1)).astimezone(dt.timezone.utc)
        result = soapnotes.amend(
            result,
            "Maren Albrecht",
            next_day.replace(hour=9, minute=0),
            "Corrected the pitting location",
            "Pitting was measured 10 cm above the wrist, not 8 cm.",
            now=LATER,
        )
    return result


@pytest.fixture(scope="module")
def arm_pdf() -> bytes:
    """The left-arm example rendered once for the content tests."""
    return render_note_bytes(load("lymphedema-left-arm"))


def test_every_section_is_in_the_text_layer(arm_pdf: bytes) -> None:
    """Headings of every section (and the body map) appear, in the order of the issue."""
    text = all_text(arm_pdf)
    headings = [
        "Client and session",
        "Contraindication screen",
        "S: Subjective",
        "O: Objective",
        "A: Assessment",
        "P: Plan",
        "Treatment performed",
        "Body map",
        "Signature",
    ]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)


def test_client_block_values(arm_pdf: bytes) -> None:
    """Therapist, licence, modality, duration, CDT phase, ISL stage and removed nodes are shown."""
    text = squash(all_text(arm_pdf))
    for value in [
        "MarenAlbrecht,RMT,CLT-LANA",
        "NS-RMT-20417",
        "Manuallymphaticdrainage(MLD)",
        "60min",
        "Intensive(phase1)",
        "ISLStageII",
        "Leftaxillarynodes:removedsince12Mar2024",
        "12Apr1968",
        "CL-0193",
    ]:
        assert value in text, value


def test_screen_table_marks_clearance(arm_pdf: bytes) -> None:
    """The cleared relative contraindication names who cleared it, in what role, when."""
    text = squash(all_text(arm_pdf))
    assert "CLEAREDbyDr.AmiraHaddad(Oncologist)on14Oct2026" in text
    assert "Heartcondition" in text


def test_blocking_and_missing_clearance_are_marked() -> None:
    """'Yes' to an absolute question says BLOCKS TREATMENT (any hands-on treatment, issue 12);
    an uncleared relative one NEEDS CLEARANCE."""
    note = load("lymphedema-left-arm")
    screen = note.client.screening
    assert screen is not None
    answers = [
        attrs.evolve(a, answer=soapnotes.Answer.YES, clearance=None)
        if a.question.value in ("acute_infection", "treated_cancer")
        else a
        for a in screen.answers
    ]
    note = attrs.evolve(
        note, client=attrs.evolve(note.client, screening=attrs.evolve(screen, answers=answers))
    )
    text = all_text(render_note_bytes(note))
    assert "BLOCKS TREATMENT" in text
    assert "NEEDS CLEARANCE" in text


def test_measurement_values_as_rendered(arm_pdf: bytes) -> None:
    """Circumferences, both volumes, excess volume and its percentage, and the change appear."""
    note = load("lymphedema-left-arm")
    objective = note.session.objective
    left = objective.series(soapnotes.Limb.ARM, Side.LEFT)
    right = objective.series(soapnotes.Limb.ARM, Side.RIGHT)
    assert left is not None
    assert right is not None
    assert objective.previous is not None
    old = objective.previous.circumferences[0]
    text = squash(all_text(arm_pdf))
    ev = soapnotes.excess_volume_ml(left.volume_ml, right.volume_ml)
    pct = soapnotes.excess_volume_percent(left.volume_ml, right.volume_ml)
    change = left.volume_ml - old.volume_ml
    for value in [
        fmt.ml(left.volume_ml),
        fmt.ml(right.volume_ml),
        fmt.ml(old.volume_ml),
        fmt.ml(ev),
        fmt.percent(pct),
        f"{fmt.signed(change)} mL",
        "32.6",
        "15.4",
    ]:
        assert squash(value) in text, value
    assert fmt.ml(left.volume_ml) == "2,200 mL"


def test_bilateral_edema_reports_percent_change() -> None:
    """With edema on both legs there is no excess volume but a % change against last time."""
    text = squash(all_text(render_note_bytes(load("lipedema-legs"))))
    assert "bothsidesaffected" in text
    assert "Volumechange,leftleg" in text


def test_treatment_table_and_total(arm_pdf: bytes) -> None:
    """Every treated region's technique is listed, with the total minutes."""
    note = load("lymphedema-left-arm")
    text = squash(all_text(arm_pdf))
    for region in note.session.treatment:
        assert squash(region.technique or "") in text
        assert squash(region.drains_to.label if region.drains_to else "") in text
    assert f"{note.session.treatment_minutes}min" in text


@pytest.mark.parametrize("name", ["lymphedema-left-arm", "lipedema-legs", "swedish-fibromyalgia"])
def test_header_and_footer_on_every_page(name: str) -> None:
    """Every page carries practice, title, client, session date, Page X of Y and the status."""
    note = load(name)
    texts = pages_text(read(render_note_bytes(note)))
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert note.practice.name in text
        assert "SOAP treatment note" in text
        assert note.client.full_name in text
        assert note.client.id in text
        assert fmt.date(note.session.start.date()) in text
        assert f"Page {number} of {len(texts)}" in text
        assert "Confidential" in text
        assert "DRAFT: not signed" in text


def test_draft_watermark_only_when_unsigned() -> None:
    """Unsigned pages show DRAFT in the footer and watermark; a signed note shows neither."""
    note = load("lymphedema-left-arm")
    draft = pages_text(read(render_note_bytes(note)))
    assert all(re.search(r"^\s*DRAFT\s*$", t, re.MULTILINE) for t in draft)
    final = pages_text(read(render_note_bytes(signed(note))))
    assert not any("DRAFT" in t for t in final)


def test_signed_footer_and_signature_block() -> None:
    """A signed note shows signer, credential, time with offset and short hash on every page."""
    note = load("lymphedema-left-arm")
    digest = content_hash(note)
    texts = pages_text(read(render_note_bytes(signed(note))))
    for text in texts:
        assert "Signed by Maren Albrecht, RMT, at 20 Nov 2026, 14:05 UTC-04:00" in text
        assert digest[:12] in text
    assert digest in squash("".join(texts))


def test_addenda_after_the_note() -> None:
    """Addenda come after the signature with author, time and reason."""
    text = all_text(render_note_bytes(signed(load("lymphedema-left-arm"), addenda=True)))
    assert text.index("Addenda") > text.index("Signature")
    assert "Corrected the pitting location" in text
    assert "21 Nov 2026, 09:00 UTC+00:00" in text
    assert "Pitting was measured 10 cm above the wrist" in text


def test_findings_box() -> None:
    """Findings passed in are shown with severity, code, message and path; none passed, no box."""
    note = load("lymphedema-left-arm")
    findings = [
        Finding(
            code="SN-XX-001",
            severity=Severity.WARNING,
            path="$.session.treatment[8]",
            message="Hand before forearm",
        ),
        Finding(
            code="SN-XX-002",
            severity=Severity.ERROR,
            path="$.client.screening",
            message="<b>Seed</b> question unanswered",
        ),
    ]
    text = all_text(render_note_bytes(note, findings=findings))
    assert text.index("ERROR") < text.index("WARNING")
    assert "<b>Seed</b> question unanswered" in text
    assert "$.session.treatment[8]" in text
    assert "Findings" not in all_text(render_note_bytes(note))


def test_real_findings_render() -> None:
    """Findings of the rules engine for an invalid example are shown in the note."""
    from soapnotes.rules import validate

    note = soapnotes.load(EXAMPLES_DIR / "invalid" / "contraindications.toml")
    findings = validate(note)
    assert findings
    text = squash(all_text(render_note_bytes(note, findings=findings)))
    for finding in findings:
        assert finding.code in text


@pytest.mark.parametrize(
    "name", ["Zoë Łukasiewicz", "Ødegård Ås", "Дмитрий Иванов", "Ελένη Παπαδοπούλου"]
)
def test_unicode_names_extract_exactly(name: str) -> None:
    """Names in several scripts come out of the header and client block exactly."""
    given, family = name.split(" ")
    note = load("lymphedema-left-arm")
    note = attrs.evolve(
        note, client=attrs.evolve(note.client, given_name=given, family_name=family)
    )
    texts = pages_text(read(render_note_bytes(note)))
    for text in texts:
        assert name in text


def _hostile_note(text: str) -> Note:
    """The example with ``text`` in every kind of free-text field."""
    note = load("lymphedema-left-arm")
    s = note.session
    treated = (
        attrs.evolve(s.treatment[0], technique=text, notes=text),
        *s.treatment[1:],
    )
    session = attrs.evolve(
        s,
        subjective=attrs.evolve(s.subjective, chief_complaint=text, symptoms=(text,), notes=text),
        objective=attrs.evolve(s.objective, observations=text, skin=(text,)),
        treatment=treated,
        assessment=attrs.evolve(s.assessment, summary=text, goals_progress=text),
        plan=attrs.evolve(s.plan, frequency=text, notes=text),
    )
    assert note.client.screening is not None
    screening = attrs.evolve(
        note.client.screening,
        answers=tuple(attrs.evolve(a, detail=text) for a in note.client.screening.answers),
    )
    client = attrs.evolve(note.client, family_name=text, screening=screening)
    practice = attrs.evolve(note.practice, name=text, address=text)
    therapist = attrs.evolve(note.therapist, name=text, licence_number=text)
    return signed(
        attrs.evolve(note, practice=practice, therapist=therapist, client=client, session=session),
        addenda=True,
    )


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_appears_literally_and_does_nothing(hostile: str) -> None:
    """Markup in any field is printed as typed: no image, link, colour change or crash."""
    data = render_note_bytes(_hostile_note(hostile))
    reader = read(data)
    text = all_text(data)
    assert text.count(hostile) >= 15
    for page in reader.pages:
        assert "/Annots" not in page
        resources: Any = page["/Resources"].get_object()
        xobjects = resources.get("/XObject", {})
        # Only the body map's own drawing, never an image.
        for ref in xobjects.values():
            assert ref.get_object()["/Subtype"] != "/Image"
    # The text may sit in the metadata strings; it must never become an action.
    root: Any = reader.trailer["/Root"]
    assert not {"/OpenAction", "/AA", "/Names"} & set(root.keys())
    for page in reader.pages:
        assert "/AA" not in page


def test_hostile_colour_has_no_effect() -> None:
    """A <font color="red"> in record text adds no pure red fill to the page."""
    from pypdf.generic import ContentStream

    reader = read(render_note_bytes(_hostile_note('<font color="red">red</font>')))
    for page in reader.pages:
        ops = ContentStream(page.get_contents(), reader).operations
        fills = {tuple(float(x) for x in args) for args, op in ops if op == b"rg"}
        assert (1.0, 0.0, 0.0) not in fills


def test_deterministic_bytes() -> None:
    """The same note and options give byte-identical PDFs, even from another process."""
    note = load("lymphedema-left-arm")
    first = render_note_bytes(note)
    assert render_note_bytes(note) == first
    script = (
        "import sys, soapnotes; from soapnotes.render import render_note_bytes;"
        "sys.stdout.buffer.write(render_note_bytes(soapnotes.load(sys.argv[1])))"
    )
    other = subprocess.run(
        [sys.executable, "-c", script, str(EXAMPLES_DIR / "lymphedema-left-arm.toml")],
        capture_output=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    ).stdout
    assert other == first


def test_metadata() -> None:
    """Title, author (therapist), subject, creator with version and language are set."""
    data = render_note_bytes(load("lymphedema-left-arm"), options=RenderOptions(language="en-CA"))
    reader = read(data)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "SOAP treatment note, 20 Nov 2026, Zoë Łukasiewicz"
    assert meta.author == "Maren Albrecht, RMT, CLT-LANA"
    assert "S-2026-1120-01" in (meta.subject or "")
    assert meta.creator == f"soapnotes {soapnotes.__version__}"
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "en-CA"


def test_write_to_path_atomically(tmp_path: Path) -> None:
    """A path gets the PDF and no temporary file is left beside it."""
    out = tmp_path / "note.pdf"
    render_note(load("lymphedema-left-arm"), out)
    assert out.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["note.pdf"]


def test_failed_render_leaves_existing_file(tmp_path: Path) -> None:
    """When rendering raises, an existing file is untouched and no temporary file remains."""
    out = tmp_path / "note.pdf"
    out.write_bytes(b"previous")
    note = load("lymphedema-left-arm")
    note = attrs.evolve(note, client=attrs.evolve(note.client, given_name="山田"))
    with pytest.raises(RenderError):
        render_note(note, out, options=RenderOptions(strict_fonts=True))
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["note.pdf"]


def test_write_to_stream() -> None:
    """A binary stream receives exactly the bytes render_note_bytes returns."""
    note = load("swedish-fibromyalgia")
    stream = io.BytesIO()
    assert render_note(note, stream) is None  # type: ignore[func-returns-value]
    assert stream.getvalue() == render_note_bytes(note)


def test_strict_fonts_raise_for_uncovered_characters() -> None:
    """In strict mode a character no font covers raises RenderError naming its code point."""
    note = load("lymphedema-left-arm")
    note = attrs.evolve(note, client=attrs.evolve(note.client, family_name="山田"))
    with pytest.raises(RenderError, match=r"U\+5C71"):
        render_note_bytes(note, options=RenderOptions(strict_fonts=True))


def test_uncovered_characters_warn_otherwise() -> None:
    """Without strict mode the uncovered characters are listed in a warning and drawn as U+FFFD."""
    note = load("lymphedema-left-arm")
    note = attrs.evolve(note, client=attrs.evolve(note.client, family_name="山田"))
    with pytest.warns(MissingGlyphWarning, match=r"U\+7530"):
        data = render_note_bytes(note)
    assert "Zoë \ufffd\ufffd" in all_text(data)


def test_fallback_font_renders_cjk() -> None:
    """With a CJK fallback font the name renders as its real glyphs and no warning is raised."""
    note = load("lymphedema-left-arm")
    note = attrs.evolve(
        note, client=attrs.evolve(note.client, given_name="太郎", family_name="山田")
    )
    options = RenderOptions(fonts=FontSet(fallbacks=(ipa_gothic(),)), strict_fonts=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        text = all_text(render_note_bytes(note, options=options))
    assert "太郎 山田" in text


def test_long_objective_and_sixty_regions_split_cleanly() -> None:
    """A 3,000-word Objective and 60 regions span pages; the table header repeats on each page."""
    note = load("lymphedema-left-arm")
    words = " ".join(f"word{i}" for i in range(3000))
    region = TreatedRegion(
        region=BodyRegion.FOREARM,
        side=Side.LEFT,
        phase=Phase.CLEARING,
        minutes=2,
        technique="Scoop technique",
        drains_to=NodeTarget(group=soapnotes.NodeGroup.AXILLARY, side=Side.RIGHT),
    )
    session = attrs.evolve(
        note.session,
        objective=attrs.evolve(note.session.objective, observations=words),
        treatment=(region,) * 60,
    )
    texts = pages_text(read(render_note_bytes(attrs.evolve(note, session=session))))
    joined = "\n".join(texts)
    assert "word0 " in joined
    assert "word2999" in joined
    table_pages = [t for t in texts if "Scoop technique" in t]
    assert len(table_pages) >= 2
    for text in table_pages:
        assert "Technique" in text
        assert "Drains to" in text
    assert "120min" in squash(joined)
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text


def test_heading_never_alone_at_page_foot() -> None:
    """No page ends with a section heading: the start of its section is always with it."""
    note = load("lymphedema-left-arm")
    for extra in range(0, 40, 3):
        words = " ".join(["fluid"] * (40 * extra + 1))
        session = attrs.evolve(
            note.session, objective=attrs.evolve(note.session.objective, observations=words)
        )
        texts = pages_text(read(render_note_bytes(attrs.evolve(note, session=session))))
        for text in texts[:-1]:
            body = text.split("Session 20 Nov 2026, 10:00 UTC-04:00", 1)[-1]
            lines = [ln for ln in body.splitlines() if ln.strip()]
            tail = [ln for ln in lines if not re.search(r"Confidential|DRAFT|Page \d", ln)]
            assert tail, text
            assert tail[-1].strip() not in {
                "Contraindication screen",
                "S: Subjective",
                "O: Objective",
                "A: Assessment",
                "P: Plan",
                "Treatment performed",
                "Body map",
                "Signature",
            }


def test_options_letter_and_sections() -> None:
    """Letter paper changes the page size; sections left out are not rendered."""
    options = RenderOptions(
        page_size=PageSize.LETTER,
        sections=set(Section) - {Section.SCREENING, Section.BODY_MAP},
    )
    data = render_note_bytes(load("lymphedema-left-arm"), options=options)
    reader = read(data)
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == (612, 792)
    text = all_text(data)
    assert "Contraindication screen" not in text
    assert "Body map" not in text
    assert "O: Objective" in text


def test_logo_from_bytes_is_embedded_once_per_page() -> None:
    """A logo passed as bytes is drawn in the header of every page."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (30, 80, 160)).save(buffer, format="PNG")
    data = render_note_bytes(
        load("lymphedema-left-arm"), options=RenderOptions(logo=buffer.getvalue())
    )
    for page in read(data).pages:
        resources: Any = page["/Resources"].get_object()
        xobjects = resources["/XObject"]
        kinds = [ref.get_object()["/Subtype"] for ref in xobjects.values()]
        assert "/Image" in kinds


def test_bad_logo_raises_render_error() -> None:
    """Bytes that are not an image give a RenderError, not a reportlab traceback."""
    with pytest.raises(RenderError, match="logo"):
        render_note_bytes(
            load("swedish-fibromyalgia"), options=RenderOptions(logo=b"not an image")
        )


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} missing: apt-get install qpdf poppler-utils")
    return path


@pytest.mark.parametrize("name", ["lymphedema-left-arm", "lipedema-legs", "swedish-fibromyalgia"])
def test_qpdf_check_clean(name: str, tmp_path: Path) -> None:
    """qpdf --check finds no problem in any rendered example."""
    qpdf = _tool("qpdf")
    out = tmp_path / "note.pdf"
    render_note(signed(load(name), addenda=True), out)
    result = subprocess.run([qpdf, "--check", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_pdffonts_all_embedded(tmp_path: Path) -> None:
    """pdffonts lists only embedded, subset TrueType fonts."""
    pdffonts = _tool("pdffonts")
    out = tmp_path / "note.pdf"
    render_note(load("lymphedema-left-arm"), out)
    lines = subprocess.run(
        [pdffonts, str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        fields: list[Any] = line.split()
        assert "DejaVuSans" in fields[0]
        assert fields[-5:-3] == ["yes", "yes"], line  # emb, sub


# -- long free text in table cells ---------------------------------------------------------


def _long(label: str, length: int = 5000) -> str:
    """At least ``length`` characters of numbered words (``tech0 tech1 ...``) to find in a PDF."""
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(f"{label}{len(words)}")
    return " ".join(words)


def _words(text: str, label: str) -> list[str]:
    """The numbered words of :func:`_long` found in ``text``, in order."""
    return re.findall(rf"{label}\d+", text)


def _with_long_cells(note: Note, technique: str, detail: str, cleared_by: str) -> Note:
    screen = note.client.screening
    assert screen is not None
    answers = [
        attrs.evolve(
            a,
            detail=detail,
            clearance=attrs.evolve(a.clearance, cleared_by=cleared_by),
        )
        if a.clearance is not None
        else a
        for a in screen.answers
    ]
    treatment = (attrs.evolve(note.session.treatment[0], technique=technique),)
    return attrs.evolve(
        note,
        client=attrs.evolve(note.client, screening=attrs.evolve(screen, answers=answers)),
        session=attrs.evolve(note.session, treatment=treatment + note.session.treatment[1:]),
    )


def test_long_cell_text_renders_in_full() -> None:
    """5,000-character technique, detail and clearance texts render; all of them is in the PDF."""
    texts = {label: _long(label) for label in ("tech", "detail", "clearer")}
    note = _with_long_cells(
        load("lymphedema-left-arm"), texts["tech"], texts["detail"], texts["clearer"]
    )
    text = all_text(render_note_bytes(note))
    for label, full in texts.items():
        # The cell shows the start of the text, the note below the table all of it.
        found = _words(text, label)
        assert found[-len(full.split()) :] == full.split(), label
    assert "see note (1)" in text


def test_layout_error_becomes_render_error_without_record_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A row too tall for a page raises RenderError whose message quotes none of the note."""
    monkeypatch.setattr(_writer, "CELL_MAX_CHARS", 10**6)
    note = _with_long_cells(load("lymphedema-left-arm"), _long("tech"), "short", "Dr. A")
    with pytest.raises(RenderError, match="too large for a page") as caught:
        render_note_bytes(note)
    assert "tech" not in str(caught.value)
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


# -- clearance dated after the session -----------------------------------------------------


def test_clearance_dated_after_session_is_red_not_cleared() -> None:
    """A clearance dated after the session's local date is marked in red, never CLEARED."""
    note = load("lymphedema-left-arm")
    screen = note.client.screening
    assert screen is not None
    late = dt.date(2026, 11, 21)  # the session is on 20 Nov 2026 at 10:00 -04:00
    answers = [
        attrs.evolve(a, clearance=attrs.evolve(a.clearance, cleared_on=late))
        if a.clearance is not None
        else a
        for a in screen.answers
    ]
    note = attrs.evolve(
        note, client=attrs.evolve(note.client, screening=attrs.evolve(screen, answers=answers))
    )
    assert "SN-CI-005" in {f.code for f in soapnotes.validate(note)}
    text = squash(all_text(render_note_bytes(note)))
    assert "CLEARANCEDATEDAFTERSESSION" in text
    assert "CLEAREDby" not in text
    late_answer = next(a for a in answers if a.clearance is not None)
    _, fill, ink = screening_section._screen_status(note, late_answer, soapnotes.RuleOptions())
    assert (fill, ink) == (styles.BLOCK_FILL, styles.BLOCK_INK)


def test_clearance_on_the_session_day_is_cleared() -> None:
    """A clearance dated on the session's local date (a UTC date later) still counts."""
    note = load("lymphedema-left-arm")
    late_evening = dt.datetime(2026, 11, 20, 21, 0, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
    note = attrs.evolve(note, session=attrs.evolve(note.session, start=late_evening))
    screen = note.client.screening
    assert screen is not None
    answers = [
        attrs.evolve(a, clearance=attrs.evolve(a.clearance, cleared_on=dt.date(2026, 11, 20)))
        if a.clearance is not None
        else a
        for a in screen.answers
    ]
    note = attrs.evolve(
        note, client=attrs.evolve(note.client, screening=attrs.evolve(screen, answers=answers))
    )
    assert "SN-CI-005" not in {f.code for f in soapnotes.validate(note)}
    text = squash(all_text(render_note_bytes(note)))
    assert "CLEARANCEDATEDAFTERSESSION" not in text
    assert "CLEAREDby" in text


# -- signatures that do not verify ---------------------------------------------------------

SIGNED_AT = dt.datetime(2026, 11, 20, 11, 15, tzinfo=dt.timezone(dt.timedelta(hours=-4)))


def _really_signed() -> Note:
    note = load("lymphedema-left-arm")
    return soapnotes.sign(note, "Maren Albrecht", "RMT", SIGNED_AT, now=LATER)


def test_tampered_signed_note_warns_on_every_page() -> None:
    """A signed note edited after signing says SIGNATURE DOES NOT VERIFY on every page."""
    note = _really_signed()
    tampered = attrs.evolve(
        note,
        session=attrs.evolve(
            note.session,
            subjective=attrs.evolve(note.session.subjective, chief_complaint="Changed later."),
        ),
    )
    assert not soapnotes.verify(tampered).ok
    texts = pages_text(read(render_note_bytes(tampered)))
    assert len(texts) > 1
    for text in texts:
        assert "SIGNATURE DOES NOT VERIFY: the content changed after signing" in text
        assert "Signed by" not in text.splitlines()[-1]
    # The signature block says so too, with what failed.
    assert "content hash: signed as" in texts[-1]


def test_genuinely_signed_note_has_no_warning() -> None:
    """A note signed with soapnotes.sign shows Signed by ... and no verification warning."""
    note = _really_signed()
    assert soapnotes.verify(note).ok
    texts = pages_text(read(render_note_bytes(note)))
    for text in texts:
        assert "DOES NOT VERIFY" not in text
        assert "Signed by Maren Albrecht, RMT, at 20 Nov 2026, 11:15 UTC-04:00" in text


def test_edited_addendum_warns() -> None:
    """An addendum edited after it was written makes the note fail verification, visibly."""
    note = signed(load("lymphedema-left-arm"), addenda=True)
    edited = attrs.evolve(note, addenda=(attrs.evolve(note.addenda[0], text="Other text."),))
    text = all_text(render_note_bytes(edited))
    assert "SIGNATURE DOES NOT VERIFY: addendum [0] chain hash failed the check" in text


def test_verification_passed_in_is_used_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Verification passed in is printed as given: a failing one warns on a good note."""
    note = _really_signed()
    good = soapnotes.verify(note)
    assert good.ok
    failing = attrs.evolve(
        good,
        mismatches=(soapnotes.Mismatch(what="content hash", message="signed as 0… but 1…"),),
    )

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("verify must not be called when a Verification is passed in")

    monkeypatch.setattr(soapnotes.lifecycle, "verify", refuse)
    texts = pages_text(read(render_note_bytes(note, verification=failing)))
    for text in texts:
        assert "SIGNATURE DOES NOT VERIFY: the content changed after signing" in text
    assert "content hash: signed as 0… but 1…" in texts[-1]
    # And an ok Verification prints the note as signed, through render_note too.
    out = io.BytesIO()
    render_note(note, out, verification=good)
    assert "DOES NOT VERIFY" not in all_text(out.getvalue())


def test_signed_note_is_verified_once_and_a_draft_never(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a Verification, a signed note is verified exactly once; a draft not at all."""
    calls: list[Note] = []
    real = soapnotes.lifecycle.verify

    def counting(note: Note, **kwargs: Any) -> soapnotes.Verification:
        calls.append(note)
        return real(note, **kwargs)

    monkeypatch.setattr(soapnotes.lifecycle, "verify", counting)
    note = _really_signed()
    render_note_bytes(note, findings=[])
    assert calls == [note]
    calls.clear()
    render_note_bytes(load("lymphedema-left-arm"))
    assert calls == []


# -- PDF metadata --------------------------------------------------------------------------


def test_metadata_is_cleaned_like_page_text() -> None:
    """Control characters and bidi overrides never reach the metadata raw."""
    note = load("lymphedema-left-arm")
    client = attrs.evolve(note.client, given_name="Zo\x01ë\x07", family_name="\u202eŁuka\nsz")
    therapist = attrs.evolve(note.therapist, name="Maren\x1b[31m Albrecht")
    meta = read(render_note_bytes(attrs.evolve(note, client=client, therapist=therapist))).metadata
    assert meta is not None
    assert meta.title == "SOAP treatment note, 20 Nov 2026, Zo\ufffdë\ufffd Łuka sz"
    assert meta.author is not None
    assert meta.author.startswith("Maren\ufffd[31m Albrecht")
    for value in (meta.title, meta.author, meta.subject):
        assert not any(c in (value or "") for c in "\x01\x07\x1b\u202e\n")


def test_metadata_names_can_be_left_out() -> None:
    """RenderOptions(metadata_names=False) keeps the client's name out of the PDF metadata."""
    note = load("lymphedema-left-arm")
    data = render_note_bytes(note, options=RenderOptions(metadata_names=False))
    meta = read(data).metadata
    assert meta is not None
    assert meta.title == "SOAP treatment note, 20 Nov 2026"
    assert "Łukasiewicz" not in str(dict(meta))
    assert "Łukasiewicz" in all_text(data)  # the pages still name the client
