"""S, O, A and P: what the client reports, what the therapist finds, judges and plans."""

from __future__ import annotations

from reportlab.platypus import Flowable  # type: ignore[import-untyped, unused-ignore]

from soapnotes import _format as fmt
from soapnotes.i18n import gettext as tr
from soapnotes.models.note import Note
from soapnotes.models.session import AfterEffect, StemmerSign
from soapnotes.models.vocabulary import Limb
from soapnotes.render._writer import Writer
from soapnotes.render.sections.compression import compression
from soapnotes.render.sections.history import red_flag_lines
from soapnotes.render.sections.measured import body_lines, device_measurements
from soapnotes.render.sections.measurements import limb_measurements, pitting_table
from soapnotes.render.sections.outcomes import outcomes_and_goals
from soapnotes.rules import RuleOptions

__all__ = ["assessment", "objective", "plan", "subjective"]


def subjective(note: Note, w: Writer) -> list[Flowable]:
    """S: complaint, pain, symptoms, how the client felt after the last session, notes."""
    s = note.session.subjective
    out: list[Flowable] = [
        w.heading(tr("S: Subjective")),
        w.label_value(tr("Chief complaint"), s.chief_complaint),
    ]
    if s.pain is not None:
        out.append(w.label_value(tr("Pain (0-10)"), f"{s.pain}/10"))
    if s.symptoms:
        out.append(w.para(tr("Symptoms:"), bold=True))
        out.extend(w.bullets(s.symptoms))
    if s.after_effects:
        out.append(w.para(tr("After the previous session:"), bold=True))
        out.extend(w.bullets(_after_effect_line(e) for e in s.after_effects))
    if s.notes:
        out.append(w.label_value(tr("Notes"), s.notes))
    out.extend(red_flag_lines(note, w))
    return out


def _after_effect_line(effect: AfterEffect) -> str:
    """'Fatigue: slept long, lasted 12 h'."""
    line = effect.kind.label
    if effect.description:
        line += f": {effect.description}"
    if effect.duration_hours is not None:
        hours = fmt.number(effect.duration_hours, 1).removesuffix(".0").removesuffix(",0")
        line += tr(", lasted {hours} h", hours=hours)
    return line


def objective(note: Note, w: Writer, policy: RuleOptions | None = None) -> list[Flowable]:
    """O: observations, skin, Stemmer sign, pitting and the limb measurements (their severity
    bands under ``policy``, the clinic's rule policy; the defaults when None)."""
    o = note.session.objective
    out: list[Flowable] = [w.heading(tr("O: Objective"))]
    if o.observations:
        out.append(w.para(o.observations))
    if o.skin:
        out.append(w.para(tr("Skin:"), bold=True))
        out.extend(w.bullets(o.skin))
    out.extend(body_lines(note, w))
    if o.stemmer:
        out.append(
            w.label_value(tr("Stemmer sign"), "; ".join(_stemmer_text(s) for s in o.stemmer))
        )
    if o.pitting:
        out.append(pitting_table(note, w))
        out.extend(w.cell_notes())
    for limb in Limb:
        series = [s for s in o.circumferences if s.limb is limb]
        if series:
            out.extend(limb_measurements(note, limb, series, w, policy))
    out.extend(device_measurements(note, w))
    if len(out) == 1:
        out.append(w.para(tr("Nothing recorded."), w.styles.muted))
    return out


def _stemmer_text(sign: StemmerSign) -> str:
    limb = tr("{side} {limb!l}", side=sign.side.label, limb=sign.limb.label)
    text = tr("{limb}: {result!l}", limb=limb, result=sign.result.label)
    if sign.grade is not None:
        text += tr(" (grade {grade})", grade=sign.grade)
    return text


def assessment(note: Note, w: Writer) -> list[Flowable]:
    """A: the therapist's judgement, the response to treatment, progress against goals."""
    a = note.session.assessment
    out: list[Flowable] = [w.heading(tr("A: Assessment")), w.para(a.summary)]
    if a.response is not None:
        out.append(w.label_value(tr("Response to treatment"), a.response.label))
    if a.goals_progress:
        out.append(w.label_value(tr("Goals and progress"), a.goals_progress))
    out.extend(outcomes_and_goals(note, w))
    return out


def plan(note: Note, w: Writer) -> list[Flowable]:
    """P: frequency, next session, home care, referrals, and the compression beside them."""
    p = note.session.plan
    out: list[Flowable] = [w.heading(tr("P: Plan"))]
    if p.frequency:
        out.append(w.label_value(tr("Frequency"), p.frequency))
    if p.next_session:
        out.append(w.label_value(tr("Next session"), fmt.date(p.next_session)))
    if p.home_care:
        out.append(w.para(tr("Home care:"), bold=True))
        out.extend(
            w.bullets(
                f"{item.kind.label}: {item.detail}" if item.detail else item.kind.label
                for item in p.home_care
            )
        )
    if p.referrals:
        out.append(w.para(tr("Referrals:"), bold=True))
        out.extend(w.bullets(f"{r.to}: {r.reason}" for r in p.referrals))
    if p.notes:
        out.append(w.label_value(tr("Notes"), p.notes))
    out.extend(compression(note, w))
    if len(out) == 1:
        out.append(w.para(tr("Nothing recorded."), w.styles.muted))
    return out
