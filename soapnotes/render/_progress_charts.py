"""The progress report's schema-2 charts: weight, L-Dex, outcome scores, garment wear.

Each chart appears only when the course recorded its values; the numbers come from
:mod:`soapnotes.progress` (``Progress.weight``, ``ldex``, ``outcomes``, ``adherence``).
"""

from __future__ import annotations

from reportlab.platypus import (  # type: ignore[import-untyped, unused-ignore]
    Flowable,
    KeepTogether,
)

from soapnotes import _format as fmt
from soapnotes.i18n import gettext as tr
from soapnotes.models.outcomes import Instrument
from soapnotes.progress import Progress
from soapnotes.render._writer import Writer
from soapnotes.render.charts import ChartLine, line_chart

__all__ = ["measure_charts"]


def _chart(
    w: Writer,
    result: Progress,
    title: str,
    lines: list[ChartLine],
    unit: str,
    caption: str,
    value_range: tuple[float, float] | None = None,
    value_format: str = "{:,.0f}",
) -> Flowable:
    course = result.course
    chart = line_chart(
        lines,
        width=w.width,
        height=130,
        unit=unit,
        first=course.start_date,
        last=course.end_date,
        value_range=value_range,
        value_format=value_format,
    )
    return KeepTogether([w.heading(title), chart, w.para(caption, w.styles.small)])


def _weight(result: Progress, w: Writer) -> list[Flowable]:
    points = result.weight
    if not points:
        return []
    line = ChartLine(name=tr("Weight"), points=tuple((p.date, p.weight_kg) for p in points))
    last = points[-1]
    caption = tr(
        "Weight at each session that recorded it; last {weight} kg",
        weight=fmt.number(last.weight_kg, 1),
    )
    if last.bmi is not None:
        caption += tr(", BMI {bmi} kg/m² (from the intake height)", bmi=fmt.number(last.bmi, 1))
    chart = _chart(
        w, result, tr("Weight"), [line], tr("Weight (kg)"), caption + ".", None, "{:,.1f}"
    )
    return [chart]


def _ldex(result: Progress, w: Writer) -> list[Flowable]:
    if not result.ldex:
        return []
    lines = [
        ChartLine(name=s.label, points=tuple((p.date, p.ldex) for p in s.points))
        for s in result.ldex
    ]
    caption = tr(
        "Bioimpedance (L-Dex) of the limb at risk against the other, as the device gave it."
    )
    title = tr("Bioimpedance (L-Dex)")
    return [_chart(w, result, title, lines, "L-Dex", caption, None, "{:,.0f}")]


def _outcomes(result: Progress, w: Writer) -> list[Flowable]:
    out: list[Flowable] = []
    for instrument in Instrument:
        series = [s for s in result.outcomes if s.instrument is instrument]
        domains = [s for s in series if s.domain is not None]
        if not domains:
            continue
        lines = [
            ChartLine(name=s.label, points=tuple((p.date, p.score) for p in s.points))
            for s in domains
        ]
        low, high = instrument.domain_range
        better = tr("higher is better") if instrument.higher_is_better else tr("higher is worse")
        caption = tr(
            "{instrument} domain scores ({low}-{high}, {better})",
            instrument=instrument.label,
            low=f"{low:g}",
            high=f"{high:g}",
            better=better,
        )
        overall = [s for s in series if s.domain is None]
        if overall:
            values = ", ".join(fmt.number(p.score) for p in overall[0].points)
            caption += tr(
                "; overall quality of life (0-10, higher is better): {values}", values=values
            )
        out.append(
            _chart(
                w,
                result,
                tr("Outcome scores: {instrument}", instrument=instrument.label),
                lines,
                tr("Score"),
                caption + ".",
                (low, high),
                "{:,.1f}" if high <= 10 else "{:,.0f}",
            )
        )
    return out


def _adherence(result: Progress, w: Writer) -> list[Flowable]:
    if not result.adherence:
        return []
    lines = [
        ChartLine(name=s.label, points=tuple((p.date, p.percent) for p in s.points))
        for s in result.adherence
    ]
    top = max(120.0, max(p.percent for s in result.adherence for p in s.points))
    caption = tr(
        "Hours a day the client reported wearing each garment, as a percentage of the hours "
        "prescribed (100 % = as prescribed)."
    )
    title, unit = tr("Garment adherence"), tr("% of prescribed")
    return [_chart(w, result, title, lines, unit, caption, (0, top))]


def measure_charts(result: Progress, w: Writer) -> list[Flowable]:
    """Weight, L-Dex, outcome scores and garment adherence, each only when recorded."""
    return [
        *_weight(result, w),
        *_ldex(result, w),
        *_outcomes(result, w),
        *_adherence(result, w),
    ]
