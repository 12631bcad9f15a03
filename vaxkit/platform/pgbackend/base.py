"""Django's PostgreSQL backend, with a lazy start of the embedded server."""

from __future__ import annotations

from typing import Any

from django.db.backends.postgresql import base

from vaxkit.platform.database import EMBEDDED_KEY, start_embedded


class DatabaseWrapper(base.DatabaseWrapper):
    """Fills in host and port of the embedded server the first time a connection is made."""

    def get_connection_params(self) -> dict[str, Any]:
        pgdata = self.settings_dict.get(EMBEDDED_KEY)
        if pgdata and not self.settings_dict.get("HOST"):
            server = start_embedded(pgdata)
            self.settings_dict["HOST"] = server.host
            self.settings_dict["PORT"] = str(server.port)
        return super().get_connection_params()
