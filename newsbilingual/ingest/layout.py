"""Recognising the structure of a story in plain text, as newspapers lay it out.

The accepted layout (docs/plain-text-layout.md) is one paragraph per line, blank lines
optional, in this order:

- the headline (the first non-empty line);
- optionally a photo caption with its credit in parentheses, ``Site of the project (provided
  by high-tech zone)`` / ``图为项目建设现场。（高新区供图）``;
- optionally ``□ Name`` lines: the author of a signed feature;
- the first paragraph, opening with the dateline: ``(Mianyang News) ...``, ``本报讯（记者
  张三）...``, ``本报绵阳12月22日讯 ...``, ``新华社北京12月22日电 ...``, ``绵阳讯（记者
  张三）...``;
- the body, the last paragraph ending with the reporter's byline in parentheses,
  ``... (Deng Xuelin, all media reporter from Mianyang Daily)`` / ``……（记者 张三）``;
- optionally a second piece, the commentary: its headline, a ``□Name`` line, its paragraphs.

Chinese paragraphs may be indented with full-width spaces (``　　``); ASCII and full-width
parentheses are both accepted whatever the language. The recogniser drops no text but an end
mark ``（完）`` and, with a warning, an editor's credit ``（责任编辑：李四）`` or a byline that
names nobody; it never guesses silently: each judgement it is unsure of becomes an
:class:`IngestWarning` naming the line. It knows nothing of dates, guids or the story model's
headers: :mod:`newsbilingual.ingest.build` builds the story from the :class:`Layout` returned here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..errors import ModelError, NewsbilingualError
from ..story.languages import get_language
from ..story.model import Byline, slug

#: Characters stripped around a line: ASCII blanks and the full-width space of Chinese indents.
BLANKS = " \t\u3000\ufeff"
# ... and every other Unicode space (a line of no-break spaces is a blank line, not a headline).
_LINE_BLANKS = BLANKS + "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace())
#: Line marks of an author line (``□Fang Fayong``), and the mark's GBK damage, recognised even
#: when repair is off so that the structure does not depend on the repair.
AUTHOR_MARKS = ("□", "¡õ")
#: A headline longer than this is probably not a headline: reported, not refused.
LONG_HEADLINE = 200
#: A caption that has no credit words is taken as one (with a warning) only up to this length.
SHORT_CAPTION = 160
#: How many lines after the headline may hold a caption and author lines before the first paragraph.
FRONT_LINES = 3

_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_EN_OPENER_RE = re.compile(r"\((?P<label>[A-Z][A-Za-z .'&-]{0,48})\)[ \t\u3000]*")
_ZH_DATE = r"(?:(?P<month>\d{1,2})月(?P<day>\d{1,2})日)?(?P<kind>讯|电)[ \t\u3000]*"
_ZH_OPENER_RE = re.compile(
    r"(?P<org>本报|新华社|中新社)(?P<place>[\u4e00-\u9fff]{1,6}?)?"
    + _ZH_DATE
    + r"(?:[（(](?P<byline>[^（）()\n]{1,60})[）)][ \t\u3000]*)?"
)
# A local paper's opener without the paper: 绵阳讯（记者 邓雪林）; only with a byline after it.
_ZH_PLACE_OPENER_RE = re.compile(
    r"(?P<place>[\u4e00-\u9fff]{2,6}?)" + _ZH_DATE + r"[（(](?P<byline>[^（）()\n]{1,60})[）)][ \t\u3000]*"
)
_CREDIT_WORDS_RE = re.compile(r"photo|picture|provided|courtesy|\bby\b|摄|供图|图片|图源", re.IGNORECASE)
_BYLINE_WORDS_RE = re.compile(
    r"reporter|correspondent|writer|editor|staff|记者|通讯员|实习生|评论员|编辑|撰稿", re.IGNORECASE
)
_SENTENCE_END = ".!?。！？…\"'”’」』"
_END_MARKS = frozenset({"完", "end", "END", "End"})
# Split on the roles of a Chinese byline, keeping them (and dropping a colon after them):
# 记者 张三 通讯员 王五, 新华社记者 张三, 责任编辑：李四.
_ZH_ROLE_SPLIT_RE = re.compile(
    r"((?:(?:本报|新华社|中新社|人民日报)[ \t\u3000]*)?(?:全媒体|融媒体|见习|特约|首席|摄影)?记者"
    r"|(?:本报|特约)?评论员|通讯员|实习生|责任编辑|值班编辑|责编|编辑|撰稿)[ \t\u3000]*[：:]?"
)
# Roles that credit an editor: not an author of the piece.
_ZH_EDITOR_ROLES = frozenset({"责任编辑", "值班编辑", "责编", "编辑"})
_ZH_NAME_SPLIT_RE = re.compile(r"[\s\u3000、，,;；]+")
_ZH_NAME_RE = re.compile(r"[\u4e00-\u9fff·]{2,10}")  # 阿依古丽·买买提 too
# Credit words printed with a name that are not names: 记者 张三 报道, 张三 摄, 文/图 张三.
_ZH_CREDIT_MARKS = frozenset({"报道", "摄", "摄影", "文", "图", "文图", "图文", "文/图", "图/文", "文／图", "图／文"})
_ZH_CREDIT_PREFIX_RE = re.compile(r"^(?:文|图|文图|图文|文[/／]图|图[/／]文|摄影)[/／:：]")
_ZH_CREDIT_SUFFIX_RE = re.compile(r"(?<=[\u4e00-\u9fff·]{2})(?:报道|摄影|摄)$")
# An editor's credit on a line of its own at the end of a piece: （责任编辑：李四）.
_EDITOR_LINE_RE = re.compile(r"[（(]?[ \t\u3000]*(?:责任编辑|值班编辑|责编|编辑)[ \t\u3000]*[：:][^（）()]*[）)]?")

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_DATE_RES = (
    # Dec. 22 / December 22, 2017 / Dec 22nd
    re.compile(_MONTH + r"[ \t]{1,3}(?P<day>\d{1,2})(?!\d)(?:st|nd|rd|th)?(?:,?[ \t]{1,3}(?P<year>\d{4})(?!\d))?"),
    # 22 December 2017
    re.compile(r"(?<!\d)(?P<day>\d{1,2})[ \t]{1,3}" + _MONTH + r"(?:,?[ \t]{1,3}(?P<year>\d{4})(?!\d))?"),
    # 2017年12月22日 / 12月22日
    re.compile(r"(?:(?P<year>\d{4})\s?年\s?)?(?<!\d)(?P<month>\d{1,2})\s?月\s?(?P<day>\d{1,2})\s?日"),
    # 2017-12-22
    re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)"),
)


class IngestError(NewsbilingualError):
    """A plain-text story cannot be ingested: not text, too large, no headline or body."""


@dataclass(frozen=True)
class IngestWarning:
    """Something the ingest was unsure of or had to assume; ``line`` is None for the whole text."""

    line: int | None
    message: str


@dataclass(frozen=True)
class Paragraph:
    """One line of the text, without its indent, and its line number."""

    line: int
    text: str


@dataclass(frozen=True)
class DateMention:
    """A calendar date named in the text; ``year`` is None when the text gives only day and month."""

    line: int
    printed: str
    month: int
    day: int
    year: int | None


@dataclass(frozen=True)
class Opener:
    """The dateline opening the first paragraph.

    ``label`` is the source label (``Mianyang News``, ``本报讯``), ``place`` the place it names
    ("" for ``本报讯``), ``printed`` the opener as printed, ``date`` the date it names, if any.
    """

    line: int
    label: str
    place: str
    printed: str
    date: DateMention | None = None


@dataclass(frozen=True)
class Caption:
    """The photo caption and its credit, as printed."""

    line: int
    text: str
    credit: str


@dataclass(frozen=True)
class Piece:
    """The headline, paragraphs and bylines of the article or of the commentary."""

    headline: Paragraph
    paragraphs: tuple[Paragraph, ...]
    bylines: tuple[Byline, ...]


@dataclass(frozen=True)
class Layout:
    """What the text holds, located by line; built by :func:`parse_layout`."""

    language: str
    article: Piece
    opener: Opener | None
    caption: Caption | None
    commentary: Piece | None
    warnings: tuple[IngestWarning, ...]

    def first_date(self) -> DateMention | None:
        """The date the article names first: the dateline's, else the earliest in its body."""
        if self.opener and self.opener.date:
            return self.opener.date
        for paragraph in self.article.paragraphs:
            mention = find_date(paragraph)
            if mention:
                return mention
        return None


