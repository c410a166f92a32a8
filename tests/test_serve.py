"""`newsbilingual serve` against a real uvicorn on a loopback port, talked to with httpx.

The wire is made by the real `publish` (the bundled story and catalogs); partners by the real
`partner` command. Each server listens on a socket bound before it starts, so a request sent
before uvicorn is ready waits in the socket's backlog instead of failing: no sleeps, no polling.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

import newsbilingual as nb
from newsbilingual.atomic import CRASH_ENV
from newsbilingual.cli import main

httpx = pytest.importorskip("httpx")
uvicorn = pytest.importorskip("uvicorn")

ARTICLE = "urn:newsml:mianyang-daily.example:20171222:high-tech-service:article"
PACKAGE = "urn:newsml:mianyang-daily.example:20171222:high-tech-service:package"
EMBARGO = datetime.fromisoformat("2017-12-23T07:00:00+08:00")
BEFORE, AFTER = datetime(2017, 12, 22, 20, tzinfo=UTC), datetime(2017, 12, 23, 1, tzinfo=UTC)
NEWS_MESSAGE = "application/vnd.iptc.g2.newsmessage+xml; charset=utf-8"
TIMEOUT = 30.0
# Publications made while a partner pages (3 versions each); read before conftest clears NEWSBILINGUAL_*.
PUBLISHES = int(os.environ.get("NEWSBILINGUAL_SERVE_PUBLISHES", "20"))


class Clock:
    """The server's clock, set by the test (embargoes are decided on it)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Wire:
    root: Path
    story: Path
    wire: Path
    ledger: Path
    partners: Path
    keys: dict[str, str]


@dataclass
class Server:
    client: httpx.Client
    clock: Clock
    base: str
    port: int

    def get(self, target: str, key: str | None = None, **headers: str) -> httpx.Response:
        if key:
            headers["Authorization"] = f"Bearer {key}"
        return self.client.get(target, headers=headers)


def _publish(
    story: Path, wire: Path, ledger: Path, *extra: str, env: dict | None = None
) -> subprocess.CompletedProcess:
    # The bundled story's zh catalog keeps five pinyin names fuzzy: sent as they are, on purpose.
    command = [sys.executable, "-m", "newsbilingual", "publish", str(story), "-o", str(wire), "--ledger", str(ledger)]
    command.append("--allow-source-text")
    return subprocess.run(
        [*command, "--locales", str(story.parent / "locales"), *extra],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
        cwd=story.parent,
    )


def _add_partner(partners: Path, name: str, *options: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "newsbilingual", "partner", "add", name, "--partners", str(partners), *options],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def _make_wire(root: Path, *, embargo: bool) -> Wire:
    root.mkdir(parents=True, exist_ok=True)
    story = root / "story.toml"
    text = Path(nb.SEED_STORY).read_text("utf-8")
    if embargo:
        text = text.replace(
            'genre = "genre:Current"\n', 'genre = "genre:Current"\nembargoed = 2017-12-23 07:00:00+08:00\n'
        )
    story.write_text(text, "utf-8")
    shutil.copytree(nb.locales_dir(), root / "locales")
    wire, ledger, partners = root / "wire", root / "wire.sqlite", root / "partners.sqlite"
    done = _publish(story, wire, ledger)
    assert done.returncode == 0, done.stderr
    keys = {
        "all": _add_partner(partners, "All", "--languages", "*", "--embargoed"),
        "en": _add_partner(partners, "English desk", "--languages", "en"),
        "zh": _add_partner(partners, "Chinese desk", "--languages", "zh", "--genres", "genre:Current"),
    }
    return Wire(root, story, wire, ledger, partners, keys)


@contextmanager
def _serve(wire: Wire, clock: Clock, root_path: str = "") -> Iterator[Server]:
    from newsbilingual.serve.app import WireService, create_app

    service = WireService(wire.ledger, wire.wire, wire.partners, clock=clock)
    # IPPROTO_TCP: asyncio sets TCP_NODELAY only on sockets that say so (as uvicorn's own are).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)  # connections wait here until uvicorn accepts them
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(service), log_level="warning", server_header=False, lifespan="off", root_path=root_path
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=TIMEOUT) as client:
            yield Server(client, clock, base, port)
    finally:
        server.should_exit = True
        thread.join(TIMEOUT)
        sock.close()
        service.close()


