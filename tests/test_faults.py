"""Faults a real desk meets, injected for real: mount points, read-only and full file systems,
planted links, second and lost ledgers, locked and damaged ledgers, hostile story files.

A second file system is a tmpfs mounted for the test (the runner is root, or in a user
namespace). Where mounting is impossible those cases are skipped with the reason, except
in CI (``CI=true``) as root, where a failed mount fails the test: CI must not silently lose
them. Every case runs the real command line and checks exit status, message (file named, no
traceback) and that nothing sent was lost or overwritten.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from publishing import ID, edit, files, ledger_rows, make_desk, publish, publish_process, staging_left

from newsbilingual.cli import main

SENT = "2017-12-22T20:00:00+08:00"
LATER = "2017-12-22T21:00:00+08:00"

Mount = Callable[..., Path]


@pytest.fixture
def desk(tmp_path: Path) -> dict[str, Path]:
    return make_desk(tmp_path)


@pytest.fixture
def tmpfs() -> Iterator[Mount]:
    """``mount(folder, size="4m", read_only=False)`` mounts a fresh tmpfs there (unmounted after)."""
    mounted: list[Path] = []

    def mount(folder: Path, size: str = "4m") -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
        if done.returncode:
            reason = f"cannot mount a tmpfs ({done.stderr.decode().strip()})"
            if os.environ.get("CI") == "true" and os.geteuid() == 0:
                pytest.fail(f"{reason}, although CI runs as root")
            pytest.skip(f"{reason}: the second-file-system cases need root or a user namespace")
        mounted.append(folder)
        return folder

    yield mount
    for folder in reversed(mounted):
        subprocess.run(["umount", "-l", str(folder)], check=False)


def remount(folder: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(folder)], check=True)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


def second_story(desk: dict[str, Path]) -> Path:
    second = desk["story"].parent / "second.toml"
    text = desk["story"].read_text("utf-8")
    second.write_text(text.replace(f'id = "{ID}"', 'id = "second"').replace("high-tech-service:", "second:"), "utf-8")
    return second


# --- 1. The folder is checked before the commit -------------------------------------------------


def test_output_on_a_mount_point_publishes_and_updates(desk, tmpfs):
    tmpfs(desk["out"])
    assert publish(desk, sent=SENT) == 0
    edit(desk, "These remarkable", "These")
    assert publish(desk, sent=LATER) == 0
    assert f"{ID}.article.en.v2.xml" in files(desk) and staging_left(desk) == []


def test_output_that_is_a_file_is_refused_before_the_commit(desk, capsys):
    desk["out"].write_text("not a folder")
    assert publish(desk, sent=SENT) == 2
    assert f"{desk['out']}: is a file, not a folder" in capsys.readouterr().err
    assert ledger_rows(desk) == []
    desk["out"] = desk["out"].with_name("wire2")  # the same ledger goes on elsewhere
    assert publish(desk, sent=SENT) == 0


def test_read_only_output_is_refused_before_the_commit(desk, tmpfs, capsys):
    tmpfs(desk["out"])
    remount(desk["out"], "ro")
    assert publish(desk, sent=SENT) == 2
    assert f"{desk['out']}: the wire folder is not writable" in capsys.readouterr().err
    assert ledger_rows(desk) == []


def test_a_publication_that_fails_after_its_commit_blocks_only_itself(desk, tmpfs, capsys):
    tmpfs(desk["out"])
    assert publish(desk, sent=SENT) == 0
    edit(desk, "These remarkable", "These")
    assert publish_process(desk, LATER, crash_at="committed").wait(timeout=120) == -9
    remount(desk["out"], "ro")  # the folder went read-only between the commit and the move
    # Another story into another folder, same ledger: goes on.
    other = dict(desk, story=second_story(desk), out=desk["out"].with_name("other"))
    assert publish(other, sent=LATER) == 0
    # history shows the pending publication and why; publishing the same story is refused.
    status, out, _ = run(capsys, "history", "--ledger", str(desk["ledger"]))
    pending = [line for line in out.splitlines() if "PENDING" in line]
    assert status == 0 and len(pending) == 3 and all("Read-only file system" in line for line in pending)
    assert publish(dict(desk, out=desk["out"].with_name("third")), sent=LATER) == 2
    assert "pending --finish" in capsys.readouterr().err
    # Fixed, then finished explicitly.
    remount(desk["out"], "rw")
    status, out, _ = run(capsys, "pending", "--ledger", str(desk["ledger"]))
    assert status == 0 and "Read-only file system" in out
    status, _, _ = run(capsys, "pending", "--ledger", str(desk["ledger"]), "--finish", out.split()[0])
    assert status == 0 and f"{ID}.article.en.v2.xml" in files(desk) and staging_left(desk) == []


def test_a_pending_publication_can_be_rolled_back(desk, capsys):
    assert publish(desk, sent=SENT) == 0
    edit(desk, "These remarkable", "These")
    rows = ledger_rows(desk)
    assert publish_process(desk, LATER, crash_at="committed").wait(timeout=120) == -9
    status, out, _ = run(capsys, "pending", "--ledger", str(desk["ledger"]))
    assert status == 0
    status, out, _ = run(capsys, "pending", "--ledger", str(desk["ledger"]), "--roll-back", out.split()[0])
    assert status == 0 and "rolled back" in out
    assert ledger_rows(desk) == rows and staging_left(desk) == []
    assert publish(desk, sent=LATER) == 0 and f"{ID}.article.en.v2.xml" in files(desk)


# --- 2. Never follow a link out ----------------------------------------------------------------


def test_a_planted_staging_link_is_refused_and_its_target_untouched(desk, tmp_path, capsys):
    victim = tmp_path / "victim"
    (victim / "keep").mkdir(parents=True)
    (victim / "keep" / "data.txt").write_text("precious")
    desk["out"].mkdir()
    (desk["out"] / ".newsbilingual-staging").symlink_to(victim)
    assert publish(desk, sent=SENT) == 2
    err = capsys.readouterr().err
    assert ".newsbilingual-staging" in err and "link" in err
    assert (victim / "keep" / "data.txt").read_text() == "precious"
    assert ledger_rows(desk) == []


def test_links_and_unmarked_folders_in_the_staging_folder_are_left_alone(desk, tmp_path):
    victim = tmp_path / "victim"
    (victim / "keep").mkdir(parents=True)
    (victim / "keep" / "data.txt").write_text("precious")
    assert publish(desk, sent=SENT) == 0
    staging = desk["out"] / ".newsbilingual-staging"
    (staging / "planted").symlink_to(victim)
    (staging / "someone-elses").mkdir()
    (staging / "someone-elses" / "file").write_text("theirs")
    edit(desk, "These remarkable", "These")
    assert publish(desk, sent=LATER) == 0
    assert (victim / "keep" / "data.txt").read_text() == "precious"
    assert (staging / "someone-elses" / "file").read_text() == "theirs"


# --- 3. One ledger per wire folder, write-once -------------------------------------------------


@pytest.mark.parametrize("how", ["another", "deleted", "truncated"])
def test_a_second_or_lost_ledger_is_refused_for_the_folder(desk, capsys, how):
    assert publish(desk, sent=SENT) == 0
    sent = files(desk)
    edit(desk, "12.11 billion yuan", "99.99 billion yuan")
    if how == "another":
        desk["ledger"] = desk["ledger"].with_name("other.db")
    elif how == "deleted":
        desk["ledger"].unlink()
    else:
        desk["ledger"].write_bytes(b"")
    assert publish(desk, sent=LATER) == 2
    err = capsys.readouterr().err
    assert "belongs to another ledger" in err and "restore it from a backup" in err and "to adopt" in err
    assert files(desk) == sent


def test_an_adopted_folder_never_has_a_file_replaced(desk, capsys):
    assert publish(desk, sent=SENT) == 0
    sent = files(desk)
    desk["ledger"].unlink()
    (desk["out"] / ".newsbilingual-ledger").unlink()  # adopted, as the refusal says how
    edit(desk, "12.11 billion yuan", "99.99 billion yuan")
    assert publish(desk, sent=LATER) == 2
    err = capsys.readouterr().err
    assert f"{desk['out'] / (ID + '.article.en.v1.xml')}: already holds another" in err
    assert files(desk) == sent and staging_left(desk) == []


def test_two_ledgers_one_folder_lose_no_publication(desk, capsys):
    assert publish(desk, sent=SENT) == 0
    edit(desk, "These remarkable", "These")
    assert publish_process(desk, LATER, crash_at="committed").wait(timeout=120) == -9
    left = staging_left(desk)
    other = dict(desk, ledger=desk["ledger"].with_name("b.db"))
    assert publish(other, sent=LATER) == 2
    assert staging_left(desk) == left  # B did not take A's staged publication for a leftover
    assert publish(desk, sent=LATER) == 0  # A finishes it
    for row in ledger_rows(desk):
        assert (desk["out"] / json.loads(row[10])[0]).is_file()


def test_the_default_ledger_lives_with_the_wire_folder(desk, tmp_path, monkeypatch, capsys):
    arguments = [str(desk["story"]), "-o", str(desk["out"]), "--locales", str(desk["locales"]), "--sent", SENT]
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        monkeypatch.chdir(tmp_path / folder)
        status, out, _ = run(capsys, "publish", *arguments)
        assert status == 0
        assert list((tmp_path / folder).iterdir()) == []
    assert "unchanged since version 1" in out
    assert (desk["out"] / ".newsbilingual-ledger.sqlite").is_file()


# --- 7. Ledger errors: file: message, exit 2 ---------------------------------------------------


def test_a_read_only_ledger_is_an_error_and_leaves_no_staging(desk, tmpfs, capsys):
    place = tmpfs(desk["ledger"].parent / "ro")
    desk["ledger"] = place / "l.db"
    assert publish(desk, sent=SENT) == 0
    edit(desk, "These remarkable", "These")
    remount(place, "ro")
    assert publish(desk, sent=LATER) == 2
    err = capsys.readouterr().err
    assert f"{desk['ledger']}:" in err and "cannot be written" in err
    assert staging_left(desk) == [] and f"{ID}.article.en.v2.xml" not in files(desk)


def test_a_full_disk_under_the_ledger_is_named(desk, tmpfs, capsys):
    place = tmpfs(desk["ledger"].parent / "full", size="256k")
    desk["ledger"] = place / "l.db"
    assert publish(desk, sent=SENT) == 0
    # Fill the file system up.
    with open(place / "filler", "wb", buffering=0) as filler, pytest.raises(OSError, match="No space left"):
        while True:
            filler.write(b"\0" * 4096)
    rows = ledger_rows(desk)
    edit(desk, "These remarkable", "These")
    assert publish(desk, sent=LATER) == 2
    err = capsys.readouterr().err
    assert f"{desk['ledger']}:" in err and "full" in err and "no transaction is active" not in err
    assert staging_left(desk) == []
    (place / "filler").unlink()
    assert ledger_rows(desk) == rows


def test_a_locked_ledger_is_reported_and_history_does_not_wait(desk, capsys):
    assert publish(desk, sent=SENT) == 0
    holder = sqlite3.connect(desk["ledger"], isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # as a publish holds it
        status, out, _ = run(capsys, "history", "--ledger", str(desk["ledger"]), "--lock-wait", "0")
        assert status == 0 and "v1" in out
        holder.execute("COMMIT")
        holder.execute("BEGIN EXCLUSIVE")
        status, _, err = run(
            capsys,
            "withdraw",
            str(desk["story"]),
            "-o",
            str(desk["out"]),
            "--ledger",
            str(desk["ledger"]),
            "--reason",
            "x",
            "--lock-wait",
            "0.1",
        )
        assert status == 2 and "locked by another process (waited 0.1 s)" in err and "damaged" not in err
    finally:
        holder.close()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("DROP TABLE sent", "table sent is missing"),
        ("UPDATE sent SET signals = 'not json'", "a row of the ledger is damaged"),
        ("UPDATE sent SET version_created = 'yesterday'", "a row of the ledger is damaged"),
    ],
)
def test_a_damaged_ledger_is_named_by_every_command(desk, capsys, damage, message):
    assert publish(desk, sent=SENT) == 0
    with sqlite3.connect(desk["ledger"]) as db:
        db.execute(damage)
    edit(desk, "These remarkable", "These")
    assert publish(desk, sent=LATER) == 2
    assert f"{desk['ledger']}" in capsys.readouterr().err
    status, _, err = run(capsys, "history", "--ledger", str(desk["ledger"]))
    assert status == 2 and f"{desk['ledger']}:" in err and message in err


# --- Story files that are not files --------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "deep"])
def test_story_files_that_are_not_stories_are_refused(desk, tmp_path, capsys, kind):
    story = tmp_path / "x.toml"
    if kind == "fifo":
        os.mkfifo(story)
    elif kind == "dev-zero":
        story.symlink_to("/dev/zero")
    else:
        story.write_text("a = " + "[" * 2000 + "]" * 2000 + "\n")
    status, _, err = run(capsys, "publish", str(story), "-o", str(desk["out"]), "--ledger", str(desk["ledger"]))
    assert status == 2 and f"{story}: " in err
    assert ("nested too deeply" if kind == "deep" else "not a regular file") in err


def test_a_full_output_disk_names_the_file(desk, tmpfs, capsys):
    tmpfs(desk["out"], size="16k")
    status, _, err = run(capsys, "render", str(desk["story"]), "-o", str(desk["out"]), "--sent", SENT)
    assert status == 2 and f"{desk['out']}/" in err and "No space left on device" in err


def test_a_staging_folder_swapped_for_a_link_after_the_commit_stays_pending(desk, tmp_path, capsys):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / f"{ID}.article.en.v2.xml").write_text("not ours")
    assert publish(desk, sent=SENT) == 0
    edit(desk, "These remarkable", "These")
    assert publish_process(desk, LATER, crash_at="committed").wait(timeout=120) == -9
    [staged] = staging_left(desk)
    staging = desk["out"] / ".newsbilingual-staging" / staged
    staging.rename(tmp_path / "moved-away")
    staging.symlink_to(victim)
    assert publish(dict(desk, story=second_story(desk)), sent=LATER) == 0  # others go on
    assert f"{ID}.article.en.v2.xml" not in files(desk)  # nothing taken through the link
    assert (victim / f"{ID}.article.en.v2.xml").read_text() == "not ours"
    status, out, _ = run(capsys, "history", "--ledger", str(desk["ledger"]))
    assert status == 0 and "PENDING" in out and "link" in out
