"""Deriving the template's context from a profile and the answers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from vaxkit.generator.context import (
    default_slug,
    deployment_context,
    main_language,
    project_profile_files,
    vaxkit_requirement,
)
from vaxkit.generator.errors import GeneratorError
from vaxkit.generator.readme_texts import readme_text, translated_languages
from vaxkit.profiles.loader import load_profile, load_profile_detailed

from .conftest import DEMO_PROFILE, PROFILES_DIR


def test_context_of_the_reference_country():
    vx = deployment_context({"profile": str(DEMO_PROFILE), "__vaxkit_source": "../.."})
    assert vx.slug == "xx-vaccination"
    assert vx.tenant_code == "xx"
    assert vx.schema_name == "tenant_xx"
    assert vx.domain == "vaccination.demoland.example"
    assert vx.platform_name == "DemoVax"
    assert vx.vaxkit_requirement == "-e ../.."
    assert vx.readme.language == "fr" and vx.readme.translated
    assert vx.logo_target == "logos/xx-demo.svg"
    assert vx.profile_text == DEMO_PROFILE.read_text(encoding="utf-8")


def test_an_invalid_profile_is_reported_with_the_validators_messages(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("vaxkit_profile: 1\ncountry:\n  code: xx\n")
    with pytest.raises(GeneratorError) as caught:
        deployment_context({"profile": str(bad)})
    assert caught.value.code == "generator.profile_invalid"
    assert f"{bad}:3:9: error [field.format] country.code" in str(caught.value)


@pytest.mark.parametrize("slug", ["X", "1abc", "has space", "trailing-", "a" * 41, "UPPER"])
def test_unusable_slugs_are_refused(slug):
    with pytest.raises(GeneratorError) as caught:
        deployment_context({"profile": str(DEMO_PROFILE), "project_slug": slug})
    assert caught.value.code == "generator.slug_invalid"


def test_default_slug_never_fails(tmp_path):
    assert default_slug(DEMO_PROFILE) == "xx-vaccination"
    broken = tmp_path / "7 Broken File.yaml"
    broken.write_text(": not yaml [")
    assert default_slug(broken) == "x7-broken-file-vaccination"
    assert default_slug(tmp_path / "missing.yaml") == "missing-vaccination"


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("/opt/vaxkit", "-e /opt/vaxkit"),
        ("../..", "-e ../.."),
        ("C:\\src\\vaxkit", "-e C:\\src\\vaxkit"),
        ("vaxkit==0.1.0", "vaxkit==0.1.0"),
        ("git+https://example.org/vaxkit.git@v0.1.0", "git+https://example.org/vaxkit.git@v0.1.0"),
    ],
)
def test_vaxkit_source_becomes_a_requirement_line(source, line):
    assert vaxkit_requirement(source) == line


@pytest.mark.parametrize("source", ["", "vaxkit 0.1"])
def test_unusable_vaxkit_sources_are_refused(source):
    with pytest.raises(GeneratorError) as caught:
        vaxkit_requirement(source)
    assert caught.value.code == "generator.source_invalid"


def test_main_language_is_the_default_unless_english():
    demo = load_profile(DEMO_PROFILE)
    assert main_language(demo) == "fr"
    assert (
        main_language(
            demo.model_copy(
                update={"languages": demo.languages.model_copy(update={"default": "ar"})}
            )
        )
        == "ar"
    )
    english_only = demo.languages.model_copy(update={"supported": ["en"]})
    assert main_language(demo.model_copy(update={"languages": english_only})) is None


def test_readme_texts_fall_back_to_english_with_a_flag():
    assert readme_text("es-PE").title.startswith("{platform}: plataforma")
    assert readme_text("es-PE").language == "es-PE"
    untranslated = readme_text("quz")
    assert not untranslated.translated and untranslated.title == readme_text(None).title
    for language in translated_languages():
        text = readme_text(language)
        assert text.translated and "{country}" in text.title
        assert text.title != readme_text(None).title


def test_a_profile_that_extends_another_is_written_merged_with_its_logo_inside(tmp_path):
    countries = tmp_path / "countries"
    shutil.copytree(PROFILES_DIR, countries)
    child = countries / "xx-north.yaml"
    child.write_text(
        "extends: xx-demo.yaml\n"
        "jurisdiction:\n  code: XX-NO\n  names: {en: North, fr: Nord, ar: الشمال, hi: उत्तर}\n"
    )
    loaded = load_profile_detailed(child)
    text, logo_source, logo_target = project_profile_files(loaded)
    assert logo_target == "logos/xx-demo.svg"
    assert logo_source == countries / "logos" / "xx-demo.svg"
    data = yaml.safe_load(text)
    assert "extends" not in data
    assert data["jurisdiction"]["code"] == "XX-NO"
    assert data["country"]["code"] == "XX"


def test_a_logo_outside_the_profiles_folder_moves_to_branding(tmp_path):
    (tmp_path / "art").mkdir()
    (tmp_path / "art" / "flag.svg").write_text("<svg/>")
    folder = tmp_path / "profiles"
    folder.mkdir()
    text = DEMO_PROFILE.read_text(encoding="utf-8").replace(
        "logo: logos/xx-demo.svg", "logo: ../art/flag.svg"
    )
    (folder / "xx.yaml").write_text(text, encoding="utf-8")
    loaded = load_profile_detailed(folder / "xx.yaml")
    written, source, target = project_profile_files(loaded)
    assert (source, target) == ((tmp_path / "art" / "flag.svg").resolve(), "branding/flag.svg")
    assert yaml.safe_load(written)["branding"]["logo"] == "branding/flag.svg"
    copy = tmp_path / "project"
    (copy / "branding").mkdir(parents=True)
    (copy / "profile.yaml").write_text(written, encoding="utf-8")
    (copy / "branding" / "flag.svg").write_text("<svg/>")
    assert load_profile(copy / "profile.yaml").country.code == "XX"


def test_relative_profile_paths_resolve_from_the_current_folder(monkeypatch):
    monkeypatch.chdir(PROFILES_DIR.parent)
    vx = deployment_context({"profile": "country_profiles/xx-demo.yaml"})
    assert vx.profile_origin == "xx-demo.yaml"
    assert Path(vx.logo_source) == PROFILES_DIR / "logos" / "xx-demo.svg"
