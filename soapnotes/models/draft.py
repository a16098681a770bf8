"""The draft mark: how a generated draft marks what is still to be filled in.

A draft made by :func:`soapnotes.follow_up` (or the first-visit template) writes what it
cannot know in a required text field as ``"TO FILL IN: <what>"``, and a screening question
to ask again as answered ``unknown`` with such a detail. :func:`marked_fields` finds every
mark left in a record, so the rules (SN-DF-001) refuse a note until each is filled in, and
the command line can say what is left.
"""

from __future__ import annotations

import typing

import attrs

from soapnotes.i18n._active import gettext_noop

__all__ = ["DRAFT_MARK", "marked", "marked_fields"]

#: The words that open a text still to be filled in (upper case, so clinical text does not
#: start with them by chance). The record keeps them in English; a German or French document
#: prints the catalog's wording of the mark.
DRAFT_MARK = gettext_noop("TO FILL IN")


def marked(what: str) -> str:
    """The marked text for a field still to fill in: ``'TO FILL IN: ' + what``."""
    return f"{DRAFT_MARK}: {what}"


_TEXT_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """The fields of a record class that can hold text, by their types (empty for anything
    that is not a record, or holds no text: a circumference point, say). Worked out once
    per class."""
    names = _TEXT_FIELDS.get(cls)
    if names is None:
        names = ()
        if attrs.has(cls):
            hints = typing.get_type_hints(cls)
            names = tuple(f.name for f in attrs.fields(cls) if _holds_text(hints[f.name]))
        _TEXT_FIELDS[cls] = names
    return names


def _holds_text(hint: object) -> bool:
    if hint is str:
        return True
    args = typing.get_args(hint)
    if args:  # a union, an optional, a tuple
        return any(_holds_text(arg) for arg in args if arg is not Ellipsis)
    return isinstance(hint, type) and bool(_field_names(hint))


def marked_fields(record: object, path: str = "$") -> list[tuple[str, str]]:
    """(``$.path``, text) of every text field of ``record`` that still starts with the mark.

    Walks the record's attrs fields, lists and nested records in order; the paths use the
    interchange layout's names (``$.session.subjective.chief_complaint``,
    ``$.client.screening.answers[7].detail``). Vocabulary values (str enums) are not text.
    The rules run it on every note, so it only looks at each value's exact type and builds
    a path only for a mark it finds.
    """
    found: list[tuple[str, str]] = []
    _walk(record, [path], found)
    return found


def _walk(value: object, parts: list[str], found: list[tuple[str, str]]) -> None:
    kind = type(value)
    if kind is str:
        text = typing.cast("str", value)
        if text.startswith(DRAFT_MARK):
            found.append(("".join(parts), text))
        return
    if kind is tuple:
        items: tuple[object, ...] = typing.cast("tuple[object, ...]", value)
        for index, item in enumerate(items):
            if type(item) is str or _field_names(type(item)):
                parts.append(f"[{index}]")
                _walk(item, parts, found)
                parts.pop()
        return
    for name in _field_names(kind):
        field: object = getattr(value, name)
        sub = type(field)
        if sub is str:
            text = typing.cast("str", field)
            if text.startswith(DRAFT_MARK):
                found.append(("".join((*parts, ".", name)), text))
        elif (sub is tuple and field) or _field_names(sub):
            parts.append(f".{name}")
            _walk(field, parts, found)
            parts.pop()
