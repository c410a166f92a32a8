"""The PO reader (GNU grammar, msgfmt's errors), the .mo reader, and how render picks .mo or .po."""

from __future__ import annotations

import gettext
import random
import shutil
import struct
import subprocess
from dataclasses import replace
from pathlib import Path

import polib
import pytest
from conftest import fixed_clock

import newsbilingual as nb
from newsbilingual.catalog.poread import parse_po
from newsbilingual.catalog.translations import find_translations, read_mo
from newsbilingual.cli import main

ID = "mianyang-high-tech-service"
REPO = Path(__file__).resolve().parents[1]
GNU = shutil.which("msgfmt") and shutil.which("msgcat")
HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
)


def catalog(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    """A zh catalog of the library domain under ``tmp_path/locales`` with ``body`` after the header."""
    path = tmp_path / "locales" / "zh" / "LC_MESSAGES" / "demo.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "\n" + body, "utf-8")
    return path


def msgfmt_accepts(path: Path) -> bool:
    return subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True).returncode == 0


# --------------------------------------------------------------------------------------------
# Duplicates (issue 15 item 7)
# --------------------------------------------------------------------------------------------

LONG_CONTEXT = "article/" + "very-long-segment-identifier-" * 4


def _wrapped_entries(contexts: list[str], msgid: str) -> str:
    po = polib.POFile()
    for context in contexts:
        po.append(polib.POEntry(msgctxt=context, msgid=msgid, msgstr="译文"))
    return nb.format_pofile(po).split("\n\n", 1)[1]


def test_wrapped_long_contexts_with_the_same_text_are_not_duplicates(tmp_path, capsys):
    body = _wrapped_entries([LONG_CONTEXT + "a", LONG_CONTEXT + "b"], "Same text.")
    assert 'msgctxt ""' in body  # the contexts are wrapped
    path = catalog(tmp_path, body)
    assert main(["compile", "--locales", str(tmp_path / "locales")]) == 0
    translations = nb.load_translations(path.with_suffix(".mo"), "zh")
    assert translations.lookup(LONG_CONTEXT + "b", "Same text.") == "译文"
    if GNU:
        assert msgfmt_accepts(path)


def test_wrapped_real_duplicates_are_found_with_their_line(tmp_path, capsys):
    long_text = "A paragraph long enough to be wrapped over several lines. " * 4
    body = _wrapped_entries([LONG_CONTEXT, LONG_CONTEXT], long_text)
    path = catalog(tmp_path, body)
    assert main(["compile", "--locales", str(tmp_path / "locales")]) == 2
    err = capsys.readouterr().err
    lines = path.read_text("utf-8").split("\n")
    starts = [n for n, line in enumerate(lines, 1) if line == 'msgctxt ""']
    assert f"{path}:{starts[1]}: duplicate message definition (first at line {starts[0]})" in err
    assert not path.with_suffix(".mo").exists()
    if GNU:
        assert not msgfmt_accepts(path)


# --------------------------------------------------------------------------------------------
# What msgfmt refuses is refused with file:line (issue 15 items 3 and 7)
# --------------------------------------------------------------------------------------------

BAD_BODIES = {  # body, the line msgfmt reports (the header takes lines 1-5), the message
    "invalid escape": ('msgctxt "p"\nmsgid "Mianyang"\nmsgstr "绵\\q阳"\n', 8, "invalid control sequence"),
    "msgstr[0] without plural": ('msgid "one photo"\nmsgstr[0] "一张照片"\n', 6, "missing 'msgid_plural'"),
    "unterminated string": ('msgid "open\nmsgstr "x"\n', 6, "end-of-line within string"),
    "missing msgstr": ('msgid "a"\n\nmsgid "b"\nmsgstr "乙"\n', 6, "missing 'msgstr' section"),
    "stray text": ('msgid "a"\nmsgstr "甲"\nhello\n', 8, "keyword 'hello' unknown"),
    "plural without msgstr[]": ('msgid "a"\nmsgid_plural "as"\nmsgstr "甲"\n', 8, "msgstr[]"),
    "wrong plural index": ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "甲"\nmsgstr[2] "甲"\n', 9, "wrong index"),
    "mixed obsolete": ('#~ msgid "a"\nmsgstr "甲"\n', 7, "inconsistent use of #~"),
}


