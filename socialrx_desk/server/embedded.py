"""A hub running inside this process, for tests, benchmarks and the desk's ``--demo``.

    from socialrx_desk.server.embedded import start_hub, add_site, import_directory, make_slots

    with start_hub("sqlite:////tmp/hub.sqlite3") as hub:      # initialises the database when needed
        token = add_site(hub.database_url, "Desk 1", "desk", practice="P1")
        httpx.get(f"{hub.base_url}/Slot", headers={"Authorization": f"Bearer {token}"})

``start_hub(database_url, host="127.0.0.1", port=0, *, init=True, max_body_bytes=2 MiB, timeout=30)`` returns a
:class:`RunningHub` once the hub accepts connections: ``.base_url`` is the FHIR base
(``http://127.0.0.1:PORT/fhir``), ``.port``, ``.epoch``, ``.database_url``, ``.stop()``; it is a context manager.
Port 0 picks a free port. uvicorn serves it from a daemon thread; ``stop()`` lets requests in flight finish.

The administrative functions are re-exported from :mod:`socialrx_desk.server.admin`:
``init_hub(database_url) -> epoch``, ``add_site(database_url, name, kind, practice=None, services=(),
expires_at=None) -> token``, ``import_directory(database_url, source) -> ImportReport``,
``make_slots(database_url, service_id, start, end, length_minutes, days=None, hours=None) -> count``.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from types import TracebackType

import uvicorn

from socialrx_desk.server.admin import (
    AdminError,
    ImportReport,
    add_site,
    import_directory,
    init_hub,
    list_sites,
    make_slots,
    revoke_site,
)
from socialrx_desk.server.app import DEFAULT_MAX_BODY_BYTES, FHIR_PREFIX, create_app

__all__ = [
    "AdminError",
    "HubStartError",
    "ImportReport",
    "RunningHub",
    "add_site",
    "import_directory",
    "init_hub",
    "list_sites",
    "make_slots",
    "revoke_site",
    "start_hub",
]

log = logging.getLogger(__name__)


class HubStartError(RuntimeError):
    """The embedded hub did not start."""


class RunningHub:
    def __init__(
        self, server: uvicorn.Server, thread: threading.Thread, host: str, port: int, database_url: str, epoch: str
    ) -> None:
        self._server = server
        self._thread = thread
        self.host = host
        self.port = port
        self.database_url = database_url
        self.epoch = epoch
        url_host = f"[{host}]" if ":" in host else host
        self.root_url = f"http://{url_host}:{port}"
        self.base_url = self.root_url + FHIR_PREFIX

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self, timeout: float = 15.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)
        if self._thread.is_alive():
            self._server.force_exit = True
            self._thread.join(timeout)

    def __enter__(self) -> RunningHub:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()


def start_hub(
    database_url: str,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    init: bool = True,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    log_level: str = "warning",
    timeout: float = 30.0,
) -> RunningHub:
    epoch = init_hub(database_url) if init else None
    started = threading.Event()
    app = create_app(database_url, max_body_bytes=max_body_bytes, on_started=started.set)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets that say so, and without it every
    # response on a kept-alive connection waits 40 ms for a delayed ACK (headers and body are two writes).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        # Listening before uvicorn starts: connections made as soon as start_hub returns wait in the backlog.
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    bound_port = sock.getsockname()[1]
    config = uvicorn.Config(
        app,
        log_level=log_level,
        log_config=None,
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=10,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="socialrx-hub", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not started.wait(0.05):
        if not thread.is_alive():
            sock.close()
            raise HubStartError("the hub stopped while starting; see the log")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise HubStartError(f"the hub did not start within {timeout:.0f} s")
    hub_epoch = epoch or app.state.hub.epoch
    return RunningHub(server, thread, host, bound_port, database_url, hub_epoch)
