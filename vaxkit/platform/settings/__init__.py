"""Layered settings: ``base`` (shared, read from the environment), then ``local``, ``test``,
``production`` or ``demo`` on top. Select one with ``DJANGO_SETTINGS_MODULE``."""
