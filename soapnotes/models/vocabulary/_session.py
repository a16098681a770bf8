"""The session: modality, phases, after-effects, landmarks, signs, response, home care."""

from __future__ import annotations

from soapnotes.models.vocabulary._base import _Vocabulary


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
    """What a client may feel after a session; see :data:`AFTER_EFFECTS_TO_WATCH` and
    :data:`RED_FLAG_AFTER_EFFECTS`."""

    HEADACHE = "headache"
    NAUSEA = "nausea"
    FATIGUE = "fatigue"
    OTHER = "other"
    # Red flags (added in 0.2.0): signs of a clot, an embolism, heart failure or cellulitis.
    BREATHLESSNESS = "breathlessness"
    CHEST_PAIN = "chest_pain"
    CALF_PAIN = "calf_pain"
    RED_HOT_LIMB = "red_hot_limb"
    MORE_SWOLLEN_LIMB = "more_swollen_limb"
    FEVER = "fever"

    @property
    def is_red_flag(self) -> bool:
        """True for a sign to refer before treating again (:data:`RED_FLAG_AFTER_EFFECTS`)."""
        return self in RED_FLAG_AFTER_EFFECTS


#: After-effects that are red flags whatever their duration: breathlessness or chest pain (a
#: pulmonary embolism or heart failure), calf pain or a limb more swollen (a deep-vein
#: thrombosis), a red or hot limb or fever (cellulitis). The client is referred before the
#: next treatment (WakeMed policy; Zuther 2017, complications of MLD): rule SN-AE-003.
RED_FLAG_AFTER_EFFECTS = frozenset(
    {
        AfterEffectKind.BREATHLESSNESS,
        AfterEffectKind.CHEST_PAIN,
        AfterEffectKind.CALF_PAIN,
        AfterEffectKind.RED_HOT_LIMB,
        AfterEffectKind.MORE_SWOLLEN_LIMB,
        AfterEffectKind.FEVER,
    }
)

#: The after-effects expected to ease within a day or two, and followed up when they last
#: longer than the clinic's window (``RuleOptions.after_effect_warning_hours``): every kind
#: that is not a red flag, "other" included. The kinds rule SN-AE-001 and the progress report
#: judge by duration.
AFTER_EFFECTS_TO_WATCH = frozenset(set(AfterEffectKind) - RED_FLAG_AFTER_EFFECTS)


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
