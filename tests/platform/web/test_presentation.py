"""Languages, direction and local formats from the profile and CLDR; web fonts; SVG charts;
the ``vaxkit i18n`` commands."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner
from fontTools.ttLib import TTFont

from vaxkit.certificates.typefaces import TYPEFACES, WEIGHTS
from vaxkit.commands.i18n import i18n_group
from vaxkit.i18n import catalogs
from vaxkit.platform.web import formatting
from vaxkit.platform.web.languages import default_language, find_language, page_languages
from vaxkit.platform.web.reports.charts import horizontal_bars, vertical_bars
from vaxkit.platform.web.webfonts import CSS_NAME, STATIC_FONTS, web_font_name
from vaxkit.profiles.loader import load_profile

PROFILES = catalogs.ROOT / "country_profiles"


def test_languages_come_from_the_profile_and_cldr():
    peru = load_profile(PROFILES / "pe.yaml")
    languages = {lang.code: lang for lang in page_languages(peru)}
    assert list(languages) == ["es", "qu", "ay"]
    assert languages["ay"].name == "Aymar aru"  # CLDR lacks Aymara: the endonym table
    assert languages["ay"].format_locale == "es"  # ... and its fallback formats it
    assert languages["qu"].name == "Runasimi" and languages["es"].direction == "ltr"
    demo = load_profile(PROFILES / "xx-demo.yaml")
    arabic = find_language(demo, "ar-EG")
    assert arabic is not None and arabic.code == "ar" and arabic.direction == "rtl"
    assert find_language(demo, "de") is None
    assert default_language(demo).code == "en"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en", "Mar 14, 2026"), ("hi", "14 मार्च 2026"), ("es", "14 mar 2026")],
)
def test_dates_are_written_the_languages_way(locale, expected):
    formatting.use_format_locale(locale)
    try:
        assert formatting.format_date(dt.date(2026, 3, 14)) == expected
        assert formatting.format_date("2026-03-14") == expected
    finally:
        formatting.use_format_locale("en")


def test_numbers_use_the_languages_separators():
    formatting.use_format_locale("hi")
    try:
        assert formatting.format_number(1234567) == "12,34,567"
    finally:
        formatting.use_format_locale("en")
    formatting.use_format_locale("fr")
    try:
        assert formatting.format_number(1234567).replace("\u202f", " ") == "1 234 567"
    finally:
        formatting.use_format_locale("en")


def test_every_bundled_face_has_its_web_font_with_a_unicode_range():
    css = (STATIC_FONTS / CSS_NAME).read_text()
    assert (STATIC_FONTS / "OFL.txt").exists()
    for face in TYPEFACES:
        for weight in WEIGHTS:
            name = web_font_name(face, weight)
            assert f'url("{name}")' in css
            assert (STATIC_FONTS / name).stat().st_size < 150_000
    devanagari = TTFont(STATIC_FONTS / "NotoSansDevanagari-Regular.woff2")
    cmap = devanagari.getBestCmap()
    assert all(ord(ch) in cmap for ch in "टीकाकरण")
    assert ord("A") not in cmap  # Latin is Noto Sans' job
    assert re.search(r"Noto Naskh Arabic.*?unicode-range: [^;]*U\+06", css, re.S)


def _bar_x(svg: str) -> list[float]:
    return [float(x) for x in re.findall(r'<rect class="bar" x="([\d.]+)"', svg)]


def test_charts_mirror_for_right_to_left_pages():
    rows = [("a", 10), ("b", 5)]
    ltr, rtl = horizontal_bars(rows, title="t"), horizontal_bars(rows, title="t", rtl=True)
    first_label = re.compile(r'</rect><text x="([\d.]+)"')
    # labels sit at the start edge: the left for left-to-right, the right for right-to-left
    assert float(first_label.search(ltr).group(1)) < 10
    assert float(first_label.search(rtl).group(1)) > 600
    assert 'direction="rtl"' in rtl and "<title>t</title>" in rtl
    days = [("1", 1), ("2", 2), ("3", 3)]
    assert _bar_x(vertical_bars(days, title="d")) == sorted(_bar_x(vertical_bars(days, title="d")))
    mirrored = _bar_x(vertical_bars(days, title="d", rtl=True))
    assert mirrored == sorted(mirrored, reverse=True)
    assert "&lt;script&gt;" in horizontal_bars([("<script>", 1)], title="x")


def test_i18n_status_reports_every_language():
    result = CliRunner().invoke(i18n_group, ["status", "--json", "--require-citizen"])
    assert result.exit_code == 0, result.output
    import json

    rows = {row["language"]: row for row in json.loads(result.output)}
    assert set(rows) == set(catalogs.shipped_languages())
    assert all(row["citizen_percent"] == 100.0 for row in rows.values())


def test_i18n_rejects_a_language_no_profile_uses():
    result = CliRunner().invoke(i18n_group, ["status", "--language", "zz"])
    assert result.exit_code == 2 and "not a language of any shipped profile" in result.output


def test_update_and_compile_write_catalogs(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(catalogs, "LOCALES", tmp_path)
    result = CliRunner().invoke(i18n_group, ["update", "--language", "sw"])
    assert result.exit_code == 0, result.output
    po = tmp_path / "sw" / "LC_MESSAGES" / "django.po"
    with po.open("rb") as fh:
        catalog = read_po(fh)
    assert catalog.get("Find a vaccination centre") is not None
    assert catalog.num_plurals == 2
    result = CliRunner().invoke(i18n_group, ["compile"])
    assert result.exit_code == 0 and po.with_suffix(".mo").exists()
