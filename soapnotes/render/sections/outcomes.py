"""The schema-2 parts of A: patient-reported outcome scores and the structured goals."""

from __future__ import annotations

from reportlab.platypus import (  # type: ignore[import-untyped, unused-ignore]
    Flowable,
    KeepTogether,
)

from soapnotes import _format as fmt
from soapnotes.i18n import gettext as tr
from soapnotes.models.note import Note
from soapnotes.models.outcomes import Goal, OutcomeScore
from soapnotes.render import styles as st
from soapnotes.render._blocks import data_table
from soapnotes.render._writer import Writer

__all__ = ["outcomes_and_goals"]

_DASH = "—"


def _scale(score: OutcomeScore) -> str:
    low, high = score.instrument.domain_range
    better = tr("higher is better") if score.instrument.higher_is_better else tr("higher is worse")
    return f"{low:g}-{high:g}, {better}"


def _outcome_table(note: Note, w: Writer) -> list[Flowable]:
    scores = note.session.assessment.outcomes
    domains = list(dict.fromkeys(d for s in scores for d in s.instrument.domains))
    has_overall = any(s.instrument.has_overall for s in scores)
    header = [w.head(tr("Outcome score")), *(w.head(d.label, right=True) for d in domains)]
    if has_overall:
        header.append(w.head(tr("Overall QoL (0-10)"), right=True))
    rows: list[list[object]] = [header]
    for s in scores:
        row: list[object] = [
            w.join(
                [
                    w.markup(s.instrument.label, bold=True),
                    "<br/>",
                    w.markup(f"{fmt.date(s.completed_on)}; {_scale(s)}"),
                ],
                w.styles.cell,
            )
        ]
        for domain in domains:
            value = s.score(domain)
            row.append(w.cell(_DASH if value is None else fmt.number(value, 1), right=True))
        if has_overall:
            row.append(w.cell(_DASH if s.overall is None else fmt.number(s.overall), right=True))
        rows.append(row)
    first = 0.3 * w.width
    rest = (w.width - first) / (len(header) - 1)
    return [data_table(rows, [first] + [rest] * (len(header) - 1), st.grid_table_style())]


def _goal_line(goal: Goal) -> str:
    """'Excess volume under 10 % (target 10 %, due 4 Dec 2026): active'."""
    details = []
    if goal.target is not None:
        unit = tr(goal.measure.unit) if goal.measure.unit else ""
        value = fmt.number(goal.target, 1).removesuffix(".0").removesuffix(",0")
        target = f"{value}{' ' if unit and unit != '/10' else ''}{unit}"
        details.append(tr("target {target}", target=target))
    if goal.due_on is not None:
        details.append(tr("due {date}", date=fmt.date(goal.due_on)))
    line = goal.description
    if details:
        line += f" ({', '.join(details)})"
    return tr("{goal}: {status!l}", goal=line, status=goal.status.label)


def outcomes_and_goals(note: Note, w: Writer) -> list[Flowable]:
    """The outcome scores table and the goals, only when recorded."""
    a = note.session.assessment
    out: list[Flowable] = []
    if a.outcomes:
        out.extend(_outcome_table(note, w))
    if a.goals:
        goals = [w.para(tr("Goals:"), bold=True), *w.bullets(_goal_line(g) for g in a.goals)]
        out.append(KeepTogether(goals))
    return out
