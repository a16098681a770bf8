"""Measurements entered as measured: limb volume by perometer or water displacement, and
bioimpedance (L-Dex).

These volumes are stored as the device gave them, with the method and the device, and are
never mixed with the volume computed from tape measurements
(:attr:`soapnotes.CircumferenceSeries.volume_ml`): the methods give different volumes for the
same limb (Sander 2002), so each is compared only with itself. L-Dex is the score of
ImpediMed's bioimpedance spectroscopy devices, the limb at risk against the other (Ridner
2019 used its change from baseline to start early treatment).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import attrs

from soapnotes.i18n._active import gettext
from soapnotes.models import _fields as f
from soapnotes.models.vocabulary import Limb, Side, _Vocabulary

__all__ = ["Bioimpedance", "MeasuredVolume", "VolumeDevice"]


class VolumeDevice(_Vocabulary):
    """How a limb volume was measured directly."""

    PEROMETER = "perometer"  # optoelectronic (infrared) volumetry
    WATER_DISPLACEMENT = "water_displacement"  # a volumeter


@attrs.frozen(kw_only=True)
class MeasuredVolume:
    """A limb volume as a device measured it: method, device, millilitres.

    ``extent`` says what was measured when it is not the whole limb ("hand to 40 cm").

    .. versionadded:: 0.2.0
    """

    limb: Limb = attrs.field(validator=f.instance_of(Limb))
    side: Side = attrs.field(validator=f.instance_of(Side))
    method: VolumeDevice = attrs.field(validator=f.instance_of(VolumeDevice))
    volume_ml: float = attrs.field(validator=f.number_range(0, 60000, low_open=True))
    device: str = attrs.field(validator=f.name)
    extent: str | None = attrs.field(default=None, validator=f.optional_text)

    @property
    def label(self) -> str:
        """'Left arm, perometer'."""
        return gettext(
            "{side} {limb!l}, {method!l}",
            side=self.side.label,
            limb=self.limb.label,
            method=self.method.label,
        )


@attrs.frozen(kw_only=True)
class Bioimpedance:
    """A bioimpedance (L-Dex) reading of the limb at risk (``limb``, ``side``) against the
    other.

    The range accepted (-100 to 200) guards against typing slips only; it is no clinical
    threshold.

    .. versionadded:: 0.2.0
    """

    limb: Limb = attrs.field(validator=f.instance_of(Limb))
    side: Side = attrs.field(validator=f.instance_of(Side))
    ldex: float = attrs.field(validator=f.number_range(-100, 200))
    device: str = attrs.field(validator=f.name)

    @property
    def label(self) -> str:
        """'Left arm'."""
        return gettext("{side} {limb!l}", side=self.side.label, limb=self.limb.label)
