"""The people and events of a note as FHIR R4 resources: Patient, Practitioner,
Organization, Encounter, Procedure, Condition, Consent and Provenance.

Each builder takes the note (and the references it needs) and returns plain JSON data;
every record string goes through :func:`~soapnotes.fhir._text.fhir_string`. Fields that are
absent are left out: FHIR forbids empty strings, arrays and objects.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from soapnotes.fhir import _codes as c
from soapnotes.fhir._text import fhir_instant, fhir_string, narrative
from soapnotes.models.client import Condition
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import ConditionKind, Sex

Resource = dict[str, Any]

_GENDER = {
    Sex.FEMALE: "female",
    Sex.MALE: "male",
    Sex.INTERSEX: "other",
    Sex.UNDISCLOSED: "unknown",
}


def ref(full_url: str) -> dict[str, str]:
    """A Reference to an entry of the same bundle."""
    return {"reference": full_url}


def patient(note: Note) -> Resource:
    client = note.client
    out: Resource = {
        "resourceType": "Patient",
        "identifier": [{"system": c.CLIENT_ID, "value": client.id}],
        "name": [
            {
                "family": fhir_string(client.family_name),
                "given": [fhir_string(client.given_name)],
            }
        ],
        "birthDate": client.date_of_birth.isoformat(),
    }
    if client.sex is not None:
        out["gender"] = _GENDER[client.sex]
    return out


def practitioner(note: Note) -> Resource:
    therapist = note.therapist
    out: Resource = {
        "resourceType": "Practitioner",
        "name": [{"text": fhir_string(therapist.name)}],
    }
    if therapist.licence_number is not None:
        out["identifier"] = [{"value": fhir_string(therapist.licence_number)}]
    if therapist.credentials:
        out["qualification"] = [
            {"code": {"text": fhir_string(credential)}} for credential in therapist.credentials
        ]
    return out


def organization(note: Note) -> Resource:
    practice = note.practice
    out: Resource = {"resourceType": "Organization", "name": fhir_string(practice.name)}
    telecom = [
        {"system": system, "value": fhir_string(value)}
        for system, value in (("phone", practice.phone), ("email", practice.email))
        if value is not None
    ]
    if telecom:
        out["telecom"] = telecom
    if practice.address is not None:
        out["address"] = [{"text": fhir_string(practice.address)}]
    return out


def period(note: Note) -> dict[str, str]:
    """The session's start and end."""
    session = note.session
    end = session.start + dt.timedelta(minutes=session.duration_minutes)
    return {"start": fhir_instant(session.start), "end": fhir_instant(end)}


def encounter(note: Note, urls: dict[str, str]) -> Resource:
    session = note.session
    return {
        "resourceType": "Encounter",
        "identifier": [{"system": c.SESSION_ID, "value": session.id}],
        "status": "finished",
        "class": c.AMBULATORY.coding(),
        "type": [{"text": session.modality.label}],
        "subject": ref(urls["patient"]),
        "participant": [{"individual": ref(urls["practitioner"])}],
        "period": period(note),
        "length": {
            "value": session.duration_minutes,
            "unit": "min",
            "system": c.UCUM,
            "code": "min",
        },
        "serviceProvider": ref(urls["organization"]),
    }


def procedure(note: Note, urls: dict[str, str], *, cpt: bool) -> Resource:
    """The session's treatment: the modality as text (CPT 97140 only when asked), every
    treated region as a body site."""
    session = note.session
    code: dict[str, Any] = {"text": session.modality.label}
    if cpt:
        code["coding"] = [c.CPT_MANUAL_THERAPY.coding()]
    out: Resource = {
        "resourceType": "Procedure",
        "status": "completed",
        "code": code,
        "subject": ref(urls["patient"]),
        "encounter": ref(urls["encounter"]),
        "performedPeriod": period(note),
        "performer": [{"actor": ref(urls["practitioner"])}],
    }
    sites: dict[str, dict[str, object]] = {}
    for region in session.treatment:
        sites.setdefault(region.label, c.region_site(region.region, region.side, region.label))
    if sites:
        out["bodySite"] = list(sites.values())
    notes = [
        f"{region.label}: {region.technique}"
        for region in session.treatment
        if region.technique is not None
    ]
    if notes:
        out["note"] = [{"text": fhir_string("; ".join(notes))}]
    return out


def _condition_code(condition: Condition) -> dict[str, Any]:
    label = condition.kind.label
    if condition.kind is ConditionKind.OTHER and condition.description is not None:
        label = condition.description
    codings = [c.LYMPHEDEMA.coding()] if condition.kind is ConditionKind.LYMPHEDEMA else []
    codings += [{"system": c.ICD10, "code": code} for code in condition.icd10]
    out: dict[str, Any] = {"text": fhir_string(label)}
    if codings:
        out["coding"] = codings
    return out


