"""Findings: what the rules engine reports about a note, and how much each matters.

A leaf module: the rules produce findings, and the lifecycle, the renderers and the CLI
consume them without importing the rules.
"""

from __future__ import annotations

import enum

import attrs

__all__ = ["Finding", "Severity"]


class Severity(str, enum.Enum):
    """How much a finding matters: an ``error`` blocks signing, a ``warning`` needs a look.

    .. versionadded:: 0.1.0
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        value: str = self.value
        return value


@attrs.frozen(kw_only=True)
class Finding:
    """One thing a careful supervisor would point out in a note.

    Args:
        code: the stable code of the rule, e.g. ``SN-CI-002`` (never reused).
        severity: error, warning or info.
        path: the ``$.path`` of the field the finding is about, as in :mod:`soapnotes.io`.
        message: for a therapist; names regions, node groups, numbers and dates, never the
            record's free text.

    .. versionadded:: 0.1.0
    """

    code: str
    severity: Severity
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity} {self.code} {self.path}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        """The finding as plain JSON-ready data."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "path": self.path,
            "message": self.message,
        }
