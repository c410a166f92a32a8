"""Meaning slips around the figures: a rise written as a fall, "more than" as "less than", figures swapped.

The figures may all be right and the sentence still say the opposite: 增长 → 下降, 超过 → 不到,
"the first, 73, and the second, 71" → 71 and 73. A copy editor reads the words that carry a
figure; :func:`meaning_problems` does the same for English and Chinese:

- **direction**: the source speaks of a rise only (rose, up 5%, 增长) and the translation of a
  fall only (fell, 下降), or the reverse;
- **comparison**: a figure said to be more than (more than, over, 超过, 逾, 50多万) against one
  said to be less than (less than, under, nearly, 不到, 不足, 近) on the other side;
- **swapped**: two figures of the same kind and unit that both texts give, in the opposite order
  when every other figure keeps its order (ages, scores swapped).

Units and currencies (a dollar figure written in euros, kilometres in miles) are compared by
:mod:`.figures` itself, as is an ordinal, a half-year or a quarter that changed. Written here
because no library knows these words in both languages; the lists are short and read on real copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .figures import NUMBER, PERCENT, POINTS, Figure

# Words of a rise and of a fall. "up" and "down" count only before a figure (up 5%), never in
# "set up"; single characters (增, 降) only where they take a figure (增至, 降至).
_UP = re.compile(
    r"(?=[rRiIgGcCjJsShHuUbBeEaApP增上提攀升涨走大猛])"
    r"\b(?:rose|rise[sn]?|rising|increase[sd]?|increasing|grew|grow(?:s|n|ing)?|growth|climb(?:ed|s|ing)?"
    r"|jump(?:ed|s)?|surge[sd]?|soar(?:ed|s|ing)?|gain(?:ed|s)?|higher|upticks?|raise[sd]?|raising|boost(?:ed|s|ing)?"
    r"|improv(?:e|es|ed|ing)|enhanc(?:e|es|ed|ing)|expand(?:s|ed|ing)?|inflat(?:e|es|ed|ing)"
    r"|add(?:s|ing)?|added(?!\s+that|\s*[,.:\"“”])|(?:pick|edg)(?:e|es|ed|ing|s)?\s+up"
    r"|up(?=\s+(?:by\s+)?(?:US)?[\d$£€¥]))\b"
    r"|增长|增加|上升|上涨|提高|提升|增幅|涨幅|攀升|增至|升至|涨至|走高|大增|大涨|猛增|增多",
    re.IGNORECASE,
)
_DOWN = re.compile(
    r"(?=[fFdDlLsSpPtTrRwWcC下减降跌回萎走大骤锐暴削])"
    r"\b(?:fell|fall(?:s|en|ing)?|drop(?:ped|s|ping)?|decline[sd]?|declining|decrease[sd]?|decreasing|lower"
    r"|shr[aiu]nk|shrinks?|slump(?:ed|s)?|dip(?:ped|s)?|plunge[sd]?|plunging|tumble[sd]?|slid|slides?|sliding"
    r"|reduce[sd]?|reducing|reductions?|weaken(?:s|ed|ing)?|worsen(?:s|ed|ing)?|cut(?:s|ting)?|lower(?:ed|s|ing)?"
    r"|down(?=\s+(?:by\s+)?(?:US)?[\d$£€¥]))\b"
    r"|下降|减少|下跌|降低|下滑|回落|跌幅|降幅|减至|降至|跌至|萎缩|走低|大跌|骤降|锐减|暴跌|减低|削减",
    re.IGNORECASE,
)
# What a figure is said to be, from the words just before it or just after it.
_MORE_BEFORE = re.compile(
    r"(?:\b(?:more\s+than|over|above|exceed(?:s|ed|ing)?|in\s+excess\s+of|upwards\s+of|at\s+least)"
    r"|(?<!不)超过|超|逾|高于|多于|大于)\s*(?:[$£€¥]|RMB|US\$)?\s*$",
    re.IGNORECASE,
)
_LESS_BEFORE = re.compile(
    r"(?:\b(?:less\s+than|fewer\s+than|under|below|nearly|almost|close\s+to|just\s+under|up\s+to)"
    r"|不到|不足|不超过|将近|接近|近|低于|少于|小于|未满)\s*(?:[$£€¥]|RMB|US\$)?\s*$",
    re.IGNORECASE,
)
_MORE_AFTER = re.compile(r"\s*(?:以上|多|余|plus\b|or\s+more\b)", re.IGNORECASE)
_LESS_AFTER = re.compile(r"\s*(?:以下|以内|or\s+(?:less|fewer)\b)", re.IGNORECASE)
_WORD_AFTER = re.compile(r"\s*([A-Za-z]+|[^\sA-Za-z])")
MORE = "more than"
LESS = "less than"


@dataclass(frozen=True)
class Problem:
    """A meaning slip: which check, what to tell the translator, and the spans ``(side, start, end)``."""

    check: str
    message: str
    spans: tuple[tuple[str, int, int], ...] = ()


def direction(text: str) -> tuple[int, int]:
    """How often ``text`` speaks of a rise, and of a fall."""
    return len(_UP.findall(text)), len(_DOWN.findall(text))


def comparison(text: str, figure: Figure) -> str:
    """What ``figure`` is said to be in ``text``: :data:`MORE`, :data:`LESS` or ``""``."""
    before = text[max(0, figure.start - 24) : figure.start]
    if _LESS_BEFORE.search(before) or _LESS_AFTER.match(text, figure.end):
        return LESS
    if _MORE_BEFORE.search(before) or _MORE_AFTER.match(text, figure.end) or figure.high is not None:
        return MORE
    return ""


def meaning_problems(source: str, target: str, pairs: list[tuple[Figure, Figure]]) -> list[Problem]:
    """The meaning slips of a translation, given the figures both texts share (:func:`~.figures.match_read`)."""
    problems: list[Problem] = []
    up, down = direction(source)
    t_up, t_down = direction(target)
    if (t_up < up and t_down > down) or (t_down < down and t_up > up):  # a rise became a fall, or back
        said, written = ("a rise", "a fall") if t_down > down else ("a fall", "a rise")
        slip = (_DOWN if t_down > down else _UP).search(target)
        spans = (("target", slip.start(), slip.end()),) if slip else ()
        problems.append(Problem("direction", f"the source speaks of {said}, the translation of {written}", spans))
    if pairs:
        problems += _comparisons(source, target, pairs)
        problems += _swaps(source, target, pairs)
    return problems


def _swappable(figure: Figure) -> bool:
    value = figure.value
    if isinstance(value, tuple):  # a date, half or quarter: not a number
        return False
    year = figure.kind == NUMBER and not figure.unit and value == int(value) and 1000 <= value < 3000
    return figure.kind in (NUMBER, PERCENT, POINTS) and not (figure.soft or figure.about or figure.high or year)


def _next_word(text: str, figure: Figure) -> str:
    """The word after a figure: the next English word, or the next Chinese character (岁, 个)."""
    found = _WORD_AFTER.match(text, figure.end)
    return found.group(1).lower() if found else ""


def _comparisons(source: str, target: str, pairs: list[tuple[Figure, Figure]]) -> list[Problem]:
    problems = []
    for s, t in pairs:
        said, written = comparison(source, s), comparison(target, t)
        if said and written and said != written:
            message = f"the source says {said} {s.text}, the translation {written} {t.text}"
            problems.append(Problem("comparison", message, (("source", s.start, s.end), ("target", t.start, t.end))))
    return problems


def _swaps(source: str, target: str, pairs: list[tuple[Figure, Figure]]) -> list[Problem]:
    """Two like figures in the opposite order, when every other pair keeps its order.

    Like figures: same kind and unit, exact (not "about", not 50多), not years, and followed by the
    same word in each text (73岁 … 71岁, "3 goals … 1 goal"): a translation that fronts a clause
    (11个国家的16名代表 for "16 delegates from 11 countries") moves figures of different things.
    """
    pairs = [(s, t) for s, t in pairs if _swappable(s) and _swappable(t)]
    crossed = [
        (a, b)
        for i, a in enumerate(pairs)
        for b in pairs[i + 1 :]
        if (a[0].start < b[0].start) != (a[1].start < b[1].start)
    ]
    if len(crossed) != 1:
        return []  # none, or the translation reorders its clauses: not a swap one can point at
    (s1, t1), (s2, t2) = crossed[0]
    if s1.kind != s2.kind or (s1.unit or t1.unit) != (s2.unit or t2.unit) or s1.value == s2.value:
        return []
    if _next_word(target, t1) != _next_word(target, t2) and _next_word(source, s1) != _next_word(source, s2):
        return []
    message = f"figures swapped: the source gives {s1.text} before {s2.text}, the translation {t2.text} first"
    return [Problem("swapped", message, (("source", s1.start, s2.end), ("target", t2.start, t1.end)))]
