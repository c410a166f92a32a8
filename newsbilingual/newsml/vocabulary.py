"""Controlled vocabularies: which QCode aliases exist and what scheme URI each stands for.

IPTC's catalog v41 is the reference: its aliases and URIs are kept as a compact table in
``data/iptc-catalog-v41.tsv`` (facts extracted from the catalog file, not the file itself).
IPTC keeps an alias's scheme across catalog versions, so a document referring to any
``catalog.IPTC-G2-Standards_NN.xml`` is read and validated with this table.
The library's own relations and group roles, which IPTC has no code for, live in
:data:`LIBRARY_SCHEMES` and are declared in an inline ``<catalog>`` of every item using them.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from types import MappingProxyType

IPTC_CATALOG_URL = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml"

# IPTC has no item relation for "translation of" / "commentary on" and no group roles
# (see docs/newsml-g2-mapping.md), so the library declares its own schemes.
LIBRARY_SCHEMES = MappingProxyType(
    {
        "nbrel": "https://newsbilingual.example/cv/itemrelation/",
        "nbgrp": "https://newsbilingual.example/cv/grouprole/",
    }
)

# Relations between items and roles of package groups, as QCodes of the schemes above.
REL_TRANSLATION_OF = "nbrel:translationOf"
REL_HAS_TRANSLATION = "nbrel:hasTranslation"
REL_COMMENTARY_ON = "nbrel:commentaryOn"
REL_SEE_ALSO = "irel:seeAlso"
GROUP_MAIN = "nbgrp:main"
# The place of a message in a feed split into several (newsMessage header, headerExtProperty).
MESSAGE_SCHEME = ("nbmsg", "https://newsbilingual.example/cv/message/")
MESSAGE_SEQUENCE = "nbmsg:sequence"


@cache
def iptc_schemes() -> MappingProxyType[str, str]:
    """Alias -> scheme URI for every scheme of the IPTC catalog v41."""
    text = resources.files(__package__).joinpath("data/iptc-catalog-v41.tsv").read_text("utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return MappingProxyType({alias: uri for alias, uri in pairs})


def alias_of(qcode: str) -> str:
    """The scheme alias of a QCode (``genre`` for ``genre:Opinion``)."""
    return qcode.split(":", 1)[0]
