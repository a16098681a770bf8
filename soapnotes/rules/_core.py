"""The pieces every rule shares: severities, codes, findings, options and the rule record.

Nothing here knows a clinical fact; the families (one module each) do.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from soapnotes.errors import UsageError
from soapnotes.findings import Finding, FindingParam, ParamKind, Severity
from soapnotes.i18n._active import using_locale
from soapnotes.i18n._findings import render_message
from soapnotes.models.note import Note
from soapnotes.models.session import NodeTarget, TreatedRegion
from soapnotes.models.vocabulary import Limb
from soapnotes.models.vocabulary._base import _Vocabulary

#: The codes no policy may switch off, filled as each family declares them
#: (``RuleCode(waivable=False)``): the absolute contraindications and the questions that
#: must be answered to rule them out.
_UNWAIVABLE: set[str] = set()


@attrs.frozen(kw_only=True)
class RuleCode:
    """What one code means: its severity, a one-line summary and the source of the rule.

    ``waivable`` is False for the codes a clinic may never disable (absolute
    contraindications): :class:`RuleOptions` and :func:`soapnotes.rules.check_codes` refuse
    them.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``waivable``.
    """

    code: str = attrs.field(validator=attrs.validators.matches_re(r"SN-[A-Z]{2}-\d{3}\Z"))
    severity: Severity
    summary: str
    source: str
    waivable: bool = True

    def __attrs_post_init__(self) -> None:
        if not self.waivable:
            _UNWAIVABLE.add(self.code)

    def at(self, path: str, message: str, /, **params: object) -> Finding:
        """A finding of this code about the field at ``path``.

        ``message`` is the English template (a literal, so the catalogs list it), ``params``
        fill its placeholders: vocabulary values, node targets and treated regions are
        translated terms, ints counts, floats ``"g"`` numbers, dates readable dates, strings
        printed as given; :func:`number`, :func:`iso_date`, :func:`term` and the lists say
        otherwise. The English message gets a capital first letter.
        """
        values = tuple(_param(name, value) for name, value in params.items())
        with using_locale("en"):
            english = render_message(message, values)
        return Finding(
            code=self.code,
            severity=self.severity,
            path=path,
            message=english,
            message_id=message,
            params=values,
        )


def _param(name: str, value: object) -> FindingParam:
    """A placeholder's value typed for translation (see :meth:`RuleCode.at`)."""
    if isinstance(value, FindingParam):
        return attrs.evolve(value, name=name)
    if isinstance(value, (_Vocabulary, NodeTarget)):
        return FindingParam(name=name, kind=ParamKind.TERM, value=value.english_label)
    if isinstance(value, TreatedRegion):
        region = value.region.english_label
        parts = (region,) if value.side is None else (value.side.english_label, region)
        return FindingParam(name=name, kind=ParamKind.REGION, value=parts)
    if isinstance(value, bool):
        raise TypeError(f"finding parameter {name!r} must not be a bool")
    if isinstance(value, int):
        return FindingParam(name=name, kind=ParamKind.INTEGER, value=value)
    if isinstance(value, float):
        return FindingParam(name=name, kind=ParamKind.NUMBER, value=value, spec="g")
    if isinstance(value, dt.datetime):
        return FindingParam(name=name, kind=ParamKind.DATETIME, value=value.isoformat())
    if isinstance(value, dt.date):
        return FindingParam(name=name, kind=ParamKind.DATE, value=value.isoformat())
    if isinstance(value, str):
        return FindingParam(name=name, kind=ParamKind.TEXT, value=value)
    raise TypeError(f"finding parameter {name!r} cannot be a {type(value).__name__}")


def number(value: float, spec: str) -> FindingParam:
    """A measure written with the English format ``spec`` (``".1f"``, ``"+.1f"``, ``"g"``)."""
    return FindingParam(name="", kind=ParamKind.NUMBER, value=float(value), spec=spec)


def iso_date(value: dt.date) -> FindingParam:
    """A date the English message writes as ISO text (``2026-11-20``)."""
    return FindingParam(name="", kind=ParamKind.ISO_DATE, value=value.isoformat())


def stamp(value: dt.datetime, timespec: str = "auto") -> FindingParam:
    """A moment the English message writes as ISO text."""
    return FindingParam(name="", kind=ParamKind.DATETIME, value=value.isoformat(timespec=timespec))


def term(english: str) -> FindingParam:
    """A word to translate: ``english`` is a catalog message id (mark it with
    ``gettext_noop`` where it is defined)."""
    return FindingParam(name="", kind=ParamKind.TERM, value=english)


def all_of(terms: Iterable[object], item: str = "{term}") -> FindingParam:
    """'A', 'B' and 'C': terms (vocabulary values or message ids) each written with the
    item template ``item`` (a message id: mark it with ``gettext_noop``)."""
    return FindingParam(name="", kind=ParamKind.ALL_OF, value=_terms(terms), spec=item)


