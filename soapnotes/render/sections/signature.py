"""Signature and addenda: who signed and when, whether it still verifies, what came after.

Whether the signature verifies is decided before layout (a
:class:`~soapnotes.render._verification.SignatureCheck` from the entry point); this section
never verifies.
"""

from __future__ import annotations

from reportlab.platypus import (  # type: ignore[import-untyped, unused-ignore]
    Flowable,
    KeepTogether,
    Spacer,
    TableStyle,
)

from soapnotes import _format as fmt
from soapnotes import lifecycle
from soapnotes.i18n import gettext as tr
from soapnotes.i18n._active import gettext_noop
from soapnotes.models.note import Note, Signature
from soapnotes.render import styles as st
from soapnotes.render._blocks import banner
from soapnotes.render._flowables import Table
from soapnotes.render._verification import SignatureCheck
from soapnotes.render._writer import Writer, colored, small

__all__ = ["addenda", "signature"]

_DRAFT_NOTICE = gettext_noop(
    "DRAFT: this note is not signed. It may still change and is not yet a record of care."
)


def signature(note: Note, w: Writer, check: SignatureCheck | None) -> list[Flowable]:
    """Who signed, with what credential and when; or a clear DRAFT notice.

    A signed note that does not verify (``check``, from the entry point) gets a red warning
    above a red signature table instead of the green one.
    """
    heading = w.heading(tr("Signature"))
    sig = note.signature
    if sig is None:
        return [heading, banner(w, tr(_DRAFT_NOTICE), True)]
    failed = check if check is not None and not check.ok else None
    table = _signature_table(w, sig, check)
    # The heading goes inside: platypus never bundles a keepWithNext heading with a
    # KeepTogether, so outside it could be left alone at the foot of a page.
    block: list[Flowable] = [heading]
    if failed is not None:
        block += [banner(w, failed.headline, True), Spacer(1, 3)]
    return [KeepTogether([*block, table]), *w.cell_notes()]


def _authenticity(check: SignatureCheck | None) -> str:
    """What the signature proves, in words: never "authenticated" unless it is."""
    authenticity = lifecycle.INTACT_UNAUTHENTICATED if check is None else check.authenticity
    if authenticity == lifecycle.INTACT_UNAUTHENTICATED:
        return tr(
            "Intact, not authenticated: signed without a key. The hashes show the note is "
            "unchanged since signing, not who signed it."
        )
    if authenticity == lifecycle.INTACT_SIGNED:
        return tr(
            "Intact; key signature valid. The certificate was not checked against trust "
            "roots here: check it with soapnotes verify --trust."
        )
    return tr("Intact and authenticated: key signature valid, certificate chain trusted.")


def _signature_table(w: Writer, sig: Signature, check: SignatureCheck | None) -> Table:
    """Signer, credential, time and hash; green, or red with what failed."""
    failed = check if check is not None and not check.ok else None
    rows = [
        (tr("Signed by"), sig.signed_by),
        (tr("Credential"), sig.credential),
        (tr("Signed at"), fmt.datetime(sig.signed_at)),
        (tr("Content SHA-256"), sig.content_sha256),
    ]
    waived = tr("Rules waived")
    if sig.waived_codes:
        rows.append(
            (
                waived,
                tr(
                    "{codes}: switched off by the clinic's policy when signing (signed with"
                    " the content)",
                    codes=", ".join(sig.waived_codes),
                ),
            )
        )
    if failed is None:
        rows.append((tr("Authenticity"), _authenticity(check)))
    cells = [
        [w.para(k, w.styles.cell, bold=True), w.cell(w.fit(v, k), bold=k == waived)]
        for k, v in rows
    ]
    if failed is not None:
        details = colored(w.markup("\n".join(failed.details), bold=True), st.BLOCK_INK)
        cells.append(
            [
                w.para(tr("Verification"), w.styles.cell, bold=True),
                w.join([details], w.styles.cell),
            ]
        )
    ink, fill = (
        (st.CLEARED_INK, st.CLEARED_FILL) if failed is None else (st.BLOCK_INK, st.BLOCK_FILL)
    )
    table = Table(cells, colWidths=[0.2 * w.width, 0.8 * w.width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), st.styles().body.fontName, st.BODY_SIZE),
                ("BOX", (0, 0), (-1, -1), 0.8 if failed is None else 1.2, ink),
                ("BACKGROUND", (0, 0), (-1, -1), fill),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def addenda(note: Note, w: Writer) -> list[Flowable]:
    """Addenda after the note, oldest first: author, time, reason, text."""
    if not note.addenda:
        return []
    out: list[Flowable] = [w.heading(tr("Addenda"))]
    for number, addendum in enumerate(note.addenda, start=1):
        out += [
            w.subheading(
                tr(
                    "Addendum {number}: {time}",
                    number=number,
                    time=fmt.datetime(addendum.written_at),
                )
            ),
            w.label_value(tr("Author"), addendum.author),
            w.label_value(tr("Reason"), addendum.reason),
            w.para(addendum.text),
            w.join(
                [small(w.markup(tr("Chain SHA-256 {hash}", hash=addendum.chain_sha256)))],
                w.styles.body,
            ),
        ]
    return out
