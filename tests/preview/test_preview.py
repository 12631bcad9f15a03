"""The profile preview: built for every shipped profile, parsed, and its samples checked for real.

Each page is parsed with ``html.parser``; QR images are decoded with zxing-cpp and the payloads
verified with the trust file the page itself publishes, as a ministry reviewer could do.
"""

from __future__ import annotations

import base64
import io
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import zxingcpp
from click.testing import CliRunner
from PIL import Image

from vaxkit.certificates.verification import verify
from vaxkit.commands.preview import preview_command
from vaxkit.identity.check import check_document, mask_number
from vaxkit.identity.errors import IdNumberError
from vaxkit.preview import PreviewError, build_preview, sections
from vaxkit.preview.charts import schedule_svg, timeline_svg
from vaxkit.profiles.loader import load_profile, load_profile_detailed

ROOT = Path(__file__).resolve().parents[2]
PROFILE_PATHS = sorted((ROOT / "country_profiles").glob("*.yaml"))
SECTIONS = (
    "overview",
    "languages",
    "identity",
    "names",
    "areas",
    "cohorts",
    "vaccines",
    "certificates",
    "limits",
    "readiness",
)
URL_ATTRIBUTES = {"src", "href", "srcset", "poster", "data", "action", "xlink:href", "background"}


@dataclass
class Page:
    """What the parser found in one preview page."""

    section_ids: list[str] = field(default_factory=list)
    images: list[dict[str, str]] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    styles: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    """Text inside elements with an id (``sample-trust``) and ``payload`` blocks by format."""


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._capture: list[str | None] = []
        self._format: str | None = None
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.page.tags.add(tag)
        if tag == "section" and "id" in values:
            self.page.section_ids.append(values["id"])
        if tag == "img":
            self.page.images.append({**values, "format": self._format or ""})
        if tag == "article" and "data-format" in values:
            self._format = values["data-format"]
        self.page.urls += [v for k, v in values.items() if k in URL_ATTRIBUTES]
        if "style" in values:
            self.page.styles.append(values["style"])
        self._in_style = tag == "style"
        if tag == "pre":
            key = values.get("id") or (f"payload:{self._format}" if self._format else None)
            self._capture.append(key)

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre" and self._capture:
            self._capture.pop()
        if tag == "article":
            self._format = None
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.page.styles.append(data)
        if self._capture and self._capture[-1]:
            key = self._capture[-1]
            self.page.texts[key] = self.page.texts.get(key, "") + data


def parse(html: str) -> Page:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.page


@pytest.fixture(scope="module")
def previews() -> dict[str, str]:
    return {}


def preview_of(path: Path, cache: dict[str, str]) -> str:
    if path.stem not in cache:
        cache[path.stem] = build_preview(path)
    return cache[path.stem]


def _png(uri: str) -> bytes:
    assert uri.startswith("data:image/png;base64,")
    return base64.b64decode(uri.split(",", 1)[1])


@pytest.mark.parametrize("path", PROFILE_PATHS, ids=lambda p: p.stem)
def test_page_is_complete_and_self_contained(path: Path, previews: dict[str, str]) -> None:
    page = parse(preview_of(path, previews))
    assert list(page.section_ids) == list(SECTIONS)
    assert page.images, "the page shows QR codes and the PDF"
    for image in page.images:
        assert image["src"].startswith("data:image/"), image["src"][:60]
    assert not {"script", "link", "iframe", "object", "embed"} & page.tags
    for url in page.urls:
        assert url.startswith(("#", "data:")), f"the page would load {url[:80]}"
    for css in page.styles:
        for target in re.findall(r"url\(\s*['\"]?([^'\")]+)", css):
            assert target.startswith("data:"), target
        assert "@import" not in css


@pytest.mark.parametrize("path", PROFILE_PATHS, ids=lambda p: p.stem)
def test_qr_codes_decode_to_payloads_that_verify(path: Path, previews: dict[str, str]) -> None:
    profile = load_profile(path)
    page = parse(preview_of(path, previews))
    trust = json.loads(page.texts["sample-trust"])
    signed = [f.value for f in profile.certificates.formats if f.value != "pdf"]
    qr_images = [i for i in page.images if "qr" in i.get("class", "").split()]
    assert sorted(i["format"] for i in qr_images) == sorted(signed)
    for image in qr_images:
        found = zxingcpp.read_barcodes(
            Image.open(io.BytesIO(_png(image["src"]))), formats=zxingcpp.BarcodeFormat.QRCode
        )
        assert len(found) == 1, image["format"]
        decoded = found[0].text
        assert decoded == page.texts[f"payload:{image['format']}"]
        verdict = verify(decoded, trust)
        assert verdict.valid, (image["format"], verdict.reason, verdict.message)
        assert verdict.format == image["format"]


@pytest.mark.parametrize("stem", ["xx-demo", "ae"])
def test_pdf_page_is_an_image_whose_qr_verifies(stem: str, previews: dict[str, str]) -> None:
    page = parse(preview_of(ROOT / "country_profiles" / f"{stem}.yaml", previews))
    trust = json.loads(page.texts["sample-trust"])
    (pdf,) = [i for i in page.images if i["format"] == "pdf"]
    image = Image.open(io.BytesIO(_png(pdf["src"])))
    assert image.width > 600 and image.height > 600
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert found, "the QR code printed on the PDF is readable"
    assert verify(found[0].text, trust).valid


