"""Catalogs: extraction, merge semantics on real files, GNU tools' agreement, compile, stats."""

from __future__ import annotations

import gettext
import json
import os
import platform
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import polib
import pytest
from conftest import fixed_clock

import newsbilingual as nb
from newsbilingual.catalog.compiling import compile_catalog
from newsbilingual.cli import main

ID = "mianyang-high-tech-service"
REPO = Path(__file__).resolve().parents[1]
GNU = shutil.which("msgcat") and shutil.which("msgfmt")
needs_gnu = pytest.mark.skipif(not GNU, reason="GNU gettext (msgcat, msgfmt) not installed; CI installs it")


def po(path: Path) -> polib.POFile:
    return polib.pofile(str(path))


def entry(catalog: polib.POFile, context: str) -> polib.POEntry:
    found = [e for e in catalog if e.msgctxt == context and not e.obsolete]
    assert len(found) == 1, context
    return found[0]


@pytest.fixture
def workspace(tmp_path: Path, seed_story: nb.Story) -> tuple[Path, Path]:
    """A story file and a locales folder with an extracted template and a zh catalog."""
    story_file = tmp_path / "story.toml"
    nb.dump_story(seed_story, story_file)
    locales = tmp_path / "locales"
    assert main(["extract", str(story_file), "--locales", str(locales)]) == 0
    assert main(["init", "--lang", "zh", "--locales", str(locales)]) == 0
    return story_file, locales


def translate_all(path: Path) -> None:
    catalog = po(path)
    for e in catalog:
        e.msgstr = f"译：{e.msgctxt}"
    catalog.save()


def edit_story(story_file: Path, change) -> None:
    nb.dump_story(change(nb.load_story(story_file)), story_file)


def test_template_entries_have_context_note_and_reference(workspace):
    story_file, locales = workspace
    template = po(locales / f"{ID}.pot")
    p04 = entry(template, "article/body/p04")
    assert p04.msgid.startswith('"High-tech zone has perfected')
    assert "Paragraph 4 of the article" in p04.comment and "Liu Chao" in p04.comment
    file, line = p04.occurrences[0]
    assert file == "story.toml"
    assert story_file.read_text("utf-8").splitlines()[int(line) - 1].startswith("text = ")
    assert entry(template, "commentary/headline").comment == "Headline of the commentary."
    assert entry(template, "photo/credit").comment.startswith("Photo credit")
    assert "Quote by He Maohua, chairman of" in entry(template, "article/body/p03").comment


def test_extraction_is_deterministic(workspace, tmp_path):
    story_file, locales = workspace
    first = (locales / f"{ID}.pot").read_bytes()
    main(["extract", str(story_file), "--locales", str(locales)])
    assert (locales / f"{ID}.pot").read_bytes() == first


def test_contexts_are_stable_when_a_paragraph_is_inserted(seed_story):
    before = {s.context: s.text for s in nb.story_segments(seed_story)}
    body = list(seed_story.article.body)
    body.insert(1, nb.Block("p01a", "A new second paragraph."))
    after = {
        s.context: s.text
        for s in nb.story_segments(replace(seed_story, article=replace(seed_story.article, body=tuple(body))))
    }
    assert set(after) - set(before) == {"article/body/p01a"}
    assert all(after[context] == text for context, text in before.items())


def _update(story_file: Path, locales: Path) -> polib.POFile:
    assert main(["extract", str(story_file), "--locales", str(locales)]) == 0
    assert main(["update", "--locales", str(locales)]) == 0
    return po(locales / "zh" / "LC_MESSAGES" / f"{ID}.po")


def test_merge_edited_source_turns_fuzzy_and_keeps_translation(workspace):
    story_file, locales = workspace
    zh = locales / "zh" / "LC_MESSAGES" / f"{ID}.po"
    translate_all(zh)
    old_text = nb.load_story(story_file).article.body[1].text
    edit_story(
        story_file,
        lambda s: replace(
            s,
            article=replace(
                s.article,
                body=(s.article.body[0], replace(s.article.body[1], text="An edited paragraph."), *s.article.body[2:]),
            ),
        ),
    )
    merged = _update(story_file, locales)
    p02 = entry(merged, "article/body/p02")
    assert p02.fuzzy and p02.msgstr == "译：article/body/p02"
    assert p02.previous_msgid == old_text and p02.previous_msgctxt == "article/body/p02"
    assert not entry(merged, "article/body/p03").fuzzy


