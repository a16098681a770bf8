"""Draft rules: a note still holding a draft's marks is not finished.

:func:`soapnotes.follow_up` and the first-visit template mark what they cannot know with
``"TO FILL IN: ..."`` (:data:`soapnotes.models.draft.DRAFT_MARK`): today's complaint and
assessment, the screening questions to ask again. Such a note must not be signed as it is.
"""

from __future__ import annotations

from collections.abc import Iterator

from soapnotes.findings import Finding, Severity
from soapnotes.models.draft import DRAFT_MARK, marked_fields
from soapnotes.models.note import Note
from soapnotes.rules._core import RuleCode, RuleOptions, term

STILL_MARKED = RuleCode(
    code="SN-DF-001",
    severity=Severity.ERROR,
    summary="Text still marked to fill in (a draft's placeholder)",
    source="clinic practice (a note records what was found and done at this visit)",
)


def nothing_left_to_fill(note: Note, options: RuleOptions) -> Iterator[Finding]:
    """Every text a draft marked ``TO FILL IN`` has been written before the note is signed.

    The message names the field, never the text (it may have been edited into clinical
    text after the mark).

    Source: clinic practice.
    """
    for path, _ in marked_fields(note):
        yield STILL_MARKED.at(
            path,
            "this field still starts with '{mark}': fill it in before signing",
            mark=term(DRAFT_MARK),
        )
