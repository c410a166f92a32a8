"""The plain-text door: newsroom copy in any encoding to a story file and its template.

Takes bytes (GBK, UTF-8, cp1252, with GBK-read-as-Latin-1 mojibake) and gives text
(:mod:`.decode`, :mod:`.mojibake`), a recognised layout (:mod:`.layout`) and a
:class:`~newsbilingual.story.Story` (:mod:`.build`).
"""

from .build import IngestResult, ingest_file, ingest_text, newsml_guid, write_story_files
from .decode import DecodedText, TextDecodeError, decode_text
from .layout import IngestError, IngestWarning
from .mojibake import Repair, repair_gbk_mojibake

__all__ = [
    "DecodedText",
    "IngestError",
    "IngestResult",
    "IngestWarning",
    "Repair",
    "TextDecodeError",
    "decode_text",
    "ingest_file",
    "ingest_text",
    "newsml_guid",
    "repair_gbk_mojibake",
    "write_story_files",
]
