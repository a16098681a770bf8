"""The engine: registry, options, sorting, strict mode, the documented code table."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

import soapnotes
from soapnotes import (
    RULES,
    AfterEffect,
    AfterEffectKind,
    ClinicalRuleViolation,
    Note,
    RuleOptions,
    Severity,
    SoapnotesError,
    load,
    rule_codes,
    to_dict,
    validate,
)
from soapnotes.errors import UsageError
from soapnotes.rules import check_codes
from soapnotes.rules._core import path_sort_key
from tests.rules.helpers import NOW, codes, findings, with_client, with_subjective

ROOT = Path(__file__).resolve().parents[2]
NOTES = sorted(ROOT.glob("examples/*.toml")) + sorted(ROOT.glob("examples/invalid/*.toml"))


def test_public_api_is_exported() -> None:
    """The rules API is importable from soapnotes and listed in __all__."""
    for name in ("validate", "Finding", "Severity", "RuleOptions", "ClinicalRuleViolation"):
        assert name in soapnotes.__all__
    assert "RULES" in soapnotes.__all__
    assert "rule_codes" in soapnotes.__all__


def test_codes_are_unique_and_well_formed() -> None:
    """No code is declared twice; every code is SN-XX-NNN."""
    all_codes = [code.code for rule in RULES for code in rule.codes]
    assert len(all_codes) == len(set(all_codes))
    assert all(re.fullmatch(r"SN-[A-Z]{2}-\d{3}", c) for c in all_codes)


def test_docs_table_matches_the_registry() -> None:
    """docs/rules.md lists exactly the registered codes, with their severities."""
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(SN-[A-Z]{2}-\d{3})` \| (\w+) \|", text, re.MULTILINE)
    assert rows == [(c.code, c.severity.value) for c in rule_codes()]


def test_docs_table_shows_each_codes_summary_and_source() -> None:
    """docs/rules.md shows every code's summary and source exactly as RuleCode has them."""
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    rows = re.findall(
        r"^\| `(SN-[A-Z]{2}-\d{3})` \| \w+ \| (.+?) \| (.+?) \|$", text, re.MULTILINE
    )
    assert rows == [(c.code, c.summary, c.source) for c in rule_codes()]


def test_every_source_cites_the_bibliography() -> None:
    """Each RuleCode.source starts with a short name of docs/sources.md, and cites no file
    that does not ship (DOMAIN.md)."""
    text = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    names = re.findall(r"^\| ([^|]+?) \| [^|]+ \| [^|]+ \|$", text, re.MULTILINE)
    names = [n for n in names if n not in ("short name", "---")]
    assert "soapnotes policy" in names
    for code in rule_codes():
        assert "DOMAIN" not in code.source, code.code
        assert any(code.source.startswith(name) for name in names), code.code


@pytest.mark.parametrize("path", NOTES, ids=lambda p: p.name)
def test_rules_report_only_their_declared_codes(path: Path) -> None:
    """Every rule, run alone, reports only the codes it was registered with."""
    note = load(path)
    for rule in RULES:
        declared = {code.code for code in rule.codes}
        found = {f.code for f in rule.check(note, RuleOptions(now=NOW))}
        assert found <= declared, rule.name


@pytest.mark.parametrize("path", NOTES, ids=lambda p: p.name)
def test_messages_never_quote_free_text(path: Path) -> None:
    """No message contains a free-text value of the note (longer strings, e.g. details)."""
    texts: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str) and len(value) > 12 and " " in value:
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    note = load(path)
    collect(to_dict(note))
    for finding in findings(note):
        assert not [t for t in texts if t in finding.message]


def test_findings_sorted_by_path_with_numeric_indices(arm: Note) -> None:
    """Findings come sorted by path, treatment[2] before treatment[10], then by code."""
    note = with_client(arm, node_status=(), conditions=(), consent=None)
    paths = [f.path for f in findings(note)]
    assert paths == sorted(paths, key=path_sort_key)
    assert path_sort_key("$.a[2].b") < path_sort_key("$.a[10].b")


