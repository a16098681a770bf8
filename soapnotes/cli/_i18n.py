"""The command line's lines for humans in the language of ``--locale``.

Kept apart from the commands so that each command only asks for its line: ``verify``'s
verdict here, ``validate``'s finding lines in :mod:`soapnotes.cli._records`. English lines
are the ones scripts have always read; machine output (JSON) is never translated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from soapnotes.i18n._active import gettext as tr
from soapnotes.i18n._active import gettext_noop

if TYPE_CHECKING:
    from soapnotes.lifecycle import Verification

#: The verdicts of :attr:`soapnotes.lifecycle.Verification.status` as message ids (the
#: tests check that each verdict the lifecycle defines is one of them).
VERDICTS = (
    gettext_noop("does not verify"),
    gettext_noop("intact, not authenticated"),
    gettext_noop("intact, key signature valid, certificate not checked against trust roots"),
    gettext_noop("intact and authenticated"),
)


def verified_line(name: str, result: Verification, locale: str) -> str:
    """``FILE: ok, <verdict> (content <hex>, head <hash>)`` in ``locale``."""
    from soapnotes.i18n import using_locale

    with using_locale(locale):
        return tr(
            "{file}: ok, {verdict} (content {content}, head {head})",
            file=name,
            verdict=tr(result.status),
            content=result.content_sha256[:12],
            head=str(result.head_sha256),
        )
