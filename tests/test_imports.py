"""Lazy imports: the package and the CLI's --help load no stage until a name or command needs it."""

from __future__ import annotations

import subprocess
import sys

import newsbilingual as nb


def _modules_after(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print('MODULES', *sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(result.stdout.rsplit("MODULES", 1)[1].split())


def test_import_and_help_load_no_stage():
    for code in (
        "import newsbilingual",
        "from newsbilingual.cli import main\ntry: main(['--help'])\nexcept SystemExit: pass",
    ):
        loaded = _modules_after(code)
        heavy = {"lxml.etree", "babel", "polib", "tomllib", "newsbilingual.story", "newsbilingual.catalog"} & loaded
        assert not heavy, (code, heavy)


def test_every_public_name_resolves_and_is_listed():
    assert set(nb.__all__) <= set(dir(nb))
    assert all(getattr(nb, name) is not None for name in nb.__all__)
    assert nb.init_catalogs is nb.catalog.init  # exported under another name
    namespace: dict[str, object] = {}
    exec("from newsbilingual import *", namespace)
    assert set(nb.__all__) <= set(namespace)


def test_an_unknown_name_is_an_attribute_error():
    try:
        nb.no_such_name  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:
        raise AssertionError("no AttributeError")


def test_render_loads_neither_the_proof_nor_the_ledger_nor_the_batch_engines(tmp_path):
    """``render`` (and its --help) need no template engine, database or process pool."""
    heavy = {"jinja2", "sqlite3", "multiprocessing", "concurrent.futures.process", "dask", "distributed"}
    for args in (["render", "--help"], ["render", "-o", str(tmp_path / "wire")]):
        loaded = _modules_after(f"from newsbilingual.cli import main\ntry: main({args!r})\nexcept SystemExit: pass")
        assert not heavy & loaded, (args, heavy & loaded)
    assert (tmp_path / "wire" / "mianyang-high-tech-service.newsmessage.xml").is_file()


def test_every_listed_name_has_a_module_and_every_module_name_is_listed():
    import newsbilingual.catalog
    import newsbilingual.check
    import newsbilingual.desk
    import newsbilingual.ingest
    import newsbilingual.newsml
    import newsbilingual.story

    stages = (newsbilingual.catalog, newsbilingual.story, newsbilingual.check, newsbilingual.desk)
    stages += (newsbilingual.ingest, newsbilingual.newsml)
    for package, eager in ((nb, {"__version__"}), *((stage, set()) for stage in stages)):
        assert set(package.__all__) == set(package._EXPORTS) | eager, package.__name__
        assert len(package.__all__) == len(set(package.__all__)), package.__name__


def test_the_stages_are_attributes_of_the_package():
    code = "import newsbilingual as nb; print(nb.newsml.validate.SCHEMA_ENV, nb.check.ERROR, nb.desk.batch.STAMPS)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.split() == ["NEWSBILINGUAL_SCHEMA", "error", ".newsbilingual"], done
