"""Printable PDF vaccination certificates: HTML/CSS templates rendered by WeasyPrint.

One page per certificate, with a block per language (the tenant's language and English by
default, or ``Certificates.languages``), each with its own ``lang`` and ``dir`` so that Arabic runs
right to left and every script is shaped by HarfBuzz with the bundled Noto fonts. A country
overrides ``certificate.html`` or ``certificate.css`` by putting its own copy in a folder passed
in ``template_dirs`` (searched before the package's ``templates/``), or adds rules in a
``certificate-custom.css`` there without copying the stylesheet.

Rendering is pure (record, payload and profile in, bytes out) and takes tens of milliseconds:
call it from a worker or lazily on first download and cache the bytes, never on the request
path of issuing a certificate.
"""

from __future__ import annotations

import base64
import datetime as dt
import threading
import unicodedata
import zoneinfo
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import jinja2
from babel import Locale
from babel.dates import format_date, format_skeleton
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from vaxkit.certificates import qr
from vaxkit.certificates.errors import CertificateError
from vaxkit.certificates.i18n import _, babel_locale, isolate, text_direction, translation
from vaxkit.certificates.record import COVID19_SNOMED, VaccinationRecord
from vaxkit.certificates.typefaces import (
    FONTS_DIR,
    UnsupportedLanguageError,
    font_face_css,
    language_script,
)
from vaxkit.certificates.typefaces import font_stack as _font_stack
from vaxkit.profiles.schema import Profile

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
CUSTOM_CSS = "certificate-custom.css"
"""Optional stylesheet in a country's template folder, applied after ``certificate.css``."""
MASK_CHARACTERS = frozenset("Xx*•●")

# Labels sit in a narrow column of the printed certificate: translations should stay short.
LABELS: dict[str, str] = {
    # Translators: status badge of a vaccination certificate (the series is complete).
    "final": _("Final"),
    # Translators: status badge of a vaccination certificate (more doses are due).
    "provisional": _("Provisional"),
    "final_note": _("The vaccination series is complete."),
    "provisional_note": _("The vaccination series is not complete yet."),
    "beneficiary": _("Beneficiary details"),
    "vaccination": _("Vaccination details"),
    "name": _("Name"),
    "name_latin": _("Name in travel documents"),
    "date_of_birth": _("Date of birth"),
    # Translators: label of the holder's sex or gender on a certificate.
    "sex": _("Sex"),
    "id_verified": _("ID verified"),
    "beneficiary_ref": _("Beneficiary reference ID"),
    "certificate_id": _("Certificate ID"),
    "vaccine": _("Vaccine"),
    "manufacturer": _("Manufacturer"),
    # Translators: label of the dose number on a certificate ("1 of 2").
    "dose": _("Dose"),
    "date_of_dose": _("Date of dose"),
    "lot": _("Batch number"),
    "vaccinated_by": _("Vaccinated by"),
    "vaccinated_at": _("Vaccination centre"),
    "country": _("Country of vaccination"),
    "issuer": _("Issued by"),
    "issued_on": _("Issued on"),
    "valid_until": _("Valid until"),
    "scan": _("Scan the QR code to verify this certificate."),
}
# Translators: certificate title; %(disease)s is a disease name such as "COVID-19".
TITLE_FINAL = _("Final certificate for %(disease)s vaccination")
# Translators: certificate title; %(disease)s is a disease name such as "COVID-19".
TITLE_PROVISIONAL = _("Provisional certificate for %(disease)s vaccination")
TITLE_FINAL_GENERIC = _("Final vaccination certificate")
TITLE_PROVISIONAL_GENERIC = _("Provisional vaccination certificate")
# Translators: dose number in a series, e.g. "1 of 2".
DOSE_OF = _("%(dose)s of %(total)s")
# Translators: a dose given after the primary series is complete, e.g. "3 (additional dose)".
DOSE_ADDITIONAL = _("%(dose)s (additional dose)")
DISEASES = {COVID19_SNOMED: _("COVID-19")}
SEXES = {"male": _("Male"), "female": _("Female"), "other": _("Other"), "unknown": _("Unknown")}


class CertificateRenderError(CertificateError, ValueError):
    """A certificate that cannot be rendered; ``code`` is stable and machine-readable."""


@dataclass(frozen=True)
class Row:
    """One label/value line of a language block."""

    key: str
    label: str
    value: str
    code: str | None = None
    """A code printed after the value, left to right and unbroken (the masked ID number)."""


