"""Background jobs (Celery). Every job runs inside the tenant it was enqueued for.

Tasks receive the tenant's schema name as their first argument and enter it explicitly
(DESIGN.md house rule 4); nothing relies on the worker's connection state. Without a broker
(``CELERY_BROKER_URL`` unset) tasks run eagerly in the calling process.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from celery import Celery
from django.db import connection
from django_tenants.utils import schema_context

app = Celery("vaxkit")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Modules defining tasks, imported by workers (`celery -A vaxkit.platform.worker worker`).
app.conf.imports = ("vaxkit.platform.sms.dispatch", "vaxkit.platform.registration.maintenance")


def tenant_task(name: str, **options: Any) -> Callable[[Callable[..., Any]], Any]:
    """Declare a task whose first argument is the schema name of the tenant it works in."""

    def decorate(func: Callable[..., Any]) -> Any:
        @functools.wraps(func)
        def run(schema_name: str, *args: Any, **kwargs: Any) -> Any:
            with schema_context(schema_name):
                return func(*args, **kwargs)

        return app.task(name=name, **options)(run)

    return decorate


def enqueue(task: Any, *args: Any) -> None:
    """Queue ``task``; without a broker run it here and now.

    Eager runs use ``Task.apply``, which never touches the broker connection pool: since Celery
    5.3, ``delay`` in eager mode still borrows a producer from it.
    """
    if app.conf.task_always_eager:
        task.apply(args=args)
    else:
        task.apply_async(args=args)


def current_schema() -> str:
    """The schema to pass to a tenant task enqueued from here."""
    return connection.schema_name
