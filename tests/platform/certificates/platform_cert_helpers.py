"""Helpers shared by the platform certificate tests (data made through the platform's services)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any


def record_first_dose(capture: Any, *, days_ago: int = 40, dose_number: int = 1) -> Any:
    """A new beneficiary vaccinated through the core's service, on-commit hooks run."""
    from vaxkit.platform.tenants.current import local_today
    from vaxkit.platform.vaccination.services import record_dose
    from vaxkit.testing.factories import make_beneficiary, make_staff

    staff = make_staff("vaccinator")
    person = make_beneficiary(birth_date=dt.date(1984, 5, 17))
    with capture(execute=True):
        dose = record_dose(
            actor=staff.user,
            beneficiary=person,
            vaccine="twodose",
            dose_number=dose_number,
            lot="LOT-A1",
            idempotency_key=f"cert-test:{person.pk}:{dose_number}",
            date=local_today() - dt.timedelta(days=days_ago),
        )
    return staff, person, dose


def record_next_dose(capture: Any, staff: Any, person: Any, dose_number: int) -> Any:
    from vaxkit.platform.tenants.current import local_today
    from vaxkit.platform.vaccination.services import record_dose

    with capture(execute=True):
        return record_dose(
            actor=staff.user,
            beneficiary=person,
            vaccine="twodose",
            dose_number=dose_number,
            lot="LOT-B2",
            idempotency_key=f"cert-test:{person.pk}:{dose_number}",
            date=local_today(),
        )


def fetch_trust(client: Any) -> dict[str, Any]:
    """The tenant trust file, downloaded as a verifier would."""
    response = client.get("/trust.json")
    assert response.status_code == 200, response.content[:500]
    return json.loads(response.content)
