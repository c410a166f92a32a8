"""The plain-text door: newsroom copy in any encoding to a story file and its template.

Takes bytes (GBK, UTF-8, cp1252, with GBK-read-as-Latin-1 mojibake) and gives text
(:mod:`.decode`, :mod:`.mojibake`), a recognised layout (:mod:`.layout`) and a
:class:`~newsbilingual.story.Story` (:mod:`.build`).
"""

from ..lazy import lazy_exports

# Public name -> the module of this stage that defines it, imported on first use (PEP 562), so that a
# command loads only the modules it runs.
_EXPORTS = {
    "DecodedText": "decode",
    "IngestError": "layout",
    "IngestResult": "build",
    "IngestWarning": "layout",
    "Repair": "mojibake",
    "TextDecodeError": "decode",
    "decode_text": "decode",
    "ingest_file": "build",
    "ingest_text": "build",
    "newsml_guid": "build",
    "repair_gbk_mojibake": "mojibake",
    "write_story_files": "build",
}

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

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, ("build", "decode", "layout", "mojibake"))
