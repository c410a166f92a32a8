"""Plain-text ingest: copy as it arrives at a desk, turned into a :class:`Story`.

The pipeline is decode (:mod:`newsbilingual.ingest.decode`: UTF-8, UTF-16/32 with a BOM, GB18030,
cp1252), repair (:mod:`newsbilingual.ingest.mojibake`: GBK punctuation read as Latin-1, ``¡°`` ->
``“``; every change reported), recognise the layout (:mod:`newsbilingual.ingest.layout`), then build
the story with what plain text does not carry: guids, a year, times, a provider.

Those are made by documented rules (docs/plain-text-layout.md), each reported as a warning:

- **guids** follow the provider's naming rule :func:`newsml_guid`,
  ``urn:newsml:<provider domain>:<yyyymmdd>:<slug>:<role>``;
- **the date** is the dateline's, else the first date the article names; a year the text does
  not give comes from ``year``, and ``date`` overrides the text;
- **times** (version, first and content creation) are :data:`CREATED_TIME` on that date in the
  story's timezone (:data:`DEFAULT_TIMEZONE` unless told): plain text carries no times.

Nothing is written here except by :func:`write_story_files`, which writes nothing unless both
files could be built; errors are :class:`IngestError` with the source and, where there is one,
the line (a :class:`~newsbilingual.errors.ModelError` from building the story included).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pypinyin import lazy_pinyin

from ..atomic import write_bytes_atomic
from ..catalog.compiling import CJK_RE
from ..catalog.extract import build_template, template_path
from ..catalog.powrap import format_pofile
from ..catalog.translations import read_po
from ..errors import ModelError
from ..settings import for_language
from ..story.model import Block, Dateline, ItemHeader, PictureItem, Provider, Story, TextItem, format_offset
from ..story.model import slug as text_slug
from ..story.storyfile import dumps_story
from .decode import TextDecodeError, decode_text
from .layout import IngestError, IngestWarning, Layout, Opener, Paragraph, parse_layout
from .mojibake import Repair, repair_gbk_mojibake

__all__ = [
    "CREATED_TIME",
    "DEFAULT_TIMEZONE",
    "MAX_BYTES",
    "IngestError",
    "IngestResult",
    "IngestWarning",
    "ingest_file",
    "ingest_text",
    "newsml_guid",
    "write_story_files",
]

#: Largest input accepted: a plain-text story is a few kilobytes; anything past this is not one.
MAX_BYTES = 2 * 1024 * 1024
#: The zone of a Chinese paper's dates unless ``timezone`` says otherwise.
DEFAULT_TIMEZONE = "Asia/Shanghai"
#: Time of day given to the story's date: noon keeps the calendar date the same in UTC.
CREATED_TIME = dt.time(12, 0)
#: Words left out of a slug made from an English headline.
SLUG_STOP_WORDS = frozenset(
    ["a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "up", "with"]
)
SLUG_WORDS = 4
#: Longest slug made from a headline (cut at a word boundary): it names files and guids.
SLUG_MAX = 60
#: The warning for each encoding that decodes almost anything, so may be the wrong one.
ENCODING_WARNINGS = {
    "cp1252": "decoded as cp1252: if this is Polish/Czech (cp1250) or Russian (cp1251) copy, re-save it as UTF-8",
    "gb18030": "decoded as gb18030 (GBK): if this is Big5 (traditional Chinese) copy, re-save it as UTF-8",
}

#: What the text and options do not give: the line it concerns (None: an option's matter) and why.
Missing = tuple[int | None, str]

_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class IngestResult:
    """The story, the repairs made to the text, what was assumed, and the input's encoding."""

    story: Story
    repairs: list[Repair]
    warnings: list[IngestWarning]
    encoding: str


def newsml_guid(provider: Provider, day: dt.date, slug: str, role: str) -> str:
    """The provider's naming rule: ``urn:newsml:<domain>:<yyyymmdd>:<slug>:<role>``.

    ``domain`` is the host of the provider's URI without ``www.``, so
    ``https://www.mianyang-daily.example/`` on 2017-12-22 with the slug ``high-tech-service``
    names the article ``urn:newsml:mianyang-daily.example:20171222:high-tech-service:article``.
    """
    host = urlsplit(provider.uri).hostname
    if not host:
        raise IngestError(f"the provider URI {provider.uri!r} has no host name to build guids from")
    domain = host.removeprefix("www.")
    return f"urn:newsml:{domain}:{day:%Y%m%d}:{slug}:{role}"


