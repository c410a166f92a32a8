"""What the publishing tests share: a desk's working folder, the publish command, and readers
of the output folder and the ledger (test_publish.py, test_faults.py)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import polib
from lxml import etree

import newsbilingual as nb
from newsbilingual.cli import main

ID = "mianyang-high-tech-service"
NAR = "{http://iptc.org/std/nar/2006-10-01/}"
FIGURE = "12.11 billion yuan"
ROOT = Path(__file__).resolve().parents[1]
ITEMS = ("article", "commentary", "photo")


def make_desk(tmp_path: Path) -> dict[str, Path]:
    """A desk's working folder: a copy of the bundled story and its en and zh catalogs (the
    bundled zh-Hant-TW and zh-Hant-HK editions are left out: these tests count files of two languages), an
    output folder, a ledger. The five names the bundled zh catalog leaves fuzzy are confirmed,
    as a copy editor would: publish refuses to send fuzzy text."""
    story = tmp_path / f"{ID}.toml"
    shutil.copy(nb.SEED_STORY, story)
    shutil.copytree(nb.locales_dir(), tmp_path / "locales", ignore=shutil.ignore_patterns("zh_TW", "zh_HK"))
    catalog_file = tmp_path / "locales" / "zh" / "LC_MESSAGES" / f"{ID}.po"
    catalog = polib.pofile(str(catalog_file))
    for entry in catalog.fuzzy_entries():
        entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgctxt = None
    catalog.save(str(catalog_file))
    catalog_file.with_suffix(".mo").unlink()
    return {"story": story, "locales": tmp_path / "locales", "out": tmp_path / "wire", "ledger": tmp_path / "l.db"}


def publish(desk: dict[str, Path], *extra: str, sent: str, command: str = "publish") -> int:
    # These tests edit paragraphs the translator has not caught up with: sent in English on purpose.
    if command == "publish":
        extra = ("--allow-source-text", *extra)
    return main(
        [
            command,
            str(desk["story"]),
            "-o",
            str(desk["out"]),
            "--ledger",
            str(desk["ledger"]),
            "--locales",
            str(desk["locales"]),
            "--sent",
            sent,
            *extra,
        ]
    )


def edit(desk: dict[str, Path], old: str, new: str) -> None:
    text = desk["story"].read_text("utf-8")
    assert old in text
    desk["story"].write_text(text.replace(old, new, 1), "utf-8")


def files(desk: dict[str, Path]) -> dict[str, bytes]:
    """Everything partners see in the output folder: its files, without the hidden bookkeeping
    (the owner marker, the staging folder; a visible folder in it would fail the read)."""
    return {path.name: path.read_bytes() for path in sorted(desk["out"].iterdir()) if not path.name.startswith(".")}


def staging_left(desk: dict[str, Path]) -> list[str]:
    staging = desk["out"] / ".newsbilingual-staging"
    return sorted(path.name for path in staging.iterdir()) if staging.is_dir() else []


def ledger_rows(desk: dict[str, Path]) -> list[tuple]:
    with sqlite3.connect(desk["ledger"]) as db:
        return db.execute("SELECT * FROM sent ORDER BY guid, version").fetchall()


def item_meta(data: bytes) -> etree._Element:
    return etree.fromstring(data).find(f"{NAR}itemMeta")


def publish_process(desk: dict[str, Path], sent: str, crash_at: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if crash_at:
        env["NEWSBILINGUAL_CRASH_AT"] = crash_at
    arguments = [str(desk["story"]), "-o", str(desk["out"]), "--ledger", str(desk["ledger"])]
    arguments += ["--locales", str(desk["locales"]), "--sent", sent, "--allow-source-text"]
    return subprocess.Popen(
        [sys.executable, "-m", "newsbilingual", "publish", *arguments],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
