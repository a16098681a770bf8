"""One session: when, what kind, and the four SOAP parts with the treatment performed."""

from __future__ import annotations

import datetime as dt

import attrs

from soapnotes.i18n._active import gettext
from soapnotes.models import _fields as f
from soapnotes.models.compression import Compression
from soapnotes.models.intake import RedFlagCheck
from soapnotes.models.measured import Bioimpedance, MeasuredVolume
from soapnotes.models.measurements import CircumferenceSeries
from soapnotes.models.outcomes import Goal, OutcomeScore
from soapnotes.models.vocabulary import (
    AfterEffectKind,
    BodyRegion,
    CdtPhase,
    HomeCareKind,
    Limb,
    Modality,
    NodeGroup,
    Phase,
    Response,
    Side,
    StemmerResult,
)


@attrs.frozen(kw_only=True)
class AfterEffect:
    """How the client felt after the previous session, and for how many hours it lasted.

    Headache, nausea or fatigue lasting longer than the clinic's window (48 hours by
    default, soapnotes policy: ``RuleOptions.after_effect_warning_hours``) is followed up.

    .. versionadded:: 0.1.0
    """

    kind: AfterEffectKind = attrs.field(validator=f.instance_of(AfterEffectKind))
    duration_hours: float | None = attrs.field(
        default=None, validator=f.optional(f.number_range(0, 24 * 365))
    )
    description: str | None = attrs.field(default=None, validator=f.optional_text)

    def __attrs_post_init__(self) -> None:
        if self.kind is AfterEffectKind.OTHER and self.description is None:
            f.raise_problems([("description", "is required when kind is 'other'")])


@attrs.frozen(kw_only=True)
class Subjective:
    """S: what the client reports.

    .. versionadded:: 0.1.0
    """

    chief_complaint: str = attrs.field(validator=f.text)
    pain: int | None = attrs.field(default=None, validator=f.optional(f.int_range(0, 10)))
    symptoms: tuple[str, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(str, element=f.text)
    )
    after_effects: tuple[AfterEffect, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(AfterEffect)
    )
    notes: str | None = attrs.field(default=None, validator=f.optional_text)


@attrs.frozen(kw_only=True)
class StemmerSign:
    """Stemmer sign on one limb: result and Pannier grade (0 normal, 1-3 positive).

    A negative sign never excludes lymphedema (Stemmer 1976); the grades follow Pannier 2007
    (see ``docs/sources.md``).

    .. versionadded:: 0.1.0
    """

    limb: Limb = attrs.field(validator=f.instance_of(Limb))
    side: Side = attrs.field(validator=f.instance_of(Side))
    result: StemmerResult = attrs.field(validator=f.instance_of(StemmerResult))
    grade: int | None = attrs.field(default=None, validator=f.optional(f.int_range(0, 3)))

    def __attrs_post_init__(self) -> None:
        if self.grade is None:
            return
        if self.result is StemmerResult.POSITIVE and self.grade == 0:
            f.raise_problems([("grade", "must be 1 to 3 for a positive sign (0 is normal)")])
        if self.result is StemmerResult.NEGATIVE and self.grade != 0:
            f.raise_problems([("grade", "must be 0 (or left out) for a negative sign")])


@attrs.frozen(kw_only=True)
class Pitting:
    """Pitting edema: the grade 0-4 (0, 1+ to 4+) and what was measured beside it.

    Sources disagree on rebound times, so depth and rebound are stored as measured.

    .. versionadded:: 0.1.0
    """

    limb: Limb = attrs.field(validator=f.instance_of(Limb))
    side: Side = attrs.field(validator=f.instance_of(Side))
    grade: int = attrs.field(validator=f.int_range(0, 4))
    depth_mm: float | None = attrs.field(default=None, validator=f.optional(f.number_range(0, 50)))
    rebound_s: float | None = attrs.field(
        default=None, validator=f.optional(f.number_range(0, 3600))
    )
    location: str | None = attrs.field(default=None, validator=f.optional_text)

    @property
    def grade_label(self) -> str:
        """'0' or '1+' to '4+'."""
        return "0" if self.grade == 0 else f"{self.grade}+"


