"""The session's measurements as FHIR R4 Observations.

One Observation per circumference series (a component per tape point, in UCUM ``cm``, and
the volume computed by the series' method in ``mL``), the pain score, each Stemmer sign and
pitting grade, the weight, every device volume and L-Dex reading. None has both a value and
a data-absent reason (obs-6), and no component repeats the Observation's own code (obs-7).
"""

from __future__ import annotations

from typing import Any

from soapnotes.fhir import _codes as c
from soapnotes.fhir._resources import Resource, ref
from soapnotes.fhir._text import fhir_instant, fhir_string, number
from soapnotes.models.measurements import CircumferenceSeries
from soapnotes.models.note import Note


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


def observations(note: Note, urls: dict[str, str]) -> list[Resource]:
    """Every Observation of the note's session, in a fixed order."""
    return _Builder(note, urls).all()
