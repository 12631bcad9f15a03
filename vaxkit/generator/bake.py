"""``vaxkit new``: check the profile, then render ``template/`` with cookiecutter."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cookiecutter.exceptions import CookiecutterException, FailedHookException
from cookiecutter.main import cookiecutter

from vaxkit.generator.context import (
    CHECKOUT_ROOT,
    check_slug,
    default_slug,
    default_vaxkit_source,
    load_checked_profile,
    vaxkit_requirement,
)
from vaxkit.generator.errors import GeneratorError
from vaxkit.generator.record import project_files

TEMPLATE_ENV = "VAXKIT_TEMPLATE_DIR"

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BakeResult:
    project_dir: Path
    files: int
    seconds: float


def template_dir(explicit: str | Path | None = None) -> Path:
    """The cookiecutter template: ``explicit``, else ``$VAXKIT_TEMPLATE_DIR``, else the checkout's.

    Raises ``generator.template_missing`` when there is none (an installed wheel without a
    checkout).
    """
    chosen = explicit or os.environ.get(TEMPLATE_ENV) or CHECKOUT_ROOT / "template"
    path = Path(chosen).expanduser().resolve()
    if not (path / "cookiecutter.json").is_file():
        raise GeneratorError(
            "generator.template_missing",
            f"no cookiecutter template at {path} (cookiecutter.json missing); run vaxkit from a "
            f"source checkout or point {TEMPLATE_ENV} at its template/ folder.",
        )
    return path


def bake(
    profile: str | Path,
    output_dir: str | Path = ".",
    *,
    slug: str | None = None,
    vaxkit_source: str | None = None,
    template: str | Path | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> BakeResult:
    """Generate the deployment for ``profile`` in ``output_dir/<slug>``.

    The profile is validated first: an invalid one raises :class:`GeneratorError`
    (``generator.profile_invalid``, the validator's messages) before anything is written, as do
    a bad slug (``generator.slug_invalid``), an existing folder (``generator.exists``) and a
    failing template (``generator.render_failed``).
    """
    say = progress or (lambda _message: None)
    started = time.perf_counter()
    profile_path = Path(profile).expanduser().resolve()
    say(f"checking profile {profile}")
    load_checked_profile(profile_path)
    slug = check_slug(slug or default_slug(profile_path))
    source = vaxkit_source or default_vaxkit_source()
    vaxkit_requirement(source)  # rejects an unusable source before rendering
    out = Path(output_dir).expanduser().resolve()
    target = out / slug
    if target.exists() and not overwrite:
        raise GeneratorError(
            "generator.exists", f"{target} exists already; choose another --name or folder."
        )
    say(f"rendering template into {target}")
    render(
        profile_path, out, slug=slug, vaxkit_source=source, template=template, overwrite=overwrite
    )
    files = sum(1 for _ in project_files(target))
    seconds = time.perf_counter() - started
    say(f"wrote {files} files in {seconds:.2f} s")
    return BakeResult(target, files, seconds)


def render(
    profile_path: Path,
    output_dir: Path,
    *,
    slug: str,
    vaxkit_source: str,
    template: str | Path | None = None,
    overwrite: bool = False,
) -> Path:
    """Run cookiecutter without questions (hooks included) and return the project folder."""
    with tempfile.TemporaryDirectory(prefix="vaxkit-cookiecutter-") as scratch:
        try:
            result = cookiecutter(
                str(template_dir(template)),
                no_input=True,
                output_dir=str(output_dir),
                overwrite_if_exists=overwrite,
                extra_context={
                    "profile": str(profile_path),
                    "project_slug": slug,
                    "__vaxkit_source": vaxkit_source,
                },
                # keep cookiecutter's replay files and clones out of the user's home
                default_config={"replay_dir": scratch, "cookiecutters_dir": scratch},
            )
        except FailedHookException as exc:
            raise GeneratorError(
                "generator.render_failed",
                f"the template's hook refused the answers ({exc}); nothing was written.",
            ) from None
        except CookiecutterException as exc:
            raise GeneratorError("generator.render_failed", f"cookiecutter failed: {exc}") from None
    return Path(result)
