"""The partner-facing HTTP API: an ASGI application (Starlette), run by uvicorn (``newsbilingual serve``).

Endpoints (see docs/serve.md): ``GET /feed``, ``GET /items/{guid}``, ``GET /health``. Every request
but ``/health`` needs ``Authorization: Bearer KEY``. Handlers are ``async`` and do their (short,
bounded) work inline: a ledger read is one small query when the ledger changed, documents come from
a cache, and a page is at most :data:`~.paging.MAX_LIMIT` items.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from lxml import etree
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ..desk.ledger import LedgerError
from ..newsml.extras import NAR_NS
from ..newsml.render import message_header
from .ledgerview import LedgerView
from .paging import DEFAULT_LIMIT, MAX_LIMIT, feed_page, parse_cursor
from .partners import Partner, PartnerBook, language_matches
from .wireindex import Document, Entry, WireIndex, micros

log = logging.getLogger("newsbilingual.serve")

NEWS_MESSAGE = "application/vnd.iptc.g2.newsmessage+xml; charset=utf-8"
NEWS_ITEM = "application/vnd.iptc.g2.newsitem+xml; charset=utf-8"
PACKAGE_ITEM = "application/vnd.iptc.g2.packageitem+xml; charset=utf-8"
MAX_TARGET_BYTES = 2048  # path plus query string
_FEED_PARAMETERS = {"since", "limit", "lang"}
_ITEM_PARAMETERS = {"version"}
_VARY = "Authorization, Accept-Encoding"
_LANGUAGE_TAG = re.compile(r"\A[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*\Z")


class _Bounds:
    """Refuses, before routing, what no endpoint takes: a long target, a request body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = dict(scope["headers"])
            refusal = None
            if len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"") > MAX_TARGET_BYTES:
                refusal = PlainTextResponse("request target too long", status_code=414)
            elif headers.get(b"content-length", b"0") != b"0" or b"transfer-encoding" in headers:
                refusal = PlainTextResponse("requests take no body", status_code=413)
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _accepts_gzip(request: Request) -> bool:
    """Accept-Encoding names gzip (or ``*``) with a non-zero quality."""
    accepted = {}
    for part in request.headers.get("accept-encoding", "").split(","):
        coding, _, parameters = part.strip().partition(";")
        quality = 1.0
        name, _, value = parameters.strip().partition("=")
        if name.strip() == "q":
            try:
                quality = float(value)
            except ValueError:
                quality = 0.0
        accepted[coding.strip().lower()] = quality
    return accepted.get("gzip", accepted.get("*", 0.0)) > 0


def _not_modified(request: Request, etag: str) -> bool:
    tags = {tag.strip().removeprefix("W/") for tag in request.headers.get("if-none-match", "").split(",")}
    return "*" in tags or etag in tags or etag[:-1] + '-gzip"' in tags


