"""Generator tests: bake the template for real, then check what comes out."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from vaxkit.generator.bake import bake

REPO = Path(__file__).resolve().parents[2]
PROFILES_DIR = REPO / "country_profiles"
DEMO_PROFILE = PROFILES_DIR / "xx-demo.yaml"
TEMPLATE = REPO / "template"


def all_profiles() -> list[Path]:
    return sorted(PROFILES_DIR.glob("*.yaml"))


def project_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """Environment for a baked project's own commands: its settings, not the caller's."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["VAXKIT_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def run_in(project: Path, argv: list[str], env: dict[str, str], timeout: int = 300):
    """Run ``python argv...`` inside ``project`` with this interpreter (vaxkit installed)."""
    return subprocess.run(
        [sys.executable, *argv],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="session")
def baked_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference country baked once per session (read-only for tests)."""
    out = tmp_path_factory.mktemp("baked-demo")
    return bake(DEMO_PROFILE, out, vaxkit_source=str(REPO)).project_dir
