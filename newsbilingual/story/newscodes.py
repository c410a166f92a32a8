"""The IPTC NewsCodes whose codes the library checks: genre, item nature, concept nature,
publishing status, signal, content-production role and Media Topic.

A QCode such as ``genre:Curent`` is well-formed and its alias is declared, so neither the XSD
nor the alias check notices the typo; these vocabularies are small and stable enough to ship
(``iptc-newscodes.tsv``, with each one's source and date; ``scripts/refresh_newscodes.py``
refreshes it; the Media Topics, current and retired, come from IPTC's spreadsheet export). The
table lives in the story stage because the model and story files are checked against it, and
the ``newsml`` validator (a later stage) reads it from here.
"""

from __future__ import annotations

import difflib
from functools import cache
from importlib import resources
from types import MappingProxyType


@cache
def checked_vocabularies() -> MappingProxyType[str, frozenset[str]]:
    """Scheme alias -> its codes, for the vocabularies the library checks (``genre``, ``medtop`` ...)."""
    text = resources.files(__package__).joinpath("iptc-newscodes.tsv").read_text("utf-8")
    codes: dict[str, set[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            alias, code = line.split("\t")
            codes.setdefault(alias, set()).add(code)
    return MappingProxyType({alias: frozenset(found) for alias, found in codes.items()})


def unknown_code(qcode: str) -> str | None:
    """Why ``qcode`` is not a code of a checked vocabulary (with a "did you mean"), or None when it is fine.

    QCodes of other schemes (a provider's own, IPTC's larger ones) are not checked here.
    """
    alias, _, code = qcode.partition(":")
    codes = checked_vocabularies().get(alias)
    if codes is None or code in codes:
        return None
    by_lower = {known.lower(): known for known in codes}
    close = [by_lower[code.lower()]] if code.lower() in by_lower else difflib.get_close_matches(code, codes, n=1)
    hint = f"; did you mean '{alias}:{close[0]}'?" if close else ""
    return f"{qcode!r} is not an IPTC {alias} code{hint}"


def checked_aliases() -> tuple[str, ...]:
    """The IPTC vocabularies whose codes are checked, by alias (what ``validate`` reports)."""
    return tuple(sorted(checked_vocabularies()))
