"""Issue 19 items 1 and 5: every text field and list has a maximum at load, and note, font
and logo files are read only when regular and within a documented size."""

from __future__ import annotations

import os
import time
import typing
from pathlib import Path

import attrs
import pytest

import soapnotes.models as models
from soapnotes import _files
from soapnotes.errors import InvalidRecord, RenderError
from soapnotes.io import from_dict, load
from soapnotes.models import _fields
from tests.reliability._helpers import arm_data, run_cli, write_note


def _parts(validator: object) -> list[object]:
    if validator is None:
        return []
    inner = getattr(validator, "_validators", None)
    if inner:
        return [p for part in inner for p in _parts(part)]
    if isinstance(validator, _fields._Optional):
        return _parts(validator.check)
    return [validator]


def _records() -> list[type]:
    found = (getattr(models, n) for n in models.__all__)
    return sorted({c for c in found if isinstance(c, type) and attrs.has(c)}, key=str)


#: Validators of a fixed format (and so a fixed or short length) besides the text ones.
_FIXED_FORMAT = {"identifier", "_sha256_hex", "_optional_jws"}


def test_every_text_field_and_list_has_a_maximum() -> None:
    """No record field takes text or a list without an upper bound on its length."""
    for cls in _records():
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            parts = _parts(field.validator)
            shown = str(hints[field.name])
            if shown.startswith("tuple"):
                assert any(isinstance(p, _fields._TupleOf) for p in parts), (cls, field.name)
                limits = [p.max_len for p in parts if isinstance(p, _fields._TupleOf)]
                assert all(n <= _fields.MAX_LIST_ITEMS for n in limits), (cls, field.name)
            if hints[field.name] in (str, str | None):
                assert any(
                    isinstance(p, _fields._Text) or getattr(p, "__name__", "") in _FIXED_FORMAT
                    for p in parts
                ), (cls, field.name)


@pytest.mark.parametrize(
    ("where", "path", "limit"),
    [
        (("client", "given_name"), "$.client.given_name", _fields.MAX_NAME_CHARS),
        (("practice", "phone"), "$.practice.phone", _fields.MAX_NAME_CHARS),
        (("session", "subjective", "notes"), "$.session.subjective.notes", _fields.MAX_TEXT_CHARS),
    ],
)
def test_text_over_the_limit_is_refused_at_its_path(
    where: tuple[str, ...], path: str, limit: int
) -> None:
    """Text over its field's limit is an InvalidRecord at the field; at the limit it loads."""
    data = arm_data()
    holder = data
    for key in where[:-1]:
        holder = holder[key]
    holder[where[-1]] = "a" * limit
    from_dict(data)  # exactly at the limit: loads
    holder[where[-1]] = "a" * (limit + 1)
    with pytest.raises(InvalidRecord) as caught:
        from_dict(data)
    [problem] = caught.value.problems
    assert problem.path == path
    assert f"at most {limit:,} characters" in problem.message
    assert "aaa" not in str(caught.value)  # the text itself is never echoed


def test_a_list_over_the_limit_is_refused_quickly() -> None:
    """100,000 tape points are refused at the list's path, naming the limit, quickly."""
    data = arm_data()
    series = data["session"]["objective"]["circumferences"][0]
    series["points"] = [
        {"distance_cm": float(i % 60), "circumference_cm": 20.0} for i in range(100_000)
    ]
    start = time.perf_counter()
    with pytest.raises(InvalidRecord) as caught:
        from_dict(data)
    assert time.perf_counter() - start < 30
    paths = {p.path: p.message for p in caught.value.problems}
    message = paths["$.session.objective.circumferences[0].points"]
    assert f"at most {_fields.MAX_LIST_ITEMS:,} items" in message


def test_a_note_over_the_size_limit_is_refused_without_reading(tmp_path: Path) -> None:
    """A (sparse) note file larger than MAX_NOTE_BYTES is refused by its size."""
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(_files.MAX_NOTE_BYTES + 1)
    with pytest.raises(_files.FileRefused, match="limit"):
        load(big)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_note_is_refused_without_blocking(tmp_path: Path) -> None:
    """`validate` on a FIFO named .json reports it is not a regular file and exits 2 at once."""
    fifo = tmp_path / "note.json"
    os.mkfifo(fifo)
    result = run_cli("validate", str(fifo), timeout=60)
    assert result.returncode == 2, result.stderr
    assert "not a regular file" in result.stdout + result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_dev_zero_is_refused_within_a_memory_cap(tmp_path: Path) -> None:
    """A .json link to /dev/zero is refused (exit 2) by a CLI capped at 1 GiB of memory."""
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    result = run_cli("validate", str(link), timeout=60, memory_bytes=1 << 30)
    assert result.returncode == 2, result.stderr
    assert "not a regular file" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_fallback_font_from_dev_zero_is_a_render_error(tmp_path: Path) -> None:
    """`render --fallback-font /dev/zero` stops with a one-line error, not a memory blow-up."""
    note = write_note(tmp_path / "arm.json", arm_data())
    result = run_cli(
        "render", str(note), "--fallback-font", "/dev/zero", timeout=120, memory_bytes=2 << 30
    )
    assert result.returncode != 0
    assert "not a regular file" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_logo_fifo_is_a_render_error(tmp_path: Path) -> None:
    """RenderOptions(logo=FIFO) raises RenderError instead of waiting for a writer."""
    from soapnotes.examples import load_example
    from soapnotes.render import RenderOptions, render_note_bytes

    fifo = tmp_path / "logo.png"
    os.mkfifo(fifo)
    with pytest.raises(RenderError, match="not a regular file"):
        render_note_bytes(load_example(), options=RenderOptions(logo=str(fifo)))


def test_an_oversized_logo_is_a_render_error(tmp_path: Path) -> None:
    """A logo file over MAX_LOGO_BYTES is refused by its size."""
    from soapnotes.examples import load_example
    from soapnotes.render import RenderOptions, render_note_bytes

    logo = tmp_path / "logo.png"
    with logo.open("wb") as handle:
        handle.truncate(_files.MAX_LOGO_BYTES + 1)
    with pytest.raises(RenderError, match="limit"):
        render_note_bytes(load_example(), options=RenderOptions(logo=str(logo)))
