"""Translatable segments of a story: what goes into a catalog, and how translations come back.

One walker, :func:`map_segments`, visits every translatable string of a story in a fixed
order and rebuilds the story with whatever the callback returns. Extraction
(:func:`story_segments`) records the segments and returns them unchanged; localisation
returns translations. Keeping both on one walker means a field can never be extracted but
not translated, or the other way round.

A segment's ``context`` (the PO ``msgctxt``) is built from item roles and stable ids, never
from positions: ``commentary/body/p04`` stays ``p04`` when a paragraph is inserted before it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .model import Byline, Dateline, Party, PictureItem, Place, Rights, Story, TextItem, revised, slug


@dataclass(frozen=True)
class Segment:
    """One translatable string: its stable ``context``, source ``text``, a note for the
    translator, and ``path``, the value's place in the story file (``article.body[3].text``)."""

    context: str
    text: str
    note: str
    path: str


Translate = Callable[[Segment], str]


def _quote_note(text: str, parties: tuple[Party, ...]) -> str:
    """Who a paragraph quotes or names, so the translator knows whose words these are."""
    quoted = any(mark in text for mark in '"“”「」')
    notes = []
    for party in parties:
        if party.kind == "person" and party.name in text:
            # One line: a title may hold line breaks, and a PO comment ends at one.
            who = " ".join(f"{party.name}, {party.title}".split()) if party.title else party.name
            notes.append(f"{'Quote by' if quoted else 'Mentions'} {who}.")
    return " ".join(notes)


