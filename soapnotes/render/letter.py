"""The letter to the referring physician: a course of treatment on one or two pages.

On the practice's letterhead (the page furniture every document shares): who it is to and
about, the diagnosis with its ICD-10 codes, the referral or prescription, the course and its
outcomes (the numbers and sentences of :mod:`soapnotes.progress`, a small chart), the
compression in use, the findings still open that need a physician's look, the
recommendation of the last note's plan (never written here) and the signature block.
Rendering never validates: the caller passes the open findings
(:func:`soapnotes.progress.open_findings`). Every word the letter adds is in ``_WORDS``,
translated in the document's locale (``RenderOptions.locale``, ``docs/locales.md``).
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
from soapnotes.i18n import gettext as tr
from soapnotes.i18n import using_locale
from soapnotes.i18n._active import gettext_noop
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

#: Every word the letter writes around the record's data, in one place: English message ids,
#: translated where they are printed (``tr``; the catalogs in ``soapnotes/locale``).
_WORDS = {
    "title": gettext_noop("Letter to the referring physician"),
    "period": gettext_noop("Treatment {first} to {last}"),
    "subject": gettext_noop("{title}: client {id}, {first} to {last}"),
    "status": gettext_noop("Written from {total} notes: {signed} signed"),
    "status_one": gettext_noop("Written from 1 note: {signed} signed"),
    "unsigned": gettext_noop(", {count} not signed"),
    "to": gettext_noop("To"),
    "date": gettext_noop("Date"),
    "about": gettext_noop("Re: {name}, born {born} (ID {id})"),
    "opening": gettext_noop(
        "Thank you for referring {name}. This letter summarises the course of treatment at "
        "{practice} from {first} to {last}."
    ),
    "diagnosis": gettext_noop("Diagnosis"),
    "no_diagnosis": gettext_noop("No condition is recorded."),
    "referral": gettext_noop("Referral"),
    "referred_by": gettext_noop("Referred by"),
    "prescription": gettext_noop("Prescription"),
    "issued": gettext_noop("issued {on} by {by}"),
    "sessions": gettext_noop("{used} of {authorised} authorised sessions used"),
    "sessions_used": gettext_noop("{used} sessions used"),
    "valid_until": gettext_noop("valid until {on}"),
    "icd10": gettext_noop("ICD-10 {codes}"),
    "no_referral": gettext_noop("No referral or prescription is recorded."),
    "course": gettext_noop("Course and outcomes"),
    "chart_excess": gettext_noop("Excess volume, {limb} (%)"),
    "chart_volume": gettext_noop("Volume (mL)"),
    "chart_caption": gettext_noop(
        "From the tape measurements at each session (frustum method); sessions measured at "
        "other points than the first are left out."
    ),
    "compression": gettext_noop("Compression in use"),
    "no_compression": gettext_noop("No compression is recorded at the last session."),
    "attention": gettext_noop("For your attention"),
    "attention_intro": gettext_noop(
        "Errors and warnings of the clinical checks still open at the last session ({on})."
    ),
    "attention_none": gettext_noop(
        "The clinical checks at the last session ({on}) found no errors or warnings."
    ),
    "recommendation": gettext_noop("Recommendation"),
    "from_plan": gettext_noop("From the plan of the last session ({on}):"),
    "frequency": gettext_noop("Frequency: {value}"),
    "next_session": gettext_noop("Next session: {on}"),
    "home_care": gettext_noop("{kind} at home"),
    "home_care_detail": gettext_noop("{kind} at home: {detail}"),
    "refer_to": gettext_noop("Referral to {to}: {reason}"),
    "no_plan": gettext_noop("The plan of the last session records no recommendation."),
    "closing": gettext_noop("Yours sincerely,"),
    "licence": gettext_noop("Licence {number}"),
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
    day = dated or course.end_date
    # The summary sentences are worded in the letter's locale, as the progress report's.
    with using_locale((options or _DEFAULT_OPTIONS).locale):
        result = compute_progress(course, rule_options)
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
    status = tr(
        _WORDS["status"] if total != 1 else _WORDS["status_one"], total=total, signed=signed
    )
    if signed < total:
        status += tr(_WORDS["unsigned"], count=total - signed)
    first, last = fmt.date(course.start_date), fmt.date(course.end_date)
    page = page_text(
        practice=course.practice,
        client=course.client,
        title=tr(_WORDS["title"]),
        period=tr(_WORDS["period"], first=first, last=last),
        status=status,
        status_bold=signed < total,
        signed=signed == total,
        alert=False,
        options=options,
        uncovered=w.uncovered,
    )
    title = tr(_WORDS["title"])
    if options.metadata_names:
        title += f", {course.client.full_name}"
    return Layout(
        title=title,
        author=course.therapist.display_name,
        subject=tr(
            _WORDS["subject"],
            title=tr(_WORDS["title"]),
            id=course.client.id,
            first=first,
            last=last,
        ),
        page=page,
        story=story,
    )


def _address(course: Course, w: Writer, to: str, day: dt.date) -> list[Flowable]:
    client = course.client
    lines = [line.strip() for line in to.strip().splitlines() if line.strip()]
    about = tr(
        _WORDS["about"], name=client.full_name, born=fmt.date(client.date_of_birth), id=client.id
    )
    opening = tr(
        _WORDS["opening"],
        name=client.full_name,
        practice=course.practice.name,
        first=fmt.date(course.start_date),
        last=fmt.date(course.end_date),
    )
    return [
        w.label_value(tr(_WORDS["to"]), lines[0]),
        *(w.para(line) for line in lines[1:]),
        w.label_value(tr(_WORDS["date"]), fmt.date(day)),
        Spacer(1, 6),
        w.para(about, bold=True),
        w.para(opening),
    ]


def _diagnosis(course: Course, w: Writer) -> list[Flowable]:
    conditions = course.client.conditions
    if not conditions:
        return [
            w.heading(tr(_WORDS["diagnosis"])),
            w.para(tr(_WORDS["no_diagnosis"]), w.styles.muted),
        ]
    return [w.heading(tr(_WORDS["diagnosis"])), *w.bullets(condition_line(c) for c in conditions)]


def _referral(course: Course, w: Writer) -> list[Flowable]:
    client = course.client
    pairs: list[tuple[str, str]] = []
    if client.referring_physician is not None:
        pairs.append((tr(_WORDS["referred_by"]), client.referring_physician.display_name))
    rx = client.prescription
    if rx is not None:
        issued = tr(_WORDS["issued"], on=fmt.date(rx.issued_on), by=rx.prescribed_by.display_name)
        parts = [f"{rx.reference}, {issued}" if rx.reference else issued]
        if rx.icd10:
            parts.append(tr(_WORDS["icd10"], codes=", ".join(rx.icd10)))
        if rx.sessions_used is not None and rx.sessions_authorised is not None:
            parts.append(
                tr(_WORDS["sessions"], used=rx.sessions_used, authorised=rx.sessions_authorised)
            )
        elif rx.sessions_used is not None:
            parts.append(tr(_WORDS["sessions_used"], used=rx.sessions_used))
        if rx.valid_until is not None:
            parts.append(tr(_WORDS["valid_until"], on=fmt.date(rx.valid_until)))
        pairs.append((tr(_WORDS["prescription"]), "; ".join(parts)))
    if not pairs:
        return [
            w.heading(tr(_WORDS["referral"])),
            w.para(tr(_WORDS["no_referral"]), w.styles.muted),
        ]
    return [w.heading(tr(_WORDS["referral"])), kv_table(w, pairs, columns=1), *w.cell_notes()]


def _outcomes(result: Progress, w: Writer) -> list[Flowable]:
    out: list[Flowable] = [w.heading(tr(_WORDS["course"]))]
    out.extend(w.bullets(summary_sentences(result, session_table=False)))
    chart = _chart(result, w)
    if chart is not None:
        out.append(
            KeepTogether(
                [Spacer(1, 4), chart, w.para(tr(_WORDS["chart_caption"]), w.styles.small)]
            )
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
    unit = tr(_WORDS["chart_excess"], limb=", ".join(e.label.lower() for e in result.excess))
    if not any(line.points for line in lines):
        lines = [
            ChartLine(
                name=v.label,
                points=tuple((p.date, p.volume_ml) for p in v.points if p.volume_ml is not None),
            )
            for v in result.change_volumes
        ]
        unit = tr(_WORDS["chart_volume"])
    if not any(line.points for line in lines):
        return None
    return line_chart(
        lines,
        width=w.width,
        height=115,
        unit=unit,
        first=course.start_date,
        last=course.end_date,
        value_format="{:,.1f}" if unit != tr(_WORDS["chart_volume"]) else "{:,.0f}",
    )


def _compression(course: Course, w: Writer) -> list[Flowable]:
    out: list[Flowable] = [w.heading(tr(_WORDS["compression"]))]
    compression = course.last.session.compression
    if compression is None or not (compression.garments or compression.bandaging):
        out.append(w.para(tr(_WORDS["no_compression"]), w.styles.muted))
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
            w.heading(tr(_WORDS["attention"])),
            w.para(tr(_WORDS["attention_none"], on=on), w.styles.muted),
        ]
    box = findings_box(serious, w, intro=tr(_WORDS["attention_intro"], on=on))
    return [w.heading(tr(_WORDS["attention"])), *box[1:]]  # our heading instead of "Findings"


def _recommendation(course: Course, w: Writer) -> list[Flowable]:
    plan: Plan = course.last.session.plan
    items: list[str] = []
    if plan.notes:
        items.append(plan.notes)
    if plan.frequency:
        items.append(tr(_WORDS["frequency"], value=plan.frequency))
    if plan.next_session:
        items.append(tr(_WORDS["next_session"], on=fmt.date(plan.next_session)))
    for care in plan.home_care:
        if care.detail:
            items.append(tr(_WORDS["home_care_detail"], kind=care.kind.label, detail=care.detail))
        else:
            items.append(tr(_WORDS["home_care"], kind=care.kind.label))
    items.extend(tr(_WORDS["refer_to"], to=r.to, reason=r.reason) for r in plan.referrals)
    out: list[Flowable] = [w.heading(tr(_WORDS["recommendation"]))]
    if not items:
        out.append(w.para(tr(_WORDS["no_plan"]), w.styles.muted))
        return out
    out.append(w.para(tr(_WORDS["from_plan"], on=fmt.date(course.end_date))))
    out.extend(w.bullets(items))
    return out


def _signature(course: Course, w: Writer) -> list[Flowable]:
    therapist = course.therapist
    lines = [w.para(therapist.display_name, bold=True)]
    if therapist.licence_number:
        lines.append(w.para(tr(_WORDS["licence"], number=therapist.licence_number)))
    lines.append(w.para(course.practice.name))
    return [KeepTogether([Spacer(1, 10), w.para(tr(_WORDS["closing"])), Spacer(1, 26), *lines])]
