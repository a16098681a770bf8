"""Outcomes and goals: patient-reported outcome scores and structured treatment goals.

Scores are stored as the domain scores the instrument reports, each checked against the
range its published scoring gives; item answers are not stored, because the item lists and
the item-to-domain allocation could not be checked against the published forms (see
``docs/schema.md``). Sources (``docs/sources.md``):

- LYMQOL (Keeley 2010; arm and leg versions): four domains (function, appearance, symptoms,
  mood), each the sum of its answered items (scored 1 "not at all" to 4 "a lot") divided by
  the number answered, so 1 to 4, higher is worse; and an overall quality of life rating from
  0 to 10, higher is better.
- ULL-27 (Launois 2002; upper limb): 27 items in three domains (physical, psychological,
  social), each reported on 0 to 100, higher is better.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt

import attrs

from soapnotes.i18n._active import gettext_noop
from soapnotes.models import _fields as f
from soapnotes.models.vocabulary import _Vocabulary

__all__ = [
    "DomainScore",
    "Goal",
    "GoalMeasure",
    "GoalStatus",
    "Instrument",
    "OutcomeDomain",
    "OutcomeScore",
]


class OutcomeDomain(_Vocabulary):
    """A domain of a patient-reported outcome instrument."""

    FUNCTION = "function"
    APPEARANCE = "appearance"
    SYMPTOMS = "symptoms"
    MOOD = "mood"
    PHYSICAL = "physical"
    PSYCHOLOGICAL = "psychological"
    SOCIAL = "social"


class Instrument(_Vocabulary):
    """A patient-reported outcome instrument: LYMQOL arm or leg (Keeley 2010), ULL-27
    (Launois 2002)."""

    LYMQOL_ARM = "lymqol_arm"
    LYMQOL_LEG = "lymqol_leg"
    ULL27 = "ull27"

    @property
    def english_label(self) -> str:
        """'LYMQOL arm', 'LYMQOL leg', 'ULL-27'."""
        return _INSTRUMENT_LABELS[self]

    @property
    def domains(self) -> tuple[OutcomeDomain, ...]:
        """The instrument's domains, in its own order."""
        return _LYMQOL_DOMAINS if self is not Instrument.ULL27 else _ULL27_DOMAINS

    @property
    def domain_range(self) -> tuple[float, float]:
        """The lowest and highest domain score its scoring gives."""
        return (1.0, 4.0) if self is not Instrument.ULL27 else (0.0, 100.0)

    @property
    def higher_is_better(self) -> bool:
        """True when a higher domain score means a better quality of life (ULL-27)."""
        return self is Instrument.ULL27

    @property
    def has_overall(self) -> bool:
        """True when the instrument asks for an overall quality of life rating (LYMQOL)."""
        return self is not Instrument.ULL27


_INSTRUMENT_LABELS = {
    Instrument.LYMQOL_ARM: "LYMQOL arm",
    Instrument.LYMQOL_LEG: "LYMQOL leg",
    Instrument.ULL27: "ULL-27",
}
_LYMQOL_DOMAINS = (
    OutcomeDomain.FUNCTION,
    OutcomeDomain.APPEARANCE,
    OutcomeDomain.SYMPTOMS,
    OutcomeDomain.MOOD,
)
_ULL27_DOMAINS = (OutcomeDomain.PHYSICAL, OutcomeDomain.PSYCHOLOGICAL, OutcomeDomain.SOCIAL)


@attrs.frozen(kw_only=True)
class DomainScore:
    """One domain's score as the instrument's scoring gives it."""

    domain: OutcomeDomain = attrs.field(validator=f.instance_of(OutcomeDomain))
    score: float = attrs.field(validator=f.number_range(0, 100))