def _mention(line: int, printed: str, month: str, day: str, year: str | None) -> DateMention | None:
    """The date printed as ``printed``, or None if there is no such day (``Feb. 30``)."""
    number = _MONTHS.get(month) or int(month)
    try:
        date(int(year or 2000), number, int(day))  # 2000 is a leap year: 29 February passes
    except ValueError:
        return None
    return DateMention(line, printed, number, int(day), int(year) if year else None)


def find_date(paragraph: Paragraph) -> DateMention | None:
    """The first calendar date printed in ``paragraph`` (``Dec. 22``, ``12月22日``, ISO)."""
    matches = sorted(
        (match for pattern in _DATE_RES for match in pattern.finditer(paragraph.text)), key=lambda m: m.start()
    )
    mentions = (_mention(paragraph.line, m.group(), m["month"], m["day"], m["year"]) for m in matches)
    return next((mention for mention in mentions if mention), None)


def detect_language(text: str) -> tuple[str, IngestWarning | None]:
    """``zh-Hans`` or ``en`` from the share of Han characters; a warning when it is unclear.

    A Han character carries about as much as an English word, so Han characters are weighed
    against Latin letters divided by five.
    """
    han = len(text) - len(_HAN_RE.sub("", text))  # counted without a list of matches: texts can be large
    words = (len(text) - len(_LATIN_RE.sub("", text))) / 5
    if not han and not words:
        return "en", IngestWarning(None, "no letters or Han characters: language taken as en (give --lang)")
    language = "zh-Hans" if han > words else "en"
    if min(han, words) > max(han, words) / 3:
        return language, IngestWarning(
            None,
            f"mixed Chinese and Latin text ({han} Han characters, {int(words * 5)} letters): "
            f"language taken as {language} (give --lang)",
        )
    return language, None


