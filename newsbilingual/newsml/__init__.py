"""Stage 3, NewsML-G2: items as XML for the wire, and partner XML back to items.

Takes model items and gives NewsML-G2 2.35 elements and bytes (:mod:`.render`); takes bytes
and gives items (:mod:`.read`, safely: :mod:`.safexml`), each keeping the element it was read
from (:mod:`.origin`) and, once edited, what the model does not hold (:mod:`.extras`); checks
documents against the XSD and the IPTC catalog (:mod:`.validate`).
"""

from .read import Parsed, ParseWarning, parse
from .render import item_element, message_element, news_message, to_bytes
from .validate import Problem, validate_document, validate_file

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
