"""The treatment note: its layout (sections in order, page text, metadata) and entry points.

:func:`render_note_bytes` verifies a signed note once when no verification is passed in,
then hands the note layout to the one pipeline, :func:`soapnotes.render._document.render_pdf`.
The sections themselves live in :mod:`soapnotes.render.sections`.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from typing import IO

from reportlab.platypus import Flowable  # type: ignore[import-untyped, unused-ignore]

from soapnotes import _format as fmt
from soapnotes.findings import Finding
from soapnotes.i18n import gettext as tr
from soapnotes.i18n import using_locale
from soapnotes.lifecycle import AUTHENTICATED, INTACT_UNAUTHENTICATED, Verification
from soapnotes.models.note import Note
from soapnotes.render._archival import ArchivalLevel, archival_level, archival_pdf
from soapnotes.render._blocks import findings_box
from soapnotes.render._document import Layout, deliver, render_pdf
from soapnotes.render._encrypt import check_password, encrypt_pdf
from soapnotes.render._page import PageText, page_text
from soapnotes.render._verification import SignatureCheck, signature_check
from soapnotes.render._writer import Writer
from soapnotes.render.options import RenderOptions, Section
from soapnotes.render.sections.body_map import body_map
from soapnotes.render.sections.client import client_and_session
from soapnotes.render.sections.screening import screening
from soapnotes.render.sections.signature import addenda, signature
from soapnotes.render.sections.soap import assessment, objective, plan, subjective
from soapnotes.render.sections.treatment import treatment
from soapnotes.rules import RuleOptions

__all__ = ["render_note", "render_note_bytes"]

_DEFAULT_OPTIONS = RenderOptions()


def render_note(
    note: Note,
    out: str | os.PathLike[str] | IO[bytes],
    *,
    options: RenderOptions | None = None,
    findings: Sequence[Finding] | None = None,
    verification: Verification | None = None,
    rule_options: RuleOptions | None = None,
    archival: bool | ArchivalLevel = False,
    password: str | None = None,
) -> None:
    """Render ``note`` as a PDF treatment note to a file path or a binary stream.

    A path is written atomically: the PDF goes to a temporary file in the same folder
    which is renamed into place, so a failed render never leaves half a PDF and never
    touches an existing file.

    Args:
        note: the note to render.
        out: a file path, or a binary stream opened for writing.
        options: page size, margins, logo, sections, fonts (defaults: A4, everything).
        findings: the rules engine's findings to show in the findings box; ``None`` shows
            no box. Rendering never validates by itself.
        verification: what :func:`soapnotes.lifecycle.verify` found for a signed ``note``,
            printed as given (a failing one prints SIGNATURE DOES NOT VERIFY on every page).
            ``None`` verifies a signed note here, once, so a tampered note never prints as
            signed. Ignored for a draft.
        rule_options: the clinic's rule policy, for what the note words from it (how old a
            clearance may be, the excess-volume bands); the defaults when None.
        archival: True (or ``"3b"``) for PDF/A-3b carrying the note's canonical JSON as an
            associated file, which :func:`soapnotes.load` reads back; ``"1b"`` for the same
            pages as PDF/A-1b, without the record (``docs/archival.md``). Needs the
            ``archive`` extra.
        password: encrypt the PDF with AES-256 so that this password opens it (for sending
            a note outside the clinic; ``docs/archival.md``). Needs the ``archive`` extra.
            PDF/A forbids encryption: with ``archival`` it is a ``UsageError``.

    Raises:
        RenderError: a character no font covers with ``strict_fonts``, or an unreadable logo.
        UsageError: ``archival`` is not True, False, ``"3b"`` or ``"1b"``; ``password`` is
            empty or given with ``archival``; pikepdf is missing.

    .. versionadded:: 0.1.0
    """
    data = render_note_bytes(
        note,
        options=options,
        findings=findings,
        verification=verification,
        rule_options=rule_options,
        archival=archival,
        password=password,
    )
    deliver(data, out)


def render_note_bytes(
    note: Note,
    *,
    options: RenderOptions | None = None,
    findings: Sequence[Finding] | None = None,
    verification: Verification | None = None,
    rule_options: RuleOptions | None = None,
    archival: bool | ArchivalLevel = False,
    password: str | None = None,
) -> bytes:
    """The PDF treatment note for ``note`` as bytes. See :func:`render_note`.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``rule_options``, ``archival``, ``password``.
    """
    level = archival_level(archival)
    check_password(password, level is not None)
    # The verification lines are worded in the note's locale, like the pages.
    with using_locale((options or _DEFAULT_OPTIONS).locale):
        check = signature_check(note, verification)
        policy = rule_options or RuleOptions()
        data = render_pdf(
            lambda writer: _layout(note, writer, options, findings, check, policy), options
        )
    if level is not None:
        return archival_pdf(note, data, level)
    return data if password is None else encrypt_pdf(data, password)


def _layout(
    note: Note,
    writer: Writer,
    options: RenderOptions | None,
    findings: Sequence[Finding] | None,
    check: SignatureCheck | None,
    policy: RuleOptions,
) -> Layout:
    """The note's story, page text and metadata."""
    options = options or _DEFAULT_OPTIONS
    story = _story(note, writer, options, findings, check, policy)
    page = _page_text(note, writer, options, check)
    title = tr("SOAP treatment note, {date}", date=fmt.date(note.session.start.date()))
    if options.metadata_names:
        title += f", {note.client.full_name}"
    return Layout(
        title=title,
        author=note.therapist.display_name,
        subject=tr(
            "{modality} session {session} for client {client}",
            modality=note.session.modality.label,
            session=note.session.id,
            client=note.client.id,
        ),
        page=page,
        story=story,
        watermark=not page.signed,
    )


