"""examples/ holds the reference country as the current template bakes it; fails when stale."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

from vaxkit.generator.bake import bake
from vaxkit.generator.record import BASE_DIR, RECORD_FILE, project_files

from .conftest import DEMO_PROFILE, REPO

EXAMPLE = REPO / "examples" / "xx-vaccination"
REFRESH = (
    "examples/xx-vaccination is stale; refresh it with\n"
    "  rm -rf examples/xx-vaccination && python3 cli.py new country_profiles/xx-demo.yaml "
    "-o examples --vaxkit-source ../.. --no-input"
)


def _tree(root: Path) -> list[str]:
    return [*project_files(root), *(f"{BASE_DIR}/{n}" for n in project_files(root / BASE_DIR))]


def _record(root: Path) -> dict:
    record = json.loads((root / RECORD_FILE).read_text())
    record["template"]["commit"] = None  # changes with every commit of the repository
    return record


def test_the_example_deployment_is_what_the_template_makes_today(tmp_path):
    fresh = bake(DEMO_PROFILE, tmp_path, vaxkit_source="../..").project_dir
    assert _tree(EXAMPLE) == _tree(fresh), REFRESH
    different = [
        name
        for name in _tree(fresh)
        if not filecmp.cmp(EXAMPLE / name, fresh / name, shallow=False)
    ]
    assert different == [], REFRESH
    assert _record(EXAMPLE) == _record(fresh), REFRESH
