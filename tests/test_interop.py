"""Other systems read what we write: IPTC's newsmlg2 library, and Weblate's PO engine (translate-toolkit)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

NewsMLG2 = pytest.importorskip("NewsMLG2", reason="IPTC's newsmlg2 is in the test extra: pip install -e '.[test]'")

ID = "mianyang-high-tech-service"


def test_iptc_newsmlg2_reads_every_rendered_document(rendered):
    for name, data in rendered.items():
        item = NewsMLG2.NewsMLG2Document(data).get_item()
        assert item is not None, name
        if name.endswith("newsmessage.xml"):
            assert type(item).__name__ == "NewsMessage"
        else:
            assert item.guid and str(item.standardversion) == "2.35", name


def test_iptc_newsmlg2_sees_headline_genre_language_and_links(rendered):
    item = NewsMLG2.NewsMLG2Document(rendered[f"{ID}.commentary.zh-Hans.xml"]).get_item()
    assert str(item.contentmeta.headline) == "项目建设呼唤更多“高新服务”"
    assert item.contentmeta.genre.qcode == "genre:Opinion"
    assert [(str(name), name.xml_lang) for name in item.contentmeta.genre.name] == [
        ("Opinion", "en"),
        ("评论", "zh-Hans"),
    ]
    assert [str(language.tag) for language in item.contentmeta.language] == ["zh-Hans"]
    links = {link.rel: link.residref for link in item.itemmeta.link}
    assert links["nbrel:translationOf"].endswith(":commentary:en")
    assert links["nbrel:commentaryOn"].endswith(":article:zh-Hans")
    # The relations' scheme is under the provider's own domain, which a receiver can resolve.
    schemes = {scheme.alias: scheme.uri for scheme in item.catalog[0].scheme}
    assert schemes["nbrel"] == "https://www.mianyang-daily.example/cv/itemrelation/"


def test_weblate_po_engine_rewrites_only_the_entry_a_translator_edits():
    """Weblate saves PO files with translate-toolkit: our files come back byte for byte,
    and a changed translation changes that entry's lines only."""
    pypo = pytest.importorskip("translate.storage.pypo", reason="translate-toolkit is in the test extra")
    locales = Path(__file__).resolve().parents[1] / "locales"
    for path in [*locales.glob("*.pot"), *locales.glob("*/LC_MESSAGES/*.po")]:
        data = path.read_bytes()
        store = pypo.pofile(data)
        assert bytes(store) == data, path
    path = locales / "zh" / "LC_MESSAGES" / f"{ID}.po"
    store = pypo.pofile(path.read_bytes())
    unit = next(u for u in store.units if u.getcontext() == "commentary/headline")
    unit.target = "项目建设需要更多“高新服务”"
    changed = [
        line
        for line in difflib.unified_diff(path.read_text("utf-8").splitlines(), bytes(store).decode().splitlines(), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == ['-msgstr "项目建设呼唤更多“高新服务”"', '+msgstr "项目建设需要更多“高新服务”"']
