"""What the template's hooks do; each hook is a few lines that call one function here.

Hooks run in a separate Python process inside the new project's folder, with the answers
rendered into their source as JSON.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import vaxkit
from vaxkit.generator.context import deployment_context
from vaxkit.generator.errors import GeneratorError
from vaxkit.generator.record import (
    Answers,
    Record,
    snapshot_base,
    template_commit,
    template_hash,
    write_record,
)


def pre_generate(answers_json: str) -> int:
    """Check the answers before anything is written; print why not and return 1 if they fail.

    Cookiecutter then raises ``FailedHookException`` and removes the half-made folder.
    """
    try:
        deployment_context(json.loads(answers_json))
    except GeneratorError as exc:
        print(f"vaxkit: cannot generate the deployment [{exc.code}]\n{exc}", file=sys.stderr)
        return 1
    return 0


def post_generate(answers_json: str, template_dir: str, project_dir: Path | None = None) -> None:
    """Finish a render: copy the logo, then record the answers and the pristine render.

    ``template_dir`` is the template's absolute path (for its hash and commit); the project is
    the current directory unless ``project_dir`` is given.
    """
    answers = json.loads(answers_json)
    project = (project_dir or Path.cwd()).resolve()
    context = deployment_context(answers)
    if context.logo_source and context.logo_target:
        target = project / context.logo_target
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(context.logo_source, target)
    record = Record(
        vaxkit_version=vaxkit.__version__,
        template_hash=template_hash(Path(template_dir)),
        template_commit=template_commit(Path(template_dir)),
        answers=Answers(
            project_slug=context.slug,
            vaxkit_source=context.vaxkit_source,
            profile_origin=context.profile_origin,
        ),
    )
    snapshot_base(project)
    write_record(project, record)