@pytest.fixture(scope="module")
def wire(tmp_path_factory) -> Wire:
    return _make_wire(tmp_path_factory.mktemp("serve"), embargo=True)


@pytest.fixture(scope="module")
def server(wire) -> Iterator[Server]:
    with _serve(wire, Clock(AFTER)) as running:
        yield running


def _guids(message: bytes) -> list[tuple[str, int]]:
    root = nb.parse(message)
    return [(item.header.guid, item.header.version) for item in root.items]


def _page_all(server: Server, key: str, since: str = "0", limit: int = 5, **params: str) -> tuple[list, str]:
    """Every item version of the feed from ``since`` on, page by page; and the last cursor."""
    seen = []
    cursor = since
    while True:
        response = server.client.get(
            "/feed", params={"since": cursor, "limit": limit, **params}, headers={"Authorization": f"Bearer {key}"}
        )
        assert response.status_code in (200, 204), response.text
        assert (
            response.headers["Link"]
            == f"</feed?since={response.headers['Next-Cursor']}&limit={limit}"
            + (f"&lang={params['lang']}" if "lang" in params else "")
            + '>; rel="next"'
        )
        cursor = response.headers["Next-Cursor"]
        if response.status_code == 204:
            return seen, cursor
        seen += _guids(response.content)


# --- health, keys, entitlements -------------------------------------------------------------


def test_health_needs_no_key_and_reports_the_wire(server):
    response = server.get("/health")
    assert response.status_code == 200
    assert response.json()["versions"] == 13  # 3 items x 4 languages (en, zh-Hans, zh-Hant-TW, -HK) + the package
    assert response.json()["waiting_for_publication"] is None


def test_every_other_request_needs_a_valid_key(server, wire):
    for target in ("/feed", f"/items/{ARTICLE}:en"):
        assert server.get(target).status_code == 401
        assert server.get(target).headers["WWW-Authenticate"] == "Bearer"
        assert server.get(target, "nbk_0000_wrong").status_code == 401
        assert server.get(target, wire.keys["all"] + "x").status_code == 401
        assert server.client.get(target, headers={"Authorization": wire.keys["all"]}).status_code == 401
        assert server.get(target, wire.keys["all"]).status_code == 200


def test_only_a_hash_of_the_key_is_stored(wire):
    stored = wire.partners.read_bytes()
    for key in wire.keys.values():
        assert key.startswith("nbk_")
        assert key.split("_", 2)[2].encode() not in stored


def test_a_revoked_key_is_refused_from_the_next_request(tmp_path, server, wire, capsys):
    assert main(["partner", "add", "Short-lived", "--languages", "en", "--partners", str(wire.partners)]) == 0
    key = capsys.readouterr().out.strip()
    assert server.get("/feed", key).status_code == 200
    assert main(["partner", "revoke", "Short-lived", "--partners", str(wire.partners)]) == 0
    assert server.get("/feed", key).status_code == 401
    assert main(["partner", "list", "--partners", str(wire.partners)]) == 0
    listed = capsys.readouterr().out
    assert "Short-lived  en  all genres  after embargo  revoked" in listed
    assert "English desk  en  all genres  after embargo  active" in listed


