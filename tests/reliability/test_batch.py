"""Issue 19 items 3, 4, 5b, 6, 11 (and issue 16's executors): batches that account for every
note, whatever happens to their workers."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any, cast

import pytest

import soapnotes
from soapnotes._files import remove_stale_temporaries
from soapnotes.render import batch
from soapnotes.render._executor import executor_workers
from soapnotes.render.batch import iter_render_many, render_many
from tests.conftest import EXAMPLES_DIR
from tests.reliability._helpers import arm_data, run_cli, write_note

_REAL_RENDER_ONE = batch._render_one
linux_only = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")


def _notes(folder: Path, count: int) -> list[Path]:
    """``count`` copies of the left-arm note, each with its own session id."""
    folder.mkdir(exist_ok=True)
    paths = []
    for index in range(count):
        data = arm_data()
        data["session"]["id"] = f"s{index:03d}"
        paths.append(write_note(folder / f"n{index:03d}.json", data))
    return paths


def _dies_on_killme(item: Any, *args: Any) -> Any:
    """A worker's render that kills its own process for an input named ``killme``."""
    if "killme" in os.fspath(item):
        os.kill(os.getpid(), signal.SIGKILL)
    return _REAL_RENDER_ONE(item, *args)


def _dies_once(item: Any, *args: Any) -> Any:
    """Kill the worker the first time it renders ``once`` (a marker file remembers)."""
    marker = Path(os.fspath(item)).with_suffix(".died")
    if "once" in os.fspath(item) and not marker.exists():
        marker.write_text("", encoding="utf-8")
        os.kill(os.getpid(), signal.SIGKILL)
    return _REAL_RENDER_ONE(item, *args)


def _slow_on_slow(item: Any, *args: Any) -> Any:
    """Hang for a minute on an input named ``slow``."""
    if "slow" in os.fspath(item):
        time.sleep(60)
    return _REAL_RENDER_ONE(item, *args)


def _records_pid(item: Any, *args: Any) -> Any:
    """Render, leaving a file named by the worker's process id beside the input."""
    (Path(os.fspath(item)).parent / f"pid-{os.getpid()}").write_text("", encoding="utf-8")
    return _REAL_RENDER_ONE(item, *args)


def test_a_worker_killed_on_every_try_is_reported_and_the_rest_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A note whose worker dies (SIGKILL) twice is reported; every other note renders."""
    monkeypatch.setattr(batch, "_render_one", _dies_on_killme)
    paths = _notes(tmp_path / "in", 8)
    paths.insert(3, write_note(tmp_path / "in" / "killme.json", arm_data()))
    out = tmp_path / "out"
    out.mkdir()
    results = render_many(paths, out, workers=2)
    assert [r.source for r in results] == [str(p) for p in paths]
    assert [r.ok for r in results] == [i != 3 for i in range(9)]
    assert "died twice (SIGKILL)" in (results[3].error or "")
    assert len(list(out.glob("*.pdf"))) == 8
    assert not [p for p in out.iterdir() if p.suffix == ".tmp"]


def test_a_worker_killed_once_is_replaced_and_its_note_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker lost once (as to the OOM killer) costs nothing: its note is rendered anew."""
    monkeypatch.setattr(batch, "_render_one", _dies_once)
    paths = _notes(tmp_path / "in", 4)
    paths.append(write_note(tmp_path / "in" / "once.json", arm_data()))
    results = render_many(paths, tmp_path, workers=2)
    assert all(r.ok for r in results), [r.error for r in results]


