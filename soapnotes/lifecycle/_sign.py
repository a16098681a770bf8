"""Signing and amending: every reason a step is refused, then the signed or amended note."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from soapnotes.errors import LifecycleError, NoteChanged, UsageError
from soapnotes.findings import Finding, Severity
from soapnotes.lifecycle._canonical import (
    addendum_payload,
    chain_hash,
    content_hash,
    signature_payload,
)
from soapnotes.lifecycle._keyed import keyed_refusals, make_jws
from soapnotes.lifecycle._verify import head_hash, verify
from soapnotes.models.note import SCHEMA_VERSION, Addendum, Note, Signature
from soapnotes.models.vocabulary import SEED_QUESTIONS, Answer
from soapnotes.rules import RuleOptions, validate, waived_codes

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes


def _check_text(name: str, value: object) -> list[str]:
    if not isinstance(value, str):
        return [f"{name} must be a string, got {type(value).__name__}"]
    if not value.strip():
        return [f"{name} must not be empty or blank"]
    return []


def _check_time(name: str, at: object, now: dt.datetime | None) -> list[str]:
    if not isinstance(at, dt.datetime):
        return [f"{name} must be a datetime, got {type(at).__name__}"]
    if at.tzinfo is None or at.utcoffset() is None:
        return [f"{name} must carry a time zone (a UTC offset such as +01:00 or Z)"]
    current = dt.datetime.now(dt.timezone.utc) if now is None else now
    if at > current:
        return [f"{name} {at.isoformat()} is in the future (now is {current.isoformat()})"]
    return []


def _check_now(now: dt.datetime | None) -> None:
    """``now`` is a programming input, not part of the record: a naive one is misuse."""
    if now is not None and (now.tzinfo is None or now.utcoffset() is None):
        raise UsageError("now must carry a time zone (a UTC offset such as +01:00 or Z)")


def _check_head(note: Note, expected: str | None) -> None:
    if expected is not None and (actual := head_hash(note)) != expected:
        raise NoteChanged(expected, actual)


def _consent_reasons(note: Note) -> list[tuple[str, str]]:
    consent = note.client.consent
    session_day = note.session.start.date()
    if consent is None:
        return [("$.client.consent", "informed consent is not on file")]
    if consent.given_on > session_day:
        return [
            (
                "$.client.consent.given_on",
                f"informed consent is dated {consent.given_on.isoformat()}, after the "
                f"session on {session_day.isoformat()}",
            )
        ]
    return []


def _screening_reasons(note: Note) -> list[tuple[str, str]]:
    screening = note.client.screening
    if screening is None:
        return [("$.client.screening", "the contraindication screen is missing")]
    reasons: list[tuple[str, str]] = []
    for question in SEED_QUESTIONS:
        answer = screening.answer_to(question)
        if answer is None:
            reasons.append(
                (
                    "$.client.screening.answers",
                    f"the contraindication screen does not ask {question.value!r}",
                )
            )
        elif answer.answer is Answer.UNKNOWN:
            index = screening.answers.index(answer)
            reasons.append(
                (
                    f"$.client.screening.answers[{index}].answer",
                    f"the contraindication screen answers {question.value!r} with 'unknown': "
                    "it needs yes or no",
                )
            )
    return reasons


def _signing_prerequisites(note: Note) -> list[tuple[str, str]]:
    """Consent and the contraindication screen as (path, reason), whatever the rule policy."""
    return _consent_reasons(note) + _screening_reasons(note)


def _options(rule_options: RuleOptions | None, now: dt.datetime | None) -> RuleOptions:
    options = rule_options or RuleOptions()
    if options.now is None and now is not None:
        options = attrs.evolve(options, now=now)
    return options


def _rule_errors(
    note: Note, rule_options: RuleOptions | None, now: dt.datetime | None
) -> list[Finding]:
    options = _options(rule_options, now)
    return [f for f in validate(note, options) if f.severity is Severity.ERROR]


def _signing_refusals(
    note: Note,
    signer: str,
    credential: str,
    at: dt.datetime,
    now: dt.datetime | None,
    rule_options: RuleOptions | None,
) -> list[str]:
    """Every reason :func:`sign` refuses, in the documented order."""
    reasons: list[str] = []
    if note.signature is not None:
        reasons.append("the note is already signed: correct it with an addendum (amend)")
    reasons += _check_text("signer", signer)
    reasons += _check_text("credential", credential)
    time_reasons = _check_time("the signing time", at, now)
    reasons += time_reasons
    if not time_reasons and at < note.session.start:
        reasons.append(
            f"the signing time {at.isoformat()} is before the session start "
            f"{note.session.start.isoformat()}"
        )
    errors = _rule_errors(note, rule_options, now)
    reported = {finding.path for finding in errors}
    # A prerequisite the rules already report as an error is listed once, with its rule code.
    reasons += [
        f"{reason} ({path})"
        for path, reason in _signing_prerequisites(note)
        if path not in reported
    ]
    reasons += [f"{finding.code} {finding.path}: {finding.message}" for finding in errors]
    return reasons


def _signed(
    note: Note,
    unhashed: Signature,
    key: PrivateKeyTypes | None,
    certificate: x509.Certificate | None,
    chain: Sequence[x509.Certificate],
) -> Note:
    """The note with ``unhashed`` hashed (and, with ``key``, its JWS) as its signature."""
    # The waived codes are part of what is signed: hash the note as it will be stored, always
    # in the current layout (a note is only ever signed in the schema it is in).
    digest = content_hash(attrs.evolve(note, signature=unhashed), schema_version=SCHEMA_VERSION)
    hashed = attrs.evolve(unhashed, content_sha256=digest)
    signed = attrs.evolve(note, signature=hashed)
    if key is None:
        return signed
    jws = make_jws(signature_payload(signed), key, certificate, chain)
    return attrs.evolve(signed, signature=attrs.evolve(hashed, jws=jws))


def sign(
    note: Note,
    signer: str,
    credential: str,
    at: dt.datetime,
    *,
    key: PrivateKeyTypes | None = None,
    certificate: x509.Certificate | None = None,
    chain: Sequence[x509.Certificate] = (),
    now: dt.datetime | None = None,
    rule_options: RuleOptions | None = None,
    expected_head: str | None = None,
) -> Note:
    """Return ``note`` signed by ``signer`` with ``credential`` at ``at``: locked from now on.

    The signature stores who, the credential, the time and :func:`content_hash`, and the
    rule codes the clinic's policy waived: each code of ``rule_options.disabled`` that would
    have reported an error or a warning on this note (:func:`soapnotes.rules.waived_codes`).
    Those are signed with the content and printed on the PDF. The absolute contraindication
    codes can never be disabled (``RuleOptions`` refuses them). The note passed in is not
    changed (records are frozen).

    With ``key`` the signature also carries ``jws``, a detached JWS over the content hash and
    the whole signature block (``docs/signing.md``); without, it is "not authenticated".

    Args:
        note: a draft.
        signer: who signs, as printed (usually the treating therapist).
        credential: the credential they sign under, e.g. ``"RMT"``.
        at: when, with a time zone; not before the session start and not after ``now``.
        now: the current time (aware); None reads the clock. Also the rules' ``now`` unless
            ``rule_options`` sets one.
        rule_options: the clinic's rule policy for :func:`soapnotes.validate` (disabled
            codes, thresholds); None uses the defaults.
        key: the signer's private key (Ed25519 or P-256; see
            :func:`soapnotes.lifecycle.load_signing_key`), or None to sign without a key.
        certificate: the X.509 certificate of ``key``; its subject common name must be
            ``signer``, and it must be valid at ``at``. Required with ``key``.
        chain: the intermediate certificates from ``certificate`` towards the root.
        expected_head: the :func:`head_hash` of the draft the signer reviewed; when given and
            ``note`` is not that draft any more, nothing is signed.

    Raises:
        NoteChanged: ``expected_head`` is given and is not ``note``'s head (a
            :class:`LifecycleError`, raised before any other check).
        LifecycleError: listing every reason signing is refused: the note is already signed;
            ``signer``/``credential`` blank; ``at`` naive, before the session or in the
            future; every error finding of the clinical rules, as ``CODE $.path: message``;
            and, even when a clinic disables the rules that report them, informed consent not
            on file or dated after the session, the contraindication screen missing, or one
            of the six seed questions (:data:`~soapnotes.SEED_QUESTIONS`) not asked or
            answered ``unknown`` (the rules only warn about those two); with a key, a
            certificate whose common name is not ``signer`` or that (or a chain
            certificate) is not valid at ``at``.
        UsageError: ``now`` is naive, or ``rule_options`` disables an unknown code (both are
            ValueErrors too); a key without a certificate or the other way round, a key that
            is not the certificate's, or a key type other than Ed25519 and P-256.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 the waived rule codes are recorded in the signature;
       ``key``, ``certificate``, ``chain``; ``expected_head``.
    """
    _check_now(now)
    _check_head(note, expected_head)
    reasons = _signing_refusals(note, signer, credential, at, now, rule_options)
    if isinstance(signer, str) and isinstance(at, dt.datetime):
        reasons += keyed_refusals(signer, at, key, certificate, chain)
    if reasons:
        raise LifecycleError(reasons)
    waived = waived_codes(note, _options(rule_options, now))
    signature = Signature(
        signed_by=signer,
        credential=credential,
        signed_at=at,
        content_sha256="0" * 64,
        waived_codes=waived,
        content_schema_version=SCHEMA_VERSION,
    )
    return _signed(note, signature, key, certificate, chain)


def _amending_refusals(
    note: Note,
    signature: Signature,
    texts: dict[str, str],
    at: dt.datetime,
    now: dt.datetime | None,
) -> list[str]:
    """Every reason :func:`amend` refuses a signed note, in the documented order."""
    reasons = [
        f"the note does not verify, so it cannot be amended: {mismatch}"
        for mismatch in verify(note).mismatches
    ]
    for name, value in texts.items():
        reasons += _check_text(name, value)
    time_reasons = _check_time("the addendum time", at, now)
    reasons += time_reasons
    if not time_reasons:
        last = note.addenda[-1].written_at if note.addenda else signature.signed_at
        if at < last:
            before = "the last addendum" if note.addenda else "the signature"
            reasons.append(
                f"the addendum time {at.isoformat()} is before {before} ({last.isoformat()})"
            )
    return reasons


def amend(
    note: Note,
    author: str,
    at: dt.datetime,
    reason: str,
    text: str,
    *,
    key: PrivateKeyTypes | None = None,
    certificate: x509.Certificate | None = None,
    chain: Sequence[x509.Certificate] = (),
    now: dt.datetime | None = None,
    expected_head: str | None = None,
) -> Note:
    """Return ``note`` with one more addendum: a correction by ``author`` at ``at``.

    The addendum's chain hash covers its author, time, reason and text and the hash before
    it (the signed content hash for the first), so removing or editing any one shows in
    :func:`verify`. With ``key`` (as for :func:`sign`, the certificate naming ``author``)
    the addendum carries a detached JWS over the same fields and the record's signed block.

    Args:
        note: a signed note that verifies.
        author: who writes the addendum.
        at: when, with a time zone; not before the signature or the previous addendum, and
            not after ``now``.
        reason: why the correction is needed (required).
        text: the correction itself.
        now: the current time (aware); None reads the clock.
        key: the author's private key, or None to amend without a key.
        certificate: ``key``'s certificate (subject common name ``author``, valid at ``at``).
        chain: the intermediate certificates towards the root.
        expected_head: the :func:`head_hash` the author last saw (read it when the note is
            opened); when given and ``note`` has changed since (another addendum came in),
            nothing is appended, so no one's addendum is silently lost.

    Raises:
        NoteChanged: ``expected_head`` is given and is not ``note``'s head (a
            :class:`LifecycleError`, raised before any other check).
        LifecycleError: listing every reason: the note is a draft (edit a draft directly);
            the note does not verify (each mismatch); a blank author, reason or text; ``at``
            naive, in the future, or before the signature or the last addendum; with a key,
            a certificate not naming ``author`` or not valid at ``at``.
        UsageError: ``now`` is naive (a ValueError too); key and certificate as for
            :func:`sign`.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``key``, ``certificate``, ``chain``; ``expected_head``.
    """
    _check_now(now)
    _check_head(note, expected_head)
    signature = note.signature
    if signature is None:
        raise LifecycleError(
            ["the note is a draft: edit it directly; only signed notes take addenda"]
        )
    texts = {"author": author, "reason": reason, "text": text}
    reasons = _amending_refusals(note, signature, texts, at, now)
    if isinstance(author, str) and isinstance(at, dt.datetime):
        reasons += keyed_refusals(author, at, key, certificate, chain)
    if reasons:
        raise LifecycleError(reasons)
    previous = note.addenda[-1].chain_sha256 if note.addenda else signature.content_sha256
    addendum = Addendum(
        author=author,
        written_at=at,
        reason=reason,
        text=text,
        chain_sha256=chain_hash(previous, author, at, reason, text),
    )
    if key is not None:
        payload = addendum_payload(note, previous, author, at, reason, text)
        addendum = attrs.evolve(addendum, jws=make_jws(payload, key, certificate, chain))
    return attrs.evolve(note, addenda=(*note.addenda, addendum))
