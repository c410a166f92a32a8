"""Stage 3, NewsML-G2: items as XML for the wire, and partner XML back to items.

Takes model items and gives NewsML-G2 2.35 elements and bytes (:mod:`.render`); takes bytes
and gives items (:mod:`.read`, safely: :mod:`.safexml`), each keeping the element it was read
from (:mod:`.origin`) and, once edited, what the model does not hold (:mod:`.extras`); checks
documents against the XSD and the IPTC catalog (:mod:`.validate`).
"""

from ..lazy import lazy_exports

# Public name -> the module of this stage that defines it, imported on first use (PEP 562), so that a
# command loads only the modules it runs.
_EXPORTS = {
    "ParseWarning": "read",
    "Parsed": "read",
    "Problem": "validate",
    "item_element": "render",
    "message_element": "render",
    "news_message": "render",
    "parse": "read",
    "to_bytes": "render",
    "validate_document": "validate",
    "validate_file": "validate",
}

__all__ = [
    "ParseWarning",
    "Parsed",
    "Problem",
    "item_element",
    "message_element",
    "news_message",
    "parse",
    "to_bytes",
    "validate_document",
    "validate_file",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    _EXPORTS,
    ("body", "extras", "origin", "read", "read_items", "render", "safexml", "validate", "vocabulary"),
)
