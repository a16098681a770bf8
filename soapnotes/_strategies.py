"""Hypothesis strategies for soapnotes records (the code behind :mod:`soapnotes.strategies`).

Every strategy builds records through their constructors, so a record drawn here passed every
attrs validator. ``notes()`` goes further and follows DOMAIN.md's clinical rules, so the note
it draws is one a careful supervisor would sign: screened (the six seed questions answered),
consented, treated in the right order toward working node groups, dated consistently.

Shrinking is kept readable: realistic names and phrases come first in every choice, lists
shrink to empty or to their minimum, and numbers shrink toward small, plausible values.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import hashlib
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from soapnotes.models.anatomy import LIMB_SEGMENTS_PROXIMAL_FIRST
from soapnotes.models.client import (
    Clearance,
    Client,
    Condition,
    Consent,
    NodeStatus,
    RegionRef,
    Screening,
    ScreeningAnswer,
)
from soapnotes.models.measurements import CircumferencePoint, CircumferenceSeries
from soapnotes.models.note import Addendum, Note, Practice, Signature, Therapist
from soapnotes.models.session import (
    AfterEffect,
    Assessment,
    HomeCare,
    NodeTarget,
    Objective,
    Pitting,
    Plan,
    PreviousMeasurements,
    Referral,
    Session,
    StemmerSign,
    Subjective,
    TreatedRegion,
)
from soapnotes.models.vocabulary import (
    CONTRAINDICATION_CLASSES,
    NECK_CONTRAINDICATIONS,
    SEED_QUESTIONS,
    AfterEffectKind,
    Answer,
    BodyRegion,
    CdtPhase,
    ConditionKind,
    Contraindication,
    ContraindicationClass,
    EdemaArea,
    HomeCareKind,
    Landmark,
    Laterality,
    Limb,
    Modality,
    NodeGroup,
    NodeState,
    Phase,
    Response,
    Sex,
    Side,
    StemmerResult,
    _Vocabulary,
)

__all__ = [
    "Fault",
    "FaultKind",
    "InvalidNoteData",
    "addenda",
    "after_effects",
    "assessments",
    "circumference_points",
    "circumference_series",
    "clearances",
    "clients",
    "conditions",
    "consents",
    "home_care",
    "invalid_note_data",
    "node_statuses",
    "node_targets",
    "notes",
    "objectives",
    "pitting",
    "plans",
    "practices",
    "previous_measurements",
    "referrals",
    "region_refs",
    "screening_answers",
    "screenings",
    "sessions",
    "signatures",
    "stemmer_signs",
    "subjectives",
    "therapists",
    "treated_regions",
]

SearchStrategy = st.SearchStrategy
T = typing.TypeVar("T")
P = typing.ParamSpec("P")


def _cached(factory: Callable[P, T]) -> Callable[P, T]:
    """Give back the same strategy for the same options.

    A strategy is checked the first time it is drawn from; notes draw dozens of sub-strategies,
    and building them afresh for every note doubled the time a note takes.
    """
    return functools.lru_cache(maxsize=512)(factory)  # type: ignore[return-value]


#: Sessions are drawn from this window: in the past (the rules refuse future sessions) and
#: recent enough for a plausible client.
_FIRST_SESSION = dt.date(2000, 1, 1)
_LAST_SESSION = dt.date(2024, 12, 31)
_OLDEST_BIRTH = dt.date(1920, 1, 1)
_DAY = dt.timedelta(days=1)

# -- text --------------------------------------------------------------------------------------

_GIVEN_NAMES = (
    "Ann", "Zoë", "José", "Siobhán", "Mei", "Ólafur", "Amira", "Nguyễn Thị", "Kwame", "Łucja",
    "Søren", "Chloé", "Иван", "Aiko", "Björn", "Priya",
)  # fmt: skip
_FAMILY_NAMES = (
    "Lee", "Łukasiewicz", "O'Brien", "Müller", "García-Márquez", "Ólafsdóttir", "Haddad",
    "van der Berg", "Nakamura", "陳", "Smith-Jones", "Dvořák", "Ngata", "Åberg",
)  # fmt: skip
_PHRASES = (
    "Heaviness in the arm",
    "Tightness in both legs, worse in the evening.",
    "Swelling eased after last week's session.",
    "Pain < 3 at rest, > 5 after work",
    "Skin intact; no redness or warmth.",
    "Client reports better sleep & less fatigue.",
    "Mild fibrosis, dorsal forearm",
    "Wore the compression sleeve daily (class 2).",
    "Tingling in the fingers at night",
    "Feels 50% lighter after self-MLD",
    "No cellulitis since 2023.",
    "Rerouted toward the working axilla",
    "<b>not bold</b> & [not a link](x)",
)
# Readable default text: letters with accents, digits, punctuation a note may hold, and the
# characters that mean something to reportlab markup (<, >, &) since clinicians type them.
_READABLE = st.characters(
    codec="utf-8",
    categories=("Lu", "Ll", "Nd", "Zs", "Po", "Pd", "Ps", "Pe", "Sm"),
    max_codepoint=0x17F,
) | st.sampled_from("<>&;\n")
_ANY_CHARACTER = st.characters(exclude_categories=["Cs"])
_CREDENTIALS = ("RMT", "CLT", "CLT-LANA", "LMT", "MLD/CDT", "PT")
_ROLES = ("Oncologist", "Family physician", "Cardiologist", "Nephrologist", "Obstetrician")
_FREQUENCIES = ("Twice a week for 4 weeks", "Daily for 2 weeks, then reassess", "Monthly")


class _TextOptions(typing.TypedDict):
    any_unicode: bool
    long_text: bool


def _non_blank(text: str) -> bool:
    return bool(text.strip())


@_cached
def _text(
    *, any_unicode: bool, long_text: bool, phrases: Sequence[str] = _PHRASES, max_size: int = 80
) -> SearchStrategy[str]:
    """Non-blank free text: a realistic phrase first (it shrinks to one), else drawn text."""
    alphabet = _ANY_CHARACTER if any_unicode else _READABLE
    drawn = st.text(alphabet, min_size=1, max_size=max_size)
    options: list[SearchStrategy[str]] = [st.sampled_from(phrases), drawn]
    if long_text:
        options.append(st.text(alphabet, min_size=500, max_size=5000))
    return st.one_of(options).filter(_non_blank)


@_cached
def _names(pool: Sequence[str], *, any_unicode: bool, long_text: bool) -> SearchStrategy[str]:
    if any_unicode or long_text:
        return _text(any_unicode=any_unicode, long_text=long_text, phrases=pool, max_size=40)
    return st.sampled_from(pool)


@st.composite
def _drawn(draw: st.DrawFn, build: Callable[[st.DrawFn], T]) -> T:
    """A strategy that runs ``build(draw)``.

    Factories define their ``build`` per call (it closes over the options); decorating it with
    ``st.composite`` each time would read its source on every draw, which is slow.
    """
    return build(draw)


def _maybe(strategy: SearchStrategy[Any]) -> SearchStrategy[Any]:
    """None or a value; None first so optional fields shrink away."""
    return st.none() | strategy


@_cached
def _identifiers() -> SearchStrategy[str]:
    return st.from_regex(r"[A-Z]{1,3}-[0-9]{1,6}", fullmatch=True)


@_cached
def _sha256() -> SearchStrategy[str]:
    return st.binary(max_size=16).map(lambda b: hashlib.sha256(b).hexdigest())


@_cached
def _dates_between(low: dt.date, high: dt.date) -> SearchStrategy[dt.date]:
    return st.dates(min_value=min(low, high), max_value=high)


# -- practice, therapist -----------------------------------------------------------------------


@_cached
def practices(*, any_unicode: bool = False, long_text: bool = False) -> SearchStrategy[Practice]:
    """A practice with a name and, optionally, an address, phone and email.

    .. versionadded:: 0.1.0
    """
    text = _text(any_unicode=any_unicode, long_text=long_text)
    return st.builds(
        Practice,
        name=_names(
            ("Harbourside Lymphatic Therapy", "Clinique Lymphé", "Ōkubo Massage"),
            any_unicode=any_unicode,
            long_text=long_text,
        ),
        address=_maybe(st.sampled_from(("12 Quay Street\nHalifax, NS B3J 1A1",)) | text),
        phone=_maybe(
            st.from_regex(r"\+[1-9][0-9]{0,2} [0-9]{3} [0-9]{3} [0-9]{4}", fullmatch=True)
        ),
        email=_maybe(st.emails()),
    )


@_cached
def therapists(*, any_unicode: bool = False, long_text: bool = False) -> SearchStrategy[Therapist]:
    """A therapist with a name, up to three credentials and an optional licence number.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        Therapist,
        name=_names(
            ("Maren Albrecht", "Sam Okafor", "Inès Dubois"),
            any_unicode=any_unicode,
            long_text=long_text,
        ),
        credentials=st.lists(st.sampled_from(_CREDENTIALS), max_size=3, unique=True).map(tuple),
        licence_number=_maybe(st.from_regex(r"[A-Z]{2}-RMT-[0-9]{3,6}", fullmatch=True)),
    )


