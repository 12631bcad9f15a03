"""Write a starter profile for any ISO 3166-1 country from CLDR (Babel), ISO (pycountry) and
libphonenumber data. What only the ministry can decide is left as clearly marked TODOs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import phonenumbers
import pycountry
import yaml
from babel import Locale
from babel.core import get_global
from babel.languages import get_official_languages
from babel.numbers import get_territory_currencies

from vaxkit.profiles.languages import known_locale


class BootstrapError(ValueError):
    """The country code is unknown."""

    code = "bootstrap.country"


def _languages(cc: str) -> list[str]:
    official = [
        lang.replace("_", "-")
        for lang in get_official_languages(cc, de_facto=True)
        if known_locale(lang.replace("_", "-"))
    ]
    langs = [lang for lang in dict.fromkeys(official) if "-" not in lang][:4]
    if "en" not in langs:
        langs.append("en")  # the lingua franca of travel certificates
    return langs


def _names(cc: str, langs: list[str], fallback: str) -> dict[str, str]:
    names = {}
    for lang in langs:
        name = Locale.parse(lang, sep="-").territories.get(cc)
        if name:
            names[lang] = name
    names.setdefault("en", fallback)
    return names


def _phone(cc: str) -> dict[str, Any]:
    code = phonenumbers.country_code_for_region(cc)
    if not code:
        raise BootstrapError(
            f"{cc} has no telephone numbering plan of its own in libphonenumber; write its "
            "profile by hand (set country.phone.region to the plan it uses)"
        )
    example = phonenumbers.example_number_for_type(cc, phonenumbers.PhoneNumberType.MOBILE)
    mobile_only = example is not None
    if example is None:
        example = phonenumbers.example_number(cc)
    national = phonenumbers.national_significant_number(example) if example else ""
    return {"country_code": code, "mobile_only": mobile_only, "example": national}


def _areas(cc: str, langs: list[str]) -> tuple[list[dict[str, Any]], str]:
    subdivisions = [
        s for s in pycountry.subdivisions.get(country_code=cc) or [] if not s.parent_code
    ]
    kinds = [s.type for s in subdivisions]
    level = max(set(kinds), key=kinds.count) if kinds else "Region"
    areas = [
        {"code": s.code, "names": {"en": s.name}}
        for s in sorted(subdivisions, key=lambda s: s.code)
        if s.type == level
    ]
    return areas, level


def bootstrap_profile(country_code: str, *, today: dt.date | None = None) -> dict[str, Any]:
    """A starter profile for ``country_code`` as a plain mapping (validates, with TODOs)."""
    cc = country_code.upper()
    country = pycountry.countries.get(alpha_2=cc)
    if country is None:
        raise BootstrapError(f"'{country_code}' is not an ISO 3166-1 alpha-2 country code")
    today = today or dt.date.today()
    langs = _languages(cc)
    default = langs[0]
    zones = get_global("territory_zones").get(cc, ["UTC"])
    currencies = get_territory_currencies(cc, start_date=today)
    areas, level = _areas(cc, langs)
    level_key = level.lower().replace(" ", "_").replace("-", "_")
    level_key = "".join(ch for ch in level_key if ch.isalnum() or ch == "_") or "region"
    if not level_key[0].isalpha():
        level_key = "region"
    profile: dict[str, Any] = {
        "vaxkit_profile": 1,
        "country": {
            "code": cc,
            "alpha3": country.alpha_3,
            "names": _names(cc, langs, country.name),
            "time_zone": zones[0],
            "currency": currencies[0] if currencies else None,
            "phone": _phone(cc),
        },
        "languages": {"default": default, "supported": langs},
        "names": {
            "parts": [
                {
                    "key": "given",
                    "labels": {"en": "Given name(s)"},
                    "required": True,
                    "travel_role": "given",
                },
                {
                    "key": "family",
                    "labels": {"en": "Family name"},
                    "required": False,
                    "travel_role": "family",
                },
            ],
            "display_order": ["given", "family"],
            "transliteration": "ask",
            "single_name_allowed": True,
        },
        "admin_areas": {
            "levels": [{"key": level_key, "labels": {"en": level}}],
            "postal_code": {
                "labels": {"en": "Postal code"},
                "pattern": "^[0-9A-Z -]{3,10}$",
                "example": "12345",
            },
            "areas": areas,
        },
        "id_documents": [
            {
                "code": "passport",
                "labels": {"en": "Passport"},
                "validator": "passport",
                "mask": "keep_last:3",
                "holders": ["citizen", "resident", "foreigner"],
                "for_travel": True,
            },
        ],
        "cohorts": {
            "age_rule": "booking_date",
            "groups": [
                {
                    "code": "adults",
                    "labels": {"en": "Adults"},
                    "min_age": 18,
                    "opens_on": today.isoformat(),
                },
            ],
        },
        "vaccines": [
            {
                "code": "comirnaty",
                "name": "Comirnaty",
                "manufacturer": "BioNTech Manufacturing GmbH",
                "codes": {
                    "eu_mp": "EU/1/20/1528",
                    "eu_vp": "1119349007",
                    "eu_ma": "ORG-100030215",
                    "cvx": "208",
                    "atc": "J07BN01",
                },
                "doses": 2,
                "intervals": [{"after_dose": 1, "min_days": 21}],
                "min_age": 12,
            }
        ],
        "certificates": {
            "formats": ["pdf"],
            "issuer_name": {"en": "Ministry of Health"},
            "issuer_url": f"https://vaccination.example.{cc.lower()}",
            "country": cc,
            "id_prefix": "MOH",
        },
        "registration": {
            "genders": [
                {"code": "f", "labels": {"en": "Female"}, "fhir": "female"},
                {"code": "m", "labels": {"en": "Male"}, "fhir": "male"},
                {"code": "x", "labels": {"en": "Other"}, "fhir": "other"},
            ]
        },
        "branding": {
            "platform_name": {"en": f"{country.name} Vaccination"},
            "ministry": {"en": "Ministry of Health"},
            "colors": {"primary": "#1F4E79", "secondary": "#2E7D32"},
        },
        "todo": [
            "Confirm the platform's languages and translate every label into each of them.",
            "Add the national identity documents and their check rules (see `vaxkit id rules`).",
            f"Complete the administrative hierarchy below the {level.lower()} level.",
            "Set the postal-code pattern and example (the current one is a placeholder).",
            "Set the real cohorts, opening dates and qualifying conditions/occupations.",
            "List the vaccines in use with their codes, intervals, age limits and boosters.",
            "Choose certificate formats (eu_dcc, shc, w3c_vc, icao_vds) and the issuer's data.",
            "Set branding: platform name, ministry name, colours and logo.",
        ],
    }
    if profile["country"]["currency"] is None:
        del profile["country"]["currency"]
    return profile


def bootstrap_yaml(country_code: str, *, today: dt.date | None = None) -> str:
    """The starter profile as commented YAML text."""
    data = bootstrap_profile(country_code, today=today)
    header = (
        f"# Starter profile for {data['country']['names']['en']}, generated by "
        "`vaxkit profile bootstrap`\n"
        "# from CLDR, ISO 3166 and libphonenumber data. Everything under `todo:` needs the "
        "ministry's answer;\n"
        "# `vaxkit profile validate --strict` fails until the list is empty.\n"
    )
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return header + body
