"""The schema-2 history beside the client: intake, cancer treatment, cellulitis, medications,
the referring physician and the prescription; and this visit's red-flag check.

Lays out what the records hold; wording of our own only (no record text is judged here).
"""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable  # type: ignore[import-untyped, unused-ignore]

from soapnotes import _format as fmt
from soapnotes.i18n import gettext as tr
from soapnotes.models.client import Client
from soapnotes.models.intake import CancerHistory, CellulitisEpisode, Intake, Medication
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import Answer
from soapnotes.render._writer import Writer

__all__ = ["history_pairs", "red_flag_lines"]


def history_pairs(client: Client) -> list[tuple[str, str]]:
    """Label/value rows of the schema-2 history, only those recorded."""
    pairs: list[tuple[str, str]] = []
    intake = client.intake
    if intake is not None:
        pairs += _intake_pairs(intake)
    if client.referring_physician is not None:
        pairs.append((tr("Referred by"), client.referring_physician.display_name))
    prescription = client.prescription
    if prescription is not None:
        parts = [tr("issued {date}", date=fmt.date(prescription.issued_on))]
        if prescription.reference:
            parts.insert(0, prescription.reference)
        if prescription.sessions_authorised is not None:
            used = "?" if prescription.sessions_used is None else str(prescription.sessions_used)
            parts.append(
                tr(
                    "sessions {used} of {authorised} authorised",
                    used=used,
                    authorised=prescription.sessions_authorised,
                )
            )
        if prescription.valid_until is not None:
            parts.append(tr("valid until {date}", date=fmt.date(prescription.valid_until)))
        if prescription.icd10:
            parts.append("ICD-10 " + ", ".join(prescription.icd10))
        parts.append(tr("by {name}", name=prescription.prescribed_by.name))
        pairs.append((tr("Prescription"), "; ".join(parts)))
    return pairs


def _intake_pairs(intake: Intake) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    body = []
    if intake.height_cm is not None:
        height = fmt.number(intake.height_cm, 1).removesuffix(".0").removesuffix(",0")
        body.append(tr("height {height} cm", height=height))
    if intake.handedness is not None:
        body.append(_HANDEDNESS[intake.handedness.value]())
    if body:
        text = ", ".join(body)
        pairs.append((tr("Intake"), text[:1].upper() + text[1:]))
    if intake.cancer:
        pairs.append((tr("Cancer history"), "\n".join(_cancer_line(c) for c in intake.cancer)))
    if intake.cellulitis:
        lines = "\n".join(_cellulitis_line(e) for e in intake.cellulitis)
        pairs.append((tr("Cellulitis"), lines))
    if intake.medications:
        lines = "\n".join(_medication_line(m) for m in intake.medications)
        pairs.append((tr("Medications"), lines))
    return pairs


_HANDEDNESS = {
    "right": lambda: tr("right-handed"),
    "left": lambda: tr("left-handed"),
    "ambidextrous": lambda: tr("ambidextrous"),
}


def _when(day: dt.date | None) -> str:
    return f" ({fmt.date(day)})" if day is not None else ""


def _cancer_line(cancer: CancerHistory) -> str:
    """'Breast cancer (C50.9), diagnosed 8 Feb 2024; surgery: ...; radiotherapy: ...'."""
    line = cancer.diagnosis
    if cancer.icd10:
        line += f" ({', '.join(cancer.icd10)})"
    if cancer.diagnosed_on is not None:
        line += tr(", diagnosed {date}", date=fmt.date(cancer.diagnosed_on))
    for surgery in cancer.surgery:
        nodes = (
            tr(", {count} nodes removed", count=surgery.nodes_removed)
            if surgery.nodes_removed is not None
            else ""
        )
        line += tr("; surgery: {procedure}", procedure=surgery.procedure)
        line += _when(surgery.performed_on) + nodes
    for course in cancer.radiotherapy:
        fields = ", ".join(tr("{field!l}", field=f.label) for f in course.fields)
        if course.side is not None:
            fields = tr("{side!l} {fields}", side=course.side.label, fields=fields)
        ended = _ended(course.finished_on)
        line += tr("; radiotherapy: {fields}", fields=fields) + ended
    for chemo in cancer.chemotherapy:
        kind = (
            " (" + tr("{part!l}", part=chemo.drug_class.label) + ")"
            if chemo.drug_class is not None
            else ""
        )
        ended = _ended(chemo.finished_on)
        line += tr("; chemotherapy: {regimen}", regimen=chemo.regimen) + kind + ended
    return line


def _ended(day: dt.date | None) -> str:
    return tr(", ended {date}", date=fmt.date(day)) if day is not None else ""


def _cellulitis_line(episode: CellulitisEpisode) -> str:
    side, limb = episode.side, episode.limb
    if side is not None and limb is not None:
        where = tr("{side!l} {limb!l}", side=side.label, limb=limb.label)
    elif side is not None or limb is not None:
        only = side.label if side is not None else limb.label if limb is not None else ""
        where = tr("{part!l}", part=only)
    else:
        where = ""
    line = f"{fmt.date(episode.began_on)}" + (f", {where}" if where else "")
    if episode.treated_with:
        line += f"; {episode.treated_with}"
    line += tr("; admitted to hospital") if episode.admitted else tr("; not admitted")
    return line


def _medication_line(medication: Medication) -> str:
    line = medication.name
    if medication.dose:
        line += f" {medication.dose}"
    line += " (" + tr("{part!l}", part=medication.kind.label) + ")"
    if medication.since is not None:
        line += tr(", since {date}", date=fmt.date(medication.since))
    return line


def red_flag_lines(note: Note, w: Writer) -> list[Flowable]:
    """This visit's red-flag check: how many asked and all no, or each yes / unknown."""
    check = note.session.red_flags
    if check is None:
        return []
    flagged = [a for a in check.answers if a.answer is not Answer.NO]
    asked = len(check.answers)
    if not flagged:
        text = (
            tr("{count} question asked, all answered no", count=asked)
            if asked == 1
            else tr("{count} questions asked, all answered no", count=asked)
        )
        return [w.label_value(tr("Red-flag check at this visit"), text)]
    out: list[Flowable] = [w.para(tr("Red-flag check at this visit:"), bold=True)]
    out.extend(
        w.bullets(
            f"{a.question.label}: {a.answer.label.upper()}"
            + (f" ({a.detail})" if a.detail else "")
            for a in flagged
        )
    )
    return out
