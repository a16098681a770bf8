"""Issue 12: the verdicts a careful supervisor would give, in both directions."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from soapnotes import (
    Answer,
    BodyRegion,
    Clearance,
    ClinicalRole,
    Modality,
    NodeGroup,
    NodeState,
    NodeStatus,
    NodeTarget,
    Note,
    Phase,
    RegionRef,
    RuleOptions,
    Severity,
    Side,
    TreatedRegion,
)
from soapnotes import Contraindication as C
from soapnotes.errors import UsageError
from soapnotes.models.vocabulary import ABDOMINAL_CONTRAINDICATIONS, ABSOLUTE_QUESTIONS
from soapnotes.rules import check_codes, rule_codes
from tests.rules.helpers import codes, findings, only, with_answer, with_client, with_session

SESSION_DAY = dt.date(2026, 11, 20)
ABDOMEN = TreatedRegion(
    region=BodyRegion.ABDOMEN,
    phase=Phase.CLEARING,
    minutes=3,
    drains_to=NodeTarget(group=NodeGroup.ABDOMINAL),
)


def _clearance(on: dt.date = SESSION_DAY, **changes: object) -> Clearance:
    fields: dict[str, object] = {"cleared_by": "Dr. A", "role": "Physician", "cleared_on": on}
    fields.update(changes)
    return Clearance(**fields)  # type: ignore[arg-type]


def _errors(note: Note, **options: object) -> list[str]:
    return [f.code for f in findings(note, **options) if f.severity is Severity.ERROR]


# -- item 1: absolute contraindications block any hands-on modality -------------------------


@pytest.mark.parametrize("question", [C.ACUTE_DVT, C.ACUTE_INFECTION])
@pytest.mark.parametrize("modality", [Modality.DEEP_TISSUE, Modality.SWEDISH])
def test_absolute_yes_blocks_any_hands_on_modality(
    swedish: Note, question: C, modality: Modality
) -> None:
    """Deep tissue with acute DVT, Swedish massage with fever: an error (SN-CI-003)."""
    note = with_session(with_answer(swedish, question, Answer.YES), modality=modality)
    assert "SN-CI-003" in _errors(note)


# -- item 2: the absolute questions answered before MLD ------------------------------------


@pytest.mark.parametrize("question", ABSOLUTE_QUESTIONS)
def test_absolute_question_not_asked_before_mld_is_an_error(arm: Note, question: C) -> None:
    """Each absolute question left out before MLD is SN-CI-010 naming it."""
    (finding,) = only(with_answer(arm, question, None), "SN-CI-010")
    assert question.label in finding.message
    assert finding.severity is Severity.ERROR


def test_absolute_question_unknown_before_mld_is_an_error(arm: Note) -> None:
    """'Acute DVT: unknown' before MLD is SN-CI-011 at that answer."""
    (finding,) = only(with_answer(arm, C.ACUTE_DVT, Answer.UNKNOWN), "SN-CI-011")
    assert finding.path.endswith(".answer")


def test_absolute_questions_are_not_required_before_other_modalities(swedish: Note) -> None:
    """The Swedish example asks none of them and gets neither SN-CI-010 nor SN-CI-011."""
    assert not {"SN-CI-010", "SN-CI-011"} & set(codes(swedish))


def test_broad_yes_needs_its_specific_question_answered_no(swedish: Note) -> None:
    """'Blood clots: yes' with a clearance but no acute-DVT answer is SN-CI-012; answering
    acute DVT no clears it."""
    note = with_answer(swedish, C.BLOOD_CLOTS, Answer.YES, clearance=_clearance())
    (finding,) = only(note, "SN-CI-012")
    assert "Acute deep-vein thrombosis" in finding.message
    ruled_out = with_answer(note, C.ACUTE_DVT, Answer.NO)
    assert "SN-CI-012" not in codes(ruled_out)
    assert _errors(ruled_out) == []


def test_broad_yes_before_mld_needs_the_specific_question(arm: Note) -> None:
    """Before MLD, 'blood clots: yes' (cleared) with acute DVT not asked is still an error."""
    note = with_answer(arm, C.BLOOD_CLOTS, Answer.YES, clearance=_clearance())
    assert "SN-CI-010" in _errors(with_answer(note, C.ACUTE_DVT, None))


# -- item 3: absolute codes cannot be disabled -----------------------------------------------


@pytest.mark.parametrize("code", [c.code for c in rule_codes() if not c.waivable])
def test_absolute_codes_cannot_be_disabled(code: str) -> None:
    """RuleOptions and check_codes refuse an absolute code with a clear UsageError."""
    with pytest.raises(UsageError, match=f"{code} cannot be disabled"):
        RuleOptions(disabled={code})
    with pytest.raises(UsageError, match="cannot be disabled"):
        check_codes([code, "SN-OR-004"])


def test_the_unwaivable_codes_are_the_absolute_ones() -> None:
    """Exactly the absolute contraindication codes are unwaivable."""
    assert {c.code for c in rule_codes() if not c.waivable} == {
        "SN-CI-002",
        "SN-CI-003",
        "SN-CI-010",
        "SN-CI-011",
        "SN-CI-012",
    }


# -- item 4: abdominal contraindications -----------------------------------------------------


@pytest.mark.parametrize("question", ABDOMINAL_CONTRAINDICATIONS)
def test_abdominal_contraindication_forbids_the_abdomen(legs: Note, question: C) -> None:
    """Pregnancy (any stage), an aortic aneurysm, ...: the abdomen (treatment[2]) is SN-CI-008."""
    (finding,) = only(with_answer(legs, question, Answer.YES), "SN-CI-008")
    assert finding.path == "$.session.treatment[2].region"


def test_abdomen_treated_without_the_abdominal_questions_is_an_error(arm: Note) -> None:
    """Abdominal MLD with the abdominal questions not asked is SN-CI-013 at the abdomen."""
    note = with_session(arm, treatment=(*arm.session.treatment[:3], ABDOMEN))
    (finding,) = only(note, "SN-CI-013")
    assert finding.path == "$.session.treatment[3].region"
    assert "'Pregnancy (any stage)'" in finding.message


def test_legs_example_answers_the_abdominal_questions(legs: Note) -> None:
    """The lipedema example treats the abdomen and asks every abdominal question."""
    assert "SN-CI-013" not in codes(legs)
    assert "SN-CI-013" in codes(with_answer(legs, C.ILEUS, Answer.UNKNOWN))


# -- item 5: nothing drains through an infected or wounded segment --------------------------


def test_hand_is_not_drained_through_an_infected_forearm(arm: Note) -> None:
    """Cellulitis on the left forearm blocks both hand entries (SN-CI-014) besides the
    forearm itself (SN-CI-008)."""
    infected = RegionRef(region=BodyRegion.FOREARM, side=Side.LEFT)
    note = with_answer(arm, C.SKIN_INFECTION, Answer.YES, areas=[infected])
    assert [f.path for f in only(note, "SN-CI-014")] == [
        "$.session.treatment[9].region",
        "$.session.treatment[12].region",
    ]
    assert len(only(note, "SN-CI-008")) == 2


def test_arm_is_not_drained_across_a_wounded_chest(arm: Note) -> None:
    """A wound on the left chest blocks the arm rerouted across it to the right axilla."""
    wound = RegionRef(region=BodyRegion.CHEST, side=Side.LEFT)
    note = with_answer(arm, C.OPEN_WOUND, Answer.YES, areas=[wound])
    blocked = {f.path for f in only(note, "SN-CI-014")}
    assert "$.session.treatment[7].region" in blocked  # the left upper arm
    assert "$.session.treatment[2].region" not in blocked  # the neck


def test_a_wound_distal_to_the_treatment_blocks_nothing(arm: Note) -> None:
    """A wound on the left hand leaves the forearm and upper arm free."""
    wound = RegionRef(region=BodyRegion.HAND, side=Side.LEFT)
    note = with_answer(arm, C.OPEN_WOUND, Answer.YES, areas=[wound])
    assert "SN-CI-014" not in codes(note)


# -- item 7: heat or deep pressure on a lymphedematous or at-risk limb ----------------------


@pytest.mark.parametrize("modality", [Modality.HOT_STONE, Modality.DEEP_TISSUE])
def test_heat_or_deep_pressure_on_the_lymphedema_arm_is_a_warning(
    arm: Note, modality: Modality
) -> None:
    """Hot stones or deep tissue on the left arm (lymphedema) is SN-MD-002 per segment."""
    found = only(with_session(arm, modality=modality), "SN-MD-002")
    assert found
    assert all("left" in f.message for f in found)


def test_at_risk_limb_without_lymphedema_is_protected_too(swedish: Note) -> None:
    """Removed right axillary nodes put the right arm at risk: deep tissue there warns."""
    lost = NodeStatus(group=NodeGroup.AXILLARY, side=Side.RIGHT, state=NodeState.REMOVED)
    note = with_session(with_client(swedish, node_status=(lost,)), modality=Modality.DEEP_TISSUE)
    assert [f.path for f in only(note, "SN-MD-002")] == ["$.session.treatment[3].region"]
    assert "SN-MD-002" not in codes(with_session(note, modality=Modality.SWEDISH))


# -- item 8: stale and self-issued clearances ------------------------------------------------


def test_stale_clearance_is_an_error(arm: Note) -> None:
    """A 2019 clearance for a 2026 session is SN-CI-015; a year old still counts."""
    note = with_answer(arm, C.DIABETES, Answer.YES, clearance=_clearance(dt.date(2019, 5, 1)))
    (finding,) = only(note, "SN-CI-015")
    assert finding.path.endswith(".clearance.cleared_on")
    year = SESSION_DAY - dt.timedelta(days=365)
    assert "SN-CI-015" not in codes(
        with_answer(arm, C.DIABETES, Answer.YES, clearance=_clearance(year))
    )
    assert "SN-CI-015" in codes(
        with_answer(arm, C.DIABETES, Answer.YES, clearance=_clearance(year)),
        clearance_max_age_days=180,
    )


def test_client_cannot_clear_herself(arm: Note) -> None:
    """A clearance by the client (her own name, any case or title) is SN-CI-016."""
    own = _clearance(cleared_by="zoë ŁUKASIEWICZ", role="Physician")
    (finding,) = only(with_answer(arm, C.ASTHMA, Answer.YES, clearance=own), "SN-CI-016")
    assert finding.path.endswith(".clearance.cleared_by")


@pytest.mark.parametrize("role", ["Self", "Client", "Daughter", "Yoga teacher"])
def test_clearance_needs_a_clinical_role(arm: Note, role: str) -> None:
    """A role that names no clinical profession is SN-CI-016 at the role."""
    note = with_answer(arm, C.ASTHMA, Answer.YES, clearance=_clearance(role=role))
    (finding,) = only(note, "SN-CI-016")
    assert finding.path.endswith(".clearance.role")


@pytest.mark.parametrize("role", ["Oncologist", "GP", "family doctor", "Nurse practitioner"])
def test_clinical_roles_are_recognised(arm: Note, role: str) -> None:
    """Free-text roles naming a clinical profession count; so does a coded profession."""
    note = with_answer(arm, C.ASTHMA, Answer.YES, clearance=_clearance(role=role))
    assert "SN-CI-016" not in codes(note)
    coded = _clearance(role="Dr.", profession=ClinicalRole.CARDIOLOGIST)
    assert "SN-CI-016" not in codes(with_answer(arm, C.ARRHYTHMIA, Answer.YES, clearance=coded))


# -- item 10: implausible sessions -----------------------------------------------------------


def test_mld_session_with_nothing_treated_is_an_error(arm: Note) -> None:
    """An MLD session with no treated region is SN-MD-003; a Swedish one is not."""
    assert "SN-MD-003" in _errors(with_session(arm, treatment=()))
    assert "SN-MD-003" not in codes(with_session(arm, treatment=(), modality=Modality.SWEDISH))


# -- item 13: palliative MLD with an oncologist's written approval --------------------------


def _palliative(arm: Note, **approval: object) -> Note:
    fields: dict[str, object] = {
        "cleared_by": "Dr. Amira Haddad",
        "role": "Oncologist",
        "cleared_on": dt.date(2026, 11, 2),
        "written": True,
    }
    fields.update(approval)
    return with_answer(
        arm,
        C.ACTIVE_MALIGNANCY,
        Answer.YES,
        palliative_approval=Clearance(**fields),  # type: ignore[arg-type]
    )


def test_palliative_mld_with_written_oncologist_approval_is_recorded(arm: Note) -> None:
    """Active malignancy with an oncologist's written approval: SN-CI-017 (info), no error."""
    note = _palliative(arm)
    (finding,) = only(note, "SN-CI-017")
    assert finding.severity is Severity.INFO
    assert finding.path.endswith(".palliative_approval")
    assert _errors(note) == []


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"written": None}, "not recorded as written"),
        ({"role": "Family physician"}, "not given by an oncologist"),
        ({"cleared_on": dt.date(2026, 11, 21)}, "dated after the session"),
    ],
)
def test_palliative_approval_must_be_an_oncologists_in_writing(
    arm: Note, changes: dict[str, object], why: str
) -> None:
    """Anything short of a written, timely oncologist's approval leaves SN-CI-002, saying why."""
    (finding,) = only(_palliative(arm, **changes), "SN-CI-002")
    assert why in finding.message


