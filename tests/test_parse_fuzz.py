"""Mutated valid documents: the parser returns objects or raises an XMLInputError naming the
document, never anything else; what it returns renders back to what it read (or it warns what
not), and a second round trip changes nothing at all."""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

from conftest import fixed_clock, shared_files
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from test_parse import fidelity

import newsbilingual as nb
from newsbilingual.newsml.read import parse

TOKENS = [
    b"<",
    b">",
    b"&",
    b"&amp;",
    b'"',
    b"</x>",
    b"<x>",
    b"<!-- c -->",
    b"<![CDATA[ ]]>",
    b"]]>",
    b'<!DOCTYPE x [<!ENTITY a "b">]>',
    b"&a;",
    b"\x00",
    b"\xff\xfe",
    "é中".encode(),
    b' xml:lang="zz_ZZ"',
    b' version="0"',
    b' qcode="no qcode"',
    b' role=""',
    b"2017-13-45T99:00:00",
    b"<headline/>",
    b'<subject literal="a b"/>',
    b"<creator/>",
    b'<link rel="x"/>',
]
VALUES = [
    *("", " ", "x", "0", "-1", "zz_ZZ", "a b", "no:", ":x", "2017-13-45", "é", "\t\n", "99999999999999999999"),
    *("²", "٣", "3", "+3", " 7 ", "2025-01-01", "20250101T000000Z", "2025-01-01T24:00:00Z", "2025-01-01T23:59:60Z"),
]


@cache
def corpus() -> list[bytes]:
    """Valid documents: the bundled story's and the IPTC examples that parse."""
    rendered = nb.render_story(nb.load_story(nb.SEED_STORY), locales=nb.locales_dir(), clock=fixed_clock)
    documents = list(rendered.values())
    for path in shared_files("newsml-g2/examples/*/*.xml"):
        if not isinstance(path, Path):  # ../shared is absent: the bundled story's documents alone
            break
        try:
            parse(path)
        except nb.XMLInputError:
            continue
        documents.append(path.read_bytes())
    return documents


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    position = rng.randrange(len(data))
    match rng.randrange(4):
        case 0:
            return data[:position] + data[position + rng.randrange(1, 40) :]
        case 1:
            return data[:position] + rng.choice(TOKENS) + data[position:]
        case 2:
            return data[:position] + data[position : position + 60] + data[position:]
        case _:
            return data[:position] + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8))) + data[position:]


def _mutate_tree(data: bytes, rng: random.Random) -> bytes:
    """A well-formed mutation: reaches the reader rather than the XML parser."""
    root = etree.fromstring(data)
    element = rng.choice([el for el in root.iter() if isinstance(el.tag, str)])
    parent = element.getparent()
    match rng.randrange(5):
        case 0 if parent is not None:
            parent.remove(element)
        case 1 if parent is not None:
            parent.insert(parent.index(element), etree.fromstring(etree.tostring(element)))
        case 2 if element.attrib:
            element.set(rng.choice(list(element.attrib)), rng.choice(VALUES))
        case 3 if element.attrib:
            del element.attrib[rng.choice(list(element.attrib))]
        case _:
            element.text = rng.choice(VALUES)
    return etree.tostring(root)


@settings(max_examples=500, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), document=st.integers(0, 100), steps=st.integers(1, 4))
def test_mutated_documents_parse_or_raise_the_librarys_errors(seed, document, steps):
    rng = random.Random(seed)
    documents = corpus()
    data = documents[document % len(documents)]
    mutate = _mutate_tree if rng.random() < 0.6 else _mutate_bytes
    for _ in range(steps):
        try:
            data = mutate(data, rng)
        except etree.XMLSyntaxError:
            break
    try:
        parsed = parse(data)
    except nb.XMLInputError as error:
        assert error.message and error.source == "<bytes>"
        return
    written = parsed.to_bytes()
    if not any("not kept" in warning.message for warning in parsed.warnings):
        assert fidelity(etree.fromstring(written)) == fidelity(etree.fromstring(data))
    assert parse(written).to_bytes() == written