class _Walker:
    def __init__(self, translate: Translate, notes: bool) -> None:
        self.translate = translate
        self.notes = notes  # the block notes name who is quoted: work only extraction needs

    def text(self, context: str, text: str, note: str, path: str) -> str:
        if not text:
            return text
        return self.translate(Segment(context, text, note, path))

    def byline(self, role: str, byline: Byline, path: str, what: str) -> Byline:
        return revised(
            byline,
            name=self.text(f"{role}/byline/{byline.id}/name", byline.name, f"Name of the {what}.", f"{path}.name"),
            text=self.text(
                f"{role}/byline/{byline.id}", byline.text, f"Byline of the {what} as printed.", f"{path}.text"
            ),
        )

    def rights(self, role: str, rights: Rights | None, path: str) -> Rights | None:
        if rights is None:
            return None
        return revised(
            rights,
            holder=self.text(f"{role}/rights/holder", rights.holder, "Copyright holder.", f"{path}.holder"),
            notice=self.text(f"{role}/rights/notice", rights.notice, "Copyright notice.", f"{path}.notice"),
            usage_terms=self.text(
                f"{role}/rights/usage_terms", rights.usage_terms, "Usage terms for receivers.", f"{path}.usage_terms"
            ),
        )

    def place(self, role: str, place: Place | None, path: str) -> Place | None:
        if place is None:
            return None
        return revised(
            place,
            name=self.text(f"{role}/located", place.name, f"Place the {role} comes from.", f"{path}.name"),
            broader=self.text(
                f"{role}/located/broader", place.broader, "Region and country of that place.", f"{path}.broader"
            ),
        )

    def dateline(self, role: str, dateline: Dateline | None, path: str) -> Dateline | None:
        if dateline is None:
            return None
        return revised(
            dateline,
            place=self.text(f"{role}/dateline/place", dateline.place, "Place name in the dateline.", f"{path}.place"),
            label=self.text(
                f"{role}/dateline/label",
                dateline.label,
                "Source label at the start of the dateline (the paper's name for its own reports).",
                f"{path}.label",
            ),
            text=self.text(f"{role}/dateline", dateline.text, "Dateline as printed.", f"{path}.text"),
        )

    def party(self, role: str, party: Party, path: str) -> Party:
        kind = "person" if party.kind == "person" else "organisation"
        return revised(
            party,
            name=self.text(
                f"{role}/{kind}/{party.id}/name",
                party.name,
                f"Name of {'a person' if kind == 'person' else 'an organisation'} named in the {role}.",
                f"{path}.name",
            ),
            title=self.text(
                f"{role}/{kind}/{party.id}/title",
                party.title,
                f"Title of {party.name} as the {role} gives it.",
                f"{path}.title",
            ),
        )

    def ed_notes(self, role: str, notes: tuple[str, ...]) -> tuple[str, ...]:
        """Notes to editors (edNote): keyed on their text, like keywords, as an item may have several."""
        return tuple(
            self.text(f"{role}/ednote/{slug(n)}", n, f"Note to editors on the {role}.", f"{role}.ed_notes[{i}]")
            for i, n in enumerate(notes)
        )

    def keywords(self, role: str, keywords: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(
            self.text(f"{role}/keyword/{slug(k)}", k, f"Keyword (search term) of the {role}.", f"{role}.keywords[{i}]")
            for i, k in enumerate(keywords)
        )

    def text_item(self, role: str, item: TextItem) -> TextItem:
        # Segments are visited in reading order: that is the order of the catalog.
        ed_notes = self.ed_notes(role, item.header.ed_notes)
        headline = self.text(f"{role}/headline", item.headline, f"Headline of the {role}.", f"{role}.headline")
        summary = self.text(f"{role}/summary", item.summary, f"Summary of the {role}.", f"{role}.summary")
        dateline = self.dateline(role, item.dateline, f"{role}.dateline")
        body = []
        for index, block in enumerate(item.body):
            note = ""
            if self.notes:
                quoted = _quote_note(block.text, item.parties)
                note = f"Paragraph {index + 1} of the {role} (block {block.id}). {quoted}"
            path = f"{role}.body[{index}].text"
            body.append(revised(block, text=self.text(f"{role}/body/{block.id}", block.text, note.strip(), path)))
        bylines = tuple(
            self.byline(role, b, f"{role}.bylines[{i}]", f"author of the {role}") for i, b in enumerate(item.bylines)
        )
        located = self.place(role, item.located, f"{role}.located")
        parties = tuple(self.party(role, p, f"{role}.parties[{i}]") for i, p in enumerate(item.parties))
        keywords = self.keywords(role, item.keywords)
        rights = self.rights(role, item.header.rights, f"{role}.rights")
        return revised(
            item,
            header=revised(item.header, rights=rights, ed_notes=ed_notes),
            headline=headline,
            summary=summary,
            dateline=dateline,
            located=located,
            bylines=bylines,
            parties=parties,
            keywords=keywords,
            body=tuple(body),
        )

    def picture_item(self, role: str, item: PictureItem) -> PictureItem:
        ed_notes = self.ed_notes(role, item.header.ed_notes)
        headline = self.text(f"{role}/headline", item.headline, "Title of the photo.", f"{role}.headline")
        caption = self.text(f"{role}/caption", item.caption, "Photo caption.", f"{role}.caption")
        credit = self.text(
            f"{role}/credit", item.credit, "Photo credit: who took or supplied the picture.", f"{role}.credit"
        )
        creator = None
        if item.creator:
            creator = self.byline(role, item.creator, f"{role}.creator", "photographer or picture supplier")
        keywords = self.keywords(role, item.keywords)
        rights = self.rights(role, item.header.rights, f"{role}.rights")
        return revised(
            item,
            header=revised(item.header, rights=rights, ed_notes=ed_notes),
            headline=headline,
            caption=caption,
            credit=credit,
            creator=creator,
            keywords=keywords,
        )


def map_segments(story: Story, translate: Translate, *, notes: bool = True) -> Story:
    """The story rebuilt with ``translate(segment)`` in place of every translatable string.

    ``notes=False``: the paragraphs' segments come without their note to the translator
    (whose words they quote), which only extraction needs."""
    walker = _Walker(translate, notes)
    return revised(
        story,
        article=walker.text_item("article", story.article),
        commentary=walker.text_item("commentary", story.commentary) if story.commentary else None,
        photo=walker.picture_item("photo", story.photo) if story.photo else None,
    )


def story_segments(story: Story) -> list[Segment]:
    """Every translatable segment of ``story``, in reading order."""
    found: list[Segment] = []

    def record(segment: Segment) -> str:
        found.append(segment)
        return segment.text

    map_segments(story, record)
    return found
