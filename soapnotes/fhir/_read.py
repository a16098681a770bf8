"""Reading a document Bundle this library exported back into its note.

The Composition carries the note in the interchange layout (``_bundle``); the values it
leaves to the Bundle's resources (``{"in_resource": fullUrl}``) are read from them, and the
whole is read with :func:`soapnotes.from_dict`, so every check of the records applies.
Bundles of export layout 1 (the whole note in the older extension) are read as well. The
Bundle is then exported again from that note, with the options and layout it shows,
and must come out the same: a resource changed after export (a name corrected in another
system, an Observation removed) is refused at its ``$.path`` rather than silently dropped,
since the note would no longer say what the Bundle says.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from typing import Any

from soapnotes.errors import InvalidRecord, Problem
from soapnotes.fhir import _codes as c
from soapnotes.models.note import Note

#: How many differences a refusal lists at most.
_MAX_DIFFERENCES = 10


def _refuse(path: str, message: str) -> InvalidRecord:
    return InvalidRecord([Problem(path, message)], source="FHIR bundle")


def _composition(bundle: object) -> dict[str, Any]:
    """The first entry's Composition of a document Bundle."""
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        raise _refuse("$.resourceType", "must be 'Bundle'")
    if bundle.get("type") != "document":
        raise _refuse("$.type", "must be 'document'")
    entries = bundle.get("entry")
    if not isinstance(entries, list) or not entries or not isinstance(entries[0], dict):
        raise _refuse("$.entry", "must be a list of entries, the Composition first")
    resource = entries[0].get("resource")
    if not isinstance(resource, dict) or resource.get("resourceType") != "Composition":
        raise _refuse("$.entry[0].resource", "must be the document's Composition")
    return resource


def _decoded(extension: dict[str, Any], path: str) -> Any:
    attachment = extension.get("valueAttachment")
    data = attachment.get("data") if isinstance(attachment, dict) else None
    try:
        if not isinstance(data, str):
            raise ValueError
        return json.loads(base64.b64decode(data, validate=True).decode("utf-8"))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise _refuse(path, "must be the note as base64 JSON") from None


def _carried(composition: dict[str, Any]) -> tuple[int, Any, str]:
    """The export layout, the carried note's data and its path in the Bundle."""
    layouts = {c.NOTE_EXTENSION: 1, c.NOTE_REMAINDER_EXTENSION: 2}
    extensions = composition.get("extension")
    for index, extension in enumerate(extensions if isinstance(extensions, list) else []):
        if not isinstance(extension, dict) or extension.get("url") not in layouts:
            continue
        path = f"$.entry[0].resource.extension[{index}].valueAttachment.data"
        return layouts[extension["url"]], _decoded(extension, path), path
    raise _refuse(
        "$.entry[0].resource.extension",
        f"holds no {c.NOTE_REMAINDER_EXTENSION} (or {c.NOTE_EXTENSION}) extension: "
        "not a bundle soapnotes exported",
    )


class _Missing(Exception):
    """A value the carried note leaves to a resource the Bundle does not hold as exported."""


def _quantity_value(resource: dict[str, Any]) -> float:
    value = resource["valueQuantity"]["value"]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError
    return float(value)


def _jws(resource: dict[str, Any]) -> str:
    (signature,) = resource["signature"]
    return base64.b64decode(signature["data"], validate=True).decode("ascii")


def _outcome(resource: dict[str, Any]) -> dict[str, Any]:
    code = resource["code"]["coding"][0]["code"]
    (instrument,) = [i.value for i, known in c.INSTRUMENTS.items() if known.code == code]
    domains = {known.code: d.value for d, known in c.DOMAINS.items()}
    out: dict[str, Any] = {
        "instrument": instrument,
        "completed_on": resource["effectiveDateTime"],
        "domains": [],
    }
    for component in resource["component"]:
        kind = component["code"]["coding"][0]["code"]
        if kind == c.OUTCOME_OVERALL.code:
            out["overall"] = _quantity_value(component)
        else:
            out["domains"].append({"domain": domains[kind], "score": _quantity_value(component)})
    return out


