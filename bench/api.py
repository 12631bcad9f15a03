"""Benchmark: cached public availability (CoWIN-compatible ``findByDistrict`` and
``calendarByPin``) against a trivial JSON endpoint (``/healthz``) of the same server, measured
in the same run.

The platform runs as in production: gunicorn (gthread workers) in a subprocess, production
settings, persistent database connections, Redis as the cache when it answers at
127.0.0.1:6379 (else each worker's memory). The tenant is India's profile with 40 centres in one
district, a week of sessions each, and the public per-address limit raised (every client here
shares one address). Clients are keep-alive HTTP/1.1 connections in this process, each asking
for a handful of dates so that the cache holds several answers. Run:

    .venv/bin/python bench/api.py [--requests 6000] [--clients 16] [--workers 2] [--threads 4]

Uses ``DATABASE_URL`` when set (a database ``vaxkit_bench`` next to it is created and dropped),
else an embedded PostgreSQL in a temporary directory (shares helpers with bench/booking.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import booking as shared  # noqa: E402  (bench/booking.py: database, environment, server)

PROFILE = ROOT / "country_profiles" / "in.yaml"
CENTRES = 40
DAYS = 7


def _redis_url() -> str:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.2) as sock:
            sock.sendall(b"PING\r\n")
            if sock.recv(16).startswith(b"+PONG"):
                return "redis://127.0.0.1:6379/13"
    except OSError:
        pass
    return ""


def _prepare(tmp: Path) -> tuple[int, str, str]:
    """Provision the tenant and seed centres and sessions; (district id, pincode, first day)."""
    import django

    django.setup()
    from django.core.management import call_command
    from django_tenants.utils import tenant_context

    from vaxkit.platform.actors import System
    from vaxkit.platform.reference.models import AdminArea
    from vaxkit.platform.scheduling.centres import create_facility, create_session
    from vaxkit.platform.tenants.current import local_today
    from vaxkit.platform.tenants.provisioning import provision_tenant

    data = yaml.safe_load(PROFILE.read_text())
    data.setdefault("api_limits", {}).update(public_requests=10**9, public_window_seconds=60)
    data.get("branding", {}).pop("logo", None)
    copy = tmp / "in-bench.yaml"
    copy.write_text(yaml.safe_dump(data, allow_unicode=True))
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    actor = System("bench")
    tenant = provision_tenant(copy, [shared.HOST], actor=actor, code="bench").tenant
    profile = tenant.profile
    with tenant_context(tenant):
        area = next(a for a in profile.admin_areas.areas if a.children).children[0]
        pin = next((p for p in area.postal_codes if "*" not in p), None) or (
            profile.admin_areas.postal_code.example
        )
        today = local_today(profile)
        for n in range(CENTRES):
            facility = create_facility(
                actor=actor,
                name=f"Centre {n:02d}",
                area_code=area.code,
                postal_code=pin if n % 4 == 0 else profile.admin_areas.postal_code.example,
                latitude=12.9 + n / 1000,
                longitude=77.5,
                address=f"{n} Main Road",
            )
            for day in range(DAYS):
                create_session(
                    actor=actor,
                    facility=facility,
                    date=today + dt.timedelta(days=day),
                    vaccine=profile.vaccines[day % len(profile.vaccines)].code,
                    capacity={1: 50, 2: 50},
                    slots=["09:00-11:00", "11:00-13:00", "14:00-16:00"],
                )
        district_id = AdminArea.objects.get(code=area.code).pk
    return district_id, pin, today.strftime("%d-%m-%Y")


class _Client:
    """A keep-alive HTTP/1.1 GET client with as little client-side cost as possible."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""
        self.received = 0

    def get(self, path: str) -> int:
        self.sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {shared.HOST}\r\n\r\n".encode())
        while b"\r\n\r\n" not in self.buffer:
            self._read()
        header, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        length = 0
        for line in header.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        while len(self.buffer) < length:
            self._read()
        self.buffer = self.buffer[length:]
        self.received = length
        return int(header[9:12])

    def _read(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        self.buffer += chunk


def _drive(port: int, paths: list[str], total: int, clients: int) -> tuple[float, list[float], int]:
    """(requests/s, latencies in ms, bytes of the last answer) of ``total`` GETs spread over
    ``clients`` connections."""
    latencies: list[float] = []
    sizes: list[int] = []
    failures: list[int] = []
    lock = threading.Lock()
    per_client = total // clients

    def work(index: int) -> None:
        client = _Client(port)
        mine: list[float] = []
        for n in range(per_client):
            start = time.perf_counter()
            status = client.get(paths[(index + n) % len(paths)])
            mine.append((time.perf_counter() - start) * 1000)
            if status != 200:
                failures.append(status)
        with lock:
            latencies.extend(mine)
            sizes.append(client.received)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, e.g. HTTP {failures[0]}")
    return len(latencies) / elapsed, latencies, max(sizes)


def _line(label: str, rate: float, latencies: list[float], size: int, ratio: float) -> str:
    ordered = sorted(latencies)
    p99 = ordered[int(len(ordered) * 0.99) - 1]
    return (
        f"{label:<34}: {rate:8.0f} req/s  p50 {statistics.median(ordered):6.1f} ms  "
        f"p99 {p99:6.1f} ms  {size / 1024:5.1f} KiB  ratio {ratio:5.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=6000, help="Requests per endpoint.")
    parser.add_argument("--clients", type=int, default=16, help="Concurrent clients.")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes.")
    parser.add_argument("--threads", type=int, default=4, help="Threads per worker.")
    parser.add_argument("--rounds", type=int, default=5, help="Interleaved rounds (median).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vaxkit-bench-api-") as tmp:
        tmp_path = Path(tmp)
        url = shared._database_url(tmp_path)
        env = shared._environment(url, tmp_path)
        redis = _redis_url()
        if redis:
            env["REDIS_URL"] = redis
        (tmp_path / "static").mkdir()
        os.environ.update(env)
        print("Preparing the tenant, centres and sessions ...", flush=True)
        district, pin, first_day = _prepare(tmp_path)
        from django.db import connections

        connections.close_all()
        if redis:
            import redis as redis_client

            redis_client.Redis.from_url(redis).flushdb()
        port = shared._free_port()
        server = shared._start_server(env, port, args.workers, args.threads)
        day0 = dt.datetime.strptime(first_day, "%d-%m-%Y").date()
        dates = [(day0 + dt.timedelta(days=d)).strftime("%d-%m-%Y") for d in range(3)]
        base = "/api/v2/appointment/sessions/public"
        runs = {
            "trivial JSON (/healthz)": ["/healthz"],
            "findByDistrict (cached)": [
                f"{base}/findByDistrict?district_id={district}&date={d}" for d in dates
            ],
            "calendarByPin (cached)": [
                f"{base}/calendarByPin?pincode={pin}&date={d}" for d in dates
            ],
        }
        results: dict[str, list[tuple[float, list[float], int]]] = {k: [] for k in runs}
        try:
            for paths in runs.values():
                _drive(port, paths, args.clients * 20, args.clients)  # warm-up (fills the cache)
            # interleaved rounds: the machine is shared, so load drifts between measurements
            for _ in range(args.rounds):
                for label, paths in runs.items():
                    results[label].append(
                        _drive(port, paths, args.requests // args.rounds, args.clients)
                    )
        finally:
            server.terminate()
            server.wait(timeout=20)
        trivial_rounds = [r[0] for r in results["trivial JSON (/healthz)"]]
        merged = {
            label: (
                statistics.median(r[0] for r in rounds),
                [ms for r in rounds for ms in r[1]],
                rounds[-1][2],
                # the ratio within each round, then the median: robust to drifting load
                statistics.median(r[0] / t for r, t in zip(rounds, trivial_rounds, strict=True)),
            )
            for label, rounds in results.items()
        }
        cache = "Redis" if redis else "local memory"
        print(
            f"gunicorn {args.workers}x{args.threads} gthread, {args.clients} clients, "
            f"cache: {cache}"
        )
        for label, (rate, latencies, size, ratio) in merged.items():
            print(_line(label, rate, latencies, size, ratio))


if __name__ == "__main__":
    main()