# -- client ------------------------------------------------------------------------------------


@_cached
def node_targets() -> SearchStrategy[NodeTarget]:
    """Any node group on a side (no side for the midline abdominal group).

    .. versionadded:: 0.1.0
    """
    return st.sampled_from(NodeGroup).flatmap(
        lambda g: (
            st.just(NodeTarget(group=g))
            if g.is_midline
            else st.sampled_from(Side).map(lambda s: NodeTarget(group=g, side=s))
        )
    )


def node_statuses(*, groups: Sequence[NodeGroup] | None = None) -> SearchStrategy[NodeStatus]:
    """A node group (one of ``groups``, default any) on a side, removed or irradiated.

    .. versionadded:: 0.1.0
    """
    return _node_statuses(tuple(groups) if groups is not None else tuple(NodeGroup))


@_cached
def _node_statuses(choices: tuple[NodeGroup, ...]) -> SearchStrategy[NodeStatus]:

    def build(draw: st.DrawFn) -> NodeStatus:
        group = draw(st.sampled_from(choices))
        side = None if group.is_midline else draw(st.sampled_from(Side))
        return NodeStatus(
            group=group,
            side=side,
            state=draw(st.sampled_from((NodeState.REMOVED, NodeState.IRRADIATED))),
            since=draw(_maybe(_dates_between(_FIRST_SESSION, _LAST_SESSION))),
            procedure=draw(
                _maybe(st.sampled_from(("Axillary lymph node dissection", "Radiotherapy")))
            ),
        )

    return _drawn(build)


_LIMB_AREAS = {Limb.ARM: EdemaArea.ARM, Limb.LEG: EdemaArea.LEG}
_AREA_LIMBS = {area: limb for limb, area in _LIMB_AREAS.items()}
_SWELLING = (
    ConditionKind.LYMPHEDEMA,
    ConditionKind.LIPEDEMA,
    ConditionKind.CHRONIC_VENOUS_INSUFFICIENCY,
    ConditionKind.POST_SURGICAL_SWELLING,
)
_OTHER_KINDS = (
    ConditionKind.FIBROMYALGIA,
    ConditionKind.RHEUMATOID_ARTHRITIS,
    ConditionKind.DIGESTIVE,
    ConditionKind.RELAXATION,
    ConditionKind.OTHER,
)


@st.composite
def _condition(
    draw: st.DrawFn,
    kind: ConditionKind,
    *,
    area: EdemaArea | None = None,
    side: Laterality | None = None,
    before: dt.date = _LAST_SESSION,
    after: dt.date = _OLDEST_BIRTH,
    any_unicode: bool = False,
    long_text: bool = False,
) -> Condition:
    text = _text(any_unicode=any_unicode, long_text=long_text)
    if kind is ConditionKind.LYMPHEDEMA:
        area = area or draw(st.sampled_from(EdemaArea))
        side = side or draw(st.sampled_from(Laterality))
    return Condition(
        kind=kind,
        area=area,
        side=side,
        isl_stage=draw(st.integers(0, 3)) if kind is ConditionKind.LYMPHEDEMA else None,
        cause=draw(_maybe(text)),
        onset=draw(_maybe(_dates_between(after, before))),
        description=draw(text if kind is ConditionKind.OTHER else _maybe(text)),
    )


@_cached
def conditions(*, any_unicode: bool = False, long_text: bool = False) -> SearchStrategy[Condition]:
    """Any valid condition: lymphedema always has area, side and ISL stage; 'other' a text.

    .. versionadded:: 0.1.0
    """
    return st.sampled_from(ConditionKind).flatmap(
        lambda kind: _condition(kind, any_unicode=any_unicode, long_text=long_text)
    )


_LOCAL_AREAS = (
    BodyRegion.FOREARM,
    BodyRegion.HAND,
    BodyRegion.UPPER_ARM,
    BodyRegion.LOWER_LEG,
    BodyRegion.FOOT,
    BodyRegion.THIGH,
    BodyRegion.KNEE,
    BodyRegion.CHEST,
    BodyRegion.UPPER_BACK,
    BodyRegion.LOWER_BACK,
    BodyRegion.ABDOMEN,
    BodyRegion.FACE,
)


@_cached
def region_refs() -> SearchStrategy[RegionRef]:
    """A limb segment or trunk region on a side (no side for midline regions).

    These are where a wound or skin infection is recorded; node areas (supraclavicular, neck,
    axilla, groin) are left out so a drawn local contraindication never blocks drainage.

    .. versionadded:: 0.1.0
    """
    return st.sampled_from(_LOCAL_AREAS).flatmap(
        lambda r: (
            st.just(RegionRef(region=r))
            if r.is_midline
            else st.sampled_from(Side).map(lambda s: RegionRef(region=r, side=s))
        )
    )


