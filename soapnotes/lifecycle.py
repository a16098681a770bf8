"""The life of a note: a draft changes freely, :func:`sign` locks it, :func:`amend` appends
addenda, :func:`verify` proves that nothing changed since.

Signing stamps who, with what credential, when, and the SHA-256 of the note's content in
the canonical form of :func:`canonical_json` (documented exactly in ``docs/lifecycle.md`` so
that any implementation can recompute it). Each addendum carries a chain hash over its own
fields and the hash before it, so editing or removing one shows.

Records are plain frozen data: ``Note(...)``, ``attrs.evolve`` and :func:`soapnotes.load`
can all produce a signed note whose content no longer matches its hash. Nothing here
prevents that; :func:`verify` detects it, and :func:`amend` refuses to extend such a note.
Verify every signed note you load.

The hashes detect changes; they do not authenticate. Anyone holding the file can recompute
them, so keep the hash (the PDF prints its start) where the file's holder cannot edit it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from soapnotes.errors import LifecycleError
from soapnotes.io import to_dict
from soapnotes.models.note import Addendum, Note, Signature
from soapnotes.models.vocabulary import SEED_QUESTIONS, Answer
from soapnotes.rules import Finding, RuleOptions, Severity, validate

__all__ = [
    "Mismatch",
    "Verification",
    "amend",
    "canonical_json",
    "content_hash",
    "sign",
    "verify",
]

#: Fields of :class:`Note` that are not content: the signature and what is appended after it.
_NOT_CONTENT = ("signature", "addenda")


# -- canonical form ------------------------------------------------------------------------


def _format_float(value: float, path: str) -> str:
    """A double as ECMAScript's Number::toString writes it (RFC 8785, section 3.2.2.3)."""
    if not math.isfinite(value):
        raise ValueError(f"{path}: a non-finite number has no canonical form")
    if value == 0:
        return "0"
    if value < 0:
        return "-" + _format_float(-value, path)
    # repr is the shortest decimal that reads back as the same double (ties: the closest).
    _, digit_tuple, exponent = Decimal(repr(value)).normalize().as_tuple()
    if not isinstance(exponent, int):  # pragma: no cover - finite, checked above
        raise ValueError(f"{path}: a non-finite number has no canonical form")
    digits = "".join(map(str, digit_tuple))
    k = len(digits)
    n = exponent + k  # value == 0.<digits> * 10**n
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return f"{digits[:n]}.{digits[n:]}"
    if -6 < n <= 0:
        return "0." + "0" * -n + digits
    sign = "+" if n - 1 >= 0 else "-"
    mantissa = digits if k == 1 else f"{digits[0]}.{digits[1:]}"
    return f"{mantissa}e{sign}{abs(n - 1)}"


def _format_string(value: str, path: str) -> str:
    normal = unicodedata.normalize("NFC", value)
    if any("\ud800" <= c <= "\udfff" for c in normal):
        raise ValueError(f"{path}: text contains a lone surrogate, which is not Unicode text")
    # ensure_ascii=False escapes exactly ", \ and U+0000-U+001F (\b \t \n \f \r or \u00xx),
    # as RFC 8785 and ECMAScript's JSON.stringify do.
    return json.dumps(normal, ensure_ascii=False)


def _is_absent(value: object) -> bool:
    return value is None or (isinstance(value, (list, tuple)) and not value)


def _write(value: object, path: str, out: list[str]) -> None:
    if isinstance(value, bool):
        out.append("true" if value else "false")
    elif isinstance(value, int):
        out.append(str(value))
    elif isinstance(value, float):
        out.append(_format_float(value, path))
    elif isinstance(value, str):
        out.append(_format_string(value, path))
    elif isinstance(value, Mapping):
        items = []
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{path}: object keys must be strings, got {type(key).__name__}")
            if not _is_absent(item):
                items.append((unicodedata.normalize("NFC", key), key, item))
        items.sort(key=lambda entry: entry[0])
        out.append("{")
        for index, (normal_key, key, item) in enumerate(items):
            if index:
                out.append(",")
            out.append(_format_string(normal_key, path))
            out.append(":")
            _write(item, f"{path}.{key}", out)
        out.append("}")
    elif isinstance(value, (list, tuple)):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _write(item, f"{path}[{index}]", out)
        out.append("]")
    elif value is None:  # only inside lists, which no record holds; keep it total anyway
        out.append("null")
    else:
        raise TypeError(f"{path}: {type(value).__name__} has no canonical form")


