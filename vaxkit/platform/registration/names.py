"""Personal names against the profile's name model (rules in :mod:`vaxkit.identity.names`)."""

from __future__ import annotations

from vaxkit.identity.errors import PersonNameError
from vaxkit.identity.names import clean_name as identity_clean_name
from vaxkit.identity.names import display_name
from vaxkit.platform.errors import ServiceError
from vaxkit.profiles.schema import Profile


def clean_name(profile: Profile, parts: dict[str, str]) -> tuple[dict[str, str], str]:
    """Validated parts (tidied, empty ones dropped) and the display name.

    Errors (``ServiceError.code``): ``name.unknown_part``, ``name.required``,
    ``name.too_long``, ``name.characters``, ``name.empty``; ``params["problems"]`` lists every
    problem found as ``{"code", "part"}``.
    """
    try:
        clean = identity_clean_name(profile.names, parts)
    except PersonNameError as error:
        problems = [{"code": p.code, "part": p.params.get("part")} for p in error.problems]
        raise ServiceError(error.code, error.message, **error.params, problems=problems) from None
    return clean, display_name(profile.names, clean)
