"""How much excess volume there is, in words: the severity band, and what a series measured.

The one home of the band classification (the rule SN-MS-005, the note's Objective section and
the stage checks all use it) and of what a circumference series' points were (their spacing
and range, printed beside the volume). ISL 2020 grades the excess volume of a one-sided
lymphedema as minimal (> 5 % and < 20 %), moderate (20-40 %) or severe (> 40 %); the bounds
are ``RuleOptions.excess_volume_bands`` (configurable, since clinics draw them differently).
A negative excess means the affected limb is smaller than the reference, which is no band.
"""

from __future__ import annotations

import enum
import itertools

from soapnotes.i18n._active import gettext
from soapnotes.models.measurements import CircumferenceSeries

__all__ = ["ExcessBand", "band_words", "excess_band", "point_spacing"]


class ExcessBand(enum.Enum):
    """Where an excess-volume percentage falls."""

    SMALLER = "smaller"  # the affected limb is smaller than the reference
    BELOW_MINIMAL = "below_minimal"  # 0 up to and including the minimal bound
    MINIMAL = "minimal"
    MODERATE = "moderate"
    SEVERE = "severe"


def excess_band(percent: float, bands: tuple[float, float, float]) -> ExcessBand:
    """The band of ``percent`` excess volume under ``bands`` (minimal, moderate and severe
    lower bounds, 5 / 20 / 40 by default).

    As ISL 2020 writes it: minimal is strictly above its bound ("> 5 %": exactly 5 % is
    below the minimal band), moderate includes its lower bound (exactly 20 % is moderate) and
    its upper one (exactly 40 % is moderate), severe is strictly above 40 %.
    """
    minimal, moderate, severe = bands
    if percent < 0:
        return ExcessBand.SMALLER
    if percent > severe:
        return ExcessBand.SEVERE
    if percent >= moderate:
        return ExcessBand.MODERATE
    if percent > minimal:
        return ExcessBand.MINIMAL
    return ExcessBand.BELOW_MINIMAL


def band_words(band: ExcessBand, bands: tuple[float, float, float]) -> str:
    """The band as the note and the findings print it: 'moderate (20-40 %)'."""
    minimal, moderate, severe = bands
    low, middle, high = f"{minimal:g}", f"{moderate:g}", f"{severe:g}"
    if band is ExcessBand.SMALLER:
        return gettext("affected limb smaller than the reference")
    if band is ExcessBand.BELOW_MINIMAL:
        return gettext("below the minimal band (<= {low} %)", low=low)
    if band is ExcessBand.MINIMAL:
        return gettext("minimal (> {low} to < {middle} %)", low=low, middle=middle)
    if band is ExcessBand.MODERATE:
        return gettext("moderate ({middle}-{high} %)", middle=middle, high=high)
    return gettext("severe (> {high} %)", high=high)


def point_spacing(series: CircumferenceSeries) -> float | None:
    """The distance between consecutive points when it is the same all along, else None
    (uneven points): what the note says was measured, whatever ``interval_cm`` was typed."""
    gaps = {round(b.distance_cm - a.distance_cm, 6) for a, b in itertools.pairwise(series.points)}
    return gaps.pop() if len(gaps) == 1 else None
