"""SMS backends: the file outbox, an HTTP gateway (a real local server), console, dispatch."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ImproperlyConfigured

from vaxkit.platform.sms.backends import (
    ConsoleBackend,
    FileBackend,
    HttpBackend,
    SmsDeliveryError,
    SmsMessage,
    get_backend,
)
from vaxkit.platform.sms.outbox import InboxDisabled, read_outbox

MESSAGE = SmsMessage(
    to="+919876543210", body="123456 is your OTP", tenant="xa", sent_at="2024-01-01T00:00:00+00:00"
)


@pytest.fixture
def gateway():
    """A real HTTP server recording what it receives; answers with ``status``."""
    received: list[dict] = []
    state = {"status": 202}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers["Content-Length"])
            received.append(
                {
                    "auth": self.headers.get("Authorization"),
                    "type": self.headers.get("Content-Type"),
                    "json": json.loads(self.rfile.read(length)),
                }
            )
            self.send_response(state["status"])
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sms", received, state
    server.shutdown()
    server.server_close()


def test_http_backend_posts_json_with_bearer_token(gateway):
    url, received, _ = gateway
    HttpBackend(url, "s3cret").send(MESSAGE)
    assert received == [
        {
            "auth": "Bearer s3cret",
            "type": "application/json",
            "json": {
                "to": "+919876543210",
                "body": "123456 is your OTP",
                "tenant": "xa",
                "sent_at": "2024-01-01T00:00:00+00:00",
            },
        }
    ]


def test_http_backend_failures_raise(gateway):
    url, _, state = gateway
    state["status"] = 503
    with pytest.raises(SmsDeliveryError, match="503"):
        HttpBackend(url, "t").send(MESSAGE)
    with pytest.raises(SmsDeliveryError, match="unreachable"):
        HttpBackend("http://127.0.0.1:9/none", "t").send(MESSAGE)
    with pytest.raises(ImproperlyConfigured):
        HttpBackend("ftp://gateway", "t")


def test_file_backend_appends_json_lines_and_the_inbox_reads_them(tmp_path, settings):
    outbox = tmp_path / "outbox.jsonl"
    settings.VAXKIT_SMS_BACKEND = "file"
    settings.VAXKIT_SMS_OUTBOX = outbox
    backend = get_backend()
    assert isinstance(backend, FileBackend)
    backend.send(MESSAGE)
    backend.send(SmsMessage("+919876500000", "654321 is your OTP", "xb", "2024-01-01T00:01:00Z"))
    lines = [json.loads(line) for line in outbox.read_text().splitlines()]
    assert [line["tenant"] for line in lines] == ["xa", "xb"]
    assert set(lines[0]) >= {"to", "body", "tenant", "sent_at"}
    assert [m.body for m in read_outbox()] == ["654321 is your OTP", "123456 is your OTP"]
    assert [m.tenant for m in read_outbox("xa")] == ["xa"]
    settings.VAXKIT_SMS_INBOX_VISIBLE = False
    with pytest.raises(InboxDisabled):
        read_outbox()


def test_console_backend_masks_the_number(capsys):
    ConsoleBackend().send(MESSAGE)
    err = capsys.readouterr().err
    assert "123456 is your OTP" in err
    assert "9876543210" not in err and "3210" in err


def test_unknown_backend_is_a_clear_error(settings):
    settings.VAXKIT_SMS_BACKEND = "carrier-pigeon"
    with pytest.raises(ImproperlyConfigured, match="carrier-pigeon"):
        get_backend()


def test_otp_goes_through_the_http_gateway_after_commit(
    tenant, gateway, settings, django_capture_on_commit_callbacks
):
    from vaxkit.platform.actors import Anonymous
    from vaxkit.platform.registration.signin import request_otp
    from vaxkit.testing.factories import phone_number

    url, received, _ = gateway
    settings.VAXKIT_SMS_BACKEND = "http"
    settings.VAXKIT_SMS_HTTP_URL = url
    settings.VAXKIT_SMS_HTTP_TOKEN = "tok"
    mobile = phone_number()
    with django_capture_on_commit_callbacks(execute=True):
        request_otp(mobile, actor=Anonymous(ip="192.0.2.77"))
    assert [r["json"]["to"] for r in received] == [mobile]
    assert received[0]["json"]["tenant"] == "xa"


@pytest.mark.redis
def test_sms_goes_through_a_real_celery_worker(
    tenant, tmp_path, settings, django_capture_on_commit_callbacks
):
    """The message is queued in Redis after commit and a separate worker delivers it."""
    import os
    import subprocess
    import sys
    import time

    from vaxkit.platform.jobs import app
    from vaxkit.platform.sms.dispatch import send_sms

    if not settings.VAXKIT_TEST_REDIS_URL:
        pytest.skip("no Redis server at 127.0.0.1:6379 and REDIS_URL unset")
    broker = settings.VAXKIT_TEST_REDIS_URL.rsplit("/", 1)[0] + "/14"
    prefix = f"vaxkit-test-{os.getpid()}:"  # concurrent runs on one Redis never share a queue
    outbox = tmp_path / "outbox.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "VAXKIT_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="vaxkit.platform.settings.local",
        CELERY_BROKER_URL=broker,
        VAXKIT_DATA_DIR=str(tmp_path),
        VAXKIT_BROKER_PREFIX=prefix,
        VAXKIT_SMS_BACKEND="file",
        VAXKIT_SMS_OUTBOX=str(outbox),
        VAXKIT_FIELD_KEY=settings.VAXKIT_FIELD_KEY.hex(),
        VAXKIT_LOOKUP_KEY=settings.VAXKIT_LOOKUP_KEY.hex(),
    )
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "vaxkit.platform.worker",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "warning",
            "--without-gossip",
            "--without-mingle",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    eager, url = app.conf.task_always_eager, app.conf.broker_url
    options = app.conf.broker_transport_options
    app.conf.task_always_eager, app.conf.broker_url = False, broker
    app.conf.broker_transport_options = {"global_keyprefix": prefix}
    app._after_fork()  # forget connections made with the old broker setting
    try:
        with django_capture_on_commit_callbacks(execute=True):
            send_sms("+919876543210", "Your appointment is confirmed.", tenant_code="xa")
        deadline = time.monotonic() + 60  # a loaded machine starts workers slowly
        while not outbox.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        app.conf.task_always_eager, app.conf.broker_url = eager, url
        app.conf.broker_transport_options = options
        app._after_fork()
        worker.terminate()
        output, _ = worker.communicate(timeout=20)
    lines = (
        [json.loads(line) for line in outbox.read_text().splitlines()] if outbox.exists() else []
    )
    assert [(m["to"], m["body"], m["tenant"]) for m in lines] == [
        ("+919876543210", "Your appointment is confirmed.", "xa")
    ], output
