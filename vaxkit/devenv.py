"""Prepare a checkout's virtual environment before the CLI runs (standard library only).

``python3 cli.py ...`` on a fresh clone creates ``.venv``, installs vaxkit with its ``dev`` extra
into it, and re-runs itself there. A stamp holding the hash of ``setup.cfg`` makes the step
idempotent: it is repeated only when the dependencies change.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

SKIP_ENV = "VAXKIT_NO_BOOTSTRAP"


def _venv_python(root: Path) -> Path:
    if os.name == "nt":
        return root / ".venv" / "Scripts" / "python.exe"
    return root / ".venv" / "bin" / "python"


def _stamp(root: Path) -> str:
    digest = hashlib.sha256()
    for name in ("setup.cfg", "pyproject.toml"):
        path = root / name
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _in_venv(root: Path) -> bool:
    return Path(sys.prefix).resolve() == (root / ".venv").resolve()


def ensure(root: Path, argv: list[str]) -> None:
    """Make sure ``root/.venv`` is current and re-execute ``argv`` inside it if needed."""
    if os.environ.get(SKIP_ENV):
        return
    if sys.version_info < (3, 11):  # noqa: UP036 - this module runs before the version is known
        sys.exit("vaxkit needs Python 3.11 or newer; run this command with python3.11 or later.")
    python = _venv_python(root)
    stamp_file = root / ".venv" / ".vaxkit-stamp"
    wanted = _stamp(root)
    current = stamp_file.read_text() if stamp_file.exists() else ""
    if current != wanted:
        if not python.exists():
            print("vaxkit: creating .venv (first run only) ...", file=sys.stderr, flush=True)
            venv.EnvBuilder(with_pip=True).create(root / ".venv")
        print("vaxkit: installing dependencies into .venv ...", file=sys.stderr, flush=True)
        pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        subprocess.run([*pip, "--upgrade", "pip"], check=True)  # noqa: S603
        subprocess.run([*pip, "-e", f"{root}[dev]"], check=True)  # noqa: S603
        stamp_file.write_text(wanted)
    if not _in_venv(root):
        os.execv(str(python), [str(python), *argv])  # noqa: S606
