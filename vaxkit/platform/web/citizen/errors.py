"""Service errors shown to people: a translated message chosen by the error's stable code.

The services' own messages are English and meant for logs and API clients; pages show these.
A code without its own message falls back to its family (``id.*``), then to a general one.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MESSAGES: dict[str, Promise] = {
    "phone.invalid": _("Enter a valid mobile number."),
    "phone.not_mobile": _("This is not a mobile number. The OTP is sent by SMS."),
    "phone.wrong_country": _("Enter a mobile number of this country."),
    "otp.rate_limited": _("Too many requests. Please try again in a few minutes."),
    "otp.invalid": _("The OTP is not correct."),
    "otp.expired": _("This OTP has expired. Please ask for a new one."),
    "otp.used": _("This OTP has been used already. Please ask for a new one."),
    "otp.tries_exceeded": _("Too many wrong attempts. Please ask for a new OTP."),
    "auth.sign_in_required": _("Please sign in with your mobile number."),
    "name.required": _("Please fill in every required name field."),
    "name.too_long": _("A name is too long."),
    "name.empty": _("Please enter the person's name."),
    "birth.future": _("The date of birth cannot be in the future."),
    "birth.missing": _("Please enter the date or the year of birth."),
    "birth.implausible": _("Please check the year of birth."),
    "gender.unknown": _("Please choose a gender."),
    "consent.outdated": _("Please read and accept the consent."),
    "consent.missing": _("Please read and accept the consent."),
    "qualifier.unknown": _("Please choose from the list."),
    "id.type_unknown": _("This identity document is not accepted."),
    "id.empty": _("Please enter the document number."),
    "id": _("The document number is not valid. Please check it."),
    "registration.limit": _("One mobile number can register at most %(limit)s people."),
    "registration.duplicate_id": _("This identity document is already registered."),
    "beneficiary.not_found": _("This person is not registered under your account."),
    "beneficiary.in_use": _("A person with doses or appointments cannot be removed."),
    "search.criteria": _("Search by postal code, by area, or by location."),
    "search.days": _("Search one day or one week at a time."),
    "search.radius": _("Choose a distance of up to 100 km."),
    "search.location": _("Enter a valid latitude and longitude."),
    "search.date": _("Enter a valid date."),
    "session.not_found": _("This session is not available any more."),
    "booking.full": _("This session is full. Please choose another one."),
    "booking.not_eligible": _("This person cannot have this dose on this day."),
    "booking.duplicate": _("This person already has an appointment for this dose."),
    "booking.window": _("This date is outside the booking period."),
    "booking.slot": _("Please choose a time slot of this session."),
    "booking.age": _("This session is for another age group."),
    "booking": _("The booking could not be made. Please choose another session."),
    "appointment.not_found": _("This appointment was not found."),
    "appointment.not_booked": _("This appointment can no longer be changed."),
    "appointment.too_late": _("It is too late to change this appointment."),
    "appointment.reschedule_limit": _("This appointment cannot be rescheduled again."),
    "auth.not_staff": _("This page is for the staff of this platform."),
    "auth.role": _("Your role does not allow this."),
    "auth.scope": _("This is outside your area of work."),
    "verify.failed": _("The reference ID or the security code is not right."),
    "verify.rate_limited": _("Too many checks. Please wait a while."),
    "dose.not_eligible": _("This dose cannot be given to this person today."),
    "dose.conflict": _("This dose is recorded already with other details."),
    "dose.idempotency_conflict": _("This form was used for another person. Please start again."),
    "dose.lot": _("Please enter the lot (batch) number."),
    "dose.date": _("A dose cannot be recorded for a future date."),
    "dose.appointment": _("The appointment does not belong to this person at this centre."),
    "dose.not_found": _("This dose was not found."),
    "dose": _("The dose could not be recorded. Please check the entries."),
    "aefi.onset": _("The symptoms must begin between the day of the dose and today."),
    "aefi.symptoms": _("Please list at least one symptom."),
    "aefi": _("The report could not be saved. Please check the entries."),
    "session.date": _("A session cannot be in the past."),
    "session.slot": _("Write time slots like 09:00-11:00."),
    "session.ages": _("The minimum age is above the maximum age."),
    "session.capacity": _("Please enter the number of seats."),
    "staff.username_taken": _("This user name is taken."),
}
GENERAL = _("Sorry, this could not be done. Please check your entries and try again.")


def error_message(code: str, params: dict[str, Any] | None = None) -> str:
    """The translated message for a service error ``code`` (with its safe ``params``)."""
    message = MESSAGES.get(code) or MESSAGES.get(code.split(".")[0]) or GENERAL
    text = str(message)
    if "%(" in text:
        try:
            return text % (params or {})
        except (KeyError, TypeError, ValueError):
            return str(GENERAL)
    return text
