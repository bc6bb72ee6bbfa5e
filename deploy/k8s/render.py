"""Render a kustomization offline, as `kubectl kustomize --load-restrictor LoadRestrictionsNone` does.

    python deploy/k8s/render.py deploy/k8s/overlays/prod > linli.yaml

No kustomize binary is needed (none is installed here, and CI has no other source of one): this renders
the subset of kustomize that deploy/k8s uses, and refuses every field it does not know rather than
ignoring it, so what it prints is what kustomize prints (tests/deploy/test_k8s.py compares the two
whenever kubectl is on the machine). Supported:
  resources (files and directories), namespace, images (newName/newTag/digest),
  configMapGenerator (literals, files, envs; behavior create/merge/replace; the content-hash suffix and
  every reference to the ConfigMap renamed with it), generatorOptions (disableNameSuffixHash, labels,
  annotations), patches (a file or inline; strategic merge or a JSON 6902 list; target by kind, name
  and label selector).
Strategic merge knows the merge keys of the fields deploy/k8s patches (containers, env, volumes, ports,
volumeMounts); any other list is replaced, as kustomize does for lists without a merge key.

This file reads the kustomizations (resources, then generators, patches, images, namespace, in
kustomize's order) and prints; kustomize_lite/ holds the parts: configmaps.py (the generator and the
hash suffix), patches.py, transformers.py (images, namespace), objects.py (what they share).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

# The renderer's parts live beside this file, in kustomize_lite/ (tests/deploy load this file by path).
_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
from kustomize_lite.configmaps import generate_config_map, suffix_generated_names  # noqa: E402
from kustomize_lite.objects import Built, RenderError, object_name  # noqa: E402
from kustomize_lite.patches import apply_patch  # noqa: E402
from kustomize_lite.transformers import set_image, set_namespace  # noqa: E402

__all__ = ["RenderError", "render", "render_text"]

KNOWN_FIELDS = {
    "apiVersion",
    "kind",
    "resources",
    "namespace",
    "images",
    "configMapGenerator",
    "generatorOptions",
    "patches",
}
# The order `kubectl apply` wants: what others refer to comes first.
ORDER = [
    "Namespace",
    "ServiceAccount",
    "Role",
    "ClusterRole",
    "RoleBinding",
    "ClusterRoleBinding",
    "ConfigMap",
    "Secret",
    "Service",
    "PersistentVolumeClaim",
    "NetworkPolicy",
    "Deployment",
    "StatefulSet",
    "PodDisruptionBudget",
    "HorizontalPodAutoscaler",
    "Job",
]


def render(directory: Path | str) -> list[dict]:
    """Every object the kustomization in `directory` makes, generated names final, in apply order."""
    built = _build(Path(directory).resolve())
    suffix_generated_names(built)
    rank = {kind: i for i, kind in enumerate(ORDER)}
    return sorted(built.resources, key=lambda r: (rank.get(r["kind"], len(ORDER)), object_name(r)))


def render_text(directory: Path | str) -> str:
    return yaml.safe_dump_all(render(directory), sort_keys=False, allow_unicode=True)


# --- one kustomization ------------------------------------------------------------------------------


def _build(directory: Path) -> Built:
    path = directory / "kustomization.yaml"
    if not path.is_file():
        raise RenderError(f"no kustomization.yaml in {directory}")
    spec = yaml.safe_load(path.read_text()) or {}
    unknown = set(spec) - KNOWN_FIELDS
    if unknown:
        raise RenderError(f"{path}: this renderer does not know {sorted(unknown)}")
    built = Built()
    for entry in spec.get("resources", []):
        target = (directory / entry).resolve()
        if target.is_dir():
            inner = _build(target)
            built.resources += inner.resources
            built.generated.update(inner.generated)
        else:
            built.resources += [doc for doc in yaml.safe_load_all(target.read_text()) if doc]
    options = spec.get("generatorOptions", {})
    for generator in spec.get("configMapGenerator", []):
        generate_config_map(built, directory, generator, options)
    for patch in spec.get("patches", []):
        apply_patch(built, directory, patch)
    for image in spec.get("images", []):
        set_image(built.resources, image)
    if "namespace" in spec:
        set_namespace(built.resources, spec["namespace"])
    return built


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python deploy/k8s/render.py <kustomization directory>")
    sys.stdout.write(render_text(sys.argv[1]))
