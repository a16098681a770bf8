"""The therapist's day: today's draft from the last note, the first-visit template.

:func:`follow_up` carries a note forward (``docs/workflow.md``); :func:`to_fill` lists what a
draft still needs; :func:`first_visit` is a new client's template. The letter to the
referring physician is :func:`soapnotes.render.render_letter`.
"""

from soapnotes.models.draft import DRAFT_MARK
from soapnotes.workflow._fill import ToFill, to_fill
from soapnotes.workflow._follow_up import follow_up, new_screen
from soapnotes.workflow._template import FirstVisit, first_visit

__all__ = [
    "DRAFT_MARK",
    "FirstVisit",
    "ToFill",
    "first_visit",
    "follow_up",
    "new_screen",
    "to_fill",
]
