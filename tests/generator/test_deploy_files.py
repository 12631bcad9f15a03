"""Deployment files: compose against the Compose Specification, Kubernetes against its schemas."""

from __future__ import annotations

import re

import kubernetes_validate
import pytest
import yaml

from .deploy_checks import (
    build_kustomization,
    compose_errors,
    compose_variables,
    merge_compose,
)

KUBERNETES_VERSIONS = ("1.27", kubernetes_validate.latest_version())


def _env_example_names(project) -> set[str]:
    return {
        line.split("=", 1)[0]
        for line in (project / ".env.example").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    }


def test_compose_file_matches_the_compose_specification(baked_demo):
    document = yaml.safe_load((baked_demo / "deploy" / "compose.yaml").read_text())
    assert compose_errors(document) == []
    services = document["services"]
    assert set(services) == {"migrate", "web", "worker", "postgres", "redis", "proxy"}
    assert services["web"]["command"][0] == "gunicorn"
    assert services["worker"]["command"][:3] == ["celery", "-A", "config.celery_app"]
    assert int(services["postgres"]["image"].split(":")[1]) >= 15
    assert services["proxy"]["image"].startswith("caddy:")
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_the_schema_check_catches_mistakes(baked_demo):
    document = yaml.safe_load((baked_demo / "deploy" / "compose.yaml").read_text())
    document["services"]["web"]["depends_on"]["migrate"]["condition"] = "service_done"
    document["services"]["worker"]["restart_policy"] = "always"
    errors = compose_errors(document)
    assert any("services/web/depends_on" in e for e in errors)
    assert any("restart_policy" in e for e in errors)


def test_compose_variables_are_defaulted_or_come_from_env_example(baked_demo):
    text = (baked_demo / "deploy" / "compose.yaml").read_text()
    variables = compose_variables(text)
    assert "POSTGRES_PASSWORD" in variables
    undefined = {n for n, default in variables.items() if default is None}
    assert undefined <= _env_example_names(baked_demo)


def test_citus_override_is_valid_on_its_own_and_merged(baked_demo):
    base = yaml.safe_load((baked_demo / "deploy" / "compose.yaml").read_text())
    citus_text = (baked_demo / "deploy" / "citus" / "compose.citus.yaml").read_text()
    override = yaml.safe_load(citus_text)
    assert compose_errors(override) == []
    merged = merge_compose(base, override)
    assert compose_errors(merged) == []
    coordinator = merged["services"]["postgres"]
    assert re.match(r"citusdata/citus:1[2-9]", coordinator["image"])
    assert "citus.enable_schema_based_sharding=on" in coordinator["command"]
    sql = (baked_demo / "deploy" / "citus" / "enable-schema-sharding.sql").read_text()
    assert "SET citus.enable_schema_based_sharding TO on" in sql
    assert set(compose_variables(citus_text)) <= _env_example_names(baked_demo)


@pytest.mark.parametrize("overlay", ["staging", "production"])
def test_kubernetes_overlays_render_and_validate(baked_demo, overlay):
    documents = build_kustomization(baked_demo / "deploy" / "kubernetes" / "overlays" / overlay)
    for version in KUBERNETES_VERSIONS:
        for document in documents:
            kubernetes_validate.validate(document, version, strict=True)
    kinds = {(d["kind"], d["metadata"]["name"]) for d in documents}
    namespace = "xx-vaccination" + ("-staging" if overlay == "staging" else "")
    assert ("Namespace", namespace) in kinds
    assert all(
        d["metadata"].get("namespace") == namespace for d in documents if d["kind"] != "Namespace"
    )
    assert {
        ("Deployment", "xx-vaccination-web"),
        ("Deployment", "xx-vaccination-worker"),
        ("Job", "xx-vaccination-migrate"),
        ("Ingress", "xx-vaccination"),
    } <= kinds
    images = {
        c["image"]
        for d in documents
        if d["kind"] in ("Deployment", "Job")
        for c in d["spec"]["template"]["spec"]["containers"]
        if "redis" not in c["image"]
    }
    assert images == {"registry.example.org/xx-vaccination:0.1.0"}


def test_web_and_workers_scale_separately_with_health_probes(baked_demo):
    documents = build_kustomization(
        baked_demo / "deploy" / "kubernetes" / "overlays" / "production"
    )
    by_name = {(d["kind"], d["metadata"]["name"]): d for d in documents}
    web = by_name[("Deployment", "xx-vaccination-web")]
    worker = by_name[("Deployment", "xx-vaccination-worker")]
    assert (web["spec"]["replicas"], worker["spec"]["replicas"]) == (3, 2)
    container = web["spec"]["template"]["spec"]["containers"][0]
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == "/healthz"
    targets = {
        d["spec"]["scaleTargetRef"]["name"]
        for d in documents
        if d["kind"] == "HorizontalPodAutoscaler"
    }
    assert targets == {"xx-vaccination-web", "xx-vaccination-worker"}


def test_secrets_come_from_the_cluster_never_from_the_manifests(baked_demo):
    documents = build_kustomization(
        baked_demo / "deploy" / "kubernetes" / "overlays" / "production"
    )
    assert not [d for d in documents if d["kind"] == "Secret"]
    for document in documents:
        if (
            document["kind"] in ("Deployment", "Job")
            and "redis" not in document["metadata"]["name"]
        ):
            container = document["spec"]["template"]["spec"]["containers"][0]
            sources = [s.get("secretRef", {}).get("name") for s in container["envFrom"]]
            assert "xx-vaccination-secrets" in sources
            assert not container.get("env")
    config = next(d for d in documents if d["kind"] == "ConfigMap")
    secret_like = re.compile(r"(_KEY|PASSWORD|TOKEN|PASSPHRASE|DATABASE_URL)$")
    assert not [k for k in config["data"] if secret_like.search(k)]
    assert "VAXKIT_SIGNING_KEYS_DIR" in config["data"]  # a path, not a key


def test_the_migration_job_runs_the_schema_migrations(baked_demo):
    documents = build_kustomization(baked_demo / "deploy" / "kubernetes" / "base")
    job = next(d for d in documents if d["kind"] == "Job")
    command = " ".join(job["spec"]["template"]["spec"]["containers"][0]["command"])
    assert "run.py tenant" in command  # migrate_schemas, then the tenant
    assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"


def test_an_invalid_manifest_is_caught(baked_demo):
    documents = build_kustomization(baked_demo / "deploy" / "kubernetes" / "base")
    web = next(d for d in documents if d["kind"] == "Deployment")
    web["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["httpGet"]["port"] = [8000]
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(web, KUBERNETES_VERSIONS[-1], strict=True)
