"""deploy/k8s: both overlays render offline (deploy/k8s/render.py, the same objects `kubectl kustomize`
makes), every object is valid against the Kubernetes schemas (kubernetes-validate, strict), checkov finds
nothing that is not justified in the manifest, and the objects say what the operations issue asks: gRPC
probes for APIs and metrics probes for workers, Services, PodDisruptionBudgets, HPAs on CPU (APIs) and
on consumer lag (workers that consume, never beyond the partitions), ConfigMaps, Secrets only by
reference, scrape annotations, unprivileged read-only containers with requests and limits."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import kubernetes_validate
import pytest
import yaml
from linli_gateway.settings import GatewaySettings
from linli_platform.config import DEFAULT_GRPC_PORTS, DEFAULT_METRICS_PORTS, SERVICES, Settings

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
OVERLAYS = ("dev", "prod")
KUBERNETES_VERSION = "1.32.0"
CHECKOV = "checkov==3.3.30"
APIS = [f"{s}-api" for s in SERVICES]
WORKERS = [f"{s}-worker" for s in SERVICES]
SECRET_ENV = re.compile(r"PASSWORD|SECRET|MONGO_URI|TOKEN")

_spec = importlib.util.spec_from_file_location("linli_k8s_render", K8S / "render.py")
render = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = render  # dataclasses look their module up there
_spec.loader.exec_module(render)


@pytest.fixture(scope="module", params=OVERLAYS)
def overlay(request) -> tuple[str, list[dict]]:
    return request.param, render.render(K8S / "overlays" / request.param)


def _by(objects: list[dict], kind: str) -> dict[str, dict]:
    return {o["metadata"]["name"]: o for o in objects if o["kind"] == kind}


def _container(deployment: dict) -> dict:
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    return container


def _env(container: dict) -> dict[str, dict]:
    return {e["name"]: e for e in container.get("env", [])}


def _workers_that_consume() -> set[str]:
    return {
        f"{s}-worker"
        for s in SERVICES
        if "@consume(" in (ROOT / f"services/{s}/linli_{s}/entrypoints/worker.py").read_text()
    }


# --- rendering ----------------------------------------------------------------------------------------


def test_the_renderer_makes_what_kubectl_kustomize_makes(overlay):
    name, objects = overlay
    kubectl = shutil.which("kubectl")
    # The machine image ships kubectl 1.32 (kustomize 5.5); Debian's kubernetes-client (1.20) is too old.
    assert kubectl, "kubectl with kustomize 5 is needed to compare the renderer with kustomize itself"
    done = subprocess.run(
        [kubectl, "kustomize", "--load-restrictor", "LoadRestrictionsNone", str(K8S / "overlays" / name)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr

    def keyed(docs):
        return {(d["kind"], d["metadata"].get("namespace"), d["metadata"]["name"]): d for d in docs if d}

    theirs, ours = keyed(yaml.safe_load_all(done.stdout)), keyed(objects)
    assert set(ours) == set(theirs)
    for key in ours:
        assert ours[key] == theirs[key], key


def test_the_command_line_prints_the_same_objects():
    done = subprocess.run(
        [str(ROOT / ".venv/bin/python"), str(K8S / "render.py"), str(K8S / "overlays/prod")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert list(yaml.safe_load_all(done.stdout)) == render.render(K8S / "overlays/prod")


def test_every_object_is_valid_against_the_kubernetes_schemas(overlay):
    _name, objects = overlay
    for obj in objects:
        kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)


def test_the_schema_validation_rejects_a_field_kubernetes_does_not_have(overlay):
    _name, objects = overlay
    broken = json.loads(json.dumps(_by(objects, "Deployment")["tickets-api"]))
    broken["spec"]["template"]["spec"]["containers"][0]["readinessProbes"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)


def test_each_overlay_has_its_own_namespace_and_image_tag(overlay):
    name, objects = overlay
    namespace = {"dev": "linli-dev", "prod": "linli"}[name]
    assert {o["metadata"].get("namespace") for o in objects} == {namespace}
    tags = {_container(d)["image"] for n, d in _by(objects, "Deployment").items() if n in [*APIS, *WORKERS]}
    assert tags == {"linli:dev" if name == "dev" else "linli:0.1.0"}


# --- what runs, how it is probed and scaled -----------------------------------------------------------


def test_every_api_has_a_deployment_with_grpc_probes_a_service_a_pdb_and_a_cpu_hpa(overlay):
    _name, objects = overlay
    deployments, services = _by(objects, "Deployment"), _by(objects, "Service")
    pdbs, hpas = _by(objects, "PodDisruptionBudget"), _by(objects, "HorizontalPodAutoscaler")
    for service in SERVICES:
        api, port = f"{service}-api", DEFAULT_GRPC_PORTS[service]
        container = _container(deployments[api])
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            assert container[probe]["grpc"]["port"] == port, (api, probe)
        env = _env(container)
        assert env["LINLI_COMPONENT"]["value"] == api
        assert env["LINLI_GRPC_PORT"]["value"] == str(port)
        assert env["LINLI_METRICS_PORT"]["value"] == str(DEFAULT_METRICS_PORTS[service])
        assert {p["port"] for p in services[api]["spec"]["ports"]} == {port, DEFAULT_METRICS_PORTS[service]}
        assert (
            services[api]["spec"]["selector"].items()
            <= deployments[api]["spec"]["template"]["metadata"]["labels"].items()
        )
        assert (
            pdbs[api]["spec"]["selector"]["matchLabels"]
            == deployments[api]["spec"]["selector"]["matchLabels"]
        )
        hpa = hpas[api]["spec"]
        assert hpa["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": api}
        assert [m["resource"]["name"] for m in hpa["metrics"]] == ["cpu"]
        assert "replicas" not in deployments[api]["spec"], "the HPA owns the replica count"


def test_every_worker_has_a_metrics_probe_a_pdb_and_scales_on_lag_up_to_the_partitions(overlay):
    _name, objects = overlay
    deployments, hpas = _by(objects, "Deployment"), _by(objects, "HorizontalPodAutoscaler")
    pdbs = _by(objects, "PodDisruptionBudget")
    (topics,) = [c for n, c in _by(objects, "ConfigMap").items() if n.startswith("kafka-topics-")]
    partitions = int(topics["data"]["KAFKA_TOPIC_PARTITIONS"])
    consuming = _workers_that_consume()
    assert {"tickets-worker", "notifications-worker", "fees-worker"} <= consuming
    for service in SERVICES:
        worker = f"{service}-worker"
        container = _container(deployments[worker])
        metrics_port = DEFAULT_METRICS_PORTS[service] + 10
        assert _env(container)["LINLI_METRICS_PORT"]["value"] == str(metrics_port)
        assert container["ports"] == [{"name": "metrics", "containerPort": metrics_port}]
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            assert container[probe]["httpGet"] == {"path": "/metrics", "port": "metrics"}, (worker, probe)
        assert worker in pdbs
        hpa = hpas[worker]["spec"]
        assert hpa["maxReplicas"] <= partitions, f"{worker}: a replica beyond the partitions idles"
        pods = [m["pods"] for m in hpa["metrics"] if m["type"] == "Pods"]
        if worker in consuming:
            assert [p["metric"]["name"] for p in pods] == ["linli_consumer_lag"], worker
            assert pods[0]["target"]["type"] == "AverageValue"
        else:
            assert not pods, f"{worker} consumes nothing: no lag series exists for it"


def test_the_gateway_is_probed_on_healthz_and_served_on_http(overlay):
    _name, objects = overlay
    container = _container(_by(objects, "Deployment")["gateway"])
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert _env(container)["LINLI_GATEWAY_HOST"]["value"] == "0.0.0.0"
    assert "gateway" in _by(objects, "HorizontalPodAutoscaler")
    assert "gateway-http" in _by(objects, "NetworkPolicy")


def test_prod_keeps_three_api_replicas_and_dev_one(overlay):
    name, objects = overlay
    hpas = _by(objects, "HorizontalPodAutoscaler")
    least = {"dev": 1, "prod": 3}[name]
    for api in [*APIS, "gateway"]:
        assert hpas[api]["spec"]["minReplicas"] == least, api
    pdbs = _by(objects, "PodDisruptionBudget")
    if name == "prod":
        assert all(pdbs[api]["spec"]["minAvailable"] == 1 for api in APIS)
    else:  # one replica: a minAvailable of 1 would block every node drain
        assert all("minAvailable" not in pdb["spec"] for pdb in pdbs.values())


# --- security, resources, configuration, secrets -------------------------------------------------------


def _pod_specs(objects: list[dict]):
    for obj in objects:
        template = obj.get("spec", {}).get("template")
        if template:
            yield obj["metadata"]["name"], template["spec"]


def test_every_container_is_unprivileged_read_only_and_has_requests_and_limits(overlay):
    _name, objects = overlay
    for name, pod in _pod_specs(objects):
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}, name
        for container in pod["containers"]:
            security = container["securityContext"]
            assert security["allowPrivilegeEscalation"] is False, name
            assert security["readOnlyRootFilesystem"] is True, name
            assert security["capabilities"] == {"drop": ["ALL"]}, name
            assert security["runAsUser"] >= 10000 or security["runAsUser"] == 65534, name
            assert {"cpu", "memory"} <= set(container["resources"]["requests"]), name
            assert {"cpu", "memory"} <= set(container["resources"]["limits"]), name
        if name != "prometheus":  # Prometheus alone reads the Kubernetes API (service discovery)
            assert pod["automountServiceAccountToken"] is False, name


def test_secrets_come_only_by_reference_and_none_is_in_the_repository(overlay):
    _name, objects = overlay
    assert not [o for o in objects if o["kind"] == "Secret"]
    referenced = set()
    for name, pod in _pod_specs(objects):
        for container in pod["containers"]:
            for env in container.get("env", []):
                if SECRET_ENV.search(env["name"]):
                    assert "value" not in env, (name, env["name"])
                    ref = env["valueFrom"]["secretKeyRef"]
                    referenced.add((ref["name"], ref["key"]))
    assert referenced == {("linli-mongo", "uri"), ("linli-jwt", "secret"), ("grafana-admin", "password")}
    for config_map in _by(objects, "ConfigMap").values():
        for key in config_map["data"]:
            assert not SECRET_ENV.search(key), key
    readme = (K8S / "README.md").read_text()
    for secret, key in referenced:
        assert f"{secret}" in readme and key in readme, secret


def test_the_shared_configuration_names_only_settings_linli_reads(overlay):
    _name, objects = overlay
    (config,) = [c for n, c in _by(objects, "ConfigMap").items() if n.startswith("linli-config-")]
    known = {f"LINLI_{field.upper()}" for field in [*Settings.model_fields, *GatewaySettings.model_fields]}
    assert set(config["data"]) <= known, set(config["data"]) - known
    for name, pod in _pod_specs(objects):
        for container in pod["containers"]:
            for ref in container.get("envFrom", []):
                if "configMapRef" in ref:
                    assert ref["configMapRef"]["name"] in _by(objects, "ConfigMap"), name


def test_every_linli_pod_is_scraped_on_its_metrics_port(overlay):
    _name, objects = overlay
    for name, deployment in _by(objects, "Deployment").items():
        if name in ("prometheus", "grafana"):
            continue
        template = deployment["spec"]["template"]
        annotations = template["metadata"]["annotations"]
        assert annotations["prometheus.io/scrape"] == "true", name
        assert annotations["prometheus.io/path"] == "/metrics", name
        metrics = [p for p in _container(deployment)["ports"] if p["name"] == "metrics"]
        assert annotations["prometheus.io/port"] == str(metrics[0]["containerPort"]), name
        assert (
            _env(_container(deployment))["LINLI_METRICS_PORT"]["value"] == annotations["prometheus.io/port"]
        )
        assert template["metadata"]["labels"]["linli.io/service"] in [*SERVICES, "gateway"]


def test_the_topics_job_runs_the_script_compose_runs_with_the_topics_of_the_code(overlay, every_topic):
    _name, objects = overlay
    job = _by(objects, "Job")["kafka-topics"]
    (topics,) = [c for n, c in _by(objects, "ConfigMap").items() if n.startswith("kafka-topics-")]
    assert topics["data"]["kafka-topics.sh"] == (K8S / "base/kafka-topics.sh").read_text()
    assert every_topic <= set(topics["data"]["LINLI_TOPICS"].split())
    container = _container(job)
    assert container["command"] == ["sh", "/scripts/kafka-topics.sh"]
    assert container["env"][0]["valueFrom"]["configMapKeyRef"]["key"] == "LINLI_KAFKA_BOOTSTRAP"


# --- monitoring: the observability area's files, mounted from ConfigMaps -------------------------------


def _compose_prometheus() -> dict:
    return yaml.safe_load((ROOT / "deploy/prometheus/prometheus.yml").read_text())


def test_prometheus_gets_every_rule_file_and_grafana_every_dashboard_from_deploy(overlay):
    _name, objects = overlay
    maps = {n.rsplit("-", 1)[0]: c["data"] for n, c in _by(objects, "ConfigMap").items()}
    rule_files = [Path(f).name for f in _compose_prometheus()["rule_files"]]
    assert sorted(maps["prometheus-rules"]) == sorted(rule_files), "list them in deploy/k8s/monitoring"
    for rule_file in rule_files:
        assert maps["prometheus-rules"][rule_file] == (ROOT / "deploy/prometheus" / rule_file).read_text()
    dashboards = sorted(p.name for p in (ROOT / "deploy/grafana/dashboards").glob("*.json"))
    assert sorted(maps["grafana-dashboards"]) == dashboards, "list them in deploy/k8s/monitoring"
    providers = sorted(p.name for p in (ROOT / "deploy/grafana/provisioning/dashboards").glob("*.y*ml"))
    assert sorted(maps["grafana-dashboard-providers"]) == providers
    datasources = sorted(p.name for p in (ROOT / "deploy/grafana/provisioning/datasources").glob("*.y*ml"))
    assert sorted(maps["grafana-datasources"]) == datasources
    k8s_config = yaml.safe_load(maps["prometheus-config"]["prometheus.yml"])
    assert k8s_config["rule_files"] == [f"/etc/prometheus/rules/{f}" for f in rule_files]
    mounts = {m["mountPath"] for m in _container(_by(objects, "Deployment")["prometheus"])["volumeMounts"]}
    assert {"/etc/prometheus/rules", "/etc/prometheus/config"} <= mounts


def test_prometheus_on_kubernetes_labels_targets_as_compose_does_and_by_pod(overlay):
    _name, objects = overlay
    (config,) = [c for n, c in _by(objects, "ConfigMap").items() if n.startswith("prometheus-config-")]
    k8s = yaml.safe_load(config["data"]["prometheus.yml"])
    (linli,) = [job for job in k8s["scrape_configs"] if job["job_name"] == "linli"]
    targets = {r["target_label"] for r in linli["relabel_configs"] if "target_label" in r}
    assert {"job", "service", "component", "namespace", "pod", "__address__", "__metrics_path__"} <= targets
    compose_jobs = {job["job_name"] for job in _compose_prometheus()["scrape_configs"]}
    (job_rule,) = [r for r in linli["relabel_configs"] if r.get("target_label") == "job"]
    for component in ("api", "worker", "gateway"):
        assert job_rule["replacement"].replace("$1", component) in compose_jobs
    compose_labels = {
        key
        for job in _compose_prometheus()["scrape_configs"]
        for static in job["static_configs"]
        for key in static.get("labels", {})
    }
    assert compose_labels <= targets


def test_promtool_accepts_the_kubernetes_prometheus_configuration_and_its_rules(tmp_path):
    promtool = shutil.which("promtool")
    assert promtool, "promtool is not installed: `apt-get install prometheus` (.ci/run does it)"
    objects = render.render(K8S / "overlays/prod")
    maps = {n.rsplit("-", 1)[0]: c["data"] for n, c in _by(objects, "ConfigMap").items()}
    config = yaml.safe_load(maps["prometheus-config"]["prometheus.yml"])
    # Debian builds promtool without Kubernetes discovery: check everything else (the relabelling, the
    # rules as mounted) with the discovery swapped for a static target. prom/prometheus has it.
    for job in config["scrape_configs"]:
        if job.pop("kubernetes_sd_configs", None) is not None:
            job["static_configs"] = [{"targets": ["127.0.0.1:9101"]}]
    for name, text in maps["prometheus-rules"].items():
        (tmp_path / name).write_text(text)
    config["rule_files"] = [str(tmp_path / Path(f).name) for f in config["rule_files"]]
    (tmp_path / "prometheus.yml").write_text(yaml.safe_dump(config))
    done = subprocess.run(
        [promtool, "check", "config", str(tmp_path / "prometheus.yml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_adapter_rule_serves_the_metric_the_worker_hpas_read_per_pod():
    adapter = yaml.safe_load((K8S / "monitoring/prometheus-adapter.yaml").read_text())
    (rule,) = adapter["rules"]
    assert rule["seriesQuery"].startswith("linli_consumer_lag{")
    assert rule["resources"]["overrides"] == {
        "namespace": {"resource": "namespace"},
        "pod": {"resource": "pod"},
    }
    assert rule["name"]["as"] == "linli_consumer_lag"
    assert "<<.GroupBy>>" in rule["metricsQuery"] and "<<.LabelMatchers>>" in rule["metricsQuery"]
    metrics = (ROOT / "libs/linli_platform/linli_platform/metrics.py").read_text()
    assert '"linli_consumer_lag"' in metrics


# --- checkov -------------------------------------------------------------------------------------------


def _checkov(tmp_path: Path, *args: str) -> dict:
    uv = ROOT / ".tools/bin/uv"
    env = {**os.environ, "BC_SKIP_MAPPING": "TRUE", "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false"}
    done = subprocess.run(
        [
            str(uv),
            "tool",
            "run",
            "--from",
            CHECKOV,
            "checkov",
            *args,
            "--skip-download",
            "--compact",
            "-o",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=540,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]
    report = json.loads(done.stdout)
    return report[0] if isinstance(report, list) else report


@pytest.mark.integration  # installs checkov into uv's tool cache the first time (about a minute)
def test_checkov_finds_nothing_unjustified_in_the_manifests_and_the_dockerfile(tmp_path):
    scanned = tmp_path / "rendered"
    scanned.mkdir()
    for name in OVERLAYS:
        (scanned / f"{name}.yaml").write_text(render.render_text(K8S / "overlays" / name))
    for report in (
        _checkov(tmp_path, "-d", str(scanned), "--framework", "kubernetes"),
        _checkov(tmp_path, "-f", str(ROOT / "deploy/Dockerfile"), "--framework", "dockerfile"),
    ):
        failed = report["results"]["failed_checks"]
        assert not failed, [(c["check_id"], c["resource"], c["check_name"]) for c in failed]
        assert report["summary"]["passed"] > 0 and report["summary"]["parsing_errors"] == 0
        for skipped in report["results"]["skipped_checks"]:
            reason = skipped["check_result"].get("suppress_comment", "")
            assert len(reason) > 40, f"{skipped['check_id']} on {skipped['resource']}: say why"


# --- the renderer itself -------------------------------------------------------------------------------


def _kustomization(tmp_path: Path, spec: dict, **files: str) -> Path:
    (tmp_path / "kustomization.yaml").write_text(yaml.safe_dump(spec))
    for name, text in files.items():
        (tmp_path / name.replace("__", ".")).write_text(text)
    return tmp_path


def test_a_generated_config_map_is_named_by_kustomize_hash_and_references_follow(tmp_path):
    deployment = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "d"},
        "spec": {
            "template": {
                "spec": {
                    "containers": [{"name": "c", "image": "x", "envFrom": [{"configMapRef": {"name": "a"}}]}],
                    "volumes": [{"name": "v", "configMap": {"name": "a"}}],
                }
            }
        },
    }
    spec = {"resources": ["d.yaml"], "configMapGenerator": [{"name": "a", "literals": ["X=1"]}]}
    objects = render.render(_kustomization(tmp_path, spec, d__yaml=yaml.safe_dump(deployment)))
    config_map, rendered = objects
    assert config_map["metadata"]["name"] == "a-4f64tg9ch6"  # what kustomize 5.5 names it
    pod = rendered["spec"]["template"]["spec"]
    assert pod["containers"][0]["envFrom"][0]["configMapRef"]["name"] == "a-4f64tg9ch6"
    assert pod["volumes"][0]["configMap"]["name"] == "a-4f64tg9ch6"


def test_strategic_merge_merges_named_items_deletes_nulls_and_replaces_plain_lists(tmp_path):
    base = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "d"},
        "spec": {
            "template": {
                "spec": {
                    "containers": [
                        {"name": "a", "image": "x", "args": ["1", "2"], "env": [{"name": "K", "value": "1"}]},
                        {"name": "b", "image": "y"},
                    ],
                    "volumes": [{"name": "data", "emptyDir": {}}, {"name": "tmp", "emptyDir": {}}],
                }
            }
        },
    }
    patch = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "d"},
        "spec": {
            "template": {
                "spec": {
                    "containers": [{"name": "a", "args": ["3"], "env": [{"name": "L", "value": "2"}]}],
                    "volumes": [
                        {"name": "data", "emptyDir": None, "persistentVolumeClaim": {"claimName": "c"}},
                        {"name": "tmp", "$patch": "delete"},
                    ],
                }
            }
        },
    }
    spec = {"resources": ["d.yaml"], "patches": [{"path": "p.yaml"}]}
    (obj,) = render.render(
        _kustomization(tmp_path, spec, d__yaml=yaml.safe_dump(base), p__yaml=yaml.safe_dump(patch))
    )
    pod = obj["spec"]["template"]["spec"]
    assert pod["containers"][0] == {
        "name": "a",
        "image": "x",
        "args": ["3"],
        "env": [{"name": "L", "value": "2"}, {"name": "K", "value": "1"}],
    }
    assert pod["containers"][1] == {"name": "b", "image": "y"}
    assert pod["volumes"] == [{"name": "data", "persistentVolumeClaim": {"claimName": "c"}}]


def test_json_patches_apply_to_every_target_the_label_selector_picks(tmp_path):
    def hpa(name, component):
        return {
            "apiVersion": "autoscaling/v2",
            "kind": "HorizontalPodAutoscaler",
            "metadata": {"name": name, "labels": {"c": component}},
            "spec": {"minReplicas": 2, "maxReplicas": 5},
        }

    docs = yaml.safe_dump_all([hpa("a", "api"), hpa("w", "worker"), hpa("g", "gateway")])
    spec = {
        "resources": ["h.yaml"],
        "patches": [
            {
                "target": {"kind": "HorizontalPodAutoscaler", "labelSelector": "c in (api,gateway)"},
                "patch": yaml.safe_dump(
                    [
                        {"op": "replace", "path": "/spec/minReplicas", "value": 3},
                        {"op": "remove", "path": "/spec/maxReplicas"},
                    ]
                ),
            }
        ],
    }
    objects = {
        o["metadata"]["name"]: o["spec"] for o in render.render(_kustomization(tmp_path, spec, h__yaml=docs))
    }
    assert objects == {
        "a": {"minReplicas": 3},
        "g": {"minReplicas": 3},
        "w": {"minReplicas": 2, "maxReplicas": 5},
    }


def test_the_renderer_refuses_what_it_does_not_know_and_patches_that_match_nothing(tmp_path):
    (tmp_path / "x").mkdir()
    _kustomization(tmp_path / "x", {"resources": [], "namePrefix": "p-"})
    with pytest.raises(render.RenderError, match="namePrefix"):
        render.render(tmp_path / "x")
    (tmp_path / "y").mkdir()
    spec = {
        "resources": [],
        "patches": [{"target": {"kind": "Job"}, "patch": "- op: remove\n  path: /spec\n"}],
    }
    with pytest.raises(render.RenderError, match="matches nothing"):
        render.render(_kustomization(tmp_path / "y", spec))
