"""Keyed signatures: JWS over the content hash and signature block, chains, tampering."""

from __future__ import annotations

import base64
import datetime as dt
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import given
from hypothesis import strategies as st

import soapnotes
from soapnotes import LifecycleError, Note, amend, sign, verify
from soapnotes.errors import UsageError
from soapnotes.lifecycle import AUTHENTICATED, INTACT_SIGNED, INTACT_UNAUTHENTICATED
from soapnotes.lifecycle._canonical import canonical_bytes, signature_payload
from soapnotes.lifecycle._keyed import make_jws
from tests.conftest import EXAMPLES_DIR, quick
from tests.pki import Party, fixture_party, pki

HALIFAX = dt.timezone(dt.timedelta(hours=-4))
SIGNED_AT = dt.datetime(2026, 11, 20, 11, 5, tzinfo=HALIFAX)
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)
DAY_1 = dt.datetime(2026, 11, 21, 9, 0, tzinfo=HALIFAX)
DAY_2 = dt.datetime(2026, 11, 22, 16, 30, tzinfo=dt.timezone.utc)

#: The test vector of docs/signing.md: the example signed with the fixture key (tests/pki.py).
VECTOR_PAYLOAD = (
    '{"content_schema_version":2,"content_sha256":'
    '"79526adab1dd83bbe692bfa898c61b6fc102ff4e718b65459ee931be5bbdb589","credential":"RMT",'
    '"policy":"urn:soapnotes:signature-policy:1","signed_at":"2026-11-20T11:05:00-04:00",'
    '"signed_by":"Maren Albrecht"}'
)
VECTOR_SIGNATURE = (
    "Pv5FCsvAeUPwhc-h2_PDB_P5FZgEafxytUSrsUGLWqW44nffxmgv1fnV5aCeJyuoEqHcKa6eSXYMNIvE4bzrAA"
)


def _keyed(party: Party) -> dict[str, Any]:
    return {
        "key": party.key,
        "certificate": party.certificate,
        "chain": pki().chain(party),
    }


def _signed(party: Party | None = None, note: Note | None = None) -> Note:
    note = note or soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml")
    keyed = {} if party is None else _keyed(party)
    return sign(note, "Maren Albrecht", "RMT", SIGNED_AT, now=NOW, **keyed)


def _amended(first: Party | None, second: Party | None) -> Note:
    """Signed with the therapist's key, then two addenda, keyed as given."""
    note = _signed(pki().therapist)
    note = amend(
        note,
        "Maren Albrecht",
        DAY_1,
        "Pain score mistyped",
        "Pain was 4/10.",
        now=NOW,
        **({} if first is None else _keyed(first)),
    )
    return amend(
        note,
        "Jonas Weber",
        DAY_2,
        "Supervisor review",
        "Reviewed.",
        now=NOW,
        **({} if second is None else _keyed(second)),
    )


def _roots() -> list[Any]:
    return [pki().root.certificate]


def _whats(note: Note, trusted: bool = True) -> list[str]:
    result = verify(note, trust=_roots() if trusted else None)
    return [m.what for m in result.mismatches]


@pytest.mark.parametrize("which", ["therapist", "therapist_p256"])
def test_a_keyed_note_is_authenticated_with_the_root(which: str) -> None:
    """Ed25519 and P-256: intact and authenticated with the test root, signed without it."""
    note = _signed(getattr(pki(), which))
    assert note.signature is not None
    assert note.signature.jws is not None
    trusted = verify(note, trust=_roots())
    assert trusted.ok
    assert trusted.authenticated
    assert trusted.trusted
    assert trusted.status == AUTHENTICATED
    untrusted = verify(note)
    assert untrusted.ok
    assert untrusted.authenticated
    assert not untrusted.trusted
    assert untrusted.status == INTACT_SIGNED