@pytest.mark.parametrize("path", PROFILE_PATHS, ids=lambda p: p.stem)
def test_id_examples_are_valid_masked_and_rejected(path: Path) -> None:
    profile = load_profile(path)
    for doc in profile.id_documents:
        row = sections.id_document(doc, profile)
        checked = check_document(doc, row.example)
        assert row.masked == mask_number(doc, checked.normalised)
        assert row.masked != checked.normalised
        with pytest.raises(IdNumberError) as rejected:
            check_document(doc, row.invalid)
        assert rejected.value.code == row.error_code
        assert row.error_message == rejected.value.message


def test_readiness_lists_every_open_question_and_missing_source() -> None:
    loaded = load_profile_detailed(ROOT / "country_profiles" / "in.yaml")
    html = preview_of(ROOT / "country_profiles" / "in.yaml", {})
    assert loaded.profile.todo, "in.yaml is expected to have open questions"
    readiness = html.split('id="readiness"', 1)[1]
    for question in loaded.profile.todo:
        assert question in unescape(readiness)
    open_items = re.search(r"(\d+) open items?", readiness)
    assert open_items and int(open_items.group(1)) >= len(loaded.profile.todo)


def test_reference_country_is_ready() -> None:
    loaded = load_profile_detailed(ROOT / "country_profiles" / "xx-demo.yaml", strict=True)
    rows = sections.languages(loaded.profile, lambda _code: (100.0, 100.0))
    items = sections.readiness(loaded.profile, loaded.warnings, rows, [("eu_dcc", True, "")])
    assert all(item.done for item in items), [i.text for i in items if not i.done]
    unknown = sections.languages(loaded.profile, lambda _code: None)
    assert any(
        not i.done and "could not be measured" in i.text
        for i in sections.readiness(loaded.profile, loaded.warnings, unknown, [])
    )


def test_languages_carry_cldr_direction() -> None:
    profile = load_profile(ROOT / "country_profiles" / "xx-demo.yaml")
    rows = {r.code: r for r in sections.languages(profile, lambda _code: None)}
    assert rows["ar"].direction == "rtl" and rows["en"].direction == "ltr"
    assert rows["ar"].endonym == "العربية"
    pe = load_profile(ROOT / "country_profiles" / "pe.yaml")
    aymara = {r.code: r for r in sections.languages(pe, lambda _code: None)}["ay"]
    assert aymara.fallback == "es" and aymara.direction == "ltr"


def test_names_follow_the_model_in_each_script() -> None:
    profile = load_profile(ROOT / "country_profiles" / "xx-demo.yaml")
    rows = {r.language: r for r in sections.names(profile)}
    assert [c.label for c in rows["fr"].parts] == ["Prénom", "Nom du père", "Nom de famille"]
    assert rows["ar"].direction == "rtl"
    assert re.fullmatch(r"[A-Z<]+", rows["hi"].travel_family)  # Devanagari -> ICAO 9303 Latin
    assert rows["en"].display == " ".join(c.value for c in rows["en"].parts)


def test_charts_have_one_mark_per_cohort_dose_and_booster() -> None:
    profile = load_profile(ROOT / "country_profiles" / "xx-demo.yaml")
    timeline = timeline_svg(profile)
    assert timeline.count('class="bar') == len(profile.cohorts.groups)
    for vaccine in profile.vaccines:
        svg = schedule_svg(vaccine)
        assert svg.count('class="dose"') == vaccine.doses
        assert svg.count('class="booster"') == len(vaccine.boosters)
        assert svg.count('class="window"') == sum(
            1 for i in vaccine.intervals if i.max_days is not None
        )


def test_limits_in_plain_words() -> None:
    profile = load_profile(ROOT / "country_profiles" / "xx-demo.yaml")
    text = " ".join(sections.limits(profile))
    otp = profile.registration.otp
    assert f"up to {profile.registration.beneficiaries_per_account} people" in text
    assert f"expire after {sections.duration(otp.expiry_seconds)}" in text
    assert sections.duration(180) == "3 minutes"
    assert sections.duration(90) == "90 seconds"
    assert sections.duration(3600) == "1 hour"


def test_command_writes_the_page(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = CliRunner().invoke(
        preview_command, [str(ROOT / "country_profiles" / "vn.yaml"), "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert parse(target.read_text("utf-8")).section_ids == list(SECTIONS)


def test_command_reports_a_broken_profile(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("vaxkit_profile: 1\ncountry: [not, a, mapping]\n", encoding="utf-8")
    result = CliRunner().invoke(preview_command, [str(broken), "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 1
    assert "preview.profile" in result.output and "broken.yaml:" in result.output
    assert not (tmp_path / "x.html").exists()
    with pytest.raises(PreviewError) as error:
        build_preview(tmp_path / "missing.yaml")
    assert error.value.code == "preview.profile"


def test_package_is_django_free() -> None:
    code = (
        "import sys, vaxkit.preview, vaxkit.commands.preview; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"


def test_a_profile_in_progress_still_previews(tmp_path: Path) -> None:
    from vaxkit.profiles.bootstrap import bootstrap_yaml

    path = tmp_path / "ke.yaml"
    path.write_text(bootstrap_yaml("KE"), encoding="utf-8")
    profile = load_profile(path)
    html = build_preview(path)
    page = parse(html)
    assert page.section_ids == list(SECTIONS)
    readiness = html.split('id="readiness"', 1)[1]
    assert all(question in unescape(readiness) for question in profile.todo)
    if "pdf" in [f.value for f in profile.certificates.formats]:
        assert [i for i in page.images if i["format"] == "pdf"] or "could not be rendered" in html
