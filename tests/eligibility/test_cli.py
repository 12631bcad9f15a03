"""``vaxkit eligibility`` and ``vaxkit eligibility simulate`` through click's test runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from vaxkit.cli import cli
from vaxkit.profiles.schema import DoseInterval

from .policies import COVISHIELD, india, replace_vaccine, to_yaml

REAL_INDIA = Path(__file__).resolve().parents[2] / "country_profiles" / "in.yaml"


@pytest.fixture(scope="module")
def profile_file(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("profiles") / "in.yaml"
    path.write_text(to_yaml(india()), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def shorter_file(tmp_path_factory) -> str:
    interval = [DoseInterval(after_dose=1, min_days=28, max_days=42)]
    changed = replace_vaccine(india(), COVISHIELD.model_copy(update={"intervals": interval}))
    path = tmp_path_factory.mktemp("profiles") / "in-shorter.yaml"
    path.write_text(to_yaml(changed), encoding="utf-8")
    return str(path)


def run(*args: str):
    return CliRunner().invoke(cli, ["eligibility", *args])


def test_a_person_due_a_second_dose_later(profile_file) -> None:
    result = run(
        "--profile", profile_file, "--birth-year", "1990",
        "--dose", "covishield:2021-05-10", "--on", "2021-06-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Age:         31 (by year of birth)" in out
    assert "Cohort:      18 to 44 (age_18_44)" in out
    assert "Verdict:     NOT ELIGIBLE" in out
    assert "not before 2021-08-02" in out
    assert "Next dose:   dose 2 (primary): Covishield" in out
    assert "Window:      from 2021-08-02, recommended by 2021-08-30" in out


def test_a_person_eligible_now_with_qualifiers(profile_file) -> None:
    result = run(
        "--profile", profile_file, "--birth-date", "1970-08-15",
        "--qualifier", "comorbidity", "--on", "2021-03-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Verdict:     ELIGIBLE" in result.stdout
    assert "Offered now: Covishield, Covaxin" in result.stdout


def test_json_output(profile_file) -> None:
    result = run(
        "--profile", profile_file, "--birth-year", "1950", "--qualifier", "comorbidity",
        "--dose", "covaxin:2021-04-05", "--dose", "covaxin:2021-03-05",
        "--on", "2022-01-09", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["doses_taken"] == 2 and data["series_complete"] is True
    assert [r["code"] for r in data["reasons"]] == ["series.complete", "booster.not_open_yet"]
    assert data["next_dose"]["earliest"] == "2022-01-10"


def test_the_real_india_profile(profile_file) -> None:
    result = run("--profile", str(REAL_INDIA), "--birth-year", "2007", "--on", "2022-01-03")
    assert result.exit_code == 0, result.output
    assert "Verdict:     ELIGIBLE" in result.stdout
    assert "COVAXIN" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--birth-year", "1990", "--on", "2021-13-01"], "'2021-13-01' is not a date"),
        (["--birth-date", "1990-02-30"], "is not a date"),
        (["--birth-year", "1990", "--dose", "covishield"], "is not VACCINE:DATE"),
        (["--birth-year", "1990", "--dose", "covishield:May"], "'May' in 'covishield:May'"),
        (["--birth-year", "1990", "--dose", "sputnik:2021-05-01"], "unknown vaccine 'sputnik'"),
        (["--birth-year", "1990", "--qualifier", "pilot"], "unknown qualifier 'pilot'"),
        (["--on", "2021-05-01"], "Give --birth-date or --birth-year"),
        (["--birth-date", "1990-05-01", "--birth-year", "1991"], "is not in birth year 1991"),
        (
            ["--birth-year", "1990", "--dose", "covishield:2021-05-01",
             "--dose", "covaxin:2021-06-01", "--on", "2021-07-01"],
            "uses one vaccine",
        ),
        (
            ["--birth-year", "1990", "--dose", "covishield:2021-05-01", "--on", "2021-04-01"],
            "after 2021-04-01",
        ),
    ],
)  # fmt: skip
def test_bad_input_is_a_usage_error(profile_file, args, message) -> None:
    result = run("--profile", profile_file, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_missing_profile_option_is_a_usage_error() -> None:
    result = run("--birth-year", "1990")
    assert result.exit_code == 2
    assert "Missing option '--profile'" in result.stderr


def test_a_profile_that_does_not_load_prints_the_loader_message(tmp_path) -> None:
    missing = run("--profile", str(tmp_path / "nope.yaml"), "--birth-year", "1990")
    assert missing.exit_code == 1
    assert "no such profile file" in missing.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("vaxkit_profile: 1\ncountry: [\n", encoding="utf-8")
    result = run("--profile", str(broken), "--birth-year", "1990")
    assert result.exit_code == 1
    assert "broken.yaml" in result.stderr and "Traceback" not in result.output


def test_simulate_prints_a_weekly_table(profile_file) -> None:
    result = run(
        "simulate", "--profile", profile_file, "--population", "20000",
        "--from", "2021-03-01", "--to", "2021-04-30",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("20,000 synthetic people under Testland (IN), 2021-03-01")
    assert lines[2].split() == ["week", "of", "first", "dose", "next", "dose", "booster"]
    weeks = [line for line in lines[3:] if line[:4] == "2021"]
    assert len(weeks) == 9
    total = lines[-1].split()
    assert total[0] == "total"
    firsts = sum(int(line.split()[1].replace(",", "")) for line in weeks)
    assert int(total[1].replace(",", "")) == firsts > 0


def test_simulate_compares_two_profiles(profile_file, shorter_file) -> None:
    args = ["--profile", profile_file, "--population", "20000", "--to", "2021-12-31"]
    table = run("simulate", *args, "--compare", shorter_file)
    assert table.exit_code == 0, table.output
    assert "before     after    change" in table.stdout
    data = json.loads(run("simulate", *args, "--compare", shorter_file, "--json").stdout)
    assert data["start"] == "2021-01-16"  # the first cohort opens
    before = data["baseline"]["total"]
    after = data["changed"]["total"]
    assert data["difference"]["total"] == {k: after[k] - before[k] for k in before}
    assert before["first_dose"] == after["first_dose"]


def test_simulate_refuses_a_backwards_span(profile_file) -> None:
    result = run(
        "simulate", "--profile", profile_file, "--from", "2021-05-01", "--to", "2021-04-01"
    )
    assert result.exit_code == 2
    assert "before the first day" in result.stderr


def test_person_options_before_a_subcommand_are_refused(profile_file) -> None:
    result = run("--profile", profile_file, "simulate", "--profile", profile_file)
    assert result.exit_code == 2
    assert "options before 'simulate'" in result.stderr
