"""Publishing over time: one story through first publish, no-op, update, correction, withdrawal.

Everything goes through the CLI with real story files, catalogs, an SQLite ledger, the real
schema and IPTC's newsmlg2 reader; kill -9 and concurrency are tested with real processes.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from publishing import (
    FIGURE,
    ID,
    ITEMS,
    NAR,
    ROOT,
    edit,
    files,
    item_meta,
    ledger_rows,
    make_desk,
    publish,
    publish_process,
    staging_left,
)

import newsbilingual as nb
from newsbilingual.cli import main


@pytest.fixture
def desk(tmp_path: Path) -> dict[str, Path]:
    return make_desk(tmp_path)


def check_documents(documents: dict[str, bytes], schema: Path) -> None:
    """Every file is schema-valid and IPTC's own library reads it."""
    newsmlg2 = pytest.importorskip("NewsMLG2")
    for name, data in documents.items():
        assert nb.validate_document(data, source=name, schema=schema) == [], name
        assert newsmlg2.NewsMLG2Document(data).get_item() is not None, name


def test_one_story_over_time(desk, schema, capsys):
    # 1. First publication: version 1 of every item edition, the package and a newsMessage.
    assert publish(desk, sent="2017-12-22T20:00:00+08:00") == 0
    first = files(desk)
    assert len(first) == 2 * len(ITEMS) + 2
    article_en = item_meta(first[f"{ID}.article.en.v1.xml"])
    assert article_en.find(f"{NAR}signal") is None
    assert article_en.findtext(f"{NAR}versionCreated") == "2017-12-22T19:00:00+08:00"
    check_documents(first, schema)
    rows = ledger_rows(desk)

    # 2. Unchanged: nothing new is sent, and the command says so.
    capsys.readouterr()
    assert publish(desk, sent="2017-12-22T21:00:00+08:00") == 0
    assert "unchanged since version 1; nothing sent" in capsys.readouterr().out
    assert files(desk) == first and ledger_rows(desk) == rows

    # 3. A paragraph edit: version 2 of the article in both languages, sig:update; the rest stays.
    edit(desk, "These remarkable achievements are not accidental.", "These achievements are not accidental.")
    assert publish(desk, sent="2017-12-23T08:00:00+08:00") == 0
    second = {name: data for name, data in files(desk).items() if name not in first}
    assert set(second) == {
        f"{ID}.article.en.v2.xml",
        f"{ID}.article.zh-Hans.v2.xml",
        f"{ID}.package.v2.xml",
        f"{ID}.newsmessage.v2.xml",
    }
    for language in ("en", "zh-Hans"):
        meta = item_meta(second[f"{ID}.article.{language}.v2.xml"])
        assert meta.find(f"{NAR}signal").get("qcode") == "sig:update"
        assert meta.findtext(f"{NAR}versionCreated") == "2017-12-23T08:00:00+08:00"
        assert meta.findtext(f"{NAR}firstCreated") == "2017-12-22T19:00:00+08:00"
    package = etree.fromstring(second[f"{ID}.package.v2.xml"])
    refs = {ref.get("residref").rsplit(":", 2)[-2]: ref.get("version") for ref in package.iter(f"{NAR}itemRef")}
    assert refs == {"article": "2", "commentary": "1", "photo": "1"}
    check_documents(second, schema)

    # 4. A figure corrected: version 3, sig:correction, a note in each language.
    edit(desk, FIGURE, "12.21 billion yuan")
    assert (
        publish(
            desk,
            "--correction",
            f"the investment in fixed assets was 12.21 billion yuan, not {FIGURE}",
            "--correction",
            "zh:固定资产投资为122.1亿元，而非121.1亿元",
            sent="2017-12-23T09:00:00+08:00",
        )
        == 0
    )
    en = item_meta((desk["out"] / f"{ID}.article.en.v3.xml").read_bytes())
    zh = item_meta((desk["out"] / f"{ID}.article.zh-Hans.v3.xml").read_bytes())
    assert en.find(f"{NAR}signal").get("qcode") == zh.find(f"{NAR}signal").get("qcode") == "sig:correction"
    assert (
        en.findtext(f"{NAR}edNote")
        == f"Correction: the investment in fixed assets was 12.21 billion yuan, not {FIGURE}"
    )
    assert zh.findtext(f"{NAR}edNote") == "更正：固定资产投资为122.1亿元，而非121.1亿元"

    # 5. Withdrawn: version 4 of everything, stat:canceled, with the reason.
    assert (
        publish(
            desk,
            "--reason",
            "Sent in error",
            "--reason",
            "zh:误发",
            sent="2017-12-23T10:00:00+08:00",
            command="withdraw",
        )
        == 0
    )
    for role in ITEMS:
        for language, note in (("en", "Withdrawn: Sent in error"), ("zh-Hans", "撤稿：误发")):
            meta = item_meta(
                (desk["out"] / f"{ID}.{role}.{language}.v{4 if role == 'article' else 2}.xml").read_bytes()
            )
            assert meta.find(f"{NAR}pubStatus").get("qcode") == "stat:canceled"
            assert meta.findtext(f"{NAR}edNote") == note
    # The withdrawal carries the note, never the text or the picture it withdraws.
    withdrawal = [
        *desk["out"].glob(f"{ID}.*.v4.xml"),  # article, package, newsMessage
        *desk["out"].glob(f"{ID}.commentary.*.v2.xml"),
        *desk["out"].glob(f"{ID}.photo.*.v2.xml"),
    ]
    assert len(withdrawal) == 2 + 2 * len(ITEMS)
    for path in withdrawal:
        root = etree.fromstring(path.read_bytes())
        assert root.findall(f".//{NAR}contentSet") == [], path.name
        assert FIGURE not in path.read_text("utf-8") and "121.1亿元" not in path.read_text("utf-8"), path.name
    check_documents(files(desk), schema)

    # A withdrawn story is never silently sent again.
    capsys.readouterr()
    edit(desk, "These achievements", "Those achievements")
    before = files(desk)
    assert publish(desk, sent="2017-12-23T11:00:00+08:00") == 2
    assert "was withdrawn (version 4" in capsys.readouterr().err
    assert files(desk) == before

    # The history lists every version sent.
    assert main(["history", "--ledger", str(desk["ledger"]), "--json"]) == 0
    import json

    history = json.loads(capsys.readouterr().out)
    article = [row for row in history if row["guid"].endswith(":article:en")]
    assert [(row["version"], row["signals"], row["pub_status"]) for row in article] == [
        (1, [], "stat:usable"),
        (2, ["sig:update"], "stat:usable"),
        (3, ["sig:correction"], "stat:usable"),
        (4, [], "stat:canceled"),
    ]


