"""Hypothesis strategies for soapnotes records (the code behind :mod:`soapnotes.strategies`).

Every strategy builds records through their constructors, so a record drawn here passed every
attrs validator. ``notes()`` goes further and follows the clinical rules
(:func:`soapnotes.rules.validate`), so the note it draws is one a careful supervisor would
sign: screened (the six seed questions answered), consented, treated in the order of Zuther
2017 and Wittlinger 2019 toward working node groups (Földi 2012), dated consistently.

Shrinking is kept readable: realistic names and phrases come first in every choice, lists
shrink to empty or to their minimum, and numbers shrink toward small, plausible values.

One module per concept, each importing only those before it:

- ``_base``: caching, the draw helper, the date window, ids, hashes, session starts;
- ``_text``: names and phrases;
- ``_screening``: screening answers, clearances, local areas, consent;
- ``_client``: conditions, lost node groups, the client;
- ``_measurements``: tape series, previous measurements, Stemmer sign, pitting;
- ``_treatment``: MLD treatment order and other massages, from ``models.anatomy``;
- ``_soap``: subjective, assessment, plan and their parts;
- ``_session``: the objective findings and the whole session;
- ``_note``: practice, therapist, signature, addenda, the whole note;
- ``_compression``: garments, bandaging, the arterial check of a leg (schema 2);
- ``_history``: intake, cancer treatment, cellulitis, medications, red flags, referral and
  prescription (schema 2);
- ``_outcomes``: outcome scores, goals, device-measured volumes and L-Dex (schema 2);
- ``_faults``: invalid note data for the io layer.
"""

from __future__ import annotations

from soapnotes._strategies._client import clients, conditions, node_statuses
from soapnotes._strategies._compression import (
    arterial_checks,
    bandaging,
    compressions,
    garments,
    pressure_ranges,
)
from soapnotes._strategies._faults import Fault, FaultKind, InvalidNoteData, invalid_note_data
from soapnotes._strategies._history import (
    cancer_histories,
    cellulitis_episodes,
    chemotherapies,
    intakes,
    medications,
    physicians,
    prescriptions,
    radiotherapy_courses,
    red_flag_answers,
    red_flag_checks,
    surgeries,
)
from soapnotes._strategies._measurements import (
    circumference_points,
    circumference_series,
    pitting,
    previous_measurements,
    stemmer_signs,
)
from soapnotes._strategies._note import addenda, notes, practices, signatures, therapists
from soapnotes._strategies._outcomes import (
    bioimpedance_readings,
    domain_scores,
    goals,
    measured_volumes,
    outcome_scores,
)
from soapnotes._strategies._screening import (
    clearances,
    consents,
    region_refs,
    screening_answers,
    screenings,
)
from soapnotes._strategies._session import objectives, sessions
from soapnotes._strategies._soap import (
    after_effects,
    assessments,
    home_care,
    plans,
    referrals,
    subjectives,
)
from soapnotes._strategies._treatment import node_targets, treated_regions

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
