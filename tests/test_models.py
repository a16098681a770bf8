"""The records: frozen, keyword-only, and each single-field rule enforced with a clear message."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs
import pytest

from soapnotes import (
    AfterEffect,
    AfterEffectKind,
    Answer,
    BodyRegion,
    CircumferencePoint,
    CircumferenceSeries,
    Client,
    Condition,
    ConditionKind,
    Contraindication,
    ContraindicationClass,
    EdemaArea,
    Landmark,
    Laterality,
    Limb,
    NodeGroup,
    NodeState,
    NodeStatus,
    NodeTarget,
    Note,
    Pitting,
    RegionRef,
    Screening,
    ScreeningAnswer,
    Side,
    Signature,
    StemmerResult,
    StemmerSign,
    Subjective,
    Therapist,
    TreatedRegion,
)
from soapnotes.errors import InvalidField, InvalidFieldType, SoapnotesError, UsageError
from soapnotes.models.vocabulary import CONTRAINDICATION_CLASSES, SEED_QUESTIONS

FRACTION: Any = 1.5  # typed Any so the test can pass a float where an int belongs
NUMBER: Any = 5  # and a number where text belongs


def test_records_are_frozen_and_keyword_only(lymphedema_note: Note) -> None:
    """Records cannot be changed in place nor built positionally."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        lymphedema_note.client.given_name = "X"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Therapist("Maren")  # type: ignore[call-arg]


def test_every_record_is_slotted(lymphedema_note: Note) -> None:
    """Records have __slots__ (small and fast, no stray attributes)."""
    assert not hasattr(lymphedema_note, "__dict__")
    assert not hasattr(lymphedema_note.session.treatment[0], "__dict__")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Subjective(chief_complaint="x", pain=11), "from 0 to 10, got 11"),
        (lambda: Subjective(chief_complaint="x", pain=-1), "from 0 to 10, got -1"),
        (lambda: Subjective(chief_complaint="x", pain=True), "got bool"),
        (lambda: Subjective(chief_complaint=""), "must not be empty"),
        (lambda: Condition(kind=ConditionKind.LYMPHEDEMA, area=EdemaArea.ARM,
                           side=Laterality.LEFT, isl_stage=4), "from 0 to 3"),
        (lambda: Pitting(limb=Limb.LEG, side=Side.LEFT, grade=5), "from 0 to 4"),
        (lambda: Pitting(limb=Limb.LEG, side=Side.LEFT, grade=2, depth_mm=-1), "[0, 50]"),
        (lambda: StemmerSign(limb=Limb.LEG, side=Side.LEFT, result=StemmerResult.NEGATIVE,
                             grade=4), "from 0 to 3"),
        (lambda: TreatedRegion(region=BodyRegion.NECK, minutes=0), "from 1 to 480, got 0"),
        (lambda: TreatedRegion(region=BodyRegion.NECK, minutes=FRACTION), "got float"),
        (lambda: CircumferencePoint(distance_cm=0, circumference_cm=0), "(0, 300]"),
        (lambda: CircumferencePoint(distance_cm=0, circumference_cm=float("nan")),
         "non-finite"),
        (lambda: AfterEffect(kind=AfterEffectKind.NAUSEA, duration_hours=-2), "got -2"),
        (lambda: Client(id="has space", given_name="A", family_name="B",
                        date_of_birth=dt.date(2000, 1, 1)), "ASCII letters"),
        (lambda: Client(id="C1", given_name="A", family_name="B",
                        date_of_birth=dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)),
         "must be a date, got datetime"),
        (lambda: Signature(signed_by="A", credential="RMT",
                           signed_at=dt.datetime(2026, 1, 1),  # noqa: DTZ001
                           content_sha256="0" * 64), "must carry a time zone"),
        (lambda: Signature(signed_by="A", credential="RMT",
                           signed_at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
                           content_sha256="abc"), "64 lowercase hexadecimal"),
    ],
)  # fmt: skip
def test_single_field_validators(build: Any, message: str) -> None:
    """Each single-field rule rejects a bad value with a message saying what is allowed."""
    with pytest.raises((ValueError, TypeError), match=re.escape(message)):
        build()


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: Therapist(name=NUMBER), InvalidFieldType,
         "Therapist.name must be a string, got int"),
        (lambda: Therapist(name=" "), InvalidField, "Therapist.name must not be empty or blank"),
        (lambda: Subjective(chief_complaint="x", pain=11), InvalidField,
         "Subjective.pain must be an integer from 0 to 10, got 11"),
        (lambda: Therapist(name="A", credentials=("RMT", NUMBER)), InvalidFieldType,
         "Therapist.credentials item [1] must be a str, got int"),
    ],
)  # fmt: skip
def test_construction_errors_name_the_record_and_field(
    build: Any, error: type[InvalidField], message: str
) -> None:
    """Built in Python, a refused value names its record and field; the bare problem is kept.

    A wrong type is a TypeError as well, and every refusal is a UsageError (a SoapnotesError).
    """
    with pytest.raises(error) as info:
        build()
    assert str(info.value) == message
    record, rest = message.split(".", 1)
    field, problem = rest.split(" ", 1)
    assert (info.value.record, info.value.field, info.value.problem) == (record, field, problem)
    assert isinstance(info.value, UsageError)
    assert isinstance(info.value, SoapnotesError)
    assert isinstance(info.value, TypeError) is (error is InvalidFieldType)


