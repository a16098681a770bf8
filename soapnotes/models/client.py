"""The client: who they are, why they come, their lymph nodes, screening and consent."""

from __future__ import annotations

import datetime as dt

import attrs

from soapnotes.models import _fields as f
from soapnotes.models.compression import ArterialCheck
from soapnotes.models.diagnosis import (
    CeapClass,
    LipedemaType,
    LymphedemaOrigin,
    Physician,
    Prescription,
    icd10_code,
)
from soapnotes.models.intake import Intake
from soapnotes.models.vocabulary import (
    FORBIDDEN_REGION,
    Answer,
    BodyRegion,
    ClinicalRole,
    ConditionKind,
    Contraindication,
    ContraindicationClass,
    EdemaArea,
    Laterality,
    Limb,
    NodeGroup,
    NodeState,
    Sex,
    Side,
)

#: Conditions whose swelling makes a limb "affected" for volume comparisons: such a limb is no
#: reference for excess volume, which needs an unaffected limb to compare with (ISL 2020;
#: Mayrovitz 2007). Rheumatoid arthritis or fibromyalgia on a limb does not count.
SWELLING_CONDITIONS = frozenset(
    {
        ConditionKind.LYMPHEDEMA,
        ConditionKind.LIPEDEMA,
        ConditionKind.CHRONIC_VENOUS_INSUFFICIENCY,
        ConditionKind.POST_SURGICAL_SWELLING,
    }
)

_AREA_LIMB = {EdemaArea.ARM: Limb.ARM, EdemaArea.LEG: Limb.LEG}


@attrs.frozen(kw_only=True)
class Condition:
    """A condition the client comes with.

    Lymphedema needs ``area`` and ``side``; its ``isl_stage`` is the ISL consensus stage
    0 (latent) to 3 (III, lymphostatic elephantiasis) and its ``origin`` primary, secondary or
    phlebolymphedema. ``other`` needs a ``description``. ``icd10`` holds the diagnosis codes;
    lipedema may have a ``lipedema_stage`` (1-3, 4 where used) and ``lipedema_types``
    (I-V), chronic venous insufficiency a CEAP clinical class (``ceap``).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``icd10``, ``origin``, ``lipedema_stage``, ``lipedema_types``,
       ``ceap`` (schema 2).
    """

    kind: ConditionKind = attrs.field(validator=f.instance_of(ConditionKind))
    area: EdemaArea | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(EdemaArea))
    )
    side: Laterality | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(Laterality))
    )
    isl_stage: int | None = attrs.field(default=None, validator=f.optional(f.int_range(0, 3)))
    cause: str | None = attrs.field(default=None, validator=f.optional_text)
    onset: dt.date | None = attrs.field(default=None, validator=f.optional(f.calendar_date))
    description: str | None = attrs.field(default=None, validator=f.optional_text)
    icd10: tuple[str, ...] = attrs.field(
        default=(),
        converter=f.to_tuple,
        validator=[f.tuple_of(str, element=icd10_code), f.unique_by(lambda c: c, "code")],
    )
    origin: LymphedemaOrigin | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(LymphedemaOrigin))
    )
    lipedema_stage: int | None = attrs.field(default=None, validator=f.optional(f.int_range(1, 4)))
    lipedema_types: tuple[LipedemaType, ...] = attrs.field(
        default=(),
        converter=f.to_tuple,
        validator=[f.tuple_of(LipedemaType), f.unique_by(lambda t: t, "type")],
    )
    ceap: CeapClass | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(CeapClass))
    )

    def __attrs_post_init__(self) -> None:
        problems: list[tuple[str, str]] = []
        if self.kind is ConditionKind.LYMPHEDEMA:
            if self.area is None:
                problems.append(("area", "is required for lymphedema (arm, leg, trunk, ...)"))
            if self.side is None:
                problems.append(("side", "is required for lymphedema (left, right, bilateral)"))
        elif self.isl_stage is not None:
            problems.append(("isl_stage", "is an ISL lymphedema stage: only for lymphedema"))
        if self.kind is ConditionKind.OTHER and self.description is None:
            problems.append(("description", "is required when kind is 'other'"))
        if self.origin or self.lipedema_stage or self.lipedema_types or self.ceap:
            problems += self._detail_problems()
        f.raise_problems(problems)

    def _detail_problems(self) -> list[tuple[str, str]]:
        """The schema-2 detail belongs to its own condition."""
        problems: list[tuple[str, str]] = []
        if self.origin is not None and self.kind is not ConditionKind.LYMPHEDEMA:
            problems.append(("origin", "is the origin of a lymphedema: only for lymphedema"))
        lipedema = self.kind is ConditionKind.LIPEDEMA
        if self.lipedema_stage is not None and not lipedema:
            problems.append(("lipedema_stage", "is a lipedema stage: only for lipedema"))
        if self.lipedema_types and not lipedema:
            problems.append(("lipedema_types", "are lipedema types: only for lipedema"))
        if self.ceap is not None and self.kind is not ConditionKind.CHRONIC_VENOUS_INSUFFICIENCY:
            problems.append(("ceap", "is a CEAP class: only for chronic venous insufficiency"))
        return problems

    def covers(self, limb: Limb, side: Side) -> bool:
        """True when this condition sits on ``limb`` and ``side`` (bilateral covers both)."""
        return (
            self.area is not None
            and _AREA_LIMB.get(self.area) is limb
            and self.side in (Laterality.BILATERAL, Laterality(side.value))
        )

    @property
    def isl_stage_label(self) -> str | None:
        """The stage as clinicians write it: 'Stage 0' to 'Stage III'."""
        if self.isl_stage is None:
            return None
        return "Stage " + ("0", "I", "II", "III")[self.isl_stage]