def test_palliative_approval_covers_mld_only(arm: Note) -> None:
    """The same approval before a Swedish massage is still SN-CI-003."""
    note = with_session(_palliative(arm), modality=Modality.SWEDISH)
    assert "SN-CI-003" in _errors(note)


# -- item 15: hyperthyroidism, not hypothyroidism, forbids the neck -------------------------


def test_hyperthyroidism_forbids_the_neck(arm: Note) -> None:
    """Hyperthyroidism (cleared) makes the neck SN-CI-008, like the legacy thyroid_disease."""
    note = with_answer(arm, C.HYPERTHYROIDISM, Answer.YES, clearance=_clearance())
    assert [f.path for f in only(note, "SN-CI-008")] == ["$.session.treatment[2].region"]


def test_treated_hypothyroidism_allows_the_neck(arm: Note) -> None:
    """Hypothyroidism (cleared, or managed by a modification) leaves the neck allowed."""
    note = with_answer(arm, C.HYPOTHYROIDISM, Answer.YES, clearance=_clearance())
    assert "SN-CI-008" not in codes(note)
    assert _errors(note) == []


def test_legacy_thyroid_disease_keeps_todays_behaviour(arm: Note) -> None:
    """A v1 'thyroid_disease: yes' still forbids the neck and still needs a clearance."""
    note = with_answer(arm, C.THYROID_DISEASE, Answer.YES)
    assert {"SN-CI-004", "SN-CI-008"} <= set(_errors(note))


