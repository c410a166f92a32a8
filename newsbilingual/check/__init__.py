"""Stage 2b, the checks: what a careful copy editor finds in a story's translations.

Takes a story's catalogs (and the newsroom's termbase) and gives :class:`Finding` objects:
figures compared by value, names and terms, typography, completeness. The desk's publish gate
refuses an edition while an error-level finding remains in the segments it prints.
"""

from .findings import ERROR, WARNING, Finding, Span

__all__ = ["ERROR", "WARNING", "Finding", "Span"]
