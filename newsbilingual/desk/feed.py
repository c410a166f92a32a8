"""Feeds of any size: newsMessages written item by item with lxml's ``etree.xmlfile``.

:func:`write_feed` takes an iterator of stories (or story files, loaded one at a time), so
memory holds one story's items at a time, however many stories the feed carries. With
``max_items`` the feed is split into numbered messages (``feed-0001.xml`` ...), each with its
own ``transmitId`` and its sequence number in the header; a story's items stay in one
message. A story that fails (a bad story file, a refused translation) is reported to
``on_failure`` and left out, unless ``strict``. The files appear only when the whole feed is
written: an error, or a kill, leaves no message behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from lxml import etree

from ..atomic import open_atomic
from ..errors import ModelError, NewsbilingualError

if TYPE_CHECKING:
    from lxml.etree._serializer import _IncrementalFileWriter  # where types-lxml declares etree's class
from ..newsml.extras import NAR_NS
from ..newsml.render import indent, item_element, message_header, transmit_id
from ..story.model import Story
from ..story.storyfile import load_story
from .wire import Clock, Warn, _editions_and_package, utc_now

StorySource = Story | Path | str
# Our own files, just written: no DTD, no entities, no network, whatever they contain.
_OWN_FILES = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@dataclass(frozen=True)
class FeedFailure:
    """A story left out of a feed: where it came from and why."""

    source: str
    error: NewsbilingualError

    def __str__(self) -> str:
        text = str(self.error)
        return text if text.startswith(self.source) else f"{self.source}: {text}"


@dataclass(frozen=True)
class FeedResult:
    """What a feed carried: its message files, items and stories, and the stories left out."""

    files: tuple[Path, ...]
    items: int
    stories: int
    failures: tuple[FeedFailure, ...]


SETTINGS_FILES = ("pyproject.toml", "newsbilingual.toml")


def story_files(paths: Iterable[str | Path]) -> list[Path]:
    """Story files named, and the ``*.toml`` files of folders named (sorted by name), less the
    settings files a newsroom keeps beside its stories (``pyproject.toml``, ``newsbilingual.toml``)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(file for file in path.glob("*.toml") if file.name not in SETTINGS_FILES)
        else:
            found.append(path)
    return found


class _Messages:
    """The message files of one feed, each written through :func:`open_atomic` and kept open
    (unrenamed) until the feed is complete."""

    def __init__(self, output: Path, files: ExitStack, sent: datetime, max_items: int | None) -> None:
        self.output = output
        self.files = files
        self.sent = sent
        self.max_items = max_items
        self.paths: list[Path] = []
        self.count = 0
        self._writer: ExitStack | None = None
        self._xml: _IncrementalFileWriter | None = None
        self._handle: BinaryIO | None = None

    def path(self, sequence: int) -> Path:
        if self.max_items is None:
            return self.output
        return self.output.with_name(f"{self.output.stem}-{sequence:04d}{self.output.suffix or '.xml'}")

    def write_story(self, elements: Sequence[etree._Element], sender: str) -> None:
        full = self.max_items is not None and self.count and self.count + len(elements) > self.max_items
        if self._xml is None or full:
            self._close_message()
            self._open_message(sender)
        assert self._xml is not None
        for element in elements:
            indent(element, level=2)
            self._xml.write("\n    ")
            self._xml.write(element)
        self.count += len(elements)

    def _open_message(self, sender: str) -> None:
        sequence = len(self.paths) + 1
        path = self.path(sequence)
        handle: BinaryIO = self.files.enter_context(open_atomic(path))
        self.paths.append(path)
        self._writer = ExitStack()
        xml = self._writer.enter_context(etree.xmlfile(handle, encoding="UTF-8"))
        xml.write_declaration()
        self._writer.enter_context(xml.element(f"{{{NAR_NS}}}newsMessage", nsmap={None: NAR_NS}))
        self._writer.callback(xml.write, "\n")  # between </itemSet> and </newsMessage>
        numbered = sequence if self.max_items is not None else None
        header = message_header(self.sent, sender, transmit_id(sender, self.sent, numbered), 4, numbered)
        indent(header, level=1)
        xml.write("\n  ")
        xml.write(header)
        xml.write("\n  ")
        self._writer.enter_context(xml.element(f"{{{NAR_NS}}}itemSet"))
        self._xml, self._handle = xml, handle
        self.count = 0

    def _close_message(self) -> None:
        if self._writer is not None and self._xml is not None and self._handle is not None:
            self._xml.write("\n  ")
            self._writer.close()  # closes itemSet and newsMessage; the file is renamed at the end
            self._handle.write(b"\n")  # the final newline, as to_bytes ends a document
        self._writer = self._xml = self._handle = None

    def finish(self) -> None:
        self._close_message()


def _name(source: StorySource) -> str:
    return f"<story {source.id}>" if isinstance(source, Story) else str(source)


def write_feed(
    sources: Iterable[StorySource],
    output: str | Path,
    *,
    sender: str | None = None,
    locales: Path | None = None,
    languages: Sequence[str] | None = None,
    strict: bool = False,
    clock: Clock = utc_now,
    max_items: int | None = None,
    on_failure: Callable[[FeedFailure], None] | None = None,
    warn: Warn | None = None,
) -> FeedResult:
    """Write a feed of every edition of every story in ``sources`` (stories or story files).

    ``sender`` defaults to the first story's provider. ``max_items`` splits the feed into
    numbered messages of at most that many items (a story larger than that goes alone).
    """
    if max_items is not None and max_items < 1:
        raise ModelError("must be 1 or more", field="max_items")
    failures: list[FeedFailure] = []
    seen: set[str] = set()
    items = stories = 0
    with ExitStack() as files:
        messages = _Messages(Path(output), files, clock(), max_items)
        for source in sources:
            name = _name(source)
            try:
                story = source if isinstance(source, Story) else load_story(source)
                if story.id in seen:
                    raise ModelError(f"story {story.id!r} is in the feed twice", field="stories")
                editions, package = _editions_and_package(
                    story, locales=locales, languages=languages, strict=strict, warn=warn
                )
                elements = [item_element(item) for edition in editions for item in edition.items()]
                elements.append(item_element(package))
            except NewsbilingualError as error:
                failure = FeedFailure(name, error)
                if strict:
                    raise
                failures.append(failure)
                if on_failure:
                    on_failure(failure)
                continue
            seen.add(story.id)
            sender = sender or story.article.header.provider.uri
            messages.write_story(elements, sender)
            items += len(elements)
            stories += 1
        if not stories:
            raise NewsbilingualError("no story could be put in the feed: nothing written", source=str(output))
        messages.finish()
    return FeedResult(tuple(messages.paths), items, stories, tuple(failures))


def write_published_feed(
    publications: Iterable[Sequence[Path]],
    output: str | Path,
    *,
    sender: str,
    clock: Clock = utc_now,
    max_items: int | None = None,
) -> tuple[Path, ...]:
    """A feed of item files already written (each publication's items, read back one publication
    at a time), as ``publish --feed`` sends what it published. Empty if nothing was published."""
    with ExitStack() as files:
        messages = _Messages(Path(output), files, clock(), max_items)
        for paths in publications:
            if paths:
                messages.write_story([etree.parse(str(path), _OWN_FILES).getroot() for path in paths], sender)
        messages.finish()
    return tuple(messages.paths)
