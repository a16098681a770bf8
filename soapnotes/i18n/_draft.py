"""A draft's marks in the document's language.

A draft made by :func:`soapnotes.follow_up` or the first-visit template keeps English marks
in the record (``TO FILL IN: today's assessment``: the rules and the command line find them
by that text). A German or French document prints the mark in its own words, and what is to
be filled in too when it is one of the texts the drafts write.
"""

from __future__ import annotations

from soapnotes.i18n._active import active_locale, gettext
from soapnotes.i18n._locale import language_of
from soapnotes.i18n._reword import reword


def draft_wording(text: str) -> str:
    """``text`` with a leading draft mark in the active locale ("AUSZUFÜLLEN: ..."); any
    other text, and every text in English, unchanged."""
    from soapnotes.models.draft import DRAFT_MARK

    if not text.startswith(DRAFT_MARK) or language_of(active_locale()) == "en":
        return text
    what = text[len(DRAFT_MARK) :].lstrip(":").strip()
    return f"{gettext(DRAFT_MARK)}: {_what(what)}" if what else gettext(DRAFT_MARK)


def _what(what: str) -> str:
    """What a draft asks for, translated when the drafts wrote it (one of their texts, or a
    question to ask again with its last answer); the therapist's own words as they are."""
    from soapnotes.workflow._follow_up import WORDS

    worded = reword(what, [t for t in WORDS.values() if "{" in t], _value)
    return worded if worded is not None else gettext(what)


def _value(name: str, value: str) -> str:
    """A field of a draft's text in the active locale: a question, an answer or a date."""
    import datetime as dt

    from soapnotes import _format as fmt
    from soapnotes.models.vocabulary import Answer

    if name == "question":
        return gettext(value)
    if name == "answer":
        known = {a.value: a for a in Answer}
        return known[value].label.lower() if value in known else value
    if name == "on":
        try:
            return fmt.date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return value
