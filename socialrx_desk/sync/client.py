"""HTTP to a FHIR R4 hub (ours or any other), with failures classified the way the outbox needs them.

A request either did not leave this machine (:class:`Unreachable`: safe to send again), or may have reached the
hub with the answer lost (:class:`Uncertain`: read back before sending again), or got an answer (a
:class:`HubResponse` of any status).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from socialrx_desk.fhir.common import FHIR_JSON, HUB_EPOCH_EXTENSION, HUB_EPOCH_HEADER, bundle_link, outcome_text

DEFAULT_TIMEOUT = httpx.Timeout(20.0, connect=5.0)
MAX_PAGES = 10_000


class Unreachable(Exception):
    """The hub could not be reached; nothing was sent."""


class Uncertain(Exception):
    """The request may have reached the hub, but no answer came back."""


@dataclass(frozen=True, slots=True)
class HubResponse:
    status: int
    body: dict[str, Any] | None
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def reason(self) -> str:
        """The hub's own words for an error (OperationOutcome diagnostics), or the HTTP status."""
        return outcome_text(self.body) or f"the hub answered HTTP {self.status}"

    @property
    def retry_after(self) -> float | None:
        value = self.headers.get("retry-after")
        try:
            return max(0.0, float(value)) if value is not None else None
        except ValueError:
            return None


class HubClient:
    def __init__(
        self,
        base_url: str,
        token: str | None,
        *,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        headers = {"Accept": FHIR_JSON, "User-Agent": "socialrx-desk"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._http = httpx.Client(timeout=timeout, headers=headers, transport=transport)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _send(self, method: str, url: str, body: Any = None, params: Mapping[str, str] | None = None) -> HubResponse:
        content = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": FHIR_JSON} if content is not None else None
        try:
            response = self._http.request(method, url, content=content, headers=headers, params=params)
        except (httpx.ConnectError, httpx.ConnectTimeout) as error:
            raise Unreachable(f"cannot reach the hub at {self.base_url}: {error}") from None
        except httpx.HTTPError as error:
            # Timeouts while reading, connections reset or closed mid-response: the hub may have committed.
            raise Uncertain(f"no answer from the hub: {error.__class__.__name__}") from None
        try:
            parsed = response.json() if response.content else None
        except (json.JSONDecodeError, UnicodeDecodeError):
            parsed = None
        return HubResponse(
            response.status_code,
            parsed if isinstance(parsed, dict) else None,
            {k.lower(): v for k, v in response.headers.items()},
        )

    def metadata(self) -> HubResponse:
        return self._send("GET", f"{self.base_url}/metadata")

    def transaction(self, bundle: Mapping[str, Any]) -> HubResponse:
        return self._send("POST", self.base_url, body=bundle)

    def read(self, resource_type: str, resource_id: str) -> HubResponse:
        return self._send("GET", f"{self.base_url}/{resource_type}/{resource_id}")

    def search(self, resource_type: str, params: Mapping[str, str]) -> HubResponse:
        return self._send("GET", f"{self.base_url}/{resource_type}", params=params)

    def next_page(self, url: str) -> HubResponse:
        if not self._same_origin(url):
            raise Unreachable(f"the hub sent a next link to another server: {url}")
        return self._send("GET", url)

    def pages(self, resource_type: str, params: Mapping[str, str]) -> Iterator[dict[str, Any]]:
        """Every page of a search, following ``next`` links; raises HubStatusError on a non-200 page."""
        response = self.search(resource_type, params)
        for _ in range(MAX_PAGES):
            if response.status != 200 or response.body is None:
                raise HubStatusError(response)
            yield response.body
            link = bundle_link(response.body, "next")
            if not link:
                return
            response = self.next_page(link)

    def _same_origin(self, url: str) -> bool:
        ours, theirs = urlsplit(self.base_url), urlsplit(url)
        return (ours.scheme, ours.netloc) == (theirs.scheme, theirs.netloc)


class HubStatusError(Exception):
    def __init__(self, response: HubResponse) -> None:
        self.response = response
        super().__init__(response.reason)


def epoch_of(response: HubResponse) -> str | None:
    """The hub's epoch from its CapabilityStatement (or header); None for a hub that has none."""
    body = response.body or {}
    for extension in body.get("extension") or ():
        if isinstance(extension, Mapping) and extension.get("url") == HUB_EPOCH_EXTENSION:
            value = extension.get("valueString")
            if isinstance(value, str):
                return value
    return response.headers.get(HUB_EPOCH_HEADER.lower())
