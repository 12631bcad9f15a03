"""What the template needs to know about a deployment, derived from the profile and three answers.

The cookiecutter template asks for the profile (and offers a folder name and a vaxkit source with
defaults); everything else the files need comes from :func:`deployment_context`, which the
template's Jinja extension calls. Keeping the derivation here, typed and unit-tested, keeps the
template free of logic and the hooks a few lines long.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import yaml

import vaxkit
from vaxkit.generator.errors import GeneratorError
from vaxkit.generator.readme_texts import ReadmeText, readme_text
from vaxkit.profiles.issues import ProfileError
from vaxkit.profiles.loader import LoadedProfile, load_profile_detailed
from vaxkit.profiles.schema import Profile

SLUG = re.compile(r"^[a-z][a-z0-9-]{0,38}[a-z0-9]$")
"""Folder, compose project and Kubernetes name prefix: a DNS label with room for ``-worker``."""

CHECKOUT_ROOT = Path(vaxkit.__file__).resolve().parent.parent
PYTHON_VERSION = "3.11"


@dataclass(frozen=True)
class DeploymentContext:
    """Everything the template renders, for one deployment."""

    slug: str
    profile: Profile
    profile_text: str
    """The text written to the project's ``profile.yaml`` (self-contained: no ``extends:``)."""
    profile_origin: str
    """File name of the profile the project was generated from."""
    logo_source: Path | None
    logo_target: str | None
    """Where the logo goes in the project, relative to its root (POSIX separators)."""
    readme: ReadmeText
    """README text in the country's main language (``readme.language``), if it is not English."""
    vaxkit_source: str
    vaxkit_requirement: str
    """The line of ``requirements.txt`` that installs vaxkit."""
    vaxkit_version: str = vaxkit.__version__
    python_version: str = PYTHON_VERSION

    @property
    def tenant_code(self) -> str:
        return self.profile.code

    @property
    def schema_name(self) -> str:
        """The PostgreSQL schema of the tenant (as the platform names it)."""
        return "tenant_" + self.tenant_code.replace("-", "_")

    @property
    def country_name(self) -> str:
        return self.profile.text(self.profile.country.names, "en")

    @property
    def jurisdiction_name(self) -> str:
        """The state's name for a state profile, else the country's (in English)."""
        if self.profile.jurisdiction:
            return self.profile.text(self.profile.jurisdiction.names, "en")
        return self.country_name

    @property
    def platform_name(self) -> str:
        return self.profile.text(self.profile.branding.platform_name, "en")

    @property
    def ministry(self) -> str:
        return self.profile.text(self.profile.branding.ministry, "en")

    @property
    def domain(self) -> str:
        """Public host name, from the certificate issuer URL (``vaccination.demoland.example``)."""
        return urlsplit(self.profile.certificates.issuer_url).hostname or f"{self.slug}.example"

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.profile.languages.supported)

    @property
    def time_zone(self) -> str:
        return self.profile.country.time_zone


def deployment_context(answers: Mapping[str, str]) -> DeploymentContext:
    """Derive the context from cookiecutter's answers.

    ``answers`` holds ``__profile_path`` (absolute; falls back to ``profile``), ``project_slug``
    and ``__vaxkit_source``. Raises :class:`GeneratorError` (``generator.profile_invalid`` with the
    validator's messages, ``generator.slug_invalid``).
    """
    path = Path(answers.get("__profile_path") or answers["profile"]).expanduser().resolve()
    slug = str(answers.get("project_slug") or default_slug(path))
    source = str(answers.get("__vaxkit_source") or default_vaxkit_source())
    return _cached_context(path, _stamp(path), slug, source)


@functools.lru_cache(maxsize=16)
def _cached_context(path: Path, stamp: int, slug: str, source: str) -> DeploymentContext:
    del stamp  # part of the cache key only: an edited profile is read again
    check_slug(slug)
    loaded = load_checked_profile(path)
    text, logo_source, logo_target = project_profile_files(loaded)
    return DeploymentContext(
        slug=slug,
        profile=loaded.profile,
        profile_text=text,
        profile_origin=path.name,
        logo_source=logo_source,
        logo_target=logo_target,
        readme=readme_text(main_language(loaded.profile)),
        vaxkit_source=source,
        vaxkit_requirement=vaxkit_requirement(source),
    )


def load_checked_profile(path: str | Path) -> LoadedProfile:
    """Load a profile; an invalid one becomes ``generator.profile_invalid`` with every issue."""
    try:
        return _load(Path(path).expanduser().resolve(), _stamp(path))
    except ProfileError as exc:
        raise GeneratorError("generator.profile_invalid", exc.format()) from None


