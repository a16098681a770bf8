"""reportlab's C accelerator (rl-accel, a default dependency where it has wheels) changes
speed only: the PDF is the same, byte for byte, with or without it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES_DIR

_RENDER = """
import sys
if sys.argv[1] == "without":
    sys.modules["_rl_accel"] = None  # reportlab falls back to its pure-Python code
import soapnotes
from reportlab.lib import rl_accel
from soapnotes.render import render_note_bytes
print(rl_accel.fp_str.__module__, file=sys.stderr)
note = soapnotes.load(sys.argv[2])
sys.stdout.buffer.write(render_note_bytes(note, findings=soapnotes.validate(note)))
"""


def _render(mode: str, path: str) -> tuple[bytes, str]:
    result = subprocess.run(
        [sys.executable, "-c", _RENDER, mode, path], capture_output=True, check=True
    )
    return result.stdout, result.stderr.decode().strip()


@pytest.mark.parametrize("name", ["lymphedema-left-arm", "swedish-fibromyalgia"])
def test_the_accelerator_changes_no_byte(name: str) -> None:
    pytest.importorskip("_rl_accel")
    path = str(EXAMPLES_DIR / f"{name}.toml")
    fast, fast_module = _render("with", path)
    slow, slow_module = _render("without", path)
    assert (fast_module, slow_module) == ("_rl_accel", "reportlab.lib.rl_accel")
    assert fast == slow