def _canonical_bytes(data: Mapping[str, Any]) -> bytes:
    out: list[str] = []
    _write(data, "$", out)
    return "".join(out).encode("utf-8")


def _content_data(note: Note) -> dict[str, Any]:
    data = to_dict(note)
    for key in _NOT_CONTENT:
        data.pop(key, None)
    return data


def canonical_json(note: Note) -> bytes:
    """The note's content as canonical JSON, UTF-8: the exact bytes :func:`content_hash` hashes.

    Content is the note in the interchange layout (:func:`soapnotes.to_dict`) without
    ``signature`` and ``addenda``. Then: members whose value is null or an empty list are left
    out (so a JSON file and its TOML twin give the same bytes); every string, keys included,
    is NFC-normalised; keys are sorted; no whitespace between tokens; numbers as ECMAScript
    writes them (``16.5``, ``12`` for 12.0); strings escaped as RFC 8785 (JCS) does.
    ``docs/lifecycle.md`` gives the rules in full.

    Raises:
        ValueError: a string holds a lone surrogate or a number is not finite (the path says
            where); neither can come from a valid JSON or TOML file.

    .. versionadded:: 0.1.0
    """
    return _canonical_bytes(_content_data(note))


def content_hash(note: Note) -> str:
    """SHA-256 of :func:`canonical_json`, as 64 lowercase hex digits.

    This is what :func:`sign` stores in ``Signature.content_sha256``. It ignores the signature
    and the addenda, so it is the same before and after signing and amending.

    .. versionadded:: 0.1.0
    """
    return hashlib.sha256(canonical_json(note)).hexdigest()


def _chain_hash(
    previous: str, author: str, written_at: dt.datetime, reason: str, text: str
) -> str:
    """The chain hash of one addendum: SHA-256 over its canonical fields and ``previous``."""
    data = {
        "previous": previous,
        "author": author,
        "written_at": written_at.isoformat(),
        "reason": reason,
        "text": text,
    }
    return hashlib.sha256(_canonical_bytes(data)).hexdigest()


# -- verification --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Mismatch:
    """One thing about a signed note that does not check out.

    Args:
        what: what it concerns: ``"signature"``, ``"content hash"``, ``"signature time"``,
            ``"addendum [2] chain hash"``, ``"addendum [2] time"``, ``"head hash"``.
        message: what was recorded and what was found instead (hashes and times, never the
            note's text).

    .. versionadded:: 0.1.0
    """

    what: str
    message: str

    def __str__(self) -> str:
        return f"{self.what}: {self.message}"


@attrs.frozen(kw_only=True)
class Verification:
    """What :func:`verify` found: ``ok`` when nothing is wrong, else each ``mismatches``.

    ``content_sha256`` is the hash the content has now; ``head_sha256`` the note's latest
    recorded hash (the last addendum's chain hash, or the signed content hash when there are
    none). Store the head elsewhere to detect the removal of trailing addenda later (pass it
    back as ``verify(note, head=...)``).

    .. versionadded:: 0.1.0
    """

    content_sha256: str
    head_sha256: str | None
    mismatches: tuple[Mismatch, ...]

    @property
    def ok(self) -> bool:
        """True when the note is signed and every hash and time checks out."""
        return not self.mismatches


def _short(digest: str) -> str:
    return digest[:12]