def _stamp(path: str | Path) -> int:
    try:
        return Path(path).stat().st_mtime_ns
    except OSError:
        return 0


@functools.lru_cache(maxsize=16)
def _load(path: Path, stamp: int) -> LoadedProfile:
    # One bake asks for the same profile several times (defaults, checks, every file).
    del stamp  # part of the cache key only
    return load_profile_detailed(path)


def check_slug(slug: str) -> str:
    """Return ``slug`` if it can name the folder, the compose project and Kubernetes objects."""
    if not SLUG.match(slug):
        raise GeneratorError(
            "generator.slug_invalid",
            f"'{slug}' cannot name a deployment: use 2 to 40 lowercase letters, digits and '-', "
            "starting with a letter and not ending with '-' (e.g. 'xx-vaccination').",
        )
    return slug


def default_slug(profile_path: str | Path) -> str:
    """``<tenant code>-vaccination``; from the file name when the profile does not load.

    It never raises: it supplies a default answer before the profile has been validated (the
    pre-generation hook reports an invalid profile properly).
    """
    path = Path(profile_path)
    try:
        code = load_checked_profile(path).profile.code
    except (GeneratorError, OSError):
        code = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "country"
    if not code[0].isalpha():
        code = f"x{code}"
    return f"{code}-vaccination"[:40].rstrip("-")


def main_language(profile: Profile) -> str | None:
    """The country's main language other than English (the second README), if any."""
    if profile.languages.default != "en":
        return profile.languages.default
    return next((lang for lang in profile.languages.supported if lang != "en"), None)


def readme_language(profile_path: str | Path) -> str:
    """Language code of the second README, or ``""`` (also when the profile does not load)."""
    try:
        return main_language(load_checked_profile(profile_path).profile) or ""
    except (GeneratorError, OSError):
        return ""


def default_vaxkit_source() -> str:
    """This checkout's folder when vaxkit runs from a source checkout, else the release."""
    if (CHECKOUT_ROOT / "setup.cfg").is_file() and (CHECKOUT_ROOT / "template").is_dir():
        return str(CHECKOUT_ROOT)
    return f"vaxkit=={vaxkit.__version__}"


def vaxkit_requirement(source: str) -> str:
    """A ``requirements.txt`` line: a folder is installed editable, anything else verbatim.

    Folders may be relative to the generated project (``../..``) so that a project kept inside a
    checkout stays valid wherever the checkout is cloned.
    """
    source = source.strip()
    if _is_path(source):
        return f"-e {source}"
    if not source or any(c.isspace() for c in source):
        raise GeneratorError(
            "generator.source_invalid",
            f"'{source}' is not a vaxkit source: give a folder, a requirement such as "
            "'vaxkit==0.1.0', or a URL such as 'git+https://host/vaxkit.git@v0.1.0'.",
        )
    return source


def _is_path(source: str) -> bool:
    return (
        source.startswith(("/", "./", "../", "~", "\\"))
        or source in (".", "..")
        or bool(re.match(r"^[A-Za-z]:[\\/]", source))
    )


def project_profile_files(loaded: LoadedProfile) -> tuple[str, Path | None, str | None]:
    """The project's ``profile.yaml`` text, and the logo to copy (source file, target path).

    A profile is kept exactly as written (comments included) when it stands alone and its logo
    sits below its folder. A profile that ``extends:`` another, or whose logo lies elsewhere, is
    written merged, with the logo moved to ``branding/``, so the project depends on no outside
    file.
    """
    assert loaded.path is not None
    text = loaded.path.read_text(encoding="utf-8")
    logo = loaded.profile.branding.logo
    logo_source = (loaded.path.parent / logo).resolve() if logo else None
    logo_target = logo
    if logo:
        relative = PurePosixPath(logo.replace("\\", "/"))
        if relative.is_absolute() or ".." in relative.parts:
            logo_target = f"branding/{relative.name}"
    raw = yaml.safe_load(text)
    extends = isinstance(raw, dict) and "extends" in raw
    if extends or logo_target != logo:
        data = dict(loaded.data)
        if logo_target:
            data["branding"] = {**data["branding"], "logo": logo_target}
        header = (
            f"# Profile of this deployment, merged from {loaded.path.name} when it was generated.\n"
            "# Edit it here; `vaxkit profile validate profile.yaml` checks it.\n"
        )
        text = header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return text, logo_source, logo_target