@attrs.frozen(kw_only=True)
class PreviousMeasurements:
    """Circumference series carried over from an earlier session, to show the change.

    .. versionadded:: 0.1.0
    """

    measured_on: dt.date = attrs.field(validator=f.calendar_date)
    session_id: str | None = attrs.field(default=None, validator=f.optional(f.identifier))
    circumferences: tuple[CircumferenceSeries, ...] = attrs.field(
        converter=f.to_tuple,
        validator=[
            f.tuple_of(CircumferenceSeries, min_len=1),
            f.unique_by(lambda s: (s.limb, s.side), "limb and side"),
        ],
    )


@attrs.frozen(kw_only=True)
class Objective:
    """O: what the therapist observes and measures.

    ``weight_kg`` is this visit's weight (the BMI is computed from it and the intake height,
    :attr:`soapnotes.Note.bmi`); ``volumes`` are limb volumes a device measured, kept apart
    from the tape series; ``bioimpedance`` the L-Dex readings.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``weight_kg``, ``volumes``, ``bioimpedance`` (schema 2).
    """

    observations: str | None = attrs.field(default=None, validator=f.optional_text)
    circumferences: tuple[CircumferenceSeries, ...] = attrs.field(
        default=(),
        converter=f.to_tuple,
        validator=[
            f.tuple_of(CircumferenceSeries),
            f.unique_by(lambda s: (s.limb, s.side), "limb and side"),
        ],
    )
    stemmer: tuple[StemmerSign, ...] = attrs.field(
        default=(),
        converter=f.to_tuple,
        validator=[
            f.tuple_of(StemmerSign),
            f.unique_by(lambda s: (s.limb, s.side), "limb and side"),
        ],
    )
    pitting: tuple[Pitting, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(Pitting)
    )
    skin: tuple[str, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(str, element=f.text)
    )
    previous: PreviousMeasurements | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(PreviousMeasurements))
    )
    weight_kg: float | None = attrs.field(
        default=None, validator=f.optional(f.number_range(0, 500, low_open=True))
    )
    volumes: tuple[MeasuredVolume, ...] = attrs.field(
        default=(),
        converter=f.to_tuple,
        validator=[
            f.tuple_of(MeasuredVolume),
            f.unique_by(lambda v: (v.limb, v.side, v.method), "limb, side and method"),
        ],
    )
    bioimpedance: tuple[Bioimpedance, ...] = attrs.field(
        default=(),
        converter=f.to_tuple,
        validator=[
            f.tuple_of(Bioimpedance),
            f.unique_by(lambda b: (b.limb, b.side), "limb and side"),
        ],
    )

    def series(self, limb: Limb, side: Side) -> CircumferenceSeries | None:
        """This session's series for one limb and side, if measured."""
        for series in self.circumferences:
            if series.limb is limb and series.side is side:
                return series
        return None


@attrs.frozen(kw_only=True)
class NodeTarget:
    """A node group on a side (side left out for the midline abdominal group)."""

    group: NodeGroup = attrs.field(validator=f.instance_of(NodeGroup))
    side: Side | None = attrs.field(default=None, validator=f.optional(f.instance_of(Side)))

    def __attrs_post_init__(self) -> None:
        midline = self.group.is_midline  # once: every note builds many of these
        if midline and self.side is not None:
            f.raise_problems([("side", "must be left out: this node group is midline")])
        if not midline and self.side is None:
            f.raise_problems([("side", "is required for this node group (left or right)")])

    @property
    def label(self) -> str:
        """'Right axillary nodes', 'Abdominal nodes'."""
        return gettext(self.english_label)

    @property
    def english_label(self) -> str:
        """The English wording, the catalogs' message id (every group and side is listed)."""
        name = f"{self.group.value.replace('_', '-')} nodes"
        return f"{self.side.english_label} {name}" if self.side else name.capitalize()


