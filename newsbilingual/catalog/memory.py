"""The newsroom's translation memory: every story's catalogs as a compendium.

As with ``msgmerge --compendium``, what was translated before fills new entries:

* the same source text (rights notices, bylines, names): the same story's own earlier
  translation (in another context, or an obsolete entry) is taken as it is; another story's
  arrives fuzzy, with a comment naming that story, because the same words can need another
  rendering elsewhere, unless the desk lists the segment's kind in the ``memory_accept`` setting
  (context patterns such as ``*/rights/*``) and the earlier one was of the same kind, with no
  other translation of that text in the memory: then it is accepted, the comment still naming
  the story;
* a near match (a word or a figure changed): the most similar source text, by msgmerge's
  measure and bar (fstrcmp above 0.6), arrives fuzzy with that source as the previous text
  (``#|``), so the translator sees what changed.

msgmerge compares every new text with every remembered one (quadratic: 25 minutes on 20,000
entries); here only texts sharing half the new one's word (or Han character) trigrams are
compared, which is what "a word or a figure changed" leaves them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase

import polib

from .merge import FUZZY_THRESHOLD, similarity, trigrams

# The library's own domain holds format patterns, not story text.
EXCLUDED_DOMAINS = frozenset({"newsbilingual"})


@dataclass(frozen=True)
class Remembered:
    """One earlier translation: its source text, where it was made and under which context."""

    translation: str
    domain: str
    context: str
    source: str


class TranslationMemory:
    """The finished (translated, not fuzzy) entries of one language's catalogs, by source text."""

    def __init__(self) -> None:
        self._by_text: dict[str, list[Remembered]] = {}
        self._index: dict[tuple[str, ...], list[str]] | None = None  # trigram -> texts, built on first use

    @classmethod
    def from_catalogs(cls, catalogs: Iterable[tuple[polib.POFile, str]]) -> TranslationMemory:
        """A memory of ``(catalog, domain)`` pairs (the library's own domain is left out)."""
        memory = cls()
        for catalog, domain in catalogs:
            if domain not in EXCLUDED_DOMAINS:
                memory.add(catalog, domain)
        return memory

    def add(self, catalog: polib.POFile, domain: str) -> None:
        """Remember the finished entries of ``domain``'s catalog (obsolete ones too: msgmerge does)."""
        self._index = None
        for entry in catalog:
            if entry.msgid and entry.msgstr and not entry.fuzzy:
                found = Remembered(entry.msgstr, domain, entry.msgctxt or "", entry.msgid)
                self._by_text.setdefault(entry.msgid, []).append(found)

    def __len__(self) -> int:
        return sum(len(found) for found in self._by_text.values())

    def lookup(self, text: str, context: str, domain: str) -> Remembered | None:
        """The best earlier translation of ``text``: the same story's first, then the same
        context's, then the first story in name order (so the choice never depends on the disk)."""
        found = self._by_text.get(text)
        if not found:
            return None
        return min(found, key=lambda r: (r.domain != domain, r.context != context, r.domain, r.context))

    def translations(self, text: str, patterns: Sequence[str]) -> set[str]:
        """Every translation of ``text`` remembered under a context matching one of ``patterns``."""
        return {r.translation for r in self._by_text.get(text, ()) if _matches(r.context, patterns)}

    def near(self, text: str) -> Remembered | None:
        """The remembered text most like ``text`` (fstrcmp above 0.6, the first in name order of
        equals) among those sharing at least half of its trigrams; None if there is none."""
        if self._index is None:
            self._index = defaultdict(list)
            for source in self._by_text:
                for gram in trigrams(source):
                    self._index[gram].append(source)
        grams = trigrams(text)
        shared = Counter(source for gram in grams for source in self._index.get(gram, ()))
        query = text.encode()
        best, best_score = None, FUZZY_THRESHOLD
        for source in sorted(s for s, count in shared.items() if 2 * count >= len(grams) and s != text):
            score = similarity(query, source.encode())
            if score > best_score:
                best, best_score = source, score
        if best is None:
            return None
        return min(self._by_text[best], key=lambda r: (r.domain, r.context))


def _matches(context: str, patterns: Sequence[str]) -> bool:
    return any(fnmatchcase(context, pattern) for pattern in patterns)


def memory_note(domain: str, *, accepted: bool = False) -> str:
    if accepted:
        return f"Translation memory: accepted as translated in the story {domain!r} (setting memory_accept)."
    return f"Translation memory: as translated in the story {domain!r}; check it fits here."


def prefill(catalog: polib.POFile, domain: str, memory: TranslationMemory, accept: Sequence[str] = ()) -> int:
    """Fill the untranslated entries of ``domain``'s catalog from ``memory``; returns how many.

    The catalog's own finished entries count as the same story's earlier work. ``accept``: the
    context patterns (the ``memory_accept`` setting) whose exact matches need no review.
    """
    own = TranslationMemory()
    own.add(catalog, domain)
    filled = 0
    for entry in catalog:
        if entry.obsolete or not entry.msgid or entry.msgstr:
            continue
        context = entry.msgctxt or ""
        found = own.lookup(entry.msgid, context, domain) or memory.lookup(entry.msgid, context, domain)
        if found is None:
            found = memory.near(entry.msgid)
            if found is None:
                continue
            entry.previous_msgctxt, entry.previous_msgid = found.context or None, found.source
        entry.msgstr = found.translation
        if found.domain != domain:
            # Accepted: an exact match of the same kind the desk listed, which the memory never
            # translated otherwise (a name two people share is left to a translator).
            accepted = (
                found.source == entry.msgid
                and any(fnmatchcase(context, p) and fnmatchcase(found.context, p) for p in accept)
                and memory.translations(entry.msgid, accept) == {found.translation}
            )
            if not accepted:
                entry.flags.append("fuzzy")
            entry.tcomment = "\n".join(filter(None, (entry.tcomment, memory_note(found.domain, accepted=accepted))))
        filled += 1
    return filled
