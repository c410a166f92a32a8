"""Small numbers written as words in the languages a desk publishes besides English and Chinese.

"Four key points" is a figure a translation must keep; in French it is *quatre*, in Korean
*네 가지*, in Japanese 四つ. CLDR has number spell-out rules, but Babel does not ship them, so
these short tables (two to ten, the forms news copy uses) are written here. Words for one are
left out, as they are for English and Chinese: *un*, *ein*, 한 are articles as often as numbers.
A word is read only where it counts something: Korean native numbers before a counter (네 가지,
not 네 "yes"), Japanese ones with the counter つ.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_WORDS: dict[str, dict[str, int]] = {
    "fr": {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10},
    "de": {
        **{"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10},
        **{"zweimal": 2, "dreimal": 3, "viermal": 4, "fünfmal": 5},
    },
    "ru": {
        **dict.fromkeys(("два", "две", "двух", "двум", "двумя", "дважды"), 2),
        **dict.fromkeys(("три", "трёх", "трех", "трём", "трем", "тремя", "трижды"), 3),
        **dict.fromkeys(("четыре", "четырёх", "четырех", "четырём", "четырем", "четырьмя"), 4),
        **dict.fromkeys(("пять", "пяти", "пятью"), 5),
        **dict.fromkeys(("шесть", "шести"), 6),
        **dict.fromkeys(("семь", "семи"), 7),
        **dict.fromkeys(("восемь", "восьми"), 8),
        **dict.fromkeys(("девять", "девяти"), 9),
        **dict.fromkeys(("десять", "десяти"), 10),
    },
    "ar": {
        **dict.fromkeys(("اثنان", "اثنين", "اثنتان", "اثنتين", "مرتين"), 2),
        **dict.fromkeys(("ثلاث", "ثلاثة"), 3),
        **dict.fromkeys(("أربع", "أربعة"), 4),
        **dict.fromkeys(("خمس", "خمسة"), 5),
        **dict.fromkeys(("ست", "ستة"), 6),
        **dict.fromkeys(("سبع", "سبعة"), 7),
        **dict.fromkeys(("ثماني", "ثمانية"), 8),
        **dict.fromkeys(("تسع", "تسعة"), 9),
        **dict.fromkeys(("عشر", "عشرة"), 10),
    },
    # Native Korean numbers before a counter; 일곱 (7) is left out: 일 is also the day counter.
    "ko": {"두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "여덟": 8, "아홉": 9, "열": 10},
    "ja": {"二つ": 2, "三つ": 3, "四つ": 4, "五つ": 5, "六つ": 6, "七つ": 7, "八つ": 8, "九つ": 9},
}
# Arabic writes "and", "by", "to" and "the" onto the word: وأربعة, بخمسة, الثلاثة.
_ARABIC_PREFIX = r"(?:و|ف|ب|ل|وب|ول)?(?:ال)?"
_KOREAN_COUNTER = r"(?=\s*(?:가지|개|명|곳|번|차례|건|사람|군데|해|달|주|시간|년)(?![가-힣]))"


def _pattern(language: str, words: dict[str, int]) -> re.Pattern[str]:
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    if language == "ar":
        return re.compile(rf"(?<!\w){_ARABIC_PREFIX}({alternatives})(?!\w)")
    if language == "ko":
        return re.compile(rf"(?<![가-힣])({alternatives}){_KOREAN_COUNTER}")
    if language == "ja":
        return re.compile(f"({alternatives})")
    return re.compile(rf"(?<!\w)({alternatives})(?!\w)", re.IGNORECASE)


_PATTERNS = {language: _pattern(language, words) for language, words in _WORDS.items()}


def number_words(text: str, language: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, value) of every number word of ``language`` (a BCP 47 tag) in ``text``."""
    base = language.replace("_", "-").split("-")[0].lower()
    pattern = _PATTERNS.get(base)
    if pattern is None:
        return
    words = _WORDS[base]
    for match in pattern.finditer(text):
        yield match.start(1), match.end(1), words[match.group(1).lower()]
