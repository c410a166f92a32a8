"""Shared fixtures: the real schema, the bundled story, its rendering with a fixed clock."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import newsbilingual as nb

# The reference material (seed, schema, IPTC examples, corpora, partners' documents) lies in
# ../shared beside the checkout and is never copied into the repository. Without it the tests
# that read it skip, each with its reason; in CI (CI=true) the run stops at once instead.
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED_FILE = SHARED / "seeds" / "000_046605fd08b83dcb.txt"
CST = timezone(timedelta(hours=8))
SENT = datetime(2017, 12, 22, 20, 0, tzinfo=CST)
SEED_REPAIRS = {"¡°": "“", "¡±": "”", "¡¯": "’", "¨C": "–", "¡õ": "□"}

# The README runs the tests with a relative NEWSBILINGUAL_SCHEMA (../shared/...): made absolute
# once, so that tests running commands in other folders find the same schema.
if os.environ.get("NEWSBILINGUAL_SCHEMA"):
    os.environ["NEWSBILINGUAL_SCHEMA"] = str(Path(os.environ["NEWSBILINGUAL_SCHEMA"]).resolve())

# A termbase read is cached between processes in the user's cache folder ($XDG_CACHE_HOME): the
# tests, and the commands they run, keep theirs in a folder of their own, never the user's.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="newsbilingual-tests-cache-")


def _shared_missing(what: str) -> str:
    return f"{what} not found: the reference material {SHARED} is not beside this checkout"


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("CI") == "true" and not SHARED.is_dir():
        raise pytest.UsageError(_shared_missing("../shared") + " (CI must run every test that reads it)")


def shared_file(relative: str) -> Path:
    """A file or folder of ../shared, or a skip that says it is missing (CI has stopped before)."""
    path = SHARED / relative
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(_shared_missing(str(path)))
        pytest.skip(_shared_missing(str(path)))
    return path


def shared_files(pattern: str) -> list:
    """Parametrize values: the files of ../shared that match ``pattern``, sorted.

    With none, one case that skips (fails in CI) saying why, so that a test never silently
    loses all its cases.
    """
    files = sorted(SHARED.glob(pattern))
    if files:
        return files
    reason = _shared_missing(f"../shared/{pattern}")
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(reason)
    return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="missing")]


def fixed_clock() -> datetime:
    return SENT


@pytest.fixture(autouse=True)
def clean_settings_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No developer's own NEWSBILINGUAL_* settings change a test (the schema's path is no setting of taste)."""
    for name in [name for name in os.environ if name.startswith("NEWSBILINGUAL_")]:
        if name != "NEWSBILINGUAL_SCHEMA":
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def schema() -> Path:
    """The official NewsML-G2 2.35 XSD, from NEWSBILINGUAL_SCHEMA (the tests never bundle it)."""
    value = os.environ.get("NEWSBILINGUAL_SCHEMA")
    if not value or not Path(value).is_file():
        pytest.skip("NEWSBILINGUAL_SCHEMA is not set to the NewsML-G2 2.35 XSD (see README)")
    return Path(value)


@pytest.fixture(scope="session")
def seed_story() -> nb.Story:
    return nb.load_story(nb.SEED_STORY)


@pytest.fixture(scope="session")
def rendered(seed_story: nb.Story) -> dict[str, bytes]:
    """Every document of the bundled story, with the bundled catalogs and a fixed clock."""
    return nb.render_story(seed_story, locales=nb.locales_dir(), clock=fixed_clock)


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed story with its encoding damage repaired (the listed mapping only)."""
    text = shared_file("seeds/000_046605fd08b83dcb.txt").read_text("utf-8")
    for damaged, repaired in SEED_REPAIRS.items():
        text = text.replace(damaged, repaired)
    return text
