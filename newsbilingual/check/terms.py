"""Names and terms: a source naming a term needs the term's form in the translation.

The terms come from the termbase and from the story itself (the catalog entries of its
people, organisations and places: ``article/person/liu-chao/name`` "Liu Chao" → 刘超).
Latin letters left in a Chinese translation are a warning when they spell a personal name
(or any name the termbase keeps in Latin without saying who verified it). A catalog takes the
termbase forms of its own language, else of the more general tag (zh-Hant-TW, then zh-Hant:
:meth:`Term.forms_for`); Simplified forms never stand in for Traditional ones.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..story.languages import get_language
from .termbase import Term, Termbase, TermForm

# Catalog contexts whose text is a name: article/person/<id>/name, .../byline/<id>/name, places.
NAME_CONTEXT = re.compile(r"^[a-z][a-z-]*/(?:(?P<kind>person|organisation|byline)/[^/]+/name|dateline/place|located)$")
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’.-]*(?:[ -][A-Za-z][A-Za-z'’.-]*)*")
# Pinyin surnames, to tell "Lu Lida" (a name kept in pinyin) from "CNC" or "Air Liquide".
_SURNAMES = frozenset(
    (  # noqa: SIM905 (a word list reads better as words)
        "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie Song Tang "
        "Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Jin "
        "Fu Xia Fang Zhong Chang Tan Jia Zou Shi Xiong Meng Qin Yan Xue Hou Lei Bai Long Duan Hao Kong Shao Mao Wan Gu "
        "Lai Qiu Qian Dai Mo Kang Shu Niu Tao Ou Qi Hong Yin Cui Ji Wen Zhan Yi Xing Lan"
    ).split()
)
_LATIN = re.compile("[A-Za-z]")
# A letter or digit of an alphabetic script: word characters but "_" and CJK (kana, Han, Hangul).
_WORD = r"[^\W_\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]"
_WORD_RUN = re.compile(f"{_WORD}+")
_PINYIN_WORD = re.compile(r"^[A-Z][a-z]{1,11}$")


@dataclass(frozen=True)
class StoryName:
    """A name the story's catalog translates: its entry's source and target text."""

    kind: str
    source: str
    target: str
    context: str


@dataclass(frozen=True)
class Missing:
    """A term named in the source whose target form the translation lacks."""

    term: Term
    source_text: str
    start: int
    end: int
    expected: tuple[str, ...]


class TermIndex:
    """The terms of a termbase (and a story) between two languages, found with one regular expression.

    A term's names (its forms that are not derived, :attr:`TermForm.derived`) are looked for in
    the source; any of its forms in the target language, derived ones included, satisfies it.
    A story's index extends the termbase's (``base``, built once per termbase and language pair:
    20,000 terms make a long expression): a name both have is the termbase's.
    """

    def __init__(
        self, terms: Iterable[Term], source_language: str, target_language: str, base: TermIndex | None = None
    ) -> None:
        self.source_language = get_language(source_language).tag
        self.target_language = get_language(target_language).tag
        self.base = base
        self.targets: dict[str, tuple[Term, tuple[str, ...], tuple[str, ...]]] = {}
        self.kept_latin: dict[str, tuple[Term, TermForm]] = dict(base.kept_latin) if base else {}
        self.people: set[str] = set(base.people) if base else set()
        # Source name → the target forms the termbase gives it (for a story name translated otherwise).
        self.by_source: dict[str, list[str]] = {}
        known = base.targets if base else {}
        for term in terms:
            target_forms = term.forms_for(self.target_language)
            accepted = tuple(form.text for form in target_forms)
            targets = tuple(form.text for form in target_forms if not form.derived)
            for form in term.forms_for(self.source_language):
                if not form.derived:
                    self.by_source.setdefault(form.text, []).extend(target.text for target in target_forms)
                if targets and not form.derived:
                    key = form.text.lower() if term.kind == "term" else form.text
                    if key not in known:
                        self.targets.setdefault(key, (term, targets, accepted))
                if term.kind == "person" and not form.derived:
                    self.people.add(form.text)
            for form in target_forms:
                if form.latin and not form.derived:
                    self.kept_latin[form.text] = (term, form)
        # Names are found by looking up stretches of the source in sets, not with one expression of
        # alternatives: Python's re tries every alternative at every position (20,000 names: minutes).
        lowered = [name.lower() for name in self.targets]
        self._words = {name for name in lowered if _LATIN.search(name)}  # whole words: "China", not "Chinas"
        self._anywhere = {name for name in lowered if not _LATIN.search(name)}  # 中国 inside 中国人
        self._most_words = max((len(_WORD_RUN.findall(name)) for name in self._words), default=0)
        self._lengths = sorted({len(name) for name in self._anywhere}, reverse=True)
        self._firsts = {name[0] for name in self._anywhere}

    def _found(self, text: str) -> list[tuple[int, int]]:
        """Where names of this index stand in ``text``: the longest at each place, left to right."""
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter whose lower case is longer (İ): keep offsets
            lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
        found = []
        words = [match.span() for match in _WORD_RUN.finditer(text)] if self._words else []
        index = 0
        while index < len(words):
            for last in range(min(index + self._most_words, len(words)) - 1, index - 1, -1):
                start, end = words[index][0], words[last][1]
                candidate = lowered[start:end]
                if candidate in self._words or (
                    candidate[-1] == "s" and any(word in self._words for word in _singulars(candidate))
                ):
                    found.append((start, end))
                    index = last
                    break
            index += 1
        position = 0
        while position < len(text) and self._anywhere:
            if lowered[position] in self._firsts:
                for length in self._lengths:
                    if lowered[position : position + length] in self._anywhere:
                        found.append((position, position + length))
                        position += length - 1
                        break
            position += 1
        return sorted(found)

    def missing(self, source: str, target: str) -> list[Missing]:
        """Terms named in ``source`` with none of their target forms in ``target``."""
        found = self.base.missing(source, target) if self.base else []
        for start, end in self._found(source):
            text = source[start:end]
            hit = self._lookup(text)
            if hit is None:
                continue
            term, forms, accepted = hit
            if term.kind == "place" and _inside_longer_name(source, start, end):
                continue
            if not _accepted_pattern(accepted).search(target):
                found.append(Missing(term, text, start, end, forms))
        return found

    def conflicts(self, names: Iterable[StoryName]) -> list[tuple[StoryName, str]]:
        """Story names translated otherwise than this index's termbase has them: (name, termbase forms)."""
        found = []
        for name in names:
            forms = self.by_source.get(name.source)
            if forms and name.target not in forms:
                found.append((name, " / ".join(forms)))
        return found

    def _lookup(self, text: str) -> tuple[Term, tuple[str, ...], tuple[str, ...]] | None:
        for candidate in (text, *_singulars(text)):
            if candidate in self.targets:
                return self.targets[candidate]
            hit = self.targets.get(candidate.lower())
            if hit is not None and hit[0].kind == "term":
                return hit
        return None

    def latin_names(self, target: str) -> list[tuple[int, int, str]]:
        """Latin-script names left in a Chinese ``target``: (start, end, message) for each."""
        found = []
        for match in _LATIN_RUN.finditer(target):
            text = match.group().rstrip(".-’'")
            kept = self.kept_latin.get(text)
            if kept is not None:
                term, form = kept
                if form.verified:
                    continue
                why = f": {form.note}" if form.note else ""
                message = f"{term.kind} name {text!r} kept in Latin letters, unverified in the termbase{why}"
            elif text in self.people or looks_like_pinyin_name(text):
                message = f"personal name {text!r} left in Latin letters in Chinese text, and not in the termbase"
            else:
                continue
            found.append((match.start(), match.start() + len(text), message))
        return found


