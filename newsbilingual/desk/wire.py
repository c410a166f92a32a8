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

from ..atomic import check_file_names, write_bytes_atomic
from ..catalog.compiling import EDITED_MSGID_MESSAGE
from ..catalog.folder import find_catalogs
from ..catalog.localeformat import format_dateline, han_latin_spacer
from ..catalog.translations import catalog_path, find_translations, localize, localize_with_fallbacks
from ..check.findings import ERROR, WARNING
from ..check.run import check_story
from ..errors import CatalogError, CheckError, ModelError, NewsbilingualError, SourceTextError
from ..newsml.render import item_element, news_message, to_bytes, transmit_id
from ..newsml.validate import Problem, validate_document
from ..story.languages import get_language
from ..story.model import Item, PackageItem, Story, TextItem, revised
from ..story.segments import Segment
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
    language's catalog has no (or only a fuzzy) translation for them; each element printing
    one carries the source language's ``xml:lang``. ``edited`` are those among them whose context
    the catalog has under another msgid (edited in the .po, or the story changed: run update).
    """

    language: str
    story: Story
    fallbacks: tuple[str, ...] = ()
    edited: tuple[str, ...] = ()

    def items(self) -> list[Item]:
        return [item for _, item in self.story.roles()]


Warn = Callable[[str], None]


def story_editions(
    story: Story,
    *,
    locales: Path | None = None,
    languages: Sequence[str] | None = None,
    strict: bool = False,
    warn: Warn | None = None,
) -> list[Edition]:
    """Every language edition of ``story``: the source text, and each language's catalog.

    By default the editions are the source language and every language that has a catalog
    (.po or .mo) of the story under ``locales``; ``languages`` picks any subset instead
    (``["zh"]``: the Chinese edition only). A catalog in a folder that names no language is left
    out and ``warn`` told. A language asked for by name without a catalog, and a ``locales``
    folder that does not exist, are a :class:`CatalogError` naming what is missing: an edition
    is published in its own language, never wholly in the source's. Segments its catalog lacks
    are printed in the source language, marked with its ``xml:lang`` (refused in ``strict`` mode).
    """
    if not isinstance(story, Story):  # a path given where a story belongs fails late and obscurely otherwise
        raise TypeError(f"expected a Story, not {type(story).__name__}: read a story file with load_story(path) first")
    if locales is not None and not Path(locales).is_dir():  # a typo must not publish the source text alone
        raise CatalogError("no such catalogs folder", source=locales)
    if languages:
        tags = list(dict.fromkeys(get_language(name).tag for name in languages))
    else:
        tags = []
        if locales:
            found, problems = find_catalogs(locales, story.id, suffixes=(".po", ".mo"))
            tags = list(dict.fromkeys(catalog.language.tag for catalog in found))
            for problem in problems:
                if warn:
                    warn(f"{problem}; not published")
        if story.language not in tags:
            tags.insert(0, story.language)
    editions = []
    for tag in tags:
        # The source language's own catalog, where there is one, carries copy edits.
        translations = find_translations(locales, story.id, tag) if locales else None
        if translations is None and tag != story.language:
            raise CatalogError(
                f"no {tag} catalog of story {story.id!r}: start one with 'newsbilingual init --lang {tag}' "
                "(and translate it), or leave the language out",
                source=catalog_path(locales, story.id, tag) if locales else "<no catalogs folder given>",
            )
        fallbacks: list[Segment] = []
        edited: tuple[str, ...] = ()
        text = story
        spacer = han_latin_spacer(tag, locales)  # applied as the text is translated: one walk
        if translations is not None:
            if strict and tag != story.language:
                text = localize(story, translations, strict=True, printed=spacer)
            else:
                text, fallbacks = localize_with_fallbacks(story, translations, printed=spacer)
        if tag == story.language:
            fallbacks = []  # the source language's own text is never a fallback
        elif translations is not None:
            known = {context for context, _ in [*translations.messages, *translations.fuzzy]}
            edited = tuple(
                s.context for s in fallbacks if s.context in known and (s.context, s.text) not in translations.fuzzy
            )
        contexts = tuple(segment.context for segment in fallbacks)
        text = _whole_datelines(story, text, contexts, locales, spacer)
        spaced = translations is not None
        edition = story_edition(text, tag, tags, locales=locales, source_text=contexts, spaced=spaced)
        editions.append(Edition(tag, edition, contexts, edited))
    return editions


def _whole_datelines(
    story: Story, text: Story, fallbacks: Sequence[str], locales: Path | None, printed: Callable[[str], str]
) -> Story:
    """``text`` with each dateline of which a part is untranslated printed whole in the source
    language: a dateline is made of translated parts or none (never ``Sports DailyJinjiang4月14日讯``).
    ``printed``: the edition's spacing, which its text has."""
    for role, item in story.roles():
        if isinstance(item, TextItem) and item.dateline and any(c.startswith(f"{role}/dateline") for c in fallbacks):
            source = revised(item.dateline, text=printed(format_dateline(item.dateline, story.language, locales)))
            text = revised(text, **{role: revised(getattr(text, role), dateline=source)})
    return text


