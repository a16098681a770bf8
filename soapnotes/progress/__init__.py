"""A client's course of treatment over weeks, and the numbers that show how it went.

A :class:`Course` is several notes for one client, ordered by session start. The functions
here compute, without drawing anything, what a progress report needs:

* limb volume per limb and side per session (:func:`volume_series`), left out where the
  session was measured at other points than the course's baseline, with the reason;
* for one-sided lymphedema of a limb, excess volume, percent excess volume and the percent
  reduction of excess volume against the first comparable session
  (:func:`excess_volume_series`); for edema on both sides (or no lymphedema recorded) the
  percent change of absolute volume per side instead (``VolumePoint.change_percent``), since
  there is no healthy limb to compare with (Mayrovitz 2007, see ``docs/sources.md``);
* pain, after-effects and CDT phase changes over time, and session frequency;
* weight and BMI, L-Dex, outcome scores and garment wear over the course (schema 2;
  ``_measures``);
* :func:`summary_sentences`, the plain-language summary a physician reads first.

:func:`compute_progress` and :func:`open_findings` take the clinic's
:class:`soapnotes.RuleOptions`, so the summary judges after-effects by the same window as
the findings. Everything is pure: records in, frozen records out. Rendering lives in
:mod:`soapnotes.render.progress`.

Modules: ``_course`` (the course and loading it), ``_volumes`` (volume and excess volume),
``_events`` (pain, after-effects, phases, frequency), ``_measures`` (weight, L-Dex,
outcomes, garment wear), ``_progress`` (everything together and the open findings),
``_summary`` (the sentences).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from soapnotes.models.limbs import one_sided_limbs
from soapnotes.progress._course import Course, course_from_notes, load_course
from soapnotes.progress._events import (
    AFTER_EFFECT_EXPECTED_HOURS,
    AfterEffectsPoint,
    PainPoint,
    PhaseChange,
    PhasePeriod,
    WeekCount,
    after_effects_series,
    cdt_phase_changes,
    pain_series,
    phase_periods,
    sessions_per_week,
    weekly_session_counts,
)
from soapnotes.progress._measures import (
    AdherencePoint,
    AdherenceSeries,
    LdexPoint,
    LdexSeries,
    OutcomePoint,
    OutcomeSeries,
    WeightPoint,
    adherence_series,
    ldex_series,
    outcome_series,
    weight_series,
)
from soapnotes.progress._progress import Progress, compute_progress, open_findings
from soapnotes.progress._summary import summary_sentences
from soapnotes.progress._volumes import (
    ExcessVolumePoint,
    ExcessVolumeSeries,
    VolumePoint,
    VolumeSeries,
    excess_volume_series,
    volume_series,
)

__all__ = [
    "AFTER_EFFECT_EXPECTED_HOURS",
    "AdherencePoint",
    "AdherenceSeries",
    "AfterEffectsPoint",
    "Course",
    "ExcessVolumePoint",
    "ExcessVolumeSeries",
    "LdexPoint",
    "LdexSeries",
    "OutcomePoint",
    "OutcomeSeries",
    "PainPoint",
    "PhaseChange",
    "PhasePeriod",
    "Progress",
    "VolumePoint",
    "VolumeSeries",
    "WeekCount",
    "WeightPoint",
    "adherence_series",
    "after_effects_series",
    "cdt_phase_changes",
    "compute_progress",
    "course_from_notes",
    "excess_volume_series",
    "ldex_series",
    "load_course",
    "one_sided_limbs",
    "open_findings",
    "outcome_series",
    "pain_series",
    "phase_periods",
    "sessions_per_week",
    "summary_sentences",
    "volume_series",
    "weekly_session_counts",
    "weight_series",
]