def _send(
    request: Request, document: Document, media_type: str, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """``document`` as the response: gzipped when asked for, 304 when the client has it."""
    headers = {"Cache-Control": "private, no-cache", "Vary": _VARY, **(headers or {})}
    if status == 200 and _not_modified(request, document.etag):
        return Response(status_code=304, headers={**headers, "ETag": document.etag})
    if document.gzipped is not None and _accepts_gzip(request):
        gzip_etag = document.etag[:-1] + '-gzip"'
        headers.update({"ETag": gzip_etag, "Content-Encoding": "gzip"})
        return Response(document.gzipped, status_code=status, headers=headers, media_type=media_type)
    headers["ETag"] = document.etag
    return Response(document.body, status_code=status, headers=headers, media_type=media_type)


def _single(request: Request, allowed: set[str]) -> dict[str, str]:
    """The query parameters, each given at most once and known to the endpoint."""
    unknown = set(request.query_params) - allowed
    if unknown:
        raise HTTPException(400, f"unknown query parameter: {sorted(unknown)[0][:40]}")
    for name in request.query_params:
        if len(request.query_params.getlist(name)) > 1:
            raise HTTPException(400, f"{name} given twice")
    return dict(request.query_params)


def _number(text: str, name: str, low: int, high: int) -> int:
    if not text.isascii() or not text.isdigit() or len(text) > 10 or not low <= int(text) <= high:
        raise HTTPException(400, f"{name} must be a whole number from {low} to {high}")
    return int(text)


class WireService:
    """The state behind the endpoints: the wire index, the partners, the clock."""

    def __init__(
        self,
        ledger: str | Path,
        wire: str | Path,
        partners: str | Path,
        *,
        sender: str = "newsbilingual",
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.index = WireIndex(LedgerView(ledger), Path(wire))
        self.partners = PartnerBook(partners)
        self.sender = sender
        self.clock = clock
        self._stalled: tuple[int | None, float] = (None, time.monotonic())

    def close(self) -> None:
        self.index.ledger.close()
        self.partners.close()

    def refresh(self) -> None:
        try:
            self.index.refresh()
        except LedgerError as error:
            log.error("%s", error)
            raise HTTPException(503, "the ledger cannot be read just now", headers={"Retry-After": "5"}) from None
        if self.index.low_water != self._stalled[0]:
            self._stalled = (self.index.low_water, time.monotonic())

    def partner(self, request: Request) -> Partner:
        scheme, _, key = request.headers.get("authorization", "").partition(" ")
        partner = self.partners.authenticate(key.strip()) if scheme.lower() == "bearer" else None
        if partner is None:
            raise HTTPException(
                401, "an API key is needed: Authorization: Bearer KEY", headers={"WWW-Authenticate": "Bearer"}
            )
        return partner

    async def health(self, request: Request) -> Response:
        self.refresh()
        low_water, since = self._stalled
        entries = self.index.entries
        return JSONResponse(
            {
                "status": "ok",
                "versions": len(entries),
                "last_cursor": entries[-1].seq if entries else 0,
                # A publication committed but not complete holds the feed back until it is.
                "waiting_for_publication": low_water,
                "waiting_seconds": round(time.monotonic() - since, 1) if low_water is not None else 0,
                "unreadable_versions": self.index.unreadable,
            },
            headers={"Cache-Control": "no-store"},
        )

    async def feed(self, request: Request) -> Response:
        partner = self.partner(request)
        parameters = _single(request, _FEED_PARAMETERS)
        try:
            cursor = parse_cursor(parameters.get("since", "0"))
        except ValueError as error:
            raise HTTPException(400, str(error)) from None
        limit = _number(parameters.get("limit", str(DEFAULT_LIMIT)), "limit", 1, MAX_LIMIT)
        languages = [tag.strip() for tag in parameters["lang"].split(",")] if "lang" in parameters else []
        for tag in languages:
            if not _LANGUAGE_TAG.match(tag):
                raise HTTPException(400, "lang takes language tags separated by commas (lang=zh-Hans,en)")
            if not partner.allows_language(tag):
                raise HTTPException(403, f"not entitled to language {tag[:40]!r}")
        self.refresh()
        page = feed_page(
            self.index,
            partner,
            cursor,
            limit=limit,
            now=self.clock(),
            wanted=lambda entry: not languages or entry.is_package or language_matches(languages, entry.language),
        )
        query = f"since={page.next}&limit={limit}" + (f"&lang={','.join(languages)}" if languages else "")
        headers = {
            "Next-Cursor": str(page.next),
            "Link": f'<{request.scope.get("root_path", "")}/feed?{query}>; rel="next"',
            "Vary": _VARY,
            "Cache-Control": "private, no-cache",
        }
        if not page.entries:
            return Response(status_code=204, headers=headers)
        return _send(request, self.message(page.entries, gzipped=_accepts_gzip(request)), NEWS_MESSAGE, headers=headers)

    def message(self, entries: list[Entry], *, gzipped: bool) -> Document:
        """A newsMessage of ``entries``: their files' bytes inside one header and itemSet."""
        sent = max(entry.published_at for entry in entries)
        digest = hashlib.sha256(",".join(str(entry.seq) for entry in entries).encode()).hexdigest()[:20]
        header = message_header(sent, self.sender, f"{self.sender}/feed/{digest}", None)
        head = etree.tostring(header, encoding="UTF-8").replace(f' xmlns="{NAR_NS}"'.encode(), b"", 1)
        start = f'<?xml version="1.0" encoding="UTF-8"?>\n<newsMessage xmlns="{NAR_NS}">\n'.encode()
        parts: list[bytes | memoryview] = [start, head, b"\n<itemSet>\n"]
        documents = [self.index.document(entry) for entry in entries]
        parts += [document.element() for document in documents]
        parts.append(b"</itemSet>\n</newsMessage>\n")
        body = b"".join(parts)
        # The page's bytes follow from its header and its documents: hash those, not 100 items' bytes.
        etag = '"' + hashlib.sha256(head + "".join(d.etag for d in documents).encode()).hexdigest()[:32] + '"'
        # Compressed fast (level 1): a page is made for one partner's request, not cached.
        return Document(body, gzip.compress(body, compresslevel=1, mtime=0) if gzipped else None, etag)

    async def item(self, request: Request) -> Response:
        partner = self.partner(request)
        parameters = _single(request, _ITEM_PARAMETERS)
        guid = request.path_params["guid"]
        self.refresh()
        if "version" in parameters:
            entry = self.index.version(guid, _number(parameters["version"], "version", 1, 10**9))
        else:
            entry = self.index.latest(guid)
        if entry is None:
            raise HTTPException(404, "no such item or version")
        if not entry.is_package and not partner.allows_language(entry.language):
            raise HTTPException(403, f"not entitled to language {entry.language}")
        if not partner.allows_genres(entry.genres):
            raise HTTPException(403, "not entitled to this genre")
        now = self.clock()
        if not partner.embargoed and entry.embargoed is not None and micros(entry.embargoed) > micros(now):
            raise HTTPException(403, f"embargoed until {entry.embargoed.isoformat()}")
        media_type = PACKAGE_ITEM if entry.is_package else NEWS_ITEM
        withdrawal = self.index.superseded_by_withdrawal(entry)
        if withdrawal is not None:
            # The text of a withdrawn item is not served again: its withdrawal is, as 410 Gone.
            target = f"/items/{quote(withdrawal.guid, safe=':')}?version={withdrawal.version}"
            link = f"<{request.scope.get('root_path', '')}{target}>"
            headers = {"Link": f'{link}; rel="latest-version"'}
            return _send(request, self.index.document(withdrawal), media_type, 410, headers)
        return _send(request, self.index.document(entry), media_type)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    return PlainTextResponse(f"{error.status_code} {error.detail}\n", error.status_code, headers=error.headers)


async def _internal_error(request: Request, error: Exception) -> Response:
    log.exception("internal error on %s", request.url.path)
    return PlainTextResponse("500 internal error\n", status_code=500)


def create_app(service: WireService) -> Starlette:
    """The ASGI application serving ``service``."""
    app = Starlette(
        routes=[
            Route("/health", service.health, methods=["GET"]),
            Route("/feed", service.feed, methods=["GET"]),
            Route("/items/{guid:path}", service.item, methods=["GET"]),
        ],
        exception_handlers={HTTPException: _http_error, Exception: _internal_error},
    )
    app.add_middleware(_Bounds)
    return app
