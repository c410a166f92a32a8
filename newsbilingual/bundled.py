"""Where the bundled files are: the seed story and the catalogs shipped with the library.

In a wheel the top-level ``locales/`` folder is installed as ``newsbilingual/locales``; in a
source checkout (and an editable install) it is the ``locales/`` folder beside the package.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SEED_STORY = PACKAGE_DIR / "stories" / "mianyang-high-tech-service.toml"


def locales_dir() -> Path:
    """The bundled catalogs folder (``<lang>/LC_MESSAGES/<domain>.po|.mo``)."""
    installed = PACKAGE_DIR / "locales"
    return installed if installed.is_dir() else PACKAGE_DIR.parent / "locales"