@dataclass(frozen=True)
class LanguageBlock:
    """Everything printed in one language."""

    lang: str
    dir: str
    script: str
    """ISO 15924 code (``Deva``, ``Arab``), for per-script styling such as ``.script-Arab``."""
    font_family: str
    labels: Mapping[str, str]
    title: str
    status: str
    status_note: str
    platform: str
    ministry: str
    issuer: str
    beneficiary: list[Row] = field(default_factory=list)
    vaccination: list[Row] = field(default_factory=list)


def certificate_languages(profile: Profile, languages: Sequence[str] | None = None) -> list[str]:
    """Languages printed: ``languages``, else the profile's choice, else default plus English."""
    chosen = list(languages or profile.certificates.languages)
    if not chosen:
        chosen = [profile.languages.default, "en"]
    return list(dict.fromkeys(chosen))  # keep order, drop repeats


def _format_partial_date(value: str, locale: Locale) -> str:
    """A date of birth that may be ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (EU DCC rules)."""
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return format_date(dt.date.fromisoformat(value), "long", locale=locale)
        if len(parts) == 2:
            return format_skeleton("yMMMM", dt.date(int(parts[0]), int(parts[1]), 1), locale=locale)
    except ValueError:
        pass
    return value


def _local_date(moment: dt.datetime, zone: str) -> dt.date:
    return moment.astimezone(zoneinfo.ZoneInfo(zone)).date()


def _family_first(profile: Profile) -> bool:
    """Whether the profile displays the family name first (Vietnamese, Hungarian, Chinese)."""
    roles = {part.key: part.travel_role for part in profile.names.parts}
    order = [roles[key] for key in profile.names.display_order if roles.get(key)]
    return bool(order) and order[0] == "family"


def _names(record: VaccinationRecord, profile: Profile) -> tuple[str, str]:
    """Display name in the national script and the ICAO Latin form, in the profile's order."""
    latin = [
        p.replace("<", " ").strip() for p in (record.given_name_latin, record.family_name_latin)
    ]
    native = [record.given_name, record.family_name]
    if _family_first(profile):
        latin.reverse()
        native.reverse()
    return " ".join(p for p in native if p), " ".join(p for p in latin if p)


def _check_masked(masked_id: str) -> None:
    # Certificates must never carry a full ID number (DESIGN.md, privacy rules): refuse a
    # value that hides nothing rather than print it.
    if not masked_id or not (set(masked_id) & MASK_CHARACTERS):
        raise CertificateRenderError(
            "id_not_masked",
            "masked_id must be a masked identity number such as XXXX-XXXX-1234 "
            "(use the profile's mask rule); refusing to print an unmasked number.",
        )


