"""Answering a draft's marks the way a therapist would, for the tests."""

from __future__ import annotations

import re
from typing import Any

import soapnotes
from soapnotes.models import Note
from soapnotes.workflow import to_fill

_STEP = re.compile(r"\.([a-z_0-9]+)|\[(\d+)\]")


def _parent(data: dict[str, Any], path: str) -> tuple[Any, str | int]:
    steps: list[str | int] = [
        name if name else int(index) for name, index in _STEP.findall(path[1:])
    ]
    node: Any = data
    for step in steps[:-1]:
        node = node[step]
    return node, steps[-1]


def answer_marks(note: Note) -> Note:
    """``note`` with every mark answered: each question 'no', each text written."""
    data = soapnotes.to_dict(note)
    for item in to_fill(note):
        parent, key = _parent(data, item.path)
        if isinstance(parent[key], dict) and "question" in parent[key]:
            parent[key]["answer"] = "no"
            parent[key]["detail"] = "Asked again today."
        else:
            parent[key] = "Written at the visit."
    return soapnotes.from_dict(data)
