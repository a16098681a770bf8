"""What keyed signing, verifying and archival PDFs cost per note: warm, in one process.

Run from the repository root: ``python benchmarks/sign_verify.py [N]``. Not a test. Uses the
test PKI of ``tests/pki.py`` (keys generated on the fly) and the left-arm example; prints
the median and minimum of N runs of each step, in milliseconds.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import soapnotes
from soapnotes.lifecycle import SigningKey
from soapnotes.render import render_note_bytes, sign_pdf, verify_pdf
from tests.pki import pki

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "lymphedema-left-arm.toml"
AT = dt.datetime(2026, 11, 20, 11, 5, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)


def _time(label: str, step: Callable[[], Any], repetitions: int) -> None:
    step()  # warm up: imports, fonts, caches
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    print(f"{label:44} median {statistics.median(times):7.2f} ms  min {min(times):7.2f} ms")


def main(repetitions: int = 30) -> None:
    note = soapnotes.load(EXAMPLE)
    test_pki = pki()
    roots = [test_pki.root.certificate]

    def keyed(party: Any) -> dict[str, Any]:
        return {"key": party.key, "certificate": party.certificate, "chain": test_pki.chain(party)}

    def sign(**key: Any) -> soapnotes.Note:
        return soapnotes.sign(note, "Maren Albrecht", "RMT", AT, now=NOW, **key)

    unkeyed, ed25519, p256 = (
        sign(),
        sign(**keyed(test_pki.therapist)),
        sign(**keyed(test_pki.therapist_p256)),
    )
    _time("sign, no key (rules + hash)", sign, repetitions)
    _time("sign, Ed25519", lambda: sign(**keyed(test_pki.therapist)), repetitions)
    _time("sign, ECDSA P-256", lambda: sign(**keyed(test_pki.therapist_p256)), repetitions)
    _time("verify, no key", lambda: soapnotes.verify(unkeyed), repetitions)
    _time("verify, Ed25519, no trust roots", lambda: soapnotes.verify(ed25519), repetitions)
    _time(
        "verify, Ed25519, chain to the root",
        lambda: soapnotes.verify(ed25519, trust=roots),
        repetitions,
    )
    _time(
        "verify, P-256, chain to the root",
        lambda: soapnotes.verify(p256, trust=roots),
        repetitions,
    )
    _time("render, plain PDF", lambda: render_note_bytes(ed25519), repetitions)
    _time(
        "render, archival PDF/A-3b (with record)",
        lambda: render_note_bytes(ed25519, archival=True),
        repetitions,
    )
    _time(
        "render, archival PDF/A-1b", lambda: render_note_bytes(ed25519, archival="1b"), repetitions
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "note.pdf"
        path.write_bytes(render_note_bytes(ed25519, archival=True))
        _time("load the record from the PDF/A-3b", lambda: soapnotes.load(path), repetitions)
        _time(
            "load from the PDF + verify with the root",
            lambda: soapnotes.verify(soapnotes.load(path), trust=roots),
            repetitions,
        )
    _pades(p256, roots, repetitions)


def _pades(note: soapnotes.Note, roots: list[Any], repetitions: int) -> None:
    """PAdES B-B on the PDF/A-3b (P-256: PDF/A takes no Ed25519) and the three-check verify."""
    party = pki().therapist_p256
    key = SigningKey(key=party.key, certificate=party.certificate, chain=pki().chain(party))
    archival = render_note_bytes(note, archival=True)
    signed = sign_pdf(archival, key, credential="RMT", at=AT)
    _time("PAdES sign the PDF/A-3b (P-256, B-B)", lambda: sign_pdf(archival, key), repetitions)
    _time(
        "verify_pdf: signature, record, pages",
        lambda: verify_pdf(signed, trust=roots),
        repetitions,
    )
    print(f"PDF/A-3b {len(archival)} bytes, signed {len(signed)} (+{len(signed) - len(archival)})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