def test_merge_inserted_paragraph_arrives_untranslated_others_untouched(workspace):
    story_file, locales = workspace
    zh = locales / "zh" / "LC_MESSAGES" / f"{ID}.po"
    translate_all(zh)
    edit_story(
        story_file,
        lambda s: replace(
            s, article=replace(s.article, body=(s.article.body[0], nb.Block("p01a", "Inserted."), *s.article.body[1:]))
        ),
    )
    merged = _update(story_file, locales)
    assert entry(merged, "article/body/p01a").msgstr == ""
    for block in ("p01", "p02", "p09"):
        e = entry(merged, f"article/body/{block}")
        assert e.msgstr == f"译：article/body/{block}" and not e.fuzzy


def test_merge_moved_paragraph_keeps_its_translation(workspace):
    story_file, locales = workspace
    translate_all(locales / "zh" / "LC_MESSAGES" / f"{ID}.po")
    edit_story(
        story_file, lambda s: replace(s, article=replace(s.article, body=(*s.article.body[1:], s.article.body[0])))
    )
    merged = _update(story_file, locales)
    contexts = [e.msgctxt for e in merged if e.msgctxt and e.msgctxt.startswith("article/body/")]
    assert contexts[-1] == "article/body/p01"
    assert entry(merged, "article/body/p01").msgstr == "译：article/body/p01"
    assert not entry(merged, "article/body/p01").fuzzy


def test_merge_removed_paragraph_becomes_obsolete_and_comes_back(workspace):
    story_file, locales = workspace
    translate_all(locales / "zh" / "LC_MESSAGES" / f"{ID}.po")
    original = nb.load_story(story_file)
    edit_story(story_file, lambda s: replace(s, article=replace(s.article, body=s.article.body[:-1])))
    merged = _update(story_file, locales)
    gone = [e for e in merged if e.obsolete and e.msgctxt == "article/body/p09"]
    assert len(gone) == 1 and gone[0].msgstr == "译：article/body/p09"
    nb.dump_story(original, story_file)
    back = _update(story_file, locales)
    assert entry(back, "article/body/p09").msgstr == "译：article/body/p09"
    assert not [e for e in back if e.obsolete]


def test_merge_renamed_context_keeps_translation_as_fuzzy(workspace):
    story_file, locales = workspace
    translate_all(locales / "zh" / "LC_MESSAGES" / f"{ID}.po")
    edit_story(
        story_file,
        lambda s: replace(
            s, article=replace(s.article, body=(*s.article.body[:-1], replace(s.article.body[-1], id="p09-final")))
        ),
    )
    merged = _update(story_file, locales)
    renamed = entry(merged, "article/body/p09-final")
    assert renamed.fuzzy and renamed.msgstr == "译：article/body/p09"
    assert renamed.previous_msgctxt == "article/body/p09"
    assert not [e for e in merged if e.obsolete]


def test_translator_comments_and_flags_survive_update(workspace):
    story_file, locales = workspace
    zh = locales / "zh" / "LC_MESSAGES" / f"{ID}.po"
    catalog = po(zh)
    e = entry(catalog, "article/headline")
    e.msgstr, e.tcomment, e.flags = "标题", "checked with the desk", ["fuzzy", "no-wrap"]
    catalog.save()
    merged = _update(story_file, locales)
    e = entry(merged, "article/headline")
    assert (e.msgstr, e.tcomment) == ("标题", "checked with the desk")
    assert "fuzzy" in e.flags and "no-wrap" in e.flags


