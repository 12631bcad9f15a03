"""Benchmark: committed bookings per second through the HTTP endpoint, and the ratio to a bare
conditional-UPDATE booking in PostgreSQL measured in the same run on the same database.

The platform runs as in production: gunicorn (gthread workers) in a subprocess, production
settings, persistent database connections. Clients in this process post to
``POST /booking/v1/appointments`` with citizen session tokens, each on a keep-alive connection.
The bare figure is the same work without the platform: ``UPDATE ... SET booked = booked + 1
WHERE ... AND booked < capacity RETURNING id`` plus the ``INSERT`` of the appointment, one
transaction per booking (psycopg, one connection per client). Run:

    .venv/bin/python bench/booking.py [--bookings 6000] [--clients 16] [--workers 2] [--threads 4]

Uses ``DATABASE_URL`` when set (a database ``vaxkit_bench`` next to it is created and dropped),
else an embedded PostgreSQL in a temporary directory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROFILE = ROOT / "country_profiles" / "in.yaml"
HOST = "bench.localhost"
BENCH_DB = "vaxkit_bench"
SESSIONS = 400


def _database_url(tmp: Path) -> str:
    from vaxkit.platform.database import start_embedded

    url = os.environ.get("DATABASE_URL")
    if not url:
        server = start_embedded(tmp / "pgdata", databases=("postgres",))
        url = server.url("postgres")
    parts = urlsplit(url)
    admin_url = _libpq(urlunsplit(parts._replace(path="/postgres")))
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
    return urlunsplit(parts._replace(path=f"/{BENCH_DB}"))


def _libpq(url: str) -> str:
    """``url`` without the options only Django reads (``server_side_binding``, ``pool``)."""
    from urllib.parse import parse_qsl, urlencode

    from vaxkit.platform.database import BOOLEAN_OPTIONS, INTEGER_OPTIONS

    parts = urlsplit(url)
    django_only = BOOLEAN_OPTIONS | INTEGER_OPTIONS
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in django_only]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _environment(url: str, data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vaxkit.platform.settings.production",
        "DATABASE_URL": url,
        "VAXKIT_SECRET_KEY": secrets.token_urlsafe(40),
        "VAXKIT_FIELD_KEY": secrets.token_hex(32),
        "VAXKIT_LOOKUP_KEY": secrets.token_hex(32),
        "VAXKIT_SSL_REDIRECT": "false",
        "VAXKIT_ALLOWED_HOSTS": HOST,
        "VAXKIT_DATA_DIR": str(data_dir),
        "VAXKIT_SMS_BACKEND": "console",
        "VAXKIT_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def _prepare(people: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]], str]:
    """Tenant, sessions, and people with session tokens: two halves (bare run, HTTP run).

    People are written in bulk (the same sealing and hashing as the services use) so that
    preparing thousands of them takes seconds; bookings themselves go through the service.
    """
    import django

    django.setup()
    from django.core.management import call_command
    from django_tenants.utils import tenant_context

    from vaxkit.identity.check import example_number
    from vaxkit.platform.actors import System
    from vaxkit.platform.registration.models import Account, Beneficiary, CitizenSession
    from vaxkit.platform.scheduling.centres import create_facility, create_session
    from vaxkit.platform.sealing import id_digest, phone_digest, secret_digest
    from vaxkit.platform.tenants.current import local_today
    from vaxkit.platform.tenants.provisioning import provision_tenant

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    tenant = provision_tenant(PROFILE, [HOST], actor=System("bench"), code="bench").tenant
    profile = tenant.profile
    rng = random.Random(7)
    with tenant_context(tenant):
        area = next(a for a in profile.admin_areas.areas if a.children).children[0]
        facility = create_facility(
            actor=System("bench"),
            name="Bench Centre",
            area_code=area.code,
            postal_code=profile.admin_areas.postal_code.example,
            latitude=12.97,
            longitude=77.59,
        )
        day = local_today(profile) + dt.timedelta(days=1)
        vaccine = profile.vaccines[0].code
        per_session = people // SESSIONS + 1
        session_ids = [
            str(
                create_session(
                    actor=System("bench"),
                    facility=facility,
                    date=day,
                    vaccine=vaccine,
                    capacity=per_session,
                ).session_id
            )
            for _ in range(SESSIONS)
        ]
        doc = profile.id_documents[0]
        accounts, people_rows, tokens = [], [], []
        expires = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
        for n in range(people):
            phone = f"+9198{n:08d}"
            accounts.append(
                Account(
                    phone=phone,
                    phone_hash=phone_digest(phone),
                    phone_masked=f"+91 XXXXXX{phone[-4:]}",
                )
            )
        Account.objects.bulk_create(accounts, batch_size=1000)
        numbers: set[str] = set()
        for account in accounts:
            number = example_number(doc, random.Random(rng.random()))
            while number in numbers:
                number = example_number(doc, random.Random(rng.random()))
            numbers.add(number)
            people_rows.append(
                Beneficiary(
                    reference_id=f"{10**13 + len(people_rows)}",
                    account=account,
                    name_parts={"name": "Bench Person"},
                    display_name="Bench Person",
                    birth_year=1960,
                    gender=profile.registration.genders[0].code,
                    id_type=doc.code,
                    id_number=number,
                    id_hash=id_digest(doc.code, number),
                    id_masked="XXXX",
                    consent_version=profile.registration.consent_version,
                )
            )
            token = secrets.token_urlsafe(32)
            tokens.append(token)
        Beneficiary.objects.bulk_create(people_rows, batch_size=1000)
        CitizenSession.objects.bulk_create(
            [
                CitizenSession(
                    token_hash=secret_digest("session", t), account=a, expires_at=expires
                )
                for t, a in zip(tokens, accounts, strict=True)
            ],
            batch_size=1000,
        )
    pairs = [
        (token, person.reference_id) for token, person in zip(tokens, people_rows, strict=True)
    ]
    half = len(pairs) // 2
    return pairs[:half], pairs[half:], json.dumps(session_ids)


def _bare(
    url: str, people: list[tuple[str, str]], sessions: list[str], clients: int
) -> tuple[float, float]:
    """Bookings per second of the bare two statements with ``clients`` connections at once,
    and the CPU milliseconds their PostgreSQL backends spent per booking."""
    import psycopg

    url = _libpq(url)
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT b.id FROM tenant_bench.registration_beneficiary b "
            "WHERE b.reference_id = ANY(%s)",
            ([ref for _, ref in people],),
        ).fetchall()
        session_pks = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM tenant_bench.scheduling_session WHERE session_id::text = ANY(%s)",
                (sessions,),
            ).fetchall()
        ]
    work = [(row[0], session_pks[i % len(session_pks)]) for i, row in enumerate(rows)]
    results: Counter[str] = Counter()
    lock = threading.Lock()

    backend_cpu: list[float] = []

    def client(chunk: list[tuple[int, int]]) -> None:
        done = Counter()
        with psycopg.connect(url, options="-c search_path=tenant_bench") as conn:
            backend = conn.info.backend_pid
            for beneficiary_id, session_pk in chunk:
                with conn.transaction():
                    seat = conn.execute(
                        "UPDATE scheduling_sessioncapacity SET booked = booked + 1 "
                        "WHERE session_id = %s AND dose_number IN (0, 1) AND booked < capacity "
                        "RETURNING id",
                        (session_pk,),
                    ).fetchone()
                    if seat is None:
                        done["full"] += 1
                        continue
                    conn.execute(
                        "INSERT INTO scheduling_appointment (appointment_id, beneficiary_id, "
                        "session_id, capacity_id, dose_number, slot, status, security_code, "
                        "reschedules, created_at, updated_at) VALUES (gen_random_uuid(), %s, %s, "
                        "%s, 1, '', 'booked', '1234', 0, now(), now())",
                        (beneficiary_id, session_pk, seat[0]),
                    )
                done["ok"] += 1
            cpu = _cpu_seconds([backend], children=False)
        with lock:
            results.update(done)
            backend_cpu.append(cpu)

    started = time.perf_counter()
    _run_threads(client, work, clients)
    elapsed = time.perf_counter() - started
    assert results["full"] == 0, results
    return results["ok"] / elapsed, 1000 * sum(backend_cpu) / results["ok"]


def _reset_bookings(url: str) -> None:
    import psycopg

    url = _libpq(url)
    with psycopg.connect(url, options="-c search_path=tenant_bench") as conn:
        conn.execute("DELETE FROM scheduling_appointment")
        conn.execute("UPDATE scheduling_sessioncapacity SET booked = 0")


def _run_threads(target, work: list, clients: int) -> None:
    chunks = [work[i::clients] for i in range(clients)]
    threads = [threading.Thread(target=target, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_server(env: dict[str, str], port: int, workers: int, threads: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "vaxkit.platform.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--keep-alive",
            "30",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz", headers={"Host": HOST})
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start")


class _KeepAlive:
    """A minimal HTTP/1.1 keep-alive client: the clients share this machine's two cores with
    the server and the database, so they must cost as little as possible (http.client's header
    parsing costs about as much CPU as the server's whole booking)."""

    def __init__(self, host: str, port: int) -> None:
        self.sock = socket.create_connection((host, port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""

    def __enter__(self) -> _KeepAlive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.sock.close()

    def post(self, path: str, body: bytes, token: str) -> tuple[int, bytes]:
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
            f"Authorization: Bearer {token}\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        self.sock.sendall(head.encode() + body)
        while b"\r\n\r\n" not in self.buffer:
            self._read()
        header, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        status = int(header[9:12])
        length = 0
        for line in header.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        while len(self.buffer) < length:
            self._read()
        answer, self.buffer = self.buffer[:length], self.buffer[length:]
        return status, answer

    def _read(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        self.buffer += chunk


def _cpu_seconds(pids: list[int], *, children: bool = True, part: str = "both") -> float:
    """CPU seconds of processes (and their children): ``user``, ``system`` or ``both``."""
    import psutil

    total = 0.0
    procs = []
    for pid in pids:
        try:
            parent = psutil.Process(pid)
            procs += [parent, *(parent.children(recursive=True) if children else [])]
        except psutil.NoSuchProcess:
            continue
    for proc in procs:
        try:
            times = proc.cpu_times()
            total += {"user": times.user, "system": times.system}.get(
                part, times.user + times.system
            )
        except psutil.NoSuchProcess:
            continue
    return total


def _backends_cpu(url: str) -> float:
    """CPU of the PostgreSQL backends serving the benchmark database (the server's
    persistent connections), not of anything else on the machine."""
    import psycopg

    with psycopg.connect(_libpq(url)) as conn:
        pids = [
            row[0]
            for row in conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (BENCH_DB,),
            )
        ]
    return _cpu_seconds(pids, children=False)


def _cpu_now(server_pid: int, url: str) -> tuple[float, float, float, float]:
    """CPU seconds so far of the server, of this process (the clients), of the backends, and
    the server's time in the kernel (system calls)."""
    return (
        _cpu_seconds([server_pid]),
        _cpu_seconds([os.getpid()], children=False),
        _backends_cpu(url),
        _cpu_seconds([server_pid], part="system"),
    )


def _http(
    port: int, people: list[tuple[str, str]], sessions: list[str], clients: int
) -> tuple[float, Counter[str]]:
    results: Counter[str] = Counter()
    lock = threading.Lock()
    work = [(token, ref, sessions[i % len(sessions)]) for i, (token, ref) in enumerate(people)]

    def client(chunk: list[tuple[str, str, str]]) -> None:
        done: Counter[str] = Counter()
        with _KeepAlive("127.0.0.1", port) as conn:
            for token, ref, session_id in chunk:
                status, answer = conn.post(
                    "/booking/v1/appointments",
                    json.dumps({"beneficiary": ref, "session_id": session_id}).encode(),
                    token,
                )
                done["ok" if status == 201 else json.loads(answer)["error"]["code"]] += 1
        with lock:
            results.update(done)

    started = time.perf_counter()
    _run_threads(client, work, clients)
    return results["ok"] / (time.perf_counter() - started), results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bookings", type=int, default=6000, help="Bookings per run.")
    parser.add_argument("--clients", type=int, default=16, help="Concurrent clients.")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes.")
    parser.add_argument("--threads", type=int, default=4, help="Threads per worker.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="vaxkit-bench-") as tmp:
        tmp_path = Path(tmp)
        url = _database_url(tmp_path)
        env = _environment(url, tmp_path)
        (tmp_path / "static").mkdir()
        os.environ.update(env)
        print(f"Preparing {2 * args.bookings} people and {SESSIONS} sessions ...", flush=True)
        bare_people, http_people, sessions_json = _prepare(2 * args.bookings)
        sessions = json.loads(sessions_json)
        from django.db import connections

        connections.close_all()

        bare, bare_pg = _bare(url, bare_people, sessions, args.clients)
        _reset_bookings(url)
        port = _free_port()
        server = _start_server(env, port, args.workers, args.threads)
        try:
            _http(port, bare_people[: args.clients * 20], sessions, args.clients)  # warm-up
            _reset_bookings(url)
            before = _cpu_now(server.pid, url)
            rate, outcomes = _http(port, http_people, sessions, args.clients)
            after = _cpu_now(server.pid, url)
        finally:
            server.terminate()
            server.wait(timeout=20)
        _check_counts(url, outcomes["ok"])
        print(f"bare conditional UPDATE + INSERT : {bare:8.0f} bookings/s ({args.clients} clients)")
        print(
            f"HTTP booking endpoint (gunicorn)  : {rate:8.0f} bookings/s "
            f"({args.workers} workers x {args.threads} threads, {args.clients} clients)"
        )
        print(f"ratio HTTP / bare                 : {rate / bare:8.1%}")
        print(f"outcomes: {dict(outcomes)}")
        per = [1000 * (b - a) / max(outcomes["ok"], 1) for a, b in zip(before, after, strict=True)]
        print(
            f"CPU per booking: server {per[0]:.2f} ms ({per[3]:.2f} in the kernel), "
            f"clients {per[1]:.2f} ms, "
            f"PostgreSQL {per[2]:.2f} ms (bare: {bare_pg:.2f} ms)"
        )
        import psycopg

        admin = _libpq(urlunsplit(urlsplit(url)._replace(path="/postgres")))
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')


def _check_counts(url: str, ok: int) -> None:
    import psycopg

    url = _libpq(url)
    with psycopg.connect(url, options="-c search_path=tenant_bench") as conn:
        appointments = conn.execute("SELECT count(*) FROM scheduling_appointment").fetchone()[0]
        booked = conn.execute("SELECT sum(booked) FROM scheduling_sessioncapacity").fetchone()[0]
        over = conn.execute(
            "SELECT count(*) FROM scheduling_sessioncapacity WHERE booked > capacity"
        ).fetchone()[0]
    assert appointments == booked == ok and over == 0, (appointments, booked, ok, over)
    print(
        f"checked: {appointments} appointments = {booked} seats taken = {ok} answers 201, "
        "no session over capacity"
    )


if __name__ == "__main__":
    main()