def _decode(data: bytes, source: str) -> tuple[str, str]:
    """The text and its encoding; undecodable data, or a character XML cannot carry, is an
    IngestError at its line."""
    if len(data) > MAX_BYTES:
        raise IngestError(
            f"{len(data):,} bytes is too large for a plain-text story (limit {MAX_BYTES:,} bytes)", source=source
        )
    try:
        decoded = decode_text(data, source=source)
    except TextDecodeError as error:
        raise IngestError(error.reason, source=source, line=error.line) from None
    return decoded.text, decoded.encoding


def _repair(text: str, enabled: bool) -> tuple[str, list[Repair], list[IngestWarning]]:
    """Repair the GBK damage; when repair is off, report the damage left in the text."""
    repaired, repairs = repair_gbk_mojibake(text)
    if enabled:
        return repaired, repairs, []
    if not repairs:
        return text, [], []
    first = repairs[0]
    message = (
        f"repair is off: {len(repairs)} damaged characters left as they are "
        f"(first at column {first.column}: {first.before!r} for {first.after!r})"
    )
    return text, [], [IngestWarning(first.line, message)]


def _day(
    layout: Layout, given: dt.date | None, year: int | None, warnings: list[IngestWarning], missing: list[Missing]
) -> dt.date | None:
    """The story's date; None, with the reason in ``missing``, if the text and options do not give it."""
    mention = layout.first_date()
    if given is not None:
        if mention and (
            (mention.month, mention.day) != (given.month, given.day) or mention.year not in (None, given.year)
        ):
            warnings.append(IngestWarning(mention.line, f"--date {given} differs from {mention.printed!r} in the text"))
        return given
    if mention is None:
        first_line = layout.opener.line if layout.opener else layout.article.paragraphs[0].line
        missing.append((first_line, "the text names no date (a dateline would give it here): give the date (--date)"))
        return None
    where = "" if layout.opener and mention is layout.opener.date else " (the first date the article names)"
    if mention.year is not None:
        day = dt.date(mention.year, mention.month, mention.day)
        if year is not None and year != mention.year:
            warnings.append(IngestWarning(mention.line, f"--year {year} ignored: the text gives {mention.printed!r}"))
        if where:
            warnings.append(IngestWarning(mention.line, f"date {day} taken from {mention.printed!r}{where}"))
        return day
    if year is None:
        missing.append(
            (
                mention.line,
                f"the text gives {mention.printed!r} but no year: give the year (--year) or the date (--date)",
            )
        )
        return None
    try:
        day = dt.date(year, mention.month, mention.day)
    except ValueError:
        missing.append((mention.line, f"{mention.printed!r} does not exist in {year}"))
        return None
    message = f"date {day} taken from {mention.printed!r}{where}, with the year {year} from --year: the text gives none"
    warnings.append(IngestWarning(mention.line, message))
    return day


def _provider(provider: Provider | str | None, layout: Layout, missing: list[Missing]) -> Provider | None:
    """The provider; a bare URI takes its name from the outlet the reporter's byline names."""
    if isinstance(provider, Provider):
        return provider
    if provider is None:
        missing.append((None, "no provider: give its URI (--provider-uri)"))  # an option, not the text
        return None
    outlets = [byline.outlet for byline in layout.article.bylines if byline.outlet]
    if not outlets:
        where = layout.opener.line if layout.opener else layout.article.headline.line
        message = "no byline names the outlet ('... reporter from Mianyang Daily'): give the provider's name"
        missing.append((where, message))
        return None
    return Provider(name=outlets[0], uri=provider)


def _slug(given: str | None, headline: Paragraph, warnings: list[IngestWarning]) -> str:
    """The slug of the guids: the one given, else the headline's first significant words."""
    if given is not None:
        if not _SLUG_RE.match(given):
            raise IngestError(f"slug {given!r}: use lower-case ASCII letters, digits and single hyphens")
        return given
    if CJK_RE.search(headline.text):
        # A Chinese headline: its syllables in pinyin, which a desk can read (and type) in a guid.
        made = text_slug(" ".join(lazy_pinyin(headline.text)))
    else:
        words = [word for word in text_slug(headline.text).split("-") if word not in SLUG_STOP_WORDS]
        made = "-".join(words[:SLUG_WORDS]) or text_slug(headline.text)
    if len(made) > SLUG_MAX:
        made = made[: SLUG_MAX + 1].rpartition("-")[0] or made[:SLUG_MAX]
    warnings.append(IngestWarning(headline.line, f"guids use the slug {made!r} made from the headline (give --slug)"))
    return made


def _zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; a name that is no zone (or a path) is an IngestError."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise IngestError(f"unknown timezone {name!r} (an IANA name such as Asia/Shanghai)") from None


