"""Diagnosis detail and referral: ICD-10 codes, lymphedema origin, lipedema stage and type, the
CEAP class of venous disease, the referring physician and the prescription.

The detail is what the receiving physician or the payer asks for. Sources
(``docs/sources.md``): WHO ICD-10 (the codes and their titles), ISL 2020 (primary and
secondary lymphedema, phlebolymphedema), Herbst 2021 (lipedema stages 1-3, stage 4 where
used, and types I-V with their regions), Lurie 2020 (CEAP 2020 clinical classes).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs

from soapnotes.i18n._active import gettext_noop
from soapnotes.models import _fields as f
from soapnotes.models.vocabulary import BodyRegion, _Vocabulary

__all__ = [
    "ICD10_TITLES",
    "CeapClass",
    "LipedemaType",
    "LymphedemaOrigin",
    "Physician",
    "Prescription",
    "icd10_code",
    "icd10_title",
]

# A letter (U is reserved by WHO), two characters, then optionally a point and 1-4 more.
_ICD10 = re.compile(r"[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?\Z")

#: Titles of the ICD-10 codes a lymphedema clinic uses most (WHO ICD-10, 2019 edition). A
#: well-formed code not listed here is stored and printed without a title. The titles are
#: message ids: a German or French document prints the ICD-10-GM / CIM-10 title.
ICD10_TITLES: dict[str, str] = {
    "I89.0": gettext_noop("Lymphoedema, not elsewhere classified"),
    "I97.2": gettext_noop("Postmastectomy lymphoedema syndrome"),
    "Q82.0": gettext_noop("Hereditary lymphoedema"),
    "I87.2": gettext_noop("Venous insufficiency (chronic) (peripheral)"),
    "I83.9": gettext_noop("Varicose veins of lower extremities without ulcer or inflammation"),
    "E88.2": gettext_noop("Lipomatosis, not elsewhere classified"),
    "L03.1": gettext_noop("Cellulitis of other parts of limb"),
    "C50.9": gettext_noop("Malignant neoplasm: Breast, unspecified"),
    "C53.9": gettext_noop("Malignant neoplasm: Cervix uteri, unspecified"),
    "C54.1": gettext_noop("Malignant neoplasm: Endometrium"),
}


def icd10_code(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An ICD-10 code as written: letter, two characters, optionally '.' and 1-4 more."""
    if not isinstance(value, str):
        raise f.bad_type(inst, attribute, f"must be a string, got {type(value).__name__}")
    if not _ICD10.match(value):
        raise f.bad_value(
            inst, attribute, "must be an ICD-10 code such as I89.0 (letter, 2 characters, .x)"
        )


def icd10_title(code: str) -> str | None:
    """The WHO title of ``code`` when :data:`ICD10_TITLES` knows it."""
    return ICD10_TITLES.get(code)


class LymphedemaOrigin(_Vocabulary):
    """Primary (a developmental fault of the lymphatics), secondary (acquired), or
    phlebolymphedema (secondary to chronic venous insufficiency) (ISL 2020)."""

    PRIMARY = "primary"
    SECONDARY = "secondary"
    PHLEBOLYMPHEDEMA = "phlebolymphedema"


class LipedemaType(_Vocabulary):
    """Where lipedema sits, types I-V (Herbst 2021); :attr:`regions` gives each type's regions."""

    TYPE_I = "type_i"  # buttocks and hips
    TYPE_II = "type_ii"  # buttocks to knees
    TYPE_III = "type_iii"  # buttocks to ankles
    TYPE_IV = "type_iv"  # arms
    TYPE_V = "type_v"  # lower legs

    @property
    def english_label(self) -> str:
        """'Type III (buttocks to ankles)'."""
        return f"Type {self.value.removeprefix('type_').upper()} ({_LIPEDEMA_WHERE[self]})"

    @property
    def regions(self) -> tuple[BodyRegion, ...]:
        """The body regions this type means."""
        return _LIPEDEMA_REGIONS[self]


