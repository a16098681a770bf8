"""Hypothesis strategies for soapnotes records: valid, realistic notes for property tests.

Needs Hypothesis, the ``strategies`` extra: ``pip install 'soapnotes[strategies]'``.
Importing this module also registers a strategy for every record class with
``hypothesis.strategies.from_type`` (the ``hypothesis`` entry point does the same whenever
Hypothesis is imported in an environment where soapnotes is installed).

See ``docs/strategies.md`` for every option, with examples.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401 - only to fail early with a message that says what to do
except ImportError as exc:  # pragma: no cover - exercised in an environment without hypothesis
    raise ImportError(
        "soapnotes.strategies needs Hypothesis: pip install 'soapnotes[strategies]'"
    ) from exc

from soapnotes._hypothesis_plugin import _hypothesis_setup_hook
from soapnotes._strategies import (
    Fault,
    FaultKind,
    InvalidNoteData,
    addenda,
    after_effects,
    arterial_checks,
    assessments,
    bandaging,
    bioimpedance_readings,
    cancer_histories,
    cellulitis_episodes,
    chemotherapies,
    circumference_points,
    circumference_series,
    clearances,
    clients,
    compressions,
    conditions,
    consents,
    domain_scores,
    garments,
    goals,
    home_care,
    intakes,
    invalid_note_data,
    measured_volumes,
    medications,
    node_statuses,
    node_targets,
    notes,
    objectives,
    outcome_scores,
    physicians,
    pitting,
    plans,
    practices,
    prescriptions,
    pressure_ranges,
    previous_measurements,
    radiotherapy_courses,
    red_flag_answers,
    red_flag_checks,
    referrals,
    region_refs,
    screening_answers,
    screenings,
    sessions,
    signatures,
    stemmer_signs,
    subjectives,
    surgeries,
    therapists,
    treated_regions,
)

__all__ = [
    "Fault",
    "FaultKind",
    "InvalidNoteData",
    "addenda",
    "after_effects",
    "arterial_checks",
    "assessments",
    "bandaging",
    "bioimpedance_readings",
    "cancer_histories",
    "cellulitis_episodes",
    "chemotherapies",
    "circumference_points",
    "circumference_series",
    "clearances",
    "clients",
    "compressions",
    "conditions",
    "consents",
    "domain_scores",
    "garments",
    "goals",
    "home_care",
    "intakes",
    "invalid_note_data",
    "measured_volumes",
    "medications",
    "node_statuses",
    "node_targets",
    "notes",
    "objectives",
    "outcome_scores",
    "physicians",
    "pitting",
    "plans",
    "practices",
    "prescriptions",
    "pressure_ranges",
    "previous_measurements",
    "radiotherapy_courses",
    "red_flag_answers",
    "red_flag_checks",
    "referrals",
    "region_refs",
    "screening_answers",
    "screenings",
    "sessions",
    "signatures",
    "stemmer_signs",
    "subjectives",
    "surgeries",
    "therapists",
    "treated_regions",
]

# Works without the entry point too (a source checkout on PYTHONPATH, HYPOTHESIS_NO_PLUGINS).
_hypothesis_setup_hook()
