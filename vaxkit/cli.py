"""The ``vaxkit`` command. Each area registers its own group from ``vaxkit.commands``."""

from __future__ import annotations

import importlib

import click

from vaxkit import __version__

# Modules under vaxkit.commands, each exposing ``commands``: a list of click commands or groups.
COMMAND_MODULES = (
    "profile",
    "identity",
    "eligibility",
    "certificates",
    "tenant_certificates",
    "platform",
    "generator",
    "i18n",
    "devtools",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="vaxkit")
def cli() -> None:
    """vaxkit: build, run and demonstrate national vaccination platforms."""


HELP_OPTIONS = ["-h", "--help"]


def _with_short_help(command: click.Command) -> None:
    """``-h`` on every command, also when one is invoked on its own (tests, the docs generator):
    click caches a command's help option the first time it is built."""
    command.context_settings.setdefault("help_option_names", HELP_OPTIONS)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _with_short_help(sub)


def _register() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"vaxkit.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"vaxkit.commands.{name}":
                continue  # area not present in this build
            raise
        for command in module.commands:
            _with_short_help(command)
            cli.add_command(command)


_register()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="vaxkit")
