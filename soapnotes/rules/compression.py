"""Compression rules: the arterial check (ABPI) before leg compression, garment wear and age.

Compression of a leg with poor arterial supply can cause pressure damage and ischaemia, so
the arterial supply is checked first, by the ankle-brachial pressure index (ABPI) (Lymphoedema
Framework 2006), or by a documented clinical vascular assessment where an ABPI cannot be
taken and the clinic accepts it (BLS 2018; ``RuleOptions.accept_clinical_vascular_assessment``).
The ABPI bands are ``RuleOptions.abpi_bands``. Sources are in ``docs/sources.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from soapnotes.findings import Finding, Severity
from soapnotes.models.client import Client
from soapnotes.models.compression import ArterialCheck, ArterialCheckMethod
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import HomeCareKind, Limb, Side
from soapnotes.rules._core import RuleCode, RuleOptions, all_of, number
from soapnotes.rules._mld import LOWER

_ABPI = "Lymphoedema Framework 2006 (arterial assessment by ABPI before compression"

NO_ARTERIAL_CHECK = RuleCode(
    code="SN-CP-001",
    severity=Severity.ERROR,
    summary="Leg compression with no arterial check (ABPI) of that leg on file",
    source=(
        f"{_ABPI}); BLS 2018 (a clinical vascular assessment instead, when the clinic "
        "accepts it: RuleOptions.accept_clinical_vascular_assessment)"
    ),
)
HOME_CARE_UNCHECKED = RuleCode(
    code="SN-CP-002",
    severity=Severity.WARNING,
    summary="Compression home care for a client with a swollen leg and no arterial check",
    source=f"{_ABPI}); soapnotes policy (compression home care names no limb)",
)
ABPI_CONTRAINDICATED = RuleCode(
    code="SN-CP-003",
    severity=Severity.ERROR,
    summary="Leg compressed with an ABPI below the lowest band (default 0.5)",
    source=f"{_ABPI}: compression contraindicated; RuleOptions.abpi_bands)",
)
ABPI_REDUCED = RuleCode(
    code="SN-CP-004",
    severity=Severity.WARNING,
    summary="Leg compressed with an ABPI in the reduced band (default 0.5-0.8)",
    source=f"{_ABPI}: reduced compression, specialist supervision; RuleOptions.abpi_bands)",
)
ABPI_HIGH = RuleCode(
    code="SN-CP-005",
    severity=Severity.WARNING,
    summary="Leg compressed with an ABPI above the upper band (default 1.3): unreliable",
    source=f"{_ABPI}: incompressible arteries; RuleOptions.abpi_bands)",
)
ABPI_STALE = RuleCode(
    code="SN-CP-006",
    severity=Severity.WARNING,
    summary="Arterial check older than the clinic's maximum age (default 365 days)",
    source="soapnotes policy (RuleOptions.abpi_max_age_days; no source fixes the interval)",
)
GARMENT_DUE = RuleCode(
    code="SN-CP-007",
    severity=Severity.INFO,
    summary="Compression garment due for replacement by the session date",
    source="Lymphoedema Framework 2006 (garments lose pressure and are replaced regularly)",
)
GARMENT_UNDERWORN = RuleCode(
    code="SN-CP-008",
    severity=Severity.INFO,
    summary="Garment worn fewer hours than prescribed (default below 80 %)",
    source="soapnotes policy (RuleOptions.garment_adherence_percent)",
)

_CLINICAL = ArterialCheckMethod.CLINICAL_ASSESSMENT


def _compressed_legs(note: Note) -> dict[Side, str]:
    """Each compressed leg side and the ``$.path`` of the first garment or bandage on it."""
    out: dict[Side, str] = {}
    compression = note.session.compression
    if compression is None:
        return out
    for index, garment in enumerate(compression.garments):
        if garment.limb is Limb.LEG:
            for side in sorted(garment.sides, key=lambda s: s.value):
                out.setdefault(side, f"$.session.compression.garments[{index}]")
    for index, bandage in enumerate(compression.bandaging):
        if bandage.limb is Limb.LEG:
            out.setdefault(bandage.side, f"$.session.compression.bandaging[{index}]")
    return out


def _usable_check(
    client: Client, side: Side, day: dt.date, options: RuleOptions
) -> ArterialCheck | None:
    """The latest check of the leg on or before ``day`` that the clinic's policy accepts."""
    accepted = [
        c
        for c in client.arterial_checks
        if c.side is side
        and c.checked_on <= day
        and (c.method is not _CLINICAL or options.accept_clinical_vascular_assessment)
    ]
    return max(accepted, key=lambda c: c.checked_on, default=None)


def _check_path(client: Client, check: ArterialCheck) -> str:
    return f"$.client.arterial_checks[{client.arterial_checks.index(check)}]"