@attrs.frozen(kw_only=True)
class TreatedRegion:
    """One step of the treatment: a region, its side, the phase, minutes, where it drains.

    Sided regions (limbs, axilla, groin, chest, ...) need ``side``; midline ones may omit it.
    ``drains_to`` is the working node group the lymph is moved toward; left out for
    modalities that do not move lymph.

    .. versionadded:: 0.1.0
    """

    region: BodyRegion = attrs.field(validator=f.instance_of(BodyRegion))
    side: Side | None = attrs.field(default=None, validator=f.optional(f.instance_of(Side)))
    phase: Phase | None = attrs.field(default=None, validator=f.optional(f.instance_of(Phase)))
    minutes: int = attrs.field(validator=f.int_range(1, 480))
    technique: str | None = attrs.field(default=None, validator=f.optional_text)
    drains_to: NodeTarget | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(NodeTarget))
    )
    notes: str | None = attrs.field(default=None, validator=f.optional_text)

    def __attrs_post_init__(self) -> None:
        if self.side is None and not self.region.is_midline:  # the cheap test first
            f.raise_problems([("side", "is required for this region (left or right)")])

    @property
    def label(self) -> str:
        """'Left forearm', 'Neck'."""
        if self.side is None:
            return self.region.label
        return gettext("{side} {region!l}", side=self.side.label, region=self.region.label)


@attrs.frozen(kw_only=True)
class Assessment:
    """A: the therapist's judgement.

    ``outcomes`` are the patient-reported outcome scores completed at this visit; ``goals``
    the structured treatment goals and where they stand (``goals_progress`` stays the free
    text).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``outcomes``, ``goals`` (schema 2).
    """

    summary: str = attrs.field(validator=f.text)
    response: Response | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(Response))
    )
    goals_progress: str | None = attrs.field(default=None, validator=f.optional_text)
    outcomes: tuple[OutcomeScore, ...] = attrs.field(
        default=(),
        converter=f.to_tuple,
        validator=[
            f.tuple_of(OutcomeScore),
            f.unique_by(lambda o: o.instrument, "instrument"),
        ],
    )
    goals: tuple[Goal, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(Goal)
    )


@attrs.frozen(kw_only=True)
class HomeCare:
    """One home-care instruction (self-MLD, compression, exercise, hydration, ...)."""

    kind: HomeCareKind = attrs.field(validator=f.instance_of(HomeCareKind))
    detail: str | None = attrs.field(default=None, validator=f.optional_text)


@attrs.frozen(kw_only=True)
class Referral:
    """A referral to another professional and why."""

    to: str = attrs.field(validator=f.name)
    reason: str = attrs.field(validator=f.text)


@attrs.frozen(kw_only=True)
class Plan:
    """P: what happens next.

    .. versionadded:: 0.1.0
    """

    frequency: str | None = attrs.field(default=None, validator=f.optional_name)
    next_session: dt.date | None = attrs.field(default=None, validator=f.optional(f.calendar_date))
    home_care: tuple[HomeCare, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(HomeCare)
    )
    referrals: tuple[Referral, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(Referral)
    )
    notes: str | None = attrs.field(default=None, validator=f.optional_text)


@attrs.frozen(kw_only=True)
class Session:
    """One session with a client: when, how long, what kind, and the SOAP record of it.

    ``treatment`` is the treatment performed, in the order it was given. ``compression`` is
    the compression the client is on (garments, bandaging); ``red_flags`` the red-flag
    questions asked again at this visit.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``compression``, ``red_flags`` (schema 2).
    """

    id: str = attrs.field(validator=f.identifier)
    client_id: str = attrs.field(validator=f.identifier)
    start: dt.datetime = attrs.field(validator=f.aware_datetime)
    duration_minutes: int = attrs.field(validator=f.int_range(1, 480))
    modality: Modality = attrs.field(validator=f.instance_of(Modality))
    cdt_phase: CdtPhase | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(CdtPhase))
    )
    subjective: Subjective = attrs.field(validator=f.instance_of(Subjective))
    objective: Objective = attrs.field(validator=f.instance_of(Objective))
    treatment: tuple[TreatedRegion, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(TreatedRegion)
    )
    assessment: Assessment = attrs.field(validator=f.instance_of(Assessment))
    plan: Plan = attrs.field(validator=f.instance_of(Plan))
    compression: Compression | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(Compression))
    )
    red_flags: RedFlagCheck | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(RedFlagCheck))
    )

    @property
    def treatment_minutes(self) -> int:
        """Minutes of all treated regions together."""
        return sum(region.minutes for region in self.treatment)
