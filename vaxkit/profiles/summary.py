"""A readable, plain-text summary of a profile (``vaxkit profile show``)."""

from __future__ import annotations

from vaxkit.profiles.languages import language_name, text_direction
from vaxkit.profiles.schema import AdminArea, Profile


def _count(areas: list[AdminArea]) -> int:
    return sum(1 + _count(a.children) for a in areas)


def summarize(p: Profile) -> str:
    """The profile in a few dozen lines."""
    en = "en"
    lines = [
        f"{p.text(p.branding.platform_name, en)} — {p.text(p.country.names, en)} "
        f"({p.country.code}/{p.country.alpha3})"
        + (f", jurisdiction {p.jurisdiction.code}" if p.jurisdiction else ""),
        f"  Ministry:     {p.text(p.branding.ministry, en)}",
        f"  Time zone:    {p.country.time_zone}; phone +{p.country.phone.country_code} "
        f"(e.g. {p.country.phone.example})",
        "  Languages:    "
        + ", ".join(
            f"{code} {language_name(code)} [{text_direction(code, p.languages.fallbacks)}]"
            + (" (default)" if code == p.languages.default else "")
            + (f" -> {p.languages.fallbacks[code]}" if code in p.languages.fallbacks else "")
            for code in p.languages.supported
        ),
        "  Names:        "
        + " + ".join(part.key + ("*" if part.required else "") for part in p.names.parts)
        + f"; transliteration {p.names.transliteration}",
        "  Admin levels: "
        + " > ".join(level.key for level in p.admin_areas.levels)
        + f" ({_count(p.admin_areas.areas)} areas); postal code e.g. "
        + p.admin_areas.postal_code.example,
        "  ID documents: "
        + ", ".join(
            f"{d.code} ({d.validator}{', travel' if d.for_travel else ''})" for d in p.id_documents
        ),
        f"  Cohorts ({p.cohorts.age_rule.value}):",
    ]
    for c in p.cohorts.groups:
        ages = f"{c.min_age}+" if c.max_age is None else f"{c.min_age}-{c.max_age}"
        extra = f" with {' or '.join(c.requires_any)}" if c.requires_any else ""
        lines.append(f"    {c.code:<16} {ages:<8}{extra} from {c.opens_on.isoformat()}")
    lines.append("  Vaccines:")
    for v in p.vaccines:
        gaps = ", ".join(
            f"{iv.min_days}" + (f"-{iv.max_days}" if iv.max_days is not None else "+") + " d"
            for iv in v.intervals
        )
        boosters = ", ".join(f"{b.code} after {b.after_days} d" for b in v.boosters)
        lines.append(
            f"    {v.code:<16} {v.doses} dose(s)"
            + (f", interval {gaps}" if gaps else "")
            + (f"; {boosters}" if boosters else "")
            + f"; ages {v.min_age}"
            + (f"-{v.max_age}" if v.max_age is not None else "+")
        )
    lines += [
        "  Certificates: "
        + ", ".join(f.value for f in p.certificates.formats)
        + f"; issuer {p.text(p.certificates.issuer_name, en)}",
        f"  Registration: {p.registration.beneficiaries_per_account} people per mobile; OTP "
        f"{p.registration.otp.length} digits, {p.registration.otp.expiry_seconds}s, "
        f"{p.registration.otp.max_tries} tries, {p.registration.otp.max_per_number_per_day}/day",
        f"  Booking:      {p.booking.window_days} days ahead; cancel until "
        f"{p.booking.cancel_until_hours} h before",
        f"  API limits:   {p.api_limits.public_requests} calls / "
        f"{p.api_limits.public_window_seconds}s per IP; cache {p.api_limits.cache_seconds}s",
    ]
    if p.todo:
        lines.append(f"  Open questions: {len(p.todo)} (see todo:)")
    return "\n".join(lines)