def test_headers_are_complete(workspace):
    _, locales = workspace
    meta = po(locales / "zh" / "LC_MESSAGES" / f"{ID}.po").metadata
    assert meta["Language"] == "zh_Hans"
    assert meta["Plural-Forms"] == "nplurals=1; plural=0;"
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    for key in ("Project-Id-Version", "PO-Revision-Date", "Last-Translator", "Language-Team", "POT-Creation-Date"):
        assert key in meta
    main(["init", "--lang", "en", "--locales", str(locales)])
    en = po(locales / "en" / "LC_MESSAGES" / f"{ID}.po")
    assert en.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert all(e.msgstr == e.msgid for e in en)  # the source language starts as its own text


@needs_gnu
def test_gnu_tools_agree_with_every_bundled_and_merged_catalog(workspace):
    story_file, locales = workspace
    translate_all(locales / "zh" / "LC_MESSAGES" / f"{ID}.po")
    _update(story_file, locales)
    files = sorted((REPO / "locales").rglob("*.po")) + sorted((REPO / "locales").glob("*.pot"))
    files += sorted(locales.rglob("*.po")) + sorted(locales.glob("*.pot"))
    assert len(files) >= 8
    for path in files:
        check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        cat = subprocess.run(["msgcat", str(path)], capture_output=True)
        assert cat.stdout == path.read_bytes(), f"msgcat rewrites {path}"


def compiled_bundled_catalogs(tmp_path: Path) -> Path:
    """A copy of the bundled catalogs with every .mo compiled again by ``compile``."""
    locales = tmp_path / "locales"
    shutil.copytree(REPO / "locales", locales)
    for mo in locales.rglob("*.mo"):
        mo.unlink()
    assert main(["compile", "--locales", str(locales)]) == 0
    return locales


def test_compiled_mo_is_read_by_python_gettext(tmp_path):
    locales = compiled_bundled_catalogs(tmp_path)
    zh = gettext.translation(ID, localedir=locales, languages=["zh"])
    assert zh.pgettext("article/headline", nb.load_story(nb.SEED_STORY).article.headline) == "“高新服务”加速项目落地"
    # The shipped .mo files are what `compile` makes of the shipped .po files, byte for byte.
    for mo in locales.rglob("*.mo"):
        assert mo.read_bytes() == (REPO / mo.relative_to(tmp_path)).read_bytes(), mo


@needs_gnu
def test_compiled_mo_is_byte_for_byte_msgfmts(tmp_path):
    """Bundled catalogs and generated ones of every size up to 70 entries (hash tables of many
    sizes, with collisions), then 3,000 entries of CJK, escapes, contexts and empty contexts."""
    catalogs = sorted((REPO / "locales").glob("*/LC_MESSAGES/*.po"))
    catalogs.append(tmp_path / "no-header.po")
    catalogs[-1].write_text('msgctxt "c"\nmsgid "a"\nmsgstr "b"\n', "utf-8")
    for size in [*range(71), 3000]:
        path = tmp_path / f"gen{size}.po"
        catalog = polib.POFile()
        catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "POT-Creation-Date": "2026-01-01 00:00+0000"}
        for i in range(size):
            msgid = f'{"高新区" * (i % 7)}entry {i}\t"{i * 7919 % 1000}"\n{"x" * (1 + i % 13)}'
            context = None if i % 3 == 0 else "" if i % 3 == 1 else f"ctx/{i % 11}"
            flags = ["fuzzy"] if i % 17 == 0 else []
            catalog.append(polib.POEntry(msgctxt=context, msgid=msgid, msgstr=f"译文{i}", flags=flags))
        catalog.save(str(path))
        catalogs.append(path)
    for path in catalogs:
        gnu = tmp_path / "gnu.mo"
        subprocess.run(["msgfmt", "-o", str(gnu), str(path)], check=True)
        ours = compile_catalog(nb.read_po(path), nb.get_language("zh"))
        assert ours == gnu.read_bytes(), path


def test_hashes_of_many_keys_at_once_are_hash_strings():
    """The packed hash (mofile.hash_strings) against the one-key definition, on keys of every
    length from 0 to 3,000 bytes in groups small and large, with NULs (leading ones too) and
    bytes that set the high nibble at every step."""
    import random

    from newsbilingual.catalog.mofile import hash_string, hash_strings

    rng = random.Random(24)
    for count in (1, 7, 8, 9, 1023, 1024, 1025, 2500):
        keys = [rng.randbytes(rng.choice((0, 1, 2, 5, 30, 300, 3000))) for _ in range(count)]
        keys += [b"\0" * 3 + b"abc", b"\0", b"\xff" * 40, b"ctx\x04msgid\0plural"]
        assert hash_strings(keys) == [hash_string(key) for key in keys], count


