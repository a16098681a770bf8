"""The schema-2 parts of O: weight and BMI, volumes a device measured, L-Dex.

The BMI is :attr:`soapnotes.Note.bmi` (computed from the weight and the intake height) and
its class :func:`soapnotes.bmi_class`; device volumes are printed as measured, in their own
table, never beside the tape volumes they must not be mixed with.
"""

from __future__ import annotations

from reportlab.platypus import Flowable  # type: ignore[import-untyped, unused-ignore]

from soapnotes import _format as fmt
from soapnotes.i18n import gettext as tr
from soapnotes.models.intake import bmi_class
from soapnotes.models.measurements import CircumferenceSeries, VolumeFormula
from soapnotes.models.note import Note
from soapnotes.render import styles as st
from soapnotes.render._blocks import data_table
from soapnotes.render._writer import Writer

__all__ = ["body_lines", "device_measurements", "method_label"]


def method_label(series: CircumferenceSeries) -> str:
    """'frustum method, every 4 cm' or 'disk method, 11 disks of 4 cm centred 0-40 cm'."""
    interval = fmt.number(series.interval_cm, 1).removesuffix(".0").removesuffix(",0")
    if series.method is VolumeFormula.DISK:
        first, last = series.distances[0], series.distances[-1]
        count = len(series.points)
        return tr(
            "disk method, {count} disks of {interval} cm centred {first}-{last} cm",
            count=count,
            interval=interval,
            first=f"{first:g}",
            last=f"{last:g}",
        )
    return tr("frustum method, every {interval} cm", interval=interval)


def body_lines(note: Note, w: Writer) -> list[Flowable]:
    """'Weight: 78.6 kg · BMI 29.8 kg/m² (pre-obese, WHO), height 162.5 cm at intake'."""
    weight = note.session.objective.weight_kg
    if weight is None:
        return []
    text = f"{fmt.number(weight, 1)} kg"
    bmi = note.bmi
    intake = note.client.intake
    if bmi is not None and intake is not None and intake.height_cm is not None:
        height = fmt.number(intake.height_cm, 1).removesuffix(".0").removesuffix(",0")
        text += tr(
            " · BMI {bmi} kg/m² ({bmi_class}, WHO), from the intake height {height} cm",
            bmi=fmt.number(bmi, 1),
            bmi_class=tr(bmi_class(bmi)),
            height=height,
        )
    else:
        text += tr(" · BMI not computed: no height on file")
    return [w.label_value(tr("Weight"), text)]


def device_measurements(note: Note, w: Writer) -> list[Flowable]:
    """Device-measured volumes (their own table) and L-Dex readings, when recorded."""
    o = note.session.objective
    out: list[Flowable] = []
    if o.volumes:
        rows: list[list[object]] = [
            [
                w.head(tr("Limb")),
                w.head(tr("Method")),
                w.head(tr("Device")),
                w.head(tr("Extent")),
                w.head(tr("Volume"), right=True),
            ]
        ]
        for index, v in enumerate(o.volumes, start=1):
            rows.append(
                [
                    w.cell(tr("{side} {limb!l}", side=v.side.label, limb=v.limb.label)),
                    w.cell(v.method.label),
                    w.cell(w.fit(v.device, tr("Device volume {number}, device", number=index))),
                    w.cell(
                        w.fit(v.extent or "—", tr("Device volume {number}, extent", number=index))
                    ),
                    w.cell(fmt.ml(v.volume_ml), right=True),
                ]
            )
        widths = [0.18 * w.width, 0.2 * w.width, 0.24 * w.width, 0.22 * w.width, 0.16 * w.width]
        out.append(
            w.subheading(tr("Volumes measured by device (as measured; not mixed with tape)"))
        )
        out.append(data_table(rows, widths, st.grid_table_style()))
        out.extend(w.cell_notes())
    if o.bioimpedance:
        text = "; ".join(
            f"{b.label} L-Dex {fmt.number(b.ldex, 1)} ({b.device})" for b in o.bioimpedance
        )
        out.append(w.label_value(tr("Bioimpedance"), text))
    return out