def verify(note: Note, *, head: str | None = None) -> Verification:
    """Recompute a signed note's content hash and addendum chain; report every mismatch.

    Checks, each reported separately so the message says exactly what does not match:

    - the note is signed (a draft does not verify);
    - the content hashes to ``signature.content_sha256`` (else ``"content hash"``);
    - each addendum's chain hash matches its fields and the recorded hash before it (else
      ``"addendum [i] chain hash"``): an edited addendum fails, and so does the one after a
      removed or reordered addendum;
    - the signature is not before the session start, and each addendum is not before the
      signature or the addendum before it (``"signature time"``, ``"addendum [i] time"``);
    - when ``head`` is given, it is one of the note's recorded hashes (``"head hash"``): the
      note may have grown since the head was taken, but nothing it had then is gone. This is
      how to notice that trailing addenda were removed, which no chain can show by itself.

    Args:
        note: any note; typically one just loaded from a file.
        head: a head hash stored earlier (:attr:`Verification.head_sha256`), or None.

    Raises:
        ValueError: see :func:`canonical_json`.

    .. versionadded:: 0.1.0
    """
    computed = content_hash(note)
    signature = note.signature
    if signature is None:
        unsigned = Mismatch(what="signature", message="the note is a draft: it is not signed")
        return Verification(content_sha256=computed, head_sha256=None, mismatches=(unsigned,))
    mismatches: list[Mismatch] = []
    if computed != signature.content_sha256:
        mismatches.append(
            Mismatch(
                what="content hash",
                message=(
                    f"signed as {_short(signature.content_sha256)}… but the content now "
                    f"hashes to {_short(computed)}…: the note changed after signing"
                ),
            )
        )
    if signature.signed_at < note.session.start:
        mismatches.append(
            Mismatch(
                what="signature time",
                message=(
                    f"signed at {signature.signed_at.isoformat()}, before the session start "
                    f"{note.session.start.isoformat()}"
                ),
            )
        )
    previous = signature.content_sha256
    previous_time = signature.signed_at
    for index, addendum in enumerate(note.addenda):
        expected = _chain_hash(
            previous, addendum.author, addendum.written_at, addendum.reason, addendum.text
        )
        if expected != addendum.chain_sha256:
            mismatches.append(
                Mismatch(
                    what=f"addendum [{index}] chain hash",
                    message=(
                        f"recorded {_short(addendum.chain_sha256)}… but its fields and the hash "
                        f"before it give {_short(expected)}…: this addendum or one before it "
                        "was edited, removed or reordered"
                    ),
                )
            )
        if addendum.written_at < previous_time:
            before = "the signature" if index == 0 else f"addendum [{index - 1}]"
            mismatches.append(
                Mismatch(
                    what=f"addendum [{index}] time",
                    message=(
                        f"written at {addendum.written_at.isoformat()}, before {before} "
                        f"({previous_time.isoformat()})"
                    ),
                )
            )
        previous = addendum.chain_sha256
        previous_time = addendum.written_at
    recorded = {signature.content_sha256, *(a.chain_sha256 for a in note.addenda)}
    if head is not None and head not in recorded:
        mismatches.append(
            Mismatch(
                what="head hash",
                message=(
                    f"no recorded hash is {_short(head)}…: addenda present when it was taken "
                    "were removed, or this is another note"
                ),
            )
        )
    return Verification(
        content_sha256=computed, head_sha256=previous, mismatches=tuple(mismatches)
    )


# -- sign and amend ------------------------------------------------------------------------


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
    if now is not None and (now.tzinfo is None or now.utcoffset() is None):
        raise ValueError("now must carry a time zone (a UTC offset such as +01:00 or Z)")


def _signing_prerequisites(note: Note) -> list[tuple[str, str]]:
    """Consent and the contraindication screen as (path, reason), whatever the rule policy."""
    reasons: list[tuple[str, str]] = []
    client = note.client
    session_day = note.session.start.date()
    if client.consent is None:
        reasons.append(("$.client.consent", "informed consent is not on file"))
    elif client.consent.given_on > session_day:
        reasons.append(
            (
                "$.client.consent.given_on",
                f"informed consent is dated {client.consent.given_on.isoformat()}, after the "
                f"session on {session_day.isoformat()}",
            )
        )
    screening = client.screening
    if screening is None:
        reasons.append(("$.client.screening", "the contraindication screen is missing"))
        return reasons
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


