"""soapnotes: typed SOAP treatment notes for lymphatic drainage (and other) massage.

Records live in :mod:`soapnotes.models`; reading and writing in :mod:`soapnotes.io`; the
clinical rules (:func:`validate`) in :mod:`soapnotes.rules`.
``import soapnotes`` is light: rendering (reportlab) and strategies (hypothesis) load only
when used.
"""

from soapnotes.errors import (
    ClinicalRuleViolation,
    InvalidRecord,
    LifecycleError,
    Problem,
    RenderError,
    SoapnotesError,
)
from soapnotes.io import dump, dumps, from_dict, load, loads, to_dict
from soapnotes.lifecycle import (
    Mismatch,
    Verification,
    amend,
    canonical_json,
    content_hash,
    sign,
    verify,
)
from soapnotes.models import *  # noqa: F403 - the records are the public API
from soapnotes.models import __all__ as _models_all
from soapnotes.progress import Course, Progress, compute_progress, course_from_notes, load_course
from soapnotes.rules import RULES, Finding, RuleCode, RuleOptions, Severity, rule_codes, validate

__version__ = "0.1.0"

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
    "RenderOptions",  # noqa: F405 - served lazily by __getattr__
    "render_note",  # noqa: F405
    "render_note_bytes",  # noqa: F405
    "render_progress",  # noqa: F405
    "render_progress_bytes",  # noqa: F405
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

#: Names served lazily from soapnotes.render, so ``import soapnotes`` never loads reportlab.
_RENDER_NAMES = frozenset(
    {
        "RenderOptions",
        "render_note",
        "render_note_bytes",
        "render_progress",
        "render_progress_bytes",
    }
)


def __getattr__(name: str) -> object:
    if name in _RENDER_NAMES:
        from soapnotes import render

        return getattr(render, name)
    raise AttributeError(f"module 'soapnotes' has no attribute {name!r}")