def _dateline(opener: Opener | None, day: dt.date, place: str | None, warnings: list[IngestWarning]) -> Dateline | None:
    """The dateline: the opener's place, else ``place``, else the opener kept as printed."""
    if opener is None:
        return Dateline(place=place, date=day) if place else None
    if opener.place or place:
        return Dateline(place=opener.place or place or "", date=day, label=opener.label)
    warnings.append(
        IngestWarning(opener.line, f"the dateline {opener.printed!r} names no place: kept as printed (give --place)")
    )
    return Dateline(date=day, label=opener.label, text=opener.printed)


def _created(day: dt.date, timezone: str, warnings: list[IngestWarning]) -> dt.datetime:
    """:data:`CREATED_TIME` on ``day`` in ``timezone``, its offset rounded to whole minutes.

    Before standard time a zone's offset is local mean time (Asia/Shanghai in 1890: +08:05:43),
    which ``xs:dateTime`` cannot write: the time of day is ours to choose anyway, so the offset
    is rounded (with a warning) rather than the story refused.
    """
    created = dt.datetime.combine(day, CREATED_TIME, tzinfo=_zone(timezone))
    offset = created.utcoffset() or dt.timedelta(0)
    if offset % dt.timedelta(minutes=1):
        rounded = dt.timedelta(minutes=round(offset / dt.timedelta(minutes=1)))
        created = created.replace(tzinfo=dt.timezone(rounded))
        warnings.append(
            IngestWarning(
                None,
                f"{timezone} on {day} is local mean time ({format_offset(offset)}): NewsML-G2 offsets are "
                f"whole minutes, so times use {format_offset(rounded)}",
            )
        )
    return created


@contextmanager
def _at(line: int | None, what: str = "") -> Iterator[None]:
    """Report a :class:`ModelError` raised inside as an :class:`IngestError` at ``line``."""
    try:
        yield
    except ModelError as error:
        raise IngestError(what + error.message, line=line) from None


def _blocks(paragraphs: tuple[Paragraph, ...]) -> tuple[Block, ...]:
    """Fresh block ids in reading order: p01, p02..."""
    blocks = []
    for number, paragraph in enumerate(paragraphs, start=1):
        with _at(paragraph.line):
            blocks.append(Block(id=f"p{number:02d}", text=paragraph.text))
    return tuple(blocks)


def _build(
    layout: Layout,
    *,
    day: dt.date,
    provider: Provider,
    slug: str,
    story_id: str,
    place: str | None,
    timezone: str,
    warnings: list[IngestWarning],
) -> Story:
    """The story of ``layout``, its headers made by the documented rules."""
    created = _created(day, timezone, warnings)
    warnings.append(
        IngestWarning(None, f"times set to {created:%Y-%m-%d %H:%M} {timezone}: plain text carries no times")
    )

    def header(role: str) -> ItemHeader:
        guid = newsml_guid(provider, day, slug, role)
        return ItemHeader(guid, layout.language, provider, created, first_created=created, content_created=created)

    opening = layout.opener.line if layout.opener else layout.article.paragraphs[0].line
    with _at(opening, "dateline: "):
        dateline = _dateline(layout.opener, day, place, warnings)
    with _at(layout.article.headline.line, "article: "):
        article = TextItem(
            header("article"),
            genre="genre:Current",
            headline=layout.article.headline.text,
            body=_blocks(layout.article.paragraphs),
            dateline=dateline,
            bylines=layout.article.bylines,
        )
    commentary = None
    if layout.commentary:
        with _at(layout.commentary.headline.line, "commentary: "):
            commentary = TextItem(
                header("commentary"),
                genre="genre:Opinion",
                headline=layout.commentary.headline.text,
                body=_blocks(layout.commentary.paragraphs),
                bylines=layout.commentary.bylines,
            )
    photo = None
    if layout.caption:
        caption = layout.caption.text
        with _at(layout.caption.line, "photo: "):
            photo = PictureItem(header("photo"), caption=caption, credit=layout.caption.credit, headline=caption)
    with _at(None):
        return Story(story_id, article, commentary, photo, timezone=timezone)