# -- item 16: clearance or treatment modification --------------------------------------------


@pytest.mark.parametrize(
    "question", [C.DIABETES, C.ASTHMA, C.LOW_BLOOD_PRESSURE, C.HYPOTHYROIDISM]
)
def test_documented_modification_stands_instead_of_a_clearance(arm: Note, question: C) -> None:
    """Well-controlled diabetes, asthma or low blood pressure with a documented modification
    and no clearance: SN-CI-018 (info), not SN-CI-004."""
    note = with_answer(arm, question, Answer.YES, modification="Shorter, lighter session")
    assert "SN-CI-004" not in codes(note)
    assert [f.severity for f in only(note, "SN-CI-018")] == [Severity.INFO]


def test_modification_does_not_replace_clearance_elsewhere(arm: Note) -> None:
    """A pacemaker needs a clearance: a modification alone is still SN-CI-004, and says so."""
    note = with_answer(arm, C.PACEMAKER, Answer.YES, modification="No work over the device")
    (finding,) = only(note, "SN-CI-004")
    assert "does not replace a clearance" in finding.message


# -- items 17 and 18: the order rules --------------------------------------------------------


def _step(
    region: BodyRegion, phase: Phase, to: NodeTarget, side: Side | None = Side.LEFT
) -> TreatedRegion:
    return TreatedRegion(region=region, side=side, phase=phase, minutes=2, drains_to=to)


