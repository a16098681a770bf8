"""Compile the gettext catalogs when a wheel (or an editable install) is built.

The ``.po`` sources are in the repository; the ``.mo`` files are made here, with Babel (a
build requirement), and put into the wheel beside their ``.po``. They are never committed
(``.gitignore``). An editable install needs none: :mod:`soapnotes.i18n._catalog` reads a
``.po`` directly when no current ``.mo`` is beside it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogsHook(BuildHookInterface):  # type: ignore[misc]
    """Compile ``soapnotes/locale/*/LC_MESSAGES/*.po`` to ``.mo`` for the wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        self._out = tempfile.TemporaryDirectory(prefix="soapnotes-mo-")
        for po in sorted((root / "soapnotes" / "locale").glob("*/LC_MESSAGES/*.po")):
            relative = po.relative_to(root).with_suffix(".mo")
            target = Path(self._out.name) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source:
                catalog = read_po(source)
            with target.open("wb") as out:
                write_mo(out, catalog, use_fuzzy=False)
            build_data["force_include"][str(target)] = relative.as_posix()

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        out = getattr(self, "_out", None)
        if out is not None:
            out.cleanup()
