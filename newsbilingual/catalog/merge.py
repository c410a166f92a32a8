"""Merging a template into a language catalog, with the semantics of ``msgmerge --previous``.

An entry whose (msgctxt, msgid) is unchanged keeps its translation. Any other takes the
translation of the most similar old msgid, fuzzy, recording the source it was made from
(``#|``): a corrected figure, a renamed-and-edited segment, a paragraph moved to another id, the
parts of a split paragraph. Entries gone from the template become obsolete (``#~``) with their
translation, and come back if the segment returns. Where msgmerge finds nothing similar, an
entry keeps its own id's translation (fuzzy): the segment id is the stable identity.
GNU msgmerge compares every new msgid with every old one (25 minutes on 20,000 entries) and
Babel's ignores msgctxt, so the merge is written here: only the old entries no longer matched
exactly are compared, with rapidfuzz (C++).
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

import polib
from rapidfuzz import process
from rapidfuzz.distance import Indel

from ..story.languages import Language
from ..version import __version__
from .extract import gnu_header, po_date

Key = tuple[str, str]


def _key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt or "", entry.msgid)


def _from_template(template: polib.POEntry, old: polib.POEntry | None, *, force_fuzzy: bool) -> polib.POEntry:
    """A fresh entry from the template, carrying over the translator's work from ``old``.

    As msgmerge's ``message_merge``: msgstr and ``#`` comments from ``old``, ``#.``/``#:`` from the
    template; fuzzy if ``old`` was or the match is not exact (``force_fuzzy``). The previous
    strings (``#|``) are the source the translation was made from: ``old``'s own if it was a
    reviewed translation, else the ``#|`` it already had; a result that is not fuzzy, or is
    untranslated, has none. (Unlike msgmerge, flags a translator added, e.g. ``no-wrap``, are kept.)
    """
    entry = polib.POEntry(
        msgctxt=template.msgctxt,
        msgid=template.msgid,
        msgstr="",
        comment=template.comment,
        occurrences=list(template.occurrences),
        flags=[flag for flag in template.flags if flag != "fuzzy"],
    )
    if old is None:
        return entry
    entry.msgstr = old.msgstr
    entry.tcomment = old.tcomment
    entry.flags += [flag for flag in old.flags if flag not in entry.flags and flag != "fuzzy"]
    was_fuzzy = "fuzzy" in old.flags
    if (was_fuzzy or force_fuzzy) and old.msgstr:
        entry.flags.insert(0, "fuzzy")
        if was_fuzzy:
            entry.previous_msgctxt, entry.previous_msgid = old.previous_msgctxt, old.previous_msgid
        else:
            entry.previous_msgctxt, entry.previous_msgid = old.msgctxt, old.msgid
    return entry


# msgmerge's fuzzy search (gettext's message_list_search_fuzzy): the most similar translated
# msgid, similarity as gnulib's fstrcmp on the UTF-8 bytes (1 - insertions and deletions / both
# lengths, rapidfuzz's Indel), above 0.6, an entry of the same context winning a tie by a hair.
FUZZY_THRESHOLD = 0.6
SAME_CONTEXT_BONUS = 0.00001


def similarity(a: bytes, b: bytes) -> float:
    """fstrcmp's similarity of two UTF-8 strings, computed as gnulib does (for ties and the bar)."""
    return (len(a) + len(b) - Indel.distance(a, b)) / (len(a) + len(b))


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\s\u3400-\u9fff\uf900-\ufaff]+")


def trigrams(text: str) -> set[tuple[str, ...]]:
    """The text's runs of three tokens: words, and each Han character (Chinese has no spaces)."""
    tokens = _TOKEN.findall(text) if _HAN.search(text) else text.split()
    if len(tokens) < 3:
        return {tuple(tokens)}
    return set(zip(tokens, tokens[1:], tokens[2:], strict=False))


class _Leftovers:
    """The translated old entries no template entry matches exactly: where moved text is looked for.

    msgmerge searches every old entry; an entry whose (msgctxt, msgid) is still in the template
    is not searched here (text copied from an unchanged paragraph is not a move), which keeps
    the search to the edited, renamed and removed entries (their count, not the catalog's). A
    new segment (no old entry of its context) is compared only with texts sharing a run of three
    words (or Han characters) with it: msgmerge's matches between texts sharing none are
    coincidences of letters (two unrelated English paragraphs can pass 0.6), and comparing
    every added paragraph with every removed one would cost minutes on a large catalog.
    """

    def __init__(self, catalog: polib.POFile, template_keys: set[Key]) -> None:
        self.entries = [e for e in catalog if e.msgstr and e.msgid and _key(e) not in template_keys]
        self.sources = [e.msgid.encode() for e in self.entries]
        self.by_context: dict[str, polib.POEntry] = {}
        for entry in self.entries:  # the live entry of a context before an obsolete one (catalog order)
            self.by_context.setdefault(entry.msgctxt or "", entry)
        self._index: dict[tuple[str, ...], list[int]] | None = None  # built on the first new segment

    def _sharing_a_trigram(self, text: str) -> list[int]:
        if self._index is None:
            self._index = defaultdict(list)
            for number, entry in enumerate(self.entries):
                for gram in trigrams(entry.msgid):
                    self._index[gram].append(number)
        return sorted({number for gram in trigrams(text) for number in self._index.get(gram, ())})

    def most_similar(self, new: polib.POEntry) -> polib.POEntry | None:
        """The leftover msgmerge's fuzzy search would pick for ``new`` (the first of equals), or None."""
        if not self.entries:
            return None
        query = new.msgid.encode()
        context = new.msgctxt
        same = self.by_context.get(context or "") if context else None
        cutoff = FUZZY_THRESHOLD - 2 * SAME_CONTEXT_BONUS
        numbers: Sequence[int]
        if same is not None:
            # The same context's similarity is the bar the others must pass: with a copy edit it
            # is high, and rapidfuzz skips most others by their length alone.
            cutoff = max(cutoff, Indel.normalized_similarity(query, same.msgid.encode()) - 2 * SAME_CONTEXT_BONUS)
            numbers = range(len(self.entries))
        else:
            numbers = self._sharing_a_trigram(new.msgid)
        choices = [self.sources[n] for n in numbers]
        best, best_score = None, FUZZY_THRESHOLD
        found = process.extract(query, choices, scorer=Indel.normalized_similarity, score_cutoff=cutoff, limit=None)
        for _, _, position in found:
            index = numbers[position]
            old = self.entries[index]
            score = similarity(query, self.sources[index])
            if old.msgctxt is None or old.msgctxt == context:
                score += SAME_CONTEXT_BONUS
            if score > best_score or (score == best_score and best is not None and index < best[0]):
                best, best_score = (index, old), score
        return best[1] if best else None


