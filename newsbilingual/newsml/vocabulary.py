"""Controlled vocabularies: which QCode aliases exist and what scheme URI each stands for.

IPTC's catalog v41 is the reference: its aliases and URIs are kept as a compact table in
``data/iptc-catalog-v41.tsv`` (facts extracted from the catalog file, not the file itself).
IPTC mostly keeps an alias's scheme across catalog versions; the aliases earlier versions had
and v41 dropped (``icls``, the item class of catalogs 1-3) are in ``data/iptc-catalog-earlier.tsv``,
so a document is read with the version it names (:func:`iptc_schemes`, :func:`scheme_uri`).
The library's own relations and group roles, which IPTC has no code for, live in
:data:`LIBRARY_SCHEMES` and are declared in an inline ``<catalog>`` of every item using them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType
from urllib.parse import urlsplit

IPTC_CATALOG_URL = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml"

# IPTC has no item relation for "translation of" / "commentary on" and no group roles
# (see docs/newsml-g2-mapping.md), so the library declares its own schemes, under the provider's
# own domain (provider_schemes); these placeholders only for a provider without a web address.
PLACEHOLDER_DOMAIN = "https://newsbilingual.example/"
SCHEME_PATHS = MappingProxyType({"nbrel": "cv/itemrelation/", "nbgrp": "cv/grouprole/"})
LIBRARY_SCHEMES = MappingProxyType({alias: PLACEHOLDER_DOMAIN + path for alias, path in SCHEME_PATHS.items()})

# Relations between items and roles of package groups, as QCodes of the schemes above.
REL_TRANSLATION_OF = "nbrel:translationOf"
REL_HAS_TRANSLATION = "nbrel:hasTranslation"
REL_COMMENTARY_ON = "nbrel:commentaryOn"
REL_SEE_ALSO = "irel:seeAlso"
GROUP_MAIN = "nbgrp:main"
# The place of a message in a feed split into several (newsMessage header, headerExtProperty).
MESSAGE_SCHEME = ("nbmsg", "https://newsbilingual.example/cv/message/")
MESSAGE_SEQUENCE = "nbmsg:sequence"


# Any version of IPTC's standards catalog, its number captured.
IPTC_CATALOG_RE = re.compile(r"https?://(?:www\.)?iptc\.org/std/catalog/catalog\.IPTC-G2-Standards_([0-9]+)\.xml")
LATEST = 41


def _rows(name: str) -> list[list[str]]:
    text = resources.files(__package__).joinpath(f"data/{name}").read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def iptc_schemes(version: int = LATEST) -> MappingProxyType[str, str]:
    """Alias -> scheme URI for every scheme of IPTC's catalog ``version`` (v41's, and the
    aliases of earlier versions that v41 dropped, for those versions)."""
    table = {alias: uri for alias, uri in _rows("iptc-catalog-v41.tsv")}
    for alias, uri, first, last in _rows("iptc-catalog-earlier.tsv"):
        if int(first) <= version <= int(last):
            table.setdefault(alias, uri)
    return MappingProxyType(table)


def catalog_version(href: str) -> int | None:
    """The version of an IPTC standards catalog reference (3 for ``..._3.xml``), None for another."""
    match = IPTC_CATALOG_RE.fullmatch(href.strip())
    return int(match.group(1)) if match else None


def scheme_uri(alias: str, refs: Iterable[str], inline: Mapping[str, str]) -> str:
    """The scheme URI of ``alias`` as a document declares it: its inline schemes first, then
    each IPTC catalog version it refers to, in order; IPTC's latest when it refers to none (a
    provider's own catalog, which the library cannot read, usually extends IPTC's). Empty if
    none of them has the alias."""
    if alias in inline:
        return inline[alias]
    versions = [version for href in refs if (version := catalog_version(href)) is not None] or [LATEST]
    return next((uri for version in versions if (uri := iptc_schemes(version).get(alias))), "")


def provider_schemes(provider_uri: str) -> Mapping[str, str]:
    """The library's schemes under the provider's own domain (``https://www.mianyang-daily.example/``
    gives ``https://www.mianyang-daily.example/cv/itemrelation/``), so that a receiver can
    resolve them; :data:`LIBRARY_SCHEMES` for a provider without an http(s) URI."""
    parts = urlsplit(provider_uri)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return LIBRARY_SCHEMES
    return {alias: f"{parts.scheme}://{parts.netloc}/{path}" for alias, path in SCHEME_PATHS.items()}


def alias_of(qcode: str) -> str:
    """The scheme alias of a QCode (``genre`` for ``genre:Opinion``)."""
    return qcode.split(":", 1)[0]