def test_a_note_over_the_time_limit_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A note that hangs is stopped at the time limit and reported; the batch goes on."""
    monkeypatch.setattr(batch, "_render_one", _slow_on_slow)
    paths = _notes(tmp_path / "in", 3)
    paths.insert(1, write_note(tmp_path / "in" / "slow.json", arm_data()))
    start = time.monotonic()
    results = render_many(paths, tmp_path, workers=2, time_limit=2)
    assert time.monotonic() - start < 40
    assert [r.ok for r in results] == [True, False, True, True]
    assert "time limit" in (results[1].error or "")


def test_never_more_workers_than_notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """workers=200 for 3 notes starts at most 3 processes."""
    monkeypatch.setattr(batch, "_render_one", _records_pid)
    paths = _notes(tmp_path / "in", 3)
    assert all(r.ok for r in render_many(paths, tmp_path, workers=200))
    assert 1 <= len(list((tmp_path / "in").glob("pid-*"))) <= 3


def test_stale_temporaries_of_dead_writers_are_removed(tmp_path: Path) -> None:
    """A .tmp left by a killed writer goes on the next run; a live writer's stays."""
    dead = tmp_path / f".a.pdf.{2**22 + 7}-0123456789abcdef.tmp"
    live = tmp_path / f".b.pdf.{os.getppid()}-0123456789abcdef.tmp"
    other = tmp_path / ".keep.tmp"
    for path in (dead, live, other):
        path.write_bytes(b"half a pdf")
    render_many([EXAMPLES_DIR / "swedish-fibromyalgia.toml"], tmp_path, workers=1)
    assert not dead.exists()
    assert live.exists()
    assert other.exists()


def test_any_executor_renders_the_same(tmp_path: Path) -> None:
    """render_many(executor=ThreadPoolExecutor) gives the same results as the own pool."""
    paths = _notes(tmp_path / "in", 3)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with ThreadPoolExecutor(2) as pool:
        on_threads = render_many(paths, tmp_path / "a", executor=pool)
    own = render_many(paths, tmp_path / "b", workers=2)
    assert [(r.ok, r.output.name if r.output else None) for r in on_threads] == [
        (r.ok, r.output.name if r.output else None) for r in own
    ]


def test_a_dask_client_renders_on_a_local_cluster(tmp_path: Path) -> None:
    """render_many(executor=distributed.Client) on a LocalCluster of 2 processes, in chunks
    of 2 with a missing file inside one: a result per note, in order."""
    distributed = pytest.importorskip("distributed")
    paths = _notes(tmp_path / "in", 4)
    paths.insert(3, tmp_path / "in" / "missing.json")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        assert executor_workers(client, client.get_executor(), None) == 2
        results = render_many(paths, tmp_path, executor=client, chunksize=2)
        by_default = render_many(paths[:2], tmp_path / "in", executor=client)
    assert [r.source for r in results] == [str(p) for p in paths]
    assert [r.ok for r in results] == [True, True, True, False, True]
    assert "cannot" in (results[3].error or "") or "No such file" in (results[3].error or "")
    assert len(list(tmp_path.glob("*.pdf"))) == 4
    assert all(r.ok for r in by_default)


class _CountingPool(ThreadPoolExecutor):
    """A thread pool that records how many notes each submitted task holds."""

    def __init__(self, max_workers: int) -> None:
        super().__init__(max_workers)
        self.sizes: list[int] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.sizes.append(len(args[0]))
        return super().submit(fn, *args, **kwargs)


def test_an_executor_gets_the_notes_in_chunks(tmp_path: Path) -> None:
    """chunksize=3 over 10 notes submits 4 tasks (3+3+3+1); each note gets its own result."""
    paths = _notes(tmp_path / "in", 10)
    with _CountingPool(2) as pool:
        results = render_many(paths, tmp_path, executor=pool, chunksize=3)
    assert pool.sizes == [3, 3, 3, 1]
    assert [r.source for r in results] == [str(p) for p in paths]
    assert all(r.ok for r in results)
    assert len(list(tmp_path.glob("*.pdf"))) == 10


def test_the_default_chunk_gives_each_worker_about_four_tasks(tmp_path: Path) -> None:
    """48 notes on an executor of 2 workers: 8 tasks of 6 notes (ceil(48 / (4 * 2)))."""
    paths = _notes(tmp_path / "in", 1) * 48  # one file: the same PDF, named once
    with _CountingPool(2) as pool:
        results = render_many(paths, tmp_path, executor=pool)
    assert pool.sizes == [6] * 8
    assert [r.ok for r in results] == [True] + [False] * 47
    assert "same client, session date and session id" in (results[1].error or "")