# Looks every key up through GNU libintl (glibc's dcgettext), in a process of its own: the C
# library's locale and catalog cache are process-wide. LANGUAGE is honoured in C.UTF-8 (only a
# locale named exactly "C" makes libintl ignore it).
LIBINTL_LOOKUP = """
import ctypes, json, locale, sys
libc = ctypes.CDLL(None)
libc.setlocale.restype = libc.bindtextdomain.restype = libc.dcgettext.restype = ctypes.c_char_p
assert libc.setlocale(locale.LC_ALL, b"C.UTF-8")
domain, folder, keys = sys.argv[1].encode(), sys.argv[2].encode(), json.load(sys.stdin)
libc.bindtextdomain(domain, folder)
print(json.dumps([libc.dcgettext(domain, key.encode(), locale.LC_MESSAGES).decode() for key in keys]))
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="GNU libintl is glibc's gettext")
def test_gnu_libintl_finds_every_entry_of_every_bundled_catalog(tmp_path):
    locales = compiled_bundled_catalogs(tmp_path)
    checked = 0
    for path in sorted(locales.glob("*/LC_MESSAGES/*.po")):
        wanted = {
            (f"{e.msgctxt}\x04{e.msgid}" if e.msgctxt is not None else e.msgid): e.msgstr
            for e in nb.read_po(path)
            if e.msgstr and not e.fuzzy and not e.obsolete and e.msgid
        }
        language = path.parent.parent.name
        found = subprocess.run(
            [sys.executable, "-c", LIBINTL_LOOKUP, path.stem, str(locales)],
            input=json.dumps(list(wanted)),
            env={**os.environ, "LANGUAGE": language, "LC_ALL": "C.UTF-8"},
            capture_output=True,
            text=True,
            check=True,
        )
        assert dict(zip(wanted, json.loads(found.stdout), strict=True)) == wanted, path
        checked += len(wanted)
    assert checked > 100


def test_bundled_templates_are_up_to_date(tmp_path, seed_story):
    locales = tmp_path / "locales"
    nb_extract = main(["extract", str(nb.SEED_STORY), "--locales", str(locales)])
    assert nb_extract == 0
    fresh = po(locales / f"{ID}.pot")
    shipped = po(REPO / "locales" / f"{ID}.pot")
    assert [(e.msgctxt, e.msgid, e.comment) for e in fresh] == [(e.msgctxt, e.msgid, e.comment) for e in shipped]
    catalog = po(REPO / "locales" / "zh" / "LC_MESSAGES" / f"{ID}.po")
    assert {(e.msgctxt, e.msgid) for e in catalog} == {(e.msgctxt, e.msgid) for e in shipped}


@pytest.mark.parametrize("rewrite", ["polib", "msgcat-width-60", "crlf-bom"])
def test_resaved_catalog_renders_the_same(tmp_path, seed_story, rendered, rewrite):
    if rewrite.startswith("msgcat") and not GNU:
        pytest.skip("GNU gettext not installed")
    locales = tmp_path / "locales"
    shutil.copytree(REPO / "locales", locales)
    for mo in locales.rglob("*.mo"):
        mo.unlink()
    path = locales / "zh" / "LC_MESSAGES" / f"{ID}.po"
    if rewrite == "polib":
        polib.pofile(str(path), wrapwidth=78).save()
    elif rewrite == "crlf-bom":
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    else:
        subprocess.run(["msgcat", "--width=60", "-o", str(path), str(path)], check=True)
    assert path.read_bytes() != (REPO / "locales" / "zh" / "LC_MESSAGES" / f"{ID}.po").read_bytes()
    again = nb.render_story(seed_story, locales=locales, clock=fixed_clock)
    assert again == rendered


def test_broken_po_fails_with_line_and_leaves_every_file_untouched(workspace, capsys):
    story_file, locales = workspace
    main(["init", "--lang", "en", "--locales", str(locales)])
    zh = locales / "zh" / "LC_MESSAGES" / f"{ID}.po"
    zh.write_text(zh.read_text("utf-8") + '\nmsgctxt "x"\nmsgid "unterminated\n', "utf-8")
    edit_story(story_file, lambda s: replace(s, article=replace(s.article, headline="A new headline")))
    main(["extract", str(story_file), "--locales", str(locales)])
    before = {p: p.read_bytes() for p in locales.rglob("*") if p.is_file()}
    assert main(["update", "--locales", str(locales)]) == 2
    message = capsys.readouterr().err
    assert str(zh) in message and "line" in message.lower()
    assert {p: p.read_bytes() for p in locales.rglob("*") if p.is_file()} == before


def test_fuzzy_and_untranslated_fall_back_and_strict_refuses(seed_story, tmp_path):
    path = tmp_path / f"{ID}.po"
    catalog = po(REPO / "locales" / "zh" / "LC_MESSAGES" / f"{ID}.po")
    entry(catalog, "article/headline").flags.append("fuzzy")
    entry(catalog, "commentary/headline").msgstr = ""
    catalog.save(str(path))
    translations = nb.load_translations(path, "zh")
    localized = nb.localize(seed_story, translations)
    assert localized.article.headline == seed_story.article.headline  # fuzzy: the source text
    assert localized.commentary.headline == seed_story.commentary.headline  # untranslated: the source text
    assert localized.article.body[1].text.startswith("事实上")
    assert nb.localize(seed_story, translations, use_fuzzy=True).article.headline == "“高新服务”加速项目落地"
    with pytest.raises(nb.CatalogError, match=r"untranslated or fuzzy") as error:
        nb.localize(seed_story, translations, strict=True)
    for context in ("article/headline", "commentary/headline", "article/byline/deng-xuelin/name"):
        assert context in str(error.value)
    assert main(["render", "--strict", "-o", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out").exists()


def test_stats_table_and_json(capsys):
    assert main(["stats", "--locales", str(REPO / "locales"), "--json"]) == 0
    rows = {(r["domain"], r["language"]): r for r in json.loads(capsys.readouterr().out)}
    zh = rows[(ID, "zh-Hans")]
    assert zh["total"] == zh["translated"] + zh["fuzzy"] + zh["untranslated"]
    assert zh["fuzzy"] > 0 and zh["untranslated"] == 0
    assert rows[(ID, "en")]["translated"] == rows[(ID, "en")]["total"]
    assert main(["stats", "--locales", str(REPO / "locales")]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split()[:3] == ["story", "lang", "done"]
    assert ID in table


def test_chinese_edition_is_chinese(rendered):
    from lxml import etree

    ns = {"h": "http://www.w3.org/1999/xhtml", "n": "http://iptc.org/std/nar/2006-10-01/"}
    for role in ("article", "commentary"):
        root = etree.fromstring(rendered[f"{ID}.{role}.zh-Hans.xml"])
        paragraphs = ["".join(p.itertext()) for p in root.xpath("//h:body/h:p", namespaces=ns)]
        assert paragraphs and all(sum("\u4e00" <= ch <= "\u9fff" for ch in p) > len(p) / 2 for p in paragraphs)
    article = etree.fromstring(rendered[f"{ID}.article.zh-Hans.xml"])
    body = "".join(article.xpath("//h:body//text()", namespaces=ns))
    for figure in ("121.1亿元", "72.68亿元", "45.48亿元", "169亿元", "95亿元", "18.3%", "87.7个百分点"):
        assert figure in body
    # The mainland form of a paper's own report (issue 14): place and date inside 本报…讯.
    assert article.xpath("//n:dateline/text()", namespaces=ns) == ["本报绵阳12月22日讯"]


def test_update_keeps_the_library_domain_whose_entries_have_no_context(tmp_path):
    locales = tmp_path / "locales"
    shutil.copytree(REPO / "locales", locales)
    before = po(locales / "zh" / "LC_MESSAGES" / "newsbilingual.po")
    assert main(["extract", "--library", "--locales", str(locales)]) == 0
    assert main(["update", "--locales", str(locales), "--domain", "newsbilingual"]) == 0
    after = po(locales / "zh" / "LC_MESSAGES" / "newsbilingual.po")
    assert [(e.msgid, e.msgstr, e.fuzzy, e.obsolete) for e in after] == [
        (e.msgid, e.msgstr, False, False) for e in before
    ]


def test_translations_load_from_a_compiled_mo_alone(tmp_path, seed_story):
    mo = tmp_path / "locales" / "zh" / "LC_MESSAGES" / f"{ID}.mo"
    mo.parent.mkdir(parents=True)
    shutil.copy(REPO / "locales" / "zh" / "LC_MESSAGES" / f"{ID}.mo", mo)
    translations = nb.find_translations(tmp_path / "locales", ID, "zh-Hans")
    assert translations.source == str(mo)
    assert nb.localize(seed_story, translations).article.headline == "“高新服务”加速项目落地"


def test_catalog_commands_refuse_a_missing_folder_or_domain(tmp_path, capsys):
    assert main(["update", "--locales", str(tmp_path / "nope")]) == 2
    assert "no such catalogs folder" in capsys.readouterr().err
    assert main(["compile", "--locales", str(REPO / "locales"), "--domain", "nope"]) == 2
    assert "no catalogs for 'nope'" in capsys.readouterr().err


def test_write_commands_never_touch_the_bundled_catalogs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bundled = {p: p.read_bytes() for p in nb.locales_dir().rglob("*") if p.is_file()}
    assert main(["extract"]) == 0
    assert (tmp_path / "locales" / f"{ID}.pot").is_file()
    assert main(["init", "--lang", "zh"]) == 0
    assert main(["compile"]) == 0
    assert {p: p.read_bytes() for p in nb.locales_dir().rglob("*") if p.is_file()} == bundled


def test_compile_refuses_a_translation_with_wrong_placeholders(tmp_path, capsys):
    locales = tmp_path / "locales"
    shutil.copytree(REPO / "locales", locales)
    path = locales / "zh" / "LC_MESSAGES" / "newsbilingual.po"
    path.write_text(path.read_text("utf-8").replace('msgstr "{place}{date}"', 'msgstr "{plac}{date}"'), "utf-8")
    before = {p: p.read_bytes() for p in locales.rglob("*.mo")}
    assert main(["compile", "--locales", str(locales)]) == 2
    err = capsys.readouterr().err
    lines = path.read_text("utf-8").splitlines()
    reported = int(err.split(f"{path}:")[1].split(":")[0])
    assert 'msgid "{place}, {date}"' in lines[reported - 1 : reported + 4]  # the entry's first lines
    assert "date, place" in err
    assert {p: p.read_bytes() for p in locales.rglob("*.mo")} == before


def test_update_keeps_unknown_headers_and_reads_what_other_tools_write(workspace):
    story_file, locales = workspace
    zh = locales / "zh" / "LC_MESSAGES" / f"{ID}.po"
    catalog = po(zh)
    catalog.metadata["X-Poedit-Basepath"] = ".."
    e = entry(catalog, "article/headline")
    e.msgstr, e.flags, e.previous_msgid = "旧标题", ["fuzzy"], "An older headline"
    catalog.save()
    # As a Windows editor might leave it: CRLF line ends and a BOM.
    zh.write_bytes(b"\xef\xbb\xbf" + zh.read_bytes().replace(b"\n", b"\r\n"))
    merged = _update(story_file, locales)
    assert merged.metadata["X-Poedit-Basepath"] == ".."
    e = entry(merged, "article/headline")
    assert (e.msgstr, e.fuzzy, e.previous_msgid) == ("旧标题", True, "An older headline")
    assert b"\r\n" not in zh.read_bytes() and not zh.read_bytes().startswith(b"\xef\xbb\xbf")


def test_references_are_kept_by_babel_and_polib():
    from babel.messages.pofile import read_po as babel_read_po

    path = REPO / "locales" / "zh" / "LC_MESSAGES" / f"{ID}.po"
    with path.open("rb") as handle:
        babel_catalog = babel_read_po(handle)
    babel_refs = {m.context: m.locations for m in babel_catalog if m.id}
    polib_refs = {e.msgctxt: [(f, int(n)) for f, n in e.occurrences] for e in po(path)}
    assert babel_refs == polib_refs
    story_file = "newsbilingual/stories/mianyang-high-tech-service.toml"
    assert all(refs and refs[0][0] == story_file for refs in babel_refs.values())


def _two_stories_one_broken(tmp_path: Path) -> tuple[Path, Path]:
    """The bundled catalogs plus a second story (a copy under another id) whose zh catalog has an
    unescaped quote on its line 20; returns the locales folder and the broken file."""
    locales = tmp_path / "locales"
    shutil.copytree(REPO / "locales", locales)
    for path in list(locales.rglob(f"{ID}.po*")):
        shutil.copy(path, path.with_name("second" + path.suffix))
    broken = locales / "zh" / "LC_MESSAGES" / "second.po"
    lines = broken.read_text("utf-8").split("\n")
    lines[19] = 'msgstr "an "unescaped" quote"'
    broken.write_text("\n".join(lines), "utf-8")
    for mo in locales.rglob("*.mo"):
        mo.unlink()
    return locales, broken


def test_one_broken_po_stops_only_its_own_file_in_compile_and_stats(tmp_path, capsys):
    locales, broken = _two_stories_one_broken(tmp_path)
    assert main(["compile", "--locales", str(locales)]) == 2
    err = capsys.readouterr().err
    assert f"{broken}:20: " in err and "Traceback" not in err
    compiled = {mo.relative_to(locales) for mo in locales.rglob("*.mo")}
    expected = {po.relative_to(locales).with_suffix(".mo") for po in locales.rglob("*.po") if po != broken}
    assert compiled == expected and len(compiled) == len(list(locales.rglob("*.po"))) - 1 >= 8
    assert main(["stats", "--json", "--locales", str(locales)]) == 2
    out, err = capsys.readouterr()
    assert f"{broken}:20: " in err
    rows = {(row["domain"], row["language"]) for row in json.loads(out)}
    assert ("second", "en") in rows and ("second", "zh-Hans") not in rows and (ID, "zh-Hans") in rows
    assert len(rows) == len(list(locales.rglob("*.po"))) - 1  # every catalog but the broken one


def test_one_broken_po_stops_only_its_own_story_in_update(tmp_path, capsys):
    locales, broken = _two_stories_one_broken(tmp_path)
    for stem in (ID, "second"):  # both templates gain an entry
        template = locales / f"{stem}.pot"
        template.write_text(template.read_text("utf-8") + '\nmsgctxt "extra"\nmsgid "One more line."\nmsgstr ""\n')
    second = {p: p.read_bytes() for p in locales.rglob("second.po")}
    assert main(["update", "--locales", str(locales)]) == 2
    err = capsys.readouterr().err
    assert err.count(f"{broken}:20: ") == 1 and "Traceback" not in err
    assert {p: p.read_bytes() for p in locales.rglob("second.po")} == second  # the broken story: untouched
    for path in locales.rglob(f"{ID}.po"):  # every language of the other story: updated
        assert any(e.msgctxt == "extra" for e in po(path)), path


def test_without_on_error_update_compile_and_stats_raise_the_first_broken_file_and_write_nothing(tmp_path):
    """The library's default (no ``on_error``): the first broken file is raised, nothing is written."""
    from newsbilingual.catalog.compiling import compile_all, stats
    from newsbilingual.catalog.locales import update

    locales, broken = _two_stories_one_broken(tmp_path)
    before = {p: p.read_bytes() for p in locales.rglob("*") if p.is_file()}
    for run in (update, compile_all, stats):
        with pytest.raises(nb.CatalogError) as error:
            run(locales)
        assert (Path(error.value.source), error.value.line) == (broken, 20), run
        assert {p: p.read_bytes() for p in locales.rglob("*") if p.is_file()} == before, run
