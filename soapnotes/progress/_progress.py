"""Everything a progress report shows, computed once under the clinic's rule policy."""

from __future__ import annotations

import attrs

from soapnotes.findings import Finding
from soapnotes.progress._course import Course
from soapnotes.progress._events import (
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
    AdherenceSeries,
    LdexSeries,
    OutcomeSeries,
    WeightPoint,
    adherence_series,
    ldex_series,
    outcome_series,
    weight_series,
)
from soapnotes.progress._volumes import (
    ExcessVolumeSeries,
    VolumeSeries,
    excess_volume_series,
    volume_series,
)
from soapnotes.rules import RuleOptions, validate

__all__ = ["Progress", "compute_progress", "open_findings"]


@attrs.frozen(kw_only=True)
class Progress:
    """Every series a progress report shows, computed once for a course.

    ``rule_options`` is the clinic's rule policy the series were computed under (the
    after-effect window among others), so the summary and the open findings agree.
    ``weight``, ``ldex``, ``outcomes`` and ``adherence`` are the schema-2 series (empty when
    the course records none).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``weight``, ``ldex``, ``outcomes``, ``adherence``.
    """

    course: Course
    volumes: tuple[VolumeSeries, ...]
    excess: tuple[ExcessVolumeSeries, ...]
    pain: tuple[PainPoint, ...]
    after_effects: tuple[AfterEffectsPoint, ...]
    phase_changes: tuple[PhaseChange, ...]
    phase_periods: tuple[PhasePeriod, ...]
    sessions_per_week: float | None
    weeks: tuple[WeekCount, ...]
    rule_options: RuleOptions = attrs.field(factory=RuleOptions)
    weight: tuple[WeightPoint, ...] = ()
    ldex: tuple[LdexSeries, ...] = ()
    outcomes: tuple[OutcomeSeries, ...] = ()
    adherence: tuple[AdherenceSeries, ...] = ()

    @property
    def change_volumes(self) -> tuple[VolumeSeries, ...]:
        """Volume series to report as percent change: limbs without an excess series."""
        one_sided = {e.limb for e in self.excess}
        return tuple(v for v in self.volumes if v.limb not in one_sided)


def compute_progress(course: Course, options: RuleOptions | None = None) -> Progress:
    """Compute every series of :class:`Progress` for ``course``.

    Args:
        course: the course.
        options: the clinic's rule policy, as for :func:`open_findings`; its
            ``after_effect_warning_hours`` decides which after-effects lasted too long.
            The rules' defaults when None.

    .. versionadded:: 0.1.0
    """
    options = options or RuleOptions()
    volumes = volume_series(course)
    return Progress(
        course=course,
        volumes=volumes,
        excess=excess_volume_series(course, volumes),
        pain=pain_series(course),
        after_effects=after_effects_series(course, options),
        phase_changes=cdt_phase_changes(course),
        phase_periods=phase_periods(course),
        sessions_per_week=sessions_per_week(course),
        weeks=weekly_session_counts(course),
        rule_options=options,
        weight=weight_series(course),
        ldex=ldex_series(course),
        outcomes=outcome_series(course),
        adherence=adherence_series(course),
    )


def open_findings(course: Course, options: RuleOptions | None = None) -> list[Finding]:
    """What the rules engine still reports at the last session of the course.

    Earlier notes' findings are history; the last note is where the client stands now.

    Args:
        course: the course.
        options: the clinic's rule policy, as for :func:`soapnotes.rules.validate`; pass
            the same to :func:`compute_progress` so the summary and the findings agree.

    .. versionadded:: 0.1.0
    """
    return validate(course.last, options)
