"""Compression therapy: garments, bandaging, and the arterial check (ABPI) before leg compression.

A compression class means a different pressure under each national standard, so a garment
records both, and its pressure range in mmHg comes from :data:`COMPRESSION_CLASSES`, never
typed in. Sources (``docs/sources.md``): RAL-GZ 387/1 (Germany), BS 6612:1985 (the British
standard), NF G30-102 (France, AFNOR), all three tabulated side by side in Lymphoedema
Framework 2006b; the ranges most US manufacturers use (there is no US standard) from Zuther 2010.
The arterial check: Lymphoedema Framework 2006 (ABPI before compression) and BLS 2018 (a
documented clinical vascular assessment where an ABPI cannot be taken).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt

import attrs

from soapnotes.i18n._active import gettext
from soapnotes.models import _fields as f
from soapnotes.models.vocabulary import Limb, Side, _Vocabulary

__all__ = [
    "COMPRESSION_CLASSES",
    "ArterialCheck",
    "ArterialCheckMethod",
    "BandagePadding",
    "BandageSystem",
    "Bandaging",
    "Compression",
    "CompressionStandard",
    "Garment",
    "GarmentFit",
    "GarmentKind",
    "Knit",
    "PressureRange",
    "pressure_range",
]


class CompressionStandard(_Vocabulary):
    """The standard a compression class is given under."""

    RAL = "ral"  # RAL-GZ 387/1, Germany (used across much of Europe)
    BRITISH = "british"  # BS 6612:1985
    AFNOR = "afnor"  # NF G30-102, France
    US = "us"  # the ranges US manufacturers use; no national standard

    @property
    def english_label(self) -> str:
        """'RAL-GZ 387/1', 'BS 6612', 'AFNOR NF G30-102', 'US'."""
        return _STANDARD_LABELS[self]


_STANDARD_LABELS = {
    CompressionStandard.RAL: "RAL-GZ 387/1",
    CompressionStandard.BRITISH: "BS 6612",
    CompressionStandard.AFNOR: "AFNOR NF G30-102",
    CompressionStandard.US: "US",
}


@attrs.frozen
class PressureRange:
    """A compression class's pressure in mmHg: ``low`` to ``high`` (None: no upper bound).

    ``above`` marks an open class given as "more than ``low``" (AFNOR class 4, "> 36").
    """

    low: float
    high: float | None
    above: bool = False

    @property
    def label(self) -> str:
        """'18-21 mmHg', '≥ 49 mmHg', '> 36 mmHg'."""
        if self.high is not None:
            return f"{self.low:g}-{self.high:g} mmHg"
        return f"{'>' if self.above else '≥'} {self.low:g} mmHg"


#: The pressure range (mmHg, at the ankle or wrist) of each class under each standard.
#: RAL-GZ 387/1: 18-21, 23-32, 34-46, 49 and more. BS 6612:1985: 14-17, 18-24, 25-35.
#: NF G30-102: 10-15, 15-20, 20-36, more than 36 (Lymphoedema Framework 2006b tabulates
#: the three). US manufacturers: 20-30, 30-40, 40-50 (Zuther 2010); a fourth US class is
#: left out because the sources give it as "50 and more" or "over 60".
COMPRESSION_CLASSES: dict[CompressionStandard, dict[int, PressureRange]] = {
    CompressionStandard.RAL: {
        1: PressureRange(18, 21),
        2: PressureRange(23, 32),
        3: PressureRange(34, 46),
        4: PressureRange(49, None),
    },
    CompressionStandard.BRITISH: {
        1: PressureRange(14, 17),
        2: PressureRange(18, 24),
        3: PressureRange(25, 35),
    },
    CompressionStandard.AFNOR: {
        1: PressureRange(10, 15),
        2: PressureRange(15, 20),
        3: PressureRange(20, 36),
        4: PressureRange(36, None, above=True),
    },
    CompressionStandard.US: {
        1: PressureRange(20, 30),
        2: PressureRange(30, 40),
        3: PressureRange(40, 50),
    },
}


def pressure_range(standard: CompressionStandard, compression_class: int) -> PressureRange:
    """What ``compression_class`` means under ``standard``.

    Raises:
        KeyError: the standard has no such class (a :class:`Garment` never holds one).
    """
    return COMPRESSION_CLASSES[standard][compression_class]


class GarmentKind(_Vocabulary):
    """What a compression garment covers."""

    SLEEVE = "sleeve"
    SLEEVE_WITH_GAUNTLET = "sleeve_with_gauntlet"
    GAUNTLET = "gauntlet"
    GLOVE = "glove"
    TOE_CAPS = "toe_caps"
    KNEE_HIGH = "knee_high"
    THIGH_HIGH = "thigh_high"
    PANTYHOSE = "pantyhose"
    BRA = "bra"
    VEST = "vest"
    HEAD_AND_NECK = "head_and_neck"
    GENITAL = "genital"
    OTHER = "other"

    @property
    def limb(self) -> Limb | None:
        """The limb the garment compresses, or None for trunk, head and genital garments."""
        return _GARMENT_LIMB.get(self)

    @property
    def english_label(self) -> str:
        """'Knee-high stocking', 'Sleeve with gauntlet', ..."""
        return _GARMENT_LABELS.get(self, self.value.replace("_", " ").capitalize())


_GARMENT_LIMB = {
    GarmentKind.SLEEVE: Limb.ARM,
    GarmentKind.SLEEVE_WITH_GAUNTLET: Limb.ARM,
    GarmentKind.GAUNTLET: Limb.ARM,
    GarmentKind.GLOVE: Limb.ARM,
    GarmentKind.TOE_CAPS: Limb.LEG,
    GarmentKind.KNEE_HIGH: Limb.LEG,
    GarmentKind.THIGH_HIGH: Limb.LEG,
    GarmentKind.PANTYHOSE: Limb.LEG,
}
_GARMENT_LABELS = {
    GarmentKind.KNEE_HIGH: "Knee-high stocking",
    GarmentKind.THIGH_HIGH: "Thigh-high stocking",
    GarmentKind.HEAD_AND_NECK: "Head and neck garment",
    GarmentKind.GENITAL: "Genital garment",
}


class Knit(_Vocabulary):
    """How a garment is knitted: flat-knit (with a seam, firmer) or circular-knit."""

    FLAT = "flat"
    CIRCULAR = "circular"


class GarmentFit(_Vocabulary):
    """Made to the client's measurements, or a ready-made size."""

    MADE_TO_MEASURE = "made_to_measure"
    READY_MADE = "ready_made"


