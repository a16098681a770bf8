"""The letter to the referring physician: its text layer, pages, bytes and refusals."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from pathlib import Path

import attrs
import pytest
from pypdf import PdfReader

import soapnotes
from soapnotes.cli import main
from soapnotes.errors import UsageError
from soapnotes.findings import Finding, Severity
from soapnotes.models import HomeCare, HomeCareKind, Plan
from soapnotes.progress import Course, course_from_notes, open_findings
from soapnotes.render import RenderOptions, render_letter, render_letter_bytes
from tests.conftest import EXAMPLES_DIR

COURSE_DIR = EXAMPLES_DIR / "course-left-arm"
TO = "Dr. Amira Haddad, Oncology\nHarbour Regional Cancer Centre"


@pytest.fixture(scope="module")
def course() -> Course:
    """The shipped left-arm course."""
    return soapnotes.load_course([COURSE_DIR])


def _text(data: bytes) -> str:
    reader = PdfReader(BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _pages(data: bytes) -> int:
    return len(PdfReader(BytesIO(data)).pages)


def _with_last_plan(course: Course, plan: Plan) -> Course:
    last = course.last
    session = attrs.evolve(last.session, plan=plan)
    return course_from_notes([*course.notes[:-1], attrs.evolve(last, session=session)])


def test_the_letter_holds_client_diagnosis_outcomes_and_recommendation(course: Course) -> None:
    """Client, diagnosis with ICD-10, the course's numbers and the last plan are in the text."""
    data = render_letter_bytes(course, to=TO, findings=open_findings(course))
    text = _text(data)
    assert "To: Dr. Amira Haddad, Oncology Harbour Regional Cancer Centre" in text
    assert "Re: Zoë Łukasiewicz, born 12 Apr 1968 (ID CL-0193)" in text
    assert "Lymphedema, left arm, ISL Stage II, secondary; ICD-10 I97.2" in text
    assert "RX-2025-03388, issued 20 Oct 2025 by Dr. Amira Haddad" in text
    assert "13 of 15 authorised sessions used" in text
    # The numbers of soapnotes.progress, not recomputed.
    assert "fell from 495 mL (27.2 %) to 237 mL (13.0 %) over 13 sessions" in text
    assert "a 52.2 % reduction of the excess volume" in text
    assert "Pain fell from 5 to 2 of 10" in text
    assert "overall quality of life 5.0 to 8.0" in text
    assert "(see the session table)" not in text  # the letter has none
    assert "Class 2 (RAL-GZ 387/1, 23-32 mmHg)" in text
    # The recommendation is the last note's plan.
    assert "From the plan of the last session (19 Dec 2025):" in text
    assert "Frequency: Every four weeks" in text
    assert "Next session: 16 Jan 2026" in text
    assert "Day sleeve class 2; night garment" in text
    assert "Maren Albrecht, RMT, CLT-LANA Licence NS-RMT-20417" in text
    assert "found no errors or warnings" in text
    assert 1 <= _pages(data) <= 2


def test_the_recommendation_is_never_invented(course: Course) -> None:
    """A plan's own notes lead the recommendation; an empty plan says it records none."""
    advised = _with_last_plan(
        course,
        Plan(
            notes="Please review the night garment at the next oncology visit.",
            home_care=[HomeCare(kind=HomeCareKind.SKIN_CARE)],
        ),
    )
    text = _text(render_letter_bytes(advised, to=TO))
    assert "Please review the night garment at the next oncology visit." in text
    assert "Frequency" not in text
    empty = _with_last_plan(course, Plan())
    text = _text(render_letter_bytes(empty, to=TO))
    assert "The plan of the last session records no recommendation." in text
    assert "From the plan" not in text


