"""The locale of the document being written, and the translation of its messages."""

from __future__ import annotations

import contextlib
import contextvars
import string
from collections.abc import Iterator

from soapnotes.i18n._locale import DEFAULT_LOCALE, language_of, resolve_locale

_ACTIVE: contextvars.ContextVar[str] = contextvars.ContextVar(
    "soapnotes_locale", default=DEFAULT_LOCALE
)


def active_locale() -> str:
    """The locale of the current render call (``"en"`` outside one)."""
    return _ACTIVE.get()


@contextlib.contextmanager
def using_locale(locale: str) -> Iterator[str]:
    """Make ``locale`` the active one inside the ``with`` block; yields it resolved.

    The catalog (and Babel, for a language other than English) is loaded here, so a
    missing Babel or a broken catalog fails before any page is laid out.

    Raises:
        UsageError: an unsupported locale, or Babel missing for German or French.
    """
    resolved = resolve_locale(locale)
    if language_of(resolved) != "en":
        from soapnotes.i18n._catalog import catalog

        catalog(language_of(resolved))
    token = _ACTIVE.set(resolved)
    try:
        yield resolved
    finally:
        _ACTIVE.reset(token)


def gettext(message: str, /, **params: object) -> str:
    """``message`` (the English text, a message id) in the active locale, with ``params``.

    ``params`` fill ``{name}`` placeholders (``str.format``, plus ``!l`` for lower case and
    ``!c`` for a capital first letter); pass numbers and dates already formatted
    (:mod:`soapnotes._format` formats in the active locale).
    """
    language = language_of(_ACTIVE.get())
    if language != "en":
        from soapnotes.i18n._catalog import catalog

        message = catalog(language).get(message, message)
    return _FORMATTER.format(message, **params) if params else message


def pgettext(context: str, message: str, /, **params: object) -> str:
    """:func:`gettext` of ``message`` in a ``context`` (gettext's ``msgctxt``): the same
    English text that another language words differently in one place, such as a narrow
    table heading ("Pain" over a column of numbers: "NRS")."""
    language = language_of(_ACTIVE.get())
    if language != "en":
        from soapnotes.i18n._catalog import catalog

        message = catalog(language).get(f"{context}{CONTEXT_SEPARATOR}{message}", message)
    return _FORMATTER.format(message, **params) if params else message


#: How gettext keys a message in a context: ``context + "\x04" + message``.
CONTEXT_SEPARATOR = "\x04"


def gettext_noop(message: str, /) -> str:
    """``message`` unchanged: marks an English text kept in a constant as a message id, for
    a later :func:`gettext` of the constant."""
    return message


class _Formatter(string.Formatter):
    """``str.format`` with three more conversions, so that each language places and cases a
    word its own way: ``{region!l}`` lower case ("left forearm"), ``{side!c}`` a capital first
    letter ("Unterarm links" from "links"), ``{group!d}`` a small first letter only
    ("axilläre Lymphknoten links" mid-sentence, the noun keeping its capital)."""

    def convert_field(self, value: object, conversion: str | None) -> object:
        if conversion == "l":
            return str(value).lower()
        if conversion == "d":
            text = str(value)
            return text[:1].lower() + text[1:]
        if conversion == "c":
            text = str(value)
            return text[:1].upper() + text[1:]
        return super().convert_field(value, conversion)


_FORMATTER = _Formatter()
