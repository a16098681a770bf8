"""Modality rules: is there a reason on file for the kind of session given?"""

from __future__ import annotations

from collections.abc import Iterator

from soapnotes.findings import Finding, Severity
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import Modality
from soapnotes.rules._core import RuleCode, RuleOptions

NO_INDICATION = RuleCode(
    code="SN-MD-001",
    severity=Severity.INFO,
    summary="MLD session for a client with no indication (condition) on file",
    source="soapnotes policy (any condition on file counts as an indication for MLD)",
)


def mld_indication(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """An MLD session for a client with no condition on file is info, never an error.

    Every reason a client comes for (relaxation included) is a condition kind
    (:class:`soapnotes.ConditionKind`), so any condition on file counts as an indication.

    Source: soapnotes policy.
    """
    if note.session.modality is Modality.MANUAL_LYMPHATIC_DRAINAGE and not note.client.conditions:
        yield NO_INDICATION.at(
            "$.client.conditions",
            "MLD was given but no indication (condition) is on file for this client",
        )