@pytest.mark.parametrize("case", sorted(BAD_BODIES))
def test_po_that_msgfmt_refuses_is_an_error_with_its_line(tmp_path, capsys, case):
    body, line, message = BAD_BODIES[case]
    path = catalog(tmp_path, body)
    for command in (["compile"], ["stats"], ["update"]):
        if command == ["update"]:
            (tmp_path / "locales" / "demo.pot").write_text(HEADER, "utf-8")
        assert main([*command, "--locales", str(tmp_path / "locales")]) == 2, command
        err = capsys.readouterr().err
        assert f"{path}:{line}: " in err and message in err, (command, err)
    assert not path.with_suffix(".mo").exists()
    if GNU:
        assert not msgfmt_accepts(path)


BAD_HEADERS = {
    "nplurals=x": ("Plural-Forms: nplurals=x; plural=n;", "invalid nplurals value"),
    "bad plural expression": ("Plural-Forms: nplurals=2; plural=n>>1;", "invalid plural expression"),
    "unbalanced": ("Plural-Forms: nplurals=2; plural=(n != 1;", "invalid plural expression"),
    "value out of range": ("Plural-Forms: nplurals=1; plural=n != 1;", "nplurals = 1"),
    "unknown charset": ("Content-Type: text/plain; charset=NOPE", "unknown charset 'NOPE'"),
}


@pytest.mark.parametrize("case", sorted(BAD_HEADERS))
def test_bad_header_is_an_error_not_a_traceback(tmp_path, capsys, case):
    field, message = BAD_HEADERS[case]
    name = field.split(":")[0]
    header = "\n".join(line for line in HEADER.split("\n") if name not in line) + f'"{field}\\n"\n'
    path = catalog(tmp_path, 'msgid "a"\nmsgstr "甲"\n', header=header)
    assert main(["compile", "--locales", str(tmp_path / "locales")]) == 2
    err = capsys.readouterr().err
    assert f"{path}:1: " in err and message in err, err
    assert "Traceback" not in err and not path.with_suffix(".mo").exists()
    if GNU and "charset" not in case:  # msgfmt only warns about an unknown charset
        assert not msgfmt_accepts(path)


def test_escapes_msgfmt_accepts_are_read_as_gnu_reads_them(tmp_path):
    body = 'msgid "a"\nmsgstr "\\x41\\101\\a\\t" "\\"end\\\\"\n'
    assert parse_po(HEADER + "\n" + body, "<test>")[0].msgstr == 'AA\a\t"end\\'  # the grammar: as GNU reads it
    path = catalog(tmp_path, body.replace("\\a", ""))  # a control character is refused (below)
    po = nb.read_po(path)
    assert po[0].msgstr == 'AA\t"end\\'
    if GNU:
        assert main(["compile", "--locales", str(tmp_path / "locales")]) == 0
        subprocess.run(["msgfmt", "-o", str(tmp_path / "gnu.mo"), str(path)], check=True)
        with (tmp_path / "gnu.mo").open("rb") as handle:
            assert gettext.GNUTranslations(handle).gettext("a") == po[0].msgstr


def test_obsolete_previous_strings_are_read():
    text = (
        HEADER
        + '\n#, fuzzy\n#~| msgctxt "p"\n#~| msgid "Old "\n#~| "text"\n#~ msgctxt "p"\n#~ msgid "New"\n#~ msgstr "新"\n'
    )
    po = parse_po(text, "<test>")
    (entry,) = po
    assert entry.obsolete and entry.previous_msgctxt == "p" and entry.previous_msgid == "Old text"
    assert nb.format_pofile(po) == text.replace('Old "\n#~| "text', "Old text")  # GNU joins the short string


# --------------------------------------------------------------------------------------------
# Line separators round-trip through every command (issue 15 item 2)
# --------------------------------------------------------------------------------------------


