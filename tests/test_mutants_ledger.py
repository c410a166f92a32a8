"""What the publication ledger stores and returns, through ``open_ledger`` and the ``Ledger`` methods.

Written from the mutation run on ``desk/ledger.py`` (docs/testing.md): the publish tests go
through whole stories and check what reached the wire folder; these pin the ledger's own
answers (versions, orders, prefixes, pending states, the upgrade of a format 1 file and the
message of each refusal) on ledgers built row by row.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import newsbilingual as nb
from newsbilingual.desk.ledger import NOT_YET_MOVED, LedgerError, SentItem, Staged, describe_sqlite_error

T0 = datetime(2026, 5, 1, 8, 0, tzinfo=timezone(timedelta(hours=8)))


def sent(guid: str, version: int = 1, **fields: object) -> SentItem:
    values: dict = {
        "guid": guid,
        "version": version,
        "story_id": "story-1",
        "role": "article",
        "language": "en",
        "content_hash": f"h{version}",
        "pub_status": "usable",
        "signals": ("sig:update",) if version > 1 else (),
        "first_created": T0,
        "version_created": T0 + timedelta(hours=version),
        "files": (f"{guid}-{version}.xml", "message.xml"),
    }
    return SentItem(**(values | fields))


def publish(ledger, *items: SentItem, story: str = "story-1", done: bool = True, at: datetime = T0) -> int:
    with ledger.transaction():
        number = ledger.add_publication(story, "publish", at, Path("/wire"), Path("/wire/.staging"))
        for item in items:
            ledger.add_sent(item, number)
        if done:
            ledger.mark_done(number)
    return number


@pytest.fixture
def ledger(tmp_path):
    opened = nb.open_ledger(tmp_path / "deep" / "ledger.sqlite")
    yield opened
    opened.close()


def test_a_new_ledger_is_empty_marked_and_has_an_id(tmp_path, ledger):
    assert (tmp_path / "deep" / "ledger.sqlite").is_file()  # the folder was made
    assert ledger.is_empty()
    assert ledger.history() == [] and ledger.staged() == [] and ledger.latest("x") is None
    assert len(ledger.ledger_id) == 32 and int(ledger.ledger_id, 16) >= 0
    db = sqlite3.connect(ledger.path)
    assert db.execute("PRAGMA application_id").fetchone()[0] == 0x4E424C47
    assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    db.close()
    again = nb.open_ledger(ledger.path)
    assert again.ledger_id == ledger.ledger_id
    again.close()


def test_latest_first_created_and_history_of_versions(ledger):
    first = publish(ledger, sent("urn:a"), sent("urn:b"))
    second = publish(ledger, sent("urn:a", 2, first_created=T0 + timedelta(days=1)), at=T0 + timedelta(hours=5))
    assert second > first and not ledger.is_empty()
    latest = ledger.latest("urn:a")
    assert (latest.version, latest.content_hash, latest.signals) == (2, "h2", ("sig:update",))
    assert latest.published_at is None and latest.pending is None  # latest() reads the sent row alone
    assert ledger.first_created("urn:a") == T0
    assert ledger.first_created("urn:zzz") is None
    history = ledger.history()
    assert [(i.guid, i.version) for i in history] == [("urn:a", 1), ("urn:b", 1), ("urn:a", 2)]
    assert [i.published_at for i in history] == [T0, T0, T0 + timedelta(hours=5)]
    assert history[0] == sent("urn:a", published_at=T0)


def test_history_of_a_guid_takes_its_parts_but_no_lookalikes(ledger):
    guids = ["urn:x", "urn:x:en", "urn:x:zh", "urn:xy", "urn:x_a", "urn:x%", "urn:x%:en", "urn:x\\:en", "urn:x_:en"]
    publish(ledger, *(sent(g) for g in guids))
    assert [i.guid for i in ledger.history("urn:x")] == ["urn:x", "urn:x:en", "urn:x:zh"]
    assert [i.guid for i in ledger.history("urn:x%")] == ["urn:x%", "urn:x%:en"]
    assert [i.guid for i in ledger.history("urn:x_")] == ["urn:x_:en"]
    assert [i.guid for i in ledger.history("urn:x\\")] == ["urn:x\\:en"]
    assert len(ledger.history("")) == len(guids)


def test_sent_item_as_dict():
    item = sent("urn:a", 2, published_at=T0, pending="why")
    assert item.as_dict() == {
        "guid": "urn:a",
        "version": 2,
        "story_id": "story-1",
        "role": "article",
        "language": "en",
        "content_hash": "h2",
        "pub_status": "usable",
        "signals": ["sig:update"],
        "first_created": "2026-05-01T08:00:00+08:00",
        "version_created": "2026-05-01T10:00:00+08:00",
        "files": ["urn:a-2.xml", "message.xml"],
        "published_at": "2026-05-01T08:00:00+08:00",
        "pending": "why",
    }
    assert sent("urn:a").as_dict()["published_at"] is None


def test_a_staged_publication_is_pending_until_done(ledger):
    done = publish(ledger, sent("urn:a"))
    waiting = publish(ledger, sent("urn:a", 2), sent("urn:b", files=("b.xml", "message.xml")), done=False)
    assert ledger.staged() == [Staged(waiting, "story-1", Path("/wire"), Path("/wire/.staging"), None)]
    assert [i.pending for i in ledger.history()] == [None, NOT_YET_MOVED, NOT_YET_MOVED]
    assert ledger.publication_files(waiting) == ["b.xml", "message.xml", "urn:a-2.xml"]
    assert ledger.publication_files(done) == ["message.xml", "urn:a-1.xml"]
    ledger.set_problem(waiting, "disk full")
    assert ledger.staged()[0].problem == "disk full"
    assert [i.pending for i in ledger.history("urn:b")] == ["disk full"]
    ledger.set_problem(waiting, None)
    assert [i.pending for i in ledger.history("urn:b")] == [NOT_YET_MOVED]
    ledger.set_problem(waiting, "again")
    ledger.mark_done(waiting)
    assert ledger.staged() == []
    assert [i.pending for i in ledger.history()] == [None, None, None]
    assert sqlite3.connect(ledger.path).execute("SELECT problem FROM publication").fetchall() == [(None,), (None,)]


def test_forget_removes_a_staged_publication_only(ledger):
    done = publish(ledger, sent("urn:a"))
    waiting = publish(ledger, sent("urn:a", 2), done=False)
    with ledger.transaction():
        ledger.forget(waiting)
        ledger.forget(done)  # a done publication row stays
    assert ledger.staged() == []
    assert ledger.latest("urn:a") is None  # forget removes the sent rows it is given
    assert not ledger.is_empty()


def test_a_version_sent_twice_is_refused_and_other_errors_say_what_they_are(ledger):
    publish(ledger, sent("urn:a"))
    with pytest.raises(LedgerError, match="urn:a version 1 was already sent"):
        publish(ledger, sent("urn:a"))
    with pytest.raises(LedgerError, match="ledger error: CHECK constraint failed") as caught:
        publish(ledger, sent("urn:b", 0))
    assert "already sent" not in str(caught.value)
    assert [i.guid for i in ledger.history()] == ["urn:a"]  # both transactions rolled back whole
    assert ledger.staged() == []


def test_a_transaction_that_raises_writes_nothing(ledger):
    with pytest.raises(KeyError), ledger.transaction():
        ledger.add_publication("s", "publish", T0, Path("/o"), Path("/s"))
        raise KeyError("stop")
    assert ledger.is_empty()
    publish(ledger, sent("urn:a"))  # the ledger is usable afterwards
    assert ledger.latest("urn:a").version == 1


def test_a_held_lock_is_reported_with_the_wait(tmp_path, ledger):
    other = nb.open_ledger(ledger.path, lock_timeout=0.05)
    with ledger.transaction():
        with pytest.raises(LedgerError, match=r"locked by another process \(waited 0.05 s\)"), other.transaction():
            pass
        reader = nb.open_ledger(ledger.path, read_only=True)
        assert reader.history() == []  # a reader does not wait for the writer
    with other.transaction():
        other.add_publication("s", "publish", T0, Path("/o"), Path("/s"))
    assert reader.staged()[0].story_id == "s"
    with pytest.raises(LedgerError, match="cannot be written"), reader.transaction():
        reader.add_publication("s", "publish", T0, Path("/o"), Path("/s"))
    other.close()
    reader.close()


def test_describe_sqlite_error_by_primary_code():
    def error(code: int) -> sqlite3.Error:
        made = sqlite3.OperationalError("boom")
        made.sqlite_errorcode = code
        return made

    assert (
        describe_sqlite_error(error(5), 1.5)
        == "locked by another process (waited 1.5 s); try again when it has finished"
    )
    assert describe_sqlite_error(error(5 | 256)).startswith("locked by another process (waited 120 s)")
    assert describe_sqlite_error(error(8)) == "the ledger cannot be written (read-only file or folder): boom"
    assert describe_sqlite_error(error(13)) == "no space left for the ledger (disk full): boom"
    assert describe_sqlite_error(error(1)) == "ledger error: boom"
    assert describe_sqlite_error(sqlite3.Error("plain")) == "ledger error: plain"


def test_a_row_edited_by_hand_is_named(ledger):
    publish(ledger, sent("urn:a"))
    db = sqlite3.connect(ledger.path)
    db.execute("UPDATE sent SET signals = 'not json'")
    db.commit()
    with pytest.raises(LedgerError, match=r"a row of the ledger is damaged \(urn:a\): "):
        ledger.latest("urn:a")
    with pytest.raises(LedgerError, match=r"a row of the ledger is damaged: "):
        ledger.history()
    db.execute("UPDATE sent SET signals = '[]', first_created = 'yesterday'")
    db.commit()
    with pytest.raises(LedgerError, match=r"damaged \(urn:a\)"):
        ledger.first_created("urn:a")
    db.execute("DELETE FROM ledger")
    db.commit()
    db.close()
    with pytest.raises(LedgerError, match="the ledger has no id"):
        _ = ledger.ledger_id


def test_what_is_not_a_ledger_is_refused_and_left_as_it_was(tmp_path):
    with pytest.raises(LedgerError, match="is a folder"):
        nb.open_ledger(tmp_path)
    with pytest.raises(LedgerError, match="no such ledger file"):
        nb.open_ledger(tmp_path / "none.sqlite", read_only=True)
    assert not (tmp_path / "none.sqlite").exists()
    (tmp_path / "empty").write_bytes(b"")
    with pytest.raises(LedgerError, match="an empty file, not a ledger"):
        nb.open_ledger(tmp_path / "empty", read_only=True)
    nb.open_ledger(tmp_path / "empty").close()  # an empty file is where a new ledger goes
    (tmp_path / "text").write_bytes(b"not a database at all" * 100)
    with pytest.raises(LedgerError, match="is damaged or not a newsbilingual ledger"):
        nb.open_ledger(tmp_path / "text")
    assert (tmp_path / "text").read_bytes() == b"not a database at all" * 100
    foreign = tmp_path / "foreign.sqlite"
    db = sqlite3.connect(foreign)
    db.execute("CREATE TABLE t (x)")
    db.execute("PRAGMA application_id = 1234")
    db.commit()
    db.close()
    with pytest.raises(LedgerError, match=r"another application \(application_id 0x4d2\)"):
        nb.open_ledger(foreign)


@pytest.mark.parametrize(("version", "refused"), [(0, True), (1, False), (2, False), (3, True)])
def test_ledger_formats_this_version_reads(tmp_path, version, refused):
    path = tmp_path / "l.sqlite"
    nb.open_ledger(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    db.close()
    if refused:
        with pytest.raises(LedgerError, match=f"ledger format {version} is not 2"):
            nb.open_ledger(path)
    else:
        nb.open_ledger(path, read_only=True).close()


def test_a_missing_table_is_named(tmp_path):
    path = tmp_path / "l.sqlite"
    nb.open_ledger(path).close()
    db = sqlite3.connect(path)
    db.execute("DROP TABLE sent")
    db.execute("DROP TABLE ledger")
    db.commit()
    db.close()
    with pytest.raises(LedgerError, match="table ledger, sent is missing"):
        nb.open_ledger(path)


def format_1(path: Path) -> None:
    """A ledger as version 1 wrote it: no ledger table, no problem column."""
    nb.open_ledger(path).close()
    db = sqlite3.connect(path)
    db.executescript("DROP TABLE ledger; ALTER TABLE publication DROP COLUMN problem; PRAGMA user_version = 1;")
    db.close()


def test_a_format_1_ledger_is_read_as_it_is_and_upgraded_for_writing(tmp_path):
    format_1(tmp_path / "v1.sqlite")
    db = sqlite3.connect(tmp_path / "v1.sqlite")
    db.executescript(
        "INSERT INTO publication VALUES (1, 's', 'publish', '2026-05-01T08:00:00+08:00', '/o', '/s', 'staged');"
        "INSERT INTO sent VALUES ('urn:a', 1, 's', 'article', 'en', 'h', 'usable', '[]', "
        "'2026-05-01T08:00:00+08:00', '2026-05-01T08:00:00+08:00', '[\"a.xml\"]', 1);"
    )
    db.close()
    reader = nb.open_ledger(tmp_path / "v1.sqlite", read_only=True)
    assert [i.pending for i in reader.history()] == [NOT_YET_MOVED]
    assert reader.staged() == [Staged(1, "s", Path("/o"), Path("/s"), None)]
    reader.close()
    assert sqlite3.connect(tmp_path / "v1.sqlite").execute("PRAGMA user_version").fetchone()[0] == 1
    writer = nb.open_ledger(tmp_path / "v1.sqlite")
    assert sqlite3.connect(tmp_path / "v1.sqlite").execute("PRAGMA user_version").fetchone()[0] == 2
    assert len(writer.ledger_id) == 32
    writer.set_problem(1, "stuck")
    assert [i.pending for i in writer.history()] == ["stuck"]
    writer.close()


def test_each_refusal_names_the_ledger_file(tmp_path, ledger):
    publish(ledger, sent("urn:a", files=("新闻-1.xml", "message.xml")))
    raw = sqlite3.connect(ledger.path).execute("SELECT files FROM sent").fetchone()[0]
    assert raw == '["新闻-1.xml", "message.xml"]'  # readable as written, not \\u escapes
    with pytest.raises(LedgerError) as caught:
        publish(ledger, sent("urn:a"))
    assert caught.value.source == str(ledger.path)
    foreign = tmp_path / "foreign.sqlite"
    db = sqlite3.connect(foreign)
    db.execute("PRAGMA application_id = 7")
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    with pytest.raises(LedgerError) as caught:
        nb.open_ledger(foreign)
    assert caught.value.source == str(foreign)
    assert "is an SQLite database of another application (application_id 0x7), not a newsbilingual ledger" in str(
        caught.value
    )
    db = sqlite3.connect(ledger.path)
    db.execute("PRAGMA user_version = 9")
    db.commit()
    db.close()
    with pytest.raises(LedgerError) as caught:
        nb.open_ledger(ledger.path)
    assert caught.value.source == str(ledger.path)
    assert "ledger format 9 is not 2 (written by a newer newsbilingual?)" in str(caught.value)


def test_a_new_ledger_locked_while_another_process_creates_it_is_named(tmp_path):
    """Two commands creating the same new ledger: the second waits, then names the file and the lock."""
    path = tmp_path / "new.sqlite"
    creator = sqlite3.connect(path, isolation_level=None)
    creator.execute("BEGIN IMMEDIATE")  # holds the write lock on a file still empty
    try:
        with pytest.raises(LedgerError) as caught:
            nb.open_ledger(path, lock_timeout=0.05)
    finally:
        creator.execute("ROLLBACK")
        creator.close()
    assert caught.value.source == str(path)
    assert f"{path}: locked by another process (waited 0.05 s)" in str(caught.value)
    nb.open_ledger(path).close()  # once the other lets go, the ledger is made


def test_damaged_ledgers_name_their_file(tmp_path):
    text = tmp_path / "text"
    text.write_bytes(b"not a database at all" * 100)
    with pytest.raises(LedgerError) as caught:
        nb.open_ledger(text)
    assert caught.value.source == str(text)
    assert str(caught.value) == f"{text}: is damaged or not a newsbilingual ledger (file is not a database)"
    path = tmp_path / "l.sqlite"
    nb.open_ledger(path).close()
    db = sqlite3.connect(path)
    db.execute("DROP TABLE sent")
    db.commit()
    db.close()
    with pytest.raises(LedgerError) as caught:
        nb.open_ledger(path)
    assert caught.value.source == str(path)
    assert str(caught.value) == f"{path}: the ledger is damaged: table sent is missing"
