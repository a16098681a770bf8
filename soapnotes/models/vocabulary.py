"""The controlled vocabulary of soapnotes: every enum a record uses.

Enum values are the lowercase strings of the JSON/TOML interchange format and never change
once released; add members, never rename them. ``label`` gives the wording shown to people.
"""

from __future__ import annotations

import enum


class _Vocabulary(str, enum.Enum):
    """Base for every vocabulary enum: a str so it compares and serialises as its value."""

    @property
    def label(self) -> str:
        """The human wording: the value with spaces and a capital letter."""
        value: str = self.value
        return _LABELS.get(value, value.replace("_", " ").capitalize())

    def __str__(self) -> str:
        value: str = self.value
        return value


#: Wording that the plain "replace underscores, capitalise" rule gets wrong.
_LABELS: dict[str, str] = {
    "manual_lymphatic_drainage": "Manual lymphatic drainage (MLD)",
    "myofascial_release": "Myofascial release",
    "chronic_venous_insufficiency": "Chronic venous insufficiency",
    "acute_dvt": "Acute deep-vein thrombosis / clot at risk of embolism",
    "infections": "Current infection or fever",
    "pregnancy_first_trimester": "Pregnancy (first trimester)",
    "low_blood_pressure": "Low blood pressure (< 100/60)",
    "self_mld": "Self-MLD",
    "head_and_neck": "Head and neck",
    "upper_arm": "Upper arm",
    "lower_leg": "Lower leg",
    "upper_back": "Upper back",
    "lower_back": "Lower back",
    "supraclavicular": "Supraclavicular (terminus)",
}


class Side(_Vocabulary):
    """A side of the body."""

    LEFT = "left"
    RIGHT = "right"


class Laterality(_Vocabulary):
    """Which side(s) a condition affects."""

    LEFT = "left"
    RIGHT = "right"
    BILATERAL = "bilateral"


class Sex(_Vocabulary):
    """Sex as recorded by the clinic (optional on a client)."""

    FEMALE = "female"
    MALE = "male"
    INTERSEX = "intersex"
    UNDISCLOSED = "undisclosed"


class NodeGroup(_Vocabulary):
    """Regional lymph node groups that a region can drain to (Földi 2012; the routes are in
    :mod:`soapnotes.models.anatomy`).

    ``abdominal`` (deep abdominal / cisterna chyli) is midline and has no side; every other
    group exists on the left and on the right.
    """

    CERVICAL = "cervical"
    SUPRACLAVICULAR = "supraclavicular"
    AXILLARY = "axillary"
    CUBITAL = "cubital"
    INGUINAL = "inguinal"
    POPLITEAL = "popliteal"
    ABDOMINAL = "abdominal"
    PELVIC = "pelvic"  # the iliac chain the inguinal nodes drain to (added for schema 2)

    @property
    def is_midline(self) -> bool:
        """True for groups that have no left and right."""
        return self is NodeGroup.ABDOMINAL


class NodeState(_Vocabulary):
    """What has happened to a node group. Set by the clinician; never inferred from surgery."""

    WORKING = "working"
    REMOVED = "removed"
    IRRADIATED = "irradiated"


class BodyRegion(_Vocabulary):
    """A region that can be treated, named as a therapist charts it.

    Node areas (``supraclavicular``, ``neck``, ``axilla``, ``groin``) are regions too: they are
    cleared before the limb that drains into them.
    """

    SUPRACLAVICULAR = "supraclavicular"
    NECK = "neck"
    FACE = "face"
    AXILLA = "axilla"
    CHEST = "chest"
    BREAST = "breast"
    ABDOMEN = "abdomen"
    UPPER_BACK = "upper_back"
    LOWER_BACK = "lower_back"
    GLUTEAL = "gluteal"
    SHOULDER = "shoulder"
    UPPER_ARM = "upper_arm"
    FOREARM = "forearm"
    HAND = "hand"
    GROIN = "groin"
    THIGH = "thigh"
    KNEE = "knee"
    LOWER_LEG = "lower_leg"
    FOOT = "foot"

    @property
    def is_midline(self) -> bool:
        """True for regions charted without a side (a side may still be given)."""
        return self in _MIDLINE_REGIONS

    @property
    def limb(self) -> Limb | None:
        """The limb this region is a segment of, or None for trunk and head regions."""
        return _REGION_LIMB.get(self)


class Limb(_Vocabulary):
    """A limb, for measurements and limb segments."""

    ARM = "arm"
    LEG = "leg"


_MIDLINE_REGIONS = frozenset(
    {
        BodyRegion.NECK,
        BodyRegion.FACE,
        BodyRegion.ABDOMEN,
        BodyRegion.UPPER_BACK,
        BodyRegion.LOWER_BACK,
    }
)

