"""The demo: synthetic data through the services, and `vaxkit demo` end to end."""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django_tenants.utils import tenant_context

from vaxkit.identity.check import check_document
from vaxkit.platform.actors import System
from vaxkit.platform.demo.prepare import DEMO_PROFILES, DemoError, prepare_demo, profiles_dir
from vaxkit.platform.demo.seed import seed_demo_tenant
from vaxkit.platform.reference.models import AdminArea
from vaxkit.platform.registration.models import Beneficiary
from vaxkit.platform.scheduling.models import Facility, Session
from vaxkit.platform.tenants.current import local_today
from vaxkit.platform.tenants.provisioning import provision_tenant
from vaxkit.platform.vaccination.models import Dose

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("code", ["xx", "ae"])
def test_seeded_data_is_valid_and_seeding_is_idempotent(db, code):
    tenant = provision_tenant(
        profiles_dir() / DEMO_PROFILES[code],
        [f"{code}.localhost"],
        actor=System("t"),
        code=f"{code}demo",
    ).tenant
    with tenant_context(tenant):
        profile = tenant.profile
        first = seed_demo_tenant()
        assert first.created and first.centres == 6
        today = local_today(profile)
        # centres sit in real areas of the profile, every one with a session each of 7 days
        areas = set(AdminArea.objects.values_list("code", flat=True))
        for facility in Facility.objects.all():
            assert facility.area.code in areas
            days = set(Session.objects.filter(facility=facility).values_list("date", flat=True))
            assert days == {today + dt.timedelta(days=n) for n in range(7)}
        # people: names in the profile's name model, valid ID numbers, some doses
        parts = {p.key for p in profile.names.parts}
        people = list(Beneficiary.objects.all())
        assert len(people) >= 30
        for person in people[:10]:
            assert set(person.name_parts) == parts
            doc = profile.id_document(person.id_type)
            assert check_document(doc, person.id_number.reveal()).normalised
        assert first.doses >= 5 and Dose.objects.count() == first.doses
        assert {login.username for login in first.logins} == {"admin", "centre", "vaccinator"}

        second = seed_demo_tenant()
        assert not second.created and second.sessions_added == 0
        assert (second.people, second.doses) == (first.people, first.doses)


def test_unknown_demo_country():
    with pytest.raises(DemoError) as unknown:
        prepare_demo(countries=("zz",))
    assert unknown.value.code == "demo.country"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, host: str, path: str) -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:  # an answer, even if an error: stop waiting
        return error.code, error.read().decode(errors="replace")


@pytest.fixture
def demo_database(django_db_blocker):
    """A database of its own on the test server, for the demo subprocess."""
    settings = connection.settings_dict
    name = f"{settings['NAME']}_demo"
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    host, port = settings["HOST"], settings["PORT"] or "5432"
    auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    yield f"postgresql://{auth}@/{name}?host={host}&port={port}"
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_vaxkit_demo_end_to_end(demo_database, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DATABASE_URL=demo_database,
        VAXKIT_DATA_DIR=str(tmp_path),
        VAXKIT_NO_BOOTSTRAP="1",
        COLUMNS="120",
    )
    command = [sys.executable, str(ROOT / "cli.py"), "demo", "--country", "xx"]
    port = _free_port()
    server = subprocess.Popen(
        [*command, "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, body = _get(port, "xx.localhost", "/healthz")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    server.kill()  # reading the output waits for its end
                    pytest.fail(f"the demo did not start:\n{server.communicate(timeout=30)[0]}")
                time.sleep(0.3)
        assert (status, '"tenant": "xx"' in body) == (200, True)
        status, landing = _get(port, "localhost", "/")
        assert status == 200 and "xx.localhost" in landing
        assert _get(port, "xx.localhost", "/admin/login/")[0] == 200
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output
    assert "Demoland" in output and f"http://xx.localhost:{port}/" in output
    assert "admin" in output and "vaccinator" in output

    started = time.monotonic()
    again = subprocess.run(
        [*command, "--no-serve"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert again.returncode == 0, again.stdout + again.stderr
    assert time.monotonic() - started < 15
    assert "Creating xx" not in again.stderr and "Seeding xx" in again.stderr