@attrs.frozen(kw_only=True)
class NodeStatus:
    """What has happened to one lymph node group on one side.

    Set by the clinician per group and side; soapnotes never infers it from the kind of
    surgery (many nodes survive a dissection, Szuba 2011). Groups not listed are working.

    .. versionadded:: 0.1.0
    """

    group: NodeGroup = attrs.field(validator=f.instance_of(NodeGroup))
    side: Side | None = attrs.field(default=None, validator=f.optional(f.instance_of(Side)))
    state: NodeState = attrs.field(validator=f.instance_of(NodeState))
    since: dt.date | None = attrs.field(default=None, validator=f.optional(f.calendar_date))
    procedure: str | None = attrs.field(default=None, validator=f.optional_text)

    def __attrs_post_init__(self) -> None:
        midline = self.group.is_midline
        if midline and self.side is not None:
            f.raise_problems([("side", "must be left out: this node group is midline")])
        if not midline and self.side is None:
            f.raise_problems([("side", "is required for this node group (left or right)")])


@attrs.frozen(kw_only=True)
class RegionRef:
    """A body region on one side (side left out for midline regions)."""

    region: BodyRegion = attrs.field(validator=f.instance_of(BodyRegion))
    side: Side | None = attrs.field(default=None, validator=f.optional(f.instance_of(Side)))

    def covers(self, region: BodyRegion, side: Side | None) -> bool:
        """True when a treated (region, side) falls in this area (no side here means both)."""
        return self.region is region and (self.side is None or self.side is side)


@attrs.frozen(kw_only=True)
class Clearance:
    """A documented clearance for a relative contraindication: who cleared, in what role, when.

    ``profession`` is the clearing clinician's profession as a code; when it is left out, the
    free-text ``role`` must name one (:meth:`ClinicalRole.from_text`). ``written`` says the
    clearance is on file in writing (required for an oncologist's approval of palliative MLD).
    Who may clear and for how long a clearance holds are decided by
    :mod:`soapnotes.models.clearance`.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``profession`` and ``written``.
    """

    cleared_by: str = attrs.field(validator=f.name)
    role: str = attrs.field(validator=f.name)
    cleared_on: dt.date = attrs.field(validator=f.calendar_date)
    profession: ClinicalRole | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(ClinicalRole))
    )
    written: bool | None = attrs.field(
        default=None, validator=f.optional(attrs.validators.instance_of(bool))
    )

    @property
    def clinical_role(self) -> ClinicalRole | None:
        """The clearing clinician's profession: ``profession``, else what ``role`` names."""
        return self.profession or ClinicalRole.from_text(self.role)


@attrs.frozen(kw_only=True)
class ScreeningAnswer:
    """One contraindication question, answered.

    ``areas`` says where a local contraindication is (a wound on the left forearm, say);
    ``clearance`` documents who cleared a relative one; ``modification`` the documented
    treatment modification that may stand instead of a clearance for some relative questions
    (:data:`~soapnotes.models.vocabulary.MODIFICATION_SUFFICES`); ``palliative_approval`` an
    oncologist's written approval of palliative MLD despite an active malignancy.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``modification`` and ``palliative_approval``.
    """

    question: Contraindication = attrs.field(validator=f.instance_of(Contraindication))
    answer: Answer = attrs.field(validator=f.instance_of(Answer))
    detail: str | None = attrs.field(default=None, validator=f.optional_text)
    clearance: Clearance | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(Clearance))
    )
    areas: tuple[RegionRef, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(RegionRef)
    )
    modification: str | None = attrs.field(default=None, validator=f.optional_text)
    palliative_approval: Clearance | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(Clearance))
    )

    def __attrs_post_init__(self) -> None:
        problems: list[tuple[str, str]] = []
        local = self.question.contraindication_class is ContraindicationClass.LOCAL
        if self.areas and not local and self.question not in FORBIDDEN_REGION:
            problems.append(("areas", "only apply to local contraindications"))
        if self.palliative_approval is not None and (
            self.question is not Contraindication.ACTIVE_MALIGNANCY
        ):
            problems.append(("palliative_approval", "only applies to active_malignancy"))
        f.raise_problems(problems)