def test_a_hold_is_lifted_only_with_release(desk, capsys):
    assert publish(desk, sent="2017-12-22T20:00:00+08:00") == 0
    assert (
        publish(desk, "--reason", "Legal review", "--withheld", sent="2017-12-22T21:00:00+08:00", command="withdraw")
        == 0
    )
    meta = item_meta((desk["out"] / f"{ID}.article.en.v2.xml").read_bytes())
    assert meta.find(f"{NAR}pubStatus").get("qcode") == "stat:withheld"
    assert etree.fromstring((desk["out"] / f"{ID}.article.en.v2.xml").read_bytes()).find(f"{NAR}contentSet") is None
    # An edit published without --release (say, in a run meant for another story) is refused.
    edit(desk, "These remarkable", "These")
    before = files(desk)
    capsys.readouterr()
    assert publish(desk, sent="2017-12-22T21:30:00+08:00") == 2
    error = capsys.readouterr().err
    assert "is withheld (version 2" in error and "--release" in error
    assert files(desk) == before
    assert publish(desk, "--release", sent="2017-12-22T22:00:00+08:00") == 0
    meta = item_meta((desk["out"] / f"{ID}.article.en.v3.xml").read_bytes())
    assert meta.find(f"{NAR}pubStatus").get("qcode") == "stat:usable"
    assert meta.find(f"{NAR}signal").get("qcode") == "sig:update"


def test_story_file_below_the_ledger_is_refused(desk, capsys):
    assert publish(desk, sent="2017-12-22T20:00:00+08:00") == 0
    edit(desk, "These remarkable", "These")
    assert publish(desk, sent="2017-12-22T21:00:00+08:00") == 0
    edit(desk, "These achievements", "Those achievements")
    assert publish(desk, sent="2017-12-22T22:00:00+08:00") == 0
    # An old copy that says it is version 2 while version 3 was sent.
    edit(desk, "[article]\n", "[article]\nversion = 2\n")
    capsys.readouterr()
    assert publish(desk, sent="2017-12-22T23:00:00+08:00") == 2
    error = capsys.readouterr().err
    assert "says version 2" in error and "version 3 was already sent" in error


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("text", "damaged or not a newsbilingual ledger"),
        ("foreign", "another application"),
        ("damaged", "damaged"),
    ],
)
def test_foreign_or_damaged_ledger_is_refused_and_nothing_written(desk, capsys, content, message):
    if content == "foreign":
        with sqlite3.connect(desk["ledger"]) as db:
            db.execute("CREATE TABLE accounts (id INTEGER)")
    elif content == "damaged":
        assert publish(desk, sent="2017-12-22T20:00:00+08:00") == 0
        shutil.rmtree(desk["out"])
        data = bytearray(desk["ledger"].read_bytes())
        data[100:4096] = b"\xff" * (4096 - 100)  # the schema page, past the file header
        desk["ledger"].write_bytes(bytes(data))
    else:
        desk["ledger"].write_bytes(b"this is not a database, just text\n" * 20)
    before = desk["ledger"].read_bytes()
    assert publish(desk, sent="2017-12-22T20:00:00+08:00") == 2
    err = capsys.readouterr().err
    assert str(desk["ledger"]) in err and message in err
    assert desk["ledger"].read_bytes() == before
    assert not desk["out"].exists()


