"""A throwaway PostgreSQL cluster for tests and benchmarks: ``initdb`` in a temporary folder, loopback only.

    with TemporaryPostgres() as pg:
        url = pg.create_database()          # postgresql+psycopg://postgres@127.0.0.1:PORT/hub_1

Debian keeps ``initdb`` and ``pg_ctl`` in ``/usr/lib/postgresql/<version>/bin``, off the PATH; both are looked for
there and on the PATH. ``initdb`` refuses to run as root, so under root the cluster runs as the ``postgres``
user in a folder it owns. Durability is switched off (``fsync=off``): the data lives only as long as the test.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType

SEARCH_PATTERNS = ("/usr/lib/postgresql/*/bin", "/usr/local/pgsql/bin", "/opt/homebrew/opt/postgresql*/bin")


class PostgresUnavailable(RuntimeError):
    """PostgreSQL is not installed here, or the cluster could not start; the message says which."""


def find_postgres_bin() -> Path:
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    candidates = sorted(
        (Path(found) for pattern in SEARCH_PATTERNS for found in glob.glob(pattern)),
        key=lambda p: _version_key(p.parent.name),
        reverse=True,
    )
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    raise PostgresUnavailable(
        "PostgreSQL is not installed (no initdb/pg_ctl on the PATH or in /usr/lib/postgresql/*/bin); "
        "on Debian or Ubuntu: apt-get install -y postgresql"
    )


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit()) or (0,)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class TemporaryPostgres:
    def __init__(self) -> None:
        self.bin = find_postgres_bin()
        self.root = Path(tempfile.mkdtemp(prefix="socialrx-pg-"))
        self.data = self.root / "data"
        self.port = 0
        self._count = 0
        self._running = False
        self._ids: tuple[int, int] | None = None
        if os.geteuid() == 0:
            try:
                account = pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresUnavailable("running as root needs a 'postgres' user to run initdb as") from None
            os.chown(self.root, account.pw_uid, account.pw_gid)
            self._ids = (account.pw_uid, account.pw_gid)

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
        env["LC_ALL"] = "C"
        command = [str(self.bin / args[0]), *args[1:]]
        if self._ids is None:
            return subprocess.run(
                command, capture_output=True, text=True, cwd=self.root, env=env, timeout=120, check=False
            )
        uid, gid = self._ids
        return subprocess.run(
            command,
            capture_output=True,
            text=True,
            cwd=self.root,
            env=env,
            timeout=120,
            check=False,
            user=uid,
            group=gid,
            extra_groups=[],
        )

    def start(self) -> TemporaryPostgres:
        result = self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"
        )
        if result.returncode != 0:
            self.cleanup()
            raise PostgresUnavailable(f"initdb failed: {result.stderr.strip() or result.stdout.strip()}")
        for _ in range(5):
            self.port = _free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
            )
            result = self._run(
                "pg_ctl",
                "-D",
                str(self.data),
                "-l",
                str(self.root / "server.log"),
                "-w",
                "-t",
                "60",
                "-o",
                options,
                "start",
            )
            if result.returncode == 0:
                self._running = True
                return self
        log_text = (
            (self.root / "server.log").read_text(errors="replace")[-2000:]
            if (self.root / "server.log").exists()
            else ""
        )
        self.cleanup()
        raise PostgresUnavailable(f"PostgreSQL did not start: {result.stderr.strip()} {log_text}")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        """A new empty database in the cluster; returns its SQLAlchemy URL."""
        import psycopg

        self._count += 1
        name = name or f"hub_{os.getpid()}_{self._count}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self._running:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            self._running = False
        self.cleanup()

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> TemporaryPostgres:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()
