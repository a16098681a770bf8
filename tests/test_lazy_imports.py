"""What `import soapnotes` leaves unloaded until it is needed (import cost, issues 8 and 16)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

#: Libraries `import soapnotes` must not load: the records' attrs, rendering, strategies, the
#: converter, TOML, temporary files, JSON and typing wait for first use, and so do the
#: optional libraries of this wave (signatures, PDF/A, FHIR, locales, clusters, schemas).
LAZY = (
    "attrs",
    "attr",
    "reportlab",
    "hypothesis",
    "cattrs",
    "tomllib",
    "tomli",
    "tomli_w",
    "tempfile",
    "json",
    "typing",
    "cryptography",
    "pyhanko",
    "pyhanko_certvalidator",
    "asn1crypto",
    "pikepdf",
    "fhir",
    "fhirclient",
    "fhir_resources",
    "babel",
    "distributed",
    "dask",
    "jsonschema",
)
#: And soapnotes's own parts: the records, the rules engine, io, everything else.
LAZY_OWN = (
    "soapnotes.models",
    "soapnotes.rules",
    "soapnotes.io",
    "soapnotes.lifecycle",
    "soapnotes.progress",
    "soapnotes.render",
    "soapnotes.strategies",
    "soapnotes.findings",
    "soapnotes.workflow",
)


_PROBE = """
import sys
exec(sys.argv[1])
loaded = set(sys.modules)  # before the probe itself imports json
import json
print(json.dumps([
    sorted({m.split(".")[0] for m in loaded} & set(json.loads(sys.argv[2]))),
    sorted(loaded & set(json.loads(sys.argv[3]))),
]))
"""


def _loaded_after(code: str) -> tuple[list[str], list[str]]:
    """(the LAZY libraries, the LAZY_OWN modules) loaded after running ``code``."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, code, json.dumps(LAZY), json.dumps(LAZY_OWN)],
        capture_output=True,
        text=True,
        check=True,
    )
    libraries, modules = json.loads(result.stdout)
    return libraries, modules


def test_import_loads_nothing_but_the_face() -> None:
    """`import soapnotes` loads none of the libraries above and no module of its own but the
    version: not even the records (attrs), which load when a record is first named."""
    assert _loaded_after("import soapnotes") == ([], [])


def test_naming_a_record_loads_the_records_only() -> None:
    """`soapnotes.Note` loads the records (attrs) and nothing else heavy: no rendering,
    strategies, cattrs, TOML, JSON, optional library, rules engine or io."""
    libraries, modules = _loaded_after("import soapnotes; soapnotes.Note")
    assert set(libraries) == {"attr", "attrs", "typing"}
    assert modules == ["soapnotes.models"]


def test_star_import_and_dir_serve_the_records() -> None:
    """`from soapnotes import *` gives the records and the rest of the face (loading what
    they need, as it always did), and dir() lists them."""
    code = "from soapnotes import *; import soapnotes; Note, Session, validate; dir(soapnotes)"
    libraries, modules = _loaded_after(code)
    assert "soapnotes.models" in modules
    assert "hypothesis" not in libraries


def test_loading_sound_json_needs_no_cattrs() -> None:
    """A sound JSON note loads through the fast path without importing cattrs."""
    path = Path(__file__).resolve().parent.parent / "examples" / "lipedema-legs.json"
    libraries, _ = _loaded_after(f"import soapnotes; soapnotes.load({str(path)!r})")
    assert "cattrs" not in libraries
    assert "reportlab" not in libraries


def test_pdf_signing_loads_pyhanko_only_when_used() -> None:
    """The command line's parser (sign-pdf, render --sign, verify) and a plain render load
    no pyHanko: it waits for a PDF to be signed or verified."""
    path = Path(__file__).resolve().parent.parent / "examples" / "lymphedema-left-arm.toml"
    code = (
        "import soapnotes, soapnotes.cli; soapnotes.cli._parser();"
        f"soapnotes.render_note_bytes(soapnotes.load({str(path)!r}))"
    )
    libraries, _ = _loaded_after(code)
    assert not {"pyhanko", "pyhanko_certvalidator", "asn1crypto"} & set(libraries)
