"""The package is laid out by pipeline stage, and each stage imports only the stages before it.

story → catalog → check → desk and catalog → newsml → desk → serve, with ingest (the plain-text door) on top of
story; the top-level shared modules (errors, version, atomic, bundled) may be imported by any stage.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import newsbilingual

PACKAGE = Path(newsbilingual.__file__).parent
SHARED = {"errors", "version", "atomic", "bundled", "settings", "lazy"}
# What each stage may import besides itself and the shared modules.
ALLOWED = {
    "story": set(),
    "catalog": {"story"},
    "check": {"story", "catalog"},
    "newsml": {"story", "catalog"},
    "ingest": {"story", "catalog"},
    "desk": {"story", "catalog", "check", "newsml"},
    "serve": {"story", "catalog", "check", "newsml", "desk"},
}
ENTRY_POINTS = {"__init__", "__main__", "cli"}


def _imported_parts(path: Path) -> set[str]:
    """The first part below ``newsbilingual`` of every package-internal import in ``path``."""
    stage = path.parent.name if path.parent != PACKAGE else None
    parts = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level == 0:
            if not (node.module or "").startswith("newsbilingual"):
                continue
            names = (node.module or "").split(".")[1:]
        else:
            base = [stage] if stage and node.level == 1 else []
            names = base + (node.module.split(".") if node.module else [])
        if names:
            parts.add(names[0])
        else:  # ``from .. import x`` names modules of the top level
            parts.update(alias.name for alias in node.names)
    return parts


def test_top_level_holds_only_entry_points_and_shared_utilities():
    top = {path.stem for path in PACKAGE.glob("*.py")}
    assert top == ENTRY_POINTS | SHARED
    stages = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()}
    assert set(ALLOWED) <= stages


@pytest.mark.parametrize("stage", sorted(ALLOWED))
def test_stage_imports_only_earlier_stages(stage):
    for path in sorted((PACKAGE / stage).rglob("*.py")):
        wrong = _imported_parts(path) - {stage} - ALLOWED[stage] - SHARED
        assert not wrong, f"{path.relative_to(PACKAGE)} imports {sorted(wrong)}"


@pytest.mark.parametrize("stage", sorted(ALLOWED))
def test_each_stage_imports_alone(stage):
    """A stage imported first, in a fresh interpreter, needs nothing above it to load."""
    code = (
        "import sys, importlib\n"
        f"importlib.import_module('newsbilingual.{stage}')\n"
        "loaded = {m.split('.')[1] for m in sys.modules if m.startswith('newsbilingual.') and m.count('.') >= 1}\n"
        "print(' '.join(sorted(loaded)))\n"
    )
    # The package's __init__ imports every stage, so only the import order can be checked
    # this way: no stage may fail when loaded before the others (a cycle would).
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_each_stage_documents_and_exports_its_public_names():
    for stage in ALLOWED:
        module = __import__(f"newsbilingual.{stage}", fromlist=["__all__"])
        assert module.__doc__ and len(module.__doc__.strip().splitlines()) >= 2, stage
        for name in module.__all__:
            assert hasattr(module, name), f"newsbilingual.{stage} lists {name} but has no such name"
