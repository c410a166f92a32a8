"""Archives in bulk: render-all on a process pool and on a Dask cluster gives the serial bytes."""

from __future__ import annotations

import os
import signal
from datetime import UTC, datetime
from pathlib import Path

import pytest
from storyarchive import make_archive

import newsbilingual as nb
from newsbilingual.cli import main
from newsbilingual.desk.batch import Outcome, run_batch

SENT = datetime(2026, 1, 1, tzinfo=UTC)


def tree(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.xml"))}


def test_a_pool_gives_the_bytes_of_the_serial_run_and_of_render_story(tmp_path):
    stories, locales = make_archive(tmp_path, 6)
    serial = nb.render_all(stories, tmp_path / "serial", locales=locales, sent=SENT, workers=1)
    pooled = nb.render_all(stories, tmp_path / "pooled", locales=locales, sent=SENT, workers=2)
    assert len(serial.done) == len(pooled.done) == 6 and not serial.failures and not pooled.failures
    assert tree(tmp_path / "serial") == tree(tmp_path / "pooled")
    one = nb.load_story(stories / "story-0003.toml")
    expected = nb.render_story(one, locales=locales, clock=lambda: SENT)
    assert {name: tree(tmp_path / "serial")[name] for name in expected} == expected
    assert len(tree(tmp_path / "serial")) == 6 * len(expected)


def test_a_failing_story_is_reported_and_the_others_are_rendered(tmp_path):
    stories, locales = make_archive(tmp_path, 3)
    (stories / "broken.toml").write_text('[story]\nid = "broken"\nlanguage = \n', "utf-8")
    result = nb.render_all(stories, tmp_path / "out", locales=locales, sent=SENT, workers=2)
    assert [failure.file for failure in result.failures] == [str(stories / "broken.toml")]
    assert str(stories / "broken.toml") in result.failures[0].error
    assert len(result.done) == 3
    assert not list((tmp_path / "out").glob("broken*"))


def test_a_rerun_skips_current_stories_and_redoes_changed_ones(tmp_path):
    stories, locales = make_archive(tmp_path, 3)
    output = tmp_path / "out"
    first = nb.render_all(stories, output, locales=locales, sent=SENT, workers=1)
    assert len(first.done) == 3
    again = nb.render_all(stories, output, locales=locales, sent=SENT, workers=1)
    assert (len(again.done), len(again.skipped)) == (0, 3)
    # A translator's save to one story's catalog, and an edit of another story's file.
    po = locales / "zh" / "LC_MESSAGES" / "story-0001.po"
    po.write_text(po.read_text("utf-8").replace("高新服务", "高新区服务", 1), "utf-8")
    story = stories / "story-0002.toml"
    story.write_text(story.read_text("utf-8").replace("Speeds up", "Quickens"), "utf-8")
    third = nb.render_all(stories, output, locales=locales, sent=SENT, workers=1)
    assert sorted(Path(outcome.file).name for outcome in third.done) == ["story-0001.toml", "story-0002.toml"]
    assert b"Quickens" in (output / "story-0002.article.en.xml").read_bytes()
    # A deleted output makes its story render again.
    (output / "story-0000.package.xml").unlink()
    fourth = nb.render_all(stories, output, locales=locales, sent=SENT, workers=1)
    assert [Path(outcome.file).name for outcome in fourth.done] == ["story-0000.toml"]


def test_parse_all_reads_every_rendered_file(tmp_path):
    stories, locales = make_archive(tmp_path, 2)
    nb.render_all(stories, tmp_path / "out", locales=locales, sent=SENT, workers=1)
    files = sorted((tmp_path / "out").glob("*.xml"))
    (tmp_path / "junk.xml").write_bytes(b"<newsItem")
    result = nb.parse_all([*files, tmp_path / "junk.xml"], workers=2)
    assert len(result.done) == len(files)
    assert [Path(failure.file).name for failure in result.failures] == ["junk.xml"]
    guids = {guid for outcome in result.done for guid in outcome.outputs}
    assert "urn:newsml:mianyang-daily.example:20171222:story-0001:article:zh-Hans" in guids


def test_cli_render_all_reports_counts_and_exits_2_on_a_failure(tmp_path, capsys):
    stories, locales = make_archive(tmp_path, 2)
    argv = ["render-all", str(stories), "-o", str(tmp_path / "out"), "--locales", str(locales)]
    assert main([*argv, "--sent", "2026-01-01T00:00:00+00:00", "--workers", "1"]) == 0
    assert "2 rendered, 0 already current, 0 failed" in capsys.readouterr().err
    (stories / "bad.toml").write_bytes(b"\xff\xfe junk")
    assert main([*argv, "--sent", "2026-01-01T00:00:00+00:00", "--workers", "1"]) == 2
    err = capsys.readouterr().err
    assert "bad.toml" in err and "0 rendered, 2 already current, 1 failed" in err


def test_a_local_dask_cluster_gives_the_bytes_of_the_serial_run(tmp_path):
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    stories, locales = make_archive(tmp_path, 200)
    serial = nb.render_all(stories, tmp_path / "serial", locales=locales, sent=SENT, workers=1)
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
    ):
        clustered = nb.render_all(
            stories, tmp_path / "cluster", locales=locales, sent=SENT, scheduler=cluster.scheduler_address
        )
    assert len(serial.done) == len(clustered.done) == 200 and not clustered.failures
    assert tree(tmp_path / "serial") == tree(tmp_path / "cluster")


