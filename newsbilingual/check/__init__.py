"""Stage 2b, the checks: what a careful copy editor finds in a story's translations.

Takes a story's catalogs (and the newsroom's termbase) and gives :class:`Finding` objects:
figures compared by value, names and terms, typography, completeness. The desk's publish gate
refuses an edition while an error-level finding remains in the segments it prints.
"""

from .figures import Figure, compare_figures, read_figures
from .findings import ERROR, IGNORED, WARNING, Finding, Span
from .run import CHECKS, check_catalog, check_stories, check_story
from .termbase import Term, Termbase, TermbaseError, TermForm, read_termbase, termbase_bytes, write_termbase
from .waivers import text_hash, waiver_comment

__all__ = [
    "CHECKS",
    "ERROR",
    "IGNORED",
    "WARNING",
    "Figure",
    "Finding",
    "Span",
    "Term",
    "TermForm",
    "Termbase",
    "TermbaseError",
    "check_catalog",
    "check_stories",
    "check_story",
    "compare_figures",
    "read_figures",
    "read_termbase",
    "termbase_bytes",
    "text_hash",
    "waiver_comment",
    "write_termbase",
]
