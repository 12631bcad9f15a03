"""PDF certificates: real renders checked through their text layer, fonts, glyphs and pixels.

Each certificate is rendered by WeasyPrint, read back with pdfium, rasterised, and its QR decoded
with zxing-cpp. Page images are saved under ``test-artifacts/certificates/`` for a person to see.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import io
import logging
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
import uharfbuzz
import zxingcpp
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from fontTools.ttLib import TTFont
from PIL import Image

from vaxkit.certificates import i18n
from vaxkit.certificates.pdf import (
    CertificateRenderError,
    certificate_languages,
    render_certificate_html,
    render_certificate_pdf,
)
from vaxkit.certificates.record import VaccinationRecord
from vaxkit.certificates.typefaces import TYPEFACES, WEIGHTS, font_face_css, typeface_for
from vaxkit.profiles.schema import Profile

ROOT = Path(__file__).parents[2]
DATA = ROOT / "tests" / "data" / "certificates" / "rendering"
ARTIFACTS = ROOT / "test-artifacts" / "certificates"
HC1 = (DATA / "qr" / "eu-dcc-CO1.txt").read_text().strip()
SHC = (DATA / "qr" / "shc-example-00-qr-numeric.txt").read_text().strip()
DPI = 200


# --- inputs ---------------------------------------------------------------------------------


def make_profile(
    lang: str,
    *,
    country: str,
    texts: dict[str, str],
    time_zone: str,
    family_first: bool = False,
    certificate_languages: list[str] | None = None,
) -> Profile:
    """A minimal valid profile whose national language is ``lang``."""
    return Profile.model_validate(
        {
            "vaxkit_profile": 1,
            "country": {
                "code": country,
                "alpha3": "XXX",
                "names": {lang: texts["country"], "en": texts["country_en"]},
                "time_zone": time_zone,
                "phone": {"country_code": 999, "example": "5550100"},
            },
            "languages": {"default": lang, "supported": [lang, "en"]},
            "names": {
                "parts": [
                    {"key": "given", "labels": {"en": "Given"}, "travel_role": "given"},
                    {"key": "family", "labels": {"en": "Family"}, "travel_role": "family"},
                ],
                "display_order": ["family", "given"] if family_first else ["given", "family"],
            },
            "admin_areas": {
                "levels": [{"key": "province", "labels": {"en": "Province"}}],
                "postal_code": {
                    "labels": {"en": "Postcode"},
                    "pattern": "[0-9]{5}",
                    "example": "10000",
                },
            },
            "id_documents": [
                {
                    "code": "national_id",
                    "labels": {"en": "National ID", lang: texts["id"]},
                    "validator": "pattern",
                    "pattern": "[0-9]{12}",
                }
            ],
            "cohorts": {
                "age_rule": "booking_date",
                "groups": [
                    {
                        "code": "adults",
                        "labels": {"en": "Adults"},
                        "min_age": 18,
                        "opens_on": "2021-01-01",
                    }
                ],
            },
            "vaccines": [
                {
                    "code": "covishield",
                    "name": "Covishield",
                    "manufacturer": "Serum Institute",
                    "doses": 2,
                }
            ],
            "certificates": {
                "formats": ["eu_dcc", "pdf"],
                "issuer_name": {"en": "Ministry of Health", lang: texts["ministry"]},
                "issuer_url": "https://verify.example.org",
                "country": country,
                "id_prefix": "MOH",
                "languages": certificate_languages or [],
            },
            "registration": {
                "genders": [
                    {
                        "code": "f",
                        "labels": {"en": "Female", lang: texts["female"]},
                        "fhir": "female",
                    }
                ]
            },
            "branding": {
                "platform_name": {"en": "VaxPortal", lang: texts["platform"]},
                "ministry": {"en": "Ministry of Health", lang: texts["ministry"]},
                "colors": {"primary": "#1A4D8F", "secondary": "#F2A900"},
                "helpline": "1075",
            },
        }
    )


def make_record(**fields: object) -> VaccinationRecord:
    base: dict[str, object] = {
        "certificate_id": "URN:UVCI:01:XX:MOH0001ABCD#K",
        "given_name": "Anita",
        "family_name": "Rao",
        "given_name_latin": "ANITA",
        "family_name_latin": "RAO",
        "date_of_birth": "1985-07-14",
        "sex": "female",
        "vaccine_code": "covishield",
        "vaccine_name": "Covishield",
        "manufacturer": "Serum Institute",
        "eu_vp": "J07BX03",
        "eu_mp": "Covishield",
        "eu_ma": "ORG-100001981",
        "dose_number": 2,
        "total_doses": 2,
        "date": dt.date(2021, 9, 3),
        "country": "XX",
        "issuer": "Ministry of Health",
        "issued_at": dt.datetime(2021, 9, 3, 10, 0, tzinfo=dt.UTC),
        "expires_at": dt.datetime(2022, 9, 3, 10, 0, tzinfo=dt.UTC),
        "lot": "4121Z025",
        "facility": "PHC Sector 12",
        "vaccinator": "R. K. Gupta",
        "beneficiary_ref": "98765432101234",
    }
    base.update(fields)
    return VaccinationRecord(**base)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Case:
    profile: Profile
    record: VaccinationRecord
    payload: str
    words: tuple[str, ...]
    """Words the text layer must contain."""
    name: str
    """The holder's name as printed (shaped glyph by glyph in the glyph test)."""
    script_font: str
    """PostScript family of the font that must draw the national script."""


