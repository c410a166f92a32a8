"""Other systems read what we write: IPTC's own NewsML-G2 library (newsmlg2) on every document."""

from __future__ import annotations

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
    assert [str(language.tag) for language in item.contentmeta.language] == ["zh-Hans"]
    links = {link.rel: link.residref for link in item.itemmeta.link}
    assert links["nbrel:translationOf"].endswith(":commentary:en")
    assert links["nbrel:commentaryOn"].endswith(":article:zh-Hans")
