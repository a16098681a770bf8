"""The letter to the referring physician: a course of treatment on one or two pages.

On the practice's letterhead (the page furniture every document shares): who it is to and
about, the diagnosis with its ICD-10 codes, the referral or prescription, the course and its
outcomes (the numbers and sentences of :mod:`soapnotes.progress`, a small chart), the
compression in use, the findings still open that need a physician's look, the
recommendation of the last note's plan (never written here) and the signature block.
Rendering never validates: the caller passes the open findings
(:func:`soapnotes.progress.open_findings`). Every word the letter adds is in ``_WORDS``,
to be localised with the other documents.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import IO

from reportlab.platypus import (  # type: ignore[import-untyped, unused-ignore]
    Flowable,
    KeepTogether,
    Spacer,
)

from soapnotes import _format as fmt
from soapnotes.errors import UsageError
from soapnotes.findings import Finding, Severity
from soapnotes.models.session import Plan
from soapnotes.progress import Course, Progress, compute_progress, summary_sentences
from soapnotes.render._blocks import condition_line, findings_box, kv_table
from soapnotes.render._document import Layout, deliver, render_pdf
from soapnotes.render._page import page_text
from soapnotes.render._writer import Writer
from soapnotes.render.charts import ChartLine, line_chart
from soapnotes.render.options import RenderOptions
from soapnotes.render.sections.compression import bandage_line, garment_table
from soapnotes.rules import RuleOptions

__all__ = ["render_letter", "render_letter_bytes"]

_DEFAULT_OPTIONS = RenderOptions()

#: Every word the letter writes around the record's data, in one place.
_WORDS = {
    "title": "Letter to the referring physician",
    "period": "Treatment {first} to {last}",
    "status": "Written from {total} notes: {signed} signed",
    "status_one": "Written from 1 note: {signed} signed",
    "unsigned": ", {count} not signed",
    "to": "To",
    "date": "Date",
    "about": "Re: {name}, born {born} (ID {id})",
    "opening": "Thank you for referring {name}. This letter summarises the course of "
    "treatment at {practice} from {first} to {last}.",
    "diagnosis": "Diagnosis",
    "no_diagnosis": "No condition is recorded.",
    "referral": "Referral",
    "referred_by": "Referred by",
    "prescription": "Prescription",
    "issued": "{reference}issued {on} by {by}",
    "reference": "{reference}, ",
    "sessions": "{used} of {authorised} authorised sessions used",
    "sessions_used": "{used} sessions used",
    "valid_until": "valid until {on}",
    "icd10": "ICD-10 {codes}",
    "no_referral": "No referral or prescription is recorded.",
    "course": "Course and outcomes",
    "chart_excess": "Excess volume, {limb} (%)",
    "chart_volume": "Volume (mL)",
    "chart_caption": "From the tape measurements at each session (frustum method); sessions "
    "measured at other points than the first are left out.",
    "compression": "Compression in use",
    "no_compression": "No compression is recorded at the last session.",
    "attention": "For your attention",
    "attention_intro": "Errors and warnings of the clinical checks still open at the last "
    "session ({on}).",
    "attention_none": "The clinical checks at the last session ({on}) found no errors or "
    "warnings.",
    "recommendation": "Recommendation",
    "from_plan": "From the plan of the last session ({on}):",
    "frequency": "Frequency",
    "next_session": "Next session",
    "home_care": "Home care",
    "refer_to": "Referral to {to}",
    "no_plan": "The plan of the last session records no recommendation.",
    "closing": "Yours sincerely,",
    "licence": "Licence {number}",
}


def render_letter(
    course: Course,
    out: str | os.PathLike[str] | IO[bytes],
    *,
    to: str,
    options: RenderOptions | None = None,
    findings: Sequence[Finding] | None = None,
    rule_options: RuleOptions | None = None,
    dated: dt.date | None = None,
) -> None:
    """Render the letter on ``course`` to the referring physician, to a path or a stream.

    A path is written atomically; the same input always gives the same bytes.

    Args:
        course: the client's course (:func:`soapnotes.load_course`).
        out: a file path, or a binary stream opened for writing.
        to: who the letter is to ("Dr. Amira Haddad, Oncology"); lines may be separated
            by newlines.
        options: page size, margins, logo, fonts, confidentiality line.
        findings: the findings still open at the last session
            (:func:`soapnotes.progress.open_findings`); its errors and warnings are listed.
            None leaves the section out.
        rule_options: the clinic's policy for the numbers (as for
            :func:`soapnotes.compute_progress`); pass the one given to ``open_findings``.
        dated: the letter's date; the last session's date when None.

    Raises:
        UsageError: ``to`` is blank.
        RenderError: a character no font covers with ``strict_fonts``, or an unreadable logo.

    .. versionadded:: 0.2.0
    """
    data = render_letter_bytes(
        course, to=to, options=options, findings=findings, rule_options=rule_options, dated=dated
    )
    deliver(data, out)


def render_letter_bytes(
    course: Course,
    *,
    to: str,
    options: RenderOptions | None = None,
    findings: Sequence[Finding] | None = None,
    rule_options: RuleOptions | None = None,
    dated: dt.date | None = None,
) -> bytes:
    """The letter as PDF bytes. See :func:`render_letter`.

    .. versionadded:: 0.2.0
    """
    if not isinstance(to, str) or not to.strip():
        raise UsageError("to must name who the letter is to, e.g. 'Dr. Amira Haddad, Oncology'")
    result = compute_progress(course, rule_options)
    day = dated or course.end_date
    return render_pdf(lambda w: _layout(result, w, options, to, findings, day), options)


def _layout(
    result: Progress,
    w: Writer,
    options: RenderOptions | None,
    to: str,
    findings: Sequence[Finding] | None,
    day: dt.date,
) -> Layout:
    options = options or _DEFAULT_OPTIONS
    course = result.course
    story = [
        *_address(course, w, to, day),
        *_diagnosis(course, w),
        *_referral(course, w),
        *_outcomes(result, w),
        *_compression(course, w),
        *(_attention(course, w, findings) if findings is not None else []),
        *_recommendation(course, w),
        *_signature(course, w),
    ]
    total = len(course.notes)
    signed = sum(1 for n in course.notes if n.is_signed)
    status = (_WORDS["status"] if total != 1 else _WORDS["status_one"]).format(
        total=total, signed=signed
    )
    if signed < total:
        status += _WORDS["unsigned"].format(count=total - signed)
    first, last = fmt.date(course.start_date), fmt.date(course.end_date)
    page = page_text(
        practice=course.practice,
        client=course.client,
        title=_WORDS["title"],
        period=_WORDS["period"].format(first=first, last=last),
        status=status,
        status_bold=signed < total,
        signed=signed == total,
        alert=False,
        options=options,
        uncovered=w.uncovered,
    )
    title = _WORDS["title"]
    if options.metadata_names:
        title += f", {course.client.full_name}"
    return Layout(
        title=title,
        author=course.therapist.display_name,
        subject=f"{_WORDS['title']}: client {course.client.id}, {first} to {last}",
        page=page,
        story=story,
    )


def _address(course: Course, w: Writer, to: str, day: dt.date) -> list[Flowable]:
    client = course.client
    lines = [line.strip() for line in to.strip().splitlines() if line.strip()]
    about = _WORDS["about"].format(
        name=client.full_name, born=fmt.date(client.date_of_birth), id=client.id
    )
    opening = _WORDS["opening"].format(
        name=client.full_name,
        practice=course.practice.name,
        first=fmt.date(course.start_date),
        last=fmt.date(course.end_date),
    )
    return [
        w.label_value(_WORDS["to"], lines[0]),
        *(w.para(line) for line in lines[1:]),
        w.label_value(_WORDS["date"], fmt.date(day)),
        Spacer(1, 6),
        w.para(about, bold=True),
        w.para(opening),
    ]


def _diagnosis(course: Course, w: Writer) -> list[Flowable]:
    conditions = course.client.conditions
    if not conditions:
        return [w.heading(_WORDS["diagnosis"]), w.para(_WORDS["no_diagnosis"], w.styles.muted)]
    return [w.heading(_WORDS["diagnosis"]), *w.bullets(condition_line(c) for c in conditions)]


def _referral(course: Course, w: Writer) -> list[Flowable]:
    client = course.client
    pairs: list[tuple[str, str]] = []
    if client.referring_physician is not None:
        pairs.append((_WORDS["referred_by"], client.referring_physician.display_name))
    rx = client.prescription
    if rx is not None:
        reference = _WORDS["reference"].format(reference=rx.reference) if rx.reference else ""
        parts = [
            _WORDS["issued"].format(
                reference=reference, on=fmt.date(rx.issued_on), by=rx.prescribed_by.display_name
            )
        ]
        if rx.icd10:
            parts.append(_WORDS["icd10"].format(codes=", ".join(rx.icd10)))
        if rx.sessions_used is not None and rx.sessions_authorised is not None:
            parts.append(
                _WORDS["sessions"].format(used=rx.sessions_used, authorised=rx.sessions_authorised)
            )
        elif rx.sessions_used is not None:
            parts.append(_WORDS["sessions_used"].format(used=rx.sessions_used))
        if rx.valid_until is not None:
            parts.append(_WORDS["valid_until"].format(on=fmt.date(rx.valid_until)))
        pairs.append((_WORDS["prescription"], "; ".join(parts)))
    if not pairs:
        return [w.heading(_WORDS["referral"]), w.para(_WORDS["no_referral"], w.styles.muted)]
    return [w.heading(_WORDS["referral"]), kv_table(w, pairs, columns=1), *w.cell_notes()]


def _outcomes(result: Progress, w: Writer) -> list[Flowable]:
    out: list[Flowable] = [w.heading(_WORDS["course"])]
    out.extend(w.bullets(summary_sentences(result, session_table=False)))
    chart = _chart(result, w)
    if chart is not None:
        out.append(
            KeepTogether([Spacer(1, 4), chart, w.para(_WORDS["chart_caption"], w.styles.small)])
        )
    return out


def _chart(result: Progress, w: Writer) -> Flowable | None:
    """Excess volume (%) of each one-sided limb; else each measured limb's volume by side."""
    course = result.course
    lines = [
        ChartLine(
            name=e.label,
            points=tuple(
                (p.date, p.excess_percent) for p in e.measured if p.excess_percent is not None
            ),
        )
        for e in result.excess
    ]
    unit = _WORDS["chart_excess"].format(limb=", ".join(e.label.lower() for e in result.excess))
    if not any(line.points for line in lines):
        lines = [
            ChartLine(
                name=v.label,
                points=tuple((p.date, p.volume_ml) for p in v.points if p.volume_ml is not None),
            )
            for v in result.change_volumes
        ]
        unit = _WORDS["chart_volume"]
    if not any(line.points for line in lines):
        return None
    return line_chart(
        lines,
        width=w.width,
        height=115,
        unit=unit,
        first=course.start_date,
        last=course.end_date,
        value_format="{:,.1f}" if unit != _WORDS["chart_volume"] else "{:,.0f}",
    )


