"""Registers soapnotes' strategies with Hypothesis (the ``hypothesis`` entry point).

Hypothesis calls :func:`_hypothesis_setup_hook` with no arguments when it is imported, in any
environment where soapnotes is installed, unless ``HYPOTHESIS_NO_PLUGINS`` is set. Nothing
here runs on ``import soapnotes``. The strategies package itself is imported lazily, when a
test first draws from ``st.from_type`` for a soapnotes record, however the hook was called
(by Hypothesis's entry point, or by ``import soapnotes.strategies``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _record_strategies() -> dict[type, Callable[[], Any]]:
    """Each record class and the factory whose (valid) values ``from_type`` should give."""
    from soapnotes import _strategies as s
    from soapnotes import models as m

    return {
        m.Practice: s.practices,
        m.Therapist: s.therapists,
        m.Client: s.clients,
        m.Condition: s.conditions,
        m.NodeStatus: s.node_statuses,
        m.RegionRef: s.region_refs,
        m.Clearance: s.clearances,
        m.ScreeningAnswer: s.screening_answers,
        m.Screening: s.screenings,
        m.Consent: s.consents,
        m.Session: s.sessions,
        m.Subjective: s.subjectives,
        m.Objective: s.objectives,
        m.Assessment: s.assessments,
        m.Plan: s.plans,
        m.TreatedRegion: s.treated_regions,
        m.NodeTarget: s.node_targets,
        m.AfterEffect: s.after_effects,
        m.HomeCare: s.home_care,
        m.Referral: s.referrals,
        m.StemmerSign: s.stemmer_signs,
        m.Pitting: s.pitting,
        m.CircumferencePoint: s.circumference_points,
        m.CircumferenceSeries: s.circumference_series,
        m.PreviousMeasurements: s.previous_measurements,
        m.Signature: s.signatures,
        m.Addendum: s.addenda,
        m.Note: s.notes,
        m.Garment: s.garments,
        m.Bandaging: s.bandaging,
        m.Compression: s.compressions,
        m.ArterialCheck: s.arterial_checks,
        m.PressureRange: s.pressure_ranges,
        m.Physician: s.physicians,
        m.Prescription: s.prescriptions,
        m.Intake: s.intakes,
        m.CancerHistory: s.cancer_histories,
        m.Surgery: s.surgeries,
        m.RadiotherapyCourse: s.radiotherapy_courses,
        m.Chemotherapy: s.chemotherapies,
        m.CellulitisEpisode: s.cellulitis_episodes,
        m.Medication: s.medications,
        m.RedFlagCheck: s.red_flag_checks,
        m.RedFlagAnswer: s.red_flag_answers,
        m.OutcomeScore: s.outcome_scores,
        m.DomainScore: s.domain_scores,
        m.Goal: s.goals,
        m.MeasuredVolume: s.measured_volumes,
        m.Bioimpedance: s.bioimpedance_readings,
    }


def _hypothesis_setup_hook() -> None:
    """Register a strategy for every soapnotes record class with ``st.from_type``."""
    from hypothesis import strategies as st

    from soapnotes import models

    def lazy(record: type) -> Callable[[type], st.SearchStrategy[Any]]:
        # A function, not a strategy: Hypothesis checks a registered strategy for emptiness,
        # which would build every record's strategy (and import them) right here. The deferred
        # strategy it gives is resolved on the first draw, so `import hypothesis` stays cheap.
        def resolve(_: type) -> st.SearchStrategy[Any]:
            return st.deferred(lambda: _record_strategies()[record]())

        return resolve

    for name in models.__all__:
        record = getattr(models, name)
        if isinstance(record, type) and hasattr(record, "__attrs_attrs__"):
            st.register_type_strategy(record, lazy(record))
