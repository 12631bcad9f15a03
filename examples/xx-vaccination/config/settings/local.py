"""This computer: debug on, the built-in PostgreSQL unless DATABASE_URL is set, keys in .vaxkit/."""

from vaxkit.platform.settings.local import *  # noqa: F403

from config.settings.deployment import apply

apply(globals())