def _compression(course: Course, w: Writer) -> list[Flowable]:
    out: list[Flowable] = [w.heading(_WORDS["compression"])]
    compression = course.last.session.compression
    if compression is None or not (compression.garments or compression.bandaging):
        out.append(w.para(_WORDS["no_compression"], w.styles.muted))
        return out
    if compression.garments:
        out.append(garment_table(compression.garments, w))
    out.extend(w.bullets(bandage_line(b) for b in compression.bandaging))
    return out


def _attention(course: Course, w: Writer, findings: Sequence[Finding]) -> list[Flowable]:
    on = fmt.date(course.end_date)
    serious = [f for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)]
    if not serious:
        return [
            w.heading(_WORDS["attention"]),
            w.para(_WORDS["attention_none"].format(on=on), w.styles.muted),
        ]
    box = findings_box(serious, w, intro=_WORDS["attention_intro"].format(on=on))
    return [w.heading(_WORDS["attention"]), *box[1:]]  # our heading instead of "Findings"


def _recommendation(course: Course, w: Writer) -> list[Flowable]:
    plan: Plan = course.last.session.plan
    items: list[str] = []
    if plan.notes:
        items.append(plan.notes)
    if plan.frequency:
        items.append(f"{_WORDS['frequency']}: {plan.frequency}")
    if plan.next_session:
        items.append(f"{_WORDS['next_session']}: {fmt.date(plan.next_session)}")
    for care in plan.home_care:
        what = care.kind.label + (f": {care.detail}" if care.detail else "")
        items.append(f"{_WORDS['home_care']}, {what[:1].lower()}{what[1:]}")
    items.extend(f"{_WORDS['refer_to'].format(to=r.to)}: {r.reason}" for r in plan.referrals)
    out: list[Flowable] = [w.heading(_WORDS["recommendation"])]
    if not items:
        out.append(w.para(_WORDS["no_plan"], w.styles.muted))
        return out
    out.append(w.para(_WORDS["from_plan"].format(on=fmt.date(course.end_date))))
    out.extend(w.bullets(items))
    return out


def _signature(course: Course, w: Writer) -> list[Flowable]:
    therapist = course.therapist
    lines = [w.para(therapist.display_name, bold=True)]
    if therapist.licence_number:
        lines.append(w.para(_WORDS["licence"].format(number=therapist.licence_number)))
    lines.append(w.para(course.practice.name))
    return [KeepTogether([Spacer(1, 10), w.para(_WORDS["closing"]), Spacer(1, 26), *lines])]
