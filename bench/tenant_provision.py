"""Benchmark: seconds to provision a tenant (schema, migrations, seeds from the profile).

Provisions each profile given (default: the five demo countries) under fresh codes in a scratch
database, and prints the time of each with the median against the one-second target. Run:

    .venv/bin/python bench/tenant_provision.py [--rounds 2] [PROFILE ...]

Uses ``DATABASE_URL`` when set (a database ``vaxkit_bench_tenants`` next to it is created and
dropped), else an embedded PostgreSQL in a temporary directory.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DB = "vaxkit_bench_tenants"
DEFAULT = ["xx-demo.yaml", "in.yaml", "vn.yaml", "pe.yaml", "ae.yaml"]
TARGET_SECONDS = 1.0


def _database(tmp: Path) -> str:
    import psycopg

    from vaxkit.platform.database import start_embedded

    url = os.environ.get("DATABASE_URL")
    if not url:
        url = start_embedded(tmp / "pgdata", databases=("postgres",)).url("postgres")
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB}"')
    return urlunsplit(urlsplit(url)._replace(path=f"/{DB}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("profiles", nargs="*", help="Profile files (default: the demo five).")
    parser.add_argument("--rounds", type=int, default=2, help="Tenants per profile.")
    args = parser.parse_args()
    paths = [Path(p) for p in args.profiles] or [ROOT / "country_profiles" / n for n in DEFAULT]

    with tempfile.TemporaryDirectory(prefix="vaxkit-bench-") as tmp:
        url = _database(Path(tmp))
        os.environ.update(
            {
                "DATABASE_URL": url,
                "DJANGO_SETTINGS_MODULE": "vaxkit.platform.settings.local",
                "VAXKIT_DATA_DIR": tmp,
            }
        )
        import django

        django.setup()
        from django.core.management import call_command

        from vaxkit.platform.actors import System
        from vaxkit.platform.tenants.provisioning import provision_tenant

        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        timings: list[float] = []
        for round_ in range(args.rounds):
            for path in paths:
                code = f"b{round_}{path.stem.replace('-', '')[:10]}"
                started = time.perf_counter()
                result = provision_tenant(
                    path, [f"{code}.bench.localhost"], actor=System("bench"), code=code
                )
                elapsed = time.perf_counter() - started
                timings.append(elapsed)
                seeded = result.seeded
                print(
                    f"{path.name:<14} {elapsed:6.3f} s  ({seeded.areas} areas, "
                    f"{seeded.vaccines} vaccines, {seeded.id_types} ID types, "
                    f"{seeded.cohorts} cohorts)",
                    flush=True,
                )
        from django.db import connections

        connections.close_all()
        median = statistics.median(timings)
        print(
            f"median {median:.3f} s, min {min(timings):.3f} s, max {max(timings):.3f} s "
            f"over {len(timings)} tenants; {median / TARGET_SECONDS:.0%} of the "
            f"{TARGET_SECONDS:g} s target"
        )
        import psycopg

        admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')


if __name__ == "__main__":
    main()