@attrs.frozen(kw_only=True)
class Garment:
    """A compression garment the client wears: what, which class under which standard, fit.

    ``pressure`` is the class's range under its standard (:data:`COMPRESSION_CLASSES`).
    ``prescribed_hours_per_day`` is the wear time asked for; ``reported_hours_per_day`` what
    the client reports wearing it since the last visit (adherence). ``side`` is required for
    arm and leg garments, except pantyhose, where no side means both legs.

    .. versionadded:: 0.2.0
    """

    kind: GarmentKind = attrs.field(validator=f.instance_of(GarmentKind))
    side: Side | None = attrs.field(default=None, validator=f.optional(f.instance_of(Side)))
    standard: CompressionStandard = attrs.field(validator=f.instance_of(CompressionStandard))
    compression_class: int = attrs.field(validator=f.int_range(1, 4))
    knit: Knit | None = attrs.field(default=None, validator=f.optional(f.instance_of(Knit)))
    fit: GarmentFit | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(GarmentFit))
    )
    prescribed_hours_per_day: float | None = attrs.field(
        default=None, validator=f.optional(f.number_range(0, 24, low_open=True))
    )
    reported_hours_per_day: float | None = attrs.field(
        default=None, validator=f.optional(f.number_range(0, 24))
    )
    fitted_on: dt.date | None = attrs.field(default=None, validator=f.optional(f.calendar_date))
    replace_on: dt.date | None = attrs.field(default=None, validator=f.optional(f.calendar_date))
    product: str | None = attrs.field(default=None, validator=f.optional_name)

    def __attrs_post_init__(self) -> None:
        problems: list[tuple[str, str]] = []
        classes = COMPRESSION_CLASSES[self.standard]
        if self.compression_class not in classes:
            problems.append(
                (
                    "compression_class",
                    f"must be a class of the {self.standard.label} standard "
                    f"({', '.join(map(str, classes))}); got {self.compression_class}",
                )
            )
        limb = self.kind.limb
        if limb is not None and self.side is None and self.kind is not GarmentKind.PANTYHOSE:
            problems.append(("side", f"is required for a garment on the {limb.value}"))
        if self.fitted_on and self.replace_on and self.replace_on < self.fitted_on:
            problems.append(("replace_on", "must not be before fitted_on"))
        f.raise_problems(problems)

    @property
    def limb(self) -> Limb | None:
        """The limb compressed (None for trunk, head and genital garments)."""
        return self.kind.limb

    @property
    def sides(self) -> frozenset[Side]:
        """The sides compressed: both for pantyhose without a side."""
        if self.side is not None:
            return frozenset({self.side})
        return frozenset(Side) if self.kind is GarmentKind.PANTYHOSE else frozenset()

    @property
    def pressure(self) -> PressureRange:
        """The pressure range its class means under its standard."""
        return COMPRESSION_CLASSES[self.standard][self.compression_class]

    @property
    def class_label(self) -> str:
        """'Class 2 (RAL-GZ 387/1, 23-32 mmHg)'."""
        return gettext(
            "Class {number} ({standard}, {pressure})",
            number=self.compression_class,
            standard=self.standard.label,
            pressure=self.pressure.label,
        )

    @property
    def adherence_percent(self) -> float | None:
        """Reported wear as a percentage of the prescribed hours (None unless both known)."""
        if self.prescribed_hours_per_day is None or self.reported_hours_per_day is None:
            return None
        return 100.0 * self.reported_hours_per_day / self.prescribed_hours_per_day


