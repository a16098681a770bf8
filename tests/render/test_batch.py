"""Batch rendering: a result per input in order, predictable names, atomic outputs."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import soapnotes
from soapnotes import Note
from soapnotes.render import render_note_bytes
from soapnotes.render.batch import iter_render_many, output_name, render_many
from tests.conftest import EXAMPLES_DIR

ARM = EXAMPLES_DIR / "lymphedema-left-arm.json"
LEGS = EXAMPLES_DIR / "lipedema-legs.toml"


def test_render_function_and_notes_pickle() -> None:
    """render_note_bytes and a note survive pickling, so Dask/Ray/process pools can ship them."""
    note = soapnotes.load(ARM)
    function = pickle.loads(pickle.dumps(render_note_bytes))  # noqa: S301 - our own data
    assert function is render_note_bytes
    assert pickle.loads(pickle.dumps(note)) == note  # noqa: S301


def test_output_name_is_client_date_session() -> None:
    """PDFs are named <client_id>_<YYYY-MM-DD>_<session_id>.pdf."""
    note = soapnotes.load(ARM)
    assert output_name(note) == f"{note.client.id}_2026-11-20_{note.session.id}.pdf"


@pytest.mark.parametrize("workers", [1, 2])
def test_bad_inputs_give_errors_and_the_rest_render(tmp_path: Path, workers: int) -> None:
    """A missing file, an invalid note and a duplicate each give an error; others render."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1}', encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    note = soapnotes.load(LEGS)
    inputs: list[Note | Path] = [ARM, tmp_path / "missing.json", bad, note, LEGS]
    results = render_many(inputs, out, workers=workers)
    assert [r.ok for r in results] == [True, False, False, True, False]
    assert [r.source for r in results] == [
        str(ARM),
        str(tmp_path / "missing.json"),
        str(bad),
        "note[3]",
        str(LEGS),
    ]
    assert "is required but missing" in (results[2].error or "")
    assert results[4].error == "same client, session date and session id as note[3]"
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted([output_name(soapnotes.load(ARM)), output_name(note)])
    assert all(p.read_bytes().startswith(b"%PDF-") for p in out.iterdir())


def test_results_stream_lazily_from_a_generator(tmp_path: Path) -> None:
    """Inputs are read lazily: the first result arrives before the input is exhausted."""
    consumed: list[int] = []

    def inputs() -> object:
        for index in range(3):
            consumed.append(index)
            yield ARM if index == 0 else tmp_path / f"missing-{index}.json"

    results = iter_render_many(inputs(), tmp_path, workers=1)  # type: ignore[arg-type]
    first = next(results)
    assert first.ok
    assert consumed == [0]
    assert [r.ok for r in results] == [False, False]


def test_out_dir_must_exist(tmp_path: Path) -> None:
    """A missing out_dir is an error up front, not one per note."""
    with pytest.raises(NotADirectoryError):
        render_many([ARM], tmp_path / "nowhere")


def test_batch_pdfs_get_ordinary_permissions(tmp_path: Path) -> None:
    """PDFs from a batch are created like any file (0666 less the umask), not 0600."""
    import os
    import stat

    (result,) = render_many([EXAMPLES_DIR / "swedish-fibromyalgia.toml"], tmp_path, workers=1)
    assert result.ok
    assert result.output is not None
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(Path(result.output).stat().st_mode) == 0o666 & ~umask


def test_unexpected_errors_do_not_echo_their_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug's message may quote the note, so a batch reports only its type."""
    import soapnotes.render

    def explode(*args: object, **kwargs: object) -> bytes:
        raise KeyError("Client disclosed XYZZY")

    monkeypatch.setattr(soapnotes.render, "render_note_bytes", explode)
    (result,) = render_many([EXAMPLES_DIR / "swedish-fibromyalgia.toml"], tmp_path, workers=1)
    assert not result.ok
    assert result.error == "unexpected KeyError while rendering (details withheld)"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("chunksize", [0, -1, 1.5, True, "4"])
def test_bad_chunk_sizes_are_usage_errors(tmp_path: Path, chunksize: object) -> None:
    """chunksize below 1 or not a whole number is refused up front, not once per note."""
    from concurrent.futures import ThreadPoolExecutor

    from soapnotes.errors import UsageError

    with ThreadPoolExecutor(1) as pool, pytest.raises(UsageError, match="chunksize"):
        render_many([ARM], tmp_path, executor=pool, chunksize=chunksize)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("notes", "workers", "expected"),
    [(48, 2, 6), (1000, 2, 8), (3, 8, 1), (0, 2, 1), (33, 1, 8), (9, 1, 3)],
)
def test_the_default_chunk_size_follows_the_notes_and_workers(
    notes: int, workers: int, expected: int
) -> None:
    """ceil(notes / (4 * workers)), from 1 to 8, as multiprocessing.Pool.map chooses."""
    from soapnotes.render._executor import default_chunksize

    assert default_chunksize([ARM] * notes, workers) == expected


def test_an_iterator_of_unknown_length_gets_chunks_of_four() -> None:
    """A generator has no length to divide: the default is 4 notes a task."""
    from soapnotes.render._executor import default_chunksize

    assert default_chunksize(iter([ARM] * 100), 2) == 4
