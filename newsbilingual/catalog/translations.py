"""Story catalogs at run time: load a language's .po or .mo and translate a story with it.

A story's gettext domain is its id; its catalogs live at
``<locales>/<lang dir>/LC_MESSAGES/<story id>.po`` (``.mo`` once compiled). Entries are
keyed on (msgctxt, msgid), as gettext itself keys them. Untranslated and fuzzy entries fall
back to the source text, as gettext does; ``strict=True`` refuses and lists what is missing.
"""

from __future__ import annotations

import gettext
import re
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from string import Formatter
from typing import TYPE_CHECKING, TypeVar

from ..errors import CatalogError
from ..story.languages import get_language
from .mofile import read_mo
from .poread import check_charset, check_controls, check_plural_forms, parse_po

if TYPE_CHECKING:
    import polib

    from ..story.model import Story
    from ..story.segments import Segment


@dataclass(frozen=True)
class Translations:
    """The translations of one story domain into one language."""

    language: str
    source: str
    messages: dict[tuple[str, str], str] = field(default_factory=dict)
    fuzzy: dict[tuple[str, str], str] = field(default_factory=dict)

    def lookup(self, context: str, text: str, *, use_fuzzy: bool = False) -> str | None:
        """The translation of ``text`` in ``context``, or None if it has none (or only a fuzzy one)."""
        key = (context, text)
        found = self.messages.get(key)
        if found is None and use_fuzzy:
            found = self.fuzzy.get(key)
        return found or None


#: The gettext domain of the library's own messages (datelines, credits: :mod:`.localeformat`).
LIBRARY_DOMAIN = "newsbilingual"

# A replacement field's format spec may align and pad the value, or cut it, within bounds: a
# translation asking for a width of 2,000,000,000 would take the render's memory.
_SAFE_SPEC = re.compile(r"(?:.?[<>^])?[0-9]{0,3}(?:\.[0-9]{1,3})?")


def brace_format_problem(msgid: str, msgstr: str) -> str | None:
    """Why ``msgstr`` cannot stand for ``msgid`` as a ``str.format`` pattern, or None.

    Its fields must be the plain ``{name}`` fields of ``msgid`` (the values the library passes):
    no attribute or index access (``{credit.__class__}`` would print Python internals), no
    conversion, a format spec of at most alignment, a width and a precision below 1,000.
    """
    try:
        wanted = {name for _, name, _, _ in Formatter().parse(msgid) if name is not None}
        fields = [(name, spec, conv) for _, name, spec, conv in Formatter().parse(msgstr) if name is not None]
    except ValueError:
        return f"translation of {msgid!r} has unmatched braces (write {{{{ or }}}} for a brace)"
    for name, spec, conversion in fields:
        if not name.isidentifier() or conversion is not None or not _SAFE_SPEC.fullmatch(spec or ""):
            field = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            return f"translation of {msgid!r}: {field} is not a plain field (only {{name}}, {{name:>N}} with N < 1000)"
    if {name for name, _, _ in fields} != wanted:
        return f"translation of {msgid!r} must use the placeholders {', '.join(sorted(wanted)) or 'none'}"
    return None


class CompiledCatalog(gettext.NullTranslations):
    """A .mo file of format patterns (the library's own domain) behind gettext's API, read by
    :func:`read_mo` and every translation checked by :func:`brace_format_problem`: a damaged or
    hostile catalog is a :class:`CatalogError` naming the file, not a traceback or text in the XML."""

    _fallback: gettext.NullTranslations | None  # set by NullTranslations (typeshed leaves the private name out)

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.messages = read_mo(path)
        for (_, msgid), msgstr in self.messages.items():
            if problem := brace_format_problem(msgid, msgstr):
                raise CatalogError(f"{problem}; fix it in the .po and run 'newsbilingual compile'", source=path)

    def gettext(self, message: str) -> str:
        found = self.messages.get(("", message))
        if found is not None:
            return found
        return self._fallback.gettext(message) if self._fallback else message


def catalog_path(locales: Path, domain: str, language: str, suffix: str = ".po") -> Path:
    """Where the catalog of ``domain`` in ``language`` lives under ``locales``.

    The language's folder (``zh_TW``), or the folder another spelling of its name already has
    (``zh_Hant_TW``, ``zh-Hant-TW``), so a catalog made by another tool is found where it is.
    """
    return Path(locales) / language_folder(locales, language) / "LC_MESSAGES" / f"{domain}{suffix}"


def language_folder(locales: Path, language: str) -> str:
    """The name of ``language``'s folder under ``locales``: an existing one, else its ``catalog_dir``."""
    lang = get_language(language)
    for name in dict.fromkeys((lang.catalog_dir, lang.po_code, lang.tag)):
        if (Path(locales) / name).is_dir():
            return name
    return lang.catalog_dir


