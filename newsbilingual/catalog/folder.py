"""The locales folder's layout: its templates and its language catalogs, and how a broken file is reported.

Shared by every operation on the folder (:mod:`.locales`' update and init, :mod:`.compiling`'s
compile and stats, the checks), and kept free of what only some of them need (the merge, the
translation memory, the PO writer) so that compile and stats start quickly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import CatalogError, NewsbilingualError
from ..story.languages import Language, get_language
from .translations import language_folder


def _existing(locales: Path) -> Path:
    if not Path(locales).is_dir():
        raise CatalogError("no such catalogs folder (give --locales DIR)", source=locales)
    return Path(locales)


def templates(locales: Path, domain: str | None = None) -> list[Path]:
    """The templates under ``locales`` (only ``domain``'s if given; an error if it has none)."""
    found = sorted(_existing(locales).glob(f"{domain}.pot" if domain else "*.pot"))
    if domain and not found:
        raise CatalogError(f"no template for {domain!r} (run 'newsbilingual extract' first)", source=locales)
    return found


@dataclass(frozen=True)
class CatalogFile:
    """One language catalog file found under ``locales/<folder>/LC_MESSAGES/``."""

    path: Path
    domain: str
    language: Language


OnError = Callable[[CatalogError], None]


def find_catalogs(
    locales: Path, domain: str | None = None, *, suffixes: Sequence[str] = (".po",)
) -> tuple[list[CatalogFile], list[CatalogError]]:
    """Every catalog under ``locales`` (only ``domain``'s if given), with the language its folder names.

    Any language Babel knows counts, whatever tool made the folder (``ja``, ``zh_TW``,
    ``zh_Hant``). A folder whose name is no language gives an error naming the file, returned
    apart so that it never stops the other languages.
    """
    problems: list[CatalogError] = []
    folders: dict[tuple[str, Language], list[Path]] = {}
    for suffix in suffixes:
        for path in sorted(_existing(locales).glob(f"*/LC_MESSAGES/{domain or '*'}{suffix}")):
            try:
                language = get_language(path.parent.parent.name)
            except NewsbilingualError as error:
                problems.append(CatalogError(f"{error.message} (the folder names the language)", source=path))
                continue
            paths = folders.setdefault((path.stem, language), [])
            if all(other.parent != path.parent for other in paths):
                paths.append(path)
    found: list[CatalogFile] = []
    for (stem, language), paths in folders.items():
        # The folder catalog_path uses comes first; any other folder of the language is an error.
        preferred = language_folder(locales, language.tag)
        used, *others = sorted(paths, key=lambda path: path.parent.parent.name != preferred)
        found.append(CatalogFile(used, stem, language))
        for other in others:
            problems.append(CatalogError(f"a second {language.tag} catalog of {stem} (used: {used})", source=other))
    return found, problems


def report(problems: list[CatalogError], on_error: OnError | None) -> None:
    """Hand each problem to ``on_error``; without one, the first problem is raised before anything is written."""
    for problem in problems:
        if on_error is None:
            raise problem
        on_error(problem)
