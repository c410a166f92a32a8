"""The desk: what a newsroom calls to put a story on the wire.

Takes a story and its catalogs and gives every language edition (:mod:`.editions`), the
package that groups them and the rendered documents (:mod:`.wire`); publishes over time against
a ledger of what was sent (:mod:`.ledger`, :mod:`.publish`); streams feeds of any size
(:mod:`.feed`); the bilingual proof page an editor reads before publishing (:mod:`.proof`);
and whole archives at once, on a process pool or a Dask cluster (:mod:`.batch`).
"""

from .batch import BatchResult, Failure, Outcome, parse_all, render_all
from .editions import build_package, edition_guid, story_edition
from .feed import FeedFailure, FeedResult, story_files, write_feed
from .ledger import Ledger, LedgerError, SentItem, open_ledger
from .proof import proof_html
from .publish import (
    PendingError,
    PublishAllResult,
    PublishResult,
    finish_pending,
    publish_all,
    publish_story,
    roll_back_pending,
    withdraw_story,
)
from .wire import Edition, document_problems, render_feed, render_story, story_editions, write_documents

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
