"""Intake, history and referral: height, cancer treatment, cellulitis, medications, the red-flag
check of a visit, the referring physician and the prescription."""

from __future__ import annotations

import datetime as dt

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
from soapnotes.models.diagnosis import ICD10_TITLES, Physician, Prescription
from soapnotes.models.intake import (
    CancerHistory,
    CellulitisEpisode,
    Chemotherapy,
    ChemotherapyClass,
    Handedness,
    Intake,
    Medication,
    MedicationKind,
    RadiotherapyCourse,
    RadiotherapyField,
    RedFlag,
    RedFlagAnswer,
    RedFlagCheck,
    Surgery,
)
from soapnotes.models.vocabulary import Answer, Laterality, Limb, Side

_CANCER_CODES = tuple(code for code in ICD10_TITLES if code.startswith("C"))
_EDEMA_CODES = ("I89.0", "I97.2", "Q82.0", "I87.2", "E88.2")
#: Medications that no rule judges: drawn by default so the notes stay free of findings.
_QUIET_MEDICATIONS = (
    ("Letrozole", MedicationKind.HORMONE_THERAPY),
    ("Amlodipine", MedicationKind.CALCIUM_CHANNEL_BLOCKER),
    ("Levothyroxine", MedicationKind.OTHER),
    ("Aspirin", MedicationKind.ANTIPLATELET),
)
_ANY_MEDICATIONS = (
    *_QUIET_MEDICATIONS,
    ("Apixaban", MedicationKind.ANTICOAGULANT),
    ("Furosemide", MedicationKind.DIURETIC),
    ("Prednisolone", MedicationKind.CORTICOSTEROID),
)


def _days_before(on: dt.date, not_before: dt.date, days: int) -> SearchStrategy[dt.date]:
    return _dates_between(max(not_before, on - dt.timedelta(days=days)), on)


@_cached
def physicians() -> SearchStrategy[Physician]:
    """A referring or prescribing physician.

    .. versionadded:: 0.2.0
    """
    return st.builds(
        Physician,
        name=st.sampled_from(("Dr. Ines Varga", "Dr. Amira Haddad", "Dr. Jonas Berg")),
        specialty=_maybe(st.sampled_from(("Gynaecological oncology", "Family medicine"))),
        organisation=_maybe(st.sampled_from(("Mercy Hospital", "Harbour Medical Centre"))),
        phone=_maybe(st.just("+1 902 555 0199")),
        registration=_maybe(st.from_regex(r"[A-Z]{2}-[0-9]{5}", fullmatch=True)),
    )


@_cached
def prescriptions(
    *, on_or_before: dt.date = _LAST_SESSION, not_before: dt.date = _OLDEST_BIRTH
) -> SearchStrategy[Prescription]:
    """A prescription issued on or before ``on_or_before`` (the session), still valid then,
    with no more sessions used than authorised.

    .. versionadded:: 0.2.0
    """

    def build(draw: st.DrawFn) -> Prescription:
        authorised = draw(_maybe(st.integers(1, 30)))
        used = draw(_maybe(st.integers(1, authorised or 30)))
        issued = draw(_days_before(on_or_before, not_before, 90))
        return Prescription(
            prescribed_by=draw(physicians()),
            issued_on=issued,
            reference=draw(_maybe(st.from_regex(r"RX-[0-9]{4,8}", fullmatch=True))),
            icd10=draw(st.lists(st.sampled_from(_EDEMA_CODES), max_size=2, unique=True)),
            sessions_authorised=authorised,
            sessions_used=used,
            valid_until=draw(_maybe(st.just(on_or_before + dt.timedelta(days=60)))),
        )

    return _drawn(build)


@_cached
def cancer_histories(
    *, on_or_before: dt.date = _LAST_SESSION, not_before: dt.date = _OLDEST_BIRTH
) -> SearchStrategy[CancerHistory]:
    """A treated cancer: surgery (with nodes removed), radiotherapy, chemotherapy, all dated
    between ``not_before`` and ``on_or_before``.

    .. versionadded:: 0.2.0
    """
    dates = _maybe(_days_before(on_or_before, not_before, 3650))
    surgery = _surgeries(dates)
    radiotherapy = st.builds(
        RadiotherapyCourse,
        fields=st.lists(st.sampled_from(RadiotherapyField), min_size=1, max_size=3, unique=True),
        side=_maybe(st.sampled_from(Laterality)),
        finished_on=dates,
    )
    chemotherapy = st.builds(
        Chemotherapy,
        regimen=st.sampled_from(("Carboplatin and paclitaxel", "AC then docetaxel")),
        drug_class=_maybe(st.sampled_from(ChemotherapyClass)),
        finished_on=dates,
    )
    return st.builds(
        CancerHistory,
        diagnosis=st.sampled_from(("Breast cancer", "Endometrial carcinoma", "Melanoma")),
        icd10=st.lists(st.sampled_from(_CANCER_CODES), max_size=1),
        diagnosed_on=dates,
        surgery=st.lists(surgery, max_size=2),
        radiotherapy=st.lists(radiotherapy, max_size=1),
        chemotherapy=st.lists(chemotherapy, max_size=1),
    )


