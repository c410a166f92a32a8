"""The desk: what a newsroom calls to put a story on the wire.

Takes a story and its catalogs and gives every language edition (:mod:`.editions`), the
package that groups them and the rendered documents and feeds (:mod:`.wire`); the bilingual
proof page an editor reads before publishing (:mod:`.proof`); whole archives at once, on a
process pool or a Dask cluster (:mod:`.batch`).
"""

from .batch import BatchResult, Failure, Outcome, parse_all, render_all
from .editions import build_package, edition_guid, story_edition
from .proof import proof_html
from .wire import Edition, render_feed, render_story, story_editions, write_documents

__all__ = [
    "BatchResult",
    "Edition",
    "Failure",
    "Outcome",
    "build_package",
    "edition_guid",
    "parse_all",
    "proof_html",
    "render_all",
    "render_feed",
    "render_story",
    "story_edition",
    "story_editions",
    "write_documents",
]
