"""XLIFF for CAT tools (issue 22, item 2): export, a translator's edits in translate-toolkit's
XLIFF classes (what Weblate and Pootle use), import; hostile files refused."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import polib
import pytest
from lxml import etree
from translate.storage import xliff, xliff2  # GPL, test-only: the reference reader and writer

import newsbilingual as nb
from newsbilingual.cli import main

ID = "mianyang-high-tech-service"
REPO = Path(__file__).resolve().parents[1]
STORE = {"1.2": xliff.xlifffile, "2.0": xliff2.Xliff2File}
CATALOGS = sorted((REPO / "locales").glob(f"*/LC_MESSAGES/{ID}.po"))


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    folder = tmp_path / "locales"
    shutil.copytree(REPO / "locales", folder)
    return folder


def export(locales: Path, language: str, version: str, out: Path) -> None:
    command = ["xliff", "export", str(nb.SEED_STORY), "--lang", language, "-o", str(out)]
    assert main([*command, "--xliff-version", version, "--locales", str(locales)]) == 0


@pytest.mark.parametrize("version", ["1.2", "2.0"])
@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_a_round_trip_loses_nothing_in_any_language(locales, tmp_path, catalog, version):
    language = nb.read_po(catalog).metadata["Language"]
    out = tmp_path / "out.xlf"
    export(locales, language, version, out)
    store = STORE[version].parsestring(out.read_bytes())
    live = [e for e in nb.read_po(catalog) if not e.obsolete and e.msgid]
    assert [u.source for u in store.units] == [e.msgid for e in live]  # one unit per entry, in order
    assert [u.target or "" for u in store.units] == [e.msgstr for e in live]
    assert [u.isfuzzy() for u in store.units] == [e.fuzzy and bool(e.msgstr) for e in live]
    assert main(["xliff", "import", str(out), "--locales", str(locales)]) == 0
    assert (locales / catalog.relative_to(REPO / "locales")).read_bytes() == catalog.read_bytes()


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_editing_in_translate_toolkit_then_importing_is_editing_the_po(locales, tmp_path, version):
    zh = locales / "zh" / "LC_MESSAGES" / f"{ID}.po"
    out = tmp_path / "out.xlf"
    export(locales, "zh", version, out)
    store = STORE[version].parsestring(out.read_bytes())
    fuzzy = next(u for u in store.units if u.isfuzzy())
    done = next(u for u in store.units if u.target and not u.isfuzzy())
    fuzzy.target = fuzzy.target + "（已审）"
    fuzzy.markfuzzy(False)  # reviewed
    done.target = "新译法"
    done.markfuzzy(True)  # a doubt
    out.write_bytes(bytes(store))

    expected = nb.read_po(zh)  # the same edits, made in the .po (as Poedit makes them)
    by_source = {e.msgid: e for e in expected if not e.obsolete}
    reviewed, doubted = by_source[fuzzy.source], by_source[done.source]
    reviewed.msgstr = fuzzy.target
    reviewed.flags.remove("fuzzy")
    reviewed.previous_msgctxt = reviewed.previous_msgid = None
    doubted.msgstr = "新译法"
    doubted.flags.insert(0, "fuzzy")

    assert main(["xliff", "import", str(out), "--locales", str(locales)]) == 0
    assert zh.read_text("utf-8") == nb.format_pofile(expected)


def test_a_source_changed_since_the_export_makes_the_translation_fuzzy_with_that_source(
    locales, tmp_path, seed_story, capsys
):
    out = tmp_path / "out.xlf"
    export(locales, "zh", "1.2", out)
    store = xliff.xlifffile.parsestring(out.read_bytes())
    (unit,) = [u for u in store.units if u.xmlelement.get("resname") == "article/headline"]
    unit.target = "“高新服务”让项目加速落地"
    out.write_bytes(bytes(store))
    # Meanwhile the desk corrects the headline and updates the catalogs.
    story_file = tmp_path / "story.toml"
    nb.dump_story(replace(seed_story, article=replace(seed_story.article, headline="High-tech Service")), story_file)
    assert main(["extract", str(story_file), "--locales", str(locales)]) == 0
    assert main(["update", "--locales", str(locales), "--domain", ID]) == 0
    assert main(["xliff", "import", str(out), "--locales", str(locales)]) == 0
    zh = {e.msgctxt: e for e in nb.read_po(locales / "zh" / "LC_MESSAGES" / f"{ID}.po")}
    headline = zh["article/headline"]
    assert headline.msgstr == "“高新服务”让项目加速落地" and headline.fuzzy
    assert headline.previous_msgid == seed_story.article.headline


def test_the_2_0_export_gives_the_termbase_matches_as_a_glossary(locales, tmp_path):
    out = tmp_path / "out.xlf"
    export(locales, "zh", "2.0", out)
    store = xliff2.Xliff2File.parsestring(out.read_bytes())
    (place,) = [u for u in store.units if u.getunitelement().get("name") == "article/dateline/place"]
    gls = "{urn:oasis:names:tc:xliff:glossary:2.0}"
    entries = place.getunitelement().findall(f"{gls}glossary/{gls}glossEntry")
    assert [(e.findtext(f"{gls}term"), e.findtext(f"{gls}translation")) for e in entries] == [("Mianyang", "绵阳")]


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="mianyang-high-tech-service" source-language="en" target-language="zh-Hans"><body>
  <trans-unit id="1" resname="article/headline"><source>x</source><target>&c;</target></trans-unit>
 </body></file></xliff>
"""
EXTERNAL = BOMB.replace(b'<!ENTITY a "aaaaaaaaaa">', b'<!ENTITY a SYSTEM "file:///etc/passwd">')


