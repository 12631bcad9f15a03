"""A baked project works: its own tests and Django's checks pass on a real PostgreSQL.

The database is DATABASE_URL when set, else vaxkit's built-in server (in a temporary folder).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from vaxkit.generator.bake import bake

from .conftest import all_profiles, project_env, run_in


def _own_suite_and_checks(project: Path, data_dir: Path) -> None:
    env = project_env(data_dir)
    check = run_in(project, ["manage.py", "check", "--fail-level", "WARNING"], env)
    assert check.returncode == 0, check.stdout + check.stderr
    # run.py's own test command (ruff, then pytest), with this interpreter instead of a new .venv
    suite = run_in(
        project, ["run.py", "test", "-q", "-p", "no:cacheprovider"], {**env, "VAXKIT_NO_VENV": "1"}
    )
    assert suite.returncode == 0, suite.stdout[-4000:] + suite.stderr[-4000:]
    assert " passed" in suite.stdout and "failed" not in suite.stdout


def production_env(data_dir: Path) -> dict[str, str]:
    return project_env(
        data_dir,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        VAXKIT_SECRET_KEY=secrets.token_urlsafe(50),
        VAXKIT_FIELD_KEY=secrets.token_hex(32),
        VAXKIT_LOOKUP_KEY=secrets.token_hex(32),
        DATABASE_URL="postgresql://vaxkit@db.internal:5432/vaxkit",
        VAXKIT_ALLOWED_HOSTS="vaccination.demoland.example",
        REDIS_URL="redis://redis.internal:6379/0",
        VAXKIT_SMS_HTTP_URL="https://sms-gateway.demoland.example/v1/messages",
        VAXKIT_SMS_HTTP_TOKEN=secrets.token_urlsafe(24),
    )


def test_the_reference_country_passes_its_own_tests_and_checks(baked_demo, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(baked_demo, project)
    # overrides named like vaxkit's own files: the project's suite checks that they are found first
    landing = project / "overrides" / "templates" / "public" / "landing.html"
    landing.parent.mkdir(parents=True)
    landing.write_text("<p>Demoland's own landing page</p>\n")
    style = project / "overrides" / "static" / "vaxkit" / "css" / "site.css"
    style.parent.mkdir(parents=True)
    style.write_text("body { color: #0b6e69; }\n")
    _own_suite_and_checks(project, tmp_path / "data")


def test_production_settings_pass_the_deployment_checklist(baked_demo, tmp_path):
    done = run_in(
        baked_demo,
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(tmp_path),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_the_wsgi_and_celery_entry_points_load(baked_demo, tmp_path):
    code = (
        "import config.wsgi, config.celery_app as c; "
        "print(type(config.wsgi.application).__name__, c.app.conf.task_acks_late)"
    )
    done = run_in(baked_demo, ["-c", code], production_env(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["WSGIHandler", "True"]


def test_production_settings_refuse_to_start_without_secrets(baked_demo, tmp_path):
    env = production_env(tmp_path)
    del env["VAXKIT_FIELD_KEY"]
    done = run_in(baked_demo, ["manage.py", "check"], env)
    assert done.returncode != 0
    assert "VAXKIT_FIELD_KEY is not set" in done.stderr


def test_generate_secrets_fills_env_once_and_keeps_what_is_set(baked_demo, tmp_path):
    target = "secrets-test.env"
    try:
        first = run_in(baked_demo, ["scripts/generate_secrets.py", target], project_env(tmp_path))
        assert first.returncode == 0, first.stderr
        values = dict(
            line.split("=", 1)
            for line in (baked_demo / target).read_text().splitlines()
            if "=" in line and not line.startswith("#")
        )
        assert len(bytes.fromhex(values["VAXKIT_FIELD_KEY"])) == 32
        assert values["VAXKIT_DOMAIN"] == "vaccination.demoland.example"
        assert (baked_demo / target).stat().st_mode & 0o077 == 0
        again = run_in(baked_demo, ["scripts/generate_secrets.py", target], project_env(tmp_path))
        assert "nothing (all set already)" in again.stdout
        assert (baked_demo / target).read_text().count(values["VAXKIT_FIELD_KEY"]) == 1
    finally:
        (baked_demo / target).unlink(missing_ok=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthz(port: int, host: str) -> dict | None:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310 - local test server
            return json.loads(response.read())
    except OSError:
        return None


def _stop(server: subprocess.Popen) -> None:
    # SIGINT, not SIGTERM: the built-in PostgreSQL stops with the last process that used it
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def test_run_py_serves_the_tenant_on_the_built_in_database(baked_demo, tmp_path):
    """`python3 run.py`: migrate, create the tenant from profile.yaml, serve it on xx.localhost."""
    env = project_env(tmp_path / "data", VAXKIT_NO_VENV="1")
    env.pop("DATABASE_URL", None)  # the built-in server, as on a fresh computer
    port = _free_port()
    log = tmp_path / "run.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "run.py", "--port", str(port)],
            cwd=baked_demo,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 120
            answer = None
            while answer is None and time.monotonic() < deadline and server.poll() is None:
                time.sleep(0.5)
                answer = _healthz(port, "xx.localhost")
        finally:
            _stop(server)
    assert answer == {"status": "ok", "tenant": "xx"}, log.read_text()[-3000:]
    # a second start finds the tenant and reloads its profile instead
    again = run_in(baked_demo, ["run.py", "tenant"], env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Profile of xx reloaded" in again.stdout


def test_signing_keys_are_created_once_then_rotated(baked_demo, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(baked_demo, project)
    env = project_env(
        tmp_path / "data",
        VAXKIT_NO_VENV="1",
        VAXKIT_KEY_PASSPHRASE="correct horse battery staple",
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    )
    script = ["sh", "scripts/signing_keys.sh"]
    made = subprocess.run(script, cwd=project, env=env, capture_output=True, text=True, check=False)
    assert made.returncode == 0, made.stdout + made.stderr
    folder = project / "secrets" / "signing"
    assert {p.name for p in folder.iterdir()} == {
        "xx-keyring.json",
        "xx-dsc.key.pem",
        "xx-dsc.cert.pem",
        "xx-vc.key.pem",
        "xx-trust.json",
    }
    assert (folder / "xx-keyring.json").stat().st_mode & 0o077 == 0
    first_cert = (folder / "xx-dsc.cert.pem").read_bytes()
    twice = subprocess.run(
        script, cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert twice.returncode == 1 and "use --rotate" in twice.stderr

    rotated = subprocess.run(
        [*script, "--rotate"], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert rotated.returncode == 0, rotated.stdout + rotated.stderr
    ring = json.loads((folder / "xx-keyring.json").read_text())
    assert sorted((k["purpose"], k["status"]) for k in ring["keys"]) == [
        ("dsc", "active"),
        ("dsc", "retired"),
        ("vc", "active"),
        ("vc", "retired"),
    ]
    trust = json.loads((folder / "xx-trust.json").read_text())
    assert len(trust["dsc"]) == 2  # the retired signer still verifies what it signed
    assert (folder / "xx-dsc.cert.pem").read_bytes() != first_cert


@pytest.mark.slow
@pytest.mark.parametrize("profile", all_profiles(), ids=lambda p: p.name)
def test_every_profile_passes_its_own_tests_and_checks(profile, tmp_path):
    project = bake(profile, tmp_path).project_dir
    _own_suite_and_checks(project, tmp_path / "data")