CASES = {
    "hi": Case(
        profile=make_profile(
            "hi",
            country="IN",
            time_zone="Asia/Kolkata",
            texts={
                "country": "भारत",
                "country_en": "India",
                "ministry": "स्वास्थ्य एवं परिवार कल्याण मंत्रालय",
                "female": "महिला",
                "platform": "कोविन",
                "id": "आधार",
            },
        ),
        record=make_record(
            given_name="अनीता",
            family_name="श्रीवास्तव",
            given_name_latin="ANITA",
            family_name_latin="SHRIVASTAVA",
            dose_number=1,
            country="IN",
            certificate_id="URN:UVCI:01:IN:MOH0001ABCD#K",
        ),
        payload=HC1,
        # WeasyPrint's text layer maps each glyph to the text of the first cluster it was seen
        # in, so words with a pre-base vowel sign or a reph may extract in a different order
        # (printing is unaffected; the glyph test checks the shaping). These words extract
        # faithfully: conjuncts (प्र, त्र, स्व, स्थ्य) included.
        words=(
            "प्रमाणपत्र",
            "टीकाकरण",
            "स्वास्थ्य",
            "यात्रा दस्तावेज़ों में नाम",
            "बैच संख्या",
            "जुलाई",
            "Provisional",
            "ANITA SHRIVASTAVA",
        ),
        name="अनीता श्रीवास्तव",
        script_font="Noto-Sans-Devanagari",
    ),
    "vi": Case(
        profile=make_profile(
            "vi",
            country="VN",
            time_zone="Asia/Ho_Chi_Minh",
            family_first=True,
            texts={
                "country": "Việt Nam",
                "country_en": "Viet Nam",
                "ministry": "Bộ Y tế",
                "female": "Nữ",
                "platform": "Sổ sức khỏe điện tử",
                "id": "Căn cước công dân",
            },
        ),
        record=make_record(
            given_name="Thị Ánh Hồng",
            family_name="Nguyễn",
            given_name_latin="THI<ANH<HONG",
            family_name_latin="NGUYEN",
            country="VN",
            certificate_id="URN:UVCI:01:VN:MOH0001ABCD#K",
        ),
        payload=SHC,
        words=(
            "Nguyễn Thị Ánh Hồng",
            "NGUYEN THI ANH HONG",
            "Chứng nhận tiêm chủng",
            "Sổ sức khỏe điện tử",
            "Quốc gia tiêm chủng",
            "Final",
        ),
        name="Nguyễn Thị Ánh Hồng",
        script_font="Noto-Sans",
    ),
    "ar": Case(
        profile=make_profile(
            "ar",
            country="AE",
            time_zone="Asia/Dubai",
            texts={
                "country": "الإمارات العربية المتحدة",
                "country_en": "United Arab Emirates",
                "ministry": "وزارة الصحة ووقاية المجتمع",
                "female": "أنثى",
                "platform": "الحصن",
                "id": "الهوية الإماراتية",
            },
        ),
        record=make_record(
            given_name="فاطمة",
            family_name="الزهراء",
            given_name_latin="FATIMA",
            family_name_latin="ALZAHRAA",
            country="AE",
            certificate_id="URN:UVCI:01:AE:MOH0001ABCD#K",
        ),
        payload=HC1,
        words=("فاطمة الزهراء", "شهادة التطعيم النهائية", "بيانات المستفيد", "الإمارات", "Final"),
        name="فاطمة الزهراء",
        script_font="Noto-Naskh-Arabic",
    ),
}


