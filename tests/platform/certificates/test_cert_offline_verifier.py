"""The verifier page: served with the tenant's trust embedded, and, in Chromium, checking QR
images of an EU DCC, a SMART Health Card and an ICAO VDS-NC with the network switched off;
tampered ones show why."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import shutil
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cbor2
import pytest

from vaxkit.certificates import encode, qr, shc
from vaxkit.certificates.base45 import b45decode, b45encode
from vaxkit.certificates.record_json import record_from_dict
from vaxkit.testing.browser import CHROMIUM, launch_chromium

PLATFORM_DATA = Path(__file__).parent.parent / "data"


def test_verifier_page_embeds_this_tenants_trust(all_formats, tenant_client, other_tenant):
    from vaxkit.platform.certificates.keystore import keyring

    page = tenant_client.get("/certificates/verifier/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="verifier-trust"' in html and "certificates/verifier/verifier.js" in html
    embedded = re.search(r'id="verifier-trust" type="application/json">(.*?)</script>', html)
    trust = json.loads(embedded.group(1))
    ids = {k["key_id"] for k in trust["keys"]}
    assert ids == {e.key.key_id for e in keyring().entries}
    assert trust["issuer"]["url"] == "https://vaccination.testland.example"
    assert all("d" not in k["jwk"] for k in trust["keys"])  # public keys only
    worker = tenant_client.get("/certificates/verifier/sw.js")
    assert worker["Content-Type"].startswith("text/javascript")
    assert b"/static/certificates/verifier/verifier.js" in worker.content


def _record(profile: Any) -> Any:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    return record_from_dict(
        {
            "given_name": "Asha",
            "family_name": "Verma",
            "given_name_latin": "ASHA",
            "family_name_latin": "VERMA",
            "date_of_birth": "1984-05-17",
            "sex": "female",
            "vaccine_code": "twodose",
            "eu_vp": "J07BX03",
            "cvx": "208",
            "dose_number": 1,
            "date": (now.date() - dt.timedelta(days=3)).isoformat(),
            "issued_at": now.isoformat(),
        },
        profile,
    )


def _tampered_dcc(payload: str) -> str:
    """The same EU DCC with another signature (the content decodes, the seal does not hold)."""
    message = cbor2.loads(zlib.decompress(b45decode(payload[4:])))
    parts = list(message.value)
    parts[3] = bytes(reversed(parts[3]))
    tampered = cbor2.dumps(cbor2.CBORTag(message.tag, parts))
    return "HC1:" + b45encode(zlib.compress(tampered, 9))


def _tampered_shc(payload: str) -> str:
    header, body, signature = shc.jws_from_qr(payload).split(".")
    raw = base64.urlsafe_b64decode(signature + "==")
    other = base64.urlsafe_b64encode(bytes(reversed(raw))).decode().rstrip("=")
    return shc.QR_PREFIX + shc.numeric(f"{header}.{body}.{other}")


@pytest.fixture(scope="module")
def live_verifier(
    vaxkit_tenants: Any, django_db_blocker: Any, tmp_path_factory: Any
) -> Iterator[dict[str, Any]]:
    """A committed tenant with its keys, a threaded server for it, and QR images signed by it."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.db import connection, connections
    from django_tenants.utils import tenant_context

    from vaxkit.platform.certificates.keystore import keyring
    from vaxkit.testing.tenants import provision_test_tenant, remove_tenant

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    application = StaticFilesHandler(WSGIHandler())

    def app(environ: dict[str, Any], start_response: Any) -> Any:
        try:
            return application(environ, start_response)
        finally:
            connections.close_all()

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(app)
    folder = tmp_path_factory.mktemp("qr")
    with django_db_blocker.unblock():
        tenant = provision_test_tenant(PLATFORM_DATA / "xa-test.yaml", code_suffix="verifier")
        try:
            with tenant_context(tenant):
                key = keyring().active("dsc")
                record = _record(tenant.profile)
                issuer = tenant.profile.certificates.issuer_url
                payloads = {
                    "dcc": encode(record, "eu_dcc", key.signer()),
                    "shc": encode(record, "shc", key.signer(), issuer_url=issuer),
                    "vds": encode(record, "icao_vds", key.signer()),
                    "vc": encode(
                        record, "w3c_vc", keyring().active("vc").signer(), issuer_url=issuer
                    ),
                }
            payloads["dcc_tampered"] = _tampered_dcc(payloads["dcc"])
            payloads["shc_tampered"] = _tampered_shc(payloads["shc"])
            payloads["vds_tampered"] = payloads["vds"].replace('"seq":1', '"seq":2')
            assert payloads["vds_tampered"] != payloads["vds"]
            images = {}
            for name, payload in payloads.items():
                images[name] = folder / f"{name}.png"
                images[name].write_bytes(qr.qr_png(payload, scale=4))
            connection.set_schema_to_public()
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            port = server.server_address[1]
            yield {"url": f"http://{tenant.code}.localhost:{port}", "images": images}
        finally:
            server.shutdown()
            server.server_close()
            connection.set_schema_to_public()
            remove_tenant(tenant)


def check(page: Any, image: Path) -> dict[str, Any]:
    """Upload a QR image to the verifier page and read the verdict it shows."""
    page.evaluate("document.getElementById('verdict').hidden = true")
    page.set_input_files("#image-input", str(image))
    page.wait_for_selector("#verdict:not([hidden])")
    result = {
        "valid": page.get_attribute("#verdict", "data-valid"),
        "reason": page.get_attribute("#verdict", "data-reason"),
        "text": page.text_content("#verdict"),
    }
    page.set_input_files("#image-input", [])
    return result


@pytest.mark.browser
@pytest.mark.django_db
@pytest.mark.skipif(
    not CHROMIUM.exists() or shutil.which("chromium") is None,
    reason="Chromium is not installed: apt-get install chromium",
)
def test_offline_verifier_checks_qr_images_in_the_browser(live_verifier):
    results: dict[str, Any] = {}
    failure: list[BaseException] = []

    def run() -> None:
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as p:
                browser = launch_chromium(p)
                try:
                    context = browser.new_context()
                    page = context.new_page()
                    page.set_default_timeout(15_000)
                    page.goto(live_verifier["url"] + "/certificates/verifier/")
                    page.wait_for_selector("body[data-ready='true']")
                    images = dict(live_verifier["images"])
                    # online, a W3C VC is checked by the tenant's verification API
                    results["vc_online"] = check(page, images.pop("vc"))
                    context.set_offline(True)
                    results["offline_status"] = page.text_content("#network-status")
                    for name, image in images.items():
                        results[name] = check(page, image)
                    results["vc_offline"] = check(page, live_verifier["images"]["vc"])
                finally:
                    browser.close()
        except BaseException as exc:  # handed to the test's thread
            failure.append(exc)

    worker = threading.Thread(target=run, name="chromium-verifier")
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive(), "the browser did not finish within 120 s"
    if failure:
        raise failure[0]
    assert "offline" in results["offline_status"]
    for name in ("dcc", "shc", "vds"):
        assert results[name]["valid"] == "true", results[name]
        assert "Valid certificate" in results[name]["text"]
        assert "1984-05-17" in results[name]["text"]
    for name in ("dcc_tampered", "shc_tampered", "vds_tampered"):
        assert results[name]["valid"] == "false", results[name]
        assert results[name]["reason"] == "bad_signature", results[name]
        assert "bad_signature" in results[name]["text"]
    assert results["vc_online"]["valid"] == "true", results["vc_online"]
    assert "verification service" in results["vc_online"]["text"]
    assert results["vc_offline"]["reason"] == "needs_network", results["vc_offline"]
