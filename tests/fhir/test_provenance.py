"""Provenance: the note's keyed signature (its JWS) and each addendum's, chained, in FHIR."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

import soapnotes
from soapnotes import Note, amend, sign, verify
from soapnotes.fhir import _codes as codes
from soapnotes.fhir import from_bundle, to_bundle
from soapnotes.lifecycle import AUTHENTICATED, INTACT_UNAUTHENTICATED
from soapnotes.strategies import notes
from tests.conftest import quick
from tests.fhir.layers import all_problems, references
from tests.fhir.test_export import AT, NO_PROBLEMS
from tests.pki import VALID_FROM, Party, pki

HALIFAX = dt.timezone(dt.timedelta(hours=-4))
SIGNED_AT = dt.datetime(2026, 11, 20, 11, 5, tzinfo=HALIFAX)
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)


def _keyed(party: Party) -> dict[str, Any]:
    return {"key": party.key, "certificate": party.certificate, "chain": pki().chain(party)}


def _keyed_note(note: Note | None = None, *, at: dt.datetime = SIGNED_AT) -> Note:
    """``note`` (the left-arm example) signed with the therapist's key, then amended twice:
    by the therapist with her key, by a colleague with his."""
    note = note or soapnotes.examples.load_example()
    note = sign(note, "Maren Albrecht", "RMT", at, now=at, **_keyed(pki().therapist))
    note = amend(
        note,
        "Maren Albrecht",
        at + dt.timedelta(hours=20),
        "Pain score mistyped",
        "Pain was 4/10.",
        now=at + dt.timedelta(hours=20),
        **_keyed(pki().therapist),
    )
    return amend(
        note,
        "Jonas Weber",
        at + dt.timedelta(days=2),
        "Supervisor review",
        "Reviewed.",
        now=at + dt.timedelta(days=2),
        **_keyed(pki().colleague),
    )


def _provenances(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Provenance"
    ]


def _url(bundle: dict[str, Any], kind: str) -> str:
    (url,) = [e["fullUrl"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]
    return str(url)


def _through_json(bundle: dict[str, Any]) -> Any:
    return json.loads(json.dumps(bundle, ensure_ascii=False))


def test_a_keyed_signature_is_the_provenance_signature() -> None:
    """Author's Signature at the signing time by the Practitioner, the JWS as its data."""
    note = _keyed_note()
    assert note.signature is not None
    assert note.signature.jws is not None
    bundle = to_bundle(note, timestamp=AT)
    first = _provenances(bundle)[0]
    (signature,) = first["signature"]
    assert signature["type"] == [codes.AUTHOR_SIGNATURE.coding()]
    assert signature["type"][0]["system"] == "urn:iso-astm:E1762-95:2013"
    assert signature["type"][0]["code"] == "1.2.840.10065.1.12.1.1"
    assert signature["when"] == "2026-11-20T11:05:00-04:00"
    assert signature["who"] == {"reference": _url(bundle, "Practitioner")}
    assert signature["sigFormat"] == "application/jose"
    assert signature["targetFormat"] == "application/json"
    assert base64.b64decode(signature["data"]).decode("ascii") == note.signature.jws
    assert first["target"] == [{"reference": bundle["entry"][0]["fullUrl"]}]
    assert all_problems(bundle) == NO_PROBLEMS


def test_each_addendum_has_its_own_provenance_chained_to_the_one_before() -> None:
    """One Provenance per addendum: its time, reason, author, JWS; entity revision of the
    Provenance before it."""
    note = _keyed_note()
    bundle = to_bundle(note, timestamp=AT)
    urls = {id(e["resource"]): e["fullUrl"] for e in bundle["entry"]}
    signed, first, second = _provenances(bundle)
    assert first["entity"] == [{"role": "revision", "what": {"reference": urls[id(signed)]}}]
    assert second["entity"] == [{"role": "revision", "what": {"reference": urls[id(first)]}}]
    assert first["reason"] == [{"text": "Pain score mistyped"}]
    assert first["recorded"] == "2026-11-21T07:05:00-04:00"
    assert first["agent"][0]["who"] == {"reference": _url(bundle, "Practitioner")}
    assert second["agent"][0]["who"] == {"display": "Jonas Weber"}  # not the therapist
    for provenance, addendum in zip((first, second), note.addenda, strict=True):
        (signature,) = provenance["signature"]
        assert base64.b64decode(signature["data"]).decode("ascii") == addendum.jws
    composition = bundle["entry"][0]["resource"]
    (addenda,) = [s for s in composition["section"] if s["code"]["coding"][0]["code"] == "addenda"]
    assert addenda["entry"] == [{"reference": urls[id(first)]}, {"reference": urls[id(second)]}]
    assert "Supervisor review" in addenda["text"]["div"]


def test_the_jws_travels_once_and_the_note_read_back_is_authenticated() -> None:
    """The carried note holds no JWS; the one from_bundle takes from the Provenances
    verifies as authenticated with the test root."""
    note = _keyed_note()
    bundle = _through_json(to_bundle(note))
    carried = base64.b64decode(
        bundle["entry"][0]["resource"]["extension"][0]["valueAttachment"]["data"]
    ).decode()
    assert note.signature is not None
    assert note.signature.jws is not None
    assert note.signature.jws not in carried
    assert all(a.jws is not None and a.jws not in carried for a in note.addenda)
    back = from_bundle(bundle)
    assert back == note
    assert verify(back, trust=[pki().root.certificate]).status == AUTHENTICATED