def _rows(text: str) -> list[Paragraph]:
    """The non-empty lines, indents and trailing blanks stripped, with 1-based line numbers."""
    rows = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip(_LINE_BLANKS)
        if stripped:
            rows.append(Paragraph(number, stripped))
    return rows


def _author_mark(text: str) -> str | None:
    """The rest of an author line (``□Fang Fayong`` -> ``Fang Fayong``), or None."""
    for mark in AUTHOR_MARKS:
        if text.startswith(mark):
            return text[len(mark) :].strip(BLANKS)
    return None


def _trailing_paren(text: str) -> tuple[str, str] | None:
    """Split ``text (inner)`` into the text before and the inner text; linear time."""
    start = max(text.rfind("("), text.rfind("（"))
    if start < 0 or not text.endswith((")", "）")):
        return None
    inner = text[start + 1 : -1].strip(BLANKS)
    if not inner or any(mark in inner for mark in "()（）"):
        return None
    return text[:start].rstrip(BLANKS), inner


def _match_opener(row: Paragraph) -> tuple[Opener, str, str] | None:
    """The dateline opener at the start of ``row``: the opener, its byline text ("" if none),
    the rest of the line."""
    english = _EN_OPENER_RE.match(row.text)
    if english:
        label = english["label"].strip()
        place = label[: -len(" News")] if label.endswith(" News") else ""
        return Opener(row.line, label, place, f"({label})"), "", row.text[english.end() :]
    chinese = _ZH_OPENER_RE.match(row.text)
    if chinese:
        label = chinese["org"] + chinese["kind"]
    else:
        chinese = _ZH_PLACE_OPENER_RE.match(row.text)
        if not chinese or not _BYLINE_WORDS_RE.search(chinese["byline"]):
            return None
        label = chinese["place"] + chinese["kind"]
    month, day = chinese["month"], chinese["day"]
    mention = _mention(row.line, f"{month}月{day}日", month, day, None) if month else None
    opener = Opener(row.line, label, chinese["place"] or "", row.text[: chinese.end("kind")], mention)
    return opener, chinese["byline"] or "", row.text[chinese.end() :]