def _block(
    lang: str,
    record: VaccinationRecord,
    profile: Profile,
    *,
    masked_id: str,
    id_label: str | Mapping[str, str],
    locale_dirs: Sequence[str | Path],
) -> LanguageBlock:
    fallbacks = profile.languages.fallbacks
    try:
        fonts = _font_stack(lang, fallbacks)
        script = language_script(lang, fallbacks)
    except UnsupportedLanguageError as error:
        raise CertificateRenderError(error.code, error.message) from None
    catalog = translation(lang, locale_dirs)
    t = catalog.gettext
    locale = babel_locale(lang, fallbacks)
    labels = {key: t(text) for key, text in LABELS.items()}
    final = record.series_complete

    disease = DISEASES.get(record.disease)
    if disease:
        title = t(TITLE_FINAL if final else TITLE_PROVISIONAL) % {"disease": t(disease)}
    else:
        title = t(TITLE_FINAL_GENERIC if final else TITLE_PROVISIONAL_GENERIC)
    if record.dose_number > record.total_doses:
        dose = t(DOSE_ADDITIONAL) % {"dose": record.dose_number}
    else:
        dose = t(DOSE_OF) % {"dose": record.dose_number, "total": record.total_doses}

    sex = next(
        (
            profile.text(g.labels, lang)
            for g in profile.registration.genders
            if g.fhir == record.sex
        ),
        t(SEXES.get(record.sex, record.sex)),
    )
    id_name = id_label if isinstance(id_label, str) else profile.text(dict(id_label), lang)
    if record.country == profile.country.code:
        country = profile.text(profile.country.names, lang)
    else:
        country = locale.territories.get(record.country, record.country)
    issuer = record.issuer
    if record.country == profile.certificates.country:
        issuer = profile.text(profile.certificates.issuer_name, lang) or record.issuer
    zone = profile.country.time_zone
    name, latin = _names(record, profile)

    def row(key: str, value: str | None, code: str | None = None) -> Row | None:
        # NFC: decomposed input (e + combining marks) and precomposed text print and extract
        # the same way.
        return Row(key, labels[key], unicodedata.normalize("NFC", value), code) if value else None

    beneficiary = [
        row("name", name),
        row("name_latin", latin) if latin and latin.casefold() != name.casefold() else None,
        row("date_of_birth", _format_partial_date(record.date_of_birth, locale)),
        row("sex", sex),
        row("id_verified", id_name or labels["id_verified"], masked_id),
        row("beneficiary_ref", record.beneficiary_ref),
        row("certificate_id", record.certificate_id),
    ]
    place = ", ".join(p for p in (record.facility, record.facility_area) if p)
    vaccination = [
        row("vaccine", record.vaccine_name),
        row("manufacturer", record.manufacturer),
        row("dose", dose),
        row("date_of_dose", format_date(record.date, "long", locale=locale)),
        row("lot", record.lot),
        row("vaccinated_by", record.vaccinator),
        row("vaccinated_at", place),
        row("country", country),
        row("issuer", issuer),
        row("issued_on", format_date(_local_date(record.issued_at, zone), "long", locale=locale)),
        row(
            "valid_until", format_date(_local_date(record.expires_at, zone), "long", locale=locale)
        ),
    ]
    return LanguageBlock(
        lang=lang,
        dir=text_direction(lang, fallbacks),
        script=script,
        font_family=", ".join(f'"{family}"' for family in fonts),
        labels=labels,
        title=title,
        status=labels["final" if final else "provisional"],
        status_note=labels["final_note" if final else "provisional_note"],
        platform=profile.text(profile.branding.platform_name, lang),
        ministry=profile.text(profile.branding.ministry, lang),
        issuer=issuer,
        beneficiary=[r for r in beneficiary if r],
        vaccination=[r for r in vaccination if r],
    )


_LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg"}
_LOGO_TYPES[".jpeg"] = _LOGO_TYPES[".jpg"]


