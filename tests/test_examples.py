"""Every Python and shell example in README.md and docs/*.md runs, as a reader would run it.

The rules, for anyone writing a page:

- fenced blocks marked ``python`` run in one namespace per page, in order; blocks marked ``sh``,
  ``bash`` or ``shell`` run with bash (``set -euo pipefail``), in order, in the same folder;
  anything else (``text``, ``toml``, no language) is shown, not run;
- that folder is a fresh copy of ``docs/examples/`` (the inputs examples name: ``copy.txt``,
  ``zh.txt``, ``partner/item.xml``) plus the checkout's ``locales/``, so examples never change
  the checkout; ``newsbilingual`` there is this checkout's command line;
- README blocks that ``.ci/run`` runs verbatim (the install and test commands) are run by CI,
  not here: exactly the first two.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import newsbilingual as nb

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "docs" / "examples"
PYTHON = {"python", "py", "python3"}
SHELL = {"sh", "bash", "shell"}
FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<lang>[^\s`{]*)[^\n]*\n(?P<code>.*?)^(?P=fence)[ \t]*$", re.M | re.S)


def fenced_blocks(page: Path) -> list[tuple[str, str, int]]:
    """The page's fenced blocks as (language, code, line of the opening fence)."""
    text = page.read_text("utf-8")
    return [
        (match["lang"].lower(), match["code"], text.count("\n", 0, match.start()) + 1) for match in FENCE.finditer(text)
    ]


def run_by_ci(page: Path) -> set[int]:
    """Lines of README blocks that .ci/run runs itself, verbatim."""
    if page.name != "README.md":
        return set()
    ci_lines = set((ROOT / ".ci" / "run").read_text("utf-8").splitlines())
    return {line for lang, code, line in fenced_blocks(page) if lang in SHELL and code.strip() in ci_lines}


def runnable(page: Path) -> list[tuple[str, str, int]]:
    skipped = run_by_ci(page)
    return [block for block in fenced_blocks(page) if block[0] in PYTHON | SHELL and block[2] not in skipped]


PAGES = [page for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))] if runnable(page)]


def workspace(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of docs/examples/ and locales/, and an environment whose ``newsbilingual`` is this checkout's.

    The environment is the test's, which conftest.py clears of every NEWSBILINGUAL_* setting but the schema.
    """
    work = tmp_path / "work"
    shutil.copytree(EXAMPLES, work)
    shutil.copytree(ROOT / "locales", work / "locales", ignore=shutil.ignore_patterns("*.mo"))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "newsbilingual"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m newsbilingual "$@"\n', "utf-8")
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}
    return work, env


def run_page(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Run the page's examples in order; returns the namespace its Python blocks leave."""
    work, env = workspace(tmp_path)
    monkeypatch.chdir(work)
    namespace: dict[str, object] = {"__name__": "__main__"}
    for lang, code, line in runnable(page):
        where = f"{page.relative_to(ROOT)}:{line}"
        if lang in PYTHON:
            exec(compile("\n" * line + code, str(page), "exec"), namespace)  # line numbers point into the page
        else:
            done = subprocess.run(
                ["bash", "-c", "set -euo pipefail\n" + code], cwd=work, env=env, capture_output=True, text=True
            )
            assert done.returncode == 0, f"{where}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return namespace


def test_the_readme_skips_exactly_its_first_two_blocks_which_ci_runs():
    blocks = fenced_blocks(ROOT / "README.md")
    assert sorted(run_by_ci(ROOT / "README.md")) == [blocks[0][2], blocks[1][2]]


def test_no_example_installs_packages():
    """An example that ran ``pip install`` would change the environment of the tests that follow it
    (with whatever pip comes first on PATH): installing is shown in ``text`` blocks, never run."""
    installs = [
        f"{page.relative_to(ROOT)}:{line}"
        for page in PAGES
        for lang, code, line in runnable(page)
        if re.search(r"\b(pip|pip3|uv|apt-get|apt)\s+install\b|-m\s+pip\b", code)
    ]
    assert installs == []


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, schema: Path):
    monkeypatch.setenv("NEWSBILINGUAL_SCHEMA", str(schema))
    run_page(page, tmp_path, monkeypatch)


def test_the_story_built_in_code_renders_to_valid_newsml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, schema):
    namespace = run_page(ROOT / "docs" / "stories-in-code.md", tmp_path, monkeypatch)
    story = namespace["story"]
    assert isinstance(story, nb.Story) and story.commentary and story.photo
    documents = nb.render_story(story, locales=Path("locales"), warn=lambda message: None)
    assert set(documents) >= {
        f"{story.id}.{role}.{lang}.xml" for role in ("article", "commentary", "photo") for lang in ("en", "zh-Hans")
    }
    for name, data in documents.items():
        assert nb.validate_document(data, source=name, schema=schema) == [], name
