"""Who is due which dose, and when (Django-free)."""

from vaxkit.eligibility.assessment import (
    Assessment,
    NextDose,
    Verdict,
    assess,
    can_receive,
    next_dose_window,
)
from vaxkit.eligibility.errors import EligibilityError
from vaxkit.eligibility.inputs import DoseTaken, Person
from vaxkit.eligibility.reasons import MESSAGES, Reason
from vaxkit.eligibility.schedule import DoseKind, DoseWindow
from vaxkit.eligibility.simulation import Counts, Series, Simulation, simulate

__all__ = [
    "MESSAGES",
    "Assessment",
    "Counts",
    "DoseKind",
    "DoseTaken",
    "DoseWindow",
    "EligibilityError",
    "NextDose",
    "Person",
    "Reason",
    "Series",
    "Simulation",
    "Verdict",
    "assess",
    "can_receive",
    "next_dose_window",
    "simulate",
]
