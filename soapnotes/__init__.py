"""soapnotes: typed SOAP treatment notes for lymphatic drainage (and other) massage.

Records live in :mod:`soapnotes.models`; reading and writing in :mod:`soapnotes.io`; the
clinical rules (:func:`validate`) in :mod:`soapnotes.rules`; sign, amend and verify in
:mod:`soapnotes.lifecycle`; courses in :mod:`soapnotes.progress`; PDFs in
:mod:`soapnotes.render`.

``import soapnotes`` is light: it loads no module but this one and the version. Every name
here, the records included, and every subpackage (``soapnotes.progress``,
``soapnotes.render``, ...) loads on first use: the records (attrs) when a record is first
named, the rules engine, JSON, cattrs, rendering (reportlab) and strategies (hypothesis)
when they are used. ``soapnotes --version`` and scripts that import soapnotes but take
another path pay nothing for them.
"""

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~10 ms)

from soapnotes._version import __version__ as __version__  # noqa: E402

#: The one table of the package face: each name served here, by the module it comes from.
#: ``__all__`` and the lazy ``__getattr__`` below are derived from it; type checkers read
#: the imports under ``TYPE_CHECKING``, which ``tests/test_public_api.py`` checks against it.
_FACE: dict[str, tuple[str, ...]] = {
    "soapnotes.errors": (
        "ClinicalRuleViolation",
        "InvalidRecord",
        "LifecycleError",
        "NoteChanged",
        "Problem",
        "RenderError",
        "SoapnotesError",
    ),
    "soapnotes.findings": ("Finding", "Severity"),
    "soapnotes.io": ("dump", "dumps", "from_dict", "load", "loads", "to_dict"),
    "soapnotes.rules": ("RULES", "RuleCode", "RuleOptions", "rule_codes", "validate"),
    "soapnotes.lifecycle": (
        "Mismatch",
        "Verification",
        "amend",
        "canonical_json",
        "content_hash",
        "head_hash",
        "sign",
        "verify",
    ),
    "soapnotes.progress": (
        "Course",
        "Progress",
        "compute_progress",
        "course_from_notes",
        "load_course",
    ),
    "soapnotes.render": (
        "RenderOptions",
        "render_letter",
        "render_letter_bytes",
        "render_note",
        "render_note_bytes",
        "render_progress",
        "render_progress_bytes",
    ),
    "soapnotes.workflow": ("ToFill", "follow_up", "to_fill"),
}

#: The subpackages reachable as attributes (``soapnotes.progress.open_findings``).
_SUBMODULES = (
    "errors",
    "examples",
    "fhir",
    "findings",
    "i18n",
    "io",
    "lifecycle",
    "models",
    "progress",
    "render",
    "rules",
    "schema",
    "strategies",
    "workflow",
)

if TYPE_CHECKING:  # served lazily at run time by __getattr__ below, typed for checkers here
    __all__: list[str]
    from soapnotes import errors as errors
    from soapnotes import examples as examples
    from soapnotes import fhir as fhir
    from soapnotes import findings as findings
    from soapnotes import i18n as i18n
    from soapnotes import io as io
    from soapnotes import lifecycle as lifecycle
    from soapnotes import models as models
    from soapnotes import progress as progress
    from soapnotes import render as render
    from soapnotes import rules as rules
    from soapnotes import schema as schema
    from soapnotes import strategies as strategies
    from soapnotes import workflow as workflow
    from soapnotes.errors import ClinicalRuleViolation as ClinicalRuleViolation
    from soapnotes.errors import InvalidRecord as InvalidRecord
    from soapnotes.errors import LifecycleError as LifecycleError
    from soapnotes.errors import NoteChanged as NoteChanged
    from soapnotes.errors import Problem as Problem
    from soapnotes.errors import RenderError as RenderError
    from soapnotes.errors import SoapnotesError as SoapnotesError
    from soapnotes.findings import Finding as Finding
    from soapnotes.findings import Severity as Severity
    from soapnotes.io import dump as dump
    from soapnotes.io import dumps as dumps
    from soapnotes.io import from_dict as from_dict
    from soapnotes.io import load as load
    from soapnotes.io import loads as loads
    from soapnotes.io import to_dict as to_dict
    from soapnotes.lifecycle import Mismatch as Mismatch
    from soapnotes.lifecycle import Verification as Verification
    from soapnotes.lifecycle import amend as amend
    from soapnotes.lifecycle import canonical_json as canonical_json
    from soapnotes.lifecycle import content_hash as content_hash
    from soapnotes.lifecycle import head_hash as head_hash
    from soapnotes.lifecycle import sign as sign
    from soapnotes.lifecycle import verify as verify
    from soapnotes.models import *  # noqa: F403 - the records, soapnotes.models.__all__
    from soapnotes.progress import Course as Course
    from soapnotes.progress import Progress as Progress
    from soapnotes.progress import compute_progress as compute_progress
    from soapnotes.progress import course_from_notes as course_from_notes
    from soapnotes.progress import load_course as load_course
    from soapnotes.render import RenderOptions as RenderOptions
    from soapnotes.render import render_letter as render_letter
    from soapnotes.render import render_letter_bytes as render_letter_bytes
    from soapnotes.render import render_note as render_note
    from soapnotes.render import render_note_bytes as render_note_bytes
    from soapnotes.render import render_progress as render_progress
    from soapnotes.render import render_progress_bytes as render_progress_bytes
    from soapnotes.rules import RULES as RULES
    from soapnotes.rules import RuleCode as RuleCode
    from soapnotes.rules import RuleOptions as RuleOptions
    from soapnotes.rules import rule_codes as rule_codes
    from soapnotes.rules import validate as validate
    from soapnotes.workflow import ToFill as ToFill
    from soapnotes.workflow import follow_up as follow_up
    from soapnotes.workflow import to_fill as to_fill

del TYPE_CHECKING

_LAZY = {name: module for module, names in _FACE.items() for name in names}


def _records() -> list[str]:
    """The records' names (``soapnotes.models.__all__``), importing them."""
    import soapnotes.models

    return list(soapnotes.models.__all__)


def __getattr__(name: str) -> object:
    import importlib

    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"soapnotes.{name}")
    elif name == "__all__":
        value = sorted(["__version__", *_LAZY, *_records()])
    elif not name.startswith("_") and name in _records():
        value = getattr(importlib.import_module("soapnotes.models"), name)
    else:
        raise AttributeError(f"module 'soapnotes' has no attribute {name!r}")
    globals()[name] = value  # later look-ups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY, *_records(), *_SUBMODULES})