def _has_letters(name: str) -> bool:
    """Does ``name`` hold a letter or digit (``,`` or ``，`` alone names nobody)?"""
    return any(ch.isalnum() for ch in name)


def _zh_names(names: str, notes: list[str]) -> list[str]:
    """The names of one role's part of a Chinese byline, credit words (报道, 摄, 文/图) removed.

    ``张三报道`` is 张三; but after a name, ``北京报道`` says where the report was filed.
    """
    found: list[str] = []
    for token in _ZH_NAME_SPLIT_RE.split(names):
        if token in _ZH_CREDIT_MARKS:
            continue
        if found and token.endswith("报道"):
            notes.append(f"{token!r} taken as where the report was filed, not as a name")
            continue
        token = _ZH_CREDIT_SUFFIX_RE.sub("", _ZH_CREDIT_PREFIX_RE.sub("", token)).strip(BLANKS)
        if _has_letters(token):
            found.append(token)
    return found


def read_bylines(text: str) -> tuple[tuple[Byline, ...], list[str]]:
    """Bylines as printed, and what was left out of them or is doubtful (one message each).

    ``Deng Xuelin, all media reporter from Mianyang Daily`` is one byline (name, title,
    outlet); ``记者 张三 李四 通讯员 王五`` is one byline per person, with its role
    (``新华社记者``, ``本报记者``...). Credit words are not names (``记者 张三 报道``, ``张三 摄``,
    ``文/图 张三``); an editor (``责任编辑：李四``) is no author, and a byline without a name
    (``, reporter``) is nobody: both are left out with a message.
    """
    text = text.strip(BLANKS)
    if not _HAN_RE.search(text):
        name, _, rest = text.partition(",")
        name = re.sub(r"^by\s+", "", name.strip(), flags=re.IGNORECASE).strip()
        if not _has_letters(name):
            return (), [f"the byline {text!r} names nobody: left out"]
        title, _, outlet = rest.strip().rpartition(" from ")
        if not title:
            title, outlet = outlet, ""
        return (Byline(id=slug(name), name=name, text=text, title=title.strip(), outlet=outlet.strip()),), []
    bylines: list[Byline] = []
    notes: list[str] = []
    parts = _ZH_ROLE_SPLIT_RE.split(text)  # names, role, names, role, names...
    for role, names in zip(["", *parts[1::2]], parts[0::2], strict=True):
        role = re.sub(r"[ \t\u3000]+", "", role)
        found = _zh_names(names, notes)
        if role in _ZH_EDITOR_ROLES:
            if found:
                notes.append(f"{role} {'、'.join(found)} is an editor, not an author: left out of the bylines")
            continue
        if role and not found:
            notes.append(f"{role!r} in the byline {text!r} names nobody")
        for name in found:
            if role and not _ZH_NAME_RE.fullmatch(name):  # without a role, the caller judges
                notes.append(f"{name!r} in the byline {text!r} does not look like a personal name: taken as one")
            bylines.append(Byline(id=slug(name), name=name, text=f"{role} {name}" if role else name, title=role))
    if not bylines and not notes:
        notes.append(f"the byline {text!r} names nobody: left out")
    return tuple(bylines), notes


def _looks_like_bylines(bylines: tuple[Byline, ...], inner: str) -> bool:
    """Byline words, or (Chinese) every name a plausible personal name."""
    if _BYLINE_WORDS_RE.search(inner):
        return True
    return bool(bylines) and all(_ZH_NAME_RE.fullmatch(b.name) for b in bylines)


# The line index of the first paragraph, and what _match_opener found there.
_Lead = tuple[int, tuple[Opener, str, str]]


