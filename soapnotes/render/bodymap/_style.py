"""What the body map looks like and says: its colours and the only strings it draws.

Colours: Okabe-Ito hues, safe for the common colour-vision deficiencies, with tints light
enough to print and opaque so the PDF needs no transparency (PDF/A-1 forbids it). The
strings are constants: nothing from a record ever reaches the page through the body map."""

from __future__ import annotations

from typing import Final

from reportlab.lib.colors import HexColor  # type: ignore[import-untyped, unused-ignore]

from soapnotes.i18n._active import gettext_noop

#: Outline of regions treated in the clearing phase (Okabe-Ito blue).
CLEARING_COLOR: Final = HexColor("#0072B2")
#: Fill of regions treated in the clearing phase.
CLEARING_FILL: Final = HexColor("#8DC0E3")
#: Outline of regions treated in the reabsorption phase (Okabe-Ito orange, darkened).
REABSORPTION_COLOR: Final = HexColor("#C98A00")
#: Fill of regions treated in the reabsorption phase.
REABSORPTION_FILL: Final = HexColor("#F6CF7E")
#: Working node group that a region drains to (Okabe-Ito bluish green).
TARGET_COLOR: Final = HexColor("#009E73")
#: The cross over a removed node group.
REMOVED_COLOR: Final = HexColor("#A50026")
#: The ring and hatching of an irradiated node group.
IRRADIATED_COLOR: Final = HexColor("#7B3294")

OUTLINE = HexColor("#4A4A4A")
BODY_FILL = HexColor("#F4F1EC")
DETAIL = HexColor("#B9B3AA")
NODE_RING = HexColor("#7A7A7A")
ARROW_INK = HexColor("#1F1F1F")
TEXT_INK = HexColor("#222222")
WHITE = HexColor("#FFFFFF")


# The wording of the map (English message ids, translated where they are drawn).
FRONT_CAPTION: Final = gettext_noop("Front")
BACK_CAPTION: Final = gettext_noop("Back")
RIGHT_MARK: Final = gettext_noop("R")
LEFT_MARK: Final = gettext_noop("L")
LEGEND_CLEARING: Final = gettext_noop("Clearing")
LEGEND_REABSORPTION: Final = gettext_noop("Reabsorption")
LEGEND_BOTH: Final = gettext_noop("Clearing + reabsorption")
LEGEND_TARGET: Final = gettext_noop("Working target node")
LEGEND_NODE: Final = gettext_noop("Lymph node group")
LEGEND_REMOVED: Final = gettext_noop("Removed node")
LEGEND_IRRADIATED: Final = gettext_noop("Irradiated node")
LEGEND_ARROW: Final = gettext_noop("Drainage direction")
LEGEND_SIDES: Final = gettext_noop("R / L: client's right / left")
