"""After-effect rules: how the client felt after the previous session.

Red flags (breathlessness, chest pain, calf pain, a red, hot or more swollen limb, fever:
:data:`~soapnotes.models.vocabulary.RED_FLAG_AFTER_EFFECTS`) are errors whatever their
duration: refer before treating. Every other kind, "other" included
(:data:`~soapnotes.models.vocabulary.AFTER_EFFECTS_TO_WATCH`), is judged against the clinic's
window. Sources (``docs/sources.md``): WakeMed policy and Zuther 2017 (the signs of a
thrombosis, an embolism, cardiac decompensation or cellulitis stop treatment); soapnotes
policy for the window: no published source fixes how long an after-effect may last, so it is
``RuleOptions.after_effect_info_hours`` and ``after_effect_warning_hours`` (24 and 48 hours
by default); longer is followed up.
"""

from __future__ import annotations

from collections.abc import Iterator

from soapnotes.findings import Finding, Severity
from soapnotes.i18n._active import gettext_noop
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import AFTER_EFFECTS_TO_WATCH, AfterEffectKind
from soapnotes.rules._core import RuleCode, RuleOptions, number, term

PROLONGED = RuleCode(
    code="SN-AE-001",
    severity=Severity.WARNING,
    summary="After-effect lasted longer than 48 hours (configurable)",
    source="soapnotes policy (after-effect window: RuleOptions.after_effect_warning_hours, 48 h)",
)
EXPECTED = RuleCode(
    code="SN-AE-002",
    severity=Severity.INFO,
    summary="After-effect lasted 24-48 hours (configurable)",
    source="soapnotes policy (after-effect window: RuleOptions.after_effect_info_hours, 24 h)",
)
RED_FLAG = RuleCode(
    code="SN-AE-003",
    severity=Severity.ERROR,
    summary="Red-flag after-effect after the previous session: refer before treating",
    source=(
        "WakeMed policy (acute DVT, cardiac failure, infection or fever: no treatment); "
        "Zuther 2017 (complications: refer)"
    ),
)


def red_flags(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """A red-flag after-effect is an error, whatever its duration: the client is referred
    (possible thrombosis, embolism, cardiac decompensation or cellulitis) before being treated
    again.

    Source: WakeMed policy; Zuther 2017.
    """
    for index, effect in enumerate(note.session.subjective.after_effects):
        if effect.kind.is_red_flag:
            yield RED_FLAG.at(
                f"$.session.subjective.after_effects[{index}].kind",
                "{kind!l} after the previous session is a red flag: refer the client for "
                "medical assessment before treating",
                kind=effect.kind,
            )


def after_effect_duration(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Longer than the warning threshold (48 h) is a warning recommending follow-up or
    referral; from the info threshold (24 h) up to and including 48 h is info. Every kind
    that is not a red flag is judged, "other" included.

    Source: soapnotes policy (the after-effect window).
    """
    warn_after = options.after_effect_warning_hours
    info_from = options.after_effect_info_hours
    for index, effect in enumerate(note.session.subjective.after_effects):
        hours = effect.duration_hours
        if effect.kind not in AFTER_EFFECTS_TO_WATCH or hours is None:
            continue
        path = f"$.session.subjective.after_effects[{index}].duration_hours"
        what = (
            term(gettext_noop("an after-effect"))
            if effect.kind is AfterEffectKind.OTHER
            else effect.kind
        )
        if hours > warn_after:
            yield PROLONGED.at(
                path,
                "{what!l} lasted {hours} hours after the previous session, longer than "
                "{most}: follow up, and consider referral",
                what=what,
                hours=number(hours, "g"),
                most=number(warn_after, "g"),
            )
        elif hours >= info_from:
            yield EXPECTED.at(
                path,
                "{what!l} lasted {hours} hours after the previous session (expected to ease "
                "within {least}-{most} hours); ask about it next time",
                what=what,
                hours=number(hours, "g"),
                least=number(info_from, "g"),
                most=number(warn_after, "g"),
            )
