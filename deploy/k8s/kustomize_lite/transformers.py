"""The images and namespace transformers: new image names, tags and digests in pod templates, and
the namespace on every namespaced object (and on the service accounts that role bindings name)."""

from __future__ import annotations

from kustomize_lite.objects import RenderError, pod_spec

CLUSTER_SCOPED = {
    "Namespace",
    "ClusterRole",
    "ClusterRoleBinding",
    "CustomResourceDefinition",
    "PersistentVolume",
    "StorageClass",
    "PriorityClass",
    "APIService",
}


def _image_name(image: str) -> str:
    name = image.split("@", 1)[0]
    last = name.rsplit("/", 1)[-1]
    return name[: len(name) - len(last)] + last.split(":", 1)[0]


def set_image(resources: list[dict], image: dict) -> None:
    if set(image) - {"name", "newName", "newTag", "digest"}:
        raise RenderError(f"images: unknown {sorted(set(image) - {'name', 'newName', 'newTag', 'digest'})}")
    for resource in resources:
        pod = pod_spec(resource)
        for container in (pod or {}).get("containers", []) + (pod or {}).get("initContainers", []):
            current = container["image"]
            if _image_name(current) != image["name"]:
                continue
            name = image.get("newName", image["name"])
            if "digest" in image:
                container["image"] = f"{name}@{image['digest']}"
            elif "newTag" in image:
                container["image"] = f"{name}:{image['newTag']}"
            else:
                container["image"] = name + current[len(_image_name(current)) :]


def set_namespace(resources: list[dict], namespace: str) -> None:
    for resource in resources:
        if resource["kind"] not in CLUSTER_SCOPED:
            resource["metadata"]["namespace"] = namespace
        if resource["kind"] in ("RoleBinding", "ClusterRoleBinding"):
            for subject in resource.get("subjects", []):
                if subject.get("kind") == "ServiceAccount":
                    subject["namespace"] = namespace
