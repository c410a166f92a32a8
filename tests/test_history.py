"""Review history as ``msgmerge --previous`` keeps it: byte for byte over random edit sequences.

Each sequence edits a template the way a desk does (a figure corrected, a paragraph cut, restored,
added, renamed, renamed and corrected, two paragraphs' texts swapped, a paragraph split in two, two
merged) and a translator reviews some fuzzy entries between updates. After every update our catalog
must be the bytes GNU ``msgmerge --previous`` writes from the same input, with two differences
by design, written out below as :func:`expected_of`:

1. where msgmerge finds no similar old text for an entry (the first part of a split paragraph
   much shorter than the whole), ours keeps the translation its segment id had, fuzzy;
2. msgmerge may give an entry the translation of another segment whose text shares no run of
   three words with it but is 60% alike letter by letter (with this 40-word vocabulary, two
   unrelated short sentences can be); ours does not propose such coincidences (it compares
   only texts sharing a three-word run, or of the same id; see catalog/merge.py).

``NEWSBILINGUAL_HISTORY_SEQUENCES=2000`` runs 2,000 sequences (30 by default).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import polib
import pytest

import newsbilingual as nb
from newsbilingual.catalog.extract import TEMPLATE_HEADERS, gnu_header
from newsbilingual.catalog.merge import init_catalog, merge_catalog, trigrams
from newsbilingual.cli import main
from newsbilingual.story.languages import get_language

CREATED = datetime(2017, 12, 22, 19, 30, tzinfo=timezone(timedelta(hours=8)))
pytestmark = pytest.mark.skipif(not shutil.which("msgmerge"), reason="GNU gettext not installed; CI installs it")

WORDS = (  # noqa: SIM905 - easier to read as a sentence
    "the high-tech zone service center said investment project companies construction approved district "
    "government officials reported growth revenue industrial park enterprises Mianyang Sichuan province "
    "billion yuan percent year month new policy team procedures window approval land permits"
).split()


def sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(8, 16))
    words.insert(rng.randrange(len(words)), f"{rng.randint(2, 99)}.{rng.randint(10, 99)}")
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(1, 4)))


def chinese_paragraph(rng: random.Random) -> str:
    """An added paragraph, in Chinese: no old entry is similar to it, for msgmerge either."""
    return (
        "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(20, 90))) + f"{rng.randint(2, 99)}.5亿元。"
    )


def copy_edit(rng: random.Random, text: str) -> str:
    """A figure corrected ("12.11 billion" -> "12.31 billion")."""
    return re.sub(r"[0-9]+\.[0-9]+", lambda _: f"{rng.randint(2, 99)}.{rng.randint(10, 99)}", text, count=1)


def write_template(entries: list[tuple[str, str]], path: Path, step: int) -> None:
    pot = polib.POFile()
    pot.metadata = gnu_header(
        {
            "Project-Id-Version": "history",
            "POT-Creation-Date": f"2017-12-{1 + step % 28:02d} 19:00+0800",
            **TEMPLATE_HEADERS,
            "X-Source-Language": "en",
        }
    )
    for n, (context, text) in enumerate(entries):
        pot.append(
            polib.POEntry(
                msgctxt=context, msgid=text, comment=f"Paragraph {context}.", occurrences=[("s.toml", str(n + 3))]
            )
        )
    nb.write_pofile(pot, path)


def review(rng: random.Random, path: Path) -> None:
    """A translator re-translates some fuzzy entries (clearing fuzzy and #|, as Poedit does)."""
    po = nb.read_po(path)
    for entry in po:
        if not entry.obsolete and entry.fuzzy and rng.random() < 0.4:
            entry.flags.remove("fuzzy")
            entry.previous_msgctxt = entry.previous_msgid = None
            entry.msgstr = f"审校 {entry.msgid[:12]}"
        elif not entry.obsolete and not entry.msgstr and rng.random() < 0.6:
            entry.msgstr = f"新译 {entry.msgid[:12]}"
    nb.write_pofile(po, path)


def split(text: str) -> tuple[str, str] | None:
    """A paragraph cut in two at a sentence end, or None for a one-sentence paragraph."""
    ends = [m.end() for m in re.finditer(r"\. ", text)]
    if not ends:
        return None
    cut = ends[len(ends) // 2]
    return text[:cut].rstrip(), text[cut:]


def edit_sequence_step(rng: random.Random, live: list[tuple[str, str]], removed: list[tuple[str, str]], step: int):
    """One to three desk edits of ``live`` (in place); each segment changes at most once an update."""
    touched: set[str] = set()
    for k in range(rng.randint(1, 3)):
        operation = rng.choice(
            ["edit", "edit", "edit", "remove", "restore", "add", "rename", "rename-edit", "swap", "split", "merge"]
        )
        untouched = [i for i, (context, _) in enumerate(live) if context not in touched]
        if not untouched:
            return
        i = rng.choice(untouched)
        context, text = live[i]
        others = [j for j in untouched if j != i]
        if operation in ("remove", "rename", "rename-edit", "swap", "merge") and (len(live) < 4 or not others):
            operation = "edit"
        if operation == "split" and split(text) is None:
            operation = "edit"
        if operation == "edit":
            live[i] = (context, copy_edit(rng, text))
        elif operation == "remove":
            removed.append(live.pop(i))
        elif operation == "restore" and removed:
            live.insert(rng.randrange(len(live) + 1), removed.pop(rng.randrange(len(removed))))
        elif operation == "rename":
            live[i] = (context + "-r", text)
        elif operation == "rename-edit":
            live[i] = (context + "-e", copy_edit(rng, text))
        elif operation == "swap":
            j = rng.choice(others)
            live[i], live[j] = (context, live[j][1]), (live[j][0], text)
            touched.add(live[j][0])
        elif operation == "split":
            first, second = split(text)
            live[i] = (context, first)
            live.insert(i + 1, (f"{context}-s{step}", second))
            touched.add(live[i + 1][0])
        elif operation == "merge":
            j = rng.choice(others)
            live[i] = (context, text + " " + live[j][1])
            touched.add(live[j][0])
            live.pop(j)
        else:
            live.append((f"article/body/n{step}-{k}", chinese_paragraph(rng)))  # segment ids are unique
        touched.update(c for c, _ in live if c == context)


def expected_of(gnu: Path, before: polib.POFile) -> str:
    """msgmerge's output with our differences by design (see the module's docstring) applied.

    Difference 1: a live entry msgmerge leaves untranslated, whose segment id had a translation in ``before``
    (live first, else obsolete), gets that translation fuzzy with the old text as ``#|``, and the
    old entry is no longer listed as obsolete (its translation is in use).
    """
    po = nb.read_po(gnu)
    for entry in po:  # difference 2: no coincidences
        if not entry.fuzzy or entry.obsolete:
            continue
        # The old entry msgmerge took the translation from: a reviewed one is the #| text, a
        # fuzzy one carries that #| along.
        previous = (entry.previous_msgctxt, entry.previous_msgid)
        sources = [
            old
            for old in before
            if old.msgstr == entry.msgstr
            and previous == ((old.previous_msgctxt, old.previous_msgid) if old.fuzzy else (old.msgctxt, old.msgid))
        ]
        if sources and all(
            old.msgctxt != entry.msgctxt and not trigrams(entry.msgid) & trigrams(old.msgid) for old in sources
        ):
            entry.msgstr, entry.tcomment = "", ""
            entry.flags.remove("fuzzy")
            entry.previous_msgctxt = entry.previous_msgid = None
    kept = {}
    for entry in before:  # live entries come first in the file: the live one of a context wins
        if entry.msgstr and entry.msgctxt:
            kept.setdefault(entry.msgctxt, entry)
    used = []
    for entry in po:
        old = kept.get(entry.msgctxt or "")
        if not entry.obsolete and not entry.msgstr and old is not None:
            entry.msgstr, entry.tcomment = old.msgstr, old.tcomment
            entry.flags.insert(0, "fuzzy")
            if old.fuzzy:
                entry.previous_msgctxt, entry.previous_msgid = old.previous_msgctxt, old.previous_msgid
            else:
                entry.previous_msgctxt, entry.previous_msgid = old.msgctxt, old.msgid
            used.append((old.msgctxt, old.msgid))
    for entry in [e for e in po if e.obsolete and (e.msgctxt, e.msgid) in used]:
        po.remove(entry)
    return nb.format_pofile(po)


SEQUENCES = int(os.environ.get("NEWSBILINGUAL_HISTORY_SEQUENCES", "30"))


@pytest.mark.parametrize("seed", range(SEQUENCES))
def test_update_writes_what_msgmerge_previous_writes(tmp_path, seed):
    rng = random.Random(seed)
    live = [(f"article/body/p{n:02d}", paragraph(rng)) for n in range(1, 9)]
    removed: list[tuple[str, str]] = []
    pot, po_path, gnu = tmp_path / "t.pot", tmp_path / "zh.po", tmp_path / "gnu.po"
    write_template(live, pot, 0)
    template = nb.read_po(pot)
    catalog = init_catalog(
        template, get_language("zh"), source_language="en", now=CREATED, translator="T <t@example.org>"
    )
    for entry in catalog:
        entry.msgstr = f"译 {entry.msgid[:12]}"
    nb.write_pofile(catalog, po_path)
    for step in range(1, 9):
        edit_sequence_step(rng, live, removed, step)
        write_template(live, pot, step)
        subprocess.run(["msgmerge", "--quiet", "--previous", "-o", str(gnu), str(po_path), str(pot)], check=True)
        before = nb.read_po(po_path)
        ours = nb.format_pofile(merge_catalog(before, nb.read_po(pot)))
        assert ours == expected_of(gnu, before), f"seed {seed}, step {step}"
        po_path.write_text(ours, "utf-8")
        review(rng, po_path)


ID = "mianyang-high-tech-service"


def _edit_paragraph(story_file: Path, old: str, new: str) -> None:
    story = nb.load_story(story_file)
    body = tuple(replace(b, text=b.text.replace(old, new)) for b in story.article.body)
    nb.dump_story(replace(story, article=replace(story.article, body=body)), story_file)


def _update(story_file: Path, locales: Path) -> None:
    assert main(["extract", str(story_file), "--locales", str(locales)]) == 0
    assert main(["update", "--locales", str(locales)]) == 0


def test_previous_text_is_the_one_translated_across_edits_and_survives_obsolescence(tmp_path, seed_story):
    story_file, locales = tmp_path / "story.toml", tmp_path / "locales"
    nb.dump_story(seed_story, story_file)
    shutil.copytree(nb.locales_dir(), locales)
    zh = locales / "zh" / "LC_MESSAGES" / f"{ID}.po"
    (translated,) = [b for b in seed_story.article.body if "12.11 billion" in b.text]
    context = f"article/body/{translated.id}"
    _edit_paragraph(story_file, "12.11 billion", "12.31 billion")
    _update(story_file, locales)
    _edit_paragraph(story_file, "18.3%", "18.5%")
    _update(story_file, locales)
    (entry,) = [e for e in nb.read_po(zh) if e.msgctxt == context]
    assert entry.fuzzy and entry.previous_msgid == translated.text  # not the intermediate text
    assert "18.5%" in entry.msgid and "12.31" in entry.msgid
    # The paragraph is cut: its entry goes obsolete with its history ...
    story = nb.load_story(story_file)
    body = tuple(b for b in story.article.body if b.id != translated.id)
    nb.dump_story(replace(story, article=replace(story.article, body=body)), story_file)
    _update(story_file, locales)
    (gone,) = [e for e in nb.read_po(zh) if e.msgctxt == context]
    assert gone.obsolete and gone.previous_msgid == translated.text
    assert "#~| msgid" in zh.read_text("utf-8")
    # ... and comes back with it when the paragraph is restored.
    nb.dump_story(story, story_file)
    _update(story_file, locales)
    (back,) = [e for e in nb.read_po(zh) if e.msgctxt == context]
    assert not back.obsolete and back.fuzzy and back.previous_msgid == translated.text
    # msgmerge --previous on what we wrote changes nothing, header order included.
    gnu = tmp_path / "gnu.po"
    subprocess.run(["msgmerge", "-q", "--previous", "-o", str(gnu), str(zh), str(locales / f"{ID}.pot")], check=True)
    assert gnu.read_bytes() == zh.read_bytes()