class BandageSystem(_Vocabulary):
    """The kind of compression bandaging."""

    SHORT_STRETCH = "short_stretch"  # multi-layer lymphedema bandaging, short-stretch
    MULTICOMPONENT_KIT = "multicomponent_kit"
    ADJUSTABLE_WRAP = "adjustable_wrap"
    LONG_STRETCH = "long_stretch"
    OTHER = "other"

    @property
    def english_label(self) -> str:
        """'Short-stretch multi-layer bandaging', ..."""
        return _BANDAGE_LABELS.get(self, self.value.replace("_", " ").capitalize())


_BANDAGE_LABELS = {
    BandageSystem.SHORT_STRETCH: "Short-stretch multi-layer bandaging",
    BandageSystem.MULTICOMPONENT_KIT: "Multi-component bandage kit",
    BandageSystem.ADJUSTABLE_WRAP: "Adjustable wrap system",
    BandageSystem.LONG_STRETCH: "Long-stretch bandaging",
}


class BandagePadding(_Vocabulary):
    """Padding under a bandage."""

    SYNTHETIC_WADDING = "synthetic_wadding"
    COTTON_WOOL = "cotton_wool"
    FOAM = "foam"
    FOAM_CHIP = "foam_chip"
    TUBULAR_BANDAGE = "tubular_bandage"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Bandaging:
    """Compression bandaging on a limb: system, layers, padding, how long it stays on.

    .. versionadded:: 0.2.0
    """

    limb: Limb = attrs.field(validator=f.instance_of(Limb))
    side: Side = attrs.field(validator=f.instance_of(Side))
    system: BandageSystem = attrs.field(validator=f.instance_of(BandageSystem))
    layers: int | None = attrs.field(default=None, validator=f.optional(f.int_range(1, 12)))
    padding: tuple[BandagePadding, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(BandagePadding)
    )
    wear_hours: float | None = attrs.field(
        default=None, validator=f.optional(f.number_range(0, 168, low_open=True))
    )
    extent: str | None = attrs.field(default=None, validator=f.optional_text)
    product: str | None = attrs.field(default=None, validator=f.optional_name)

    @property
    def label(self) -> str:
        """'Left leg: short-stretch multi-layer bandaging'."""
        return gettext(
            "{side} {limb!l}: {system!l}",
            side=self.side.label,
            limb=self.limb.label,
            system=self.system.label,
        )


@attrs.frozen(kw_only=True)
class Compression:
    """The compression a client is on: garments worn and bandaging applied or planned.

    .. versionadded:: 0.2.0
    """

    garments: tuple[Garment, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(Garment)
    )
    bandaging: tuple[Bandaging, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(Bandaging)
    )
    notes: str | None = attrs.field(default=None, validator=f.optional_text)

    def sides_of(self, limb: Limb) -> frozenset[Side]:
        """The sides of ``limb`` under any garment or bandage."""
        garments = {s for g in self.garments if g.limb is limb for s in g.sides}
        bandages = {b.side for b in self.bandaging if b.limb is limb}
        return frozenset(garments | bandages)


class ArterialCheckMethod(_Vocabulary):
    """How the arterial supply of a leg was checked before compression."""

    DOPPLER = "doppler"  # ankle-brachial pressure index with a hand-held Doppler
    AUTOMATED = "automated"  # ABPI from an automated (oscillometric) device
    CLINICAL_ASSESSMENT = "clinical_assessment"  # no ABPI: documented vascular assessment

    @property
    def english_label(self) -> str:
        """'Doppler ABPI', 'Automated ABPI', 'Clinical vascular assessment (no ABPI)'."""
        return _CHECK_LABELS[self]


_CHECK_LABELS = {
    ArterialCheckMethod.DOPPLER: "Doppler ABPI",
    ArterialCheckMethod.AUTOMATED: "Automated ABPI",
    ArterialCheckMethod.CLINICAL_ASSESSMENT: "Clinical vascular assessment (no ABPI)",
}


@attrs.frozen(kw_only=True)
class ArterialCheck:
    """The arterial check of one leg before compression: the ABPI and its date.

    ``abpi`` (ankle-brachial pressure index) is required for the Doppler and automated
    methods and left out for a clinical vascular assessment, which some clinics accept where
    an ABPI cannot be taken (BLS 2018; ``RuleOptions.accept_clinical_vascular_assessment``).

    .. versionadded:: 0.2.0
    """

    side: Side = attrs.field(validator=f.instance_of(Side))
    checked_on: dt.date = attrs.field(validator=f.calendar_date)
    method: ArterialCheckMethod = attrs.field(
        default=ArterialCheckMethod.DOPPLER, validator=f.instance_of(ArterialCheckMethod)
    )
    abpi: float | None = attrs.field(default=None, validator=f.optional(f.number_range(0, 3)))
    checked_by: str | None = attrs.field(default=None, validator=f.optional_name)
    notes: str | None = attrs.field(default=None, validator=f.optional_text)

    def __attrs_post_init__(self) -> None:
        clinical = self.method is ArterialCheckMethod.CLINICAL_ASSESSMENT
        if clinical and self.abpi is not None:
            f.raise_problems([("abpi", "must be left out for a clinical vascular assessment")])
        if not clinical and self.abpi is None:
            f.raise_problems([("abpi", f"is required for the {self.method.value} method")])
