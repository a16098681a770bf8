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
from soapnotes.models import *  # noqa: F403 - the records are the public API
from soapnotes.models import __all__ as _models_all
from soapnotes.rules import RULES, Finding, RuleCode, RuleOptions, Severity, rule_codes, validate

__version__ = "0.1.0"

__all__ = [
    "RULES",
    "ClinicalRuleViolation",
    "Finding",
    "InvalidRecord",
    "LifecycleError",
    "Problem",
    "RenderError",
    "RuleCode",
    "RuleOptions",
    "Severity",
    "SoapnotesError",
    "__version__",
    "dump",
    "dumps",
    "from_dict",
    "load",
    "loads",
    "rule_codes",
    "to_dict",
    "validate",
    "RenderOptions",  # noqa: F405 - served lazily by __getattr__
    "render_note",  # noqa: F405
    "render_note_bytes",  # noqa: F405
    *_models_all,
]

#: Names served lazily from soapnotes.render, so ``import soapnotes`` never loads reportlab.
_RENDER_NAMES = frozenset({"RenderOptions", "render_note", "render_note_bytes"})


def __getattr__(name: str) -> object:
    if name in _RENDER_NAMES:
        from soapnotes import render

        return getattr(render, name)
    raise AttributeError(f"module 'soapnotes' has no attribute {name!r}")
