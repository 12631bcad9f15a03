"""The test suite (pytest selects this module): a real PostgreSQL, fixed keys."""

from vaxkit.platform.settings.test import *  # noqa: F403

from config.settings.deployment import apply

apply(globals())
