"""After-effect rules (SN-AE-*): the after-effect window, 24-48 hours (soapnotes policy)."""

from __future__ import annotations

import pytest

from soapnotes import AfterEffect, AfterEffectKind, Note, Severity
from soapnotes.models.vocabulary import RED_FLAG_AFTER_EFFECTS
from tests.rules.helpers import codes, only, with_subjective


def _lasting(note: Note, hours: float, kind: AfterEffectKind = AfterEffectKind.HEADACHE) -> Note:
    description = "other" if kind is AfterEffectKind.OTHER else None
    effect = AfterEffect(kind=kind, duration_hours=hours, description=description)
    return with_subjective(note, after_effects=[effect])


@pytest.mark.parametrize(
    ("hours", "expected"),
    [(23.5, []), (24, ["SN-AE-002"]), (48, ["SN-AE-002"]), (48.5, ["SN-AE-001"])],
)
def test_after_effect_bands(arm: Note, hours: float, expected: list[str]) -> None:
    """Under 24 h nothing; 24 h to exactly 48 h info; over 48 h a warning."""
    assert [c for c in codes(_lasting(arm, hours)) if c.startswith("SN-AE")] == expected


def test_prolonged_recommends_follow_up(arm: Note) -> None:
    """The warning names the hours and recommends follow-up or referral, at the duration."""
    (finding,) = only(_lasting(arm, 72, AfterEffectKind.NAUSEA), "SN-AE-001")
    assert finding.path == "$.session.subjective.after_effects[0].duration_hours"
    assert "72 hours" in finding.message
    assert "referral" in finding.message


def test_threshold_is_an_option(arm: Note) -> None:
    """With the warning threshold at 72 h, 60 h of fatigue is only info."""
    note = _lasting(arm, 60, AfterEffectKind.FATIGUE)
    assert "SN-AE-001" not in codes(note, after_effect_warning_hours=72)
    assert "SN-AE-002" in codes(note, after_effect_warning_hours=72)


def test_other_after_effects_are_judged_by_the_window(arm: Note) -> None:
    """An "other" after-effect lasting 72 h is a warning like any other (issue 12, item 6)."""
    (finding,) = only(_lasting(arm, 72, AfterEffectKind.OTHER), "SN-AE-001")
    assert finding.message.startswith("An after-effect lasted 72 hours")


@pytest.mark.parametrize("kind", sorted(RED_FLAG_AFTER_EFFECTS, key=str))
def test_red_flag_after_effects_are_errors_whatever_their_duration(
    arm: Note, kind: AfterEffectKind
) -> None:
    """Breathlessness, chest or calf pain, a red, hot or more swollen limb, fever: SN-AE-003
    (refer before treating), even for an hour, and never judged by the window as well."""
    found = [c for c in codes(_lasting(arm, 1, kind)) if c.startswith("SN-AE")]
    assert found == ["SN-AE-003"]
    (finding,) = only(_lasting(arm, 100, kind), "SN-AE-003")
    assert finding.path == "$.session.subjective.after_effects[0].kind"
    assert finding.severity is Severity.ERROR
    assert "refer" in finding.message
    assert "SN-AE-001" not in codes(_lasting(arm, 100, kind))


def test_red_flag_without_duration_is_still_an_error(arm: Note) -> None:
    """A red flag needs no duration to be one."""
    effect = AfterEffect(kind=AfterEffectKind.CHEST_PAIN)
    assert "SN-AE-003" in codes(with_subjective(arm, after_effects=[effect]))


def test_rules_and_progress_watch_the_same_kinds(arm: Note) -> None:
    """One list of watched kinds: SN-AE-001 fires exactly where the report says too long."""
    from soapnotes.models.vocabulary import AFTER_EFFECTS_TO_WATCH
    from soapnotes.progress import AfterEffectsPoint

    for kind in AfterEffectKind:
        note = _lasting(arm, 100, kind)
        flagged = "SN-AE-001" in codes(note)
        point = AfterEffectsPoint(
            session_id=note.session.id,
            date=note.session.start.date(),
            effects=note.session.subjective.after_effects,
        )
        assert point.lasted_too_long is flagged is (kind in AFTER_EFFECTS_TO_WATCH), kind
