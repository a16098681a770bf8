"""The screen before a session: answers that allow MLD, clearances, local areas, consent."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import strategies as st

from soapnotes._strategies._base import (
    _LAST_SESSION,
    _OLDEST_BIRTH,
    SearchStrategy,
    _cached,
    _dates_between,
    _drawn,
    _maybe,
)
from soapnotes._strategies._text import _GIVEN_NAMES, _ROLES, _names, _text, _TextOptions
from soapnotes.models.client import Clearance, Consent, RegionRef, Screening, ScreeningAnswer
from soapnotes.models.vocabulary import (
    ABDOMINAL_CONTRAINDICATIONS,
    ABSOLUTE_QUESTIONS,
    CONTRAINDICATION_CLASSES,
    FORBIDDEN_REGION,
    MODIFICATION_SUFFICES,
    SEED_QUESTIONS,
    Answer,
    BodyRegion,
    ClinicalRole,
    Contraindication,
    ContraindicationClass,
    Side,
)

#: Where a wound or skin infection is recorded: limb segments and trunk regions, never a node
#: area, so a drawn local contraindication never blocks drainage.
_LOCAL_AREAS = (
    BodyRegion.FOREARM,
    BodyRegion.HAND,
    BodyRegion.UPPER_ARM,
    BodyRegion.LOWER_LEG,
    BodyRegion.FOOT,
    BodyRegion.THIGH,
    BodyRegion.KNEE,
    BodyRegion.CHEST,
    BodyRegion.UPPER_BACK,
    BodyRegion.LOWER_BACK,
    BodyRegion.ABDOMEN,
    BodyRegion.FACE,
)
#: Always asked: the seed questions, then the absolute ones (needed before MLD).
_ALWAYS = (*SEED_QUESTIONS, *ABSOLUTE_QUESTIONS)
_NON_SEED = tuple(q for q in Contraindication if q not in _ALWAYS)
_RELATIVE = tuple(
    q for q, c in CONTRAINDICATION_CLASSES.items() if c is ContraindicationClass.RELATIVE
)
_MODIFICATIONS = (
    "Shorter session, client sits up slowly afterwards",
    "Inhaler within reach; no work over the sternum",
    "Lighter pressure; skin checked before and after",
)


@_cached
def region_refs() -> SearchStrategy[RegionRef]:
    """A limb segment or trunk region on a side (no side for midline regions).

    These are where a wound or skin infection is recorded; node areas (supraclavicular, neck,
    axilla, groin) are left out so a drawn local contraindication never blocks drainage.

    .. versionadded:: 0.1.0
    """
    return st.sampled_from(_LOCAL_AREAS).flatmap(
        lambda r: (
            st.just(RegionRef(region=r))
            if r.is_midline
            else st.sampled_from(Side).map(lambda s: RegionRef(region=r, side=s))
        )
    )


@_cached
def clearances(
    *, on_or_before: dt.date = _LAST_SESSION, any_unicode: bool = False, long_text: bool = False
) -> SearchStrategy[Clearance]:
    """A clearance for a relative contraindication, dated no later than ``on_or_before``.

    .. versionadded:: 0.1.0
    The role names a clinical profession (:meth:`ClinicalRole.from_text`); ``profession``
    and ``written`` are given sometimes. The date is within a year (the default maximum age,
    ``RuleOptions.clearance_max_age_days``).

    .. versionchanged:: 0.2.0 ``profession`` and ``written``.
    """
    return st.builds(
        Clearance,
        cleared_by=_names(
            ("Dr. Amira Haddad", "Dr. Jonas Berg"), any_unicode=any_unicode, long_text=long_text
        ),
        role=st.sampled_from(_ROLES),
        cleared_on=_dates_between(on_or_before - dt.timedelta(days=365), on_or_before),
        profession=_maybe(st.sampled_from(ClinicalRole)),
        written=_maybe(st.booleans()),
    )


@_cached
def screening_answers(
    question: Contraindication | None = None,
    *,
    on_or_before: dt.date = _LAST_SESSION,
    cleared_relative: bool = False,
    any_unicode: bool = False,
    long_text: bool = False,
) -> SearchStrategy[ScreeningAnswer]:
    """An answer that allows MLD: absolute and relative questions answered no, local ones no
    or yes with the affected areas (none for the questions that forbid a region of their own,
    the neck or the abdomen).

    Args:
        question: the question to answer; any when None.
        on_or_before: the latest date a clearance may carry (the session date).
        cleared_relative: answer a relative question yes, with a clearance dated no later
            than ``on_or_before`` or, where a modification may stand instead
            (``MODIFICATION_SUFFICES``), sometimes a documented treatment modification.

    .. versionadded:: 0.1.0
    """
    questions = st.just(question) if question is not None else st.sampled_from(Contraindication)
    text = _text(any_unicode=any_unicode, long_text=long_text)

    def build(draw: st.DrawFn) -> ScreeningAnswer:
        asked = draw(questions)
        kind = asked.contraindication_class
        detail = draw(_maybe(text))
        if kind is ContraindicationClass.RELATIVE and cleared_relative:
            if asked in MODIFICATION_SUFFICES and draw(st.booleans()):
                modification = draw(st.sampled_from(_MODIFICATIONS) | text)
                return ScreeningAnswer(
                    question=asked, answer=Answer.YES, detail=detail, modification=modification
                )
            clearance = draw(clearances(on_or_before=on_or_before, any_unicode=any_unicode))
            return ScreeningAnswer(
                question=asked, answer=Answer.YES, detail=detail, clearance=clearance
            )
        if kind is ContraindicationClass.LOCAL and asked in FORBIDDEN_REGION:
            answer = draw(st.sampled_from((Answer.NO, Answer.YES)))
            return ScreeningAnswer(question=asked, answer=answer, detail=detail)
        if kind is ContraindicationClass.LOCAL and draw(st.booleans()):
            areas = draw(st.lists(region_refs(), min_size=1, max_size=2, unique=True))
            return ScreeningAnswer(question=asked, answer=Answer.YES, detail=detail, areas=areas)
        return ScreeningAnswer(question=asked, answer=Answer.NO, detail=detail)

    return _drawn(build)


@_cached
def screenings(
    *,
    on_or_before: dt.date = _LAST_SESSION,
    not_before: dt.date = _OLDEST_BIRTH,
    cleared_relative: bool = False,
    any_unicode: bool = False,
    long_text: bool = False,
) -> SearchStrategy[Screening]:
    """A complete screen that allows MLD: the six seed questions first, then the absolute
    ones (asked before any MLD session), sometimes the abdominal ones (asked before the
    abdomen is treated), then a few more.

    Every answer is one :func:`screening_answers` gives, so no absolute contraindication is
    answered yes and no relative one is yes without a clearance (or a modification where one
    may stand instead). The screen is at most a year old (``RuleOptions.screen_max_age_days``).

    Args:
        on_or_before: the session date; the screen and any clearance are not after it.
        not_before: the earliest screening date (the client's birth date).
        cleared_relative: at least one relative contraindication is answered yes, with a
            documented clearance.

    .. versionadded:: 0.1.0
    """
    texts: _TextOptions = {"any_unicode": any_unicode, "long_text": long_text}

    def build(draw: st.DrawFn) -> Screening:
        screened_on = draw(
            _dates_between(max(not_before, on_or_before - dt.timedelta(days=365)), on_or_before)
        )
        extra = draw(st.lists(st.sampled_from(_NON_SEED), max_size=4, unique=True))
        if draw(st.booleans()):
            extra += [q for q in ABDOMINAL_CONTRAINDICATIONS if q not in extra]
        cleared: set[Contraindication] = set()
        if cleared_relative:
            cleared = set(draw(st.lists(st.sampled_from(_RELATIVE), min_size=1, max_size=2)))
            extra += [q for q in cleared if not q.is_seed and q not in extra]
        answers = [
            draw(
                screening_answers(
                    question,
                    on_or_before=on_or_before,
                    cleared_relative=question in cleared,
                    **texts,
                )
            )
            for question in (*_ALWAYS, *extra)
        ]
        if cleared and not any(a.clearance for a in answers):
            # At least one relative "yes" carries a clearance, not only modifications.
            index = next(i for i, a in enumerate(answers) if a.question in cleared)
            clearance = draw(clearances(on_or_before=on_or_before, any_unicode=any_unicode))
            answers[index] = attrs.evolve(answers[index], clearance=clearance, modification=None)
        return Screening(screened_on=screened_on, answers=answers)

    return _drawn(build)


@_cached
def consents(
    *,
    on_or_before: dt.date = _LAST_SESSION,
    not_before: dt.date = _OLDEST_BIRTH,
    given_by: str | None = None,
    any_unicode: bool = False,
    long_text: bool = False,
) -> SearchStrategy[Consent]:
    """Informed consent given between ``not_before`` and ``on_or_before`` (the session date).

    .. versionadded:: 0.1.0
    """
    who = (
        st.just(given_by)
        if given_by
        else _names(_GIVEN_NAMES, any_unicode=any_unicode, long_text=long_text)
    )
    return st.builds(
        Consent,
        given_by=who,
        given_on=_dates_between(
            max(not_before, on_or_before - dt.timedelta(days=730)), on_or_before
        ),
        scope=_maybe(st.sampled_from(("Manual lymphatic drainage and measurements",))),
    )