@pytest.mark.parametrize("data", [BOMB, EXTERNAL], ids=["entity-bomb", "external-entity"])
def test_hostile_xliff_is_refused_and_writes_nothing(locales, tmp_path, capsys, data):
    zh = locales / "zh" / "LC_MESSAGES" / f"{ID}.po"
    before = zh.read_bytes()
    hostile = tmp_path / "hostile.xlf"
    hostile.write_bytes(data)
    assert main(["xliff", "import", str(hostile), "--locales", str(locales)]) == 2
    assert f"{hostile}:1: XLIFF with a DOCTYPE" in capsys.readouterr().err
    assert zh.read_bytes() == before


def test_malformed_xliff_names_file_and_line(locales, tmp_path, capsys):
    broken = tmp_path / "broken.xlf"
    broken.write_text('<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>\n', "utf-8")
    assert main(["xliff", "import", str(broken), "--locales", str(locales)]) == 2
    assert f"{broken}:4: not well-formed XML" in capsys.readouterr().err


def test_a_unit_whose_entry_is_gone_is_reported_and_the_rest_imported(locales, tmp_path, capsys):
    out = tmp_path / "out.xlf"
    export(locales, "zh", "1.2", out)
    store = xliff.xlifffile.parsestring(out.read_bytes())
    store.units[0].xmlelement.set("resname", "article/body/p99")
    store.units[1].target = "绵阳市"
    out.write_bytes(bytes(store))
    assert main(["xliff", "import", str(out), "--locales", str(locales)]) == 0
    assert "no entry 'article/body/p99' in the catalog now: skipped" in capsys.readouterr().err
    zh = {e.msgctxt: e for e in polib.pofile(str(locales / "zh" / "LC_MESSAGES" / f"{ID}.po"))}
    assert zh["article/dateline/place"].msgstr == "绵阳市"


def test_an_okapi_omegat_style_file_with_segment_markup_and_no_approved_attribute(locales, tmp_path):
    """OmegaT (through Okapi) writes 1.2 with a segmented copy of the source (``seg-source``),
    targets wrapped in ``<mrk mtype="seg">`` and a target ``state`` but no ``approved``."""
    zh = locales / "zh" / "LC_MESSAGES" / f"{ID}.po"
    before = zh.read_bytes()
    out = tmp_path / "out.xlf"
    export(locales, "zh", "1.2", out)
    ns = "{urn:oasis:names:tc:xliff:document:1.2}"
    tree = etree.fromstring(out.read_bytes())
    for unit in tree.iter(f"{ns}trans-unit"):
        unit.attrib.pop("approved", None)
        source, target = unit.find(f"{ns}source"), unit.find(f"{ns}target")
        segmented = etree.Element(f"{ns}seg-source")
        etree.SubElement(segmented, f"{ns}mrk", mtype="seg", mid="1").text = source.text
        source.addnext(segmented)
        if target is not None:
            text, target.text = target.text, None
            etree.SubElement(target, f"{ns}mrk", mtype="seg", mid="1").text = text
    out.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    assert main(["xliff", "import", str(out), "--locales", str(locales)]) == 0
    assert zh.read_bytes() == before  # nothing lost, nothing changed
