"""soapnotes: typed SOAP treatment notes for lymphatic drainage (and other) massage.

Records live in :mod:`soapnotes.models`; reading and writing in :mod:`soapnotes.io`; the
clinical rules (:func:`validate`) in :mod:`soapnotes.rules`.
``import soapnotes`` is light: rendering (reportlab) and strategies (hypothesis) load only
when used.
"""

from typing import TYPE_CHECKING as _TYPE_CHECKING

from soapnotes._version import __version__
from soapnotes.errors import (
    ClinicalRuleViolation,
    InvalidRecord,
    LifecycleError,
    Problem,
    RenderError,
    SoapnotesError,
)
from soapnotes.io import dump, dumps, from_dict, load, loads, to_dict
from soapnotes.models import *  # noqa: F403 - the records are the public API
from soapnotes.models import __all__ as _models_all
from soapnotes.rules import RULES, Finding, RuleCode, RuleOptions, Severity, rule_codes, validate

if _TYPE_CHECKING:  # served lazily at run time by __getattr__ below, typed for checkers here
    from soapnotes.lifecycle import (
        Mismatch,
        Verification,
        amend,
        canonical_json,
        content_hash,
        sign,
        verify,
    )
    from soapnotes.progress import (
        Course,
        Progress,
        compute_progress,
        course_from_notes,
        load_course,
    )
    from soapnotes.render import (
        RenderOptions,
        render_note,
        render_note_bytes,
        render_progress,
        render_progress_bytes,
    )


__all__ = [
    "RULES",
    "ClinicalRuleViolation",
    "Course",
    "Finding",
    "InvalidRecord",
    "LifecycleError",
    "Problem",
    "Progress",
    "RenderError",
    "RuleCode",
    "RuleOptions",
    "Severity",
    "SoapnotesError",
    "__version__",
    "compute_progress",
    "course_from_notes",
    "dump",
    "dumps",
    "from_dict",
    "load",
    "load_course",
    "loads",
    "rule_codes",
    "to_dict",
    "validate",
    "RenderOptions",
    "render_note",
    "render_note_bytes",
    "render_progress",
    "render_progress_bytes",
    *_models_all,
]

# The record's life: sign, amend, verify (soapnotes.lifecycle).
__all__ += [
    "Mismatch",
    "Verification",
    "amend",
    "canonical_json",
    "content_hash",
    "sign",
    "verify",
]

#: Names served lazily, by module: ``import soapnotes`` loads neither reportlab nor the
#: lifecycle and progress modules until one of their names is used.
_LAZY = {
    **dict.fromkeys(
        ("Mismatch", "Verification", "amend", "canonical_json", "content_hash", "sign", "verify"),
        "soapnotes.lifecycle",
    ),
    **dict.fromkeys(
        ("Course", "Progress", "compute_progress", "course_from_notes", "load_course"),
        "soapnotes.progress",
    ),
    **dict.fromkeys(
        (
            "RenderOptions",
            "render_note",
            "render_note_bytes",
            "render_progress",
            "render_progress_bytes",
        ),
        "soapnotes.render",
    ),
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'soapnotes' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip __getattr__
    return value
