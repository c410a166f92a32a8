"""The bilingual proof page: what it says (read with lxml) and how a real browser shows it.

The browser tests drive Debian's headless Chromium with Selenium and chromedriver from the OS
packages (no browser download). Without them they skip here, and fail in CI (CI=true), where
.ci/run installs them.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import lxml.etree
import lxml.html
import polib
import pytest

import newsbilingual as nb
from newsbilingual.check import ERROR, WARNING, Finding, Span
from newsbilingual.cli import main
from newsbilingual.desk.proof import word_diff

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "build"
ZH = "zh/LC_MESSAGES/mianyang-high-tech-service.po"
SCRIPT = '<script>window.pwned = 1; document.title = "pwned";</script>'


# --- the planted problems -------------------------------------------------------------------


def _entry(po: polib.POFile, context: str) -> polib.POEntry:
    return next(e for e in po if e.msgctxt == context and not e.obsolete)


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> dict:
    """A copy of the bundled catalogs with a wrong figure, a fuzzy entry, an untranslated one
    and a ``<script>`` in a paragraph, and the findings a check would give on them."""
    folder = tmp_path_factory.mktemp("planted")
    locales = folder / "locales"
    shutil.copytree(nb.locales_dir(), locales)
    story = nb.load_story(nb.SEED_STORY)
    po_path = locales / ZH
    po = polib.pofile(str(po_path))

    wrong = _entry(po, "article/body/p01")
    assert "提前5个月" in wrong.msgstr
    wrong.msgstr = wrong.msgstr.replace("提前5个月", "提前6个月")

    fuzzy = _entry(po, "article/body/p02")
    fuzzy.flags.append("fuzzy")
    fuzzy.previous_msgid = fuzzy.msgid.replace("two records", "three records").replace("normalized", "regular")

    _entry(po, "commentary/headline").msgstr = ""

    # A paragraph whose source and translation both carry a script: it must show as text.
    body = list(story.article.body)
    p05 = next(i for i, block in enumerate(body) if block.id == "p05")
    body[p05] = replace(body[p05], text=f"{body[p05].text} {SCRIPT}")
    story = replace(story, article=replace(story.article, body=tuple(body)))
    scripted = _entry(po, "article/body/p05")
    scripted.msgid = body[p05].text
    scripted.msgstr = f"{scripted.msgstr}{SCRIPT}"
    po.save(str(po_path))

    po = polib.pofile(str(po_path))  # read back for the line numbers as saved
    p01 = _entry(po, "article/body/p01")
    source_p01 = story.article.body[0].text
    caption = _entry(po, "photo/caption")
    findings = [
        Finding(
            file=str(po_path),
            line=p01.linenum,
            context="article/body/p01",
            check="figures",
            severity=ERROR,
            message="5 months in the source, 6 in the translation",
            language="zh-Hans",
            spans=(
                Span("source", source_p01.index("5 months"), source_p01.index("5 months") + 1),
                Span("target", p01.msgstr.index("6个月"), p01.msgstr.index("6个月") + 1),
            ),
        ),
        Finding(
            file=str(po_path),
            line=caption.linenum,
            context="photo/caption",
            check="typography",
            severity=WARNING,
            message="the caption starts with two characters to check",
            language="zh",
            spans=(Span("target", 0, 2),),
        ),
        Finding(str(po_path), 1, "article/body/p99", "completeness", ERROR, "entry for a removed paragraph", "zh"),
        Finding("en.po", 1, "article/headline", "typography", ERROR, "about the English catalog", "en"),
    ]
    html = nb.proof_html(story, locales, language="zh", findings=findings)
    page = folder / "planted.html"
    page.write_text(html, "utf-8")
    return {"story": story, "locales": locales, "po": po, "findings": findings, "html": html, "page": page}


def _expected_statuses(story: nb.Story, po: polib.POFile) -> dict[str, str]:
    """Each segment's status as the .po file says it, read with polib alone."""
    expected = {}
    for segment in nb.story_segments(story):
        entry = next((e for e in po if e.msgctxt == segment.context and e.msgid == segment.text), None)
        if entry is None or not entry.msgstr:
            expected[segment.context] = "untranslated"
        else:
            expected[segment.context] = "fuzzy" if entry.fuzzy else "translated"
    return expected


