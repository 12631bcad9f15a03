"""Translations: complete catalogs for the citizen pages in every profile language, matching
placeholders, reasons in step with the eligibility engine, and a pseudo-locale that proves
every visible string of the citizen pages goes through translation."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.utils.translation import override

from vaxkit.eligibility import MESSAGES
from vaxkit.i18n import catalogs
from vaxkit.identity.phones import mask_phone
from vaxkit.platform.tenants.current import local_today
from vaxkit.platform.web.citizen.reasons import TEMPLATES
from vaxkit.testing.factories import id_number, make_session

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
LANGUAGES = catalogs.shipped_languages()


@pytest.fixture(scope="module")
def template_catalog():
    return catalogs.extract()


def test_every_shipped_profile_language_has_a_catalog():
    assert len(LANGUAGES) > 20 and {"en", "hi", "ar", "qu", "ay", "lg"} <= set(LANGUAGES)
    missing = [lang for lang in LANGUAGES if not catalogs.catalog_path(lang).exists()]
    assert not missing


@pytest.mark.parametrize("language", LANGUAGES)
def test_citizen_pages_are_fully_translated(language, template_catalog):
    result = catalogs.coverage(language, template_catalog)
    assert result.citizen_total > 150
    assert result.citizen_percent == 100.0, (
        f"{language}: {result.citizen_translated}/{result.citizen_total} citizen messages; "
        "run `vaxkit i18n update` and translate the empty entries"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language):
    with catalogs.catalog_path(language).open("rb") as fh:
        catalog = read_po(fh)
    problems = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(set(PLACEHOLDER.findall(ids[-1])))
        for text in strings:
            if text and sorted(set(PLACEHOLDER.findall(text))) != wanted:
                problems.append((ids[0], text))
        tags = sorted(re.findall(r"</?\w+", ids[0]))
        if any(text and sorted(re.findall(r"</?\w+", text)) != tags for text in strings):
            problems.append((ids[0], "HTML tags differ"))
    assert not problems, problems[:5]


def test_reason_templates_match_the_eligibility_engine():
    assert set(TEMPLATES) == set(MESSAGES)
    with override(None):  # no catalog: the source text itself
        for code, english in MESSAGES.items():
            assert str(TEMPLATES[code]) == english, code


# --- pseudo-locale --------------------------------------------------------------------------

_ACCENTS = str.maketrans("aeiouAEIOUcnyCNY", "áéíóúÁÉÍÓÚçñýÇÑÝ")
_KEEP = re.compile(r"(%\(\w+\)[sd]|%[sd]|<[^>]+>|&\w+;)")


def pseudo(text: str) -> str:
    """``Book now`` -> ``⟦Bóók ñóẃ⟧``: visibly translated, placeholders and tags intact."""
    parts = _KEEP.split(text)
    return "⟦" + "".join(p if _KEEP.fullmatch(p) else p.translate(_ACCENTS) for p in parts) + "⟧"


@pytest.fixture
def pseudo_english(tmp_path: Path, settings, template_catalog):
    """English pages drawn from a pseudo catalog that takes precedence over the shipped one."""
    import copy

    catalog = copy.deepcopy(template_catalog)
    catalog.locale = Locale("en")
    for message in catalog:
        if message.id:
            if isinstance(message.id, tuple):
                message.string = (pseudo(message.id[0]), pseudo(message.id[1]))
            else:
                message.string = pseudo(message.id)
    target = tmp_path / "en" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "django.mo").open("wb") as fh:
        write_mo(fh, catalog)
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]
    yield


class _Visible(HTMLParser):
    """Text a person sees or hears: text nodes and the attributes screen readers read."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "option"):
            self._skip += 1
        for name, value in attrs:
            if name in ("aria-label", "title", "alt", "placeholder") and value:
                self.texts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "option"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.texts.append(data.strip())


def _untranslated(html: str, allowed: list[str]) -> list[str]:
    """Words left once translated segments (which may span inline tags) and data are removed."""
    parser = _Visible()
    parser.feed(html)
    rest = re.sub(r"⟦[^⟧]*⟧", " ", " ".join(parser.texts))
    for value in allowed:
        rest = rest.replace(value, " ")
    return re.findall(r"\S*[^\W\d_]{2,}\S*", rest)


def _profile_texts(value: object) -> list[str]:
    if isinstance(value, dict):
        return [t for v in value.values() for t in _profile_texts(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _profile_texts(v)]
    return [value] if isinstance(value, str) and len(value) > 1 else []


def test_pseudo_locale_reaches_every_visible_citizen_string(
    pseudo_english, tenant, new_client, signed_in
):
    client = new_client(tenant)
    pages = ["/", "/search", "/signin"]
    html = [client.get(url).content.decode() for url in pages]
    mobile = signed_in(client)
    doc, number = id_number("national_id")
    html.append(client.post("/account/add", {"name_given": ""}).content.decode())
    response = client.post(
        "/account/add",
        {
            "name_given": "Asha",
            "name_family": "Rao",
            "birth_date": "1980-05-17",
            "gender": "f",
            "id_type": doc,
            "id_number": number,
            "consent": "on",
        },
    )
    reference = response["Location"].rsplit("/", 1)[1]
    session = make_session(date=local_today(tenant.profile) + dt.timedelta(days=1), capacity=3)
    html.append(
        client.get(
            "/search", {"postal_code": session.facility.postal_code, "for": reference}
        ).content.decode()
    )
    booked = client.post(
        f"/account/people/{reference}/book", {"session_id": str(session.session_id)}, follow=True
    )
    html.append(booked.content.decode())
    slip_url = booked.redirect_chain[-1][0]
    for url in ("/account", f"/account/people/{reference}", f"{slip_url}/cancel"):
        html.append(client.get(url).content.decode())

    babel_en = Locale("en")
    allowed = sorted(
        {
            *_profile_texts(tenant.profile.model_dump(mode="json")),
            *babel_en.months["format"]["wide"].values(),
            *babel_en.months["format"]["abbreviated"].values(),
            *babel_en.days["format"]["wide"].values(),
            "Asha",
            "Rao",
            mask_phone(mobile),
            session.facility.name,
            session.facility.address,
            "English",
            "हिन्दी",
            "km",
            "OTP",
            "XXXX",
        },
        key=len,
        reverse=True,
    )
    leftovers = [text for page in html for text in _untranslated(page, allowed)]
    assert "⟦" in html[0]
    assert not leftovers, f"visible text not from the catalog: {sorted(set(leftovers))[:20]}"
