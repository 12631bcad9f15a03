"""Seeding reference rows from a profile: idempotent, run at provisioning and on reload."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from vaxkit.platform.reference.models import AdminArea, Cohort, IdDocumentType, Vaccine
from vaxkit.profiles import schema


@dataclass(frozen=True)
class SeedCounts:
    areas: int
    vaccines: int
    id_types: int
    cohorts: int


def seed_reference_data(profile: schema.Profile) -> SeedCounts:
    """Create or update reference rows to match ``profile``; deactivate rows it no longer has.

    Runs in the current tenant schema; the caller holds the transaction.
    """
    return SeedCounts(
        areas=_seed_areas(profile),
        vaccines=_seed_vaccines(profile),
        id_types=_seed_id_types(profile),
        cohorts=_seed_cohorts(profile),
    )


def _walk(
    areas: list[schema.AdminArea], levels: list[schema.AdminLevel], depth: int, parent_path: str
) -> Iterator[tuple[schema.AdminArea, int, str, str, int]]:
    for position, area in enumerate(areas):
        path = f"{parent_path}{area.code}/"
        key = levels[min(depth, len(levels) - 1)].key
        yield area, depth, key, path, position
        yield from _walk(area.children, levels, depth + 1, path)


def _seed_areas(profile: schema.Profile) -> int:
    existing = {a.code: a for a in AdminArea.objects.all()}
    by_path: dict[str, AdminArea] = {}
    seen: set[str] = set()
    created: list[AdminArea] = []
    changed: list[AdminArea] = []
    levels = profile.admin_areas.levels
    # Parents come before children in the walk, so a parent row exists when a child needs it.
    for area, depth, key, path, position in _walk(profile.admin_areas.areas, levels, 0, ""):
        parent = by_path.get(path[: path.rstrip("/").rfind("/") + 1]) if depth else None
        values = {
            "names": dict(area.names),
            "parent": parent,
            "level": depth,
            "level_key": key,
            "path": path,
            "postal_codes": list(area.postal_codes),
            "position": position,
            "active": True,
        }
        row = existing.get(area.code)
        if row is None:
            row = AdminArea(code=area.code, **values)
            row.save()
            created.append(row)
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            changed.append(row)
        by_path[path] = row
        seen.add(area.code)
    if changed:
        AdminArea.objects.bulk_update(
            changed,
            ["names", "parent", "level", "level_key", "path", "postal_codes", "position", "active"],
        )
    AdminArea.objects.exclude(code__in=seen).update(active=False)
    return len(seen)


def _seed_vaccines(profile: schema.Profile) -> int:
    for position, v in enumerate(profile.vaccines):
        Vaccine.objects.update_or_create(
            code=v.code,
            defaults={
                "product_name": v.name,
                "manufacturer": v.manufacturer,
                "names": {"en": v.name},
                "doses": v.doses,
                "paid": v.paid,
                "position": position,
                "active": True,
            },
        )
    Vaccine.objects.exclude(code__in=[v.code for v in profile.vaccines]).update(active=False)
    return len(profile.vaccines)


def photo_id_types(profile: schema.Profile) -> dict[str, int]:
    """CoWIN ``photo_id_type`` per document code: as given, else assigned in order."""
    taken = {d.cowin_photo_id_type for d in profile.id_documents if d.cowin_photo_id_type}
    result: dict[str, int] = {}
    next_id = 1
    for doc in profile.id_documents:
        if doc.cowin_photo_id_type:
            result[doc.code] = doc.cowin_photo_id_type
            continue
        while next_id in taken:
            next_id += 1
        result[doc.code] = next_id
        taken.add(next_id)
    return result


def _seed_id_types(profile: schema.Profile) -> int:
    ids = photo_id_types(profile)
    for position, doc in enumerate(profile.id_documents):
        IdDocumentType.objects.update_or_create(
            code=doc.code,
            defaults={
                "names": dict(doc.labels),
                "photo_id_type": ids[doc.code],
                "position": position,
                "active": True,
            },
        )
    IdDocumentType.objects.exclude(code__in=ids).update(active=False)
    return len(ids)


def _seed_cohorts(profile: schema.Profile) -> int:
    groups = profile.cohorts.groups
    for position, c in enumerate(groups):
        Cohort.objects.update_or_create(
            code=c.code,
            defaults={
                "names": dict(c.labels),
                "min_age": c.min_age,
                "max_age": c.max_age,
                "opens_on": c.opens_on,
                "closes_on": c.closes_on,
                "position": position,
                "active": True,
            },
        )
    Cohort.objects.exclude(code__in=[c.code for c in groups]).update(active=False)
    return len(groups)
