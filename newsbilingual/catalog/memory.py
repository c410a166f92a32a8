"""The newsroom's translation memory: every story's catalogs as a compendium.

As with ``msgmerge --compendium``, what was translated before fills new entries whose source
text is exactly the same: rights notices, bylines, recurring titles. A translation from
another story arrives fuzzy, with a comment naming that story, because the same words can
need another rendering elsewhere; the same story's own earlier translation of that text (in
another context, or an obsolete entry) is taken as it is. Only exact matches count: GNU's
similarity search is quadratic (25 minutes on 20,000 entries), an exact index is linear.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polib

from .translations import read_po

# The library's own domain holds format patterns, not story text.
EXCLUDED_DOMAINS = frozenset({"newsbilingual"})


@dataclass(frozen=True)
class Remembered:
    """One earlier translation of a source text: where it was made and under which context."""

    translation: str
    domain: str
    context: str


class TranslationMemory:
    """The finished (translated, not fuzzy) entries of one language's catalogs, by source text."""

    def __init__(self) -> None:
        self._by_text: dict[str, list[Remembered]] = {}

    @classmethod
    def from_catalogs(cls, catalogs: Iterable[tuple[polib.POFile, str]]) -> TranslationMemory:
        """A memory of ``(catalog, domain)`` pairs (the library's own domain is left out)."""
        memory = cls()
        for catalog, domain in catalogs:
            if domain not in EXCLUDED_DOMAINS:
                memory.add(catalog, domain)
        return memory

    @classmethod
    def from_files(cls, paths: Iterable[Path]) -> TranslationMemory:
        """A memory of the catalogs at ``paths`` (each named ``<domain>.po``)."""
        return cls.from_catalogs((read_po(path), path.stem) for path in paths if path.stem not in EXCLUDED_DOMAINS)

    def add(self, catalog: polib.POFile, domain: str) -> None:
        """Remember the finished entries of ``domain``'s catalog (obsolete ones too: msgmerge does)."""
        for entry in catalog:
            if entry.msgid and entry.msgstr and not entry.fuzzy:
                self._by_text.setdefault(entry.msgid, []).append(Remembered(entry.msgstr, domain, entry.msgctxt or ""))

    def __len__(self) -> int:
        return sum(len(found) for found in self._by_text.values())

    def lookup(self, text: str, context: str, domain: str) -> Remembered | None:
        """The best earlier translation of ``text``: the same story's first, then the same
        context's, then the first story in name order (so the choice never depends on the disk)."""
        found = self._by_text.get(text)
        if not found:
            return None
        return min(found, key=lambda r: (r.domain != domain, r.context != context, r.domain, r.context))


def memory_note(domain: str) -> str:
    return f"Translation memory: as translated in the story {domain!r}; check it fits here."


def prefill(catalog: polib.POFile, domain: str, memory: TranslationMemory) -> int:
    """Fill the untranslated entries of ``domain``'s catalog from ``memory``; returns how many.

    The catalog's own finished entries count as the same story's earlier work.
    """
    own = TranslationMemory()
    own.add(catalog, domain)
    filled = 0
    for entry in catalog:
        if entry.obsolete or not entry.msgid or entry.msgstr:
            continue
        found = own.lookup(entry.msgid, entry.msgctxt or "", domain) or memory.lookup(
            entry.msgid, entry.msgctxt or "", domain
        )
        if found is None:
            continue
        entry.msgstr = found.translation
        if found.domain != domain:
            entry.flags.append("fuzzy")
            entry.tcomment = "\n".join(filter(None, (entry.tcomment, memory_note(found.domain))))
        filled += 1
    return filled