_REGION_LIMB = {
    BodyRegion.SHOULDER: Limb.ARM,
    BodyRegion.UPPER_ARM: Limb.ARM,
    BodyRegion.FOREARM: Limb.ARM,
    BodyRegion.HAND: Limb.ARM,
    BodyRegion.THIGH: Limb.LEG,
    BodyRegion.KNEE: Limb.LEG,
    BodyRegion.LOWER_LEG: Limb.LEG,
    BodyRegion.FOOT: Limb.LEG,
}


class EdemaArea(_Vocabulary):
    """Where a lymphedema sits."""

    ARM = "arm"
    LEG = "leg"
    TRUNK = "trunk"
    BREAST = "breast"
    HEAD_AND_NECK = "head_and_neck"
    GENITAL = "genital"


class ConditionKind(_Vocabulary):
    """Why a client comes: the condition a session treats (relaxation included)."""

    LYMPHEDEMA = "lymphedema"
    LIPEDEMA = "lipedema"
    CHRONIC_VENOUS_INSUFFICIENCY = "chronic_venous_insufficiency"
    FIBROMYALGIA = "fibromyalgia"
    RHEUMATOID_ARTHRITIS = "rheumatoid_arthritis"
    POST_SURGICAL_SWELLING = "post_surgical_swelling"
    DIGESTIVE = "digestive"
    RELAXATION = "relaxation"
    OTHER = "other"


class Answer(_Vocabulary):
    """An answer to a screening question."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class ContraindicationClass(_Vocabulary):
    """How a contraindication limits treatment: Vodder Akademie's three classes."""

    ABSOLUTE = "absolute"  # no MLD session may be recorded as given; no override
    RELATIVE = "relative"  # needs documented clearance (who, role, date)
    LOCAL = "local"  # the affected area must not be treated; the rest may be


class Contraindication(_Vocabulary):
    """A screening question. The first six are the project's seed list.

    The seed questions are broad on purpose (what a client can answer at intake); the specific
    absolute ones let the therapist record what would forbid MLD outright.
    """

    # The seed list (soapnotes policy): asked of every client.
    HEART_CONDITION = "heart_condition"
    KIDNEY_FAILURE = "kidney_failure"
    BLOOD_CLOTS = "blood_clots"
    INFECTIONS = "infections"
    LIVER_PROBLEMS = "liver_problems"
    HISTORY_OF_STROKE = "history_of_stroke"
    # Absolute.
    ACUTE_DVT = "acute_dvt"
    DECOMPENSATED_HEART_FAILURE = "decompensated_heart_failure"
    ACUTE_KIDNEY_FAILURE = "acute_kidney_failure"
    ACTIVE_MALIGNANCY = "active_malignancy"
    # Relative.
    ARRHYTHMIA = "arrhythmia"
    PACEMAKER = "pacemaker"
    TREATED_CANCER = "treated_cancer"
    THYROID_DISEASE = "thyroid_disease"
    ASTHMA = "asthma"
    LOW_BLOOD_PRESSURE = "low_blood_pressure"
    DIABETES = "diabetes"
    PREGNANCY_FIRST_TRIMESTER = "pregnancy_first_trimester"
    # Local.
    OPEN_WOUND = "open_wound"
    SKIN_INFECTION = "skin_infection"
    SKIN_METASTASES = "skin_metastases"
    CAROTID_SINUS_SYNDROME = "carotid_sinus_syndrome"

    @property
    def contraindication_class(self) -> ContraindicationClass:
        """Absolute, relative or local (:data:`CONTRAINDICATION_CLASSES`)."""
        return CONTRAINDICATION_CLASSES[self]

    @property
    def is_seed(self) -> bool:
        """True for the six questions every screen must answer."""
        return self in SEED_QUESTIONS


SEED_QUESTIONS: tuple[Contraindication, ...] = (
    Contraindication.HEART_CONDITION,
    Contraindication.KIDNEY_FAILURE,
    Contraindication.BLOOD_CLOTS,
    Contraindication.INFECTIONS,
    Contraindication.LIVER_PROBLEMS,
    Contraindication.HISTORY_OF_STROKE,
)

_A, _R, _L = (
    ContraindicationClass.ABSOLUTE,
    ContraindicationClass.RELATIVE,
    ContraindicationClass.LOCAL,
)