@pytest.fixture(scope="module", autouse=True)
def only_test_catalogs() -> Iterator[None]:
    """Render with the test catalogs alone, so these checks do not move with the shipped ones."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(i18n, "DEFAULT_LOCALE_DIRS", ())
        i18n.clear_cache()
        yield
    i18n.clear_cache()


@pytest.fixture(scope="module")
def locale_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test catalogs compiled with Babel (``.mo`` files are build products, not in git)."""
    out = tmp_path_factory.mktemp("locales")
    for po_path in (DATA / "locales").glob("*/LC_MESSAGES/django.po"):
        mo_path = out / po_path.relative_to(DATA / "locales").with_suffix(".mo")
        mo_path.parent.mkdir(parents=True)
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog)
    return out


# --- reading a PDF back -----------------------------------------------------------------------


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass
class Rendered:
    pdf: bytes
    text: str
    fonts_by_char: dict[str, set[str]]
    """Font (subset prefix removed) that drew each character of the text layer."""
    image: Image.Image
    warnings: list[str]


def render(case: Case, locale_dir: Path, **options: object) -> Rendered:
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        pdf = render_certificate_pdf(
            case.record,
            case.payload,
            case.profile,
            masked_id="XXXX-XXXX-1234",
            id_label=case.profile.id_documents[0].labels,
            locale_dirs=[locale_dir],
            **options,  # type: ignore[arg-type]
        )
    finally:
        logger.removeHandler(collect)
    document = pypdfium2.PdfDocument(pdf)
    assert len(document) == 1, "a certificate fits on one page"
    page = document[0]
    textpage = page.get_textpage()
    fonts_by_char: dict[str, set[str]] = defaultdict(set)
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    for index in range(textpage.count_chars()):
        pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buffer, 256, ctypes.byref(flags))
        char = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index))
        fonts_by_char[char].add(buffer.value.decode().split("+", 1)[-1])
    image = page.render(scale=DPI / 72).to_pil().convert("RGB")
    return Rendered(pdf, textpage.get_text_range(), fonts_by_char, image, collect.messages)


@pytest.fixture(scope="module")
def rendered(locale_dir: Path) -> dict[str, Rendered]:
    results = {lang: render(case, locale_dir) for lang, case in CASES.items()}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for lang, result in results.items():
        result.image.save(ARTIFACTS / f"certificate-{lang}.png")
        (ARTIFACTS / f"certificate-{lang}.pdf").write_bytes(result.pdf)
    return results


def glyph_runs(pdf: bytes) -> Iterator[tuple[str, list[int]]]:
    """(font resource name, glyph ids) for every text-showing operation, in drawing order."""
    for match in re.finditer(rb"stream\r?\n", pdf):
        end = pdf.find(b"endstream", match.end())
        try:
            content = zlib.decompress(pdf[match.end() : end])
        except zlib.error:
            continue
        font = ""
        for token in re.finditer(rb"/(\w+) [\d.]+ Tf|\[((?:<[0-9a-f]*>|-?[\d.]+)*)\] TJ", content):
            if token[1]:
                font = token[1].decode()
            else:
                hexes = b"".join(re.findall(rb"<([0-9a-f]*)>", token[2])).decode()
                yield font, [int(hexes[i : i + 4], 16) for i in range(0, len(hexes), 4)]