def test_es256_signature_is_raw_r_and_s() -> None:
    """ES256 puts R || S (64 bytes) in the JWS, as RFC 7518 section 3.4 requires, not DER."""
    note = _signed(pki().therapist_p256)
    assert note.signature is not None
    assert note.signature.jws is not None
    header, payload, signature = note.signature.jws.split(".")
    assert payload == ""
    raw = base64.urlsafe_b64decode(signature + "==")
    assert len(raw) == 64
    # Independent check with cryptography's ECDSA over the RFC 7515 signing input.
    from cryptography.hazmat.primitives.asymmetric import utils

    encoded = base64.urlsafe_b64encode(canonical_bytes(signature_payload(note))).rstrip(b"=")
    public = pki().therapist_p256.certificate.public_key()
    assert isinstance(public, ec.EllipticCurvePublicKey)
    der = utils.encode_dss_signature(
        int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
    )
    public.verify(der, header.encode() + b"." + encoded, ec.ECDSA(hashes.SHA256()))


def test_unkeyed_note_is_intact_not_authenticated() -> None:
    """Signed without a key: ok, never authenticated; asking for trust makes it a mismatch."""
    note = _signed()
    result = verify(note)
    assert result.ok
    assert not result.authenticated
    assert result.status == INTACT_UNAUTHENTICATED
    assert _whats(note) == ["signature authentication"]


def _vector_note() -> Note:
    """The left-arm example signed as docs/signing.md's test vector says."""
    party = fixture_party()
    return sign(
        soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml"),
        "Maren Albrecht",
        "RMT",
        SIGNED_AT,
        key=party.key,
        certificate=party.certificate,
        now=NOW,
    )


def test_the_test_vector() -> None:
    """docs/signing.md: the fixture key's JWS over the example is these exact bytes."""
    note = _vector_note()
    assert note.signature is not None
    assert note.signature.jws is not None
    assert canonical_bytes(signature_payload(note)).decode() == VECTOR_PAYLOAD
    header, _, signature = note.signature.jws.split(".")
    assert signature == VECTOR_SIGNATURE
    decoded = json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))
    assert decoded["alg"] == "EdDSA"
    assert len(decoded["x5c"]) == 1
    assert verify(note, trust=[fixture_party().certificate]).status == AUTHENTICATED


_BLOCK_CHANGES: dict[str, Callable[[soapnotes.Signature], soapnotes.Signature]] = {
    "signed_by": lambda s: attrs.evolve(s, signed_by="Mallory Example"),
    "credential": lambda s: attrs.evolve(s, credential="CLT"),
    "signed_at": lambda s: attrs.evolve(s, signed_at=s.signed_at + dt.timedelta(minutes=1)),
    "waived_codes": lambda s: attrs.evolve(s, waived_codes=("SN-OR-004",)),
    "content_schema_version": lambda s: attrs.evolve(s, content_schema_version=1),
}


@pytest.mark.parametrize("field", sorted(_BLOCK_CHANGES))
def test_every_signature_block_field_is_covered(field: str) -> None:
    """Changing any field of the signature block is named as that field."""
    note = _signed(pki().therapist)
    assert note.signature is not None
    tampered = attrs.evolve(note, signature=_BLOCK_CHANGES[field](note.signature))
    assert f"signature {field}" in _whats(tampered)
    assert not verify(tampered).authenticated


def test_content_change_is_named_content_hash_and_content_sha256() -> None:
    """A content edit fails the hash; re-hashing it then fails the key signature."""
    note = _signed(pki().therapist)
    assert note.signature is not None
    edited = attrs.evolve(note, practice=attrs.evolve(note.practice, name="Other clinic"))
    assert _whats(edited) == ["content hash"]
    rehashed = attrs.evolve(
        edited,
        signature=attrs.evolve(note.signature, content_sha256=soapnotes.content_hash(edited)),
    )
    assert _whats(rehashed) == ["signature content_sha256"]