def _rule_errors(
    note: Note, rule_options: RuleOptions | None, now: dt.datetime | None
) -> list[Finding]:
    options = rule_options or RuleOptions()
    if options.now is None and now is not None:
        options = attrs.evolve(options, now=now)
    return [f for f in validate(note, options) if f.severity is Severity.ERROR]


def sign(
    note: Note,
    signer: str,
    credential: str,
    at: dt.datetime,
    *,
    now: dt.datetime | None = None,
    rule_options: RuleOptions | None = None,
) -> Note:
    """Return ``note`` signed by ``signer`` with ``credential`` at ``at``: locked from now on.

    The signature stores who, the credential, the time and :func:`content_hash`. The note
    passed in is not changed (records are frozen).

    Args:
        note: a draft.
        signer: who signs, as printed (usually the treating therapist).
        credential: the credential they sign under, e.g. ``"RMT"``.
        at: when, with a time zone; not before the session start and not after ``now``.
        now: the current time (aware); None reads the clock. Also the rules' ``now`` unless
            ``rule_options`` sets one.
        rule_options: the clinic's rule policy for :func:`soapnotes.validate` (disabled
            codes, thresholds); None uses the defaults.

    Raises:
        LifecycleError: listing every reason signing is refused: the note is already signed;
            ``signer``/``credential`` blank; ``at`` naive, before the session or in the
            future; every error finding of the clinical rules, as ``CODE $.path: message``;
            and, even when a clinic disables the rules that report them, informed consent not
            on file or dated after the session, the contraindication screen missing, or one
            of the six seed questions (:data:`~soapnotes.SEED_QUESTIONS`) not asked or
            answered ``unknown`` (the rules only warn about those two).
        ValueError: ``now`` is naive, or ``rule_options`` disables an unknown code.

    .. versionadded:: 0.1.0
    """
    _check_now(now)
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
    if reasons:
        raise LifecycleError(reasons)
    signature = Signature(
        signed_by=signer, credential=credential, signed_at=at, content_sha256=content_hash(note)
    )
    return attrs.evolve(note, signature=signature)


def amend(
    note: Note,
    author: str,
    at: dt.datetime,
    reason: str,
    text: str,
    *,
    now: dt.datetime | None = None,
) -> Note:
    """Return ``note`` with one more addendum: a correction by ``author`` at ``at``.

    The addendum's chain hash covers its author, time, reason and text and the hash before
    it (the signed content hash for the first), so removing or editing any one shows in
    :func:`verify`.

    Args:
        note: a signed note that verifies.
        author: who writes the addendum.
        at: when, with a time zone; not before the signature or the previous addendum, and
            not after ``now``.
        reason: why the correction is needed (required).
        text: the correction itself.
        now: the current time (aware); None reads the clock.

    Raises:
        LifecycleError: listing every reason: the note is a draft (edit a draft directly);
            the note does not verify (each mismatch); a blank author, reason or text; ``at``
            naive, in the future, or before the signature or the last addendum.
        ValueError: ``now`` is naive.

    .. versionadded:: 0.1.0
    """
    _check_now(now)
    signature = note.signature
    if signature is None:
        raise LifecycleError(
            ["the note is a draft: edit it directly; only signed notes take addenda"]
        )
    reasons = [
        f"the note does not verify, so it cannot be amended: {mismatch}"
        for mismatch in verify(note).mismatches
    ]
    reasons += _check_text("author", author)
    reasons += _check_text("reason", reason)
    reasons += _check_text("text", text)
    time_reasons = _check_time("the addendum time", at, now)
    reasons += time_reasons
    if not time_reasons:
        last = note.addenda[-1].written_at if note.addenda else signature.signed_at
        if at < last:
            before = "the last addendum" if note.addenda else "the signature"
            reasons.append(
                f"the addendum time {at.isoformat()} is before {before} ({last.isoformat()})"
            )
    if reasons:
        raise LifecycleError(reasons)
    previous = note.addenda[-1].chain_sha256 if note.addenda else signature.content_sha256
    addendum = Addendum(
        author=author,
        written_at=at,
        reason=reason,
        text=text,
        chain_sha256=_chain_hash(previous, author, at, reason, text),
    )
    return attrs.evolve(note, addenda=(*note.addenda, addendum))