def test_languages_and_genres_are_entitlements(server, wire):
    en, zh = wire.keys["en"], wire.keys["zh"]
    assert server.get(f"/items/{ARTICLE}:en", en).status_code == 200
    assert server.get(f"/items/{ARTICLE}:zh-Hans", en).status_code == 403
    # "zh" covers zh-Hans and zh-Hant-TW; the Chinese desk takes news (genre:Current), not opinion.
    assert server.get(f"/items/{ARTICLE}:zh-Hant-TW", zh).status_code == 200
    commentary = ARTICLE.replace(":article", ":commentary")
    assert server.get(f"/items/{commentary}:zh-Hans", zh).status_code == 403
    assert server.get("/feed?lang=zh-Hans", en).status_code == 403
    seen, _ = _page_all(server, en)
    assert {guid.rsplit(":", 1)[1] for guid, _ in seen if "package" not in guid} == {"en"}
    seen, _ = _page_all(server, zh)
    assert not [guid for guid, _ in seen if ":commentary:" in guid]
    assert {guid for guid, _ in seen if ":photo:" in guid}  # a photo has no genre: not refused for one


def test_the_feed_is_valid_newsml_in_ledger_order_with_lang_filter(server, wire, schema):
    response = server.get("/feed?limit=100", wire.keys["all"])
    assert response.headers["Content-Type"] == NEWS_MESSAGE
    assert nb.document_problems({"feed.xml": response.content}, schema=schema) == []
    ledger = nb.open_ledger(wire.ledger)
    try:
        expected = [(row.guid, row.version) for row in ledger.history()]
    finally:
        ledger.close()
    assert _guids(response.content) == expected
    paged, _ = _page_all(server, wire.keys["all"], limit=3)
    assert paged == expected
    english, _ = _page_all(server, wire.keys["all"], lang="en")
    assert [g for g, _ in english] == [g for g, _ in expected if g.endswith(":en") or "package" in g]


# --- HTTP: conditional requests, gzip, types, versions ----------------------------------------