def font_resources(pdf: bytes) -> dict[str, str]:
    """Subset tag (also the resource name WeasyPrint uses) -> font name, via pdfium."""
    names: dict[str, str] = {}
    document = pypdfium2.PdfDocument(pdf)
    textpage = document[0].get_textpage()
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    for index in range(textpage.count_chars()):
        pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buffer, 256, ctypes.byref(flags))
        tag, _, name = buffer.value.decode().partition("+")
        names[tag] = name
    return names


def shape(text: str, font_path: Path, lang: str) -> list[int]:
    blob = uharfbuzz.Blob.from_file_path(str(font_path))
    font = uharfbuzz.Font(uharfbuzz.Face(blob))
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.language = lang
    uharfbuzz.shape(font, buffer)
    return [info.codepoint for info in buffer.glyph_infos]


def contains_run(haystack: list[int], needle: list[int]) -> bool:
    return any(haystack[i : i + len(needle)] == needle for i in range(len(haystack)))


def find_span(pdf: bytes, word: str) -> tuple[float, float]:
    """(left, right) of the first occurrence of ``word`` on the page, in points."""
    textpage = pypdfium2.PdfDocument(pdf)[0].get_textpage()
    found = textpage.search(word).get_next()
    assert found, word
    index, count = found
    boxes = [textpage.get_charbox(i) for i in range(index, index + count)]  # (l, b, r, t)
    return min(b[0] for b in boxes), max(b[2] for b in boxes)


# --- the three reference certificates -------------------------------------------------------


@pytest.mark.parametrize("lang", CASES)
def test_text_layer_holds_the_words(rendered: dict[str, Rendered], lang: str) -> None:
    text = unicodedata.normalize("NFC", rendered[lang].text)
    missing = [word for word in CASES[lang].words if word not in text]
    assert not missing, f"{missing} not in:\n{text}"