def test_open_errors_and_warnings_are_listed_info_is_not(course: Course) -> None:
    """Errors and warnings go under "For your attention"; info findings are left out."""
    findings = [
        Finding(
            code="SN-HX-003", severity=Severity.WARNING, path="$.client", message="Cellulitis X"
        ),
        Finding(code="SN-MS-005", severity=Severity.INFO, path="$.session", message="Excess Y"),
    ]
    text = _text(render_letter_bytes(course, to=TO, findings=findings))
    assert "For your attention" in text
    assert "SN-HX-003" in text
    assert "Cellulitis X" in text
    assert "SN-MS-005" not in text
    assert "For your attention" not in _text(render_letter_bytes(course, to=TO))


def test_record_and_caller_text_is_escaped(course: Course) -> None:
    """Markup in `to` or the plan is printed as text, never interpreted."""
    advised = _with_last_plan(course, Plan(notes='<font color="red">Stop</font> & <b>go</b>'))
    text = _text(render_letter_bytes(advised, to="<b>Dr. A & B</b>"))
    assert "To: <b>Dr. A & B</b>" in text
    assert '<font color="red">Stop</font> & <b>go</b>' in text


def test_same_input_same_bytes_and_an_atomic_write(course: Course, tmp_path: Path) -> None:
    """The letter is deterministic; a path is written whole, with no temporary left."""
    out = tmp_path / "letter.pdf"
    render_letter(course, out, to=TO, findings=open_findings(course))
    assert out.read_bytes() == render_letter_bytes(course, to=TO, findings=open_findings(course))
    assert [p.name for p in tmp_path.iterdir()] == ["letter.pdf"]
    dated = render_letter_bytes(course, to=TO, dated=dt.date(2026, 1, 5))
    assert "Date: 5 Jan 2026" in _text(dated)


def test_to_must_name_someone(course: Course) -> None:
    """A blank addressee is a usage error."""
    with pytest.raises(UsageError, match="to must name"):
        render_letter_bytes(course, to="  \n")


def test_a_single_note_without_prescription_or_compression() -> None:
    """A one-note course with no referral, compression or tape still makes a letter."""
    note = soapnotes.load(EXAMPLES_DIR / "swedish-fibromyalgia.toml")
    client = attrs.evolve(note.client, prescription=None, referring_physician=None)
    session = attrs.evolve(note.session, compression=None)
    course = course_from_notes([attrs.evolve(note, client=client, session=session)])
    data = render_letter_bytes(course, to="Dr. B. Okafor, Rheumatology")
    text = _text(data)
    assert "No referral or prescription is recorded." in text
    assert "No compression is recorded at the last session." in text
    assert "One session, on" in text
    assert _pages(data) <= 2


def test_cli_letter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`soapnotes letter DIR --to ... -o FILE` writes the letter; a non-PDF name exits 2."""
    out = tmp_path / "letter.pdf"
    args = ["letter", str(COURSE_DIR), "--to", "Dr. Amira Haddad, Oncology", "-o", str(out)]
    assert main([*args, "--date", "2026-01-05"]) == 0
    assert "letter on 13 sessions" in capsys.readouterr().out
    assert "Date: 5 Jan 2026" in _text(out.read_bytes())
    assert main([*args[:-1], str(tmp_path / "letter.txt")]) == 2
    assert "must end in .pdf" in capsys.readouterr().err
    assert main(["letter", str(tmp_path / "none"), "--to", "X", "-o", str(out)]) == 2


@pytest.mark.parametrize(
    ("locale", "words"),
    [
        ("de_AT", ["Betrifft: Zoë Łukasiewicz, geb. 12. Apr. 1968", "Diagnose", "Empfehlung"]),
        ("fr_FR", ["Objet : Zoë Łukasiewicz, né(e) le 12 avr. 1968", "Diagnostic"]),
    ],
)
def test_the_letter_s_words_follow_the_locale(
    course: Course, locale: str, words: list[str]
) -> None:
    """RenderOptions(locale=...) translates the letter's own words; record text stays."""
    options = RenderOptions(locale=locale)
    text = _text(render_letter_bytes(course, to="Dr. Amira Haddad", options=options))
    for word in words:
        assert word in text
    assert "Day sleeve class 2; night garment" in text  # the therapist's text, as written
    assert "Thank you for referring" not in text
