"""The documentation site builds without a warning, covers every public name, and takes new pages.

Builds a copy of docs/ with one page added, as helpers add pages in parallel: the build must
not warn (CI builds with -W) and the new page must be in the table of contents.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

# Sphinx comes with the docs extra, which the README's install command installs (as CI does).
from sphinx.cmd import build as sphinx_build
from sphinx.util.inventory import InventoryFile

import newsbilingual as nb
from newsbilingual.cli import COMMANDS

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("docs")
    shutil.copytree(DOCS, work / "docs")
    (work / "docs" / "zz-new-page.md").write_text("# A page added later\n\nText.\n", "utf-8")
    status = sphinx_build.build_main(["-W", "-q", "-b", "html", str(work / "docs"), str(work / "html")])
    assert status == 0, "the docs build warned or failed (run sphinx-build -W -b html docs build/docs)"
    return work / "html"


def test_the_api_reference_covers_every_public_name(site: Path):
    with (site / "objects.inv").open("rb") as inventory:
        objects = InventoryFile.load(inventory, "", lambda base, uri: uri)
    documented = {name for kind in objects.values() for name in kind}
    missing = [name for name in nb.__all__ if f"newsbilingual.{name}" not in documented]
    assert missing == []


def test_the_cli_reference_has_every_command(site: Path):
    page = (site / "cli.html").read_text("utf-8")
    for name in COMMANDS:
        assert f'id="command-{name}"' in page, name


def test_a_page_added_to_docs_is_in_the_table_of_contents(site: Path):
    assert 'href="zz-new-page.html"' in (site / "index.html").read_text("utf-8")


def test_there_is_a_page_per_user(site: Path):
    index = (site / "index.html").read_text("utf-8")
    for page in ("library-developer", "wire-editor", "translators-guide", "stories-in-code"):
        assert f'href="{page}.html"' in index, page