def test_a_jws_changed_in_the_bundle_is_refused() -> None:
    """The Provenance's data is the signature the note is read with; the Bundle identifier,
    derived from the whole note, shows the edit, and the forged JWS would not verify."""
    note = _keyed_note()
    bundle = _through_json(to_bundle(note))
    signature = _provenances(bundle)[0]["signature"][0]
    header, _, sig = base64.b64decode(signature["data"]).decode("ascii").partition("..")
    forged = f"{header}..{'A' * len(sig)}"
    signature["data"] = base64.b64encode(forged.encode()).decode()
    with pytest.raises(soapnotes.InvalidRecord) as exc:
        from_bundle(bundle)
    assert [p.path for p in exc.value.problems] == ["$.identifier.value"]
    assert note.signature is not None
    forged_note = attrs.evolve(note, signature=attrs.evolve(note.signature, jws=forged))
    assert not verify(forged_note, trust=[pki().root.certificate]).authenticated


def test_a_provenance_removed_from_the_bundle_is_refused() -> None:
    """The carried note leaves its JWS to the Provenance: without it the bundle is refused."""
    bundle = to_bundle(_keyed_note())
    bundle["entry"] = [e for e in bundle["entry"] if e["resource"]["resourceType"] != "Provenance"]
    with pytest.raises(soapnotes.InvalidRecord) as exc:
        from_bundle(bundle)
    (problem,) = exc.value.problems
    assert problem.path == "$.entry[0].resource.extension[0].valueAttachment.data"
    assert "$.signature.jws" in problem.message


def test_a_keyless_signature_has_no_signature_data() -> None:
    """Signed without a key: Provenances record who and when, and carry no signature."""
    note = sign(soapnotes.examples.load_example(), "Maren Albrecht", "RMT", SIGNED_AT, now=NOW)
    note = amend(note, "Maren Albrecht", NOW, "Late entry", "Also: skin care.", now=NOW)
    bundle = to_bundle(note, timestamp=AT)
    assert [("signature" in p) for p in _provenances(bundle)] == [False, False]
    assert all_problems(bundle) == NO_PROBLEMS
    back = from_bundle(_through_json(bundle))
    assert back == note
    assert verify(back).status == INTACT_UNAUTHENTICATED


@given(notes(signed=True, any_unicode=True))
@quick(10)
def test_round_trip_with_keyed_signatures(generated: Note) -> None:
    """Generated notes re-signed and amended with test keys: the same note comes back, it
    verifies as authenticated, and every validator layer accepts the bundle."""
    session = generated.session
    ended = session.start + dt.timedelta(minutes=session.duration_minutes)
    at = max(ended, VALID_FROM) + dt.timedelta(minutes=5)
    draft = attrs.evolve(generated, signature=None, addenda=())
    note = _keyed_note(draft, at=at)
    bundle = to_bundle(note)
    assert all_problems(bundle) == NO_PROBLEMS
    back = from_bundle(_through_json(bundle))
    assert back == note
    assert verify(back, trust=[pki().root.certificate]).status == AUTHENTICATED


def test_a_bundle_of_export_layout_1_still_imports() -> None:
    """A bundle exported before the Provenance carried signatures (the whole note in the
    Composition's interchange-note extension, the content hash as signature data) reads
    back to its note, which verifies; exporting it again writes layout 2."""
    path = Path(__file__).parent.parent / "data" / "fhir" / "left-arm-signed.v1.fhir.json"
    old = json.loads(path.read_text(encoding="utf-8"))
    assert old["entry"][0]["resource"]["extension"][0]["url"] == codes.NOTE_EXTENSION
    note = from_bundle(old)
    assert verify(note).ok
    assert len(note.addenda) == 1
    again = to_bundle(note)
    assert again["entry"][0]["resource"]["extension"][0]["url"] == codes.NOTE_REMAINDER_EXTENSION
    assert from_bundle(_through_json(again)) == note
    changed = copy.deepcopy(old)
    changed["entry"][1]["resource"]["birthDate"] = "1970-01-01"
    with pytest.raises(soapnotes.InvalidRecord) as exc:
        from_bundle(changed)
    assert [p.path for p in exc.value.problems] == ["$.entry[1].resource.birthDate"]


def test_every_reference_of_an_amended_keyed_note_points_into_the_bundle() -> None:
    """The Provenance chain, the Addenda section's entries and the BMI's derivedFrom name
    entries of the same Bundle (no layer checks this: R4 states it in prose)."""
    bundle = to_bundle(_keyed_note(), timestamp=AT)
    urls = {entry["fullUrl"] for entry in bundle["entry"]}
    found = references(bundle)
    provenance_urls = {
        e["fullUrl"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Provenance"
    }
    assert len(provenance_urls) == 3
    assert provenance_urls <= set(found)  # chained and listed by the Addenda section
    assert set(found) <= urls
