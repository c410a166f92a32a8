"""Load test of `newsbilingual serve` against Starlette's StaticFiles serving the same bytes, in one run.

Publishes the bundled story (and edits of it) into a temporary wire, starts two uvicorn servers on
loopback ports, each in its own process: ours, and a Starlette app whose StaticFiles serves a copy
of the wire folder plus one feed page's bytes as a file. A single httpx client (keep-alive) then
sends a fixed number of requests to each, the two interleaved in rounds, and prints requests per
second and p50/p99 latency for `/items/{guid}` and for `/feed` pages of 100 items:

    python benchmarks/bench_serve.py                 # 2,000 requests per case (about a minute)
    python benchmarks/bench_serve.py --requests 500 --rounds 5

Loopback only, bounded (it stops by itself), needs the extras `serve` and `test` (httpx).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

import newsbilingual as nb
from newsbilingual.serve.partners import add_partner

SERVER = """
import socket, sys
import uvicorn
kind, wire, ledger, partners, static = sys.argv[1:6]
if kind == "serve":
    from newsbilingual.serve.app import WireService, create_app
    app = create_app(WireService(ledger, wire, partners))
else:
    from starlette.applications import Starlette
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles
    app = Starlette(routes=[Mount("/", StaticFiles(directory=static))])
# IPPROTO_TCP: asyncio sets TCP_NODELAY only on sockets that say so (else Nagle adds ~40 ms a response).
sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
sock.bind(("127.0.0.1", 0))
sock.listen(128)
print(sock.getsockname()[1], flush=True)
uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False)).run(sockets=[sock])
"""


def _wire(root: Path, publishes: int) -> tuple[Path, Path, Path, list[str]]:
    """A wire of the bundled story published ``publishes`` + 1 times; its guids (one per version)."""
    story_file = root / "story.toml"
    text = Path(nb.SEED_STORY).read_text("utf-8")
    shutil.copytree(nb.locales_dir(), root / "locales")
    wire, ledger_file, partners = root / "wire", root / "wire.sqlite", root / "partners.sqlite"
    ledger = nb.open_ledger(ledger_file)
    try:
        for number in range(publishes + 1):
            story_file.write_text(text if number == 0 else text.replace("Speeds up", f"Speeds up ({number})"), "utf-8")
            nb.publish_story(
                nb.load_story(story_file), wire, ledger=ledger, locales=root / "locales", allow_source_text=True
            )
        rows = ledger.history()
    finally:
        ledger.close()
    return wire, ledger_file, partners, [f"{row.guid}?version={row.version}|{row.files[0]}" for row in rows]


def _start(kind: str, wire: Path, ledger: Path, partners: Path, static: Path) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER, kind, str(wire), str(ledger), str(partners), str(static)],
        stdout=subprocess.PIPE,
        text=True,
    )
    port = process.stdout.readline().strip()
    if not port.isdigit():
        process.kill()
        raise SystemExit(f"the {kind} server did not start")
    return process, f"http://127.0.0.1:{port}"


def _run(client: httpx.Client, targets: list[str], count: int, start: int) -> list[float]:
    """``count`` GETs cycling through ``targets``; each one's latency in seconds."""
    latencies = []
    for number in range(start, start + count):
        began = time.perf_counter()
        response = client.get(targets[number % len(targets)])
        latencies.append(time.perf_counter() - began)
        if response.status_code != 200:
            raise SystemExit(f"{targets[number % len(targets)]}: {response.status_code} {response.text[:200]}")
    return latencies


def _figures(latencies: list[float]) -> tuple[float, float, float]:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return len(ordered) / sum(ordered), statistics.median(ordered) * 1000, p99 * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per case and server (default 2000)")
    parser.add_argument("--rounds", type=int, default=4, help="interleaved rounds (default 4)")
    parser.add_argument("--publishes", type=int, default=25, help="publications of the story (default 25)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        wire, ledger, partners, versions = _wire(root, args.publishes)
        _, key = add_partner(partners, "bench", languages=["*"], embargoed=True)
        static = root / "static"
        shutil.copytree(wire, static)
        servers = [_start(kind, wire, ledger, partners, static) for kind in ("serve", "static")]
        try:
            headers = {"Authorization": f"Bearer {key}", "Accept-Encoding": "identity"}
            ours = httpx.Client(base_url=servers[0][1], headers=headers, timeout=30)
            theirs = httpx.Client(base_url=servers[1][1], headers={"Accept-Encoding": "identity"}, timeout=30)
            page = ours.get("/feed", params={"since": 0, "limit": 100})
            assert (
                page.status_code == 200
                and page.content.count(b"<newsItem") + page.content.count(b"<packageItem") == 100
            )
            (static / "feed-page.xml").write_bytes(page.content)
            cases = {
                "/items/{guid}": (
                    [f"/items/{entry.split('|')[0]}" for entry in versions],
                    [f"/{entry.split('|')[1]}" for entry in versions],
                ),
                "/feed, 100 items": (["/feed?since=0&limit=100"], ["/feed-page.xml"]),
            }
            # Both return the same bytes.
            assert ours.get(cases["/items/{guid}"][0][0]).content == theirs.get(cases["/items/{guid}"][1][0]).content
            assert theirs.get("/feed-page.xml").content == page.content
            print(f"{len(versions)} item versions on the wire, feed page {len(page.content) / 1024:.0f} kB")
            print(f"{'case':18} {'server':10} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
            verdicts = []
            for name, (our_targets, static_targets) in cases.items():
                _run(ours, our_targets, 50, 0), _run(theirs, static_targets, 50, 0)  # warm up
                measured: dict[str, list[float]] = {"serve": [], "static": []}
                share = max(1, args.requests // args.rounds)
                for round_number in range(args.rounds):
                    measured["serve"] += _run(ours, our_targets, share, round_number * share)
                    measured["static"] += _run(theirs, static_targets, share, round_number * share)
                figures = {server: _figures(latencies) for server, latencies in measured.items()}
                for server, (rate, p50, p99) in figures.items():
                    print(f"{name:18} {server:10} {rate:8.0f} {p50:8.2f} {p99:8.2f}")
                ratio = figures["static"][0] / figures["serve"][0]
                bound = 2.0 if name.startswith("/items") else 3.0
                print(f"{name:18} {'ratio':10} {ratio:8.2f}x slower than static (goal <= {bound}x), p99 goal < 50 ms")
                verdicts.append(ratio <= bound and figures["serve"][2] < 50)
            ours.close()
            theirs.close()
        finally:
            for process, _ in servers:
                process.terminate()
                process.wait(30)
    print("all goals met" if all(verdicts) else "a goal was missed")
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