@attrs.frozen(kw_only=True)
class OutcomeScore:
    """A completed questionnaire: the instrument, when, its domain scores and overall rating.

    Each domain must be one of the instrument's and its score within the instrument's range
    (:attr:`Instrument.domain_range`); ``overall`` (0-10) only for LYMQOL.

    .. versionadded:: 0.2.0
    """

    instrument: Instrument = attrs.field(validator=f.instance_of(Instrument))
    completed_on: dt.date = attrs.field(validator=f.calendar_date)
    domains: tuple[DomainScore, ...] = attrs.field(
        default=(),
        converter=f.to_tuple,
        validator=[f.tuple_of(DomainScore), f.unique_by(lambda d: d.domain, "domain")],
    )
    overall: float | None = attrs.field(default=None, validator=f.optional(f.number_range(0, 10)))

    def __attrs_post_init__(self) -> None:
        problems: list[tuple[str, str]] = []
        low, high = self.instrument.domain_range
        allowed = ", ".join(d.value for d in self.instrument.domains)
        for index, item in enumerate(self.domains):
            if item.domain not in self.instrument.domains:
                problems.append(
                    (
                        f"domains[{index}].domain",
                        f"is not a domain of {self.instrument.label}; allowed: {allowed}",
                    )
                )
            elif not low <= item.score <= high:
                problems.append(
                    (
                        f"domains[{index}].score",
                        f"must be {low:g} to {high:g} on {self.instrument.label}; "
                        f"got {item.score:g}",
                    )
                )
        if self.overall is not None and not self.instrument.has_overall:
            problems.append(("overall", f"{self.instrument.label} has no overall rating"))
        if not self.domains and self.overall is None:
            problems.append(("domains", "must hold at least one domain score (or overall)"))
        f.raise_problems(problems)

    def score(self, domain: OutcomeDomain) -> float | None:
        """The score of ``domain``, or None when not reported."""
        for item in self.domains:
            if item.domain is domain:
                return item.score
        return None


class GoalMeasure(_Vocabulary):
    """What a goal is measured by."""

    EXCESS_VOLUME_PERCENT = "excess_volume_percent"
    LIMB_VOLUME = "limb_volume"
    CIRCUMFERENCE = "circumference"
    PAIN = "pain"
    WEIGHT = "weight"
    LDEX = "ldex"
    OUTCOME_SCORE = "outcome_score"
    GARMENT_WEAR = "garment_wear"
    FUNCTION = "function"
    OTHER = "other"

    @property
    def english_label(self) -> str:
        """'Excess volume (%)', 'L-Dex', ..."""
        return _GOAL_LABELS.get(self, self.value.replace("_", " ").capitalize())

    @property
    def unit(self) -> str:
        """The unit a target of this measure is in ('%', 'mL', 'cm', ...; '' when none)."""
        return _GOAL_UNITS.get(self, "")


_GOAL_LABELS = {
    GoalMeasure.EXCESS_VOLUME_PERCENT: "Excess volume (%)",
    GoalMeasure.LDEX: "L-Dex",
}
_GOAL_UNITS = {
    GoalMeasure.EXCESS_VOLUME_PERCENT: "%",
    GoalMeasure.LIMB_VOLUME: "mL",
    GoalMeasure.CIRCUMFERENCE: "cm",
    GoalMeasure.PAIN: "/10",
    GoalMeasure.WEIGHT: "kg",
    GoalMeasure.GARMENT_WEAR: gettext_noop("h/day"),  # the one unit a language words
}


class GoalStatus(_Vocabulary):
    """Where a goal stands."""

    ACTIVE = "active"
    ACHIEVED = "achieved"
    PARTLY_ACHIEVED = "partly_achieved"
    NOT_ACHIEVED = "not_achieved"
    DISCONTINUED = "discontinued"


@attrs.frozen(kw_only=True)
class Goal:
    """A treatment goal: what, measured by what, the target, by when, and where it stands.

    .. versionadded:: 0.2.0
    """

    description: str = attrs.field(validator=f.text)
    measure: GoalMeasure = attrs.field(validator=f.instance_of(GoalMeasure))
    target: float | None = attrs.field(
        default=None, validator=f.optional(f.number_range(-100000, 100000))
    )
    set_on: dt.date | None = attrs.field(default=None, validator=f.optional(f.calendar_date))
    due_on: dt.date | None = attrs.field(default=None, validator=f.optional(f.calendar_date))
    status: GoalStatus = attrs.field(
        default=GoalStatus.ACTIVE, validator=f.instance_of(GoalStatus)
    )

    def __attrs_post_init__(self) -> None:
        if self.set_on is not None and self.due_on is not None and self.due_on < self.set_on:
            f.raise_problems([("due_on", "must not be before set_on")])
