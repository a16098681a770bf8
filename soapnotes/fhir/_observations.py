"""The session's measurements as FHIR R4 Observations.

One Observation per circumference series (a component per tape point, in UCUM ``cm``, and
the volume computed by the series' method in ``mL``), the pain score, each Stemmer sign and
pitting grade, the weight, every device volume and L-Dex reading; then (export layout 2)
the intake height, the BMI computed from weight and height, each outcome score and each
garment's reported wear. None has both a value and a data-absent reason (obs-6), and no
component repeats the Observation's own code (obs-7).

Each Observation comes with the parts of its resource id (``_bundle``): the first ones are
numbered by position, as in layout 1; the later ones are named by what they hold, so that
``_read`` finds the Observation a value of the carried note was moved to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from soapnotes.fhir import _codes as c
from soapnotes.fhir._resources import Resource, ref
from soapnotes.fhir._text import fhir_instant, fhir_string, number
from soapnotes.models.measurements import CircumferenceSeries
from soapnotes.models.note import Note
from soapnotes.models.outcomes import OutcomeScore

#: An Observation and the parts its id is derived from.
Keyed = tuple[tuple[str, ...], Resource]


def _quantity(value: float, unit: str, code: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"value": number(value), "unit": unit}
    if code is not None:
        out["system"] = c.UCUM
        out["code"] = code
    return out


def _concept(code: c.Code, text: str | None = None) -> dict[str, Any]:
    return {"coding": [code.coding()], "text": text or code.display}


class _Builder:
    """Observations of one note, all sharing subject, encounter, time and performer."""

    def __init__(self, note: Note, urls: dict[str, str]) -> None:
        self.note = note
        self.common = {
            "subject": ref(urls["patient"]),
            "encounter": ref(urls["encounter"]),
            "effectiveDateTime": fhir_instant(note.session.start),
            "performer": [ref(urls["practitioner"])],
        }

    def observation(self, category: c.Code, code: dict[str, Any], **rest: Any) -> Resource:
        return {
            "resourceType": "Observation",
            "status": "final",
            "category": [{"coding": [category.coding()]}],
            "code": code,
            **self.common,
            **rest,
        }

    def series(self, series: CircumferenceSeries) -> Resource:
        limb = f"{series.side.label} {series.limb.value}"
        components = [
            {
                "extension": [
                    {
                        "url": c.DISTANCE_EXTENSION,
                        "valueQuantity": _quantity(point.distance_cm, "cm", "cm"),
                    }
                ],
                "code": _concept(
                    c.CIRCUMFERENCE_AT,
                    f"Circumference at {point.distance_cm:g} cm from the {series.landmark.value}",
                ),
                "valueQuantity": _quantity(point.circumference_cm, "cm", "cm"),
            }
            for point in series.points
        ]
        components.append(
            {
                "code": _concept(c.TAPE_VOLUME, f"Volume ({series.method.value} method)"),
                "valueQuantity": _quantity(round(series.volume_ml, 1), "mL", "mL"),
            }
        )
        return self.observation(
            c.CATEGORY_EXAM,
            _concept(
                c.CIRCUMFERENCE_SERIES,
                f"{limb} circumferences from the {series.landmark.value}, every "
                f"{series.interval_cm:g} cm",
            ),
            bodySite=c.limb_site(series.limb, series.side, limb),
            component=components,
        )

    def all(self) -> list[Resource]:
        session = self.note.session
        objective = session.objective
        out = [self.series(series) for series in objective.circumferences]
        if session.subjective.pain is not None:
            out.append(
                self.observation(
                    c.CATEGORY_SURVEY, _concept(c.PAIN), valueInteger=session.subjective.pain
                )
            )
        for sign in objective.stemmer:
            limb = f"{sign.side.label} {sign.limb.value}"
            extra: dict[str, Any] = {}
            if sign.grade is not None:
                extra["component"] = [
                    {"code": _concept(c.STEMMER_GRADE), "valueInteger": sign.grade}
                ]
            out.append(
                self.observation(
                    c.CATEGORY_EXAM,
                    _concept(c.STEMMER),
                    valueCodeableConcept={"text": sign.result.value},
                    bodySite=c.limb_site(sign.limb, sign.side, limb),
                    **extra,
                )
            )
        out += [self._pitting(index) for index in range(len(objective.pitting))]
        if objective.weight_kg is not None:
            out.append(
                self.observation(
                    c.CATEGORY_VITALS,
                    _concept(c.BODY_WEIGHT),
                    valueQuantity=_quantity(objective.weight_kg, "kg", "kg"),
                )
            )
        for volume in objective.volumes:
            limb = f"{volume.side.label} {volume.limb.value}"
            out.append(
                self.observation(
                    c.CATEGORY_EXAM,
                    _concept(c.DEVICE_VOLUME, f"Limb volume ({volume.method.label})"),
                    valueQuantity=_quantity(volume.volume_ml, "mL", "mL"),
                    bodySite=c.limb_site(volume.limb, volume.side, limb),
                )
            )
        for reading in objective.bioimpedance:
            limb = f"{reading.side.label} {reading.limb.value}"
            out.append(
                self.observation(
                    c.CATEGORY_EXAM,
                    _concept(c.LDEX),
                    valueQuantity=_quantity(reading.ldex, "L-Dex units"),
                    bodySite=c.limb_site(reading.limb, reading.side, limb),
                )
            )
        return out

    def _pitting(self, index: int) -> Resource:
        pitting = self.note.session.objective.pitting[index]
        limb = f"{pitting.side.label} {pitting.limb.value}"
        components = []
        if pitting.depth_mm is not None:
            components.append(
                {
                    "code": _concept(c.PITTING_DEPTH),
                    "valueQuantity": _quantity(pitting.depth_mm, "mm", "mm"),
                }
            )
        if pitting.rebound_s is not None:
            components.append(
                {
                    "code": _concept(c.PITTING_REBOUND),
                    "valueQuantity": _quantity(pitting.rebound_s, "s", "s"),
                }
            )
        site = limb if pitting.location is None else f"{limb}, {pitting.location}"
        extra: dict[str, Any] = {"component": components} if components else {}
        return self.observation(
            c.CATEGORY_EXAM,
            _concept(c.PITTING, f"Pitting edema grade {pitting.grade_label}"),
            valueInteger=pitting.grade,
            bodySite=c.limb_site(pitting.limb, pitting.side, fhir_string(site)),
            **extra,
        )

    def outcome(self, score: OutcomeScore) -> Resource:
        components: list[dict[str, Any]] = [
            {
                "code": _concept(c.DOMAINS[item.domain]),
                "valueQuantity": _quantity(item.score, "score", "{score}"),
            }
            for item in score.domains
        ]
        if score.overall is not None:
            components.append(
                {
                    "code": _concept(c.OUTCOME_OVERALL),
                    "valueQuantity": _quantity(score.overall, "score", "{score}"),
                }
            )
        return {
            **self.observation(c.CATEGORY_SURVEY, _concept(c.INSTRUMENTS[score.instrument])),
            "effectiveDateTime": score.completed_on.isoformat(),
            "component": components,
        }

    def added(self, urls: dict[str, str]) -> list[Keyed]:
        """The Observations of export layout 2 for what layout 1 carried in its extension."""
        note = self.note
        out: list[Keyed] = []
        intake = note.client.intake
        if intake is not None and intake.height_cm is not None:
            height = self.observation(
                c.CATEGORY_VITALS,
                _concept(c.BODY_HEIGHT),
                valueQuantity=_quantity(intake.height_cm, "cm", "cm"),
            )
            if intake.recorded_on is not None:  # measured at intake, not at this session
                height["effectiveDateTime"] = intake.recorded_on.isoformat()
            out.append((("height",), height))
        bmi = note.bmi
        if bmi is not None:
            out.append(
                (
                    ("bmi",),
                    self.observation(
                        c.CATEGORY_VITALS,
                        _concept(c.BMI),
                        valueQuantity=_quantity(round(bmi, 1), "kg/m2", "kg/m2"),
                        derivedFrom=[ref(urls["weight"]), ref(urls["height"])],
                    ),
                )
            )
        for index, score in enumerate(note.session.assessment.outcomes):
            out.append((("outcome", str(index)), self.outcome(score)))
        compression = note.session.compression
        for index, garment in enumerate(() if compression is None else compression.garments):
            if garment.reported_hours_per_day is None:
                continue
            what = garment.kind.label
            if garment.side is not None:
                what = f"{what}, {garment.side.label}"
            extra: dict[str, Any] = {}
            if garment.limb is not None:
                extra["bodySite"] = c.limb_site(garment.limb, garment.side, fhir_string(what))
            out.append(
                (
                    ("garment-wear", str(index)),
                    self.observation(
                        c.CATEGORY_SURVEY,
                        _concept(c.GARMENT_WEAR, fhir_string(f"Reported wear: {what}")),
                        valueQuantity=_quantity(garment.reported_hours_per_day, "h/d", "h/d"),
                        **extra,
                    ),
                )
            )
        return out


def observations(
    note: Note, urls: dict[str, str], url_of: Callable[..., str], *, layout: int = 2
) -> list[Keyed]:
    """Every Observation of the note's session, in a fixed order, with its id parts
    (``url_of(*parts)`` is the ``fullUrl`` they give)."""
    builder = _Builder(note, urls)
    first: list[Keyed] = [
        (("observation", str(index)), resource) for index, resource in enumerate(builder.all())
    ]
    if layout == 1:
        return first
    derived = {"height": url_of("height")}
    for parts, resource in first:
        if resource["code"]["coding"][0]["code"] == c.BODY_WEIGHT.code:
            derived["weight"] = url_of(*parts)
    return first + builder.added(derived)