def test_two_story_files_with_one_id_are_refused_not_mixed(tmp_path):
    stories, locales = make_archive(tmp_path, 1)
    twin = stories / "story-0000-copy.toml"
    twin.write_text((stories / "story-0000.toml").read_text("utf-8").replace("Speeds up", "Slows down"), "utf-8")
    result = nb.render_all(stories, tmp_path / "out", locales=locales, sent=SENT, workers=1)
    assert len(result.done) == 1 and len(result.failures) == 1
    assert "is also the id of" in result.failures[0].error
    # The story that rendered is whole: every document is from one file, never a mix.
    texts = [path.read_text("utf-8") for path in (tmp_path / "out").glob("*.article.en.xml")]
    assert len(texts) == 1 and ("Slows down" in texts[0]) != ("Speeds up" in texts[0])
    # Once the other file is gone, its id is free again.
    Path(result.failures[0].file).unlink()
    assert not nb.render_all(stories, tmp_path / "out", locales=locales, sent=SENT, workers=1).failures


def test_relative_paths_and_bad_worker_counts(tmp_path, monkeypatch):
    stories, _ = make_archive(tmp_path, 1)
    monkeypatch.chdir(tmp_path)
    result = nb.render_all("stories", "out", locales="locales", sent=SENT, workers=1)
    assert [Path(outcome.file) for outcome in result.done] == [stories.resolve() / "story-0000.toml"]
    with pytest.raises(nb.NewsbilingualError, match="workers must be 1 or more"):
        nb.render_all("stories", "out", workers=0)
    (tmp_path / "empty").mkdir()
    with pytest.raises(nb.NewsbilingualError, match="no story files"):
        nb.render_all("empty", "out", workers=1)


def _fragile_job(file: str) -> Outcome:
    """A job that does what a bad story does to a worker: ``die-once`` is killed (as by the OOM
    killer) the first time only, ``die`` every time, ``hang`` waits on a FIFO no one opens."""
    name = Path(file).name
    if name.startswith("die"):
        marker = Path(file + ".died")
        if name == "die" or not marker.exists():
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
    if name == "hang":
        Path(file).read_bytes()  # a FIFO: blocks until a writer comes, and none will
    return Outcome(file, (name,))


def test_a_pool_survives_dead_and_hanging_workers(tmp_path):
    names = ["a", "die-once", "b", "die", "hang", "c"]
    for name in names:
        if name == "hang":
            os.mkfifo(tmp_path / name)
        else:
            (tmp_path / name).write_text(name)
    result = run_batch(_fragile_job, [tmp_path / name for name in names], workers=2, time_limit=2)
    assert sorted(Path(outcome.file).name for outcome in result.done) == ["a", "b", "c", "die-once"]
    failures = {Path(failure.file).name: failure.error for failure in result.failures}
    assert set(failures) == {"die", "hang"}
    assert "its worker died twice" in failures["die"]
    assert "stopped after the time limit of 2 s" in failures["hang"]


def test_render_all_reads_only_regular_files_and_lists_what_it_did_not_render(tmp_path, capsys):
    stories, locales = make_archive(tmp_path, 2)
    os.mkfifo(stories / "x.toml")
    (stories / "zero.toml").symlink_to("/dev/zero")
    argv = ["render-all", str(stories), "-o", str(tmp_path / "out"), "--locales", str(locales), "--workers", "2"]
    assert main([*argv, "--sent", "2026-01-01T00:00:00+00:00"]) == 2
    err = capsys.readouterr().err
    assert "2 rendered, 0 already current, 2 failed" in err
    assert f"not rendered: {stories / 'x.toml'} {stories / 'zero.toml'}" in err
    assert err.count("not a regular file") == 2


def test_render_all_refuses_a_linked_stamp_folder(tmp_path):
    stories, locales = make_archive(tmp_path, 1)
    victim = tmp_path / "victim"
    victim.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".newsbilingual").symlink_to(victim)
    with pytest.raises(nb.NewsbilingualError, match="is a link or a file, not a folder"):
        nb.render_all(stories, tmp_path / "out", locales=locales, sent=SENT, workers=1)
    assert list(victim.iterdir()) == []