@_cached
def clearances(
    *, on_or_before: dt.date = _LAST_SESSION, any_unicode: bool = False, long_text: bool = False
) -> SearchStrategy[Clearance]:
    """A clearance for a relative contraindication, dated no later than ``on_or_before``.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        Clearance,
        cleared_by=_names(
            ("Dr. Amira Haddad", "Dr. Jonas Berg"), any_unicode=any_unicode, long_text=long_text
        ),
        role=st.sampled_from(_ROLES),
        cleared_on=_dates_between(on_or_before - dt.timedelta(days=365), on_or_before),
    )


@_cached
def screening_answers(
    question: Contraindication | None = None,
    *,
    on_or_before: dt.date = _LAST_SESSION,
    cleared_relative: bool = False,
    any_unicode: bool = False,
    long_text: bool = False,
) -> SearchStrategy[ScreeningAnswer]:
    """An answer that allows MLD: absolute and relative questions answered no, local ones no
    or yes with the affected areas.

    Args:
        question: the question to answer; any when None.
        on_or_before: the latest date a clearance may carry (the session date).
        cleared_relative: answer a relative question yes, with a clearance dated no later
            than ``on_or_before``.

    .. versionadded:: 0.1.0
    """
    questions = st.just(question) if question is not None else st.sampled_from(Contraindication)
    text = _text(any_unicode=any_unicode, long_text=long_text)

    def build(draw: st.DrawFn) -> ScreeningAnswer:
        asked = draw(questions)
        kind = asked.contraindication_class
        detail = draw(_maybe(text))
        if kind is ContraindicationClass.RELATIVE and cleared_relative:
            clearance = draw(clearances(on_or_before=on_or_before, any_unicode=any_unicode))
            return ScreeningAnswer(
                question=asked, answer=Answer.YES, detail=detail, clearance=clearance
            )
        if kind is ContraindicationClass.LOCAL and draw(st.booleans()):
            areas = draw(st.lists(region_refs(), min_size=1, max_size=2, unique=True))
            return ScreeningAnswer(question=asked, answer=Answer.YES, detail=detail, areas=areas)
        return ScreeningAnswer(question=asked, answer=Answer.NO, detail=detail)

    return _drawn(build)


_NON_SEED = tuple(q for q in Contraindication if not q.is_seed)
_RELATIVE = tuple(
    q for q, c in CONTRAINDICATION_CLASSES.items() if c is ContraindicationClass.RELATIVE
)


@_cached
def screenings(
    *,
    on_or_before: dt.date = _LAST_SESSION,
    not_before: dt.date = _OLDEST_BIRTH,
    cleared_relative: bool = False,
    any_unicode: bool = False,
    long_text: bool = False,
) -> SearchStrategy[Screening]:
    """A complete screen that allows MLD: the six seed questions first, then a few more.

    Every answer is one :func:`screening_answers` gives, so no absolute contraindication is
    answered yes and no relative one is yes without a clearance.

    Args:
        on_or_before: the session date; the screen and any clearance are not after it.
        not_before: the earliest screening date (the client's birth date).
        cleared_relative: at least one relative contraindication is answered yes, with a
            documented clearance.

    .. versionadded:: 0.1.0
    """
    texts: _TextOptions = {"any_unicode": any_unicode, "long_text": long_text}

    def build(draw: st.DrawFn) -> Screening:
        screened_on = draw(
            _dates_between(max(not_before, on_or_before - dt.timedelta(days=365)), on_or_before)
        )
        extra = draw(st.lists(st.sampled_from(_NON_SEED), max_size=4, unique=True))
        cleared: set[Contraindication] = set()
        if cleared_relative:
            cleared = set(draw(st.lists(st.sampled_from(_RELATIVE), min_size=1, max_size=2)))
            extra += [q for q in cleared if not q.is_seed and q not in extra]
        answers = [
            draw(
                screening_answers(
                    question,
                    on_or_before=on_or_before,
                    cleared_relative=question in cleared,
                    **texts,
                )
            )
            for question in (*SEED_QUESTIONS, *extra)
        ]
        return Screening(screened_on=screened_on, answers=answers)

    return _drawn(build)


@_cached
def consents(
    *,
    on_or_before: dt.date = _LAST_SESSION,
    not_before: dt.date = _OLDEST_BIRTH,
    given_by: str | None = None,
    any_unicode: bool = False,
    long_text: bool = False,
) -> SearchStrategy[Consent]:
    """Informed consent given between ``not_before`` and ``on_or_before`` (the session date).

    .. versionadded:: 0.1.0
    """
    who = (
        st.just(given_by)
        if given_by
        else _names(_GIVEN_NAMES, any_unicode=any_unicode, long_text=long_text)
    )
    return st.builds(
        Consent,
        given_by=who,
        given_on=_dates_between(
            max(not_before, on_or_before - dt.timedelta(days=730)), on_or_before
        ),
        scope=_maybe(st.sampled_from(("Manual lymphatic drainage and measurements",))),
    )


def _removed_limb(status: NodeStatus) -> Limb | None:
    return {NodeGroup.AXILLARY: Limb.ARM, NodeGroup.INGUINAL: Limb.LEG}.get(status.group)


@_cached
def clients(
    *,
    session_date: dt.date | None = None,
    removed_nodes: bool = False,
    cleared_relative: bool = False,
    bilateral_edema: bool = False,
    any_unicode: bool = False,
    long_text: bool = False,
) -> SearchStrategy[Client]:
    """A screened, consented client, born on or before ``session_date``.

    Args:
        session_date: the date of the session the client is seen for (screen, consent and
            clearances are not after it); a date in 2000-2024 when None.
        removed_nodes: at least one axillary or inguinal node group is removed or irradiated
            (and the limb it drained has lymphedema); otherwise every group works.
        cleared_relative: see :func:`screenings`.
        bilateral_edema: at least one limb has swelling on both sides (one condition with
            ``side='bilateral'``); otherwise limb swelling is one-sided.
        any_unicode: names and free text from the whole of Unicode (no surrogates).
        long_text: free text may be thousands of characters long.

    .. versionadded:: 0.1.0
    """
    texts: _TextOptions = {"any_unicode": any_unicode, "long_text": long_text}

    def build(draw: st.DrawFn) -> Client:
        on = session_date or draw(st.dates(_FIRST_SESSION, _LAST_SESSION))
        born = draw(_dates_between(max(_OLDEST_BIRTH, on - dt.timedelta(days=365 * 100)), on))
        node_status: list[NodeStatus] = []
        if removed_nodes:
            node_status = draw(
                st.lists(
                    node_statuses(groups=(NodeGroup.AXILLARY, NodeGroup.INGUINAL)),
                    min_size=1,
                    max_size=2,
                    unique_by=lambda n: (n.group, n.side),
                )
            )
            node_status = [
                attrs.evolve(n, since=None if n.since is None else min(max(n.since, born), on))
                for n in node_status
            ]
        sides: dict[Limb, Laterality] = {}
        for status in node_status:
            limb = _removed_limb(status)
            if limb is not None and status.side is not None:
                sides.setdefault(limb, Laterality(status.side.value))
        if bilateral_edema:
            sides[draw(st.sampled_from(Limb))] = Laterality.BILATERAL
        for limb in Limb:
            if limb not in sides:
                side = draw(_maybe(st.sampled_from((Laterality.LEFT, Laterality.RIGHT))))
                if side is not None:
                    sides[limb] = side
        limb_conditions = []
        for limb, side in sides.items():
            kind = draw(st.sampled_from(_SWELLING))
            if limb in {_removed_limb(n) for n in node_status}:
                kind = ConditionKind.LYMPHEDEMA
            limb_conditions.append(
                draw(
                    _condition(
                        kind, area=_LIMB_AREAS[limb], side=side, before=on, after=born, **texts
                    )
                )
            )
        others = draw(
            st.lists(
                st.sampled_from(_OTHER_KINDS).flatmap(
                    lambda k: _condition(k, before=on, after=born, **texts)
                ),
                max_size=2,
            )
        )
        given = draw(_names(_GIVEN_NAMES, **texts))
        family = draw(_names(_FAMILY_NAMES, **texts))
        return Client(
            id=draw(_identifiers()),
            given_name=given,
            family_name=family,
            date_of_birth=born,
            sex=draw(_maybe(st.sampled_from(Sex))),
            conditions=[*limb_conditions, *others],
            node_status=node_status,
            screening=draw(
                screenings(
                    on_or_before=on, not_before=born, cleared_relative=cleared_relative, **texts
                )
            ),
            consent=draw(
                consents(on_or_before=on, not_before=born, given_by=f"{given} {family}", **texts)
            ),
        )

    return _drawn(build)


# -- measurements ------------------------------------------------------------------------------

_LANDMARKS = {
    Limb.ARM: (Landmark.WRIST, Landmark.FINGERTIP),
    Limb.LEG: (Landmark.ANKLE, Landmark.HEEL),
}
#: Plausible circumferences in tenths of a cm (distal start, upper bound) per limb.
_CIRCUMFERENCE_TENTHS = {Limb.ARM: ((140, 220), 850), Limb.LEG: ((190, 280), 1400)}


@_cached
def circumference_points() -> SearchStrategy[CircumferencePoint]:
    """One tape measurement: a distance of 0-200 cm and a circumference of 0.1-300 cm.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        CircumferencePoint,
        distance_cm=st.integers(0, 2000).map(lambda t: t / 10),
        circumference_cm=st.integers(1, 3000).map(lambda t: t / 10),
    )


@st.composite
def _profile(draw: st.DrawFn, limb: Limb, count: int) -> list[int]:
    """Circumferences in tenths of a cm along a limb: growing toward the trunk, with noise."""
    (low, high), top = _CIRCUMFERENCE_TENTHS[limb]
    value = draw(st.integers(low, high))
    out = [value]
    for _ in range(count - 1):
        value = min(top, max(low, value + draw(st.integers(-5, 30))))
        out.append(value)
    return out


