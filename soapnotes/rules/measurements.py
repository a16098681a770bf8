"""Measurement rules: circumference series, volumes, ISL stage, Stemmer sign and pitting.

Series with fewer than two points or with distances that do not strictly increase never get
this far: :class:`soapnotes.CircumferenceSeries` refuses them when the note is loaded.
Sources (``docs/sources.md``): ISL 2020 (stages, severity by excess volume), Mayrovitz 2007
(series compare only at the same points; edema on both sides), Stemmer 1976 and Herbst 2021
(the Stemmer sign with lipedema), Brodovicz 2009 (pitting depth by grade); plausible ranges
and landmarks are soapnotes policy.
"""

from __future__ import annotations

from collections.abc import Iterator

from soapnotes.findings import Finding, Severity
from soapnotes.models.client import Client
from soapnotes.models.excess import ExcessBand, band_words, excess_band
from soapnotes.models.limbs import compare_sides
from soapnotes.models.measurements import CircumferenceSeries, volume_change_percent
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import (
    ConditionKind,
    Landmark,
    Limb,
    Side,
    StemmerResult,
)
from soapnotes.rules._core import RuleCode, RuleOptions, iso_date, number

IMPLAUSIBLE = RuleCode(
    code="SN-MS-001",
    severity=Severity.WARNING,
    summary="Circumference outside the plausible range for the limb (configurable)",
    source="soapnotes policy (plausible circumference ranges, set in RuleOptions)",
)
WRONG_LANDMARK = RuleCode(
    code="SN-MS-002",
    severity=Severity.WARNING,
    summary="Landmark does not belong to the limb (wrist/fingertip: arm; ankle/heel: leg)",
    source="soapnotes policy (a series starts at a landmark on its own limb)",
)
SIDES_NOT_COMPARABLE = RuleCode(
    code="SN-MS-003",
    severity=Severity.WARNING,
    summary="One-sided edema: left and right series do not share landmark and points",
    source="Mayrovitz 2007 (segment length changes the volume: both sides at the same points)",
)
PREVIOUS_NOT_COMPARABLE = RuleCode(
    code="SN-MS-004",
    severity=Severity.WARNING,
    summary="Previous series does not share landmark and points with this session's",
    source="Mayrovitz 2007 (segment length changes the volume: same points at each follow-up)",
)
EXCESS_VOLUME = RuleCode(
    code="SN-MS-005",
    severity=Severity.INFO,
    summary="Excess volume and its severity band (one-sided edema only; bands unverified)",
    source="ISL 2020, severity by excess volume (bands: RuleOptions.excess_volume_bands)",
)
VOLUME_CHANGE = RuleCode(
    code="SN-MS-006",
    severity=Severity.INFO,
    summary="Percent change of limb volume since the previous measurement (edema both sides)",
    source="Mayrovitz 2007 (edema on both sides: each limb against its own baseline)",
)
NO_STAGE = RuleCode(
    code="SN-MS-007",
    severity=Severity.WARNING,
    summary="Lymphedema without an ISL stage",
    source="ISL 2020, staging (stages 0 to III)",
)
LIPO_LYMPHEDEMA = RuleCode(
    code="SN-MS-008",
    severity=Severity.INFO,
    summary="Positive Stemmer sign with lipedema suggests lipo-lymphedema",
    source="Stemmer 1976 (the sign of lymphedema); Herbst 2021 (lymphedema with lipedema)",
)
PITTING_LATENT = RuleCode(
    code="SN-MS-009",
    severity=Severity.WARNING,
    summary="Pitting recorded on a limb whose lymphedema is staged 0 (latent)",
    source="ISL 2020, staging (stage 0: latent, no visible swelling)",
)
LATENT_WITH_EXCESS = RuleCode(
    code="SN-MS-010",
    severity=Severity.WARNING,
    summary="Lymphedema staged 0 (latent) with excess volume above the minimal bound",
    source="ISL 2020, staging (stage 0: no swelling) and severity (minimal > 5 %)",
)
LATENT_STEMMER = RuleCode(
    code="SN-MS-011",
    severity=Severity.WARNING,
    summary="Positive Stemmer sign on a limb whose lymphedema is staged 0 (latent)",
    source="ISL 2020, staging (stage 0: latent); Stemmer 1976 (a positive sign marks lymphedema)",
)
PITTING_DEPTH = RuleCode(
    code="SN-MS-012",
    severity=Severity.WARNING,
    summary="Pitting grade two grades or more away from the measured depth (configurable)",
    source="Brodovicz 2009 (about 2 mm of pit per grade: RuleOptions.pitting_mm_per_grade)",
)