@attrs.frozen(kw_only=True)
class Screening:
    """The contraindication screen: when it was done and every answer, one per question.

    .. versionadded:: 0.1.0
    """

    screened_on: dt.date = attrs.field(validator=f.calendar_date)
    answers: tuple[ScreeningAnswer, ...] = attrs.field(
        converter=f.to_tuple,
        validator=[
            f.tuple_of(ScreeningAnswer),
            f.unique_by(lambda a: a.question, "question"),
        ],
    )

    def age_days(self, on: dt.date) -> int:
        """How many days before ``on`` the screen was done (negative when after it)."""
        return (on - self.screened_on).days

    def out_of_date(self, on: dt.date, max_age_days: int) -> bool:
        """True when the screen is older than ``max_age_days`` on ``on``: the one test the
        rules (SN-TM-009, ``RuleOptions.screen_max_age_days``) and a follow-up draft use.

        .. versionadded:: 0.2.0
        """
        return self.age_days(on) > max_age_days

    def answer_to(self, question: Contraindication) -> ScreeningAnswer | None:
        """The answer given to ``question``, or None when it was not asked."""
        for answer in self.answers:
            if answer.question is question:
                return answer
        return None


@attrs.frozen(kw_only=True)
class Consent:
    """Informed consent on file: who gave it and on which date.

    .. versionadded:: 0.1.0
    """

    given_by: str = attrs.field(validator=f.name)
    given_on: dt.date = attrs.field(validator=f.calendar_date)
    scope: str | None = attrs.field(default=None, validator=f.optional_text)


@attrs.frozen(kw_only=True)
class Client:
    """A client of the practice.

    ``node_status`` lists node groups that are not plainly working (removed, irradiated), one
    entry per group and side; groups not listed are working. ``intake`` holds height,
    handedness, cancer treatment, cellulitis and medications; ``arterial_checks`` the ABPI
    (or clinical vascular assessment) of each leg before compression, one per side and date;
    ``referring_physician`` and ``prescription`` who sent the client and under what.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``intake``, ``arterial_checks``, ``referring_physician``,
       ``prescription`` (schema 2).
    """

    id: str = attrs.field(validator=f.identifier)
    given_name: str = attrs.field(validator=f.name)
    family_name: str = attrs.field(validator=f.name)
    date_of_birth: dt.date = attrs.field(validator=f.calendar_date)
    sex: Sex | None = attrs.field(default=None, validator=f.optional(f.instance_of(Sex)))
    conditions: tuple[Condition, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(Condition)
    )
    node_status: tuple[NodeStatus, ...] = attrs.field(
        default=(),
        converter=f.to_tuple,
        validator=[
            f.tuple_of(NodeStatus),
            f.unique_by(lambda n: (n.group, n.side), "node group and side"),
        ],
    )
    screening: Screening | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(Screening))
    )
    consent: Consent | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(Consent))
    )
    intake: Intake | None = attrs.field(default=None, validator=f.optional(f.instance_of(Intake)))
    arterial_checks: tuple[ArterialCheck, ...] = attrs.field(
        default=(),
        converter=f.to_tuple,
        validator=[
            f.tuple_of(ArterialCheck),
            f.unique_by(lambda a: (a.side, a.checked_on), "side and date"),
        ],
    )
    referring_physician: Physician | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(Physician))
    )
    prescription: Prescription | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(Prescription))
    )

    @property
    def full_name(self) -> str:
        """Given and family name as printed on the note."""
        return f"{self.given_name} {self.family_name}"

    def swollen_sides(self, limb: Limb) -> frozenset[Side]:
        """The sides of ``limb`` with a swelling condition (see ``SWELLING_CONDITIONS``).

        One side: excess volume against the other limb is defined. Both sides: there is no
        reference limb, so report the percent change of each limb's volume instead. The one
        definition the rules, the note and the progress report all use.
        """
        return frozenset(
            side
            for side in Side
            for condition in self.conditions
            if condition.kind in SWELLING_CONDITIONS and condition.covers(limb, side)
        )

    def arterial_check(self, side: Side, on_or_before: dt.date) -> ArterialCheck | None:
        """The latest arterial check of the ``side`` leg dated on or before ``on_or_before``."""
        earlier = [
            c for c in self.arterial_checks if c.side is side and c.checked_on <= on_or_before
        ]
        return max(earlier, key=lambda c: c.checked_on, default=None)

    def node_state(self, group: NodeGroup, side: Side | None) -> NodeState:
        """The state of ``group`` on ``side``: working unless the clinician recorded otherwise."""
        for status in self.node_status:
            if status.group is group and status.side is side:
                return status.state
        return NodeState.WORKING
