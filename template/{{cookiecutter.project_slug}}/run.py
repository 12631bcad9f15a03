{%- set vx = cookiecutter | vaxkit_deployment -%}
#!/usr/bin/env python3
"""The two commands of this deployment; needs Python {{ vx.python_version }} or newer and nothing else.

    python3 run.py           serve it on http://{{ vx.tenant_code }}.localhost:8000/ (built-in database)
    python3 run.py test      run its tests (ruff, then pytest on a real PostgreSQL)

The first run creates .venv and installs vaxkit as requirements.txt says; later runs reuse it and
reinstall only when a requirements file changes. DATABASE_URL, when set, replaces the built-in
PostgreSQL. Also: `run.py tenant [--domain HOST]` migrates the database and creates (or reloads)
the tenant from profile.yaml; `run.py manage ARGS`, `run.py vaxkit ARGS` and `run.py python ARGS`
run manage.py, vaxkit or Python inside .venv. With VAXKIT_NO_VENV=1 the current Python is used
as it is (containers, CI images).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
TENANT_CODE = "{{ vx.tenant_code }}"
LOCAL_DOMAIN = f"{TENANT_CODE}.localhost"


def no_venv() -> bool:
    return os.environ.get("VAXKIT_NO_VENV") == "1"


def venv_python() -> Path:
    if no_venv():
        return Path(sys.executable)
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def prepare(requirements: str) -> Path:
    """Create .venv and install ``requirements`` into it when they changed since last time."""
    python = venv_python()
    if no_venv():
        return python
    digest = hashlib.sha256()
    for name in ("requirements.txt", requirements):
        digest.update((ROOT / name).read_bytes())
    stamp = VENV / f".stamp-{requirements}"
    if stamp.exists() and stamp.read_text() == digest.hexdigest():
        return python
    if not python.exists():
        print("run.py: creating .venv (first run only) ...", file=sys.stderr, flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print(f"run.py: installing {requirements} into .venv ...", file=sys.stderr, flush=True)
    pip = [python, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    if call([*pip, "-r", requirements]):
        sys.exit(f"run.py: installing {requirements} failed")
    stamp.write_text(digest.hexdigest())
    return python


def environment(layer: str | None = None) -> dict[str, str]:
    """The environment with ``layer``'s settings; without one, DJANGO_SETTINGS_MODULE or local."""
    env = dict(os.environ)
    # the `vaxkit` command imports config.settings from here, like manage.py does
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if layer or "DJANGO_SETTINGS_MODULE" not in env:
        env["DJANGO_SETTINGS_MODULE"] = f"config.settings.{layer or 'local'}"
    return env


def call(argv: list[str | Path], env: dict[str, str] | None = None) -> int:
    argv = [str(a) for a in argv]
    return subprocess.run(argv, cwd=ROOT, env=env, check=False).returncode  # noqa: S603


def vaxkit_argv(args: list[str]) -> list[str | Path]:
    python = prepare("requirements.txt")
    return [python.parent / ("vaxkit.exe" if os.name == "nt" else "vaxkit"), *args]


def ensure_tenant(domain: str, env: dict[str, str]) -> int:
    """Migrate, then create the tenant from profile.yaml, or reload the profile if it exists."""
    python = prepare("requirements.txt")
    if call([python, "manage.py", "migrate_schemas", "--noinput"], env):
        return 1
    listing = subprocess.run(  # noqa: S603
        [str(a) for a in vaxkit_argv(["tenant", "list", "--json"])],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if listing.returncode:
        print(listing.stderr, file=sys.stderr)
        return 1
    if any(entry["code"] == TENANT_CODE for entry in json.loads(listing.stdout)):
        args = ["tenant", "reload-profile", TENANT_CODE, "--profile", "profile.yaml"]
    else:
        args = ["tenant", "add", "--profile", "profile.yaml", "--domain", domain]
    return call(vaxkit_argv(args), env)


def serve(port: int) -> int:
    env = environment("local")
    if ensure_tenant(LOCAL_DOMAIN, env):
        return 1
    print(f"run.py: serving http://{LOCAL_DOMAIN}:{port}/ (Ctrl-C stops)", flush=True)
    return call([prepare("requirements.txt"), "manage.py", "runserver", f"127.0.0.1:{port}"], env)


def test(pytest_args: list[str]) -> int:
    python = prepare("requirements-test.txt")
    env = environment("test")
    for step in (["ruff", "check", "."], ["ruff", "format", "--check", "."]):
        if call([python, "-m", *step], env):
            return 1
    return call([python, "-m", "pytest", *pytest_args], env)


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("serve", [])
    if command == "test":
        return test(rest)  # the rest goes to pytest as it is
    if command == "manage":
        return call([prepare("requirements.txt"), "manage.py", *rest], environment())
    if command == "vaxkit":
        return call(vaxkit_argv(rest), environment())
    if command == "python":
        return call([prepare("requirements.txt"), *rest], environment())
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="other commands: test [PYTEST ARGS], manage ARGS, vaxkit ARGS, python ARGS",
    )
    parser.add_argument("command", nargs="?", choices=["serve", "tenant"], default="serve")
    parser.add_argument("--port", type=int, default=8000, help="serve: the port")
    parser.add_argument("--domain", default=LOCAL_DOMAIN, help="tenant: its host name")
    options = parser.parse_args(argv)
    if options.command == "tenant":
        return ensure_tenant(options.domain, environment())
    return serve(options.port)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
