"""Waivers that survive translators' tools: a ``# check: ignore <check> [hash] — reason`` translator
comment, kept by GNU msgcat and msgmerge --previous and by translate-toolkit (Weblate's file layer),
and tied to the text it waives: an edit of the translation or the source revives the check."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from translate.storage import pypo

import newsbilingual as nb
from newsbilingual.check import text_hash, waiver_comment
from newsbilingual.cli import main

REPO = Path(__file__).resolve().parents[1]
ID = "mianyang-high-tech-service"
P05 = "article/body/p05"
needs_gettext = pytest.mark.skipif(shutil.which("msgmerge") is None, reason="GNU gettext is not installed")


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    """The bundled catalogs, with a real slip planted in zh p05 (121.1亿 → 12.11亿) and waived."""
    folder = tmp_path / "locales"
    shutil.copytree(REPO / "locales", folder)
    path = nb.catalog_path(folder, ID, "zh")
    catalog = nb.read_po(path)
    entry = catalog.find(P05, by="msgctxt")
    entry.msgstr = entry.msgstr.replace("121.1亿元", "12.11亿元")
    waiver = waiver_comment("figures", entry.msgid, entry.msgstr, "the desk prints the figure as its source gives it")
    entry.tcomment = "\n".join(filter(None, [entry.tcomment, waiver]))
    nb.write_pofile(catalog, path)
    return folder


def figures(story: nb.Story, locales: Path) -> list[tuple[str, str]]:
    found = nb.check_story(story, locales, languages=["zh"], ignored=True)
    return [(f.severity, f.check) for f in found if f.context == P05 and f.check in ("figures", "waivers")]


def test_a_comment_waiver_waives_its_check_on_its_text(seed_story, locales):
    text = nb.catalog_path(locales, ID, "zh").read_text("utf-8")
    entry = nb.read_po(nb.catalog_path(locales, ID, "zh")).find(P05, by="msgctxt")
    assert f"# check: ignore figures [{text_hash(entry.msgid, entry.msgstr)}] — the desk prints" in text
    assert figures(seed_story, locales) == [("ignored", "figures")]
    assert not [f for f in nb.check_story(seed_story, locales) if f.severity == nb.check.ERROR]


@needs_gettext
def test_the_waiver_survives_msgcat_and_msgmerge_previous(seed_story, locales, tmp_path):
    path = nb.catalog_path(locales, ID, "zh")
    subprocess.run(["msgcat", "-o", str(tmp_path / "cat.po"), str(path)], check=True)
    shutil.copy(tmp_path / "cat.po", path)
    assert figures(seed_story, locales) == [("ignored", "figures")]
    template = locales / f"{ID}.pot"
    subprocess.run(
        ["msgmerge", "--previous", "-q", "-o", str(tmp_path / "merged.po"), str(path), str(template)], check=True
    )
    shutil.copy(tmp_path / "merged.po", path)
    assert "# check: ignore figures [" in path.read_text("utf-8")
    assert figures(seed_story, locales) == [("ignored", "figures")]


def test_the_waiver_survives_a_translate_toolkit_load_and_save(seed_story, locales):
    path = nb.catalog_path(locales, ID, "zh")
    store = pypo.pofile.parsefile(str(path))
    path.write_bytes(bytes(store))
    assert figures(seed_story, locales) == [("ignored", "figures")]


def test_an_edit_of_the_translation_revives_the_check(seed_story, locales):
    path = nb.catalog_path(locales, ID, "zh")
    path.write_text(path.read_text("utf-8").replace("增长18.3%", "增长18.4%"), "utf-8")
    found = figures(seed_story, locales)
    assert ("error", "figures") in found and ("warning", "waivers") in found
    entry = nb.read_po(path).find(P05, by="msgctxt")
    [stale] = [f for f in nb.check_story(seed_story, locales, languages=["zh"]) if f.check == "waivers"]
    assert f"renew it as '# check: ignore figures [{text_hash(entry.msgid, entry.msgstr)}]" in stale.message


def test_an_edit_of_the_source_revives_the_check(tmp_path):
    po = polib.POFile()
    po.metadata = {"Language": "zh_Hans", "X-Source-Language": "en"}
    source, target = "Investment was 12.11 billion yuan.", "投资12.11亿元。"
    po.append(polib.POEntry(msgid=source, msgstr=target, tcomment=waiver_comment("figures", source, target, "ok")))
    po.save(str(tmp_path / "zh.po"))
    assert [f.check for f in nb.check_catalog(tmp_path / "zh.po")] == []
    po[0].msgid = "Investment was 12.12 billion yuan."
    po.save(str(tmp_path / "zh.po"))
    assert sorted(f.check for f in nb.check_catalog(tmp_path / "zh.po")) == ["figures", "waivers"]


def test_a_waiver_without_its_hash_or_naming_no_check_is_a_warning(tmp_path):
    po = polib.POFile()
    po.metadata = {"Language": "zh_Hans", "X-Source-Language": "en"}
    source, target = "Investment was 12.11 billion yuan.", "投资12.11亿元。"
    po.append(polib.POEntry(msgid=source, msgstr=target, tcomment="check: ignore figures — rounded"))
    po.append(
        polib.POEntry(msgctxt="b", msgid=source, msgstr="投资121.1亿元。", tcomment="check: ignore figurez [00000000]")
    )
    po.save(str(tmp_path / "zh.po"))
    found = [(f.severity, f.check, f.message) for f in nb.check_catalog(tmp_path / "zh.po")]
    renew = f"'# check: ignore figures [{text_hash(source, target)}] — <reason>'"
    assert ("warning", "waivers", f"waiver of figures without the text's hash: write {renew}") in found
    assert ("warning", "waivers", "waiver names no check: figurez") in found
    assert [check for severity, check, _ in found if severity == "error"] == ["figures"]


def test_json_gives_the_text_hash(locales, capsys):
    assert main(["check", "--locales", str(locales), "--lang", "zh", "--json"]) == 0
    [shown] = [item for item in json.loads(capsys.readouterr().out) if item["check"] == "figures"]
    assert shown["severity"] == "ignored" and shown["flags"] == ["ignore-figures"] and len(shown["text_hash"]) == 8


def msgattrib(path: Path, *options: str) -> None:
    """Run GNU msgattrib on ``path`` in place, as a translator's script does."""
    output = path.with_suffix(".attrib.po")
    subprocess.run(["msgattrib", *options, "-o", str(output), str(path)], check=True)
    output.replace(path)


