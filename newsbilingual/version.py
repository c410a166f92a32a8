"""The library version, in one place (read by the package, the CLI and PO headers)."""

__version__ = "0.1.0"