def _value(key: str | int, resource: dict[str, Any]) -> Any:
    """The value a resource of layout 2 carries for the carried note's ``key``."""
    if key == "jws":
        return _jws(resource)
    if key in ("height_cm", "reported_hours_per_day"):
        return _quantity_value(resource)
    return _outcome(resource)  # an item of session.assessment.outcomes


def _restore(data: Any, resources: dict[Any, Any], path: str) -> Any:
    """``data`` with each ``{"in_resource": fullUrl}`` replaced by what that resource holds."""
    from soapnotes.fhir._bundle import MOVED

    def walk(value: Any, key: str | int, where: str) -> Any:
        if isinstance(value, dict) and set(value) == {MOVED}:
            resource = resources.get(value[MOVED])
            try:
                if not isinstance(resource, dict):
                    raise KeyError
                return _value(key, resource)
            except (KeyError, IndexError, TypeError, ValueError, binascii.Error):
                raise _Missing(where) from None
        if isinstance(value, dict):
            return {k: walk(v, k, f"{where}.{k}") for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, i, f"{where}[{i}]") for i, v in enumerate(value)]
        return value

    try:
        return walk(data, "", "$")
    except _Missing as missing:
        raise _refuse(
            path,
            f"the note's {missing} is in a resource the bundle no longer holds as exported",
        ) from None


def _carried_note(bundle: dict[str, Any], composition: dict[str, Any]) -> tuple[int, Note]:
    from soapnotes.io import from_dict

    layout, data, path = _carried(composition)
    if layout != 1:
        resources = {
            e.get("fullUrl"): e.get("resource") for e in bundle["entry"] if isinstance(e, dict)
        }
        data = _restore(data, resources, path)
    return layout, from_dict(data, source=f"the note the FHIR bundle carries ({path})")


def _options(bundle: dict[str, Any], composition: dict[str, Any]) -> dict[str, Any]:
    """The to_bundle options the Bundle shows."""
    from soapnotes.io._datetime import parse_aware_datetime

    try:
        code = composition["type"]["coding"][0]["code"]
        (note_type,) = [name for name, t in c.NOTE_TYPES.items() if t.code == code]
    except (KeyError, IndexError, TypeError, ValueError):
        raise _refuse("$.entry[0].resource.type", "must be a soapnotes note type") from None
    try:
        timestamp = parse_aware_datetime(bundle["timestamp"])
    except (KeyError, TypeError, ValueError):
        raise _refuse("$.timestamp", "must be an instant with a UTC offset") from None
    cpt = c.CPT_MANUAL_THERAPY.code in json.dumps(
        [e.get("resource", {}).get("code") for e in bundle["entry"] if isinstance(e, dict)]
    )
    return {"note_type": note_type, "cpt": cpt, "timestamp": timestamp}


def _differences(a: object, b: object, path: str) -> Iterator[str]:
    """The paths where ``a`` (the Bundle given) and ``b`` (the one exported) differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            yield from _differences(a.get(key), b.get(key), f"{path}.{key}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _differences(x, y, f"{path}[{index}]")
    elif a != b or type(a) is not type(b):
        yield path


def read_bundle(bundle: object) -> Note:
    """See :func:`soapnotes.fhir.from_bundle`."""
    from soapnotes.fhir._bundle import build_bundle

    composition = _composition(bundle)
    assert isinstance(bundle, dict)  # noqa: S101 - _composition checked it
    layout, note = _carried_note(bundle, composition)
    expected = build_bundle(note, **_options(bundle, composition), layout=layout)
    changed = []
    for path in _differences(bundle, expected, "$"):
        changed.append(
            Problem(path, "differs from the note the bundle carries: changed after export")
        )
        if len(changed) == _MAX_DIFFERENCES:
            break
    if changed:
        raise InvalidRecord(changed, source="FHIR bundle")
    return note
