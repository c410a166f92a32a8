"""The wire job: a story and its catalogs in, every NewsML-G2 document of every edition out.

:func:`render_story` returns the documents as ``{file name: bytes}`` without touching the
disk, so a failure (a missing translation in strict mode, an undeclared QCode) leaves no
partial output; :func:`write_documents` then writes them, each atomically. The clock is a
parameter: the same story, catalogs and clock always give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import write_bytes_atomic
from ..catalog.translations import Translations, find_translations, has_catalog, localize, localize_with_fallbacks
from ..errors import ModelError
from ..newsml.render import item_element, news_message, to_bytes
from ..story.languages import LANGUAGES, get_language
from ..story.model import Item, PackageItem, Story
from .editions import build_package, story_edition

if TYPE_CHECKING:
    from lxml import etree

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The default clock."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Edition:
    """One language edition of a story, with the items it publishes.

    ``fallbacks`` are the contexts of the segments printed in the source language because the
    language's catalog has no (or only a fuzzy) translation for them.
    """

    language: str
    story: Story
    fallbacks: tuple[str, ...] = ()

    def items(self) -> list[Item]:
        return [item for _, item in self.story.roles()]


def story_editions(
    story: Story,
    *,
    locales: Path | None = None,
    languages: Sequence[str] | None = None,
    strict: bool = False,
) -> list[Edition]:
    """Every language edition of ``story``: the source text, and each language's catalog.

    By default the editions are the source language and every language that has a catalog
    of the story under ``locales``. A language asked for by name but without a catalog is
    published from the source text (or refused in ``strict`` mode), as gettext falls back.
    """
    if languages:
        tags = [get_language(name).tag for name in languages]
    else:
        tags = [lang.tag for lang in LANGUAGES if locales and has_catalog(locales, story.id, lang.tag)]
    if story.language not in tags:
        tags.insert(0, story.language)
    editions = []
    for tag in tags:
        # The source language's own catalog, where there is one, carries copy edits.
        translations = find_translations(locales, story.id, tag) if locales else None
        if translations is None and tag != story.language:
            translations = Translations(language=tag, source=f"<no {tag} catalog for {story.id}>")
        text, fallbacks = story, []
        if translations is not None:
            if strict and tag != story.language:
                text = localize(story, translations, strict=True)
            else:
                text, fallbacks = localize_with_fallbacks(story, translations)
        if tag == story.language:
            fallbacks = []  # the source language's own text is never a fallback
        editions.append(Edition(tag, story_edition(text, tag, tags), tuple(s.context for s in fallbacks)))
    return editions


Warn = Callable[[str], None]


def _editions_and_package(
    story: Story, *, locales: Path | None, languages: Sequence[str] | None, strict: bool, warn: Warn | None
) -> tuple[list[Edition], PackageItem]:
    editions = story_editions(story, locales=locales, languages=languages, strict=strict)
    for edition in editions:
        if warn and edition.fallbacks:
            shown = ", ".join(edition.fallbacks[:5]) + (", ..." if len(edition.fallbacks) > 5 else "")
            warn(
                f"{story.id}: {edition.language} edition prints {len(edition.fallbacks)} untranslated or fuzzy "
                f"segment(s) in the source language: {shown}"
            )
    return editions, build_package(story, [edition.story for edition in editions])


def render_story(
    story: Story,
    *,
    locales: Path | None = None,
    languages: Sequence[str] | None = None,
    strict: bool = False,
    clock: Clock = utc_now,
    sender: str | None = None,
    warn: Warn | None = None,
) -> dict[str, bytes]:
    """All documents of a story: one per item and edition, the package, and a newsMessage.

    ``warn`` is told, per edition, which segments were printed in the source language.
    """
    editions, package = _editions_and_package(story, locales=locales, languages=languages, strict=strict, warn=warn)
    documents: dict[str, bytes] = {}
    items: list[Item] = []
    elements = []  # each item is rendered once: for its own document, then moved into the newsMessage
    for name, item in [
        *(
            (f"{story.id}.{role}.{edition.language}.xml", item)
            for edition in editions
            for role, item in edition.story.roles()
        ),
        (f"{story.id}.package.xml", package),
    ]:
        element = item_element(item)
        documents[name] = to_bytes(element)
        items.append(item)
        elements.append(element)
    sender = sender or story.article.header.provider.uri
    documents[f"{story.id}.newsmessage.xml"] = feed_bytes(items, clock=clock, sender=sender, elements=elements)
    return documents


def render_feed(
    stories: Iterable[Story],
    *,
    locales: Path | None = None,
    languages: Sequence[str] | None = None,
    strict: bool = False,
    clock: Clock = utc_now,
    sender: str,
    warn: Warn | None = None,
) -> bytes:
    """One newsMessage carrying every edition of every story, with each story's package."""
    items: list[Item] = []
    seen: set[str] = set()
    for story in stories:
        if story.id in seen:
            raise ModelError(f"story {story.id!r} is in the feed twice", field="stories")
        seen.add(story.id)
        editions, package = _editions_and_package(story, locales=locales, languages=languages, strict=strict, warn=warn)
        items += [item for edition in editions for item in edition.items()]
        items.append(package)
    return feed_bytes(items, clock=clock, sender=sender)


def feed_bytes(
    items: Iterable[Item],
    *,
    clock: Clock = utc_now,
    sender: str,
    priority: int = 4,
    elements: Sequence[etree._Element] | None = None,
) -> bytes:
    """A newsMessage of ``items``; its transmitId is derived from the send time, so it is unique per send.

    ``elements``: the items already rendered (they are moved into the message).
    """
    sent = clock()
    transmit_id = f"{sender.rstrip('/')}/transmit/{sent.strftime('%Y%m%dT%H%M%S%f%z')}"
    message = news_message(
        items, sent=sent, sender=sender, transmit_id=transmit_id, priority=priority, elements=elements
    )
    return to_bytes(message)


def write_documents(documents: Mapping[str, bytes], directory: Path) -> list[Path]:
    """Write each document atomically into ``directory``; returns the paths written."""
    paths = []
    for name, data in documents.items():
        path = Path(directory) / name
        write_bytes_atomic(path, data)
        paths.append(path)
    return paths
