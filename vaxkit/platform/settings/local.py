"""Settings for development on one machine: debug on, keys generated into the data directory."""

from __future__ import annotations

from vaxkit.platform.settings.base import *  # noqa: F403
from vaxkit.platform.settings.base import VAXKIT_DATA_DIR
from vaxkit.platform.settings.environment import env_bool, env_key, env_str, local_keys

_keys = local_keys(VAXKIT_DATA_DIR)
DEBUG = env_bool("VAXKIT_DEBUG", True)
SECRET_KEY = env_str("VAXKIT_SECRET_KEY") or _keys["secret_key"]
VAXKIT_FIELD_KEY = env_key("VAXKIT_FIELD_KEY") or bytes.fromhex(_keys["field_key"])
VAXKIT_LOOKUP_KEY = env_key("VAXKIT_LOOKUP_KEY") or bytes.fromhex(_keys["lookup_key"])
VAXKIT_SMS_INBOX_VISIBLE = True
