"""Per-language formatting of the library's own words: datelines, bylines, credits, spacing.

Dates come from CLDR through Babel (``12月22日`` in Chinese, ``Dec 22`` in English). The
fixed strings around them ("Photo: {credit}", 本报绵阳12月22日讯, the □ before a commentator's
name) are messages of the gettext domain ``newsbilingual``, whose catalogs ship compiled with
the library, so a newsroom changes them in a .po file rather than in code. A language without
its own catalog of this domain uses its more general one (zh-Hant-HK → zh-Hant), then English.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from datetime import date, datetime
from functools import cache, partial
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton, format_time, get_timezone_name

from ..bundled import locales_dir
from ..errors import CatalogError
from ..story.languages import get_language
from ..story.model import Dateline
from .translations import LIBRARY_DOMAIN, CompiledCatalog


def _(message: str) -> str:
    """Mark a message for extraction into the library domain; translated at use."""
    return message


# NOTE: Dateline of a story: {place} is a place name, {date} a month and day as CLDR
# prints them (Dec 22 / 12月22日), {label} the paper's label for its own reports
# (Mianyang News / 本报). A label that already ends the way this pattern ends (本报讯
# for …讯) is not doubled.
DATELINE_WITH_LABEL = _("{place}, {date} ({label})")
# NOTE: Dateline without a source label.
DATELINE = _("{place}, {date}")
# NOTE: Photo credit line; {credit} is who took or supplied the picture.
PHOTO_CREDIT = _("Photo: {credit}")
# NOTE: Byline of a news report as printed in the item's "by" line; {byline} is the
# author's byline from the story (name and title, e.g. 绵阳日报全媒体记者 张三).
BYLINE = _("{byline}")
# NOTE: Author line of a commentary or column; {author} is the author's byline (in Chinese
# papers the name follows a □ mark: □方发勇).
COMMENTARY_AUTHOR = _("{author}")
# NOTE: How a Chinese character and a Latin letter next to it are joined in published text:
# "{han}{latin}" leaves the text as translated, "{han} {latin}" puts a space between them
# (执行总指挥 Chang Cheng). Only spaces may stand between the two fields.
HAN_LATIN_SPACING = _("{han}{latin}")


def library_translations(language: str, locales: Path | None = None) -> gettext.NullTranslations:
    """The library domain's compiled catalogs for ``language`` and its fallbacks, then source English.

    A newsroom's own catalogs under ``locales`` (``locales/zh/LC_MESSAGES/newsbilingual.mo``)
    come before the bundled ones, so it changes a format in its catalog, not in code. The .mo
    files are chained here rather than by ``gettext.translation``, whose own search would fall
    back from ``zh_HK`` to ``zh``, the Simplified catalog. Which files there are is looked up
    once per process: a catalog added to a folder later is seen by the next process.
    """
    try:  # keyed on modification times: a catalog compiled again is read again
        return _chain(tuple((path, path.stat().st_mtime_ns) for path in _library_files(language, locales)))
    except FileNotFoundError:  # one was removed since: look again
        _library_files.cache_clear()
        return _chain(tuple((path, path.stat().st_mtime_ns) for path in _library_files(language, locales)))


@cache
def _library_files(language: str, locales: Path | None) -> tuple[Path, ...]:
    """The library domain's .mo files for ``language``, in the order they are asked: looked up
    once per process (per language and folder), as a render asks for them about 30 times."""
    bundled = locales_dir()
    folders = [bundled]
    if locales is not None and Path(locales).resolve() != bundled.resolve():
        folders.insert(0, Path(locales))
    return tuple(
        path
        for folder in folders
        for tag in get_language(language).fallbacks
        if (path := folder / get_language(tag).catalog_dir / "LC_MESSAGES" / f"{LIBRARY_DOMAIN}.mo").is_file()
    )


# NOTE: Note to editors on an embargoed item: {date} and {time} are when the embargo ends,
# as CLDR prints them (December 22, 2017 / 2017年12月22日; 7:00 PM / 19:00), {zone} the
# name of the story's time zone (China Standard Time / 中国标准时间).
EMBARGO_NOTE = _("Embargoed until {time}, {date} ({zone}). Do not publish before then.")
# NOTE: Note to editors on a corrected item; {note} says what was wrong.
CORRECTION_NOTE = _("Correction: {note}")
# NOTE: Note to editors on a withdrawn (canceled) item; {note} is the reason.
WITHDRAWN_NOTE = _("Withdrawn: {note}")
# NOTE: Note to editors on an item withheld for now; {note} is the reason.
WITHHELD_NOTE = _("Withheld: {note}")


@cache
def _chain(files: tuple[tuple[Path, int], ...]) -> gettext.NullTranslations:
    """The catalogs at ``files`` as one gettext chain, the first one asked first."""
    chain = gettext.NullTranslations()
    for path, _mtime in reversed(files):
        found = CompiledCatalog(path)  # checked: a hostile pattern is an error naming the file
        found.add_fallback(chain)
        chain = found
    return chain


def format_date(value: date, language: str) -> str:
    """Month and day as a newspaper prints them in ``language``: CLDR's ``MMMd`` (Dec 22, 12月22日),
    or ``MMMMd`` where the language declines month names (CLDR's format month is not its
    stand-alone one), as its papers write the genitive in full: 22 декабря, 22 grudnia, 22 tháng 12."""
    locale = get_language(language).locale
    declined = dict(locale.months["format"]["wide"]) != dict(locale.months["stand-alone"]["wide"])
    return format_skeleton("MMMMd" if declined else "MMMd", value, locale=locale)


def format_dateline(dateline: Dateline, language: str, locales: Path | None = None) -> str:
    """The printed dateline: its own ``text`` if it has one, else place, date and label.

    ``locales`` is a newsroom's catalogs folder whose library catalogs come first.
    """
    if dateline.text:
        return dateline.text
    message = DATELINE_WITH_LABEL if dateline.label else DATELINE
    assert dateline.date is not None  # the model requires a place and a date of a dateline without text
    date_text = format_date(dateline.date, language)
    label = dateline.label
    if label:
        # Chinese copy names the opener whole (本报讯) where the pattern wraps place and date in it.
        ending = library_translations(language, locales).gettext(message).rpartition("}")[2]
        if ending and label.endswith(ending) and label != ending:
            label = label.removesuffix(ending)
    return _format(message, language, locales, place=dateline.place, date=date_text, label=label)


def format_credit(credit: str, language: str, locales: Path | None = None) -> str:
    """A photo credit line ("Photo: Xinhua"; in Chinese the credit alone: "高新区供图")."""
    return _format(PHOTO_CREDIT, language, locales, credit=credit)


def format_byline(byline: str, language: str, locales: Path | None = None) -> str:
    """The printed byline of a news report."""
    return _format(BYLINE, language, locales, byline=byline)


def format_commentary_author(author: str, language: str, locales: Path | None = None) -> str:
    """The author line of a commentary (□方发勇 in Chinese; the name alone in English)."""
    return _format(COMMENTARY_AUTHOR, language, locales, author=author)


_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LATIN = "A-Za-z\u00c0-\u024f"
_HAN_NEXT_TO_LATIN = re.compile(f"(?<=[{_HAN}])(?=[{_LATIN}])|(?<=[{_LATIN}])(?=[{_HAN}])")


def han_latin_spacer(language: str, locales: Path | None = None) -> Callable[[str], str]:
    """A function giving text the language's spacing between Chinese characters and Latin letters.

    Digits are left alone: Chinese news writes 12月22日 and 121.1亿元 without spaces. Made once per
    edition: the spacing is a message of the library's domain, looked up once.
    """
    separator = _format(HAN_LATIN_SPACING, language, locales, han="", latin="")
    if separator.strip():
        raise CatalogError(
            f"the {language} translation of {HAN_LATIN_SPACING!r} may hold only spaces between its fields",
            source=locales or locales_dir(),
        )
    if not separator:
        return str  # the text as translated
    return partial(_HAN_NEXT_TO_LATIN.sub, separator)


def format_embargo_note(embargoed: datetime, timezone: str, language: str, locales: Path | None = None) -> str:
    """The note an embargoed item carries: the embargo's end in the story's time zone, as
    ``language`` prints dates, times and zone names (CLDR through Babel)."""
    locale = get_language(language).locale
    local = embargoed.astimezone(ZoneInfo(timezone))
    return _format(
        EMBARGO_NOTE,
        language,
        locales,
        date=babel_format_date(local, "long", locale=locale),
        time=format_time(local, "short", tzinfo=local.tzinfo, locale=locale),
        zone=get_timezone_name(local, "long", locale=locale),
    )


def format_note(message: str, note: str, language: str, locales: Path | None = None) -> str:
    """One of the desk's notes (:data:`CORRECTION_NOTE`, ...) in ``language``, around ``note``."""
    return _format(message, language, locales, note=note)


