"""Settings from the environment, DATABASE_URL parsing, the embedded server, sealed fields."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from vaxkit.platform.database import (
    EMBEDDED_KEY,
    DatabaseConfigError,
    database_settings,
    parse_database_url,
    start_embedded,
    stop_embedded,
)
from vaxkit.platform.sealing import Sealed, SealingError, seal, unseal
from vaxkit.platform.settings.environment import decode_key, env_bool, local_keys


def test_parse_database_url():
    parsed = parse_database_url(
        "postgresql://app:p%40ss@db.internal:6432/vaxkit?sslmode=require&server_side_binding=on"
    )
    assert parsed == {
        "NAME": "vaxkit",
        "USER": "app",
        "PASSWORD": "p@ss",
        "HOST": "db.internal",
        "PORT": "6432",
        "OPTIONS": {"sslmode": "require", "server_side_binding": True},
    }
    socket = parse_database_url("postgresql://postgres@/vaxkit?host=/run/postgresql")
    assert (socket["HOST"], socket["NAME"]) == ("/run/postgresql", "vaxkit")


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("sqlite:///db.sqlite3", "database.url_scheme"),
        ("mysql://u@h/db", "database.url_scheme"),
        ("postgresql://u@h/", "database.url_name"),
    ],
)
def test_bad_database_urls(url, code):
    with pytest.raises(DatabaseConfigError) as bad:
        parse_database_url(url)
    assert bad.value.code == code


def test_database_settings_are_persistent_and_embedded_by_default(tmp_path):
    embedded = database_settings(None, tmp_path)
    assert embedded[EMBEDDED_KEY] == str(tmp_path / "pgdata")
    assert embedded["CONN_MAX_AGE"] >= 60
    assert embedded["ENGINE"] == "django_tenants.postgresql_backend"
    configured = database_settings("postgresql://u@h/n", tmp_path)
    assert EMBEDDED_KEY not in configured and configured["CONN_MAX_AGE"] >= 60


def test_embedded_server_starts_reuses_its_cluster_and_stops(tmp_path):
    import psycopg

    server = start_embedded(tmp_path / "pgdata", databases=("vaxkit", "extra"))
    assert start_embedded(tmp_path / "pgdata") is server
    with psycopg.connect(server.url("extra")) as conn:
        assert conn.execute("SELECT current_database()").fetchone() == ("extra",)
    stop_embedded(tmp_path / "pgdata")
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(server.url("extra"), connect_timeout=2)
    again = start_embedded(tmp_path / "pgdata")  # the cluster is kept: no initdb this time
    with psycopg.connect(again.url("extra")) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    stop_embedded(tmp_path / "pgdata")


def test_keys_from_the_environment():
    assert decode_key("K", "ab" * 32) == bytes.fromhex("ab" * 32)
    with pytest.raises(ImproperlyConfigured, match="64 hex digits"):
        decode_key("VAXKIT_FIELD_KEY", "short")


def test_env_bool(monkeypatch):
    monkeypatch.setenv("X_FLAG", "Yes")
    assert env_bool("X_FLAG") is True
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG")


def test_local_keys_are_generated_once(tmp_path):
    first = local_keys(tmp_path)
    assert local_keys(tmp_path) == first
    assert oct((tmp_path / "keys.json").stat().st_mode & 0o777) == "0o600"
    assert len(bytes.fromhex(first["field_key"])) == 32


def _import_settings(module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("VAXKIT_", "DATABASE_URL", "DJANGO_"))
    }
    return subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_refuse_to_start_without_secrets(tmp_path):
    missing = _import_settings("vaxkit.platform.settings.production", VAXKIT_DATA_DIR=str(tmp_path))
    assert missing.returncode != 0 and "VAXKIT_SECRET_KEY is not set" in missing.stderr
    keys = {
        "VAXKIT_SECRET_KEY": "x" * 50,
        "VAXKIT_FIELD_KEY": "11" * 32,
        "VAXKIT_LOOKUP_KEY": "22" * 32,
        "VAXKIT_DATA_DIR": str(tmp_path),
    }
    no_db = _import_settings("vaxkit.platform.settings.production", **keys)
    assert no_db.returncode != 0 and "DATABASE_URL is not set" in no_db.stderr
    ok = _import_settings(
        "vaxkit.platform.settings.production", DATABASE_URL="postgresql://u@h/n", **keys
    )
    assert ok.returncode == 0, ok.stderr


def test_every_settings_layer_imports(tmp_path):
    for module in ("base", "local", "demo", "test"):
        result = _import_settings(
            f"vaxkit.platform.settings.{module}", VAXKIT_DATA_DIR=str(tmp_path)
        )
        assert result.returncode == 0, (module, result.stderr)


def test_sealed_values_are_bound_to_their_column():
    token = seal("123456789012", "registration.beneficiary.id_number")
    assert "123456789012" not in token
    assert unseal(token, "registration.beneficiary.id_number") == "123456789012"
    assert seal("123456789012", "x") != seal("123456789012", "x")  # random nonce
    with pytest.raises(SealingError):
        unseal(token, "registration.account.phone")
    shown = Sealed(token, "registration.beneficiary.id_number")
    assert str(shown) == repr(shown) == f"{shown}" == "[sealed]"


def test_system_checks_report_misconfiguration(settings):
    from vaxkit.platform.checks import database_problems, platform_settings

    # W002: no Redis on this machine; E005: the certificates app is still being built
    assert {p.id for p in platform_settings()} <= {"vaxkit.W002", "vaxkit.E005"}
    settings.VAXKIT_FIELD_KEY = b"short"
    settings.VAXKIT_SMS_BACKEND = "http"
    settings.VAXKIT_SMS_HTTP_URL = ""
    assert {"vaxkit.E001", "vaxkit.E003"} <= {p.id for p in platform_settings()}
    settings.VAXKIT_SMS_BACKEND = "carrier_pigeon"
    assert "vaxkit.E002" in {p.id for p in platform_settings()}
    problems = database_problems({"ENGINE": "django.db.backends.sqlite3", "CONN_MAX_AGE": 0})
    assert [p.id for p in problems] == ["vaxkit.E004", "vaxkit.W001"]
