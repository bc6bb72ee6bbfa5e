"""Every mutating RPC (its request carries a request_id) has the request_id semantics of
linli_platform.idempotency: the same id with the same content answers the first result, with other
content ALREADY_EXISTS naming request_id. Each servicer method is either `@idempotent` or
`@fingerprinted` (its use case checks the fingerprint kept on the aggregate); the behaviour itself is
tested per service. A new RPC without either fails here."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def servicer_classes() -> list[type]:
    found = []
    for path in sorted((ROOT / "services").glob("*/linli_*/entrypoints/*.py")):
        if path.stem in ("__init__", "worker"):  # workers monkey-patch with eventlet at import
            continue
        module = importlib.import_module(f"{path.parents[1].name}.entrypoints.{path.stem}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and any(
                base.__module__.endswith("_pb2_grpc") for base in cls.__mro__[1:]
            ):
                found.append(cls)
    return found


def mutating_methods(cls: type) -> list[tuple[str, str]]:
    """(service, method) of the generated service that `cls` implements, whose request has request_id."""
    methods = []
    for base in cls.__mro__[1:]:
        if not base.__module__.endswith("_pb2_grpc"):
            continue
        pb2 = importlib.import_module(base.__module__.removesuffix("_grpc"))
        service = pb2.DESCRIPTOR.services_by_name[base.__name__.removesuffix("Servicer")]
        for method in service.methods:
            if "request_id" in method.input_type.fields_by_name and method.name in vars(cls):
                methods.append((service.full_name, method.name))
    return methods


def test_every_mutating_rpc_has_request_id_semantics():
    classes = servicer_classes()
    assert len(classes) >= 5, [c.__name__ for c in classes]
    unmarked, counted = [], 0
    for cls in classes:
        for service, name in mutating_methods(cls):
            counted += 1
            if getattr(getattr(cls, name), "__linli_request_id__", None) not in (
                "idempotent",
                "fingerprinted",
            ):
                unmarked.append(f"{service}/{name} ({cls.__module__})")
    assert counted > 20
    assert unmarked == []
