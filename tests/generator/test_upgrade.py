"""`vaxkit upgrade`: the country's edits survive, the template's changes arrive."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from vaxkit.generator.bake import bake
from vaxkit.generator.errors import GeneratorError
from vaxkit.generator.record import BASE_DIR, RECORD_FILE, template_hash
from vaxkit.generator.upgrade import Action, upgrade

from .conftest import DEMO_PROFILE, TEMPLATE

PROJECT = "{{cookiecutter.project_slug}}"


@pytest.fixture
def template(tmp_path: Path) -> Path:
    """A private copy of the template, to change as a new vaxkit release would."""
    copy = tmp_path / "template"
    shutil.copytree(TEMPLATE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@pytest.fixture
def project(tmp_path: Path, template: Path) -> Path:
    return bake(
        DEMO_PROFILE, tmp_path / "out", template=template, vaxkit_source="../.."
    ).project_dir


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def actions(report) -> dict[str, Action]:
    return {change.path: change.action for change in report.changes}


def test_country_edits_survive_and_template_changes_arrive(project, template):
    # the country's changes
    edit(
        project / "config/settings/deployment.py",
        "from typing import Any\n",
        "from typing import Any\n\nSESSION_COOKIE_AGE = 1800  # ministry policy\n",
    )
    edit(project / "profile.yaml", 'helpline: "1075"', 'helpline: "1076"')
    (project / "overrides/templates/home.html").write_text("<h1>Demoland</h1>\n")
    edit(project / "README.md", "## Two commands", "## Two commands\n\nAsk the help desk first.")
    (project / "docs/keys.md").unlink()
    # the next template release
    tpl = template / PROJECT
    edit(
        tpl / "config/settings/deployment.py",
        "object-src 'none'",
        "object-src 'none'; worker-src 'self'",
    )
    edit(tpl / "README.md", "## Upgrading vaxkit", "## Upgrading vaxkit (new section title)")
    edit(tpl / "docs/keys.md", "# Keys and secrets", "# Keys, secrets and passwords")
    (tpl / "docs/monitoring.md").write_text("# Monitoring {{ cookiecutter.project_slug }}\n")
    (tpl / "overrides/static/README.md").write_text("Static files that replace vaxkit's.\n")
    edit(tpl / "overrides/README.md", "# Overrides for", "# Country overrides for")
    (tpl / "scripts/k8s_secrets.sh").unlink()

    report = upgrade(project, template=template)

    assert actions(report) == {
        "README.md": Action.merged,
        "config/settings/deployment.py": Action.merged,
        "docs/keys.md": Action.kept,
        "docs/monitoring.md": Action.added,
        "overrides/README.md": Action.kept,
        "overrides/static/README.md": Action.added,
        "scripts/k8s_secrets.sh": Action.removed,
    }
    settings_text = (project / "config/settings/deployment.py").read_text()
    assert "SESSION_COOKIE_AGE = 1800" in settings_text and "worker-src 'self'" in settings_text
    readme = (project / "README.md").read_text()
    assert "Ask the help desk first." in readme and "(new section title)" in readme
    assert 'helpline: "1076"' in (project / "profile.yaml").read_text()
    assert (project / "overrides/templates/home.html").read_text() == "<h1>Demoland</h1>\n"
    assert "# Overrides for" in (project / "overrides/README.md").read_text()
    assert (project / "docs/monitoring.md").read_text() == "# Monitoring xx-vaccination\n"
    assert not (project / "docs/keys.md").exists()
    assert not (project / "scripts/k8s_secrets.sh").exists()
    # the record now points at the new template, and the base is the new render
    record = json.loads((project / RECORD_FILE).read_text())
    assert record["template"]["hash"] == template_hash(template) == report.to_template
    assert report.from_template != report.to_template
    assert (project / BASE_DIR / "docs/monitoring.md").is_file()
    assert "worker-src" in (project / BASE_DIR / "config/settings/deployment.py").read_text()
    # a second upgrade finds nothing to do
    again = upgrade(project, template=template)
    assert again.up_to_date and again.changes == []


def test_a_changed_profile_is_rendered_into_untouched_files(project, template):
    edit(project / "profile.yaml", "platform_name: {en: DemoVax,", "platform_name: {en: DemoJab,")
    edit(
        project / "deploy/compose.yaml",
        "restart: unless-stopped\n",
        "restart: unless-stopped  # local edit\n",
    )
    report = upgrade(project, template=template)
    assert report.from_template == report.to_template
    assert (project / "README.md").read_text().startswith("# DemoJab: vaccination platform")
    assert actions(report)["README.md"] is Action.updated
    assert "profile.yaml" not in actions(report)


def test_the_same_lines_changed_on_both_sides_conflict(project, template):
    edit(
        project / "config/settings/deployment.py",
        "font-src 'self'",
        "font-src 'self' fonts.example",
    )
    edit(
        template / PROJECT / "config/settings/deployment.py",
        "font-src 'self'",
        "font-src 'self' data:",
    )
    report = upgrade(project, template=template)
    assert [c.path for c in report.conflicts] == ["config/settings/deployment.py"]
    text = (project / "config/settings/deployment.py").read_text()
    assert "<<<<<<< project" in text and ">>>>>>> template (vaxkit upgrade)" in text
    assert "fonts.example" in text and "font-src 'self' data:" in text


def test_dry_run_shows_the_changes_and_writes_nothing(project, template):
    edit(
        template / PROJECT / "manage.py",
        "utility for this deployment",
        "utility of this deployment",
    )
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    report = upgrade(project, template=template, dry_run=True)
    assert actions(report) == {"manage.py": Action.updated}
    assert '-"""Django\'s command-line utility for this deployment' in report.changes[0].diff
    assert '+"""Django\'s command-line utility of this deployment' in report.changes[0].diff
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_a_folder_that_is_not_a_generated_project_is_refused(tmp_path):
    with pytest.raises(GeneratorError) as caught:
        upgrade(tmp_path)
    assert caught.value.code == "upgrade.not_a_project"


def test_a_project_without_its_base_is_refused(project):
    shutil.rmtree(project / BASE_DIR)
    with pytest.raises(GeneratorError) as caught:
        upgrade(project)
    assert caught.value.code == "upgrade.no_base"


def test_an_invalid_project_profile_stops_the_upgrade(project, template):
    edit(project / "profile.yaml", "alpha3: XXA", "alpha3: X")
    with pytest.raises(GeneratorError) as caught:
        upgrade(project, template=template)
    assert caught.value.code == "generator.profile_invalid"
    assert "profile.yaml" in str(caught.value)
