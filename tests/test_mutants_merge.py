"""What ``merge_catalog``, ``init_catalog`` and ``restore_header`` write, entry by entry and field by field.

Written from the mutation run on ``catalog/merge.py`` (docs/testing.md): test_history.py compares
whole catalogs with GNU msgmerge over random edits, which is slow and leaves the edges alone
(a similarity of exactly 0.6, ties, flags a translator added, the header fields taken from the
template). These pin each rule on a catalog small enough to read.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import polib

import newsbilingual as nb
from newsbilingual.catalog.merge import init_catalog, restore_header, similarity, trigrams
from newsbilingual.story.languages import get_language


def entry(msgid: str, msgstr: str = "", ctx: str | None = None, **fields: object) -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgstr=msgstr, msgctxt=ctx, **fields)


def catalog(*entries: polib.POEntry, **metadata: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=79)
    po.metadata = dict(metadata)
    for one in entries:
        po.append(one)
    return po


def merged(old: polib.POFile, template: polib.POFile) -> dict[tuple[str, str, bool], polib.POEntry]:
    return {(e.msgctxt or "", e.msgid, e.obsolete): e for e in nb.merge_catalog(old, template)}


def test_similarity_is_fstrcmp_of_the_utf8_bytes():
    assert similarity(b"abcde", b"abcde") == 1.0
    assert similarity(b"abcde", b"abcxy") == 0.6  # 4 of 10 bytes inserted or deleted
    assert similarity(b"ab", b"abcd") == 4 / 6
    assert similarity("经济".encode(), "经".encode()) == 6 / 9


def test_trigrams_are_words_or_han_characters():
    assert trigrams("a b c d") == {("a", "b", "c"), ("b", "c", "d")}
    assert trigrams("a b") == {("a", "b")}
    assert trigrams("") == {()}
    assert trigrams("经济增长") == {("经", "济", "增"), ("济", "增", "长")}
    assert trigrams("GDP增长7%") == {("GDP", "增", "长"), ("增", "长", "7%")}


def test_an_unchanged_entry_keeps_translation_comments_and_flags():
    old = entry("Hello", "你好", "p1", tcomment="checked", flags=["no-wrap"], occurrences=[("old.json", "1")])
    template = entry(
        "Hello", ctx="p1", comment="from the story", flags=["python-format"], occurrences=[("s.json", "3")]
    )
    out = merged(catalog(old), catalog(template))
    assert list(out) == [("p1", "Hello", False)]
    new = out["p1", "Hello", False]
    assert (new.msgstr, new.tcomment, new.comment) == ("你好", "checked", "from the story")
    assert new.flags == ["python-format", "no-wrap"]
    assert new.occurrences == [("s.json", "3")]
    assert (new.previous_msgctxt, new.previous_msgid) == (None, None)


def test_a_new_entry_is_untranslated_and_never_fuzzy():
    template = entry("Brand new text here", ctx="p9", comment="note", flags=["fuzzy", "c-format"])
    new = merged(catalog(), catalog(template))["p9", "Brand new text here", False]
    assert (new.msgstr, new.comment, new.flags, new.occurrences) == ("", "note", ["c-format"], [])


def test_an_edited_entry_is_fuzzy_with_the_text_it_was_translated_from():
    old = entry("GDP grew 6.9 percent in 2017", "2017年GDP增长6.9%", "p1", flags=["no-wrap"])
    template = entry("GDP grew 6.8 percent in 2017", ctx="p1")
    new = merged(catalog(old), catalog(template))["p1", "GDP grew 6.8 percent in 2017", False]
    assert new.msgstr == "2017年GDP增长6.9%"
    assert new.flags == ["fuzzy", "no-wrap"]
    assert (new.previous_msgctxt, new.previous_msgid) == ("p1", "GDP grew 6.9 percent in 2017")


def test_a_fuzzy_entry_keeps_the_text_its_translation_was_made_from():
    old = entry("Prices rose 3 percent", "价格上涨3%", "p1", flags=["fuzzy"])
    old.previous_msgctxt, old.previous_msgid = "p1", "Prices rose 2 percent"
    for template in (entry("Prices rose 3 percent", ctx="p1"), entry("Prices rose 4 percent", ctx="p1")):
        new = next(iter(nb.merge_catalog(catalog(old), catalog(template))))
        assert new.flags == ["fuzzy"]
        assert (new.previous_msgctxt, new.previous_msgid) == ("p1", "Prices rose 2 percent")


def test_an_untranslated_old_entry_gives_no_fuzzy_and_no_previous():
    old = entry("Prices rose 3 percent", "", "p1", flags=["fuzzy"])
    new = next(iter(nb.merge_catalog(catalog(old), catalog(entry("Prices rose 4 percent", ctx="p1")))))
    assert (new.msgstr, new.flags, new.previous_msgid) == ("", [], None)


def test_a_translation_follows_its_text_to_another_id():
    text = "The central bank kept its key rate unchanged on Thursday"
    old = catalog(entry(text, "央行周四维持关键利率不变", "p1"), entry("Other words entirely", "别的", "p2"))
    out = merged(old, catalog(entry(text + ".", ctx="p7")))
    moved = out["p7", text + ".", False]
    assert moved.msgstr == "央行周四维持关键利率不变"
    assert (moved.previous_msgctxt, moved.previous_msgid) == ("p1", text)
    # The moved entry's translation lives on in p7: only the other one becomes obsolete.
    assert [k for k in out if k[2]] == [("p2", "Other words entirely", True)]


def test_the_bar_is_a_similarity_above_six_tenths():
    # "w1 w2 w3 abcde" against "w1 w2 w3 abcxy": they share a run of three words; the whole is
    # 18 bytes each with 4 changed: (36 - 4) / 36 is well above, so shrink the shared part.
    assert similarity(b"a b c dddddddddd", b"a b c eeeeeeeeee") == 12 / 32  # far below
    close, far = "a b c ddddd", "a b c xxxxx"
    assert similarity(close.encode(), far.encode()) == 12 / 22  # below 0.6: no match
    out = merged(catalog(entry(close, "近", "old")), catalog(entry(far, ctx="new")))
    assert out["new", far, False].msgstr == ""
    just = "a b c dddd"  # 20 bytes, 8 changed: exactly 0.6, not above it
    assert similarity(just.encode(), b"a b c xxxx") == 0.6
    out = merged(catalog(entry(just, "近", "old")), catalog(entry("a b c xxxx", ctx="new")))
    assert out["new", "a b c xxxx", False].msgstr == ""
    above = "a b c dddx"
    out = merged(catalog(entry(above, "近", "old")), catalog(entry("a b c xxxx", ctx="new")))
    assert out["new", "a b c xxxx", False].msgstr == "近"


def test_an_entry_without_context_passes_the_bar_at_exactly_six_tenths():
    # msgmerge's small bonus for "the same context" goes to an old entry with none as well.
    out = merged(catalog(entry("a b c dddd", "近")), catalog(entry("a b c xxxx")))
    assert out["", "a b c xxxx", False].msgstr == "近"
    assert out["", "a b c xxxx", False].flags == ["fuzzy"]


def test_texts_sharing_no_run_of_three_words_are_not_matched():
    old, new = "alpha beta gamma delta", "alpha beta gamme delta"  # one letter apart, no shared trigram
    assert similarity(old.encode(), new.encode()) > 0.9
    assert trigrams(old) & trigrams(new) == set()
    out = merged(catalog(entry(old, "甲", "a")), catalog(entry(new, ctx="b")))
    assert out["b", new, False].msgstr == ""


def test_the_most_similar_wins_and_the_first_of_equals():
    base = "one two three four five six"
    old = catalog(
        entry(base + " seven", "七", "a"),
        entry(base + " eight", "八", "b"),  # as close as "seven"
        entry(base + " sevens", "七s", "c"),  # closer
    )
    out = merged(old, catalog(entry(base + " sevens!", ctx="z")))
    assert out["z", base + " sevens!", False].msgstr == "七s"
    old = catalog(entry(base + " seven", "七", "a"), entry(base + " eight", "八", "b"))
    out = merged(old, catalog(entry(base + " nine", ctx="z")))
    assert similarity((base + " seven").encode(), (base + " nine").encode()) == similarity(
        (base + " eight").encode(), (base + " nine").encode()
    )
    assert out["z", base + " nine", False].msgstr == "七"


def test_the_same_context_wins_a_tie():
    base = "one two three four five six"
    old = catalog(entry(base + " seven", "七", "a"), entry(base + " eight", "八", "z"))
    out = merged(old, catalog(entry(base + " nine", ctx="z")))
    assert out["z", base + " nine", False].msgstr == "八"
    assert out["z", base + " nine", False].previous_msgctxt == "z"


def test_a_closer_text_of_another_context_beats_the_same_context():
    base = "one two three four five six"
    old = catalog(entry(base + " seven", "七", "z"), entry(base + " nine!", "九", "a"))
    out = merged(old, catalog(entry(base + " nine", ctx="z")))
    assert out["z", base + " nine", False].msgstr == "九"


def test_a_rewritten_segment_keeps_its_own_ids_translation_fuzzy():
    old = catalog(entry("Completely different words", "旧译文", "p3"))
    out = merged(old, catalog(entry("Nothing alike at all here", ctx="p3")))
    new = out["p3", "Nothing alike at all here", False]
    assert (new.msgstr, new.flags, new.previous_msgid) == ("旧译文", ["fuzzy"], "Completely different words")
    assert [k for k in out if k[2]] == []  # its translation was used: not kept as obsolete too


def test_the_live_entry_of_a_context_comes_before_an_obsolete_one():
    old = catalog(entry("Zzz qqq", "旧", "p3", obsolete=True), entry("Completely different", "新", "p3"))
    out = merged(old, catalog(entry("Nothing alike at all", ctx="p3")))
    assert out["p3", "Nothing alike at all", False].msgstr == "旧"  # catalog order: the obsolete came first
    old = catalog(entry("Completely different", "新", "p3"), entry("Zzz qqq", "旧", "p3", obsolete=True))
    out = merged(old, catalog(entry("Nothing alike at all", ctx="p3")))
    assert out["p3", "Nothing alike at all", False].msgstr == "新"


def test_an_obsolete_entry_comes_back_with_its_translation_not_fuzzy():
    old = catalog(entry("Back again", "又回来了", "p4", obsolete=True))
    out = merged(old, catalog(entry("Back again", ctx="p4")))
    assert list(out) == [("p4", "Back again", False)]
    assert (out["p4", "Back again", False].msgstr, out["p4", "Back again", False].flags) == ("又回来了", [])


def test_a_live_entry_wins_over_an_obsolete_one_of_the_same_key():
    old = catalog(entry("Same", "旧的", "p4", obsolete=True), entry("Same", "新的", "p4"))
    out = merged(old, catalog(entry("Same", ctx="p4")))
    assert out["p4", "Same", False].msgstr == "新的"


def test_gone_entries_become_obsolete_without_references_and_untranslated_ones_go():
    gone = entry("Cut paragraph", "删掉的段落", "p5", comment="extracted", occurrences=[("s.json", "9")])
    old = catalog(gone, entry("Never translated", "", "p6"), entry("Kept", "保留", "p1"))
    out = merged(old, catalog(entry("Kept", ctx="p1")))
    assert list(out) == [("p1", "Kept", False), ("p5", "Cut paragraph", True)]
    dead = out["p5", "Cut paragraph", True]
    assert (dead.msgstr, dead.occurrences, dead.comment) == ("删掉的段落", [], "")
    assert gone.obsolete is False and gone.occurrences == [("s.json", "9")]  # the input is not changed


def test_an_old_entry_may_give_its_translation_to_both_parts_of_a_split():
    whole = "The plan was approved on Monday and will take effect next year"
    old = catalog(entry(whole, "该计划周一获批，明年生效", "p1"))
    parts = catalog(
        entry("The plan was approved on Monday", ctx="p1"), entry("and will take effect next year", ctx="p1b")
    )
    out = nb.merge_catalog(old, parts)
    assert [(e.msgctxt, e.msgstr, e.obsolete, e.flags) for e in out] == [
        ("p1", "该计划周一获批，明年生效", False, ["fuzzy"]),
        ("p1b", "该计划周一获批，明年生效", False, ["fuzzy"]),
    ]


def test_the_header_comes_from_the_catalog_but_two_fields_from_the_template():
    old = catalog(
        **{"Project-Id-Version": "story 1", "report-msgid-bugs-to": "old@x", "Language": "zh_CN", "X-Other": "1"}
    )
    old.header = "Translators' note"
    old.metadata_is_fuzzy = True
    old.wrapwidth = 60
    template = catalog(**{"Report-Msgid-Bugs-To": "desk@x", "POT-Creation-Date": "2026-01-01 00:00+0000"})
    template.header = "template header"
    out = nb.merge_catalog(old, template)
    assert out.metadata == {
        "Project-Id-Version": "story 1",
        "Report-Msgid-Bugs-To": "desk@x",
        "POT-Creation-Date": "2026-01-01 00:00+0000",
        "Language": "zh_CN",
        "X-Other": "1",
    }
    assert list(out.metadata) == [
        "Project-Id-Version",
        "Report-Msgid-Bugs-To",
        "POT-Creation-Date",
        "Language",
        "X-Other",
    ]
    assert (out.header, out.metadata_is_fuzzy, out.wrapwidth) == ("Translators' note", True, 60)
    kept = nb.merge_catalog(old, catalog())
    assert kept.metadata["report-msgid-bugs-to"] == "old@x" and "POT-Creation-Date" not in kept.metadata


def test_restore_header_fills_blank_and_missing_fields_and_keeps_the_rest():
    zh = get_language("zh-Hans")
    po = catalog(**{"language": " ", "Plural-Forms": "nplurals=2; plural=(n != 1);", "X-Keep": "yes"})
    restore_header(po, zh)
    assert po.metadata["Language"] == zh.po_code and "language" not in po.metadata
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert po.metadata["MIME-Version"] == "1.0"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["Content-Transfer-Encoding"] == "8bit"
    assert po.metadata["X-Keep"] == "yes"


def test_init_catalog_fills_the_header_and_copies_the_source_language():
    template = catalog(entry("Hello", ctx="p1", comment="c"), entry("World", ctx="p2"), **{"Project-Id-Version": "s 1"})
    template.header = "the header"
    now = datetime(2026, 3, 4, 5, 6, tzinfo=timezone(timedelta(hours=8)))
    en, zh = get_language("en"), get_language("zh-Hans")
    english = init_catalog(template, en, source_language="en", now=now, translator="A <a@x>")
    assert [(e.msgid, e.msgstr, e.comment) for e in english] == [("Hello", "Hello", "c"), ("World", "World", "")]
    assert english.metadata["PO-Revision-Date"] == "2026-03-04 05:06+0800"
    assert english.metadata["Last-Translator"] == "A <a@x>"
    assert english.metadata["Language-Team"] == en.english_name
    assert english.metadata["Language"] == en.po_code
    assert english.metadata["Plural-Forms"] == en.plural_forms
    assert english.metadata["X-Generator"] == f"newsbilingual {nb.__version__}"
    assert english.metadata["Project-Id-Version"] == "s 1"
    assert (english.header, english.wrapwidth) == ("the header", 79)
    chinese = init_catalog(template, zh, source_language="en", now=now)
    assert [e.msgstr for e in chinese] == ["", ""]
    assert chinese.metadata["Last-Translator"] == ""


def test_an_untranslated_old_entry_never_gives_its_emptiness():
    base = "one two three four five six"
    old = catalog(entry(base + " seven", "", "p1"), entry(base + " eight", "八", "p2"))
    out = merged(old, catalog(entry(base + " seven!", ctx="p9")))
    assert out["p9", base + " seven!", False].msgstr == "八"


def test_an_entry_with_a_context_searches_every_leftover_not_only_shared_runs():
    # The old text of p3 is unlike the new; p5's is one letter away but shares no run of three words.
    old = catalog(entry("Completely different words", "旧", "p3"), entry("alpha beta gamma delta", "甲", "p5"))
    out = merged(old, catalog(entry("alpha beta gamme delta", ctx="p3")))
    assert out["p3", "alpha beta gamme delta", False].msgstr == "甲"
    assert out["p3", "alpha beta gamme delta", False].previous_msgctxt == "p5"


def test_an_entry_without_context_searches_only_shared_runs():
    old = catalog(entry("zzz yyy", "乙"), entry("alpha beta gamma delta", "甲", "b"))
    out = merged(old, catalog(entry("alpha beta gamme delta")))
    assert out["", "alpha beta gamme delta", False].msgstr == ""


def test_the_same_context_wins_a_tie_among_many():
    base = "one two three four five six"
    words = ["seven", "eight", "nine!", "tenth", "zeros", "fifty", "forty"]  # none has a q
    old = catalog(*(entry(f"{base} {word}", word, f"a{n}") for n, word in enumerate(words[:-1])))
    old.append(entry(f"{base} {words[-1]}", "同", "z"))
    out = merged(old, catalog(entry(base + " qqqqq", ctx="z")))
    assert out["z", base + " qqqqq", False].msgstr == "同"


def test_restore_header_writes_each_missing_field_under_its_own_name():
    zh = get_language("zh-Hant-TW")
    po = catalog()
    restore_header(po, zh)
    assert po.metadata == {
        "Language": zh.po_code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": zh.plural_forms,
    }


def test_an_old_entry_without_context_ties_with_the_same_context_and_the_first_wins():
    base = "one two three four five six"
    old = catalog(entry(base + " seven", "七"), entry(base + " eight", "八", "z"))
    out = merged(old, catalog(entry(base + " nine!", ctx="z")))
    assert out["z", base + " nine!", False].msgstr == "七"
    assert out["z", base + " nine!", False].previous_msgctxt is None
