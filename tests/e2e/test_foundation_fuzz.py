"""A small fuzz of hostile inputs over every RPC of every service, through real processes: whatever
arrives — empty, 100 000-character strings, NULs and injection strings, unknown enum numbers, extreme
numbers, a thousand items, times beyond year 9999, bytes that are no message — no RPC answers
INTERNAL or UNKNOWN (either would be a bug)."""

from __future__ import annotations

import base64
import uuid
from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest
from google.protobuf import descriptor_pool
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message_factory import GetMessageClass
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase
from linli.communities.v1 import communities_pb2 as cpb
from linli.communities.v1 import communities_pb2_grpc as cpb_grpc
from linli_platform.testing.fixtures import bearer, make_token

pytestmark = pytest.mark.e2e
BUGS = (grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN)
INT_LIMITS = {
    FieldDescriptor.CPPTYPE_INT32: (-(2**31), 2**31 - 1),
    FieldDescriptor.CPPTYPE_INT64: (-(2**63), 2**63 - 1),
    FieldDescriptor.CPPTYPE_UINT32: (0, 2**32 - 1),
    FieldDescriptor.CPPTYPE_UINT64: (0, 2**64 - 1),
}
HOSTILE_TEXT = '\' OR 1=1;--{"$gt": ""}\u202e😀<script>\x00../../etc/passwd'


def _repeated(field) -> bool:
    return field.is_repeated if hasattr(field, "is_repeated") else field.label == field.LABEL_REPEATED


def _scalar(field, variant: str):
    cpp = field.cpp_type
    if cpp == FieldDescriptor.CPPTYPE_STRING:
        if field.type == FieldDescriptor.TYPE_BYTES:
            return b"\xff" * 100_000 if variant == "huge" else b"\x00\x01"
        if field.name == "page_token" and variant == "forged":  # well formed, an offset past 8 bytes
            return base64.urlsafe_b64encode(b"9" * 30).decode()
        return {"huge": "字" * 100_000, "hostile": HOSTILE_TEXT, "many": "a"}.get(variant, "fuzz-1")
    if cpp in INT_LIMITS:
        low, high = INT_LIMITS[cpp]
        return {"huge": high, "hostile": low, "many": 1}.get(variant, 1)
    if cpp in (FieldDescriptor.CPPTYPE_DOUBLE, FieldDescriptor.CPPTYPE_FLOAT):
        return {"huge": 1e308, "hostile": float("nan")}.get(variant, 1.5)
    if cpp == FieldDescriptor.CPPTYPE_BOOL:
        return True
    if cpp == FieldDescriptor.CPPTYPE_ENUM:
        if variant == "hostile":
            return 9999
        values = [v.number for v in field.enum_type.values if v.number != 0]
        return values[-1 if variant == "huge" else 0] if values else 0
    raise AssertionError(f"unhandled field type {field.full_name}")


def fill(message, variant: str, depth: int = 0) -> None:
    """Set every field of `message` for a variant: plausible, huge, hostile or many."""
    for field in message.DESCRIPTOR.fields:
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            key_field, value_field = (
                field.message_type.fields_by_name["key"],
                field.message_type.fields_by_name["value"],
            )
            entries = getattr(message, field.name)
            for n in range(1001 if variant == "many" and depth == 0 else 1):
                key = _scalar(key_field, variant)
                key = f"{key}{n}" if isinstance(key, str) else key
                if value_field.message_type is not None:
                    if depth < 3:
                        fill(entries[key], variant, depth + 1)
                else:
                    entries[key] = _scalar(value_field, variant)
            continue
        count = 1001 if variant == "many" and depth == 0 else 1  # a thousand items at the top only
        if field.message_type is not None:
            if depth >= 3:
                continue
            if field.message_type.full_name == "google.protobuf.Timestamp":
                seconds = {"huge": 10**15, "hostile": -(10**15)}.get(variant, 1_700_000_000)
                items = (
                    [getattr(message, field.name).add() for _ in range(count)]
                    if _repeated(field)
                    else [getattr(message, field.name)]
                )
                for item in items:
                    item.seconds = seconds
                continue
            if _repeated(field):
                for _ in range(count):
                    fill(getattr(message, field.name).add(), variant, depth + 1)
            else:
                fill(getattr(message, field.name), variant, depth + 1)
                if not getattr(message, field.name).ListFields():
                    getattr(message, field.name).SetInParent()
            continue
        if _repeated(field):
            getattr(message, field.name).extend([_scalar(field, variant)] * count)
        else:
            setattr(message, field.name, _scalar(field, variant))