def test_field_errors_survive_pickling() -> None:
    """A field error crosses process boundaries (batch rendering) whole."""
    import pickle

    error = InvalidFieldType("must be a string, got int", "name", "Practice")
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own data
    assert type(copy) is InvalidFieldType
    assert (str(copy), copy.field, copy.record) == (str(error), "name", "Practice")


def test_circumference_series_needs_two_increasing_points() -> None:
    """A series needs at least two points at strictly increasing distances."""
    point = CircumferencePoint(distance_cm=0, circumference_cm=20)
    common: dict[str, Any] = {
        "limb": Limb.ARM, "side": Side.LEFT, "landmark": Landmark.WRIST, "interval_cm": 4,
    }  # fmt: skip
    with pytest.raises(ValueError, match="at least 2 items"):
        CircumferenceSeries(points=(point,), **common)
    with pytest.raises(ValueError, match=r"item \[1\] is not further"):
        CircumferenceSeries(points=(point, point), **common)


def test_stemmer_grade_matches_result() -> None:
    """A positive Stemmer sign has grade 1-3; a negative one grade 0 or none."""
    with pytest.raises(ValueError, match="1 to 3 for a positive"):
        StemmerSign(limb=Limb.LEG, side=Side.LEFT, result=StemmerResult.POSITIVE, grade=0)
    with pytest.raises(ValueError, match=r"0 \(or left out\) for a negative"):
        StemmerSign(limb=Limb.LEG, side=Side.LEFT, result=StemmerResult.NEGATIVE, grade=2)
    StemmerSign(limb=Limb.LEG, side=Side.LEFT, result=StemmerResult.POSITIVE)


def test_lymphedema_needs_area_and_side() -> None:
    """Lymphedema without its area and side is incomplete."""
    with pytest.raises(ValueError, match="area: is required") as info:
        Condition(kind=ConditionKind.LYMPHEDEMA)
    assert "side: is required" in str(info.value)
    condition = Condition(
        kind=ConditionKind.LYMPHEDEMA, area=EdemaArea.LEG, side=Laterality.BILATERAL, isl_stage=3
    )
    assert condition.isl_stage_label == "Stage III"


def test_node_groups_are_sided_except_abdominal() -> None:
    """Paired node groups need a side; the midline abdominal group must not have one."""
    with pytest.raises(ValueError, match="side: is required"):
        NodeStatus(group=NodeGroup.AXILLARY, state=NodeState.REMOVED)
    with pytest.raises(ValueError, match="midline"):
        NodeTarget(group=NodeGroup.ABDOMINAL, side=Side.LEFT)
    assert NodeTarget(group=NodeGroup.AXILLARY, side=Side.RIGHT).label == "Right axillary nodes"
    assert NodeTarget(group=NodeGroup.ABDOMINAL).label == "Abdominal nodes"