def test_etag_304_gzip_and_content_types(server, wire):
    key = wire.keys["all"]
    plain = server.get(f"/items/{ARTICLE}:en", key, **{"Accept-Encoding": "identity"})
    assert plain.status_code == 200
    assert plain.headers["Content-Type"] == "application/vnd.iptc.g2.newsitem+xml; charset=utf-8"
    assert plain.content == (wire.wire / "mianyang-high-tech-service.article.en.v1.xml").read_bytes()
    assert "Content-Encoding" not in plain.headers
    zipped = server.client.get(
        f"/items/{ARTICLE}:en", headers={"Authorization": f"Bearer {key}", "Accept-Encoding": "gzip"}
    )
    assert zipped.headers["Content-Encoding"] == "gzip" and zipped.content == plain.content
    for etag in (plain.headers["ETag"], zipped.headers["ETag"]):
        again = server.get(f"/items/{ARTICLE}:en", key, **{"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
    changed = server.get(f"/items/{ARTICLE}:en", key, **{"If-None-Match": '"other"'})
    assert changed.status_code == 200
    package = server.get(f"/items/{PACKAGE}", key)
    assert package.headers["Content-Type"] == "application/vnd.iptc.g2.packageitem+xml; charset=utf-8"
    feed = server.get("/feed", key)
    assert server.get("/feed", key, **{"If-None-Match": feed.headers["ETag"]}).status_code == 304
    with server.client.stream(
        "GET", "/feed", headers={"Authorization": f"Bearer {key}", "Accept-Encoding": "gzip"}
    ) as zipped_feed:
        assert zipped_feed.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(b"".join(zipped_feed.iter_raw())) == feed.content


def test_items_by_version_and_unknown_ones(server, wire):
    key = wire.keys["all"]
    assert server.get(f"/items/{ARTICLE}:en?version=1", key).status_code == 200
    assert server.get(f"/items/{ARTICLE}:en?version=2", key).status_code == 404
    assert server.get("/items/urn:nothing", key).status_code == 404


# --- security --------------------------------------------------------------------------------


def _raw(server: Server, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT) as connection:
        connection.sendall(request)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_no_path_from_a_request_reaches_a_file(server, wire):
    key = wire.keys["all"]
    (wire.root / "secret.txt").write_text("secret", "utf-8")
    for target in (
        "/items/..%2Fsecret.txt",
        "/items/mianyang-high-tech-service.article.en.v1.xml",
        "/items/%2e%2e/%2e%2e/secret.txt",
        "/items/../wire.sqlite",
        "/items/%00",
    ):
        response = server.get(target, key)
        assert response.status_code in (400, 404), target
        assert b"secret" not in response.content
    raw = _raw(
        server,
        b"GET /items/../../secret.txt HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
        + wire.keys["all"].encode()
        + b"\r\nConnection: close\r\n\r\n",
    )
    assert raw.startswith(b"HTTP/1.1 404") and b"secret" not in raw.split(b"\r\n\r\n", 1)[1]


def test_hostile_parameters_and_headers_are_refused_cleanly(server, wire):
    key = wire.keys["all"]
    refused = {
        "/feed?limit=1001": 400,
        "/feed?limit=0": 400,
        "/feed?limit=-1": 400,
        "/feed?limit=1e3": 400,
        "/feed?since=abc": 400,
        "/feed?since=1.2.3.4": 400,
        "/feed?since=" + "9" * 30: 400,
        "/feed?since=0&since=1": 400,
        "/feed?lang=en%0d%0aSet-Cookie:x": 400,
        "/feed?evil=1": 400,
        "/feed?lang=" + "a" * 3000: 414,
        f"/items/{ARTICLE}:en?version=x": 400,
        f"/items/{ARTICLE}:en?version=99999999999": 400,
    }
    for target, status in refused.items():
        response = server.get(target, key)
        assert response.status_code == status, (target, response.status_code)
        assert b"Traceback" not in response.content and len(response.content) < 300
    assert server.client.post("/feed", headers={"Authorization": f"Bearer {key}"}).status_code == 405
    body = server.client.request("GET", "/feed", content=b"x" * 10, headers={"Authorization": f"Bearer {key}"})
    assert body.status_code == 413
    huge = _raw(server, b"GET /feed HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 70000 + b"\r\n\r\n")
    assert re.match(rb"HTTP/1.1 4\d\d", huge), huge[:80]
    assert server.get("/health").status_code == 200  # and the server is still there


def test_behind_a_proxy_the_links_name_its_path_prefix(tmp_path):
    wire = _make_wire(tmp_path, embargo=False)
    with _serve(wire, Clock(AFTER), root_path="/api") as server:
        page = server.get("/feed?limit=4", wire.keys["en"])
        assert page.status_code == 200
        assert page.headers["Link"] == f'</api/feed?since={page.headers["Next-Cursor"]}&limit=4>; rel="next"'


def test_loopback_is_the_default_address():
    from newsbilingual.cli import build_parser

    args = build_parser().parse_args(["serve", "--wire", "w"])
    assert args.host == "127.0.0.1"


def test_serve_refuses_a_missing_partners_file_or_ledger(tmp_path, capsys):
    wire = tmp_path / "wire"
    wire.mkdir()
    assert main(["serve", "--wire", str(wire), "--ledger", str(tmp_path / "none.sqlite")]) == 2
    assert "none.sqlite: no such ledger file" in capsys.readouterr().err
    foreign = tmp_path / "foreign.sqlite"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.commit()
    assert main(["partner", "list", "--partners", str(foreign)]) == 2
    assert "is not a newsbilingual partners file" in capsys.readouterr().err
    assert main(["partner", "add", "X", "--partners", str(tmp_path / "p.sqlite")]) == 2
    assert "at least one language" in capsys.readouterr().err


# --- embargo, withdrawal, publishing while paging ---------------------------------------------


def test_an_embargoed_item_appears_for_a_partner_without_embargoed_copy_once_its_time_passes(tmp_path):
    wire = _make_wire(tmp_path, embargo=True)
    clock = Clock(BEFORE)
    with _serve(wire, clock) as server:
        en = wire.keys["en"]
        held, cursor = _page_all(server, en)
        # The article's embargo is the story's: it covers the commentary, the photo and the package too.
        assert held == []
        assert server.get(f"/items/{ARTICLE}:en", en).status_code == 403
        everything, _ = _page_all(server, wire.keys["all"])
        assert (f"{ARTICLE}:en", 1) in everything  # entitled to embargoed copy
        # Still before the time: nothing more; a new version published meanwhile comes through.
        assert _page_all(server, en, since=cursor) == ([], cursor)
        clock.now = AFTER
        released, cursor = _page_all(server, en, since=cursor)
        # Released together, in (embargo, ledger) order.
        story_items = [f"{ARTICLE.replace('article', role)}:en" for role in ("article", "commentary", "photo")]
        assert sorted(released) == sorted([(guid, 1) for guid in story_items] + [(PACKAGE, 1)])
        assert _page_all(server, en, since=cursor)[0] == []
        assert server.get(f"/items/{ARTICLE}:en", en).status_code == 200
        # A server whose clock is behind the one that gave the cursor sends nothing again, then or later.
        clock.now = BEFORE
        behind, later = _page_all(server, en, since=cursor)
        clock.now = AFTER
        assert behind == [] and _page_all(server, en, since=later)[0] == []
        # From the start, after the time, it comes once, in ledger order.
        fresh, _ = _page_all(server, en)
        assert sorted(fresh) == sorted(held + released) and len(fresh) == len(set(fresh))


def test_a_withdrawn_item_answers_with_its_withdrawal_never_its_text(tmp_path, schema):
    wire = _make_wire(tmp_path, embargo=False)
    with _serve(wire, Clock(AFTER)) as server:
        key = wire.keys["all"]
        before, cursor = _page_all(server, key)
        withdraw = [sys.executable, "-m", "newsbilingual", "withdraw", str(wire.story), "-o", str(wire.wire)]
        done = subprocess.run(
            [*withdraw, "--ledger", str(wire.ledger), "--reason", "Sent in error."],
            capture_output=True,
            text=True,
            check=False,
            cwd=wire.root,
        )
        assert done.returncode == 0, done.stderr
        latest = server.get(f"/items/{ARTICLE}:en", key)
        assert latest.status_code == 200
        item = nb.parse(latest.content).items[0]
        assert item.header.pub_status == "stat:canceled" and item.header.version == 2
        assert b"contentSet" not in latest.content and b"Withdrawn: Sent in error." in latest.content
        assert nb.document_problems({"withdrawn.xml": latest.content}, schema=schema) == []
        old = server.get(f"/items/{ARTICLE}:en?version=1", key)
        assert old.status_code == 410 and old.content == latest.content
        assert old.headers["Link"] == f'</items/{ARTICLE}:en?version=2>; rel="latest-version"'
        first = (wire.wire / "mianyang-high-tech-service.article.en.v1.xml").read_bytes()
        paragraph = re.search(rb"<p[ >][^<]*?([^<>]{40,})", first).group(1)
        assert paragraph in first and paragraph not in old.content and b"inlineXML" not in old.content
        after, _ = _page_all(server, key, since=cursor)
        assert [version for _, version in after] == [2] * len(before)
        # From the start: the withdrawn versions' text is not sent again, their withdrawals are.
        fresh, _ = _page_all(server, key)
        assert fresh == after


def test_a_publish_killed_after_its_commit_holds_the_feed_until_it_is_finished(tmp_path):
    wire = _make_wire(tmp_path, embargo=False)
    with _serve(wire, Clock(AFTER)) as server:
        key = wire.keys["all"]
        _, cursor = _page_all(server, key)
        wire.story.write_text(wire.story.read_text("utf-8").replace("Speeds up", "Speeds Up"), "utf-8")
        killed = _publish(wire.story, wire.wire, wire.ledger, env={CRASH_ENV: "committed"})
        assert killed.returncode != 0
        health = server.get("/health").json()
        assert health["waiting_for_publication"] == 2
        assert server.get(f"/items/{ARTICLE}:en?version=2", key).status_code == 404
        assert _page_all(server, key, since=cursor) == ([], cursor)
        # The next publish finishes it (moves its files in); then the feed goes on.
        wire.story.write_text(wire.story.read_text("utf-8").replace("Speeds Up", "Speeds up"), "utf-8")
        assert _publish(wire.story, wire.wire, wire.ledger).returncode == 0
        more, _ = _page_all(server, key, since=cursor)
        assert [version for guid, version in more if guid.endswith(":article:en")] == [2, 3]
        assert server.get("/health").json()["waiting_for_publication"] is None


PUBLISHER = """
import sys
from pathlib import Path
import newsbilingual as nb

story_file, wire, ledger, count = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
locales = story_file.parent / "locales"
text = story_file.read_text("utf-8")
book = nb.open_ledger(ledger)
for number in range(count):
    story_file.write_text(text.replace("Speeds up", f"Speeds up ({number})"), "utf-8")
    story = nb.load_story(story_file)
    nb.publish_story(story, wire, ledger=book, locales=locales, languages=["en", "zh-Hans"], allow_source_text=True)
book.close()
"""


def test_paging_while_publish_runs_in_another_process_sees_every_version_once_in_order(tmp_path):
    publishes = PUBLISHES
    wire = _make_wire(tmp_path, embargo=False)
    script = tmp_path / "publisher.py"
    script.write_text(PUBLISHER, "utf-8")
    with _serve(wire, Clock(AFTER)) as server:
        key = wire.keys["all"]
        publisher = subprocess.Popen(
            [sys.executable, str(script), str(wire.story), str(wire.wire), str(wire.ledger), str(publishes)],
            stderr=subprocess.PIPE,
        )
        seen, cursor, pages = [], "0", 0
        try:
            # Page as fast as the server answers until the publisher is done and the feed is drained.
            while True:
                finished = publisher.poll() is not None
                response = server.get(f"/feed?since={cursor}&limit=7", key)
                assert response.status_code in (200, 204)
                cursor = response.headers["Next-Cursor"]
                pages += 1
                if response.status_code == 200:
                    seen += _guids(response.content)
                elif finished:
                    break
        finally:
            publisher.wait(TIMEOUT * 10)
        assert publisher.returncode == 0, publisher.stderr.read().decode()
    ledger = nb.open_ledger(wire.ledger)
    try:
        expected = [(row.guid, row.version) for row in ledger.history()]
    finally:
        ledger.close()
    assert len(expected) >= 10 + 3 * publishes  # at least article en + zh-Hans and the package, each time
    assert seen == expected
    assert pages > 2


def _snapshot(wire: Wire) -> dict[str, bytes]:
    """Every file of the ledger and the wire folder (its hidden staging area included), as bytes."""
    files = [wire.ledger, *(path for path in wire.wire.rglob("*") if path.is_file())]
    return {str(path): path.read_bytes() for path in files}


def test_the_serve_command_runs_uvicorn_on_loopback_and_never_writes_the_wire(tmp_path):
    wire = _make_wire(tmp_path, embargo=False)
    before = _snapshot(wire)
    command = [sys.executable, "-m", "newsbilingual", "serve", "--wire", str(wire.wire), "--ledger", str(wire.ledger)]
    server = subprocess.Popen(
        [*command, "--partners", str(wire.partners), "--port", "0"], stderr=subprocess.PIPE, text=True
    )
    try:
        # uvicorn says where it listens once it does (port 0: the system picked one).
        for line in server.stderr:
            if found := re.search(r"running on http://127\.0\.0\.1:(\d+)", line, re.I):
                break
        else:
            pytest.fail(f"serve stopped: exit {server.wait()}")
        base = f"http://127.0.0.1:{found.group(1)}"
        assert httpx.get(f"{base}/health", timeout=TIMEOUT).json()["versions"] == 13
        key = {"Authorization": f"Bearer {wire.keys['all']}"}
        assert httpx.get(f"{base}/feed", headers=key, timeout=TIMEOUT).status_code == 200
        assert httpx.get(f"{base}/items/{ARTICLE}:en", headers=key, timeout=TIMEOUT).status_code == 200
    finally:
        server.terminate()
        server.wait(TIMEOUT)
    assert _snapshot(wire) == before
