"""Random stories for the fuzz campaign: valid-looking, and often hostile in one place.

:func:`random_story` builds a story from a :class:`random.Random`, through the public model
classes, so every value the generator produces goes through the model's checks: it either
becomes a story or is refused with a :class:`newsbilingual.ModelError` naming a field. The text
pools mix ASCII and Chinese with what breaks naive code: tabs and line breaks, control
characters, lone surrogates, noncharacters, XML markup, PO escapes, very long ids, colliding
keywords, datetimes from year 1 to 9999 with odd UTC offsets (local mean time has seconds).

Used by tests/test_fuzz.py (through hypothesis, bounded) and tests/fuzz/campaign.py (long runs).
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import newsbilingual as nb

WORDS = ["Mianyang", "high-tech", "service", "zone", "reporter", "Dec.", "22", "investment", "O'Brien", "A&B"]
CHINESE = "绵阳高新区服务业投资项目记者报道日电评论员方法勇「」“”，。、；：？！（）《》"
# Characters that are legal but break careless code: markup, quotes, PO escapes and formats.
TRICKY = ["<b>", "&amp;", "]]>", '"', "\\", "\\n", "%s", "{place}", "{", "}", "#", "msgid", "\u00a0", "\u3000"]
# Whitespace a one-line NewsML-G2 type refuses (tab, LF, CR), and what XML 1.0 cannot carry.
ONE_LINE_BREAKERS = ["\t", "\n", "\r", "\r\n"]
NOT_XML = ["\x00", "\x01", "\x08", "\x0b", "\x1f", "\ud800", "\udfff", "\ufffe", "\uffff"]
# Unicode line separators: legal in XML and in the model; catalogs must carry them (issue 15
# item 2, fixed in the catalog writer). Kept apart so a run can leave them out.
LINE_SEPARATORS = ["\u2028", "\u2029", "\u0085"]
ZONES = ["Asia/Shanghai", "UTC", "America/St_Johns", "Asia/Kathmandu", "Pacific/Kiritimati", "Europe/Amsterdam"]
# Bytes that break story files, catalogs and compiled catalogs when inserted at random.
JUNK = [b"\x00", b"\xff\xfe", b"[[", b"]]", b'"', b"\\", b"=", b"\n", b"#", b'msgstr "', b"\xe7\xbb", b"\x1b", b"\r"]
# What URIs trip on: percent signs, brackets, extra '#' and '@', ports, spaces, non-ASCII.
URI_ODD = ["%", "%2", "%41", "[", "]", "[::1]", "#", "@", ":", ":80", " ", "例", "\\", "{", "|", "?", "//"]
GENRES = ["genre:Current", "genre:Opinion", "genre:Analysis"]
SUBJECTS = ["medtop:20000344", "medtop:04000000", "medtop:20000346"]


class Generator:
    """One random story; ``hostile`` is the chance that a value gets a character the schema refuses."""

    def __init__(self, rng: random.Random, *, hostile: float = 0.01, line_separators: bool = True) -> None:
        self.rng = rng
        self.hostile = hostile
        self.pools = [WORDS, list(CHINESE), TRICKY] + ([LINE_SEPARATORS] if line_separators else [])

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def text(self, *, one_line: bool = False, minimum: int = 1, maximum: int = 12) -> str:
        parts = []
        for _ in range(self.rng.randint(minimum, maximum)):
            pool = self.rng.choice(self.pools)
            parts.append(self.rng.choice(pool))
            if self.chance(0.5):
                parts.append(" ")
            elif not one_line and self.chance(0.1):
                parts.append(self.rng.choice(ONE_LINE_BREAKERS))
        if self.chance(self.hostile):
            parts.insert(self.rng.randrange(len(parts) + 1), self.rng.choice(NOT_XML + ONE_LINE_BREAKERS))
        text = "".join(parts)
        return text if text.strip() else "x" + text

    def optional(self, probability: float = 0.5, **options: object) -> str:
        return self.text(**options) if self.chance(probability) else ""

    def ident(self, prefix: str = "") -> str:
        alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_."
        # Now and then around the longest id a file name takes.
        length = self.rng.randint(190, 260) if self.chance(0.02) else self.rng.randint(1, 24)
        value = (
            prefix
            + self.rng.choice("abcdefghijklmnopqrstuvwxyz")
            + "".join(self.rng.choice(alphabet) for _ in range(length - 1))
        )
        if self.chance(self.hostile):
            value += self.rng.choice([" ", "/", "é", ":", "\t"])
        return value

    def uri(self, path: str) -> str:
        """A URI, now and then with characters xs:anyURI takes only in some places (or not at all)."""
        value = f"https://www.provider.example/{path}"
        if self.chance(self.hostile * 10):
            odd = "".join(self.rng.choice(URI_ODD) for _ in range(self.rng.randint(1, 4)))
            where = self.rng.randrange(len(value) + 1)
            value = value[:where] + odd + value[where:]
        return value

    def moment(self, zone: str) -> datetime:
        if self.chance(0.8):
            year = self.rng.choice([1970, 2017, 2025, 2038])
        else:  # before 1901 many zones are local mean time, whose offsets have seconds
            year = self.rng.choice([1, 1890, 1900, 1949, 9999, self.rng.randint(1, 9999)])
        day = date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))
        clock = datetime.combine(day, datetime.min.time()).replace(
            hour=self.rng.randint(0, 23), minute=self.rng.randint(0, 59), second=self.rng.randint(0, 59)
        )
        if self.chance(0.3):
            clock = clock.replace(microsecond=self.rng.randint(0, 999_999))
        choice = self.rng.random()
        if choice < 0.5:
            return clock.replace(tzinfo=ZoneInfo(zone))
        if choice < 0.9:
            return clock.replace(tzinfo=timezone(timedelta(minutes=self.rng.randint(-14 * 60, 14 * 60))))
        return clock.replace(tzinfo=UTC)

    def party(self, index: int) -> nb.Party:
        kind = self.rng.choice(["person", "organisation"])
        return nb.Party(f"party-{index}", kind, self.text(one_line=True, maximum=3), self.optional(one_line=True))

    def byline(self, index: int) -> nb.Byline:
        return nb.Byline(
            f"byline-{index}",
            self.text(one_line=True, maximum=3),
            text=self.optional(maximum=6),
            title=self.optional(maximum=3),
        )

    def keywords(self) -> tuple[str, ...]:
        words = [self.text(one_line=True, maximum=3) for _ in range(self.rng.randint(0, 4))]
        if words and self.chance(0.05):
            words.append(words[0].replace(" ", "-"))  # a keyword whose slug another one has
        return tuple(words)

    def header(self, provider: nb.Provider, guid: str, zone: str, language: str) -> nb.ItemHeader:
        created = self.moment(zone)
        rights = None
        if self.chance(0.5):
            rights = nb.Rights(
                self.text(one_line=True, maximum=3), holder_uri=self.uri("about"), notice=self.optional(maximum=8)
            )
        return nb.ItemHeader(
            guid, language, provider, created, first_created=created, content_created=created, rights=rights
        )

    def text_item(self, provider: nb.Provider, guid: str, zone: str, language: str, genre: str) -> nb.TextItem:
        located = None
        if self.chance(0.5):
            located = nb.Place(self.text(one_line=True, maximum=3), broader=self.optional(one_line=True, maximum=3))
        dateline = None
        if self.chance(0.6):
            dateline = nb.Dateline(
                place=self.text(one_line=True, maximum=2),
                date=self.moment(zone).date(),
                label=self.optional(maximum=3),
            )
        subjects = tuple(
            nb.Subject(qcode, {"en": self.text(one_line=True, maximum=3), "zh-Hans": self.text(one_line=True)})
            for qcode in self.rng.sample(SUBJECTS, self.rng.randint(0, len(SUBJECTS)))
        )
        return nb.TextItem(
            self.header(provider, guid, zone, language),
            genre=genre,
            headline=self.text(maximum=10),
            body=tuple(nb.Block(f"p{index:02d}", self.text(maximum=40)) for index in range(self.rng.randint(1, 6))),
            summary=self.optional(0.3, maximum=20),
            slugline=self.optional(0.3, one_line=True, maximum=4),
            dateline=dateline,
            bylines=tuple(self.byline(index) for index in range(self.rng.randint(0, 2))),
            located=located,
            subjects=subjects,
            keywords=self.keywords(),
            parties=tuple(self.party(index) for index in range(self.rng.randint(0, 4))),
        )

    def story(self) -> nb.Story:
        zone = self.rng.choice(ZONES)
        language = self.rng.choice(["en", "zh-Hans"])
        provider = nb.Provider(self.text(one_line=True, maximum=3), self.uri(""))
        story_id = self.ident()
        guid = f"urn:newsml:provider.example:{story_id}"
        article = self.text_item(provider, f"{guid}:article", zone, language, self.rng.choice(GENRES))
        commentary = None
        if self.chance(0.5):
            commentary = self.text_item(provider, f"{guid}:commentary", zone, language, "genre:Opinion")
        photo = None
        if self.chance(0.5):
            photo = nb.PictureItem(
                self.header(provider, f"{guid}:photo", zone, language),
                caption=self.text(maximum=12),
                credit=self.optional(one_line=True, maximum=3),
                headline=self.optional(maximum=5),
                creator=self.byline(9) if self.chance(0.5) else None,
                renditions=(nb.Rendition(self.uri("photo.jpg"), width=640, height=480),),
                keywords=self.keywords(),
            )
        return nb.Story(story_id, article, commentary, photo, timezone=zone)


def random_story(rng: random.Random, **options: object) -> nb.Story:
    """A random story, or :class:`newsbilingual.ModelError` naming the field the model refused."""
    return Generator(rng, **options).story()  # type: ignore[arg-type]


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    """A broken copy of a file: cut short, with junk inserted, or with one byte changed."""
    where = rng.randrange(len(data) + 1)
    how = rng.randrange(3)
    if how == 0:
        return data[:where]
    if how == 1:
        return data[:where] + b"".join(rng.choice(JUNK) for _ in range(rng.randint(1, 3))) + data[where:]
    return data[:where] + bytes([rng.randrange(256)]) + data[where + 1 :]
