"""kill -9 during update, compile and render: every file is then the old or the new version.

Each command runs as a real process that is killed before the rename of its first, middle
and last file (a known moment each, ``NEWSBILINGUAL_CRASH_AT=write:N``: no timing, so the test
gives the same answer on a busy machine); tests/fuzz/campaign.py --kills N kills at random
moments instead. See tests/fuzz/kill.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzz.kill import KillScene

import newsbilingual as nb
from newsbilingual.cli import main

SENT = "2017-12-22T20:00:00+08:00"


def _story_files(folder: Path) -> tuple[Path, Path]:
    """The bundled story, and an edit of it that changes every segment's context text."""
    old = folder / "story.toml"
    old.write_bytes(nb.SEED_STORY.read_bytes())
    new = folder / "edited.toml"
    text = nb.SEED_STORY.read_text("utf-8").replace("Mianyang", "Mian-yang")
    new.write_text(text, "utf-8")
    return old, new


def _done(*argv: str) -> None:
    """A set-up step, run in this process: only the command under test is killed."""
    assert main(list(argv)) == 0


@pytest.fixture
def scenes(tmp_path: Path) -> dict[str, KillScene]:
    old, new = _story_files(tmp_path)
    update, compile_, wire = (tmp_path / "update/locales", tmp_path / "compile/locales", tmp_path / "render/wire")
    # update: the template of the edited story is merged into the catalog of the old one.
    _done("extract", str(old), "--locales", str(update))
    _done("init", "--lang", "zh", "--locales", str(update))
    _done("extract", str(new), "--locales", str(update))
    # compile: a catalog translated since its .mo was compiled.
    _done("extract", str(old), "--locales", str(compile_))
    _done("init", "--lang", "zh", "--locales", str(compile_))
    _done("compile", "--locales", str(compile_))
    po_path = next(compile_.glob("*/LC_MESSAGES/*.po"))
    catalog = nb.read_po(po_path)
    for entry in catalog:
        entry.msgstr = f"译文：{entry.msgid}"
    nb.write_pofile(catalog, po_path)
    # render: the edited story's documents over those of the old one.
    render = ["-o", str(wire), "--sent", SENT, "--lang", "zh-Hans"]
    _done("render", str(old), *render)
    return {
        "update": KillScene(tmp_path, update.parent, ["update", "--locales", str(update)]),
        "compile": KillScene(tmp_path, compile_.parent, ["compile", "--locales", str(compile_)]),
        "render": KillScene(tmp_path, wire.parent, ["render", str(new), *render]),
    }


@pytest.mark.parametrize("command", ["update", "compile", "render"])
def test_kill_9_leaves_every_file_old_or_new(scenes, command):
    scene = scenes[command]
    scene.expected()
    for write in sorted({1, (scene.changed + 1) // 2, scene.changed}):
        killed, broken = scene.trial_at(write)
        assert killed, f"{command} wrote fewer than {write} files"
        assert broken == [], f"{command} killed before the rename of file {write}: {broken} neither old nor new"
