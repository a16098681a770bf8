"""The record's life: sign, amend, verify, the canonical form and its test vector."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import soapnotes
from soapnotes import LifecycleError, Note, amend, canonical_json, content_hash, sign, verify
from soapnotes.errors import UsageError
from soapnotes.io import Format
from soapnotes.lifecycle._canonical import format_float as _format_float
from soapnotes.models import Answer, Contraindication, NodeGroup, NodeTarget, Side
from soapnotes.models.draft import DRAFT_MARK
from soapnotes.rules import RuleOptions
from tests.conftest import EXAMPLES_DIR

#: The test vector (docs/lifecycle.md): content_hash of examples/lymphedema-left-arm.toml.
#: If that example changes, update this deliberately: every signed copy of it changes hash.
#: (Schema 2 rewrote the example with its new data: the vector changed with it.)
LYMPHEDEMA_CONTENT_SHA256 = "79526adab1dd83bbe692bfa898c61b6fc102ff4e718b65459ee931be5bbdb589"

HALIFAX = dt.timezone(dt.timedelta(hours=-4))
SIGNED_AT = dt.datetime(2026, 11, 20, 11, 5, tzinfo=HALIFAX)
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)
SIGNER, CREDENTIAL = "Maren Albrecht", "RMT"
NAIVE = dt.datetime(2026, 11, 21, 9, 0)  # noqa: DTZ001 - naive on purpose


def _signed(note: Note) -> Note:
    return sign(note, SIGNER, CREDENTIAL, SIGNED_AT, now=NOW)


def _amended(note: Note) -> Note:
    """Signed, then two addenda a day apart."""
    first = amend(
        _signed(note),
        "Maren Albrecht",
        dt.datetime(2026, 11, 21, 9, 0, tzinfo=HALIFAX),
        "Pain score mistyped",
        "Pain was 4/10, not 3/10.",
        now=NOW,
    )
    return amend(
        first,
        "Jonas Weber",
        dt.datetime(2026, 11, 22, 16, 30, tzinfo=dt.timezone.utc),
        "Supervisor review",
        "Reviewed; the treatment sequence is appropriate.",
        now=NOW,
    )


def _whats(note: Note) -> list[str]:
    return [m.what for m in verify(note).mismatches]


def _refusal(call: Callable[[], object]) -> tuple[str, ...]:
    with pytest.raises(LifecycleError) as info:
        call()
    return info.value.reasons


# -- canonical form and the test vector -----------------------------------------------------


def test_vector_lymphedema_example() -> None:
    """The left-arm example hashes to the literal in docs/lifecycle.md, from either twin."""
    for suffix in ("toml", "json"):
        note = soapnotes.load(EXAMPLES_DIR / f"lymphedema-left-arm.{suffix}")
        assert content_hash(note) == LYMPHEDEMA_CONTENT_SHA256


def test_canonical_json_shape(lymphedema_note: Note) -> None:
    """Sorted keys, no whitespace between tokens, no nulls or empty lists, UTF-8 as written."""
    text = canonical_json(lymphedema_note).decode("utf-8")
    assert text.startswith('{"client":{"conditions":[{"area":"arm","cause":')
    compact = json.dumps(
        json.loads(text), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert compact == text
    for absent in ("null", "[]", '"signature"', '"addenda"'):
        assert absent not in text
    assert '"family_name":"Łukasiewicz"' in text
    assert '"start":"2026-11-20T10:00:00-04:00"' in text
    assert '"duration_hours":12,' in text  # 12.0 is written as ECMAScript writes it
    assert '{"circumference_cm":16.5,"distance_cm":0}' in text
    assert '"address":"12 Quay Street, Suite 4\\nHalifax, NS B3J 1A1"' in text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (16.0, "16"),
        (16.5, "16.5"),
        (0.1, "0.1"),
        (-0.0, "0"),
        (-2.25, "-2.25"),
        (1e20, "100000000000000000000"),
        (1e21, "1e+21"),
        (1e-6, "0.000001"),
        (1.5e-7, "1.5e-7"),
        (123456789.125, "123456789.125"),
        (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
    ],
)
def test_numbers_as_ecmascript_writes_them(value: float, text: str) -> None:
    """Floats are written as ECMAScript's Number::toString (RFC 8785): shortest round trip."""
    assert _format_float(value, "$") == text