def _rows(html: str) -> dict[str, lxml.html.HtmlElement]:
    tree = lxml.html.document_fromstring(html)
    return {row.get("data-context"): row for row in tree.iter("article")}


def _marks(element, severity: str) -> list[str]:
    return [mark.text_content() for mark in element.iterfind(f".//mark[@class='finding {severity}']")]


# --- the page as text -----------------------------------------------------------------------


def test_bundled_story_has_a_row_per_segment_with_its_status_and_entry(tmp_path):
    out = tmp_path / "proof.html"
    assert main(["proof", "-o", str(out), "--locales", str(nb.locales_dir())]) == 0
    html = out.read_text("utf-8")
    story = nb.load_story(nb.SEED_STORY)
    po = polib.pofile(str(nb.locales_dir() / ZH))
    expected = _expected_statuses(story, po)
    rows = _rows(html)
    assert list(rows) == [segment.context for segment in nb.story_segments(story)]
    assert {context: row.get("data-status") for context, row in rows.items()} == expected
    for context, row in rows.items():
        entry = _entry(po, context)
        where = row.find_class("where")[0].text_content()
        assert where == f"locales/{ZH}:{entry.linenum}"
    tree = lxml.html.document_fromstring(html)
    counts = {el.get("data-count"): int(el.text_content()) for el in tree.iterfind(".//*[@data-count]")}
    assert counts["fuzzy"] == list(expected.values()).count("fuzzy") > 0
    assert counts["translated"] == list(expected.values()).count("translated")
    # The bundled zh catalog keeps five pinyin names fuzzy: render --strict would refuse them.
    gate = tree.find_class("gate")[0]
    assert gate.get("data-gate") == "refuse"
    assert {a.get("href") for a in gate.iter("a")} == {
        f"#row-{c}" for c, status in expected.items() if status != "translated"
    }


def test_every_cell_says_its_language_and_the_page_fetches_nothing(planted):
    tree = lxml.html.document_fromstring(planted["html"])
    cells = tree.find_class("cell")
    assert cells and all(cell.get("lang") for cell in cells)
    assert {cell.get("lang") for cell in tree.find_class("source")} == {"en"}
    assert {cell.get("lang") for cell in tree.find_class("target")} == {"zh-Hans"}
    # The fallback text inside a Chinese cell is English, and says so.
    assert {p.get("lang") for p in tree.find_class("fallback")} == {"en"}
    assert tree.xpath("//script | //link | //img | //iframe | //object | //embed") == []
    assert not tree.xpath("//@src | //@srcset")
    assert all(href.startswith("#") for href in tree.xpath("//@href"))
    css = "".join(style.text for style in tree.iter("style"))
    assert "url(" not in css and "@import" not in css


def test_planted_problems_show_on_their_rows(planted):
    rows = _rows(planted["html"])
    assert {c: row.get("data-status") for c, row in rows.items()} == _expected_statuses(planted["story"], planted["po"])
    assert rows["article/body/p02"].get("data-status") == "fuzzy"
    assert rows["commentary/headline"].get("data-status") == "untranslated"

    # The wrong figure is highlighted in both texts, and the finding is listed with its entry.
    p01 = rows["article/body/p01"]
    assert _marks(p01.find_class("source")[0], "error") == ["5"]
    assert _marks(p01.find_class("target")[0], "error") == ["6"]
    listed = p01.find_class("findings")[0].text_content()
    assert "figures" in listed and f"{ZH}:{_entry(planted['po'], 'article/body/p01').linenum}" in listed
    assert _marks(rows["photo/caption"].find_class("target")[0], "warning") == [
        _entry(planted["po"], "photo/caption").msgstr[:2]
    ]

    # Fuzzy: the previous source as a diff against the current one, the fuzzy text not printed.
    p02 = rows["article/body/p02"]
    changes = p02.find_class("changes")[0]
    assert [d.text_content() for d in changes.iter("del")] == ["regular", "three"]
    assert [i.text_content() for i in changes.iter("ins")] == ["normalized", "two"]
    target = p02.find_class("target")[0]
    assert target.find_class("fallback")[0].text_content() == planted["story"].article.body[1].text
    assert target.find_class("fuzzy-text")[0].text_content() == _entry(planted["po"], "article/body/p02").msgstr

    # Untranslated: the cell shows the source text the wire prints in its place.
    headline = rows["commentary/headline"].find_class("target")[0]
    assert headline.find_class("fallback")[0].text_content() == planted["story"].commentary.headline

    # The script is text in both cells.
    p05 = rows["article/body/p05"]
    assert SCRIPT in p05.find_class("source")[0].text_content()
    assert SCRIPT in p05.find_class("target")[0].text_content()
    assert "&lt;script&gt;" in planted["html"]