def test_node_state_defaults_to_working(lymphedema_note: Note) -> None:
    """Only groups the clinician flagged are removed; all others count as working."""
    client = lymphedema_note.client
    assert client.node_state(NodeGroup.AXILLARY, Side.LEFT) is NodeState.REMOVED
    assert client.node_state(NodeGroup.AXILLARY, Side.RIGHT) is NodeState.WORKING
    with pytest.raises(ValueError, match="repeats a node group and side"):
        attrs.evolve(client, node_status=client.node_status * 2)


def test_sided_regions_need_a_side() -> None:
    """Limb segments and other paired regions need a side; midline ones do not."""
    with pytest.raises(ValueError, match="side: is required"):
        TreatedRegion(region=BodyRegion.FOREARM, minutes=3)
    region = TreatedRegion(region=BodyRegion.FOREARM, side=Side.LEFT, minutes=3)
    assert region.label == "Left forearm"
    assert TreatedRegion(region=BodyRegion.NECK, minutes=3).label == "Neck"


def test_screening_questions_are_unique_and_local_areas_only_for_local() -> None:
    """A question is answered once; areas belong to local contraindications (and thyroid)."""
    answer = ScreeningAnswer(question=Contraindication.ASTHMA, answer=Answer.NO)
    with pytest.raises(ValueError, match="repeats a question"):
        Screening(screened_on=dt.date(2026, 1, 1), answers=(answer, answer))
    with pytest.raises(ValueError, match="only apply to local"):
        ScreeningAnswer(
            question=Contraindication.ASTHMA,
            answer=Answer.YES,
            areas=(RegionRef(region=BodyRegion.NECK),),
        )
    ScreeningAnswer(
        question=Contraindication.THYROID_DISEASE,
        answer=Answer.YES,
        areas=(RegionRef(region=BodyRegion.NECK),),
    )


def test_contraindication_classes_follow_domain() -> None:
    """Every question has a class; the seed six are all there; absolute ones match the sources."""
    assert set(CONTRAINDICATION_CLASSES) == set(Contraindication)
    assert [q.value for q in SEED_QUESTIONS] == [
        "heart_condition", "kidney_failure", "blood_clots",
        "infections", "liver_problems", "history_of_stroke",
    ]  # fmt: skip
    absolute = {
        q for q in Contraindication if q.contraindication_class is ContraindicationClass.ABSOLUTE
    }
    # "infections" is the broad seed question now; its specific absolute question is
    # "acute_infection" (issue 12, item 2).
    assert absolute == {
        Contraindication.ACUTE_INFECTION, Contraindication.ACUTE_DVT,
        Contraindication.DECOMPENSATED_HEART_FAILURE, Contraindication.ACUTE_KIDNEY_FAILURE,
        Contraindication.ACTIVE_MALIGNANCY,
    }  # fmt: skip


def test_region_limbs_and_labels() -> None:
    """Regions know their limb; enums show human labels and serialise as their values."""
    assert BodyRegion.FOREARM.limb is Limb.ARM
    assert BodyRegion.LOWER_LEG.limb is Limb.LEG
    assert BodyRegion.CHEST.limb is None
    assert BodyRegion.UPPER_ARM.label == "Upper arm"
    assert str(BodyRegion.UPPER_ARM) == "upper_arm"
    assert Contraindication.ACUTE_DVT.label.startswith("Acute deep-vein thrombosis")


def test_note_ties_session_to_client(lymphedema_note: Note) -> None:
    """A note whose session belongs to another client is refused."""
    with pytest.raises(ValueError, match=r"session\.client_id: must equal client\.id"):
        attrs.evolve(lymphedema_note, session=attrs.evolve(lymphedema_note.session, client_id="X"))
    assert not lymphedema_note.is_signed
    assert lymphedema_note.therapist.display_name == "Maren Albrecht, RMT, CLT-LANA"
    assert lymphedema_note.session.treatment_minutes == 50
