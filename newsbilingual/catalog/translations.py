"""Story catalogs at run time: load a language's .po or .mo and translate a story with it.

A story's gettext domain is its id; its catalogs live at
``<locales>/<lang dir>/LC_MESSAGES/<story id>.po`` (``.mo`` once compiled). Entries are
keyed on (msgctxt, msgid), as gettext itself keys them. Untranslated and fuzzy entries fall
back to the source text, as gettext does; ``strict=True`` refuses and lists what is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import polib

from ..errors import CatalogError
from ..story.languages import get_language
from ..story.model import Story
from ..story.segments import Segment, map_segments


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


_STRING = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(
    rf"^(?:#(?:[~|] ?|~\| ?)?)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?{_STRING}\s*$"
)


def check_po_syntax(text: str, source: str | Path) -> None:
    """Refuse what msgfmt refuses and polib lets through: unterminated strings, stray text,
    duplicate (msgctxt, msgid) pairs. Raises :class:`CatalogError` naming the line."""
    seen: dict[tuple[str | None, str], int] = {}
    context: str | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#") and not stripped.startswith(("#~", "#|")):
            continue
        if not _PO_LINE.match(stripped):
            raise CatalogError(f"malformed PO line: {stripped[:60]!r}", source=source, line=number)
        if stripped.startswith("msgctxt "):
            context = stripped[len("msgctxt ") :]
        elif stripped.startswith("msgid ") and stripped != 'msgid ""':
            key = (context, stripped)
            if key in seen:
                raise CatalogError(
                    f"duplicate message definition (first at line {seen[key]})", source=source, line=number
                )
            seen[key] = number
            context = None
        elif stripped.startswith("msgid "):
            context = None


def read_po(path: Path) -> polib.POFile:
    """Read a .po file with polib; a malformed file raises :class:`CatalogError` with its line.

    Accepts what translators' tools write: any wrapping width, CRLF line ends, a BOM.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise CatalogError(error.strerror or str(error), source=path) from None
    text = data.decode("utf-8-sig", errors="strict") if _is_utf8(data, path) else ""
    text = text.replace("\r\n", "\n")
    check_po_syntax(text, path)
    try:
        return polib.pofile(text, wrapwidth=79)
    except (OSError, ValueError) as error:
        line = _line_of(str(error))
        raise CatalogError(f"malformed PO file: {_clean(str(error))}", source=path, line=line) from None


def _is_utf8(data: bytes, path: Path) -> bool:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CatalogError(f"not UTF-8 (byte offset {error.start})", source=path, line=line) from None
    return True


def _line_of(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _clean(message: str) -> str:
    return re.sub(r"^Syntax error in po file(?: \(line \d+\))?:?\s*", "", message) or message


def load_translations(path: str | Path, language: str) -> Translations:
    """Translations from a .po (source of truth) or a compiled .mo file."""
    path = Path(path)
    messages: dict[tuple[str, str], str] = {}
    fuzzy: dict[tuple[str, str], str] = {}
    if path.suffix == ".mo":
        try:
            catalog = polib.mofile(str(path))
        except (OSError, ValueError) as error:
            raise CatalogError(f"malformed MO file: {error}", source=path) from None
    else:
        catalog = read_po(path)
    for entry in catalog:
        # Entries read from a .mo have no obsolete or fuzzy state: msgfmt leaves those out.
        if getattr(entry, "obsolete", False) or not entry.msgid:
            continue
        target = fuzzy if getattr(entry, "fuzzy", False) else messages
        target[(entry.msgctxt or "", entry.msgid)] = entry.msgstr
    return Translations(language=get_language(language).tag, source=str(path), messages=messages, fuzzy=fuzzy)


def find_translations(locales: Path, domain: str, language: str) -> Translations | None:
    """The domain's catalog for ``language`` under ``locales``: the .po, else the .mo, else None."""
    for suffix in (".po", ".mo"):
        path = catalog_path(locales, domain, language, suffix)
        if path.is_file():
            return load_translations(path, language)
    return None


def localize_with_fallbacks(
    story: Story, translations: Translations, *, use_fuzzy: bool = False
) -> tuple[Story, list[Segment]]:
    """``story`` translated, and the segments that kept their source text (untranslated or fuzzy)."""
    missing: list[Segment] = []

    def translate(segment: Segment) -> str:
        found = translations.lookup(segment.context, segment.text, use_fuzzy=use_fuzzy)
        if found is None:
            missing.append(segment)
            return segment.text
        return found

    return map_segments(story, translate), missing


def localize(story: Story, translations: Translations, *, strict: bool = False, use_fuzzy: bool = False) -> Story:
    """``story`` with every segment translated; missing ones keep the source text unless ``strict``."""
    localized, missing = localize_with_fallbacks(story, translations, use_fuzzy=use_fuzzy)
    if strict and missing:
        listed = "\n".join(f"  {s.context}: {s.text[:60]}" for s in missing)
        raise CatalogError(
            f"{len(missing)} segment(s) untranslated or fuzzy in {translations.language}:\n{listed}",
            source=translations.source,
        )
    return localized