def test_removing_the_jws_leaves_an_unauthenticated_note() -> None:
    """Stripping the key signature cannot pass as authenticated."""
    note = _signed(pki().therapist)
    assert note.signature is not None
    stripped = attrs.evolve(note, signature=attrs.evolve(note.signature, jws=None))
    assert verify(stripped).status == INTACT_UNAUTHENTICATED
    assert _whats(stripped) == ["signature authentication"]


def test_another_signers_certificate_is_refused() -> None:
    """A colleague re-signing as the therapist, or a swapped certificate, is named."""
    note = _signed(pki().therapist)
    assert note.signature is not None
    # The colleague's own valid key, claiming to be Maren Albrecht.
    forged = make_jws(signature_payload(note), **_keyed(pki().colleague))
    resigned = attrs.evolve(note, signature=attrs.evolve(note.signature, jws=forged))
    assert _whats(resigned) == ["signature certificate"]
    # The colleague's certificate in the therapist's JWS header: the signature fails.
    header, _, signature = note.signature.jws.split(".")  # type: ignore[union-attr]
    decoded = json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))
    theirs = base64.b64encode(
        pki().colleague.certificate.public_bytes(
            __import__("cryptography").hazmat.primitives.serialization.Encoding.DER
        )
    ).decode()
    decoded["x5c"][0] = theirs
    swapped_header = base64.urlsafe_b64encode(canonical_bytes(decoded)).rstrip(b"=").decode()
    swapped = attrs.evolve(
        note, signature=attrs.evolve(note.signature, jws=f"{swapped_header}..{signature}")
    )
    assert set(_whats(swapped)) == {"signature key signature", "signature certificate"}


def test_sign_refuses_an_expired_or_misnamed_certificate() -> None:
    """The certificate must name the signer and be valid at the signing time."""
    with pytest.raises(LifecycleError) as expired:
        _signed(pki().expired)
    assert any("had expired at the signing time" in r for r in expired.value.reasons)
    with pytest.raises(LifecycleError) as misnamed:
        _signed(pki().colleague)
    assert list(misnamed.value.reasons) == [
        "the certificate's subject common name is not the signer's name"
    ]


def test_verify_names_an_expired_certificate() -> None:
    """A JWS made with a certificate that had expired at signed_at fails as certificate."""
    note = _signed()
    assert note.signature is not None
    jws = make_jws(signature_payload(note), **_keyed(pki().expired))
    expired = attrs.evolve(note, signature=attrs.evolve(note.signature, jws=jws))
    assert _whats(expired, trusted=False) == ["signature certificate"]
    assert set(_whats(expired)) == {"signature certificate", "signature chain"}


def test_an_untrusted_root_fails_the_chain() -> None:
    """Trust in another root: the chain is named; without the intermediate, too."""
    note = _signed(pki().therapist)
    other = verify(note, trust=[pki().stranger_root.certificate])
    assert [m.what for m in other.mismatches] == ["signature chain"]
    assert not other.trusted
    bare = sign(
        soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml"),
        "Maren Albrecht",
        "RMT",
        SIGNED_AT,
        key=pki().therapist.key,
        certificate=pki().therapist.certificate,
        now=NOW,
    )
    assert _whats(bare) == ["signature chain"]


def test_key_and_certificate_misuse_is_a_usage_error() -> None:
    """A key without certificate, a certificate without key, a key not the certificate's."""
    note = soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml")
    with pytest.raises(UsageError, match="needs its certificate"):
        sign(note, "Maren Albrecht", "RMT", SIGNED_AT, key=pki().therapist.key, now=NOW)
    with pytest.raises(UsageError, match="without its key"):
        sign(
            note,
            "Maren Albrecht",
            "RMT",
            SIGNED_AT,
            certificate=pki().therapist.certificate,
            now=NOW,
        )
    with pytest.raises(UsageError, match="not the signing key's"):
        sign(
            note,
            "Maren Albrecht",
            "RMT",
            SIGNED_AT,
            key=pki().therapist.key,
            certificate=pki().therapist_p256.certificate,
            now=NOW,
        )