def test_summary_gate_refuses_on_an_error_in_a_printed_segment(planted):
    tree = lxml.html.document_fromstring(planted["html"])
    gate = tree.find_class("gate")[0]
    assert gate.get("data-gate") == "refuse"
    # render --strict refuses the error on p01 and every segment that prints the source text.
    rows = _rows(planted["html"])
    refused = {f"#row-{c}" for c, row in rows.items() if row.get("data-status") != "translated"}
    assert {a.get("href") for a in gate.iter("a")} == refused | {"#row-article/body/p01"}
    assert "#row-article/body/p01" not in refused
    counts = {el.get("data-count"): int(el.text_content()) for el in tree.iterfind(".//*[@data-count]")}
    assert (counts["error"], counts["warning"]) == (1, 1)
    summary = tree.get_element_by_id("summary").text_content()
    assert "article/body/p99" in summary  # a finding on no segment is listed, not dropped
    assert "about the English catalog" not in planted["html"]  # another edition's finding


def test_item_headers_give_each_editions_guid_version_status_and_links(planted):
    tree = lxml.html.document_fromstring(planted["html"])
    source, target = nb.story_editions(planted["story"], locales=planted["locales"], languages=["en", "zh"])
    for edition in (source, target):
        for _, item in edition.story.roles():
            box = tree.get_element_by_id(f"edition-{item.guid}")
            text = box.text_content()
            assert item.header.pub_status in text and str(item.header.version) in text
            assert [a.text_content() for a in box.iter("a")] == [link.residref for link in item.header.links]
            for link in item.header.links:
                assert link.rel in text


def test_item_headers_show_the_dateline_and_credit_as_the_wire_prints_them(planted):
    tree = lxml.html.document_fromstring(planted["html"])
    documents = nb.render_story(planted["story"], locales=planted["locales"], languages=["en", "zh"])
    checked = 0
    for name, data in documents.items():
        item = lxml.etree.fromstring(data)
        guid = item.get("guid")
        printed = [el.text for el in item.iter("{*}dateline")] + [el.text for el in item.iter("{*}creditline")]
        if not name.endswith((".en.xml", ".zh-Hans.xml")) or not printed:
            continue
        box = tree.get_element_by_id(f"edition-{guid}")
        assert box.get("lang") == item.get("{http://www.w3.org/XML/1998/namespace}lang")
        shown = {dt.text_content(): dd.text_content() for dt, dd in zip(box.iter("dt"), box.iter("dd"), strict=True)}
        assert printed == [value for label, value in shown.items() if label.endswith("as printed")]
        checked += 1
    assert checked >= 4  # the article's dateline and the photo's credit, in both editions


@dataclass(frozen=True)
class _HeaderWithEmbargo(nb.ItemHeader):
    """A header with a field the model may gain (as the embargo issue adds)."""

    embargoed: datetime | None = None


def test_item_header_marks_a_withheld_item_and_lists_fields_the_model_gains(tmp_path):
    story = nb.load_story(nb.SEED_STORY)
    embargo = datetime(2017, 12, 23, 6, 0, tzinfo=timezone(timedelta(hours=8)))
    header = _HeaderWithEmbargo(**{f.name: getattr(story.article.header, f.name) for f in fields(nb.ItemHeader)})
    header = replace(header, pub_status="stat:withheld", embargoed=embargo)
    # An embargo covers every item of a story.
    others = {role: replace(item, header=replace(item.header, embargoed=embargo)) for role, item in story.roles()}
    story = replace(story, **{**others, "article": replace(story.article, header=header)})
    tree = lxml.html.document_fromstring(nb.proof_html(story, nb.locales_dir()))
    for guid in (nb.edition_guid(header.guid, "en"), nb.edition_guid(header.guid, "zh-Hans")):
        box = tree.get_element_by_id(f"edition-{guid}")
        assert "alert" in box.get("class").split()
        shown = {dt.text_content(): dd for dt, dd in zip(box.iter("dt"), box.iter("dd"), strict=True)}
        assert shown["pubStatus"].text_content() == "stat:withheld"
        assert shown["pubStatus"].get("class") == "pubstatus-alert"
        assert shown["embargoed"].text_content() == embargo.isoformat()


