"""The canonical form of a note's content and the hashes over it (``docs/lifecycle.md``).

Content is the note in the interchange layout (:func:`soapnotes.io.to_dict`) without the
signature and the addenda, written as canonical JSON: absent members left out, NFC strings,
sorted keys, no whitespace, numbers as ECMAScript writes them, strings escaped as RFC 8785
(JCS) does. Any implementation can recompute these bytes; ``docs/lifecycle.md`` gives a
test vector. A note signed under schema 1 is hashed in its schema-1 form
(:func:`soapnotes.io._v1.v1_form`), as its signature says (``content_schema_version``).
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

from soapnotes.errors import UsageError
from soapnotes.io import to_dict
from soapnotes.io._v1 import v1_form
from soapnotes.models.note import READABLE_SCHEMA_VERSIONS, SCHEMA_VERSION, Note

#: Fields of :class:`Note` that are not content: the signature and what is appended after it.
_NOT_CONTENT = ("signature", "addenda")


def format_float(value: float, path: str) -> str:
    """A double as ECMAScript's Number::toString writes it (RFC 8785, section 3.2.2.3)."""
    if not math.isfinite(value):
        raise UsageError(f"{path}: a non-finite number has no canonical form")
    if value == 0:
        return "0"
    if value < 0:
        return "-" + format_float(-value, path)
    # repr is the shortest decimal that reads back as the same double (ties: the closest).
    _, digit_tuple, exponent = Decimal(repr(value)).normalize().as_tuple()
    if not isinstance(exponent, int):  # pragma: no cover - finite, checked above
        raise UsageError(f"{path}: a non-finite number has no canonical form")
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
        raise UsageError(f"{path}: text contains a lone surrogate, which is not Unicode text")
    # ensure_ascii=False escapes exactly ", \ and U+0000-U+001F (\b \t \n \f \r or \u00xx),
    # as RFC 8785 and ECMAScript's JSON.stringify do.
    return json.dumps(normal, ensure_ascii=False)


def _is_absent(value: object) -> bool:
    return value is None or (isinstance(value, (list, tuple)) and not value)


def _write_object(value: Mapping[Any, Any], path: str, out: list[str]) -> None:
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


def _write(value: object, path: str, out: list[str]) -> None:
    if isinstance(value, bool):
        out.append("true" if value else "false")
    elif isinstance(value, int):
        out.append(str(value))
    elif isinstance(value, float):
        out.append(format_float(value, path))
    elif isinstance(value, str):
        out.append(_format_string(value, path))
    elif isinstance(value, Mapping):
        _write_object(value, path, out)
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


def canonical_bytes(data: Mapping[str, Any]) -> bytes:
    """Plain data (as :func:`soapnotes.io.to_dict` gives) as canonical JSON, UTF-8."""
    out: list[str] = []
    _write(data, "$", out)
    return "".join(out).encode("utf-8")


def _form_version(note: Note, schema_version: int | None) -> int:
    """The layout to hash in: as asked, else the one the signature covers, else the current."""
    if schema_version is None:
        signature = note.signature
        return signature.content_schema_version if signature is not None else SCHEMA_VERSION
    if schema_version not in READABLE_SCHEMA_VERSIONS:
        raise UsageError(f"schema_version must be 1 or 2, got {schema_version!r}")
    return schema_version


