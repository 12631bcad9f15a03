"""Bake a national deployment from a country profile, and upgrade it later (Django-free).

``vaxkit new`` and plain ``cookiecutter <checkout> --directory template`` both drive ``template/``;
the template's hooks and Jinja extension call the typed functions of this package. Entry points:
:func:`vaxkit.generator.bake.bake`, :func:`vaxkit.generator.upgrade.upgrade`,
:func:`vaxkit.generator.context.deployment_context`; errors are
:class:`vaxkit.generator.errors.GeneratorError`. See ``docs/adr/0006-generator-upgrades.md``.

Nothing is imported here, so that the template's hooks (separate processes) load only what they
use.
"""
