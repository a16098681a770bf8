"""The clinical rules engine: :func:`validate` a note and get back what a careful supervisor
would point out before it is signed.

Rules are small functions ``(note, options) -> findings``, one module per family
(contraindications, drainage, order, timing, after_effects, measurements, modality), listed
once in :data:`RULES`. Every code is documented in ``docs/rules.md`` and never reused.
Rules never mutate the note.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from soapnotes.errors import ClinicalRuleViolation, UsageError
from soapnotes.findings import Finding, Severity
from soapnotes.models.note import Note
from soapnotes.rules._core import Rule, RuleCode, RuleOptions, path_sort_key, refuse_unwaivable
from soapnotes.rules._registry import RULES

__all__ = [
    "RULES",
    "Finding",
    "Rule",
    "RuleCode",
    "RuleOptions",
    "Severity",
    "check_codes",
    "rule_codes",
    "validate",
    "waived_codes",
]


def rule_codes() -> tuple[RuleCode, ...]:
    """Every code the rules can report, sorted by code.

    .. versionadded:: 0.1.0
    """
    return tuple(sorted((code for rule in RULES for code in rule.codes), key=lambda c: c.code))


def check_codes(codes: Iterable[str]) -> frozenset[str]:
    """The rule codes ``codes`` as a set, once every one is known to :func:`rule_codes`.

    The one check of a code a caller names (a policy's ``disabled`` set, the command
    line's ``--ignore``): a typo would otherwise switch nothing off, silently, and an
    absolute contraindication is never switched off.

    Raises:
        UsageError: naming every unknown code, sorted
            (``unknown rule code(s): SN-XX-001, SN-XX-002``), or else every code that cannot
            be disabled (``rule code(s) SN-CI-002 cannot be disabled: ...``).

    .. versionadded:: 0.2.0
    """
    given = frozenset(codes)
    unknown = given - {code.code for code in rule_codes()}
    if unknown:
        raise UsageError(f"unknown rule code(s): {', '.join(sorted(unknown))}")
    refuse_unwaivable(given)
    return given


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
        UsageError: ``options.disabled`` names a code no rule reports
            (:func:`check_codes`; a typo in a policy would otherwise switch nothing off).

    .. versionadded:: 0.1.0
    """
    options = options or RuleOptions()
    check_codes(options.disabled)
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


def waived_codes(note: Note, options: RuleOptions) -> tuple[str, ...]:
    """The codes of ``options.disabled`` that would report an error or a warning on ``note``,
    sorted: what a signature under that policy waives (:func:`soapnotes.lifecycle.sign`
    records them). A disabled code that finds nothing, or only info, waives nothing.

    .. versionadded:: 0.2.0
    """
    if not options.disabled:
        return ()
    everything = validate(note, attrs.evolve(options, disabled=frozenset()))
    return tuple(
        sorted(
            {
                f.code
                for f in everything
                if f.code in options.disabled and f.severity is not Severity.INFO
            }
        )
    )
