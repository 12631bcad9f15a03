"""`vaxkit new` and `vaxkit upgrade` as a person at the terminal sees them."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from vaxkit.cli import cli

from .conftest import DEMO_PROFILE, TEMPLATE


def test_new_validates_first_and_writes_nothing_for_an_invalid_profile(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("vaxkit_profile: 1\ncountry:\n  code: xx\n")
    result = CliRunner().invoke(cli, ["new", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "error [generator.profile_invalid]" in result.output
    assert "bad.yaml:3:9: error [field.format] country.code" in result.output
    assert not (tmp_path / "out").exists()


def test_new_asks_for_the_name_and_source_then_shows_progress_and_next_steps(tmp_path):
    result = CliRunner().invoke(
        cli, ["new", str(DEMO_PROFILE), "-o", str(tmp_path)], input="demoland\n../..\n"
    )
    assert result.exit_code == 0, result.output
    assert "Folder name [xx-vaccination]:" in result.output
    assert "==> rendering template into" in result.output
    assert "python3 run.py test" in result.output
    assert (tmp_path / "demoland" / "requirements.txt").read_text().count("-e ../..") == 1


def test_new_without_input_uses_the_defaults_and_refuses_a_bad_name(tmp_path):
    runner = CliRunner()
    bad = runner.invoke(
        cli, ["new", str(DEMO_PROFILE), "-o", str(tmp_path), "--name", "Bad Name", "--no-input"]
    )
    assert bad.exit_code == 1 and "generator.slug_invalid" in bad.output
    ok = runner.invoke(cli, ["new", str(DEMO_PROFILE), "-o", str(tmp_path), "--no-input"])
    assert ok.exit_code == 0, ok.output
    assert (tmp_path / "xx-vaccination" / ".vaxkit.json").is_file()


def test_upgrade_lists_what_changed_and_fails_on_conflicts(tmp_path):
    template = tmp_path / "template"
    shutil.copytree(TEMPLATE, template, ignore=shutil.ignore_patterns("__pycache__"))
    runner = CliRunner()
    made = runner.invoke(
        cli,
        ["new", str(DEMO_PROFILE), "-o", str(tmp_path), "--no-input", "--template", str(template)],
    )
    assert made.exit_code == 0, made.output
    project = tmp_path / "xx-vaccination"

    unchanged = runner.invoke(cli, ["upgrade", str(project), "--template", str(template)])
    assert unchanged.exit_code == 0
    assert "Nothing to change" in unchanged.output

    manage = template / "{{cookiecutter.project_slug}}" / "manage.py"
    manage.write_text(manage.read_text().replace("local settings", "the local settings"))
    dry = runner.invoke(
        cli, ["upgrade", str(project), "--template", str(template), "--dry-run", "--diff"]
    )
    assert dry.exit_code == 0
    assert "updated  manage.py" in dry.output and '+"""Django\'s' in dry.output
    assert "1 file(s) would change." in dry.output

    (project / "manage.py").write_text(
        (project / "manage.py").read_text().replace("local settings", "settings of this machine")
    )
    clash = runner.invoke(cli, ["upgrade", str(project), "--template", str(template)])
    assert clash.exit_code == 1
    assert "conflict  manage.py" in clash.output
    assert "1 file(s) have conflicts" in clash.output


def test_upgrade_of_a_folder_that_is_not_a_project_says_so(tmp_path):
    result = CliRunner().invoke(cli, ["upgrade", str(tmp_path)])
    assert result.exit_code == 1
    assert "upgrade.not_a_project" in result.output
