"""Stage 1, the story: typed objects and the files they are kept in.

Takes a TOML story file (or objects built in code) and gives a :class:`Story`: the news
article, its commentary and photo, in one source language; :mod:`.segments` says which of its
strings are translatable and under which stable msgctxt; :mod:`.languages` maps language tags.
"""

from .languages import LANGUAGES, Language, get_language
from .model import (
    STORY_ID_MAX,
    Block,
    Byline,
    Catalogs,
    Dateline,
    Extra,
    GenericItem,
    Group,
    Item,
    ItemHeader,
    ItemRef,
    Label,
    Link,
    Message,
    PackageItem,
    Party,
    PictureItem,
    Place,
    Provider,
    Rendition,
    Rights,
    Story,
    Subject,
    TextItem,
)
from .segments import Segment, story_segments
from .storyfile import dump_story, dumps_story, load_story, loads_story

__all__ = [
    "LANGUAGES",
    "STORY_ID_MAX",
    "Block",
    "Byline",
    "Catalogs",
    "Dateline",
    "Extra",
    "GenericItem",
    "Group",
    "Item",
    "ItemHeader",
    "ItemRef",
    "Label",
    "Language",
    "Link",
    "Message",
    "PackageItem",
    "Party",
    "PictureItem",
    "Place",
    "Provider",
    "Rendition",
    "Rights",
    "Segment",
    "Story",
    "Subject",
    "TextItem",
    "dump_story",
    "dumps_story",
    "get_language",
    "load_story",
    "loads_story",
    "story_segments",
]
