"""Sphinx configuration of the newsbilingual documentation (``sphinx-build -W -b html docs build/docs``)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE / "_ext")]

from newsbilingual.version import __version__  # noqa: E402  (the path above finds the checkout's package)

project = "newsbilingual"
author = "newsbilingual developers"
copyright = "newsbilingual developers; IPTC NewsCodes CC BY 4.0 (c) IPTC"
release = version = __version__

extensions = ["myst_parser", "sphinx.ext.autodoc", "newsbilingual_docs"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "examples", "Thumbs.db", ".DS_Store"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": False}

html_theme = "furo"
html_title = f"newsbilingual {release}"
