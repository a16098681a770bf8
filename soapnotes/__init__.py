"""soapnotes: typed SOAP treatment notes for lymphatic drainage (and other) massage.

Records live in :mod:`soapnotes.models`; reading and writing in :mod:`soapnotes.io`.
``import soapnotes`` is light: rendering (reportlab) and strategies (hypothesis) load only
when used.
"""

from soapnotes.errors import InvalidRecord, LifecycleError, Problem, RenderError, SoapnotesError
from soapnotes.io import dump, dumps, from_dict, load, loads, to_dict
from soapnotes.models import *  # noqa: F403 - the records are the public API
from soapnotes.models import __all__ as _models_all
from soapnotes.progress import Course, Progress, compute_progress, course_from_notes, load_course

__version__ = "0.1.0"

__all__ = [
    "Course",
    "InvalidRecord",
    "LifecycleError",
    "Problem",
    "Progress",
    "RenderError",
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
    "to_dict",
    *_models_all,
]
