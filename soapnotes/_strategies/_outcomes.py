"""Outcomes, goals and the measurements entered as measured (perometer, water displacement,
L-Dex)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from soapnotes._strategies._base import (
    _LAST_SESSION,
    _OLDEST_BIRTH,
    SearchStrategy,
    _cached,
    _dates_between,
    _drawn,
    _maybe,
)
from soapnotes.models.measured import Bioimpedance, MeasuredVolume, VolumeDevice
from soapnotes.models.outcomes import (
    DomainScore,
    Goal,
    GoalMeasure,
    GoalStatus,
    Instrument,
    OutcomeDomain,
    OutcomeScore,
)
from soapnotes.models.vocabulary import Limb, Side

#: Plausible volumes in mL (low, high) a device measures for an adult limb.
_VOLUMES_ML = {Limb.ARM: (1500, 4500), Limb.LEG: (6000, 16000)}


def _score(instrument: Instrument) -> SearchStrategy[float]:
    """A domain score on the instrument's scale: LYMQOL in hundredths of 1-4, ULL-27 0-100."""
    if instrument is Instrument.ULL27:
        return st.integers(0, 1000).map(lambda tenths: tenths / 10)
    return st.integers(100, 400).map(lambda hundredths: hundredths / 100)


@_cached
def domain_scores(*, instrument: Instrument | None = None) -> SearchStrategy[DomainScore]:
    """One domain of ``instrument`` (LYMQOL arm when None) with a score on its scale.

    .. versionadded:: 0.2.0
    """
    chosen = instrument or Instrument.LYMQOL_ARM
    return st.builds(DomainScore, domain=st.sampled_from(chosen.domains), score=_score(chosen))


@_cached
def outcome_scores(
    *,
    instrument: Instrument | None = None,
    on_or_before: dt.date = _LAST_SESSION,
    not_before: dt.date = _OLDEST_BIRTH,
) -> SearchStrategy[OutcomeScore]:
    """A completed questionnaire: some or all of the instrument's domains on its scale, the
    LYMQOL overall rating (0-10) sometimes, completed within a week before ``on_or_before``.

    .. versionadded:: 0.2.0
    """

    def build(draw: st.DrawFn) -> OutcomeScore:
        chosen = instrument or draw(st.sampled_from(Instrument))
        domains = draw(
            st.lists(st.sampled_from(chosen.domains), min_size=1, unique=True).map(
                lambda ds: sorted(ds, key=chosen.domains.index)
            )
        )
        first = max(not_before, on_or_before - dt.timedelta(days=7))
        return OutcomeScore(
            instrument=chosen,
            completed_on=draw(_dates_between(first, on_or_before)),
            domains=[DomainScore(domain=d, score=draw(_score(chosen))) for d in domains],
            overall=draw(_maybe(st.integers(0, 10).map(float))) if chosen.has_overall else None,
        )

    return _drawn(build)


@_cached
def goals(
    *, on_or_before: dt.date = _LAST_SESSION, not_before: dt.date = _OLDEST_BIRTH
) -> SearchStrategy[Goal]:
    """A treatment goal set on or before ``on_or_before``, due after it was set.

    .. versionadded:: 0.2.0
    """

    def build(draw: st.DrawFn) -> Goal:
        measure = draw(st.sampled_from(GoalMeasure))
        set_on = draw(
            _maybe(
                _dates_between(
                    max(not_before, on_or_before - dt.timedelta(days=120)), on_or_before
                )
            )
        )
        due = None
        if set_on is not None:
            due = draw(_maybe(st.just(set_on + dt.timedelta(days=draw(st.integers(14, 180))))))
        return Goal(
            description=draw(
                st.sampled_from(
                    (
                        "Excess volume under 10 % before maintenance",
                        "Wear the day garment 12 hours a day",
                        "Walk 30 minutes without heaviness",
                    )
                )
            ),
            measure=measure,
            target=draw(_maybe(st.integers(0, 100).map(float))),
            set_on=set_on,
            due_on=due,
            status=draw(st.sampled_from(GoalStatus)),
        )

    return _drawn(build)


@_cached
def measured_volumes(
    *, limb: Limb | None = None, side: Side | None = None
) -> SearchStrategy[MeasuredVolume]:
    """A limb volume a perometer or a water-displacement volumeter measured.

    .. versionadded:: 0.2.0
    """

    def build(draw: st.DrawFn) -> MeasuredVolume:
        chosen = limb or draw(st.sampled_from(Limb))
        method = draw(st.sampled_from(VolumeDevice))
        device = "Perometer 400NT" if method is VolumeDevice.PEROMETER else "Arm volumeter"
        low, high = _VOLUMES_ML[chosen]
        return MeasuredVolume(
            limb=chosen,
            side=side or draw(st.sampled_from(Side)),
            method=method,
            volume_ml=float(draw(st.integers(low, high))),
            device=device,
            extent=draw(_maybe(st.sampled_from(("Wrist to 40 cm", "Whole limb")))),
        )

    return _drawn(build)


@_cached
def bioimpedance_readings(
    *, limb: Limb | None = None, side: Side | None = None
) -> SearchStrategy[Bioimpedance]:
    """An L-Dex reading of a limb at risk, -10 to 20 in tenths.

    .. versionadded:: 0.2.0
    """
    return st.builds(
        Bioimpedance,
        limb=st.just(limb) if limb else st.sampled_from(Limb),
        side=st.just(side) if side else st.sampled_from(Side),
        ldex=st.integers(-100, 200).map(lambda tenths: tenths / 10),
        device=st.sampled_from(("ImpediMed SOZO", "ImpediMed L-Dex U400")),
    )


# The domains a drawn score may name, for from_type of the records themselves.
_ALL_DOMAINS = tuple(OutcomeDomain)