def test_disabled_code_is_skipped(arm: Note) -> None:
    """A clinic can switch a rule off by code."""
    note = with_client(arm, consent=None)
    assert "SN-TM-004" in codes(note)
    assert "SN-TM-004" not in codes(note, disabled={"SN-TM-004"})


def test_disabling_one_code_keeps_the_rules_other_code(arm: Note) -> None:
    """Switching off SN-AE-002 leaves SN-AE-001, reported by the same rule, running."""
    effects = [AfterEffect(kind=AfterEffectKind.HEADACHE, duration_hours=h) for h in (30, 72)]
    note = with_subjective(arm, after_effects=effects)
    assert [c for c in codes(note, disabled={"SN-AE-002"}) if "AE" in c] == ["SN-AE-001"]


def test_unknown_disabled_code_is_refused(arm: Note) -> None:
    """A typo in a policy is a ValueError, not a silently ignored rule."""
    with pytest.raises(ValueError, match="SN-XX-999"):
        validate(arm, RuleOptions(disabled={"SN-XX-999"}))
    with pytest.raises(UsageError, match="SN-XX-999"):
        validate(arm, RuleOptions(disabled={"SN-XX-999"}))


def test_check_codes_is_the_one_unknown_code_check() -> None:
    """check_codes returns known codes as a set and names every unknown one, sorted."""
    assert check_codes(["SN-OR-004", "SN-AE-002", "SN-OR-004"]) == {"SN-OR-004", "SN-AE-002"}
    assert check_codes(()) == frozenset()
    with pytest.raises(UsageError, match=r"^unknown rule code\(s\): SN-XX-001, SN-ZZ-999$"):
        check_codes(["SN-ZZ-999", "SN-OR-004", "SN-XX-001"])


def test_strict_raises_with_the_errors_only(arm: Note) -> None:
    """strict=True raises ClinicalRuleViolation carrying the error findings, not the info."""
    note = with_client(arm, consent=None)
    with pytest.raises(ClinicalRuleViolation) as raised:
        validate(note, RuleOptions(now=NOW), strict=True)
    assert [f.code for f in raised.value.findings] == ["SN-TM-004"]
    assert isinstance(raised.value, SoapnotesError)
    assert "SN-TM-004" in str(raised.value)


def test_strict_returns_when_there_are_no_errors(arm: Note) -> None:
    """strict=True on a note with only info returns the findings."""
    found = validate(arm, RuleOptions(now=NOW), strict=True)
    assert all(f.severity is Severity.INFO for f in found)


def test_validate_does_not_change_the_note(arm: Note) -> None:
    """Rules never mutate: the note equals itself after validation."""
    before = attrs.evolve(arm)
    validate(arm, RuleOptions(now=NOW))
    assert arm == before


def test_options_reject_inconsistent_thresholds() -> None:
    """An info threshold above the warning threshold, or a naive now, is refused."""
    import datetime as dt

    with pytest.raises(ValueError, match="after_effect_info_hours"):
        RuleOptions(after_effect_info_hours=50)
    with pytest.raises(ValueError, match="time zone"):
        RuleOptions(now=dt.datetime(2026, 1, 1))  # noqa: DTZ001 - naive on purpose


def test_options_misuse_is_a_usage_error() -> None:
    """Every refused option is a UsageError, so catching SoapnotesError catches it."""
    import datetime as dt

    with pytest.raises(UsageError, match="time zone"):
        RuleOptions(now=dt.datetime(2026, 1, 1))  # noqa: DTZ001 - naive on purpose
    with pytest.raises(UsageError, match="after_effect_info_hours"):
        RuleOptions(after_effect_info_hours=50)
    with pytest.raises(UsageError, match="arm_circumference_cm"):
        RuleOptions(arm_circumference_cm=(90.0, 8.0))
    with pytest.raises(UsageError, match="excess_volume_bands"):
        RuleOptions(excess_volume_bands=(20.0, 5.0, 40.0))
