"""Staff accounts of a tenant, their roles and what each may see.

A vaccinator and a facility administrator work at one facility; a district administrator
over an admin area and everything below it; a national administrator over the jurisdiction.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from vaxkit.platform.audit.records import audit
from vaxkit.platform.errors import Conflict, Forbidden, ServiceError
from vaxkit.platform.reference.models import AdminArea
from vaxkit.platform.scheduling.models import Facility
from vaxkit.platform.vaccination.models import Role, StaffMember

ADMIN_ROLES = (Role.FACILITY_ADMIN, Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN)


def staff_of(actor: Any, *, roles: tuple[str, ...] | None = None) -> StaffMember:
    """The active staff role of ``actor`` (a user), optionally one of ``roles``.

    Errors: ``auth.not_staff``, ``auth.role``.
    """
    if isinstance(actor, StaffMember):
        staff = actor
    else:
        staff = (
            StaffMember.objects.select_related("facility", "area")
            .filter(user_id=getattr(actor, "pk", None), active=True)
            .first()
            if getattr(actor, "is_authenticated", False)
            else None
        )
    if staff is None or not staff.active:
        raise Forbidden("auth.not_staff", "This needs a staff account of this jurisdiction.")
    if roles is not None and staff.role not in roles:
        raise Forbidden("auth.role", "Your role does not allow this.", role=staff.role)
    return staff


def covers_area_path(staff: StaffMember, area_path: str) -> bool:
    """Whether ``staff``'s scope includes the area with ``area_path``."""
    if staff.role == Role.NATIONAL_ADMIN:
        return True
    if staff.role == Role.DISTRICT_ADMIN and staff.area is not None:
        return area_path.startswith(staff.area.path)
    return False


def covers_facility(staff: StaffMember, facility: Facility) -> bool:
    """Whether ``staff`` may act on ``facility``."""
    if staff.role in (Role.VACCINATOR, Role.FACILITY_ADMIN):
        return staff.facility_id == facility.pk
    return covers_area_path(staff, facility.area_path)


def require_facility(staff: StaffMember, facility: Facility) -> None:
    if not covers_facility(staff, facility):
        raise Forbidden("auth.scope", "This facility is outside your area of work.")


def create_staff_member(
    *,
    actor: Any,
    username: str,
    password: str,
    role: str,
    facility: Facility | None = None,
    area: AdminArea | None = None,
    display_name: str = "",
) -> StaffMember:
    """Create a staff user with a role and scope.

    Only an administrator whose scope includes the new member's may do this (``auth.*``);
    the system actor (commands, the demo) may always. Errors: ``staff.role``,
    ``staff.scope_missing``, ``staff.username_taken``.
    """
    from vaxkit.platform.actors import System

    if role not in Role.values:
        raise ServiceError("staff.role", f"Unknown role '{role}'.", roles=list(Role.values))
    if role in (Role.VACCINATOR, Role.FACILITY_ADMIN) and facility is None:
        raise ServiceError("staff.scope_missing", "This role works at a facility: choose one.")
    if role == Role.DISTRICT_ADMIN and area is None:
        raise ServiceError("staff.scope_missing", "This role works over an area: choose one.")
    if not isinstance(actor, System):
        admin = staff_of(actor, roles=ADMIN_ROLES)
        in_scope = (
            covers_facility(admin, facility)
            if facility is not None
            else area is not None and covers_area_path(admin, area.path)
        ) or admin.role == Role.NATIONAL_ADMIN
        if not in_scope or (role == Role.NATIONAL_ADMIN and admin.role != Role.NATIONAL_ADMIN):
            raise Forbidden("auth.scope", "You cannot create staff outside your scope.")
    user_model = get_user_model()
    try:
        with transaction.atomic():
            user = user_model.objects.create_user(
                username=username,
                password=password,
                is_staff=role == Role.NATIONAL_ADMIN,
                is_superuser=role == Role.NATIONAL_ADMIN,
            )
            staff = StaffMember.objects.create(
                user=user,
                role=role,
                facility=facility if role in (Role.VACCINATOR, Role.FACILITY_ADMIN) else None,
                area=area if role == Role.DISTRICT_ADMIN else None,
                display_name=display_name or username,
            )
            audit(actor, "staff.create", staff, purpose="administration", details={"role": role})
    except IntegrityError:
        raise Conflict("staff.username_taken", f"The user name '{username}' is taken.") from None
    return staff
