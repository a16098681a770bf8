"""The release, in one place (the package face, PDF metadata and the CLI read it)."""

__version__ = "0.3.0"
