"""The contraindication screen: answers, the classes, the questions and what each means."""

from __future__ import annotations

from soapnotes.models.vocabulary._base import _Vocabulary
from soapnotes.models.vocabulary._body import BodyRegion


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
    absolute ones (:data:`ABSOLUTE_QUESTIONS`) record what forbids treatment outright, and a
    yes to a broad question needs its specific one answered (:data:`SPECIFIC_QUESTION`). The
    abdominal ones (:data:`ABDOMINAL_CONTRAINDICATIONS`) are asked before the abdomen is
    treated. ``thyroid_disease`` is the legacy question, split into ``hyperthyroidism`` and
    ``hypothyroidism``.
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
    # Added in 0.2.0: the specific absolute question behind "infections".
    ACUTE_INFECTION = "acute_infection"
    # The thyroid split (relative; hyperthyroidism also forbids the neck).
    HYPERTHYROIDISM = "hyperthyroidism"
    HYPOTHYROIDISM = "hypothyroidism"
    # Local to the abdomen.
    PREGNANCY = "pregnancy"
    ABDOMINAL_AORTIC_ANEURYSM = "abdominal_aortic_aneurysm"
    INFLAMMATORY_BOWEL_DISEASE = "inflammatory_bowel_disease"
    DIVERTICULITIS = "diverticulitis"
    ILEUS = "ileus"
    RECENT_ABDOMINAL_SURGERY = "recent_abdominal_surgery"
    ABDOMINAL_RADIOTHERAPY = "abdominal_radiotherapy"

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
#: a heart condition, chronic kidney failure, a history of clots, infections, liver problems
#: or a stroke needs clearance, and the specific absolute question behind it must be answered
#: no (:data:`SPECIFIC_QUESTION`); an acute infection or fever forbids treatment. The
#: abdominal questions are local to the abdomen (Middle Georgia MLD policy).
CONTRAINDICATION_CLASSES: dict[Contraindication, ContraindicationClass] = {
    Contraindication.HEART_CONDITION: _R,
    Contraindication.KIDNEY_FAILURE: _R,
    Contraindication.BLOOD_CLOTS: _R,
    Contraindication.INFECTIONS: _R,
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
    Contraindication.ACUTE_INFECTION: _A,
    Contraindication.HYPERTHYROIDISM: _R,
    Contraindication.HYPOTHYROIDISM: _R,
    Contraindication.PREGNANCY: _L,
    Contraindication.ABDOMINAL_AORTIC_ANEURYSM: _L,
    Contraindication.INFLAMMATORY_BOWEL_DISEASE: _L,
    Contraindication.DIVERTICULITIS: _L,
    Contraindication.ILEUS: _L,
    Contraindication.RECENT_ABDOMINAL_SURGERY: _L,
    Contraindication.ABDOMINAL_RADIOTHERAPY: _L,
}

#: The specific absolute questions, asked yes or no before any MLD session.
ABSOLUTE_QUESTIONS: tuple[Contraindication, ...] = tuple(
    q for q, kind in CONTRAINDICATION_CLASSES.items() if kind is ContraindicationClass.ABSOLUTE
)

#: The specific absolute question behind each broad one: a "yes" to the broad question needs
#: the specific one answered no before treatment (a history of clots is not an acute DVT).
SPECIFIC_QUESTION: dict[Contraindication, Contraindication] = {
    Contraindication.HEART_CONDITION: Contraindication.DECOMPENSATED_HEART_FAILURE,
    Contraindication.KIDNEY_FAILURE: Contraindication.ACUTE_KIDNEY_FAILURE,
    Contraindication.BLOOD_CLOTS: Contraindication.ACUTE_DVT,
    Contraindication.INFECTIONS: Contraindication.ACUTE_INFECTION,
    Contraindication.TREATED_CANCER: Contraindication.ACTIVE_MALIGNANCY,
}

#: The questions asked before the abdomen is treated; a "yes" forbids the abdomen (Middle
#: Georgia MLD policy; Wittlinger 2019, deep abdominal treatment).
ABDOMINAL_CONTRAINDICATIONS: tuple[Contraindication, ...] = (
    Contraindication.PREGNANCY,
    Contraindication.ABDOMINAL_AORTIC_ANEURYSM,
    Contraindication.INFLAMMATORY_BOWEL_DISEASE,
    Contraindication.DIVERTICULITIS,
    Contraindication.ILEUS,
    Contraindication.RECENT_ABDOMINAL_SURGERY,
    Contraindication.ABDOMINAL_RADIOTHERAPY,
)

#: Questions whose "yes" also forbids treating the neck (Vodder Akademie, local
#: contraindications; Middle Georgia MLD policy names hyperthyroidism, not hypothyroidism).
#: ``thyroid_disease``, the legacy question, keeps forbidding it.
NECK_CONTRAINDICATIONS = frozenset(
    {
        Contraindication.THYROID_DISEASE,
        Contraindication.CAROTID_SINUS_SYNDROME,
        Contraindication.HYPERTHYROIDISM,
    }
)

