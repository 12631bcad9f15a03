"""Jinja filters for ``template/`` (listed in its ``cookiecutter.json`` under ``_extensions``).

``cookiecutter.json`` uses the lenient ones to offer defaults before the profile has been checked;
the template's files use ``vaxkit_deployment`` to get the typed
:class:`~vaxkit.generator.context.DeploymentContext`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from jinja2 import Environment
from jinja2.ext import Extension

from vaxkit.generator.context import (
    DeploymentContext,
    default_slug,
    default_vaxkit_source,
    deployment_context,
    readme_language,
)


def _abspath(value: str) -> str:
    # Answers are given relative to where cookiecutter was started; files are rendered from the
    # template's folder, so the path is made absolute while the prompt's directory is current.
    return str(Path(value).expanduser().resolve())


def _template_dir(repo_dir: str) -> str:
    # `_repo_dir` is as the user typed it (often relative); cookiecutter renders hook scripts
    # from inside the template folder, so the current directory is the template then.
    path = Path(repo_dir)
    return str(path if path.is_absolute() else Path.cwd())


def _deployment(cookiecutter: Mapping[str, str]) -> DeploymentContext:
    return deployment_context(cookiecutter)


def _default_source(_profile: str) -> str:
    return default_vaxkit_source()


class GeneratorExtension(Extension):
    """Adds the ``vaxkit_*`` filters."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters.update(
            vaxkit_abspath=_abspath,
            vaxkit_default_slug=default_slug,
            vaxkit_default_source=_default_source,
            vaxkit_readme_language=readme_language,
            vaxkit_deployment=_deployment,
            vaxkit_template_dir=_template_dir,
        )
