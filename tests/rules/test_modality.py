"""Modality rules (SN-MD-*)."""

from __future__ import annotations

from soapnotes import Note, Severity
from tests.rules.helpers import codes, only, with_client


def test_mld_without_indication_is_info(arm: Note) -> None:
    """MLD for a client with no condition on file is SN-MD-001, an info, never an error."""
    (finding,) = only(with_client(arm, conditions=()), "SN-MD-001")
    assert finding.severity is Severity.INFO
    assert finding.path == "$.client.conditions"


def test_other_modality_without_indication_passes(swedish: Note) -> None:
    """A Swedish massage needs no indication on file."""
    assert "SN-MD-001" not in codes(with_client(swedish, conditions=()))
