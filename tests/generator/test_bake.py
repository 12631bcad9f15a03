"""Baking: every profile renders, nothing of the template language survives, the output is clean."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cookiecutter.exceptions import FailedHookException
from cookiecutter.main import cookiecutter

from vaxkit.generator.bake import bake
from vaxkit.generator.errors import GeneratorError
from vaxkit.generator.readme_texts import readme_text
from vaxkit.generator.record import (
    BASE_DIR,
    BASE_NOTE,
    RECORD_FILE,
    base_files,
    project_files,
    template_hash,
)
from vaxkit.profiles.loader import load_profile

from .conftest import DEMO_PROFILE, REPO, TEMPLATE, all_profiles

LEFTOVER = re.compile(
    r"\{\{-?\s*cookiecutter|\{%-?\s*(set|if|elif|else|endif|for|endfor)\b|cookiecutter\."
)


@pytest.fixture(scope="module")
def baked_profiles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("all-profiles")
    return {p.name: bake(p, out, vaxkit_source="vaxkit==0.1.0").project_dir for p in all_profiles()}


@pytest.mark.parametrize("profile", all_profiles(), ids=lambda p: p.name)
def test_every_profile_bakes_without_template_leftovers(profile, baked_profiles):
    project = baked_profiles[profile.name]
    files = list(project_files(project))
    assert {"profile.yaml", "run.py", "manage.py", "deploy/compose.yaml"} <= set(files)
    for name in files:
        data = (project / name).read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        assert not LEFTOVER.search(text), f"{name}: {LEFTOVER.search(text).group(0)!r}"
    assert not any("cookiecutter" in part for part in files)
    # the project's profile validates where it now lives (logo included)
    assert load_profile(project / "profile.yaml").code == load_profile(profile).code


@pytest.mark.parametrize("profile", all_profiles(), ids=lambda p: p.name)
def test_every_profile_gets_its_second_readme(profile, baked_profiles):
    project = baked_profiles[profile.name]
    languages = load_profile(profile).languages
    main = (
        languages.default
        if languages.default != "en"
        else next((lang for lang in languages.supported if lang != "en"), None)
    )
    readmes = sorted(p.name for p in project.glob("README*.md"))
    assert readmes == sorted(["README.md", *([f"README.{main}.md"] if main else [])])
    if main:
        assert f"README.{main}.md" in (project / "README.md").read_text()
        second = (project / f"README.{main}.md").read_text(encoding="utf-8")
        assert ("TODO: translate" in second) is not readme_text(main).translated
        assert second.splitlines()[0].startswith(("# ", "<!--"))


def test_baked_projects_pass_ruff(baked_profiles):
    for project in baked_profiles.values():
        for argv in (["check", "."], ["format", "--check", "."]):
            done = subprocess.run(
                [sys.executable, "-m", "ruff", *argv],
                cwd=project,
                capture_output=True,
                text=True,
                check=False,
            )
            assert done.returncode == 0, f"{project.name}: ruff {argv[0]}\n{done.stdout}"


def test_the_record_names_the_version_the_template_and_the_answers(baked_demo):
    record = json.loads((baked_demo / RECORD_FILE).read_text())
    assert record["vaxkit_version"] == "0.1.0"
    assert record["template"]["hash"] == template_hash(TEMPLATE)
    assert record["answers"] == {
        "project_slug": "xx-vaccination",
        "vaxkit_source": str(REPO),
        "profile": "profile.yaml",
        "profile_origin": "xx-demo.yaml",
    }
    base = baked_demo / BASE_DIR
    assert sorted(project_files(baked_demo)) == sorted(base_files(baked_demo))
    assert (base / BASE_NOTE).is_file()
    assert (base / "run.py").read_bytes() == (baked_demo / "run.py").read_bytes()


def test_the_project_uses_vaxkit_rather_than_copying_it(baked_demo):
    for path in (baked_demo / "config" / "settings").glob("*.py"):
        if path.name in ("base.py", "local.py", "test.py", "production.py"):
            layer = path.stem
            assert f"from vaxkit.platform.settings.{layer} import *" in path.read_text()
    assert "-e " + str(REPO) in (baked_demo / "requirements.txt").read_text()
    assert not list(baked_demo.rglob("vaxkit/__init__.py"))


def test_an_invalid_profile_stops_before_anything_is_written(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(DEMO_PROFILE.read_text(encoding="utf-8").replace("alpha3: XXA", "alpha3: XX"))
    out = tmp_path / "out"
    with pytest.raises(GeneratorError) as caught:
        bake(bad, out)
    assert caught.value.code == "generator.profile_invalid"
    assert "country.alpha3" in str(caught.value)
    assert not out.exists()


def test_plain_cookiecutter_refuses_an_invalid_profile_and_leaves_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("vaxkit_profile: 1\n")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(FailedHookException):
        cookiecutter(
            str(REPO),
            directory="template",
            no_input=True,
            output_dir=str(out),
            extra_context={"profile": str(bad)},
            default_config={"replay_dir": str(tmp_path / "r"), "cookiecutters_dir": str(tmp_path)},
        )
    assert list(out.iterdir()) == []


def test_an_existing_folder_is_not_overwritten(tmp_path):
    (tmp_path / "xx-vaccination").mkdir()
    with pytest.raises(GeneratorError) as caught:
        bake(DEMO_PROFILE, tmp_path)
    assert caught.value.code == "generator.exists"


def test_a_missing_template_is_a_clear_error(tmp_path):
    with pytest.raises(GeneratorError) as caught:
        bake(DEMO_PROFILE, tmp_path, template=tmp_path / "nowhere")
    assert caught.value.code == "generator.template_missing"


def test_plain_cookiecutter_asks_for_the_profile_and_offers_the_rest(tmp_path):
    config = tmp_path / "cookiecutter.yaml"
    config.write_text(f"replay_dir: {tmp_path / 'replay'}\ncookiecutters_dir: {tmp_path / 'cc'}\n")
    out = tmp_path / "out"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cookiecutter",
            str(REPO),
            "--directory",
            "template",
            "-o",
            str(out),
        ],
        input="country_profiles/xx-demo.yaml\n\n",
        cwd=REPO,
        env={"COOKIECUTTER_CONFIG": str(config), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Country profile" in done.stdout
    project = out / "xx-vaccination"
    assert (project / "profile.yaml").read_text(encoding="utf-8") == DEMO_PROFILE.read_text(
        encoding="utf-8"
    )
    record = json.loads((project / RECORD_FILE).read_text())
    assert record["template"]["hash"] == template_hash(TEMPLATE)
    assert (project / "logos" / "xx-demo.svg").is_file()
