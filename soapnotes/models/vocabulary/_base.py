"""The base of every vocabulary enum and the wording of the values it cannot derive."""

from __future__ import annotations

import enum

from soapnotes.i18n._active import gettext


class _Vocabulary(str, enum.Enum):
    """Base for every vocabulary enum: a str so it compares and serialises as its value."""

    @property
    def label(self) -> str:
        """The human wording in the active locale (English outside a render call)."""
        return gettext(self.english_label)

    @property
    def english_label(self) -> str:
        """The English wording (the catalogs' message id): the value with spaces and a
        capital letter, unless the vocabulary words it otherwise."""
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
    "infections": "Infections (current or recurrent)",
    "acute_infection": "Acute infection or fever (e.g. cellulitis, erysipelas)",
    "abdominal_aortic_aneurysm": "Abdominal aortic aneurysm",
    "inflammatory_bowel_disease": "Inflammatory bowel disease (Crohn's, ulcerative colitis)",
    "ileus": "Ileus / bowel obstruction",
    "recent_abdominal_surgery": "Recent abdominal surgery",
    "abdominal_radiotherapy": "Abdominal or pelvic radiotherapy",
    "pregnancy": "Pregnancy (any stage)",
    "lateral_trunk": "Lateral trunk (flank)",
    "para_aortic": "Para-aortic",
    "pelvic": "Pelvic (iliac)",
    "red_hot_limb": "Red or hot limb",
    "more_swollen_limb": "Limb more swollen",
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