def _story(
    note: Note,
    writer: Writer,
    options: RenderOptions,
    findings: Sequence[Finding] | None,
    check: SignatureCheck | None,
    policy: RuleOptions,
) -> list[Flowable]:
    """The flowables of the note, section by section, in the order of the issue."""
    parts: list[Flowable] = []
    plain: list[tuple[Section, Callable[[Note, Writer], list[Flowable]]]] = [
        (Section.CLIENT, client_and_session),
        (Section.SCREENING, functools.partial(screening, policy=policy)),
        (Section.SUBJECTIVE, subjective),
        (Section.OBJECTIVE, functools.partial(objective, policy=policy)),
        (Section.ASSESSMENT, assessment),
        (Section.PLAN, plan),
        (Section.TREATMENT, treatment),
        (Section.BODY_MAP, body_map),
    ]
    for section, build in plain:
        if options.includes(section):
            parts.extend(build(note, writer))
    if findings is not None and options.includes(Section.FINDINGS):
        parts.extend(findings_box(findings, writer))
    if options.includes(Section.SIGNATURE):
        parts.extend(signature(note, writer, check))
    if options.includes(Section.ADDENDA):
        parts.extend(addenda(note, writer))
    return parts


def _page_text(
    note: Note, writer: Writer, options: RenderOptions, check: SignatureCheck | None
) -> PageText:
    """Header and footer lines, with the note's status: draft, signed, or not verifying."""
    sig = note.signature
    failed = check if check is not None and not check.ok else None
    if sig is None:
        status = tr("DRAFT: not signed")
    elif failed is not None:
        # The warning alone, so that it is drawn at full size; the block has the details.
        status = tr("{headline} (see Signature)", headline=failed.headline)
    else:
        status = tr(
            "Signed by {name}, {credential}, at {time} · content SHA-256 {hash}",
            name=sig.signed_by,
            credential=sig.credential,
            time=fmt.datetime(sig.signed_at),
            hash=sig.content_sha256[:12],
        )
        if sig.waived_codes:
            status += tr(" · rules waived: {codes}", codes=", ".join(sig.waived_codes))
        authenticity = check.authenticity if check is not None else INTACT_UNAUTHENTICATED
        if authenticity != AUTHENTICATED:
            # Say it on every page: only a trusted key signature is printed as authenticated.
            status += (
                tr(" · not authenticated")
                if authenticity == INTACT_UNAUTHENTICATED
                else tr(" · key signature valid, certificate not checked")
            )
    return page_text(
        practice=note.practice,
        client=note.client,
        title=tr("SOAP treatment note"),
        period=tr("Session {time}", time=fmt.datetime(note.session.start)),
        status=status,
        status_bold=sig is None or failed is not None,
        signed=sig is not None,
        alert=failed is not None,
        options=options,
        uncovered=writer.uncovered,
    )
