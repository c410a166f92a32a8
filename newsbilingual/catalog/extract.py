"""Extraction: a story's translatable segments as a gettext template (POT).

One template per story (its gettext domain is the story id): ``<locales>/<story id>.pot``.
Each entry's ``msgctxt`` is the segment's stable context, ``#.`` tells the translator what
the segment is, and ``#:`` points at the line of the story file that holds it. The template
is deterministic: its creation date is the story's newest version date, not the clock.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from ..errors import CatalogError
from ..version import __version__
from .powrap import write_pofile

if TYPE_CHECKING:
    from ..story.model import Story

TEMPLATE_HEADERS = {
    "Report-Msgid-Bugs-To": "",
    "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
    "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
    "Language-Team": "LANGUAGE <LL@li.org>",
    "Language": "",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
}


# The header fields msgmerge knows, in the order it writes them (before any other field).
GNU_HEADER_ORDER = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
)


def gnu_header(metadata: dict[str, str]) -> dict[str, str]:
    """``metadata`` in msgmerge's order: the fields it knows first (matched ignoring case), then the rest."""
    known = {name.lower(): name for name in GNU_HEADER_ORDER}
    first = sorted((k for k in metadata if k.lower() in known), key=lambda k: GNU_HEADER_ORDER.index(known[k.lower()]))
    return {k: metadata[k] for k in first} | {k: v for k, v in metadata.items() if k.lower() not in known}


def po_date(value: datetime) -> str:
    """A date in the PO header form ``2017-12-22 19:00+0800``.

    The year is written with four digits: ``strftime("%Y")`` writes year 1 as ``1``, which
    Babel then fails to read back.
    """
    return f"{value.year:04d}-" + value.strftime("%m-%d %H:%M%z")


def build_library_template(created: str) -> polib.POFile:
    """The template of the library's own domain, extracted from its code with Babel.

    Messages are the ``_()``-marked strings of :mod:`newsbilingual.catalog.localeformat`.
    """
    from babel.messages.extract import extract_from_file

    from . import localeformat

    source = Path(localeformat.__file__)
    pot = polib.POFile(wrapwidth=79)
    pot.header = "The library's own words (dateline and credit formats), domain 'newsbilingual'."
    pot.metadata = gnu_header(
        {"Project-Id-Version": f"newsbilingual {__version__}", "POT-Creation-Date": created, **TEMPLATE_HEADERS}
    )
    for line, message, comments, _context in extract_from_file(
        "python", source, keywords={"_": None}, comment_tags=("NOTE:",), strip_comment_tags=True
    ):
        pot.append(
            polib.POEntry(
                msgid=message,
                comment="\n".join(comments),
                occurrences=[(source.relative_to(source.parents[2]).as_posix(), str(line))],
                flags=["python-brace-format"],
            )
        )
    return pot


def template_path(locales: Path, domain: str) -> Path:
    """Where the template of ``domain`` lives."""
    return Path(locales) / f"{domain}.pot"


def build_template(story: Story, *, story_file: str | None = None, story_text: str | None = None) -> polib.POFile:
    """The story's POT as a polib object.

    ``story_file`` is the reference written in ``#:`` (a path relative to the project);
    ``story_text`` is the file's text, used to find each segment's line.
    """
    from ..story.segments import story_segments  # only extraction needs them (merge and compile do not)
    from ..story.storyfile import LineIndex

    index = LineIndex(story_text) if story_text is not None else None
    pot = polib.POFile(wrapwidth=79)
    # Every item of a story has its version_created (the model requires it of a story's items).
    newest = max(created for _, item in story.roles() if (created := item.header.version_created) is not None)
    pot.header = (
        f"Translations of the story {story.id!r}.\n"
        "Edit this story's language catalogs under <lang>/LC_MESSAGES/, not this template."
    )
    pot.metadata = gnu_header(
        {
            "Project-Id-Version": story.id,
            "POT-Creation-Date": po_date(newest),
            **TEMPLATE_HEADERS,
            "X-Generator": f"newsbilingual {__version__}",
            "X-Source-Language": story.language,
        }
    )
    seen: dict[str, str] = {}
    for segment in story_segments(story):
        if segment.context in seen:
            if seen[segment.context] == segment.text:
                continue
            raise CatalogError(f"two segments share the context {segment.context!r}", source=story_file or story.id)
        seen[segment.context] = segment.text
        occurrences = []
        if story_file:
            line = index.line_of(segment.path) if index else None
            occurrences.append((story_file, str(line) if line else ""))
        pot.append(
            polib.POEntry(msgctxt=segment.context, msgid=segment.text, comment=segment.note, occurrences=occurrences)
        )
    return pot


def write_template(story: Story, locales: Path, *, story_file: Path | None = None, root: Path | None = None) -> Path:
    """Extract ``story`` into ``<locales>/<story id>.pot`` (atomically); returns the path."""
    reference = None
    text = None
    if story_file is not None:
        text = Path(story_file).read_text("utf-8-sig")
        base = Path(root) if root else Path(locales).resolve().parent
        try:
            reference = Path(story_file).resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            reference = Path(story_file).name
    path = template_path(locales, story.id)
    write_pofile(build_template(story, story_file=reference, story_text=text), path)
    return path