def test_non_finite_number_has_no_canonical_form() -> None:
    """NaN cannot be hashed; the error names where it is."""
    with pytest.raises(ValueError, match=r"\$.x: a non-finite"):
        _format_float(float("nan"), "$.x")


def test_strings_are_nfc_normalised(lymphedema_note: Note) -> None:
    """A name typed decomposed (e + combining diaeresis) hashes as the composed one."""
    decomposed = unicodedata.normalize("NFD", "Zoë")
    assert decomposed != "Zoë"
    client = attrs.evolve(lymphedema_note.client, given_name=decomposed)
    assert content_hash(attrs.evolve(lymphedema_note, client=client)) == LYMPHEDEMA_CONTENT_SHA256


def test_lone_surrogate_is_refused(lymphedema_note: Note) -> None:
    """A lone surrogate is not text: the record itself refuses it, so nothing can hash it."""
    with pytest.raises(ValueError, match="lone surrogate"):
        attrs.evolve(lymphedema_note.client, given_name="Zo\ud800")


def test_datetimes_keep_their_offset_and_write_microseconds_only_when_set(
    lymphedema_note: Note,
) -> None:
    """The same instant at another offset is other content; microseconds appear when non-zero."""
    utc = attrs.evolve(
        lymphedema_note.session, start=dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.timezone.utc)
    )
    text = canonical_json(attrs.evolve(lymphedema_note, session=utc)).decode()
    assert '"start":"2026-11-20T14:00:00+00:00"' in text
    assert content_hash(attrs.evolve(lymphedema_note, session=utc)) != LYMPHEDEMA_CONTENT_SHA256
    micro = attrs.evolve(utc, start=utc.start.replace(microsecond=500))
    text = canonical_json(attrs.evolve(lymphedema_note, session=micro)).decode()
    assert '"start":"2026-11-20T14:00:00.000500+00:00"' in text


def test_hash_ignores_signature_and_addenda(lymphedema_note: Note) -> None:
    """Signing and amending leave the content hash as it was."""
    assert content_hash(_amended(lymphedema_note)) == LYMPHEDEMA_CONTENT_SHA256


def test_hash_is_stable_across_processes(tmp_path: Path) -> None:
    """Other interpreters with other hash seeds compute the same hash from JSON and TOML."""
    root = Path(__file__).resolve().parent.parent
    code = "import sys, soapnotes; print(soapnotes.content_hash(soapnotes.load(sys.argv[1])))"
    for seed in ("0", "1", "4242"):
        for suffix in ("json", "toml"):
            env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
            result = subprocess.run(
                [sys.executable, "-c", code, str(EXAMPLES_DIR / f"lymphedema-left-arm.{suffix}")],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            )
            assert result.stdout.strip() == LYMPHEDEMA_CONTENT_SHA256


