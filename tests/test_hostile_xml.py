"""Hostile XML: nothing is fetched, no entity is expanded, no DTD is read, sizes are bounded,
and malformed input is reported as ``file:line:column: message``."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsbilingual as nb
from newsbilingual.newsml.read import parse

ITEM = """<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:1" standard="NewsML-G2" \
standardversion="2.35"><itemMeta><itemClass qcode="ninat:text"/><provider uri="https://x.example/"/>\
<versionCreated>2025-01-01T00:00:00Z</versionCreated></itemMeta><contentMeta>{meta}</contentMeta></newsItem>"""

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">\n' for i in range(1, 10))
    + "]>\n"
    + ITEM.format(meta="<headline>&lol9;</headline>")
)
QUADRATIC = f'<!DOCTYPE q [<!ENTITY a "{"x" * 100_000}">]>\n' + ITEM.format(
    meta="<headline>" + "&a;" * 20_000 + "</headline>"
)


def refused(data: bytes | str, match: str = "DOCTYPE") -> nb.XMLInputError:
    with pytest.raises(nb.XMLInputError, match=match) as error:
        parse(data)
    return error.value


@pytest.mark.parametrize("document", [BILLION_LAUGHS, QUADRATIC], ids=["billion-laughs", "quadratic-blowup"])
def test_entity_bombs_are_refused_before_parsing(document):
    error = refused(document.encode())
    assert (error.source, error.line) == ("<bytes>", 1)


@pytest.mark.parametrize("references", [20_000, 10], ids=["bomb", "few-references"])
def test_doctype_behind_a_long_prolog_is_refused_without_expanding(tmp_path, references):
    """A DOCTYPE after 100 kB of comment is past the pre-check; the parser expands nothing
    (libxml2 even stops a bomb on its own), so memory stays bounded: measured in a fresh
    interpreter."""
    path = tmp_path / "bomb.xml"
    document = f'<!DOCTYPE q [<!ENTITY a "{"x" * 100_000}">]>\n'
    document += ITEM.format(meta="<headline>" + "&a;" * references + "</headline>")
    path.write_text("<!--" + "c" * 100_000 + "-->\n" + document, "utf-8")
    script = (
        "import resource, sys\n"
        "from newsbilingual.newsml.read import parse\n"
        "from newsbilingual.errors import XMLInputError\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n    parse(sys.argv[1])\nexcept XMLInputError as e:\n    print(e.message)\n"
        "print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60)
    message, grown_mb = result.stdout.splitlines()
    assert "DOCTYPE" in message or "amplification" in message
    assert int(grown_mb) < 50  # expanded, the bomb's headline alone would be 2 GB


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request made to it."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY secret "leaked">')

        def log_message(self, *args: object) -> None:
            return

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", requests
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("padding", ["", "<!--" + "p" * 70_000 + "-->"], ids=["plain", "past-the-pre-check"])
def test_external_dtd_and_entities_are_never_fetched(listener, padding):
    url, requests = listener
    documents = [
        f'{padding}<!DOCTYPE newsItem SYSTEM "{url}/x.dtd">' + ITEM.format(meta="<headline>&secret;</headline>"),
        f'{padding}<!DOCTYPE n [<!ENTITY % p SYSTEM "{url}/p.dtd"> %p;]>' + ITEM.format(meta=""),
        f'{padding}<!DOCTYPE n [<!ENTITY e SYSTEM "{url}/e.txt">]>' + ITEM.format(meta="<headline>&e;</headline>"),
    ]
    for document in documents:
        refused(document.encode())
    assert requests == []


def test_local_files_are_never_read_through_entities_or_xinclude(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", "utf-8")
    error = refused(
        f'<!DOCTYPE n [<!ENTITY e SYSTEM "file://{secret}">]>' + ITEM.format(meta="<headline>&e;</headline>")
    )
    assert "TOP-SECRET" not in str(error)
    xinclude = f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://{secret}" parse="text"/>'
    parsed = parse(ITEM.format(meta=xinclude + "<headline>H</headline>"))
    assert b"TOP-SECRET" not in parsed.to_bytes()
    assert b"xi:include" in parsed.to_bytes()  # kept as it came, never resolved


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("mark", ["\ufeff", ""], ids=["bom", "no-bom"])
def test_a_doctype_in_utf16_or_utf32_is_refused_before_parsing(encoding, mark):
    """Read in the encoding its first bytes show, the prolog's DOCTYPE is seen before libxml2
    parses anything: a bomb is refused as a DOCTYPE, not stopped half-way by libxml2."""
    declaration = f'<?xml version="1.0" encoding="{encoding[:6].upper()}"?>\n'
    bomb = mark + BILLION_LAUGHS.replace('<?xml version="1.0"?>\n', declaration)
    error = refused(bomb.encode(encoding))
    assert error.line == 1
    refused((mark + "<!DOCTYPE n []>" + ITEM.format(meta="")).encode(encoding))


def test_an_item_in_utf32_is_read():
    item = '<?xml version="1.0" encoding="UTF-32"?>\n' + ITEM.format(meta="<headline>中文</headline>")
    assert parse(item.encode("utf-32")).items[0].headline == "中文"


def test_size_limit_is_enforced_and_can_be_raised(tmp_path):
    data = ITEM.format(meta="<headline>" + "x" * 5000 + "</headline>").encode()
    for source in (data, data.decode()):
        with pytest.raises(nb.XMLInputError, match="over the limit of 4096"):
            parse(source, max_bytes=4096)
    path = tmp_path / "big.xml"
    path.write_bytes(data)
    with pytest.raises(nb.XMLInputError, match="over the limit") as error:
        parse(path, max_bytes=4096)
    assert error.value.source == str(path)
    with path.open("rb") as stream, pytest.raises(nb.XMLInputError, match="over the limit"):
        parse(stream, max_bytes=4096)
    assert parse(path, max_bytes=10_000).items[0].headline == "x" * 5000


class _Feeder(threading.Thread):
    """Writes ``data`` into the FIFO ``path`` in 4 kB pieces, as another process would, and
    counts what the reader took before closing its end."""

    def __init__(self, path: Path, data: bytes) -> None:
        super().__init__(daemon=True)
        self.path, self.data, self.written, self.cut_off = path, data, 0, False
        self.start()

    def run(self) -> None:
        try:
            with self.path.open("wb") as fifo:
                for start in range(0, len(self.data), 4096):
                    self.written += fifo.write(self.data[start : start + 4096])
                    fifo.flush()
        except BrokenPipeError:
            self.cut_off = True


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_read_up_to_the_limit_only(tmp_path):
    """A pipe (or /dev/stdin) has no size to check: it is read up to max_bytes + 1, then refused."""
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    item = ITEM.format(meta="<headline>H</headline>").encode()
    feeder = _Feeder(fifo, item)
    assert parse(fifo).items[0].headline == "H"
    feeder.join(timeout=10)
    feeder = _Feeder(fifo, item + b"<!--" + b"x" * 5_000_000 + b"-->")
    with pytest.raises(nb.XMLInputError, match="over the limit of 10000 bytes") as error:
        parse(str(fifo), max_bytes=10_000)
    assert error.value.source == str(fifo)
    feeder.join(timeout=10)
    # The reader closed the pipe after its 10,001 bytes: the rest (past the pipe's buffer) was never read.
    assert feeder.cut_off and feeder.written < len(feeder.data)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused_not_a_memory_error():
    with pytest.raises(nb.XMLInputError, match="document is over the limit of 1000000 bytes") as error:
        parse("/dev/zero", max_bytes=1_000_000)
    assert error.value.source == "/dev/zero"
    with open("/dev/zero", "rb") as stream, pytest.raises(nb.XMLInputError, match="over the limit of 0 bytes"):
        parse(stream, max_bytes=0)
    with pytest.raises(nb.XMLInputError, match="over the limit of -2 bytes"):
        parse("/dev/zero", max_bytes=-2)  # read(-1) would read for ever


def test_deep_nesting_is_refused_not_a_recursion_error():
    refused(ITEM.format(meta="<x>" * 5000 + "</x>" * 5000), match="Excessive depth")


def test_an_undeclared_entity_is_an_error():
    refused(ITEM.format(meta="<headline>&nbsp;</headline>"), match="Entity 'nbsp' not defined")


def test_malformed_xml_reports_file_line_and_column(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text('<?xml version="1.0"?>\n<newsItem>\n  <itemMeta attr=oops/>\n</newsItem>\n', "utf-8")
    with pytest.raises(nb.XMLInputError) as error:
        parse(path)
    assert (error.value.line, error.value.column) == (3, 18)  # 1-based: the "o" of oops
    assert str(error.value).startswith(f"{path}:3:18: ")
    assert "AttValue" in str(error.value)
