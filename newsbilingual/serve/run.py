"""Running the wire service under uvicorn, bound to loopback unless told otherwise."""

from __future__ import annotations

from pathlib import Path

from ..errors import NewsbilingualError

LOOPBACK = "127.0.0.1"
# Request headers larger than this are refused by the HTTP parser (bytes).
MAX_HEADER_BYTES = 16 * 1024
# Connections served at once; more are answered 503 at once rather than queued without bound.
MAX_CONNECTIONS = 200


def serve_wire(
    ledger: str | Path,
    wire: str | Path,
    partners: str | Path,
    *,
    host: str = LOOPBACK,
    port: int = 8000,
    sender: str = "newsbilingual",
    root_path: str = "",
    forwarded_allow_ips: str | None = None,
) -> None:
    """Serve the wire until interrupted. ``forwarded_allow_ips``: the reverse proxies whose
    ``X-Forwarded-For``/``-Proto`` headers are believed (none by default)."""
    try:
        import uvicorn
    except ImportError:
        raise NewsbilingualError("serve needs its extra: pip install 'newsbilingual[serve]'") from None
    from .app import WireService, create_app

    service = WireService(ledger, wire, partners, sender=sender)
    config = uvicorn.Config(
        create_app(service),
        host=host,
        port=port,
        root_path=root_path,
        proxy_headers=forwarded_allow_ips is not None,
        forwarded_allow_ips=forwarded_allow_ips,
        server_header=False,
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        limit_concurrency=MAX_CONNECTIONS,
    )
    try:
        uvicorn.Server(config).run()
    finally:
        service.close()
