"""Stage 1, the story: typed objects and the files they are kept in.

Takes a TOML story file (or objects built in code) and gives a :class:`Story`: the news
article, its commentary and photo, in one source language; :mod:`.segments` says which of its
strings are translatable and under which stable msgctxt; :mod:`.languages` maps language tags.
"""

from ..lazy import lazy_exports

# Public name -> the module of this stage that defines it ("module:name" when renamed), imported
# on first use (PEP 562) so that a command loads only the modules it runs.
_EXPORTS = {
    "Block": "model",
    "Cell": "model",
    "Mark": "model",
    "ReadFrom": "model",
    "Byline": "model",
    "Catalogs": "model",
    "Dateline": "model",
    "Extra": "model",
    "GenericItem": "model",
    "Group": "model",
    "Item": "model",
    "ItemHeader": "model",
    "ItemRef": "model",
    "LANGUAGES": "languages",
    "Label": "model",
    "Language": "languages",
    "Link": "model",
    "Message": "model",
    "PackageItem": "model",
    "Party": "model",
    "PictureItem": "model",
    "Place": "model",
    "Provider": "model",
    "Rendition": "model",
    "Rights": "model",
    "STORY_ID_MAX": "model",
    "Segment": "segments",
    "Story": "model",
    "Subject": "model",
    "TextItem": "model",
    "dump_story": "storyfile",
    "dumps_story": "storyfile",
    "get_language": "languages",
    "load_story": "storyfile",
    "loads_story": "storyfile",
    "story_segments": "segments",
}

__all__ = [
    "LANGUAGES",
    "STORY_ID_MAX",
    "Block",
    "Byline",
    "Catalogs",
    "Cell",
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
    "Mark",
    "Message",
    "PackageItem",
    "Party",
    "PictureItem",
    "Place",
    "Provider",
    "ReadFrom",
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


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
