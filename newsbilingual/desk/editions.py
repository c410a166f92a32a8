"""Language editions of a story, and the package that groups them.

A story file holds one source language; every language the desk publishes in becomes an
*edition*: the same items with their text translated (through :mod:`newsbilingual.story.segments`), their own
guid (``<guid>:<language tag>``), ``xml:lang``, and links between the translation and its
source in both directions. :func:`build_package` groups the editions of each item as
alternatives (``pgrmod:alt``), which is how NewsML-G2 says "the same item in other languages".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..catalog.localeformat import (
    format_byline,
    format_commentary_author,
    format_credit,
    format_dateline,
    format_embargo_note,
    han_latin_spacer,
)
from ..newsml.vocabulary import (
    GROUP_MAIN,
    REL_COMMENTARY_ON,
    REL_HAS_TRANSLATION,
    REL_SEE_ALSO,
    REL_TRANSLATION_OF,
)
from ..story.model import (
    Byline,
    Dateline,
    Group,
    ItemHeader,
    ItemRef,
    Link,
    PackageItem,
    PictureItem,
    Story,
    TextItem,
    revised,
)
from ..story.segments import map_segments


def edition_guid(guid: str, language: str) -> str:
    """The guid of one language edition of an item."""
    return f"{guid}:{language}"


def _edition_header(
    header: ItemHeader,
    language: str,
    source_language: str,
    languages: Sequence[str],
    extra: tuple[Link, ...] = (),
    timezone: str = "UTC",
) -> ItemHeader:
    if language == source_language:
        links = tuple(
            Link(REL_HAS_TRANSLATION, edition_guid(header.guid, other)) for other in languages if other != language
        )
    else:
        links = (Link(REL_TRANSLATION_OF, edition_guid(header.guid, source_language)),)
    notes = header.ed_notes
    if header.embargoed:
        notes += (format_embargo_note(header.embargoed, timezone, language),)
    return revised(
        header,
        guid=edition_guid(header.guid, language),
        language=language,
        links=header.links + links + extra,
        ed_notes=notes,
    )


def story_edition(
    text: Story,
    language: str,
    languages: Sequence[str] = (),
    *,
    locales: Path | None = None,
    source_text: Sequence[str] = (),
    spaced: bool = False,
) -> Story:
    """The ``language`` edition of a story whose text is already in that language.

    ``text`` is the story as loaded (source language) or as :func:`catalogs.localize` made
    it; its items keep the source language's guids and tags, which this turns into the
    edition's. ``languages`` are all the languages published, so that the source edition
    can link to each of its translations. The library's own words (dateline, bylines,
    credit, spacing) take the form the catalogs of the domain ``newsbilingual`` give them,
    the newsroom's under ``locales`` first, then the bundled ones. ``source_text`` are the
    contexts of the segments still in the source language: each item names them in its
    ``text_languages``, so that they are written with the source language's ``xml:lang``.
    ``spaced``: the text has the language's spacing already (given it as it was translated).
    """
    languages = tuple(languages) or (text.language, language)
    source = text.language
    spacer = han_latin_spacer(language, locales)
    if spacer is not str and not spaced:  # str: the text stays as translated
        text = map_segments(text, lambda segment: spacer(segment.text), notes=False)
    text = revised(text, **{role: _in_source_text(item, role, source_text, source) for role, item in text.roles()})

    def header(item: TextItem | PictureItem, extra: tuple[Link, ...] = ()) -> ItemHeader:
        return _edition_header(item.header, language, source, languages, extra, text.timezone)

    def printed_dateline(item: TextItem) -> Dateline | None:
        return item.dateline and revised(item.dateline, text=format_dateline(item.dateline, language, locales))

    article = revised(
        text.article,
        header=header(text.article),
        dateline=printed_dateline(text.article),
        bylines=_printed(text.article.bylines, lambda by: format_byline(by, language, locales)),
    )
    commentary = None
    if text.commentary:
        target = article.guid
        on_article = (Link(REL_COMMENTARY_ON, target), Link(REL_SEE_ALSO, target))
        commentary = revised(
            text.commentary,
            header=header(text.commentary, on_article),
            dateline=printed_dateline(text.commentary),
            bylines=_printed(text.commentary.bylines, lambda by: format_commentary_author(by, language, locales)),
        )
    photo = None
    if text.photo:
        credit = format_credit(text.photo.credit, language, locales) if text.photo.credit else ""
        photo = revised(text.photo, header=header(text.photo), credit=credit)
    return revised(text, article=article, commentary=commentary, photo=photo)


def _in_source_text(
    item: TextItem | PictureItem, role: str, contexts: Sequence[str], language: str
) -> TextItem | PictureItem:
    """``item`` naming, in ``text_languages``, its parts among ``contexts`` as being in ``language``.

    A dateline is one element: any of its parts (place, label, text) marks it whole.
    """
    keys = [context.removeprefix(f"{role}/") for context in contexts if context.startswith(f"{role}/")]
    keys = ["dateline" if key.startswith("dateline") else key for key in keys]
    if not keys:
        return item
    return revised(item, text_languages={**item.text_languages, **dict.fromkeys(keys, language)})


def _printed(bylines: tuple[Byline, ...], form: Callable[[str], str]) -> tuple[Byline, ...]:
    """The bylines with their printed text in the language's form (the □ before a commentator)."""
    return tuple(revised(byline, text=form(byline.text or byline.name)) for byline in bylines)


def build_package(story: Story, editions: Sequence[Story]) -> PackageItem:
    """A packageItem grouping article, commentary and photo, each with its editions as alternatives.

    The source language's edition comes first when it is published, whatever order the
    languages were asked in, so the package is the same for ``--lang en,zh`` and ``--lang zh,en``.
    """
    editions = sorted(editions, key=lambda edition: edition.language != story.language)
    groups: list[Group] = []
    for role, _item in story.roles():
        refs = []
        for edition in editions:
            edited = dict(edition.roles())[role]
            title = edited.headline if isinstance(edited, TextItem) else (edited.headline or edited.caption)
            item_class = "ninat:text" if isinstance(edited, TextItem) else "ninat:picture"
            refs.append(ItemRef(edited.guid, item_class, title, edited.language, edited.header.version))
        group_id = f"{role}-{story.id}"
        groups.append(Group(id=group_id, role=f"nbgrp:{role}", refs=tuple(refs), mode="pgrmod:alt"))
    # Group ids are xs:ID, unique in a whole newsMessage: the story id keeps them apart.
    main = Group(id=f"main-{story.id}", role=GROUP_MAIN, group_refs=tuple(g.id for g in groups))
    # Every item of a story has its version_created (the model requires it of a story's items).
    newest = max(created for _, item in story.roles() if (created := item.header.version_created) is not None)
    # The package changes whenever an item does: its version goes up with every item's.
    version = 1 + sum(item.header.version - 1 for _, item in story.roles())
    header = revised(
        story.article.header,
        language=editions[0].language if editions else story.language,  # a Chinese-only package is Chinese
        guid=f"{story.article.guid.rsplit(':', 1)[0]}:package",
        version=version,
        version_created=newest,
        links=(),
        ed_notes=(),
    )
    headlines: dict[str, str] = {}
    for edition in editions:  # keyed on the language each is in: an untranslated one is the source's
        headlines.setdefault(edition.article.text_languages.get("headline", edition.language), edition.article.headline)
    return PackageItem(header=header, headlines=headlines, groups=(main, *groups), root=main.id)
