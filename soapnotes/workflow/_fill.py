"""What a draft still needs before it can be signed, as data."""

from __future__ import annotations

import attrs

from soapnotes.models.draft import DRAFT_MARK, marked_fields
from soapnotes.models.note import Note

__all__ = ["ToFill", "to_fill"]

_ANSWER_DETAIL = ".detail"
_SCREEN = "$.client.screening.answers["


@attrs.frozen(kw_only=True)
class ToFill:
    """One thing a draft asks for: where (``$.path``) and what, in the draft's own words.

    A screening question to ask again is named by its answer (``...answers[7]``): record
    the answer (yes or no) and replace the marked detail.

    .. versionadded:: 0.2.0
    """

    path: str
    what: str

    def __str__(self) -> str:
        return f"{self.path}: {self.what}"


def to_fill(note: Note) -> tuple[ToFill, ...]:
    """Every mark left in ``note`` (``TO FILL IN: ...``), in the order of the record.

    Empty for a note with nothing left to fill in; the rules report the same fields as
    SN-DF-001.

    .. versionadded:: 0.2.0
    """
    out = []
    for path, text in marked_fields(note):
        if path.startswith(_SCREEN) and path.endswith(_ANSWER_DETAIL):
            path = path[: -len(_ANSWER_DETAIL)]
        what = text[len(DRAFT_MARK) :].lstrip(": ").strip() or "fill in"
        out.append(ToFill(path=path, what=what))
    return tuple(out)
