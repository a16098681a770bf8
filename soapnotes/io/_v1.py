"""Schema version 1, frozen: the fields each record had, and a note's version-1 form.

A note signed under schema 1 carries the SHA-256 of its version-1 canonical form. After
loading (and migrating) it, :func:`v1_form` turns the schema-2 plain data back into that
form, so the lifecycle can recompute the same bytes (``docs/lifecycle.md``):
``schema_version`` is 1 again and every field schema 2 added is left out while it holds its
default (which is all a version-1 file can give it). A field schema 2 added that holds
anything else is kept, so the hash no longer matches: data a version-1 note cannot hold was
added after signing.

The table below is version 1's layout as released, record by record; it never changes.
"""

from __future__ import annotations

import enum
import functools
import typing
from collections.abc import Mapping
from typing import Any

import attrs

from soapnotes.io._types import is_optional, tuple_item, without_none

__all__ = ["V1_FIELDS", "v1_form"]

#: Every record of schema version 1 and its fields, as released.
V1_FIELDS: dict[str, frozenset[str]] = {
    name: frozenset(fields.split())
    for name, fields in {
        "Note": "schema_version practice therapist client session signature addenda",
        "Practice": "name address phone email",
        "Therapist": "name credentials licence_number",
        "Client": (
            "id given_name family_name date_of_birth sex conditions node_status screening consent"
        ),
        "Condition": "kind area side isl_stage cause onset description",
        "NodeStatus": "group side state since procedure",
        "Screening": "screened_on answers",
        "ScreeningAnswer": "question answer detail clearance areas",
        "Clearance": "cleared_by role cleared_on",
        "RegionRef": "region side",
        "Consent": "given_by given_on scope",
        "Session": (
            "id client_id start duration_minutes modality cdt_phase subjective objective "
            "treatment assessment plan"
        ),
        "Subjective": "chief_complaint pain symptoms after_effects notes",
        "AfterEffect": "kind duration_hours description",
        "Objective": "observations circumferences stemmer pitting skin previous",
        "CircumferenceSeries": "limb side landmark interval_cm points",
        "CircumferencePoint": "distance_cm circumference_cm",
        "StemmerSign": "limb side result grade",
        "Pitting": "limb side grade depth_mm rebound_s location",
        "PreviousMeasurements": "measured_on session_id circumferences",
        "TreatedRegion": "region side phase minutes technique drains_to notes",
        "NodeTarget": "group side",
        "Assessment": "summary response goals_progress",
        "Plan": "frequency next_session home_care referrals notes",
        "HomeCare": "kind detail",
        "Referral": "to reason",
        "Signature": "signed_by credential signed_at content_sha256",
        "Addendum": "author written_at reason text chain_sha256",
    }.items()
}


def _plain(value: object) -> object:
    """A field default as the interchange layout writes it."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _record_type(tp: Any) -> type | None:
    """The record class a field holds (alone, optional, or as list items), if any."""
    if is_optional(tp):
        tp = without_none(tp)
    item = tuple_item(tp)
    if item is not None:
        tp = item
    return tp if isinstance(tp, type) and attrs.has(tp) else None


@functools.cache
def _layout(cls: type) -> tuple[frozenset[str], dict[str, type | None], dict[str, object]]:
    """(version-1 fields, each field's record type, each added field's plain default)."""
    hints = typing.get_type_hints(cls)
    nested = {a.name: _record_type(hints[a.name]) for a in attrs.fields(cls)}
    v1 = V1_FIELDS.get(cls.__name__, frozenset())
    added = {
        a.name: _plain(a.default)
        for a in attrs.fields(cls)
        if a.name not in v1 and a.default is not attrs.NOTHING
    }
    return v1, nested, added


def _project(value: Any, cls: type) -> Any:
    v1, nested, added = _layout(cls)
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key not in v1:
            if key in added and item == added[key]:
                continue  # what any version-1 file gives this field
            out[key] = item
            continue
        inner = nested.get(key)
        if inner is not None and isinstance(item, Mapping):
            out[key] = _project(item, inner)
        elif inner is not None and isinstance(item, list):
            out[key] = [_project(v, inner) if isinstance(v, Mapping) else v for v in item]
        else:
            out[key] = item
    return out


def v1_form(data: Mapping[str, Any], record_type: type) -> dict[str, Any]:
    """Plain data of a ``record_type`` record (a note, as :func:`soapnotes.to_dict` gives it) in
    its schema-1 form; see the module docstring."""
    out: dict[str, Any] = _project(data, record_type)
    if "schema_version" in out:
        out["schema_version"] = 1
    return out