@pytest.mark.parametrize("lang", CASES)
def test_qr_on_the_printed_page_decodes_to_the_payload(
    rendered: dict[str, Rendered], lang: str
) -> None:
    results = zxingcpp.read_barcodes(rendered[lang].image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert [r.text for r in results] == [CASES[lang].payload]


def bundled_font_names() -> set[str]:
    """Font names as pdfium reports them for the bundled faces (``Noto-Sans-Devanagari-Bold``)."""
    names = set()
    for face in TYPEFACES:
        family = face.family.replace(" ", "-")
        names |= {family, f"{family}-Bold"}
    return names


@pytest.mark.parametrize("lang", CASES)
def test_every_character_is_drawn_by_a_bundled_noto_font(
    rendered: dict[str, Rendered], lang: str
) -> None:
    fonts = rendered[lang].fonts_by_char
    used = set().union(*fonts.values())
    assert used <= bundled_font_names(), f"system fonts used: {used - bundled_font_names()}"
    case = CASES[lang]
    for char in (c for c in case.name if unicodedata.category(c).startswith("L")):
        assert {name.removesuffix("-Bold") for name in fonts[char]} == {case.script_font}, char


@pytest.mark.parametrize("lang", CASES)
def test_no_glyph_is_missing(rendered: dict[str, Rendered], lang: str) -> None:
    # WeasyPrint logs every .notdef (empty box) it has to draw for a character no font has.
    assert not [w for w in rendered[lang].warnings if "notdef" in w], rendered[lang].warnings


@pytest.mark.parametrize("lang", CASES)
def test_name_is_shaped_as_harfbuzz_shapes_it_with_the_noto_font(
    rendered: dict[str, Rendered], lang: str
) -> None:
    # The printed glyph ids (the subsets keep the font's glyph ids) must be exactly the
    # HarfBuzz shaping of the name with the bundled bold face: conjuncts, reph and vowel signs
    # for Devanagari, joining forms for Arabic, stacked diacritics for Vietnamese.
    case = CASES[lang]
    face = typeface_for(lang)
    expected = shape(case.name, face.path(700), lang)
    assert 0 not in expected
    resources = font_resources(rendered[lang].pdf)
    bold = [tag for tag, name in resources.items() if name == f"{case.script_font}-Bold"]
    assert bold, resources
    runs = [glyphs for font, glyphs in glyph_runs(rendered[lang].pdf) if font in bold]
    assert any(contains_run(run, expected) for run in runs), (expected, runs)


def test_arabic_block_runs_right_to_left(rendered: dict[str, Rendered]) -> None:
    pdf = rendered["ar"].pdf
    label_left, _ = find_span(pdf, "الاسم في وثائق السفر")
    _, value_right = find_span(pdf, "ALZAHRAA")  # first occurrence: the Arabic block's
    assert value_right < label_left, "in the Arabic block the label sits right of its value"
    arabic_heading_left, _ = find_span(pdf, "بيانات المستفيد")
    _, english_heading_right = find_span(pdf, "Beneficiary details")
    assert english_heading_right < arabic_heading_left, "the Arabic block comes first, on the right"


def test_header_is_painted_in_the_brand_colour(rendered: dict[str, Rendered]) -> None:
    image = rendered["vi"].image
    mm = DPI / 25.4
    band = image.crop((int(20 * mm), int(13 * mm), int(190 * mm), int(16 * mm)))
    colour, _ = max((count, rgb) for count, rgb in band.getcolors(1 << 16))[::-1]
    assert colour == (0x1A, 0x4D, 0x8F)


def test_provisional_until_the_series_is_complete(rendered: dict[str, Rendered]) -> None:
    assert "Provisional certificate for COVID-19 vaccination" in rendered["hi"].text
    assert "Final certificate for COVID-19 vaccination" in rendered["ar"].text
    assert "Provisional" not in rendered["ar"].text


# --- options and errors -----------------------------------------------------------------------


def html_for(case: Case, **options: object) -> str:
    return render_certificate_html(
        case.record,
        case.payload,
        case.profile,
        masked_id="XXXX-XXXX-1234",
        id_label="National ID",
        **options,  # type: ignore[arg-type]
    )


def test_same_input_same_bytes(rendered: dict[str, Rendered], locale_dir: Path) -> None:
    # Pure and deterministic (dates come from the record), so the bytes can be cached.
    assert render(CASES["vi"], locale_dir).pdf == rendered["vi"].pdf


def test_languages_default_to_the_national_one_and_english() -> None:
    profile = CASES["ar"].profile
    assert certificate_languages(profile) == ["ar", "en"]
    assert certificate_languages(profile, ["en", "ar", "en"]) == ["en", "ar"]
    chosen = make_profile(
        "hi",
        country="IN",
        time_zone="Asia/Kolkata",
        texts=dict.fromkeys(("country", "country_en", "ministry", "female", "platform", "id"), "x"),
        certificate_languages=["hi", "ta", "en"],
    )
    assert certificate_languages(chosen) == ["hi", "ta", "en"]


def test_each_language_block_has_its_lang_and_direction() -> None:
    html = html_for(CASES["ar"])
    blocks = re.findall(r'<section class="block script-\w+" lang="(\w+)" dir="(\w+)"', html)
    assert blocks == [("ar", "rtl"), ("en", "ltr")]
    assert '<html lang="ar" dir="rtl">' in html
    only = html_for(CASES["ar"], languages=["en"])
    assert re.findall(r'<section class="block script-\w+" lang="(\w+)"', only) == ["en"]


def test_latin_codes_keep_their_direction_inside_arabic() -> None:
    html = html_for(CASES["ar"])
    assert '<span dir="ltr">URN:UVCI:01:AE:MOH0001ABCD#K</span>' in html
    assert '<span dir="ltr">Dose</span>' in html  # an untranslated label in the Arabic block


def test_untranslated_language_prints_english_labels() -> None:
    html = html_for(CASES["hi"], locale_dirs=[])
    assert "Beneficiary details" in html
    assert "अनीता श्रीवास्तव" in html


def test_deployment_catalog_comes_first(locale_dir: Path, tmp_path: Path) -> None:
    po = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Vaccine"\nmsgstr "टीका (राष्ट्रीय)"\n'
    )
    catalog = read_po(io.BytesIO(po.encode()))
    target = tmp_path / "hi" / "LC_MESSAGES" / "django.mo"
    target.parent.mkdir(parents=True)
    with target.open("wb") as mo_file:
        write_mo(mo_file, catalog)
    html = html_for(CASES["hi"], locale_dirs=[tmp_path, locale_dir])
    assert "टीका (राष्ट्रीय)" in html  # the deployment's own translation wins
    assert "लाभार्थी का विवरण" in html  # the rest comes from the next catalog


