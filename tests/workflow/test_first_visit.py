"""The first-visit template: every required field present and marked, nothing guessed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import soapnotes
from soapnotes.cli import main
from soapnotes.errors import InvalidRecord, UsageError
from soapnotes.models import Modality, Note
from soapnotes.models.vocabulary import ABSOLUTE_QUESTIONS, SEED_QUESTIONS, Answer
from soapnotes.workflow import DRAFT_MARK, first_visit, to_fill
from tests.workflow._answer import answer_marks

START = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def _with_birth_date(text: str) -> Note:
    line = 'date_of_birth = "TO FILL IN: the client\'s date of birth (YYYY-MM-DD)"\n'
    assert text.count(line) == 1
    return soapnotes.loads(text.replace(line, "date_of_birth = 1971-03-08\n"), "toml")


def test_the_template_does_not_load_until_the_date_of_birth_is_written() -> None:
    """The date of birth is marked in place of a date, so the file is refused until filled."""
    template = first_visit(client_id="CL-0200", start=START)
    assert template.toml.startswith("#:schema ")
    with pytest.raises(InvalidRecord) as caught:
        soapnotes.loads(template.toml, "toml")
    assert [p.path for p in caught.value.problems] == ["$.client.date_of_birth"]


def test_every_required_field_is_present_and_marked() -> None:
    """Names, consent, complaint, assessment and every seed and absolute question are marked."""
    template = first_visit(client_id="CL-0200", start=START)
    note = _with_birth_date(template.toml)
    marked = [item.path for item in template.to_fill]
    assert marked[:5] == [
        "$.practice.name",
        "$.therapist.name",
        "$.client.given_name",
        "$.client.family_name",
        "$.client.date_of_birth",
    ]
    assert [item.path for item in to_fill(note)] == [p for p in marked if "birth" not in p]
    assert {"$.client.consent.given_by", "$.session.subjective.chief_complaint"} <= set(marked)
    assert "$.session.assessment.summary" in marked
    screening = note.client.screening
    assert screening is not None
    assert screening.screened_on == START.date()
    assert [a.question for a in screening.answers] == [*SEED_QUESTIONS, *ABSOLUTE_QUESTIONS]
    assert all(a.answer is Answer.UNKNOWN for a in screening.answers)
    assert note.session.start == START
    assert note.client.conditions == ()
    assert note.session.treatment == ()
    codes = {f.code for f in soapnotes.validate(note, soapnotes.RuleOptions(now=START))}
    assert "SN-DF-001" in codes


def test_filled_in_it_validates() -> None:
    """A Swedish massage first visit, every mark answered, has no errors left."""
    template = first_visit(client_id="CL-0200", start=START, modality=Modality.SWEDISH)
    note = answer_marks(_with_birth_date(template.toml))
    assert to_fill(note) == ()
    assert not note.practice.name.startswith(DRAFT_MARK)
    policy = soapnotes.RuleOptions(now=START + dt.timedelta(hours=1))
    errors = [f.code for f in soapnotes.validate(note, policy) if f.severity.value == "error"]
    assert errors == []


def test_a_naive_start_or_bad_id_is_refused() -> None:
    """A start without an offset, or an id that is not one, is a usage error."""
    with pytest.raises(UsageError, match="timezone-aware"):
        first_visit(client_id="CL-0200", start=dt.datetime(2026, 11, 30, 9))  # noqa: DTZ001
    with pytest.raises(UsageError, match="could not be made"):
        first_visit(client_id="no spaces allowed", start=START)


def test_cli_new_client(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`soapnotes new --client ID` writes the template and lists what to fill in."""
    out = tmp_path / "first.toml"
    args = ["new", "--client", "CL-0200", "--start", "2026-11-30T09:00+01:00"]
    assert main([*args, "--modality", "swedish", "--minutes", "45", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"{out}: 19 to fill in before signing:" in err
    assert "$.client.date_of_birth: the client's date of birth (YYYY-MM-DD)" in err
    note = _with_birth_date(out.read_text(encoding="utf-8"))
    assert (note.session.modality, note.session.duration_minutes) == (Modality.SWEDISH, 45)
    assert main(["validate", str(out)]) == 2  # not a date yet
    assert main([*args, "-o", str(tmp_path / "first.json")]) == 2
    assert "is TOML" in capsys.readouterr().err
