"""The note as a FHIR R4 document Bundle: the Composition first, then what it refers to.

The Composition's four SOAP sections carry XHTML narratives of the note's text; its
``extension`` carries the note itself in the interchange layout (base64 JSON, schema 2),
so :func:`soapnotes.fhir.from_bundle` gives back exactly the note that was exported.
Resource ids and ``fullUrl``s are UUIDs derived from the session id (the same note always
gives the same ids); the Bundle's identifier from the note's whole content.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import uuid
from typing import Any, Literal

from soapnotes.fhir import _codes as c
from soapnotes.fhir._observations import observations
from soapnotes.fhir._resources import (
    Resource,
    condition,
    consent,
    encounter,
    organization,
    patient,
    practitioner,
    procedure,
    provenance,
    ref,
)
from soapnotes.fhir._text import fhir_instant, fhir_string, narrative
from soapnotes.models.note import Note

NoteType = Literal["progress", "physical_therapy"]

_NAMESPACE = uuid.UUID("6f1c0a52-5d3e-4b8e-9a57-3c1f0e2d9b41")  # soapnotes FHIR ids


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))


def note_json(note: Note) -> bytes:
    """The note in the interchange layout as compact UTF-8 JSON (what the bundle carries)."""
    from soapnotes.io import to_dict

    return json.dumps(to_dict(note), ensure_ascii=False, separators=(",", ":")).encode()


def _subjective(note: Note) -> list[tuple[str, str]]:
    s = note.session.subjective
    lines = [("Chief complaint", s.chief_complaint)]
    if s.pain is not None:
        lines.append(("Pain (0-10)", str(s.pain)))
    lines += [("Symptom", symptom) for symptom in s.symptoms]
    for effect in s.after_effects:
        hours = "" if effect.duration_hours is None else f" ({effect.duration_hours:g} h)"
        lines.append(
            ("After the last session", f"{effect.description or effect.kind.label}{hours}")
        )
    if s.notes is not None:
        lines.append(("Notes", s.notes))
    return lines


def _objective(note: Note) -> list[tuple[str, str]]:
    o = note.session.objective
    lines = [] if o.observations is None else [("Observations", o.observations)]
    for series in o.circumferences:
        lines.append(
            (
                f"{series.side.label} {series.limb.value} volume",
                f"{series.volume_ml:.0f} mL ({series.method.value} method, "
                f"{len(series.points)} tape measurements)",
            )
        )
    lines += [(f"Stemmer sign, {s.side.value} {s.limb.value}", s.result.value) for s in o.stemmer]
    lines += [(f"Pitting, {p.side.value} {p.limb.value}", p.grade_label) for p in o.pitting]
    lines += [("Skin", skin) for skin in o.skin]
    if o.weight_kg is not None:
        lines.append(("Weight", f"{o.weight_kg:g} kg"))
    lines += [(v.label, f"{v.volume_ml:g} mL") for v in o.volumes]
    lines += [(f"L-Dex, {b.side.value} {b.limb.value}", f"{b.ldex:g}") for b in o.bioimpedance]
    lines += [
        ("Treated", region.label + f" ({region.minutes} min)") for region in note.session.treatment
    ]
    return lines


def _assessment(note: Note) -> list[tuple[str, str]]:
    a = note.session.assessment
    lines = [("Summary", a.summary)]
    if a.response is not None:
        lines.append(("Response", a.response.label))
    if a.goals_progress is not None:
        lines.append(("Goals", a.goals_progress))
    lines += [("Goal", f"{goal.description} ({goal.status.label})") for goal in a.goals]
    return lines


def _plan(note: Note) -> list[tuple[str, str]]:
    p = note.session.plan
    lines = [] if p.frequency is None else [("Frequency", p.frequency)]
    if p.next_session is not None:
        lines.append(("Next session", p.next_session.isoformat()))
    lines += [("Home care", care.detail or care.kind.label) for care in p.home_care]
    lines += [("Referral", f"{r.to}: {r.reason}") for r in p.referrals]
    if p.notes is not None:
        lines.append(("Notes", p.notes))
    return lines


def _section(name: str, lines: list[tuple[str, str]], entries: list[str]) -> dict[str, Any]:
    code = c.SECTIONS[name]
    out: dict[str, Any] = {
        "title": name.capitalize(),
        "code": {"coding": [code.coding()]},
        "text": narrative(lines, f"Nothing {name} recorded."),
    }
    if entries:
        out["entry"] = [ref(url) for url in entries]
    return out


def _composition(
    note: Note, urls: dict[str, str], refs: dict[str, list[str]], note_type: NoteType
) -> Resource:
    session = note.session
    signature = note.signature
    date = signature.signed_at if signature is not None else session.start
    out: Resource = {
        "resourceType": "Composition",
        "extension": [
            {
                "url": c.NOTE_EXTENSION,
                "valueAttachment": {
                    "contentType": "application/json",
                    "data": base64.b64encode(note_json(note)).decode("ascii"),
                },
            }
        ],
        "status": "final" if signature is not None else "preliminary",
        "type": {"coding": [c.NOTE_TYPES[note_type].coding()]},
        "subject": ref(urls["patient"]),
        "encounter": ref(urls["encounter"]),
        "date": fhir_instant(date),
        "author": [ref(urls["practitioner"])],
        "title": fhir_string(f"{session.modality.label} treatment note"),
        "custodian": ref(urls["organization"]),
        "event": [
            {"period": {"start": fhir_instant(session.start)}, "detail": [ref(urls["procedure"])]}
        ],
        "section": [
            _section("subjective", _subjective(note), refs["subjective"]),
            _section("objective", _objective(note), refs["objective"]),
            _section("assessment", _assessment(note), refs["assessment"]),
            _section("plan", _plan(note), []),
        ],
    }
    if signature is not None:
        out["attester"] = [
            {
                "mode": "legal",
                "time": fhir_instant(signature.signed_at),
                "party": ref(urls["practitioner"]),
            }
        ]
    return out


def build_bundle(
    note: Note, *, note_type: NoteType, cpt: bool, timestamp: dt.datetime
) -> dict[str, Any]:
    """The document Bundle (see :func:`soapnotes.fhir.to_bundle`)."""
    sid = note.session.id
    kinds = ("composition", "patient", "practitioner", "organization", "encounter", "procedure")
    urls = {kind: f"urn:uuid:{_uuid(sid, kind)}" for kind in kinds}
    resources: list[tuple[str, Resource]] = [
        (urls["patient"], patient(note)),
        (urls["practitioner"], practitioner(note)),
        (urls["organization"], organization(note)),
        (urls["encounter"], encounter(note, urls)),
        (urls["procedure"], procedure(note, urls, cpt=cpt)),
    ]
    refs: dict[str, list[str]] = {"subjective": [], "objective": [], "assessment": []}
    for index, item in enumerate(note.client.conditions):
        url = f"urn:uuid:{_uuid(sid, 'condition', str(index))}"
        resources.append((url, condition(note, item, urls)))
        refs["assessment"].append(url)
    for index, observation in enumerate(observations(note, urls)):
        url = f"urn:uuid:{_uuid(sid, 'observation', str(index))}"
        resources.append((url, observation))
        pain = observation["code"]["coding"][0]["code"] == c.PAIN.code
        refs["subjective" if pain else "objective"].append(url)
    for kind, extra in (("consent", consent(note, urls)), ("provenance", provenance(note, urls))):
        if extra is not None:
            resources.append((f"urn:uuid:{_uuid(sid, kind)}", extra))
    entries = [(urls["composition"], _composition(note, urls, refs, note_type)), *resources]
    digest = hashlib.sha256(note_json(note)).hexdigest()
    return {
        "resourceType": "Bundle",
        "identifier": {
            "system": "urn:ietf:rfc:3986",
            "value": f"urn:uuid:{uuid.UUID(digest[:32])}",
        },
        "type": "document",
        "timestamp": fhir_instant(timestamp),
        "entry": [
            {"fullUrl": url, "resource": {"id": url.removeprefix("urn:uuid:"), **resource}}
            for url, resource in entries
        ],
    }
