"""The client: conditions, node groups lost to surgery or radiotherapy, the whole record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs
from hypothesis import strategies as st

from soapnotes._strategies._base import (
    _FIRST_SESSION,
    _LAST_SESSION,
    _OLDEST_BIRTH,
    SearchStrategy,
    _cached,
    _dates_between,
    _drawn,
    _identifiers,
    _maybe,
    _schema_2,
)
from soapnotes._strategies._compression import arterial_checks
from soapnotes._strategies._history import intakes, physicians, prescriptions
from soapnotes._strategies._screening import consents, screenings
from soapnotes._strategies._text import _FAMILY_NAMES, _GIVEN_NAMES, _names, _text, _TextOptions
from soapnotes.models.anatomy import LIMB_SEGMENTS_PROXIMAL_FIRST, REGIONAL_GROUP
from soapnotes.models.clearance import names_the_client
from soapnotes.models.client import SWELLING_CONDITIONS, Client, Condition, NodeStatus
from soapnotes.models.compression import ArterialCheck
from soapnotes.models.diagnosis import CeapClass, LipedemaType, LymphedemaOrigin
from soapnotes.models.vocabulary import (
    ConditionKind,
    EdemaArea,
    Laterality,
    Limb,
    NodeGroup,
    NodeState,
    Sex,
    Side,
)

_LIMB_AREAS = {Limb.ARM: EdemaArea.ARM, Limb.LEG: EdemaArea.LEG}
#: The limb each regional node group drains (axillary: the arm, inguinal: the leg).
_DRAINED_LIMB = {
    REGIONAL_GROUP[segments[0]]: limb for limb, segments in LIMB_SEGMENTS_PROXIMAL_FIRST.items()
}
#: Swelling and other conditions, in the vocabulary's order (lymphedema first, so swollen
#: limbs shrink to it).
_SWELLING = tuple(kind for kind in ConditionKind if kind in SWELLING_CONDITIONS)
_OTHER_KINDS = tuple(kind for kind in ConditionKind if kind not in SWELLING_CONDITIONS)


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
    schema_2: bool | None = None,
) -> Condition:
    text = _text(any_unicode=any_unicode, long_text=long_text)
    lymphedema = kind is ConditionKind.LYMPHEDEMA
    lipedema = kind is ConditionKind.LIPEDEMA
    if lymphedema:
        area = area or draw(st.sampled_from(EdemaArea))
        side = side or draw(st.sampled_from(Laterality))
    condition = Condition(
        kind=kind,
        area=area,
        side=side,
        isl_stage=draw(st.integers(0, 3)) if lymphedema else None,
        cause=draw(_maybe(text)),
        onset=draw(_maybe(_dates_between(after, before))),
        description=draw(text if kind is ConditionKind.OTHER else _maybe(text)),
    )
    if schema_2 is False:
        return condition
    return attrs.evolve(
        condition,
        icd10=draw(st.lists(st.sampled_from(_CODES[kind]), max_size=1)) if kind in _CODES else (),
        origin=draw(_maybe(st.sampled_from(LymphedemaOrigin))) if lymphedema else None,
        lipedema_stage=draw(_maybe(st.integers(1, 4))) if lipedema else None,
        lipedema_types=draw(st.lists(st.sampled_from(LipedemaType), max_size=2, unique=True))
        if lipedema
        else (),
        ceap=draw(_maybe(st.sampled_from(CeapClass)))
        if kind is ConditionKind.CHRONIC_VENOUS_INSUFFICIENCY
        else None,
    )


#: The ICD-10 codes drawn for a condition (WHO ICD-10); none for the others.
_CODES = {
    ConditionKind.POST_SURGICAL_SWELLING: ("R60.0",),
    ConditionKind.LYMPHEDEMA: ("I89.0", "I97.2", "Q82.0"),
    ConditionKind.LIPEDEMA: ("E88.2",),
    ConditionKind.CHRONIC_VENOUS_INSUFFICIENCY: ("I87.2",),
    ConditionKind.FIBROMYALGIA: ("M79.7",),
    ConditionKind.RHEUMATOID_ARTHRITIS: ("M06.9",),
}


@_cached
def conditions(*, any_unicode: bool = False, long_text: bool = False) -> SearchStrategy[Condition]:
    """Any valid condition: lymphedema always has area, side and ISL stage; 'other' a text.

    .. versionadded:: 0.1.0
    """
    return st.sampled_from(ConditionKind).flatmap(
        lambda kind: _condition(kind, any_unicode=any_unicode, long_text=long_text)
    )


def _swollen(client: Client) -> list[tuple[Limb, Side]]:
    """(limb, side) of every swollen side (:meth:`Client.swollen_sides`), in a fixed order."""
    return [(limb, side) for limb in Limb for side in Side if side in client.swollen_sides(limb)]


def _lost_nodes(draw: st.DrawFn, born: dt.date, on: dt.date) -> list[NodeStatus]:
    """One or two axillary or inguinal groups lost, dated between birth and the session."""
    lost = draw(
        st.lists(
            node_statuses(groups=tuple(_DRAINED_LIMB)),
            min_size=1,
            max_size=2,
            unique_by=lambda n: (n.group, n.side),
        )
    )
    return [
        attrs.evolve(n, since=None if n.since is None else min(max(n.since, born), on))
        for n in lost
    ]


def _swelling_sides(
    draw: st.DrawFn, lost: Sequence[NodeStatus], *, bilateral: bool
) -> dict[Limb, Laterality]:
    """The swollen side of each limb: the side that lost its nodes, else drawn or none."""
    sides: dict[Limb, Laterality] = {}
    for status in lost:
        limb = _DRAINED_LIMB.get(status.group)
        if limb is not None and status.side is not None:
            sides.setdefault(limb, Laterality(status.side.value))
    if bilateral:
        sides[draw(st.sampled_from(Limb))] = Laterality.BILATERAL
    for limb in Limb:
        if limb not in sides:
            side = draw(_maybe(st.sampled_from((Laterality.LEFT, Laterality.RIGHT))))
            if side is not None:
                sides[limb] = side
    return sides


def _conditions(
    draw: st.DrawFn,
    sides: dict[Limb, Laterality],
    lost: Sequence[NodeStatus],
    *,
    born: dt.date,
    on: dt.date,
    texts: _TextOptions,
    schema_2: bool | None = None,
) -> list[Condition]:
    """A swelling condition per swollen limb (lymphedema where nodes were lost), then others."""
    drained = {_DRAINED_LIMB.get(n.group) for n in lost}
    out = []
    for limb, side in sides.items():
        kind = ConditionKind.LYMPHEDEMA if limb in drained else draw(st.sampled_from(_SWELLING))
        area = _LIMB_AREAS[limb]
        out.append(
            draw(
                _condition(
                    kind, area=area, side=side, before=on, after=born, schema_2=schema_2, **texts
                )
            )
        )
    others = st.sampled_from(_OTHER_KINDS).flatmap(
        lambda k: _condition(k, before=on, after=born, schema_2=schema_2, **texts)
    )
    return [*out, *draw(st.lists(others, max_size=2))]


@_cached
def clients(
    *,
    session_date: dt.date | None = None,
    removed_nodes: bool = False,
    cleared_relative: bool = False,
    bilateral_edema: bool = False,
    any_unicode: bool = False,
    long_text: bool = False,
    schema_2: bool | None = None,
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
        schema_2: the records schema 2 added (intake, arterial checks of both legs within
            180 days and in the band where compression is safe, referring physician,
            prescription): always with True, never with False (a client as a version-1 file
            holds it), either with None.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``schema_2``.
    """
    texts: _TextOptions = {"any_unicode": any_unicode, "long_text": long_text}

    def build(draw: st.DrawFn) -> Client:
        on = session_date or draw(st.dates(_FIRST_SESSION, _LAST_SESSION))
        born = draw(_dates_between(max(_OLDEST_BIRTH, on - dt.timedelta(days=365 * 100)), on))
        lost = _lost_nodes(draw, born, on) if removed_nodes else []
        sides = _swelling_sides(draw, lost, bilateral=bilateral_edema)
        given = draw(_names(_GIVEN_NAMES, **texts))
        family = draw(_names(_FAMILY_NAMES, **texts))
        client = Client(
            id=draw(_identifiers()),
            given_name=given,
            family_name=family,
            date_of_birth=born,
            sex=draw(_maybe(st.sampled_from(Sex))),
            conditions=_conditions(
                draw, sides, lost, born=born, on=on, texts=texts, schema_2=schema_2
            ),
            node_status=lost,
            screening=draw(
                screenings(
                    on_or_before=on, not_before=born, cleared_relative=cleared_relative, **texts
                )
            ),
            consent=draw(
                consents(on_or_before=on, not_before=born, given_by=f"{given} {family}", **texts)
            ),
            intake=_schema_2(draw, schema_2, intakes(on_or_before=on, not_before=born)),
            arterial_checks=_legs_checked(draw, schema_2, on, born),
            referring_physician=_schema_2(draw, schema_2, physicians()),
            prescription=_schema_2(
                draw, schema_2, prescriptions(on_or_before=on, not_before=born)
            ),
        )
        return _cleared_by_others(client)

    return _drawn(build)


def _cleared_by_others(client: Client) -> Client:
    """``client`` with every clearance given by someone else: a clinician who happens to share
    the client's name would not count as one (:func:`names_the_client`)."""
    screening = client.screening
    if screening is None:
        return client
    answers = [
        attrs.evolve(a, clearance=attrs.evolve(a.clearance, cleared_by="Dr. Jonas Berg"))
        if a.clearance is not None and names_the_client(a.clearance.cleared_by, client)
        else a
        for a in screening.answers
    ]
    return attrs.evolve(client, screening=attrs.evolve(screening, answers=answers))


def _legs_checked(
    draw: st.DrawFn, schema_2: bool | None, on: dt.date, born: dt.date
) -> list[ArterialCheck]:
    """An arterial check of each leg, or none (a leg is compressed only when checked)."""
    if _schema_2(draw, schema_2, st.just(True)) is None:
        return []
    return [draw(arterial_checks(side=side, on_or_before=on, not_before=born)) for side in Side]