def test_word_diff_is_by_words_in_english_and_by_characters_in_chinese():
    changes = word_diff("two records in the industry", "three records in industry")
    assert [(c.kind, c.text) for c in changes if c.kind != "equal"] == [
        ("delete", "two"),
        ("insert", "three"),
        ("delete", "the "),
    ]
    changes = word_diff("提前5个月", "提前6个月完成")
    assert [(c.kind, c.text) for c in changes if c.kind != "equal"] == [
        ("delete", "5"),
        ("insert", "6"),
        ("insert", "完成"),
    ]


def test_an_edition_without_a_catalog_is_an_error_naming_it(tmp_path):
    """A language is published (and proofed) only in itself: no catalog, no edition (issue 20)."""
    story = nb.load_story(nb.SEED_STORY)
    with pytest.raises(nb.CatalogError, match="no zh-Hans catalog"):
        nb.proof_html(story, tmp_path, language="zh-Hans")


def test_cli_refuses_bad_input_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "proof.html"
    assert main(["proof", "-o", str(out), "--lang", "en"]) == 2
    assert "source language" in capsys.readouterr().err
    assert main(["proof", "-o", str(out), "--lang", "xx"]) == 2
    locales = tmp_path / "locales"
    shutil.copytree(nb.locales_dir(), locales)
    broken = locales / ZH
    lines = broken.read_text("utf-8").split("\n")
    lines[40] = 'msgstr "unterminated'
    broken.write_text("\n".join(lines), "utf-8")
    assert main(["proof", "-o", str(out), "--locales", str(locales)]) == 2
    assert f"{broken}:41:" in capsys.readouterr().err
    assert not out.exists() and list(tmp_path.iterdir()) == [locales]


# --- the page in a real browser -------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium from the OS packages, logging console messages and network requests."""
    missing = [name for name, path in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER)) if not path]
    reason = f"{' and '.join(missing)} not installed (apt-get install chromium chromium-driver)" if missing else ""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        reason = reason or "selenium not installed (pip install -e '.[test]')"
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}: CI must run the browser tests")
        pytest.skip(reason)

    profile = Path(os.environ.get("TMPDIR", "/tmp")) / f"newsbilingual-chromium-{os.getpid()}"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    # The driver's path is given: Selenium Manager has nothing to download.
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _open(driver, page: Path, width: int) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": width, "height": 1000, "deviceScaleFactor": 1, "mobile": False}
    )
    driver.get_log("performance")  # forget what came before
    driver.get_log("browser")
    driver.get(page.as_uri())


# Requests the browser makes for itself (a new Chromium loads chrome://new-tab-page beside any
# page), never for the page: they say nothing about what the page fetches.
_BROWSER_OWN = ("chrome:", "chrome-untrusted:", "chrome-extension:", "devtools:", "about:")


