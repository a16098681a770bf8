"""The schema-2 history beside the client: intake, cancer treatment, cellulitis, medications,
the referring physician and the prescription; and this visit's red-flag check.

Lays out what the records hold; wording of our own only (no record text is judged here).
"""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable  # type: ignore[import-untyped, unused-ignore]

from soapnotes import _format as fmt
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
        pairs.append(("Referred by", client.referring_physician.display_name))
    prescription = client.prescription
    if prescription is not None:
        parts = [f"issued {fmt.date(prescription.issued_on)}"]
        if prescription.reference:
            parts.insert(0, prescription.reference)
        if prescription.sessions_authorised is not None:
            used = "?" if prescription.sessions_used is None else str(prescription.sessions_used)
            parts.append(f"sessions {used} of {prescription.sessions_authorised} authorised")
        if prescription.valid_until is not None:
            parts.append(f"valid until {fmt.date(prescription.valid_until)}")
        if prescription.icd10:
            parts.append("ICD-10 " + ", ".join(prescription.icd10))
        parts.append(f"by {prescription.prescribed_by.name}")
        pairs.append(("Prescription", "; ".join(parts)))
    return pairs


def _intake_pairs(intake: Intake) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    body = []
    if intake.height_cm is not None:
        body.append(f"height {fmt.number(intake.height_cm, 1).removesuffix('.0')} cm")
    if intake.handedness is not None:
        body.append(
            f"{intake.handedness.value}-handed"
            if intake.handedness.value != "ambidextrous"
            else "ambidextrous"
        )
    if body:
        pairs.append(("Intake", ", ".join(body).capitalize()))
    if intake.cancer:
        pairs.append(("Cancer history", "\n".join(_cancer_line(c) for c in intake.cancer)))
    if intake.cellulitis:
        pairs.append(("Cellulitis", "\n".join(_cellulitis_line(e) for e in intake.cellulitis)))
    if intake.medications:
        pairs.append(("Medications", "\n".join(_medication_line(m) for m in intake.medications)))
    return pairs


def _when(day: dt.date | None) -> str:
    return f" ({fmt.date(day)})" if day is not None else ""


def _cancer_line(cancer: CancerHistory) -> str:
    """'Breast cancer (C50.9), diagnosed 8 Feb 2024; surgery: ...; radiotherapy: ...'."""
    line = cancer.diagnosis
    if cancer.icd10:
        line += f" ({', '.join(cancer.icd10)})"
    if cancer.diagnosed_on is not None:
        line += f", diagnosed {fmt.date(cancer.diagnosed_on)}"
    for surgery in cancer.surgery:
        nodes = (
            f", {surgery.nodes_removed} nodes removed" if surgery.nodes_removed is not None else ""
        )
        line += f"; surgery: {surgery.procedure}{_when(surgery.performed_on)}{nodes}"
    for course in cancer.radiotherapy:
        fields = ", ".join(f.label.lower() for f in course.fields)
        side = f" {course.side.value}" if course.side is not None else ""
        ended = f", ended {fmt.date(course.finished_on)}" if course.finished_on else ""
        line += f"; radiotherapy:{side} {fields}{ended}"
    for chemo in cancer.chemotherapy:
        kind = f" ({chemo.drug_class.label.lower()})" if chemo.drug_class is not None else ""
        ended = f", ended {fmt.date(chemo.finished_on)}" if chemo.finished_on else ""
        line += f"; chemotherapy: {chemo.regimen}{kind}{ended}"
    return line


def _cellulitis_line(episode: CellulitisEpisode) -> str:
    where = " ".join(
        x
        for x in (
            episode.side.value if episode.side else "",
            episode.limb.value if episode.limb else "",
        )
        if x
    )
    line = f"{fmt.date(episode.began_on)}" + (f", {where}" if where else "")
    if episode.treated_with:
        line += f"; {episode.treated_with}"
    line += "; admitted to hospital" if episode.admitted else "; not admitted"
    return line


def _medication_line(medication: Medication) -> str:
    line = medication.name
    if medication.dose:
        line += f" {medication.dose}"
    line += f" ({medication.kind.label.lower()})"
    if medication.since is not None:
        line += f", since {fmt.date(medication.since)}"
    return line


def red_flag_lines(note: Note, w: Writer) -> list[Flowable]:
    """This visit's red-flag check: how many asked and all no, or each yes / unknown."""
    check = note.session.red_flags
    if check is None:
        return []
    flagged = [a for a in check.answers if a.answer is not Answer.NO]
    asked = len(check.answers)
    if not flagged:
        text = f"{asked} question{'s' if asked != 1 else ''} asked, all answered no"
        return [w.label_value("Red-flag check at this visit", text)]
    out: list[Flowable] = [w.para("Red-flag check at this visit:", bold=True)]
    out.extend(
        w.bullets(
            f"{a.question.label}: {a.answer.value.upper()}"
            + (f" ({a.detail})" if a.detail else "")
            for a in flagged
        )
    )
    return out
