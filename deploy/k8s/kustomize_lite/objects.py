"""What every part of the renderer shares: its error, what a kustomization has built so far, an
object's name and its pod template."""

from __future__ import annotations

from dataclasses import dataclass, field


class RenderError(ValueError):
    pass


@dataclass
class Built:
    resources: list[dict] = field(default_factory=list)
    # ConfigMaps made by a generator: name before its hash → whether it gets the hash suffix.
    generated: dict[str, bool] = field(default_factory=dict)


def object_name(resource: dict) -> str:
    return resource["metadata"]["name"]


def pod_spec(resource: dict) -> dict | None:
    spec = resource.get("spec", {})
    if resource["kind"] == "Pod":
        return spec
    if resource["kind"] == "CronJob":
        return spec.get("jobTemplate", {}).get("spec", {}).get("template", {}).get("spec")
    return spec.get("template", {}).get("spec") if isinstance(spec.get("template"), dict) else None
