"""The note: the document that ties practice, therapist, client and session together."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs

from soapnotes.models import _fields as f
from soapnotes.models.client import Client
from soapnotes.models.intake import body_mass_index
from soapnotes.models.session import Session

#: The version of the JSON/TOML layout this release writes (and the records hold).
SCHEMA_VERSION = 2

#: Every layout this release reads: version 1 files are migrated to 2 as they are loaded
#: (``docs/schema.md``).
READABLE_SCHEMA_VERSIONS: tuple[int, ...] = (1, 2)

_READS = "this release reads schema versions 1 and 2 (1 is migrated to 2 on load)"

_SHA256_HEX = frozenset("0123456789abcdef")


def _sha256_hex(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise f.bad_type(inst, attribute, f"must be a string, got {type(value).__name__}")
    if len(value) != 64 or not set(value) <= _SHA256_HEX:
        raise f.bad_value(
            inst, attribute, "must be 64 lowercase hexadecimal digits (a SHA-256 digest)"
        )


_RULE_CODE = re.compile(r"SN-[A-Z]{2}-[0-9]{3}")


_COMPACT_DETACHED_JWS = re.compile(r"[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+")

#: The longest keyed signature a record holds: its header carries the certificate chain
#: (a few kilobytes a certificate), so this leaves room for long chains and nothing absurd.
MAX_JWS_CHARS = 65_536


def _optional_jws(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise f.bad_type(inst, attribute, f"must be a string, got {type(value).__name__}")
    if len(value) > MAX_JWS_CHARS:
        raise f.bad_value(inst, attribute, f"must be at most {MAX_JWS_CHARS} characters")
    if _COMPACT_DETACHED_JWS.fullmatch(value) is None:
        raise f.bad_value(
            inst, attribute, "must be a compact JWS with a detached payload (header..signature)"
        )


def _rule_code(inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if _RULE_CODE.fullmatch(value) is None:
        raise f.bad_value(inst, attribute, "each item must be a rule code such as SN-OR-004")


def _known_schema_version(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise f.bad_type(inst, attribute, f"must be an integer, got {type(value).__name__}")
    if value != SCHEMA_VERSION:
        raise f.bad_value(inst, attribute, f"must be {SCHEMA_VERSION}: {_READS}; got {value}")


def _readable_schema_version(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise f.bad_type(inst, attribute, f"must be an integer, got {type(value).__name__}")
    if value not in READABLE_SCHEMA_VERSIONS:
        raise f.bad_value(inst, attribute, f"must be 1 or 2: {_READS}; got {value}")


@attrs.frozen(kw_only=True)
class Practice:
    """The practice the note comes from (printed in the header).

    .. versionadded:: 0.1.0
    """

    name: str = attrs.field(validator=f.name)
    address: str | None = attrs.field(default=None, validator=f.optional_name)
    phone: str | None = attrs.field(default=None, validator=f.optional_name)
    email: str | None = attrs.field(default=None, validator=f.optional_name)


@attrs.frozen(kw_only=True)
class Therapist:
    """The therapist who gave the session.

    ``credentials`` are the letters after the name, e.g. ``("RMT", "CLT")``.

    .. versionadded:: 0.1.0
    """

    name: str = attrs.field(validator=f.name)
    credentials: tuple[str, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(str, element=f.name)
    )
    licence_number: str | None = attrs.field(default=None, validator=f.optional_name)

    @property
    def display_name(self) -> str:
        """'Name, RMT, CLT'."""
        return ", ".join((self.name, *self.credentials))


@attrs.frozen(kw_only=True)
class Signature:
    """Who signed the note, with what credential, when, and the content hash they signed.

    ``waived_codes`` are the rule codes the clinic's policy switched off that would have
    reported an error or a warning on this note when it was signed: they are signed with the
    content (``docs/lifecycle.md``) and printed on the PDF.

    ``content_schema_version`` is the layout whose canonical form ``content_sha256`` was
    computed over: 1 for a note signed before it was migrated to schema 2 (the migration sets
    it, so the signed v1 note still verifies; ``docs/lifecycle.md``), else 2.

    .. versionadded:: 0.1.0
    ``jws`` is the keyed signature, when the note was signed with a key: a compact JWS with
    a detached payload over the content hash and every other field here, its certificate
    chain in the header (``docs/signing.md``). None for a note signed without a key, which
    verifies as intact but not authenticated.

    .. versionchanged:: 0.2.0 ``waived_codes``; ``content_schema_version`` (schema 2);
       ``jws``.
    """

    signed_by: str = attrs.field(validator=f.name)
    credential: str = attrs.field(validator=f.name)
    signed_at: dt.datetime = attrs.field(validator=f.aware_datetime)
    content_sha256: str = attrs.field(validator=_sha256_hex)
    waived_codes: tuple[str, ...] = attrs.field(
        default=(),
        converter=f.to_tuple,
        validator=[f.tuple_of(str, element=_rule_code), f.unique_by(lambda c: c, "rule code")],
    )
    content_schema_version: int = attrs.field(
        default=SCHEMA_VERSION, validator=_readable_schema_version
    )
    jws: str | None = attrs.field(default=None, validator=_optional_jws)


@attrs.frozen(kw_only=True)
class Addendum:
    """A correction appended to a signed note: author, time, reason and text.

    ``chain_sha256`` covers this addendum and the hash before it, so removing or editing one
    is detectable. ``jws``, when the author signed with a key, is a detached JWS over the
    same fields and the record's signed block (``docs/signing.md``).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``jws``.
    """

    author: str = attrs.field(validator=f.name)
    written_at: dt.datetime = attrs.field(validator=f.aware_datetime)
    reason: str = attrs.field(validator=f.text)
    text: str = attrs.field(validator=f.text)
    chain_sha256: str = attrs.field(validator=_sha256_hex)
    jws: str | None = attrs.field(default=None, validator=_optional_jws)


@attrs.frozen(kw_only=True)
class Note:
    """A SOAP treatment note: one client, one session, one practice and therapist.

    A note without ``signature`` is a draft. ``addenda`` only ever grow, and only on a
    signed note.

    .. versionadded:: 0.1.0
    """

    schema_version: int = attrs.field(default=SCHEMA_VERSION, validator=_known_schema_version)
    practice: Practice = attrs.field(validator=f.instance_of(Practice))
    therapist: Therapist = attrs.field(validator=f.instance_of(Therapist))
    client: Client = attrs.field(validator=f.instance_of(Client))
    session: Session = attrs.field(validator=f.instance_of(Session))
    signature: Signature | None = attrs.field(
        default=None, validator=f.optional(f.instance_of(Signature))
    )
    addenda: tuple[Addendum, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(Addendum)
    )

    def __attrs_post_init__(self) -> None:
        problems: list[tuple[str, str]] = []
        if self.session.client_id != self.client.id:
            problems.append(("session.client_id", "must equal client.id"))
        if self.addenda and self.signature is None:
            problems.append(("addenda", "only a signed note can have addenda"))
        f.raise_problems(problems)

    @property
    def is_signed(self) -> bool:
        """True once the note carries a signature."""
        return self.signature is not None

    @property
    def bmi(self) -> float | None:
        """Body mass index (kg/m²) from this session's weight and the intake height.

        Computed, never typed in (:func:`soapnotes.body_mass_index`); None unless both are
        recorded.

        .. versionadded:: 0.2.0
        """
        weight = self.session.objective.weight_kg
        intake = self.client.intake
        if weight is None or intake is None or intake.height_cm is None:
            return None
        return body_mass_index(weight, intake.height_cm)
