"""The S, A and P of a session: complaint and after-effects, assessment, plan and home care."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from soapnotes._strategies._base import (
    _LAST_SESSION,
    SearchStrategy,
    _cached,
    _drawn,
    _maybe,
    _schema_2_list,
)
from soapnotes._strategies._outcomes import goals, outcome_scores
from soapnotes._strategies._text import _FREQUENCIES, _text, _TextOptions
from soapnotes.models.session import (
    AfterEffect,
    Assessment,
    HomeCare,
    Plan,
    Referral,
    Subjective,
)
from soapnotes.models.vocabulary import AfterEffectKind, HomeCareKind, Response

#: The kinds drawn by default: every kind that is not a red flag (a red flag is an error).
_EASING = tuple(kind for kind in AfterEffectKind if not kind.is_red_flag)


@_cached
def after_effects(
    *, max_hours: float = 48, red_flags: bool = False
) -> SearchStrategy[AfterEffect]:
    """How the client felt after the previous session, lasting at most ``max_hours``.

    Args:
        max_hours: the longest duration drawn.
        red_flags: draw only red-flag kinds (breathlessness, chest pain, ...: rule SN-AE-003
            makes each an error); by default none is drawn.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``red_flags``.
    """
    kinds = tuple(k for k in AfterEffectKind if k.is_red_flag) if red_flags else _EASING

    def build(draw: st.DrawFn) -> AfterEffect:
        kind = draw(st.sampled_from(kinds))
        described = st.sampled_from(("Mild thirst", "Needed to urinate more often"))
        return AfterEffect(
            kind=kind,
            duration_hours=draw(_maybe(st.integers(0, int(max_hours)).map(float))),
            description=draw(described if kind is AfterEffectKind.OTHER else _maybe(described)),
        )

    return _drawn(build)


@_cached
def subjectives(
    *, any_unicode: bool = False, long_text: bool = False
) -> SearchStrategy[Subjective]:
    """S: a chief complaint, pain 0-10, symptoms, after-effects that eased within 48 hours.

    .. versionadded:: 0.1.0
    """
    text = _text(any_unicode=any_unicode, long_text=long_text)
    return st.builds(
        Subjective,
        chief_complaint=text,
        pain=_maybe(st.integers(0, 10)),
        symptoms=st.lists(text, max_size=3).map(tuple),
        after_effects=st.lists(after_effects(), max_size=2).map(tuple),
        notes=_maybe(text),
    )


@_cached
def assessments(
    *,
    session_date: dt.date | None = None,
    schema_2: bool | None = None,
    any_unicode: bool = False,
    long_text: bool = False,
) -> SearchStrategy[Assessment]:
    """A: a summary, the response to treatment and progress against goals.

    Args:
        session_date: outcome scores and goals are dated on or before it.
        schema_2: outcome scores (one per instrument) and structured goals: always with
            True, never with False, either with None.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``session_date``, ``schema_2``.
    """
    text = _text(any_unicode=any_unicode, long_text=long_text)
    day = session_date or _LAST_SESSION

    def build(draw: st.DrawFn) -> Assessment:
        scores = _schema_2_list(draw, schema_2, outcome_scores(on_or_before=day))
        return Assessment(
            summary=draw(text),
            response=draw(_maybe(st.sampled_from(Response))),
            goals_progress=draw(_maybe(text)),
            outcomes=list({s.instrument: s for s in scores}.values()),
            goals=_schema_2_list(draw, schema_2, goals(on_or_before=day)),
        )

    return _drawn(build)


@_cached
def home_care(*, any_unicode: bool = False, long_text: bool = False) -> SearchStrategy[HomeCare]:
    """One home-care instruction.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        HomeCare,
        kind=st.sampled_from(HomeCareKind),
        detail=_maybe(_text(any_unicode=any_unicode, long_text=long_text)),
    )


@_cached
def referrals(*, any_unicode: bool = False, long_text: bool = False) -> SearchStrategy[Referral]:
    """A referral to another professional and why.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        Referral,
        to=st.sampled_from(("Family physician", "Lymphedema clinic", "Vascular surgeon")),
        reason=_text(any_unicode=any_unicode, long_text=long_text),
    )


@_cached
def plans(
    *, session_date: dt.date | None = None, any_unicode: bool = False, long_text: bool = False
) -> SearchStrategy[Plan]:
    """P: frequency, the next session (after ``session_date``), home care and referrals.

    .. versionadded:: 0.1.0
    """
    texts: _TextOptions = {"any_unicode": any_unicode, "long_text": long_text}
    after = session_date or _LAST_SESSION
    return st.builds(
        Plan,
        frequency=_maybe(st.sampled_from(_FREQUENCIES)),
        next_session=_maybe(st.dates(after, after + dt.timedelta(days=90))),
        home_care=st.lists(home_care(**texts), max_size=4).map(tuple),
        referrals=st.lists(referrals(**texts), max_size=2).map(tuple),
        notes=_maybe(_text(**texts)),
    )
