"""Django's PostgreSQL backend with two additions: a lazy start of the embedded server, and
server-prepared statements for the few hot-path queries written by hand."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from django.db.backends.postgresql import base

from vaxkit.platform.database import EMBEDDED_KEY, start_embedded

PREPARABLE = ("select", "with", "insert", "update", "delete")


class PreparedCursor(psycopg.Cursor):
    """A server-binding cursor that prepares every data statement on first use.

    PostgreSQL then parses and plans each hot-path statement once per connection instead of on
    every request (half of the database's CPU on a booking). Plans follow ``search_path``:
    PostgreSQL re-parses a prepared statement when the path changes, so tenants never share one.
    """

    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
        if "prepare" not in kwargs and str(query).lstrip()[:6].lower().startswith(PREPARABLE):
            kwargs["prepare"] = True
        return super().execute(query, params, **kwargs)


class DatabaseWrapper(base.DatabaseWrapper):
    """Fills in host and port of the embedded server on first connection, and offers
    :meth:`prepared_cursor`."""

    _use_prepared = False

    def get_connection_params(self) -> dict[str, Any]:
        pgdata = self.settings_dict.get(EMBEDDED_KEY)
        if pgdata and not self.settings_dict.get("HOST"):
            server = start_embedded(pgdata)
            self.settings_dict["HOST"] = server.host
            self.settings_dict["PORT"] = str(server.port)
        return super().get_connection_params()

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        connection = super().get_new_connection(conn_params)
        # Django turns preparation off (None); ORM cursors bind on the client and never
        # prepare, so this only enables PreparedCursor.
        if connection.prepare_threshold is None:
            connection.prepare_threshold = 5
        return connection

    def create_cursor(self, name: str | None = None) -> Any:
        if self._use_prepared and name is None:
            return PreparedCursor(self.connection)
        return super().create_cursor(name)

    @contextmanager
    def prepared_cursor(self) -> Iterator[Any]:
        """A cursor (wrapped as usual, tenant search path set) whose statements are
        server-prepared. For fixed, hand-written hot-path SQL only."""
        self._use_prepared = True
        try:
            cursor = self.cursor()
        finally:
            self._use_prepared = False
        with cursor:
            yield cursor
