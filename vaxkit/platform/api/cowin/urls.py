"""Routes of the CoWIN-compatible API, as real clients call them (under ``/api/v2/``)."""

from __future__ import annotations

from django.urls import path

from vaxkit.platform.api.cowin import account, auth, availability, documents

A = "appointment/sessions"

urlpatterns = [
    path("admin/location/states", availability.states, name="cowin-states"),
    path("admin/location/districts/<str:state_id>", availability.districts, name="cowin-districts"),
    path(f"{A}/public/findByPin", availability.find_public, name="cowin-find-pin"),
    path(f"{A}/public/findByDistrict", availability.find_public, name="cowin-find-district"),
    path(f"{A}/public/calendarByPin", availability.calendar_public, name="cowin-calendar-pin"),
    path(
        f"{A}/public/calendarByDistrict",
        availability.calendar_public,
        name="cowin-calendar-district",
    ),
    path(
        f"{A}/public/calendarByCenter",
        availability.calendar_by_center,
        name="cowin-calendar-centre",
    ),
    path(
        "appointment/centers/public/findByLatLong", availability.find_by_lat_long, name="cowin-near"
    ),
    path(f"{A}/findByPin", availability.find_signed_in),
    path(f"{A}/findByDistrict", availability.find_signed_in),
    path(f"{A}/calendarByPin", availability.calendar_signed_in),
    path(f"{A}/calendarByDistrict", availability.calendar_signed_in),
    path("auth/public/generateOTP", auth.generate_otp, name="cowin-otp"),
    path("auth/public/confirmOTP", auth.confirm_public, name="cowin-confirm"),
    path("auth/generateOTP", auth.generate_otp),
    path("auth/confirmOTP", auth.confirm_protected),
    path("auth/generateMobileOTP", auth.generate_mobile_otp),
    path("auth/validateMobileOtp", auth.validate_mobile_otp),
    path("auth/getRecaptcha", auth.get_recaptcha),
    path("appointment/beneficiaries", account.beneficiaries, name="cowin-beneficiaries"),
    path("appointment/schedule", account.schedule, name="cowin-schedule"),
    path("appointment/reschedule", account.reschedule),
    path("appointment/cancel", account.cancel),
    path("appointment/appointmentslip/download", documents.appointment_slip),
    path("registration/beneficiary/new", account.new_beneficiary),
    path("registration/beneficiary/delete", account.delete_beneficiary),
    path("registration/beneficiary/idTypes", account.id_types),
    path("registration/beneficiary/genders", account.genders),
    path("registration/certificate/public/download", documents.certificate),
]
