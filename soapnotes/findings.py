"""Findings: what the rules engine reports about a note, and how much each matters.

A leaf module: the rules produce findings, and the lifecycle, the renderers and the CLI
consume them without importing the rules. A finding carries its English ``message`` (stable,
for clinic software and JSON) and what it was made from: the ``message_id`` (the English
template, a catalog message id) and its typed ``params``, so that
:func:`soapnotes.i18n.format_finding` writes it in any locale.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

__all__ = ["Finding", "FindingParam", "ParamKind", "Severity"]

#: The value of a parameter: JSON data (a date or a time as its ISO text).
ParamValue = str | int | float | tuple[str, ...]


class _Word(str, enum.Enum):
    """A str enum that prints as its value (``str(Severity.ERROR) == "error"``)."""

    def __str__(self) -> str:
        value: str = self.value
        return value


class Severity(_Word):
    """How much a finding matters: an ``error`` blocks signing, a ``warning`` needs a look.

    .. versionadded:: 0.1.0
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class ParamKind(_Word):
    """What a finding's parameter is, and so how each locale writes it.

    - ``text``: printed as it is, in every locale (a ``$.path``, a grade such as "2+").
    - ``term``: a word of the vocabulary (a region, side, node group, question ...): the value
      is its English wording, a catalog message id, translated in the locale.
    - ``region``: a treated region, ``(side, region)`` or ``(region,)`` English wordings,
      put together as the note's treatment table does ("Left forearm", "Unterarm links").
    - ``integer`` / ``number``: a count, or a measure with ``spec`` its English format
      (``"g"``, ``".1f"``, ``"+.1f"``); other locales write it by CLDR with as many decimals.
    - ``date`` / ``iso_date``: an ISO date; the readable "20 Nov 2026" in every locale, or the
      ISO text in English (as those messages always printed it) and the readable one in others.
    - ``datetime``: an ISO date and time; the ISO text in English, the locale's otherwise.
    - ``all_of`` / ``any_of``: a list of terms, each written with the item template ``spec``
      (``"'{term}'"``, ``"{term!l}"``, itself a message id), joined with "and" / "or".

    .. versionadded:: 0.3.0
    """

    TEXT = "text"
    TERM = "term"
    REGION = "region"
    INTEGER = "integer"
    NUMBER = "number"
    DATE = "date"
    ISO_DATE = "iso_date"
    DATETIME = "datetime"
    ALL_OF = "all_of"
    ANY_OF = "any_of"


def _to_value(value: Any) -> ParamValue:
    """JSON's list back to the tuple a frozen record keeps."""
    result: ParamValue = tuple(value) if isinstance(value, list) else value
    return result


@attrs.frozen(kw_only=True)
class FindingParam:
    """One value that fills a ``{name}`` placeholder of a finding's message.

    Args:
        name: the placeholder's name.
        kind: how each locale writes the value (:class:`ParamKind`).
        value: the value as JSON data: English wording for terms, ISO text for dates.
        spec: the English number format (``number``) or the item template (lists).

    .. versionadded:: 0.3.0
    """

    name: str
    kind: ParamKind = attrs.field(converter=ParamKind)
    value: ParamValue = attrs.field(converter=_to_value)
    spec: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The parameter as plain JSON-ready data (``spec`` only when there is one)."""
        out: dict[str, Any] = {
            "name": self.name,
            "kind": self.kind.value,
            "value": list(self.value) if isinstance(self.value, tuple) else self.value,
        }
        if self.spec:
            out["spec"] = self.spec
        return out


def _params(value: Any) -> tuple[FindingParam, ...]:
    return tuple(
        item if isinstance(item, FindingParam) else FindingParam(**item) for item in value
    )


@attrs.frozen(kw_only=True)
class Finding:
    """One thing a careful supervisor would point out in a note.

    Args:
        code: the stable code of the rule, e.g. ``SN-CI-002`` (never reused).
        severity: error, warning or info.
        path: the ``$.path`` of the field the finding is about, as in :mod:`soapnotes.io`.
        message: for a therapist, in English; names regions, node groups, numbers and dates,
            never the record's free text.
        message_id: the English template the message was made from (a catalog message id
            with ``{name}`` placeholders); the message itself when there are no parameters.
        params: the values of the placeholders, typed so that each locale writes them.

    :func:`soapnotes.i18n.format_finding` writes the message in another locale.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.3.0 ``message_id`` and ``params``.
    """

    code: str
    severity: Severity
    path: str
    message: str
    message_id: str = attrs.field(
        default=attrs.Factory(lambda self: self.message, takes_self=True)
    )
    params: tuple[FindingParam, ...] = attrs.field(default=(), converter=_params)

    def __str__(self) -> str:
        return f"{self.severity} {self.code} {self.path}: {self.message}"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        """The finding :meth:`to_dict` wrote (other keys, such as the command line's
        ``file``, are ignored), to word it in another locale later.

        .. versionadded:: 0.3.0
        """
        return cls(
            code=data["code"],
            severity=Severity(data["severity"]),
            path=data["path"],
            message=data["message"],
            message_id=data.get("message_id", data["message"]),
            params=data.get("params", ()),
        )

    def to_dict(self) -> dict[str, Any]:
        """The finding as plain JSON-ready data: the English ``message``, and the
        ``message_id`` and ``params`` to write it in another locale."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "path": self.path,
            "message": self.message,
            "message_id": self.message_id,
            "params": [param.to_dict() for param in self.params],
        }
