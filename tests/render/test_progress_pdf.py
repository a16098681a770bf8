"""The progress report PDF: charts, table, summary, findings, determinism."""

from __future__ import annotations

import datetime as dt
import re
import zlib
from io import BytesIO
from pathlib import Path
from typing import Any

import attrs
import pytest
from pypdf import PdfReader

import soapnotes
from soapnotes.lifecycle import content_hash
from soapnotes.progress import course_from_notes, load_course, open_findings
from soapnotes.render import render_progress, render_progress_bytes
from soapnotes.render.charts import PALETTE
from tests.conftest import EXAMPLES_DIR

COURSE_DIR = EXAMPLES_DIR / "course-left-arm"


def _reader(data: bytes) -> PdfReader:
    return PdfReader(BytesIO(data))


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _streams(reader: PdfReader) -> bytes:
    out = b""
    for page in reader.pages:
        contents = page.get_contents()
        assert contents is not None
        out += contents.get_data()
    return out


@pytest.fixture(scope="module")
def report() -> bytes:
    """The example course's report, with the findings open at its last session."""
    course = load_course([COURSE_DIR])
    return render_progress_bytes(course, findings=open_findings(course))


def test_report_has_summary_table_and_findings(report: bytes) -> None:
    """The summary sentence, the session table and the open findings are in the text layer."""
    text = _text(_reader(report))
    assert "Treatment progress report" in text
    assert "Excess volume of the left arm fell from 495 mL (27.2 %) to 237 mL (13.0 %)" in text
    assert "Sessions" in text
    assert "19 Dec 2025" in text
    assert "2,318" in text
    assert "SN-MS-005" in text
    assert "Page 1 of" in text


def test_charts_are_drawn_with_dated_axes(report: bytes) -> None:
    """Both charts exist: axis titles and date labels in the text, line paths in the chart
    colours in the content stream."""
    reader = _reader(report)
    text = _text(reader)
    assert "Volume (mL)" in text
    assert "Pain (0-10)" in text
    assert "27 Oct" in text
    assert "10 Nov" in text
    assert "Left arm" in text
    assert "Right arm" in text
    stream = _streams(reader)
    for color in PALETTE[:2]:
        # reportlab writes stroke colours as '.752941 .337255 .129412 RG' (no leading 0).
        rgb = " ".join(f"{c:.6f}".rstrip("0").removeprefix("0") for c in color.rgb())
        assert f"{rgb} RG".encode() in stream, color


def test_bytes_are_deterministic() -> None:
    """The same course renders to the same bytes every time."""
    course = load_course([COURSE_DIR])
    assert render_progress_bytes(course) == render_progress_bytes(course)


def test_record_text_never_becomes_markup(lymphedema_note: soapnotes.Note) -> None:
    """A client name full of markup is printed literally."""
    client = attrs.evolve(lymphedema_note.client, given_name='<b>Zoë</b> & "co"')
    note = attrs.evolve(lymphedema_note, client=client)
    text = _text(_reader(render_progress_bytes(course_from_notes([note]))))
    assert '<b>Zoë</b> & "co"' in text


def test_a_course_of_one_session_renders(lymphedema_note: soapnotes.Note) -> None:
    """A single note gives a report with its one point and no per-week rate."""
    text = _text(_reader(render_progress_bytes(course_from_notes([lymphedema_note]))))
    assert "One session, on 20 Nov 2026." in text


def test_changed_landmark_is_footnoted(lymphedema_note: soapnotes.Note) -> None:
    """A session measured at other points shows a dash with the reason under the table."""
    objective = lymphedema_note.session.objective
    moved = tuple(
        attrs.evolve(series, landmark=soapnotes.Landmark.FINGERTIP)
        for series in objective.circumferences
    )
    second = attrs.evolve(
        lymphedema_note,
        session=attrs.evolve(
            lymphedema_note.session,
            id="S-2",
            start=lymphedema_note.session.start.replace(day=23),
            objective=attrs.evolve(objective, circumferences=moved),
        ),
    )
    text = _text(_reader(render_progress_bytes(course_from_notes([lymphedema_note, second]))))
    assert "(a) measured from the fingertip instead of the wrist" in text