def any_of(terms: Iterable[object], item: str = "{term}") -> FindingParam:
    """'A, B or C': as :func:`all_of`, joined with "or"."""
    return FindingParam(name="", kind=ParamKind.ANY_OF, value=_terms(terms), spec=item)


def _terms(terms: Iterable[object]) -> tuple[str, ...]:
    return tuple(
        t.english_label if isinstance(t, (_Vocabulary, NodeTarget)) else str(t) for t in terms
    )


def _frozen_codes(codes: Iterable[str]) -> frozenset[str]:
    return frozenset(codes)


def refuse_unwaivable(codes: Iterable[str]) -> None:
    """Raise :class:`UsageError` naming every code in ``codes`` that may never be disabled."""
    absolute = sorted(set(codes) & _UNWAIVABLE)
    if absolute:
        raise UsageError(
            f"rule code(s) {', '.join(absolute)} cannot be disabled: an absolute "
            "contraindication is never waived"
        )


def _waivable(_: object, attribute: attrs.Attribute[Any], value: frozenset[str]) -> None:
    refuse_unwaivable(value)


def _non_negative(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
        raise UsageError(f"{attribute.name} must be a number >= 0")


def _positive(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise UsageError(f"{attribute.name} must be a number > 0")


#: The orders a clinic may require of a reabsorption pass (``RuleOptions.reabsorption_order``).
REABSORPTION_ORDERS = ("any", "proximal_first", "distal_first")


def _reabsorption_order(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in REABSORPTION_ORDERS:
        raise UsageError(f"reabsorption_order must be one of {', '.join(REABSORPTION_ORDERS)}")


def _aware_or_none(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise UsageError("now must be a datetime with a time zone, or None for the clock")


def _range_pair(_: object, attribute: attrs.Attribute[Any], value: tuple[float, float]) -> None:
    low, high = value
    if not 0 < low < high:
        raise UsageError(f"{attribute.name} must be (low, high) with 0 < low < high")


def _bands(_: object, attribute: attrs.Attribute[Any], value: tuple[float, float, float]) -> None:
    if not 0 <= value[0] < value[1] < value[2]:
        raise UsageError("excess_volume_bands must be three increasing percentages")


def _abpi_bands(_: object, attribute: attrs.Attribute[Any], value: tuple[float, ...]) -> None:
    if not (len(value) == 3 and 0 < value[0] < value[1] < value[2]):
        raise UsageError("abpi_bands must be three increasing positive ABPI values")


def _positive_days(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise UsageError(f"{attribute.name} must be a whole number of days, at least 1")


def _percent(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise UsageError(f"{attribute.name} must be a percentage from 0 to 100")


@attrs.frozen(kw_only=True)
class RuleOptions:
    """A clinic's policy for :func:`soapnotes.validate`.

    Args:
        disabled: codes to skip (a clinic policy), e.g. ``{"SN-OR-004"}``. The absolute
            contraindication codes (``RuleCode.waivable`` False) cannot be disabled: naming
            one is a :class:`UsageError`. :func:`soapnotes.lifecycle.sign` records in the
            signature each disabled code that would have reported an error or warning.
        after_effect_warning_hours: a headache, nausea or fatigue lasting longer than this is a
            warning (soapnotes policy: no source fixes the window; 48 hours by default).
        after_effect_info_hours: lasting this long (up to the warning threshold) is info.
        excess_volume_bands: lower bounds in percent of the minimal, moderate and severe
            excess-volume bands, default 5 / 20 / 40 (minimal 5-20 %, moderate 20-40 %,
            severe > 40 %), as ISL 2020 grades severity; configurable, since clinics and
            studies draw the bounds differently.
        arm_circumference_cm: plausible arm circumferences (low, high) in cm. Unverified
            guard against typing slips (mm for cm, a lost decimal point), not a clinical norm.
        leg_circumference_cm: the same for legs.
        now: the moment a session may not be after; None means the clock at validation time.
        clearance_max_age_days: a clearance (or palliative approval) older than this many
            days before the session no longer clears (soapnotes policy: 365, a yearly review;
            no source fixes it).
        screen_max_age_days: a contraindication screen older than this many days before the
            session is out of date (soapnotes policy: 365, the health history reviewed at
            least yearly; WakeMed policy asks at every visit, so a clinic may shorten it).
        overrun_tolerance_minutes: treated minutes over the session's duration by up to this
            much are a warning (SN-TM-008), beyond it an error (SN-TM-001); soapnotes policy,
            5 minutes: the clock and the note rarely agree to the minute.
        region_max_minutes: one region treated longer than this is implausible (SN-TM-010):
            a guard against typing slips (430 for 43), 60 by default, not a clinical norm.
        reabsorption_order: how a reabsorption pass must run along a limb: ``"any"`` (the
            default: schools differ, and only the clearing pass goes from the trunk outward,
            Zuther 2017), ``"proximal_first"`` or ``"distal_first"`` (SN-OR-004).
        pitting_mm_per_grade: the pit depth one pitting grade stands for (2 mm, Brodovicz
            2009: 1+ about 2 mm to 4+ about 8 mm); a depth two grades or more away from the
            recorded grade is flagged (SN-MS-012). Sources disagree, so it is a policy.
        abpi_bands: the ABPI values (low, reduced, high), default 0.5 / 0.8 / 1.3: below low
            compression is contraindicated (an error), from low to reduced only reduced
            compression under specialist supervision, above high the arteries may be
            incompressible and the index unreliable (warnings) (Lymphoedema Framework 2006;
            sources put the upper bound at 1.3 or 1.4, so it is configurable).
        abpi_max_age_days: an arterial check older than this before leg compression is a
            warning (soapnotes policy: no source fixes a re-check interval; 365 days).
        accept_clinical_vascular_assessment: count a documented clinical vascular assessment
            without an ABPI as the arterial check (BLS 2018). Off by default: the Lymphoedema
            Framework 2006 asks for an ABPI before compression.
        recent_cellulitis_days: a cellulitis episode that began this many days before the
            session or fewer is a warning to check that it has resolved (soapnotes policy
            after BLS 2016: no MLD during acute cellulitis; 28 days).
        garment_adherence_percent: reported wear below this share of the prescribed hours is
            info (soapnotes policy; 80 %).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 the clearance and screen ages, the overrun tolerance, the region
       maximum, the reabsorption order and the pitting depth; ``abpi_bands``,
       ``abpi_max_age_days``, ``accept_clinical_vascular_assessment``,
       ``recent_cellulitis_days``, ``garment_adherence_percent``.
    """

    disabled: frozenset[str] = attrs.field(
        default=frozenset(), converter=_frozen_codes, validator=_waivable
    )
    after_effect_warning_hours: float = 48.0
    after_effect_info_hours: float = 24.0
    excess_volume_bands: tuple[float, float, float] = attrs.field(
        default=(5.0, 20.0, 40.0), validator=_bands
    )
    arm_circumference_cm: tuple[float, float] = attrs.field(
        default=(8.0, 90.0), validator=_range_pair
    )
    leg_circumference_cm: tuple[float, float] = attrs.field(
        default=(10.0, 150.0), validator=_range_pair
    )
    now: dt.datetime | None = attrs.field(default=None, validator=_aware_or_none)
    clearance_max_age_days: int = attrs.field(default=365, validator=_non_negative)
    screen_max_age_days: int = attrs.field(default=365, validator=_non_negative)
    overrun_tolerance_minutes: int = attrs.field(default=5, validator=_non_negative)
    region_max_minutes: int = attrs.field(default=60, validator=_positive)
    reabsorption_order: str = attrs.field(default="any", validator=_reabsorption_order)
    pitting_mm_per_grade: float = attrs.field(default=2.0, validator=_positive)
    abpi_bands: tuple[float, float, float] = attrs.field(
        default=(0.5, 0.8, 1.3), validator=_abpi_bands
    )
    abpi_max_age_days: int = attrs.field(default=365, validator=_positive_days)
    accept_clinical_vascular_assessment: bool = False
    recent_cellulitis_days: int = attrs.field(default=28, validator=_positive_days)
    garment_adherence_percent: float = attrs.field(default=80.0, validator=_percent)

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.after_effect_info_hours <= self.after_effect_warning_hours:
            raise UsageError(
                "after_effect_info_hours must be between 0 and after_effect_warning_hours"
            )

    def circumference_range(self, limb: Limb) -> tuple[float, float]:
        """The plausible (low, high) circumference in cm for ``limb``."""
        return self.arm_circumference_cm if limb is Limb.ARM else self.leg_circumference_cm


#: A rule: looks at a note under a policy and yields its findings. Never mutates the note.
Check = Callable[[Note, RuleOptions], Iterable[Finding]]


@attrs.frozen(kw_only=True)
class Rule:
    """A registered rule: the check and the codes it may report.

    .. versionadded:: 0.1.0
    """

    check: Check
    codes: tuple[RuleCode, ...]

    @property
    def name(self) -> str:
        """The check's qualified name, for messages and test ids."""
        return f"{self.check.__module__.rsplit('.', 1)[-1]}.{self.check.__name__}"


_PATH_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def path_sort_key(path: str) -> tuple[tuple[str, int], ...]:
    """Sort key for ``$.paths`` that orders list indices as numbers (2 before 10)."""
    return tuple(
        (name, -1) if name else ("", int(index)) for name, index in _PATH_PART.findall(path)
    )