def _find_old(
    new: polib.POEntry, exact: dict[Key, polib.POEntry], leftovers: _Leftovers
) -> tuple[polib.POEntry | None, bool]:
    """The old entry whose translation ``new`` inherits, and whether the match is inexact (fuzzy).

    As msgmerge: the same (msgctxt, msgid), live or obsolete; else the most similar translated
    msgid (so a translation follows its text to another id, a renamed-and-edited segment keeps
    its translation, each part of a split paragraph gets the whole one's as a guess). Unlike
    msgmerge, a segment rewritten past recognition keeps its own id's translation (fuzzy): the
    id is the segment's identity, so its old translation is the best guess there is.
    """
    key = _key(new)
    if key in exact:
        return exact[key], False
    similar = leftovers.most_similar(new)
    if similar is not None:
        return similar, True
    if new.msgctxt and new.msgctxt in leftovers.by_context:
        return leftovers.by_context[new.msgctxt], True
    return None, False


def merge_catalog(catalog: polib.POFile, template: polib.POFile) -> polib.POFile:
    """``catalog`` updated to ``template`` (a new object; the inputs are not changed)."""
    live = {_key(entry): entry for entry in catalog if not entry.obsolete}
    exact = {**{_key(entry): entry for entry in catalog if entry.obsolete}, **live}
    leftovers = _Leftovers(catalog, {_key(entry) for entry in template})

    merged = polib.POFile(wrapwidth=catalog.wrapwidth)
    merged.header = catalog.header
    merged.metadata_is_fuzzy = catalog.metadata_is_fuzzy
    metadata = dict(catalog.metadata)
    for name in ("Report-Msgid-Bugs-To", "POT-Creation-Date"):  # msgmerge takes these from the template
        if name in template.metadata:
            metadata = {k: v for k, v in metadata.items() if k.lower() != name.lower()}
            metadata[name] = template.metadata[name]
    merged.metadata = gnu_header(metadata)
    used: set[int] = set()  # as msgmerge, one old entry may give its translation to several new ones
    for new in template:
        old, inexact = _find_old(new, exact, leftovers)
        if old is not None:
            used.add(id(old))
        merged.append(_from_template(new, old, force_fuzzy=inexact))

    # What the template no longer has stays, obsolete, in the catalog's order (msgmerge's too);
    # the writer leaves out the untranslated ones.
    for entry in catalog:
        if id(entry) not in used and entry.msgstr:
            dead = copy.copy(entry)
            dead.obsolete = True
            dead.occurrences = []
            dead.comment = ""
            merged.append(dead)
    return merged


def restore_header(catalog: polib.POFile, language: Language) -> None:
    """Fill in the header fields ``update`` owns where another tool blanked or dropped them
    (``Language:`` left empty by an editor); a value someone set is kept."""
    owned = {
        "Language": language.po_code,
        "Plural-Forms": language.plural_forms,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    metadata = dict(catalog.metadata)
    present = {name.lower(): name for name, value in metadata.items() if value.strip()}
    for name, value in owned.items():
        if name.lower() not in present:
            metadata = {k: v for k, v in metadata.items() if k.lower() != name.lower()} | {name: value}
    catalog.metadata = gnu_header(metadata)


def init_catalog(
    template: polib.POFile, language: Language, *, source_language: str, now: datetime, translator: str = ""
) -> polib.POFile:
    """A new catalog for ``language`` (like ``msginit``): headers filled in from CLDR.

    For the story's own source language every entry starts as its source text, as msginit
    does for English, so a copy editor only touches what needs changing.
    """
    catalog = polib.POFile(wrapwidth=79)
    catalog.header = template.header
    catalog.metadata = gnu_header(
        template.metadata
        | {
            "PO-Revision-Date": po_date(now),
            # Left empty rather than msginit's placeholder, which msgfmt --check-header warns about.
            "Last-Translator": translator,
            "Language-Team": language.english_name,
            "Language": language.po_code,
            "Plural-Forms": language.plural_forms,
            "X-Generator": f"newsbilingual {__version__}",
        }
    )
    for new in template:
        entry = _from_template(new, None, force_fuzzy=False)
        if language.tag == source_language:
            entry.msgstr = new.msgid
        catalog.append(entry)
    return catalog