def test_partial_dates_of_birth_and_decomposed_names() -> None:
    case = CASES["vi"]
    nfd = unicodedata.normalize("NFD", "Nguyễn")
    record = replace(case.record, family_name=nfd, date_of_birth="1985-07")
    html = html_for(replace(case, record=record))
    assert "Nguyễn Thị Ánh Hồng" in html  # normalised to NFC
    assert "tháng 7 năm 1985" in html or "tháng 7, 1985" in html
    html = html_for(replace(case, record=replace(record, date_of_birth="1985")), languages=["en"])
    assert "<td>1985</td>" in html


def test_additional_dose_after_the_series() -> None:
    case = CASES["vi"]
    html = html_for(replace(case, record=replace(case.record, dose_number=3)), languages=["en"])
    assert "3 (additional dose)" in html
    assert "Final certificate" in html


def test_unmasked_id_is_refused() -> None:
    case = CASES["hi"]
    with pytest.raises(CertificateRenderError) as raised:
        render_certificate_html(
            case.record, case.payload, case.profile, masked_id="123412341234", id_label="Aadhaar"
        )
    assert raised.value.code == "id_not_masked"


@pytest.mark.parametrize(
    ("languages", "code"), [(["th"], "unsupported_script"), (["zz"], "unknown_language")]
)
def test_language_without_a_font_is_a_clear_error(languages: list[str], code: str) -> None:
    with pytest.raises(CertificateRenderError) as raised:
        html_for(CASES["hi"], languages=languages)
    assert raised.value.code == code


def test_bad_payload_is_a_clear_error() -> None:
    with pytest.raises(CertificateRenderError) as raised:
        html_for(replace(CASES["hi"], payload="HC1:not base45 at all"))
    assert raised.value.code == "invalid_eu_dcc_payload"


def test_country_adds_styles_without_copying_the_stylesheet(
    tmp_path: Path, locale_dir: Path
) -> None:
    (tmp_path / "certificate-custom.css").write_text(
        "@page { size: A3 }\nh1 { color: {{ colors.secondary }} }\n"
    )
    result = render(CASES["vi"], locale_dir, template_dirs=[tmp_path])
    width, height = pypdfium2.PdfDocument(result.pdf)[0].get_size()
    assert (round(width), round(height)) == (842, 1191)  # A3 in points
    assert "Nguyễn Thị Ánh Hồng" in unicodedata.normalize("NFC", result.text)


def test_country_replaces_the_template(tmp_path: Path) -> None:
    (tmp_path / "certificate.html").write_text(
        "<h1>{{ doc.blocks[0].title }}</h1><p>{{ doc.blocks[0].beneficiary[0].value }}</p>"
        '<img src="{{ doc.qr_png }}" style="width: 50mm; image-rendering: pixelated">'
        '<img src="flag.png" style="width: 10mm">'  # relative to the override folder
    )
    Image.new("RGB", (30, 20), (0, 150, 0)).save(tmp_path / "flag.png")
    case = CASES["vi"]
    pdf = render_certificate_pdf(
        case.record,
        case.payload,
        case.profile,
        masked_id="XXXX-XXXX-1234",
        id_label="CCCD",
        template_dirs=[tmp_path],
    )
    page = pypdfium2.PdfDocument(pdf)[0]
    text = unicodedata.normalize("NFC", page.get_textpage().get_text_range())
    assert text.split() == [
        "Final",
        "certificate",
        "for",
        "COVID-19",
        "vaccination",
        *case.name.split(),
    ]
    image = page.render(scale=DPI / 72).to_pil()
    assert [
        r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    ] == [case.payload]
    assert len(list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))) == 2


