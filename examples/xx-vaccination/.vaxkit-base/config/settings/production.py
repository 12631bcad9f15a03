"""Servers: vaxkit's production layer (every secret from the environment, HTTPS) plus this
deployment's additions. `python manage.py check --deploy` must stay clean with this module."""

from vaxkit.platform.settings.environment import env_bool, env_list
from vaxkit.platform.settings.production import *  # noqa: F403

from config.settings.deployment import apply

apply(globals())

# Tenants live on subdomains of one parent domain, all served over HTTPS.
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading is a promise to browsers that is slow to undo: opt out with VAXKIT_HSTS_PRELOAD=0.
SECURE_HSTS_PRELOAD = env_bool("VAXKIT_HSTS_PRELOAD", True)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env_list("VAXKIT_CSRF_TRUSTED_ORIGINS", [])
X_FRAME_OPTIONS = "DENY"
# Load balancers and Kubernetes probe /healthz over plain HTTP inside the cluster.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
