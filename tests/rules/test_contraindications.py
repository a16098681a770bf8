"""Contraindication rules (SN-CI-*): Vodder Akademie's classes, WakeMed policy."""

from __future__ import annotations

import datetime as dt

from soapnotes import Answer, BodyRegion, Clearance, Note, RegionRef, Severity, Side
from soapnotes import Contraindication as C
from tests.rules.helpers import codes, only, with_answer, with_client

SESSION_DAY = dt.date(2026, 11, 20)  # the arm example's session, in its own time zone


def _clearance(on: dt.date) -> Clearance:
    return Clearance(cleared_by="Dr. A", role="Physician", cleared_on=on)


def test_no_screen_is_an_error(arm: Note) -> None:
    """A note whose client has no screen on file gets SN-CI-001."""
    found = only(with_client(arm, screening=None), "SN-CI-001")
    assert [f.path for f in found] == ["$.client.screening"]


def test_screen_on_file_is_not_flagged(arm: Note) -> None:
    """A complete screen raises no contraindication finding at all."""
    assert not [c for c in codes(arm) if c.startswith("SN-CI")]


def test_absolute_yes_with_mld_is_an_error(arm: Note) -> None:
    """Acute DVT answered yes before an MLD session is SN-CI-002 on that answer."""
    found = only(with_answer(arm, C.ACUTE_DVT, Answer.YES), "SN-CI-002")
    assert len(found) == 1
    assert found[0].path.endswith(".answer")
    assert "no clearance overrides it" in found[0].message


def test_absolute_yes_is_not_overridden_by_clearance(arm: Note) -> None:
    """A clearance on an absolute contraindication changes nothing: still SN-CI-002."""
    note = with_answer(arm, C.ACUTE_INFECTION, Answer.YES, clearance=_clearance(SESSION_DAY))
    assert "SN-CI-002" in codes(note)


def test_absolute_no_is_not_flagged(arm: Note) -> None:
    """Acute DVT answered no raises nothing."""
    assert "SN-CI-002" not in codes(with_answer(arm, C.ACUTE_DVT, Answer.NO))


def test_absolute_yes_before_other_modality_is_an_error(swedish: Note) -> None:
    """Before a Swedish massage an absolute contraindication is SN-CI-003, an error now
    (issue 12, item 1: it forbids any hands-on treatment)."""
    found = only(with_answer(swedish, C.DECOMPENSATED_HEART_FAILURE, Answer.YES), "SN-CI-003")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "SN-CI-002" not in codes(with_answer(swedish, C.ACUTE_DVT, Answer.YES))


def test_relative_yes_without_clearance_is_an_error(arm: Note) -> None:
    """Diabetes answered yes with no clearance is SN-CI-004 at the missing clearance."""
    found = only(with_answer(arm, C.DIABETES, Answer.YES), "SN-CI-004")
    assert len(found) == 1
    assert found[0].path.endswith(".clearance")


def test_relative_yes_cleared_on_session_date_passes(arm: Note) -> None:
    """A clearance dated the same day as the session counts."""
    note = with_answer(arm, C.DIABETES, Answer.YES, clearance=_clearance(SESSION_DAY))
    assert not {"SN-CI-004", "SN-CI-005"} & set(codes(note))


def test_clearance_dated_after_session_is_an_error(arm: Note) -> None:
    """A clearance dated the day after the session is SN-CI-005."""
    late = SESSION_DAY + dt.timedelta(days=1)
    note = with_answer(arm, C.DIABETES, Answer.YES, clearance=_clearance(late))
    found = only(note, "SN-CI-005")
    assert [f.path.rsplit(".", 2)[-2:] for f in found] == [["clearance", "cleared_on"]]
    assert "SN-CI-004" not in codes(note)


def test_seed_unknown_is_a_warning(arm: Note) -> None:
    """'Heart condition: unknown' makes the screen incomplete (SN-CI-006)."""
    assert "SN-CI-006" in codes(with_answer(arm, C.HEART_CONDITION, Answer.UNKNOWN))


def test_non_seed_unknown_is_not_a_seed_warning(arm: Note) -> None:
    """An unknown answer to a question outside the seed list is not SN-CI-006."""
    assert "SN-CI-006" not in codes(with_answer(arm, C.ASTHMA, Answer.UNKNOWN))


def test_seed_not_asked_is_a_warning(arm: Note) -> None:
    """A seed question missing from the screen is SN-CI-007 naming it."""
    found = only(with_answer(arm, C.HISTORY_OF_STROKE, None), "SN-CI-007")
    assert len(found) == 1
    assert "History of stroke" in found[0].message


def test_treating_a_local_contraindication_is_an_error(arm: Note) -> None:
    """A wound on the left forearm makes both left-forearm entries SN-CI-008."""
    wound = RegionRef(region=BodyRegion.FOREARM, side=Side.LEFT)
    found = only(with_answer(arm, C.OPEN_WOUND, Answer.YES, areas=[wound]), "SN-CI-008")
    assert [f.path for f in found] == [
        "$.session.treatment[8].region",
        "$.session.treatment[11].region",
    ]


def test_local_contraindication_on_the_other_side_passes(arm: Note) -> None:
    """A wound on the right forearm does not forbid the left forearm."""
    wound = RegionRef(region=BodyRegion.FOREARM, side=Side.RIGHT)
    assert "SN-CI-008" not in codes(with_answer(arm, C.OPEN_WOUND, Answer.YES, areas=[wound]))


def test_local_yes_without_area_is_a_warning(arm: Note) -> None:
    """A skin infection answered yes with no area cannot be checked (SN-CI-009)."""
    assert "SN-CI-009" in codes(with_answer(arm, C.SKIN_INFECTION, Answer.YES))


def test_thyroid_disease_forbids_the_neck(arm: Note) -> None:
    """Thyroid disease (cleared) still makes treating the neck SN-CI-008, and nothing else."""
    note = with_answer(arm, C.THYROID_DISEASE, Answer.YES, clearance=_clearance(SESSION_DAY))
    found = [f for f in codes(note) if f.startswith("SN-CI")]
    assert found == ["SN-CI-008"]
    assert only(note, "SN-CI-008")[0].path == "$.session.treatment[2].region"


def test_carotid_sinus_without_neck_treatment_passes(legs: Note) -> None:
    """Carotid sinus syndrome with no neck treated raises nothing (and needs no area)."""
    note = with_answer(legs, C.CAROTID_SINUS_SYNDROME, Answer.YES)
    assert not [c for c in codes(note) if c.startswith("SN-CI")]