#: The region a "yes" forbids whatever areas are recorded: the neck or the abdomen.
FORBIDDEN_REGION: dict[Contraindication, BodyRegion] = {
    **dict.fromkeys(sorted(NECK_CONTRAINDICATIONS), BodyRegion.NECK),
    **dict.fromkeys(ABDOMINAL_CONTRAINDICATIONS, BodyRegion.ABDOMEN),
}

#: Relative questions a documented treatment modification may answer instead of a clearance
#: (WakeMed policy: "medical clearance or treatment modification").
MODIFICATION_SUFFICES = frozenset(
    {
        Contraindication.DIABETES,
        Contraindication.ASTHMA,
        Contraindication.LOW_BLOOD_PRESSURE,
        Contraindication.HYPOTHYROIDISM,
    }
)

#: Local questions whose area also blocks every region draining through it: lymph is not
#: moved through a wound or an infected segment (Földi 2012; Zuther 2017).
BLOCKS_DRAINAGE_THROUGH = frozenset({Contraindication.OPEN_WOUND, Contraindication.SKIN_INFECTION})


class ClinicalRole(_Vocabulary):
    """The profession of whoever clears a relative contraindication or approves palliative MLD.

    A clearance comes from a clinician other than the client (soapnotes policy, after WakeMed
    policy: "physician clearance"); :meth:`from_text` reads the free-text ``role`` of files
    written before this field existed.
    """

    PHYSICIAN = "physician"
    FAMILY_PHYSICIAN = "family_physician"
    ONCOLOGIST = "oncologist"
    CARDIOLOGIST = "cardiologist"
    NEPHROLOGIST = "nephrologist"
    HEPATOLOGIST = "hepatologist"
    OBSTETRICIAN = "obstetrician"
    MIDWIFE = "midwife"
    SURGEON = "surgeon"
    VASCULAR_SURGEON = "vascular_surgeon"
    LYMPHOLOGIST = "lymphologist"
    DERMATOLOGIST = "dermatologist"
    ENDOCRINOLOGIST = "endocrinologist"
    PULMONOLOGIST = "pulmonologist"
    GASTROENTEROLOGIST = "gastroenterologist"
    NEUROLOGIST = "neurologist"
    RHEUMATOLOGIST = "rheumatologist"
    NURSE_PRACTITIONER = "nurse_practitioner"
    PHYSICIAN_ASSISTANT = "physician_assistant"

    @classmethod
    def from_text(cls, text: str) -> ClinicalRole | None:
        """The role a free-text ``role`` names ("Oncologist", "GP", "family doctor"), or None.

        Case, spaces and hyphens do not matter; a few common synonyms are known
        (:data:`ROLE_SYNONYMS`), and a qualified role is read by its last word
        ("Gynaecological oncologist", "Consultant physician"). Anything else (the client,
        "self", a relative) is None.
        """
        words = text.casefold().replace("-", " ").replace(".", " ").split()
        for key in ("_".join(words), "_".join(words[-1:])):  # "Gynaecological oncologist"
            if key in cls._value2member_map_:
                return cls(key)
            if key in ROLE_SYNONYMS:
                return ROLE_SYNONYMS[key]
        return None


#: Common ways of writing a clinical role in a free-text ``role``.
ROLE_SYNONYMS: dict[str, ClinicalRole] = {
    "gp": ClinicalRole.FAMILY_PHYSICIAN,
    "general_practitioner": ClinicalRole.FAMILY_PHYSICIAN,
    "family_doctor": ClinicalRole.FAMILY_PHYSICIAN,
    "primary_care_physician": ClinicalRole.FAMILY_PHYSICIAN,
    "doctor": ClinicalRole.PHYSICIAN,
    "md": ClinicalRole.PHYSICIAN,
    "internist": ClinicalRole.PHYSICIAN,
    "attending_physician": ClinicalRole.PHYSICIAN,
    "ob/gyn": ClinicalRole.OBSTETRICIAN,
    "obstetrician_gynecologist": ClinicalRole.OBSTETRICIAN,
    "gynecologist": ClinicalRole.OBSTETRICIAN,
    "gynaecologist": ClinicalRole.OBSTETRICIAN,
    "obstetrician_gynaecologist": ClinicalRole.OBSTETRICIAN,
    "surgical_oncologist": ClinicalRole.ONCOLOGIST,
    "radiation_oncologist": ClinicalRole.ONCOLOGIST,
    "medical_oncologist": ClinicalRole.ONCOLOGIST,
    "np": ClinicalRole.NURSE_PRACTITIONER,
    "pa": ClinicalRole.PHYSICIAN_ASSISTANT,
}
