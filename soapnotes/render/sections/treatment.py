"""Treatment performed: the regions in the order treated, with phase tints and total minutes."""

from __future__ import annotations

from reportlab.platypus import Flowable  # type: ignore[import-untyped, unused-ignore]

from soapnotes import _format as fmt
from soapnotes.i18n import gettext as tr
from soapnotes.models.note import Note
from soapnotes.models.session import TreatedRegion
from soapnotes.models.vocabulary import Phase
from soapnotes.render import styles as st
from soapnotes.render._blocks import column_widths, data_table
from soapnotes.render._writer import Writer, small

__all__ = ["treatment"]

_PHASE_TINT = {Phase.CLEARING: st.CLEARING_TINT, Phase.REABSORPTION: st.REABSORPTION_TINT}

#: Column widths, as fractions of the text width: English, and the languages whose side and
#: phase words are longer ("Rechts", "Vorbehandlung").
_FRACTIONS = (0.04, 0.165, 0.065, 0.13, 0.085, 0.29, 0.225)
_WIDE_FRACTIONS = (0.04, 0.165, 0.075, 0.15, 0.085, 0.26, 0.225)
_DASH = "—"


def treatment(note: Note, w: Writer) -> list[Flowable]:
    """The treated regions in the order given, with phase tints and the total minutes."""
    session = note.session
    out: list[Flowable] = [w.heading(tr("Treatment performed"))]
    if not session.treatment:
        out.append(w.para(tr("No regions recorded."), w.styles.muted))
        return out
    heads = ("#", tr("Region"), tr("Side"), tr("Phase"), "Min", tr("Technique"), tr("Drains to"))
    rows: list[list[object]] = [[w.head(h, right=h in ("#", "Min")) for h in heads]]
    commands = st.grid_table_style()
    for index, region in enumerate(session.treatment, start=1):
        rows.append(_region_row(w, index, region))
        if region.phase is not None:
            commands.append(("BACKGROUND", (3, index), (3, index), _PHASE_TINT[region.phase]))
    total = len(rows)
    rows.append(
        [
            "",
            w.cell(tr("Total"), bold=True),
            "",
            "",
            w.cell(fmt.minutes(session.treatment_minutes), right=True, bold=True),
            w.cell(tr("of a {minutes} session", minutes=fmt.minutes(session.duration_minutes))),
            "",
        ]
    )
    commands.append(("LINEABOVE", (0, total), (-1, total), 0.8, st.RULE))
    commands.append(("BACKGROUND", (0, total), (-1, total), st.ZEBRA_FILL))
    out.append(data_table(rows, column_widths(w.width, _FRACTIONS, _WIDE_FRACTIONS), commands))
    out.extend(w.cell_notes())
    return out


def _region_row(w: Writer, index: int, region: TreatedRegion) -> list[object]:
    """One treated region; long techniques and notes are cut short (:meth:`Writer.fit`)."""
    where = tr("Treatment row {number} ({region})", number=index, region=region.region.label)
    technique = [w.markup(w.fit(region.technique or "", tr("{where}, technique", where=where)))]
    if region.notes:
        notes = w.markup(w.fit(region.notes, tr("{where}, notes", where=where)), italic=True)
        technique += ["<br/>" if region.technique else "", small(notes)]
    return [
        w.cell(str(index), right=True),
        w.cell(region.region.label),
        w.cell(region.side.label if region.side else _DASH),
        w.cell(region.phase.label if region.phase else _DASH),
        w.cell(str(region.minutes), right=True),
        w.join(technique, w.styles.cell),
        w.cell(region.drains_to.label if region.drains_to else _DASH),
    ]
