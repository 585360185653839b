"""Deployment files, checked offline: Kubernetes manifests against the API schemas
(kubernetes-validate), their probes, resources and routes; compose; nginx; environments."""

import re
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
KUBERNETES_VERSION = "1.30.0"


def documents() -> list[dict]:
    docs = []
    for path in sorted(K8S.glob("*.yaml")):
        docs += [doc for doc in yaml.safe_load_all(path.read_text()) if doc]
    return docs


def by_kind(kind: str) -> dict[str, dict]:
    return {doc["metadata"]["name"]: doc for doc in documents() if doc["kind"] == kind}


@pytest.mark.parametrize(
    "doc", documents(), ids=lambda doc: f"{doc['kind']}/{doc['metadata']['name']}"
)
def test_every_manifest_is_valid_kubernetes(doc):
    kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)


def test_an_invalid_manifest_is_caught():
    doc = by_kind("Deployment")["localbzz-web"]
    broken = {**doc, "spec": {**doc["spec"], "replicas": "two"}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)


def test_every_process_type_and_the_migrate_job_are_there():
    deployments = by_kind("Deployment")
    assert set(deployments) == {"localbzz-web", "localbzz-ws", "localbzz-worker", "localbzz-beat"}
    commands = {
        name: " ".join(d["spec"]["template"]["spec"]["containers"][0]["command"])
        for name, d in deployments.items()
    }
    assert commands["localbzz-web"].startswith("gunicorn")
    assert commands["localbzz-ws"].startswith("uvicorn localbzz.asgi:application")
    assert "worker" in commands["localbzz-worker"]
    assert " beat " in commands["localbzz-beat"]
    assert deployments["localbzz-beat"]["spec"]["replicas"] == 1
    assert deployments["localbzz-beat"]["spec"]["strategy"]["type"] == "Recreate"
    [job] = by_kind("Job").values()
    assert job["spec"]["template"]["spec"]["containers"][0]["command"][-2:] == [
        "migrate",
        "--noinput",
    ]


def test_containers_have_resources_and_the_servers_probes():
    for name, deployment in by_kind("Deployment").items():
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        assert container["resources"]["requests"]["cpu"], name
        assert container["resources"]["requests"]["memory"], name
        assert container["resources"]["limits"]["memory"], name
    for name in ("localbzz-web", "localbzz-ws"):
        container = by_kind("Deployment")[name]["spec"]["template"]["spec"]["containers"][0]
        assert container["livenessProbe"]["httpGet"]["path"] == "/health/live"
        assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready"


def test_services_ingress_and_autoscalers_point_at_real_things():
    deployments = by_kind("Deployment")
    services = by_kind("Service")
    for service in services.values():
        selector = service["spec"]["selector"]
        assert any(
            d["spec"]["template"]["metadata"]["labels"] == selector for d in deployments.values()
        )
    [ingress] = by_kind("Ingress").values()
    for rule in ingress["spec"]["rules"]:
        routes = {p["path"]: p["backend"]["service"]["name"] for p in rule["http"]["paths"]}
        assert routes == {"/ws/": "localbzz-ws", "/": "localbzz-web"}
    assert ingress["spec"]["tls"]
    hpas = by_kind("HorizontalPodAutoscaler")
    assert {h["spec"]["scaleTargetRef"]["name"] for h in hpas.values()} == {
        "localbzz-web",
        "localbzz-ws",
        "localbzz-worker",
    }
    for hpa in hpas.values():
        assert hpa["spec"]["minReplicas"] >= 2


def test_one_trusted_proxy_everywhere():
    config = by_kind("ConfigMap")["localbzz-config"]["data"]
    assert config["TRUSTED_PROXIES"] == "1"
    compose = (ROOT / "docker-compose.yml").read_text()
    assert "TRUSTED_PROXIES: ${TRUSTED_PROXIES:-1}" in compose
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert re.search(r"proxy_set_header X-Forwarded-For \$remote_addr;", nginx)


def test_nginx_terminates_tls_redirects_http_and_sends_hsts():
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "listen 443 ssl" in nginx
    assert "ssl_certificate     ${TLS_CERTIFICATE};" in nginx
    assert "ssl_certificate_key ${TLS_CERTIFICATE_KEY};" in nginx
    assert "return 301 https://$host$request_uri;" in nginx
    assert re.search(r'add_header Strict-Transport-Security "max-age=\d{7,}[^"]*" always;', nginx)
    assert "/.well-known/acme-challenge/" in nginx
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    proxy = compose["services"]["proxy"]
    assert "./deploy/nginx.conf:/etc/nginx/templates/default.conf.template:ro" in proxy["volumes"]
    assert set(proxy["environment"]) == {"TLS_CERTIFICATE", "TLS_CERTIFICATE_KEY"}


def test_compose_probes_the_health_endpoints():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert services["web"]["healthcheck"]["test"][-2:] == ["ready", "8000"]
    assert services["ws"]["healthcheck"]["test"][-2:] == ["live", "8001"]
    assert services["web"]["environment"]["PROMETHEUS_MULTIPROC_DIR"]
    assert 'deploy/healthcheck.py", "ready", "8000"' in (ROOT / "Dockerfile").read_text()


def _keys(path: Path) -> dict[str, str]:
    pairs = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            pairs[key.strip()] = value.split("#")[0].strip()
    return pairs


def test_the_environment_examples_name_real_settings():
    known = set(_keys(ROOT / ".env.example")) | {
        "POSTGRES_PASSWORD",
        "WEB_CONCURRENCY",
    }  # compose and gunicorn
    envs = {
        name: _keys(ROOT / "deploy" / "env" / f"{name}.env.example")
        for name in ("development", "staging", "production")
    }
    for name, pairs in envs.items():
        assert set(pairs) <= known, (name, set(pairs) - known)
    assert envs["development"]["DJANGO_ENV"] == "development"
    assert envs["staging"]["DJANGO_ENV"] == envs["production"]["DJANGO_ENV"] == "production"
    for name in ("staging", "production"):
        assert envs[name]["TRUSTED_PROXIES"] == "1"
        assert envs[name]["LOG_FORMAT"] == "json"
        assert envs[name]["SECRET_KEY"] == ""  # never a value in an example