#: A drawn cellulitis episode began at least this long before the session: over by then,
#: and outside the rules' default window (RuleOptions.recent_cellulitis_days, 28).
_CELLULITIS_OVER = dt.timedelta(days=90)


@_cached
def cellulitis_episodes(
    *, before: dt.date = _LAST_SESSION, not_before: dt.date = _OLDEST_BIRTH
) -> SearchStrategy[CellulitisEpisode]:
    """A cellulitis episode that began at least 90 days before ``before`` (over by then), and
    not before ``not_before`` (when the two leave no such room, on ``not_before``).

    .. versionadded:: 0.2.0
    """
    latest = max(not_before, before - _CELLULITIS_OVER)
    return st.builds(
        CellulitisEpisode,
        began_on=_dates_between(max(not_before, latest - dt.timedelta(days=3650)), latest),
        limb=_maybe(st.sampled_from(Limb)),
        side=_maybe(st.sampled_from(Side)),
        treated_with=_maybe(st.sampled_from(("Oral flucloxacillin, 14 days", "IV antibiotics"))),
        admitted=st.booleans(),
    )


@_cached
def medications(*, any_kind: bool = False) -> SearchStrategy[Medication]:
    """A current medication; with ``any_kind`` also anticoagulants, diuretics and steroids,
    which the rules check against the screen.

    .. versionadded:: 0.2.0
    """
    pool = _ANY_MEDICATIONS if any_kind else _QUIET_MEDICATIONS
    return st.sampled_from(pool).flatmap(
        lambda pair: st.builds(
            Medication,
            name=st.just(pair[0]),
            kind=st.just(pair[1]),
            dose=_maybe(st.sampled_from(("2.5 mg daily", "5 mg twice daily"))),
        )
    )


@_cached
def intakes(
    *, on_or_before: dt.date = _LAST_SESSION, not_before: dt.date = _OLDEST_BIRTH
) -> SearchStrategy[Intake]:
    """An intake recorded on or before ``on_or_before``: height 140-200 cm, handedness,
    cancer treatment, past cellulitis, medications no rule judges.

    .. versionadded:: 0.2.0
    """
    return st.builds(
        Intake,
        recorded_on=_maybe(_days_before(on_or_before, not_before, 365)),
        height_cm=_maybe(st.integers(1400, 2000).map(lambda mm: mm / 10)),
        handedness=_maybe(st.sampled_from(Handedness)),
        cancer=st.lists(
            cancer_histories(on_or_before=on_or_before, not_before=not_before), max_size=1
        ),
        cellulitis=st.lists(
            cellulitis_episodes(before=on_or_before, not_before=not_before),
            max_size=2 if on_or_before - not_before >= _CELLULITIS_OVER else 0,
        ),
        medications=st.lists(medications(), max_size=2),
    )


@_cached
def red_flag_checks(*, any_answer: bool = False) -> SearchStrategy[RedFlagCheck]:
    """The red-flag questions of a visit, every one answered no (with ``any_answer``: yes,
    no or unknown).

    .. versionadded:: 0.2.0
    """
    answers = st.sampled_from(Answer) if any_answer else st.just(Answer.NO)
    answer = st.builds(
        RedFlagAnswer,
        question=st.sampled_from(RedFlag),
        answer=answers,
        detail=_maybe(st.sampled_from(("Asked at the start of the visit",))),
    )
    return st.builds(
        RedFlagCheck,
        answers=st.lists(
            answer, min_size=1, max_size=len(RedFlag), unique_by=lambda a: a.question
        ),
        asked_by=_maybe(st.sampled_from(("Maren Albrecht",))),
    )


@_cached
def red_flag_answers() -> SearchStrategy[RedFlagAnswer]:
    """One red-flag question answered no.

    .. versionadded:: 0.2.0
    """
    return st.builds(RedFlagAnswer, question=st.sampled_from(RedFlag), answer=st.just(Answer.NO))


@_cached
def surgeries() -> SearchStrategy[Surgery]:
    """An operation for cancer.

    .. versionadded:: 0.2.0
    """
    return _surgeries(_maybe(_days_before(_LAST_SESSION, _OLDEST_BIRTH, 3650)))


def _surgeries(dates: SearchStrategy[dt.date | None]) -> SearchStrategy[Surgery]:
    return st.builds(
        Surgery,
        procedure=st.sampled_from(("Axillary lymph node dissection", "Pelvic lymphadenectomy")),
        performed_on=dates,
        side=_maybe(st.sampled_from(Laterality)),
        nodes_removed=_maybe(st.integers(0, 40)),
    )


@_cached
def radiotherapy_courses() -> SearchStrategy[RadiotherapyCourse]:
    """A course of radiotherapy.

    .. versionadded:: 0.2.0
    """
    return st.builds(
        RadiotherapyCourse,
        fields=st.lists(st.sampled_from(RadiotherapyField), min_size=1, max_size=3, unique=True),
        side=_maybe(st.sampled_from(Laterality)),
    )


@_cached
def chemotherapies() -> SearchStrategy[Chemotherapy]:
    """A chemotherapy regimen.

    .. versionadded:: 0.2.0
    """
    return st.builds(
        Chemotherapy,
        regimen=st.sampled_from(("Carboplatin and paclitaxel",)),
        drug_class=_maybe(st.sampled_from(ChemotherapyClass)),
    )