def test_missing_resource_in_an_override_is_an_error(tmp_path: Path, locale_dir: Path) -> None:
    (tmp_path / "certificate.html").write_text('<p>x</p><img src="no-such-flag.png">')
    with pytest.raises(CertificateRenderError) as raised:
        render(CASES["vi"], locale_dir, template_dirs=[tmp_path])
    assert raised.value.code == "resource_missing"


def test_override_cannot_fetch_remote_or_outside_files(tmp_path: Path, locale_dir: Path) -> None:
    for source in ("http://198.51.100.7/logo.png", "file:///etc/hostname"):
        (tmp_path / "certificate.html").write_text(f'<p>x</p><img src="{source}">')
        with pytest.raises(CertificateRenderError) as raised:
            render(CASES["vi"], locale_dir, template_dirs=[tmp_path])
        assert raised.value.code == "resource_blocked"


def test_broken_override_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "certificate.html").write_text("line one\n{% for x in %}\n")
    with pytest.raises(CertificateRenderError) as raised:
        html_for(CASES["vi"], template_dirs=[tmp_path])
    assert raised.value.code == "template_error"
    assert "certificate.html:2" in raised.value.message


def test_logo_is_embedded(tmp_path: Path, locale_dir: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 40), (200, 30, 30)).save(logo)
    result = render(CASES["vi"], locale_dir, logo_path=logo)
    page = pypdfium2.PdfDocument(result.pdf)[0]
    images = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
    assert len(images) == 2  # the QR and the logo
    mm = DPI / 25.4
    assert result.image.getpixel((int(22 * mm), int(20 * mm))) == (200, 30, 30)
    with pytest.raises(CertificateRenderError) as raised:
        html_for(CASES["vi"], logo_path=tmp_path / "logo.gif")
    assert raised.value.code == "unsupported_logo"


# --- every bundled script --------------------------------------------------------------------

SAMPLES = {
    "bn": "সুমিত্রা",
    "ta": "தமிழ்செல்வி",
    "te": "లక్ష్మి",
    "kn": "ಕೃಷ್ಣ",
    "ml": "ലക്ഷ്മി",
    "gu": "ક્ષિતિજ",
    "pa": "ਗੁਰਪ੍ਰੀਤ",
    "or": "ସ୍ମିତା",
    "ru": "Светлана",
}


@pytest.mark.parametrize("lang", SAMPLES)
def test_every_bundled_script_prints_with_its_font(lang: str, locale_dir: Path) -> None:
    name = SAMPLES[lang]
    case = replace(CASES["vi"], record=replace(CASES["vi"].record, given_name=name))
    result = render(case, locale_dir, languages=[lang])
    expected = typeface_for(lang).family.replace(" ", "-")
    # the name is bold; a translated label may draw the same letters in the regular weight
    assert {f.removesuffix("-Bold") for c in name for f in result.fonts_by_char[c]} == {expected}
    assert not [w for w in result.warnings if "notdef" in w]


def test_bundled_fonts_are_static_and_cover_their_scripts() -> None:
    css = font_face_css()
    for face in TYPEFACES:
        for weight in WEIGHTS:
            path = face.path(weight)
            font = TTFont(path)
            assert "fvar" not in font, f"{path.name} is a variable font"
            assert font["name"].getDebugName(1) == face.family
            assert path.as_uri() in css
    cmap = TTFont(TYPEFACES[0].path()).getBestCmap()
    assert all(ord(c) in cmap for c in "ỆễặỹđĐЖжΩ")


def test_i18n_helpers() -> None:
    assert i18n.to_locale("es-pe") == "es_PE"
    assert i18n.to_locale("sr-latn") == "sr_Latn"
    assert i18n.text_direction("ur") == "rtl"
    assert i18n.text_direction("hi") == "ltr"
    assert i18n.text_direction("ay", {"ay": "es"}) == "ltr"
    assert i18n.translation("xx").gettext("Name") == "Name"
