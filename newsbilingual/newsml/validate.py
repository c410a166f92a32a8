"""Validate NewsML-G2 documents: the official XSD, plus that every QCode alias is declared.

The XSD is never bundled: the user points at their copy with ``schema=`` (CLI ``--schema``) or
the ``NEWSBILINGUAL_SCHEMA`` environment variable. The schema alone does not check QCode
aliases (``zzz:text`` passes), so :func:`validate_document` also checks each alias against
the IPTC catalog v41 and the document's own inline catalogs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from ..errors import SchemaNotFoundError, XMLInputError
from ..story.newscodes import unknown_code
from .render import NAR_NS, QCODE_ATTRIBUTES
from .safexml import parse_xml
from .vocabulary import IPTC_CATALOG_URL, alias_of, iptc_schemes

SCHEMA_ENV = "NEWSBILINGUAL_SCHEMA"
SCHEMA_HELP = (
    "no NewsML-G2 schema given: pass --schema PATH or set NEWSBILINGUAL_SCHEMA to the file "
    "NewsML-G2_2.35-spec-All-Power.xsd (with xml.xsd beside it), from "
    "https://github.com/iptc/newsml-g2 (folder specification/)"
)


@dataclass(frozen=True)
class Problem:
    """One finding: where (file, line; 0 when the file could not be read) and what."""

    source: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


def schema_path(schema: str | Path | None = None) -> Path:
    """The XSD to use: the argument, else ``$NEWSBILINGUAL_SCHEMA``; a clear error if neither."""
    chosen = schema or os.environ.get(SCHEMA_ENV)
    if not chosen:
        raise SchemaNotFoundError(SCHEMA_HELP)
    path = Path(chosen)
    if not path.is_file():
        raise SchemaNotFoundError(f"schema file not found ({SCHEMA_HELP})", source=path)
    return path


@cache
def load_schema(path: Path) -> etree.XMLSchema:
    """Load the XSD from its file path (its ``xml.xsd`` import is relative), never the network."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    try:
        return etree.XMLSchema(etree.parse(str(path), parser))
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError) as error:
        raise SchemaNotFoundError(f"cannot load the schema: {error}", source=path) from None


def _declared_aliases(root: etree._Element) -> set[str]:
    declared: set[str] = set()
    for ref in root.iter(f"{{{NAR_NS}}}catalogRef"):
        if ref.get("href", "").replace("://iptc.org", "://www.iptc.org") == IPTC_CATALOG_URL:
            declared |= set(iptc_schemes())
    for scheme in root.iter(f"{{{NAR_NS}}}scheme"):
        declared.add(scheme.get("alias", ""))
    return declared


def check_qcodes(root: etree._Element, source: str) -> list[Problem]:
    """Every QCode alias in an item must be declared by its catalogRef or inline catalog.

    Codes of the IPTC vocabularies the library checks (genre, item and concept natures) must exist.
    """
    problems = []
    item_set = root.find(f"{{{NAR_NS}}}itemSet")
    items = [root] if item_set is None else list(item_set)
    for item in items:
        declared = _declared_aliases(item)
        for el in item.iter():
            if not isinstance(el.tag, str) or not el.tag.startswith(f"{{{NAR_NS}}}"):
                continue
            for name in QCODE_ATTRIBUTES:
                value = el.get(name)
                if value and ":" in value and alias_of(value) not in declared:
                    problems.append(
                        Problem(
                            source,
                            el.sourceline or 0,
                            f"QCode {value!r}: alias {alias_of(value)!r} is not declared in a catalog",
                        )
                    )
                elif value and (unknown := unknown_code(value)):
                    problems.append(Problem(source, el.sourceline or 0, unknown))
    return problems


def validate_document(data: bytes, *, source: str = "<bytes>", schema: str | Path | None = None) -> list[Problem]:
    """All problems of one document (empty list when valid)."""
    xsd = load_schema(schema_path(schema))
    root = parse_xml(data, source=source)
    problems = []
    if not xsd.validate(root.getroottree()):
        for error in xsd.error_log:
            problems.append(Problem(source, error.line, error.message))
    return problems + check_qcodes(root, source)


def validate_file(path: str | Path, *, schema: str | Path | None = None) -> list[Problem]:
    """Validate one file; an unreadable or malformed file comes back as a problem too.

    Only a missing or broken schema raises (:class:`SchemaNotFoundError`): no file can be checked then.
    """
    path = Path(path)
    xsd_path = schema_path(schema)
    try:
        return validate_document(path.read_bytes(), source=str(path), schema=xsd_path)
    except OSError as error:
        return [Problem(str(path), 0, error.strerror or str(error))]
    except XMLInputError as error:
        return [Problem(str(path), error.line or 0, error.message)]