_JS_VERIFIER = r"""
const fs = require('fs'), crypto = require('crypto');
function canon(v) {
  if (Array.isArray(v)) return '[' + v.map(canon).join(',') + ']';
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v)
      .filter(k => v[k] !== null && !(Array.isArray(v[k]) && v[k].length === 0))
      .map(k => [k.normalize('NFC'), k])
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return '{' + keys.map(([n, k]) => JSON.stringify(n) + ':' + canon(v[k])).join(',') + '}';
  }
  if (typeof v === 'string') return JSON.stringify(v.normalize('NFC'));
  return JSON.stringify(v);
}
const sha = s => crypto.createHash('sha256').update(s, 'utf8').digest('hex');
const note = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const addenda = note.addenda; delete note.signature; delete note.addenda;
let previous = sha(canon(note));
const out = [previous];
for (const a of addenda) {
  previous = sha(canon({previous, author: a.author, written_at: a.written_at,
                        reason: a.reason, text: a.text}));
  out.push(previous);
}
console.log(out.join('\n'));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_another_implementation_recomputes_the_hashes(
    lymphedema_note: Note, tmp_path: Path
) -> None:
    """A JavaScript implementation of docs/lifecycle.md gets the content and chain hashes."""
    note = _amended(lymphedema_note)
    file = tmp_path / "note.json"
    soapnotes.dump(note, file)
    script = tmp_path / "verify.js"
    script.write_text(_JS_VERIFIER, encoding="utf-8")
    result = subprocess.run(
        ["node", str(script), str(file)], capture_output=True, text=True, check=True
    )
    assert note.signature is not None
    expected = [note.signature.content_sha256, *(a.chain_sha256 for a in note.addenda)]
    assert result.stdout.split() == expected


# -- sign ----------------------------------------------------------------------------------


def test_sign_stamps_signer_credential_time_and_hash(lymphedema_note: Note) -> None:
    """sign returns a new note carrying who, credential, the aware time and the content hash."""
    signed = _signed(lymphedema_note)
    assert lymphedema_note.signature is None
    assert signed.signature == soapnotes.Signature(
        signed_by=SIGNER,
        credential=CREDENTIAL,
        signed_at=SIGNED_AT,
        content_sha256=LYMPHEDEMA_CONTENT_SHA256,
    )
    assert attrs.evolve(signed, signature=None) == lymphedema_note
    result = verify(signed)
    assert result.ok
    assert result.mismatches == ()
    assert result.head_sha256 == LYMPHEDEMA_CONTENT_SHA256


def test_sign_refuses_a_signed_note(lymphedema_note: Note) -> None:
    """A signed note is never signed again: corrections are addenda."""
    reasons = _refusal(lambda: _signed(_signed(lymphedema_note)))
    assert reasons == ("the note is already signed: correct it with an addendum (amend)",)


def test_sign_refuses_a_naive_time(lymphedema_note: Note) -> None:
    """The signing time must carry a time zone."""
    reasons = _refusal(lambda: sign(lymphedema_note, SIGNER, CREDENTIAL, NAIVE, now=NOW))
    assert reasons == (
        "the signing time must carry a time zone (a UTC offset such as +01:00 or Z)",
    )


def test_sign_refuses_a_time_before_the_session(lymphedema_note: Note) -> None:
    """Signing is not before the session start (compared as instants, whatever the offsets)."""
    early = dt.datetime(2026, 11, 20, 13, 59, tzinfo=dt.timezone.utc)  # 09:59 in Halifax
    reasons = _refusal(lambda: sign(lymphedema_note, SIGNER, CREDENTIAL, early, now=NOW))
    assert reasons == (
        "the signing time 2026-11-20T13:59:00+00:00 is before the session start "
        "2026-11-20T10:00:00-04:00",
    )
    at_start = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.timezone.utc)
    assert sign(lymphedema_note, SIGNER, CREDENTIAL, at_start, now=NOW).is_signed


def test_sign_refuses_a_time_in_the_future(lymphedema_note: Note) -> None:
    """A note cannot be signed ahead of the clock (``now``)."""
    reasons = _refusal(
        lambda: sign(lymphedema_note, SIGNER, CREDENTIAL, NOW + dt.timedelta(seconds=1), now=NOW)
    )
    assert len(reasons) == 1
    assert "is in the future" in reasons[0]


def test_sign_refuses_blank_signer_and_credential(lymphedema_note: Note) -> None:
    """Signer and credential are required text."""
    reasons = _refusal(lambda: sign(lymphedema_note, " ", "", SIGNED_AT, now=NOW))
    assert reasons == (
        "signer must not be empty or blank",
        "credential must not be empty or blank",
    )


def _without_consent(note: Note) -> Note:
    return attrs.evolve(note, client=attrs.evolve(note.client, consent=None))


def _consent_after_session(note: Note) -> Note:
    assert note.client.consent is not None
    consent = attrs.evolve(note.client.consent, given_on=dt.date(2026, 11, 21))
    return attrs.evolve(note, client=attrs.evolve(note.client, consent=consent))


def _without_screen(note: Note) -> Note:
    return attrs.evolve(note, client=attrs.evolve(note.client, screening=None))


PREREQUISITES = {
    "no consent": (
        _without_consent,
        "SN-TM-004 $.client.consent: No informed consent is on file",
        "informed consent is not on file ($.client.consent)",
    ),
    "consent after the session": (
        _consent_after_session,
        "SN-TM-005 $.client.consent.given_on: Consent is dated 2026-11-21, after the session "
        "on 2026-11-20",
        "informed consent is dated 2026-11-21, after the session on 2026-11-20 "
        "($.client.consent.given_on)",
    ),
    "no screen": (
        _without_screen,
        "SN-CI-001 $.client.screening: No contraindication screen is on file",
        "the contraindication screen is missing ($.client.screening)",
    ),
}


@pytest.mark.parametrize(
    ("change", "by_rule", "by_lifecycle"), PREREQUISITES.values(), ids=PREREQUISITES.keys()
)
def test_sign_refuses_without_consent_or_screen_even_if_the_rule_is_off(
    lymphedema_note: Note, change: Callable[[Note], Note], by_rule: str, by_lifecycle: str
) -> None:
    """Consent on file (not after the session) and a screen block signing, rule or no rule."""
    draft = change(lymphedema_note)
    assert _refusal(lambda: _signed(draft)) == (by_rule,)
    code = by_rule.split()[0]
    policy = RuleOptions(disabled={code})
    reasons = _refusal(
        lambda: sign(draft, SIGNER, CREDENTIAL, SIGNED_AT, now=NOW, rule_options=policy)
    )
    assert reasons == (by_lifecycle,)


def test_sign_refuses_on_rule_errors_and_honours_the_policy(lymphedema_note: Note) -> None:
    """Every error finding blocks signing as 'CODE $.path: message'; a disabled rule does not."""
    session = lymphedema_note.session
    to_removed = NodeTarget(group=NodeGroup.AXILLARY, side=Side.LEFT)
    treatment = list(session.treatment)
    treatment[7] = attrs.evolve(treatment[7], drains_to=to_removed)
    draft = attrs.evolve(lymphedema_note, session=attrs.evolve(session, treatment=treatment))
    reasons = _refusal(lambda: _signed(draft))
    assert len(reasons) == 1
    assert reasons[0].startswith("SN-DR-001 $.session.treatment[7].drains_to: ")
    policy = RuleOptions(disabled={"SN-DR-001"})
    assert sign(draft, SIGNER, CREDENTIAL, SIGNED_AT, now=NOW, rule_options=policy).is_signed


def test_sign_refuses_an_incomplete_screen(lymphedema_note: Note) -> None:
    """Each of the six seed questions must be asked and answered yes or no, not unknown."""
    screening = lymphedema_note.client.screening
    assert screening is not None
    answers = [
        attrs.evolve(a, answer=Answer.UNKNOWN) if a.question is Contraindication.INFECTIONS else a
        for a in screening.answers
        if a.question is not Contraindication.BLOOD_CLOTS
    ]
    client = attrs.evolve(
        lymphedema_note.client, screening=attrs.evolve(screening, answers=answers)
    )
    reasons = _refusal(lambda: _signed(attrs.evolve(lymphedema_note, client=client)))
    assert reasons == (
        "the contraindication screen does not ask 'blood_clots' ($.client.screening.answers)",
        "the contraindication screen answers 'infections' with 'unknown': it needs yes or no "
        "($.client.screening.answers[2].answer)",
    )


def test_sign_lists_every_reason_at_once(lymphedema_note: Note) -> None:
    """All refusals come in one LifecycleError, so the therapist fixes everything in one go."""
    client = attrs.evolve(lymphedema_note.client, consent=None, screening=None)
    signed = attrs.evolve(_signed(lymphedema_note), client=client)
    with pytest.raises(LifecycleError) as info:
        sign(signed, "", CREDENTIAL, NAIVE, now=NOW)
    assert len(info.value.reasons) == 5  # signed, signer, naive time, no consent, no screen
    assert str(info.value) == "; ".join(info.value.reasons)
    assert isinstance(info.value, soapnotes.SoapnotesError)


def test_sign_rejects_a_naive_now(lymphedema_note: Note) -> None:
    """``now`` is a programming input: a naive one is a ValueError, not a refusal."""
    with pytest.raises(ValueError, match="now must carry a time zone"):
        sign(lymphedema_note, SIGNER, CREDENTIAL, SIGNED_AT, now=NAIVE)


def test_a_naive_now_is_a_usage_error(lymphedema_note: Note) -> None:
    """Misuse is a UsageError, so catching SoapnotesError catches it (sign and amend alike)."""
    with pytest.raises(UsageError, match="now must carry a time zone"):
        sign(lymphedema_note, SIGNER, CREDENTIAL, SIGNED_AT, now=NAIVE)
    signed = sign(lymphedema_note, SIGNER, CREDENTIAL, SIGNED_AT)
    with pytest.raises(UsageError, match="now must carry a time zone"):
        amend(signed, SIGNER, SIGNED_AT, "reason", "text", now=NAIVE)


# -- amend ---------------------------------------------------------------------------------


def test_amend_appends_chained_addenda(lymphedema_note: Note) -> None:
    """Each addendum keeps author, time, reason, text; the chain verifies; nothing else changes."""
    note = _amended(lymphedema_note)
    assert [a.author for a in note.addenda] == ["Maren Albrecht", "Jonas Weber"]
    assert note.addenda[0].reason == "Pain score mistyped"
    assert note.addenda[0].chain_sha256 != note.addenda[1].chain_sha256
    assert attrs.evolve(note, addenda=()) == _signed(lymphedema_note)
    result = verify(note)
    assert result.ok
    assert result.head_sha256 == note.addenda[-1].chain_sha256


def test_amend_refuses_a_draft(lymphedema_note: Note) -> None:
    """A draft is edited directly; addenda are for signed notes."""
    reasons = _refusal(lambda: amend(lymphedema_note, "A", SIGNED_AT, "why", "what", now=NOW))
    assert reasons == ("the note is a draft: edit it directly; only signed notes take addenda",)


def test_amend_requires_author_reason_and_text(lymphedema_note: Note) -> None:
    """A correction without a reason (or author, or text) is refused."""
    signed = _signed(lymphedema_note)
    reasons = _refusal(lambda: amend(signed, "", NOW, " ", "", now=NOW))
    assert reasons == (
        "author must not be empty or blank",
        "reason must not be empty or blank",
        "text must not be empty or blank",
    )


def test_amend_refuses_a_time_before_the_signature(lymphedema_note: Note) -> None:
    """An addendum is not written before the signature."""
    signed = _signed(lymphedema_note)
    early = SIGNED_AT - dt.timedelta(minutes=1)
    reasons = _refusal(lambda: amend(signed, "A", early, "why", "what", now=NOW))
    assert reasons == (
        "the addendum time 2026-11-20T11:04:00-04:00 is before the signature "
        "(2026-11-20T11:05:00-04:00)",
    )


def test_amend_refuses_a_time_before_the_last_addendum(lymphedema_note: Note) -> None:
    """Addenda are in the order they were written."""
    note = _amended(lymphedema_note)
    early = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.timezone.utc)
    reasons = _refusal(lambda: amend(note, "A", early, "why", "what", now=NOW))
    assert reasons == (
        "the addendum time 2026-11-22T09:00:00+00:00 is before the last addendum "
        "(2026-11-22T16:30:00+00:00)",
    )


def test_amend_refuses_naive_and_future_times(lymphedema_note: Note) -> None:
    """The addendum time carries a time zone and is not ahead of the clock."""
    signed = _signed(lymphedema_note)
    naive = _refusal(lambda: amend(signed, "A", NAIVE, "r", "t", now=NOW))
    assert naive == (
        "the addendum time must carry a time zone (a UTC offset such as +01:00 or Z)",
    )
    future = _refusal(lambda: amend(signed, "A", NOW + dt.timedelta(hours=1), "r", "t", now=NOW))
    assert len(future) == 1
    assert "is in the future" in future[0]


def test_amend_refuses_a_note_that_does_not_verify(lymphedema_note: Note) -> None:
    """amend never launders a changed note: its chain would otherwise bless the change."""
    signed = _signed(lymphedema_note)
    client = attrs.evolve(signed.client, family_name="Lukasiewicz")
    tampered = attrs.evolve(signed, client=client)
    reasons = _refusal(lambda: amend(tampered, "A", NOW, "r", "t", now=NOW))
    assert len(reasons) == 1
    assert reasons[0].startswith(
        "the note does not verify, so it cannot be amended: content hash:"
    )


# -- verify and tampering ------------------------------------------------------------------


def test_verify_says_a_draft_is_not_signed(lymphedema_note: Note) -> None:
    """A draft does not verify: there is nothing signed to check."""
    result = verify(lymphedema_note)
    assert not result.ok
    assert [str(m) for m in result.mismatches] == [
        "signature: the note is a draft: it is not signed"
    ]
    assert result.content_sha256 == LYMPHEDEMA_CONTENT_SHA256
    assert result.head_sha256 is None


def _edit_json(note: Note, edit: Callable[[dict[str, Any]], object]) -> Note:
    """The note as JSON text, edited as a person with a text editor would, loaded again."""
    data = json.loads(soapnotes.dumps(note, "json"))
    edit(data)
    return soapnotes.loads(json.dumps(data, ensure_ascii=False, indent=2))


def _set(*path: str | int, value: object) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return edit


def _swap_regions(data: dict[str, Any]) -> None:
    regions = data["session"]["treatment"]
    regions[0], regions[1] = regions[1], regions[0]


CONTENT_EDITS: dict[str, Callable[[dict[str, Any]], object]] = {
    "client name": _set("client", "family_name", value="Lukasiewicz"),
    "client consent date": _set("client", "consent", "given_on", value="2026-10-19"),
    "client screening answer": _set("client", "screening", "answers", 0, "answer", value="yes"),
    "practice phone": _set("practice", "phone", value="+1 902 555 0143"),
    "session pain": _set("session", "subjective", "pain", value=4),
    "session start": _set("session", "start", value="2026-11-20T09:00:00-04:00"),
    "session start, same instant at another offset": _set(
        "session", "start", value="2026-11-20T14:00:00+00:00"
    ),
    "session measurement": _set(
        "session", "objective", "circumferences", 0, "points", 0, "circumference_cm", value=16.4
    ),
    "session plan": _set("session", "plan", "next_session", value=None),
    "region minutes": _set("session", "treatment", 3, "minutes", value=4),
    "region drains to": _set("session", "treatment", 5, "drains_to", "side", value="left"),
    "region order": _swap_regions,
}


@pytest.mark.parametrize("edit", CONTENT_EDITS.values(), ids=CONTENT_EDITS.keys())
def test_editing_content_after_signing_fails_verify(
    lymphedema_note: Note, edit: Callable[[dict[str, Any]], object]
) -> None:
    """Any edit of client, practice, session or a treated region shows as the content hash."""
    note = _amended(lymphedema_note)
    tampered = _edit_json(note, edit)
    result = verify(tampered)
    assert _whats(tampered) == ["content hash"]
    message = str(result.mismatches[0])
    assert message.startswith("content hash: signed as 79526adab1dd… but the content now hashes")
    assert message.endswith("the note changed after signing")


def _remove_addendum(index: int) -> Callable[[dict[str, Any]], object]:
    return lambda data: data["addenda"].pop(index)


ADDENDUM_EDITS: dict[str, tuple[Callable[[dict[str, Any]], object], list[str]]] = {
    "first text": (
        _set("addenda", 0, "text", value="Pain was 5/10."),
        ["addendum [0] chain hash"],
    ),
    "second reason": (_set("addenda", 1, "reason", value="Audit"), ["addendum [1] chain hash"]),
    "first author": (
        _set("addenda", 0, "author", value="Someone Else"),
        ["addendum [0] chain hash"],
    ),
    "second time": (
        _set("addenda", 1, "written_at", value="2026-11-22T16:31:00+00:00"),
        ["addendum [1] chain hash"],
    ),
    "first removed": (_remove_addendum(0), ["addendum [0] chain hash"]),
    "order": (
        lambda data: data["addenda"].reverse(),
        ["addendum [0] chain hash", "addendum [1] chain hash", "addendum [1] time"],
    ),
    "chain hash replaced": (
        _set("addenda", 0, "chain_sha256", value="0" * 64),
        ["addendum [0] chain hash", "addendum [1] chain hash"],
    ),
}


@pytest.mark.parametrize(("edit", "whats"), ADDENDUM_EDITS.values(), ids=ADDENDUM_EDITS.keys())
def test_editing_or_removing_an_addendum_fails_verify(
    lymphedema_note: Note, edit: Callable[[dict[str, Any]], object], whats: list[str]
) -> None:
    """Editing, removing or reordering addenda names the addendum whose chain breaks."""
    assert _whats(_edit_json(_amended(lymphedema_note), edit)) == whats


def test_editing_the_signature_fails_verify(lymphedema_note: Note) -> None:
    """A signed hash or signing time changed in the file is reported as such."""
    note = _amended(lymphedema_note)
    rehashed = _edit_json(note, _set("signature", "content_sha256", value="f" * 64))
    assert _whats(rehashed) == ["content hash", "addendum [0] chain hash"]
    backdated = _edit_json(note, _set("signature", "signed_at", value="2026-11-19T10:00:00-04:00"))
    assert _whats(backdated) == ["signature time"]


def test_removing_the_last_addendum_shows_against_a_stored_head(lymphedema_note: Note) -> None:
    """No chain shows a removed last addendum; a head kept elsewhere does, growth is fine."""
    note = _amended(lymphedema_note)
    head = verify(note).head_sha256
    assert head is not None
    truncated = _edit_json(note, _remove_addendum(1))
    assert verify(truncated).ok
    assert _whats(attrs.evolve(truncated)) == []
    assert [m.what for m in verify(truncated, head=head).mismatches] == ["head hash"]
    earlier_head = verify(_signed(lymphedema_note)).head_sha256
    assert verify(note, head=earlier_head).ok


@pytest.mark.parametrize(
    "family",
    ["client", "session", "region", "addendum"],
)
def test_attrs_evolve_cannot_slip_past_verify(lymphedema_note: Note, family: str) -> None:
    """attrs.evolve can build a signed note that no longer matches its hash; verify catches it."""
    note = _amended(lymphedema_note)
    session = note.session
    if family == "client":
        changed = attrs.evolve(note, client=attrs.evolve(note.client, given_name="Zoe"))
        expected = ["content hash"]
    elif family == "session":
        subjective = attrs.evolve(session.subjective, pain=7)
        changed = attrs.evolve(note, session=attrs.evolve(session, subjective=subjective))
        expected = ["content hash"]
    elif family == "region":
        treatment = (attrs.evolve(session.treatment[0], minutes=9), *session.treatment[1:])
        changed = attrs.evolve(note, session=attrs.evolve(session, treatment=treatment))
        expected = ["content hash"]
    else:
        addenda = (attrs.evolve(note.addenda[0], text="Pain was 6/10."), note.addenda[1])
        changed = attrs.evolve(note, addenda=addenda)
        expected = ["addendum [0] chain hash"]
    assert _whats(changed) == expected


# -- round trips ---------------------------------------------------------------------------


@pytest.mark.parametrize("first", ["json", "toml"])
@pytest.mark.parametrize("second", ["json", "toml"])
def test_signed_notes_verify_after_round_trips(
    lymphedema_note: Note, first: Format, second: Format
) -> None:
    """A signed, amended note still verifies after JSON and TOML round trips, in any order."""
    note = _amended(lymphedema_note)
    once = soapnotes.loads(soapnotes.dumps(note, first), first)
    twice = soapnotes.loads(soapnotes.dumps(once, second), second)
    assert verify(twice).ok
    assert content_hash(twice) == LYMPHEDEMA_CONTENT_SHA256
    assert twice.addenda == note.addenda


def test_every_example_signs_and_verifies_from_both_twins(example_name: str) -> None:
    """Each shipped example signs; the JSON and TOML twins hash the same."""
    toml_note = soapnotes.load(EXAMPLES_DIR / f"{example_name}.toml")
    json_note = soapnotes.load(EXAMPLES_DIR / f"{example_name}.json")
    assert canonical_json(toml_note) == canonical_json(json_note)
    at = toml_note.session.start + dt.timedelta(hours=2)
    signed = sign(toml_note, SIGNER, CREDENTIAL, at, now=at)
    assert verify(soapnotes.loads(soapnotes.dumps(signed, "toml"), "toml")).ok


# Any text but a draft's fill-in mark: signing refuses a field that still starts with it
# (rule SN-DF-001, tested in tests/rules), which is not what this property is about.
_FREE_TEXT = st.text(min_size=1, max_size=60).filter(
    lambda s: bool(s.strip()) and not s.startswith(DRAFT_MARK)
)


@given(text=_FREE_TEXT, field=st.sampled_from(["chief_complaint", "notes", "summary", "name"]))
def test_any_free_text_signs_verifies_and_round_trips(text: str, field: str) -> None:
    """Whatever the text in a free-text field, sign then verify is ok, and stays ok via files."""
    note = soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml")
    session = note.session
    if field == "chief_complaint":
        subjective = attrs.evolve(session.subjective, chief_complaint=text)
        note = attrs.evolve(note, session=attrs.evolve(session, subjective=subjective))
    elif field == "notes":
        plan = attrs.evolve(session.plan, notes=text)
        note = attrs.evolve(note, session=attrs.evolve(session, plan=plan))
    elif field == "summary":
        assessment = attrs.evolve(session.assessment, summary=text)
        note = attrs.evolve(note, session=attrs.evolve(session, assessment=assessment))
    else:
        note = attrs.evolve(note, client=attrs.evolve(note.client, given_name=text))
    note = amend(_signed(note), "Author", NOW, text, text, now=NOW)
    assert verify(note).ok
    formats: tuple[Format, ...] = ("json", "toml")
    for fmt in formats:
        again = soapnotes.loads(soapnotes.dumps(note, fmt), fmt)
        assert verify(again).ok, fmt
        assert canonical_json(again) == canonical_json(note)