def test_line_separators_round_trip_through_every_command(tmp_path, seed_story, capsys):
    text = "Line\u2028two\u2029three\u0085four, and a separator at the end\u2028"
    body = list(seed_story.article.body)
    body[1] = replace(body[1], text=text)
    story_file = tmp_path / "story.toml"
    nb.dump_story(replace(seed_story, article=replace(seed_story.article, body=tuple(body))), story_file)
    locales = tmp_path / "locales"
    assert main(["extract", str(story_file), "--locales", str(locales)]) == 0
    assert main(["init", "--lang", "zh", "--locales", str(locales)]) == 0
    path = locales / "zh" / "LC_MESSAGES" / f"{ID}.po"
    po = nb.read_po(path)
    (p02,) = [e for e in po if e.msgctxt == "article/body/p02"]
    assert p02.msgid == text
    p02.msgstr = "第一行\u2028第二行\u0085"
    nb.write_pofile(po, path)
    assert main(["update", "--locales", str(locales)]) == 0
    assert main(["compile", "--locales", str(locales)]) == 0
    assert main(["stats", "--locales", str(locales)]) == 0
    back = {e.msgctxt: e for e in nb.read_po(path)}
    assert back["article/body/p02"].msgid == text and back["article/body/p02"].msgstr == "第一行\u2028第二行\u0085"
    assert read_mo(path.with_suffix(".mo"))[("article/body/p02", text)] == "第一行\u2028第二行\u0085"
    if GNU:  # GNU writes these characters as they are, and so do we: msgcat changes nothing
        for written in (path, locales / f"{ID}.pot"):
            assert subprocess.run(["msgcat", str(written)], capture_output=True).stdout == written.read_bytes()
        subprocess.run(["msgfmt", "-o", str(tmp_path / "gnu.mo"), str(path)], check=True)
        with (tmp_path / "gnu.mo").open("rb") as handle:
            assert gettext.GNUTranslations(handle).pgettext("article/body/p02", text) == "第一行\u2028第二行\u0085"


# --------------------------------------------------------------------------------------------
# Compiled catalogs: damaged files, stale files, the per-process cache (issue 15 item 3, issue 16 item 1)
# --------------------------------------------------------------------------------------------


def _mo_only_locales(tmp_path: Path) -> Path:
    locales = tmp_path / "locales"
    shutil.copytree(REPO / "locales", locales)
    for po in locales.rglob("*.po"):
        po.unlink()
    return locales / "zh" / "LC_MESSAGES" / f"{ID}.mo"