def _logo_data_uri(logo_path: str | Path | None) -> str | None:
    if logo_path is None:
        return None
    path = Path(logo_path)
    media_type = _LOGO_TYPES.get(path.suffix.lower())
    if media_type is None:
        raise CertificateRenderError(
            "unsupported_logo", f"Logo {path.name!r} must be an SVG, PNG or JPEG file."
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CertificateRenderError(
            "logo_unreadable", f"Cannot read logo {path}: {error}"
        ) from None
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def _environment(template_dirs: Sequence[str | Path]) -> jinja2.Environment:
    search_path = [str(Path(d)) for d in template_dirs] + [str(TEMPLATES_DIR)]
    return _cached_environment(tuple(search_path))


@lru_cache(maxsize=32)
def _cached_environment(search_path: tuple[str, ...]) -> jinja2.Environment:
    # One environment per search path keeps compiled templates between renders.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(search_path)),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["isolate"] = isolate
    return env


def _render_template(
    env: jinja2.Environment, name: str, *, optional: bool = False, **context: object
) -> str | None:
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound:
        if optional:
            return None
        raise CertificateRenderError(
            "template_not_found",
            f"Template {name!r} not found in {env.loader.searchpath}.",  # type: ignore[union-attr]
        ) from None
    except jinja2.TemplateError as error:
        where = f"{getattr(error, 'filename', None) or name}:{getattr(error, 'lineno', '?')}"
        raise CertificateRenderError("template_error", f"{where}: {error}") from None


def render_certificate_html(
    record: VaccinationRecord,
    payload: str,
    profile: Profile,
    *,
    masked_id: str,
    id_label: str | Mapping[str, str],
    languages: Sequence[str] | None = None,
    template_dirs: Sequence[str | Path] = (),
    logo_path: str | Path | None = None,
    locale_dirs: Sequence[str | Path] = (),
) -> str:
    """The certificate as HTML (what :func:`render_certificate_pdf` prints).

    ``id_label`` names the identity document (a string, or text per language such as
    ``IdDocument.labels``); ``masked_id`` must already be masked.
    """
    _check_masked(masked_id)
    try:
        qr_png = qr.qr_png_data_uri(payload, scale=1)
    except qr.QrError as error:
        raise CertificateRenderError(error.code, error.message) from None
    blocks = [
        _block(
            lang, record, profile, masked_id=masked_id, id_label=id_label, locale_dirs=locale_dirs
        )
        for lang in certificate_languages(profile, languages)
    ]
    main = blocks[0]
    doc = {
        "lang": main.lang,
        "dir": main.dir,
        "title": main.title,
        "final": record.series_complete,
        "issuer": main.issuer,
        "qr_png": qr_png,
        "logo_uri": _logo_data_uri(logo_path),
        "certificate_id": record.certificate_id,
        "issuer_url": profile.certificates.issuer_url,
        "helpline": profile.branding.helpline,
        "created": record.issued_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "blocks": blocks,
    }
    env = _environment(template_dirs)
    return _render_template(env, "certificate.html", doc=doc) or ""


class _BlockedResource(ValueError):
    pass


class _LocalFetcher(URLFetcher):
    """Lets a template load only inline data and files under the allowed folders.

    A country's template override must not make the renderer reach the network or read
    arbitrary files; anything else stops the rendering with a clear error.
    """

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__(fail_on_errors=True)
        self._roots = [root.resolve() for root in roots]

    def fetch(self, url: str, headers: Mapping[str, str] | None = None):  # type: ignore[override]
        scheme = urlsplit(url).scheme.lower()
        if scheme == "file":
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            if any(path.is_relative_to(root) for root in self._roots):
                return super().fetch(url, headers)
        elif scheme == "data":
            return super().fetch(url, headers)
        raise _BlockedResource(f"Resource not allowed in a certificate: {url[:80]}")


_local = threading.local()


def _font_config() -> tuple[FontConfiguration, CSS]:
    """One FontConfiguration per thread, reused: loading the @font-face rules costs time.

    The same object must build the CSS and be passed to ``write_pdf``, or WeasyPrint ignores
    the ``@font-face`` rules and falls back to system fonts.
    """
    cached = getattr(_local, "fonts", None)
    if cached is None:
        config = FontConfiguration()
        fetcher = _LocalFetcher([FONTS_DIR])
        cached = (config, CSS(string=font_face_css(), font_config=config, url_fetcher=fetcher))
        _local.fonts = cached
    return cached


def html_to_pdf(html: str, css: str = "") -> bytes:
    """Any small printable page (an appointment slip) as PDF, drawn with the bundled fonts.

    Only the bundled fonts may be fetched: the page cannot load anything else.
    """
    font_config, fonts_css = _font_config()
    fetcher = _LocalFetcher([FONTS_DIR])
    sheets = [CSS(string=css, font_config=font_config, url_fetcher=fetcher)] if css else []
    document = HTML(string=html, base_url=f"{FONTS_DIR}/", url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[fonts_css, *sheets], font_config=font_config)


def render_certificate_pdf(
    record: VaccinationRecord,
    payload: str,
    profile: Profile,
    *,
    masked_id: str,
    id_label: str | Mapping[str, str],
    languages: Sequence[str] | None = None,
    template_dirs: Sequence[str | Path] = (),
    logo_path: str | Path | None = None,
    locale_dirs: Sequence[str | Path] = (),
) -> bytes:
    """The printable certificate as PDF bytes (see :func:`render_certificate_html`)."""
    html = render_certificate_html(
        record,
        payload,
        profile,
        masked_id=masked_id,
        id_label=id_label,
        languages=languages,
        template_dirs=template_dirs,
        logo_path=logo_path,
        locale_dirs=locale_dirs,
    )
    env = _environment(template_dirs)
    colors = profile.branding.colors
    # certificate-custom.css is optional: a country adds rules without copying the stylesheet.
    css = [
        _render_template(env, name, optional=name == CUSTOM_CSS, colors=colors)
        for name in ("certificate.css", CUSTOM_CSS)
    ]
    font_config, fonts_css = _font_config()
    fetcher = _LocalFetcher([FONTS_DIR, TEMPLATES_DIR, *(Path(d) for d in template_dirs)])
    # Relative URLs in a template resolve next to the certificate.html actually used.
    base_url = Path(env.get_template("certificate.html").filename or TEMPLATES_DIR).parent
    try:
        sheets = [CSS(string=c, font_config=font_config, url_fetcher=fetcher) for c in css if c]
        document = HTML(string=html, base_url=f"{base_url}/", url_fetcher=fetcher)
        return document.write_pdf(stylesheets=[fonts_css, *sheets], font_config=font_config)
    except FatalURLFetchingError as error:
        cause = error.__cause__
        code = "resource_blocked" if isinstance(cause, _BlockedResource) else "resource_missing"
        raise CertificateRenderError(code, str(cause or error)) from None
