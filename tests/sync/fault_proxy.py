"""A small HTTP-aware TCP proxy between a client and the hub that can misbehave on demand.

Faults are queued and each applies to the next request that matches (method and path prefix):

- ``drop``: forward the request, let the hub answer (and commit), then close the client's connection unanswered;
- ``reset``: forward, then send the client half the answer and reset the connection;
- ``delay``: wait ``seconds`` before forwarding (the client may time out meanwhile);
- ``hold``: forward, then keep the answer back until :meth:`release` (to kill a client mid-request);
- ``status``: answer ``code`` at once without forwarding (500, 503, 429 ...).
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

INJECTED_OUTCOME = (
    b'{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"transient","diagnostics":"injected"}]}'
)


@dataclass
class Fault:
    action: str
    method: str | None = None
    path: str | None = None
    code: int = 500
    seconds: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method) and (self.path is None or path.startswith(self.path))


class FaultProxy:
    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        self.forwarded = threading.Event()  # set when a held request has reached the hub
        self._release = threading.Event()
        self.requests: list[tuple[str, str]] = []
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(64)
        self.port = self._server.getsockname()[1]
        self._running = True
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def url(self, path: str = "/fhir") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def release(self) -> None:
        self._release.set()

    def pending_faults(self) -> int:
        with self._lock:
            return len(self._faults)

    def close(self) -> None:
        self._running = False
        self._release.set()
        with contextlib.suppress(OSError):
            self._server.close()

    def _take(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for index, fault in enumerate(self._faults):
                if fault.matches(method, path):
                    return self._faults.pop(index)
        return None

    def _accept(self) -> None:
        while self._running:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        try:
            for request in _messages(client, is_request=True):
                method, path = request.split(b" ", 2)[:2]
                method_s, path_s = method.decode(), path.decode()
                self.requests.append((method_s, path_s))
                fault = self._take(method_s, path_s)
                if fault is not None and fault.action == "status":
                    body = INJECTED_OUTCOME
                    extra = "".join(f"{k}: {v}\r\n" for k, v in fault.headers.items())
                    client.sendall(
                        f"HTTP/1.1 {fault.code} Injected\r\nContent-Type: application/fhir+json\r\n{extra}"
                        f"Content-Length: {len(body)}\r\n\r\n".encode()
                        + body
                    )
                    continue
                if fault is not None and fault.action == "delay":
                    time.sleep(fault.seconds)
                if upstream is None:
                    upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
                upstream.sendall(request)
                response = next(_messages(upstream, is_request=False), None)
                if response is None:
                    return  # the hub went away: the client sees its connection close
                if fault is not None and fault.action == "drop":
                    return
                if fault is not None and fault.action == "hold":
                    self.forwarded.set()
                    self._release.wait(60)
                    return
                if fault is not None and fault.action == "reset":
                    client.sendall(response[: len(response) // 2])
                    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    return
                client.sendall(response)
        except OSError:
            return  # the client or the hub went away; the finally block closes both ends
        finally:
            client.close()
            if upstream is not None:
                upstream.close()


def _messages(sock: socket.socket, *, is_request: bool) -> Iterator[bytes]:
    """Whole HTTP/1.1 messages (head + Content-Length or chunked body) read from a socket."""
    buffer = b""
    while True:
        while b"\r\n\r\n" not in buffer:
            chunk = sock.recv(65536)
            if not chunk:
                return
            buffer += chunk
        head, _, rest = buffer.partition(b"\r\n\r\n")
        headers = {}
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
            body, rest = _read_chunked(sock, rest)
            message = head + b"\r\n\r\n" + body
        else:
            length = int(headers.get(b"content-length", b"0"))
            while len(rest) < length:
                chunk = sock.recv(65536)
                if not chunk:
                    return
                rest += chunk
            message = head + b"\r\n\r\n" + rest[:length]
            rest = rest[length:]
        buffer = rest
        yield message


def _read_chunked(sock: socket.socket, data: bytes) -> tuple[bytes, bytes]:
    """Returns the raw chunked body (kept chunked, terminator included) and what follows it."""
    while b"\r\n0\r\n\r\n" not in data and not data.startswith(b"0\r\n\r\n"):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    if data.startswith(b"0\r\n\r\n"):
        return data[:5], data[5:]
    end = data.index(b"\r\n0\r\n\r\n") + len(b"\r\n0\r\n\r\n")
    return data[:end], data[end:]