def test_render_to_stream(tmp_path: Path) -> None:
    """render_progress writes to a binary stream as well as to a path."""
    course = load_course([COURSE_DIR])
    buffer = BytesIO()
    render_progress(course, buffer)
    assert buffer.getvalue() == render_progress_bytes(course)
    assert zlib.crc32(buffer.getvalue())  # non-empty


def _signed(note: soapnotes.Note) -> soapnotes.Note:
    """``note`` signed with its real content hash two hours after the session."""
    signature = soapnotes.Signature(
        signed_by="Maren Albrecht",
        credential="RMT",
        signed_at=note.session.start + dt.timedelta(hours=2),
        content_sha256=content_hash(note),
    )
    return attrs.evolve(note, signature=signature)


def test_only_verifying_notes_count_as_signed() -> None:
    """A signed note changed after signing is not counted as signed and is named as such."""
    notes = list(load_course([COURSE_DIR]).notes[:3])
    good = _signed(notes[0])
    bad = _signed(notes[1])
    bad = attrs.evolve(
        bad,
        session=attrs.evolve(
            bad.session,
            subjective=attrs.evolve(bad.session.subjective, chief_complaint="Edited later."),
        ),
    )
    pages = [
        p.extract_text()
        for p in _reader(render_progress_bytes(course_from_notes([good, bad, notes[2]]))).pages
    ]
    for text in pages:
        assert "Computed from 3 notes: 1 signed, 1 signed but NOT VERIFYING" in text
        assert "1 unsigned draft" in text
    assert "SIGNATUREDOESNOTVERIFYfor1note:" in re.sub(r"\s+", "", pages[0])
    assert bad.session.id in pages[0]


def test_each_note_is_verified_exactly_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The report verifies every signed note once (for footer and summary), drafts never."""
    notes = list(load_course([COURSE_DIR]).notes[:3])
    course = course_from_notes([_signed(notes[0]), _signed(notes[1]), notes[2]])
    calls: list[str] = []
    real = soapnotes.lifecycle.verify

    def counting(note: soapnotes.Note, **kwargs: Any) -> soapnotes.Verification:
        calls.append(note.session.id)
        return real(note, **kwargs)

    monkeypatch.setattr(soapnotes.lifecycle, "verify", counting)
    render_progress_bytes(course, findings=open_findings(course))
    assert sorted(calls) == sorted(n.session.id for n in course.notes if n.is_signed)
    assert len(calls) == 2


def test_metadata_cleaned_and_names_optional(lymphedema_note: soapnotes.Note) -> None:
    """Report metadata is cleaned of control characters and can leave the client's name out."""
    from soapnotes.render import RenderOptions

    client = attrs.evolve(lymphedema_note.client, given_name="Zo\x07\u202e")
    course = course_from_notes([attrs.evolve(lymphedema_note, client=client)])
    meta = _reader(render_progress_bytes(course)).metadata
    assert meta is not None
    assert meta.title is not None
    assert meta.title.endswith("Zo\ufffd Łukasiewicz")
    hidden = _reader(render_progress_bytes(course, RenderOptions(metadata_names=False))).metadata
    assert hidden is not None
    assert hidden.title == "Treatment progress report, 20 Nov 2026 to 20 Nov 2026"
    assert "Łukasiewicz" not in str(dict(hidden))


def test_report_summary_follows_the_clinics_after_effect_window() -> None:
    """rule_options reaches the summary: under 72 hours it says so, by default 48 hours."""
    course = load_course([COURSE_DIR])
    headache = soapnotes.AfterEffect(kind=soapnotes.AfterEffectKind.HEADACHE, duration_hours=60)
    last = course.notes[-1]
    subjective = attrs.evolve(last.session.subjective, after_effects=(headache,))
    changed = attrs.evolve(last, session=attrs.evolve(last.session, subjective=subjective))
    course = course_from_notes([*course.notes[:-1], changed])
    clinic = soapnotes.RuleOptions(after_effect_warning_hours=72)
    relaxed = _text(_reader(render_progress_bytes(course, rule_options=clinic)))
    strict = _text(_reader(render_progress_bytes(course)))
    assert "none lasted longer than 72 hours" in " ".join(relaxed.split())
    assert "lasted longer than 48 hours (follow up)" in " ".join(strict.split())