def _slow_first(item: Any, *args: Any) -> Any:
    """Render the first two inputs only once the six others have ended; note each end.

    An event, not a pause: on a loaded machine a fixed pause let the later chunks end after
    the first one, and the test checked nothing.
    """
    name = Path(os.fspath(item)).stem
    if name in ("n000", "n001"):
        assert _OTHERS_ENDED.wait(timeout=60), "the later chunks never ended"
    outcome = _REAL_RENDER_ONE(item, *args)
    with _ENDED_LOCK:
        _ENDED.append(name)
        if sum(n not in ("n000", "n001") for n in _ENDED) == 6:
            _OTHERS_ENDED.set()
    return outcome


_ENDED: list[str] = []
_ENDED_LOCK = threading.Lock()
_OTHERS_ENDED = threading.Event()


def test_chunks_that_end_early_still_give_results_in_input_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first chunk ends last: the results are in input order all the same."""
    monkeypatch.setattr(batch, "_render_one", _slow_first)
    _ENDED.clear()
    _OTHERS_ENDED.clear()
    paths = _notes(tmp_path / "in", 8)
    with ThreadPoolExecutor(3) as pool:
        results = list(iter_render_many(paths, tmp_path, executor=pool, chunksize=2))
    assert _ENDED[-1] in ("n000", "n001"), _ENDED  # later chunks really ended first
    assert [r.source for r in results] == [str(p) for p in paths]
    assert all(r.ok for r in results)


def test_a_bad_note_inside_a_chunk_fails_alone(tmp_path: Path) -> None:
    """A missing and an invalid note inside one chunk are reported; the chunk's others render."""
    paths = _notes(tmp_path / "in", 3)
    invalid = write_note(tmp_path / "in" / "invalid.json", {"schema_version": 1})
    inputs = [paths[0], tmp_path / "in" / "missing.json", invalid, paths[1], paths[2]]
    with ThreadPoolExecutor(2) as pool:
        results = render_many(inputs, tmp_path, executor=pool, chunksize=5)
    assert [r.ok for r in results] == [True, False, False, True, True]
    assert "is required but missing" in (results[2].error or "")
    assert len(list(tmp_path.glob("*.pdf"))) == 3


def test_chunked_inputs_are_still_read_lazily(tmp_path: Path) -> None:
    """With an executor, the first result arrives after a bounded read-ahead of the input."""
    consumed: list[int] = []
    (path,) = _notes(tmp_path / "in", 1)

    def inputs() -> Iterator[Path]:
        for index in range(100):
            consumed.append(index)
            yield path if index == 0 else tmp_path / f"missing-{index}.json"

    with ThreadPoolExecutor(1) as pool:
        results = iter_render_many(inputs(), tmp_path, executor=pool, chunksize=2)
        assert next(results).ok
        # Four chunks per worker running, as many again done and waiting, one being read.
        assert len(consumed) <= 2 * 4 * 2 + 2
        assert sum(1 for r in results if not r.ok) == 99


def test_a_batch_stopped_early_leaves_no_temporaries(tmp_path: Path) -> None:
    """Closing the results early: PDFs rendered ahead by live workers are not left behind."""
    paths = _notes(tmp_path / "in", 12)
    out = tmp_path / "out"
    out.mkdir()
    with ThreadPoolExecutor(2) as pool:
        results = cast(
            "Generator[Any, None, None]", iter_render_many(paths, out, executor=pool, chunksize=2)
        )
        assert next(results).ok
        results.close()  # as on Ctrl-C: the first chunk half handed over, others running
    assert [p.name for p in out.iterdir() if p.suffix == ".tmp"] == []
    assert [p.name for p in out.glob("*.pdf")] == [
        f"{soapnotes.load(paths[0]).client.id}_2026-11-20_s000.pdf"
    ]


