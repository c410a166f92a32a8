"""Per-language formatting of the library's own words: datelines, photo credits.

Dates come from CLDR through Babel (``12月22日`` in Chinese, ``Dec 22`` in English). The
fixed strings around them ("Photo: {credit}") are messages of the gettext domain
``newsbilingual``, whose catalogs ship compiled with the library, so a translator changes
them in a .po file rather than in code.
"""

from __future__ import annotations

import gettext
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton, format_time, get_timezone_name

from ..bundled import locales_dir
from ..errors import CatalogError
from ..story.languages import get_language
from ..story.model import Dateline

LIBRARY_DOMAIN = "newsbilingual"


def _(message: str) -> str:
    """Mark a message for extraction into the library domain; translated at use."""
    return message


# NOTE: Dateline of a story: {place} is a place name, {date} a month and day as CLDR
# prints them (Dec 22 / 12月22日), {label} the paper's label for its own reports.
DATELINE_WITH_LABEL = _("{place}, {date} ({label})")
# NOTE: Dateline without a source label.
DATELINE = _("{place}, {date}")
# NOTE: Photo credit line; {credit} is who took or supplied the picture.
PHOTO_CREDIT = _("Photo: {credit}")
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
def library_translations(language: str) -> gettext.NullTranslations:
    """The library domain's compiled catalog for ``language`` (source English if none)."""
    directory = get_language(language).catalog_dir
    return gettext.translation(LIBRARY_DOMAIN, localedir=locales_dir(), languages=[directory], fallback=True)


def format_date(value: date, language: str) -> str:
    """Month and day as a newspaper prints them in ``language`` (CLDR skeleton ``MMMd``)."""
    return format_skeleton("MMMd", value, locale=get_language(language).locale)


def format_dateline(dateline: Dateline, language: str) -> str:
    """The printed dateline: its own ``text`` if it has one, else place, date and label."""
    if dateline.text:
        return dateline.text
    message = DATELINE_WITH_LABEL if dateline.label else DATELINE
    date_text = format_date(dateline.date, language)
    return _format(message, language, place=dateline.place, date=date_text, label=dateline.label)


def format_credit(credit: str, language: str) -> str:
    """A photo credit line ("Photo: Xinhua"; in Chinese the credit alone: "高新区供图")."""
    return _format(PHOTO_CREDIT, language, credit=credit)


def format_embargo_note(embargoed: datetime, timezone: str, language: str) -> str:
    """The note an embargoed item carries: the embargo's end in the story's time zone, as
    ``language`` prints dates, times and zone names (CLDR through Babel)."""
    locale = get_language(language).locale
    local = embargoed.astimezone(ZoneInfo(timezone))
    return _format(
        EMBARGO_NOTE,
        language,
        date=babel_format_date(local, "long", locale=locale),
        time=format_time(local, "short", tzinfo=local.tzinfo, locale=locale),
        zone=get_timezone_name(local, "long", locale=locale),
    )


def format_note(message: str, note: str, language: str) -> str:
    """One of the desk's notes (:data:`CORRECTION_NOTE`, ...) in ``language``, around ``note``."""
    return _format(message, language, note=note)


def _format(message: str, language: str, **values: str) -> str:
    """A library message translated and filled in; a broken translation is a CatalogError."""
    pattern = library_translations(language).gettext(message)
    try:
        return pattern.format(**values)
    except (KeyError, IndexError, ValueError) as error:
        raise CatalogError(
            f"the {language} translation of {message!r} is {pattern!r}, which does not fit ({error!r}); "
            f"fix it in {LIBRARY_DOMAIN}.po and run 'newsbilingual compile'",
            source=locales_dir(),
        ) from None
