"""Severity as a copy editor sees it: meaning is an error, typography and length are warnings;
quotes left open as the source leaves them; lengths weighed, not counted. Real .po files, public API."""

from __future__ import annotations

from pathlib import Path

import polib

import newsbilingual as nb


def findings(tmp_path: Path, source: str, target: str, language: str, source_language: str) -> list[nb.Finding]:
    po = polib.POFile()
    po.metadata = {"Language": language, "X-Source-Language": source_language}
    po.append(polib.POEntry(msgctxt="article/body/p01", msgid=source, msgstr=target))
    path = tmp_path / f"{language}.po"
    po.save(str(path))
    return nb.check_catalog(path)


def test_typography_is_a_warning(tmp_path):
    found = findings(tmp_path, "The zone grew fast.", "高新区 发展很快.", "zh_Hans", "en")
    assert {(f.check, f.severity) for f in found} == {("typography", nb.check.WARNING)}
    assert len(found) == 2  # the space between Han characters, the ASCII full stop


def test_a_quote_the_source_leaves_open_may_stay_open(tmp_path):
    """A quote over several paragraphs: each but the last opens without closing, in both texts."""
    opened = '"For enterprises, to grasp the construction is to grasp the benefit.'
    assert findings(tmp_path, opened, "“对企业来说，抓建设就是抓效益。", "zh_Hans", "en") == []
    closing = 'At present, we have made two adjustments," he said.'
    assert findings(tmp_path, closing, "目前，我们已经做了两次调整。”他说。", "zh_Hans", "en") == []
    # An open quote in the source excuses an open quote, not a bracket.
    curly = "“对企业来说，抓建设就是抓效益。"
    found = findings(
        tmp_path, curly, "(For enterprises, to grasp the construction is to grasp the benefit.", "en", "zh_Hans"
    )
    assert [f.message for f in found] == ["opening '(' is never closed"]


def test_a_quote_left_open_in_the_translation_alone_is_found(tmp_path):
    found = findings(tmp_path, '"We grew," he said.', "“我们增长了，他说。", "zh_Hans", "en")
    assert [(f.check, f.severity, f.message) for f in found] == [
        ("typography", nb.check.WARNING, "opening '“' is never closed")
    ]


def test_latin_glosses_do_not_make_a_translation_look_long_or_short(tmp_path):
    """Names kept in Latin beside their Chinese form weigh what they weigh in the English."""
    source = "Furious residents have savaged Solihull Council saying it was 'useless at dealing with the problem'."
    target = "愤怒的居民对索利赫尔委员会 (Solihull Council) 进行了猛烈的批评，称其“在处理这个问题时表现很差劲”。"
    assert [f for f in findings(tmp_path, source, target, "zh_Hans", "en") if f.check == "length"] == []
    source = "麦维他公司的所有人普拉迪 (Pladis) 斯表示，过去几年来，公司已经向该工厂投资了 500 多万英镑。"
    target = "McVitie's owner Pladis said it had invested more than £5m at the site in the last few years."
    assert [f for f in findings(tmp_path, source, target, "en", "zh_Hans") if f.check == "length"] == []


def test_a_dropped_sentence_is_still_a_length_warning(tmp_path):
    source = (
        "Mianyang has set up a high-tech service team for major projects. The team follows each project from "
        "signing to production, and has cut the time from land supply to construction by half this year."
    )
    target = "绵阳为重大项目组建了高新服务队。"
    [short] = [f for f in findings(tmp_path, source, target, "zh_Hans", "en") if f.check == "length"]
    assert short.severity == nb.check.WARNING and "dropped text?" in short.message
