"""Stage 2b, the checks: what a careful copy editor finds in a story's translations.

Takes a story's catalogs (and the newsroom's termbase) and gives :class:`Finding` objects:
figures compared by value, names and terms, typography, completeness. The desk's publish gate
refuses an edition while an error-level finding remains in the segments it prints.
"""

from ..lazy import lazy_exports

# Public name -> the module of this stage that defines it, imported on first use (PEP 562), so that a
# command loads only the modules it runs.
_EXPORTS = {
    "CHECKS": "run",
    "ERROR": "findings",
    "Figure": "figures",
    "Finding": "findings",
    "IGNORED": "findings",
    "Mismatch": "figures",
    "Span": "findings",
    "Term": "termbase",
    "TermForm": "termbase",
    "Termbase": "termbase",
    "TermbaseError": "termbase",
    "WARNING": "findings",
    "check_catalog": "run",
    "check_stories": "run",
    "check_story": "run",
    "compare_figures": "figures",
    "read_figures": "figures",
    "read_termbase": "termbase",
    "termbase_bytes": "termbase",
    "text_hash": "waivers",
    "waiver_comment": "waivers",
    "write_termbase": "termbase",
}

__all__ = [
    "CHECKS",
    "ERROR",
    "IGNORED",
    "WARNING",
    "Figure",
    "Finding",
    "Mismatch",
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

__getattr__, __dir__ = lazy_exports(
    __name__, _EXPORTS, ("completeness", "figures", "findings", "run", "termbase", "terms", "typography", "waivers")
)