def _requests(driver) -> list[str]:
    """The URLs requested while the page loaded, the browser's own internal pages left out."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if not url.startswith(_BROWSER_OWN):
                urls.append(url)
    return urls


def _boxes(driver, context: str) -> dict[str, dict]:
    return driver.execute_script(
        """const row = document.getElementById('row-' + arguments[0]);
        const box = (el) => { const r = el.getBoundingClientRect(); return {left: r.left, right: r.right,
            top: r.top, bottom: r.bottom}; };
        return {source: box(row.querySelector('.cell.source')), target: box(row.querySelector('.cell.target'))};""",
        context,
    )


@pytest.mark.parametrize("which", ["bundled", "planted"])
def test_browser_shows_the_page_without_script_errors_or_requests(browser, planted, tmp_path, which):
    if which == "bundled":
        page = tmp_path / "bundled.html"
        assert main(["proof", "-o", str(page), "--locales", str(nb.locales_dir())]) == 0
        story, po = nb.load_story(nb.SEED_STORY), polib.pofile(str(nb.locales_dir() / ZH))
    else:
        page, story, po = planted["page"], planted["story"], planted["po"]
    BUILD.mkdir(exist_ok=True)
    for width in (1280, 375):
        _open(browser, page, width)
        assert _requests(browser) == [page.as_uri()]
        errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
        assert errors == []
        statuses = browser.execute_script(
            """return Array.from(document.querySelectorAll('article.row'), (row) =>
                [row.dataset.context, row.querySelector('.status').innerText.split(' · ')[0].trim()]);"""
        )
        assert dict(statuses) == _expected_statuses(story, po)
        assert browser.execute_script("return document.documentElement.scrollWidth") <= width
        context = "article/body/p01"
        boxes = _boxes(browser, context)
        source, target = boxes["source"], boxes["target"]
        if width == 1280:  # side by side: same top, the edition right of the source
            assert abs(source["top"] - target["top"]) < 1 and target["left"] >= source["right"]
        else:  # stacked: the edition under the source, at the same left edge
            assert target["top"] >= source["bottom"] and abs(source["left"] - target["left"]) < 1
        browser.execute_script("arguments[0].scrollIntoView()", browser.find_element("id", f"row-{context}"))
        assert browser.save_screenshot(str(BUILD / f"proof-{which}-{width}.png"))


def test_browser_highlights_the_wrong_figures_and_does_not_run_the_script(browser, planted):
    _open(browser, planted["page"], 1280)
    marked = browser.execute_script(
        """return Array.from(document.querySelectorAll('mark.finding.error'), (mark) =>
            [mark.closest('.cell').classList.contains('source') ? 'source' : 'target', mark.innerText,
             getComputedStyle(mark).backgroundColor]);"""
    )
    assert [(side, text) for side, text, _ in marked] == [("source", "5"), ("target", "6")]
    assert all(colour not in ("rgba(0, 0, 0, 0)", "transparent") for _, _, colour in marked)
    ran = browser.execute_script("return [window.pwned === undefined, document.title, document.scripts.length]")
    assert ran[0] is True and ran[2] == 0 and "pwned" not in ran[1]
    shown = browser.execute_script("return document.getElementById('row-article/body/p05').innerText")
    assert shown.count(SCRIPT) == 2
    assert _requests(browser) == [planted["page"].as_uri()]


def test_browser_prints_on_a4_with_the_columns_side_by_side(browser, planted):
    _open(browser, planted["page"], 1280)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        boxes = _boxes(browser, "article/body/p01")
        assert browser.execute_script("return getComputedStyle(document.querySelector('nav')).display") == "none"
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert abs(boxes["source"]["top"] - boxes["target"]["top"]) < 1
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"]
    media_box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", base64.b64decode(pdf))
    assert media_box, "no page size in the PDF"
    width, height = (float(value) for value in media_box.groups())
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)  # A4 in mm


def test_browser_checks_see_a_request_and_a_console_error(browser, tmp_path):
    """The two detectors above do detect: a page that loads an image from a closed local port."""
    page = tmp_path / "fetches.html"
    page.write_text('<!DOCTYPE html><html lang="en"><img src="http://127.0.0.1:9/x.png" alt=""></html>', "utf-8")
    _open(browser, page, 1280)
    assert "http://127.0.0.1:9/x.png" in _requests(browser)
    assert [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def test_requests_of_the_browser_itself_are_not_the_pages(browser, planted):
    """chrome:// pages that Chromium opens by itself are left out; the page's own request stays."""
    _open(browser, planted["page"], 1280)
    browser.execute_script("window.open('chrome://new-tab-page/', '_blank')")
    assert _requests(browser) == [planted["page"].as_uri()]


def test_a_row_with_an_error_shows_it_on_its_pill(planted):
    rows = _rows(planted["html"])
    pill = rows["article/body/p01"].find_class("status")[0]
    assert rows["article/body/p01"].get("data-status") == "translated"
    assert pill.text_content() == "translated · 1 error"
    assert "worst-error" in pill.get("class").split()
    caption = rows["photo/caption"].find_class("status")[0]
    assert caption.text_content().endswith(" · 1 warning") and "worst-warning" in caption.get("class").split()
    clean = [row for row in rows.values() if not row.find_class("findings")]
    assert clean and all(" · " not in row.find_class("status")[0].text_content() for row in clean)