RIGHT_AXILLA = NodeTarget(group=NodeGroup.AXILLARY, side=Side.RIGHT)


def test_reabsorption_from_the_hand_up_is_not_flagged_by_default(arm: Note) -> None:
    """A reabsorption pass hand -> forearm -> upper arm raises no SN-OR-004 by default, and
    two under the 'proximal_first' policy."""
    treatment = list(arm.session.treatment[:10])
    treatment += [
        _step(BodyRegion.HAND, Phase.REABSORPTION, RIGHT_AXILLA),
        _step(BodyRegion.FOREARM, Phase.REABSORPTION, RIGHT_AXILLA),
        _step(BodyRegion.UPPER_ARM, Phase.REABSORPTION, RIGHT_AXILLA),
    ]
    note = with_session(arm, treatment=treatment)
    assert "SN-OR-004" not in codes(note)
    assert len(only(note, "SN-OR-004", reabsorption_order="proximal_first")) == 2
    assert "SN-OR-004" not in codes(note, reabsorption_order="distal_first")
    assert "SN-OR-004" in codes(arm, reabsorption_order="distal_first")


def test_reabsorption_order_policy_is_checked() -> None:
    """An unknown reabsorption order is a UsageError."""
    with pytest.raises(UsageError, match="reabsorption_order"):
        RuleOptions(reabsorption_order="sideways")


