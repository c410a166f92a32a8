"""Any valid TBX in, TBX-Basic out: translate-toolkit's and csv2tbx's files made here, a TBX-Basic file
with ntig and a domain, a broken entry that stops nothing but check and terms, and our own output
against the TBX-Basic rules (TBXCheck, a Java tool not packaged anywhere this project installs from,
is not run: the rules it checks that matter here are written out in the last test)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from lxml import etree
from translate.storage import tbx

import newsbilingual as nb
from newsbilingual.check import termbase_bytes
from newsbilingual.cli import main

REPO = Path(__file__).resolve().parents[1]
TERMBASE = REPO / "locales" / "termbase.tbx"
ID = "mianyang-high-tech-service"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def catalog(tmp_path: Path, source: str, target: str) -> Path:
    po = polib.POFile()
    po.metadata = {"Language": "zh_Hans", "X-Source-Language": "en"}
    po.append(polib.POEntry(msgctxt="article/body/p01", msgid=source, msgstr=target))
    path = tmp_path / "zh.po"
    po.save(str(path))
    return path


def test_translate_toolkit_entries_without_ids_are_read(tmp_path, capsys):
    store = tbx.tbxfile()
    store.setsourcelanguage("en")
    store.settargetlanguage("zh-Hans")
    unit = store.addsourceunit("Sichuan")
    unit.target = "四川"
    unit.addnote("province")
    path = tmp_path / "weblate.tbx"
    path.write_bytes(bytes(store))
    assert b"<termEntry>" in path.read_bytes()  # no id, as the TBX DTD allows
    termbase = nb.read_termbase(path)
    [term] = termbase.terms
    assert (term.id, term.note, [f.text for f in term.forms]) == ("entry-1", "province", ["Sichuan", "四川"])
    found = nb.check_catalog(catalog(tmp_path, "Sichuan grew.", "全省增长。"), termbase=path)
    assert [f.message for f in found] == ["source names 'Sichuan'; the translation lacks its zh-Hans form '四川'"]
    assert main(["terms", "--termbase", str(path)]) == 0
    assert "entry-1" in capsys.readouterr().out


def test_csv2tbx_output_is_read_and_its_unknown_language_skipped_with_a_warning(tmp_path, capsys):
    (tmp_path / "terms.csv").write_text("source,target\nMianyang,绵阳\nhigh-tech zone,高新区\n", "utf-8")
    csv2tbx = Path(sys.executable).with_name("csv2tbx")
    subprocess.run(
        [str(csv2tbx), str(tmp_path / "terms.csv"), str(tmp_path / "terms.tbx")], check=True, capture_output=True
    )
    termbase = nb.read_termbase(tmp_path / "terms.tbx")
    assert [term.id for term in termbase.terms] == ["Mianyang", "high-tech zone"]
    assert [str(notice).split(": ", 1)[1] for notice in termbase.notices] == [
        "Mianyang: unknown language 'xx' skipped",
        "high-tech zone: unknown language 'xx' skipped",
    ]
    assert main(["terms", "--termbase", str(tmp_path / "terms.tbx")]) == 0
    assert "warning: " in capsys.readouterr().out
    found = nb.check_catalog(catalog(tmp_path, "Mianyang grew.", "绵阳增长。"), termbase=tmp_path / "terms.tbx")
    assert {(f.check, f.severity) for f in found} == {("termbase", nb.check.WARNING)}


TBX_BASIC = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>sample</p></sourceDesc></fileDesc>
    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc></martifHeader>
  <text><body>
    <termEntry id="c1">
      <descrip type="subjectField">manufacturing</descrip>
      <langSet xml:lang="en">
        <ntig><termGrp><term>display panel</term><termNote type="partOfSpeech">noun</termNote></termGrp>
          <transacGrp><transac type="transactionType">origination</transac><date>2017-01-01</date></transacGrp>
        </ntig>
      </langSet>
      <langSet xml:lang="zh-Hans">
        <ntig><termGrp><term>显示面板</term></termGrp></ntig>
        <tig><term>面板</term><termNote type="termType">shortForm</termNote></tig>
      </langSet>
    </termEntry>
  </body></text>
</martif>
"""