def test_keyed_addenda_are_authenticated_and_chained() -> None:
    """Each addendum signed by its author; all trusted; an unkeyed one is not authenticated."""
    colleague = pki().colleague
    note = _amended(pki().therapist_p256, colleague)
    result = verify(note, trust=_roots())
    assert result.mismatches == ()
    assert result.trusted
    partly = _amended(pki().therapist, None)
    assert verify(partly).status == INTACT_UNAUTHENTICATED
    assert _whats(partly) == ["addendum [1] authentication"]


@pytest.mark.parametrize("field", ["author", "written_at", "reason", "text"])
def test_every_addendum_field_is_covered(field: str) -> None:
    """Changing an addendum field names the chain hash and that field of that addendum."""
    note = _amended(pki().therapist, pki().colleague)
    first = note.addenda[0]
    value = first.written_at + dt.timedelta(hours=1) if field == "written_at" else "changed"
    changes: dict[str, Any] = {field: value}
    tampered = attrs.evolve(note, addenda=(attrs.evolve(first, **changes), note.addenda[1]))
    whats = _whats(tampered)
    assert "addendum [0] chain hash" in whats
    assert f"addendum [0] {field}" in whats


def test_removing_reordering_or_duplicating_addenda_fails() -> None:
    """Remove the first, reorder, duplicate: each is caught by the chain and the JWS."""
    note = _amended(pki().therapist, pki().colleague)
    a, b = note.addenda
    removed = _whats(attrs.evolve(note, addenda=(b,)))
    assert "addendum [0] chain hash" in removed
    assert "addendum [0] previous" in removed
    reordered = _whats(attrs.evolve(note, addenda=(b, a)))
    assert "addendum [0] chain hash" in reordered
    assert "addendum [1] previous" in reordered
    duplicated = _whats(attrs.evolve(note, addenda=(a, a, b)))
    assert duplicated == ["addendum [1] chain hash", "addendum [1] previous"]


def test_a_signature_block_swap_breaks_the_addenda() -> None:
    """Addenda sign the record's signed block: a record re-signed otherwise breaks them."""
    note = _amended(pki().therapist, pki().colleague)
    assert note.signature is not None
    resigned = sign(
        soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml"),
        "Maren Albrecht",
        "RMT",
        SIGNED_AT + dt.timedelta(minutes=5),
        now=NOW,
        **_keyed(pki().therapist),
    )
    swapped = attrs.evolve(note, signature=resigned.signature)
    whats = _whats(swapped)
    assert "addendum [0] record_signature" in whats
    assert "addendum [1] record_signature" in whats


@quick(25)
@given(text=st.text(min_size=1).filter(lambda t: t.strip() and t != "Pain was 4/10."))
def test_any_text_edit_of_a_keyed_addendum_is_named(text: str) -> None:
    """Whatever the new text, the edited addendum fails by name (Hypothesis)."""
    note = _amended(pki().therapist, pki().colleague)
    edited = attrs.evolve(note.addenda[0], text=text)
    assert "addendum [0] text" in _whats(attrs.evolve(note, addenda=(edited, note.addenda[1])))


def test_keyed_note_round_trips_through_json_and_toml() -> None:
    """The JWS is a plain string on the record: it survives dumps/loads in both formats."""
    note = _amended(pki().therapist, pki().colleague)
    for fmt in ("json", "toml"):
        again = soapnotes.loads(soapnotes.dumps(note, fmt), fmt)
        assert again == note
        assert verify(again, trust=_roots()).trusted


def test_old_signatures_still_verify() -> None:
    """A schema-1 signed note and an unkeyed schema-2 one verify, intact, not authenticated."""
    v1 = sorted((EXAMPLES_DIR.parent / "tests" / "data" / "v1").glob("signed-*"))
    assert v1, "a signed v1 fixture is expected in tests/data/v1"
    for path in v1:
        result = verify(soapnotes.load(path))
        assert result.ok
        assert result.status == INTACT_UNAUTHENTICATED
    assert verify(_signed()).status == INTACT_UNAUTHENTICATED