def test_knee_clearing_opens_the_popliteal_nodes(legs: Note) -> None:
    """Clearing the knee toward the popliteal nodes is their opening: no SN-OR-003 on it."""
    popliteal = NodeTarget(group=NodeGroup.POPLITEAL, side=Side.LEFT)
    treatment = list(legs.session.treatment)
    treatment.insert(7, _step(BodyRegion.KNEE, Phase.CLEARING, popliteal))
    treatment.insert(8, _step(BodyRegion.LOWER_LEG, Phase.CLEARING, popliteal))
    note = with_session(legs, treatment=treatment, duration_minutes=70)
    assert "SN-OR-003" not in codes(note)
    assert "SN-OR-004" not in codes(note)


def test_knee_and_popliteal_fossa_share_a_level(legs: Note) -> None:
    """The popliteal fossa before the knee, in one clearing pass, is in order."""
    inguinal = NodeTarget(group=NodeGroup.INGUINAL, side=Side.LEFT)
    treatment = list(legs.session.treatment[:6])
    treatment += [
        _step(BodyRegion.POPLITEAL_FOSSA, Phase.CLEARING, inguinal),
        _step(BodyRegion.KNEE, Phase.CLEARING, inguinal),
        _step(BodyRegion.TOES, Phase.CLEARING, inguinal),
    ]
    assert "SN-OR-004" not in codes(with_session(legs, treatment=treatment))
    treatment.append(_step(BodyRegion.FOOT, Phase.CLEARING, inguinal))
    assert "SN-OR-004" in codes(with_session(legs, treatment=treatment))


# -- item 11: stage 0 against the findings --------------------------------------------------


def test_stage_zero_with_excess_volume_and_stemmer_is_flagged(arm: Note) -> None:
    """ISL stage 0 with 20.7 % excess and a positive Stemmer sign: SN-MS-010 and SN-MS-011."""
    condition = attrs.evolve(arm.client.conditions[0], isl_stage=0)
    note = with_client(arm, conditions=(condition,))
    assert {"SN-MS-010", "SN-MS-011"} <= set(codes(note))
    staged = with_client(arm, conditions=(attrs.evolve(condition, isl_stage=1),))
    assert not {"SN-MS-010", "SN-MS-011"} & set(codes(staged))


@pytest.mark.parametrize(
    ("grade", "depth", "flagged"), [(1, 8, True), (2, 5, False), (4, 2, True)]
)
def test_pitting_grade_against_its_depth(
    arm: Note, grade: int, depth: float, flagged: bool
) -> None:
    """1+ measured 8 mm deep is SN-MS-012; 2+ at 5 mm is not."""
    objective = arm.session.objective
    pitting = (attrs.evolve(objective.pitting[0], grade=grade, depth_mm=depth),)
    note = with_session(arm, objective=attrs.evolve(objective, pitting=pitting))
    assert ("SN-MS-012" in codes(note)) is flagged


def test_new_node_groups_read_well() -> None:
    """'Para-aortic nodes', not 'Para_aortic nodes', in every message."""
    assert NodeTarget(group=NodeGroup.PARA_AORTIC).label == "Para-aortic nodes"
