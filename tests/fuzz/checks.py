"""What the fuzz campaign asserts of every generated story (shared by tests/test_fuzz.py and campaign.py)."""

from __future__ import annotations

import contextlib
import io
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path

import newsbilingual as nb
from newsbilingual.catalog import catalog_path, init, load_translations, update, write_pofile, write_template
from newsbilingual.cli import main

SENT = datetime(2017, 12, 22, 12, 0, tzinfo=UTC)


def rendered_problems(story: nb.Story, schema: Path) -> tuple[int, list[str]]:
    """Render every edition (source and one translated from nothing: an empty catalog, so every
    segment is printed in the source language and marked so) and validate each document: the
    number of documents, and the problems found (XSD or undeclared QCode alias)."""
    languages = ["en", "zh-Hans"]
    with tempfile.TemporaryDirectory() as folder:
        locales = Path(folder)
        write_template(story, locales)
        init(locales, "zh-Hans" if story.language == "en" else "en", now=SENT)
        documents = nb.render_story(story, locales=locales, languages=languages, clock=lambda: SENT)
    return len(documents), [str(problem) for problem in nb.document_problems(documents, schema=schema)]


def catalog_round_trip(story: nb.Story, locales: Path) -> None:
    """extract -> init -> (a translator copies every source text) -> update -> compile -> reload.

    Every segment must come back exactly from the template, the .po and the compiled .mo:
    the translated edition built from the .mo equals the story. Raises AssertionError if not.
    """
    target = "zh-Hans" if story.language == "en" else "en"
    template = write_template(story, locales)
    segments = {segment.context: segment.text for segment in nb.story_segments(story)}
    read_back = {entry.msgctxt: entry.msgid for entry in nb.read_po(template)}
    assert read_back == segments, f"template {template} does not read back"
    init(locales, target, now=SENT)
    po_path = catalog_path(locales, story.id, target)
    catalog = nb.read_po(po_path)
    for entry in catalog:
        entry.msgstr = entry.msgid
    write_pofile(catalog, po_path)
    update(locales)
    nb.compile_all(locales)
    for suffix in (".po", ".mo"):
        translations = load_translations(catalog_path(locales, story.id, target, suffix), target)
        assert nb.localize(story, translations, strict=True) == story, f"{suffix} does not give the text back"


def cli(*argv: str) -> tuple[int | None, str]:
    """The command line run in this process: (exit status, what it printed on stderr), or
    (None, the traceback) if it raised."""
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            return main(list(argv)), err.getvalue()
    except Exception:
        return None, traceback.format_exc(limit=4)
