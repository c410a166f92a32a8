"""Validate NewsML-G2 documents: the official XSD, plus that every QCode alias is declared.

The XSD is never bundled: the user points at their copy with ``schema=`` (CLI ``--schema``) or
the ``NEWSBILINGUAL_SCHEMA`` environment variable. The schema alone does not check QCode
aliases (``zzz:text`` passes), so :func:`validate_document` also checks each alias against
the IPTC standards catalog of the version the item names (``icls:`` is an alias of catalogs
1-3 only: :func:`~newsbilingual.newsml.vocabulary.iptc_schemes`) and the document's own
inline catalogs. A catalog the library cannot know (a provider's remote one)
makes the aliases it might declare unverifiable: a warning naming it, not an error.
Documents are read within the same limits as :func:`newsbilingual.parse` (size, elements).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from ..errors import SchemaNotFoundError, XMLInputError
from ..story.newscodes import unknown_code
from .extras import NAR_NS
from .render import QCODE_ATTRIBUTES
from .safexml import DEFAULT_MAX_BYTES, DEFAULT_MAX_ELEMENTS, parse_xml, read_source
from .vocabulary import alias_of, catalog_version, iptc_schemes

SCHEMA_ENV = "NEWSBILINGUAL_SCHEMA"
SCHEMA_HELP = (
    "no NewsML-G2 schema given: pass --schema PATH or set NEWSBILINGUAL_SCHEMA to the file "
    "NewsML-G2_2.35-spec-All-Power.xsd (with xml.xsd beside it), from "
    "https://github.com/iptc/newsml-g2 (folder specification/)"
)


ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    """One finding: where (file, line; 0 when the file could not be read), what, and how bad: an
    ``error`` makes the document invalid, a ``warning`` (an alias that cannot be verified) does not."""

    source: str
    line: int
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        label = "warning: " if self.severity == WARNING else ""
        return f"{where}: {label}{self.message}"


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


def _declared_aliases(root: etree._Element) -> tuple[dict[str, str], list[etree._Element]]:
    """The aliases an item declares with their scheme URIs, and its references to catalogs the
    library cannot know."""
    declared: dict[str, str] = {}
    unknown = []
    for ref in root.iter(f"{{{NAR_NS}}}catalogRef"):
        version = catalog_version(ref.get("href", ""))
        if version is not None:
            declared.update(iptc_schemes(version))
        else:
            unknown.append(ref)
    for scheme in root.iter(f"{{{NAR_NS}}}scheme"):
        declared[scheme.get("alias", "")] = scheme.get("uri", "")
    return declared, unknown


def _is_iptc(qcode: str, declared: dict[str, str]) -> bool:
    """Whether the alias of ``qcode`` stands for IPTC's scheme of that name here (a provider may
    declare ``genre`` for a vocabulary of its own, whose codes are not IPTC's to check)."""
    alias = alias_of(qcode)
    return declared.get(alias) == iptc_schemes().get(alias)


def check_qcodes(root: etree._Element, source: str) -> list[Problem]:
    """Every QCode alias in an item must be declared by its catalogRef or inline catalog; where
    the item refers to a catalog the library cannot know, an undeclared alias may be declared
    there: a warning names that catalog instead.

    Codes of the IPTC vocabularies the library checks (genre, item and concept natures, publishing
    status, signal, content-production role, Media Topic: ``checked_aliases()``) must exist.
    """
    problems = []
    item_set = root.find(f"{{{NAR_NS}}}itemSet")
    items = [root] if item_set is None else [item for item in item_set if isinstance(item.tag, str)]
    for item in items:
        declared, unknown_catalogs = _declared_aliases(item)
        for ref in unknown_catalogs:
            message = f"catalog {ref.get('href', '')!r} is not one the library knows: its aliases are not verified"
            problems.append(Problem(source, ref.sourceline or 0, message, WARNING))
        if unknown_catalogs:
            continue
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
                elif value and _is_iptc(value, declared) and (no_such_code := unknown_code(value)):
                    problems.append(Problem(source, el.sourceline or 0, no_such_code))
    return problems


def validate_document(
    data: bytes,
    *,
    source: str = "<bytes>",
    schema: str | Path | None = None,
    schema_only: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_elements: int = DEFAULT_MAX_ELEMENTS,
) -> list[Problem]:
    """All problems of one document (none with severity ``error`` when valid). ``schema_only``
    checks the XSD alone, not the QCode aliases. Documents over ``max_bytes`` or with more than
    ``max_elements`` elements raise :class:`XMLInputError`."""
    xsd = load_schema(schema_path(schema))
    root = parse_xml(data, source=source, max_bytes=max_bytes, max_elements=max_elements)
    problems = []
    if not xsd.validate(root.getroottree()):
        for error in xsd.error_log:
            problems.append(Problem(source, error.line, error.message))
    return problems if schema_only else problems + check_qcodes(root, source)


def validate_file(
    path: str | Path,
    *,
    schema: str | Path | None = None,
    schema_only: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_elements: int = DEFAULT_MAX_ELEMENTS,
) -> list[Problem]:
    """Validate one file, read no further than ``max_bytes`` (a device or pipe too); see
    :func:`validate_document`. An unreadable, oversized or malformed file comes back as a problem
    too; only a missing or broken schema raises (:class:`SchemaNotFoundError`): no file can be
    checked then.
    """
    path = Path(path)
    xsd_path = schema_path(schema)
    try:
        data, name = read_source(path, max_bytes)
        return validate_document(
            data, source=name, schema=xsd_path, schema_only=schema_only, max_bytes=max_bytes, max_elements=max_elements
        )
    except OSError as error:
        return [Problem(str(path), 0, error.strerror or str(error))]
    except XMLInputError as error:
        return [Problem(str(path), error.line or 0, error.message)]
