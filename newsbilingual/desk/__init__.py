"""The desk: what a newsroom calls to put a story on the wire.

Takes a story and its catalogs and gives every language edition (:mod:`.editions`), the
package that groups them and the rendered documents and feeds (:mod:`.wire`).
"""

from .editions import build_package, edition_guid, story_edition
from .wire import Edition, document_problems, render_feed, render_story, story_editions, write_documents

__all__ = [
    "Edition",
    "build_package",
    "document_problems",
    "edition_guid",
    "render_feed",
    "render_story",
    "story_edition",
    "story_editions",
    "write_documents",
]
