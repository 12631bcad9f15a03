"""Stop before anything is written when the profile or the answers are not valid."""

# ruff: noqa: F821 - the names in double braces are Jinja, rendered before the hook runs

import sys

from vaxkit.generator.hooks import pre_generate

sys.exit(pre_generate({{cookiecutter | jsonify | tojson}}))