def test_an_executor_is_kept_as_busy_as_it_has_workers(tmp_path: Path) -> None:
    """Without workers=, a pool's own max_workers sets how much is submitted ahead."""
    started = threading.Semaphore(0)
    release = threading.Event()
    (path,) = _notes(tmp_path / "in", 1)

    def waits(items: Any, *args: Any) -> Any:
        started.release()
        release.wait(30)
        return [(None, None, "held", (), ())] * len(items)

    with ThreadPoolExecutor(12) as pool:
        real_submit = pool.submit
        pool.submit = lambda fn, *a, **k: real_submit(waits, *a, **k)  # type: ignore[method-assign,assignment]
        results = iter_render_many([path] * 24, tmp_path, executor=pool, chunksize=1)
        runner = threading.Thread(target=lambda: list(results))
        runner.start()
        try:
            # 12 tasks at once, more than four times this machine's cores on CI (2).
            assert all(started.acquire(timeout=30) for _ in range(12))
        finally:
            release.set()
            runner.join(30)


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="the kill is patched in"
)
def test_a_process_pool_worker_killed_mid_chunk_leaves_no_partial_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """kill -9 mid-chunk on a ProcessPoolExecutor: its notes reported, no PDF half-written."""
    monkeypatch.setattr(batch, "_render_one", _dies_on_killme)
    paths = _notes(tmp_path / "in", 6)
    paths.insert(4, write_note(tmp_path / "in" / "killme.json", arm_data()))
    out = tmp_path / "out"
    out.mkdir()
    fork = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(2, mp_context=fork) as pool:
        results = render_many(paths, out, executor=pool, chunksize=3)
    assert [r.source for r in results] == [str(p) for p in paths]
    assert results[4].error == "worker failed: BrokenProcessPool"
    written = sorted(p.name for p in out.glob("*.pdf"))
    assert written == sorted(r.output.name for r in results if r.output is not None)
    for pdf in out.glob("*.pdf"):
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF")
    remove_stale_temporaries(out)  # the pool's workers are gone: their leftovers are stale
    assert list(out.glob(".*.tmp")) == []


def _install_killer() -> None:
    """In a Dask worker: die (SIGKILL) the first time an input named ``once`` is rendered."""
    batch._render_one = _dies_once  # type: ignore[assignment]


def test_a_chunk_lost_with_its_dask_worker_is_rendered_note_by_note(tmp_path: Path) -> None:
    """Dask gives up on a chunk whose worker died: each of its notes is tried on its own."""
    distributed = pytest.importorskip("distributed")
    dask = pytest.importorskip("dask")
    paths = _notes(tmp_path / "in", 6)
    paths.insert(4, write_note(tmp_path / "in" / "once.json", arm_data()))
    plugin: Any = distributed.WorkerPlugin  # the `dask` extra is untyped

    class KillOnce(plugin):  # type: ignore[misc]
        """Also in the workers that replace the killed ones."""

        def setup(self, worker: Any) -> None:
            _install_killer()

    with (
        # No retries by Dask: the first death fails the chunk (and any task waiting on
        # that worker), so what renders them after is render_many.
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.register_plugin(KillOnce(), name="kill-once")
        results = render_many(paths, tmp_path, executor=client, chunksize=3)
    assert (tmp_path / "in" / "once.died").exists()  # a worker did die mid-chunk
    assert [r.source for r in results] == [str(p) for p in paths]
    assert all(r.ok for r in results), [r.error for r in results]
    assert len(list(tmp_path.glob("*.pdf"))) == 7
    assert list(tmp_path.glob(".*.tmp")) == []  # the dead worker's leftover is removed


_FONTS_AT_FIRST_NOTE = """
import os, sys
from soapnotes.render import batch, fonts

real = batch._render_one

def reports(item, *args):
    with open(os.path.join(sys.argv[2], f"fonts-{os.getpid()}"), "a") as handle:
        handle.write(str(bool(fonts._family)))
    return real(item, *args)

batch._render_one = reports
results = batch.render_many(sys.argv[3:], sys.argv[2], workers=2)
assert all(r.ok for r in results), [r.error for r in results]
"""


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="warmed for fork only"
)
def test_forked_workers_start_with_the_fonts_loaded(tmp_path: Path) -> None:
    """The batch parent renders once before forking: no worker reads the fonts again."""
    paths = [str(p) for p in _notes(tmp_path / "in", 4)]
    out = tmp_path / "out"
    out.mkdir()
    script = [sys.executable, "-c", _FONTS_AT_FIRST_NOTE, "-", str(out), *paths]
    subprocess.run(script, check=True, timeout=120)
    seen = "".join(p.read_text(encoding="utf-8") for p in out.glob("fonts-*"))
    assert seen == "True" * 4


