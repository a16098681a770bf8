"""Whether a signed note still matches its signature, in the words the pages print.

The public entry points (:func:`soapnotes.render.render_note_bytes`,
:func:`soapnotes.render.render_progress_bytes`) turn a caller's
:class:`soapnotes.lifecycle.Verification` into a :class:`SignatureCheck`, or verify a
signed note themselves, once, when none is given; the sections only lay the check out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from soapnotes import lifecycle
from soapnotes.i18n._active import gettext as tr
from soapnotes.i18n._active import gettext_noop

if TYPE_CHECKING:
    from soapnotes.models.note import Note

__all__ = ["CONTENT_CHANGED", "SignatureCheck", "from_verification", "signature_check"]


@attrs.frozen(kw_only=True)
class SignatureCheck:
    """Whether a signed note still matches its signature (:func:`soapnotes.lifecycle.verify`).

    ``headline`` is the warning printed when it does not; ``details`` say what failed (hashes
    and times only, never record text). ``authenticity`` is how far the signature goes when
    it verifies (:attr:`soapnotes.lifecycle.Verification.status`): a note signed without a
    key prints as "intact, not authenticated", never as authenticated.
    """

    ok: bool
    headline: str = ""
    details: tuple[str, ...] = ()
    authenticity: str = lifecycle.INTACT_UNAUTHENTICATED


#: The warning for a signed note whose content no longer hashes to the signed hash.
CONTENT_CHANGED = gettext_noop("SIGNATURE DOES NOT VERIFY: the content changed after signing")

#: A note holding a lone surrogate or a non-finite number has no canonical form to hash.
_UNHASHABLE = SignatureCheck(
    ok=False,
    headline=CONTENT_CHANGED,
    details=("the content cannot be hashed: it holds text or numbers no file can",),
)


def from_verification(result: lifecycle.Verification) -> SignatureCheck:
    """The check as printed: ok, or a headline naming what failed and one line per mismatch."""
    if result.ok:
        return SignatureCheck(ok=True, authenticity=result.status)
    # Worded in the active locale (the render call's; the mismatch details stay English).
    if any(m.what == "content hash" for m in result.mismatches):
        headline = tr(CONTENT_CHANGED)
    else:
        failed = ", ".join(m.what for m in result.mismatches)
        headline = tr("SIGNATURE DOES NOT VERIFY: {failed} failed the check", failed=failed)
    return SignatureCheck(
        ok=False,
        headline=headline,
        details=tuple(f"{m.what}: {m.message}" for m in result.mismatches),
    )


def signature_check(
    note: Note, verification: lifecycle.Verification | None = None
) -> SignatureCheck | None:
    """None for a draft; else the check of ``verification``, as given.

    Without one, the note's hashes and times are verified here, once, with
    :func:`soapnotes.lifecycle.verify` (no clinical validation), so a tampered note never
    prints as signed.
    """
    if note.signature is None:
        return None
    if verification is None:
        try:
            verification = lifecycle.verify(note)
        except ValueError:  # a lone surrogate or a non-finite number: no canonical form
            return attrs.evolve(_UNHASHABLE, headline=tr(CONTENT_CHANGED))
    return from_verification(verification)