def _as_pattern(name: str) -> str:
    """A Latin name matches as whole words (a term also in its plural: high-tech services); Chinese anywhere.

    A hyphen ends a word: "Obama-era" names Obama, "China-Russia" names China; so does a CJK
    character (a Latin name inside Chinese text).
    """
    if not _LATIN.search(name):
        return re.escape(name)
    return rf"(?<!{_WORD}){re.escape(name)}(?:e?s)?(?!{_WORD})"


def _singulars(text: str) -> tuple[str, ...]:
    """What a word in the plural may be the plural of: high-tech services, taxes."""
    return tuple(text[: -len(ending)] for ending in ("s", "es") if text.endswith(ending))


@lru_cache(maxsize=4096)
def _accepted_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``forms`` in a translation: Latin ones as whole words ("Xi", not the Xi of "Xinhua")."""
    alternatives = "|".join(_as_pattern(form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(alternatives or "(?!)", re.IGNORECASE)


# A capitalised word after a place name, a compass word or "<Name> of" before it: the place is part of
# a longer name ("China Securities Regulatory Commission" 证监会, "South China" 华南, "National Ballet
# of China" 中央芭蕾舞团) whose translation is its own.
_NAME_GOES_ON = re.compile(r"[ -](?:[A-Z][a-z]*[A-Za-z]|[A-Z])\b")
_NAME_BEGAN = re.compile(
    r"(?:\b(?:(?:North|South|East|West)(?:ern)?|Central|Mainland|(?:North|South)(?:east|west)(?:ern)?)[ -]"
    r"|[A-Z][\w'’]* of (?:the )?)$"
)


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """``text[start:end]``, a Latin place name, is a word of a longer proper name."""
    if not _LATIN.search(text[start:end]):
        return False
    return bool(_NAME_GOES_ON.match(text, end) or _NAME_BEGAN.search(text, 0, start))


def looks_like_pinyin_name(text: str) -> bool:
    """ "He Maohua", "Lu Lida": a pinyin surname and a given name of capitalised words."""
    words = text.split()
    return 2 <= len(words) <= 3 and words[0] in _SURNAMES and all(_PINYIN_WORD.match(word) for word in words)


def story_terms(names: Iterable[StoryName], source_language: str, target_language: str) -> list[Term]:
    """The story's own names as terms (translated, non-fuzzy entries only)."""
    terms = []
    for name in names:
        kind = {"byline": "person", "person": "person", "organisation": "organisation"}.get(name.kind, "place")
        forms = (
            TermForm(get_language(source_language).tag, name.source),
            TermForm(get_language(target_language).tag, name.target),
        )
        terms.append(Term(f"story:{name.context}", kind, forms))
    return terms


def termbase_index(
    termbase: Termbase, source_language: str, target_language: str, provider: Collection[str] = ()
) -> TermIndex:
    """The index of the terms of ``termbase`` that apply to ``provider``: built once per termbase and pair."""
    key = (get_language(source_language).tag, get_language(target_language).tag, frozenset(provider))
    index = termbase.indexes.get(key)
    if not isinstance(index, TermIndex):
        terms = [term for term in termbase.terms if term.applies_to(provider)]
        index = termbase.indexes[key] = TermIndex(terms, source_language, target_language)
    return index