def _read_text(path: Path) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise CatalogError(error.strerror or str(error), source=path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CatalogError(f"not UTF-8 (byte offset {error.start})", source=path, line=line) from None


def read_po(path: Path) -> polib.POFile:
    """Read a .po/.pot file (:mod:`.poread`: GNU's grammar, msgfmt's errors with file:line).

    Accepts what translators' tools write: any wrapping width, CRLF line ends, a BOM.
    """
    po = parse_po(_read_text(path), path)  # no other reference to the text: the parser can free it
    check_charset(po, path)
    check_plural_forms(po, path)
    check_controls(po, path)
    return po


def load_translations(path: str | Path, language: str) -> Translations:
    """Translations from a .po (source of truth, with its fuzzy entries) or a compiled .mo file."""
    path = Path(path)
    tag = get_language(language).tag
    if path.suffix == ".mo":
        return Translations(language=tag, source=str(path), messages=read_mo(path))
    messages: dict[tuple[str, str], str] = {}
    fuzzy: dict[tuple[str, str], str] = {}
    for entry in parsed_po(path):
        if entry.obsolete or not entry.msgid:
            continue
        target = fuzzy if entry.fuzzy else messages
        target[(entry.msgctxt or "", entry.msgid)] = entry.msgstr
    return Translations(language=tag, source=str(path), messages=messages, fuzzy=fuzzy)


# The catalogs read lately, most recent last. Bounded: an archive run reads every story's
# catalogs once, and an unbounded cache grew by about 120 kB a story (1.2 GB at 10,000).
_loaded: OrderedDict[tuple[Path, str], tuple[tuple[int, int], Translations]] = OrderedDict()
_parsed: OrderedDict[Path, tuple[tuple[int, int], polib.POFile]] = OrderedDict()
CACHED_CATALOGS = 64

Key = TypeVar("Key", bound=Hashable)
Cached = TypeVar("Cached")


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns)


def _cached(
    cache: OrderedDict[Key, tuple[tuple[int, int], Cached]],
    key: Key,
    stamp: tuple[int, int],
    load: Callable[[], Cached],
) -> Cached:
    """What ``load`` gives for ``key``, loaded again only when the file's ``stamp`` (size, mtime) changes."""
    found = cache.get(key)
    if found is None or found[0] != stamp:
        found = cache[key] = (stamp, load())
        if len(cache) > CACHED_CATALOGS:
            cache.popitem(last=False)
    cache.move_to_end(key)
    return found[1]


def parsed_po(path: Path) -> polib.POFile:
    """:func:`read_po` of ``path``, parsed once per process while its size and mtime stay: a
    render's editions and its publish gate share one parse. Callers only read it."""
    path = Path(path)
    stamp = _stamp(path)
    if stamp is None:
        return read_po(path)  # the error naming the file
    return _cached(_parsed, path, stamp, lambda: read_po(path))


def find_translations(locales: Path, domain: str, language: str, *, use_fuzzy: bool = False) -> Translations | None:
    """The domain's catalog for ``language`` under ``locales``, or None if it has none.

    The compiled .mo when it is current (not older than the .po; a .mo alone is used as is),
    else the .po: a .mo that ``compile`` has not refreshed since the translator's last save is
    never used. ``use_fuzzy`` needs the .po (msgfmt leaves fuzzy entries out of the .mo).
    Each file is read once per process and again only when its size or mtime changes.
    """
    po_path, mo_path = (catalog_path(locales, domain, language, suffix) for suffix in (".po", ".mo"))
    po_stamp, mo_stamp = _stamp(po_path), _stamp(mo_path)
    if mo_stamp is not None and not use_fuzzy and (po_stamp is None or mo_stamp[1] >= po_stamp[1]):
        path, stamp = mo_path, mo_stamp
    elif po_stamp is not None:
        path, stamp = po_path, po_stamp
    else:
        return None
    return _cached(_loaded, (path, get_language(language).tag), stamp, lambda: load_translations(path, language))


def localize_with_fallbacks(
    story: Story, translations: Translations, *, use_fuzzy: bool = False, printed: Callable[[str], str] = str
) -> tuple[Story, list[Segment]]:
    """``story`` translated, and the segments that kept their source text (untranslated or fuzzy).

    ``printed`` turns each text, translated or kept, into its printed form (an edition's
    spacing between Chinese and Latin letters), in the same walk over the story."""
    from ..story.segments import map_segments  # not needed to read or compile catalogs

    missing: list[Segment] = []

    def translate(segment: Segment) -> str:
        found = translations.lookup(segment.context, segment.text, use_fuzzy=use_fuzzy)
        if found is None:
            missing.append(segment)
            return printed(segment.text)
        return printed(found)

    return map_segments(story, translate, notes=False), missing


def localize(
    story: Story,
    translations: Translations,
    *,
    strict: bool = False,
    use_fuzzy: bool = False,
    printed: Callable[[str], str] = str,
) -> Story:
    """``story`` with every segment translated; missing ones keep the source text unless ``strict``
    (``printed``: as for :func:`localize_with_fallbacks`)."""
    localized, missing = localize_with_fallbacks(story, translations, use_fuzzy=use_fuzzy, printed=printed)
    if strict and missing:
        listed = "\n".join(f"  {s.context}: {s.text[:60]}" for s in missing)
        raise CatalogError(
            f"{len(missing)} segment(s) untranslated or fuzzy in {translations.language}:\n{listed}",
            source=translations.source,
        )
    return localized
