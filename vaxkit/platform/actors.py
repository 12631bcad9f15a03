"""Who acts: a staff user, a signed-in citizen account, an anonymous visitor, or the system.

Every service takes a keyword-only ``actor``; the audit log records it without personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from vaxkit.platform.registration.models import Account


@dataclass(frozen=True)
class Anonymous:
    """A visitor who is not signed in (OTP requests, public search)."""

    ip: str | None = None


@dataclass(frozen=True)
class System:
    """The platform itself: a command, a job, the demo seeder."""

    name: str
    ip: str | None = None


@dataclass(frozen=True)
class Citizen:
    """A signed-in account, with the address the request came from."""

    account: Account
    ip: str | None = None


Actor: TypeAlias = "AbstractBaseUser | Account | Citizen | Anonymous | System"


@dataclass(frozen=True)
class ActorInfo:
    kind: str
    id: str
    label: str
    ip: str | None


def describe(actor: Any) -> ActorInfo:
    """How the audit log names ``actor`` (never a full phone or ID number)."""
    from django.contrib.auth.models import AbstractBaseUser

    from vaxkit.platform.registration.models import Account

    if isinstance(actor, Citizen):
        info = describe(actor.account)
        return ActorInfo(info.kind, info.id, info.label, actor.ip)
    if isinstance(actor, Account):
        return ActorInfo("citizen", str(actor.pk), str(actor), None)
    if isinstance(actor, AbstractBaseUser):
        return ActorInfo("staff", str(actor.pk), actor.get_username(), None)
    if isinstance(actor, Anonymous):
        return ActorInfo("anonymous", "", "", actor.ip)
    if isinstance(actor, System):
        return ActorInfo("system", actor.name, actor.name, actor.ip)
    raise TypeError(f"not an actor: {type(actor).__name__}")


def citizen_account(actor: Any) -> Account | None:
    """The account behind a citizen actor, or None for anyone else."""
    from vaxkit.platform.registration.models import Account

    if isinstance(actor, Citizen):
        return actor.account
    if isinstance(actor, Account):
        return actor
    return None
