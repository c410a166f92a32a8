"""Meaning slips around the figures: a rise written as a fall, "more than" as "less than", figures swapped.

The figures may all be right and the sentence still say the opposite: 增长 → 下降, 超过 → 不到,
"the first, 73, and the second, 71" → 71 and 73. A copy editor reads the words that carry a
figure; :func:`meaning_problems` does the same for English and Chinese:

- **direction**: the source speaks of a rise only (rose, up 5%, 增长) and the translation of a
  fall only (fell, 下降), or the reverse; or a figure both texts give is said to go up on one
  side and down on the other (增长18.3% / "fell 18.3%"), whatever else the sentence says;
- **comparison**: a figure said to be more than (more than, over, 超过, 逾, 50多万) against one
  said to be less than (less than, under, nearly, 不到, 不足, 近) on the other side;
- **swapped**: two like figures (same kind and unit, the same word after them) that both texts
  give, each in the other's place while every other figure keeps its place (ages, scores, the
  part and the whole swapped): a warning, see :class:`Problem`.

"About" against "more than" is a warning too.

Units and currencies (a dollar figure written in euros, kilometres in miles) are compared by
:mod:`.figures` itself, as is an ordinal, a half-year or a quarter that changed. Written here
because no library knows these words in both languages; the lists are short and read on real copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .figures import NUMBER, ORDINAL, PERCENT, POINTS, Figure

# Words of a rise and of a fall. "up" and "down" count only before a figure (up 5%), never in
# "set up"; single characters (增, 降) only where they take a figure (增至, 降至).
_UP = re.compile(
    r"(?=[rRiIgGcCjJsShHuUbBeEaApPwWtT增上提攀升涨走大猛飙回反暴越日加抬高更扩])"
    r"\b(?:rose|rise[sn]?|rising|increase[sd]?|increasing|grew|grow(?:s|n|ing)?|growth|climb(?:ed|s|ing)?"
    r"|jump(?:ed|s)?|surge[sd]?|soar(?:ed|s|ing)?|gain(?:ed|s)?|higher|upticks?|raise[sd]?|raising|boost(?:ed|s|ing)?"
    r"|improv(?:e|es|ed|ing)|enhanc(?:e|es|ed|ing)|expand(?:s|ed|ing)?|inflat(?:e|es|ed|ing)"
    r"|add(?:s|ing)?|added(?!\s+that|\s*[,.:\"“”])|(?:pick|edg)(?:e|es|ed|ing|s)?\s+up"
    r"|increasingly|strengthen(?:s|ed|ing)?|broaden(?:s|ed|ing)?|widen(?:s|ed|ing)?|hikes?|upgrad(?:e|es|ed|ing)"
    r"|tighten(?:s|ed|ing)?|intensif(?:y|ies|ied|ying)|up-and-coming"
    r"|up(?=\s+(?:by\s+)?(?:US)?[\d$£€¥]))\b"
    r"|增长|增加|上升|上涨|提高|提升|增幅|涨幅|攀升|增至|升至|涨至|走高|大增|大涨|猛增|增多|上调|走强|暴涨|飙升|回升|反弹"
    r"|越来越(?![少低小差弱])|日益|日渐|增收|增产|增兵|加大|加强|抬头|高于|高出|更高|升势|涨势|高(?=\d)|扩大|加息",
    re.IGNORECASE,
)
_DOWN = re.compile(
    r"(?=[fFdDlLsSpPtTrRwWcCnN下减降跌回萎走大骤锐暴削衰缩放越低更贬])"
    r"\b(?:fell|fall(?:s|en|ing)?|drop(?:ped|s|ping)?|decline[sd]?|declining|decrease[sd]?|decreasing|lower"
    r"|shr[aiu]nk|shrinks?|slump(?:ed|s)?|dip(?:ped|s)?|plunge[sd]?|plunging|tumble[sd]?|slid|slides?|sliding"
    r"|reduce[sd]?|reducing|reductions?|weaken(?:s|ed|ing)?|worsen(?:s|ed|ing)?|cut(?:s|ting)?|lower(?:ed|s|ing)?"
    r"|downgrad(?:e|es|ed|ing)|slow(?:ed|s|ing|down)|narrow(?:s|ed|ing)?|depreciat(?:e|es|ed|ion)"
    r"|down(?=\s+(?:by\s+)?(?:US)?[\d$£€¥]))\b"
    r"|下降|减少|下跌|降低|下滑|回落|跌幅|降幅|减至|降至|跌至|萎缩|走低|大跌|骤降|锐减|暴跌|减低|削减"
    r"|下调|衰退|走弱|缩减|缩小|缩至|放缓|减缓|越来越少|减产|减收|减弱|减排|低于|更低|跌势|贬值|低(?=\d)|降息",
    re.IGNORECASE,
)
# What a figure is said to be, from the words just before it or just after it.
_MORE_BEFORE = re.compile(
    r"(?:\b(?:more\s+than|over|above|exceed(?:s|ed|ing)?|in\s+excess\s+of|upwards\s+of|at\s+least|topp(?:ed|ing)"
    r"|surpass(?:es|ed|ing)?)|(?<!不)超过了?|超|逾|突破了?|至少有?|高于|多于|大于)\s*(?:an?\s+)?(?:[$£€¥]|RMB|US\$)?\s*$",
    re.IGNORECASE,
)
_LESS_BEFORE = re.compile(
    r"(?:\b(?:less\s+than|fewer\s+than|under|below|nearly|almost|close\s+to|just\s+under|up\s+to|at\s+most)"
    r"|不到|不足|不超过|将近|接近|近|低于|少于|小于|未满|最多有?|至多)\s*(?:an?\s+)?(?:[$£€¥]|RMB|US\$)?\s*$",
    re.IGNORECASE,
)
# After the figure, a counter or unit may come first: 70辆以上, 5年以下.
_MORE_AFTER = re.compile(
    r"\s*(?:[\u3400-\u9fff]{0,2}?以上|多|余|plus\b|(?:[a-z]+\s+)?(?:or|and)\s+(?:more|above|over|older|higher)\b)",
    re.IGNORECASE,
)
_LESS_AFTER = re.compile(
    r"\s*(?:[\u3400-\u9fff]{0,2}?(?:以下|以内)|(?:[a-z]+\s+)?(?:or|and)\s+(?:less|fewer|below|under|younger|lower)\b)",
    re.IGNORECASE,
)
# Where a direction word stops governing a figure: a clause break, and how far before the figure
# it may stand (增长了18.3%, "increased by nearly 18.3%", "ended the day up US$2.04").
_CLAUSE_BREAK = re.compile(r"[，,;；。!?！？：:、（()）]|\.\s")
_REACH = {"han": 6, "latin": 20}
_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")
# English names the direction after the figure too: "a 5% drop", "a 2.04-dollar gain".
_WAY_AFTER = re.compile(r"[\s-]+(?:percentage\s+points?\s+|points?\s+)?([a-z]+)", re.IGNORECASE)
_PART_OF = re.compile(r"\s+(?:[\w'’-]+\s+)?of\s+(?:[\w'’-]+\s+){0,2}", re.IGNORECASE)
_WORD_AFTER = re.compile(r"\s*([\u3400-\u9fff]|[^\W\d_\u3400-\u9fff]+|\S)")
MORE = "more than"
LESS = "less than"
ABOUT = "about"


@dataclass(frozen=True)
class Problem:
    """A meaning slip: which check, what to tell the translator, and the spans ``(side, start, end)``.

    ``certain`` is false where the slip is read from weaker evidence: a warning, not an error. So
    are "about" against "more than", and a swap: on the dev real pairs the swap rule flags no
    correct translation, but on the held-out ones it flags about 2.5 pairs per 1,000 (a count,
    the texts unread), which an error would add to the refusals of real copy.
    """

    check: str
    message: str
    spans: tuple[tuple[str, int, int], ...] = ()
    certain: bool = True


def direction(text: str) -> tuple[int, int]:
    """How often ``text`` speaks of a rise, and of a fall."""
    return len(_UP.findall(text)), len(_DOWN.findall(text))


def heading(text: str, figure: Figure) -> str:
    """Which way ``figure`` is said to go in ``text``: ``"up"``, ``"down"`` or ``""``.

    The direction word must govern the figure: the last one before it in its clause, close to it
    (增长18.3%, "increasing by 18.3%", "ended the day up US$2.04"), or in English the word right
    after it ("a 5% drop").
    """
    start = max(0, figure.start - 32)
    breaks = [found.end() for found in _CLAUSE_BREAK.finditer(text, start, figure.start)]
    start = breaks[-1] if breaks else start
    ways = [
        (found.end(), way)
        for way, words in (("up", _UP), ("down", _DOWN))
        for found in words.finditer(text, start, figure.end)
        if found.end() <= figure.start and found.group().lower() != "growth"
    ]
    if ways:
        end, way = max(ways)
        gap = text[end : figure.start]
        if len(gap) <= _REACH["han" if _HAN_CHAR.search(gap + text[end - 1]) else "latin"]:
            return way
    after = _WAY_AFTER.match(text, figure.end)
    if after and after.group(1).lower() not in ("up", "down"):
        if _UP.fullmatch(after.group(1)):
            return "up"
        if _DOWN.fullmatch(after.group(1)):
            return "down"
    return ""


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
    elif turned := next(((s, t) for s, t in pairs if {heading(source, s), heading(target, t)} == {"up", "down"}), None):
        s, t = turned
        said, written = ("a rise", "a fall") if heading(source, s) == "up" else ("a fall", "a rise")
        message = f"the source gives {s.text} as {said}, the translation {t.text} as {written}"
        problems.append(Problem("direction", message, (("source", s.start, s.end), ("target", t.start, t.end))))
    if pairs:
        problems += _comparisons(source, target, pairs)
        problems += _swaps(source, target, pairs)
    return problems


def _swappable(figure: Figure) -> bool:
    """An exact count, amount, share, rank or year: not "about", not 50多 (a range has no place)."""
    return figure.kind in (NUMBER, PERCENT, POINTS, ORDINAL) and not (figure.about or figure.high)


def _next_word(text: str, figure: Figure) -> str:
    """The word after a figure: the next word (years, лет, سنة), or the next Chinese character (岁, 个)."""
    found = _WORD_AFTER.match(text, figure.end)
    return found.group(1).lower() if found else ""


def _comparisons(source: str, target: str, pairs: list[tuple[Figure, Figure]]) -> list[Problem]:
    """More than against less than, and "about" against more than (约5.08万亿 is no 超过5.08万亿).

    "About" against "nearly" (近, almost) is how real translators render each other: not a slip.
    """
    problems = []
    for s, t in pairs:
        said = comparison(source, s) or (ABOUT if s.about else "")
        written = comparison(target, t) or (ABOUT if t.about else "")
        if said and written and said != written and {said, written} != {ABOUT, LESS}:
            message = f"the source says {said} {s.text}, the translation {written} {t.text}"
            spans = (("source", s.start, s.end), ("target", t.start, t.end))
            problems.append(Problem("comparison", message, spans, certain=ABOUT not in (said, written)))
    return problems


def _swaps(source: str, target: str, pairs: list[tuple[Figure, Figure]]) -> list[Problem]:
    """Two like figures, each in the other's place, while every other like figure keeps its place.

    Like figures: same kind and unit, exact (not "about", not 50多), and followed by the same word
    in one of the texts (73岁 … 71岁, "3 goals … 1 goal", "5 points … 4.5 points"): a
    translation that fronts a clause (11个国家的16名代表 for "16 delegates from 11 countries") moves
    figures of different things, one that reorders its clauses moves more than two.
    """
    pairs = [(s, t) for s, t in pairs if _swappable(s) and _swappable(t)]  # in source order
    for first, second in ((a, b) for i, a in enumerate(pairs) for b in pairs[i + 1 :]):
        if first[1].start < second[1].start or not _like(source, target, first, second):
            continue
        group = [pair for pair in pairs if pair in (first, second) or _like(source, target, first, pair)]
        moved = [
            pair
            for place, pair in zip(sorted(group, key=lambda pair: pair[1].start), group, strict=True)
            if place != pair
        ]
        if len(moved) == 2 and not _part_of(source, first[0], second[0]) and not _part_of(target, second[1], first[1]):
            (s1, t1), (s2, t2) = first, second
            message = f"figures swapped: the source gives {s1.text} before {s2.text}, the translation {t2.text} first"
            spans = (("source", s1.start, s2.end), ("target", t2.start, t1.end))
            return [Problem("swapped", message, spans, certain=False)]
    return []


def _part_of(text: str, one: Figure, other: Figure) -> bool:
    """A part and its whole ("three of the nine", "two of these 10"), which Chinese gives whole first (九个中的三个)."""
    return bool(_PART_OF.fullmatch(text, one.end, other.start))


def _counted_as(pair: tuple[Figure, Figure]) -> str:
    """The kind a matched pair counts: "4.5 points" read as percentage points but matched with a
    plain 4.5 (4.5分, a score) counts as a number, like the other scores around it."""
    source, target = pair
    return NUMBER if {source.kind, target.kind} == {NUMBER, POINTS} else source.kind


def _like(source: str, target: str, one: tuple[Figure, Figure], other: tuple[Figure, Figure]) -> bool:
    """Two pairs of figures that count the same kind of thing: same kind and unit, the same word after."""
    (s1, t1), (s2, t2) = one, other
    if _counted_as(one) != _counted_as(other) or (s1.unit or t1.unit) != (s2.unit or t2.unit) or s1.value == s2.value:
        return False
    return _next_word(target, t1) == _next_word(target, t2) or _next_word(source, s1) == _next_word(source, s2)
