"""Intake and history: height and handedness, cancer treatment, cellulitis, medications, and the
red-flag questions asked again at each visit.

Height is recorded once here and weight at each session (``Objective.weight_kg``), so the
body mass index is always computed (:func:`body_mass_index`), never typed in. Sources
(``docs/sources.md``): WHO 2000 (BMI and its classes), ISL 2020 (cancer treatment and
infection as causes of secondary lymphedema; diuretics), BLS 2016 (cellulitis in
lymphedema: episodes, treatment, admission).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt

import attrs

from soapnotes.errors import UsageError
from soapnotes.i18n._active import gettext_noop
from soapnotes.models import _fields as f
from soapnotes.models.diagnosis import icd10_code
from soapnotes.models.vocabulary import Answer, Laterality, Limb, Side, _Vocabulary

__all__ = [
    "BMI_CLASSES",
    "CancerHistory",
    "CellulitisEpisode",
    "Chemotherapy",
    "ChemotherapyClass",
    "Handedness",
    "Intake",
    "Medication",
    "MedicationKind",
    "RadiotherapyCourse",
    "RadiotherapyField",
    "RedFlag",
    "RedFlagAnswer",
    "RedFlagCheck",
    "Surgery",
    "bmi_class",
    "body_mass_index",
]


def body_mass_index(weight_kg: float, height_cm: float) -> float:
    """BMI = weight (kg) / height (m)², in kg/m² (WHO 2000).

    Raises:
        UsageError: for a weight or height that is not a positive finite number.
    """
    for name, value in (("weight_kg", weight_kg), ("height_cm", height_cm)):
        if not (isinstance(value, (int, float)) and 0 < value < float("inf")):
            raise UsageError(f"{name} must be a positive finite number")
    metres = height_cm / 100
    return weight_kg / (metres * metres)


#: The WHO adult BMI classes by lower bound, kg/m² (WHO 2000, table 2.1).
BMI_CLASSES: tuple[tuple[float, str], ...] = (
    (0.0, gettext_noop("underweight")),
    (18.5, gettext_noop("normal range")),
    (25.0, gettext_noop("pre-obese")),
    (30.0, gettext_noop("obese class I")),
    (35.0, gettext_noop("obese class II")),
    (40.0, gettext_noop("obese class III")),
)


def bmi_class(bmi: float) -> str:
    """The WHO class of an adult BMI: 'normal range', 'obese class I', ..."""
    name = BMI_CLASSES[0][1]
    for low, label in BMI_CLASSES:
        if bmi >= low:
            name = label
    return name


class Handedness(_Vocabulary):
    """The client's dominant hand (limb dominance changes what a side-to-side difference
    means)."""

    LEFT = "left"
    RIGHT = "right"
    AMBIDEXTROUS = "ambidextrous"


@attrs.frozen(kw_only=True)
class Surgery:
    """An operation for cancer: what, when, which side, how many lymph nodes were removed.

    .. versionadded:: 0.2.0
    """

    procedure: str = attrs.field(validator=f.text)
    performed_on: dt.date | None = attrs.field(default=None, validator=f.optional(f.calendar_date))
    side: Laterality | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(Laterality))
    )
    nodes_removed: int | None = attrs.field(
        default=None, validator=f.optional(f.int_range(0, 200))
    )


class RadiotherapyField(_Vocabulary):
    """An area radiotherapy was given to."""

    BREAST = "breast"
    CHEST_WALL = "chest_wall"
    AXILLA = "axilla"
    SUPRACLAVICULAR = "supraclavicular"
    INTERNAL_MAMMARY = "internal_mammary"
    PELVIS = "pelvis"
    INGUINAL = "inguinal"
    PARA_AORTIC = "para_aortic"
    HEAD_AND_NECK = "head_and_neck"
    OTHER = "other"

    @property
    def english_label(self) -> str:
        """'Supraclavicular', 'Para-aortic', 'Internal mammary' (a field, not a region)."""
        return _FIELD_LABELS.get(self, self.value.replace("_", " ").capitalize())


_FIELD_LABELS = {RadiotherapyField.PARA_AORTIC: "Para-aortic"}


@attrs.frozen(kw_only=True)
class RadiotherapyCourse:
    """A course of radiotherapy: the fields treated, the side, when it ended.

    .. versionadded:: 0.2.0
    """

    fields: tuple[RadiotherapyField, ...] = attrs.field(
        converter=f.to_tuple, validator=f.tuple_of(RadiotherapyField, min_len=1)
    )
    side: Laterality | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(Laterality))
    )
    finished_on: dt.date | None = attrs.field(default=None, validator=f.optional(f.calendar_date))


class ChemotherapyClass(_Vocabulary):
    """The class of a chemotherapy regimen (taxanes are the one linked to fluid retention)."""

    TAXANE = "taxane"
    ANTHRACYCLINE = "anthracycline"
    PLATINUM = "platinum"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Chemotherapy:
    """A chemotherapy regimen and when it ended.

    .. versionadded:: 0.2.0
    """

    regimen: str = attrs.field(validator=f.text)
    drug_class: ChemotherapyClass | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(ChemotherapyClass))
    )
    finished_on: dt.date | None = attrs.field(default=None, validator=f.optional(f.calendar_date))


@attrs.frozen(kw_only=True)
class CancerHistory:
    """A cancer and its treatment: surgery (with nodes removed), radiotherapy, chemotherapy.

    .. versionadded:: 0.2.0
    """

    diagnosis: str = attrs.field(validator=f.text)
    icd10: tuple[str, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(str, element=icd10_code)
    )
    diagnosed_on: dt.date | None = attrs.field(default=None, validator=f.optional(f.calendar_date))
    surgery: tuple[Surgery, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(Surgery)
    )
    radiotherapy: tuple[RadiotherapyCourse, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(RadiotherapyCourse)
    )
    chemotherapy: tuple[Chemotherapy, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(Chemotherapy)
    )

    @property
    def nodes_removed(self) -> int | None:
        """Lymph nodes removed over all operations (None when no operation says)."""
        counts = [s.nodes_removed for s in self.surgery if s.nodes_removed is not None]
        return sum(counts) if counts else None


@attrs.frozen(kw_only=True)
class CellulitisEpisode:
    """An episode of cellulitis: when it began, where, what treated it, whether admitted.

    .. versionadded:: 0.2.0
    """

    began_on: dt.date = attrs.field(validator=f.calendar_date)
    limb: Limb | None = attrs.field(default=None, validator=f.optional(f.instance_of(Limb)))
    side: Side | None = attrs.field(default=None, validator=f.optional(f.instance_of(Side)))
    treated_with: str | None = attrs.field(default=None, validator=f.optional_text)
    admitted: bool = attrs.field(default=False, validator=f.instance_of(bool))


class MedicationKind(_Vocabulary):
    """The kinds of medication that change the screen (anticoagulants, diuretics) or the
    interpretation of swelling."""

    ANTICOAGULANT = "anticoagulant"
    ANTIPLATELET = "antiplatelet"
    DIURETIC = "diuretic"
    CALCIUM_CHANNEL_BLOCKER = "calcium_channel_blocker"
    CORTICOSTEROID = "corticosteroid"
    HORMONE_THERAPY = "hormone_therapy"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Medication:
    """A current medication: its name, its kind, the dose as written.

    .. versionadded:: 0.2.0
    """

    name: str = attrs.field(validator=f.name)
    kind: MedicationKind = attrs.field(validator=f.instance_of(MedicationKind))
    dose: str | None = attrs.field(default=None, validator=f.optional_name)
    since: dt.date | None = attrs.field(default=None, validator=f.optional(f.calendar_date))


@attrs.frozen(kw_only=True)
class Intake:
    """What the intake records once and updates: height, handedness, cancer treatment,
    cellulitis episodes, current medications.

    .. versionadded:: 0.2.0
    """

    recorded_on: dt.date | None = attrs.field(default=None, validator=f.optional(f.calendar_date))
    height_cm: float | None = attrs.field(
        default=None, validator=f.optional(f.number_range(30, 250))
    )
    handedness: Handedness | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(Handedness))
    )
    cancer: tuple[CancerHistory, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(CancerHistory)
    )
    cellulitis: tuple[CellulitisEpisode, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(CellulitisEpisode)
    )
    medications: tuple[Medication, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(Medication)
    )

    def takes(self, kind: MedicationKind) -> tuple[Medication, ...]:
        """The current medications of ``kind``."""
        return tuple(m for m in self.medications if m.kind is kind)


class RedFlag(_Vocabulary):
    """A question asked again at every visit: a yes means refer before treating."""

    FEVER = "fever"
    RED_HOT_LIMB = "red_hot_limb"
    CALF_PAIN = "calf_pain"
    SUDDEN_SWELLING = "sudden_swelling"
    CHEST_PAIN = "chest_pain"
    BREATHLESSNESS = "breathlessness"
    NEW_LUMP = "new_lump"
    WEIGHT_LOSS = "weight_loss"
    NEW_NUMBNESS_OR_WEAKNESS = "new_numbness_or_weakness"

    @property
    def english_label(self) -> str:
        """The question as asked."""
        return _RED_FLAG_QUESTIONS[self]


_RED_FLAG_QUESTIONS = {
    RedFlag.FEVER: "Fever, chills or feeling unwell",
    RedFlag.RED_HOT_LIMB: "A red, hot or painful limb",
    RedFlag.CALF_PAIN: "New calf pain or tenderness",
    RedFlag.SUDDEN_SWELLING: "Sudden or rapidly increasing swelling",
    RedFlag.CHEST_PAIN: "Chest pain",
    RedFlag.BREATHLESSNESS: "New or worse breathlessness",
    RedFlag.NEW_LUMP: "A new lump",
    RedFlag.WEIGHT_LOSS: "Unexplained weight loss",
    RedFlag.NEW_NUMBNESS_OR_WEAKNESS: "New numbness or weakness in a limb",
}


@attrs.frozen(kw_only=True)
class RedFlagAnswer:
    """One red-flag question, answered at this visit."""

    question: RedFlag = attrs.field(validator=f.instance_of(RedFlag))
    answer: Answer = attrs.field(validator=f.instance_of(Answer))
    detail: str | None = attrs.field(default=None, validator=f.optional_text)


@attrs.frozen(kw_only=True)
class RedFlagCheck:
    """The red-flag questions asked again at the start of this visit.

    .. versionadded:: 0.2.0
    """

    answers: tuple[RedFlagAnswer, ...] = attrs.field(
        converter=f.to_tuple,
        validator=[
            f.tuple_of(RedFlagAnswer, min_len=1),
            f.unique_by(lambda a: a.question, "question"),
        ],
    )
    asked_by: str | None = attrs.field(default=None, validator=f.optional_name)
