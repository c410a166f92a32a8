"""The translation memory suggests (issue 22, item 3): near matches with the previous text, as
``msgmerge --compendium`` gives them, and a desk's choice to take exact boilerplate unreviewed."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import polib
import pytest

import newsbilingual as nb
from newsbilingual.cli import main

ID = "mianyang-high-tech-service"
REPO = Path(__file__).resolve().parents[1]


def entries(path: Path) -> dict[str, polib.POEntry]:
    return {e.msgctxt: e for e in nb.read_po(path) if not e.obsolete and e.msgid}


def _one_word_changed(text: str) -> str:
    """A later story's paragraph: one figure, else one word, changed."""
    changed, count = re.subn(r"\d+(\.\d+)?", "77", text, count=1)
    return changed if count else text.replace(" the ", " this ", 1)


@pytest.fixture
def later_story(tmp_path: Path, seed_story: nb.Story) -> tuple[Path, Path, list[nb.Block]]:
    """A copy of the bundled catalogs and a later story whose four paragraphs are the bundled
    story's translated ones with a word or a figure changed; its zh catalog is started empty."""
    locales = tmp_path / "locales"
    shutil.copytree(REPO / "locales", locales, ignore=shutil.ignore_patterns("zh_TW", "zh_HK"))
    zh = entries(locales / "zh" / "LC_MESSAGES" / f"{ID}.po")
    reviewed = [b for b in seed_story.article.body if not zh[f"article/body/{b.id}"].fuzzy][:4]
    body = tuple(replace(b, text=_one_word_changed(b.text)) for b in reviewed)
    assert len(body) == 4 and all(n.text != o.text for n, o in zip(body, reviewed, strict=True))
    header = replace(seed_story.article.header, guid="urn:newsml:mianyang-daily.example:20180108:later:article")
    article = replace(seed_story.article, header=header, body=body)
    path = tmp_path / "later.toml"
    nb.dump_story(replace(seed_story, id="later", article=article, commentary=None, photo=None), path)
    assert main(["extract", str(path), "--locales", str(locales)]) == 0
    return path, locales, reviewed


def test_near_matches_come_fuzzy_with_the_text_they_were_translated_from(later_story):
    _, locales, reviewed = later_story
    assert main(["update", "--locales", str(locales), "--domain", "later"]) == 0
    bundled = entries(locales / "zh" / "LC_MESSAGES" / f"{ID}.po")
    found = entries(locales / "zh" / "LC_MESSAGES" / "later.po")
    for block in reviewed:
        entry, source = found[f"article/body/{block.id}"], bundled[f"article/body/{block.id}"]
        assert entry.fuzzy and entry.msgstr == source.msgstr
        assert (entry.previous_msgctxt, entry.previous_msgid) == (source.msgctxt, block.text)
        assert repr(ID) in entry.tcomment


@pytest.mark.skipif(not shutil.which("msgmerge"), reason="GNU gettext not installed; CI installs it")
def test_the_same_near_matches_as_msgmerge_compendium(later_story, tmp_path):
    _, locales, reviewed = later_story
    later = locales / "zh" / "LC_MESSAGES" / "later.po"
    gnu, empty = tmp_path / "gnu.po", tmp_path / "empty.po"
    empty.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n', "utf-8")
    compendium = f"--compendium={locales / 'zh' / 'LC_MESSAGES' / f'{ID}.po'}"
    subprocess.run(
        ["msgmerge", "-q", "--previous", compendium, "-o", str(gnu), str(empty), str(locales / "later.pot")], check=True
    )
    assert main(["update", "--locales", str(locales), "--domain", "later"]) == 0
    theirs, ours = entries(gnu), entries(later)
    for block in reviewed:
        context = f"article/body/{block.id}"
        assert (ours[context].msgstr, ours[context].previous_msgid) == (
            theirs[context].msgstr,
            theirs[context].previous_msgid,
        )
        assert theirs[context].fuzzy and ours[context].fuzzy


def test_exact_boilerplate_is_taken_unreviewed_only_where_the_desk_says(later_story, monkeypatch):
    path, locales, _ = later_story
    zh = locales / "zh" / "LC_MESSAGES" / "later.po"
    assert main(["update", "--locales", str(locales), "--domain", "later"]) == 0
    assert entries(zh)["article/rights/notice"].fuzzy  # no setting: every pre-fill is reviewed
    zh.unlink()
    (path.parent / "newsbilingual.toml").write_text('memory_accept = ["*/rights/*", "*/person/*/name"]\n', "utf-8")
    monkeypatch.chdir(path.parent)
    assert main(["update", "--locales", str(locales), "--domain", "later"]) == 0
    found = entries(zh)
    notice = found["article/rights/notice"]
    assert not notice.fuzzy and notice.msgstr == "绵阳日报2017年版权所有，保留一切权利。"
    assert f"accepted as translated in the story {ID!r}" in notice.tcomment
    # A kind the desk did not list stays for review; so does a fuzzy name (no memory at all).
    assert found["article/dateline/place"].fuzzy
    assert not found["article/person/he-maohua/name"].msgstr


def test_a_text_the_memory_translated_two_ways_is_never_taken_unreviewed(later_story, monkeypatch):
    path, locales, _ = later_story
    other = locales / "zh" / "LC_MESSAGES" / "other.po"
    po = polib.POFile(wrapwidth=79)
    po.metadata = {"Language": "zh_Hans", "Content-Type": "text/plain; charset=UTF-8"}
    notice = entries(locales / "zh" / "LC_MESSAGES" / f"{ID}.po")["article/rights/notice"]
    po.append(polib.POEntry(msgctxt="article/rights/notice", msgid=notice.msgid, msgstr="另一种译法。"))
    nb.write_pofile(po, other)
    monkeypatch.setenv("NEWSBILINGUAL_MEMORY_ACCEPT", "*/rights/*")
    monkeypatch.chdir(path.parent)
    assert main(["update", "--locales", str(locales), "--domain", "later"]) == 0
    assert entries(locales / "zh" / "LC_MESSAGES" / "later.po")["article/rights/notice"].fuzzy