def test_the_ray_example_renders_every_note_on_ray() -> None:
    """benchmarks/ray_render.py (docs' Ray adapter) renders on a local Ray, when installed."""
    pytest.importorskip("ray")  # not in the test extra: it is large
    script = Path(__file__).resolve().parents[2] / "benchmarks" / "ray_render.py"
    result = subprocess.run(
        [sys.executable, str(script), "--notes", "6", "--cpus", "2"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "rendered 6 of 6 notes" in result.stdout


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text(encoding="ascii")
        found += [int(n) for n in text.split()]
    return found


def _gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in status  # a zombie has exited


def _start_batch(folder: Path, out: Path) -> tuple[subprocess.Popen[str], list[int]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "soapnotes", "render", str(folder), "--out-dir", str(out),
         "--workers", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        children = [c for c in _children(process.pid) if not _gone(c)]
        if len(children) >= 2:
            return process, children
        time.sleep(0.05)
    process.kill()
    raise AssertionError("the batch started no workers")


@linux_only
def test_cli_batch_survives_a_worker_killed_from_outside(tmp_path: Path) -> None:
    """kill -9 on a worker mid-batch: every note ends rendered or reported, summary printed."""
    _notes(tmp_path / "in", 30)
    process, children = _start_batch(tmp_path / "in", tmp_path / "out")
    time.sleep(0.5)
    os.kill(children[0], signal.SIGKILL)
    out, err = process.communicate(timeout=300)
    assert "Traceback" not in err
    assert "rendered " in out
    assert " of 30 notes" in out
    rendered = len(list((tmp_path / "out").glob("*.pdf")))
    reported = err.count(": not rendered: ")
    assert rendered + reported == 30
    assert process.returncode == (2 if reported else 0)


@linux_only
def test_workers_exit_when_the_batch_parent_is_killed(tmp_path: Path) -> None:
    """kill -9 on the batch parent: its workers are gone within seconds."""
    _notes(tmp_path / "in", 30)
    process, children = _start_batch(tmp_path / "in", tmp_path / "out")
    process.kill()
    process.communicate(timeout=60)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not all(_gone(c) for c in children):
        time.sleep(0.1)
    assert all(_gone(c) for c in children)


@pytest.mark.parametrize("workers", ["0", "-1", "99999999999999999999", "two"])
def test_bad_worker_counts_are_usage_errors(tmp_path: Path, workers: str) -> None:
    """--workers 0/-1/huge/not a number: exit 2 with a usage message, no traceback."""
    result = run_cli("render", str(EXAMPLES_DIR), "--out-dir", str(tmp_path), "--workers", workers)
    assert result.returncode == 2
    assert "--workers" in result.stderr
    assert "Traceback" not in result.stderr


def test_out_dir_that_is_a_file_or_unwritable_is_a_usage_error(tmp_path: Path) -> None:
    """--out-dir naming a file, or a folder nothing can be written to, exits 2 up front."""
    a_file = tmp_path / "file"
    a_file.write_text("", encoding="utf-8")
    for out_dir in (str(a_file), str(a_file / "below"), "/proc"):
        result = run_cli("render", str(EXAMPLES_DIR), "--out-dir", out_dir, "--workers", "1")
        assert result.returncode == 2, (out_dir, result.stderr)
        assert "--out-dir" in result.stderr
        assert "Traceback" not in result.stderr


def test_folder_renders_follow_the_file_exit_codes(tmp_path: Path) -> None:
    """A folder with a rule-error note exits 1 and names the finding; an invalid one exits 2."""
    flagged = tmp_path / "flagged"
    flagged.mkdir()
    shutil.copy(EXAMPLES_DIR / "invalid" / "timing.toml", flagged / "timing.toml")
    (tmp_path / "a").mkdir()
    direct = run_cli("render", str(flagged / "timing.toml"), "--out-dir", str(tmp_path / "a"))
    folder = run_cli("render", str(flagged), "--out-dir", str(tmp_path / "b"))
    assert direct.returncode == folder.returncode == 1
    assert "SN-" in folder.stderr
    invalid = tmp_path / "invalid"
    invalid.mkdir()
    (invalid / "bad.json").write_text("{", encoding="utf-8")
    assert run_cli("render", str(invalid), "--out-dir", str(tmp_path / "c")).returncode == 2
