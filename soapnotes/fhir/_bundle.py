"""The note as a FHIR R4 document Bundle: the Composition first, then what it refers to.

The Composition's four SOAP sections (and Addenda, when amended) carry XHTML narratives of
the note's text; its ``extension`` carries the note itself in the interchange layout
(base64 JSON, schema 2), the values other resources carry (JWSs in Provenances, height,
outcome scores, garment wear in Observations) replaced by references to those resources,
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
    addendum_provenances,
    condition,
    consent,
    encounter,
    legacy_provenance,
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


def _addenda(note: Note) -> list[tuple[str, str]]:
    return [
        (
            f"{fhir_instant(addendum.written_at)}, {addendum.author}",
            f"{addendum.reason}: {addendum.text}",
        )
        for addendum in note.addenda
    ]


def _section(name: str, lines: list[tuple[str, str]], entries: list[str]) -> dict[str, Any]:
    code = c.SECTIONS.get(name, c.ADDENDA)
    out: dict[str, Any] = {
        "title": name.capitalize(),
        "code": {"coding": [code.coding()]},
        "text": narrative(lines, f"Nothing {name} recorded."),
    }
    if entries:
        out["entry"] = [ref(url) for url in entries]
    return out


#: The key of the object that stands, in the carried note of layout 2, for a value the
#: Bundle's resource with that ``fullUrl`` carries.
MOVED = "in_resource"


def _moved(url: str) -> dict[str, str]:
    return {MOVED: url}


def carried_note(note: Note, urls: dict[str, str]) -> dict[str, Any]:
    """The note in the interchange layout, each value a resource of layout 2 carries (the
    keyed signatures, height, outcome scores, reported garment wear) replaced by
    ``{"in_resource": fullUrl}``: the value travels once, where FHIR readers find it."""
    from soapnotes.io import to_dict

    data = to_dict(note)
    if note.signature is not None and note.signature.jws is not None:
        data["signature"]["jws"] = _moved(urls["provenance"])
    for index, addendum in enumerate(note.addenda):
        if addendum.jws is not None:
            data["addenda"][index]["jws"] = _moved(urls[f"addendum-{index}"])
    intake = note.client.intake
    if intake is not None and intake.height_cm is not None:
        data["client"]["intake"]["height_cm"] = _moved(urls["height"])
    outcomes = data["session"]["assessment"].get("outcomes") or []
    for index in range(len(outcomes)):
        outcomes[index] = _moved(urls[f"outcome-{index}"])
    compression = note.session.compression
    for index, garment in enumerate(() if compression is None else compression.garments):
        if garment.reported_hours_per_day is not None:
            item = data["session"]["compression"]["garments"][index]
            item["reported_hours_per_day"] = _moved(urls[f"garment-wear-{index}"])
    return data


def _carried_extension(note: Note, urls: dict[str, str], layout: int) -> dict[str, Any]:
    if layout == 1:
        url, payload = c.NOTE_EXTENSION, note_json(note)
    else:
        url = c.NOTE_REMAINDER_EXTENSION
        payload = json.dumps(
            carried_note(note, urls), ensure_ascii=False, separators=(",", ":")
        ).encode()
    return {
        "url": url,
        "valueAttachment": {
            "contentType": "application/json",
            "data": base64.b64encode(payload).decode("ascii"),
        },
    }


def _composition(
    note: Note,
    urls: dict[str, str],
    refs: dict[str, list[str]],
    note_type: NoteType,
    layout: int,
) -> Resource:
    session = note.session
    signature = note.signature
    date = signature.signed_at if signature is not None else session.start
    out: Resource = {
        "resourceType": "Composition",
        "extension": [_carried_extension(note, urls, layout)],
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
    if layout != 1 and note.addenda:
        # The PDF shows the addenda under the note; so does the document (docs/fhir.md).
        out["section"].append(_section("addenda", _addenda(note), refs["addenda"]))
    if signature is not None:
        out["attester"] = [
            {
                "mode": "legal",
                "time": fhir_instant(signature.signed_at),
                "party": ref(urls["practitioner"]),
            }
        ]
    return out


#: The export layout to_bundle writes; from_bundle reads this one and layout 1.
LAYOUT = 2


def build_bundle(
    note: Note, *, note_type: NoteType, cpt: bool, timestamp: dt.datetime, layout: int = LAYOUT
) -> dict[str, Any]:
    """The document Bundle (see :func:`soapnotes.fhir.to_bundle`) in export ``layout``
    (1: the whole note in the Composition's extension, read back only; 2: the values the
    resources carry travel once, in them)."""
    sid = note.session.id

    def url_of(*parts: str) -> str:
        return f"urn:uuid:{_uuid(sid, *parts)}"

    kinds = ("composition", "patient", "practitioner", "organization", "encounter", "procedure")
    urls = {kind: url_of(kind) for kind in kinds}
    urls["provenance"] = url_of("provenance")
    urls.update({f"addendum-{i}": url_of("addendum", str(i)) for i in range(len(note.addenda))})
    resources: list[tuple[str, Resource]] = [
        (urls["patient"], patient(note)),
        (urls["practitioner"], practitioner(note)),
        (urls["organization"], organization(note)),
        (urls["encounter"], encounter(note, urls)),
        (urls["procedure"], procedure(note, urls, cpt=cpt)),
    ]
    refs: dict[str, list[str]] = {
        "subjective": [],
        "objective": [],
        "assessment": [],
        "addenda": [],
    }
    for index, item in enumerate(note.client.conditions):
        url = url_of("condition", str(index))
        resources.append((url, condition(note, item, urls)))
        refs["assessment"].append(url)
    for parts, observation in observations(note, urls, url_of, layout=layout):
        url = url_of(*parts)
        urls["-".join(parts)] = url
        resources.append((url, observation))
        code = observation["code"]["coding"][0]["code"]
        if code in (c.PAIN.code, c.GARMENT_WEAR.code):  # what the client reports
            refs["subjective"].append(url)
        elif parts[0] == "outcome":
            refs["assessment"].append(url)
        else:
            refs["objective"].append(url)
    extra = consent(note, urls)
    if extra is not None:
        resources.append((url_of("consent"), extra))
    signed = (legacy_provenance if layout == 1 else provenance)(note, urls)
    if signed is not None:
        resources.append((urls["provenance"], signed))
    if layout != 1:
        for index, resource in enumerate(addendum_provenances(note, urls)):
            resources.append((urls[f"addendum-{index}"], resource))
            refs["addenda"].append(urls[f"addendum-{index}"])
    composition = _composition(note, urls, refs, note_type, layout)
    entries = [(urls["composition"], composition), *resources]
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
