"""Shared by every layer: vaxkit's base settings plus this deployment's additions."""

from vaxkit.platform.settings.base import *  # noqa: F403

from config.settings.deployment import apply

apply(globals())
