"""The documentation site: it builds with ``mkdocs build --strict`` (broken links and anchors
fail), it loads nothing from the network, its generated pages match the code, and every
``vaxkit`` command it shows exists.
"""

from __future__ import annotations

import difflib
import importlib.util
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import click
import pytest

from vaxkit.profiles.reference import reference_markdown

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
REGENERATE = "run `python docs/generate.py` and commit the result"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_generate", DOCS / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate = _generator()


@pytest.mark.parametrize("page", sorted(generate.PAGES, key=str), ids=lambda p: p.name)
def test_generated_pages_are_current(page: Path) -> None:
    current, wanted = page.read_text(encoding="utf-8"), generate.PAGES[page]()
    diff = "\n".join(
        difflib.unified_diff(current.splitlines(), wanted.splitlines(), lineterm="", n=1)
    )
    assert current == wanted, f"{page.name}: {REGENERATE}\n{diff[:3000]}"


def test_profile_reference_is_current() -> None:
    page = DOCS / "reference" / "profile.md"
    assert page.read_text(encoding="utf-8") == reference_markdown(), (
        "run `vaxkit profile reference -o docs/reference/profile.md`"
    )


def test_cli_reference_covers_every_command() -> None:
    from vaxkit.cli import cli

    text = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    for path, _command in _command_tree(cli, ("vaxkit",)):
        assert f"`{' '.join(path)}`" in text, path


_CODE = re.compile(r"```.*?```|`[^`\n]+`", re.DOTALL)
_COMMAND = re.compile(r"(?:^|[\s`$(])(?:vaxkit|python3 cli\.py)((?: [a-z][a-z-]*(?![\w.]))+)")


def test_every_documented_command_exists() -> None:
    """A command shown in a page's code (``vaxkit profile show``) is in the real command tree:
    the longest known prefix is the command, and after a group the next word must be one of its
    subcommands."""
    from vaxkit.cli import cli

    paths = {p[1:]: c for p, c in _command_tree(cli, ("vaxkit",))}
    missing = []
    for page in sorted(DOCS.rglob("*.md")):
        # The CLI reference is checked above; ADRs are records of their time and may name
        # commands that were planned or have been renamed since.
        if page.name == "cli.md" or page.parent.name == "adr":
            continue
        code = "\n".join(_CODE.findall(page.read_text(encoding="utf-8")))
        for match in _COMMAND.finditer(code):
            words = tuple(match.group(1).split())
            n = max((n for n in range(len(words) + 1) if words[:n] in paths), default=0)
            command = paths[words[:n]]
            if n == 0 or (isinstance(command, click.Group) and n < len(words)):
                missing.append(f"{page.relative_to(ROOT)}: vaxkit {' '.join(words)}")
    assert not missing, missing


def _command_tree(
    command: click.Command, path: tuple[str, ...]
) -> list[tuple[tuple[str, ...], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None
            found += _command_tree(sub, (*path, name))
    return found


class _Loads(HTMLParser):
    """Collects what a page would load: scripts, stylesheets, images, frames."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in ("script", "img", "iframe") and values.get("src"):
            self.urls.append(values["src"])
        if tag == "link" and values.get("href"):
            self.urls.append(values["href"])


def test_site_builds_strictly_and_offline(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs", reason="mkdocs is a development dependency")
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    pages = sorted(site.rglob("*.html"))
    assert (site / "reference" / "cli" / "index.html") in pages
    assert (site / "explanation" / "architecture.svg").is_file()
    for page in pages:
        parser = _Loads()
        parser.feed(page.read_text(encoding="utf-8"))
        remote = [u for u in parser.urls if re.match(r"^(https?:)?//", u)]
        assert not remote, f"{page.relative_to(site)} loads {remote}"