def source_text_problem(story: Story, editions: Sequence[Edition]) -> str | None:
    """Why the editions may not be sent as they are, or None: the publish gate's first rule.

    An edition that would print a segment in another language (untranslated) or a fuzzy one is
    refused, each listed, unless the desk sends source-language text on purpose.
    """
    listed = [
        f"  {edition.language}: {context}" for edition in editions if edition.language != story.language
        for context in edition.fallbacks
    ]  # fmt: skip
    if not listed:
        return None
    return (
        f"{story.id}: {len(listed)} segment(s) untranslated or fuzzy would go out in the source language "
        f"({story.language}) inside another edition (translate them, leave the language out, or send them on "
        "purpose with --allow-source-text):\n"
        + "\n".join(listed)
    )


def _editions_and_package(
    story: Story,
    *,
    locales: Path | None,
    languages: Sequence[str] | None,
    strict: bool,
    warn: Warn | None,
    allow_source_text: bool = True,
    check: bool = True,
) -> tuple[list[Edition], PackageItem]:
    """The editions and their package; with ``allow_source_text=False`` (the publish gate), an
    edition printing a segment in the source language is a :class:`SourceTextError`."""
    editions = story_editions(story, locales=locales, languages=languages, strict=strict, warn=warn)
    if not allow_source_text and (problem := source_text_problem(story, editions)):
        raise SourceTextError(problem)
    for edition in editions:
        if warn and edition.fallbacks:
            shown = ", ".join(edition.fallbacks[:5]) + (", ..." if len(edition.fallbacks) > 5 else "")
            warn(
                f"{story.id}: {edition.language} edition prints {len(edition.fallbacks)} untranslated or fuzzy "
                f'segment(s) in the source language ({story.language}, marked xml:lang="{story.language}"): {shown}'
            )
        if warn and edition.edited:
            warn(f"{story.id}: {edition.language}: {EDITED_MSGID_MESSAGE}: {', '.join(edition.edited)}")
    if locales is not None and (strict or (check and warn is not None)):  # nobody to refuse or tell: no check
        _publish_gate(story, locales, editions, strict=strict, warn=warn)
    return editions, build_package(story, [edition.story for edition in editions])


def _publish_gate(story: Story, locales: Path, editions: list[Edition], *, strict: bool, warn: Warn | None) -> None:
    """Check the translations each edition prints: strict mode refuses an error, else it is a warning."""
    checked = [e.language for e in editions if catalog_path(locales, story.id, e.language).is_file()]
    # Segments printed in the source language (untranslated, fuzzy) are reported above, not checked.
    in_source_text = {(e.language, context) for e in editions for context in e.fallbacks}
    findings = [
        finding
        for finding in check_story(story, locales, languages=checked, termbase_problems=WARNING)
        if (finding.language, finding.context) not in in_source_text and finding.check not in ("untranslated", "fuzzy")
    ]
    errors = [finding for finding in findings if finding.severity == ERROR]
    if strict and errors:
        raise CheckError(f"{story.id}: {len(errors)} error(s) in the translations the editions print:\n"
                         + "\n".join(f"  {finding}" for finding in errors))  # fmt: skip
    for finding in findings if warn else []:
        warn(str(finding))  # type: ignore[misc]


def render_story(
    story: Story,
    *,
    locales: Path | None = None,
    languages: Sequence[str] | None = None,
    strict: bool = False,
    clock: Clock = utc_now,
    sender: str | None = None,
    warn: Warn | None = None,
    check: bool = True,
) -> dict[str, bytes]:
    """All documents of a story: one per item and edition, the package, and a newsMessage.

    ``warn`` is told, per edition, which segments were printed in the source language (marked
    with its ``xml:lang``), and (unless not ``check``) each finding of
    :func:`~newsbilingual.check.check_story` in the translations printed. The publish gate: in
    ``strict`` mode an error-level finding there raises :class:`CheckError` instead.
    """
    editions, package = _editions_and_package(
        story, locales=locales, languages=languages, strict=strict, warn=warn, check=check
    )
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
    message = news_message(
        items,
        sent=sent,
        sender=sender,
        transmit_id=transmit_id(sender, sent),
        priority=priority,
        elements=elements,
    )
    return to_bytes(message, in_place=True)  # the message is this call's own


def write_documents(documents: Mapping[str, bytes], directory: Path) -> list[Path]:
    """Write each document atomically into ``directory``; returns the paths written.

    Every name is checked before the first file is written, so a name the file system cannot
    hold writes nothing rather than some of the documents.
    """
    if Path(directory).exists() and not Path(directory).is_dir():
        raise NewsbilingualError("is a file, not a folder: documents are written into a folder", source=directory)
    paths = [Path(directory) / name for name in documents]
    check_file_names(paths)
    for path, data in zip(paths, documents.values(), strict=True):
        write_bytes_atomic(path, data)
    return paths


def document_problems(documents: Mapping[str, bytes], *, schema: str | Path | None = None) -> list[Problem]:
    """Every problem of every document (XSD and QCode aliases), each named by its file name.

    Empty when all are valid: what ``render --validate`` checks before writing anything.
    """
    problems = []
    for name, data in documents.items():
        problems += validate_document(data, source=name, schema=schema)
    return problems
