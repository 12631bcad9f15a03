"""A beneficiary as the eligibility engine sees them: birth data, qualifiers, doses taken."""

from __future__ import annotations

from vaxkit.eligibility import DoseTaken, Person
from vaxkit.platform.registration.models import Beneficiary
from vaxkit.platform.vaccination.models import Dose


def person_of(beneficiary: Beneficiary) -> Person:
    """Birth date when known (else the year) and qualifiers."""
    return Person(
        birth_date=beneficiary.birth_date,
        birth_year=None if beneficiary.birth_date else beneficiary.birth_year,
        qualifiers=frozenset(beneficiary.qualifiers or ()),
    )


def dose_history(beneficiary_id: int) -> list[DoseTaken]:
    """Doses given, in order (one query)."""
    rows = (
        Dose.objects.filter(beneficiary_id=beneficiary_id)
        .order_by("dose_number")
        .values_list("vaccine__code", "date", "dose_number")
    )
    return [DoseTaken(vaccine=v, date=d, dose_number=n) for v, d, n in rows]
