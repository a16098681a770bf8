"""The exceptions and warnings soapnotes raises.

Catch :class:`SoapnotesError` to catch every exception; filter :class:`SoapnotesWarning` to
silence every warning.

Messages name the field path and what is wrong; they never quote clinical free text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from soapnotes.findings import Finding

__all__ = [
    "ClinicalRuleViolation",
    "InvalidField",
    "InvalidFieldType",
    "InvalidRecord",
    "LifecycleError",
    "MissingGlyphWarning",
    "NoteChanged",
    "Problem",
    "RenderError",
    "SoapnotesError",
    "SoapnotesWarning",
    "UsageError",
]


class SoapnotesError(Exception):
    """Base of every exception soapnotes raises on purpose."""


@attrs.frozen
class Problem:
    """One thing wrong with an input: where (a ``$.path``) and what.

    Args:
        path: JSONPath-like location, e.g. ``$.session.treatment[2].minutes``.
        message: what is wrong and what is allowed; never the offending free text.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InvalidRecord(SoapnotesError, ValueError):
    """Input could not become records. ``problems`` lists every problem found, in order.

    .. versionadded:: 0.1.0
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem], *, source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        head = f"{source}: " if source else ""
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(
            f"{head}{count} problem{'s' if count != 1 else ''} in the input:\n{lines}"
        )


class UsageError(SoapnotesError, ValueError):
    """The library was called in a way it does not support: a bad argument or option.

    For example an unknown rule code in a policy, an unknown output format, or a naive
    ``now=``. It is a :class:`ValueError` too, so code written before it existed keeps working.

    .. versionadded:: 0.2.0
    """


class InvalidField(UsageError):
    """A record was built in Python with a value one of its fields does not allow.

    The message names the record and the field: ``Practice.name must be a string, got int``.
    ``record`` and ``field`` name them; ``problem`` is what is wrong, without the name
    (reading files reports the same words after a ``$.path`` instead, as
    :class:`InvalidRecord` problems). A wrong type raises :class:`InvalidFieldType`, which
    is a :class:`TypeError` too. ``item`` is the index of the list item that is wrong, when
    the field is a list and one item is (reading reports ``$.path[INDEX]`` then).

    .. versionadded:: 0.2.0
    """

    record: str | None
    field: str
    problem: str
    item: int | None = None

    def __init__(self, problem: str, field: str, record: str | None = None) -> None:
        self.problem = problem
        self.field = field
        self.record = record
        super().__init__(f"{record}.{field} {problem}" if record else f"{field} {problem}")

    def __reduce__(self) -> tuple[type[InvalidField], tuple[str, str, str | None]]:
        return (type(self), (self.problem, self.field, self.record))


class InvalidFieldType(InvalidField, TypeError):
    """A record field was given a value of the wrong type (see :class:`InvalidField`).

    .. versionadded:: 0.2.0
    """


class RenderError(SoapnotesError):
    """A note could not be rendered (for example a character no font covers, in strict mode)."""


class LifecycleError(SoapnotesError):
    """A lifecycle step (sign, amend) was refused. ``reasons`` lists why."""

    reasons: tuple[str, ...]

    def __init__(self, reasons: Iterable[str]) -> None:
        self.reasons = tuple(reasons)
        super().__init__("; ".join(self.reasons))


class NoteChanged(LifecycleError):
    """The note is not the one the caller last saw: its head hash differs from
    ``expected_head`` (:func:`soapnotes.sign`, :func:`soapnotes.amend`), so someone changed it
    since it was read. Read it again and retry; nothing was written.

    ``expected`` is the head the caller passed, ``actual`` the note's head now.

    .. versionadded:: 0.2.0
    """

    def __init__(self, expected: str, actual: str) -> None:
        self.expected = expected
        self.actual = actual
        super().__init__(
            [
                f"the note changed since it was read: its head hash is {actual[:12]}..., "
                f"not {expected[:12]}...; read it again"
            ]
        )

    def __reduce__(self) -> tuple[type[NoteChanged], tuple[str, str]]:
        return (type(self), (self.expected, self.actual))


class ClinicalRuleViolation(SoapnotesError, ValueError):
    """A note breaks clinical rules that block signing. ``findings`` lists the errors.

    Raised by ``soapnotes.validate(note, strict=True)``.

    .. versionadded:: 0.1.0
    """

    findings: tuple[Finding, ...]

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings = tuple(findings)
        count = len(self.findings)
        lines = "\n".join(f"  {finding}" for finding in self.findings)
        super().__init__(
            f"{count} clinical error{'s' if count != 1 else ''} block signing:\n{lines}"
        )


class SoapnotesWarning(UserWarning):
    """Base of every warning soapnotes issues. Filter it to silence them all.

    .. versionadded:: 0.2.0
    """


class MissingGlyphWarning(SoapnotesWarning):
    """Some characters of a note are covered by no font and were drawn as U+FFFD.

    Raised as :class:`RenderError` instead when ``RenderOptions(strict_fonts=True)``.
    ``characters`` holds them (the command line counts them and names their fields).

    .. versionadded:: 0.1.0
    """

    characters: frozenset[str] = frozenset()
