"""newsbilingual: bilingual (Chinese/English) news publishing.

Stories (article, commentary, photo) are typed objects read from TOML story files; their
translatable text lives in gettext catalogs; every language edition renders to NewsML-G2 2.35.

    >>> import newsbilingual as nb
    >>> story = nb.load_story(nb.SEED_STORY)
    >>> documents = nb.render_story(story, locales=nb.locales_dir())
"""

from .bundled import SEED_STORY, locales_dir
from .catalogs import (
    Translations,
    catalog_path,
    find_translations,
    load_translations,
    localize,
    localize_with_fallbacks,
    read_po,
)
from .editions import build_package, edition_guid, story_edition
from .errors import (
    CatalogError,
    ModelError,
    NewsbilingualError,
    SchemaNotFoundError,
    StoryFileError,
    XMLInputError,
)
from .extract import build_template, write_template
from .ingest import IngestError, IngestResult, IngestWarning, ingest_file, ingest_text, newsml_guid, write_story_files
from .languages import LANGUAGES, Language, get_language
from .locales import CatalogStats, catalog_stats, compile_all, stats, update
from .locales import init as init_catalogs
from .merge import init_catalog, merge_catalog
from .model import (
    Block,
    Byline,
    Catalogs,
    Dateline,
    Extra,
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
from .mojibake import Repair, repair_gbk_mojibake
from .newsml import item_element, message_element, news_message, to_bytes
from .powrap import format_pofile, write_pofile
from .reader import Parsed, ParseWarning, parse
from .segments import Segment, story_segments
from .storyfile import dump_story, dumps_story, load_story, loads_story
from .textdecode import DecodedText, TextDecodeError, decode_text
from .validate import Problem, validate_document, validate_file
from .version import __version__
from .wire import Edition, render_feed, render_story, story_editions, write_documents

__all__ = [
    "LANGUAGES",
    "SEED_STORY",
    "Block",
    "Byline",
    "CatalogError",
    "CatalogStats",
    "Catalogs",
    "Dateline",
    "DecodedText",
    "Edition",
    "Extra",
    "Group",
    "IngestError",
    "IngestResult",
    "IngestWarning",
    "Item",
    "ItemHeader",
    "ItemRef",
    "Label",
    "Language",
    "Link",
    "Message",
    "ModelError",
    "NewsbilingualError",
    "PackageItem",
    "ParseWarning",
    "Parsed",
    "Party",
    "PictureItem",
    "Place",
    "Problem",
    "Provider",
    "Rendition",
    "Repair",
    "Rights",
    "SchemaNotFoundError",
    "Segment",
    "Story",
    "StoryFileError",
    "Subject",
    "TextDecodeError",
    "TextItem",
    "Translations",
    "XMLInputError",
    "__version__",
    "build_package",
    "build_template",
    "catalog_path",
    "catalog_stats",
    "compile_all",
    "decode_text",
    "dump_story",
    "dumps_story",
    "edition_guid",
    "find_translations",
    "format_pofile",
    "get_language",
    "ingest_file",
    "ingest_text",
    "init_catalog",
    "init_catalogs",
    "item_element",
    "load_story",
    "load_translations",
    "loads_story",
    "locales_dir",
    "localize",
    "localize_with_fallbacks",
    "merge_catalog",
    "message_element",
    "news_message",
    "newsml_guid",
    "parse",
    "read_po",
    "render_feed",
    "render_story",
    "repair_gbk_mojibake",
    "stats",
    "story_edition",
    "story_editions",
    "story_segments",
    "to_bytes",
    "update",
    "validate_document",
    "validate_file",
    "write_documents",
    "write_pofile",
    "write_story_files",
    "write_template",
]
