"""The wire partners pull from: ``newsbilingual serve`` (HTTP, extra ``newsbilingual[serve]``) and its partners.

The top stage: it reads what :mod:`newsbilingual.desk` publishes (the ledger and the wire folder)
and never writes either. :mod:`.ledgerview` holds every SQL statement run against the ledger,
:mod:`.wireindex` the item versions in feed order, :mod:`.paging` the cursor, :mod:`.partners` the
keys and entitlements, :mod:`.app` the HTTP endpoints and :mod:`.run` the uvicorn server.
"""

from ..lazy import lazy_exports

# Imported on first use: the partner commands need no web framework, only serving does.
_EXPORTS = {
    "Partner": "partners",
    "PartnerError": "partners",
    "WireService": "app",
    "add_partner": "partners",
    "create_app": "app",
    "list_partners": "partners",
    "revoke_partner": "partners",
    "serve_wire": "run",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