_LANDMARKS = {
    Limb.ARM: frozenset({Landmark.WRIST, Landmark.FINGERTIP}),
    Limb.LEG: frozenset({Landmark.ANKLE, Landmark.HEEL}),
}


def _all_series(note: Note) -> Iterator[tuple[str, CircumferenceSeries]]:
    objective = note.session.objective
    for index, series in enumerate(objective.circumferences):
        yield f"$.session.objective.circumferences[{index}]", series
    if objective.previous is not None:
        for index, series in enumerate(objective.previous.circumferences):
            yield f"$.session.objective.previous.circumferences[{index}]", series


def _current_path(note: Note, series: CircumferenceSeries) -> str:
    index = note.session.objective.circumferences.index(series)
    return f"$.session.objective.circumferences[{index}]"


def plausible_circumferences(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Every circumference lies within the plausible range for its limb (an options pair).

    Source: soapnotes policy: a guard against typing slips, not a clinical norm.
    """
    for path, series in _all_series(note):
        low, high = options.circumference_range(series.limb)
        for index, point in enumerate(series.points):
            if not low <= point.circumference_cm <= high:
                yield IMPLAUSIBLE.at(
                    f"{path}.points[{index}].circumference_cm",
                    (
                        "{value} cm is outside the plausible {low}-{high} cm for an arm: "
                        "check the unit and the decimal point"
                        if series.limb is Limb.ARM
                        else "{value} cm is outside the plausible {low}-{high} cm for a leg: "
                        "check the unit and the decimal point"
                    ),
                    value=number(point.circumference_cm, "g"),
                    low=number(low, "g"),
                    high=number(high, "g"),
                )


def landmark_matches_limb(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A series is measured from a landmark on its own limb (wrist for arms, ankle for legs).

    Source: soapnotes policy.
    """
    for path, series in _all_series(note):
        if series.landmark not in _LANDMARKS[series.limb]:
            yield WRONG_LANDMARK.at(
                f"{path}.landmark",
                "the {side!l} {limb!l} series is measured from the {landmark!l}, which is not "
                "on the {limb!l}",
                side=series.side,
                limb=series.limb,
                landmark=series.landmark,
            )


def _one_sided_pairs(
    note: Note,
) -> Iterator[tuple[CircumferenceSeries, CircumferenceSeries]]:
    """(affected, reference) series for each limb with edema on exactly one side."""
    circumferences = note.session.objective.circumferences
    for limb in Limb:
        pair = compare_sides(note.client, circumferences, limb).pair
        if pair is not None:
            yield pair


def sides_comparable(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """For one-sided edema, left and right series share landmark and points, or excess
    volume cannot be computed (the interval changes the volume).

    Source: Mayrovitz 2007 (the segment length changes the computed volume).
    """
    for affected, reference in _one_sided_pairs(note):
        if not affected.comparable_with(reference):
            yield SIDES_NOT_COMPARABLE.at(
                _current_path(note, reference),
                "the {side!l} {limb!l} series does not share landmark and points with the "
                "{affected!l} {limb!l} series, so excess volume cannot be computed",
                side=reference.side,
                limb=reference.limb,
                affected=affected.side,
            )


def previous_comparable(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A previous series is taken at the same landmark and points as this session's.

    Source: Mayrovitz 2007 (the segment length changes the computed volume).
    """
    objective = note.session.objective
    if objective.previous is None:
        return
    for index, earlier in enumerate(objective.previous.circumferences):
        current = objective.series(earlier.limb, earlier.side)
        if current is not None and not current.comparable_with(earlier):
            yield PREVIOUS_NOT_COMPARABLE.at(
                f"$.session.objective.previous.circumferences[{index}]",
                "the previous {side!l} {limb!l} series does not share landmark and points "
                "with this session's, so the volumes do not compare",
                side=earlier.side,
                limb=earlier.limb,
            )


def severity_band(percent: float, options: RuleOptions) -> str:
    """The excess-volume band in words under ``options.excess_volume_bands``
    (:func:`soapnotes.models.excess.excess_band`, the one classification): minimal is
    strictly above its bound (ISL 2020: "> 5 %"), moderate includes 20 and 40 %, severe is
    above 40 %; a negative excess is the affected limb smaller than the reference."""
    bands = options.excess_volume_bands
    return band_words(excess_band(percent, bands), bands)


def excess_volume(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Reports excess volume, and its severity band, only for one-sided edema with a
    comparable reference limb.

    Source: ISL 2020, severity by excess volume; the one definition of when it exists is
    :func:`soapnotes.models.limbs.compare_sides` (bands are options).
    """
    circumferences = note.session.objective.circumferences
    for limb in Limb:
        excess = compare_sides(note.client, circumferences, limb).excess
        if excess is None:
            continue
        affected = note.session.objective.series(limb, excess.affected)
        assert affected is not None  # noqa: S101 - an excess needs the affected series
        percent = excess.excess_percent
        yield _excess_finding(
            _current_path(note, affected),
            excess_band(percent, options.excess_volume_bands),
            options.excess_volume_bands,
            side=affected.side,
            limb=limb,
            ml=number(excess.excess_ml, ".0f"),
            percent=number(percent, ".1f"),
            reference=excess.reference,
        )


def _excess_finding(
    path: str, band: ExcessBand, bands: tuple[float, float, float], **params: object
) -> Finding:
    """SN-MS-005 worded for its band, as :func:`soapnotes.models.excess.band_words` says it."""
    low, middle, high = (number(bound, "g") for bound in bands)
    if band is ExcessBand.SMALLER:
        return EXCESS_VOLUME.at(
            path,
            "{side!l} {limb!l} excess volume {ml} mL, {percent} % over the {reference!l} "
            "{limb!l}: affected limb smaller than the reference",
            **params,
        )
    if band is ExcessBand.BELOW_MINIMAL:
        return EXCESS_VOLUME.at(
            path,
            "{side!l} {limb!l} excess volume {ml} mL, {percent} % over the {reference!l} "
            "{limb!l}: below the minimal band (<= {low} %)",
            low=low,
            **params,
        )
    if band is ExcessBand.MINIMAL:
        return EXCESS_VOLUME.at(
            path,
            "{side!l} {limb!l} excess volume {ml} mL, {percent} % over the {reference!l} "
            "{limb!l}: minimal (> {low} to < {middle} %)",
            low=low,
            middle=middle,
            **params,
        )
    if band is ExcessBand.MODERATE:
        return EXCESS_VOLUME.at(
            path,
            "{side!l} {limb!l} excess volume {ml} mL, {percent} % over the {reference!l} "
            "{limb!l}: moderate ({middle}-{high} %)",
            middle=middle,
            high=high,
            **params,
        )
    return EXCESS_VOLUME.at(
        path,
        "{side!l} {limb!l} excess volume {ml} mL, {percent} % over the {reference!l} "
        "{limb!l}: severe (> {high} %)",
        high=high,
        **params,
    )


def volume_change(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """For edema on both sides, reports the percent change of each limb's volume since the
    previous measurement instead of an excess volume.

    Source: Mayrovitz 2007 (edema on both sides: no reference limb, so each limb's change).
    """
    objective = note.session.objective
    if objective.previous is None:
        return
    for earlier in objective.previous.circumferences:
        if note.client.swollen_sides(earlier.limb) != frozenset(Side):
            continue
        current = objective.series(earlier.limb, earlier.side)
        if current is None or not current.comparable_with(earlier):
            continue
        change = volume_change_percent(earlier.volume_ml, current.volume_ml)
        yield VOLUME_CHANGE.at(
            _current_path(note, current),
            "{side!l} {limb!l} volume {ml} mL, {change} % since {on} (edema on both sides: "
            "no excess volume)",
            side=current.side,
            limb=current.limb,
            ml=number(current.volume_ml, ".0f"),
            change=number(change, "+.1f"),
            on=iso_date(objective.previous.measured_on),
        )


def lymphedema_staged(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A lymphedema condition carries its ISL stage (0 to III).

    Source: ISL 2020, staging.
    """
    for index, condition in enumerate(note.client.conditions):
        if condition.kind is ConditionKind.LYMPHEDEMA and condition.isl_stage is None:
            yield NO_STAGE.at(
                f"$.client.conditions[{index}].isl_stage",
                "lymphedema is recorded without an ISL stage (0 to III)",
            )


def stemmer_with_lipedema(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A positive Stemmer sign on a limb with lipedema suggests lipo-lymphedema, unless
    lymphedema is already recorded there.

    Source: Stemmer 1976 (a positive sign marks lymphedema); Herbst 2021 (lymphedema as a
    comorbidity of lipedema).
    """
    conditions = note.client.conditions
    for index, sign in enumerate(note.session.objective.stemmer):
        if sign.result is not StemmerResult.POSITIVE:
            continue
        on_limb = {c.kind for c in conditions if c.covers(sign.limb, sign.side)}
        if ConditionKind.LIPEDEMA in on_limb and ConditionKind.LYMPHEDEMA not in on_limb:
            yield LIPO_LYMPHEDEMA.at(
                f"$.session.objective.stemmer[{index}].result",
                "positive Stemmer sign on the {side!l} {limb!l} with lipedema suggests "
                "lipo-lymphedema: consider assessment",
                side=sign.side,
                limb=sign.limb,
            )


def _latent(client: Client, limb: Limb, side: Side) -> bool:
    """True when the lymphedema on ``limb`` and ``side`` is staged 0, and only 0."""
    stages = {
        c.isl_stage
        for c in client.conditions
        if c.kind is ConditionKind.LYMPHEDEMA and c.covers(limb, side)
    }
    return stages == {0}


def latent_stage_consistent(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Stage 0 is latent lymphedema: no visible swelling. An excess volume above the minimal
    bound (more than 5 % by default) or a positive Stemmer sign on that limb contradicts it:
    check the stage.

    Source: ISL 2020, staging and severity; Stemmer 1976.
    """
    objective = note.session.objective
    bands = options.excess_volume_bands
    for limb in Limb:
        excess = compare_sides(note.client, objective.circumferences, limb).excess
        if excess is None or not _latent(note.client, limb, excess.affected):
            continue
        percent = excess.excess_percent
        if excess_band(percent, bands) in (ExcessBand.SMALLER, ExcessBand.BELOW_MINIMAL):
            continue
        affected = objective.series(limb, excess.affected)
        assert affected is not None  # noqa: S101 - an excess needs the affected series
        yield LATENT_WITH_EXCESS.at(
            _current_path(note, affected),
            "{side!l} {limb!l} excess volume is {percent} %, above the minimal {low} %, but "
            "its lymphedema is staged 0 (latent, no swelling): check the stage",
            side=affected.side,
            limb=limb,
            percent=number(percent, ".1f"),
            low=number(bands[0], "g"),
        )
    for index, sign in enumerate(objective.stemmer):
        if sign.result is StemmerResult.POSITIVE and _latent(note.client, sign.limb, sign.side):
            yield LATENT_STEMMER.at(
                f"$.session.objective.stemmer[{index}].result",
                "positive Stemmer sign on the {side!l} {limb!l}, whose lymphedema is staged 0 "
                "(latent): check the stage",
                side=sign.side,
                limb=sign.limb,
            )


def pitting_depth_consistent(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A pitting grade and its measured depth agree to within a grade: at
    ``RuleOptions.pitting_mm_per_grade`` (2 mm) per grade, 1+ at 8 mm (a 4+ depth) is
    flagged, 2+ at 5 mm is not.

    Source: Brodovicz 2009 (about 2, 4, 6 and 8 mm for 1+ to 4+; sources disagree, so the
    depth per grade is a policy).
    """
    per_grade = options.pitting_mm_per_grade
    for index, pitting in enumerate(note.session.objective.pitting):
        depth = pitting.depth_mm
        if depth is None or abs(depth / per_grade - pitting.grade) < 2:
            continue
        yield PITTING_DEPTH.at(
            f"$.session.objective.pitting[{index}].depth_mm",
            "pitting {grade} on the {side!l} {limb!l} measured {depth} mm deep, where about "
            "{expected} mm is expected: check the grade or the depth",
            grade=pitting.grade_label,
            side=pitting.side,
            limb=pitting.limb,
            depth=number(depth, "g"),
            expected=number(pitting.grade * per_grade, "g"),
        )


def pitting_consistent_with_stage(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Pitting contradicts only stage 0 (latent: no visible swelling). Stage I may pit, stage
    II pits, stage III may not pit (fibrosis), so neither pitting nor its absence is flagged
    there.

    Source: ISL 2020, staging.
    """
    for index, pitting in enumerate(note.session.objective.pitting):
        if pitting.grade == 0:
            continue
        if _latent(note.client, pitting.limb, pitting.side):
            yield PITTING_LATENT.at(
                f"$.session.objective.pitting[{index}].grade",
                "pitting {grade} on the {side!l} {limb!l}, whose lymphedema is staged 0 "
                "(latent, no visible swelling): check the stage",
                grade=pitting.grade_label,
                side=pitting.side,
                limb=pitting.limb,
            )