def canonical_json(note: Note, *, schema_version: int | None = None) -> bytes:
    """The note's content as canonical JSON, UTF-8: the exact bytes :func:`content_hash` hashes.

    Content is the note in the interchange layout (:func:`soapnotes.to_dict`) without
    ``signature`` and ``addenda``, except that the rule codes a signature waived are signed
    with it: when ``signature.waived_codes`` is not empty, the content holds
    ``{"signature": {"waived_codes": [...]}}`` and nothing else of the signature. Then:
    members whose value is null or an empty list are left out (so a JSON file and its TOML
    twin give the same bytes); every string, keys included,
    is NFC-normalised; keys are sorted; no whitespace between tokens; numbers as ECMAScript
    writes them (``16.5``, ``12`` for 12.0); strings escaped as RFC 8785 (JCS) does.
    ``docs/lifecycle.md`` gives the rules in full.

    Args:
        note: any note.
        schema_version: the layout whose form to write: 2, or 1 for the form a note signed
            before schema 2 was hashed in (schema-2 fields left out while they hold their
            defaults, ``schema_version`` 1). None: the layout the note's signature covers
            (``Signature.content_schema_version``), the current one for a draft.

    Raises:
        UsageError: a string holds a lone surrogate or a number is not finite (the path says
            where); neither can come from a valid JSON or TOML file. Also for a
            ``schema_version`` other than 1 or 2. It is a ValueError too.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 the waived rule codes of the signature are content;
       ``schema_version``; signed v1 notes hash in their v1 form.
    """
    version = _form_version(note, schema_version)
    data = to_dict(note)
    signature = data.get("signature") or {}
    for key in _NOT_CONTENT:
        data.pop(key, None)
    if version == 1:
        data = v1_form(data, Note)
    if signature.get("waived_codes"):
        data["signature"] = {"waived_codes": signature["waived_codes"]}
    return canonical_bytes(data)


def content_hash(note: Note, *, schema_version: int | None = None) -> str:
    """SHA-256 of :func:`canonical_json`, as 64 lowercase hex digits.

    This is what :func:`sign` stores in ``Signature.content_sha256``. It ignores the signature
    (but for the rule codes it waived) and the addenda, so it is the same before and after
    amending, and before and after signing when no rule code was waived (a note signed under
    schema 1 is hashed in its schema-1 form, as its signature records).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``schema_version`` (see :func:`canonical_json`).
    """
    return hashlib.sha256(canonical_json(note, schema_version=schema_version)).hexdigest()


def chain_hash(previous: str, author: str, written_at: dt.datetime, reason: str, text: str) -> str:
    """The chain hash of one addendum: SHA-256 over its canonical fields and ``previous``."""
    data = {
        "previous": previous,
        "author": author,
        "written_at": written_at.isoformat(),
        "reason": reason,
        "text": text,
    }
    return hashlib.sha256(canonical_bytes(data)).hexdigest()


#: The signing policy a keyed signature is made under: the canonical form of
#: ``docs/lifecycle.md``, the payloads of ``docs/signing.md`` and the checks ``sign`` makes.
#: It is signed (a payload member), so a verifier knows which rules the signer followed.
SIGNATURE_POLICY = "urn:soapnotes:signature-policy:1"


def signature_payload(note: Note) -> dict[str, Any]:
    """What a keyed record signature signs: the content hash and the whole signature block.

    Its canonical JSON (:func:`canonical_bytes`) is the JWS payload (``docs/signing.md``).
    """
    signature = note.signature
    if signature is None:
        raise UsageError("a draft has no signature block to sign")
    return {
        "policy": SIGNATURE_POLICY,
        "content_sha256": signature.content_sha256,
        "signed_by": signature.signed_by,
        "credential": signature.credential,
        "signed_at": signature.signed_at.isoformat(),
        "waived_codes": list(signature.waived_codes),
        "content_schema_version": signature.content_schema_version,
    }


def addendum_payload(
    note: Note, previous: str, author: str, written_at: dt.datetime, reason: str, text: str
) -> dict[str, Any]:
    """What a keyed addendum signs: its chain object and the hash of the signed record block.

    ``record_signature`` (the SHA-256 of the record's signature payload) ties the addendum
    to that exact signature block, ``previous`` to the chain before it.
    """
    return {
        "policy": SIGNATURE_POLICY,
        "previous": previous,
        "author": author,
        "written_at": written_at.isoformat(),
        "reason": reason,
        "text": text,
        "record_signature": hashlib.sha256(canonical_bytes(signature_payload(note))).hexdigest(),
    }