def ingest_text(
    data: bytes,
    *,
    source: str,
    language: str | None = None,
    date: dt.date | None = None,
    year: int | None = None,
    provider: Provider | str | Mapping[str, Provider] | None = None,
    story_id: str | None = None,
    slug: str | None = None,
    place: str | Mapping[str, str] | None = None,
    timezone: str = DEFAULT_TIMEZONE,
    repair: bool = True,
) -> IngestResult:
    """Turn the bytes of a plain-text story into a :class:`Story`.

    ``language`` skips detection; ``date`` overrides the text's date and ``year`` completes a
    date printed without one; ``provider`` is a :class:`Provider` or just its URI (the name is
    then the outlet of the reporter's byline); ``slug`` names the story in its guids and
    ``story_id`` defaults to it; ``place`` is the dateline's place when the text names none.
    ``provider`` and ``place`` may also map language tags to values (a newsroom's settings
    name its outlet 绵阳日报 for Chinese copy, Mianyang Daily for English): the copy's language picks.
    ``repair=False`` leaves encoding damage as it is. Raises :class:`IngestError`, naming
    everything that is missing at once.
    """
    text, encoding = _decode(data, source)
    text, repairs, warnings = _repair(text, repair)
    if encoding in ENCODING_WARNINGS:
        warnings.append(IngestWarning(None, ENCODING_WARNINGS[encoding]))
    try:
        layout = parse_layout(text, source=source, language=language)
        warnings += layout.warnings
        missing: list[Missing] = []
        day = _day(layout, date, year, warnings, missing)
        provider = for_language(provider, layout.language) if isinstance(provider, Mapping) else provider
        place = for_language(place, layout.language) if isinstance(place, Mapping) else place
        owner = _provider(provider, layout, missing)
        if day is None or owner is None:
            line = next((line for line, _ in missing if line is not None), None)
            reasons = [
                f"{message} (line {where})" if where not in (None, line) else message for where, message in missing
            ]
            raise IngestError("cannot build the story: " + "; ".join(reasons), line=line)
        name = _slug(slug, layout.article.headline, warnings)
        story = _build(
            layout,
            day=day,
            provider=owner,
            slug=name,
            story_id=story_id or name,
            place=place,
            timezone=timezone,
            warnings=warnings,
        )
    except (ModelError, IngestError) as error:  # a ModelError that _build did not place has no line
        raise IngestError(error.message, source=source, line=error.line) from None
    return IngestResult(story, repairs, sorted(warnings, key=lambda w: w.line or 0), encoding)


def ingest_file(path: str | Path, **options: Any) -> IngestResult:
    """:func:`ingest_text` on a file; reads at most :data:`MAX_BYTES` + 1 bytes."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise IngestError(error.strerror or str(error), source=path) from None
    return ingest_text(data, source=str(path), **options)


def write_story_files(
    story: Story, path: str | Path, *, locales: str | Path | None = None, force: bool = False
) -> list[Path]:
    """Write the story file and, given ``locales``, its catalog template there.

    A template already there that was extracted from another story file (the same story id,
    another story) is not overwritten unless ``force``: its catalogs' translations would turn
    obsolete at the next ``update``.

    Both files are built in memory first (the template as
    :func:`newsbilingual.catalog.extract.write_template` would write it), so an error in either
    writes nothing. Each is written atomically; if the second cannot be written, the first is put
    back as it was. Returns the paths written.
    """
    path = Path(path)
    text = dumps_story(story)
    files = [(path, text.encode("utf-8"))]
    if locales is not None:
        locales = Path(locales)
        try:  # the reference write_template gives: relative to the folder holding the locales
            reference = path.resolve().relative_to(locales.resolve().parent).as_posix()
        except ValueError:
            reference = path.name
        template = build_template(story, story_file=reference, story_text=text)
        target = template_path(locales, story.id)
        if not force:
            _refuse_other_story_template(target, reference)
        files.append((target, format_pofile(template).encode("utf-8")))
    _write_all(files)
    return [target for target, _ in files]


def _refuse_other_story_template(template: Path, reference: str) -> None:
    """An IngestError if ``template`` exists and was extracted from a story file other than ``reference``."""
    if not template.is_file():
        return
    sources = {name for entry in read_po(template) for name, _ in entry.occurrences}
    if sources and reference not in sources:
        raise IngestError(
            f"is the template of another story file ({', '.join(sorted(sources))}); "
            "give another --story-id, or --force to replace it",
            source=template,
        )


def _write_all(files: list[tuple[Path, bytes]]) -> None:
    """Write each file atomically; on a failure, put back the files already written."""
    done: list[tuple[Path, bytes | None]] = []
    try:
        for target, data in files:
            try:
                previous: bytes | None = target.read_bytes()
            except FileNotFoundError:
                previous = None
            write_bytes_atomic(target, data)
            done.append((target, previous))
    except BaseException:
        for target, previous in reversed(done):
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                write_bytes_atomic(target, previous)
        raise
