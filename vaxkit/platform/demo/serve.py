"""Serving the platform with gunicorn (threads, persistent connections, static files by
WhiteNoise) until stopped."""

from __future__ import annotations

import os
from typing import Any

from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from vaxkit.platform.wsgi import application

        return application


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 2,
    threads: int = 4,
    settings_module: str = "vaxkit.platform.settings.demo",
) -> None:
    """Run gunicorn in this process until interrupted (Ctrl+C or SIGTERM)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    from django.db import connections

    # never hand an open database connection to forked workers
    connections.close_all()
    _Server(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
            "graceful_timeout": 5,
            "preload_app": True,
        }
    ).run()