def condition(note: Note, item: Condition, urls: dict[str, str]) -> Resource:
    """One of the client's conditions; lymphedema coded, with the ISL stage as its stage."""
    out: Resource = {
        "resourceType": "Condition",
        "clinicalStatus": {"coding": [c.CONDITION_ACTIVE.coding()]},
        "category": [{"coding": [c.PROBLEM_LIST_ITEM.coding()]}],
        "code": _condition_code(item),
        "subject": ref(urls["patient"]),
    }
    if item.area is not None:
        where = item.area.label if item.side is None else f"{item.side.label} {item.area.value}"
        out["bodySite"] = [c.area_site(item.area, item.side, where.replace("_", " "))]
    if item.onset is not None:
        out["onsetDateTime"] = item.onset.isoformat()
    if item.isl_stage_label is not None:
        out["stage"] = [{"summary": {"text": f"ISL {item.isl_stage_label}"}}]
    return out


def consent(note: Note, urls: dict[str, str]) -> Resource | None:
    """The informed consent on file, or None."""
    given = note.client.consent
    if given is None:
        return None
    lines = [("Given by", given.given_by), ("Given on", given.given_on.isoformat())]
    if given.scope is not None:
        lines.append(("Scope", given.scope))
    return {
        "resourceType": "Consent",
        "text": narrative(lines, "Informed consent on file."),
        "status": "active",
        "scope": {"coding": [c.CONSENT_TREATMENT.coding()]},
        "category": [{"text": "Informed consent to treatment"}],
        "patient": ref(urls["patient"]),
        "dateTime": given.given_on.isoformat(),
        "organization": [ref(urls["organization"])],
        "policyRule": {"text": "Informed consent to treatment, as recorded by the practice"},
    }


#: The media type of what a soapnotes JWS signs: canonical JSON (``docs/signing.md``).
SIGNED_FORMAT = "application/json"
#: The media type of the signature itself: a JWS (RFC 7515, compact serialization).
SIGNATURE_FORMAT = "application/jose"


def _signature(jws: str, when: str, who: dict[str, str]) -> dict[str, Any]:
    """A FHIR Signature carrying a soapnotes JWS: an Author's Signature (ASTM E1762-95)."""
    return {
        "type": [c.AUTHOR_SIGNATURE.coding()],
        "when": when,
        "who": who,
        "targetFormat": SIGNED_FORMAT,
        "sigFormat": SIGNATURE_FORMAT,
        "data": base64.b64encode(jws.encode("ascii")).decode("ascii"),
    }


def _agent(who: dict[str, str]) -> list[dict[str, Any]]:
    return [{"type": {"coding": [c.PROVENANCE_AUTHOR.coding()]}, "who": who}]


def provenance(note: Note, urls: dict[str, str]) -> Resource | None:
    """Who signed the note and when; None for a draft.

    A note signed with a key carries its JWS as the ``signature`` (an Author's Signature,
    ``sigFormat`` ``application/jose``). A note signed without a key has no cryptographic
    signature to carry, so its Provenance records author and time with no ``signature``
    (``docs/fhir.md``): a content hash presented as signature data would claim more than
    it is.
    """
    signature = note.signature
    if signature is None:
        return None
    signed_at = fhir_instant(signature.signed_at)
    who = ref(urls["practitioner"])
    out: Resource = {
        "resourceType": "Provenance",
        "target": [ref(urls["composition"])],
        "recorded": signed_at,
        "agent": _agent(who),
    }
    if signature.jws is not None:
        out["signature"] = [_signature(signature.jws, signed_at, who)]
    return out


def addendum_provenances(note: Note, urls: dict[str, str]) -> list[Resource]:
    """One Provenance per addendum, in order: who wrote it, when and why, its JWS when it
    was signed with a key, chained to the Provenance before it (entity role ``revision``).

    The author is the Practitioner when the therapist wrote it, else named by ``display``
    (an addendum's author need not be the treating therapist).
    """
    out = []
    previous = urls["provenance"]
    for index, addendum in enumerate(note.addenda):
        written_at = fhir_instant(addendum.written_at)
        who = (
            ref(urls["practitioner"])
            if addendum.author == note.therapist.name
            else {"display": fhir_string(addendum.author)}
        )
        resource: Resource = {
            "resourceType": "Provenance",
            "target": [ref(urls["composition"])],
            "recorded": written_at,
            "reason": [{"text": fhir_string(addendum.reason)}],
            "agent": _agent(who),
            "entity": [{"role": c.ENTITY_REVISION.code, "what": ref(previous)}],
        }
        if addendum.jws is not None:
            resource["signature"] = [_signature(addendum.jws, written_at, who)]
        out.append(resource)
        previous = urls[f"addendum-{index}"]
    return out


def legacy_provenance(note: Note, urls: dict[str, str]) -> Resource | None:
    """The Provenance of export layout 1 (read back only): the content hash as base64 hex
    text in ``signature.data``. Kept so bundles exported in that layout still import."""
    signature = note.signature
    if signature is None:
        return None
    signed_at = fhir_instant(signature.signed_at)
    return {
        "resourceType": "Provenance",
        "target": [ref(urls["composition"])],
        "recorded": signed_at,
        "agent": _agent(ref(urls["practitioner"])),
        "signature": [
            {
                "type": [c.AUTHOR_SIGNATURE.coding()],
                "when": signed_at,
                "who": ref(urls["practitioner"]),
                "targetFormat": "application/json",
                "data": base64.b64encode(signature.content_sha256.encode("ascii")).decode(),
            }
        ],
    }