def _series(
    limb: Limb,
    side: Side,
    landmark: Landmark,
    interval: float,
    profile: Sequence[int],
    factor: int,
) -> CircumferenceSeries:
    """A series from a profile scaled by ``factor`` percent (an edematous limb is larger)."""
    top = _CIRCUMFERENCE_TENTHS[limb][1]
    return CircumferenceSeries(
        limb=limb,
        side=side,
        landmark=landmark,
        interval_cm=float(interval),
        points=[
            CircumferencePoint(
                distance_cm=float(index * interval),
                circumference_cm=min(top, round(tenths * factor / 100)) / 10,
            )
            for index, tenths in enumerate(profile)
        ],
    )


@_cached
def circumference_series(
    *,
    limb: Limb | None = None,
    side: Side | None = None,
    min_points: int = 2,
    max_points: int = 12,
) -> SearchStrategy[CircumferenceSeries]:
    """A plausible series: landmark of the limb, points every interval from 0 cm, in 0.1 cm.

    Args:
        limb, side: fixed when given, drawn otherwise.
        min_points, max_points: how many tape measurements (at least 2).

    .. versionadded:: 0.1.0
    """
    if not 2 <= min_points <= max_points:
        raise ValueError("need 2 <= min_points <= max_points")

    def build(draw: st.DrawFn) -> CircumferenceSeries:
        chosen = limb or draw(st.sampled_from(Limb))
        interval = draw(st.sampled_from((4, 10, 5, 2.5)))
        most = min(max_points, int(200 // interval) + 1)
        count = draw(st.integers(min(min_points, most), most))
        return _series(
            chosen,
            side or draw(st.sampled_from(Side)),
            draw(st.sampled_from(_LANDMARKS[chosen])),
            interval,
            draw(_profile(chosen, count)),
            100,
        )

    return _drawn(build)


@_cached
def stemmer_signs(
    *, limb: Limb | None = None, side: Side | None = None
) -> SearchStrategy[StemmerSign]:
    """A Stemmer sign: negative (grade 0 or none) or positive with grade 1-3.

    .. versionadded:: 0.1.0
    """

    def build(draw: st.DrawFn) -> StemmerSign:
        result = draw(st.sampled_from(StemmerResult))
        grades = st.integers(1, 3) if result is StemmerResult.POSITIVE else st.just(0)
        return StemmerSign(
            limb=limb or draw(st.sampled_from(Limb)),
            side=side or draw(st.sampled_from(Side)),
            result=result,
            grade=draw(_maybe(grades)),
        )

    return _drawn(build)


_PIT_DEPTH_MM = (0, 2, 4, 6, 8)


@_cached
def pitting(
    *, limb: Limb | None = None, side: Side | None = None, max_grade: int = 4
) -> SearchStrategy[Pitting]:
    """Pitting edema with a grade up to ``max_grade`` and the depth usually measured with it.

    .. versionadded:: 0.1.0
    """

    def build(draw: st.DrawFn) -> Pitting:
        grade = draw(st.integers(0, max_grade))
        return Pitting(
            limb=limb or draw(st.sampled_from(Limb)),
            side=side or draw(st.sampled_from(Side)),
            grade=grade,
            depth_mm=draw(_maybe(st.just(float(_PIT_DEPTH_MM[grade])))),
            rebound_s=draw(_maybe(st.integers(0, 120).map(float))),
            location=draw(_maybe(st.sampled_from(("Dorsal forearm", "Medial ankle")))),
        )

    return _drawn(build)


def previous_measurements(
    current: Sequence[CircumferenceSeries] = (),
    *,
    before: dt.date = _LAST_SESSION,
    not_before: dt.date = _OLDEST_BIRTH,
) -> SearchStrategy[PreviousMeasurements]:
    """Earlier series at the same landmark and points as ``current`` (a few percent apart).

    With no ``current`` series, one plausible series is drawn.

    .. versionadded:: 0.1.0
    """

    def build(draw: st.DrawFn) -> PreviousMeasurements:
        if current:
            chosen = draw(st.lists(st.sampled_from(current), min_size=1, unique=True))
            earlier = []
            for series in chosen:
                factor = draw(st.integers(95, 110))
                earlier.append(
                    attrs.evolve(
                        series,
                        points=[
                            attrs.evolve(
                                p,
                                circumference_cm=max(
                                    0.1, round(p.circumference_cm * factor) / 100
                                ),
                            )
                            for p in series.points
                        ],
                    )
                )
        else:
            earlier = [draw(circumference_series())]
        last = max(not_before, before - _DAY)
        return PreviousMeasurements(
            measured_on=draw(_dates_between(max(not_before, last - dt.timedelta(days=120)), last)),
            session_id=draw(_maybe(_identifiers())),
            circumferences=earlier,
        )

    return _drawn(build)


# -- session -----------------------------------------------------------------------------------


@_cached
def after_effects(*, max_hours: float = 48) -> SearchStrategy[AfterEffect]:
    """How the client felt after the previous session, lasting at most ``max_hours``.

    .. versionadded:: 0.1.0
    """

    def build(draw: st.DrawFn) -> AfterEffect:
        kind = draw(st.sampled_from(AfterEffectKind))
        described = st.sampled_from(("Mild thirst", "Needed to urinate more often"))
        return AfterEffect(
            kind=kind,
            duration_hours=draw(_maybe(st.integers(0, int(max_hours)).map(float))),
            description=draw(described if kind is AfterEffectKind.OTHER else _maybe(described)),
        )

    return _drawn(build)


@_cached
def subjectives(
    *, any_unicode: bool = False, long_text: bool = False
) -> SearchStrategy[Subjective]:
    """S: a chief complaint, pain 0-10, symptoms, after-effects that eased within 48 hours.

    .. versionadded:: 0.1.0
    """
    text = _text(any_unicode=any_unicode, long_text=long_text)
    return st.builds(
        Subjective,
        chief_complaint=text,
        pain=_maybe(st.integers(0, 10)),
        symptoms=st.lists(text, max_size=3).map(tuple),
        after_effects=st.lists(after_effects(), max_size=2).map(tuple),
        notes=_maybe(text),
    )


@_cached
def assessments(
    *, any_unicode: bool = False, long_text: bool = False
) -> SearchStrategy[Assessment]:
    """A: a summary, the response to treatment and progress against goals.

    .. versionadded:: 0.1.0
    """
    text = _text(any_unicode=any_unicode, long_text=long_text)
    return st.builds(
        Assessment,
        summary=text,
        response=_maybe(st.sampled_from(Response)),
        goals_progress=_maybe(text),
    )


@_cached
def home_care(*, any_unicode: bool = False, long_text: bool = False) -> SearchStrategy[HomeCare]:
    """One home-care instruction.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        HomeCare,
        kind=st.sampled_from(HomeCareKind),
        detail=_maybe(_text(any_unicode=any_unicode, long_text=long_text)),
    )


@_cached
def referrals(*, any_unicode: bool = False, long_text: bool = False) -> SearchStrategy[Referral]:
    """A referral to another professional and why.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        Referral,
        to=st.sampled_from(("Family physician", "Lymphedema clinic", "Vascular surgeon")),
        reason=_text(any_unicode=any_unicode, long_text=long_text),
    )


@_cached
def plans(
    *, session_date: dt.date | None = None, any_unicode: bool = False, long_text: bool = False
) -> SearchStrategy[Plan]:
    """P: frequency, the next session (after ``session_date``), home care and referrals.

    .. versionadded:: 0.1.0
    """
    texts: _TextOptions = {"any_unicode": any_unicode, "long_text": long_text}
    after = session_date or _LAST_SESSION
    return st.builds(
        Plan,
        frequency=_maybe(st.sampled_from(_FREQUENCIES)),
        next_session=_maybe(st.dates(after, after + dt.timedelta(days=90))),
        home_care=st.lists(home_care(**texts), max_size=4).map(tuple),
        referrals=st.lists(referrals(**texts), max_size=2).map(tuple),
        notes=_maybe(_text(**texts)),
    )


#: The group a limb drains to naturally, and DOMAIN.md's reroutes when it is lost.
def _targets(limb: Limb, side: Side) -> tuple[NodeTarget, ...]:
    other = Side.RIGHT if side is Side.LEFT else Side.LEFT
    if limb is Limb.ARM:
        return (
            NodeTarget(group=NodeGroup.AXILLARY, side=side),
            NodeTarget(group=NodeGroup.AXILLARY, side=other),
            NodeTarget(group=NodeGroup.INGUINAL, side=side),
            NodeTarget(group=NodeGroup.SUPRACLAVICULAR, side=side),
        )
    return (
        NodeTarget(group=NodeGroup.INGUINAL, side=side),
        NodeTarget(group=NodeGroup.AXILLARY, side=side),
        NodeTarget(group=NodeGroup.INGUINAL, side=other),
    )


#: The region cleared to open a node group before a limb drains into it.
_OPENING = {
    NodeGroup.AXILLARY: BodyRegion.AXILLA,
    NodeGroup.INGUINAL: BodyRegion.GROIN,
    NodeGroup.SUPRACLAVICULAR: BodyRegion.SUPRACLAVICULAR,
}


def _working(client: Client, target: NodeTarget) -> bool:
    return client.node_state(target.group, target.side) is NodeState.WORKING


def _forbidden(client: Client) -> list[RegionRef]:
    """Regions a yes in the screen rules out (local areas, the neck for thyroid/carotid)."""
    out: list[RegionRef] = []
    if client.screening is None:
        return out
    for answer in client.screening.answers:
        if answer.answer is Answer.YES:
            out.extend(answer.areas)
            if answer.question in NECK_CONTRAINDICATIONS:
                out.append(RegionRef(region=BodyRegion.NECK))
    return out


def _allowed(forbidden: Sequence[RegionRef], region: BodyRegion, side: Side | None) -> bool:
    return not any(ref.covers(region, side) for ref in forbidden)


def _swollen(client: Client) -> list[tuple[Limb, Side]]:
    """(limb, side) pairs that a swelling condition covers, in a stable order."""
    out: list[tuple[Limb, Side]] = []
    for condition in client.conditions:
        if condition.kind not in _SWELLING or condition.side is None:
            continue
        limb = _AREA_LIMBS.get(condition.area) if condition.area is not None else None
        if limb is None:
            continue
        for side in Side:
            covered = condition.side in (Laterality.BILATERAL, Laterality(side.value))
            if covered and (limb, side) not in out:
                out.append((limb, side))
    return out


@st.composite
def _mld_treatment(
    draw: st.DrawFn, client: Client, *, many_regions: bool, text: SearchStrategy[str]
) -> list[TreatedRegion]:
    """An MLD treatment in DOMAIN.md's order (see module docstring)."""
    forbidden = _forbidden(client)
    minutes = st.integers(1, 6 if many_regions else 10)
    technique = _maybe(
        st.sampled_from(("Stationary circles", "Pump technique", "Scoop technique"))
    )

    def region(
        where: BodyRegion, side: Side | None, phase: Phase, target: NodeTarget
    ) -> TreatedRegion:
        return TreatedRegion(
            region=where,
            side=side,
            phase=phase,
            minutes=draw(minutes),
            technique=draw(technique),
            drains_to=target,
            notes=draw(_maybe(text)),
        )

    swollen = _swollen(client)
    every_limb = [(limb, side) for limb in Limb for side in Side]
    candidates = swollen + [pair for pair in every_limb if pair not in swollen]
    if many_regions:
        limbs = draw(st.lists(st.sampled_from(candidates), min_size=2, max_size=4, unique=True))
    else:
        limbs = draw(st.lists(st.sampled_from(candidates), max_size=2, unique=True))
    plans: list[tuple[Limb, Side, NodeTarget, list[BodyRegion]]] = []
    for limb, side in limbs:
        working = [t for t in _targets(limb, side) if _working(client, t)]
        segments = [s for s in LIMB_SEGMENTS_PROXIMAL_FIRST[limb] if _allowed(forbidden, s, side)]
        if not working or not segments:
            continue
        target = (
            working[0]
            if _working(client, _targets(limb, side)[0])
            else draw(st.sampled_from(working))
        )
        if many_regions:
            chosen = segments
        else:
            chosen = draw(st.lists(st.sampled_from(segments), min_size=1, unique=True))
            chosen = [s for s in segments if s in chosen]  # proximal first
        plans.append((limb, side, target, chosen))

    treatment: list[TreatedRegion] = []
    # 1. The terminus (and the neck when it may be treated) opens first.
    terminus_sides = {t.side for *_, t, _ in plans if t.group is NodeGroup.SUPRACLAVICULAR}
    terminus_sides |= set(draw(st.lists(st.sampled_from(Side), min_size=1, unique=True)))
    for side in (Side.RIGHT, Side.LEFT):
        if side in terminus_sides:
            target = NodeTarget(group=NodeGroup.SUPRACLAVICULAR, side=side)
            treatment.append(region(BodyRegion.SUPRACLAVICULAR, side, Phase.CLEARING, target))
    if _allowed(forbidden, BodyRegion.NECK, None) and draw(st.booleans()):
        side = draw(st.sampled_from([s for s in (Side.RIGHT, Side.LEFT) if s in terminus_sides]))
        target = NodeTarget(group=NodeGroup.SUPRACLAVICULAR, side=side)
        treatment.append(region(BodyRegion.NECK, None, Phase.CLEARING, target))
    # 2. Then each target node group the limbs drain to.
    opened: set[NodeTarget] = set()
    for *_, target, _ in plans:
        if target in opened or target.group is NodeGroup.SUPRACLAVICULAR:
            continue
        opened.add(target)
        treatment.append(region(_OPENING[target.group], target.side, Phase.CLEARING, target))
    # 3. An abdominal pass sometimes (deep abdominal nodes), where the abdomen may be treated.
    if _allowed(forbidden, BodyRegion.ABDOMEN, None) and draw(st.booleans()):
        abdominal = NodeTarget(group=NodeGroup.ABDOMINAL)
        treatment.append(region(BodyRegion.ABDOMEN, None, Phase.CLEARING, abdominal))
    # 4. Each limb: a clearing pass trunk-outward, then maybe a reabsorption pass.
    for limb, side, target, chosen in plans:
        if (
            limb is Limb.ARM
            and target.side is not side
            and _allowed(forbidden, BodyRegion.CHEST, side)
        ):
            # Axillo-axillary anastomosis across the chest toward the other axilla.
            treatment.append(region(BodyRegion.CHEST, side, Phase.CLEARING, target))
        for segment in chosen:
            treatment.append(region(segment, side, Phase.CLEARING, target))
        if many_regions or draw(st.booleans()):
            again = (
                chosen
                if many_regions
                else [
                    s for s in chosen if s in draw(st.lists(st.sampled_from(chosen), min_size=1))
                ]
            )
            for segment in again:
                treatment.append(region(segment, side, Phase.REABSORPTION, target))
    return treatment


_BODY_WORK = (
    BodyRegion.UPPER_BACK,
    BodyRegion.LOWER_BACK,
    BodyRegion.SHOULDER,
    BodyRegion.NECK,
    BodyRegion.THIGH,
    BodyRegion.LOWER_LEG,
    BodyRegion.FOOT,
    BodyRegion.HAND,
    BodyRegion.FACE,
    BodyRegion.GLUTEAL,
)


@st.composite
def _other_treatment(
    draw: st.DrawFn, client: Client, *, many_regions: bool, text: SearchStrategy[str]
) -> list[TreatedRegion]:
    """A massage that does not move lymph: regions without phase or target."""
    forbidden = _forbidden(client)
    spots = draw(
        st.lists(
            st.tuples(st.sampled_from(_BODY_WORK), _maybe(st.sampled_from(Side))),
            min_size=10 if many_regions else 0,
            max_size=30 if many_regions else 4,
        )
    )
    out = []
    for where, side in spots:
        if not where.is_midline and side is None:
            side = Side.LEFT
        if _allowed(forbidden, where, side):
            out.append(
                TreatedRegion(
                    region=where,
                    side=side,
                    minutes=draw(st.integers(1, 10)),
                    technique=draw(_maybe(st.sampled_from(("Effleurage", "Petrissage")))),
                    notes=draw(_maybe(text)),
                )
            )
    return out


@_cached
def treated_regions(*, phase: Phase | None = None) -> SearchStrategy[TreatedRegion]:
    """One treated region on its own, draining to the node group it drains to naturally.

    A single region cannot be checked for order: use :func:`sessions` or :func:`notes` for a
    whole treatment.

    .. versionadded:: 0.1.0
    """

    def build(draw: st.DrawFn) -> TreatedRegion:
        where = draw(st.sampled_from(BodyRegion))
        side = draw(st.sampled_from(Side)) if not where.is_midline else None
        limb = where.limb
        if limb is not None and side is not None:
            target = _targets(limb, side)[0]
        elif where in {BodyRegion.GROIN}:
            target = NodeTarget(group=NodeGroup.INGUINAL, side=side)
        elif where in {BodyRegion.ABDOMEN, BodyRegion.LOWER_BACK, BodyRegion.GLUTEAL}:
            target = NodeTarget(group=NodeGroup.ABDOMINAL)
        elif where in {BodyRegion.AXILLA, BodyRegion.CHEST, BodyRegion.BREAST}:
            target = NodeTarget(group=NodeGroup.AXILLARY, side=side)
        else:
            target = NodeTarget(group=NodeGroup.SUPRACLAVICULAR, side=side or Side.RIGHT)
        return TreatedRegion(
            region=where,
            side=side,
            phase=phase or draw(st.sampled_from(Phase)),
            minutes=draw(st.integers(1, 10)),
            drains_to=target,
        )

    return _drawn(build)


@st.composite
def _objective(
    draw: st.DrawFn,
    client: Client,
    session_date: dt.date,
    *,
    many_regions: bool,
    text: SearchStrategy[str],
) -> Objective:
    swollen = _swollen(client)
    limbs = [limb for limb in Limb if any(limb is lb for lb, _ in swollen)]
    series: list[CircumferenceSeries] = []
    for limb in limbs:
        if not draw(st.booleans()) and not many_regions:
            continue
        interval = draw(st.sampled_from((4, 10)))
        count = draw(st.integers(2, 10 if limb is Limb.ARM else 18))
        if interval == 10:
            count = min(count, 8)
        profile = draw(_profile(limb, count))
        landmark = draw(st.sampled_from(_LANDMARKS[limb]))
        for side in (Side.LEFT, Side.RIGHT):
            factor = draw(st.integers(100, 140)) if (limb, side) in swollen else 100
            series.append(_series(limb, side, landmark, interval, profile, factor))
    latent = {
        (lb, sd)
        for lb, sd in swollen
        if all(
            c.isl_stage == 0
            for c in client.conditions
            if c.kind is ConditionKind.LYMPHEDEMA
            and c.area is _LIMB_AREAS[lb]
            and c.side in (Laterality.BILATERAL, Laterality(sd.value))
        )
        and any(
            c.kind is ConditionKind.LYMPHEDEMA
            and c.area is _LIMB_AREAS[lb]
            and c.side in (Laterality.BILATERAL, Laterality(sd.value))
            for c in client.conditions
        )
    }
    stemmer = []
    pits = []
    for limb, side in swollen:
        if draw(st.booleans()):
            stemmer.append(draw(stemmer_signs(limb=limb, side=side)))
        if draw(st.booleans()):
            pits.append(
                draw(pitting(limb=limb, side=side, max_grade=0 if (limb, side) in latent else 4))
            )
    previous = None
    if series and bool(draw(st.booleans())):
        previous = draw(
            previous_measurements(series, before=session_date, not_before=client.date_of_birth)
        )
    return Objective(
        observations=draw(_maybe(text)),
        circumferences=series,
        stemmer=stemmer,
        pitting=pits,
        skin=draw(st.lists(text, max_size=2)),
        previous=previous,
    )


_OFFSETS = st.integers(-12 * 4, 14 * 4).map(
    lambda quarters: dt.timezone(dt.timedelta(minutes=15 * quarters))
)


@_cached
def _starts(session_date: dt.date | None = None) -> SearchStrategy[dt.datetime]:
    """Aware session starts: a date in the past window, a time of day, a UTC offset."""
    days = st.just(session_date) if session_date else st.dates(_FIRST_SESSION, _LAST_SESSION)
    return st.builds(
        lambda day, time, tz: dt.datetime.combine(day, time, tzinfo=tz),
        days,
        st.times(),
        _OFFSETS,
    )


def sessions(
    *,
    client: Client | None = None,
    start: dt.datetime | None = None,
    modality: Modality | None = None,
    removed_nodes: bool = False,
    cleared_relative: bool = False,
    bilateral_edema: bool = False,
    many_regions: bool = False,
    any_unicode: bool = False,
    long_text: bool = False,
) -> SearchStrategy[Session]:
    """A session for ``client`` (one from :func:`clients` when None) that follows the rules.

    MLD treatments open the terminus first, then the node groups the limbs drain to (working
    ones: rerouted when the natural group is removed or irradiated), then treat each limb
    trunk-outward in a clearing pass and maybe a reabsorption pass. Regions with a local
    contraindication are never treated. Minutes add up to no more than the duration.

    Args:
        client: the client seen; the other client options apply only when it is None.
        start: the aware start; drawn (on a date in 2000-2024) when None.
        modality: fixed when given; otherwise MLD about half the time, another massage else.
        many_regions: an MLD session on two to four limbs, every segment cleared and
            reabsorbed (10-40 regions); other modalities get 10-30 regions.

    .. versionadded:: 0.1.0
    """
    texts: _TextOptions = {"any_unicode": any_unicode, "long_text": long_text}
    modalities = (
        st.just(modality)
        if modality is not None
        else st.just(Modality.MANUAL_LYMPHATIC_DRAINAGE)
        if many_regions
        else st.just(Modality.MANUAL_LYMPHATIC_DRAINAGE) | st.sampled_from(Modality)
    )

    def build(draw: st.DrawFn) -> Session:
        begins = start or draw(_starts())
        day = begins.date()
        seen = client or draw(
            clients(
                session_date=day,
                removed_nodes=removed_nodes,
                cleared_relative=cleared_relative,
                bilateral_edema=bilateral_edema,
                **texts,
            )
        )
        kind = draw(modalities)
        text = _text(**texts)
        if kind is Modality.MANUAL_LYMPHATIC_DRAINAGE:
            treatment = draw(_mld_treatment(seen, many_regions=many_regions, text=text))
        else:
            treatment = draw(_other_treatment(seen, many_regions=many_regions, text=text))
        used = sum(r.minutes for r in treatment)
        duration = min(480, max(1, used + draw(st.integers(0, 30))))
        lymphedema = any(c.kind is ConditionKind.LYMPHEDEMA for c in seen.conditions)
        cdt = (
            draw(_maybe(st.sampled_from(CdtPhase)))
            if lymphedema and kind is Modality.MANUAL_LYMPHATIC_DRAINAGE
            else None
        )
        return Session(
            id=draw(_identifiers()),
            client_id=seen.id,
            start=begins,
            duration_minutes=duration,
            modality=kind,
            cdt_phase=cdt,
            subjective=draw(subjectives(**texts)),
            objective=draw(_objective(seen, day, many_regions=many_regions, text=text)),
            treatment=treatment,
            assessment=draw(assessments(**texts)),
            plan=draw(plans(session_date=day, **texts)),
        )

    return _drawn(build)


def objectives(
    *, client: Client | None = None, any_unicode: bool = False, long_text: bool = False
) -> SearchStrategy[Objective]:
    """O: observations and, for each limb with swelling, both sides measured at the same points
    (with a previous measurement at those points sometimes), Stemmer sign and pitting.

    .. versionadded:: 0.1.0
    """
    texts: _TextOptions = {"any_unicode": any_unicode, "long_text": long_text}

    def build(draw: st.DrawFn) -> Objective:
        seen = client or draw(clients(**texts))
        return draw(_objective(seen, _LAST_SESSION, many_regions=False, text=_text(**texts)))

    return _drawn(build)


# -- the note ----------------------------------------------------------------------------------


@_cached
def signatures(
    *, after: dt.datetime | None = None, signed_by: str | None = None
) -> SearchStrategy[Signature]:
    """A signature dated after ``after`` (the end of the session), within a week.

    Its content hash is random: to get one that verifies, sign a note with
    :func:`soapnotes.lifecycle.sign` (as :func:`notes` does).

    .. versionadded:: 0.1.0
    """

    def build(draw: st.DrawFn) -> Signature:
        begins = after or draw(_starts())
        later = begins + dt.timedelta(minutes=draw(st.integers(0, 7 * 24 * 60)))
        return Signature(
            signed_by=signed_by or draw(st.sampled_from(("Maren Albrecht", "Sam Okafor"))),
            credential=draw(st.sampled_from(_CREDENTIALS)),
            signed_at=later.astimezone(draw(_OFFSETS)),
            content_sha256=draw(_sha256()),
        )

    return _drawn(build)


@_cached
def addenda(
    *, after: dt.datetime | None = None, any_unicode: bool = False, long_text: bool = False
) -> SearchStrategy[Addendum]:
    """A correction written after ``after`` (the signature), with its reason and text.

    Its chain hash is random; :func:`notes` adds addenda with :func:`soapnotes.lifecycle.amend`.

    .. versionadded:: 0.1.0
    """
    text = _text(any_unicode=any_unicode, long_text=long_text)

    def build(draw: st.DrawFn) -> Addendum:
        begins = after or draw(_starts())
        return Addendum(
            author=draw(st.sampled_from(("Maren Albrecht", "Sam Okafor"))),
            written_at=begins + dt.timedelta(minutes=draw(st.integers(1, 60 * 24 * 30))),
            reason=draw(st.sampled_from(("Late entry", "Corrected pain score"))),
            text=draw(text),
            chain_sha256=draw(_sha256()),
        )

    return _drawn(build)


@_cached
def notes(
    *,
    removed_nodes: bool = False,
    cleared_relative: bool = False,
    bilateral_edema: bool = False,
    many_regions: bool = False,
    long_text: bool = False,
    any_unicode: bool = False,
    signed: bool | None = None,
    modality: Modality | None = None,
) -> SearchStrategy[Note]:
    """Whole notes that :func:`soapnotes.rules.validate` finds no error in.

    The client is screened (every seed question answered) and consented before the session;
    the session is in the past, after the client's birth; the treatment follows DOMAIN.md's
    order toward working node groups. Signed notes are signed (and amended) with
    :func:`soapnotes.lifecycle.sign` and :func:`~soapnotes.lifecycle.amend`, so
    :func:`~soapnotes.lifecycle.verify` finds their hashes in order.

    Args:
        removed_nodes: the client has at least one removed or irradiated axillary or inguinal
            node group; limbs that drained there are rerouted (axillo-axillary,
            axillo-inguinal, ...).
        cleared_relative: at least one relative contraindication is answered yes and carries a
            clearance (who, role, date on or before the session).
        bilateral_edema: at least one limb has swelling on both sides, both measured.
        many_regions: two to four limbs, every segment, both passes (10-40 regions).
        long_text: free text may be 500-5000 characters long.
        any_unicode: names and free text drawn from the whole of Unicode, surrogates excluded.
        signed: True for signed notes only (with addenda sometimes), False for drafts only,
            None for either.
        modality: fix the massage given; by default MLD about half the time.

    .. versionadded:: 0.1.0
    """
    texts: _TextOptions = {"any_unicode": any_unicode, "long_text": long_text}

    def build(draw: st.DrawFn) -> Note:
        begins = draw(_starts())
        client = draw(
            clients(
                session_date=begins.date(),
                removed_nodes=removed_nodes,
                cleared_relative=cleared_relative,
                bilateral_edema=bilateral_edema,
                **texts,
            )
        )
        session = draw(
            sessions(
                client=client,
                start=begins,
                modality=modality,
                many_regions=many_regions,
                **texts,
            )
        )
        therapist = draw(therapists(**texts))
        is_signed = draw(st.booleans()) if signed is None else signed
        note = Note(
            practice=draw(practices(**texts)),
            therapist=therapist,
            client=client,
            session=session,
        )
        if not is_signed:
            return note
        # Signed and amended through the lifecycle, so hashes and chain verify.
        from soapnotes.lifecycle import amend, sign

        ended = begins + dt.timedelta(minutes=session.duration_minutes)
        drawn = draw(signatures(after=ended, signed_by=therapist.name))
        at = drawn.signed_at
        note = sign(note, drawn.signed_by, drawn.credential, at, now=at)
        for _ in range(draw(st.integers(0, 2))):
            addendum = draw(addenda(after=at, **texts))
            at = addendum.written_at
            note = amend(note, addendum.author, at, addendum.reason, addendum.text, now=at)
        return note

    return _drawn(build)


# -- invalid input -----------------------------------------------------------------------------


class FaultKind(str, enum.Enum):
    """What :func:`invalid_note_data` did to the data.

    .. versionadded:: 0.1.0
    """

    WRONG_TYPE = "wrong_type"
    MISSING_KEY = "missing_key"
    UNKNOWN_KEY = "unknown_key"
    BAD_ENUM = "bad_enum"
    NAIVE_DATETIME = "naive_datetime"
    OUT_OF_RANGE = "out_of_range"


@attrs.frozen(kw_only=True)
class Fault:
    """One fault injected into note data, and the ``$.path`` that must be reported for it.

    .. versionadded:: 0.1.0
    """

    kind: FaultKind
    path: str


@attrs.frozen(kw_only=True)
class InvalidNoteData:
    """Note-shaped plain data (JSON types only) with ``faults`` injected.

    ``soapnotes.from_dict(data)`` must raise :class:`soapnotes.InvalidRecord` whose problems'
    paths are exactly :attr:`paths`.

    .. versionadded:: 0.1.0
    """

    data: dict[str, Any]
    faults: tuple[Fault, ...]

    @property
    def paths(self) -> frozenset[str]:
        """The paths that must be reported, one per fault."""
        return frozenset(f.path for f in self.faults)


_PathParts = tuple[str | int, ...]
# Bounds for drawing naive date-times (the fault); no time zone on purpose.
_NAIVE_FROM = dt.datetime(1990, 1, 1)  # noqa: DTZ001
_NAIVE_UNTIL = dt.datetime(2030, 1, 1)  # noqa: DTZ001


@attrs.frozen
class _Site:
    """A place in note data where a fault can go: a field of a record (or a list item)."""

    path: _PathParts
    owner: type
    name: str
    tp: Any
    required: bool
    record: bool  # True for the pseudo-site of a whole record (for unknown keys)


def _unwrap(tp: Any) -> tuple[Any, bool]:
    """(the type inside Optional, whether it was optional)."""
    args = typing.get_args(tp)
    if type(None) in args:
        (inner,) = [a for a in args if a is not type(None)]
        return inner, True
    return tp, False


def _tuple_item(tp: Any) -> Any | None:
    if typing.get_origin(tp) is tuple:
        return typing.get_args(tp)[0]
    return None


def _sites(data: Mapping[str, Any], cls: type, path: _PathParts) -> Iterator[_Site]:
    yield _Site(path, cls, "", cls, True, True)
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        tp = hints[field.name]
        required = field.default is attrs.NOTHING
        here = (*path, field.name)
        yield _Site(here, cls, field.name, tp, required, False)
        value = data.get(field.name)
        inner, _ = _unwrap(tp)
        item = _tuple_item(inner)
        if attrs.has(inner) and isinstance(value, Mapping):
            yield from _sites(value, inner, here)
        elif item is not None and isinstance(value, list):
            for index, element in enumerate(value):
                if attrs.has(item):
                    yield from _sites(element, item, (*here, index))
                else:
                    yield _Site((*here, index), cls, field.name, item, True, False)


def _format(path: _PathParts) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


_SMALL_JSON: dict[str, SearchStrategy[Any]] = {
    "null": st.none(),
    "bool": st.booleans(),
    "int": st.integers(-3, 3),
    "float": st.sampled_from((0.5, -1.25, 60.0)),
    "str": st.sampled_from(("", "x", "60", "2026-11-20")),
    "list": st.lists(st.integers(0, 3), max_size=2),
    "object": st.dictionaries(st.sampled_from(("a", "b")), st.integers(0, 3), max_size=1),
}


def _wrong_kinds(tp: Any) -> list[str]:
    """JSON kinds that a field of type ``tp`` never accepts."""
    inner, optional = _unwrap(tp)
    if inner is str:
        kinds = ["int", "float", "bool", "list", "object"]
    elif inner is int:
        kinds = ["float", "str", "bool", "list", "object"]
    elif inner is float:
        kinds = ["str", "bool", "list", "object"]
    elif inner in (dt.date, dt.datetime) or (
        isinstance(inner, type) and issubclass(inner, _Vocabulary)
    ):
        kinds = ["int", "float", "bool", "list", "object"]
    elif _tuple_item(inner) is not None:
        kinds = ["int", "str", "bool", "object"]
    else:  # a record
        kinds = ["int", "str", "bool", "list"]
    return kinds if optional else ["null", *kinds]


#: Numbers outside each ranged field's allowed range (the right type, a wrong value).
_OUT_OF_RANGE: dict[tuple[str, str], SearchStrategy[Any]] = {
    ("Note", "schema_version"): st.integers(2, 10**6) | st.integers(max_value=0),
    ("Condition", "isl_stage"): st.integers(4, 10**6) | st.integers(max_value=-1),
    ("Subjective", "pain"): st.integers(11, 10**6) | st.integers(max_value=-1),
    ("TreatedRegion", "minutes"): st.integers(481, 10**6) | st.integers(max_value=0),
    ("Session", "duration_minutes"): st.integers(481, 10**6) | st.integers(max_value=0),
    ("StemmerSign", "grade"): st.integers(4, 100) | st.integers(max_value=-1),
    ("Pitting", "grade"): st.integers(5, 100) | st.integers(max_value=-1),
    ("Pitting", "depth_mm"): st.floats(50.5, 1e6) | st.floats(-1e6, -0.5),
    ("Pitting", "rebound_s"): st.floats(3600.5, 1e9) | st.floats(-1e6, -0.5),
    ("AfterEffect", "duration_hours"): st.floats(8760.5, 1e9) | st.floats(-1e6, -0.5),
    ("CircumferencePoint", "distance_cm"): st.floats(200.5, 1e6) | st.floats(-1e6, -0.5),
    ("CircumferencePoint", "circumference_cm"): st.floats(300.5, 1e6) | st.floats(-1e6, 0),
    ("CircumferenceSeries", "interval_cm"): st.floats(50.5, 1e6) | st.floats(-1e6, 0),
}


def _enum_type(tp: Any) -> type[enum.Enum] | None:
    inner, _ = _unwrap(tp)
    if isinstance(inner, type) and issubclass(inner, _Vocabulary):
        return inner
    return None


def _apply(
    data: dict[str, Any], path: _PathParts, change: Callable[[Any, str | int], None]
) -> None:
    """Call ``change(container, key)`` on the container that holds ``path``'s last part."""
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    change(node, path[-1])


def _set(value: Any) -> Callable[[Any, str | int], None]:
    def change(container: Any, key: str | int) -> None:
        container[key] = value

    return change


def _delete(container: Any, key: str | int) -> None:
    del container[key]


def _not_in(values: set[str]) -> Callable[[str], bool]:
    return lambda value: value not in values


def _overlaps(a: _PathParts, b: _PathParts) -> bool:
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


@st.composite
def _invalid_note_data(
    draw: st.DrawFn, base: SearchStrategy[Note], max_faults: int
) -> InvalidNoteData:
    from soapnotes.io import to_dict  # the io layer is what the faults are aimed at

    data = to_dict(draw(base))
    sites = list(_sites(data, Note, ()))
    wanted = draw(st.integers(1, max_faults))
    faults: list[Fault] = []
    touched: list[_PathParts] = []
    for _ in range(wanted):
        kind = draw(st.sampled_from(FaultKind))
        if kind is FaultKind.UNKNOWN_KEY:
            pool = [s for s in sites if s.record]
        elif kind is FaultKind.MISSING_KEY:
            pool = [
                s for s in sites if not s.record and s.required and isinstance(s.path[-1], str)
            ]
        elif kind is FaultKind.BAD_ENUM:
            pool = [s for s in sites if not s.record and _enum_type(s.tp) is not None]
        elif kind is FaultKind.NAIVE_DATETIME:
            pool = [s for s in sites if not s.record and _unwrap(s.tp)[0] is dt.datetime]
        elif kind is FaultKind.OUT_OF_RANGE:
            pool = [
                s
                for s in sites
                if not s.record
                and isinstance(s.path[-1], str)
                and (s.owner.__name__, s.name) in _OUT_OF_RANGE
            ]
        else:
            pool = [s for s in sites if not s.record]
        if kind is FaultKind.UNKNOWN_KEY:
            site = draw(st.sampled_from(pool))
            known = {f.name for f in attrs.fields(site.owner)}
            key = draw(st.from_regex(r"[a-z][a-z_]{0,15}", fullmatch=True).filter(_not_in(known)))
            target = (*site.path, key)
        else:
            pool = [s for s in pool if not any(_overlaps(s.path, t) for t in touched)]
            if not pool:
                continue
            site = draw(st.sampled_from(pool))
            target = site.path
        if any(_overlaps(target, t) for t in touched):
            continue
        if kind is FaultKind.UNKNOWN_KEY:
            _apply(data, target, _set(draw(_SMALL_JSON["int"])))
        elif kind is FaultKind.MISSING_KEY:
            _apply(data, target, _delete)
        elif kind is FaultKind.BAD_ENUM:
            enum_type = _enum_type(site.tp)
            assert enum_type is not None  # noqa: S101 - pool only holds enum fields
            values = {m.value for m in enum_type}
            bad = st.sampled_from(("", "LEFT", "unknown_value")) | st.text(max_size=8)
            _apply(data, target, _set(draw(bad.filter(_not_in(values)))))
        elif kind is FaultKind.NAIVE_DATETIME:
            naive = draw(st.datetimes(_NAIVE_FROM, _NAIVE_UNTIL))
            _apply(data, target, _set(naive.isoformat(timespec="seconds")))
        elif kind is FaultKind.OUT_OF_RANGE:
            _apply(data, target, _set(draw(_OUT_OF_RANGE[(site.owner.__name__, site.name)])))
        else:
            wrong = draw(st.sampled_from(_wrong_kinds(site.tp)))
            _apply(data, target, _set(draw(_SMALL_JSON[wrong])))
        touched.append(target)
        faults.append(Fault(kind=kind, path=_format(target)))
    if not faults:  # every draw collided; one unknown key at the top always fits
        data["unexpected_key"] = 1
        faults.append(Fault(kind=FaultKind.UNKNOWN_KEY, path="$.unexpected_key"))
    return InvalidNoteData(data=data, faults=tuple(faults))


def invalid_note_data(
    *, max_faults: int = 3, base: SearchStrategy[Note] | None = None
) -> SearchStrategy[InvalidNoteData]:
    """Note JSON data (from a valid note) with 1 to ``max_faults`` faults injected.

    Faults: a value of the wrong JSON type, a required key removed, an unknown key added, a
    string that is no enum value, a date-time without UTC offset, a number out of its range.
    Faults never nest (none sits inside another's value), so each is reported on its own.

    Args:
        max_faults: the most faults in one datum (at least 1).
        base: the valid notes to start from; :func:`notes` when None.

    .. versionadded:: 0.1.0
    """
    if max_faults < 1:
        raise ValueError("max_faults must be at least 1")
    return _invalid_note_data(base if base is not None else notes(), max_faults)