@needs_gettext
def test_the_waiver_survives_msgattrib(seed_story, locales, tmp_path):
    """msgattrib marks and filters entries; the waived one keeps its comment, and so its waiver."""
    path = nb.catalog_path(locales, ID, "zh")
    waived = nb.read_po(path).find(P05, by="msgctxt")
    only = polib.POFile()
    only.append(polib.POEntry(msgctxt=P05, msgid=waived.msgid, msgstr=waived.msgstr))
    only.save(str(tmp_path / "p05.po"))
    msgattrib(path, "--set-fuzzy", f"--ignore-file={tmp_path / 'p05.po'}")  # every other entry fuzzy
    catalog = nb.read_po(path)
    assert "fuzzy" not in catalog.find(P05, by="msgctxt").flags
    assert all("fuzzy" in entry.flags for entry in catalog if entry.msgctxt != P05 and entry.msgstr)
    assert figures(seed_story, locales) == [("ignored", "figures")]
    msgattrib(path, "--clear-fuzzy")
    assert figures(seed_story, locales) == [("ignored", "figures")]
    msgattrib(path, "--set-fuzzy", f"--only-file={tmp_path / 'p05.po'}")
    msgattrib(path, "--only-fuzzy")  # the waived entry alone is left
    msgattrib(path, "--clear-fuzzy")
    [entry] = nb.read_po(path)
    assert entry.msgctxt == P05 and entry.tcomment.endswith(waived.tcomment.splitlines()[-1])
    assert figures(seed_story, locales) == [("ignored", "figures")]
