import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from socialrx_desk.directory.source import SourceError, read_records


def test_missing_file_and_bad_json(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        list(read_records(str(tmp_path / "nope.json")))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(SourceError, match="not valid JSON"):
        list(read_records(str(bad)))
    with pytest.raises(SourceError, match="folder"):
        list(read_records(str(tmp_path)))


PAGES = {
    1: {"contents": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}], "page_number": 1, "total_pages": 3},
    2: {"contents": [{"id": "c", "name": "C"}], "page_number": 2, "total_pages": 3},
    3: {"contents": [{"id": "d", "name": "D"}], "page_number": 3, "total_pages": 3},
}


class _Feed(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        query = parse_qs(urlsplit(self.path).query)
        if urlsplit(self.path).path == "/broken":
            self.send_response(500)
            self.end_headers()
            return
        page = int(query.get("page", ["1"])[0])
        body = json.dumps(PAGES.get(page, {"contents": []})).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def feed() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_is_followed_page_by_page(feed: str) -> None:
    records = list(read_records(f"{feed}/services?per_page=2"))
    assert [r.data["id"] for r in records] == ["a", "b", "c", "d"]
    assert records[2].where == "page 2 item 1"


def test_http_error_is_a_source_error(feed: str) -> None:
    with pytest.raises(SourceError, match="HTTP 500"):
        list(read_records(f"{feed}/broken"))


def test_unreachable_url() -> None:
    with pytest.raises(SourceError, match="cannot reach"):
        list(read_records("http://127.0.0.1:9/services"))