def _format(message: str, language: str, locales: Path | None, **values: str) -> str:
    """A library message translated and filled in; a broken translation is a CatalogError."""
    pattern = library_translations(language, locales).gettext(message)
    try:
        return pattern.format(**values)
    except (KeyError, IndexError, ValueError) as error:
        raise CatalogError(
            f"the {language} translation of {message!r} is {pattern!r}, which does not fit ({error!r}); "
            f"fix it in {LIBRARY_DOMAIN}.po and run 'newsbilingual compile'",
            source=locales or locales_dir(),
        ) from None


# NOTE: Name of the IPTC genre genre:Current (a news report), written beside the code in the
# item's genre for receivers that show names (Superdesk, newsmlg2).
GENRE_CURRENT = _("Current")
# NOTE: Name of the IPTC genre genre:Opinion (a commentary or column).
GENRE_OPINION = _("Opinion")
GENRE_NAMES = {"genre:Current": GENRE_CURRENT, "genre:Opinion": GENRE_OPINION}


def genre_names(qcode: str, language: str, locales: Path | None = None) -> dict[str, str]:
    """The names of a genre the library names, by language tag: its English name, and the
    name in ``language`` when the library's catalogs translate it ({} for other genres)."""
    english = GENRE_NAMES.get(qcode)
    if english is None:
        return {}
    names = {"en": english}
    translated = library_translations(language, locales).gettext(english)
    if translated != english and not language.startswith("en"):
        names[language] = translated
    return names
