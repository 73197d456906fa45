"""Where directory records come from: a JSON file, or an Open Referral UK API followed page by page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

from socialrx_desk.directory.oruk import RecordError, split_envelope

MAX_PAGES = 10_000
FEED_TIMEOUT = httpx.Timeout(30.0, connect=10.0)


class SourceError(Exception):
    """The source as a whole could not be read (missing file, bad JSON, HTTP failure)."""


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record as read, with a human reference to where it was ("item 3", "page 2 item 7")."""

    where: str
    data: Any


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def read_records(source: str, client: httpx.Client | None = None) -> Iterator[RawRecord]:
    if is_url(source):
        yield from _read_url(source, client)
    else:
        yield from _read_file(Path(source))


def _read_file(path: Path) -> Iterator[RawRecord]:
    try:
        with path.open("rb") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise SourceError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise SourceError(f"{path} is a folder, not a JSON file") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise SourceError(f"{path} is not valid JSON: {error}") from None
    except OSError as error:
        raise SourceError(f"cannot read {path}: {error.strerror}") from None
    try:
        records, _ = split_envelope(data)
    except RecordError as error:
        raise SourceError(f"{path}: {error}") from None
    for index, record in enumerate(records):
        yield RawRecord(f"item {index + 1}", record)


def _read_url(url: str, client: httpx.Client | None) -> Iterator[RawRecord]:
    own = client is None
    http = client or httpx.Client(timeout=FEED_TIMEOUT, follow_redirects=True)
    try:
        page_url: str | None = url
        page_index = 0
        seen: set[str] = set()
        while page_url is not None and page_index < MAX_PAGES:
            if page_url in seen:
                break
            seen.add(page_url)
            page_index += 1
            data = _get_json(http, page_url)
            try:
                records, page = split_envelope(data)
            except RecordError as error:
                raise SourceError(f"{page_url}: {error}") from None
            for index, record in enumerate(records):
                yield RawRecord(f"page {page_index} item {index + 1}", record)
            page_url = _next_page_url(page_url, page.number, page.zero_based) if page.has_next(len(records)) else None
    finally:
        if own:
            http.close()


def _get_json(http: httpx.Client, url: str) -> Any:
    try:
        response = http.get(url, headers={"Accept": "application/json"})
    except httpx.HTTPError as error:
        raise SourceError(f"cannot reach {url}: {error}") from None
    if response.status_code != 200:
        raise SourceError(f"{url} answered HTTP {response.status_code}")
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise SourceError(f"{url} did not return valid JSON: {error}") from None


def _next_page_url(url: str, number: int | None, zero_based: bool) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    current = int(query["page"]) if query.get("page", "").isdigit() else None
    if current is None:
        current = number if number is not None else (0 if zero_based else 1)
    query["page"] = str(current + 1)
    return urlunsplit(parts._replace(query=urlencode(query)))