@pytest.mark.parametrize("point", ["staged"])
def test_kill_before_commit_leaves_ledger_and_output_as_they_were(desk, point):
    assert publish(desk, sent="2017-12-22T20:00:00+08:00") == 0
    edit(desk, "These remarkable", "These")
    before_files, before_rows = files(desk), ledger_rows(desk)
    process = publish_process(desk, "2017-12-22T21:00:00+08:00", crash_at=point)
    assert process.wait(timeout=120) == -9
    assert files(desk) == before_files and ledger_rows(desk) == before_rows
    assert staging_left(desk)  # what the killed publish staged, beside the output folder
    # The next publish removes it, then sends version 2 whole.
    assert publish(desk, sent="2017-12-22T22:00:00+08:00") == 0
    assert staging_left(desk) == []
    assert len(files(desk)) == len(before_files) + 4


@pytest.mark.parametrize("point", ["committed", "moved-one"])
def test_kill_after_commit_is_pending_until_finished(desk, point, capsys):
    assert publish(desk, sent="2017-12-22T20:00:00+08:00") == 0
    edit(desk, "These remarkable", "These")
    before = files(desk)
    process = publish_process(desk, "2017-12-22T21:00:00+08:00", crash_at=point)
    assert process.wait(timeout=120) == -9
    # The ledger committed version 2: history (read-only) shows it pending, and moves nothing.
    during = files(desk)
    capsys.readouterr()
    assert main(["history", "--ledger", str(desk["ledger"])]) == 0
    pending = [line for line in capsys.readouterr().out.splitlines() if "PENDING" in line]
    assert len(pending) == 3 and all(" v2 " in line for line in pending)  # article en, zh-Hans, package
    assert files(desk) == during
    # Finished by the next publish (the story is unchanged since v2), or by `pending --finish`.
    if point == "committed":
        assert publish(desk, sent="2017-12-22T22:00:00+08:00") == 0
        assert "unchanged since version 2" in capsys.readouterr().out
    else:
        assert main(["pending", "--ledger", str(desk["ledger"])]) == 0
        publication = capsys.readouterr().out.split()[0]
        assert main(["pending", "--ledger", str(desk["ledger"]), "--finish", publication]) == 0
    now = files(desk)
    assert set(now) - set(before) == {
        f"{ID}.article.en.v2.xml",
        f"{ID}.article.zh-Hans.v2.xml",
        f"{ID}.package.v2.xml",
        f"{ID}.newsmessage.v2.xml",
    }
    assert staging_left(desk) == []
    capsys.readouterr()
    assert main(["history", "--ledger", str(desk["ledger"])]) == 0
    assert "PENDING" not in capsys.readouterr().out


def test_concurrent_publishes_never_send_the_same_version_twice(desk, tmp_path):
    """Four processes publish four different edits of the story at once into one ledger."""
    assert publish(desk, sent="2017-12-22T20:00:00+08:00") == 0
    processes = []
    for number in range(4):
        copy = dict(desk, story=tmp_path / f"copy{number}" / f"{ID}.toml")
        copy["story"].parent.mkdir()
        text = desk["story"].read_text("utf-8").replace("These remarkable", f"These {number} remarkable", 1)
        copy["story"].write_text(text, "utf-8")
        processes.append(publish_process(copy, f"2017-12-22T2{number}:30:00+08:00"))
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()
    with sqlite3.connect(desk["ledger"]) as db:
        versions = [
            v for (v,) in db.execute("SELECT version FROM sent WHERE guid LIKE '%:article:en' ORDER BY version")
        ]
    assert versions == [1, 2, 3, 4, 5]
    assert len(files(desk)) == 8 + 4 * 4


