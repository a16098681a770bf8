"""The client and session block: who, when, what kind of session, consent, history."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer  # type: ignore[import-untyped, unused-ignore]

from soapnotes import _format as fmt
from soapnotes.i18n import gettext as tr
from soapnotes.models.client import Client, NodeStatus
from soapnotes.models.note import Note
from soapnotes.models.session import NodeTarget
from soapnotes.models.vocabulary import NodeState
from soapnotes.render._blocks import condition_line, kv_table
from soapnotes.render._writer import Writer
from soapnotes.render.sections.history import history_pairs

__all__ = ["client_and_session"]


def client_and_session(note: Note, w: Writer) -> list[Flowable]:
    """Client, session and therapist; conditions with ISL stage; removed or irradiated nodes."""
    out: list[Flowable] = [w.heading(tr("Client and session")), kv_table(w, _session_pairs(note))]
    out.extend(w.cell_notes())
    out.append(Spacer(1, 3))
    out.append(kv_table(w, _history_pairs(note.client), columns=1))
    out.extend(w.cell_notes())
    return out


def _session_pairs(note: Note) -> list[tuple[str, str]]:
    """Label and value of each cell of the first table, two pairs a row."""
    client, session, therapist = note.client, note.session, note.therapist
    born = fmt.date(client.date_of_birth)
    age = fmt.age_on(client.date_of_birth, session.start.date())
    pairs = [
        (tr("Client"), client.full_name),
        (tr("Therapist"), therapist.display_name),
        (tr("Client ID"), client.id),
        (tr("Licence"), therapist.licence_number or tr("not recorded")),
        (tr("Date of birth"), tr("{date} (age {age})", date=born, age=age)),
        (tr("Modality"), session.modality.label),
        (tr("Sex"), client.sex.label if client.sex else tr("not recorded")),
        (tr("Duration"), fmt.minutes(session.duration_minutes)),
        (tr("Session"), f"{fmt.datetime(session.start)} ({session.id})"),
        (tr("CDT phase"), _cdt_label(note)),
    ]
    consent = client.consent
    if consent is not None:
        given = tr(
            "given by {name} on {date}", name=consent.given_by, date=fmt.date(consent.given_on)
        )
        pairs.append((tr("Consent"), given))
        pairs.append((tr("Consent scope"), consent.scope or tr("not recorded")))
    else:
        pairs.append((tr("Consent"), tr("none on file")))
    return pairs


def _history_pairs(client: Client) -> list[tuple[str, str]]:
    """Conditions, and the node groups that are not working."""
    pairs: list[tuple[str, str]] = []
    if client.conditions:
        pairs.append((tr("Conditions"), "\n".join(condition_line(c) for c in client.conditions)))
    nodes = [n for n in client.node_status if n.state is not NodeState.WORKING]
    if nodes:
        pairs.append((tr("Node groups"), "\n".join(_node_line(n) for n in nodes)))
    else:
        pairs.append((tr("Node groups"), tr("none recorded as removed or irradiated")))
    return pairs + history_pairs(client)


def _node_line(status: NodeStatus) -> str:
    """'Left axillary nodes: removed since 3 Mar 2024 (ALND)'."""
    target = NodeTarget(group=status.group, side=status.side)
    line = tr("{nodes}: {state!l}", nodes=target.label, state=status.state.label)
    if status.since:
        line += tr(" since {date}", date=fmt.date(status.since))
    if status.procedure:
        line += f" ({status.procedure})"
    return line


def _cdt_label(note: Note) -> str:
    phase = note.session.cdt_phase
    if phase is None:
        return tr("not in CDT")
    number = 1 if phase.value == "intensive" else 2
    return tr("{phase} (phase {number})", phase=phase.label, number=number)
