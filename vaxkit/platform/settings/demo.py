"""Settings for ``vaxkit demo``: a production-like server on ``*.localhost``, SMS into a file
that the development inbox page shows, keys generated once into the data directory."""

from __future__ import annotations

from vaxkit.platform.settings.base import *  # noqa: F403
from vaxkit.platform.settings.base import VAXKIT_DATA_DIR
from vaxkit.platform.settings.environment import env_key, env_list, env_str, local_keys

_keys = local_keys(VAXKIT_DATA_DIR)
DEBUG = False
SECRET_KEY = env_str("VAXKIT_SECRET_KEY") or _keys["secret_key"]
VAXKIT_FIELD_KEY = env_key("VAXKIT_FIELD_KEY") or bytes.fromhex(_keys["field_key"])
VAXKIT_LOOKUP_KEY = env_key("VAXKIT_LOOKUP_KEY") or bytes.fromhex(_keys["lookup_key"])
ALLOWED_HOSTS = env_list("VAXKIT_ALLOWED_HOSTS", ["localhost", ".localhost", "127.0.0.1"])
VAXKIT_SMS_BACKEND = env_str("VAXKIT_SMS_BACKEND", "file")
# The demo shows OTPs on a clearly marked development inbox page.
VAXKIT_SMS_INBOX_VISIBLE = True
# Static files straight from the apps' folders: no collectstatic step before serving.
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
