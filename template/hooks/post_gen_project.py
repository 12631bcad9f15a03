"""Copy the logo and record the answers and the render that `vaxkit upgrade` merges against."""

# ruff: noqa: F821 - the names in double braces are Jinja, rendered before the hook runs

from vaxkit.generator.hooks import post_generate

post_generate(
    {{cookiecutter | jsonify | tojson}},
    template_dir={{cookiecutter._repo_dir | vaxkit_template_dir | tojson}},
)
