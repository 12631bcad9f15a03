"""Generated artefacts (reference page, JSON Schema), bootstrap, diff and the profile CLI."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pycountry
import pytest
import yaml
from click.testing import CliRunner

from vaxkit.cli import cli
from vaxkit.profiles.bootstrap import BootstrapError, bootstrap_yaml
from vaxkit.profiles.diff import diff_profiles
from vaxkit.profiles.export import json_schema
from vaxkit.profiles.loader import load_profile, load_profile_text
from vaxkit.profiles.reference import reference_markdown

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
MINIMAL = DATA / "minimal.yaml"


def test_reference_page_is_current() -> None:
    page = ROOT / "docs" / "reference" / "profile.md"
    assert page.read_text(encoding="utf-8") == reference_markdown(), (
        "docs/reference/profile.md is stale: run "
        "`python cli.py profile reference -o docs/reference/profile.md`"
    )


def test_every_schema_field_is_described() -> None:
    undocumented = []

    def walk(node: dict, where: str) -> None:
        for name, prop in node.get("properties", {}).items():
            if not prop.get("description"):
                undocumented.append(f"{where}.{name}")

    schema = json_schema()
    walk(schema, "Profile")
    for name, definition in schema.get("$defs", {}).items():
        walk(definition, name)
    assert undocumented == []


def test_json_schema_accepts_a_valid_profile_and_rejects_unknown_keys() -> None:
    schema = json_schema()
    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))  # dates as strings, as editors see them
    jsonschema.validate(data, schema)
    data["vaccines"][0]["colour"] = "red"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


@pytest.mark.parametrize("country", [c.alpha_2 for c in pycountry.countries])
def test_bootstrap_validates_for_every_country(country: str) -> None:
    try:
        text = bootstrap_yaml(country)
    except BootstrapError as exc:
        assert "numbering plan" in str(exc)  # Antarctica and other uninhabited territories
        return
    profile = load_profile_text(text, f"{country}.yaml")
    assert profile.country.code == country
    assert profile.todo, "a bootstrapped profile must list what the ministry has to decide"


def test_bootstrap_uses_cldr_languages_and_directions() -> None:
    ae = load_profile_text(bootstrap_yaml("AE"))
    assert ae.languages.default == "ar"
    assert ae.country.names["ar"] == "الإمارات العربية المتحدة"
    assert ae.country.phone.country_code == 971
    assert ae.country.time_zone == "Asia/Dubai"
    assert {a.code for a in ae.admin_areas.areas} >= {"AE-DU", "AE-AZ"}


def test_bootstrap_rejects_unknown_country() -> None:
    with pytest.raises(BootstrapError):
        bootstrap_yaml("QQ")


def test_diff_names_list_items_by_code(tmp_path: Path) -> None:
    changed = tmp_path / "changed.yaml"
    changed.write_text(
        MINIMAL.read_text(encoding="utf-8").replace("min_days: 21", "min_days: 28"),
        encoding="utf-8",
    )
    changes = diff_profiles(load_profile(MINIMAL), load_profile(changed))
    assert [c.format() for c in changes] == [
        "~ vaccines[code=comirnaty].intervals[after_dose=1].min_days: 21 -> 28"
    ]


def test_cli_validate_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(cli, ["profile", "validate", str(MINIMAL)])
    assert ok.exit_code == 0, ok.output
    assert "valid" in ok.output
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.read_text(encoding="utf-8").replace("doses: 2", "doses: many"))
    result = runner.invoke(cli, ["profile", "validate", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:" in result.output and "[field.type] vaccines[0].doses" in result.output
    assert "Traceback" not in result.output
    as_json = runner.invoke(cli, ["profile", "validate", "--json", str(bad)])
    assert json.loads(as_json.output)[0]["issues"][0]["code"] == "field.type"


def test_cli_show_schema_bootstrap_and_diff(tmp_path: Path) -> None:
    runner = CliRunner()
    shown = runner.invoke(cli, ["profile", "show", str(MINIMAL)])
    assert shown.exit_code == 0 and "ar العربية [rtl]" in shown.output
    schema = runner.invoke(cli, ["profile", "schema"])
    assert json.loads(schema.output)["title"] == "vaxkit country profile"
    out = tmp_path / "ke.yaml"
    made = runner.invoke(cli, ["profile", "bootstrap", "--country", "KE", "-o", str(out)])
    assert made.exit_code == 0 and out.exists()
    again = runner.invoke(cli, ["profile", "bootstrap", "--country", "KE", "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.output
    unknown = runner.invoke(cli, ["profile", "bootstrap", "--country", "QQ"])
    assert unknown.exit_code == 2 and "not an ISO" in unknown.output
    same = runner.invoke(cli, ["profile", "diff", str(MINIMAL), str(MINIMAL)])
    assert same.output.strip() == "no differences"
