"""The session: the objective findings for the client's limbs, and the whole session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from soapnotes._strategies._base import (
    _LAST_SESSION,
    SearchStrategy,
    _drawn,
    _identifiers,
    _maybe,
    _schema_2,
    _starts,
)
from soapnotes._strategies._client import _swollen, clients
from soapnotes._strategies._compression import compressions
from soapnotes._strategies._history import red_flag_checks
from soapnotes._strategies._measurements import (
    _LANDMARKS,
    _profile,
    _series,
    pitting,
    previous_measurements,
    stemmer_signs,
)
from soapnotes._strategies._outcomes import bioimpedance_readings, measured_volumes
from soapnotes._strategies._soap import assessments, plans, subjectives
from soapnotes._strategies._text import _text, _TextOptions
from soapnotes._strategies._treatment import _mld_treatment, _other_treatment
from soapnotes.models.client import Client
from soapnotes.models.compression import Compression
from soapnotes.models.measurements import CircumferenceSeries, VolumeFormula
from soapnotes.models.session import Objective, Plan, Session
from soapnotes.models.vocabulary import (
    CdtPhase,
    ConditionKind,
    HomeCareKind,
    Limb,
    Modality,
    Side,
    StemmerResult,
)

_Swollen = Sequence[tuple[Limb, Side]]


def _measured(
    draw: st.DrawFn,
    swollen: _Swollen,
    latent: _Swollen,
    *,
    many_regions: bool,
    schema_2: bool | None = None,
) -> list[CircumferenceSeries]:
    """Both sides of some swollen limbs (all with ``many_regions``) at the same points; a
    latent (stage 0) side is at most 2 % larger in circumference, so no more than minimal
    excess volume (ISL 2020)."""
    series: list[CircumferenceSeries] = []
    for limb in Limb:
        if not any(limb is lb for lb, _ in swollen):
            continue
        if not draw(st.booleans()) and not many_regions:
            continue
        interval = draw(st.sampled_from((4, 10)))
        count = draw(st.integers(2, 10 if limb is Limb.ARM else 18))
        if interval == 10:
            count = min(count, 8)
        profile = draw(_profile(limb, count))
        landmark = draw(st.sampled_from(_LANDMARKS[limb]))
        method = VolumeFormula.FRUSTUM
        if schema_2 is not False:
            method = draw(st.sampled_from(VolumeFormula))
        for side in (Side.LEFT, Side.RIGHT):
            most = 102 if (limb, side) in latent else 140
            factor = draw(st.integers(100, most)) if (limb, side) in swollen else 100
            series.append(_series(limb, side, landmark, interval, profile, factor, method))
    return series


def _latent(client: Client, limb: Limb, side: Side) -> bool:
    """True when every lymphedema on ``limb`` and ``side`` is ISL stage 0 (and there is one):
    latent lymphedema shows no pitting (ISL 2020)."""
    stages = [
        c.isl_stage
        for c in client.conditions
        if c.kind is ConditionKind.LYMPHEDEMA and c.covers(limb, side)
    ]
    return bool(stages) and all(stage == 0 for stage in stages)


@st.composite
def _objective(
    draw: st.DrawFn,
    client: Client,
    session_date: dt.date,
    *,
    many_regions: bool,
    text: SearchStrategy[str],
    schema_2: bool | None = None,
) -> Objective:
    swollen = _swollen(client)
    latent = [(limb, side) for limb, side in swollen if _latent(client, limb, side)]
    series = _measured(draw, swollen, latent, many_regions=many_regions, schema_2=schema_2)
    stemmer = []
    pits = []
    for limb, side in swollen:
        if draw(st.booleans()):
            sign = draw(stemmer_signs(limb=limb, side=side))
            if (limb, side) in latent and sign.result is StemmerResult.POSITIVE:
                # Latent lymphedema shows no positive Stemmer sign (ISL 2020, stage 0).
                sign = attrs.evolve(sign, result=StemmerResult.NEGATIVE, grade=0)
            stemmer.append(sign)
        if draw(st.booleans()):
            most = 0 if _latent(client, limb, side) else 4
            pits.append(draw(pitting(limb=limb, side=side, max_grade=most)))
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
        weight_kg=_schema_2(draw, schema_2, st.integers(400, 1500).map(lambda hg: hg / 10)),
        volumes=_measured_volumes(draw, swollen, schema_2),
        bioimpedance=[
            draw(bioimpedance_readings(limb=limb, side=side))
            for limb, side in swollen
            if _schema_2(draw, schema_2, st.just(True))
        ],
    )


def _measured_volumes(draw: st.DrawFn, swollen: _Swollen, schema_2: bool | None) -> list[Any]:
    """A device-measured volume of both sides of one swollen limb, or none."""
    limbs = sorted({limb for limb, _ in swollen}, key=lambda lb: lb.value)
    if not limbs or _schema_2(draw, schema_2, st.just(True)) is None:
        return []
    limb = draw(st.sampled_from(limbs))
    first = draw(measured_volumes(limb=limb, side=Side.LEFT))
    other = draw(measured_volumes(limb=limb, side=Side.RIGHT))
    return [first, attrs.evolve(other, method=first.method, device=first.device)]


def _checked_plan(plan: Plan, client: Client, day: dt.date) -> Plan:
    """``plan`` without compression home care when a swollen leg has no arterial check on
    file (compression of a leg waits for its ABPI: Lymphoedema Framework 2006)."""
    unchecked = any(
        client.arterial_check(side, day) is None for side in client.swollen_sides(Limb.LEG)
    )
    if not unchecked:
        return plan
    kept = [item for item in plan.home_care if item.kind is not HomeCareKind.COMPRESSION]
    return attrs.evolve(plan, home_care=kept)


def _compression(
    draw: st.DrawFn, client: Client, day: dt.date, schema_2: bool | None
) -> Compression | None:
    """Compression on the swollen limbs: a leg only when its arterial check is on file."""
    places = tuple(
        (limb, side)
        for limb, side in _swollen(client)
        if limb is Limb.ARM or client.arterial_check(side, day) is not None
    )
    if not places:
        return None
    return _schema_2(draw, schema_2, compressions(limbs=places, fitted_before=day))


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


def _modalities(modality: Modality | None, *, many_regions: bool) -> SearchStrategy[Modality]:
    """The fixed modality, else MLD (always with ``many_regions``; else about half the time)."""
    if modality is not None:
        return st.just(modality)
    mld = st.just(Modality.MANUAL_LYMPHATIC_DRAINAGE)
    return mld if many_regions else mld | st.sampled_from(Modality)


def _session(
    draw: st.DrawFn,
    seen: Client,
    begins: dt.datetime,
    kind: Modality,
    *,
    many_regions: bool,
    texts: _TextOptions,
    schema_2: bool | None = None,
) -> Session:
    """A session of ``kind`` for ``seen`` starting at ``begins``: the treatment first, the
    duration long enough for it, then the SOAP parts."""
    day = begins.date()
    text = _text(**texts)
    mld = kind is Modality.MANUAL_LYMPHATIC_DRAINAGE
    treat = _mld_treatment if mld else _other_treatment
    treatment = draw(treat(seen, many_regions=many_regions, text=text))
    used = sum(r.minutes for r in treatment)
    lymphedema = any(c.kind is ConditionKind.LYMPHEDEMA for c in seen.conditions)
    return Session(
        id=draw(_identifiers()),
        client_id=seen.id,
        start=begins,
        duration_minutes=min(480, max(1, used + draw(st.integers(0, 30)))),
        modality=kind,
        cdt_phase=draw(_maybe(st.sampled_from(CdtPhase))) if lymphedema and mld else None,
        subjective=draw(subjectives(**texts)),
        objective=draw(
            _objective(seen, day, many_regions=many_regions, text=text, schema_2=schema_2)
        ),
        treatment=treatment,
        assessment=draw(assessments(session_date=day, schema_2=schema_2, **texts)),
        plan=_checked_plan(draw(plans(session_date=day, **texts)), seen, day),
        compression=_compression(draw, seen, day, schema_2),
        red_flags=_schema_2(draw, schema_2, red_flag_checks()),
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
    schema_2: bool | None = None,
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
        schema_2: the data schema 2 added (weight, device-measured volumes, L-Dex, outcome
            scores, goals, compression on the swollen limbs, a red-flag check with every
            answer no): always with True, never with False, either with None. A leg is
            compressed only when the client's arterial check of it is on file.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``schema_2``.
    """
    texts: _TextOptions = {"any_unicode": any_unicode, "long_text": long_text}
    modalities = _modalities(modality, many_regions=many_regions)

    def build(draw: st.DrawFn) -> Session:
        begins = start or draw(_starts())
        seen = client or draw(
            clients(
                session_date=begins.date(),
                removed_nodes=removed_nodes,
                cleared_relative=cleared_relative,
                bilateral_edema=bilateral_edema,
                schema_2=schema_2,
                **texts,
            )
        )
        return _session(
            draw,
            seen,
            begins,
            draw(modalities),
            many_regions=many_regions,
            texts=texts,
            schema_2=schema_2,
        )

    return _drawn(build)
