"""Who may clear a contraindication, for how long, and when a modification stands instead.

The one home of these decisions: the contraindication rules report them and the note's
screening section words them. Sources (``docs/sources.md``): WakeMed policy (relative
contraindications need medical clearance or a treatment modification; an active malignancy
only with written medical approval, for palliative care); Vodder Akademie (a relative
contraindication is cleared by a physician, an absolute one by no one). That a clearance
comes from a clinician other than the client, and its maximum age
(``RuleOptions.clearance_max_age_days``), are soapnotes policy.
"""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata

from soapnotes.models.client import Clearance, Client, ScreeningAnswer
from soapnotes.models.vocabulary import MODIFICATION_SUFFICES, ClinicalRole

__all__ = [
    "ClearanceProblem",
    "clearance_problems",
    "modification_stands",
    "names_the_client",
    "palliative_problems",
]


class ClearanceProblem(enum.Enum):
    """Why a recorded clearance (or palliative approval) does not count."""

    LATE = "dated after the session"
    STALE = "older than the clinic's maximum age"
    SELF = "given by the client, not a clinician"
    NOT_CLINICAL = "its role is not a clinical profession"
    NOT_ONCOLOGIST = "not given by an oncologist"
    NOT_WRITTEN = "not recorded as written"


_TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "miss"})


def _name_words(name: str) -> frozenset[str]:
    folded = unicodedata.normalize("NFKC", name).casefold()
    words = "".join(c if c.isalnum() else " " for c in folded).split()
    return frozenset(w for w in words if w not in _TITLES)


def names_the_client(name: str, client: Client) -> bool:
    """True when ``name`` is the client's own name (or the name consent was given under):
    the same words, whatever the case, punctuation and titles ("Dr.")."""
    words = _name_words(name)
    own = [_name_words(client.full_name)]
    if client.consent is not None:
        own.append(_name_words(client.consent.given_by))
    return bool(words) and any(words == mine for mine in own)


def clearance_problems(
    clearance: Clearance, client: Client, session_day: dt.date, max_age_days: int
) -> tuple[ClearanceProblem, ...]:
    """Every reason ``clearance`` does not clear a contraindication for a session on
    ``session_day``: dated after it, more than ``max_age_days`` before it, given by the
    client, or by someone whose role is not a clinical profession
    (:attr:`Clearance.clinical_role`). Empty when it counts."""
    problems: list[ClearanceProblem] = []
    if clearance.cleared_on > session_day:
        problems.append(ClearanceProblem.LATE)
    elif (session_day - clearance.cleared_on).days > max_age_days:
        problems.append(ClearanceProblem.STALE)
    if names_the_client(clearance.cleared_by, client):
        problems.append(ClearanceProblem.SELF)
    elif clearance.clinical_role is None:
        problems.append(ClearanceProblem.NOT_CLINICAL)
    return tuple(problems)


def palliative_problems(
    approval: Clearance, client: Client, session_day: dt.date, max_age_days: int
) -> tuple[ClearanceProblem, ...]:
    """Every reason ``approval`` is not an oncologist's written approval of palliative MLD
    that holds on ``session_day`` (as :func:`clearance_problems`, and by an oncologist, and
    ``written``). Empty when it stands."""
    problems = [
        p
        for p in clearance_problems(approval, client, session_day, max_age_days)
        if p is not ClearanceProblem.NOT_CLINICAL
    ]
    if ClearanceProblem.SELF not in problems and approval.clinical_role is not (
        ClinicalRole.ONCOLOGIST
    ):
        problems.append(ClearanceProblem.NOT_ONCOLOGIST)
    if approval.written is not True:
        problems.append(ClearanceProblem.NOT_WRITTEN)
    return tuple(problems)


def modification_stands(answer: ScreeningAnswer) -> bool:
    """True when a documented treatment modification stands instead of a clearance: one is
    recorded, for a question whose source accepts it
    (:data:`~soapnotes.models.vocabulary.MODIFICATION_SUFFICES`)."""
    return answer.modification is not None and answer.question in MODIFICATION_SUFFICES
