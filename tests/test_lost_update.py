"""Issue 15 item 5: a translator's save while a command rewrites their catalog is never lost."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import textwrap
from pathlib import Path

import polib
import pytest

import newsbilingual as nb
from newsbilingual import atomic
from newsbilingual.atomic import FileChangedError, file_state, replace_if_unchanged
from newsbilingual.cli import main

# A translator's editor in a second process: each save sets a new translation of the first
# entry and renames a temporary file over the catalog (as Poedit does), then looks whether the
# save is still there a moment later. A save that is gone was overwritten by someone who had
# read the catalog before it: a lost update.
TRANSLATOR = textwrap.dedent(
    """
    import os, random, sys, time
    import polib

    path, saves = sys.argv[1], int(sys.argv[2])
    lost = 0
    for number in range(saves):
        marker = f"译者的第 {number} 次保存"
        po = polib.pofile(path)
        entry = next(e for e in po if e.msgid and not e.obsolete)
        entry.msgstr = marker
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        temporary = f"{path}.translator-{number}"
        po.save(temporary)
        os.replace(temporary, path)
        time.sleep(random.uniform(0.005, 0.04))
        with open(path, encoding="utf-8") as handle:
            lost += marker not in handle.read()
    print(f"lost={lost}")
    """
)


@pytest.fixture
def catalogs(tmp_path: Path) -> Path:
    locales = tmp_path / "locales"
    assert main(["extract", "--locales", str(locales)]) == 0
    assert main(["init", "--lang", "zh", "--locales", str(locales)]) == 0
    return locales


def test_a_translators_saves_during_update_are_never_lost(catalogs):
    po_path = next(catalogs.glob("*/LC_MESSAGES/*.po"))
    translator = subprocess.Popen(
        [sys.executable, "-c", TRANSLATOR, str(po_path), "60"], stdout=subprocess.PIPE, text=True
    )
    updates = 0
    while translator.poll() is None:
        # Saved five times during one update, it is refused: that loses nothing either.
        with contextlib.suppress(FileChangedError):
            nb.update(catalogs)
        updates += 1
    assert translator.returncode == 0
    assert translator.stdout.read().strip() == "lost=0"
    assert updates >= 3  # the two really ran side by side
    assert "译者的第 59 次保存" in po_path.read_text("utf-8")


def test_update_merges_a_save_made_between_its_read_and_its_write(catalogs):
    # The same interleaving, made deterministic: the translator saves right after update read.
    po_path = next(catalogs.glob("*/LC_MESSAGES/*.po"))
    template = polib.pofile(str(next(catalogs.glob("*.pot"))))
    state = file_state(po_path)
    stale = po_path.read_bytes()
    po = polib.pofile(str(po_path))
    po[0].msgstr = "译者刚保存的译文"
    po.save(str(po_path))
    merged_again = []

    def redo() -> tuple[bytes, object]:
        merged_again.append(True)
        fresh = file_state(po_path)
        merged = nb.merge_catalog(nb.read_po(po_path), template)
        return nb.format_pofile(merged).encode("utf-8"), fresh

    replace_if_unchanged(po_path, stale, state, redo=redo)
    assert merged_again == [True]
    assert "译者刚保存的译文" in po_path.read_text("utf-8")


def test_without_a_way_to_merge_again_a_changed_file_is_refused_and_kept(tmp_path):
    path = tmp_path / "zh.po"
    path.write_text("old", "utf-8")
    state = file_state(path)
    path.write_text("the translator's save", "utf-8")
    with pytest.raises(FileChangedError) as refused:
        replace_if_unchanged(path, b"made from old", state)
    assert str(path) in str(refused.value)
    assert path.read_text("utf-8") == "the translator's save"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["zh.po"]  # no temporary left


def test_init_does_not_overwrite_a_catalog_started_meanwhile(catalogs):
    po_path = next(catalogs.glob("*/LC_MESSAGES/*.po"))
    state_before = file_state(po_path)
    with pytest.raises(FileChangedError):
        replace_if_unchanged(po_path, b"a fresh catalog", None)
    assert file_state(po_path) == state_before


def test_a_stale_temporary_file_from_a_killed_run_is_ignored(catalogs, tmp_path, capsys):
    po_path = next(catalogs.glob("*/LC_MESSAGES/*.po"))
    stale = po_path.parent / f".{po_path.name}.0123456789ab.tmp"
    stale.write_bytes(po_path.read_bytes()[:100])  # half a catalog, as a kill -9 leaves it
    assert main(["update", "--locales", str(catalogs)]) == 0
    assert main(["compile", "--locales", str(catalogs)]) == 0
    assert main(["stats", "--locales", str(catalogs)]) == 0
    assert str(stale) not in capsys.readouterr().out


def test_where_files_cannot_be_exchanged_the_check_runs_right_before_the_rename(tmp_path, monkeypatch):
    # Systems without renameat2 (macOS, Windows, old Linux) take the check-then-rename path.
    monkeypatch.setattr(atomic, "_RENAMEAT2", None)
    path = tmp_path / "zh.po"
    path.write_text("read by update", "utf-8")
    state = file_state(path)
    path.write_text("saved by the translator", "utf-8")
    with pytest.raises(FileChangedError):
        replace_if_unchanged(path, b"merged from what update read", state)
    assert path.read_text("utf-8") == "saved by the translator"
    replace_if_unchanged(path, b"merged again", file_state(path))
    assert path.read_text("utf-8") == "merged again"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["zh.po"]
