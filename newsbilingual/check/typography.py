"""The typography of a translation, by the script its language is written in: punctuation, spaces, pairs, ends.

Each rule gives a :class:`Problem` with the span of the offending characters. Every language is
checked as itself: the script it is written in comes from CLDR (Babel's likely subtags: ja →
Jpan, ko → Kore, yue → Hant, ru → Cyrl). Text in Chinese characters alone (zh in any script,
yue) takes full-width punctuation between Chinese characters (，。：；？！、“”‘’《》（）, and
「」『』, the quotes of Taiwan and Hong Kong), no ASCII punctuation next to a Chinese character
and no space between two Chinese characters. Text in any other script takes no Chinese
punctuation (Japanese, which uses it, excepted) and no letters of a script its language is not
written in (漢字 in English or French; not in Japanese or Korean; Latin letters, names and
brands, anywhere). All keep ASCII digits; quotes and brackets come in pairs
(unless the source leaves them open too: a quote over several paragraphs); a translation ends its sentence the way
its source does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from babel import Locale
from babel.core import get_global

from ..story.languages import get_language

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "，。：；？！、“”‘’《》（）【】「」『』…—"
_ASCII_NEXT_TO_HAN = re.compile(rf'(?<=[{HAN}])\s*[,.;:?!()"]|[,.;:?!()"]\s*(?=[{HAN}])')
_SPACE_BETWEEN_HAN = re.compile(rf"(?<=[{HAN}{_CJK_PUNCT}])[ \t\u3000]+(?=[{HAN}{_CJK_PUNCT}])")
# CJK punctuation and the full-width forms of ASCII punctuation (not the full-width digits: a rule of their own).
_CHINESE_PUNCT_IN_ENGLISH = re.compile(
    r"[，。：；？！、《》（）【】「」『』\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e]"
)
_FULL_WIDTH_DIGIT = re.compile(r"[０-９]+")
_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "【": "】", "「": "」", "『": "』", "(": ")"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_QUOTES = '“”‘’「」『』"«»„'
_ENDS = {".": "period", "。": "period", "．": "period", "?": "question", "？": "question", "!": "exclamation"}
_ENDS |= {"！": "exclamation", "…": "ellipsis", ":": "colon", "：": "colon", ";": "semicolon", "；": "semicolon"}
_ENDS |= {"؟": "question", "।": "period", "։": "period"}  # Arabic, Devanagari, Armenian
_END_NAMES = {"period": "a full stop", "question": "a question mark", "exclamation": "an exclamation mark"}
_END_NAMES |= {"ellipsis": "an ellipsis", "colon": "a colon", "semicolon": "a semicolon", "none": "no end mark"}
# Closing quotes: English ”’, German “‘ (it opens with „‚), French and Russian », Swiss ›.
_TRAILING = re.compile(r"""[\s"'”’“‘»›）)》」』】\]]+$""")


@dataclass(frozen=True)
class Problem:
    """A typography problem: what is wrong and ``target[start:end]`` (source span if given)."""

    message: str
    start: int
    end: int
    source_span: tuple[int, int] | None = None


# The letters of an ISO 15924 script, by the first word of their Unicode names, where it is not the
# script's English name: the scripts CLDR gives Chinese, Japanese and Korean combine several.
_SCRIPT_LETTERS = {
    "Hans": {"CJK", "IDEOGRAPHIC"},
    "Hant": {"CJK", "IDEOGRAPHIC"},
    "Hani": {"CJK", "IDEOGRAPHIC"},
    "Jpan": {"CJK", "IDEOGRAPHIC", "HIRAGANA", "KATAKANA"},
    "Kore": {"HANGUL", "CJK", "IDEOGRAPHIC"},
    "Beng": {"BENGALI"},
    "Orya": {"ORIYA"},
}
_SCRIPT_NAMES = {"CJK": "Chinese", "HIRAGANA": "Japanese", "KATAKANA": "Japanese", "HANGUL": "Korean"}


@cache
def writing_script(language: str) -> str:
    """The ISO 15924 code of the script ``language`` is written in, from CLDR: ja → Jpan, yue → Hant."""
    locale = Locale.parse(get_language(language).babel_locale)
    if locale.script:
        return locale.script
    likely = get_global("likely_subtags")
    found = likely.get(f"{locale.language}_{locale.territory}") or likely.get(locale.language, "")
    parts = found.split("_")
    return parts[1] if len(parts) > 1 and len(parts[1]) == 4 else "Latn"


@cache
def _letters_of(script: str) -> frozenset[str]:
    """The Unicode-name words of the letters of ``script`` (Latin ones always allowed besides)."""
    english = Locale("en").scripts.get(script, script)
    return frozenset(_SCRIPT_LETTERS.get(script, {english.upper()}) | {"LATIN"})


def _letter_script(char: str) -> str:
    """The first word of the character's Unicode name: LATIN, CJK, HANGUL ('KATAKANA-HIRAGANA' is KATAKANA)."""
    return unicodedata.name(char, "").split(" ", 1)[0].split("-", 1)[0]


def is_chinese(language: str) -> bool:
    """Written in Chinese characters alone: zh in either script, yue (Cantonese), and so on."""
    return writing_script(language) in ("Hans", "Hant", "Hani")