def arterial_check_before_compression(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A compressed leg needs an arterial check on file, dated on or before the session.

    A clinical vascular assessment without an ABPI counts only when the clinic's policy
    accepts it (BLS 2018); a check dated after the session did not inform it.

    Source: Lymphoedema Framework 2006; BLS 2018.
    """
    day = note.session.start.date()
    client = note.client
    for side, path in _compressed_legs(note).items():
        if _usable_check(client, side, day, options) is not None:
            continue
        clinical_only = any(
            c.side is side and c.method is _CLINICAL and c.checked_on <= day
            for c in client.arterial_checks
        )
        yield NO_ARTERIAL_CHECK.at(
            path,
            (
                "the {side!l} leg is compressed but only a clinical vascular assessment is on "
                "file, which this clinic's policy does not accept in place of an ABPI"
                if clinical_only
                else "the {side!l} leg is compressed but no arterial check (ABPI) of that leg "
                "is on file on or before the session"
            ),
            side=side,
        )


def abpi_band(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """The latest ABPI of a compressed leg decides how it may be compressed.

    Below the lowest band compression is contraindicated (refer); in the reduced band only
    reduced compression under specialist supervision; above the upper band the arteries may
    be incompressible and the index unreliable. A check older than the clinic's maximum age
    is a warning too.

    Source: Lymphoedema Framework 2006; soapnotes policy (the maximum age).
    """
    day = note.session.start.date()
    low, reduced, high = options.abpi_bands
    client = note.client
    for side in _compressed_legs(note):
        check = _usable_check(client, side, day, options)
        if check is None:
            continue  # reported by arterial_check_before_compression
        path = _check_path(client, check)
        age = (day - check.checked_on).days
        if age > options.abpi_max_age_days:
            yield ABPI_STALE.at(
                f"{path}.checked_on",
                "the arterial check of the {side!l} leg is {days} days old (from {on}); this "
                "clinic repeats it after {most} days",
                side=side,
                days=age,
                on=check.checked_on,
                most=options.abpi_max_age_days,
            )
        value = check.abpi
        if value is None:
            continue
        bounds = {"low": number(low, "g"), "reduced": number(reduced, "g")}
        shown = number(value, ".2f")
        if value < low:
            yield ABPI_CONTRAINDICATED.at(
                f"{path}.abpi",
                "the {side!l} leg is compressed with an ABPI of {abpi} (below {low}): "
                "compression is contraindicated; refer for vascular assessment",
                side=side,
                abpi=shown,
                low=bounds["low"],
            )
        elif value < reduced:
            yield ABPI_REDUCED.at(
                f"{path}.abpi",
                "the {side!l} leg has an ABPI of {abpi} ({low}-{reduced}): only reduced "
                "compression, under specialist supervision",
                side=side,
                abpi=shown,
                **bounds,
            )
        elif value > high:
            yield ABPI_HIGH.at(
                f"{path}.abpi",
                "the {side!l} leg has an ABPI of {abpi} (above {high}): the arteries may be "
                "incompressible and the index unreliable; seek a specialist assessment",
                side=side,
                abpi=shown,
                high=number(high, "g"),
            )


def home_care_compression(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Compression home care with a swollen leg and no arterial check of it on file.

    Home care names no limb, so this is a warning: record the compression (which limb) and
    the arterial check, or confirm the compression is for an arm.

    Source: Lymphoedema Framework 2006; soapnotes policy.
    """
    compressed = _compressed_legs(note)
    day = note.session.start.date()
    client = note.client
    unchecked = [
        side
        for side in sorted(client.swollen_sides(Limb.LEG), key=lambda s: s.value)
        if side not in compressed and _usable_check(client, side, day, options) is None
    ]
    if not unchecked:
        return
    for index, item in enumerate(note.session.plan.home_care):
        if item.kind is HomeCareKind.COMPRESSION:
            yield HOME_CARE_UNCHECKED.at(
                f"$.session.plan.home_care[{index}]",
                (
                    "compression is planned and the {side!l} leg is swollen, but no arterial "
                    "check (ABPI) of it is on file: record it before leg compression"
                    if len(unchecked) == 1
                    else "compression is planned and the {sides} leg is swollen, but no "
                    "arterial check (ABPI) of it is on file: record it before leg compression"
                ),
                side=unchecked[0],
                sides=all_of(unchecked, LOWER),
            )
            return


def garment_wear(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Garments due for replacement, and garments worn less than prescribed.

    Source: Lymphoedema Framework 2006 (replacement); soapnotes policy (the adherence share).
    """
    compression = note.session.compression
    if compression is None:
        return
    day = note.session.start.date()
    for index, garment in enumerate(compression.garments):
        path = f"$.session.compression.garments[{index}]"
        if garment.replace_on is not None and garment.replace_on <= day:
            yield GARMENT_DUE.at(
                f"{path}.replace_on",
                "the {garment!l} was due for replacement on {on}",
                garment=garment.kind,
                on=garment.replace_on,
            )
        adherence = garment.adherence_percent
        if adherence is not None and adherence < options.garment_adherence_percent:
            yield GARMENT_UNDERWORN.at(
                f"{path}.reported_hours_per_day",
                "the {garment!l} is worn {share} % of the prescribed hours (below {least} %)",
                garment=garment.kind,
                share=number(adherence, ",.0f"),
                least=number(options.garment_adherence_percent, "g"),
            )