def _damage(data: bytes, how: str) -> bytes:
    if how == "empty":
        return b""
    if how == "truncated":
        return data[: len(data) // 2]
    if how == "header only":
        return data[:16]
    count, originals, translations = struct.unpack("<3I", data[8:20])
    if how == "shared string":  # every translation is the longest one: a render would hold count copies
        rows = [data[translations + 8 * i : translations + 8 * i + 8] for i in range(count)]
        longest = max(rows, key=lambda row: struct.unpack("<I", row[:4]))
        return data[:translations] + longest * count + data[translations + 8 * count :]
    if how == "huge message":  # the first translation is 1 MiB and a byte, appended to the file
        row = struct.pack("<2I", 2**20 + 1, len(data))
        return data[:translations] + row + data[translations + 8 :] + b"x" * (2**20 + 1) + b"\0"
    # the second string's offset points past the end
    return data[: originals + 12] + struct.pack("<I", len(data) + 5) + data[originals + 16 :]


@pytest.mark.parametrize("how", ["empty", "truncated", "header only", "bad offset", "shared string", "huge message"])
def test_damaged_mo_is_an_error_naming_the_file(tmp_path, capsys, how):
    mo = _mo_only_locales(tmp_path)
    mo.write_bytes(_damage(mo.read_bytes(), how))
    out = tmp_path / "out"
    assert main(["render", "--locales", str(tmp_path / "locales"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{mo}: not a valid MO file" in err and "Traceback" not in err
    assert not out.exists()


def test_render_reads_a_current_mo_and_never_a_stale_one(tmp_path, seed_story, rendered):
    locales = tmp_path / "locales"
    shutil.copytree(REPO / "locales", locales)
    po_path = locales / "zh" / "LC_MESSAGES" / f"{ID}.po"
    mo_path = po_path.with_suffix(".mo")
    assert main(["compile", "--locales", str(locales)]) == 0
    assert find_translations(locales, ID, "zh").source == str(mo_path)
    assert nb.render_story(seed_story, locales=locales, clock=fixed_clock) == rendered
    # A translator saves the .po after the last compile: the .mo is stale and not used.
    po = nb.read_po(po_path)
    (headline,) = [e for e in po if e.msgctxt == "article/headline"]
    headline.msgstr = "改过的标题"
    nb.write_pofile(po, po_path)
    assert find_translations(locales, ID, "zh").source == str(po_path)
    documents = nb.render_story(seed_story, locales=locales, clock=fixed_clock)
    assert "改过的标题".encode() in documents[f"{ID}.article.zh-Hans.xml"]
    assert main(["compile", "--locales", str(locales)]) == 0
    again = find_translations(locales, ID, "zh")
    assert (
        again.source == str(mo_path) and again.lookup("article/headline", seed_story.article.headline) == "改过的标题"
    )
    assert find_translations(locales, ID, "zh") is again  # read once per process while unchanged


@pytest.mark.parametrize("seed", range(40))
def test_what_the_writer_writes_reads_back_to_the_same_bytes(seed):
    """GNU layout in, the same catalog out: random entries (escapes, plurals, no-wrap, obsolete,
    previous strings, CJK, line separators) written, read with our reader, written again."""
    from test_powrap import random_catalog

    text = nb.format_pofile(random_catalog(random.Random(seed)))
    assert nb.format_pofile(parse_po(text, f"<seed {seed}>")) == text


def test_obsolete_comments_written_with_the_marker_are_read():
    po = parse_po(HEADER + '\n#~ #, fuzzy\n#~ msgid "a"\n#~ msgstr "b"\n', "<test>")
    assert po[0].obsolete and po[0].fuzzy


def test_compiled_catalog_reads_as_msgfmt_s_under_python_gettext(tmp_path):
    locales = tmp_path / "locales"
    shutil.copytree(REPO / "locales", locales)
    assert main(["compile", "--locales", str(locales)]) == 0
    if not GNU:
        pytest.skip("GNU gettext (msgfmt) not installed; CI installs it")
    for po in locales.rglob("*.po"):
        subprocess.run(["msgfmt", "-o", str(tmp_path / "gnu.mo"), str(po)], check=True)
        catalogs = []
        for mo in (po.with_suffix(".mo"), tmp_path / "gnu.mo"):
            with mo.open("rb") as handle:
                catalogs.append(gettext.GNUTranslations(handle)._catalog)
        assert catalogs[0] == catalogs[1], po  # the header included


def test_a_nul_character_is_an_error_at_its_line(tmp_path, capsys):
    locales = tmp_path / "locales"
    shutil.copytree(nb.locales_dir(), locales)
    po = locales / "zh" / "LC_MESSAGES" / "mianyang-high-tech-service.po"
    lines = po.read_text("utf-8").split("\n")
    lines[29] = lines[29] + "\0"
    po.write_text("\n".join(lines), "utf-8")
    with pytest.raises(nb.CatalogError) as error:
        parse_po(po.read_text("utf-8"), po)
    assert error.value.line == 30 and "NUL" in error.value.message
    assert main(["update", "--locales", str(locales)]) == 2
    assert f"{po}:30: NUL character" in capsys.readouterr().err


@pytest.mark.parametrize("written", ["\x1b[31m", "\\x1b[31m", "\\033", "\\a", "\\f", "\\v", "\ufffe"])
def test_a_control_character_in_a_translation_is_refused_at_its_line(tmp_path, seed_story, capsys, written):
    """msgfmt accepts these; XML cannot hold them: update, compile, check and render name the .po line."""
    story_file = tmp_path / "story.toml"
    nb.dump_story(seed_story, story_file)
    locales = tmp_path / "locales"
    shutil.copytree(REPO / "locales", locales)
    path = locales / "zh" / "LC_MESSAGES" / f"{ID}.po"
    text = path.read_text("utf-8")
    entry_line = text[: text.index('msgctxt "article/headline"')].count("\n") - 1  # its "#." comment line
    path.write_text(text.replace('msgstr "“高新服务”', f'msgstr "“高新服务”{written}', 1), "utf-8")
    if GNU:
        assert msgfmt_accepts(path)
    for command in (
        ["update"],
        ["compile"],
        ["check", str(story_file)],
        ["render", str(story_file), "-o", str(tmp_path / "out")],
    ):
        assert main([*command, "--locales", str(locales)]) == 2, command
        err = capsys.readouterr().err
        assert f"{path}:{entry_line}: control character U+" in err and "Traceback" not in err, (command, err)
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------------------------
# The library's own catalog (newsbilingual.mo) checked like any catalog (issue 23 item 7)
# --------------------------------------------------------------------------------------------


def _library_mo(msgstr: str = "{credit}", plural_forms: str = "nplurals=1; plural=0;") -> bytes:
    """A zh newsbilingual.mo as msgfmt would compile it from a .po holding ``msgstr`` for the photo credit."""
    from newsbilingual.catalog.mofile import mo_bytes

    po = nb.read_po(REPO / "locales" / "zh" / "LC_MESSAGES" / "newsbilingual.po")
    header = f"Content-Type: text/plain; charset=UTF-8\nPlural-Forms: {plural_forms}\n"
    messages = {b"": header.encode()} | {e.msgid.encode(): e.msgstr.encode() for e in po if e.msgstr}
    return mo_bytes(messages | {b"Photo: {credit}": msgstr.encode()})


HOSTILE_LIBRARY_MO = {
    "attribute": (_library_mo("{credit.nope}"), "{credit.nope} is not a plain field"),
    "internals": (_library_mo("{credit.__class__.__mro__}"), "{credit.__class__.__mro__} is not a plain field"),
    "width": (_library_mo("{credit:>2000000000}"), "{credit:>2000000000} is not a plain field"),
    "index": (_library_mo("{credit[0]}"), "{credit[0]} is not a plain field"),
    "plural forms": (_library_mo(plural_forms="nplurals=1; plural=n>1;"), "the plural expression can give 1"),
    "truncated": (_library_mo()[:300], "not a valid MO file"),
}


@pytest.mark.parametrize("case", HOSTILE_LIBRARY_MO)
def test_a_hostile_library_catalog_is_an_error_naming_it(tmp_path, capsys, case):
    data, message = HOSTILE_LIBRARY_MO[case]
    locales = tmp_path / "locales"
    shutil.copytree(REPO / "locales", locales)
    mo = locales / "zh" / "LC_MESSAGES" / "newsbilingual.mo"
    mo.write_bytes(data)
    out = tmp_path / "out"
    assert main(["render", "--locales", str(locales), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{mo}: " in err and message in err and "Traceback" not in err, err
    assert not out.exists()


def test_the_library_catalog_as_compiled_by_the_tool_renders(tmp_path):
    """The hostile cases above differ from this one in the one message only."""
    locales = tmp_path / "locales"
    shutil.copytree(REPO / "locales", locales)
    (locales / "zh" / "LC_MESSAGES" / "newsbilingual.mo").write_bytes(_library_mo("摄影：{credit:>3}"))
    assert main(["render", "--locales", str(locales), "-o", str(tmp_path / "out")]) == 0


@pytest.mark.parametrize("msgstr", ["{credit.nope}", "{credit:>2000000000}", "{credit.__class__}", "{credit!r}"])
def test_compile_refuses_a_library_pattern_that_is_not_a_plain_field(tmp_path, capsys, msgstr):
    locales = tmp_path / "locales"
    shutil.copytree(REPO / "locales", locales)
    path = locales / "zh" / "LC_MESSAGES" / "newsbilingual.po"
    text = path.read_text("utf-8")
    line = text[: text.index("# Chinese credits")].count("\n") + 1  # the entry's first line
    path.write_text(
        text.replace('msgid "Photo: {credit}"\nmsgstr "{credit}"', f'msgid "Photo: {{credit}}"\nmsgstr "{msgstr}"')
    )
    before = path.with_suffix(".mo").read_bytes()
    assert main(["compile", "--locales", str(locales)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:{line}: translation of 'Photo: {{credit}}': {msgstr} is not a plain field" in err
    assert path.with_suffix(".mo").read_bytes() == before


# -- the common-entry fast path of parse_po against line-by-line reading ----------------------


def _read_line_by_line(text: str, source: str) -> polib.POFile:
    """parse_po's reference: every line through the reader, no common-entry match."""
    from newsbilingual.catalog import poread

    lines = text.replace("\r\n", "\n").split("\n")
    reader = poread._Reader()
    try:
        poread._read_lines(reader, lines, 0)
        reader._finish(len(lines))
        return poread._assemble(reader, source)
    except poread._Syntax as error:
        raise nb.CatalogError(str(error), source=source, line=error.line) from None


def _outcome(read, text: str) -> object:
    try:
        po = read(text, "x.po")
    except nb.CatalogError as error:
        return ("error", str(error))
    entries = [po.header_entry] if getattr(po, "header_entry", None) else []
    return (po.metadata, po.header, [vars(entry) for entry in [*entries, *po]])


GENERATED_PIECES = [
    "# translator\n#. extracted\n#: a.py:1 b.py\n#, fuzzy, python-brace-format\n"
    'msgctxt "c"\nmsgid "a {x}"\nmsgstr "b {x}"\n',
    'msgid "plain"\nmsgstr "text"\n',
    'msgctxt ""\n"wrapped "\n"context"\nmsgid ""\n"long "\n"id \\"q\\" \\\\ \\t"\nmsgstr ""\n"译文 "\n"二"\n',
    '#, fuzzy\n#| msgid "old"\nmsgid "new"\nmsgstr "neu"\n',
    '#~ msgid "gone"\n#~ msgstr "weg"\n',
    'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "1"\nmsgstr[1] "n"\n',
    'msgid  "two spaces"\nmsgstr "x" \n',
    'msgid "a" "b"\nmsgstr "c"\n',
    'msgid "bad \\q escape"\nmsgstr "x"\n',
    'msgid "x\\200"\nmsgstr "y"\n',
    '#\nmsgid "empty comment"\nmsgstr ""\n',
    "# only a comment\n",
    'msgid "no msgstr"\n',
    'msgstr "no msgid"\n',
    '"a stray continuation"\n',
    '   msgid "indented"\n   msgstr "line"\n',
    'msgid "dup"\nmsgstr "1"\n',
    'msgid "sep\u2028arator"\nmsgstr "x\u0085y"\n',
]


@pytest.mark.parametrize("seed", range(300))
def test_common_entries_read_as_line_by_line_reading_reads_them(seed):
    """Random sequences of common and uncommon entries (and bad ones), with one, two or no blank
    lines between them, CRLF or LF: the fast path gives the same objects, lines and errors."""
    rng = random.Random(seed)
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    pieces = [rng.choice(GENERATED_PIECES) for _ in range(rng.randint(1, 8))]
    separators = [rng.choice(["\n", "\n", "\n\n", "", " \n"]) for _ in pieces]
    text = header + "".join(sep + piece for sep, piece in zip(separators, pieces, strict=True))
    if seed % 5 == 0:
        text = text.replace("\n", "\r\n")
    if seed % 7 == 0:
        text = "\n\n" + text
    assert _outcome(parse_po, text) == _outcome(_read_line_by_line, text)


def test_every_catalog_in_the_repository_reads_as_line_by_line_reading_reads_it():
    root = Path(__file__).parent.parent
    paths = [*root.glob("locales/**/*.po"), *root.glob("locales/*.pot"), *root.glob("tests/data/**/*.po")]
    assert len(paths) > 10
    for path in paths:
        text = path.read_text("utf-8")
        assert _outcome(parse_po, text) == _outcome(_read_line_by_line, text), path