class _Parser:
    """One pass over the lines of one text, collecting warnings."""

    def __init__(self, text: str, source: str) -> None:
        self.rows = _rows(text)
        self.source = source
        self.warnings: list[IngestWarning] = []

    def warn(self, line: int | None, message: str) -> None:
        self.warnings.append(IngestWarning(line, message))

    def headline(self, row: Paragraph, role: str) -> Paragraph:
        """``row`` as a headline; a very long one is reported (it may be a paragraph)."""
        if len(row.text) > LONG_HEADLINE:
            self.warn(row.line, f"taken as the {role} headline, but it is {len(row.text)} characters long")
        return row

    def bylines(self, text: str, line: int) -> tuple[Byline, ...]:
        """The bylines printed as ``text`` on ``line``; what is left out of them is reported."""
        try:
            bylines, notes = read_bylines(text)
        except ModelError as error:  # a name the model refuses (the rules above should prevent it)
            raise IngestError(f"byline {text!r}: {error.message}", source=self.source, line=line) from None
        for note in notes:
            self.warn(line, note)
        return bylines

    def authors(self, row: Paragraph, role: str) -> tuple[Byline, ...]:
        """The bylines of a ``□`` author line."""
        text = _author_mark(row.text)
        if not text or not _has_letters(text):
            self.warn(row.line, f"author line of the {role} names nobody")
            return ()
        return self.bylines(text, row.line)

    def parse(self, language: str | None) -> Layout:
        """Find the first paragraph and the commentary, then read each piece."""
        if not self.rows:
            raise IngestError("no text: the file holds only blank lines", source=self.source, line=1)
        lead = next(
            (
                (i, found)
                for i, row in enumerate(self.rows[1 : FRONT_LINES + 2], start=1)
                if (found := _match_opener(row))
            ),
            None,
        )
        start = lead[0] if lead else self._guess_body_start(self.rows)
        split = self._commentary_start(start)
        article_rows = self.rows[:split] if split is not None else self.rows
        article, opener, caption = self._article(article_rows, lead, start)
        commentary = self._commentary(self.rows[split:]) if split is not None else None
        if language is None:
            language, warning = detect_language("\n".join(row.text for row in self.rows))
            if warning:
                self.warnings.append(warning)
        else:
            try:
                language = get_language(language).tag
            except NewsbilingualError as error:
                raise IngestError(error.message, source=self.source) from None
        return Layout(language, article, opener, caption, commentary, tuple(self.warnings))

    def _commentary_start(self, first_paragraph: int) -> int | None:
        """Index of the commentary's headline: the line before the first author line that
        follows at least one article paragraph (the first is at index ``first_paragraph``)."""
        for index, row in enumerate(self.rows):
            if index - 1 > first_paragraph and _author_mark(row.text) is not None:
                return index - 1
        return None

    def _article(
        self, rows: list[Paragraph], lead: _Lead | None, start: int
    ) -> tuple[Piece, Opener | None, Caption | None]:
        """Headline, caption, author lines, dateline, paragraphs and closing byline of the article;
        its first paragraph is ``rows[start]``."""
        headline = self.headline(rows[0], "article")
        bylines: list[Byline] = []
        front: list[Paragraph] = []
        for row in rows[1:start]:
            if _author_mark(row.text) is not None:
                bylines += self.authors(row, "article")
            else:
                front.append(row)
        caption = self._caption(front[0], sure=lead is not None) if front else None
        for row in front[1:]:
            self.warn(row.line, "more than one line between the headline and the first paragraph: kept as a paragraph")
        opener = None
        body = rows[start:]
        if lead:
            opener, byline_text, rest = lead[1]
            if byline_text:
                bylines += self.bylines(byline_text, opener.line)
            body = [Paragraph(opener.line, rest.strip(BLANKS)), *rows[start + 1 :]]
        elif body:
            self.warn(
                body[0].line,
                "no dateline at the start of the first paragraph ('(Mianyang News) ...', '本报讯（记者 张三）...')",
            )
        body = self._drop_editor_lines(front[1:] + body)
        if body:
            body[-1], closing = self._closing_byline(body[-1])
            bylines += closing
        paragraphs = tuple(p for p in body if p.text)
        if not paragraphs:
            raise IngestError("no body paragraphs after the headline", source=self.source, line=headline.line)
        return Piece(headline, paragraphs, self._unique(bylines)), opener, caption

    def _guess_body_start(self, rows: list[Paragraph]) -> int:
        """Without a dateline: skip author lines, a line that looks like a caption, and author
        lines after it (a signed feature), leaving at least one line for the body."""
        last = len(rows) - 1

        def skip_authors(index: int) -> int:
            while index < last and _author_mark(rows[index].text) is not None:
                index += 1
            return index

        index = skip_authors(1)
        if index >= last:
            return index
        split = _trailing_paren(rows[index].text)
        if split and split[0] and (_CREDIT_WORDS_RE.search(split[1]) or len(rows[index].text) <= SHORT_CAPTION):
            return skip_authors(index + 1)
        return index

    def _drop_editor_lines(self, rows: list[Paragraph]) -> list[Paragraph]:
        """``rows`` without the editor's credit lines at their end (``（责任编辑：李四）``), reported."""
        rows = list(rows)
        while rows and _EDITOR_LINE_RE.fullmatch(rows[-1].text):
            self.warn(rows[-1].line, f"{rows[-1].text!r} credits an editor, not an author: left out")
            rows.pop()
        return rows

    def _caption(self, row: Paragraph, *, sure: bool) -> Caption:
        """The caption and its credit; ``sure`` when a dateline paragraph follows it."""
        split = _trailing_paren(row.text)
        if split is None or not split[0]:
            self.warn(row.line, "taken as the photo caption, but it has no credit in parentheses at its end")
            return Caption(row.line, row.text, "")
        if not sure and not _CREDIT_WORDS_RE.search(split[1]):
            self.warn(row.line, "may be a photo caption or a paragraph: taken as the caption")
        return Caption(row.line, *split)

    def _closing_byline(self, row: Paragraph) -> tuple[Paragraph, tuple[Byline, ...]]:
        """The reporter's byline in parentheses closing the last paragraph, and the paragraph
        without it; an end mark ``（完）`` is dropped."""
        split = _trailing_paren(row.text)
        if split is None or (split[0] and split[0][-1] not in _SENTENCE_END):
            return row, ()
        before, inner = split
        if inner in _END_MARKS:
            return self._closing_byline(Paragraph(row.line, before))
        bylines = self.bylines(inner, row.line)
        if bylines and not _looks_like_bylines(bylines, inner):
            self.warn(row.line, f"'({inner})' at the end of the article taken as the reporter's byline")
        return Paragraph(row.line, before), bylines

    def _commentary(self, rows: list[Paragraph]) -> Piece:
        """Headline, author line and paragraphs of the commentary."""
        headline = self.headline(rows[0], "commentary")
        bylines = self.authors(rows[1], "commentary")
        rows = rows[:2] + self._drop_editor_lines(rows[2:])
        for row in rows[2:]:
            if _author_mark(row.text) is not None:
                self.warn(row.line, "a second author line: a story holds one commentary; kept as a paragraph")
        if len(rows) < 3:
            raise IngestError(
                "the commentary has no paragraphs after its author line", source=self.source, line=rows[1].line
            )
        return Piece(headline, tuple(rows[2:]), self._unique(bylines))

    def _unique(self, bylines: list[Byline] | tuple[Byline, ...]) -> tuple[Byline, ...]:
        """Bylines with distinct ids: a person named twice (opener and end) is kept once."""
        seen: dict[str, Byline] = {}
        for byline in bylines:
            if byline.id in seen:
                self.warn(None, f"{byline.name!r} is named twice as an author: kept once")
            else:
                seen[byline.id] = byline
        return tuple(seen.values())


def parse_layout(text: str, *, source: str = "<text>", language: str | None = None) -> Layout:
    """Recognise headline, caption, dateline, paragraphs, bylines and commentary in ``text``.

    ``language`` (any name :func:`newsbilingual.get_language` knows) skips detection. Raises
    :class:`IngestError` when the text has no headline and body.
    """
    return _Parser(text, source).parse(language)
