"""The clinical rules engine: :func:`validate` a note and get back what a careful supervisor
would point out before it is signed.

Rules are small functions ``(note, options) -> findings``, one module per family
(contraindications, drainage, order, timing, after_effects, measurements, modality), listed
once in :data:`RULES`. Every code is documented in ``docs/rules.md`` and never reused.
Rules never mutate the note.
"""

from __future__ import annotations

from soapnotes.errors import ClinicalRuleViolation
from soapnotes.findings import Finding, Severity
from soapnotes.models.note import Note
from soapnotes.rules._core import Rule, RuleCode, RuleOptions, path_sort_key
from soapnotes.rules._registry import RULES

__all__ = [
    "RULES",
    "Finding",
    "Rule",
    "RuleCode",
    "RuleOptions",
    "Severity",
    "rule_codes",
    "validate",
]


def rule_codes() -> tuple[RuleCode, ...]:
    """Every code the rules can report, sorted by code.

    .. versionadded:: 0.1.0
    """
    return tuple(sorted((code for rule in RULES for code in rule.codes), key=lambda c: c.code))


def _sort_key(finding: Finding) -> tuple[object, ...]:
    return (path_sort_key(finding.path), finding.code, finding.message)


def validate(
    note: Note, options: RuleOptions | None = None, *, strict: bool = False
) -> list[Finding]:
    """Run every enabled rule on ``note`` and return all findings, sorted by path then code.

    Args:
        note: a well-typed note (as :func:`soapnotes.load` returns).
        options: the clinic's policy (disabled codes, thresholds, ``now``); defaults apply
            when None.
        strict: raise instead of returning when any finding is an error.

    Raises:
        ClinicalRuleViolation: only with ``strict=True``, carrying the error findings.
        ValueError: ``options.disabled`` names a code no rule reports (a typo in a policy
            would otherwise switch nothing off).

    .. versionadded:: 0.1.0
    """
    options = options or RuleOptions()
    unknown = options.disabled - {code.code for code in rule_codes()}
    if unknown:
        raise ValueError(f"unknown rule code(s) to disable: {', '.join(sorted(unknown))}")
    findings: list[Finding] = []
    for rule in RULES:
        if all(code.code in options.disabled for code in rule.codes):
            continue
        findings.extend(f for f in rule.check(note, options) if f.code not in options.disabled)
    findings.sort(key=_sort_key)
    if strict:
        errors = [f for f in findings if f.severity is Severity.ERROR]
        if errors:
            raise ClinicalRuleViolation(errors)
    return findings