def test_the_payload_digest_header_is_only_a_pointer() -> None:
    """sn_fields names fields; the signature covers the payload (header edits break it)."""
    note = _signed(pki().therapist)
    assert note.signature is not None
    assert note.signature.jws is not None
    header, _, signature = note.signature.jws.split(".")
    decoded = json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))
    decoded["sn_fields"]["credential"] = "AAAAAAAAAAAA"
    edited = base64.urlsafe_b64encode(canonical_bytes(decoded)).rstrip(b"=").decode()
    forged = attrs.evolve(
        note, signature=attrs.evolve(note.signature, jws=f"{edited}..{signature}")
    )
    assert _whats(forged) == ["signature credential"]


_JS_JWS_VERIFIER = r"""
// An independent JWS check (Node's crypto): RFC 7515 detached payload, x5c, EdDSA/ES256.
const crypto = require('crypto');
const [jws, payload] = process.argv.slice(2);
const [header, empty, signature] = jws.split('.');
const h = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
const cert = new crypto.X509Certificate(Buffer.from(h.x5c[0], 'base64'));
const input = Buffer.from(header + '.' + Buffer.from(payload, 'utf8').toString('base64url'));
const sig = Buffer.from(signature, 'base64url');
const ok = h.alg === 'EdDSA'
  ? crypto.verify(null, input, cert.publicKey, sig)
  : crypto.verify('sha256', input, {key: cert.publicKey, dsaEncoding: 'ieee-p1363'}, sig);
console.log(empty === '' && ok ? 'valid' : 'invalid');
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
@pytest.mark.parametrize("which", ["therapist", "therapist_p256"])
def test_another_implementation_verifies_the_jws(which: str, tmp_path: Path) -> None:
    """Node's crypto verifies the JWS over the documented payload, and rejects an edit."""
    note = _signed(getattr(pki(), which))
    assert note.signature is not None
    assert note.signature.jws is not None
    script = tmp_path / "jws.js"
    script.write_text(_JS_JWS_VERIFIER, encoding="utf-8")
    payload = canonical_bytes(signature_payload(note)).decode()
    for text, verdict in ((payload, "valid"), (payload.replace("RMT", "CLT"), "invalid")):
        result = subprocess.run(
            ["node", str(script), note.signature.jws, text],
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.strip() == verdict


def _doc_vector() -> tuple[str, str, str, str]:
    """docs/signing.md's test vector as written: public key (hex), payload, header, JWS."""
    import re

    doc = (Path(__file__).resolve().parent.parent / "docs" / "signing.md").read_text("utf-8")
    section = doc.split("## Test vector", 1)[1].split("\n## ", 1)[0]
    public = re.search(r"\(public key\s+`([0-9a-f]{64})`\)", section)
    payload, header = re.findall(r"```json\n(.*?)\n```", section, re.S)
    wrapped = section.split("exactly this JWS", 1)[1].split("```\n", 1)[1].split("\n```", 1)[0]
    assert public is not None
    return public.group(1), payload, header, "".join(wrapped.split())


def test_the_documented_vector_verifies_and_is_what_sign_makes() -> None:
    """The vector printed in docs/signing.md cannot rot: its JWS verifies with its public
    key over its header and payload, and is the JWS sign() makes today."""
    from cryptography.hazmat.primitives.asymmetric import ed25519

    public, payload, header, jws = _doc_vector()
    protected, empty, signature = jws.split(".")
    assert empty == ""

    def unb64(text: str) -> bytes:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))

    assert unb64(protected).decode() == header
    signing_input = protected + "." + base64.urlsafe_b64encode(payload.encode()).decode()
    key = ed25519.Ed25519PublicKey.from_public_bytes(bytes.fromhex(public))
    key.verify(unb64(signature), signing_input.rstrip("=").encode())  # raises if not
    assert payload == VECTOR_PAYLOAD
    note = _vector_note()
    assert note.signature is not None
    assert note.signature.jws == jws
