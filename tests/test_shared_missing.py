"""Without ../shared the tests that read it skip, each saying why; in CI the run stops at once.

Run on a copy of this conftest.py in a folder with no ../shared beside it, as a fresh checkout
without the reference material would be.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
READS_SHARED = '''
import pytest
from conftest import shared_file, shared_files

@pytest.mark.parametrize("path", shared_files("partners-dev/*/*.xml"))
def test_every_partner_document(path):
    assert path.is_file()

def test_the_seed():
    assert shared_file("seeds/000_046605fd08b83dcb.txt").is_file()
'''


def _run(tmp_path: Path, ci: bool) -> subprocess.CompletedProcess[str]:
    checkout = tmp_path / "checkout"
    (checkout / "tests").mkdir(parents=True)
    shutil.copy(TESTS / "conftest.py", checkout / "tests" / "conftest.py")
    (checkout / "tests" / "test_reads_shared.py").write_text(READS_SHARED, "utf-8")
    env = {name: value for name, value in os.environ.items() if name != "CI"}
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "tests"],
        cwd=checkout, env=env, capture_output=True, text=True, timeout=120,
    )


def test_without_shared_each_test_skips_with_its_reason(tmp_path):
    done = _run(tmp_path, ci=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 skipped" in done.stdout
    assert done.stdout.count("is not beside this checkout") == 2  # the parametrized test kept one case


def test_in_ci_a_missing_shared_stops_the_run_saying_so(tmp_path):
    done = _run(tmp_path, ci=True)
    assert done.returncode != 0
    assert "../shared not found" in done.stderr + done.stdout
    assert "CI must run every test that reads it" in done.stderr + done.stdout
