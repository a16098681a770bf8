"""What the reliability tests share: the example note as data, and running the CLI for real."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import EXAMPLES_DIR

ARM_JSON = EXAMPLES_DIR / "lymphedema-left-arm.json"


def arm_data() -> dict[str, Any]:
    """The left-arm example as plain data (a fresh copy each call)."""
    data: dict[str, Any] = json.loads(ARM_JSON.read_text(encoding="utf-8"))
    return data


def write_note(path: Path, data: dict[str, Any]) -> Path:
    """Write ``data`` as a JSON note file; return the path."""
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run_cli(
    *args: str, timeout: float = 120, memory_bytes: int | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m soapnotes ARGS`` in a child process (capped in memory when asked)."""

    def limit() -> None:  # pragma: no cover - runs in the child
        if memory_bytes is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))

    env = dict(os.environ, PYTHONWARNINGS="default")
    return subprocess.run(
        [sys.executable, "-m", "soapnotes", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit if memory_bytes is not None else None,
        env=env,
        cwd=cwd,
        check=False,
    )