def test_problems_only_view_lists_every_row_with_a_problem_and_needs_no_script(planted):
    tree = lxml.html.document_fromstring(planted["html"])
    rows = _rows(planted["html"])
    problems = {c for c, row in rows.items() if row.get("data-status") != "translated" or row.find_class("findings")}
    assert {c for c, row in rows.items() if "problem" in row.get("class").split()} == problems
    link = tree.xpath("//a[@data-view='problems']")[0]
    assert link.get("href") == "#problems-only" and f"({len(problems)})" in link.text_content()
    assert tree.get_element_by_id("problems-only") is not None and tree.xpath("//script") == []


def test_browser_problems_only_hides_the_rows_without_problems(browser, planted):
    _open(browser, planted["page"], 1280)
    browser.find_element("css selector", "a[data-view='problems']").click()
    shown = browser.execute_script(
        """return Array.from(document.querySelectorAll('article.row'))
            .filter((row) => row.getClientRects().length > 0).map((row) => row.dataset.context);"""
    )
    rows = _rows(planted["html"])
    assert set(shown) == {c for c, row in rows.items() if "problem" in row.get("class").split()}
    assert 0 < len(shown) < len(rows)
    browser.find_element("css selector", "a[data-view='all']").click()
    assert browser.execute_script(
        "return Array.from(document.querySelectorAll('article.row')).every((r) => r.getClientRects().length > 0)"
    )


def test_browser_summary_fits_a_phone_without_breaking_a_word(browser, tmp_path):
    """At 375 px no word of the summary is cut across two lines and the gate banner stays short."""
    page = tmp_path / "bundled.html"
    assert main(["proof", "-o", str(page), "--locales", str(nb.locales_dir())]) == 0
    _open(browser, page, 375)
    broken = browser.execute_script(
        """const broken = [];
        const walker = document.createTreeWalker(document.getElementById('summary'), NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.parentElement.closest('code, .where, .guid, details')) continue;  // ids may wrap anywhere
            for (const match of node.data.matchAll(/[A-Za-z]+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index); range.setEnd(node, match.index + match[0].length);
                const tops = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
                if (tops.size > 1) broken.push(match[0]);
            }
        }
        return broken;"""
    )
    assert broken == []
    gate = browser.execute_script("return document.querySelector('.gate').getBoundingClientRect().height")
    assert gate < 160, f"the gate banner is {gate}px high on a phone"


def test_bidirectional_controls_are_shown_not_applied(tmp_path, browser):
    """A right-to-left override would show 12.11 as 11.21 to the editor while the checks read 12.11."""
    locales = tmp_path / "locales"
    shutil.copytree(nb.locales_dir(), locales)
    po = polib.pofile(str(locales / ZH))
    entry = _entry(po, "article/body/p01")
    entry.msgstr = "\u202e" + entry.msgstr + "\u202c"
    po.save(str(locales / ZH))
    html = nb.proof_html(nb.load_story(nb.SEED_STORY), locales, language="zh")
    assert "\u202e" not in html and "\u202c" not in html
    target = _rows(html)["article/body/p01"].find_class("target")[0]
    controls = target.find_class("control")
    assert [c.text_content() for c in controls] == ["U+202E", "U+202C"]
    assert "RIGHT-TO-LEFT OVERRIDE" in controls[0].get("title")
    assert all(p.get("dir") == "auto" for p in target.iter("p"))
    page = tmp_path / "bidi.html"
    page.write_text(html, "utf-8")
    _open(browser, page, 1280)
    shown = browser.execute_script(
        "return document.getElementById('row-article/body/p01').querySelector('.target .text').innerText"
    )
    assert shown.startswith("U+202E") and entry.msgstr[1:-1] in shown


def test_without_findings_the_page_says_no_checks_ran(tmp_path, capsys):
    html = nb.proof_html(nb.load_story(nb.SEED_STORY), nb.locales_dir(), language="zh")
    tree = lxml.html.document_fromstring(html)
    assert tree.find_class("unchecked")[0].get("data-checked") == "no"
    # A catalogs folder that does not exist is an error, not an all-English "edition".
    assert main(["proof", "-o", str(tmp_path / "p.html"), "--locales", str(tmp_path / "nope")]) == 2
    assert "no such catalogs folder" in capsys.readouterr().err and not (tmp_path / "p.html").exists()
