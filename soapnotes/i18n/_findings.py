"""A finding's message in a locale: its template translated, its parameters written there.

The rules make each finding from a message id (the English template) and typed parameters
(:class:`soapnotes.findings.FindingParam`); the English ``Finding.message`` is this module's
text in English, so the two never disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from soapnotes.i18n._active import active_locale, gettext, using_locale
from soapnotes.i18n._locale import language_of

if TYPE_CHECKING:  # the records stay unloaded until a finding is written (import soapnotes)
    from soapnotes.findings import Finding, FindingParam

_DECIMALS = re.compile(r"\.(\d+)f$")


def format_finding(finding: Finding, locale: str | None = None) -> str:
    """The message of ``finding`` in ``locale`` (the active one when None: English outside a
    render call). English gives ``finding.message``; a finding made without a template
    (``message_id`` its message, no parameters) is translated when the catalog knows it.

    Args:
        finding: what a rule reported.
        locale: ``"de_AT"``, ``"fr"``, ... (:func:`soapnotes.i18n.resolve_locale`).

    Raises:
        UsageError: an unsupported locale, or Babel missing for German or French.

    .. versionadded:: 0.3.0
    """
    if locale is None:
        return render_message(finding.message_id, finding.params)
    with using_locale(locale):
        return render_message(finding.message_id, finding.params)


def render_message(message_id: str, params: Iterable[FindingParam]) -> str:
    """The template ``message_id`` translated into the active locale and filled with
    ``params``, with a capital first letter."""
    values = {param.name: _written(param) for param in params}
    text = gettext(message_id, **values) if values else gettext(message_id)
    return text[:1].upper() + text[1:]


def _english() -> bool:
    return language_of(active_locale()) == "en"


def _written(param: FindingParam) -> str:
    """One parameter as the active locale writes it."""
    from soapnotes import _format as fmt

    kind, value = param.kind.value, param.value  # ParamKind's values, not the class: see above
    if kind == "term":
        return gettext(str(value))
    if kind == "region":
        return _region(value)
    if kind in ("all_of", "any_of"):
        assert isinstance(value, tuple)  # noqa: S101 - a list's value is a tuple
        return _joined(value, param.spec or "{term}", kind == "all_of")
    if kind == "integer":
        assert isinstance(value, int)  # noqa: S101
        return str(value) if _english() else fmt.number(value)
    if kind == "number":
        assert isinstance(value, (int, float))  # noqa: S101
        return _number(float(value), param.spec or "g")
    if kind == "date" or (kind == "iso_date" and not _english()):
        return fmt.date(dt.date.fromisoformat(str(value)))
    if kind == "datetime" and not _english():
        return fmt.datetime(dt.datetime.fromisoformat(str(value)))
    return str(value)


def _region(value: object) -> str:
    """'Left forearm' / 'Unterarm links': as :attr:`TreatedRegion.label` words it."""
    parts = value if isinstance(value, tuple) else (str(value),)
    if len(parts) == 1:
        return gettext(parts[0])
    side, region = parts
    return gettext("{side} {region!l}", side=gettext(side), region=gettext(region))


def _joined(terms: tuple[str, ...], item: str, all_of: bool) -> str:
    """'A', 'B' and 'C' (or 'A, B or C'): each term translated, then written with the item
    template (itself a message id, so a language may quote or case it its own way)."""
    items = [gettext(item, term=gettext(term)) for term in terms]
    if len(items) <= 1:
        return "".join(items)
    first, last = ", ".join(items[:-1]), items[-1]
    if all_of:
        return gettext("{items} and {last}", items=first, last=last)
    return gettext("{items} or {last}", items=first, last=last)


def _number(value: float, spec: str) -> str:
    """English by ``spec`` (``"g"``, ``".1f"``, ``"+.1f"``); other locales by CLDR with the
    same number of decimals (``"g"``: as many as English shows)."""
    from soapnotes import _format as fmt

    if _english():
        return format(value, spec)
    match = _DECIMALS.search(spec)
    if match is not None:
        decimals = int(match.group(1))
    else:
        shown = format(value, "g")
        decimals = 0 if "e" in shown or "." not in shown else len(shown.partition(".")[2])
    if "+" in spec:
        return fmt.signed(value, decimals)
    return fmt.number(value, decimals)
