"""The desk: what a newsroom calls to put a story on the wire.

Takes a story and its catalogs and gives every language edition (:mod:`.editions`), the
package that groups them and the rendered documents (:mod:`.wire`); publishes over time against
a ledger of what was sent (:mod:`.ledger`, :mod:`.publish`); streams feeds of any size
(:mod:`.feed`); the bilingual proof page an editor reads before publishing (:mod:`.proof`);
and whole archives at once, on a process pool or a Dask cluster (:mod:`.batch`).
"""

from ..lazy import lazy_exports

# Public name -> the module of this stage that defines it, imported on first use (PEP 562), so that a
# command loads only the modules it runs.
_EXPORTS = {
    "BatchResult": "batch",
    "Edition": "wire",
    "Failure": "batch",
    "FeedFailure": "feed",
    "FeedResult": "feed",
    "Ledger": "ledger",
    "LedgerError": "ledger",
    "Outcome": "batch",
    "PendingError": "publish",
    "PublishAllResult": "publish",
    "PublishResult": "publish",
    "SentItem": "ledger",
    "build_package": "editions",
    "document_problems": "wire",
    "edition_guid": "editions",
    "finish_pending": "publish",
    "notes_by_language": "publish",
    "open_ledger": "ledger",
    "parse_all": "batch",
    "proof_html": "proof",
    "publish_all": "publish",
    "publish_story": "publish",
    "render_all": "batch",
    "render_feed": "wire",
    "render_story": "wire",
    "roll_back_pending": "publish",
    "story_edition": "editions",
    "story_editions": "wire",
    "story_files": "feed",
    "withdraw_story": "publish",
    "write_documents": "wire",
    "write_feed": "feed",
}

__all__ = [
    "BatchResult",
    "Edition",
    "Failure",
    "FeedFailure",
    "FeedResult",
    "Ledger",
    "LedgerError",
    "Outcome",
    "PendingError",
    "PublishAllResult",
    "PublishResult",
    "SentItem",
    "build_package",
    "document_problems",
    "edition_guid",
    "finish_pending",
    "notes_by_language",
    "open_ledger",
    "parse_all",
    "proof_html",
    "publish_all",
    "publish_story",
    "render_all",
    "render_feed",
    "render_story",
    "roll_back_pending",
    "story_edition",
    "story_editions",
    "story_files",
    "withdraw_story",
    "write_documents",
    "write_feed",
]

__getattr__, __dir__ = lazy_exports(
    __name__, _EXPORTS, ("batch", "editions", "feed", "ledger", "progress", "proof", "publish", "wire", "wirefolder")
)
