"""The workshop script (docs/tutorials/workshop.md) runs as written: every fenced ``sh`` block, in
order, in a fresh folder, against a database of its own, with the demo serving in the background
as it does in the presenter's second terminal."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "tutorials" / "workshop.md"
FENCE = re.compile(r"^```sh\n(.*?)^```", re.DOTALL | re.MULTILINE)
CLI = "python3 cli.py"


def sh_blocks(markdown: str) -> list[str]:
    """The page's fenced ``sh`` blocks, in order."""
    return FENCE.findall(markdown)


def is_demo_server(block: str) -> bool:
    """The block that starts the demo and keeps it running (a second terminal on stage)."""
    return block.strip().startswith(f"{CLI} demo") and "--no-serve" not in block


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, host: str, path: str) -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def _wait_until_serving(server: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            _get(port, "localhost", "/healthz")
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"the demo did not start:\n{server.communicate(timeout=30)[0]}")
            time.sleep(0.3)


class _Browser:
    """A cookie-keeping client for one tenant host of the live server; redirects not followed."""

    def __init__(self, port: int, host: str) -> None:
        self.base, self.host, self.cookies = f"http://127.0.0.1:{port}", host, {}

    def request(self, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        """Status, body and Location of one GET (or POST of ``form``)."""
        data = None
        headers = {
            "Host": self.host,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if form is not None:
            form = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form}
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.base + path, data=data, headers=headers)  # noqa: S310
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            response = opener.open(request, timeout=10)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";")[0]
        return response.status, response.read().decode(), response.headers.get("Location", "")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def citizen_signs_in(port: int, host: str, mobile: str, outbox: Path) -> str:
    """Step 5 without the browser: sign in with ``mobile`` and the OTP from the development
    inbox's file; returns the account page."""
    browser = _Browser(port, host)
    browser.request("/signin")
    status, body, location = browser.request("/signin", {"mobile": mobile})
    assert (status, location) == (302, "/signin/otp"), body[:2000]
    last = json.loads(outbox.read_text("utf-8").splitlines()[-1])
    assert last["tenant"] == host.split(".")[0]
    otp = re.search(r"\b(\d{6})\b", last["body"]).group(1)
    status, body, location = browser.request("/signin/otp", {"otp": otp})
    assert (status, location) == (302, "/account"), body[:2000]
    status, body, _ = browser.request("/account")
    assert status == 200
    return body


@pytest.fixture
def workshop_database(db, django_db_blocker):
    """A database of its own on the test server (as tests/platform/test_demo.py does)."""
    name = f"{connection.settings_dict['NAME']}_workshop"
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    # read after connecting: an embedded test server fills in its socket folder on first use
    settings = connection.settings_dict
    host, port = settings["HOST"], settings["PORT"] or "5432"
    auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    yield f"postgresql://{auth}@/{name}?host={host}&port={port}"
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_page_has_the_steps_the_test_relies_on():
    blocks = sh_blocks(PAGE.read_text("utf-8"))
    assert sum(is_demo_server(b) for b in blocks) == 1
    commands = "\n".join(blocks)
    for needed in ("profile bootstrap", "profile validate", "profile preview", "tenant add"):
        assert f"{CLI} {needed}" in commands
    assert "python3 - <<'EOF'" in commands and "cert verify" in commands


def test_every_command_of_the_workshop_runs(workshop_database, tmp_path):
    cli = f"{shlex.quote(sys.executable)} {shlex.quote(str(ROOT / 'cli.py'))}"
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV")
    }
    env.update(
        DATABASE_URL=workshop_database,
        VAXKIT_NO_BOOTSTRAP="1",
        # `python3` is the activated environment's interpreter, as step 0 asks.
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        COLUMNS="120",
    )
    env.pop("VAXKIT_DATA_DIR", None)  # the default, .vaxkit in the working folder
    port = _free_port()
    server = None
    outputs = []
    try:
        for block in sh_blocks(PAGE.read_text("utf-8")):
            script = block.replace(CLI, cli)
            if is_demo_server(block):
                server = subprocess.Popen(
                    [*shlex.split(script), "--port", str(port)],
                    env=env,
                    cwd=tmp_path,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                )
                _wait_until_serving(server, port)
                continue
            done = subprocess.run(
                ["bash", "-e", "-o", "pipefail", "-c", script],
                env=env,
                cwd=tmp_path,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            assert done.returncode == 0, f"{block}\n{done.stdout}\n{done.stderr}"
            outputs.append(done.stdout + done.stderr)

        assert server is not None
        # the country added in step 4 is served by the demo that was already running
        status, health = _get(port, "ke.localhost", "/healthz")
        assert status == 200 and '"tenant": "ke"' in health
        status, signin = _get(port, "ke.localhost", "/signin")
        assert status == 200 and 'lang="sw"' in signin
        # step 5: a citizen signs in with the profile's example number and lands in Swahili
        account = citizen_signs_in(
            port, "ke.localhost", "712123456", tmp_path / ".vaxkit" / "sms-outbox.jsonl"
        )
        assert '<html lang="sw"' in account
        status, presenter = _get(port, "localhost", "/presenter/")
        assert status == 200 and "ke.localhost" in presenter and "Chanjo Kenya" in presenter
    finally:
        if server is not None and server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.communicate(timeout=30)

    assert (tmp_path / "ke-preview.html").stat().st_size > 10_000
    checks = next(out for out in outputs if "national_id (rule pattern)" in out)
    assert "[id.pattern]" in checks and "refused, as it should be" in checks
    assert "age_60_plus" in checks and "Jcovden" in checks
    assert "ke.localhost" in outputs[-2]  # `tenant list` shows the new tenant
    assert "valid (eu_dcc)" in outputs[-1] and "Jcovden" in outputs[-1]