@pytest.fixture(scope="module")
def fuzz_tenant(system):
    tenant = f"fz-{uuid.uuid4().hex[:8]}"
    with grpc.insecure_channel(system.address("communities")) as channel:
        cpb_grpc.CommunitiesServiceStub(channel).CreateTenant(
            cpb.CreateTenantRequest(request_id=uuid.uuid4().hex, tenant_id=tenant, name="模糊测试区"),
            metadata=bearer(make_token("platform", "platform_admin")),
            timeout=10,
        )
    return tenant


def _methods(channel) -> list:
    """Every method the server lists by reflection, described by the server itself."""
    database = ProtoReflectionDescriptorDatabase(channel)
    pool = descriptor_pool.DescriptorPool(database)
    found = []
    for name in database.get_services():
        if not name.startswith("grpc."):
            found.extend(pool.FindServiceByName(name).methods)
    return found


def _payloads(method) -> dict[str, bytes]:
    request_cls = GetMessageClass(method.input_type)
    payloads = {"empty": b"", "garbage": b"\x0a\xff\xff\xff\x0f\x12\x03\xff\xfe\xfd"}
    for variant in ("plausible", "huge", "hostile", "many", "forged"):
        request = request_cls()
        fill(request, variant)
        payloads[variant] = request.SerializeToString()
    if payloads["forged"] == payloads["plausible"]:  # "forged": plausible but for a page token
        del payloads["forged"]
    return payloads


def test_no_hostile_input_makes_any_rpc_answer_internal_or_unknown(system, fuzz_tenant):
    roles = [
        bearer(make_token(fuzz_tenant, "district_admin", f"admin@{fuzz_tenant}")),
        bearer(make_token(fuzz_tenant, "resident", "fuzzer")),
        bearer(make_token(fuzz_tenant, "property_firm", "firm@shimao", org="shimao")),
    ]
    channels = [
        grpc.insecure_channel(system.address(s), options=[("grpc.max_send_message_length", 64 << 20)])
        for s in system.services
    ]
    jobs = []
    for service, channel in zip(system.services, channels, strict=True):
        methods = _methods(channel)
        assert methods, f"{service} serves no RPC"
        for method in methods:
            assert not (method.server_streaming or method.client_streaming), "every API here is unary"
            rpc = channel.unary_unary(f"/{method.containing_service.full_name}/{method.name}")  # raw bytes
            jobs += [
                (rpc, method.full_name, variant, payload, metadata)
                for variant, payload in _payloads(method).items()
                for metadata in roles
            ]

    def attempt(job) -> str:
        rpc, name, variant, payload, metadata = job
        try:
            rpc(payload, metadata=metadata, timeout=30)
        except grpc.RpcError as err:
            if err.code() in BUGS:
                return f"{name} [{variant}] → {err.code().name}: {err.details()[:200]}"
        return ""

    try:
        with ThreadPoolExecutor(4) as pool:
            bugs = [found for found in pool.map(attempt, jobs) if found]
    finally:
        for channel in channels:
            channel.close()
    assert len(jobs) > 100
    assert not bugs, f"{len(bugs)} of {len(jobs)} calls answered INTERNAL/UNKNOWN:\n" + "\n".join(bugs)
