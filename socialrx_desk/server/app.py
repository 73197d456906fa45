"""The hub's HTTP face: FHIR R4 REST over :class:`~socialrx_desk.server.storage.Store`, as a FastAPI app.

``create_app(database_url)`` gives an ASGI app serving the FHIR base at ``/fhir``. Handlers are thin: parse and
check the request, call the store in a worker thread (the database driver blocks), shape the FHIR response.
Every response carries ``X-Hub-Epoch``; every error is an OperationOutcome.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from socialrx_desk.fhir.common import (
    FHIR_JSON,
    HUB_EPOCH_HEADER,
    HUB_TYPES,
    FhirValidationError,
    format_instant,
    is_valid_id,
    operation_outcome,
    parse_etag,
    parse_instant,
    parse_reference,
    preload_models,
    references_in,
    validate_resource,
    weak_etag,
)
from socialrx_desk.server.auth import Caller, SiteKind, authenticate
from socialrx_desk.server.capability import capability_statement
from socialrx_desk.server.db import Database
from socialrx_desk.server.errors import (
    BadRequest,
    HubError,
    MethodNotAllowed,
    NotAcceptable,
    NotFound,
    PayloadTooLarge,
    UnsupportedMediaType,
)
from socialrx_desk.server.hubinfo import INITIALISED, hub_epoch, read_setting
from socialrx_desk.server.storage import SORTS, Operation, Outcome, Page, Store, Version, search_condition, utcnow

log = logging.getLogger(__name__)

FHIR_PREFIX = "/fhir"
DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024
DEFAULT_COUNT = 50
MAX_COUNT = 1000
MAX_BUNDLE_ENTRIES = 1000
MEDIA_TYPE = f"{FHIR_JSON}; charset=utf-8"
JSON_TYPES = ("application/fhir+json", "application/json", "application/json+fhir")
SEARCH_CONTROLS = {"_count", "_sort", "_cursor", "_total", "_summary", "_format", "_pretty"}
HISTORY_CONTROLS = {"_since", "_count", "_cursor", "_sort", "_format", "_pretty"}


@dataclass(frozen=True, slots=True)
class HubConfig:
    database_url: str
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    #: The FHIR base as clients should see it (behind a reverse proxy); None: from each request's Host.
    public_base_url: str | None = None


class Hub:
    """Everything the handlers share: the database, the store, the epoch."""

    def __init__(self, config: HubConfig) -> None:
        self.config = config
        self.db = Database(config.database_url)
        try:
            self.db.migrate()
            self.epoch = hub_epoch(self.db)
        except BaseException:
            self.db.dispose()
            raise
        self.published = read_setting(self.db, INITIALISED) or format_instant(utcnow())
        self.store = Store(self.db)
        preload_models()

    def close(self) -> None:
        self.db.dispose()

    def authenticate(self, authorization: str | None) -> Caller:
        with self.db.read() as connection:
            return authenticate(connection, authorization, utcnow())


def create_app(
    database_url: str,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    public_base_url: str | None = None,
    on_started: Callable[[], None] | None = None,
) -> FastAPI:
    """The hub as an ASGI app. The database must have been initialised (``socialrx-server init``)."""
    hub = Hub(HubConfig(database_url, max_body_bytes, public_base_url))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if on_started is not None:
            on_started()
        try:
            yield
        finally:
            hub.close()

    app = FastAPI(title="socialrx hub", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.hub = hub
    _add_error_handlers(app)
    _add_routes(app, hub)
    app.add_middleware(_EpochMiddleware, epoch=hub.epoch)
    return app


# --- responses -----------------------------------------------------------------------------------------------


def fhir_response(
    content: dict[str, Any] | None,
    status: int = 200,
    headers: dict[str, str] | None = None,
    *,
    pretty: bool = False,
) -> Response:
    body = b""
    if content is not None:
        text = json.dumps(
            content, indent=2 if pretty else None, separators=None if pretty else (",", ":"), ensure_ascii=False
        )
        body = text.encode("utf-8")
    return Response(body, status_code=status, headers=headers, media_type=MEDIA_TYPE if content is not None else None)


def error_response(error: HubError) -> Response:
    return fhir_response(error.outcome(), error.status, error.headers)


def _add_error_handlers(app: FastAPI) -> None:
    async def hub_error(_: Request, error: Exception) -> Response:
        assert isinstance(error, HubError)
        return error_response(error)

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        if error.status_code == 404:
            return error_response(NotFound(f"there is nothing at {request.url.path} on this hub"))
        if error.status_code == 405:
            return error_response(MethodNotAllowed(f"{request.method} is not supported on {request.url.path}"))
        outcome = operation_outcome(str(error.detail), code="processing")
        return fhir_response(outcome, error.status_code)

    app.add_exception_handler(HubError, hub_error)
    app.add_exception_handler(StarletteHTTPException, http_error)


class _EpochMiddleware:
    """Stamps ``X-Hub-Epoch`` on every response and turns an unexpected crash into a 500 OperationOutcome."""

    def __init__(self, app: ASGIApp, epoch: str) -> None:
        self.app = app
        self.header = (HUB_EPOCH_HEADER.lower().encode("latin-1"), epoch.encode("latin-1"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def stamped(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), self.header]
            await send(message)

        try:
            await self.app(scope, receive, stamped)
        except Exception:
            log.exception("unexpected error serving %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            response = fhir_response(
                operation_outcome(
                    "the hub failed to handle this request; the administrator can see why in its log", code="exception"
                ),
                500,
            )
            await response(scope, receive, stamped)


# --- request parsing -----------------------------------------------------------------------------------------


def base_url(hub: Hub, request: Request) -> str:
    if hub.config.public_base_url:
        return hub.config.public_base_url.rstrip("/")
    return str(request.base_url).rstrip("/") + FHIR_PREFIX


def check_type(resource_type: str) -> None:
    if resource_type not in HUB_TYPES:
        raise NotFound(f"this hub does not serve {resource_type!r} (it serves {', '.join(HUB_TYPES)})")


def check_id(resource_id: str) -> None:
    if not is_valid_id(resource_id):
        raise BadRequest(
            f"{resource_id[:80]!r} is not a valid resource id (1-64 characters from A-Z, a-z, 0-9, '-' and '.')"
        )


def check_format(request: Request) -> bool:
    """Refuse what we cannot produce (XML); returns whether the client asked for pretty output."""
    fmt = request.query_params.get("_format")
    if fmt is not None and fmt not in ("json", *JSON_TYPES):
        raise NotAcceptable(f"this hub speaks JSON only; _format={fmt!r} is not supported")
    accept = request.headers.get("accept", "")
    if accept and "xml" in accept and not any(t in accept for t in ("json", "*/*")):
        raise NotAcceptable("this hub speaks JSON only (application/fhir+json)")
    return request.query_params.get("_pretty") == "true"


def prefer(request: Request) -> dict[str, str]:
    found = {}
    for part in request.headers.get("prefer", "").split(";"):
        for item in part.split(","):
            name, _, value = item.strip().partition("=")
            if name:
                found[name.lower()] = value.strip().strip('"').lower()
    return found


async def read_json(request: Request, limit: int) -> Any:
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type and content_type not in JSON_TYPES:
        raise UnsupportedMediaType(f"send {FHIR_JSON}, not {content_type}")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"the body is {int(declared):,} bytes; this hub accepts at most {limit:,}")
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"the body is more than {limit:,} bytes, the most this hub accepts")
        chunks.append(chunk)
    body = b"".join(chunks)
    if not body.strip():
        raise BadRequest("the request has no body; send a FHIR resource as JSON")
    try:
        return json.loads(body, parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise BadRequest("the body is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise BadRequest(
            f"the body is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None
    except (ValueError, RecursionError) as error:
        raise BadRequest(f"the body is not valid FHIR JSON: {error}") from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def if_match(value: str | None) -> int | None:
    if value is None:
        return None
    version = parse_etag(value)
    if version is None:
        raise BadRequest(f'If-Match {value!r} is not a version ETag such as W/"3"')
    return version


def validated(resource: Any, resource_type: str, resource_id: str, where: str = "") -> dict[str, Any]:
    try:
        checked = validate_resource(resource, resource_type)
    except FhirValidationError as error:
        raise BadRequest(f"{where}{error.diagnostics}", expression=error.expression) from None
    if "id" not in checked:
        raise BadRequest(f"{where}the {resource_type} has no id; it must repeat the id in the URL ({resource_id})")
    if checked["id"] != resource_id:
        raise BadRequest(f"{where}the {resource_type}'s id {checked['id']!r} does not match the URL ({resource_id})")
    return checked


# --- shaping results -----------------------------------------------------------------------------------------


def http_date(moment: datetime) -> str:
    return format_datetime(moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment, usegmt=True)


def version_headers(
    base: str, resource_type: str, resource_id: str, version: int, last_updated: datetime | None
) -> dict[str, str]:
    headers = {
        "ETag": weak_etag(version),
        "Location": f"{base}/{resource_type}/{resource_id}/_history/{version}",
    }
    if last_updated is not None:
        headers["Last-Modified"] = http_date(last_updated)
    return headers


def shows_content(caller: Caller, resource_type: str) -> bool:
    """A kiosk never gets personal data back, not even what it has just sent."""
    return not (
        caller.kind is SiteKind.KIOSK
        and resource_type not in ("Organization", "Location", "HealthcareService", "Schedule", "Slot")
    )


def _status_text(status: int) -> str:
    return {200: "200 OK", 201: "201 Created", 204: "204 No Content"}.get(status, str(status))


def write_response(base: str, caller: Caller, outcome: Outcome, preference: dict[str, str], pretty: bool) -> Response:
    headers: dict[str, str] = {}
    if outcome.version is not None:
        headers = version_headers(
            base, outcome.resource_type, outcome.resource_id, outcome.version, outcome.last_updated
        )
    if outcome.status == 204:
        if outcome.version is None:  # there was nothing to delete
            return fhir_response(None, 204)
        text = f"deleted {outcome.resource_type}/{outcome.resource_id} (version {outcome.version})"
        headers.pop("Location")
        return fhir_response(operation_outcome(text, code="informational", severity="information"), 200, headers)
    wanted = preference.get("return", "representation")
    if wanted == "minimal":
        return fhir_response(None, outcome.status, headers)
    if wanted == "operationoutcome" or not shows_content(caller, outcome.resource_type):
        verb = "created" if outcome.status == 201 else "updated"
        text = f"{verb} {outcome.resource_type}/{outcome.resource_id} (version {outcome.version})"
        return fhir_response(
            operation_outcome(text, code="informational", severity="information"),
            outcome.status,
            headers,
            pretty=pretty,
        )
    return fhir_response(outcome.resource, outcome.status, headers, pretty=pretty)


def search_bundle(
    base: str, request: Request, resource_type: str, page: Page, controls: list[tuple[str, str]]
) -> dict[str, Any]:
    bundle: dict[str, Any] = {"resourceType": "Bundle", "type": "searchset"}
    if page.total is not None:
        bundle["total"] = page.total
    links = [{"relation": "self", "url": str(request.url)}]
    if page.next_cursor is not None:
        query = [(k, v) for k, v in controls if k != "_cursor"] + [("_cursor", page.next_cursor)]
        links.append({"relation": "next", "url": f"{base}/{resource_type}?{urlencode(query)}"})
    bundle["link"] = links
    bundle["entry"] = [
        {"fullUrl": f"{base}/{v.resource_type}/{v.resource_id}", "resource": v.content, "search": {"mode": "match"}}
        for v in page.versions
    ]
    return bundle


def history_bundle(base: str, request: Request, path: str, page: Page, params: list[tuple[str, str]]) -> dict[str, Any]:
    links = [{"relation": "self", "url": str(request.url)}]
    if page.next_cursor is not None:
        query = [(k, v) for k, v in params if k != "_cursor"] + [("_cursor", page.next_cursor)]
        links.append({"relation": "next", "url": f"{base}/{path}?{urlencode(query)}"})
    return {
        "resourceType": "Bundle",
        "type": "history",
        "link": links,
        "entry": [_history_entry(base, v) for v in page.versions],
    }


def _history_entry(base: str, version: Version) -> dict[str, Any]:
    name = f"{version.resource_type}/{version.resource_id}"
    entry: dict[str, Any] = {"fullUrl": f"{base}/{name}"}
    if version.content is not None:
        entry["resource"] = version.content
    status = "204 No Content" if version.deleted else ("201 Created" if version.created else "200 OK")
    entry["request"] = {"method": "DELETE" if version.deleted else "PUT", "url": name}
    entry["response"] = {
        "status": status,
        "etag": weak_etag(version.version),
        "lastModified": format_instant(version.last_updated),
    }
    return entry


# --- routes --------------------------------------------------------------------------------------------------


def _add_routes(app: FastAPI, hub: Hub) -> None:
    limit = hub.config.max_body_bytes

    async def caller_of(request: Request) -> Caller:
        return await run_in_threadpool(hub.authenticate, request.headers.get("authorization"))

    @app.get(FHIR_PREFIX + "/metadata")
    async def metadata(request: Request) -> Response:
        pretty = check_format(request)
        return fhir_response(capability_statement(base_url(hub, request), hub.epoch, hub.published), pretty=pretty)

    @app.post(FHIR_PREFIX)
    @app.post(FHIR_PREFIX + "/")
    async def transaction(request: Request) -> Response:
        pretty = check_format(request)
        caller = await caller_of(request)
        body = await read_json(request, limit)
        base = base_url(hub, request)
        operations = operations_of_bundle(body, base)
        outcomes = await run_in_threadpool(hub.store.transact, caller, operations)
        minimal = prefer(request).get("return") == "minimal"
        entries = []
        for outcome in outcomes:
            response: dict[str, Any] = {"status": _status_text(outcome.status)}
            if outcome.version is not None:
                response["location"] = f"{outcome.resource_type}/{outcome.resource_id}/_history/{outcome.version}"
                response["etag"] = weak_etag(outcome.version)
            if outcome.last_updated is not None:
                response["lastModified"] = format_instant(outcome.last_updated)
            entry: dict[str, Any] = {"fullUrl": f"{base}/{outcome.resource_type}/{outcome.resource_id}"}
            if outcome.resource is not None and not minimal and shows_content(caller, outcome.resource_type):
                entry["resource"] = outcome.resource
            entry["response"] = response
            entries.append(entry)
        return fhir_response(
            {"resourceType": "Bundle", "type": "transaction-response", "entry": entries}, pretty=pretty
        )

    @app.get(FHIR_PREFIX + "/{resource_type}")
    async def search(request: Request, resource_type: str) -> Response:
        check_type(resource_type)
        pretty = check_format(request)
        caller = await caller_of(request)
        items = request.query_params.multi_items()
        lenient = prefer(request).get("handling") == "lenient"
        conditions = []
        controls: list[tuple[str, str]] = []
        for name, value in items:
            if name in SEARCH_CONTROLS:
                controls.append((name, value))
                continue
            param, _, modifier = name.partition(":")
            try:
                conditions.append(search_condition(resource_type, param, modifier or None, value))
            except BadRequest:
                if lenient and not _known(resource_type, param):
                    continue
                raise
            controls.append((name, value))
        options = dict(controls)
        count = _count(options.get("_count"))
        if options.get("_summary") not in (None, "count", "false"):
            raise BadRequest("only _summary=count and _summary=false are supported")
        if options.get("_summary") == "count":
            count = 0
        sort = options.get("_sort", "_lastUpdated")
        if sort not in SORTS or (sort == "start" and resource_type != "Slot"):
            raise BadRequest(
                f"_sort={sort!r} is not supported here (use _lastUpdated, -_lastUpdated, or start on Slot)"
            )
        total = options.get("_total")
        if total not in (None, "none", "estimate", "accurate"):
            raise BadRequest("_total must be none, estimate or accurate")
        page = await run_in_threadpool(
            lambda: hub.store.search(
                caller,
                resource_type,
                conditions,
                sort=sort,
                count=count,
                cursor=options.get("_cursor"),
                want_total=total in ("accurate", "estimate") or count == 0,
            )
        )
        base = base_url(hub, request)
        return fhir_response(search_bundle(base, request, resource_type, page, controls), pretty=pretty)

    @app.get(FHIR_PREFIX + "/{resource_type}/_history")
    async def type_history(request: Request, resource_type: str) -> Response:
        return await _history(request, resource_type, None)

    @app.get(FHIR_PREFIX + "/{resource_type}/{resource_id}/_history")
    async def instance_history(request: Request, resource_type: str, resource_id: str) -> Response:
        return await _history(request, resource_type, resource_id)

    async def _history(request: Request, resource_type: str, resource_id: str | None) -> Response:
        check_type(resource_type)
        if resource_id is not None:
            check_id(resource_id)
        pretty = check_format(request)
        caller = await caller_of(request)
        params = request.query_params.multi_items()
        lenient = prefer(request).get("handling") == "lenient"
        unknown = [name for name, _ in params if name not in HISTORY_CONTROLS]
        if unknown and not lenient:
            raise BadRequest(
                f"_history does not support {', '.join(sorted(set(unknown)))} (only _since, _count, _sort)"
            )
        options = dict(params)
        since = None
        if "_since" in options:
            try:
                since = parse_instant(options["_since"]).replace(tzinfo=None)
            except ValueError:
                raise BadRequest(f"_since={options['_since']!r} is not an instant with a time zone") from None
        sort = options.get("_sort", "-_lastUpdated")
        if sort not in ("_lastUpdated", "-_lastUpdated"):
            raise BadRequest("_history supports _sort=_lastUpdated or -_lastUpdated")
        count = _count(options.get("_count"))
        page = await run_in_threadpool(
            lambda: hub.store.history(
                caller,
                resource_type,
                resource_id,
                since=since,
                ascending=sort == "_lastUpdated",
                count=max(count, 1),
                cursor=options.get("_cursor"),
            )
        )
        base = base_url(hub, request)
        path = f"{resource_type}/{resource_id}/_history" if resource_id else f"{resource_type}/_history"
        return fhir_response(history_bundle(base, request, path, page, params), pretty=pretty)

    @app.get(FHIR_PREFIX + "/{resource_type}/{resource_id}/_history/{version_id}")
    async def vread(request: Request, resource_type: str, resource_id: str, version_id: str) -> Response:
        check_type(resource_type)
        check_id(resource_id)
        pretty = check_format(request)
        if not version_id.isdigit():
            raise BadRequest(f"{version_id[:40]!r} is not a version number")
        caller = await caller_of(request)
        if not shows_content(caller, resource_type):
            raise NotFound(f"{resource_type}/{resource_id} is not known to this hub")
        version = await run_in_threadpool(hub.store.vread, caller, resource_type, resource_id, int(version_id))
        headers = version_headers(
            base_url(hub, request), resource_type, resource_id, version.version, version.last_updated
        )
        return fhir_response(version.content, headers=headers, pretty=pretty)

    @app.get(FHIR_PREFIX + "/{resource_type}/{resource_id}")
    async def read(request: Request, resource_type: str, resource_id: str) -> Response:
        check_type(resource_type)
        check_id(resource_id)
        pretty = check_format(request)
        caller = await caller_of(request)
        if not shows_content(caller, resource_type):
            raise NotFound(f"{resource_type}/{resource_id} is not known to this hub")
        version = await run_in_threadpool(hub.store.read, caller, resource_type, resource_id)
        headers = version_headers(
            base_url(hub, request), resource_type, resource_id, version.version, version.last_updated
        )
        headers.pop("Location")
        if parse_etag(request.headers.get("if-none-match")) == version.version:
            return fhir_response(None, 304, headers)
        return fhir_response(version.content, headers=headers, pretty=pretty)

    @app.put(FHIR_PREFIX + "/{resource_type}/{resource_id}")
    async def update(request: Request, resource_type: str, resource_id: str) -> Response:
        check_type(resource_type)
        check_id(resource_id)
        pretty = check_format(request)
        caller = await caller_of(request)
        body = await read_json(request, limit)
        resource = validated(body, resource_type, resource_id)
        operation = Operation("PUT", resource_type, resource_id, resource, if_match(request.headers.get("if-match")))
        outcomes = await run_in_threadpool(hub.store.transact, caller, [operation])
        return write_response(base_url(hub, request), caller, outcomes[0], prefer(request), pretty)

    @app.delete(FHIR_PREFIX + "/{resource_type}/{resource_id}")
    async def remove(request: Request, resource_type: str, resource_id: str) -> Response:
        check_type(resource_type)
        check_id(resource_id)
        pretty = check_format(request)
        caller = await caller_of(request)
        operation = Operation("DELETE", resource_type, resource_id, None, if_match(request.headers.get("if-match")))
        outcomes = await run_in_threadpool(hub.store.transact, caller, [operation])
        return write_response(base_url(hub, request), caller, outcomes[0], prefer(request), pretty)


def _known(resource_type: str, name: str) -> bool:
    from socialrx_desk.server.params import PARAMS

    return name in ("_id", "_lastUpdated") or name in PARAMS.get(resource_type, {})


def _count(value: str | None) -> int:
    if value is None:
        return DEFAULT_COUNT
    if not value.isdigit():
        raise BadRequest(f"_count={value!r} is not a whole number")
    return min(int(value), MAX_COUNT)


def operations_of_bundle(body: Any, base: str) -> list[Operation]:
    """The operations of a transaction Bundle, checked entry by entry, ``urn:uuid:`` references resolved."""
    if not isinstance(body, dict) or body.get("resourceType") != "Bundle":
        kind = body.get("resourceType") if isinstance(body, dict) else None
        raise BadRequest(f"POST to the base takes a transaction Bundle, not {kind or 'this JSON'}")
    if body.get("type") != "transaction":
        raise BadRequest(
            f"this hub processes transaction Bundles only, not type {body.get('type')!r}", expression="Bundle.type"
        )
    entries = body.get("entry") or []
    if not isinstance(entries, list):
        raise BadRequest("Bundle.entry must be an array", expression="Bundle.entry")
    if len(entries) > MAX_BUNDLE_ENTRIES:
        raise BadRequest(f"a transaction may have at most {MAX_BUNDLE_ENTRIES} entries, not {len(entries)}")
    targets: list[tuple[str, str, str, dict[str, Any]]] = []
    aliases: dict[str, str] = {}
    for index, entry in enumerate(entries):
        where = f"entry[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("request"), dict):
            raise BadRequest(f"{where} has no request", expression=f"Bundle.entry[{index}].request")
        request = entry["request"]
        method = str(request.get("method", "")).upper()
        if method not in ("PUT", "DELETE"):
            raise BadRequest(
                f"{where}: {method or 'no method'} is not supported in transactions here; "
                "use PUT at a client-assigned id (or DELETE)",
                expression=f"Bundle.entry[{index}].request.method",
            )
        url = str(request.get("url", ""))
        if url.startswith(base + "/"):
            url = url[len(base) + 1 :]
        if "?" in url:
            raise BadRequest(
                f"{where}: conditional {method} ({url}) is not supported",
                expression=f"Bundle.entry[{index}].request.url",
            )
        parts = url.strip("/").split("/")
        if len(parts) != 2:
            raise BadRequest(
                f"{where}: request.url must be Type/id, not {url[:80]!r}",
                expression=f"Bundle.entry[{index}].request.url",
            )
        resource_type, resource_id = parts
        check_type(resource_type)
        if not is_valid_id(resource_id):
            raise BadRequest(
                f"{where}: {resource_id[:80]!r} is not a valid resource id",
                expression=f"Bundle.entry[{index}].request.url",
            )
        full_url = entry.get("fullUrl")
        if isinstance(full_url, str) and full_url.startswith("urn:uuid:"):
            aliases[full_url] = f"{resource_type}/{resource_id}"
        targets.append((method, resource_type, resource_id, entry))
    operations = []
    for index, (method, resource_type, resource_id, entry) in enumerate(targets):
        label = f"entry[{index}] ({method} {resource_type}/{resource_id})"
        version = None
        if entry["request"].get("ifMatch") is not None:
            version = parse_etag(str(entry["request"]["ifMatch"]))
            if version is None:
                raise BadRequest(
                    f'{label}: ifMatch {entry["request"]["ifMatch"]!r} is not a version ETag such as W/"3"'
                )
        resource = None
        if method == "PUT":
            if "resource" not in entry:
                raise BadRequest(f"{label}: a PUT entry needs a resource", expression=f"Bundle.entry[{index}].resource")
            resource = entry["resource"]
            if aliases and isinstance(resource, dict):
                resource = _resolve_aliases(resource, aliases)
            resource = validated(resource, resource_type, resource_id, f"{label}: ")
            for ref in references_in(resource):
                if ref.startswith("urn:uuid:"):
                    raise BadRequest(f"{label}: reference {ref} points at no entry of this Bundle")
                if ref.startswith(("http://", "https://")) and ref.startswith(base) and parse_reference(ref) is None:
                    raise BadRequest(f"{label}: reference {ref} is not a resource of this hub")
        operations.append(Operation(method, resource_type, resource_id, resource, version, label))  # type: ignore[arg-type]
    return operations


def _resolve_aliases(value: Any, aliases: dict[str, str]) -> Any:
    if isinstance(value, dict):
        return {
            key: (
                aliases.get(item, item)
                if key == "reference" and isinstance(item, str)
                else _resolve_aliases(item, aliases)
            )
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_resolve_aliases(item, aliases) for item in value]
    return value
