"""After-effect rules: headache, nausea or fatigue after the previous session.

Source: DOMAIN.md, The work being recorded ("these should ease within 24-48 hours. Lasting
longer is something to follow up and may mean referral"). The thresholds are options.
"""

from __future__ import annotations

from collections.abc import Iterator

from soapnotes.findings import Finding, Severity
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import AFTER_EFFECTS_TO_WATCH
from soapnotes.rules._core import RuleCode, RuleOptions

_SOURCE = "DOMAIN.md, The work being recorded (ease within 24-48 hours)"

PROLONGED = RuleCode(
    code="SN-AE-001",
    severity=Severity.WARNING,
    summary="Headache, nausea or fatigue lasted longer than 48 hours (configurable)",
    source=_SOURCE,
)
EXPECTED = RuleCode(
    code="SN-AE-002",
    severity=Severity.INFO,
    summary="Headache, nausea or fatigue lasted 24-48 hours (configurable)",
    source=_SOURCE,
)


def after_effect_duration(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Longer than the warning threshold (48 h) is a warning recommending follow-up or
    referral; from the info threshold (24 h) up to and including 48 h is info.

    Source: DOMAIN.md, The work being recorded.
    """
    warn_after = options.after_effect_warning_hours
    info_from = options.after_effect_info_hours
    for index, effect in enumerate(note.session.subjective.after_effects):
        hours = effect.duration_hours
        if effect.kind not in AFTER_EFFECTS_TO_WATCH or hours is None:
            continue
        path = f"$.session.subjective.after_effects[{index}].duration_hours"
        what = effect.kind.label.lower()
        if hours > warn_after:
            yield PROLONGED.at(
                path,
                f"{what} lasted {hours:g} hours after the previous session, longer than "
                f"{warn_after:g}: follow up, and consider referral",
            )
        elif hours >= info_from:
            yield EXPECTED.at(
                path,
                f"{what} lasted {hours:g} hours after the previous session (expected to ease "
                f"within {info_from:g}-{warn_after:g} hours); ask about it next time",
            )
