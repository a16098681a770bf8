"""Modality rules: is there a reason on file for the kind of session given, was anything
given, and does the massage suit the client's limbs?

Sources (``docs/sources.md``): Zuther 2017 and NLN 2012 (no heat and no deep pressure on a
lymphedematous limb or one at risk after node removal or radiotherapy); soapnotes policy for
the indication and for an MLD session recording what was treated.
"""

from __future__ import annotations

from collections.abc import Iterator

from soapnotes.findings import Finding, Severity
from soapnotes.models.limbs import at_risk_sides
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import Modality
from soapnotes.rules._core import RuleCode, RuleOptions

NO_INDICATION = RuleCode(
    code="SN-MD-001",
    severity=Severity.INFO,
    summary="MLD session for a client with no indication (condition) on file",
    source="soapnotes policy (any condition on file counts as an indication for MLD)",
)
HEAT_OR_PRESSURE = RuleCode(
    code="SN-MD-002",
    severity=Severity.WARNING,
    summary="Heat or deep pressure on a lymphedematous or at-risk limb",
    source="Zuther 2017 (precautions on affected limbs); NLN 2012 (risk reduction: no heat)",
)
NOTHING_TREATED = RuleCode(
    code="SN-MD-003",
    severity=Severity.ERROR,
    summary="MLD session with no treated region",
    source="soapnotes policy (an MLD note records what was treated, so it can be checked)",
)

#: Massage that heats the tissue, and massage that works with deep pressure: neither goes on
#: a limb that is swollen with lymphedema or at risk of it (Zuther 2017; NLN 2012).
HEAT_MODALITIES = frozenset({Modality.HOT_STONE})
DEEP_PRESSURE_MODALITIES = frozenset(
    {Modality.DEEP_TISSUE, Modality.SPORTS, Modality.TRIGGER_POINT}
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


def mld_treats_something(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """An MLD session records at least one treated region: otherwise nothing of its order,
    drainage or contraindications can be checked, and nothing was documented as given.

    Source: soapnotes policy.
    """
    session = note.session
    if session.modality is Modality.MANUAL_LYMPHATIC_DRAINAGE and not session.treatment:
        yield NOTHING_TREATED.at(
            "$.session.treatment",
            "an MLD session is recorded with no treated region: record what was treated",
        )


def no_heat_or_pressure_on_limbs_at_risk(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Hot stone (heat), or deep tissue, sports or trigger point massage (deep pressure) on a
    segment of a limb with lymphedema, or at risk of it because its regional nodes are
    removed or irradiated (:func:`soapnotes.models.limbs.at_risk_sides`), is a warning.
    Techniques are free text and are not judged.

    Source: Zuther 2017; NLN 2012.
    """
    modality = note.session.modality
    if modality in HEAT_MODALITIES:
        heat = True
    elif modality in DEEP_PRESSURE_MODALITIES:
        heat = False
    else:
        return
    for index, treated in enumerate(note.session.treatment):
        limb = treated.region.limb
        if limb is None or treated.side not in at_risk_sides(note.client, limb):
            continue
        yield HEAT_OR_PRESSURE.at(
            f"$.session.treatment[{index}].region",
            (
                "{modality!l} (heat) on the {region!l}, a limb with lymphedema or at risk of "
                "it: use gentle techniques without heat there"
                if heat
                else "{modality!l} (deep pressure) on the {region!l}, a limb with lymphedema "
                "or at risk of it: use gentle techniques without heat there"
            ),
            modality=modality,
            region=treated,
        )
