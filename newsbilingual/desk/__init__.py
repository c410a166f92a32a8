"""The desk: what a newsroom calls to put a story on the wire.

Takes a story and its catalogs and gives every language edition (:mod:`.editions`), the
package that groups them and the rendered documents and feeds (:mod:`.wire`); publishes
over time against a ledger of what was sent (:mod:`.ledger`, :mod:`.publish`); and streams
feeds of any size (:mod:`.feed`).
"""

from .editions import build_package, edition_guid, story_edition
from .feed import FeedFailure, FeedResult, story_files, write_feed
from .ledger import Ledger, LedgerError, SentItem, open_ledger
from .publish import PublishResult, publish_story, withdraw_story
from .wire import Edition, render_feed, render_story, story_editions, write_documents

__all__ = [
    "Edition",
    "FeedFailure",
    "FeedResult",
    "Ledger",
    "LedgerError",
    "PublishResult",
    "SentItem",
    "build_package",
    "edition_guid",
    "open_ledger",
    "publish_story",
    "render_feed",
    "render_story",
    "story_edition",
    "story_editions",
    "story_files",
    "withdraw_story",
    "write_documents",
    "write_feed",
]
