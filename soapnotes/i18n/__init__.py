"""The language a document is written in: locales, catalogs and the active translation.

English is the language of the source (every message id is the English text), so English
needs no catalog and no Babel. German and French read gettext catalogs
(``soapnotes/locale/<lang>/LC_MESSAGES/soapnotes.po``; a wheel carries them compiled to
``.mo`` at build time) and format dates and numbers with Babel (CLDR), the ``locales``
extra. Nothing here reads the environment: the caller names the locale.

A render call makes its locale the *active* one for the length of the call
(:func:`using_locale`, a context variable, so threads and worker processes never share it);
the renderers, the number formatting and the vocabulary labels read it through
:func:`gettext`. Outside such a call everything is English.

.. versionadded:: 0.3.0
"""

from __future__ import annotations

from soapnotes.i18n._active import active_locale, gettext, pgettext, using_locale
from soapnotes.i18n._findings import format_finding
from soapnotes.i18n._locale import DEFAULT_LOCALE, SUPPORTED_LANGUAGES, resolve_locale

__all__ = [
    "DEFAULT_LOCALE",
    "SUPPORTED_LANGUAGES",
    "active_locale",
    "format_finding",
    "gettext",
    "pgettext",
    "resolve_locale",
    "using_locale",
]
