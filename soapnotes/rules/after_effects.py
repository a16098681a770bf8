"""After-effect rules: headache, nausea or fatigue after the previous session.

Source: soapnotes policy (see ``docs/sources.md``): no published source fixes how long these
may last, so the window is ``RuleOptions.after_effect_info_hours`` and
``after_effect_warning_hours`` (24 and 48 hours by default); longer is followed up.
"""

from __future__ import annotations

from collections.abc import Iterator

from soapnotes.findings import Finding, Severity
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import AFTER_EFFECTS_TO_WATCH
from soapnotes.rules._core import RuleCode, RuleOptions

PROLONGED = RuleCode(
    code="SN-AE-001",
    severity=Severity.WARNING,
    summary="Headache, nausea or fatigue lasted longer than 48 hours (configurable)",
    source="soapnotes policy (after-effect window: RuleOptions.after_effect_warning_hours, 48 h)",
)
EXPECTED = RuleCode(
    code="SN-AE-002",
    severity=Severity.INFO,
    summary="Headache, nausea or fatigue lasted 24-48 hours (configurable)",
    source="soapnotes policy (after-effect window: RuleOptions.after_effect_info_hours, 24 h)",
)


def after_effect_duration(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Longer than the warning threshold (48 h) is a warning recommending follow-up or
    referral; from the info threshold (24 h) up to and including 48 h is info.

    Source: soapnotes policy (the after-effect window).
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