def test_publish_many_with_a_feed_of_what_was_sent(desk, tmp_path, schema, capsys):
    """Two stories published in one run, one of them broken: the other is sent, and the feed
    carries exactly the items sent."""
    second = tmp_path / "second.toml"
    text = desk["story"].read_text("utf-8")
    second.write_text(text.replace(f'id = "{ID}"', 'id = "second"').replace("high-tech-service:", "second:"), "utf-8")
    broken = tmp_path / "broken.toml"
    broken.write_text("[story]\nid = \n", "utf-8")
    feed = tmp_path / "sent.xml"
    arguments = ["publish", str(desk["story"]), str(broken), str(second), "-o", str(desk["out"])]
    arguments += ["--ledger", str(desk["ledger"]), "--locales", str(desk["locales"]), "--feed", str(feed)]
    assert main(arguments) == 2
    assert f"{broken}:2:" in capsys.readouterr().err
    items = etree.fromstring(feed.read_bytes()).find(f"{NAR}itemSet")
    # The bundled story in en and zh-Hans, the second (no catalogs of its own) in en; each with its package.
    assert len(items) == (2 * len(ITEMS) + 1) + (len(ITEMS) + 1)
    check_documents({"sent.xml": feed.read_bytes()}, schema)
    # Nothing changed: nothing sent, and no feed.
    arguments.remove(str(broken))
    assert main([*arguments[:-1], str(tmp_path / "again.xml")]) == 0
    assert "nothing was sent" in capsys.readouterr().out
    assert not (tmp_path / "again.xml").exists()


def test_progress_bar_is_drawn_on_a_terminal(desk, tmp_path):
    """On a terminal (a pty here) publish of several stories draws a bar; on a pipe it does not."""
    import pty

    second = tmp_path / "second.toml"
    text = desk["story"].read_text("utf-8")
    second.write_text(text.replace(f'id = "{ID}"', 'id = "second"').replace("high-tech-service:", "second:"), "utf-8")
    main_end, terminal = pty.openpty()
    arguments = [sys.executable, "-m", "newsbilingual", "publish", str(desk["story"]), str(second)]
    arguments += ["-o", str(desk["out"]), "--ledger", str(desk["ledger"]), "--locales", str(desk["locales"])]
    process = subprocess.run(
        arguments, env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=terminal, stdout=subprocess.PIPE, timeout=120
    )
    os.close(terminal)
    drawn = os.read(main_end, 65536).decode()
    os.close(main_end)
    assert process.returncode == 0
    assert "publish [" in drawn and "2/2" in drawn
    assert "publish [" not in process.stdout.decode()


def test_a_correction_with_no_change_sends_the_note_alone(desk, capsys):
    assert publish(desk, sent="2017-12-22T20:00:00+08:00") == 0
    first = files(desk)
    capsys.readouterr()
    notes = ("--correction", "The byline was misspelt.", "--correction", "zh:署名有误。")
    assert publish(desk, *notes, sent="2017-12-22T21:00:00+08:00") == 0
    new = set(files(desk)) - set(first)
    assert new == {
        f"{ID}.article.en.v2.xml",
        f"{ID}.article.zh-Hans.v2.xml",
        f"{ID}.package.v2.xml",
        f"{ID}.newsmessage.v2.xml",
    }
    for language, note in (("en", "Correction: The byline was misspelt."), ("zh-Hans", "更正：署名有误。")):
        meta = item_meta((desk["out"] / f"{ID}.article.{language}.v2.xml").read_bytes())
        assert meta.find(f"{NAR}signal").get("qcode") == "sig:correction"
        assert meta.findtext(f"{NAR}edNote") == note
    assert "unchanged" not in capsys.readouterr().out


def test_a_correction_note_is_needed_in_every_language_sent(desk, capsys):
    assert publish(desk, sent="2017-12-22T20:00:00+08:00") == 0
    edit(desk, FIGURE, "12.21 billion yuan")
    before, rows = files(desk), ledger_rows(desk)
    capsys.readouterr()
    assert publish(desk, "--correction", "The figure was wrong.", sent="2017-12-22T21:00:00+08:00") == 2
    err = capsys.readouterr().err
    assert "no correction note in zh-Hans" in err and "--correction 'zh-Hans:TEXT'" in err
    assert files(desk) == before and ledger_rows(desk) == rows


def test_a_zh_hant_correction_note_may_be_converted_from_zh_hans(desk, tmp_path, capsys):
    pytest.importorskip("opencc")
    shutil.copytree(nb.locales_dir() / "zh_TW", desk["locales"] / "zh_TW")
    assert publish(desk, sent="2017-12-22T20:00:00+08:00") == 0
    edit(desk, FIGURE, "12.21 billion yuan")
    capsys.readouterr()
    notes = ("--correction", "The figure was wrong.", "--correction", "zh:固定资产投资数字有误。")
    assert publish(desk, *notes, sent="2017-12-22T21:00:00+08:00") == 0
    assert "zh-Hant-TW correction note was converted from zh-Hans by OpenCC: review it" in capsys.readouterr().err
    meta = item_meta((desk["out"] / f"{ID}.article.zh-Hant-TW.v2.xml").read_bytes())
    assert meta.findtext(f"{NAR}edNote") == "更正：固定資產投資數字有誤。"
