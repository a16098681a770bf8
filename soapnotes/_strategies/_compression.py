"""Compression: garments and bandaging on a limb, and the arterial check (ABPI) of a leg."""

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
from soapnotes.models.compression import (
    COMPRESSION_CLASSES,
    ArterialCheck,
    ArterialCheckMethod,
    BandagePadding,
    BandageSystem,
    Bandaging,
    Compression,
    CompressionStandard,
    Garment,
    GarmentFit,
    GarmentKind,
    Knit,
    PressureRange,
)
from soapnotes.models.vocabulary import Limb, Side

_LIMB_GARMENTS = {limb: tuple(kind for kind in GarmentKind if kind.limb is limb) for limb in Limb}
_OTHER_GARMENTS = tuple(kind for kind in GarmentKind if kind.limb is None)
#: ABPI values in hundredths in the band where full compression is applied (0.8 to 1.3,
#: Lymphoedema Framework 2006; the default RuleOptions.abpi_bands).
_NORMAL_ABPI = (80, 130)


@_cached
def pressure_ranges() -> SearchStrategy[PressureRange]:
    """The pressure range of some class under some standard (:data:`COMPRESSION_CLASSES`).

    .. versionadded:: 0.2.0
    """
    return st.sampled_from(
        [r for classes in COMPRESSION_CLASSES.values() for r in classes.values()]
    )


@_cached
def garments(
    *,
    limb: Limb | None = None,
    side: Side | None = None,
    fitted_before: dt.date = _LAST_SESSION,
) -> SearchStrategy[Garment]:
    """A compression garment: a kind for ``limb`` (any, trunk ones included, when None), a class
    its standard has, wear hours with the reported ones no more than prescribed, fitted on or
    before ``fitted_before`` and due for replacement after it.

    .. versionadded:: 0.2.0
    """

    def build(draw: st.DrawFn) -> Garment:
        kinds = _LIMB_GARMENTS[limb] if limb is not None else tuple(GarmentKind)
        kind = draw(st.sampled_from(kinds))
        standard = draw(st.sampled_from(CompressionStandard))
        prescribed = draw(_maybe(st.integers(8, 24).map(float)))
        reported = None
        if prescribed is not None:
            reported = draw(_maybe(st.integers(0, int(prescribed)).map(float)))
        fitted = draw(
            _maybe(_dates_between(fitted_before - dt.timedelta(days=180), fitted_before))
        )
        replace = None
        if fitted is not None:
            replace = draw(_maybe(st.just(max(fitted, fitted_before) + dt.timedelta(days=90))))
        chosen_side = side
        if kind.limb is not None and chosen_side is None and kind is not GarmentKind.PANTYHOSE:
            chosen_side = draw(st.sampled_from(Side))
        return Garment(
            kind=kind,
            side=chosen_side,
            standard=standard,
            compression_class=draw(st.sampled_from(sorted(COMPRESSION_CLASSES[standard]))),
            knit=draw(_maybe(st.sampled_from(Knit))),
            fit=draw(_maybe(st.sampled_from(GarmentFit))),
            prescribed_hours_per_day=prescribed,
            reported_hours_per_day=reported,
            fitted_on=fitted,
            replace_on=replace,
            product=draw(_maybe(st.sampled_from(("Juzo Expert", "medi mediven 550", "Jobst")))),
        )

    return _drawn(build)


@_cached
def bandaging(*, limb: Limb | None = None, side: Side | None = None) -> SearchStrategy[Bandaging]:
    """Compression bandaging on a limb: a system, 1-6 layers, padding, hours worn.

    .. versionadded:: 0.2.0
    """

    def build(draw: st.DrawFn) -> Bandaging:
        return Bandaging(
            limb=limb or draw(st.sampled_from(Limb)),
            side=side or draw(st.sampled_from(Side)),
            system=draw(st.sampled_from(BandageSystem)),
            layers=draw(_maybe(st.integers(1, 6))),
            padding=draw(st.lists(st.sampled_from(BandagePadding), max_size=2, unique=True)),
            wear_hours=draw(_maybe(st.sampled_from((12.0, 22.0, 23.0, 24.0)))),
            extent=draw(_maybe(st.sampled_from(("Toes to groin", "Fingers to axilla")))),
            product=draw(_maybe(st.sampled_from(("Rosidal K", "Comprilan")))),
        )

    return _drawn(build)


def compressions(
    *,
    limbs: tuple[tuple[Limb, Side], ...] = (),
    fitted_before: dt.date = _LAST_SESSION,
) -> SearchStrategy[Compression]:
    """Garments and bandaging on the given (limb, side) pairs (any limb when empty); at least
    one of either.

    .. versionadded:: 0.2.0
    """
    return _compressions(tuple(limbs), fitted_before)


@_cached
def _compressions(
    limbs: tuple[tuple[Limb, Side], ...], fitted_before: dt.date
) -> SearchStrategy[Compression]:
    def build(draw: st.DrawFn) -> Compression:
        places = limbs or ((draw(st.sampled_from(Limb)), draw(st.sampled_from(Side))),)
        worn = []
        wrapped = []
        for limb, side in places:
            if draw(st.booleans()):
                worn.append(draw(garments(limb=limb, side=side, fitted_before=fitted_before)))
            else:
                wrapped.append(draw(bandaging(limb=limb, side=side)))
        return Compression(
            garments=worn,
            bandaging=wrapped,
            notes=draw(_maybe(st.sampled_from(("Night garment to be ordered",)))),
        )

    return _drawn(build)


@_cached
def arterial_checks(
    *,
    side: Side | None = None,
    on_or_before: dt.date = _LAST_SESSION,
    not_before: dt.date = _OLDEST_BIRTH,
    any_abpi: bool = False,
) -> SearchStrategy[ArterialCheck]:
    """An arterial check of a leg within 180 days before ``on_or_before``: a Doppler or
    automated ABPI in the band where compression is safe (0.8-1.3), or with ``any_abpi`` any
    value from 0 to 3 or a clinical assessment with no ABPI.

    .. versionadded:: 0.2.0
    """

    def build(draw: st.DrawFn) -> ArterialCheck:
        methods = list(ArterialCheckMethod) if any_abpi else [ArterialCheckMethod.DOPPLER]
        if not any_abpi:
            methods.append(ArterialCheckMethod.AUTOMATED)
        method = draw(st.sampled_from(methods))
        low, high = (0, 300) if any_abpi else _NORMAL_ABPI
        abpi = None
        if method is not ArterialCheckMethod.CLINICAL_ASSESSMENT:
            abpi = draw(st.integers(low, high)) / 100
        first = max(not_before, on_or_before - dt.timedelta(days=180))
        return ArterialCheck(
            side=side or draw(st.sampled_from(Side)),
            checked_on=draw(_dates_between(first, on_or_before)),
            method=method,
            abpi=abpi,
            checked_by=draw(_maybe(st.sampled_from(("Vascular nurse", "Dr. Jonas Berg")))),
        )

    return _drawn(build)