def test_tbx_basic_with_ntig_and_a_domain(tmp_path):
    (tmp_path / "basic.tbx").write_text(TBX_BASIC, "utf-8")
    [term] = nb.read_termbase(tmp_path / "basic.tbx").terms
    assert (term.id, term.kind, term.domains) == ("c1", "term", ("manufacturing",))
    assert [(f.language, f.text, f.derived, f.verified) for f in term.forms] == [
        ("en", "display panel", False, False),  # an origination is not a check
        ("zh-Hans", "显示面板", False, False),
        ("zh-Hans", "面板", True, False),
    ]
    found = nb.check_catalog(
        catalog(tmp_path, "The display panels sold well.", "面板卖得很好。"), termbase=tmp_path / "basic.tbx"
    )
    assert found == []  # the short form is enough in a translation


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The bundled catalogs with one unusable termbase entry (an empty term)."""
    locales = tmp_path / "locales"
    shutil.copytree(REPO / "locales", locales)
    text = TERMBASE.read_text("utf-8").replace("<term>四川</term>", "<term></term>", 1)
    (locales / "termbase.tbx").write_text(text, "utf-8")
    return locales


def test_a_broken_entry_is_a_warning_for_render_and_proof(broken, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["render", "--locales", str(broken), "-o", str(out), "--sent", "2017-12-22T20:00:00+08:00"]) == 0
    assert len(list(out.glob("*.xml"))) > 10
    err = capsys.readouterr().err
    assert "warning: termbase: sichuan: empty term (skipped)" in err
    assert main(["proof", "--locales", str(broken), "-o", str(tmp_path / "proof.html"), "--lang", "zh"]) == 0
    assert "sichuan: empty term" in (tmp_path / "proof.html").read_text("utf-8")


def test_a_broken_entry_is_an_error_for_check_and_terms(broken, seed_story, capsys):
    findings = nb.check_story(seed_story, broken)
    [problem] = [f for f in findings if f.check == "termbase"]
    assert problem.severity == nb.check.ERROR and problem.file == str(broken / "termbase.tbx") and problem.line > 1
    assert main(["check", "--locales", str(broken)]) == 1
    assert main(["terms", "--locales", str(broken)]) == 2
    assert f"{broken / 'termbase.tbx'}:{problem.line}: sichuan: empty term" in capsys.readouterr().err


def test_our_termbase_keeps_the_tbx_basic_rules():
    """DOCTYPE and XCS; TBX-Basic's picklists; subject fields at entry level; in a tig the term first,
    then termNotes, then the rest with notes last."""
    data = termbase_bytes(nb.read_termbase(TERMBASE))
    assert data == TERMBASE.read_bytes()
    document = etree.fromstring(data).getroottree()
    assert document.docinfo.system_url == "TBXBasiccoreStructV02.dtd" and document.docinfo.root_name == "martif"
    root = document.getroot()
    assert root.get("type") == "TBX-Basic" and root.get(XML_LANG) == "en"
    assert root.findtext("martifHeader/encodingDesc/p[@type='XCSURI']") == "TBXBasicXCSV02.xcs"
    picklists = {
        "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
        "transactionType": {"origination", "modification"},
    }
    for element in root.iter("termNote", "transac"):
        assert element.text in picklists[element.get("type")], etree.tostring(element)
    assert {e.getparent().tag for e in root.iter("descrip")} <= {"termEntry"}  # subject fields only
    order = ["term", "termNote", "descrip", "admin", "transacGrp", "note"]
    for tig in root.iter("tig"):
        tags = [child.tag for child in tig]
        assert tags == sorted(tags, key=order.index) and tags[0] == "term"
    for entry in root.iter("termEntry"):
        tags = [child.tag for child in entry]
        assert tags == sorted(tags, key=["descrip", "admin", "transacGrp", "note", "langSet"].index)
    # translate-toolkit (Weblate's reader) reads it
    store = tbx.tbxfile.parsestring(data)
    assert len(store.units) == len(root.findall("text/body/termEntry"))


def test_a_termbase_is_read_from_the_users_cache_until_its_bytes_change(tmp_path, monkeypatch):
    """A command reads the termbase from the user's cache folder (not beside the file) while the
    file's bytes are those it was read from: not after an edit that keeps its size and mtime,
    and a damaged cache file is read past and replaced."""
    import json
    import os

    from newsbilingual.check import termbase as tb

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "desk" / "termbase.tbx"
    path.parent.mkdir()
    shutil.copy(TERMBASE, path)

    def read_in_a_new_process() -> nb.Termbase:
        tb._read.clear()
        return nb.read_termbase(path)

    parsed = read_in_a_new_process()
    caches = list((tmp_path / "cache" / "newsbilingual" / "termbases").iterdir())
    assert len(caches) == 1 and list(path.parent.iterdir()) == [path]
    assert read_in_a_new_process().terms == parsed.terms
    # The cache is what is read: an entry changed in it comes back.
    cached = json.loads(caches[0].read_bytes())
    cached[2][0][3] = "from the cache"
    caches[0].write_text(json.dumps(cached), "utf-8")
    assert read_in_a_new_process().terms[0].note == "from the cache"
    # Other bytes, same size and mtime: read from the file again.
    stat = path.stat()
    text = path.read_text("utf-8")
    first_id = parsed.terms[0].id
    path.write_text(text.replace(f'id="{first_id}"', f'id="{first_id[::-1]}"', 1), "utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert read_in_a_new_process().terms[0].id == first_id[::-1]
    # A damaged cache file is ignored and written anew.
    caches[0].write_bytes(b"\x00not json")
    assert read_in_a_new_process().terms[0].id == first_id[::-1]
    assert json.loads(caches[0].read_bytes())[2][0][0] == first_id[::-1]


def test_an_unusable_entry_is_the_same_error_read_from_the_cache(tmp_path, monkeypatch):
    from newsbilingual.check import termbase as tb

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "termbase.tbx"
    path.write_text(TERMBASE.read_text("utf-8").replace("<term>Sichuan</term>", "<term></term>", 1), "utf-8")
    errors = []
    for _ in range(2):  # parsed, then from the cache
        tb._read.clear()
        with pytest.raises(nb.TermbaseError) as raised:
            nb.read_termbase(path)
        errors.append(str(raised.value))
        assert len(nb.read_termbase(path, strict=False).problems) == 1
    assert errors[0] == errors[1] and "empty term" in errors[0] and f"{path}:" in errors[0]


def test_the_cache_keeps_the_newest_termbases_only(tmp_path, monkeypatch):
    from newsbilingual.check import termbase as tb

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for number in range(tb.CACHED_TERMBASE_FILES + 3):
        path = tmp_path / f"desk{number}" / "termbase.tbx"
        path.parent.mkdir()
        shutil.copy(TERMBASE, path)
        nb.read_termbase(path)
    assert len(list((tmp_path / "cache" / "newsbilingual" / "termbases").iterdir())) == tb.CACHED_TERMBASE_FILES