_LIPEDEMA_WHERE = {
    LipedemaType.TYPE_I: "buttocks and hips",
    LipedemaType.TYPE_II: "buttocks to knees",
    LipedemaType.TYPE_III: "buttocks to ankles",
    LipedemaType.TYPE_IV: "arms",
    LipedemaType.TYPE_V: "lower legs",
}
_LIPEDEMA_REGIONS: dict[LipedemaType, tuple[BodyRegion, ...]] = {
    LipedemaType.TYPE_I: (BodyRegion.GLUTEAL,),
    LipedemaType.TYPE_II: (BodyRegion.GLUTEAL, BodyRegion.THIGH, BodyRegion.KNEE),
    LipedemaType.TYPE_III: (
        BodyRegion.GLUTEAL,
        BodyRegion.THIGH,
        BodyRegion.KNEE,
        BodyRegion.LOWER_LEG,
    ),
    LipedemaType.TYPE_IV: (BodyRegion.UPPER_ARM, BodyRegion.FOREARM),
    LipedemaType.TYPE_V: (BodyRegion.LOWER_LEG,),
}


class CeapClass(_Vocabulary):
    """The clinical class (C) of CEAP 2020 for chronic venous disease (Lurie 2020)."""

    C0 = "c0"  # no visible or palpable signs
    C1 = "c1"  # telangiectasias or reticular veins
    C2 = "c2"  # varicose veins
    C2R = "c2r"  # recurrent varicose veins
    C3 = "c3"  # edema
    C4A = "c4a"  # pigmentation or eczema
    C4B = "c4b"  # lipodermatosclerosis or atrophie blanche
    C4C = "c4c"  # corona phlebectatica
    C5 = "c5"  # healed venous ulcer
    C6 = "c6"  # active venous ulcer
    C6R = "c6r"  # recurrent active venous ulcer

    @property
    def english_label(self) -> str:
        """'C4a', 'C6r' (CEAP's own writing)."""
        return "C" + self.value[1:]


@attrs.frozen(kw_only=True)
class Physician:
    """A physician who refers or prescribes: name, specialty, where, how to reach them.

    .. versionadded:: 0.2.0
    """

    name: str = attrs.field(validator=f.name)
    specialty: str | None = attrs.field(default=None, validator=f.optional_name)
    organisation: str | None = attrs.field(default=None, validator=f.optional_name)
    phone: str | None = attrs.field(default=None, validator=f.optional_name)
    registration: str | None = attrs.field(default=None, validator=f.optional_name)

    @property
    def display_name(self) -> str:
        """'Dr. Ines Varga (gynaecological oncology, Mercy Hospital)'."""
        extra = ", ".join(x for x in (self.specialty, self.organisation) if x)
        return f"{self.name} ({extra})" if extra else self.name


@attrs.frozen(kw_only=True)
class Prescription:
    """The prescription or authorisation the sessions are given under.

    ``sessions_used`` counts the sessions given under it so far, this one included; the rules
    compare it with ``sessions_authorised`` and the session date with ``valid_until``.

    .. versionadded:: 0.2.0
    """

    prescribed_by: Physician = attrs.field(validator=f.instance_of(Physician))
    issued_on: dt.date = attrs.field(validator=f.calendar_date)
    reference: str | None = attrs.field(default=None, validator=f.optional_name)
    icd10: tuple[str, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(str, element=icd10_code)
    )
    sessions_authorised: int | None = attrs.field(
        default=None, validator=f.optional(f.int_range(1, 1000))
    )
    sessions_used: int | None = attrs.field(
        default=None, validator=f.optional(f.int_range(0, 1000))
    )
    valid_until: dt.date | None = attrs.field(default=None, validator=f.optional(f.calendar_date))
    notes: str | None = attrs.field(default=None, validator=f.optional_text)

    def __attrs_post_init__(self) -> None:
        if self.valid_until is not None and self.valid_until < self.issued_on:
            f.raise_problems([("valid_until", "must not be before issued_on")])

    @property
    def sessions_left(self) -> int | None:
        """Authorised minus used (negative when more were given), None unless both known."""
        if self.sessions_authorised is None or self.sessions_used is None:
            return None
        return self.sessions_authorised - self.sessions_used