def typography_problems(source: str, target: str, language: str) -> list[Problem]:
    """Every typography problem of ``target``, a translation into ``language`` of ``source``."""
    problems: list[Problem] = []
    script = writing_script(language)
    if is_chinese(language):
        for match in _ASCII_NEXT_TO_HAN.finditer(target):
            mark = match.group().strip()
            problems.append(
                Problem(f"ASCII {mark!r} next to a Chinese character: use full-width punctuation", *match.span())
            )
        for match in _SPACE_BETWEEN_HAN.finditer(target):
            problems.append(Problem("space between two Chinese characters", *match.span()))
        problems += _unbalanced(target, "“‘《（【「『", _loose_ends(source))
    else:
        name = Locale.parse(get_language(language).babel_locale).get_display_name("en") or language
        if script != "Jpan":
            for match in _CHINESE_PUNCT_IN_ENGLISH.finditer(target):
                problems.append(Problem(f"Chinese punctuation {match.group()!r} in {name} text", *match.span()))
        problems += _foreign_letters(target, _letters_of(script), name)
        problems += _unbalanced(target, "(「『（" if script == "Jpan" else "(", _loose_ends(source))
    for match in _FULL_WIDTH_DIGIT.finditer(target):
        problems.append(Problem(f"full-width digits {match.group()!r}: numbers keep ASCII digits", *match.span()))
    problems += _sentence_end(source, target)
    return problems


def _foreign_letters(text: str, allowed: frozenset[str], language_name: str) -> list[Problem]:
    """Runs of letters of a script ``language_name`` is not written in (漢字 left in English text)."""
    problems = []
    start = None
    for index, char in enumerate([*text, " "]):
        foreign = char.isalpha() and _letter_script(char) not in allowed
        if foreign and start is None:
            start = index
        elif not foreign and start is not None:
            run = text[start:index]
            kind = _SCRIPT_NAMES.get(_letter_script(run[0]), _letter_script(run[0]).title())
            problems.append(Problem(f"{kind} characters {run!r} left in {language_name} text", start, index))
            start = None
    return problems


def _unbalanced(text: str, openers: str, excused: set[tuple[str, str]]) -> list[Problem]:
    """Quotes and brackets without their partner (a ‘ or ’ between letters is an apostrophe).

    ``excused`` holds the loose ends the source has too, as ("quote" or "bracket", "open" or
    "close"): a quote that runs over several paragraphs leaves each segment open, and the
    translation of such a segment may too.
    """
    stack: list[tuple[str, int]] = []
    problems = []
    for index, char in enumerate(text):
        if char in ("‘", "’") and _between_letters(text, index):
            continue
        if char in openers:
            stack.append((char, index))
        elif char in _CLOSERS and _CLOSERS[char] in openers:
            if stack and stack[-1][0] == _CLOSERS[char]:
                stack.pop()
            elif (_kind(char), "close") not in excused:
                problems.append(Problem(f"closing {char!r} without its opening {_CLOSERS[char]!r}", index, index + 1))
    for char, index in stack:
        if (_kind(char), "open") not in excused:
            problems.append(Problem(f"opening {char!r} is never closed", index, index + 1))
    return problems


def _kind(char: str) -> str:
    return "quote" if char in _QUOTES else "bracket"


def _loose_ends(text: str) -> set[tuple[str, str]]:
    """The quotes and brackets ``text`` leaves open or closes without opening, by kind.

    A straight " has no direction: an odd number of them may be either loose end.
    """
    ends: set[tuple[str, str]] = set()
    stack: list[str] = []
    for index, char in enumerate(text):
        if char in ("‘", "’") and _between_letters(text, index):
            continue
        if char in _PAIRS:
            stack.append(char)
        elif char in _CLOSERS:
            if stack and stack[-1] == _CLOSERS[char]:
                stack.pop()
            else:
                ends.add((_kind(char), "close"))
    ends |= {(_kind(char), "open") for char in stack}
    if text.count('"') % 2:
        ends |= {("quote", "open"), ("quote", "close")}
    return ends


def _between_letters(text: str, index: int) -> bool:
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return before.isascii() and before.isalpha() and after.isascii() and after.isalpha()


def _end_mark(text: str) -> tuple[str, int]:
    """How a text ends (period, question, ... or "none") and where that mark is."""
    stripped = _TRAILING.sub("", text)
    if stripped.endswith("...") or stripped.endswith("……"):
        return "ellipsis", len(stripped) - 1
    if stripped and stripped[-1] in _ENDS:
        return _ENDS[stripped[-1]], len(stripped) - 1
    return "none", len(stripped)


def _sentence_end(source: str, target: str) -> list[Problem]:
    source_end, source_at = _end_mark(source)
    target_end, target_at = _end_mark(target)
    if source_end == target_end:
        return []
    if {source_end, target_end} <= {"period", "none"} and max(len(source), len(target)) < 40:
        return []  # a short label may drop or add a full stop (a credit line, a keyword)
    span = (target_at, min(target_at + 1, len(target))) if target_end != "none" else (max(target_at - 1, 0), target_at)
    return [
        Problem(
            f"the source ends with {_END_NAMES[source_end]}, the translation with {_END_NAMES[target_end]}",
            *span,
            source_span=(source_at, min(source_at + 1, len(source))),
        )
    ]