#: The class of each question, after Vodder Akademie, Földi 2012 and WakeMed policy (see
#: ``docs/sources.md``). No source lists a history of stroke; it is treated as relative
#: (soapnotes policy). The broad seed questions map to the class a "yes" demands at least:
#: a heart condition, chronic kidney failure, a history of clots, liver problems or a stroke
#: needs clearance; a current infection or fever forbids MLD.
CONTRAINDICATION_CLASSES: dict[Contraindication, ContraindicationClass] = {
    Contraindication.HEART_CONDITION: _R,
    Contraindication.KIDNEY_FAILURE: _R,
    Contraindication.BLOOD_CLOTS: _R,
    Contraindication.INFECTIONS: _A,
    Contraindication.LIVER_PROBLEMS: _R,
    Contraindication.HISTORY_OF_STROKE: _R,
    Contraindication.ACUTE_DVT: _A,
    Contraindication.DECOMPENSATED_HEART_FAILURE: _A,
    Contraindication.ACUTE_KIDNEY_FAILURE: _A,
    Contraindication.ACTIVE_MALIGNANCY: _A,
    Contraindication.ARRHYTHMIA: _R,
    Contraindication.PACEMAKER: _R,
    Contraindication.TREATED_CANCER: _R,
    Contraindication.THYROID_DISEASE: _R,
    Contraindication.ASTHMA: _R,
    Contraindication.LOW_BLOOD_PRESSURE: _R,
    Contraindication.DIABETES: _R,
    Contraindication.PREGNANCY_FIRST_TRIMESTER: _R,
    Contraindication.OPEN_WOUND: _L,
    Contraindication.SKIN_INFECTION: _L,
    Contraindication.SKIN_METASTASES: _L,
    Contraindication.CAROTID_SINUS_SYNDROME: _L,
}

#: Questions whose "yes" also forbids treating the neck (Vodder Akademie, local
#: contraindications).
NECK_CONTRAINDICATIONS = frozenset(
    {Contraindication.THYROID_DISEASE, Contraindication.CAROTID_SINUS_SYNDROME}
)


class Modality(_Vocabulary):
    """The kind of massage given."""

    MANUAL_LYMPHATIC_DRAINAGE = "manual_lymphatic_drainage"
    SWEDISH = "swedish"
    DEEP_TISSUE = "deep_tissue"
    RELAXATION = "relaxation"
    REFLEXOLOGY = "reflexology"
    AROMATHERAPY = "aromatherapy"
    SPORTS = "sports"
    MYOFASCIAL_RELEASE = "myofascial_release"
    HOT_STONE = "hot_stone"
    PRENATAL = "prenatal"
    TRIGGER_POINT = "trigger_point"
    THAI = "thai"
    SHIATSU = "shiatsu"
    OTHER = "other"


class CdtPhase(_Vocabulary):
    """Complete Decongestive Therapy phase: intensive, then maintenance (ISL 2020; NLN 2011)."""

    INTENSIVE = "intensive"
    MAINTENANCE = "maintenance"


class Phase(_Vocabulary):
    """The step of MLD a treated region received: clearing comes before reabsorption."""

    CLEARING = "clearing"
    REABSORPTION = "reabsorption"


class AfterEffectKind(_Vocabulary):
    """What a client may feel after a session; see :data:`AFTER_EFFECTS_TO_WATCH`."""

    HEADACHE = "headache"
    NAUSEA = "nausea"
    FATIGUE = "fatigue"
    OTHER = "other"


#: The after-effects expected to ease within a day or two, and followed up when they last
#: longer than the clinic's window (``RuleOptions.after_effect_warning_hours``): the kinds
#: rule SN-AE-001 and the progress report watch. An "other" after-effect is recorded, not
#: judged.
AFTER_EFFECTS_TO_WATCH = frozenset(
    {AfterEffectKind.HEADACHE, AfterEffectKind.NAUSEA, AfterEffectKind.FATIGUE}
)


class Landmark(_Vocabulary):
    """The fixed point a circumference series is measured from."""

    WRIST = "wrist"
    ANKLE = "ankle"
    FINGERTIP = "fingertip"
    HEEL = "heel"


class StemmerResult(_Vocabulary):
    """Stemmer sign: positive when the skin fold over 2nd/3rd toe or finger cannot be lifted."""

    POSITIVE = "positive"
    NEGATIVE = "negative"


class Response(_Vocabulary):
    """The client's response to treatment, as the therapist judges it."""

    IMPROVED = "improved"
    UNCHANGED = "unchanged"
    WORSE = "worse"


class HomeCareKind(_Vocabulary):
    """Home care a plan can prescribe."""

    SELF_MLD = "self_mld"
    COMPRESSION = "compression"
    EXERCISE = "exercise"
    HYDRATION = "hydration"
    SKIN_CARE = "skin_care"
    ELEVATION = "elevation"
    OTHER = "other"
